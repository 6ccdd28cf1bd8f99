"""`leaderboard validate` on one file full of problems: the time must grow with the number of problems, not with
its square (locating them once composed the whole file per diagnostic: 1,000 problems took over a minute).

In the ordinary test run it runs once on 1,000 problems; `scripts/bench.sh` (LEADERBOARD_BENCH_SCALE=full) times
10,000, the most one file under the 1 MB limit can hold in this form."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale import FULL
from test_many_problems import SHORT_BENCH, many_unknown_metrics

from leaderboard.validate import validate

# Measurements (once on small corpora here, at scale by scripts/bench.sh): `-m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

PROBLEMS = 10_000 if FULL else 1_000


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("problems") / "data"
    (root / "benchmarks").mkdir(parents=True)
    (root / "papers").mkdir()
    (root / "benchmarks" / "t.yaml").write_text(SHORT_BENCH, encoding="utf-8")
    (root / "papers" / "many.yaml").write_text(many_unknown_metrics(PROBLEMS), encoding="utf-8")
    return root


@pytest.mark.benchmark(group=f"validate one file with {PROBLEMS} problems")
def test_validate_many_problems(benchmark, data: Path):
    report = benchmark.pedantic(validate, args=(data,), rounds=3, warmup_rounds=1)
    assert len(report.diagnostics) == PROBLEMS
    assert all(d.code == "LB102" and d.line for d in report.diagnostics)
