"""Chart specs, declared with Altair: state of the art over time, ranking, and trade-off frontier.

Bounds and ranges keep their meaning on every chart: 'up to' is a downward triangle, 'at least' an
upward one, a range is a bar from low to high, a standard deviation an error bar. Only measured values
join the running-best line and the frontier.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from .html import kind_words, value_text

KIND_SHAPES = {
    "measured": "circle",
    "approximate": "diamond",
    "lower bound ('at least')": "triangle-up",
    "best case ('up to')": "triangle-down",
    "range": "stroke",
}
_FIELDS = [
    "model",
    "paper_title",
    "paper_id",
    "date",
    "value_kind",
    "claimed",
    "low",
    "high",
    "std",
    "unit",
    "goodness",
    "ranked",
]


def _records(frame: pl.DataFrame, extra: list[str] = ()) -> list[dict]:
    """Plain rows for the spec; dates become the first of the month so Vega reads them as dates."""
    rows = frame.select([*_FIELDS, *extra]).to_dicts()
    for row in rows:
        date = row["date"]
        row["date"] = date + "-01" if date and len(date) == 7 else date
        row["kind"] = kind_words(row.pop("value_kind"))
        row["shown"] = value_text(_kind(row["kind"]), row["claimed"], row["low"], row["high"], row["unit"], row["std"])
        row["err_low"] = row["claimed"] - row["std"] if row["std"] is not None else None
        row["err_high"] = row["claimed"] + row["std"] if row["std"] is not None else None
    return rows


def _kind(words: str) -> str:
    return {
        v: k
        for k, v in {
            "point": "measured",
            "approximate": "approximate",
            "at_least": "lower bound ('at least')",
            "up_to": "best case ('up to')",
            "range": "range",
        }.items()
    }[words]


def _shape() -> alt.Shape:
    return alt.Shape(
        "kind:N", title="Value", scale=alt.Scale(domain=list(KIND_SHAPES), range=list(KIND_SHAPES.values()))
    )


def _tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("model:N", title="Model"),
        alt.Tooltip("shown:N", title="Value"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("paper_title:N", title="Paper"),
        alt.Tooltip("date:T", title="Date", format="%Y-%m"),
        *extra,
    ]


def _bars(base: alt.Chart, y: str) -> alt.LayerChart:
    """Range bars and standard-deviation error bars on a quantitative axis called y."""
    ranges = (
        base.transform_filter("datum.kind == 'range'")
        .mark_rule(strokeWidth=3)
        .encode(**{y: alt.X("low:Q") if y == "x" else alt.Y("low:Q"), f"{y}2": "high:Q"})
    )
    errors = (
        base.transform_filter("datum.err_low != null")
        .mark_rule(strokeWidth=1)
        .encode(**{y: alt.X("err_low:Q") if y == "x" else alt.Y("err_low:Q"), f"{y}2": "err_high:Q"})
    )
    return ranges + errors


def sota_over_time(results: pl.DataFrame, sota: pl.DataFrame, axis_title: str) -> dict | None:
    """All dated results as marks, the running best as a step line."""
    dated = results.filter(pl.col("date").is_not_null())
    if dated.is_empty():
        return None
    rows = _records(dated)
    base = alt.Chart(alt.Data(values=rows)).encode(x=alt.X("date:T", title="Paper date (first version)"))
    marks = base.mark_point(filled=True, size=70, opacity=0.85).encode(
        y=alt.Y("claimed:Q", title=axis_title, scale=alt.Scale(zero=False)), shape=_shape(), tooltip=_tooltip()
    )
    layers = [marks, _bars(base.encode(y=alt.Y("claimed:Q")), "y")]
    if not sota.is_empty():
        best = (
            alt.Chart(alt.Data(values=_records(sota)))
            .mark_line(interpolate="step-after", strokeWidth=2)
            .encode(x="date:T", y="claimed:Q", tooltip=_tooltip())
        )
        layers.insert(0, best)
    return alt.layer(*layers).properties(width="container", height=260, title="State of the art over time").to_dict()


def ranking(results: pl.DataFrame, axis_title: str) -> dict | None:
    """One row per result, best first; bounds keep their own marks and are never drawn as points."""
    if results.is_empty():
        return None
    rows = _records(results.with_columns(label=pl.format("{} · {}", pl.col("model"), pl.col("paper_id"))), ["label"])
    y = alt.Y(
        "label:N", title=None, sort=alt.EncodingSortField("goodness", order="descending"), axis=alt.Axis(labelLimit=260)
    )
    base = alt.Chart(alt.Data(values=rows)).encode(y=y)
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("claimed:Q", title=axis_title, scale=alt.Scale(zero=False)), shape=_shape(), tooltip=_tooltip()
    )
    layered = alt.layer(marks, _bars(base.encode(x=alt.X("claimed:Q")), "x"))
    return layered.properties(width="container", height=max(60, 22 * len(rows)), title="Ranking").to_dict()


def tradeoff(points: pl.DataFrame, x_title: str, y_title: str, log_x: bool) -> dict | None:
    """Primary metric against the trade-off axis; the Pareto frontier per frontier group as a line."""
    if points.is_empty():
        return None
    rows = _records(points, ["x", "on_frontier", "frontier_group"])
    scale = alt.Scale(type="log") if log_x else alt.Scale(zero=False)
    base = alt.Chart(alt.Data(values=rows))
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("x:Q", title=x_title, scale=scale),
        y=alt.Y("claimed:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color("on_frontier:N", title="On frontier", scale=alt.Scale(domain=[True, False])),
        tooltip=_tooltip(alt.Tooltip("x:Q", title=x_title), alt.Tooltip("frontier_group:N", title="Frontier group")),
    )
    line = (
        base.transform_filter("datum.on_frontier")
        .mark_line(strokeDash=[4, 3])
        .encode(x="x:Q", y="claimed:Q", detail="frontier_group:N", order="x:Q")
    )
    return (
        alt.layer(line, marks)
        .properties(width="container", height=300, title="Trade-off and Pareto frontier")
        .to_dict()
    )
