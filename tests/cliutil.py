"""Paths of the fixture corpora and the CLI runner, importable from any test module (conftest.py is not:
with several conftest files, `from conftest import ...` picks whichever was imported first)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"


def run_cli(*args: object, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m leaderboard.cli ARGS` in cwd; a traceback in any output fails the calling test."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    raw = subprocess.run(
        [sys.executable, "-m", "leaderboard.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        env=full_env,
        timeout=120,
    )
    # Decoded by hand, not in text mode: a stray carriage return in the output is a bug we want to see.
    proc = subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode("utf-8"), raw.stderr.decode("utf-8"))
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def tree_snapshot(root: Path) -> dict[str, bytes | None]:
    """Every entry under root (directories as None, files as their bytes), hidden ones included."""
    snap: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        snap[rel] = None if path.is_dir() else path.read_bytes()
    return snap
