"""The chart layouts, declared with Altair: state of the art over time, ranking, and trade-off frontier.

Each function declares one layout on its inputs: holes when site/charts.py compiles a template (once, and
shipped with the package as chart_templates.json), or one chart's real values when the tests build the
reference that every filled template must equal. Bounds and ranges keep their meaning on every chart: 'up to'
is a downward triangle, 'at least' an upward one, a range is a bar from low to high, a standard deviation an
error bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt

from . import spectemplate

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
Declared = alt.LayerChart | alt.FacetChart  # what .properties() on a layer is typed to return


def _tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("m:N", title="Model"),
        alt.Tooltip("s:N", title="Value"),
        alt.Tooltip("k:N", title="Kind"),
        alt.Tooltip("p:N", title="Paper"),
        alt.Tooltip("d:T", title="Date", format="%Y-%m"),
        *extra,
    ]


def _bars(base: alt.Chart, y: str) -> Declared:
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


def _shape(v: Inputs) -> alt.Shape:
    return alt.Shape("k:N", title="Value", scale=alt.Scale(domain=v.items("kinds"), range=v.items("shapes")))


def _declare_sota(v: Inputs, best: bool) -> Declared:
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


def _declare_ranking(v: Inputs) -> Declared:
    y = alt.Y("l:N", title=None, sort=alt.EncodingSortField("o"), axis=alt.Axis(labelLimit=0))
    base = alt.Chart(v.data("top")).encode(y=y)
    marks = base.mark_point(filled=True, size=80).encode(
        x=alt.X("v:Q", title=v.text("axis"), scale=alt.Scale(zero=False)), shape=_shape(v), tooltip=_tooltip()
    )
    layered = alt.layer(marks, _bars(base.encode(x=alt.X("v:Q")), "x"))
    return layered.properties(width="container", height=v.number("height"), title=v.text("title"))


_FRONTIER_WORDS = "datum.value ? 'on the frontier' : 'off the frontier'"


def _declare_tradeoff(v: Inputs, log_x: bool, parameters: bool, subtitle: bool) -> Declared:
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


_DECLARE: dict[str, Callable[..., Declared]] = {
    "sota": _declare_sota,
    "ranking": _declare_ranking,
    "tradeoff": _declare_tradeoff,
}


DECLARE: dict[str, Callable[..., Declared]] = {
    "sota": _declare_sota,
    "ranking": _declare_ranking,
    "tradeoff": _declare_tradeoff,
}
# Every layout a chart can have: the templates shipped in chart_templates.json.
LAYOUTS: dict[str, list[tuple]] = {
    "sota": [(True,), (False,)],
    "ranking": [()],
    "tradeoff": [(log_x, parameters, subtitle) for log_x in (False, True) for parameters in (False, True)
                 for subtitle in (False, True)],
}  # fmt: skip


def compile_template(kind: str, layout: tuple) -> dict:
    """A chart kind in one layout, declared on holes and validated by Altair."""
    return DECLARE[kind](_Holes(), *layout).to_dict()


def reference_spec(kind: str, layout: tuple, values: Mapping[str, Any], data: Mapping[str, list[dict]]) -> dict:
    """The chart built by Altair directly from its real values (slow: validates the whole spec, data included)."""
    return DECLARE[kind](_Actual(values, data), *layout).to_dict()
