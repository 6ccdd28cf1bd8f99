"""Benchmark and paper pages for MkDocs: the data each page shows, rendered by its Jinja2 template.

The HTML is in leaderboard/templates/ (benchmark.html, paper.html and their partials); this module decides
what goes on a page (groups, the rows shown, charts, what was left out) and leaves every string to the
templates, which escape whatever they print (site/templates.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import polars as pl
from markupsafe import Markup

from .. import aggregate
from ..export import benchmark_file, group_file
from .html import front_matter
from .templates import SOURCE_WORDS, Templates, resolve

__all__ = [
    "SOURCE_WORDS",
    "TABLE_LIMIT",
    "benchmark_page",
    "chart_block",
    "claims_page",
    "front_matter",
    "paper_page",
    "result_table",
]

TABLE_LIMIT = 50  # rows per comparison group on the page; bounds the page weight at any corpus size
_CHARTS = (("sota", "state of the art over time"), ("ranking", "ranking"), ("tradeoff", "trade-off"))


def _table_rows(rows: Iterable[dict], group_conditions: set[str]) -> list[dict]:
    """Result rows with the conditions a table shows: those that do not already name the comparison group."""
    out = []
    for row in rows:
        conds = json.loads(row["conditions_json"])
        shown = "; ".join(f"{k}: {v}" for k, v in sorted(conds.items()) if k not in group_conditions)
        out.append({**row, "shown_conditions": shown})
    return out


def result_table(
    rows: list[dict], group_conditions: set[str], prefix: str = "../", *, templates: Templates | None = None
) -> Markup:
    """A sortable table of result rows (partials/result_table.html)."""
    table_rows = _table_rows(rows, group_conditions)
    return resolve(templates).render("partials/result_table.html", rows=table_rows, prefix=prefix)


def chart_block(spec_name: str | None, alt_text: str, *, templates: Templates | None = None) -> Markup:
    """One chart (partials/chart.html), or nothing when the group has no such chart."""
    if spec_name is None:
        return Markup("")
    return resolve(templates).render("partials/chart.html", chart={"spec": spec_name, "alt": alt_text})


def _rows_left_out(rows: pl.DataFrame) -> dict | None:
    """What the page does not show of a group, so a long table never silently loses rows."""
    rest = rows.slice(TABLE_LIMIT)
    if rest.is_empty():
        return None
    withdrawn = rest.filter(pl.col("status") != "active").height
    unranked = rest.filter(pl.col("rank").is_null() & (pl.col("status") == "active")).height
    extra = [f"{n} {what}" for n, what in ((withdrawn, "withdrawn or superseded"), (unranked, "unranked")) if n]
    return {"shown": TABLE_LIMIT, "total": rows.height, "rest": rest.height, "extra": extra}


def _group(n: int, label: str, rows: pl.DataFrame, bench: dict, charts: dict, group_conditions: set[str]) -> dict:
    """One comparison group as its template part needs it."""
    return {
        "n": n,
        "label": label,
        "file": group_file(bench["id"], label),
        "ranked": rows.filter(pl.col("rank").is_not_null()).height,
        "total": rows.height,
        "undated": rows.filter(pl.col("date").is_null()).height,
        "charts": [
            {"spec": charts[label, key], "alt": f"{bench['name']}: {what} for {label}"}
            for key, what in _CHARTS
            if charts.get((label, key)) is not None
        ],
        "rows": _table_rows(rows.head(TABLE_LIMIT).to_dicts(), group_conditions),
        "left_out": _rows_left_out(rows),
    }


def _other_metrics(ranked: pl.DataFrame, board: pl.DataFrame, group_conditions: set[str]) -> list[dict]:
    """Results that report only secondary metrics still appear, each metric in its own table, unranked across."""
    others = ranked.filter(~pl.col("is_primary") & ~pl.col("result_id").is_in(board.get_column("result_id").implode()))
    return [
        {"name": name, "rows": _table_rows(others.filter(pl.col("metric_name") == name).to_dicts(), group_conditions)}
        for name in others.get_column("metric_name").unique().sort().to_list()
    ]


def benchmark_page(
    bench: dict,
    ranked: pl.DataFrame,
    charts: dict,
    last_changed: str | None,
    *,
    claims: list[dict] = (),
    templates: Templates | None = None,
) -> str:
    """Description, metrics, then per comparison group: charts, sortable table, CSV button (benchmark.html)."""
    metric = {m["id"]: m for m in bench["metrics"]}[bench["primary_metric"]]
    group_conditions = {c["id"] for c in bench.get("conditions", []) if c.get("group")}
    board = aggregate.leaderboard(ranked)
    labels = board.get_column("group").unique(maintain_order=True).to_list()
    groups = [
        _group(n, label, board.filter(pl.col("group") == label), bench, charts, group_conditions)
        for n, label in enumerate(labels, 1)
    ]
    return resolve(templates).page(
        "benchmark.html",
        bench["name"],
        bench["description"],
        bench=bench,
        metric=metric,
        file=benchmark_file(bench["id"]),
        last_changed=last_changed,
        groups=groups,
        other_metrics=_other_metrics(ranked, board, group_conditions),
        claims=list(claims),
        prefix="../",
    )


def paper_page(paper: dict, rows: list[dict], *, claims: list[dict] = (), templates: Templates | None = None) -> str:
    """A paper's links, all its results and its relative claims (paper.html)."""
    return resolve(templates).page("paper.html", paper["title"], paper=paper, rows=rows, claims=list(claims))


def claims_page(claims: pl.DataFrame, *, templates: Templates | None = None) -> str:
    """Every relative claim, one section per area (claims.html); anchors are the area's position, since
    the area name is contributed text."""
    areas = (
        [
            {"name": name, "anchor": f"area-{n}", "claims": rows.to_dicts()}
            for n, ((name,), rows) in enumerate(sorted(claims.partition_by("area", as_dict=True).items()), 1)
        ]
        if claims.height
        else []
    )
    return resolve(templates).page(
        "claims.html",
        "Relative claims",
        "Results stated against a baseline, with their evidence; not ranked.",
        areas=areas,
        file="claims",
        total=claims.height,
        prefix="",
    )
