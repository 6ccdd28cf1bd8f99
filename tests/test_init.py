"""`leaderboard init`: a new leaderboard repository that validates, builds and diffs as it is, written only into
a new folder."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
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
    home = '<h1 id="top">Vision &lt;Lab&gt; &amp; Friends</h1>'
    assert home in page, "the home page is titled with site_name, escaped"
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
    assert re.search(r"^  - leaderboard:\n      data_dir: data$", config, re.MULTILINE), "the plugin is configured"


def _mkdocs(board: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=board, capture_output=True, text=True, env=env, **kwargs
    )


@pytest.fixture
def board(started: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "board"
    subprocess.run(["git", "clone", "-q", str(started), str(copy)], check=True)
    return copy


def test_mkdocs_build_makes_the_same_site_as_leaderboard_build(board: Path):
    config = board / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("# data_license: CC-BY-4.0", "data_license: CC0-1.0", 1)
    text += 'copyright: "© Vision Lab"\n'
    config.write_text(text, encoding="utf-8")
    built = run_cli("build", "--no-cache", cwd=board, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert built.returncode == 0, built.stdout + built.stderr
    made = _mkdocs(board, "build", "-q", "-d", "by-mkdocs")
    assert made.returncode == 0, made.stderr
    assert tree_snapshot(board / "by-mkdocs") == tree_snapshot(board / "public")
    page = (board / "public" / "index.html").read_text(encoding="utf-8")
    assert "© Vision Lab · Built from inputs" in page and "data licence: CC0-1.0" in page
    package = json.loads((board / "public" / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}]
    assert package["title"] == "Vision <Lab> & Friends"


def test_mkdocs_build_refuses_data_that_does_not_validate(board: Path):
    paper = board / "data" / "papers" / "example-paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("value: 50.0", "value: 55.0"), encoding="utf-8")
    made = _mkdocs(board, "build", "-q", "-d", "by-mkdocs")
    assert made.returncode == 1
    assert "data/papers/example-paper.yaml" in made.stderr and "LB104" in made.stderr
    assert "Traceback" not in made.stderr


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_mkdocs_serve_shows_a_data_edit(board: Path):
    """The preview an adopter uses while editing: mkdocs serve rebuilds when a file under the data changes."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=board,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    page = f"http://127.0.0.1:{port}/benchmarks/example-benchmark.html"
    try:
        assert _wait_for(lambda: "Example-Model" in _get(page)), "the served page never appeared"
        paper = board / "data" / "papers" / "example-paper.yaml"
        paper.write_text(paper.read_text(encoding="utf-8").replace("Example-Model", "Edited-Model"), encoding="utf-8")
        assert _wait_for(lambda: "Edited-Model" in _get(page)), "the edit never reached the served page"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_an_adopter_overrides_one_template_and_names_the_site(board: Path):
    (board / "overrides" / "partials").mkdir(parents=True)
    (board / "overrides" / "partials" / "metrics.html").write_text(
        '<div class="my-metrics">{{ bench.name }}</div>\n', encoding="utf-8"
    )
    config = board / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      data_dir: data", "      data_dir: data\n      templates_dir: overrides"
    )
    config.write_text(text, encoding="utf-8")
    built = run_cli("build", "--no-cache", cwd=board)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (board / "public" / "benchmarks" / "example-benchmark.html").read_text(encoding="utf-8")
    assert '<div class="my-metrics">' in page and 'class="lb-table lb-metrics"' not in page
    home = (board / "public" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="top">Vision &lt;Lab&gt; &amp; Friends</h1>' in home


def test_an_adopters_own_nav_places_the_generated_sections(board: Path):
    (board / "docs" / "about.md").write_text("# About us\n\nWho we are.\n", encoding="utf-8")
    nav = (
        "nav:\n  - Start: index.md\n  - About us: about.md\n  - Results: leaderboard:benchmarks\n"
        "  - Data: downloads.md\n  - Contribute: contribute.md\n  - Schema: schema.md\n  - Changes: changelog.md\n"
    )
    (board / "mkdocs.yml").write_text((board / "mkdocs.yml").read_text(encoding="utf-8") + nav, encoding="utf-8")
    built = run_cli("build", "--no-cache", cwd=board)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (board / "public" / "about.html").read_text(encoding="utf-8")
    titles = re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', page)
    for title in ("Start", "About us", "Data", "Contribute", "Schema", "Changes"):
        assert title in titles, (title, titles)
    bench = (board / "public" / "benchmarks" / "example-benchmark.html").read_text(encoding="utf-8")
    assert "Results" in bench and "Example area" in bench, "the benchmark sections sit where the nav says"
