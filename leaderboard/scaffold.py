"""`leaderboard new`: a paper file a contributor fills in, with the schema line and field hints."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from .conventions import modeline
from .conventions import yaml_string as _q
from .corpus import load_corpus
from .diagnostics import Diagnostic


class ScaffoldError(Exception):
    """Why no file was written, with what to do instead."""


class ScaffoldInvalid(ScaffoldError):
    """The file would not validate: the diagnostics say why; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"the new file would not validate ({len(diagnostics)} problems)")
        self.diagnostics = diagnostics


def _existing_arxiv(data: Path, arxiv: str) -> str | None:
    for src in load_corpus(data).of_kind("paper"):
        if src.ok and src.mapping.get("arxiv_id") == arxiv:
            return src.display
    return None


def scaffold(
    data: Path,
    ident: str,
    title: str,
    benchmark: str,
    model: str,
    arxiv: str | None = None,
    date: str | None = None,
    value: str | None = None,
    quote: str | None = None,
) -> Path:
    target = data / "papers" / f"{ident}.yaml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} already exists. Fix: edit that file and add your results to it.")
    if arxiv and (owner := _existing_arxiv(data, arxiv)):
        raise ScaffoldError(f"arXiv {arxiv} is already the paper in {owner}. Fix: edit that file instead.")
    bench_file = data / "benchmarks" / f"{benchmark}.yaml"
    bench = load_corpus(data).of_kind("benchmark")
    bench_data = next((s.mapping for s in bench if s.ok and s.mapping.get("id") == benchmark), None)
    if bench_data is None:
        known = ", ".join(sorted(s.mapping["id"] for s in bench if s.ok and "id" in s.mapping))
        raise ScaffoldError(
            f"no benchmark '{benchmark}' ({bench_file} is missing). Fix: use one of: {known}; "
            "or add the benchmark file first."
        )
    text = _render(ident, title, bench_data, model, arxiv, date, value, quote)
    _refuse_invalid(data, target, text)
    return _write_new(target, text)


def _write_new(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never replaces a file that appeared meanwhile
        handle.write(text)
    return target


def _refuse_invalid(data: Path, target: Path, text: str) -> None:
    """Validate the file (data/papers/ or data/benchmarks/) against the corpus before it exists, so `new`
    never writes one that fails."""
    from .validate import validate

    with tempfile.TemporaryDirectory(prefix="leaderboard-new-") as tmp:
        trial = Path(tmp) / target.parent.name / target.name
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        report = validate(data, [trial])
        shown = str(target)
        problems = [replace(d, path=shown) for d in report.diagnostics]
    if problems:
        raise ScaffoldInvalid(problems)


def _render(ident, title, bench, model, arxiv, date, value, quote) -> str:
    lines = [modeline("paper"), f"id: {ident}", f"title: {_q(title)}"]
    if arxiv:
        lines += [f'arxiv_id: "{arxiv}"', f"url: https://arxiv.org/abs/{arxiv}"]
    lines += ["# code_url: https://github.com/...   (only if the paper gives one)"]
    lines += [f'date: "{date}"' if date else '# date: "YYYY-MM"   (first public version; omit when unknown)']
    lines += [
        "results:",
        f"  - benchmark: {bench['id']}",
        f"    model: {_q(model)}",
        '    # parameters: "7B"   (only when the paper states it)',
        "    metrics:",
        "      # kind: point | approximate | at_least ('over 96%') | up_to ('up to 2.5x') | range (low/high)",
        f"      {bench['primary_metric']}: {{kind: point, value: {value}}}",
    ]
    lines += _conditions(bench.get("conditions", []))
    lines += [
        "    evidence:",
        f"      quote: {_q(quote)}",
        "      location: abstract   # or 'Table 2', 'Section 4.1', ...",
        "    # source_type: paper   (paper | lab_report | leaderboard | reproduction | library_reproduction"
        " | model_card)",
        "    # note: anything a reader needs to interpret the number",
    ]
    return "\n".join(lines) + "\n"


def _conditions(conditions: list[dict]) -> list[str]:
    """Required conditions as 'not stated' (valid until the contributor knows better), optional ones as
    comments; with no required one the whole block is a comment, since an empty mapping is not valid."""
    if not conditions:
        return []
    required = any(c.get("required") for c in conditions)
    head = "    conditions:" if required else "    # conditions:"
    lines = [f"{head}   # write 'not stated' when the paper does not say"]
    for cond in conditions:
        prefix = "      " if cond.get("required") else "      # "
        lines.append(f"{prefix}{cond['id']}: not stated   # {cond['name']}")
    return lines


UNITS = ("percent", "points", "x", "fps", "ms", "s", "tokens/s", "GB", "count")


def benchmark_text(ident: str, name: str, metric: str, unit: str, homepage: str, lower_is_better: bool) -> str:
    """A benchmark file with every field explained; it validates as written, and each TODO says what to write."""
    q = _q
    higher = "false" if lower_is_better else "true"
    bounds = "    min: 0\n    max: 100\n" if unit == "percent" else "    min: 0\n"
    return f"""{modeline("benchmark")}
# A benchmark: one test set whose numbers are comparable. Every field is explained on the line above it;
# replace each TODO, then run: leaderboard validate data/benchmarks/{ident}.yaml
# The id: lower-case letters, digits and hyphens; the file name without .yaml. Never change it once used.
id: {ident}
# Display name, e.g. "AIME 2024" or "COCO test-dev".
name: {q(name)}
# Version of this definition, as text; bump it when the task set, split or metric definition changes.
version: "1"
# Research area that groups benchmarks on the site, e.g. "Math reasoning", "Object detection".
area: "TODO: research area"
# What is measured, in a few words, e.g. "Competition math problem solving".
task: "TODO: what is measured"
# One or two sentences a reader needs to interpret the numbers: content, size, split.
description: "TODO: what the test set is and how it is scored"
# The benchmark's official page, paper or dataset card (https).
homepage: {homepage}
# Optional: names other formats give this benchmark (a model-index Dataset, a Hugging Face dataset, an lm-eval
# task, an MTEB task), for leaderboard import. Case, spaces and punctuation do not matter.
# aliases: ["{name}"]
# Optional: the Hugging Face Hub benchmark dataset, for leaderboard export --format hf-eval-results.
# hf_dataset: {{id: owner/name, task_id: default}}
# The metrics a result may report: id (lower-case, _), display name, unit ({", ".join(UNITS)}),
# whether higher is better, and the plausible range (values outside it are refused as typos).
metrics:
  - id: {metric}
    name: {q(metric.replace("_", " "))}
    unit: {unit}
    higher_is_better: {higher}
{bounds}    description: "TODO: how the metric is computed"
    # aliases: ["{metric}"]   (names of this metric in imported files, e.g. "box AP", "exact_match,strict-match")
# The metric the leaderboard ranks by.
primary_metric: {metric}
# Optional: the second axis of the trade-off chart (a metric id or "parameters") and the conditions two points
# must share to be on one frontier, e.g. {{axis: fps, conditions: [hardware]}}.
# tradeoff: {{axis: parameters}}
# Conditions that decide whether two results are comparable. required: every result states it ('not stated'
# when the source is silent); group: results that differ in it are never ranked together; values: the allowed
# values when it is a closed list ('not stated' is always allowed). A grouping condition says what its values
# are, exactly one of: values: [...], vocabulary: <a file in data/vocabularies/, one spelling per term>, or
# free_text: true.
conditions:
  - id: split
    name: Split
    description: "TODO: which split results are on, e.g. test"
    required: true
    group: true
    values: ["test"]
"""


def scaffold_benchmark(data: Path, ident: str, name: str, metric: str, unit: str, homepage: str, lower: bool) -> Path:
    target = data / "benchmarks" / f"{ident}.yaml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} already exists. Fix: edit that file, or choose another --id.")
    text = benchmark_text(ident, name, metric, unit, homepage, lower)
    _refuse_invalid(data, target, text)
    return _write_new(target, text)
