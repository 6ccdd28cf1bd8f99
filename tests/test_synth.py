"""tools/synth.py: a corpus that validates cleanly, has the real corpus' shape, and is the same bytes for the
same seed, so measurements on it can be repeated."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import polars as pl

from leaderboard.corpus import load_corpus
from leaderboard.resources import metric_units, schema_text
from leaderboard.tables import results_frame
from leaderboard.validate import validate
from tools.synth import FAMILIES, KIND_WEIGHTS

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    """`python -m tools.synth ARGS` from the repository root, as the README shows it."""
    return subprocess.run([sys.executable, "-m", "tools.synth", *args], cwd=REPO, capture_output=True, text=True)


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path: Path):
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        proc = run("--papers", "30", "--out", str(tmp_path / name), "--seed", seed)
        assert proc.returncode == 0, proc.stderr
    assert "Wrote 20 benchmarks and 30 papers" in proc.stdout
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_the_corpus_validates_and_looks_like_the_real_one(tmp_path: Path):
    data = tmp_path / "data"
    assert run("--papers", "400", "--out", str(data)).returncode == 0
    report = validate(data)
    assert report.diagnostics == []
    results = results_frame(load_corpus(data))
    per_paper = results.group_by("paper_id").agg(pl.col("result_id").n_unique()).get_column("result_id")
    assert 4 <= per_paper.mean() <= 6
    assert results.get_column("benchmark").n_unique() > 15
    assert set(results.get_column("value_kind").unique()) == {"point", "approximate", "at_least", "up_to", "range"}
    assert results.filter(pl.col("date").is_null()).height > 0  # unknown dates, as in the real data
    assert results.filter(~pl.col("is_primary")).height > 0  # second metrics for the trade-off charts
    assert (data / "papers").is_dir() and (data / "benchmarks").is_dir()


def test_refuses_a_directory_that_is_not_empty(tmp_path: Path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    proc = run("--papers", "3", "--out", str(out))
    assert proc.returncode == 1
    assert "is not an empty directory" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_it_draws_every_value_kind_of_the_paper_schema():
    kinds = json.loads(schema_text("paper"))["$defs"]["value"]["properties"]["kind"]["enum"]
    assert sorted(KIND_WEIGHTS) == sorted(kinds)


def test_its_metrics_use_units_the_benchmark_schema_declares():
    assert {m.unit for family in FAMILIES for m in family.metrics} <= set(metric_units())
