"""Shared corpora for the benchmarks: synthetic, generated once per session, sized by LEADERBOARD_BENCH_SCALE.

In the ordinary test run (pytest-benchmark disabled) each benchmark runs once on a small corpus, as a
test that the measured code path works. `scripts/bench.sh` sets LEADERBOARD_BENCH_SCALE=full and enables
timing: 20,000 papers for validation, and builds at about 1,000 / 10,000 / 100,000 results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.synth import generate


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    """corpus_dir(papers) -> a data directory with that many synthetic papers (seed 0), made once."""
    made: dict[tuple[int, int | None], Path] = {}

    def make(papers: int, benchmarks: int | None = None) -> Path:
        if (papers, benchmarks) not in made:
            out = tmp_path_factory.mktemp(f"synth-{papers}") / "data"
            generate(out, papers=papers, seed=0, benchmarks=benchmarks)
            made[papers, benchmarks] = out
        return made[papers, benchmarks]

    return make
