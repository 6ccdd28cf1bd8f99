"""What a reader sees, on any leaderboard the tool builds: charts render, tables sort, CSV buttons download,
nothing leaves the site. The site is a synthetic corpus (see conftest.built_site); this repository's own
published site is checked in test_shipped_site_browser.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def benchmark_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "benchmarks").glob("*.html"))


def assert_charts_render_offline(site: Path, visit) -> None:
    """Every benchmark page: a chart per comparison group at least, each drawn live (not the static image)."""
    pages = benchmark_pages(site)
    assert len(pages) == len(list((site / "downloads" / "benchmarks").glob("*.sota.csv")))
    for path in pages:
        v = visit(path)
        charts = v.page.locator(".lb-chart")
        groups = v.page.locator("h2", has_text="Comparison group").count()
        assert charts.count() >= groups, path
        v.page.wait_for_function(
            "() => [...document.querySelectorAll('.lb-chart')].every(e => e.querySelector('svg, canvas'))",
            timeout=15000,
        )
        rendered = v.page.eval_on_selector_all(".lb-chart", "els => els.map(e => !!e.querySelector('svg.marks'))")
        assert all(rendered), f"{path}: a chart fell back to its static image"
        assert v.errors == [], f"{path}: console errors {v.errors}"
        assert v.outside == [], f"{path}: requests outside the site {v.outside}"
        v.close()


def test_every_benchmark_page_renders_its_charts_offline(built_site, visit):
    assert_charts_render_offline(built_site, visit)


def assert_top_pages_stay_inside(site: Path, visit) -> None:
    pages = sorted(p.name for p in site.glob("*.html") if p.name != "404.html")
    assert {"index.html", "downloads.html", "schema.html", "changelog.html"} <= set(pages)
    for path in pages:
        v = visit(path)
        assert v.errors == [], f"{path}: {v.errors}"
        assert v.outside == [], f"{path}: {v.outside}"


def test_home_and_static_pages_make_no_outside_request(built_site, visit):
    assert_top_pages_stay_inside(built_site, visit)


def _column(table, index):
    return table.locator("tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].getAttribute('data-sort') ?? r.cells[{index}].textContent.trim())"
    )


def _numeric(values: list[str]) -> bool:
    try:
        [float(x) for x in values]
    except ValueError:
        return False
    return True


def _page_with_a_long_table(site: Path, visit, rows: int = 3):
    """The first benchmark page whose first ranking table has `rows` rows of measured values (bounds and
    ranges have no sort value of their own)."""
    for path in benchmark_pages(site):
        v = visit(path)
        table = v.page.locator("table[data-sortable]").first
        if table.count() and table.locator("tbody tr").count() >= rows and _numeric(_column(table, 2)):
            return v, table
        v.close()
    pytest.fail(f"no benchmark page has a table of {rows} measured rows")


def test_sorting_a_column_reorders_rows(built_site, visit):
    _, table = _page_with_a_long_table(built_site, visit)
    before = _column(table, 2)
    header = table.locator("thead th").nth(2)
    header.click()
    ascending = [float(x) for x in _column(table, 2)]
    assert ascending == sorted(ascending)
    header.click()
    descending = [float(x) for x in _column(table, 2)]
    assert descending == sorted(descending, reverse=True)
    assert len(before) == len(ascending) >= 3
    assert header.get_attribute("aria-sort") == "descending"


def test_csv_button_downloads_that_table(built_site, visit):
    v, table = _page_with_a_long_table(built_site, visit, rows=2)
    bench = v.page.url.rsplit("/", 1)[1].removesuffix(".html")
    button = v.page.locator("p.lb-download", has_text="This table").first.locator("a", has_text="CSV")
    with v.page.expect_download() as info:
        button.click()
    download = info.value
    body = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    table_models = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert rows, "downloaded CSV is empty"
    assert {r["model"] for r in rows} == {m.split(" (")[0] for m in table_models}
    assert download.suggested_filename.startswith(f"{bench}.") and download.suggested_filename.endswith(".csv")
    assert download.suggested_filename in v.page.inner_text("body"), "the file name is shown beside the button"


def screenshot(v, name: str) -> Path:
    v.page.wait_for_function("() => document.querySelector('.lb-chart svg.marks')", timeout=15000)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    v.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    return target


def test_screenshot_of_a_benchmark_page(built_site, visit):
    v, _ = _page_with_a_long_table(built_site, visit)
    screenshot(v, "synthetic-benchmark")
