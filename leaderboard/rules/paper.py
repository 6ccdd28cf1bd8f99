"""Rules for paper files: every result must resolve against its benchmark and be backed by its quote."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..conventions import NOT_STATED
from ..corpus import Source
from .context import Context, Doc, Found, diag, doc
from .numbers import appears_in, as_fraction_of_percent, count_appears, numbers_in
from .suggest import hint, nearest

_VALUE_FIELDS = ("value", "low", "high")
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}  # as tables.parameter_count (not imported: it loads Polars)


def _by_id(items: Any) -> dict[str, Doc]:
    return {x["id"]: x for x in items or [] if isinstance(x, dict) and "id" in x}


@dataclass(frozen=True)
class _Lookups:
    """One benchmark's ids and allowed values, built once per validation run and shared by every result:
    rebuilt per result (and searched as lists), a paper with 10,000 results on a benchmark with 10,000
    metrics or condition values took quadratic time."""

    metrics: dict[str, Doc]
    conditions: dict[str, Doc]
    allowed: dict[str, frozenset[str]]  # condition id -> allowed values (absent when any value is allowed)
    required: tuple[str, ...]
    metric_names: str
    condition_names: str


def _lookups(ctx: Context, bench_id: str) -> _Lookups | None:
    key = ("lookups", bench_id)
    if key not in ctx.memo:
        bench = ctx.benchmarks.get(bench_id)
        ctx.memo[key] = None if bench is None else _build_lookups(bench)
    found: _Lookups | None = ctx.memo[key]
    return found


def _build_lookups(bench: Doc) -> _Lookups:
    metrics, conditions = _by_id(bench.get("metrics")), _by_id(bench.get("conditions"))
    return _Lookups(
        metrics=metrics,
        conditions=conditions,
        allowed={cid: frozenset(c["values"]) for cid, c in conditions.items() if c.get("values")},
        required=tuple(cid for cid, c in sorted(conditions.items()) if c.get("required")),
        metric_names=", ".join(sorted(metrics)),
        condition_names=", ".join(sorted(conditions)) or "(none declared)",
    )


def date_not_in_future(ctx: Context, src: Source) -> Found:
    date = doc(src).get("date")
    today = dt.date.today().isoformat()
    if ctx.field_ok(src, "date") and isinstance(date, str) and date[: len(today)] > today[: len(date)]:
        yield diag(src, "LB111", ("date",), f"{date} is after today ({today})")


def known_benchmark(ctx: Context, src: Source) -> Found:
    """A result names a benchmark of data/benchmarks/ (one that is there but broken reports its own errors)."""
    for i, res in ctx.results(src):
        if res["benchmark"] in ctx.unusable_benchmarks:
            continue
        if _lookups(ctx, res["benchmark"]) is None:
            yield diag(
                src,
                "LB101",
                ("results", i, "benchmark"),
                f"no benchmark '{res['benchmark']}'",
                fix=f"{hint(res['benchmark'], ctx.benchmarks)}use one of: {_benchmark_names(ctx)}; "
                f"or add data/benchmarks/{res['benchmark']}.yaml",
            )


def _benchmark_names(ctx: Context) -> str:
    if "benchmark names" not in ctx.memo:
        ctx.memo["benchmark names"] = ", ".join(sorted(ctx.benchmarks)) or "none"
    names: str = ctx.memo["benchmark names"]
    return names


def _resolved(ctx: Context, src: Source) -> Iterator[tuple[int, Doc, _Lookups]]:
    """The results whose benchmark is known, with that benchmark's lookups (the others are LB101's)."""
    for i, res in ctx.results(src):
        known = _lookups(ctx, res["benchmark"])
        if known is not None:
            yield i, res, known


def declared_metrics(ctx: Context, src: Source) -> Found:
    """Every metric of a result is one its benchmark declares."""
    for i, res, known in _resolved(ctx, src):
        for mid in res["metrics"]:
            if mid not in known.metrics:
                yield diag(
                    src,
                    "LB102",
                    ("results", i, "metrics", mid),
                    f"benchmark '{res['benchmark']}' has no metric '{mid}'",
                    fix=f"{hint(mid, known.metrics)}use one of: {known.metric_names}",
                )


def declared_conditions(ctx: Context, src: Source) -> Found:
    """Every condition of a result is one its benchmark declares."""
    for i, res, known in _resolved(ctx, src):
        for cid in res.get("conditions", {}):
            if cid not in known.conditions:
                yield diag(
                    src,
                    "LB103",
                    ("results", i, "conditions", cid),
                    f"benchmark '{res['benchmark']}' has no condition '{cid}'",
                    fix=f"{hint(cid, known.conditions)}use one of: {known.condition_names}",
                )


def allowed_condition_values(ctx: Context, src: Source) -> Found:
    """A condition that lists its values is given one of them, or 'not stated'."""
    for i, res, known in _resolved(ctx, src):
        for cid, value in res.get("conditions", {}).items():
            if cid in known.allowed and value != NOT_STATED and value not in known.allowed[cid]:
                values = known.conditions[cid]["values"]
                yield diag(
                    src,
                    "LB107",
                    ("results", i, "conditions", cid),
                    f"'{value}' is not an allowed value",
                    fix=f"{hint(value, values)}use one of: {', '.join(values)}, or '{NOT_STATED}'",
                )


def required_conditions(ctx: Context, src: Source) -> Found:
    """Every condition the benchmark requires is given (a misspelt one is LB103's: one mistake, one message)."""
    for i, res, known in _resolved(ctx, src):
        given = res.get("conditions", {})
        misspelt = {nearest(cid, known.conditions) for cid in given if cid not in known.conditions}
        for cid in known.required:
            if cid not in given and cid not in misspelt:
                yield diag(
                    src,
                    "LB106",
                    ("results", i, "conditions"),
                    f"condition '{cid}' is required by '{res['benchmark']}'",
                    fix=f"add {cid}: <value>, or {cid}: {NOT_STATED} when the source does not say",
                )


def _metrics(ctx: Context, bench_id: str) -> dict[str, Doc]:
    known = _lookups(ctx, bench_id)
    return known.metrics if known is not None else {}


def values_backed_by_evidence(ctx: Context, src: Source) -> Found:
    """Every number of a result is copied from its quote: value, low, high, the std, and n_runs, which may be
    written as digits ('5 seeds') or as a word ('three runs': one to twenty, or 'once', 'twice'). A number
    missing from the quote is LB104, or LB113 when the quote prints it as a percentage (0.531 for 53.1%):
    two outcomes of one check."""
    for i, res in ctx.results(src):
        if "file" in res["evidence"]:
            continue  # imported from a file: rules.file_evidence checks it against the file's own text
        quote = res["evidence"]["quote"]
        printed = numbers_in(quote)
        metrics = _metrics(ctx, res["benchmark"])
        for mid, val in res["metrics"].items():
            unit = metrics.get(mid, {}).get("unit")
            for name in (*_VALUE_FIELDS, "std"):
                number = val.get(name)
                if number is None or not math.isfinite(number) or appears_in(number, printed):
                    continue
                pointer = ("results", i, "metrics", mid, name)
                if unit == "percent" and as_fraction_of_percent(number, quote):
                    yield diag(src, "LB113", pointer, f"{number} looks like a fraction of the percentage in the quote")
                else:
                    shown = f"{number}" if name != "std" else f"std {number}"
                    yield diag(src, "LB104", pointer, f"{shown} does not appear in the evidence quote")
            runs = val.get("n_runs")
            if runs is not None and not count_appears(runs, quote, printed):
                yield diag(
                    src,
                    "LB104",
                    ("results", i, "metrics", mid, "n_runs"),
                    f"n_runs {runs} does not appear in the evidence quote",
                    fix="copy the quote that states the number of runs (as digits, or a word such as 'five')",
                )


def values_in_range(ctx: Context, src: Source) -> Found:
    """Every number of a result is within its metric's plausible range (min..max)."""
    for i, res in ctx.results(src):
        metrics = _metrics(ctx, res["benchmark"])
        for mid, val in res["metrics"].items():
            metric = metrics.get(mid, {})
            lo, hi = metric.get("min", -math.inf), metric.get("max", math.inf)
            for name in _VALUE_FIELDS:
                number = val.get(name)
                if number is not None and math.isfinite(number) and not lo <= number <= hi:
                    yield diag(
                        src,
                        "LB105",
                        ("results", i, "metrics", mid, name),
                        f"{number} is outside the plausible range {lo}..{hi} {metric.get('unit', '')}".rstrip(),
                    )


def ranges_not_reversed(ctx: Context, src: Source) -> Found:
    """A range of a result runs from low to high."""
    for i, res in ctx.results(src):
        for mid, val in res["metrics"].items():
            if val.get("kind") == "range" and val["low"] > val["high"]:
                yield diag(
                    src, "LB114", ("results", i, "metrics", mid), f"low {val['low']} is above high {val['high']}"
                )


def derived_numbers_fit(ctx: Context, src: Source) -> Found:
    """Numbers the site computes from a result must stay finite: the chart's error bar (value ± std) and the
    parameter count ("7B" -> 7e9). An overflow to infinity writes Infinity into chart JSON, which no parser
    reads. (Non-finite numbers as written are LB112; integers beyond 2^53 are refused while loading.)"""
    for i, res in ctx.results(src):
        for mid, val in res["metrics"].items():
            std = val.get("std")
            if std is None or not math.isfinite(std):
                continue
            for name in _VALUE_FIELDS:
                number = val.get(name)
                if number is not None and math.isfinite(number) and not _finite_sum(number, std):
                    yield diag(
                        src,
                        "LB122",
                        ("results", i, "metrics", mid, "std"),
                        f"{name} {number} ± std {std} is beyond the largest number a table or chart holds",
                        fix="check the std against the source: the error bar value ± std must be a finite number",
                    )
                    break
        params = res.get("parameters")
        if isinstance(params, str) and params[-1:] in _SCALE and not _finite_count(params):
            yield diag(
                src,
                "LB122",
                ("results", i, "parameters"),
                f"{params[:20]}{'...' if len(params) > 20 else ''} parameters is beyond the largest number "
                "a table or chart holds",
                fix='give the count as the source prints it, with its suffix: "7B", "1.5T"',
            )


def _finite_sum(number: float, std: float) -> bool:
    return math.isfinite(number + std) and math.isfinite(number - std)


def _finite_count(params: str) -> bool:
    try:
        return math.isfinite(float(params[:-1]) * _SCALE[params[-1]])
    except ValueError:
        return True  # not a count at all: the schema's pattern reports it


def status_has_reason(ctx: Context, src: Source) -> Found:
    """A withdrawn or superseded result says why."""
    for i, res in ctx.results(src):
        status = res.get("status", "active")
        if status != "active" and "status_reason" not in res:
            yield diag(src, "LB116", ("results", i, "status"), f"status is {status} but no status_reason is given")


def superseded_by_a_paper(ctx: Context, src: Source) -> Found:
    """A superseded result names the other paper that replaces it."""
    paper_ids = ctx.paper_ids
    for i, res in ctx.results(src):
        successor = res.get("superseded_by")
        if res.get("status", "active") == "superseded" and (
            successor is None or successor not in paper_ids or successor == doc(src)["id"]
        ):
            shown = f"'{successor}' is not another paper's id" if successor else "superseded_by is missing"
            yield diag(src, "LB115", ("results", i, "superseded_by" if successor else "status"), shown)
