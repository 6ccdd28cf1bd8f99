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
from toycorpus import REPO, build_into, hostile_corpus


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


# --- built sites, one per corpus for the whole session ----------------------------------------------------------
# Building a site is most of what these tests cost, so each corpus is built once and every test that only reads
# the output shares it. Tests that need an output of their own (two builds compared byte for byte, a cache
# reused or refused, a failed build leaving the previous output intact) still build into their own folders.
# Nothing may write into these trees.


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's data with its own mkdocs.yml, built from the checkout with its chart cache (.cache/, warm
    after a first run): the site it publishes (the browser tests) and the first of test_real_data's two
    byte-identical builds."""
    return build_into(REPO / "data", tmp_path_factory.mktemp("shipped") / "public", REPO)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tool's own view: a synthetic corpus (several benchmarks, groups of many results) built with the
    packaged default configuration, so the tests on it hold for any adopter's data, not this repository's."""
    from tools.synth import generate

    root = tmp_path_factory.mktemp("site")
    generate(root / "data", papers=60, seed=3, benchmarks=4)
    return build_into(root / "data", root / "public", root)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus (toycorpus.hostile_corpus: two commits) with this repository's mkdocs.yml: the build
    test's escaping and changelog checks and the browser's injection tests read it."""
    root = tmp_path_factory.mktemp("hostile")
    return build_into(hostile_corpus(root), root / "public")
