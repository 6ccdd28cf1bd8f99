"""Each message a contributor meets is a test: the mistake (one edit of a clean fixture file) and the whole
output it must give, line for line. A second message for the same mistake, or a wording that needs the source
code to understand, fails here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cliutil import BASE, run_cli

FILE = "data/papers/fastdet.yaml"
# (name, text in the clean file, what the contributor wrote instead, expected output lines)
CASES = [
    (
        "metric-id-in-capitals",
        "box_ap: {value: 45.3}",
        "box_AP: {value: 45.3}",
        [
            f"{FILE}:13:7: error LB013 results[0].metrics.box_AP: metric 'box_AP' is not written as an id "
            "(lower-case letters, digits and _). Fix: did you mean 'box_ap'? Write it as: box_ap: {value: 45.3}."
        ],
    ),
    (
        "metric-id-with-punctuation",
        "box_ap: {value: 45.3}",
        "Box-AP: {value: 45.3}",
        [
            f"{FILE}:13:7: error LB013 results[0].metrics.Box-AP: metric 'Box-AP' is not written as an id "
            "(lower-case letters, digits and _). Fix: did you mean 'box_ap'? Write it as: box_ap: {value: 45.3}."
        ],
    ),
    (
        "metric-id-without-underscore",
        "box_ap: {value: 45.3}",
        "boxap: {value: 45.3}",
        [
            f"{FILE}:13:7: error LB102 results[0].metrics.boxap: benchmark 'tiny-detect' has no metric 'boxap'. "
            "Fix: did you mean 'box_ap'? use one of: box_ap, fps, latency."
        ],
    ),
    (
        "bare-number",
        "box_ap: {value: 45.3}",
        "box_ap: 45.3",
        [
            f"{FILE}:13:7: error LB015 results[0].metrics.box_ap: a number where a mapping goes. "
            "Fix: write box_ap: {value: 45.3}."
        ],
    ),
    (
        "range-written-with-value",
        "box_ap: {value: 45.3}",
        "box_ap: {kind: range, value: 2-5}",
        [
            f"{FILE}:13:7: error LB015 results[0].metrics.box_ap: a range gives low and high, not value. "
            "Fix: write box_ap: {kind: range, low: 2, high: 5}."
        ],
    ),
    (
        "kind-in-capitals",
        "box_ap: {value: 45.3}",
        "box_ap: {kind: Point, value: 45.3}",
        [
            f"{FILE}:13:16: error LB014 results[0].metrics.box_ap.kind: 'Point' is not allowed. "
            "Fix: did you mean 'point'? use one of: point, approximate, at_least, up_to, range."
        ],
    ),
    (
        "empty-quote",
        'quote: "FastDet-S / L reach 45.3 / 51.7 AP at 210 / 96 FPS on a T4 GPU."',
        'quote: ""',
        [
            f"{FILE}:19:7: error LB013 results[0].evidence.quote: is empty. Fix: copy the sentence of the source "
            'that contains every number of the result, e.g. quote: "FastDet-S reaches 45.3 AP at 210 FPS".'
        ],
    ),
    (
        "benchmark-id-in-capitals",
        "benchmark: tiny-detect",
        "benchmark: Tiny-Detect",
        [
            f"{FILE}:9:5: error LB013 results[0].benchmark: benchmark 'Tiny-Detect' is not written as an id "
            "(lower-case letters, digits and -). Fix: did you mean 'tiny-detect'? Write it as: benchmark: tiny-detect."
        ],
    ),
    (
        "benchmark-misspelt",
        "benchmark: tiny-detect",
        "benchmark: tiny-detekt",
        [
            f"{FILE}:9:5: error LB101 results[0].benchmark: no benchmark 'tiny-detekt'. Fix: did you mean "
            "'tiny-detect'? use one of: draft-speedup, grade-math, tiny-detect; "
            "or add data/benchmarks/tiny-detekt.yaml."
        ],
    ),
    (
        "condition-in-capitals",
        "      split: val",
        "      Split: val",
        [
            f"{FILE}:16:7: error LB013 results[0].conditions.Split: condition 'Split' is not written as an id "
            "(lower-case letters, digits and _). Fix: did you mean 'split'? Write it as: split: val."
        ],
    ),
    (
        "required-condition-misspelt",
        "      split: val",
        "      spilt: val",
        [
            f"{FILE}:16:7: error LB103 results[0].conditions.spilt: benchmark 'tiny-detect' has no condition "
            "'spilt'. Fix: did you mean 'split'? use one of: hardware, split."
        ],
    ),
    (
        "required-field-misspelt",
        "    model: FastDet-S",
        "    modle: FastDet-S",
        [
            f"{FILE}:10:5: error LB010 results[0].modle: unknown field 'modle'. Fix: did you mean 'model'? allowed "
            "fields here: benchmark, conditions, evidence, flags, metrics, model, note, parameters, source_type, "
            "status, status_reason, superseded_by."
        ],
    ),
    (
        "field-in-capitals",
        "    model: FastDet-S",
        "    Model: FastDet-S",
        [
            f"{FILE}:10:5: error LB010 results[0].Model: unknown field 'Model'. Fix: did you mean 'model'? allowed "
            "fields here: benchmark, conditions, evidence, flags, metrics, model, note, parameters, source_type, "
            "status, status_reason, superseded_by."
        ],
    ),
    (
        "unclosed-quote",
        "      location: abstract\n  - benchmark",
        '      location: "abstract\n  - benchmark',
        [
            f'{FILE}:20:17: error LB001 the quote " opened here is not closed on this line: end the text with ". '
            "Fix: correct the YAML syntax at the position shown."
        ],
    ),
    (
        "tab",
        "      split: val",
        "\t  split: val",
        [
            f"{FILE}:16:1: error LB001 a tab character: indent with spaces (YAML does not allow tabs for "
            "indentation). Fix: correct the YAML syntax at the position shown."
        ],
    ),
    (
        "indented-too-little",
        "      hardware: T4 GPU",
        "     hardware: T4 GPU",
        [
            f"{FILE}:17:1: error LB001 this line is indented by 5 spaces but line 16 above by 6: the keys of one "
            "mapping must start in the same column. Fix: correct the YAML syntax at the position shown."
        ],
    ),
    (
        "indented-too-much",
        "      hardware: T4 GPU",
        "       hardware: T4 GPU",
        [
            f"{FILE}:17:1: error LB001 this line is indented by 7 spaces, more than line 16 above (6), so YAML "
            "reads it as part of that line's value: the keys of one mapping must start in the same column. "
            "Fix: correct the YAML syntax at the position shown."
        ],
    ),
    (
        "colon-in-unquoted-value",
        "    model: FastDet-S",
        "    model: FastDet: S",
        [
            f"{FILE}:10:19: error LB001 a colon followed by a space inside an unquoted value: put the whole value in "
            "double quotes. Fix: correct the YAML syntax at the position shown."
        ],
    ),
]


@pytest.mark.parametrize(("name", "clean", "mistake", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_mistake_one_message(tmp_path: Path, name: str, clean: str, mistake: str, expected: list[str]):
    shutil.copytree(BASE, tmp_path / "data")
    path = tmp_path / FILE
    text = path.read_text(encoding="utf-8")
    assert clean in text, name
    path.write_text(text.replace(clean, mistake, 1), encoding="utf-8")
    proc = run_cli("validate", FILE, cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} error{'s' if len(expected) > 1 else ''} in 1 of 7 files."


def test_every_option_has_help_text():
    from leaderboard.cli import parser

    root = parser()
    missing = []
    for action in root._subparsers._group_actions[0].choices.items():
        name, sub = action
        for opt in sub._actions:
            if opt.dest != "help" and not opt.help:
                missing.append(f"{name} {'/'.join(opt.option_strings) or opt.dest}")
    assert missing == []


def test_new_benchmark_scaffolds_a_file_with_every_field_explained(tmp_path: Path):
    shutil.copytree(BASE, tmp_path / "data")
    args = ("new", "benchmark", "--id", "my-bench", "--name", "My Bench", "--homepage", "https://example.org/b")
    proc = run_cli(*args, "--metric", "accuracy", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "data" / "benchmarks" / "my-bench.yaml").read_text(encoding="utf-8")
    import yaml

    spec = yaml.safe_load(text)
    # every top-level field that is written or offered is explained by a comment line right above it
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if (line and not line.startswith((" ", "#"))) or line.startswith(("# aliases", "# hf_")):
            assert lines[n - 1].startswith("#"), line
    assert spec["metrics"][0] == {
        "id": "accuracy",
        "name": "accuracy",
        "unit": "percent",
        "higher_is_better": True,
        "min": 0,
        "max": 100,
        "description": "TODO: how the metric is computed",
    }
    assert run_cli("validate", "data/benchmarks/my-bench.yaml", cwd=tmp_path).returncode == 0
    again = run_cli(*args, "--metric", "accuracy", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_paper_says_which_options_it_needs(tmp_path: Path):
    shutil.copytree(BASE, tmp_path / "data")
    proc = run_cli("new", "--id", "x", "--title", "T", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.splitlines()[-1] == "leaderboard new: error: new paper needs --benchmark, --model, --value, --quote"
    )
