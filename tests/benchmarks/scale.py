"""Corpus sizes for the benchmarks, from LEADERBOARD_BENCH_SCALE ("small" in the ordinary test run)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FULL = os.environ.get("LEADERBOARD_BENCH_SCALE", "small") == "full"
VALIDATE_PAPERS = 20_000 if FULL else 300
# Papers for about 1,000 / 10,000 / 100,000 results (about 5 results per paper).
BUILD_PAPERS = (200, 2_000, 20_000) if FULL else (20, 60)


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
