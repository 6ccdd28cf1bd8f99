"""Chart specs: state of the art over time, ranking, and trade-off frontier, each its layout's template
(declared with Altair in chartdecl.py) filled with the group's rows and titles.

Only measured values join the running-best line and the frontier (aggregate.py); the rows carry what the
marks and tooltips show, with one- or two-letter field names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import polars as pl

from .. import resources
from ..formatting import kind_words, value_text
from . import spectemplate

KIND_SHAPES = {
    "measured": "circle",
    "approximate": "diamond",
    "lower bound ('at least')": "triangle-up",
    "best case ('up to')": "triangle-down",
    "range": "stroke",
}
RANKING_LIMIT = 25  # a ranking of hundreds of labels is unreadable; the group CSV has every row
_FIELDS = ["model", "paper_id", "date", "value_kind", "claimed", "low", "high", "std", "unit"]


def _rows(frame: pl.DataFrame, extra: Sequence[str] = ()) -> list[dict]:
    """The rows a chart needs, as one inline dataset that Altair hoists to the spec's top level, so layers
    share a single copy. Only fields that are drawn or shown in a tooltip: a chart spec of a benchmark with
    1,000 results is downloaded by every reader of its page. Dates become the first of the month so Vega
    reads them as dates; fields that are empty for every row are left out."""
    rows = frame.select([*_FIELDS, *extra]).to_dicts()
    for row in rows:
        date = row["date"]
        row["date"] = date + "-01" if date and len(date) == 7 else date
        kind = row.pop("value_kind")
        row["kind"] = kind_words(kind)
        row["shown"] = value_text(kind, row["claimed"], row["low"], row["high"], row["unit"], row["std"])
        if row["std"] is not None:
            row["err_low"], row["err_high"] = row["claimed"] - row["std"], row["claimed"] + row["std"]
        for key in ("unit", "std"):
            del row[key]
        for key in ("low", "high", *extra):
            if row[key] is None:
                del row[key]
    return [{_SHORT.get(k, k): v for k, v in row.items()} for row in rows]


# One- or two-letter field names in the chart data: the names never show (axes and tooltips have titles),
# and with a thousand points per chart, long keys were a third of the spec's bytes.
_SHORT = {
    "model": "m", "paper_id": "p", "date": "d", "kind": "k", "claimed": "v", "shown": "s", "low": "lo", "high": "hi",
    "err_low": "el", "err_high": "eh", "label": "l", "order": "o", "on_frontier": "f", "frontier_index": "g",
}  # fmt: skip


def group_points(results: pl.DataFrame, trade: pl.DataFrame) -> pl.DataFrame:
    """A group's results with their trade-off position (x, frontier, and frontier_index: the number of their
    frontier group within the comparison group, from 1), the one dataset the time chart and the trade-off
    charts share, so a reader's browser downloads it once. Each trade-off chart filters it by that number
    (never by the group's label, which is contributed text)."""
    position = trade.select(
        "result_id",
        "x",
        "on_frontier",
        "frontier_group",
        frontier_index=pl.col("frontier_group").rank("dense").cast(pl.Int64),
    )
    return results.join(position, on="result_id", how="left", maintain_order="left")


def _point_rows(points: pl.DataFrame) -> list[dict]:
    return _rows(points, ["x", "on_frontier", "frontier_index"])


def _kinds(frame: pl.DataFrame) -> dict[str, list[str]]:
    """The value kinds as shapes; the legend lists only the kinds this chart draws."""
    present = {kind_words(k) for k in frame.get_column("value_kind").unique().to_list()}
    kinds = [k for k in KIND_SHAPES if k in present]
    return {"kinds": kinds, "shapes": [KIND_SHAPES[k] for k in kinds]}


TEMPLATES = "site/chart_templates.json"  # chartdecl's compiled templates (tests/test_chart_templates.py)


def template_key(kind: str, layout: tuple) -> str:
    return kind + "".join(f"|{json.dumps(part)}" for part in layout)


@cache
def _shipped() -> dict[str, dict]:
    return json.loads(resources.package_bytes(TEMPLATES))


@cache
def _template(kind: str, layout: tuple) -> dict:
    """A layout's template: shipped with the package, so a build never loads Altair (a second of start-up)."""
    shipped = _shipped().get(template_key(kind, layout))
    if shipped is not None:
        return shipped
    from .chartdecl import compile_template

    return compile_template(kind, layout)


def _spec(kind: str, layout: tuple, values: dict[str, Any], data: dict[str, list[dict]]) -> dict:
    """One chart's spec: its layout's template filled with its values and rows (tests compare it with
    chartdecl.reference_spec, what Altair builds for the same inputs)."""
    return spectemplate.fill(_template(kind, layout), values, data)


def sota_over_time(points: pl.DataFrame, sota: pl.DataFrame, axis_title: str) -> dict | None:
    """All dated results as marks, the running best as a step line."""
    dated = points.filter(pl.col("date").is_not_null())
    if dated.is_empty():
        return None
    data = {"points": _point_rows(points)}
    if not sota.is_empty():
        data["best"] = _rows(sota)
    return _spec("sota", ("best" in data,), {"axis": axis_title, **_kinds(dated)}, data)


def ranking(results: pl.DataFrame, axis_title: str) -> dict | None:
    """The best RANKING_LIMIT results, best first (ranked ones by rank, then the unranked bounds and ranges,
    which keep their own marks and are never drawn as points)."""
    if results.is_empty():
        return None
    top = results.sort(["rank", "goodness", "result_id"], descending=[False, True, False], nulls_last=True)
    label = pl.format("{} · {}", pl.col("model"), pl.col("paper_id"))
    # One row per result: results whose labels coincide (a model reported twice in one paper, under
    # conditions this group does not split on) are numbered, or Vega would draw them on one row.
    n = pl.int_range(pl.len()).over(label) + 1
    unique = pl.when(pl.len().over(label) > 1).then(pl.format("{} ({})", label, n)).otherwise(label)
    top = top.head(RANKING_LIMIT).with_columns(label=unique, order=pl.int_range(pl.len()))
    title = "Ranking" if top.height == results.height else f"Ranking: top {top.height} of {results.height}"
    values = {"axis": axis_title, "height": max(60, 22 * top.height), "title": title, **_kinds(top)}
    return _spec("ranking", (), values, {"top": _rows(top, ["label", "order"])})


def tradeoff(
    points: pl.DataFrame, index: int, x_title: str, y_title: str, log_x: bool, detail: str = ""
) -> dict | None:
    """Primary metric against the trade-off axis inside one frontier group, number `index` of group_points (one
    comparison group, and one value of each condition the benchmark's trade-off names, such as hardware); its
    Pareto frontier as a line."""
    drawn = points.filter(pl.col("x").is_not_null() & (pl.col("frontier_index") == index))
    if drawn.height < 2:
        return None
    values = {
        "index": int(index),
        "x_title": x_title,
        "y_title": y_title,
        "frontier": sorted(set(drawn.get_column("on_frontier").to_list()), reverse=True),
        "detail": detail,
    }
    layout = (log_x, x_title == "Parameters", bool(detail))
    return _spec("tradeoff", layout, values, {"points": _point_rows(points)})
