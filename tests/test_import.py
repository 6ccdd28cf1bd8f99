"""`leaderboard import` on real results files (tests/fixtures/imports/README.md says where each comes from):
what each gives, what it reports as not mapped, that the files validate, and that the evidence is checked
against the file (LB140-LB142)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from cliutil import FIXTURES, ROOT, run_cli

IMPORTS = FIXTURES / "imports"
LM_EVAL = "imports/lm-eval/Meta-Llama-3-8B-Instruct/gsm8k.json"
CARD = "imports/hf-model-card/Mistral-7B-Instruct-v0.3-GPTQ-4bit/README.md"
MTEB = "imports/mteb/intfloat__multilingual-e5-small/c007d7ef6fd86656326059b28395a7a03a7c5846/JSTS.json"
MODEL_INDEX = "imports/mmdetection/model-index.yml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """This repository's benchmarks (with their aliases), no papers, and the real files under imports/."""
    shutil.copytree(ROOT / "data" / "benchmarks", tmp_path / "data" / "benchmarks")
    shutil.copytree(ROOT / "data" / "vocabularies", tmp_path / "data" / "vocabularies")
    (tmp_path / "data" / "papers").mkdir()
    shutil.copytree(IMPORTS, tmp_path / "imports")
    return tmp_path


def _paper(repo: Path, ident: str) -> dict:
    return yaml.safe_load((repo / "data" / "papers" / f"{ident}.yaml").read_text(encoding="utf-8"))


def test_lm_eval_gives_the_strict_match_score_exactly_as_a_percentage(repo: Path):
    url = "https://github.com/saucam/model_evals/blob/69b815816ce50ecadeb0d8d443a21fb834ab7fc6/meta-llama/Meta-Llama-3-8B-Instruct/openllm/gsm8k.json"
    proc = run_cli("import", "lm-eval", LM_EVAL, "--id", "llama3-gsm8k", "--url", url, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "Wrote data/papers/llama3-gsm8k.yaml: 1 results" in proc.stdout
    # The other filter is another scoring of the same answers: said, with the alias that would map it.
    assert (
        f"{LM_EVAL}:6: not imported: /results/gsm8k/exact_match,flexible-extract: benchmark 'gsm8k' has no metric "
        "named or aliased 'exact_match,flexible-extract'. Fix: add aliases: [\"exact_match,flexible-extract\"] to "
        "the metric it measures in data/benchmarks/gsm8k.yaml"
    ) in proc.stderr
    res = _paper(repo, "llama3-gsm8k")["results"][0]
    text = (repo / "data" / "papers" / "llama3-gsm8k.yaml").read_text()
    assert "accuracy: {value: 75.58756633813495}" in text  # the point moved, no float arithmetic
    assert res["benchmark"] == "gsm8k" and res["model"] == "meta-llama/Meta-Llama-3-8B-Instruct"
    assert res["source_type"] == "reproduction"
    # Recorded conditions the benchmark declares; the required one the file does not record is not stated.
    assert res["conditions"] == {"aggregation": "not stated", "n_shots": "5", "n_samples": "1", "temperature": "0.0"}
    assert "hardware NVIDIA A100 80GB PCIe" in res["note"] and "lm-eval git 3196e907" in res["note"]
    raw = (repo / LM_EVAL).read_bytes()
    assert res["evidence"]["quote"] == '"exact_match,strict-match": 0.7558756633813495'
    assert res["evidence"]["file"] == {
        "format": "lm-eval",
        "url": url,
        "path": LM_EVAL,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "pointers": {"accuracy": "/results/gsm8k/exact_match,strict-match"},
        "scale": "fraction_times_100",
    }
    assert _paper(repo, "llama3-gsm8k")["date"] == "2024-04-19"
    assert run_cli("validate", cwd=repo).returncode == 0


def test_model_index_follows_import_and_inherits_collection_metadata(repo: Path):
    proc = run_cli("import", "model-index", MODEL_INDEX, "--id", "mmdet", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "25 results" in proc.stdout and "8 not imported (above)" in proc.stdout
    # The metafiles' speed is a latency under stated hardware: said, never converted into the benchmark's fps.
    assert (
        "imports/mmdetection/configs/faster_rcnn/metafile.yml:54: not imported: /Models/2/Metadata/inference time "
        "(ms~1im)/0: 'inference time (ms/im)' 46.73 (hardware V100, backend PyTorch, batch size 1, mode FP32, "
        "resolution (800, 1333)) of faster_rcnn_r50_fpn_1x_coco is a latency; it is not imported."
    ) in proc.stderr
    results = _paper(repo, "mmdet")["results"]
    assert [r["model"] for r in results[:2]] == ["detr_r50_8xb2-150e_coco", "faster_rcnn_r50_caffe_dc5_1x_coco"]
    detr = results[0]
    assert detr["metrics"] == {"box_ap": {"value": 39.9}}
    assert detr["conditions"] == {"split": "not stated"}  # the metafile says only "Dataset: COCO"
    assert detr["source_type"] == "library_reproduction"
    assert "Training Resources 8x V100 GPUs" in detr["note"]  # inherited from the Collection
    assert detr["evidence"]["file"]["path"] == "imports/mmdetection/configs/detr/metafile.yml"
    assert detr["evidence"]["file"]["pointers"] == {"box_ap": "/Models/0/Results/0/Metrics/box AP"}
    last = results[-1]
    assert last["model"] == "faster_rcnn_x101_64x4d_fpn_mstrain_3x_coco" and last["metrics"]["box_ap"]["value"] == 43.1
    assert last["evidence"]["quote"] == "box AP: 43.1"
    assert run_cli("validate", cwd=repo).returncode == 0


def test_model_card_maps_gsm8k_and_names_every_benchmark_it_cannot(repo: Path):
    proc = run_cli("import", "hf-model-card", CARD, "--id", "mistral-gptq", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    res = _paper(repo, "mistral-gptq")["results"]
    assert len(res) == 1
    assert res[0]["metrics"] == {"accuracy": {"value": 45.41}} and res[0]["conditions"]["n_shots"] == "5"
    assert res[0]["source_type"] == "model_card"
    for name in ("ai2_arc", "hellaswag", "truthful_qa", "cais/mmlu", "winogrande"):
        assert f"no benchmark has the name or alias '{name}'" in proc.stderr
    assert proc.stderr.count("not imported") == 5


def test_mteb_task_no_benchmark_declares_writes_nothing_and_says_which_alias(repo: Path):
    proc = run_cli("import", "mteb", MTEB, cwd=repo)
    assert proc.returncode == 1
    assert "no benchmark has the name or alias 'JSTS'" in proc.stderr
    assert proc.stderr.count("not imported") == 1  # one message for the task, not one per score in it
    assert 'Fix: add aliases: ["JSTS"]' in proc.stderr
    assert list((repo / "data" / "papers").iterdir()) == []


def test_mteb_maps_through_an_alias_with_model_meta_and_conditions(repo: Path):
    bench = repo / "data" / "benchmarks" / "jsts.yaml"
    bench.write_text(
        "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"
        'id: jsts\nname: JSTS\nversion: "1"\narea: Text embedding\ntask: Japanese semantic similarity\n'
        "description: JSTS sentence similarity.\nhomepage: https://github.com/yahoojapan/JGLUE\n"
        "metrics:\n  - id: cosine_spearman\n    name: Cosine Spearman\n    unit: points\n    higher_is_better: true\n"
        "    min: 0\n    max: 100\n    aliases: [main_score]\n"
        "primary_metric: cosine_spearman\n"
        "conditions:\n  - id: split\n    name: Split\n    description: Split.\n    required: true\n"
        "  - id: dataset_revision\n    name: Dataset revision\n    description: Hub revision.\n",
        encoding="utf-8",
    )
    proc = run_cli("import", "mteb", MTEB, "--id", "e5-jsts", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    res = _paper(repo, "e5-jsts")["results"][0]
    assert res["model"] == "intfloat/multilingual-e5-small"  # from model_meta.json
    assert res["metrics"] == {"cosine_spearman": {"value": 78.9213}}
    assert res["conditions"] == {"split": "validation", "dataset_revision": "5bac629e25799df4c9c80a6a5db983d6cba9e77d"}
    assert res["evidence"]["file"]["pointers"] == {"cosine_spearman": "/scores/validation/0/cosine_spearman"}
    assert run_cli("validate", cwd=repo).returncode == 0


def test_import_never_replaces_a_file(repo: Path):
    target = repo / "data" / "papers" / "taken.yaml"
    target.write_text("mine\n", encoding="utf-8")
    proc = run_cli("import", "lm-eval", LM_EVAL, "--id", "taken", cwd=repo)
    assert proc.returncode == 1
    assert "data/papers/taken.yaml already exists and is left alone. Fix: pass --id with a new id." in proc.stderr
    assert target.read_text() == "mine\n"


def test_unreadable_input_is_one_message_without_traceback(repo: Path):
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    proc = run_cli("import", "lm-eval", "bad.json", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr.startswith("leaderboard import: bad.json: not valid JSON")


def _imported(repo: Path) -> Path:
    assert run_cli("import", "lm-eval", LM_EVAL, "--id", "llama3-gsm8k", cwd=repo).returncode == 0
    return repo / "data" / "papers" / "llama3-gsm8k.yaml"


def test_a_changed_file_is_reported(repo: Path):
    _imported(repo)
    source = repo / LM_EVAL
    source.write_text(source.read_text().replace("0.7558756633813495", "0.7658756633813495"), encoding="utf-8")
    proc = run_cli("validate", cwd=repo)
    assert proc.returncode == 1
    assert "LB142 results[0].evidence.file.sha256:" in proc.stdout
    assert "the file changed since the import" in proc.stdout


def test_a_value_that_is_not_the_files_is_reported(repo: Path):
    paper = _imported(repo)
    paper.write_text(paper.read_text().replace("75.58756633813495", "75.58756633813496"), encoding="utf-8")
    proc = run_cli("validate", cwd=repo)
    assert proc.returncode == 1
    assert "LB140 results[0].metrics.accuracy.value: 0.7558756633813496" in proc.stdout
    assert (
        "LB142 results[0].metrics.accuracy.value: 75.58756633813496 is not what "
        f"{LM_EVAL} holds at /results/gsm8k/exact_match,strict-match" in proc.stdout
    )


def test_a_pointer_that_is_not_in_the_file_is_reported(repo: Path):
    paper = _imported(repo)
    paper.write_text(paper.read_text().replace("/results/gsm8k/", "/results/gsm9k/"), encoding="utf-8")
    proc = run_cli("validate", cwd=repo)
    assert proc.returncode == 1
    assert f"/results/gsm9k/exact_match,strict-match is not in {LM_EVAL}" in proc.stdout


def test_without_the_local_copy_only_the_quote_is_checked(repo: Path):
    _imported(repo)
    shutil.rmtree(repo / "imports")
    assert run_cli("validate", cwd=repo).returncode == 0


def test_metrics_as_a_list_and_percent_strings(repo: Path):
    (repo / "mi.yml").write_text(
        "Models:\n  - Name: resnet50\n    Results:\n      - Task: Image Classification\n"
        "        Dataset: ImageNet-1k\n        Metrics:\n          - Name: Top 1 Accuracy\n"
        "            Value: 76.55%\n",
        encoding="utf-8",
    )
    proc = run_cli("import", "model-index", "mi.yml", "--id", "rn50", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    res = _paper(repo, "rn50")["results"][0]
    assert res["metrics"] == {"top1_accuracy": {"value": 76.55}}
    assert res["conditions"] == {"extra_training_data": "not stated"}
    assert res["evidence"]["file"]["pointers"] == {"top1_accuracy": "/Models/0/Results/0/Metrics/0/Value"}
    assert res["evidence"]["quote"] == "Value: 76.55%"
    assert run_cli("validate", cwd=repo).returncode == 0


def test_hand_written_entries_keep_the_quote_rule(repo: Path):
    """A result without evidence.file is still checked by LB104 (the import rules do not weaken it)."""
    shutil.copy(ROOT / "data" / "papers" / "kangaroo.yaml", repo / "data" / "papers" / "kangaroo.yaml")
    path = repo / "data" / "papers" / "kangaroo.yaml"
    path.write_text(path.read_text().replace("value: 1.68", "value: 1.86"), encoding="utf-8")
    proc = run_cli("validate", cwd=repo)
    assert "LB104" in proc.stdout


def test_hostile_names_in_a_results_file_are_refused_not_written(repo: Path):
    """A model name is contributed text like any other: the import validates the file before writing it."""
    source = repo / LM_EVAL
    source.write_text(source.read_text().replace("pretrained=meta-llama/", "pretrained=\u202emeta-llama/"))
    proc = run_cli("import", "lm-eval", LM_EVAL, "--id", "evil", cwd=repo)
    assert proc.returncode == 1
    assert "error LB119 results[0].model: contains U+202E" in proc.stderr
    assert "would give a file that does not validate; nothing was written" in proc.stderr
    assert not (repo / "data" / "papers" / "evil.yaml").exists()


def test_aliases_in_a_results_file_are_refused(repo: Path):
    (repo / "bomb.yml").write_text("a: &a [1, 2]\nModels: [*a, *a]\n", encoding="utf-8")
    proc = run_cli("import", "model-index", "bomb.yml", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "leaderboard import: bomb.yml: line 2: an alias (*name); write the value out in full"
