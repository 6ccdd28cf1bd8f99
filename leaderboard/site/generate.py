"""Render: a validated corpus -> the generated pages (in memory) and static files (charts, downloads, assets).

Nothing here runs MkDocs. The plugin (site/mkdocs_plugin.py) hands the pages to MkDocs as generated files and
the static folder as generated assets, so `mkdocs build`, `mkdocs serve` and `leaderboard build` render the
same site from the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .. import aggregate, changelog, export, manifest, resources, tables
from .. import claims as claim_table
from ..chartcache import ChartCache
from ..corpus import Corpus
from . import chartfiles, offload, overview, pages, reference
from .html import theme_title
from .templates import Templates, default_templates


@dataclass(frozen=True)
class Generated:
    """pages: docs-relative path -> page source; static: a folder whose files join the site at the same
    relative paths; nav: the navigation of the generated pages and the given hand-written ones; downloads: the
    download tables (export.tables), to be written into the site; rows: the number of result rows (one per
    metric value); searched: what the search index reads of the paper pages, being read ahead of MkDocs
    (offload.read_for_search)."""

    pages: dict[str, str]
    static: Path
    nav: list
    downloads: list
    rows: int
    searched: offload.ReadAhead | None = None


DATAPACKAGE = "datapackage.json"  # in downloads/


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(
    corpus: Corpus,
    info: manifest.BuildInfo,
    static: Path,
    extra: list[str],
    cache: ChartCache | None = None,
    site_title: str = "Benchmark leaderboards",
    license: str | None = None,
    templates: Templates | None = None,
    site_url: str | None = None,
    static_charts: bool = False,
    helper: offload.Helper | None = None,
) -> Generated:
    """Every generated page and file but the download tables' CSV and JSON files, which the plugin has
    written straight into the site (offload.write_downloads) once MkDocs has emptied it; extra lists the
    hand-written pages (docs-relative), for the nav; templates: the page templates (None: the packaged ones);
    site_url: the site's address, for the feed; static_charts: a static SVG of every chart for readers without
    JavaScript (chartfiles.write_charts); helper: where the paper pages are rendered (None: here)."""
    helper = helper or offload.Helper(process=False)
    results = tables.results_frame(corpus)
    benchmarks = corpus.benchmarks()
    papers = {s.mapping["id"]: s.mapping for s in corpus.of_kind("paper")}
    ranked = aggregate.with_ranks(results)
    claims = claim_table.claims_frame(corpus)
    t = templates or default_templates()
    paper_pages = helper.submit(offload.paper_pages, papers, ranked, claims, benchmarks, t.override)
    resources.copy_assets(static / "assets")
    chartfiles.vendor_scripts(static / "assets" / "vendor")
    downloads = export.tables(results, benchmarks, claims)
    _write(
        static / "downloads" / DATAPACKAGE,
        overview.datapackage(downloads, info.inputs_sha256[:12], site_title, license),
    )
    manifest.write_manifest(static, info)  # SHA256SUMS: the plugin, once the downloads are written
    entries = changelog.history(corpus.root)
    _write(static / "changelog.xml", changelog.atom(entries, site_title, site_url=site_url))
    out = {
        "changelog.md": changelog.page_markdown(entries, templates=t),
        "index.md": overview.home_page(benchmarks, ranked, info.footer(), extra, templates=t, site_name=site_title),
        "downloads.md": overview.downloads_page(downloads, templates=t),
        "schema.md": reference.schema_page(templates=t),
        "claims.md": pages.claims_page(claims, benchmarks, templates=t),
    }
    changed = changelog.last_changed(entries)
    out |= _benchmark_pages(benchmarks, ranked, claims, changed, static, cache, t, static_charts)
    papers_done: dict[str, str] = paper_pages.result()
    searched = offload.ReadAhead(set(papers_done), helper.submit(offload.read_for_search, papers_done))
    out |= papers_done
    return Generated(out, static, nav(benchmarks, extra), downloads, results.height, searched)


def _benchmark_pages(
    benchmarks: dict,
    ranked: pl.DataFrame,
    claims: pl.DataFrame,
    changed: dict,
    static: Path,
    cache: ChartCache | None,
    templates: Templates,
    static_charts: bool,
) -> dict[str, str]:
    out = {}
    by_bench = ranked.partition_by("benchmark", as_dict=True, maintain_order=True)
    for bench_id, bench in sorted(benchmarks.items()):
        rows = by_bench.get((bench_id,), ranked.clear())
        charts = chartfiles.write_charts(bench, rows, static / "charts", cache, static_charts)
        about, more = pages.newest_claims(claim_table.for_benchmark(claims, bench_id), benchmarks)
        page = pages.benchmark_page(
            bench, rows, charts, changed.get(bench_id), claims=about, templates=templates, more_claims=more
        )
        out[f"benchmarks/{bench_id}.md"] = page
    return out


_PLACED = ("contribute.md", "methodology.md")  # hand-written pages with their own place in the navigation


def nav(benchmarks: dict[str, dict], extra: list[str]) -> list:
    """Generated pages, the known hand-written ones where they belong if present, then any other page.

    Listing only pages that exist matters: a strict build fails on a nav entry without its file, and on a
    page that is in no nav (validation.omitted_files: warn). Area and benchmark names are contributed, and
    MkDocs prints nav titles without escaping, so they go in as html.theme_title() (escaped once, marked safe)."""
    areas: dict[str, list] = {}
    for bench in sorted(benchmarks.values(), key=lambda b: (b["area"], b["name"], b["id"])):
        areas.setdefault(bench["area"], []).append({theme_title(bench["name"]): f"benchmarks/{bench['id']}.md"})
    contribute = ["contribute.md"] if "contribute.md" in extra else []
    return [
        {"Home": "index.md"},
        {"Benchmarks": [{theme_title(area): items} for area, items in areas.items()]},
        {"Relative claims": "claims.md"},
        {"Downloads": "downloads.md"},
        {"Contribute": [*contribute, {"Schema reference": "schema.md"}]},
        *([{"Methodology": "methodology.md"}] if "methodology.md" in extra else []),
        {"Changelog": "changelog.md"},
        *(page for page in extra if page not in _PLACED),
    ]
