"""Site-wide pages: home (benchmarks by area), downloads (with column docs and datapackage.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Collection

import polars as pl

from ..export import benchmark_file
from .html import esc, value_text
from .pages import front_matter

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
    "source_type": "paper (self-reported), lab_report, leaderboard, or reproduction (independent re-run).",
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
_TYPES = {pl.String: "string", pl.Float64: "number", pl.Int64: "integer", pl.UInt32: "integer", pl.Boolean: "boolean"}


def column_doc(name: str) -> str:
    if name.startswith("condition_"):
        return f"Condition '{name.removeprefix('condition_')}' as stated ('not stated' when the source is silent)."
    if name.endswith("_kind"):
        return f"Value kind of metric {name.removesuffix('_kind')}."
    return COLUMN_DOCS.get(name, f"Value of metric '{name}'.")


def _best(board: pl.DataFrame) -> str:
    ranked = board.filter(pl.col("rank") == 1)
    if ranked.is_empty():
        return "–"
    largest = board.filter(pl.col("ranked")).group_by("group").len().sort(["len", "group"], descending=[True, False])
    row = ranked.filter(pl.col("group") == largest.item(0, "group")).sort("result_id").row(0, named=True)
    shown = value_text(row["value_kind"], row["value"], row["low"], row["high"], row["unit"], row["std"])
    return (
        f'{esc(row["model"])} — {esc(shown)}<br><small><a href="papers/{row["paper_id"]}.html">'
        f"{esc(row['paper_title'])}</a></small>"
    )


def _latest(board: pl.DataFrame) -> str:
    dated = board.filter(pl.col("date").is_not_null()).sort(["date", "result_id"], descending=[True, False])
    if dated.is_empty():
        return "–"
    row = dated.row(0, named=True)
    return f"{esc(row['model'])} <small>({esc(row['date'])})</small>"


def _intro_links(extra: Collection[str]) -> str:
    """Links to the hand-written pages only when the site has them: an adopter's site may have none."""
    links = ['<a href="methodology.html">How ranking works</a>'] if "methodology.md" in extra else []
    links.append('<a href="downloads.html">Download the data</a>')
    if "contribute.md" in extra:
        links.append('<a href="contribute.html">Add your paper</a>')
    return " · ".join(links)


def home_page(benchmarks: dict[str, dict], ranked: pl.DataFrame, build_info: str, extra: Collection[str] = ()) -> str:
    """Benchmarks by area; the count is of results (any metric), the best and latest use the primary metric.

    extra: the site's hand-written pages (e.g. methodology.md), linked from the introduction when present."""
    board = ranked.filter(pl.col("is_primary"))
    counts = dict(ranked.group_by("benchmark").agg(pl.col("result_id").n_unique()).iter_rows())
    areas: dict[str, list[dict]] = {}
    for bench in sorted(benchmarks.values(), key=lambda b: (b["area"], b["name"], b["id"])):
        areas.setdefault(bench["area"], []).append(bench)
    parts = [
        front_matter("Leaderboards"),
        '<div class="lb-home" markdown="0">',
        "<h1>Benchmark leaderboards</h1>",
        "<p>Every number on this site comes from a paper, with a verbatim quote that contains it. Results are only "
        "ranked against results measured under the same conditions (a <em>comparison group</em>); claims such as "
        "“up to 2.5×” are shown as bounds, never as measured points. " + _intro_links(extra) + "</p>",
        f'<p class="lb-build">{esc(build_info)}</p>',
    ]
    for area, benches in areas.items():
        rows = []
        for bench in benches:
            mine = board.filter(pl.col("benchmark") == bench["id"])
            rows.append(
                f'<tr><td><a href="benchmarks/{bench["id"]}.html">{esc(bench["name"])}</a></td>'
                f'<td data-sort="{counts.get(bench["id"], 0)}">{counts.get(bench["id"], 0)}</td>'
                f"<td>{_best(mine)}</td><td>{_latest(mine)}</td>"
                f'<td><a href="downloads/{benchmark_file(bench["id"])}.csv" download>CSV</a></td></tr>'
            )
        parts += [
            f'<h2 id="{_anchor(area)}">{esc(area)}</h2>',
            '<table class="lb-table" data-sortable><thead><tr><th>Benchmark</th><th>Results</th>'
            "<th>Current best (largest comparison group)</th><th>Latest addition</th><th>Data</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>",
        ]
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"


def _anchor(text: str) -> str:
    return "area-" + "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def downloads_page(files: list[tuple[str, pl.DataFrame, str]]) -> str:
    """One section per file: what it holds and every column."""
    parts = [
        front_matter("Downloads"),
        '<div class="lb-downloads" markdown="0">',
        "<h1>Downloads</h1>",
        "<p>Every table on the site as CSV (RFC 4180, UTF-8, CRLF) and JSON (a list of records with the same "
        "columns). In the CSV files every text cell is quoted, and one that begins with = + - @ (or their "
        "full-width forms), possibly after spaces, or with a tab or line break, is prefixed with an apostrophe "
        "so spreadsheets do not run it as a formula; numbers are never changed. "
        '<a href="downloads/datapackage.json">datapackage.json</a> describes every file '
        '(<a href="https://specs.frictionlessdata.io/data-package/" rel="noopener">Frictionless Data</a>). '
        '<a href="downloads/SHA256SUMS">SHA256SUMS</a> lists checksums.</p>',
    ]
    for name, frame, description in files:
        cols = "".join(
            f"<tr><td><code>{esc(c)}</code></td><td>{_TYPES.get(t, 'string')}</td><td>{esc(column_doc(c))}</td></tr>"
            for c, t in frame.schema.items()
        )
        parts.append(
            f'<h2 id="{esc(name.replace(".", "-").replace("/", "-"))}">{esc(name)}</h2><p>{esc(description)} '
            f'<a href="downloads/{esc(name)}.csv" download>CSV</a> · '
            f'<a href="downloads/{esc(name)}.json" download>JSON</a></p>'
            f"<details><summary>{frame.width} columns</summary><table><thead><tr><th>Column</th><th>Type</th>"
            f"<th>Meaning</th></tr></thead><tbody>{cols}</tbody></table></details>"
        )
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"


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
