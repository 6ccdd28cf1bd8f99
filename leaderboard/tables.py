"""The tidy results table: one row per paper x model x benchmark x metric x conditions.

Everything downstream (ranking, charts, downloads) is a Polars expression over this one frame, so the
meaning of a column is decided here once.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import polars as pl

from .conventions import NOT_STATED
from .corpus import Corpus

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}

#: The paper's columns of every row, results and claims alike, with paper_columns(paper) their values.
PAPER_COLUMNS: dict[str, PolarsDataType] = {
    "paper_id": pl.String,
    "paper_title": pl.String,
    "arxiv_id": pl.String,
    "paper_url": pl.String,
    "code_url": pl.String,
    "date": pl.String,
}

SCHEMA: dict[str, PolarsDataType] = {
    "result_id": pl.String,
    "benchmark": pl.String,
    "benchmark_name": pl.String,
    "benchmark_version": pl.String,
    "area": pl.String,
    "metric": pl.String,
    "metric_name": pl.String,
    "unit": pl.String,
    "higher_is_better": pl.Boolean,
    "is_primary": pl.Boolean,
    "value_kind": pl.String,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "std": pl.Float64,
    "n_runs": pl.Int64,
    "model": pl.String,
    "parameters": pl.String,
    "parameters_count": pl.Float64,
    **PAPER_COLUMNS,
    "source_type": pl.String,
    "status": pl.String,
    "status_reason": pl.String,
    "superseded_by": pl.String,
    "flags": pl.String,
    "note": pl.String,
    "evidence": pl.String,
    "evidence_location": pl.String,
    "conditions": pl.String,
    "group": pl.String,
    "conditions_json": pl.String,
}


def paper_columns(paper: dict) -> dict:
    """The PAPER_COLUMNS of a paper file's rows."""
    return {
        "paper_id": paper["id"],
        "paper_title": paper["title"],
        "arxiv_id": paper.get("arxiv_id"),
        "paper_url": paper.get("url"),
        "code_url": paper.get("code_url"),
        "date": paper.get("date"),
    }


def parameter_count(text: str | None) -> float | None:
    """'7B' -> 7e9. The string is kept too: the number is only for charts."""
    if not text:
        return None
    return float(text[:-1]) * _SCALE[text[-1]]


def result_id(paper_id: str, res: dict) -> str:
    """Stable across edits of values, notes or file order: the identity is who, where and under what."""
    source = res.get("source_type", "paper")
    ident = [
        paper_id,
        res["benchmark"],
        res["model"],
        res.get("parameters"),
        sorted(res.get("conditions", {}).items()),
        sorted(res["metrics"]),
    ]
    if source != "paper":  # a reproduction of the same run is another result; existing ids stay unchanged
        ident.append(source)
    digest = hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode()).hexdigest()[:10]
    return f"{paper_id}/{digest}"


def group_label(bench: dict, conditions: dict) -> str:
    """The comparison group: values of the benchmark's grouping conditions, in declaration order."""
    parts = [
        f"{c['name']}: {conditions.get(c['id'], NOT_STATED)}" for c in bench.get("conditions", []) if c.get("group")
    ]
    return "; ".join(parts) if parts else "all results"


def _conditions_text(bench: dict, conditions: dict) -> str:
    order = [c["id"] for c in bench.get("conditions", [])]
    return "; ".join(f"{cid}={conditions[cid]}" for cid in order if cid in conditions)


def _rows(paper: dict, bench: dict):
    for res in paper.get("results", []):
        if res["benchmark"] != bench["id"]:
            continue
        conditions = res.get("conditions", {})
        common = {
            "result_id": result_id(paper["id"], res),
            "benchmark": bench["id"],
            "benchmark_name": bench["name"],
            "benchmark_version": bench["version"],
            "area": bench["area"],
            "model": res["model"],
            "parameters": res.get("parameters"),
            "parameters_count": parameter_count(res.get("parameters")),
            **paper_columns(paper),
            "source_type": res.get("source_type", "paper"),
            "status": res.get("status", "active"),
            "status_reason": res.get("status_reason"),
            "superseded_by": res.get("superseded_by"),
            "flags": "; ".join(f"{f['type']}: {f['evidence']}" for f in res.get("flags", [])) or None,
            "note": res.get("note"),
            "evidence": res["evidence"]["quote"],
            "evidence_location": res["evidence"]["location"],
            "conditions": _conditions_text(bench, conditions),
            "group": group_label(bench, conditions),
            "conditions_json": json.dumps(conditions, sort_keys=True),
        }
        metrics = {m["id"]: m for m in bench["metrics"]}
        for mid, val in res["metrics"].items():
            metric = metrics[mid]
            yield common | {
                "metric": mid,
                "metric_name": metric["name"],
                "unit": metric["unit"],
                "higher_is_better": metric["higher_is_better"],
                "is_primary": mid == bench["primary_metric"],
                "value_kind": val.get("kind", "point"),
                "value": val.get("value"),
                "low": val.get("low"),
                "high": val.get("high"),
                "std": val.get("std"),
                "n_runs": val.get("n_runs"),
            }


def results_frame(corpus: Corpus) -> pl.DataFrame:
    """All results of a validated corpus, sorted by a full key so every output is deterministic."""
    benches = corpus.benchmarks()
    rows = [
        row
        for s in corpus.of_kind("paper")
        for b in {r["benchmark"] for r in s.mapping.get("results", [])}
        for row in _rows(s.mapping, benches[b])
    ]
    frame = pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
    return frame.sort(["benchmark", "metric", "group", "paper_id", "model", "result_id"])
