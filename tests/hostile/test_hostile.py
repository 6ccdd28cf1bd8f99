"""Every bad contribution through the real CLI: a coded diagnostic at the right file and line, exit 1,
no traceback, and the previously published output left exactly as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from toycorpus import BENCH, paper

from leaderboard.cli import main

from .cases import ACCEPTED, CASES, HEAD, NESTING_CONSTRUCTS, NESTING_DEPTHS, Case, _indented, _nested


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    (data / "papers" / "alpha.yaml").write_text(paper("alpha", "2024-01", [("Alpha-7B", 50.0)]))
    return data


def install(data: Path, files: dict[str, bytes], symlinks: dict[str, str] = {}) -> None:  # noqa: B006
    for rel, content in files.items():
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_bytes(content)
    for rel, target in symlinks.items():
        os.symlink(target, data / rel)


def published(tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "public"
    (out / "downloads").mkdir(parents=True)
    (out / "index.html").write_text("previous build")
    (out / "downloads" / "results.csv").write_text("previous,csv\r\n")
    return out, snapshot(out)


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_refused_with_a_located_diagnostic(case: Case, corpus: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    install(corpus, case.files, case.symlinks)
    rel = case.path or next(iter([*case.files, *case.symlinks]))
    out, before = published(tmp_path)
    code, text = run(capsys, "validate", "--data", "data")
    assert code == 1, text
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if ": error LB" in line]
    codes = {line.split(" error ")[1].split()[0] for line in lines}
    assert case.code in codes and codes <= {case.code, *case.also}, text
    main_line = next(line for line in lines if f" error {case.code}" in line)
    assert main_line.startswith(f"data/{rel}:"), main_line
    if case.line is not None:
        assert main_line.split(":")[1] == str(case.line), main_line
    assert " Fix: " in main_line
    for command in (["export", "--data", "data", "--out", "public"], ["build", "--data", "data", "--out", "public"]):
        code, text = run(capsys, *command)
        assert code == 1 and case.code in text and "Traceback" not in text
        assert snapshot(out) == before, f"{command[0]} changed the published output"


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_inputs_validate_and_export(name: str, corpus: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    install(corpus, ACCEPTED[name])
    code, text = run(capsys, "validate", "--data", "data")
    assert code == 0, text
    code, text = run(capsys, "export", "--data", "data", "--out", "public")
    assert code == 0, text
    csv_text = (tmp_path / "public" / "downloads" / "results.csv").read_text(encoding="utf-8")
    assert "Bad-7B" in csv_text or "img" in csv_text or "::error::" in csv_text


@pytest.mark.parametrize("depth", NESTING_DEPTHS)
def test_deep_nesting_of_any_construct_cannot_crash_the_process(depth: int, corpus: Path, tmp_path: Path):
    """In a subprocess: libyaml's composer recurses once per level, so a construct the guards miss overflows the
    C stack and kills the process (exit -11), which must fail this test rather than take pytest down."""
    files = {f"{construct}.yaml": HEAD + _nested(construct, depth) for construct in NESTING_CONSTRUCTS}
    files |= {f"indented-{step[0]}.yaml": HEAD + _indented(step, 1_300) for step in ("k:", "?", "-")}
    for name, text in files.items():
        (corpus / "papers" / name).write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "leaderboard.cli", "validate", "--data", "data"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, f"exit {proc.returncode} (negative: killed by a signal)\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in files:
        assert re.search(rf"^data/papers/{re.escape(name)}:\d+:\d+: error LB001 .*nesting", proc.stdout, re.M), name


def test_github_annotations_cannot_start_a_new_command(corpus: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    install(
        corpus,
        {
            "papers/bad.yaml": (
                b"# yaml-language-server: $schema=../../schemas/paper.schema.json\nid: bad\ntitle: x\n"
                b'"k\\n::error file=x::pwned %0A": 1\nresults: []\n'
            )
        },
    )
    code, text = run(capsys, "validate", "--data", "data", "--format", "github")
    assert code == 1
    annotations = [line for line in text.splitlines() if line.startswith("::")]
    assert annotations and all(line.startswith("::error file=data/papers/bad.yaml,") for line in annotations)
    assert "%0A::error file=x::pwned %250A" in text
    code, plain = run(capsys, "validate", "--data", "data")
    assert not any(line.startswith("::") for line in plain.splitlines())


def test_the_corpus_covers_every_class_of_the_issue():
    names = {c.name for c in CASES} | set(ACCEPTED)
    required = {
        "syntax-error",
        "tab-indentation",
        "duplicate-key",
        "anchor-alias",
        "billion-laughs",
        "python-tag",
        "two-documents",
        "empty-file",
        "fifty-megabytes",
        "binary-content",
        "invalid-utf8",
        "byte-order-mark",
        "windows-line-endings",
        "nan",
        "infinity",
        "string-for-number",
        "number-as-string",
        "percent-as-fraction",
        "negative-value",
        "above-range",
        "impossible-date",
        "future-date",
        "version-like-float",
        "unknown-field",
        "unknown-benchmark",
        "unknown-metric",
        "duplicate-across-files",
        "id-with-dotdot",
        "id-with-slash",
        "id-upper-case",
        "id-with-space",
        "symlink-outside",
        "file-name-differs",
        "javascript-url",
        "data-url",
        "formula-model",
        "formula-plus",
        "formula-at",
        "right-to-left-override",
        "zero-width-space",
        "ten-thousand-chars",
        "html-in-model-name",
        "template-syntax-in-note",
        "workflow-command-in-model",
        # validated means buildable
        "escape-nul",
        "escape-escape",
        "escape-x-c1",
        "escape-u-ffff",
        "escape-x-del",
        "escape-in-a-key",
        "escape-lone-high-surrogate",
        "raw-next-line",
        "raw-fdd0",
        "int-key",
        "bool-key-yes",
        "null-key-tilde",
        "float-key",
        "huge-integer-value",
        "huge-n-runs",
        "huge-metric-max",
        "value-plus-std-overflows",
        "nesting-explicit-keys-100000",
        "nesting-sequences-of-explicit-keys-100000",
        "nesting-flow-mappings-100000",
        "ten-thousand-unknown-metrics",
        "ten-thousand-unknown-fields",
        "std-not-in-quote",
        "n-runs-not-in-quote",
        "paper-id-con",
        "benchmark-id-nul",
    }
    assert required <= names
