"""Chart specs, declared with Altair: state of the art over time, ranking, and trade-off frontier.

Bounds and ranges keep their meaning on every chart: 'up to' is a downward triangle, 'at least' an
upward one, a range is a bar from low to high, a standard deviation an error bar. Only measured values
join the running-best line and the frontier.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from ..formatting import kind_words, value_text

KIND_SHAPES = {
    "measured": "circle",
    "approximate": "diamond",
    "lower bound ('at least')": "triangle-up",
    "best case ('up to')": "triangle-down",
    "range": "stroke",
}
RANKING_LIMIT = 25  # a ranking of hundreds of labels is unreadable; the group CSV has every row
_FIELDS = ["model", "paper_id", "date", "value_kind", "claimed", "low", "high", "std", "unit"]


def _records(frame: pl.DataFrame, extra: list[str] = ()) -> alt.InlineData:
    """The rows a chart needs, as one inline dataset that Altair hoists to the spec's top level, so layers
    share a single copy. Only fields that are drawn or shown in a tooltip: a chart spec of a benchmark with
    1,000 results is downloaded by every reader of its page. Dates become the first of the month so Vega
    reads them as dates; fields that are empty for every row are left out."""
    rows = frame.select([*_FIELDS, *extra]).to_dicts()
    for row in rows:
        date = row["date"]
        row["date"] = date + "-01" if date and len(date) == 7 else date
        row["kind"] = kind_words(row.pop("value_kind"))
        row["shown"] = value_text(_kind(row["kind"]), row["claimed"], row["low"], row["high"], row["unit"], row["std"])
        if row["std"] is not None:
            row["err_low"], row["err_high"] = row["claimed"] - row["std"], row["claimed"] + row["std"]
        for key in ("unit", "std"):
            del row[key]
        for key in ("low", "high", *extra):
            if row[key] is None:
                del row[key]
    return alt.InlineData(values=[{_SHORT.get(k, k): v for k, v in row.items()} for row in rows])


# One- or two-letter field names in the chart data: the names never show (axes and tooltips have titles),
# and with a thousand points per chart, long keys were a third of the spec's bytes.
_SHORT = {
    "model": "m", "paper_id": "p", "date": "d", "kind": "k", "claimed": "v", "shown": "s", "low": "lo", "high": "hi",
    "err_low": "el", "err_high": "eh", "label": "l", "order": "o", "on_frontier": "f", "frontier_index": "g",
}  # fmt: skip


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


def _shape(frame: pl.DataFrame) -> alt.Shape:
    """The value kinds as shapes; the legend lists only the kinds this chart draws."""
    present = {kind_words(k) for k in frame.get_column("value_kind").unique().to_list()}
    kinds = [k for k in KIND_SHAPES if k in present]
    return alt.Shape("k:N", title="Value", scale=alt.Scale(domain=kinds, range=[KIND_SHAPES[k] for k in kinds]))


# Parameter counts read as 7B, 632M (Vega's SI format would say 7G); other axes keep Vega's number format.
PARAMETER_LABELS = (
    "datum.value >= 1e12 ? format(datum.value / 1e12, '~g') + 'T' : datum.value >= 1e9 ? "
    "format(datum.value / 1e9, '~g') + 'B' : datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : "
    "datum.value >= 1e3 ? format(datum.value / 1e3, '~g') + 'K' : format(datum.value, '~g')"
)


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


def _points(points: pl.DataFrame) -> alt.InlineData:
    return _records(points, ["x", "on_frontier", "frontier_index"])


def sota_over_time(points: pl.DataFrame, sota: pl.DataFrame, axis_title: str) -> dict | None:
    """All dated results as marks, the running best as a step line."""
    dated = points.filter(pl.col("date").is_not_null())
    if dated.is_empty():
        return None
    base = (
        alt.Chart(_points(points))
        .transform_filter("datum.d != null")
        .encode(x=alt.X("d:T", title="Paper date (first version)"))
    )
    marks = base.mark_point(filled=True, size=70, opacity=0.85).encode(
        y=alt.Y("v:Q", title=axis_title, scale=alt.Scale(zero=False)), shape=_shape(dated), tooltip=_tooltip()
    )
    layers = [marks, _bars(base.encode(y=alt.Y("v:Q")), "y")]
    if not sota.is_empty():
        best = (
            alt.Chart(_records(sota))
            .mark_line(interpolate="step-after", strokeWidth=2)
            .encode(x="d:T", y="v:Q", tooltip=_tooltip())
        )
        layers.insert(0, best)
    return alt.layer(*layers).properties(width="container", height=260, title="State of the art over time").to_dict()


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
    y = alt.Y("l:N", title=None, sort=alt.EncodingSortField("o"), axis=alt.Axis(labelLimit=0))
    base = alt.Chart(_records(top, ["label", "order"])).encode(y=y)
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("v:Q", title=axis_title, scale=alt.Scale(zero=False)), shape=_shape(top), tooltip=_tooltip()
    )
    layered = alt.layer(marks, _bars(base.encode(x=alt.X("v:Q")), "x"))
    title = "Ranking" if top.height == results.height else f"Ranking: top {top.height} of {results.height}"
    return layered.properties(width="container", height=max(60, 22 * top.height), title=title).to_dict()


def tradeoff(
    points: pl.DataFrame, index: int, x_title: str, y_title: str, log_x: bool, detail: str = ""
) -> dict | None:
    """Primary metric against the trade-off axis inside one frontier group, number `index` of group_points (one
    comparison group, and one value of each condition the benchmark's trade-off names, such as hardware); its
    Pareto frontier as a line."""
    drawn = points.filter(pl.col("x").is_not_null() & (pl.col("frontier_index") == index))
    if drawn.height < 2:
        return None
    scale = alt.Scale(type="log") if log_x else alt.Scale(zero=False)
    axis = alt.Axis(labelExpr=PARAMETER_LABELS) if x_title == "Parameters" else alt.Axis()
    frontier = sorted(set(drawn.get_column("on_frontier").to_list()), reverse=True)
    names = {True: "on the frontier", False: "off the frontier"}
    base = alt.Chart(_points(points)).transform_filter(f"datum.x != null && datum.g == {int(index)}")
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("x:Q", title=x_title, scale=scale, axis=axis),
        y=alt.Y("v:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color(
            "f:N",
            title="Pareto frontier",
            scale=alt.Scale(domain=frontier),
            legend=alt.Legend(labelExpr=f"datum.value ? '{names[True]}' : '{names[False]}'"),
        ),
        tooltip=_tooltip(alt.Tooltip("x:Q", title=x_title)),
    )
    line = base.transform_filter("datum.f").mark_line(strokeDash=[4, 3]).encode(x="x:Q", y="v:Q", order="x:Q")
    return (
        alt.layer(line, marks)
        .properties(
            width="container",
            height=300,
            title=alt.TitleParams("Trade-off and Pareto frontier", subtitle=detail)
            if detail
            else "Trade-off and Pareto frontier",
        )
        .to_dict()
    )
