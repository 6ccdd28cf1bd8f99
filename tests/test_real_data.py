"""The curated data in data/ must always validate cleanly and export."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderboard import build, diagnostics
from leaderboard.validate import validate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def report():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # paths in messages as a contributor sees them: data/papers/<id>.yaml
        return validate(Path("data"))


def test_real_data_has_zero_diagnostics(report):
    lines = [diagnostics.format_text(d) for d in report.diagnostics]
    assert not lines, "\n".join(lines)


def test_real_data_has_benchmarks_and_papers(report):
    kinds = [s.kind for s in report.corpus.sources]
    assert kinds.count("benchmark") >= 1 and kinds.count("paper") >= 1
    assert len(report.corpus.sources) == len(list(DATA.rglob("*.yaml")))


def test_real_data_exports(report, tmp_path):
    if not report.ok:
        pytest.skip("the data has diagnostics (reported by test_real_data_has_zero_diagnostics)")
    build.export_downloads(report.corpus, tmp_path / "downloads")
    names = {p.name for p in (tmp_path / "downloads" / "benchmarks").iterdir()}
    for src in report.corpus.of_kind("benchmark"):
        assert f"{src.data['id']}.csv" in names
    assert (tmp_path / "downloads" / "results.csv").is_file()


def test_the_shipped_site_builds_byte_identically_from_two_directories(report, tmp_path, request):
    """This repository's data with its own mkdocs.yml, once from the checkout with its chart cache (the session's
    shipped_site, which the browser tests read too) and once from elsewhere (naming the configuration) without."""
    from test_build import build as build_cli
    from toycorpus import same_bytes

    if not report.ok:
        pytest.skip("the data has diagnostics (reported by test_real_data_has_zero_diagnostics)")
    first = request.getfixturevalue("shipped_site")
    second = tmp_path / "b" / "elsewhere"
    (tmp_path / "b").mkdir(parents=True)
    config = str(ROOT / "mkdocs.yml")
    again = build_cli(DATA, second, tmp_path / "b", "--no-cache", "--config", config)
    assert again.returncode == 0
    assert len(same_bytes(first, second)) > 100
    assert (first / "contribute.html").is_file() and (first / "methodology.html").is_file()
