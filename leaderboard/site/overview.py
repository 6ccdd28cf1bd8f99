"""Site-wide pages: home (benchmarks by area), downloads (with column docs and datapackage.json).

The pages' HTML is in leaderboard/templates/home.html and downloads.html; datapackage.json is JSON and is
written here."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

import polars as pl

from .. import comparability
from ..export import benchmark_file
from ..formatting import value_text
from .templates import Templates, resolve

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

COLUMN_DOCS = {
    "rank": "Rank within the comparison group by the primary metric; ties share a rank; empty for bounds, ranges "
    "and withdrawn results, which are never ranked.",
    "group": "The comparison group: values of the conditions that must match for two results to be compared.",
    "benchmark": "Benchmark id (file name in data/benchmarks/).",
    "benchmark_name": "Benchmark display name.",
    "benchmark_version": "Version of the benchmark definition.",
    "area": "Research area.",
    "metric": "Metric id.",
    "metric_name": "Metric display name.",
    "value_kind": "point (measured), approximate, at_least (lower bound), up_to (best-case claim) or range.",
    "value": "The number as the source prints it; empty for ranges.",
    "low": "Lower end of a range.",
    "high": "Upper end of a range.",
    "unit": "percent (0-100), points, x (ratio), fps, ms, s, tokens/s, GB or count.",
    "higher_is_better": "true when larger values are better.",
    "std": "Standard deviation, when reported.",
    "n_runs": "Number of runs averaged, when reported.",
    "model": "Model or method name as the source writes it.",
    "parameters": "Parameter count as stated, e.g. 7B.",
    "paper_id": "Paper id (file name in data/papers/).",
    "paper_title": "Paper title.",
    "arxiv_id": "arXiv identifier, when known.",
    "paper_url": "Link to the paper.",
    "code_url": "Link to the code.",
    "date": "First-version date of the paper (YYYY-MM or YYYY-MM-DD); empty when unknown.",
    "source_type": "paper (self-reported), lab_report, leaderboard, reproduction (independent re-run), "
    "library_reproduction (a model library's own re-run) or model_card (self-reported in a model card).",
    "status": "active, withdrawn or superseded.",
    "status_reason": "Why a result was withdrawn or superseded.",
    "superseded_by": "Paper id of the replacing entry.",
    "flags": "Caveats with their evidence, '; '-separated.",
    "note": "Curator's note.",
    "evidence": "Verbatim quote from the source containing the number.",
    "evidence_location": "Where the quote is in the source.",
    "conditions": "All stated conditions as key=value; ...",
    "result_id": "Stable id of the result: paper id / hash of benchmark, model, parameters, conditions and metrics.",
    "x": "Value on the trade-off axis.",
    "frontier_group": "Group within which the Pareto frontier is computed.",
    "on_frontier": "true when no other result is at least as good on both axes.",
    "name": "Display name.",
    "version": "Definition version.",
    "task": "Task.",
    "description": "Description.",
    "homepage": "Benchmark homepage.",
    "primary_metric": "Metric the leaderboard ranks by.",
    "results": "Number of results with the primary metric.",
}
_TYPES: dict[PolarsDataType, str] = {
    pl.String: "string",
    pl.Float64: "number",
    pl.Int64: "integer",
    pl.UInt32: "integer",
    pl.Boolean: "boolean",
}


def column_doc(name: str) -> str:
    if name.startswith("condition_"):
        return f"Condition '{name.removeprefix('condition_')}' as stated ('not stated' when the source is silent)."
    if name.endswith("_kind"):
        return f"Value kind of metric {name.removesuffix('_kind')}."
    return COLUMN_DOCS.get(name, f"Value of metric '{name}'.")


def _best(board: pl.DataFrame, comparable: set[str]) -> dict | None:
    """The rank-1 result of the benchmark's largest comparable group (at least two ranked results; ties: the
    first group, then the first result id), with how many it was ranked against. None when no group is
    comparable: a result ranked first against nothing is no "best"."""
    ranked = board.filter(
        pl.col("rank").is_not_null() & pl.col("group").is_in(pl.Series(sorted(comparable), dtype=pl.String).implode())
    )
    if ranked.is_empty():
        return None
    largest = ranked.group_by("group").len().sort(["len", "group"], descending=[True, False])
    group, size = largest.item(0, "group"), largest.item(0, "len")
    row = ranked.filter((pl.col("group") == group) & (pl.col("rank") == 1)).sort("result_id").row(0, named=True)
    return {**_shown(row), "group": group, "of": size, "groups": largest.height}


def _shown(row: dict) -> dict:
    shown = value_text(row["value_kind"], row["value"], row["low"], row["high"], row["unit"], row["std"])
    return {"model": row["model"], "shown": shown, "paper_id": row["paper_id"], "paper_title": row["paper_title"]}


def _only(rows: pl.DataFrame) -> dict | None:
    """The benchmark's one result, when it has exactly one: said as such, never as a best."""
    primary = rows.filter(pl.col("is_primary"))
    if rows.get_column("result_id").n_unique() != 1 or primary.is_empty():
        return None
    return _shown(primary.row(0, named=True))


def _latest(rows: pl.DataFrame) -> dict | None:
    dated = rows.filter(pl.col("date").is_not_null()).sort(["date", "result_id"], descending=[True, False])
    if dated.is_empty():
        return None
    row = dated.row(0, named=True)
    return {"model": row["model"], "date": row["date"]}


def home_page(
    benchmarks: dict[str, dict],
    ranked: pl.DataFrame,
    build_info: str,
    extra: Collection[str] = (),
    *,
    templates: Templates | None = None,
    site_name: str = "Benchmark leaderboards",
) -> str:
    """Benchmarks by area: the metric, the best ranked result of the largest comparable group (or that the
    benchmark has only one result, or none comparable), how many results and papers, the latest result.

    extra: the site's hand-written pages (e.g. methodology.md), linked from the introduction when present:
    an adopter's site may have none."""
    comparable = comparability.comparable_groups(ranked)
    by_bench = ranked.partition_by("benchmark", as_dict=True)
    areas: dict[str, list[dict]] = {}
    for bench in sorted(benchmarks.values(), key=lambda b: (b["area"], b["name"], b["id"])):
        mine = by_bench.get((bench["id"],), ranked.clear())
        metric = {m["id"]: m for m in bench["metrics"]}[bench["primary_metric"]]
        board = mine.filter(pl.col("is_primary"))
        areas.setdefault(bench["area"], []).append(
            {
                "bench": bench,
                "metric": metric,
                "count": mine.get_column("result_id").n_unique(),
                "papers": mine.get_column("paper_id").n_unique(),
                "file": benchmark_file(bench["id"]),
                "best": _best(board, {g for b, g in comparable if b == bench["id"]}),
                "only": _only(mine),
                "latest": _latest(mine),
            }
        )
    return resolve(templates).page(
        "home.html",
        "Leaderboards",
        meta={"hide": ["toc"]},  # the areas are in the navigation; the tables get the width
        extra=frozenset(extra),
        build_info=build_info,
        site_name=site_name,
        areas=[{"name": area, "anchor": _anchor(area), "benchmarks": rows} for area, rows in areas.items()],
    )


def _anchor(text: str) -> str:
    return "area-" + "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def downloads_page(files: list[tuple[str, pl.DataFrame, str]], *, templates: Templates | None = None) -> str:
    """One section per file: what it holds and every column."""
    sections: list[dict[str, object]] = []
    first_with: dict[tuple[tuple[str, pl.DataType], ...], dict[str, str]] = {}
    for name, frame, description in files:
        anchor = name.replace(".", "-").replace("/", "-")
        columns = tuple(frame.schema.items())
        same = first_with.setdefault(columns, {"name": name, "anchor": anchor})
        sections.append(
            {
                "name": name,
                "anchor": anchor,
                "description": description,
                "width": frame.width,
                # A file with the columns of one listed before it (a group's table and its benchmark's)
                # points there instead of repeating the column table.
                "same_as": same if same["name"] != name else None,
                "columns": [{"name": c, "type": _TYPES.get(t, "string"), "doc": column_doc(c)} for c, t in columns],
            }
        )
    # The column tables repeat for each of hundreds of files: not what a reader searches for.
    return resolve(templates).page("downloads.html", "Downloads", meta={"search": {"exclude": True}}, files=sections)


_LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}


def datapackage(
    files: list[tuple[str, pl.DataFrame, str]], version: str, title: str, license: str | None = None
) -> str:
    """The Frictionless data package: the site's name as its title, the site's data licence (none when the
    site states none: a licence is the data owner's choice, never a default)."""
    resources = [
        {
            "name": name.replace(".", "-"),
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": description,
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
            "schema": {
                "fields": [
                    {"name": c, "type": _TYPES.get(t, "string"), "description": column_doc(c)}
                    for c, t in frame.schema.items()
                ]
            },
        }
        for name, frame, description in files
    ]
    package = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", title.lower()).strip("-") or "leaderboard",
        "title": title,
        "version": version,
        "resources": resources,
    }
    if license:
        package["licenses"] = [
            {"name": license, **({"path": _LICENSE_URLS[license]} if license in _LICENSE_URLS else {})}
        ]
    return json.dumps(package, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
