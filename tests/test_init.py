"""`leaderboard init`: a new leaderboard repository that validates, builds and diffs as it is, written only into
a new folder."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from cliutil import run_cli, tree_snapshot

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Adopter",
    "GIT_AUTHOR_EMAIL": "adopter@example.org",
    "GIT_COMMITTER_NAME": "Adopter",
    "GIT_COMMITTER_EMAIL": "adopter@example.org",
}


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init")
    proc = run_cli("init", "my-board", "--name", "Vision <Lab> & Friends", cwd=root, env=GIT_ENV)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "first commit" in proc.stdout
    return root / "my-board"


def test_init_writes_a_complete_repository(started: Path):
    for name in (
        "mkdocs.yml",
        "README.md",
        "CONTRIBUTING.md",
        ".gitignore",
        "requirements.txt",
        "docs/contribute.md",
        "schemas/paper.schema.json",
        "schemas/benchmark.schema.json",
        "data/benchmarks/example-benchmark.yaml",
        "data/papers/example-paper.yaml",
        ".github/workflows/ci.yml",
        ".github/workflows/pr-comment.yml",
        ".github/workflows/pages.yml",
    ):
        assert (started / name).is_file(), name
    readme = (started / "README.md").read_text(encoding="utf-8")
    assert "leaderboard build" in readme and "leaderboard validate" in readme
    assert "Source: GitHub Actions" in readme, "the README says what must be enabled by hand"
    assert "@VERSION@" not in readme and "@SITE_NAME@" not in readme
    branch = subprocess.run(["git", "-C", str(started), "branch", "--show-current"], capture_output=True, text=True)
    assert branch.stdout.strip() == "main"


def test_the_new_repository_validates_builds_and_diffs(started: Path):
    assert run_cli("validate", cwd=started).returncode == 0
    built = run_cli("build", "--no-cache", cwd=started)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (started / "public" / "index.html").read_text(encoding="utf-8")
    assert "Vision &lt;Lab&gt; &amp; Friends" in page or "Vision <Lab> & Friends" in page
    assert (started / "public" / "contribute.html").is_file(), "the adopter's own page is built"
    assert (started / "public" / "benchmarks" / "example-benchmark.html").is_file()
    diff = run_cli("diff", cwd=started)
    assert diff.returncode == 0 and "No change to any leaderboard" in diff.stdout, diff.stdout + diff.stderr


def test_new_and_build_in_the_new_repository(started: Path, tmp_path: Path):
    copy = tmp_path / "board"
    subprocess.run(["git", "clone", "-q", str(started), str(copy)], check=True)
    args = ("--id", "my-paper", "--title", "My paper", "--benchmark", "example-benchmark", "--model", "Mine-7B")
    made = run_cli("new", *args, "--value", "61.5", "--quote", "Mine-7B reaches 61.5% on the test split", cwd=copy)
    assert made.returncode == 0, made.stderr
    assert run_cli("validate", cwd=copy).returncode == 0
    diff = run_cli("diff", cwd=copy)
    assert diff.returncode == 0 and "Mine-7B" in diff.stdout and "1 results added" in diff.stdout, diff.stdout


@pytest.mark.parametrize("existing", ["file", "folder with a file"])
def test_init_never_writes_into_something_that_exists(tmp_path: Path, existing: str):
    target = tmp_path / "board"
    if existing == "file":
        target.write_text("mine\n", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.md").write_text("mine\n", encoding="utf-8")
    before = tree_snapshot(tmp_path)
    proc = run_cli("init", "board", cwd=tmp_path)
    assert proc.returncode == 1 and "Fix:" in proc.stderr
    assert tree_snapshot(tmp_path) == before


def test_init_without_git(tmp_path: Path):
    proc = run_cli("init", "board", "--no-git", cwd=tmp_path, env={"PATH": os.environ["PATH"]})
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "board" / ".git").exists()
    config = (tmp_path / "board" / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_name: \"Benchmark leaderboards\"$", config, re.MULTILINE)
    assert re.search(r"^  - leaderboard", config, re.MULTILINE), "the plugin is configured"
