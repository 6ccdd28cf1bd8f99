"""The page templates: an override folder replaces one part of a page and nothing else, and whatever an
override prints is escaped by the engine (site/templates.py), invisible characters made visible."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
import pytest
from cliutil import BASE
from markupsafe import Markup

from leaderboard import aggregate, comparability, tables
from leaderboard.corpus import load_corpus
from leaderboard.site import overview, pages, reference
from leaderboard.site.templates import PageTemplateError, Templates, default_templates, shown

HOSTILE = '<img src=x onerror=alert(1)> & "q" \u202eevil'
HOSTILE_SHOWN = "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &lt;U+202E&gt;evil"


@pytest.fixture(scope="module")
def corpus():
    corpus = load_corpus(BASE)
    benchmarks = {s.data["id"]: s.data for s in corpus.of_kind("benchmark")}
    return benchmarks, aggregate.with_ranks(tables.results_frame(corpus))


def _charted(benchmarks: dict, ranked):
    """The base corpus' first benchmark with a comparable group (two ranked results: only those are charted),
    with a hostile name, and a chart of each kind per group."""
    bench_id = sorted(b for b, _ in comparability.comparable_groups(ranked))[0]
    bench = dict(benchmarks[bench_id], name=HOSTILE)
    rows = ranked.filter(ranked["benchmark"] == bench_id)
    groups = aggregate.leaderboard(rows).get_column("group").unique(maintain_order=True).to_list()
    charts = {
        (g, key): [(f"{bench_id}-{n}-{key}", "", True)] for n, g in enumerate(groups) for key in ("sota", "ranking")
    }
    return bench, rows, charts


def _override(tmp_path: Path, files: dict[str, str]) -> Templates:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Templates(tmp_path)


def test_an_overridden_partial_changes_only_its_part_of_the_page(corpus, tmp_path: Path):
    bench, rows, charts = _charted(*corpus)
    mine = _override(tmp_path, {"partials/chart.html": '<figure class="my-chart">{{ chart.alt }}</figure>\n'})
    default = pages.benchmark_page(bench, rows, charts, "2024-05-01")
    overridden = pages.benchmark_page(bench, rows, charts, "2024-05-01", templates=mine)
    before = default.splitlines()
    after = overridden.splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == len(charts)
    for old, new in changed:
        assert old.startswith('<div class="lb-chart"')
        assert new.startswith('<figure class="my-chart">') and new.endswith("</figure>")
    # The other pages do not use the partial and are unchanged by it.
    assert pages.paper_page({"id": "p", "title": "T"}, [], templates=mine) == pages.paper_page(
        {"id": "p", "title": "T"}, []
    )


def test_an_override_prints_contributed_text_escaped_and_invisible_characters_shown(corpus, tmp_path: Path):
    bench, rows, charts = _charted(*corpus)
    mine = _override(
        tmp_path,
        {
            "partials/chart.html": '<figure title="{{ chart.alt }}">{{ chart.alt }}|{{ chart.alt | e }}</figure>',
            "partials/metrics.html": "{% autoescape false %}<p>{{ bench.name }}</p>{% endautoescape %}",
        },
    )
    page = pages.benchmark_page(bench, rows, charts, None, templates=mine)
    assert "<img" not in page and "\u202e" not in page
    assert f'<figure title="{HOSTILE_SHOWN}: state of the art over time for ' in page
    assert f"|{HOSTILE_SHOWN}: ranking for " in page  # |e is the same escaper, applied once
    assert f"<p>{HOSTILE_SHOWN}</p>" in page  # finalize escapes even with autoescaping switched off


def test_the_default_is_the_packaged_templates(corpus):
    benchmarks, ranked = corpus
    for bench in benchmarks.values():
        rows = ranked.filter(ranked["benchmark"] == bench["id"])
        assert pages.benchmark_page(bench, rows, {}, None) == pages.benchmark_page(
            bench, rows, {}, None, templates=Templates()
        )
    assert overview.home_page(benchmarks, ranked, "built") == overview.home_page(
        benchmarks, ranked, "built", templates=Templates(None)
    )
    assert default_templates() is default_templates()


def test_every_printed_value_is_escaped_once_and_markup_passes():
    assert shown(None) == "" and shown(3) == "3" and shown(0.5) == "0.5"
    assert shown(HOSTILE) == HOSTILE_SHOWN
    assert shown(Markup("<b>kept</b>")) == "<b>kept</b>"
    assert shown(shown("<")) == "&lt;"  # never twice
    env = Templates().env
    assert env.from_string("{{ x }}|{{ x | e }}|{{ m }}").render(x="a\u200bb<", m=Markup("<i>")) == (
        "a&lt;U+200B&gt;b&lt;|a&lt;U+200B&gt;b&lt;|<i>"
    )


def test_a_page_template_must_render_one_raw_block(tmp_path: Path):
    """Anything around the lb- block would send the page through Markdown, where '{: onclick=... }' acts."""
    mine = _override(tmp_path, {"paper.html": "<p>{{ paper.title }}</p>"})
    with pytest.raises(PageTemplateError, match=r"paper\.html"):
        pages.paper_page({"id": "p", "title": "T"}, [], templates=mine)
    mine = _override(tmp_path, {"paper.html": '<div class="lb-paper" markdown="0"></div>\n{: onclick="x" }'})
    with pytest.raises(PageTemplateError):
        pages.paper_page({"id": "p", "title": "T"}, [], templates=mine)


def test_a_misspelt_variable_in_an_override_fails_instead_of_printing_nothing(tmp_path: Path):
    mine = _override(tmp_path, {"paper.html": '<div class="lb-paper" markdown="0">{{ paper.titel }}</div>'})
    with pytest.raises(jinja2.UndefinedError):
        pages.paper_page({"id": "p", "title": "T"}, [], templates=mine)


def test_an_override_folder_that_does_not_exist_is_refused(tmp_path: Path):
    with pytest.raises(NotADirectoryError):
        Templates(tmp_path / "missing")


def test_the_front_matter_is_escaped_once_whatever_the_template(tmp_path: Path):
    page = pages.paper_page({"id": "p", "title": HOSTILE}, [])
    head, body = page.split("\n---\n", 1)
    title = '---\ntitle: "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &lt;U+202E&gt;evil"'
    assert head == title + '\nhide: ["toc"]', "the site's own settings follow the escaped title"
    assert body.strip().startswith('<div class="lb-paper" markdown="0">') and page.endswith("</div>\n")
    assert f'<h1 id="top">{HOSTILE_SHOWN}</h1>' in body


def test_the_schema_page_links_object_types_and_lists_enums():
    page = reference.schema_page()
    assert '<h2 id="paper-file">Paper file: <code>data/papers/&lt;id&gt;.yaml</code></h2>' in page
    assert 'list of <a href="#paper-' in page and "one of: <code>" in page


def test_every_template_the_docstring_names_is_packaged():
    from leaderboard.site import templates

    packaged = resources.files("leaderboard") / "templates"
    names = {p.name for p in packaged.iterdir() if p.name.endswith(".html")}
    names |= {f"partials/{p.name}" for p in (packaged / "partials").iterdir()}
    assert {word for word in templates.__doc__.split() if word.endswith(".html")} == names
