"""What a reader sees: charts render, tables sort, CSV buttons download, nothing leaves the site."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def _benchmark_pages(built_site):
    return sorted(p.relative_to(built_site).as_posix() for p in (built_site / "benchmarks").glob("*.html"))


def test_every_benchmark_page_renders_its_charts_offline(built_site, visit):
    pages = _benchmark_pages(built_site)
    assert len(pages) >= 10
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


def test_home_and_static_pages_make_no_outside_request(visit):
    for path in ["index.html", "downloads.html", "methodology.html", "contribute.html", "schema.html"]:
        v = visit(path)
        assert v.errors == [], f"{path}: {v.errors}"
        assert v.outside == [], f"{path}: {v.outside}"


def _column(page, table, index):
    return table.locator("tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].getAttribute('data-sort') ?? r.cells[{index}].textContent.trim())"
    )


def test_sorting_a_column_reorders_rows(visit):
    v = visit("benchmarks/coco-detection.html")
    table = v.page.locator("table[data-sortable]").first
    before = _column(v.page, table, 2)
    header = table.locator("thead th").nth(2)
    header.click()
    ascending = [float(x) for x in _column(v.page, table, 2)]
    assert ascending == sorted(ascending)
    header.click()
    descending = [float(x) for x in _column(v.page, table, 2)]
    assert descending == sorted(descending, reverse=True)
    assert len(before) == len(ascending) >= 3
    assert header.get_attribute("aria-sort") == "descending"


def test_csv_button_downloads_that_table(visit, built_site):
    v = visit("benchmarks/aime-2024.html")
    button = v.page.locator("a.md-button--primary", has_text="Download this table").first
    with v.page.expect_download() as info:
        button.click()
    download = info.value
    body = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    table_models = v.page.locator("table[data-sortable]").first.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert rows, "downloaded CSV is empty"
    assert {r["model"] for r in rows} == {m.split(" (")[0] for m in table_models}
    assert download.suggested_filename.startswith("aime-2024.group-")


def test_screenshot_of_a_benchmark_page(visit):
    v = visit("benchmarks/coco-detection.html")
    v.page.wait_for_function("() => document.querySelector('.lb-chart svg.marks')", timeout=15000)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "coco-detection.png"
    v.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
