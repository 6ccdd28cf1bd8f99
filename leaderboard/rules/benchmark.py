"""Rules for benchmark definitions: internal references must resolve (all LB117).

Each is checked once the benchmark's shape is right: its schema errors come first.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..corpus import Source
from .context import Context, Found, diag, doc


def _ids(items: Any) -> list[Any]:
    return [x.get("id") for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def ids_declared_once(ctx: Context, src: Source) -> Found:
    """No metric id and no condition id is declared twice."""
    if ctx.broken.get(src.display):
        return
    data = doc(src)
    for label in ("metrics", "conditions"):
        ids = _ids(data.get(label))
        for dup in sorted(i for i, n in Counter(ids).items() if n > 1):  # ids.count() per id was quadratic
            yield diag(src, "LB117", (label,), f"id '{dup}' is declared twice")


def primary_metric_declared(ctx: Context, src: Source) -> Found:
    """The primary metric is one of the benchmark's metrics."""
    if ctx.broken.get(src.display):
        return
    data = doc(src)
    metrics = _ids(data.get("metrics"))
    primary = data.get("primary_metric")
    if ctx.field_ok(src, "primary_metric") and metrics and primary not in metrics:
        yield diag(src, "LB117", ("primary_metric",), f"'{primary}' is not one of the metrics ({', '.join(metrics)})")


def tradeoff_declared(ctx: Context, src: Source) -> Found:
    """The trade-off's axis is 'parameters' or a metric other than the primary one, and its conditions are
    declared ones."""
    if ctx.broken.get(src.display):
        return
    data = doc(src)
    trade = data.get("tradeoff")
    if not (isinstance(trade, dict) and ctx.field_ok(src, "tradeoff")):
        return
    metrics = _ids(data.get("metrics"))
    if trade.get("axis") not in [*metrics, "parameters"] or trade.get("axis") == data.get("primary_metric"):
        yield diag(
            src,
            "LB117",
            ("tradeoff", "axis"),
            f"'{trade.get('axis')}' must be 'parameters' or a metric other than the primary one",
        )
    declared = set(_ids(data.get("conditions")))
    for i, cond in enumerate(trade.get("conditions", [])):
        if cond not in declared:
            yield diag(src, "LB117", ("tradeoff", "conditions", i), f"'{cond}' is not a declared condition")


def metric_bounds_ordered(ctx: Context, src: Source) -> Found:
    """A metric's plausible range runs from min to max."""
    if ctx.broken.get(src.display):
        return
    for i, metric in enumerate(doc(src).get("metrics") or []):
        if isinstance(metric, dict) and {"min", "max"} <= metric.keys() and metric["min"] > metric["max"]:
            yield diag(src, "LB117", ("metrics", i), f"min {metric['min']} is above max {metric['max']}")
