"""`leaderboard diff` on a real git repository with known changes, and `new` -> `validate` round trips."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cliutil import BASE, ROOT
from toycorpus import BENCH, git, paper, run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "data" / "benchmarks").mkdir(parents=True)
    (tmp_path / "data" / "papers").mkdir()
    (tmp_path / "data" / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    (tmp_path / "data" / "papers" / "alpha.yaml").write_text(paper("alpha", "2024-01", [("Alpha-7B", 50.0)]))
    (tmp_path / "data" / "papers" / "beta.yaml").write_text(
        paper("beta", "2024-02", [("Beta-7B", 55.5), ("Gamma-7B", 40.0)])
    )
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    return tmp_path


def test_diff_reports_added_changed_removed_ranks_and_new_sota(repo: Path):
    papers = repo / "data" / "papers"
    # alpha's value changes and takes first place; Gamma is removed; a new paper adds Delta.
    (papers / "alpha.yaml").write_text(paper("alpha", "2024-01", [("Alpha-7B", 60.0)]))
    (papers / "beta.yaml").write_text(paper("beta", "2024-02", [("Beta-7B", 55.5)]))
    (papers / "delta.yaml").write_text(paper("delta", "2024-03", [("Delta-7B", 45.0)]))
    proc = run(repo, "diff", "--base", "main")
    assert proc.returncode == 0, proc.stderr
    base = subprocess.run(["git", "-C", str(repo), "rev-parse", "main"], capture_output=True, text=True).stdout
    group = "Aggregation: pass@1"
    assert proc.stdout == (
        "## Leaderboard changes\n\n"
        f"Compared with `{base[:12]}`: 1 papers added, 1 results added, 1 changed, 1 removed.\n\n"
        "### Papers added\n\n- delta: Paper delta\n\n"
        f"### New state of the art\n\n- Toy Math ({group}): Alpha-7B, 60.0% (alpha)\n\n"
        "### Results added\n\n| Benchmark | Group | Model | Metric | Value | Rank | Paper |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        f"| Toy Math | {group} | Delta-7B | Accuracy | 45.0% | 3 | delta |\n\n"
        "### Results changed\n\n| Benchmark | Group | Model | Metric | Value | Rank | Paper |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        f"| Toy Math | {group} | Alpha-7B | Accuracy | 50.0% → 60.0% | 1 | alpha |\n\n"
        "### Results removed\n\n| Benchmark | Group | Model | Metric | Value | Rank | Paper |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        f"| Toy Math | {group} | Gamma-7B | Accuracy | 40.0% | 3 | beta |\n\n"
        "### Rank changes\n\n| Benchmark | Group | Model | Metric | Rank | Conditions | Paper |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        f"| Toy Math | {group} | Beta-7B | Accuracy | 1 → 2 | aggregation=pass@1 | beta |\n"
    )
    as_json = json.loads(run(repo, "diff", "--base", "main", "--format", "json").stdout)
    assert [r["model"] for r in as_json["new_sota"]] == ["Alpha-7B"]


def test_diff_without_changes_and_with_a_missing_base(repo: Path):
    clean = run(repo, "diff")
    assert clean.returncode == 0
    assert "No change to any leaderboard." in clean.stdout
    missing = run(repo, "diff", "--base", "origin/nope")
    assert missing.returncode == 1
    assert "is not a commit" in missing.stderr and "git fetch origin nope" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_diff_escapes_contributed_markdown(repo: Path):
    (repo / "data" / "papers" / "evil.yaml").write_text(paper("evil", "2024-04", [("Evil | <img src=x> [x](y)", 1.0)]))
    out = run(repo, "diff", "--base", "main").stdout
    assert "<img" not in out and "Evil \\| &lt;img src=x&gt; \\[x\\](y)" in out


def test_new_scaffold_round_trips_through_validate(repo: Path):
    made = run(
        repo,
        "new",
        "--id",
        "my-method",
        "--title",
        "My Method: A Study",
        "--benchmark",
        "toy-math",
        "--model",
        "My-Model-7B",
        "--arxiv",
        "2501.01234",
        "--date",
        "2025-01",
        "--value",
        "61.5",
        "--quote",
        "My-Model-7B reaches 61.5% on Toy Math",
    )
    assert made.returncode == 0, made.stderr
    text = (repo / "data" / "papers" / "my-method.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/paper.schema.json\n")
    checked = run(repo, "validate", "data/papers/my-method.yaml")
    assert checked.returncode == 0, checked.stdout


def test_new_needs_a_value_and_its_quote(repo: Path):
    proc = run(repo, "new", "--id", "todo", "--title", "T", "--benchmark", "toy-math", "--model", "M")
    assert proc.returncode == 2 and "--value" in proc.stderr
    assert not (repo / "data" / "papers" / "todo.yaml").exists()


def test_new_refuses_a_value_that_is_not_in_its_quote(repo: Path):
    proc = run(repo, *NEW, "--value", "61.5", "--quote", "M reaches 65.1% on Toy Math")
    assert proc.returncode == 1
    assert (
        "data/papers/todo.yaml" in proc.stderr and "error LB104" in proc.stderr and "nothing was written" in proc.stderr
    )
    assert not (repo / "data" / "papers" / "todo.yaml").exists()


VALUE = ("--value", "61.5", "--quote", "M reaches 61.5% on Toy Math")
NEW = ("new", "--id", "todo", "--title", "T", "--benchmark", "toy-math", "--model", "M")


def _value_for(metric: dict) -> str:
    """A number inside the metric's range, printed as a contributor would type it."""
    low, high = metric.get("min", 0), metric.get("max", 100)
    return f"{(low + high) / 2:.3f}".rstrip("0").rstrip(".")


@pytest.mark.parametrize("data", [ROOT / "data", BASE], ids=["shipped-data", "fixtures"])
def test_new_writes_a_valid_file_for_every_benchmark(data: Path, tmp_path: Path):
    """Whatever a benchmark declares (all conditions optional, allowed values, no conditions at all),
    the file `new` writes validates as it is."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    for bench in sorted((copy / "benchmarks").glob("*.yaml")):
        spec = yaml.safe_load(bench.read_text(encoding="utf-8"))
        metric = next(m for m in spec["metrics"] if m["id"] == spec["primary_metric"])
        value = _value_for(metric)
        ident = f"new-{spec['id']}"
        args = ("--id", ident, "--title", "A new paper", "--benchmark", spec["id"], "--model", "New-Model-7B")
        made = run(tmp_path, "new", *args, "--value", value, "--quote", f"New-Model-7B reaches {value} on it")
        assert made.returncode == 0, made.stderr
        checked = run(tmp_path, "validate", f"data/papers/{ident}.yaml")
        assert checked.returncode == 0, checked.stdout


def _new(repo: Path, ident: str, *extra: str, benchmark: str = "toy-math"):
    return run(repo, "new", "--id", ident, "--title", "X", "--benchmark", benchmark, "--model", "M", *VALUE, *extra)


def test_new_refuses_to_overwrite_and_duplicate_arxiv(repo: Path):
    again = _new(repo, "alpha")
    assert again.returncode == 1 and "already exists" in again.stderr and "edit that file" in again.stderr
    assert _new(repo, "one", "--arxiv", "2501.00001").returncode == 0
    dup = _new(repo, "two", "--arxiv", "2501.00001")
    assert dup.returncode == 1 and "data/papers/one.yaml" in dup.stderr
    unknown = _new(repo, "three", benchmark="nope")
    assert unknown.returncode == 1 and "toy-math" in unknown.stderr


def test_diff_reports_a_benchmark_definition_change_and_tells_groups_apart(repo: Path):
    """The primary metric's direction flips: no result changed, every group is re-ranked, and the same model's
    moves in two comparison groups are two distinguishable rows."""
    papers = repo / "data" / "papers"
    two_groups = paper("gamma", "2024-03", [("Beta-7B", 70.0), ("Zeta-7B", 20.0)]).replace("pass@1", "maj@8")
    (papers / "gamma.yaml").write_text(two_groups)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "two groups")
    bench = repo / "data" / "benchmarks" / "toy-math.yaml"
    bench.write_text(BENCH.replace("higher_is_better: true", "higher_is_better: false"))
    proc = run(repo, "diff", "--base", "HEAD")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "No change to any leaderboard" not in out
    assert (
        "### Benchmark definitions changed\n\n| Benchmark | Change | Effect on rankings |\n| --- | --- | --- |\n"
        "| toy-math | accuracy: lower is now better | the order of every group is reversed |\n"
    ) in out
    assert "1 benchmark definition changes, 0 papers added, 0 results added, 0 changed, 0 removed." in out
    beta = [line for line in out.splitlines() if line.startswith("| Toy Math |") and "Beta-7B" in line]
    assert beta == [
        "| Toy Math | Aggregation: maj@8 | Beta-7B | Accuracy | 1 → 2 | aggregation=maj@8 | gamma |",
        "| Toy Math | Aggregation: pass@1 | Beta-7B | Accuracy | 1 → 3 | aggregation=pass@1 | beta |",
    ]
