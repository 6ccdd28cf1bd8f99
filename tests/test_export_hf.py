"""`leaderboard export --format hf-eval-results|model-index`: read back by huggingface_hub's own parsers, and
the model-index round trip through `leaderboard import hf-model-card` on this repository's data."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from cliutil import ROOT, run_cli
from huggingface_hub import eval_result_entries_to_yaml, parse_eval_result_entries
from huggingface_hub.repocard_data import model_index_to_eval_results

from leaderboard import importer

NOT_STATED = "not stated"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _points(res: dict) -> dict:
    return {mid: v["value"] for mid, v in res["metrics"].items() if v.get("kind", "point") == "point"}


def _key(res: dict) -> tuple:
    stated = tuple(sorted((k, v) for k, v in res.get("conditions", {}).items() if v != NOT_STATED))
    return res["benchmark"], res["model"], tuple(sorted(_points(res).items())), stated


def test_model_index_round_trips_through_the_importer(repo: Path):
    proc = run_cli("export", "--format", "model-index", "--out", "mi", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    files = sorted((repo / "mi").rglob("model-index.yaml"))
    assert files, proc.stdout
    back = []
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        name, evals = model_index_to_eval_results(doc["model-index"])  # the Hub library accepts every file
        assert evals and name == doc["model-index"][0]["name"]
        outcome = importer.import_file("hf-model-card", path, repo / "data")
        assert outcome.unmapped == [], [u.message for u in outcome.unmapped]
        back += yaml.safe_load(outcome.text)["results"]
        assert all(r["source_type"] == "model_card" for r in yaml.safe_load(outcome.text)["results"])
    original = []
    for src in sorted((repo / "data" / "papers").glob("*.yaml")):
        for res in yaml.safe_load(src.read_text(encoding="utf-8")).get("results", []):
            if res.get("status", "active") == "active" and _points(res):
                original.append(_key(res))
    assert Counter(_key(r) for r in back) == Counter(original)
    assert len(original) >= 20  # the shipped data: every active result with a measured point


def test_model_index_values_are_the_datas_exactly(repo: Path):
    assert run_cli("export", "--format", "model-index", "--out", "mi", cwd=repo).returncode == 0
    seen = {}
    for path in (repo / "mi").rglob("model-index.yaml"):
        _, evals = model_index_to_eval_results(yaml.safe_load(path.read_text())["model-index"])
        for ev in evals:
            seen.setdefault((ev.dataset_type, ev.metric_type), set()).add(ev.metric_value)
    # kangaroo's "up to 1.68x" is a bound: never exported as if it were a measured point.
    assert 1.68 not in seen.get(("spec-decoding-speedup", "speedup"), set())


HUB_BENCH = """# yaml-language-server: $schema=../../schemas/benchmark.schema.json
id: toy-gsm
name: Toy GSM
version: "1"
area: Math reasoning
task: Word problems
description: A toy benchmark with a Hub dataset.
homepage: https://example.org/toy
hf_dataset: {id: openai/gsm8k, task_id: main}
metrics:
  - id: accuracy
    name: Accuracy
    unit: percent
    higher_is_better: true
    min: 0
    max: 100
primary_metric: accuracy
conditions:
  - id: n_shots
    name: Shots
    description: Few-shot examples.
  - id: dataset_revision
    name: Revision
    description: Hub revision.
"""

HUB_PAPER = """# yaml-language-server: $schema=../../schemas/paper.schema.json
id: toy
title: "Toy: A Paper"
url: https://example.org/toy.pdf
date: "2024-05"
results:
  - benchmark: toy-gsm
    model: Toy-7B
    metrics:
      accuracy: {value: 61.25}
    conditions:
      n_shots: "8"
      dataset_revision: abc123
    evidence:
      quote: "Toy-7B reaches 61.25% (8-shot)."
      location: Table 1
  - benchmark: toy-gsm
    model: Toy-7B
    metrics:
      accuracy: {kind: at_least, value: 60}
    evidence:
      quote: "over 60% in every run"
      location: Section 4
"""


def test_eval_results_parse_with_the_hub_library_and_leave_out_bounds(tmp_path: Path):
    (tmp_path / "data" / "benchmarks").mkdir(parents=True)
    (tmp_path / "data" / "papers").mkdir()
    (tmp_path / "data" / "benchmarks" / "toy-gsm.yaml").write_text(HUB_BENCH, encoding="utf-8")
    (tmp_path / "data" / "papers" / "toy.yaml").write_text(HUB_PAPER, encoding="utf-8")
    proc = run_cli("export", "--format", "hf-eval-results", "--out", "ev", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "not exported: toy results[1]: the value is at_least, not a point" in proc.stderr
    (path,) = (tmp_path / "ev").rglob("*.yaml")
    assert path.relative_to(tmp_path / "ev").parts[1:] == (".eval_results", "toy-gsm.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = parse_eval_result_entries(data)
    assert eval_result_entries_to_yaml(entries) == data  # nothing the library does not know, nothing lost
    (entry,) = entries
    assert (entry.dataset_id, entry.task_id, entry.value) == ("openai/gsm8k", "main", 61.25)
    assert entry.dataset_revision == "abc123" and entry.date == "2024-05"
    assert entry.source_url == "https://example.org/toy.pdf" and entry.source_name == "Toy: A Paper"
    assert entry.notes == "n_shots: 8; source type: paper"


def test_export_never_writes_into_a_folder_that_holds_files(repo: Path):
    (repo / "mi").mkdir()
    (repo / "mi" / "mine.txt").write_text("keep", encoding="utf-8")
    proc = run_cli("export", "--format", "model-index", "--out", "mi", cwd=repo)
    assert proc.returncode == 1
    assert "'mi' exists and is not an empty folder; nothing was written. Fix: pass a new --out DIR." in proc.stderr
    assert sorted(p.name for p in (repo / "mi").iterdir()) == ["mine.txt"]


def test_model_names_become_safe_folder_names(repo: Path):
    from leaderboard.hfexport import model_folder

    assert model_folder("../../etc/passwd") == "etc-passwd-" + model_folder("../../etc/passwd")[-8:]
    assert model_folder("A/B") != model_folder("a-b")  # the hash tells apart names the slug merges
