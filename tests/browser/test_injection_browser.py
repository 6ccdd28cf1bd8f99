"""Contributed strings that the validator accepts must render as inert text in a real browser: no injected
script runs, no injected element appears, not in the navigation, page titles, tables, chart tooltips' data,
paper pages, the changelog or search."""

from __future__ import annotations

import pytest
from toycorpus import NAV_AREA, NAV_NAME

from .conftest import serving, visitor

pytestmark = pytest.mark.browser
# hostile_site: the session's hostile corpus (tests/conftest.py, toycorpus.hostile_corpus), built once and
# shared with tests/test_build.py.


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serving(hostile_site) as base:
        yield base


@pytest.fixture
def hostile_visit(browser, hostile_server):
    yield from visitor(browser, hostile_server)


# Every image has loaded or failed (an injected onerror would have run by then) and the page is complete.
SETTLED = "() => document.readyState === 'complete' && [...document.images].every(i => i.complete)"
# Material's search has answered the term typed (it writes the count of matching documents), or has its
# placeholder for an empty query (once its index is loaded).
SEARCHED = "() => /matching/.test(document.querySelector('.md-search-result__meta')?.textContent ?? '')"
CLEARED = "() => /Type to start/.test(document.querySelector('.md-search-result__meta')?.textContent ?? '')"


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
        v.page.wait_for_function(SETTLED)
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
    v.page.wait_for_function(CLEARED, timeout=30000)
    answered = 0
    for term in ["injected", "onerror", "script", "Evil", "onload", "svg", "onclick"]:
        # Typed key by key: Material searches on key events, so fill() alone would leave the results empty.
        search.press_sequentially(term)
        v.page.wait_for_function(SEARCHED, timeout=15000)
        v.page.wait_for_function(SETTLED)
        answered += v.page.locator(".md-search-result__item").count()
        _assert_inert(v, f"search for {term}")
        search.press("Control+a")
        search.press("Backspace")  # back to the placeholder, so the next term's answer is seen as new
        v.page.wait_for_function(CLEARED, timeout=10000)
    assert answered > 0, "the search never showed a result: the payloads were not rendered in the results"
