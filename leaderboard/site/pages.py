"""Benchmark, paper and relative-claims pages: the data each page shows, rendered by its Jinja2 template.

Each page is a generated MkDocs page whose body is finished HTML, one `lb-` block that Markdown never runs
over (site/mkdocs_plugin.py). The HTML is in leaderboard/templates/ (benchmark.html, paper.html, claims.html
and their partials); this module decides what goes on a page (groups, the rows shown, charts, what was left
out) and leaves every string to the templates, which escape whatever they print (site/templates.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import polars as pl
from markupsafe import Markup

from .. import aggregate, comparability
from ..claims import shown_conditions
from ..conventions import NOT_STATED
from ..export import benchmark_file, group_file, not_comparable_file
from ..formatting import unit_words
from .html import front_matter
from .templates import SOURCE_WORDS, Templates, resolve

__all__ = [
    "SOURCE_WORDS",
    "TABLE_LIMIT",
    "benchmark_page",
    "chart_block",
    "claim_rows",
    "claims_page",
    "front_matter",
    "paper_page",
    "result_table",
]

TABLE_LIMIT = 50  # rows per comparison group on the page; bounds the page weight at any corpus size
CLAIMS_LIMIT = 50  # claims per area on the claims page, and on a benchmark page: the newest; the CSV has all
_CHARTS = (("sota", "state of the art over time"), ("ranking", "ranking"), ("tradeoff", "trade-off"))
EXTRA_DATA = "extra_training_data"  # the condition (and flag type) with its own column


def _condition_names(bench: dict) -> dict[str, str]:
    return {c["id"]: c.get("name", c["id"]) for c in bench.get("conditions", [])}


def _results(rows: pl.DataFrame, bench: dict, group_conditions: set[str]) -> list[dict]:
    """One entry per result (not per metric value), in the frame's order: the primary metric's row with the
    values of every metric it reports (`values`: metric id -> row, for value_cell), the conditions the table
    shows with their display names (`shown_conditions`: (name, value) pairs, neither the group's own nor
    extra training data, which has a column), its extra training data and whether a flag says so."""
    names = _condition_names(bench)
    out: dict[str, dict] = {}
    for row in rows.to_dicts():
        entry = out.get(row["result_id"])
        if entry is None:
            conds = json.loads(row["conditions_json"])
            skip = {*group_conditions, EXTRA_DATA}
            shown = [(names[k], conds[k]) for k in names if k in conds and k not in skip]
            shown += [(k, v) for k, v in sorted(conds.items()) if k not in names and k not in skip]
            flagged = any(f.startswith(EXTRA_DATA + ":") for f in (row["flags"] or "").split("; "))
            entry = out[row["result_id"]] = {
                **row,
                "values": {},
                "conditions_map": conds,
                "shown_conditions": shown,
                "extra_data": conds.get(EXTRA_DATA),
                "extra_data_flagged": flagged,
            }
            if not row["is_primary"]:
                entry["rank"] = None
        entry["values"][row["metric"]] = row
    return list(out.values())


def _ordered(rows: pl.DataFrame) -> pl.DataFrame:
    """The primary-metric rows in ranking order first, then the other metric rows of the same results and
    of results without the primary metric (sorted by model), so _results keeps the ranking order."""
    primary = rows.filter(pl.col("is_primary"))
    rest = rows.filter(~pl.col("is_primary")).sort(["model", "result_id", "metric"])
    return pl.concat([primary, rest])


def _metric_columns(bench: dict) -> list[dict]:
    """The metrics as table columns: the primary first, then the others in declaration order."""
    metrics = sorted(bench["metrics"], key=lambda m: m["id"] != bench["primary_metric"])
    return [{**m, "unit_shown": unit_words(m["unit"])} for m in metrics]


def result_table(
    rows: list[dict],
    metrics: list[dict],
    prefix: str = "../",
    *,
    ranked: bool = True,
    condition_columns: Sequence[dict] = (),
    extra_data: bool = False,
    templates: Templates | None = None,
) -> Markup:
    """A sortable table of results (partials/result_table.html): one row per result, a column per metric."""
    return resolve(templates).render(
        "partials/result_table.html",
        rows=rows,
        metrics=metrics,
        prefix=prefix,
        ranked=ranked,
        condition_columns=list(condition_columns),
        extra_data=extra_data,
    )


def chart_block(spec_name: str | None, alt_text: str, *, templates: Templates | None = None) -> Markup:
    """One chart (partials/chart.html), or nothing when the group has no such chart."""
    if spec_name is None:
        return Markup("")
    return resolve(templates).render("partials/chart.html", chart={"spec": spec_name, "alt": alt_text})


def _rows_left_out(results: list[dict]) -> dict | None:
    """What the page does not show of a group, so a long table never silently loses rows."""
    rest = results[TABLE_LIMIT:]
    if not rest:
        return None
    withdrawn = sum(r["status"] != "active" for r in rest)
    unranked = sum(r["rank"] is None and r["status"] == "active" for r in rest)
    extra = [f"{n} {what}" for n, what in ((withdrawn, "withdrawn or superseded"), (unranked, "unranked")) if n]
    return {"shown": TABLE_LIMIT, "total": len(results), "rest": len(rest), "extra": extra}


def _group(n: int, label: str, rows: pl.DataFrame, bench: dict, charts: dict, group_conditions: set[str]) -> dict:
    """One comparison group as its template part needs it."""
    results = _results(_ordered(rows), bench, group_conditions)
    primary = rows.filter(pl.col("is_primary"))
    chart_list = []
    for key, what in _CHARTS:
        for name, detail, svg in charts.get((label, key), []):
            alt = f"{bench['name']}: {what} for {label}" + (f" ({detail})" if detail else "")
            chart_list.append({"spec": name, "alt": alt, "kind": key, "svg": svg})
    return {
        "n": n,
        "label": label,
        "file": group_file(bench["id"], label),
        "ranked": primary.filter(pl.col("rank").is_not_null()).height,
        "total": len(results),
        "undated": primary.filter(pl.col("date").is_null()).height,
        "charts": chart_list,
        "rows": results[:TABLE_LIMIT],
        "left_out": _rows_left_out(results),
    }


def _not_comparable(rows: pl.DataFrame, bench: dict) -> dict | None:
    """The results of every group of fewer than two rankable results, in one table whose columns are the
    grouping conditions whose values differ between them; the conditions they share are said once."""
    if rows.is_empty():
        return None
    grouping = [c for c in bench.get("conditions", []) if c.get("group")]
    results = _results(_ordered(rows.sort(["group", "model", "result_id"])), bench, {c["id"] for c in grouping})
    results.sort(key=lambda r: (r["group"], r["model"], r["result_id"]))
    columns, shared = [], []
    for c in grouping:
        values = {r["conditions_map"].get(c["id"], NOT_STATED) for r in results}
        if len(values) > 1:
            columns.append(c)
        else:
            shared.append((c.get("name", c["id"]), values.pop()))
    for r in results:
        r["group_values"] = [r["conditions_map"].get(c["id"], NOT_STATED) for c in columns]
    return {
        "file": not_comparable_file(bench["id"]),
        "columns": columns,
        "shared": shared,
        "rows": results,
        "groups": rows.get_column("group").n_unique(),
    }


def benchmark_page(
    bench: dict,
    ranked: pl.DataFrame,
    charts: dict,
    last_changed: str | None,
    *,
    claims: Sequence[dict] = (),
    templates: Templates | None = None,
    more_claims: int = 0,
) -> str:
    """Description, metrics, then per comparable group: charts, sortable table, download; then the results
    that have nothing to be compared with, in one table (benchmark.html)."""
    metric = {m["id"]: m for m in bench["metrics"]}[bench["primary_metric"]]
    group_conditions = {c["id"] for c in bench.get("conditions", []) if c.get("group")}
    comparable = {g for b, g in comparability.comparable_groups(ranked) if b == bench["id"]}
    labels = aggregate.leaderboard(ranked).get_column("group").unique(maintain_order=True).to_list()
    labels += sorted(set(ranked.get_column("group").to_list()) - set(labels))  # groups without the primary metric
    shown = [label for label in labels if label in comparable]
    groups = [
        _group(n, label, ranked.filter(pl.col("group") == label), bench, charts, group_conditions)
        for n, label in enumerate(shown, 1)
    ]
    alone = ranked.filter(~pl.col("group").is_in(pl.Series(shown, dtype=pl.String).implode()))
    conditions = bench.get("conditions", [])
    extra_data = any(c["id"] == EXTRA_DATA for c in conditions) or bool(
        ranked.filter(pl.col("flags").str.contains(EXTRA_DATA + ":", literal=True)).height
    )
    return resolve(templates).page(
        "benchmark.html",
        bench["name"],
        bench["description"],
        meta={"hide": ["toc"]},
        bench=bench,
        metric=metric,
        metrics=_metric_columns(bench),
        file=benchmark_file(bench["id"]),
        last_changed=last_changed,
        groups=groups,
        not_comparable=_not_comparable(alone, bench),
        extra_data=extra_data,
        results=ranked.get_column("result_id").n_unique(),
        claims=list(claims),
        more_claims=more_claims,
        prefix="../",
    )


def paper_page(
    paper: dict,
    rows: list[dict],
    *,
    claims: Sequence[dict] = (),
    templates: Templates | None = None,
    benchmarks: dict | None = None,
) -> str:
    """A paper's links, all its results and its relative claims (paper.html); conditions by their display
    names (benchmarks: id -> definition)."""
    shown = []
    for row in rows:
        names = _condition_names((benchmarks or {}).get(row["benchmark"], {}))
        conds = json.loads(row["conditions_json"])
        pairs = [(names[k], conds[k]) for k in names if k in conds]
        pairs += [(k, v) for k, v in sorted(conds.items()) if k not in names]
        shown.append({**row, "shown_conditions": pairs})
    return resolve(templates).page(
        "paper.html", paper["title"], meta={"hide": ["toc"]}, paper=paper, rows=shown, claims=list(claims)
    )


def claim_rows(claims: pl.DataFrame, benchmarks: dict) -> list[dict]:
    """Claim rows as partials/claims_table.html shows them: conditions by their display names."""
    return [row | {"shown_conditions": shown_conditions(row, benchmarks)} for row in claims.to_dicts()]


def newest_claims(claims: pl.DataFrame, benchmarks: dict) -> tuple[list[dict], int]:
    """At most CLAIMS_LIMIT claims, those of the newest papers first (undated last), and how many were left
    out: a list that grows with the corpus stays readable, and its CSV download holds every claim."""
    ordered = claims.sort(["date", "paper_id", "claim_id"], descending=[True, False, False], nulls_last=True)
    return claim_rows(ordered.head(CLAIMS_LIMIT), benchmarks), max(0, claims.height - CLAIMS_LIMIT)


def _area(n: int, name: str, claims: pl.DataFrame, benchmarks: dict) -> dict:
    shown, more = newest_claims(claims, benchmarks)
    return {"name": name, "anchor": f"area-{n}", "claims": shown, "more": more}


def claims_page(claims: pl.DataFrame, benchmarks: dict, *, templates: Templates | None = None) -> str:
    """Every relative claim, one section per area (claims.html); anchors are the area's position, since
    the area name is contributed text."""
    areas = (
        [
            _area(n, name, rows, benchmarks)
            for n, ((name,), rows) in enumerate(sorted(claims.partition_by("area", as_dict=True).items()), 1)
        ]
        if claims.height
        else []
    )
    return resolve(templates).page(
        "claims.html",
        "Relative claims",
        "Results stated against a baseline, with their evidence; not ranked.",
        meta={"search": {"exclude": True}},  # the claims are searchable on their papers' pages
        areas=areas,
        file="claims",
        total=claims.height,
        prefix="",
    )
