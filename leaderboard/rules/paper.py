"""Rules for paper files: every result must resolve against its benchmark and be backed by its quote."""

from __future__ import annotations

import datetime as dt
import math
import re

from . import diag, rule
from .numbers import all_finite, appears_in, as_fraction_of_percent, numbers_in, walk_numbers

NOT_STATED = "not stated"
_VALUE_FIELDS = ("value", "low", "high")


def _by_id(items) -> dict:
    return {x["id"]: x for x in items or [] if isinstance(x, dict) and "id" in x}


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
def schema_comment(ctx, src):
    first = src.text.split("\n", 1)[0].strip()
    expected = f"# yaml-language-server: $schema=../../schemas/{src.kind}.schema.json"
    if not (first.startswith("# yaml-language-server: $schema=") and first.endswith(f"{src.kind}.schema.json")):
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
        bench = ctx.benchmarks.get(res["benchmark"])
        if res["benchmark"] in ctx.unusable_benchmarks:
            continue
        if bench is None:
            known = ", ".join(sorted(ctx.benchmarks)) or "none"
            yield diag(
                src,
                "LB101",
                ("results", i, "benchmark"),
                f"no benchmark '{res['benchmark']}'",
                fix=f"use one of: {known}; or add data/benchmarks/{res['benchmark']}.yaml",
            )
            continue
        metrics = _by_id(bench.get("metrics"))
        for mid in res["metrics"]:
            if mid not in metrics:
                yield diag(
                    src,
                    "LB102",
                    ("results", i, "metrics", mid),
                    f"benchmark '{res['benchmark']}' has no metric '{mid}'",
                    fix=f"use one of: {', '.join(sorted(metrics))}",
                )
        yield from _conditions(src, i, res, _by_id(bench.get("conditions")), res["benchmark"])


def _conditions(src, i, res, declared: dict, bench_id: str):
    given = res.get("conditions", {})
    for cid, value in given.items():
        cond = declared.get(cid)
        if cond is None:
            yield diag(
                src,
                "LB103",
                ("results", i, "conditions", cid),
                f"benchmark '{bench_id}' has no condition '{cid}'",
                fix=f"use one of: {', '.join(sorted(declared)) or '(none declared)'}",
            )
        elif cond.get("values") and value != NOT_STATED and value not in cond["values"]:
            yield diag(
                src,
                "LB107",
                ("results", i, "conditions", cid),
                f"'{value}' is not an allowed value",
                fix=f"use one of: {', '.join(cond['values'])}, or '{NOT_STATED}'",
            )
    for cid, cond in sorted(declared.items()):
        if cond.get("required") and cid not in given:
            yield diag(
                src,
                "LB106",
                ("results", i, "conditions"),
                f"condition '{cid}' is required by '{bench_id}'",
                fix=f"add {cid}: <value>, or {cid}: {NOT_STATED} when the source does not say",
            )


@rule("file", "paper")
def values_backed_by_evidence(ctx, src):
    for i, res in ctx.results(src):
        quote = res["evidence"]["quote"]
        printed = numbers_in(quote)
        bench = ctx.benchmarks.get(res["benchmark"]) or {}
        metrics = _by_id(bench.get("metrics"))
        for mid, val in res["metrics"].items():
            unit = metrics.get(mid, {}).get("unit")
            for name in _VALUE_FIELDS:
                number = val.get(name)
                if number is None or not math.isfinite(number) or appears_in(number, printed):
                    continue
                pointer = ("results", i, "metrics", mid, name)
                if unit == "percent" and as_fraction_of_percent(number, quote):
                    yield diag(src, "LB113", pointer, f"{number} looks like a fraction of the percentage in the quote")
                else:
                    yield diag(src, "LB104", pointer, f"{number} does not appear in the evidence quote")


@rule("file", "paper")
def values_in_range(ctx, src):
    for i, res in ctx.results(src):
        metrics = _by_id((ctx.benchmarks.get(res["benchmark"]) or {}).get("metrics"))
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
