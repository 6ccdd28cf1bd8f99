"""`leaderboard validate` against a bare C-accelerated YAML load and against check-jsonschema, same files.

The three share one pytest-benchmark group, so its table prints each one's time relative to the fastest
(the issue's target: validate within 1.5x of the bare load, and faster than check-jsonschema).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from scale import VALIDATE_PAPERS

from leaderboard.validate import validate

# Measurements (once on small corpora here, at scale by scripts/bench.sh): `-m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
GROUP = f"validate {VALIDATE_PAPERS} papers"


@pytest.fixture(scope="module")
def data(corpus_dir) -> Path:
    return corpus_dir(VALIDATE_PAPERS)


def _files(data: Path) -> list[Path]:
    return sorted(data.rglob("*.yaml"))


@pytest.mark.benchmark(group=GROUP)
def test_bare_csafeloader(benchmark, data: Path):
    files = _files(data)

    def load_all() -> int:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        return len(files)

    assert benchmark.pedantic(load_all, rounds=3, warmup_rounds=1) == VALIDATE_PAPERS + len(list(data.glob("b*/*")))


@pytest.mark.benchmark(group=GROUP)
def test_leaderboard_validate(benchmark, data: Path):
    report = benchmark.pedantic(validate, args=(data,), rounds=3, warmup_rounds=1)
    assert report.diagnostics == []
    assert len(report.corpus.of_kind("paper")) == VALIDATE_PAPERS


def _check_jsonschema(data: Path) -> None:
    """Both file kinds against their schemas, as a user of check-jsonschema would run it."""
    exe = Path(sys.executable).with_name("check-jsonschema")
    for kind in ("benchmark", "paper"):
        files = [str(p) for p in sorted((data / f"{kind}s").glob("*.yaml"))]
        schema = REPO / "schemas" / f"{kind}.schema.json"
        done = subprocess.run([exe, "--schemafile", schema, *files], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.slow  # the peer's timing, for the README table: it asserts nothing about leaderboard
@pytest.mark.benchmark(group=GROUP)
def test_check_jsonschema_peer(benchmark, data: Path):
    benchmark.pedantic(_check_jsonschema, args=(data,), rounds=1)
