"""The pipeline from a validated corpus to published files: aggregate -> export -> (site) -> publish."""

from __future__ import annotations

from pathlib import Path

from . import export, manifest, publish, tables
from .chartcache import ChartCache
from .corpus import Corpus


def _benchmarks(corpus: Corpus) -> dict[str, dict]:
    return {s.data["id"]: s.data for s in corpus.of_kind("benchmark")}


def export_downloads(corpus: Corpus, downloads: Path) -> int:
    """Replace the downloads folder (OUT/downloads) atomically; the rest of OUT is left alone."""
    results = tables.results_frame(corpus)
    with publish.staged(downloads) as scratch:
        written = export.export(results, _benchmarks(corpus), scratch)
        manifest.write_checksums(scratch)
    return len(written)


def build_all(
    corpus: Corpus, out: Path, site: bool = True, cache: Path | None = None, config: Path | None = None
) -> str:
    """Build everything into a scratch tree and swap it in whole; cache (a folder) only saves time.

    Returns a one-line summary. config: the MkDocs configuration (None: mkdocs.yml in the current directory,
    else the packaged default)."""
    results = tables.results_frame(corpus)
    info = manifest.build_info(corpus)
    charts = ChartCache(cache) if site and cache else None
    with publish.staged(out) as scratch:
        if site:
            from .site import build_site

            written = build_site(corpus, results, scratch, info, charts, config)
        else:
            written = export.export(results, _benchmarks(corpus), scratch / "downloads")
            manifest.write(scratch, info)
        manifest.seal(scratch)
    summary = f"{len(written)} tables, {results.height} result rows."
    if charts:
        summary += f" Chart groups: {charts.hits} reused from {cache}, {charts.misses} drawn."
    return summary
