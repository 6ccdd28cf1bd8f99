"""Chart specs, declared with Altair: state of the art over time, ranking, and trade-off frontier.

Bounds and ranges keep their meaning on every chart: 'up to' is a downward triangle, 'at least' an
upward one, a range is a bar from low to high, a standard deviation an error bar. Only measured values
join the running-best line and the frontier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import altair as alt
import polars as pl

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


# Parameter counts read as 7B, 632M (Vega's SI format would say 7G); other axes keep Vega's number format.
PARAMETER_LABELS = (
    "datum.value >= 1e12 ? format(datum.value / 1e12, '~g') + 'T' : datum.value >= 1e9 ? "
    "format(datum.value / 1e9, '~g') + 'B' : datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : "
    "datum.value >= 1e3 ? format(datum.value / 1e3, '~g') + 'K' : format(datum.value, '~g')"
)


class _Holes:
    """Declaration inputs for a template: every varying value is a hole (see spectemplate)."""

    def text(self, name: str) -> str:
        return spectemplate.hole(name)

    def items(self, name: str) -> list:
        return [spectemplate.hole(name)]

    def number(self, name: str) -> float:
        return spectemplate.number(name)

    def data(self, name: str) -> alt.InlineData:
        return alt.InlineData(values=spectemplate.rows(name))


@dataclass(frozen=True)
class _Actual:
    """Declaration inputs for one real chart, as Altair alone would build it (the tests' reference)."""

    values: Mapping[str, Any]
    datasets: Mapping[str, list[dict]]

    def text(self, name: str) -> str:
        return self.values[name]

    def items(self, name: str) -> list:
        return list(self.values[name])

    def number(self, name: str) -> float:
        return self.values[name]

    def data(self, name: str) -> alt.InlineData:
        return alt.InlineData(values=self.datasets[name])


Inputs = _Holes | _Actual


def _tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("m:N", title="Model"),
        alt.Tooltip("s:N", title="Value"),
        alt.Tooltip("k:N", title="Kind"),
        alt.Tooltip("p:N", title="Paper"),
        alt.Tooltip("d:T", title="Date", format="%Y-%m"),
        *extra,
    ]


def _bars(base: alt.Chart, y: str) -> alt.LayerChart:
    """Range bars and standard-deviation error bars on a quantitative axis called y."""
    ranges = (
        base.transform_filter("datum.k == 'range'")
        .mark_rule(strokeWidth=3, aria=False)  # drawn beside the points, which carry the description
        .encode(**{y: alt.X("lo:Q") if y == "x" else alt.Y("lo:Q"), f"{y}2": "hi:Q"})
    )
    errors = (
        base.transform_filter("datum.el != null")
        .mark_rule(strokeWidth=1, aria=False)
        .encode(**{y: alt.X("el:Q") if y == "x" else alt.Y("el:Q"), f"{y}2": "eh:Q"})
    )
    return ranges + errors


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


def _shape(v: Inputs) -> alt.Shape:
    return alt.Shape("k:N", title="Value", scale=alt.Scale(domain=v.items("kinds"), range=v.items("shapes")))


def _declare_sota(v: Inputs, best: bool) -> alt.LayerChart:
    base = alt.Chart(v.data("points")).transform_filter("datum.d != null")
    base = base.encode(x=alt.X("d:T", title="Paper date (first version)"))
    marks = base.mark_point(filled=True, size=70, opacity=0.85).encode(
        y=alt.Y("v:Q", title=v.text("axis"), scale=alt.Scale(zero=False)), shape=_shape(v), tooltip=_tooltip()
    )
    layers = [marks, _bars(base.encode(y=alt.Y("v:Q")), "y")]
    if best:
        line = alt.Chart(v.data("best")).mark_line(interpolate="step-after", strokeWidth=2)
        layers.insert(0, line.encode(x="d:T", y="v:Q", tooltip=_tooltip()))
    return alt.layer(*layers).properties(width="container", height=260, title="State of the art over time")


def _declare_ranking(v: Inputs) -> alt.LayerChart:
    y = alt.Y("l:N", title=None, sort=alt.EncodingSortField("o"), axis=alt.Axis(labelLimit=0))
    base = alt.Chart(v.data("top")).encode(y=y)
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("v:Q", title=v.text("axis"), scale=alt.Scale(zero=False)), shape=_shape(v), tooltip=_tooltip()
    )
    layered = alt.layer(marks, _bars(base.encode(x=alt.X("v:Q")), "x"))
    return layered.properties(width="container", height=v.number("height"), title=v.text("title"))


_FRONTIER_WORDS = "datum.value ? 'on the frontier' : 'off the frontier'"


def _declare_tradeoff(v: Inputs, log_x: bool, parameters: bool, subtitle: bool) -> alt.LayerChart:
    scale = alt.Scale(type="log") if log_x else alt.Scale(zero=False)
    axis = alt.Axis(labelExpr=PARAMETER_LABELS) if parameters else alt.Axis()
    base = alt.Chart(v.data("points")).transform_filter(f"datum.x != null && datum.g == {v.text('index')}")
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("x:Q", title=v.text("x_title"), scale=scale, axis=axis),
        y=alt.Y("v:Q", title=v.text("y_title"), scale=alt.Scale(zero=False)),
        color=alt.Color(
            "f:N",
            title="Pareto frontier",
            scale=alt.Scale(domain=v.items("frontier")),
            legend=alt.Legend(labelExpr=_FRONTIER_WORDS),
        ),
        tooltip=_tooltip(alt.Tooltip("x:Q", title=v.text("x_title"))),
    )
    line = base.transform_filter("datum.f").mark_line(strokeDash=[4, 3]).encode(x="x:Q", y="v:Q", order="x:Q")
    title = "Trade-off and Pareto frontier"
    return alt.layer(line, marks).properties(
        width="container", height=300, title=alt.TitleParams(title, subtitle=v.text("detail")) if subtitle else title
    )


_DECLARE: dict[str, Callable[..., alt.LayerChart]] = {
    "sota": _declare_sota,
    "ranking": _declare_ranking,
    "tradeoff": _declare_tradeoff,
}


@cache
def _template(kind: str, layout: tuple) -> dict:
    """A chart kind in one layout, declared on holes and validated by Altair once per process."""
    return _DECLARE[kind](_Holes(), *layout).to_dict()


def _spec(kind: str, layout: tuple, values: dict[str, Any], data: dict[str, list[dict]]) -> dict:
    """One chart's spec: its layout's template filled with its values and rows (tests compare it with
    reference_spec, what Altair builds for the same inputs)."""
    return spectemplate.fill(_template(kind, layout), values, data)


def reference_spec(kind: str, layout: tuple, values: dict[str, Any], data: dict[str, list[dict]]) -> dict:
    """The same chart built by Altair directly from the real values (slow: validates the whole spec)."""
    return _DECLARE[kind](_Actual(values, data), *layout).to_dict()


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
