"""Contributed strings that the validator accepts must render as inert text in a real browser: no injected
script runs, no injected element appears, not in tables, chart tooltips' data, paper pages or search."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from toycorpus import BENCH, paper

from .conftest import build_into, serving, visitor

pytestmark = pytest.mark.browser
HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"

PAYLOADS = [
    "<img src=x id=injected-img onerror=\"window.__pwned='img'\">",
    "</script><script id=injected-script>window.__pwned='script'</script>",
    "<svg id=injected-svg onload=\"window.__pwned='svg'\"></svg>",
    "[link](javascript:window.__pwned='md') {{ 7*7 }} {% raw %}",
    "<a id=injected-link href=\"javascript:window.__pwned='a'\">click</a>",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    for n, payload in enumerate(PAYLOADS):
        doc = yaml.safe_load(paper(f"evil-{n}", f"2024-0{n + 1}", [(f"M{n}", 50.0 + n)]))
        doc["title"] = f"Evil {n} {payload}"
        result = doc["results"][0]
        result["model"] = f"M{n} {payload}"
        result["note"] = f"note {payload}"
        result["evidence"]["quote"] = f"M{n} reaches {50.0 + n}% {payload}"
        (data / "papers" / f"evil-{n}.yaml").write_text(HEAD + yaml.safe_dump(doc, allow_unicode=True))
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
    injected = v.page.locator("#injected-img, #injected-script, #injected-svg, #injected-link").count()
    assert injected == 0, f"{where}: an injected element is in the DOM"
    assert v.outside == [], f"{where}: requests outside the site {v.outside}"


def test_hostile_strings_render_as_text(hostile_site, hostile_visit):
    pages = ["index.html", "benchmarks/toy-math.html", "changelog.html", "downloads.html"]
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


def test_search_results_do_not_inject(hostile_visit):
    v = hostile_visit("index.html")
    v.page.keyboard.press("s")
    search = v.page.locator("input.md-search__input")
    search.wait_for(state="visible", timeout=5000)
    for term in ["injected", "onerror", "script", "Evil"]:
        search.fill(term)
        v.page.wait_for_timeout(800)
        _assert_inert(v, f"search for {term}")
