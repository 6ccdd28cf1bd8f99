"""The pipeline from a validated corpus to published files: aggregate -> export -> (site) -> publish."""

from __future__ import annotations

from pathlib import Path

from . import claims, export, manifest, publish, tables
from .corpus import Corpus


def export_downloads(corpus: Corpus, downloads: Path) -> int:
    """Replace the downloads folder (OUT/downloads) atomically; the rest of OUT is left alone."""
    results = tables.results_frame(corpus)
    with publish.staged(downloads) as scratch:
        written = export.export(results, corpus.benchmarks(), scratch, claims.claims_frame(corpus))
        manifest.write_checksums(scratch)
    return len(written)


def build_all(
    corpus: Corpus,
    out: Path,
    site: bool = True,
    cache: Path | None = None,
    config: Path | None = None,
    static_charts: bool = False,
) -> str:
    """Build everything into a scratch tree and swap it in whole; cache (a folder) only saves time.

    The site is MkDocs with the leaderboard plugin, given this corpus (validated by the caller), so the output
    is what `mkdocs build` makes of the same configuration. Returns a one-line summary. config: the MkDocs
    configuration (None: mkdocs.yml in the current directory, else the packaged default); static_charts: draw
    static SVGs too, whatever the configuration says."""
    with publish.staged(out) as scratch:
        if site:
            from .site import mkdocs_run

            plugin = mkdocs_run.build(corpus, scratch, config, cache, static_charts)
            assert plugin.generated is not None  # the build ran the plugin's on_config
            written, rows, charts = plugin.generated.downloads, plugin.generated.rows, plugin.charts
        else:
            results = tables.results_frame(corpus)
            written, rows, charts = (
                export.export(results, corpus.benchmarks(), scratch / "downloads", claims.claims_frame(corpus)),
                results.height,
                None,
            )
            manifest.write(scratch, manifest.build_info(corpus))
            manifest.seal(scratch)
    summary = f"{len(written)} tables, {rows} result rows."
    if charts:
        summary += f" Chart groups: {charts.hits} reused from {cache}, {charts.misses} drawn."
    return summary
