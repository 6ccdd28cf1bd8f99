"""Shared helpers: copy the fixture corpus into a temporary directory and run the real CLI.

Fixture layout (see tests/fixtures/):
  base/                      a small valid corpus (benchmarks/ and papers/)
  invalid/<CODE>-<slug>/     files copied over a copy of base, holding exactly one violation, plus expect.json
  valid/<slug>/              files copied over a copy of base that must still give zero diagnostics
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"


def overlay(data: Path, *dirs: Path) -> Path:
    """Copy each overlay directory over data (expect.json is test metadata, never data)."""
    for d in dirs:
        shutil.copytree(d, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expect.json"))
    return data


@pytest.fixture
def make_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """make_data(*overlays, name="data") -> tmp_path/name holding base plus the overlays; cwd is tmp_path,
    so diagnostics show paths such as data/papers/hopdraft.yaml."""
    monkeypatch.chdir(tmp_path)

    def make(*dirs: Path, name: str = "data") -> Path:
        data = tmp_path / name
        shutil.copytree(BASE, data)
        return overlay(data, *dirs)

    return make


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


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess]:
    return run_cli


def tree_snapshot(root: Path) -> dict[str, bytes | None]:
    """Every entry under root (directories as None, files as their bytes), hidden ones included."""
    snap: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        snap[rel] = None if path.is_dir() else path.read_bytes()
    return snap


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes | None]]:
    return tree_snapshot
