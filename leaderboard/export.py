"""Downloads: the tables as CSV (RFC 4180, UTF-8, formula-safe) and JSON, with a stable column order."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from . import aggregate, comparability
from . import claims as claim_table

#: NUL and every character str.isspace() accepts (no-break space, ideographic space, ...), as a regex class;
#: tests/test_escaping.py checks it against Python's own table.
FORMULA_PADDING = (
    r"\x00\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
#: OWASP CSV injection: a cell is a formula when, after any leading padding, it starts with = + - @ or their
#: full-width forms, or when it starts with tab, CR or LF. Spreadsheets skip such padding before parsing, so
#: ' =cmd' or '\u00a0=1+1' run as formulas although they pass the schema's first-character check.
FORMULA_START = rf"^(?:[\t\r\n]|[{FORMULA_PADDING}]*[=+\-@\x{{ff1d}}\x{{ff0b}}\x{{ff0d}}\x{{ff20}}])"

RESULT_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "benchmark_version",
    "area",
    "group",
    "metric",
    "metric_name",
    "value_kind",
    "value",
    "low",
    "high",
    "unit",
    "higher_is_better",
    "std",
    "n_runs",
    "model",
    "parameters",
    "paper_id",
    "paper_title",
    "arxiv_id",
    "paper_url",
    "code_url",
    "date",
    "source_type",
    "status",
    "status_reason",
    "superseded_by",
    "flags",
    "note",
    "evidence",
    "evidence_location",
    "conditions",
    "result_id",
]
# Provenance columns close every table, in the same order as in results.csv.
_TRAILING = [c for c in RESULT_COLUMNS[RESULT_COLUMNS.index("paper_id") :] if c != "conditions"]


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula (see FORMULA_START) with an apostrophe;
    numbers are never touched, so -1.5 stays a number."""
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text
    )


def write_table(frame: pl.DataFrame, out: Path, name: str) -> list[Path]:
    """name.csv and name.json in out, with the same rows and columns.

    Every text cell is quoted (quote_style="non_numeric"): a spreadsheet whose list separator is ';' would
    otherwise split 'x;=cmd' into a second cell that starts with '='. Numbers stay bare (-1.5 is a number,
    not text), and a null stays an empty field rather than "" (polars writes nothing for a null)."""
    csv_path, json_path = out / f"{name}.csv", out / f"{name}.json"
    neutralise(frame).write_csv(csv_path, line_terminator="\r\n", null_value="", quote_style="non_numeric")
    with json_path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(records_json(frame.to_dicts()))
    return [csv_path, json_path]


def records_json(rows: list[dict]) -> Iterator[str]:
    """A JSON list with one record per line: readable, diffable, written by the C encoder (an indented dump
    runs the pure-Python one, two thirds of exporting 100,000 results) and streamed rather than joined into
    one string of a hundred megabytes. Strict JSON: a NaN or infinity raises instead of writing NaN."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False).encode
    yield "["
    for i, row in enumerate(rows):
        yield ("\n" if i == 0 else ",\n") + encode(row)
    yield "\n]\n"


def benchmark_table(ranked: pl.DataFrame, benchmark: dict) -> pl.DataFrame:
    """One row per result: rank, the primary value, other metrics and each condition as its own column.

    Every result of the benchmark is a row, also one that does not report the primary metric (its primary
    columns are empty, after the results that do): a result shown on the page is always in its download."""
    rows = ranked.filter(pl.col("benchmark") == benchmark["id"])
    primary = aggregate.leaderboard(rows)
    columns = [
        pl.col("rank"),
        pl.col("group"),
        pl.col("model"),
        pl.col("parameters"),
        pl.col("value_kind"),
        pl.col("value"),
        pl.col("low"),
        pl.col("high"),
        pl.col("unit"),
        pl.col("std"),
        pl.col("n_runs"),
    ]
    measured = ["rank", "value_kind", "value", "low", "high", "std", "n_runs"]
    without = (
        rows.filter(~pl.col("result_id").is_in(primary.get_column("result_id").implode()))
        .unique("result_id", keep="first", maintain_order=True)
        .sort(["group", "model", "result_id"])
        .with_columns([pl.lit(None, rows.schema[c]).alias(c) for c in measured])
    )
    table = pl.concat([primary, without]).select(*columns, *_TRAILING[:-1], "conditions_json", "result_id")
    for metric in benchmark["metrics"]:
        if metric["id"] == benchmark["primary_metric"]:
            continue
        other = rows.filter(pl.col("metric") == metric["id"]).select(
            "result_id", pl.col("value").alias(metric["id"]), pl.col("value_kind").alias(f"{metric['id']}_kind")
        )
        table = table.join(other, on="result_id", how="left", maintain_order="left")
    conds = [
        pl.col("conditions_json").str.json_path_match(f"$.{c['id']}").alias(f"condition_{c['id']}")
        for c in benchmark.get("conditions", [])
    ]
    table = table.with_columns(conds).drop("conditions_json")
    tail = [c for c in _TRAILING if c in table.columns]
    return table.select([c for c in table.columns if c not in tail] + tail)


def tables(
    results: pl.DataFrame, benchmarks: dict[str, dict], claims: pl.DataFrame | None = None
) -> list[tuple[str, pl.DataFrame, str]]:
    """Every download as (file name without extension, frame, description), in a stable order."""
    ranked = aggregate.with_ranks(results)
    claims = claims if claims is not None else pl.DataFrame(schema=claim_table.SCHEMA)
    out = [
        ("results", results.select(RESULT_COLUMNS), "Every result of every benchmark, one row per metric value."),
        ("benchmarks", _benchmark_index(results, benchmarks), "The benchmarks with their result counts."),
        (
            "claims",
            claims.select(claim_table.COLUMNS),
            "Every relative claim (a change against a baseline), one row per claim; never ranked.",
        ),
    ]
    # One pass to split by benchmark and by group: a filter per table scanned every row once per table,
    # which made exporting grow with results x benchmarks.
    by_bench = ranked.partition_by("benchmark", as_dict=True, maintain_order=True)
    for bench_id, bench in sorted(benchmarks.items()):
        bench_rows = by_bench.get((bench_id,), ranked.clear())
        table = benchmark_table(bench_rows, bench)
        name = benchmark_file(bench_id)
        out.append((name, table, f"{bench['name']}: every result with rank, other metrics and conditions."))
        sota = aggregate.sota_progression(bench_rows).select(_SERIES)
        out.append((f"{name}.sota", sota, f"{bench['name']}: the state-of-the-art series behind the time chart."))
        if bench.get("tradeoff"):
            points = aggregate.tradeoff_points(bench_rows, bench).select(*_SERIES, "x", "frontier_group", "on_frontier")
            out.append((f"{name}.frontier", points, f"{bench['name']}: trade-off points and Pareto frontier."))
        about = claim_table.for_benchmark(claims, bench_id).select(claim_table.COLUMNS)
        if about.height:
            out.append(
                (f"{name}.claims", about, f"{bench['name']}: relative claims about this benchmark (not ranked).")
            )
        comparable = {g for b, g in comparability.comparable_groups(bench_rows) if b == bench_id}
        by_group = table.partition_by("group", as_dict=True, maintain_order=True) if table.height else {}
        for (group,), rows in sorted(by_group.items()):
            if group in comparable:
                out.append(
                    (f"groups/{group_file(bench_id, group)}", rows, f"{bench['name']}, comparison group {group}.")
                )
        alone = table.filter(~pl.col("group").is_in(pl.Series(sorted(comparable), dtype=pl.String).implode()))
        if alone.height:
            what = f"{bench['name']}: results without a comparable result (comparison groups of one)."
            out.append((not_comparable_file(bench_id), alone, what))
    return out


def benchmark_file(benchmark_id: str) -> str:
    """Per-benchmark downloads live in their own folder, so no benchmark id (results, benchmarks,
    datapackage, ...) can ever name one of the site-wide files beside them."""
    return f"benchmarks/{benchmark_id}"


def group_file(benchmark_id: str, group: str) -> str:
    """A stable file name per comparison group that a reader recognises: the benchmark id, the group's
    condition values as a slug (the label is contributed text, so only ASCII letters, digits and hyphens
    are kept, at most 60), and a short hash of the label that keeps two groups with one slug apart."""
    values = " ".join(part.split(": ", 1)[-1] for part in group.split("; "))
    slug = re.sub(r"[^a-z0-9]+", "-", values.lower()).strip("-")[:60].strip("-") or "group"
    return f"{benchmark_id}.{slug}-{hashlib.sha256(group.encode()).hexdigest()[:6]}"


def not_comparable_file(benchmark_id: str) -> str:
    """The benchmark's results that have no comparable result (groups of one): one table on the page."""
    return f"{benchmark_file(benchmark_id)}.not-comparable"


def export(
    results: pl.DataFrame, benchmarks: dict[str, dict], out: Path, claims: pl.DataFrame | None = None
) -> list[tuple[str, pl.DataFrame, str]]:
    """Write every download into out (an empty directory) and return what was written."""
    for folder in ("groups", "benchmarks"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    written = tables(results, benchmarks, claims)
    for name, frame, _ in written:
        write_table(frame, out, name)
    return written


_SERIES = ["group", "date", "model", "value", "unit", "paper_id", "paper_title", "result_id"]


def _benchmark_index(results: pl.DataFrame, benchmarks: dict[str, dict]) -> pl.DataFrame:
    counts = results.filter(pl.col("is_primary")).group_by("benchmark").agg(results=pl.len())
    rows = [
        {
            "benchmark": b["id"],
            "name": b["name"],
            "version": b["version"],
            "area": b["area"],
            "task": b["task"],
            "description": b["description"],
            "homepage": b["homepage"],
            "primary_metric": b["primary_metric"],
        }
        for b in benchmarks.values()
    ]
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]}) if rows else pl.DataFrame()
    if frame.is_empty():
        return frame
    return frame.join(counts, on="benchmark", how="left").with_columns(pl.col("results").fill_null(0)).sort("benchmark")
