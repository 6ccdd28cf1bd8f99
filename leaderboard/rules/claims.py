"""Rules for relative claims: they resolve against the registry and are backed by their quote, like results.

A claim is never ranked, so its checks are about honesty of the record: the benchmark and metric it names
exist, its numbers are printed in the quote, its baseline and area are spelled as the vocabularies spell
them, and its size carries no sign (direction says which way).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..conventions import NOT_STATED, claim_benchmarks
from ..corpus import Source
from .context import Context, Doc, Found, Pointer, diag
from .numbers import appears_in, numbers_in
from .vocabulary import AREAS, BASELINES, check_value, condition_vocabulary

_NUMBERS = ("value", "low", "high")


def claim_benchmarks_known(ctx: Context, src: Source) -> Found:
    """Every benchmark a claim names (its quantity's, and those it lists) is in data/benchmarks/."""
    for i, claim in ctx.claims(src):
        for j, bench_id in enumerate(claim.get("benchmarks", [])):
            yield from _known_benchmark(ctx, src, bench_id, ("claims", i, "benchmarks", j))
        bench_id = claim["quantity"].get("benchmark")
        if bench_id is not None:
            yield from _known_benchmark(ctx, src, bench_id, ("claims", i, "quantity", "benchmark"))


def _known_benchmark(ctx: Context, src: Source, bench_id: str, pointer: Pointer) -> Found:
    if bench_id not in ctx.benchmarks and bench_id not in ctx.unusable_benchmarks:
        names = ", ".join(sorted(ctx.benchmarks)) or "none"
        yield diag(
            src, "LB101", pointer, f"no benchmark '{bench_id}'", fix=f"use one of: {names}; or add that benchmark"
        )


def claim_metric_declared(ctx: Context, src: Source) -> Found:
    """The metric of a claim's quantity is one its benchmark declares."""
    for i, claim in ctx.claims(src):
        quantity = claim["quantity"]
        bench = ctx.benchmarks.get(quantity.get("benchmark"))
        metrics = {m["id"] for m in bench["metrics"]} if bench else set()
        if bench and quantity["metric"] not in metrics:
            yield diag(
                src,
                "LB102",
                ("claims", i, "quantity", "metric"),
                f"benchmark '{quantity['benchmark']}' has no metric '{quantity['metric']}'",
                fix=f"use one of: {', '.join(sorted(metrics))}",
            )


class _Condition(NamedTuple):
    """One condition of one claim, with what it is checked against."""

    pointer: Pointer
    cid: str
    value: Any
    bench_id: str  # the one benchmark the claim names, or ""
    declared: dict[str, Doc] | None  # that benchmark's conditions by id; None unless exactly one is named
    controlled: dict[str, str]  # condition id -> vocabulary id, over every benchmark named

    def undeclared(self) -> bool:
        return self.declared is not None and self.cid not in self.declared

    def not_listed(self) -> bool:
        """The one benchmark lists this condition's values and the value is not one of them."""
        if self.declared is None or self.cid not in self.declared:
            return False
        values = self.declared[self.cid].get("values")
        if not values:
            return False
        return self.value not in values


def _claim_conditions(ctx: Context, src: Source) -> Iterator[_Condition]:
    """With one benchmark named, a claim's conditions are that benchmark's; with none or several, any
    condition id may be given, and the vocabulary of a condition that has one still applies."""
    for i, claim in ctx.claims(src):
        benches = [ctx.benchmarks[b] for b in claim_benchmarks(claim) if b in ctx.benchmarks]
        one = benches[0] if len(benches) == 1 else None
        declared = {c["id"]: c for c in one.get("conditions", [])} if one is not None else None
        controlled = {k: v for b in benches for k, v in condition_vocabulary(b).items()}
        for cid, value in claim.get("conditions", {}).items():
            yield _Condition(
                ("claims", i, "conditions", cid), cid, value, one["id"] if one else "", declared, controlled
            )


def claim_conditions_declared(ctx: Context, src: Source) -> Found:
    """With one benchmark named, every condition of the claim is one that benchmark declares."""
    for cond in _claim_conditions(ctx, src):
        if cond.declared is not None and cond.undeclared():
            yield diag(
                src,
                "LB103",
                cond.pointer,
                f"benchmark '{cond.bench_id}' has no condition '{cond.cid}'",
                fix=f"use one of: {', '.join(sorted(cond.declared)) or '(none declared)'}",
            )


def claim_condition_values(ctx: Context, src: Source) -> Found:
    """With one benchmark named, a condition that lists its values is given one of them, or 'not stated'."""
    for cond in _claim_conditions(ctx, src):
        if cond.not_listed() and cond.value != NOT_STATED:
            yield diag(src, "LB107", cond.pointer, f"'{cond.value}' is not an allowed value")


def claim_condition_terms(ctx: Context, src: Source) -> Found:
    """A condition value from a vocabulary is a canonical name: LB131 for an alias, LB132 for a name not in it
    (two outcomes of one vocabulary look-up). A condition LB103 or LB107 is about is not looked up."""
    for cond in _claim_conditions(ctx, src):
        if cond.cid in cond.controlled and not cond.undeclared() and not cond.not_listed():
            yield from check_value(ctx, src, cond.controlled[cond.cid], cond.value, cond.pointer)


def claim_baseline_and_area(ctx: Context, src: Source) -> Found:
    """A claim's baseline name and area are canonical names of their vocabularies: LB131 for an alias, LB132
    for a name not in it (two outcomes of one vocabulary look-up)."""
    for i, claim in ctx.claims(src):
        if "name" in claim["baseline"]:
            yield from check_value(ctx, src, BASELINES, claim["baseline"]["name"], ("claims", i, "baseline", "name"))
        if "area" in claim:
            yield from check_value(ctx, src, AREAS, claim["area"], ("claims", i, "area"))


def claim_numbers_in_quote(ctx: Context, src: Source) -> Found:
    """Every number of the change is printed in the quote."""
    for i, claim in ctx.claims(src):
        printed = numbers_in(claim["evidence"]["quote"])
        for name, number in _change_numbers(claim):
            if not appears_in(number, printed):
                yield diag(
                    src, "LB104", ("claims", i, "change", name), f"{number} does not appear in the evidence quote"
                )


def claim_change_unsigned(ctx: Context, src: Source) -> Found:
    """The size of the change is unsigned: a '-40% latency' is a decrease of 40."""
    for i, claim in ctx.claims(src):
        change = claim["change"]
        for name, number in _change_numbers(claim):
            if number < 0:
                way = "decrease" if change["direction"] == "increase" else change["direction"]
                yield diag(
                    src,
                    "LB136",
                    ("claims", i, "change", name),
                    f"{number} is negative",
                    fix=f"write {-number} with direction: {way}",
                )


def _change_numbers(claim: Doc) -> Iterator[tuple[str, float]]:
    for name in _NUMBERS:
        number = claim["change"].get(name)
        if number is not None and math.isfinite(number):
            yield name, number


def claim_range_not_reversed(ctx: Context, src: Source) -> Found:
    """A range of a change runs from low to high."""
    for i, claim in ctx.claims(src):
        change = claim["change"]
        if change.get("kind") == "range" and change["low"] > change["high"]:
            yield diag(src, "LB114", ("claims", i, "change"), f"low {change['low']} is above high {change['high']}")


def claim_status_has_reason(ctx: Context, src: Source) -> Found:
    for i, claim in ctx.claims(src):
        if claim.get("status", "active") != "active" and "status_reason" not in claim:
            yield diag(src, "LB116", ("claims", i, "status"), "status is withdrawn but no status_reason is given")


def _claim_key(claim: Doc) -> tuple[Any, ...]:
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


def duplicate_claims(ctx: Context, src: Source) -> Found:
    seen: dict[tuple[Any, ...], int] = {}
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
