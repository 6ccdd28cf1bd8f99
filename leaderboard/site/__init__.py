"""Render: validated corpus -> Markdown pages, chart specs and SVGs, vendored scripts -> MkDocs build."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polars as pl

from .. import aggregate, changelog, export, manifest, resources
from ..chartcache import ChartCache
from ..corpus import Corpus
from . import chartfiles, mkdocs_run, overview, pages, reference
from . import config as site_config
from .html import theme_title


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def build_site(
    corpus: Corpus,
    results: pl.DataFrame,
    out: Path,
    info: manifest.BuildInfo,
    cache: ChartCache | None = None,
    config: Path | None = None,
) -> list:
    """Render every page into a scratch docs dir and let MkDocs build it into out.

    The scratch dir gets the packaged assets, then the config's own docs_dir (its pages, and any asset it
    overrides), then the generated pages; config None means mkdocs.yml here if there is one (site/config.py)."""
    site = site_config.find(config)
    extra = site_config.extra_pages(site.docs)
    benchmarks = {s.data["id"]: s.data for s in corpus.of_kind("benchmark")}
    papers = {s.data["id"]: s.data for s in corpus.of_kind("paper")}
    ranked = aggregate.with_ranks(results)
    with tempfile.TemporaryDirectory(prefix="leaderboard-docs-") as tmp:
        docs = Path(tmp)
        resources.copy_assets(docs / "assets")
        if site.docs is not None:
            shutil.copytree(site.docs, docs, dirs_exist_ok=True)
        downloads = export.export(results, benchmarks, docs / "downloads")
        build_info = info.footer()
        _write(docs / "downloads" / "datapackage.json", overview.datapackage(downloads, info.inputs_sha256[:12]))
        chartfiles.vendor_scripts(docs / "assets" / "vendor")
        entries = changelog.history(corpus.root)
        changed = changelog.last_changed(entries)
        _write(docs / "changelog.md", changelog.page_markdown(entries))
        _write(docs / "changelog.xml", changelog.atom(entries, "Benchmark leaderboards"))
        by_bench = ranked.partition_by("benchmark", as_dict=True, maintain_order=True)
        for bench_id, bench in sorted(benchmarks.items()):
            rows = by_bench.get((bench_id,), ranked.clear())
            charts = chartfiles.write_charts(bench, rows, docs / "charts", cache)
            last = changed.get(bench_id)
            _write(docs / "benchmarks" / f"{bench_id}.md", pages.benchmark_page(bench, rows, charts, last))
        by_paper = ranked.sort(["benchmark", "metric", "result_id"]).partition_by("paper_id", as_dict=True)
        for paper_id, paper in sorted(papers.items()):
            rows = by_paper[(paper_id,)].to_dicts() if (paper_id,) in by_paper else []
            _write(docs / "papers" / f"{paper_id}.md", pages.paper_page(paper, rows))
        _write(docs / "index.md", overview.home_page(benchmarks, ranked, build_info, extra))
        _write(docs / "downloads.md", overview.downloads_page(downloads))
        _write(docs / "schema.md", reference.schema_page())
        manifest.write(docs, info)
        mkdocs_run.build(docs, out, _nav(benchmarks, extra), build_info, site.file)
    return downloads


_PLACED = ("contribute.md", "methodology.md")  # hand-written pages with their own place in the navigation


def _nav(benchmarks: dict[str, dict], extra: list[str]) -> list:
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
        {"Downloads": "downloads.md"},
        {"Contribute": [*contribute, {"Schema reference": "schema.md"}]},
        *([{"Methodology": "methodology.md"}] if "methodology.md" in extra else []),
        {"Changelog": "changelog.md"},
        *(page for page in extra if page not in _PLACED),
    ]
