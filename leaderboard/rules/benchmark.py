"""Rules for benchmark definitions: internal references must resolve."""

from __future__ import annotations

from collections import Counter

from . import diag, rule


def _ids(items) -> list[str]:
    return [x.get("id") for x in items if isinstance(x, dict)] if isinstance(items, list) else []


@rule("file", "benchmark")
def metric_references(ctx, src):
    if ctx.broken.get(src.display):
        return  # its schema errors come first; references are checked once the shape is right
    data = src.data
    metrics = _ids(data.get("metrics"))
    conditions = _ids(data.get("conditions"))
    for label, ids in (("metrics", metrics), ("conditions", conditions)):
        for dup in sorted(i for i, n in Counter(ids).items() if n > 1):  # ids.count() per id was quadratic
            yield diag(src, "LB117", (label,), f"id '{dup}' is declared twice")
    primary = data.get("primary_metric")
    if ctx.field_ok(src, "primary_metric") and metrics and primary not in metrics:
        yield diag(src, "LB117", ("primary_metric",), f"'{primary}' is not one of the metrics ({', '.join(metrics)})")
    trade = data.get("tradeoff")
    if isinstance(trade, dict) and ctx.field_ok(src, "tradeoff"):
        if trade.get("axis") not in [*metrics, "parameters"] or trade.get("axis") == primary:
            yield diag(
                src,
                "LB117",
                ("tradeoff", "axis"),
                f"'{trade.get('axis')}' must be 'parameters' or a metric other than the primary one",
            )
        declared = set(conditions)
        for i, cond in enumerate(trade.get("conditions", [])):
            if cond not in declared:
                yield diag(src, "LB117", ("tradeoff", "conditions", i), f"'{cond}' is not a declared condition")
    for i, metric in enumerate(data.get("metrics") or []):
        if isinstance(metric, dict) and {"min", "max"} <= metric.keys() and metric["min"] > metric["max"]:
            yield diag(src, "LB117", ("metrics", i), f"min {metric['min']} is above max {metric['max']}")
