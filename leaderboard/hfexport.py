"""`leaderboard export --format hf-eval-results|model-index`: the data handed back to the Hugging Face Hub.

- hf-eval-results: the Hub's `.eval_results/*.yaml` files (one per model and benchmark, in
  OUT/<model>/.eval_results/<benchmark>.yaml, the layout of a model repository). The format has one value per
  benchmark task, so it carries the primary metric only, and only for benchmarks whose file names their Hub
  dataset (`hf_dataset: {id, task_id}`).
- model-index: the `model-index` front matter of a model card (OUT/<model>/model-index.yaml), every metric of
  every result, with the conditions in `dataset.args` (split and revision in their own fields), so
  `leaderboard import hf-model-card` reads it back.

Only measured points are exported: a bound ("up to 2.5x"), a range or an approximate value has no place in
either format, and writing it as a plain number would claim more than the source does. What is left out is
returned, with why, for the command to print. Model names are contributed text: they become file names only
through a slug plus a hash, never as they are.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .conventions import NOT_STATED

FORMATS = ("hf-eval-results", "model-index")


class ExportError(Exception):
    """The output folder cannot be used; the message says what to do."""


@dataclass
class Written:
    files: dict = field(default_factory=dict)  # relative path -> text
    skipped: list = field(default_factory=list)  # (paper id, result index, why)


def model_folder(model: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", model.casefold()).strip("-")[:60].strip("-") or "model"
    return f"{slug}-{hashlib.sha256(model.encode('utf-8')).hexdigest()[:8]}"


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


def _stated(conditions: dict) -> dict:
    return {k: v for k, v in sorted(conditions.items()) if v != NOT_STATED}


def _results(corpus):
    """(paper, index, result) of every active result, in a stable order."""
    for src in sorted(corpus.of_kind("paper"), key=lambda s: s.display):
        for i, res in enumerate(src.data.get("results", [])):
            if res.get("status", "active") == "active":
                yield src.data, i, res


def _source(paper: dict, res: dict) -> dict:
    url = res["evidence"].get("file", {}).get("url") or paper.get("url")
    return {"url": url, "name": paper["title"]} if url else {}


def eval_results(corpus, benchmarks: dict) -> Written:
    out = Written()
    entries: dict = {}
    no_hub: dict = {}
    for paper, i, res in _results(corpus):
        bench = benchmarks[res["benchmark"]]
        hub = bench.get("hf_dataset")
        primary = res["metrics"].get(bench["primary_metric"])
        if hub is None:
            no_hub[bench["id"]] = no_hub.get(bench["id"], 0) + 1
            continue
        if primary is None or primary.get("kind", "point") != "point":
            why = "no primary-metric value" if primary is None else f"the value is {primary['kind']}, not a point"
            out.skipped.append((paper["id"], i, why))
            continue
        conditions = _stated(res.get("conditions", {}))
        dataset = {"id": hub["id"], "task_id": hub["task_id"]}
        if "dataset_revision" in conditions:
            dataset["revision"] = conditions.pop("dataset_revision")
        entry = {"dataset": dataset, "value": primary["value"]}
        if paper.get("date"):
            entry["date"] = paper["date"]
        if _source(paper, res):
            entry["source"] = _source(paper, res)
        notes = [f"{k}: {v}" for k, v in conditions.items()] + [f"source type: {res.get('source_type', 'paper')}"]
        entry["notes"] = "; ".join(notes)
        key = f"{model_folder(res['model'])}/.eval_results/{bench['id']}.yaml"
        entries.setdefault(key, []).append(entry)
    for bench_id, count in sorted(no_hub.items()):
        out.skipped.append(
            (bench_id, None, f"{count} results: the benchmark names no hf_dataset (add hf_dataset: {{id, task_id}})")
        )
    out.files = {key: _dump(value) for key, value in sorted(entries.items())}
    return out


def model_index(corpus, benchmarks: dict) -> Written:
    out = Written()
    models: dict = {}
    for paper, i, res in _results(corpus):
        bench = benchmarks[res["benchmark"]]
        metric_names = {m["id"]: m.get("name", m["id"]) for m in bench["metrics"]}
        metrics = []
        for mid, val in res["metrics"].items():
            if val.get("kind", "point") != "point":
                out.skipped.append((paper["id"], i, f"{mid} is {val['kind']}, not a point"))
                continue
            metrics.append({"type": mid, "name": metric_names.get(mid, mid), "value": val["value"]})
        if not metrics:
            continue
        conditions = _stated(res.get("conditions", {}))
        hub = bench.get("hf_dataset")
        dataset = {"name": bench["name"], "type": hub["id"] if hub else bench["id"]}
        if "split" in conditions:
            dataset["split"] = conditions.pop("split")
        if "dataset_revision" in conditions:
            dataset["revision"] = conditions.pop("dataset_revision")
        if conditions:
            dataset["args"] = conditions
        entry = {"task": {"type": bench["id"], "name": bench["task"]}, "dataset": dataset, "metrics": metrics}
        if _source(paper, res):
            entry["source"] = _source(paper, res)
        models.setdefault(res["model"], []).append(entry)
    for model, results in sorted(models.items()):
        out.files[f"{model_folder(model)}/model-index.yaml"] = _dump(
            {"model-index": [{"name": model, "results": results}]}
        )
    return out


def write(written: Written, out: Path) -> int:
    """Write into a new or empty folder (nothing is ever replaced); returns the number of files."""
    if out.is_symlink() or (out.exists() and (not out.is_dir() or any(out.iterdir()))):
        raise ExportError(f"'{out}' exists and is not an empty folder; nothing was written. Fix: pass a new --out DIR.")
    for rel, text in written.files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    return len(written.files)
