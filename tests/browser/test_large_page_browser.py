"""A benchmark page at scale (about 1,000 results in one benchmark): charts whose data lives in shared
files render with no console error, the reader is told which rows the page leaves to the CSV, and the
bytes the browser really downloads for the page (without the vendored Vega bundle) stay under 360 KB: the
350 KB of tests/benchmarks/test_page_weight.py and the site's own CSS and JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.synth import generate

from .conftest import build_into, serving, visitor

pytestmark = pytest.mark.browser
VENDORED = ("/assets/vendor/", "/assets/javascripts/", "/assets/stylesheets/", "/search/")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("large")
    generate(root / "data", papers=210, seed=1, benchmarks=1)
    return build_into(root / "data", root / "public")


@pytest.fixture
def large_visit(browser, large_site):
    with serving(large_site) as base:
        yield from visitor(browser, base)


def test_large_benchmark_page_renders_shared_data_charts_within_budget(large_site, large_visit):
    (page,) = (p.relative_to(large_site).as_posix() for p in (large_site / "benchmarks").glob("*.html"))
    sizes: dict[str, int] = {}
    v = large_visit(page)
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('.lb-chart')].every(e => e.querySelector('svg.marks'))", timeout=30000
    )
    assert v.errors == [] and v.outside == []
    entries = v.page.evaluate(
        "() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
        ".map(e => [e.name, e.decodedBodySize])"
    )
    for url, size in entries:
        sizes[url] = size
    own = {url: size for url, size in sizes.items() if not any(part in url for part in VENDORED)}
    assert any("/charts/data/" in url for url in own), "the large groups should load their shared data files"
    assert not any(url.endswith(".svg") for url in own), "static SVGs are for readers without JavaScript"
    assert sum(own.values()) < 360_000, own  # the 350 KB of test_page_weight plus the site's own CSS and JS
    assert "This page shows the first 50 of" in v.page.inner_text("body")
