"""Shared helpers: copy the fixture corpus into a temporary directory and run the real CLI.

Fixture layout (see tests/fixtures/):
  base/                      a small valid corpus (benchmarks/ and papers/)
  invalid/<CODE>-<slug>/     files copied over a copy of base, holding exactly one violation, plus expect.json
  valid/<slug>/              files copied over a copy of base that must still give zero diagnostics
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cliutil import BASE, INVALID, VALID, run_cli, tree_snapshot  # noqa: F401  (re-exported)


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


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess]:
    return run_cli


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes | None]]:
    return tree_snapshot
