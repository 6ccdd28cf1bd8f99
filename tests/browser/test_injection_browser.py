"""Contributed strings that the validator accepts must render as inert text in a real browser: no injected
script runs, no injected element appears, not in the navigation, page titles, tables, chart tooltips' data,
paper pages, the changelog or search."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from toycorpus import BENCH, git, paper

from .conftest import build_into, serving, visitor

pytestmark = pytest.mark.browser
HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"

PAYLOADS = [
    "<img src=x id=injected-img onerror=\"window.__pwned='img'\">",
    "</script><script id=injected-script>window.__pwned='script'</script>",
    "<svg id=injected-svg onload=\"window.__pwned='svg'\"></svg>",
    "[link](javascript:window.__pwned='md') {{ 7*7 }} {% raw %}",
    "<a id=injected-link href=\"javascript:window.__pwned='a'\">click</a>",
    "{: onclick=\"window.__pwned='attr'\" id=injected-attr } *em* _em_",
    '"><img id=injected-quote src=x onerror="window.__pwned=\'quote\'">',
    "]]> <![CDATA[ &amp; cc @octocat #1 org/repo#2",
]
# A benchmark whose area, name, metric and condition carry markup: they reach MkDocs' navigation and the
# theme's <title> and header, which print titles without escaping unless the generator escapes them.
NAV_AREA = "<img id=injected-area src=x onerror=\"window.__pwned='area'\">"
NAV_NAME = "A<B & C <svg id=injected-nav onload=\"window.__pwned='nav'\">"


def _evil_bench() -> str:
    doc = yaml.safe_load(BENCH)
    doc.update(id="evil-bench", name=NAV_NAME, area=NAV_AREA)
    doc["metrics"][0]["name"] = "<svg id=injected-metric onload=\"window.__pwned='metric'\">"
    doc["conditions"][0]["name"] = "{: onclick=\"window.__pwned='cond'\" }"
    head = "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


COMMIT = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    (data / "papers" / "clean.yaml").write_text(paper("clean", "2023-12", [("Clean-7B", 10.0)]))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, *COMMIT, "clean")  # the changelog then lists the hostile papers as a change
    (data / "benchmarks" / "evil-bench.yaml").write_text(_evil_bench())
    for n, payload in enumerate(PAYLOADS):
        doc = yaml.safe_load(paper(f"evil-{n}", f"2024-0{n + 1}", [(f"M{n}", 50.0 + n)]))
        doc["title"] = f"Evil {n} {payload}"
        result = doc["results"][0]
        result["model"] = f"M{n} {payload}"
        result["note"] = f"note {payload}"
        result["evidence"]["quote"] = f"M{n} reaches {50.0 + n}% {payload}"
        result["conditions"]["aggregation"] = f"pass@1 {payload}"
        # A second result in the same comparison group: only groups of two ranked results are charted, and
        # the charts must carry the payloads too.
        second = copy.deepcopy(result)
        second["model"] = f"M{n}b {payload}"
        second["metrics"]["accuracy"]["value"] = 40.0 + n
        second["evidence"]["quote"] = f"M{n}b reaches {40.0 + n}% {payload}"
        doc["results"].append(second)
        doc["results"] += [dict(copy.deepcopy(r), benchmark="evil-bench") for r in (result, second)]
        (data / "papers" / f"evil-{n}.yaml").write_text(HEAD + yaml.safe_dump(doc, allow_unicode=True))
    git(root, "add", "-A")
    git(root, *COMMIT, "hostile")
    return build_into(data, root / "public")


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serving(hostile_site) as base:
        yield base


@pytest.fixture
def hostile_visit(browser, hostile_server):
    yield from visitor(browser, hostile_server)


def _assert_inert(v, where: str):
    assert v.page.evaluate("() => window.__pwned === undefined"), f"{where}: injected code ran"
    injected = v.page.locator("[id^=injected]").count()
    assert injected == 0, f"{where}: an injected element is in the DOM"
    assert v.outside == [], f"{where}: requests outside the site {v.outside}"


def test_hostile_strings_render_as_text(hostile_site, hostile_visit):
    pages = ["index.html", "benchmarks/toy-math.html", "benchmarks/evil-bench.html", "changelog.html", "downloads.html"]
    pages += sorted(p.relative_to(hostile_site).as_posix() for p in (hostile_site / "papers").glob("*.html"))
    for path in pages:
        v = hostile_visit(path)
        v.page.wait_for_timeout(300)
        _assert_inert(v, path)
        if path.startswith("benchmarks/"):
            body = v.page.inner_text("body")
            assert "<img src=x id=injected-img" in body  # shown to the reader, as text
            v.page.wait_for_function("() => document.querySelector('.lb-chart svg.marks')", timeout=15000)
            for cell in v.page.locator("table[data-sortable] thead th").all():
                cell.click()
            _assert_inert(v, path + " after sorting")
            assert v.errors == [], v.errors


def test_navigation_and_titles_show_contributed_names_as_text(hostile_visit):
    """The nav, the tab title and the header read exactly as contributed, neither run nor escaped twice."""
    for path in ("benchmarks/evil-bench.html", "benchmarks/toy-math.html", "index.html"):
        v = hostile_visit(path)
        _assert_inert(v, path)
        nav = v.page.inner_text("nav.md-nav--primary")
        assert NAV_AREA in nav, nav
        # navigation.prune: other pages list only their own area's benchmarks
        assert NAV_NAME in nav or path != "benchmarks/evil-bench.html", nav
        assert "&lt;" not in nav and "&amp;" not in nav
    v = hostile_visit("benchmarks/evil-bench.html")
    assert v.page.title() == f"{NAV_NAME} - Benchmark leaderboards"
    assert NAV_NAME in v.page.inner_text(".md-header__topic:last-child")
    body = v.page.inner_text("article")
    assert "{: onclick=" in body and "*em* _em_" in body  # attribute lists and emphasis stay text
    changes = hostile_visit("changelog.html")
    text = changes.page.inner_text("article")
    assert "{: onclick=" in text and NAV_NAME in text and "@octocat #1" in text
    _assert_inert(changes, "changelog.html")


def test_search_results_do_not_inject(hostile_visit):
    v = hostile_visit("index.html")
    v.page.keyboard.press("s")
    search = v.page.locator("input.md-search__input")
    search.wait_for(state="visible", timeout=5000)
    for term in ["injected", "onerror", "script", "Evil", "onload", "svg", "onclick"]:
        search.fill(term)
        v.page.wait_for_timeout(800)
        _assert_inert(v, f"search for {term}")
