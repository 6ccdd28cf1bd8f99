"""The relative-claims table: one row per claim ("2.3x higher throughput than vLLM"), never ranked.

A relative number has no place on an absolute scale: 91% faster than an unnamed baseline says nothing about
where a method stands against another paper's 2.1x over a different baseline. So claims get their own frame,
shown beside the rankings (paper pages, the benchmark or area they concern) and downloadable, and nothing
in aggregate.py ever sees them.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import polars as pl

from .conventions import claim_benchmarks
from .corpus import Corpus
from .formatting import change_text
from .tables import PAPER_COLUMNS, paper_columns

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

BASELINE_WORDS = {
    "previous_state_of_the_art": "the previous state of the art (unnamed)",
    "unnamed_baseline": "a baseline the source does not name",
}
QUANTITY_WORDS = {
    "throughput": "throughput",
    "latency": "latency",
    "speed": "speed",
    "memory": "memory",
    "compute": "compute",
    "parameters": "parameters",
    "training_cost": "training cost",
    "inference_cost": "inference cost",
    "energy": "energy",
    "energy_efficiency": "energy efficiency",
    "training_data": "training data",
    "sequence_length": "sequence length",
    "batch_size": "batch size",
    "accuracy": "accuracy",
    "accuracy_loss": "accuracy loss",
    "error_rate": "error rate",
    "score": "score (metric not named)",
}

SCHEMA: dict[str, PolarsDataType] = {
    "claim_id": pl.String,
    "area": pl.String,
    "benchmarks": pl.String,
    "model": pl.String,
    "baseline": pl.String,
    "baseline_named": pl.Boolean,
    "quantity": pl.String,
    "quantity_benchmark": pl.String,
    "quantity_metric": pl.String,
    "form": pl.String,
    "direction": pl.String,
    "value_kind": pl.String,
    "change": pl.String,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "scope": pl.String,
    "conditions": pl.String,
    **PAPER_COLUMNS,
    "status": pl.String,
    "status_reason": pl.String,
    "note": pl.String,
    "evidence": pl.String,
    "evidence_location": pl.String,
}
COLUMNS = list(SCHEMA)
#: for the pages (conditions by their display names); not a download column
SCHEMA["conditions_json"] = pl.String
_NUMBERS = ("value", "low", "high")


def claim_id(paper_id: str, claim: dict) -> str:
    """Stable across edits of notes and evidence: who claims what against whom, under what."""
    ident = [
        paper_id,
        claim["model"],
        sorted(claim["baseline"].items()),
        sorted(claim["quantity"].items()),
        claim_benchmarks(claim),
        claim.get("scope"),
        sorted(claim.get("conditions", {}).items()),
        claim["change"]["form"],
    ]
    digest = hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode()).hexdigest()[:10]
    return f"{paper_id}/claim-{digest}"


def _quantity(claim: dict, benchmarks: dict) -> str:
    quantity = claim["quantity"]
    if "name" in quantity:
        return QUANTITY_WORDS.get(quantity["name"], quantity["name"])
    bench = benchmarks[quantity["benchmark"]]
    metric = next(m for m in bench["metrics"] if m["id"] == quantity["metric"])
    return f"{metric['name']} on {bench['name']}"


def _area(claim: dict, benchmarks: dict) -> str:
    """Where the claim is listed: its own area, else that of the first benchmark it names."""
    if "area" in claim:
        return claim["area"]
    return benchmarks[claim_benchmarks(claim)[0]]["area"]


def _row(paper: dict, claim: dict, benchmarks: dict) -> dict:
    change, baseline = claim["change"], claim["baseline"]
    return {
        "claim_id": claim_id(paper["id"], claim),
        "area": _area(claim, benchmarks),
        "benchmarks": "; ".join(claim_benchmarks(claim)) or None,
        "model": claim["model"],
        "baseline": baseline.get("name") or BASELINE_WORDS[baseline["unnamed"]],
        "baseline_named": "name" in baseline,
        "quantity": _quantity(claim, benchmarks),
        "quantity_benchmark": claim["quantity"].get("benchmark"),
        "quantity_metric": claim["quantity"].get("metric"),
        "form": change["form"],
        "direction": change["direction"],
        "value_kind": change.get("kind", "point"),
        "change": change_text(
            change["form"], change["direction"], change.get("kind", "point"), *(change.get(k) for k in _NUMBERS)
        ),
        "value": change.get("value"),
        "low": change.get("low"),
        "high": change.get("high"),
        "scope": claim.get("scope"),
        "conditions": "; ".join(f"{k}={v}" for k, v in sorted(claim.get("conditions", {}).items())) or None,
        "conditions_json": json.dumps(claim.get("conditions", {}), sort_keys=True, ensure_ascii=False),
        **paper_columns(paper),
        "status": claim.get("status", "active"),
        "status_reason": claim.get("status_reason"),
        "note": claim.get("note"),
        "evidence": claim["evidence"]["quote"],
        "evidence_location": claim["evidence"]["location"],
    }


def claims_frame(corpus: Corpus) -> pl.DataFrame:
    """Every claim of a validated corpus, sorted by area, paper and id so every output is deterministic."""
    benchmarks = corpus.benchmarks()
    rows = [_row(s.mapping, c, benchmarks) for s in corpus.of_kind("paper") for c in s.mapping.get("claims", [])]
    frame = pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
    return frame.sort(["area", "paper_id", "model", "claim_id"])


def for_benchmark(claims: pl.DataFrame, bench_id: str) -> pl.DataFrame:
    """The claims that name this benchmark (as their quantity or in their list)."""
    named = pl.col("benchmarks").fill_null("").str.split("; ").list.contains(pl.lit(bench_id))
    return claims.filter(named)


def shown_conditions(claim: dict, benchmarks: dict) -> list[tuple[str, str]]:
    """A claim's conditions as (display name, value): the name its benchmark gives, else the id in words."""
    names = {
        c["id"]: c["name"]
        for bench_id in (claim["benchmarks"] or "").split("; ")
        for c in benchmarks.get(bench_id, {}).get("conditions", [])
    }
    conds = json.loads(claim["conditions_json"])
    return [(names.get(k, k.replace("_", " ").capitalize()), v) for k, v in sorted(conds.items())]
