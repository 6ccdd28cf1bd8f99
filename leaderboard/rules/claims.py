"""Rules for relative claims: they resolve against the registry and are backed by their quote, like results.

A claim is never ranked, so its checks are about honesty of the record: the benchmark and metric it names
exist, its numbers are printed in the quote, its baseline and area are spelled as the vocabularies spell
them, and its size carries no sign (direction says which way).
"""

from __future__ import annotations

import math

from ..conventions import NOT_STATED, claim_benchmarks
from . import diag, rule
from .numbers import appears_in, numbers_in
from .vocabulary import AREAS, BASELINES, check_value, condition_vocabulary

_NUMBERS = ("value", "low", "high")


@rule("file", "paper")
def claim_references(ctx, src):
    for i, claim in ctx.claims(src):
        quantity = claim["quantity"]
        for j, bench_id in enumerate(claim.get("benchmarks", [])):
            yield from _known_benchmark(ctx, src, bench_id, ("claims", i, "benchmarks", j))
        bench_id = quantity.get("benchmark")
        if bench_id is None:
            continue
        yield from _known_benchmark(ctx, src, bench_id, ("claims", i, "quantity", "benchmark"))
        bench = ctx.benchmarks.get(bench_id)
        metrics = {m["id"] for m in bench["metrics"]} if bench else set()
        if bench and quantity["metric"] not in metrics:
            yield diag(
                src,
                "LB102",
                ("claims", i, "quantity", "metric"),
                f"benchmark '{bench_id}' has no metric '{quantity['metric']}'",
                fix=f"use one of: {', '.join(sorted(metrics))}",
            )


def _known_benchmark(ctx, src, bench_id: str, pointer: tuple):
    if bench_id not in ctx.benchmarks and bench_id not in ctx.unusable_benchmarks:
        names = ", ".join(sorted(ctx.benchmarks)) or "none"
        yield diag(
            src, "LB101", pointer, f"no benchmark '{bench_id}'", fix=f"use one of: {names}; or add that benchmark"
        )


@rule("file", "paper")
def claim_conditions(ctx, src):
    """With one benchmark named, a claim's conditions are that benchmark's; with none or several, any
    condition id may be given, and the vocabulary of a condition that has one still applies."""
    for i, claim in ctx.claims(src):
        benches = [ctx.benchmarks[b] for b in claim_benchmarks(claim) if b in ctx.benchmarks]
        declared = {c["id"]: c for c in benches[0].get("conditions", [])} if len(benches) == 1 else None
        controlled = {k: v for b in benches for k, v in condition_vocabulary(b).items()}
        for cid, value in claim.get("conditions", {}).items():
            pointer = ("claims", i, "conditions", cid)
            if declared is not None and cid not in declared:
                yield diag(
                    src,
                    "LB103",
                    pointer,
                    f"benchmark '{benches[0]['id']}' has no condition '{cid}'",
                    fix=f"use one of: {', '.join(sorted(declared)) or '(none declared)'}",
                )
            elif declared is not None and declared[cid].get("values") and value not in declared[cid]["values"]:
                if value != NOT_STATED:
                    yield diag(src, "LB107", pointer, f"'{value}' is not an allowed value")
            elif cid in controlled:
                yield from check_value(ctx, src, controlled[cid], value, pointer)


@rule("file", "paper")
def claim_baseline_and_area(ctx, src):
    for i, claim in ctx.claims(src):
        if "name" in claim["baseline"]:
            yield from check_value(ctx, src, BASELINES, claim["baseline"]["name"], ("claims", i, "baseline", "name"))
        if "area" in claim:
            yield from check_value(ctx, src, AREAS, claim["area"], ("claims", i, "area"))


@rule("file", "paper")
def claim_numbers(ctx, src):
    """Every number of the change is printed in the quote, a range runs low to high, and the size is
    unsigned (a '-40% latency' is a decrease of 40)."""
    for i, claim in ctx.claims(src):
        change, quote = claim["change"], claim["evidence"]["quote"]
        printed = numbers_in(quote)
        for name in _NUMBERS:
            number = change.get(name)
            if number is None or not math.isfinite(number):
                continue
            pointer = ("claims", i, "change", name)
            if not appears_in(number, printed):
                yield diag(src, "LB104", pointer, f"{number} does not appear in the evidence quote")
            if number < 0:
                way = "decrease" if change["direction"] == "increase" else change["direction"]
                yield diag(src, "LB136", pointer, f"{number} is negative", fix=f"write {-number} with direction: {way}")
        if change.get("kind") == "range" and change["low"] > change["high"]:
            yield diag(src, "LB114", ("claims", i, "change"), f"low {change['low']} is above high {change['high']}")


@rule("file", "paper")
def claim_status_has_reason(ctx, src):
    for i, claim in ctx.claims(src):
        if claim.get("status", "active") != "active" and "status_reason" not in claim:
            yield diag(src, "LB116", ("claims", i, "status"), "status is withdrawn but no status_reason is given")


def _claim_key(claim: dict) -> tuple:
    model = " ".join(claim["model"].casefold().split())
    return (
        model,
        tuple(sorted(claim["baseline"].items())),
        tuple(sorted(claim["quantity"].items())),
        tuple(sorted(claim["change"].items())),
        tuple(claim_benchmarks(claim)),
        claim.get("scope"),
        tuple(sorted(claim.get("conditions", {}).items())),
    )


@rule("file", "paper")
def duplicate_claims(ctx, src):
    seen: dict[tuple, int] = {}
    for i, claim in ctx.claims(src):
        first = seen.setdefault(_claim_key(claim), i)
        if first != i:
            yield diag(
                src,
                "LB108",
                ("claims", i),
                f"the same claim as claims[{first}]",
                fix="keep one entry, or state what differs (conditions, scope)",
            )
