"""Work a site build hands to a second process, so it runs beside MkDocs instead of before or after it.

MkDocs renders one page after another on one core; build machines (ours, CI runners) have two or more. The
paper pages, what the search index reads of them, the download files and half of the link check depend only
on the validated corpus or the written site, not on MkDocs, so a helper process does them while this one
renders the benchmark pages and then runs MkDocs. The helper runs the same functions this process would, on the
same inputs: the site is byte-identical either way (tests/test_offload.py builds it both ways).

A process costs about a second to start (Python, Polars, Jinja) and a copy of the frames it is given, more
than it saves on a small site: below OFFLOAD_FROM papers the same jobs run here, one after another. The helper
is a fresh interpreter (multiprocessing's spawn), which imports the main module of the process that started
it: a script that builds a large site from Python needs the usual `if __name__ == "__main__":` guard, as
`leaderboard` and `mkdocs` have.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
from mkdocs.utils.meta import get_data

from .. import export, manifest
from . import pages, searchfast
from .templates import Templates, resolve

OFFLOAD_FROM = 300  # papers; a smaller site builds faster in one process


class Helper:
    """One helper process (spawned: Polars' threads do not survive a fork), or, off, this process."""

    def __init__(self, process: bool) -> None:
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) if process else None
        if self._pool is not None:
            self._pool.submit(_ready)  # started now: it imports what the jobs need while this process works

    @classmethod
    def for_papers(cls, papers: int) -> Helper:
        return cls(process=papers >= OFFLOAD_FROM)

    def submit(self, job: Callable[..., Any], *args: Any) -> Future:
        """Run job(*args) in the helper, or here and now when there is none; its errors come back from
        result() as the job raised them."""
        if self._pool is not None:
            return self._pool.submit(job, *args)
        done: Future = Future()
        try:
            done.set_result(job(*args))
        except Exception as exc:  # handed to whoever asks for the result, as the pool would
            done.set_exception(exc)
        return done

    def peak_kib(self) -> int:
        """The helper process's peak resident memory so far (KiB; 0 without a process), for the benchmarks."""
        return self._pool.submit(peak_rss_kib).result() if self._pool is not None else 0

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def peak_rss_kib() -> int:
    """This process's peak resident memory (VmHWM, KiB) where Linux tells it, else 0."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def _ready() -> None:
    """Nothing: a job's module (this one, with Polars, Jinja and the page code) is imported to run it."""


def paper_pages(
    papers: dict, ranked: pl.DataFrame, claims: pl.DataFrame, benchmarks: dict, override: Path | None
) -> dict[str, str]:
    """Every paper's page (pages.paper_page), by docs-relative path."""
    templates = resolve(Templates(override) if override is not None else None)
    by_paper = ranked.sort(["benchmark", "metric", "result_id"]).partition_by("paper_id", as_dict=True)
    claims_of = claims.partition_by("paper_id", as_dict=True) if claims.height else {}
    empty = pl.DataFrame()
    return {
        f"papers/{pid}.md": pages.paper_page(
            paper,
            by_paper.get((pid,), empty).to_dicts(),
            claims=pages.claim_rows(claims_of.get((pid,), empty), benchmarks),
            templates=templates,
            benchmarks=benchmarks,
        )
        for pid, paper in sorted(papers.items())
    }


def read_for_search(sources: dict[str, str]) -> dict[str, list]:
    """The search sections of each generated page, by the digest of its content, read ahead of MkDocs from
    the page sources (searchfast.read_ahead); MkDocs reaches the paper pages last, so this runs while it reads
    and renders the others."""
    searched: dict[str, list] = {}
    for source in sources.values():
        markdown, _ = get_data(source)  # what MkDocs hands the plugin: the page without its front matter
        if (read := searchfast.read_ahead(markdown)) is not None:
            searched[read[0]] = read[1]
    return searched


class ReadAhead:
    """The search input of some pages, being read by the helper (read_for_search): asked for a page it does
    not read, it answers at once; for one it reads, once the helper is done."""

    def __init__(self, uris: set[str], reading: Future) -> None:
        self._uris, self._reading = uris, reading

    def get(self, uri: str, content: str) -> list | None:
        """The page's sections if they were read from exactly this content, else None (read it here)."""
        if uri not in self._uris:
            return None
        read: dict[str, list] = self._reading.result()
        return read.get(searchfast.digest(content))


def write_downloads(written: list[tuple[str, pl.DataFrame, str]], folder: Path) -> dict[str, str]:
    """The CSV and JSON file of every download table (export.tables) in folder; returns their SHA-256 by path
    inside folder, for SHA256SUMS."""
    for sub in ("groups", "benchmarks"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, frame, _ in written:
        for path in export.write_table(frame, folder, name):
            sums[path.relative_to(folder).as_posix()] = manifest.sha256_file(path)
    return sums
