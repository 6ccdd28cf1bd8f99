"""Page weight of a benchmark page with 1,000 results: what a reader's browser downloads for that page,
before compression and without the shared vendored scripts (Vega bundle, theme, fonts are none)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from leaderboard.corpus import load_corpus
from leaderboard.tables import results_frame
from tools.synth import generate

# Measurements (once on small corpora here, at scale by scripts/bench.sh): `-m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

LIMIT = 350_000  # with a column per metric and a trade-off chart per hardware (issue 13); was 300 KB


def _page_files(page: Path) -> tuple[list[Path], list[Path]]:
    """(files a browser with JavaScript fetches besides the page: chart specs and their data files,
    files a browser without JavaScript fetches: the static SVG charts)."""
    html = page.read_text(encoding="utf-8")
    specs = [page.parent / p for p in re.findall(r'data-spec="([^"]+)"', html)]
    data = {
        page.parent / url for spec in specs for url in re.findall(r'"url": "([^"]+)"', spec.read_text(encoding="utf-8"))
    }
    svgs = [page.parent / p for p in re.findall(r'<img src="([^"]+\.svg)"', html)]
    return [*specs, *sorted(data)], svgs


def test_benchmark_page_with_1000_results_stays_under_300_kb(tmp_path: Path, record_property):
    data = tmp_path / "data"
    generate(data, papers=210, seed=1, benchmarks=1)
    results = results_frame(load_corpus(data)).filter(pl.col("is_primary")).height
    assert results >= 1000
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    cmd = [sys.executable, "-m", "leaderboard.cli", "build", "--data", str(data), "--out", str(tmp_path / "out")]
    cmd.append("--static-charts")  # so the weight without JavaScript (the SVGs) is measured too
    done = subprocess.run([*cmd, "--no-cache"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    (page,) = (tmp_path / "out" / "benchmarks").glob("*.html")
    with_js, without_js = _page_files(page)
    assert with_js and without_js and all(p.is_file() for p in [*with_js, *without_js])
    html = page.stat().st_size
    js_total = html + sum(p.stat().st_size for p in with_js)
    no_js_total = html + sum(p.stat().st_size for p in without_js)
    record_property(
        "page_weight", json.dumps({"results": results, "html": html, "with_js": js_total, "no_js": no_js_total})
    )
    print(f"\n{results} results: page {html:,} B; with JavaScript {js_total:,} B; without {no_js_total:,} B")
    assert js_total < LIMIT
    # The chart library is no script of any page: charts.js loads it where a chart is drawn.
    assert all("vega-bundle.js" not in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "This page shows the first 50 of" in page.read_text(encoding="utf-8")
