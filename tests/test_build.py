"""The full build: byte-identical twice, hostile strings inert in every output, changelog from git."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from toycorpus import PAYLOADS, same_bytes

from tools.synth import generate

REPO = Path(__file__).resolve().parents[1]


def build(data: Path, out: Path, cwd: Path, *flags: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run(
        [sys.executable, "-m", "leaderboard.cli", "build", "--data", str(data), "--out", str(out), *flags],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path):
    """From two directories, with and without the chart cache: the same bytes. A synthetic corpus and the
    packaged default configuration (no mkdocs.yml in either directory); the shipped data is checked the same
    way in test_real_data.py."""
    data = tmp_path / "data"
    generate(data, papers=30, seed=7, benchmarks=4)
    first, second = tmp_path / "a" / "public", tmp_path / "b" / "elsewhere"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert build(data, first, tmp_path / "a", "--no-cache").returncode == 0
    assert build(data, second, tmp_path / "b", "--cache", str(tmp_path / "cache")).returncode == 0
    assert len(same_bytes(first, second)) > 50
    assert (first / "downloads" / "SHA256SUMS").read_text().count("\n") > 20
    assert "inputs_sha256" in (first / "build-manifest.json").read_text()


def test_the_chart_cache_saves_drawing_and_never_changes_a_byte(tmp_path: Path):
    data, cache = tmp_path / "data", str(tmp_path / "cache")
    generate(data, papers=12, seed=5, benchmarks=3)
    cold = build(data, tmp_path / "cold", tmp_path, "--cache", cache)
    assert cold.returncode == 0, cold.stderr
    assert " 0 reused" in cold.stdout
    paper = sorted((data / "papers").glob("*.yaml"))[0]
    text = paper.read_text()
    old = re.search(r"\{value: ([0-9]+\.[0-9])", text).group(1)
    paper.write_text(text.replace(old, f"{float(old) + 0.1:.1f}"))
    warm = build(data, tmp_path / "warm", tmp_path, "--cache", cache)
    assert warm.returncode == 0, warm.stderr
    reused, drawn = map(int, re.search(r"(\d+) reused from .*, (\d+) drawn", warm.stdout).groups())
    assert reused > 0 and drawn > 0  # only the changed paper's groups are drawn again
    fresh = build(data, tmp_path / "fresh", tmp_path, "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    same_bytes(tmp_path / "warm", tmp_path / "fresh")


def test_hostile_strings_are_inert_in_pages(hostile_site: Path):
    """The session's hostile corpus (toycorpus.PAYLOADS in titles, models, notes, quotes and conditions; a
    benchmark whose name, area, metric and condition carry markup). test_escaping.py checks every field on
    every page structurally; the browser runs the pages in test_injection_browser.py."""
    for page in hostile_site.rglob("*.html"):
        html = page.read_text()
        assert "<img src=x" not in html and "<script id=injected" not in html, page
        assert "<svg id=injected" not in html and "<a id=injected" not in html, page
        assert 'href="javascript:' not in html, page
    bench_page = (hostile_site / "benchmarks" / "toy-math.html").read_text()
    assert "&lt;img src=x id=injected-img" in bench_page
    assert "{{ 7*7 }}" in bench_page  # shown as text, never evaluated
    title = (hostile_site / "papers" / "evil-1.html").read_text().split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "script" in title


def test_changelog_lists_each_data_commit(hostile_site: Path):
    """The hostile corpus has two commits: one clean paper, then the hostile benchmark and papers."""
    feed = (hostile_site / "changelog.xml").read_text()
    assert feed.count("<entry>") == 2
    assert "1 papers added, 1 results added, 0 changed, 0 removed, 1 new state of the art" in feed
    assert f"{len(PAYLOADS)} papers added, {4 * len(PAYLOADS)} results added, 0 changed, 0 removed" in feed
    page = (hostile_site / "changelog.html").read_text()
    assert "Clean-7B" in page and "M7b" in page
