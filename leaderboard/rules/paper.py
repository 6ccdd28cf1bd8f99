"""Rules for paper files: every result must resolve against its benchmark and be backed by its quote."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..conventions import MODELINE_PREFIX, NOT_STATED, modeline
from . import diag, rule
from .numbers import all_finite, appears_in, as_fraction_of_percent, count_appears, numbers_in, walk_numbers
from .suggest import hint, nearest

_VALUE_FIELDS = ("value", "low", "high")
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}  # as tables.parameter_count (not imported: it loads Polars)
# Device names: Windows cannot create con.yaml, aux.yaml, ... so a clone of the repository fails there. The
# superscript forms (com¹) are reserved too; the id pattern cannot produce them, the check costs nothing.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in [*"0123456789", "¹", "²", "³"]]
)


def _by_id(items) -> dict:
    return {x["id"]: x for x in items or [] if isinstance(x, dict) and "id" in x}


@dataclass(frozen=True)
class _Lookups:
    """One benchmark's ids and allowed values, built once per validation run and shared by every result:
    rebuilt per result (and searched as lists), a paper with 10,000 results on a benchmark with 10,000
    metrics or condition values took quadratic time."""

    metrics: dict
    conditions: dict
    allowed: dict  # condition id -> frozenset of allowed values (absent when any value is allowed)
    required: tuple
    metric_names: str
    condition_names: str


def _lookups(ctx, bench_id: str) -> _Lookups | None:
    key = ("lookups", bench_id)
    if key not in ctx.memo:
        bench = ctx.benchmarks.get(bench_id)
        ctx.memo[key] = None if bench is None else _build_lookups(bench)
    return ctx.memo[key]


def _build_lookups(bench: dict) -> _Lookups:
    metrics, conditions = _by_id(bench.get("metrics")), _by_id(bench.get("conditions"))
    return _Lookups(
        metrics=metrics,
        conditions=conditions,
        allowed={cid: frozenset(c["values"]) for cid, c in conditions.items() if c.get("values")},
        required=tuple(cid for cid, c in sorted(conditions.items()) if c.get("required")),
        metric_names=", ".join(sorted(metrics)),
        condition_names=", ".join(sorted(conditions)) or "(none declared)",
    )


@rule("file", "*")
def finite_numbers(ctx, src):
    if all_finite(src.data):
        return
    for pointer, number in walk_numbers(src.data):
        if not math.isfinite(number):
            yield diag(src, "LB112", pointer, f"{number} is not a finite number")


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# YAML can only put such a character into a string by writing it or by a \u or \U escape (\x stops at U+00FF;
# \N, \_, \L and \P are other characters), so a text without any of these needs no walk over its strings.
_MAY_HIDE_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\\\\[uU]")


def _strings(node, pointer=()):
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield (*pointer, key), str(key)
            yield from _strings(value, (*pointer, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*pointer, i))


@rule("file", "*")
def no_invisible_characters(ctx, src):
    """Zero-width and bidi-override characters make a model name or quote read differently than it is."""
    text = src.text
    if (text.isascii() and "\\u" not in text and "\\U" not in text) or not _MAY_HIDE_INVISIBLE.search(text):
        return
    for pointer, text in _strings(src.data):
        found = _INVISIBLE.search(text)
        if found:
            yield diag(src, "LB119", pointer, f"contains U+{ord(found.group()):04X} at position {found.start()}")


@rule("file", "*")
def file_name_matches_id(ctx, src):
    ident = src.data.get("id")
    if ctx.field_ok(src, "id") and src.path.stem != ident:
        yield diag(
            src,
            "LB110",
            ("id",),
            f"id '{ident}' but the file is named '{src.path.name}'",
            fix=f"rename the file to {ident}.yaml or set id: {src.path.stem}",
        )


@rule("file", "*")
def id_not_reserved_on_windows(ctx, src):
    """Ids are file names, and Windows refuses device names as file names whatever the extension."""
    ident = src.data.get("id")
    names = {src.path.stem.casefold()} | ({ident.casefold()} if ctx.field_ok(src, "id") else set())
    for name in sorted(names & WINDOWS_RESERVED):
        yield diag(
            src,
            "LB123",
            ("id",),
            f"'{name}' is a device name on Windows: {name}.yaml cannot exist there, so the repository "
            "could not be checked out",
        )


@rule("file", "*")
def schema_comment(ctx, src):
    first = src.text.split("\n", 1)[0].strip()
    expected = modeline(src.kind)
    if not (first.startswith(MODELINE_PREFIX) and first.endswith(f"{src.kind}.schema.json")):
        return [diag(src, "LB009", (), "the first line is not the schema comment", fix=f"make line 1: {expected}")]
    return []


@rule("file", "paper")
def date_not_in_future(ctx, src):
    date = src.data.get("date")
    today = dt.date.today().isoformat()
    if ctx.field_ok(src, "date") and isinstance(date, str) and date[: len(today)] > today[: len(date)]:
        yield diag(src, "LB111", ("date",), f"{date} is after today ({today})")


@rule("file", "paper")
def benchmark_references(ctx, src):
    for i, res in ctx.results(src):
        if res["benchmark"] in ctx.unusable_benchmarks:
            continue
        known = _lookups(ctx, res["benchmark"])
        if known is None:
            yield diag(
                src,
                "LB101",
                ("results", i, "benchmark"),
                f"no benchmark '{res['benchmark']}'",
                fix=f"{hint(res['benchmark'], ctx.benchmarks)}use one of: {_benchmark_names(ctx)}; "
                f"or add data/benchmarks/{res['benchmark']}.yaml",
            )
            continue
        for mid in res["metrics"]:
            if mid not in known.metrics:
                yield diag(
                    src,
                    "LB102",
                    ("results", i, "metrics", mid),
                    f"benchmark '{res['benchmark']}' has no metric '{mid}'",
                    fix=f"{hint(mid, known.metrics)}use one of: {known.metric_names}",
                )
        yield from _conditions(src, i, res, known, res["benchmark"])


def _benchmark_names(ctx) -> str:
    if "benchmark names" not in ctx.memo:
        ctx.memo["benchmark names"] = ", ".join(sorted(ctx.benchmarks)) or "none"
    return ctx.memo["benchmark names"]


def _conditions(src, i, res, known: _Lookups, bench_id: str):
    given = res.get("conditions", {})
    for cid, value in given.items():
        cond = known.conditions.get(cid)
        if cond is None:
            yield diag(
                src,
                "LB103",
                ("results", i, "conditions", cid),
                f"benchmark '{bench_id}' has no condition '{cid}'",
                fix=f"{hint(cid, known.conditions)}use one of: {known.condition_names}",
            )
        elif cid in known.allowed and value != NOT_STATED and value not in known.allowed[cid]:
            yield diag(
                src,
                "LB107",
                ("results", i, "conditions", cid),
                f"'{value}' is not an allowed value",
                fix=f"{hint(value, cond['values'])}use one of: {', '.join(cond['values'])}, or '{NOT_STATED}'",
            )
    misspelt = {nearest(cid, known.conditions) for cid in given if cid not in known.conditions}
    for cid in known.required:
        if cid not in given and cid not in misspelt:  # a misspelt required condition is one mistake (LB103)
            yield diag(
                src,
                "LB106",
                ("results", i, "conditions"),
                f"condition '{cid}' is required by '{bench_id}'",
                fix=f"add {cid}: <value>, or {cid}: {NOT_STATED} when the source does not say",
            )


def _metrics(ctx, bench_id: str) -> dict:
    known = _lookups(ctx, bench_id)
    return known.metrics if known is not None else {}


@rule("file", "paper")
def values_backed_by_evidence(ctx, src):
    """Every number of a result is copied from its quote: value, low, high, the std, and n_runs, which may be
    written as digits ('5 seeds') or as a word ('three runs': one to twenty, or 'once', 'twice')."""
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


@rule("file", "paper")
def values_in_range(ctx, src):
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
            if val.get("kind") == "range" and val["low"] > val["high"]:
                yield diag(
                    src, "LB114", ("results", i, "metrics", mid), f"low {val['low']} is above high {val['high']}"
                )


@rule("file", "paper")
def derived_numbers_fit(ctx, src):
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


@rule("file", "paper")
def status_has_reason(ctx, src):
    paper_ids = ctx.paper_ids
    for i, res in ctx.results(src):
        status = res.get("status", "active")
        if status != "active" and "status_reason" not in res:
            yield diag(src, "LB116", ("results", i, "status"), f"status is {status} but no status_reason is given")
        successor = res.get("superseded_by")
        if status == "superseded" and (successor is None or successor not in paper_ids or successor == src.data["id"]):
            shown = f"'{successor}' is not another paper's id" if successor else "superseded_by is missing"
            yield diag(src, "LB115", ("results", i, "superseded_by" if successor else "status"), shown)
