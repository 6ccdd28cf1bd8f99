"""Export and full site build at three corpus sizes, a one-paper rebuild with the chart cache, and peak
memory. Builds run as the real CLI in a child process, so peak RSS is the build's own (VmHWM of the child)
and the time is what a user waits, interpreter start included.

Each benchmark's extra_info records results and time per 1,000 results, so the growth with size can be
read straight from the saved JSON (`scripts/bench.sh` prints it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale import BUILD_PAPERS, copy_tree

from leaderboard.aggregate import with_ranks
from leaderboard.build import export_downloads
from leaderboard.comparability import comparable_groups
from leaderboard.corpus import load_corpus
from leaderboard.tables import group_label, results_frame

# Measurements (once on small corpora here, at scale by scripts/bench.sh): `-m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


# The CLI in a child that reports its own peak resident memory. VmHWM belongs to the child's address space;
# ru_maxrss of children is no good here, because Linux carries the (large) test process's peak into a child
# across fork and exec. For the same reason the build's helper process (site/offload.py) is asked for its own
# VmHWM before it closes, and reported beside the build's.
_PEAK = """
import sys
from leaderboard.cli import main
from leaderboard.site import offload
helper = [0]
close = offload.Helper.close
def close_and_report(self):
    helper[0] = max(helper[0], self.peak_kib())
    close(self)
offload.Helper.close = close_and_report
code = main(sys.argv[1:])
print("peak-rss-kib:", offload.peak_rss_kib(), file=sys.stderr)
print("helper-peak-rss-kib:", helper[0], file=sys.stderr)
sys.exit(code)
"""


def _cli(*args: str | Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-c", _PEAK, *map(str, args)], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def _rows(summary: str) -> int:
    return int(re.search(r"(\d+) result rows", summary).group(1))


@pytest.mark.parametrize("papers", BUILD_PAPERS)
@pytest.mark.benchmark(group="export (tables + CSV/JSON)")
def test_export(benchmark, corpus_dir, tmp_path: Path, papers: int):
    corpus = load_corpus(corpus_dir(papers))
    written = benchmark.pedantic(
        export_downloads, args=(corpus, tmp_path / "out" / "downloads"), rounds=3, warmup_rounds=1
    )
    results = results_frame(corpus).height
    benchmark.extra_info.update(results=results, files=written)
    assert (tmp_path / "out" / "downloads" / "results.csv").stat().st_size > 0
    assert written > 3


def _timed_build(data: Path, out: Path, *flags: str) -> tuple[float, tuple[int, int], str]:
    """Seconds, peak RSS in MiB of the build process and of its largest child process (the helper), and the
    CLI's summary line."""
    start = time.perf_counter()
    done = _cli("build", "--data", data, "--out", out, *flags)
    seconds = time.perf_counter() - start
    peak = int(re.search(r"peak-rss-kib: (\d+)", done.stderr).group(1))
    helper = int(re.search(r"helper-peak-rss-kib: (\d+)", done.stderr).group(1))
    return seconds, (peak // 1024, helper // 1024), done.stdout.strip()


_FLOOR_CONFIG = """site_name: floor
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.prune, navigation.top, search.highlight, content.code.copy]
plugins: [search]
not_in_nav: |
  /papers/*.md
"""


def _floor_seconds(pages: int, in_nav: int, where: Path) -> float:
    """The engine's own cost: a bare MkDocs-Material build of as many trivial pages, with the same theme
    features and as many of them in the navigation as the site has (the rest, like paper pages, outside it:
    every page renders the whole nav, so that share decides MkDocs' time), timed the same way (a child
    process). The build's time is reported as a ratio to this, measured in the same run, so a noisy machine
    shifts both."""
    docs = where / "docs"
    (docs / "papers").mkdir(parents=True)
    (where / "mkdocs.yml").write_text(_FLOOR_CONFIG, encoding="utf-8")
    for n in range(pages):
        folder = docs if n < in_nav else docs / "papers"
        (folder / f"page-{n}.md").write_text(f"# Page {n}\n\nA paragraph of text on page {n}.\n", encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(where / "mkdocs.yml"), "-d", str(where / "site")],
        capture_output=True,
        text=True,
        env=ENV,
    )
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-3000:]
    return seconds


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def _floor_around(build, data: Path, where: Path) -> tuple[float, list[float]]:
    """The floor measured just before and just after the build (a noisy machine's load drifts over minutes):
    the ratio is taken against their mean. The floor before has the site's page count estimated (the papers,
    the benchmarks and the top-level pages of this repository's site); the one after has the built site's."""
    estimate = len(list((data / "papers").glob("*.yaml"))) + len(list((data / "benchmarks").glob("*.yaml"))) + 9
    before = _floor_seconds(estimate, estimate - len(list((data / "papers").glob("*.yaml"))), where / "before")
    site = build()
    pages = _pages(site)
    after = _floor_seconds(pages, pages - len(list((site / "papers").glob("*.html"))), where / "after")
    return (before + after) / 2, [before, after]


def _full_build(benchmark, data: Path, tmp_path: Path, papers: int, *flags: str) -> None:
    runs: list[tuple[float, tuple[int, int], str]] = []

    def build() -> Path:
        out = tmp_path / f"public-{len(runs)}"
        runs.append(_timed_build(data, out, "--no-cache", *flags))
        return out

    floors: list[float] = []

    def measured() -> None:
        floor, both = _floor_around(build, data, tmp_path / "floor")
        floors.extend([floor, *both])

    benchmark.pedantic(measured, rounds=1)
    seconds, rss, summary = runs[-1]
    results = _rows(summary)
    pages = _pages(tmp_path / "public-0")
    benchmark.extra_info.update(
        results=results,
        pages=pages,
        peak_rss_mib=rss[0],
        helper_peak_rss_mib=rss[1],
        seconds=seconds,
        seconds_per_1000_results=seconds / results * 1000,
        floor_seconds=floors[0],
        floor_before_after=floors[1:],
        ratio_to_bare_mkdocs=seconds / floors[0],
    )
    assert (tmp_path / "public-0" / "index.html").is_file()
    assert pages > papers  # a page per paper and per benchmark, at least


@pytest.mark.parametrize("papers", BUILD_PAPERS)
@pytest.mark.benchmark(group="full site build")
def test_full_build(benchmark, corpus_dir, tmp_path: Path, papers: int):
    """A cold build against a bare MkDocs-Material build of as many pages, measured around it."""
    _full_build(benchmark, corpus_dir(papers), tmp_path, papers)


@pytest.mark.benchmark(group="full site build, static SVGs")
def test_full_build_with_static_charts(benchmark, corpus_dir, tmp_path: Path):
    """What the static_charts option costs (an SVG per chart, drawn across the cores), at the middle size."""
    _full_build(benchmark, corpus_dir(BUILD_PAPERS[1]), tmp_path, BUILD_PAPERS[1], "--static-charts")
    assert list((tmp_path / "public-0" / "charts").glob("*.svg"))


def _change_one_paper(data: Path) -> Path:
    """Edit one value and its quote in the first paper whose first result is charted (its comparison group has
    two ranked results; a group of one is not charted), as a contributor's fix would."""
    corpus = load_corpus(data)
    groups = comparable_groups(with_ranks(results_frame(corpus)))
    benches = {s.data["id"]: s.data for s in corpus.of_kind("benchmark")}

    def charted(source) -> bool:
        first = source.data["results"][0]
        return (first["benchmark"], group_label(benches[first["benchmark"]], first.get("conditions", {}))) in groups

    paper = Path(sorted(s.path for s in corpus.of_kind("paper") if charted(s))[0])
    text = paper.read_text(encoding="utf-8")
    match = re.search(r"\{value: ([0-9.]+)", text)
    old = match.group(1)
    new = f"{float(old) + 0.1:.{len(old.split('.')[-1])}f}" if "." in old else str(int(old) + 1)
    paper.write_text(text.replace(old, new), encoding="utf-8")
    return paper


@pytest.mark.benchmark(group="full site build")
def test_rebuild_after_one_paper_changed(benchmark, corpus_dir, tmp_path: Path):
    """Compare with test_full_build at the same size (the middle one): same corpus, no cache."""
    data = copy_tree(corpus_dir(BUILD_PAPERS[1]), tmp_path / "data")
    cache = tmp_path / "cache"
    _cli("build", "--data", data, "--out", tmp_path / "first", "--cache", cache)
    _change_one_paper(data)
    runs: list[tuple[float, tuple[int, int], str]] = []

    def rebuild() -> None:
        runs.append(_timed_build(data, tmp_path / "second", "--cache", str(cache)))

    benchmark.pedantic(rebuild, rounds=1)
    _, rss, summary = runs[-1]
    reused, drawn = map(int, re.search(r"(\d+) reused from .*, (\d+) drawn", summary).groups())
    benchmark.extra_info.update(
        results=_rows(summary),
        peak_rss_mib=rss[0],
        helper_peak_rss_mib=rss[1],
        groups_reused=reused,
        groups_drawn=drawn,
    )
    assert reused > drawn > 0
