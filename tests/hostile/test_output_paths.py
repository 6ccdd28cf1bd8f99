"""A wrong --out never costs a file: every dangerous output path through the real CLI is refused with a
plain message and exit 1, and the data, the project and the previous output stay byte-identical."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cliutil import BASE, run_cli, tree_snapshot

from leaderboard import publish

COMMANDS = {
    "build": ["build", "--no-site"],
    "export": ["export"],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder that is a git work tree, with its data and a README."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    for part in ("benchmarks", "papers", "vocabularies"):
        (root / "data" / part).mkdir()
        for f in (BASE / part).iterdir():
            (root / "data" / part / f.name).write_bytes(f.read_bytes())
    (root / "README.md").write_text("my project\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def refused(project: Path, command: str, out: str, *extra: str, cwd: Path | None = None) -> str:
    before = tree_snapshot(project.parent)
    proc = run_cli(*COMMANDS[command], "--data", project / "data", "--out", out, *extra, cwd=cwd or project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert tree_snapshot(project.parent) == before, f"{command} --out {out} touched files"
    assert "Fix:" in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc.stderr


DANGEROUS = [
    ("build", "data", "data directory"),
    ("build", "data/papers", "data directory"),
    ("build", "data/public", "data directory"),
    ("build", ".", "project"),
    ("build", "..", "data directory"),
    ("build", ".git", "git"),
    ("build", ".git/hooks", ".git"),
    # export replaces OUT/downloads, so these are the paths where that folder would hurt
    ("export", "data", "data directory"),
    ("export", "data/papers", "data directory"),
    ("export", ".git", ".git"),
]


@pytest.mark.parametrize(("command", "out", "why"), DANGEROUS)
def test_dangerous_output_paths_are_refused(project: Path, command: str, out: str, why: str):
    message = refused(project, command, out)
    assert why in message, message


def test_a_build_inside_the_data_of_another_cwd_is_refused(project: Path, tmp_path: Path):
    message = refused(project, "build", str(project / "data" / "site"), cwd=tmp_path)
    assert "data directory" in message


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_existing_file_is_not_replaced(project: Path, command: str):
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    out = "notes.txt" if command == "build" else "."
    if command == "export":
        (project / "downloads").write_text("a file called downloads\n", encoding="utf-8")
    message = refused(project, command, out)
    assert "not a folder" in message


def test_a_path_under_a_file_is_a_plain_error(project: Path):
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    message = refused(project, "build", "notes.txt/site")
    assert "is a file" in message


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_leaderboard_did_not_write_needs_force(project: Path, command: str):
    site = project / "public"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "thesis.csv").write_text("my own table\n", encoding="utf-8")
    (site / "index.html").write_text("my own page\n", encoding="utf-8")
    message = refused(project, command, "public")
    assert "did not write" in message and "--force" in message
    proc = run_cli(*COMMANDS[command], "--out", "public", "--force", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert not (site / "downloads" / "thesis.csv").exists()


def test_its_own_output_is_replaced_but_an_added_file_is_kept(project: Path):
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    assert run_cli("build", "--no-site", cwd=project).returncode == 0, "a rebuild replaces its own output"
    assert run_cli("export", cwd=project).returncode == 0, "export replaces the downloads of a build"
    assert run_cli("build", "--no-site", cwd=project).returncode == 0, "and the build still knows its output"
    (project / "public" / "CNAME").write_text("example.org\n", encoding="utf-8")
    message = refused(project, "build", "public")
    assert "did not write" in message
    (project / "public" / "CNAME").unlink()
    (project / "public" / "downloads" / "mine.csv").write_text("x\n", encoding="utf-8")
    assert "mine.csv" in refused(project, "build", "public")
    assert "mine.csv" in refused(project, "export", "public")


def test_a_build_replaces_what_export_wrote(project: Path):
    assert run_cli("export", cwd=project).returncode == 0
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    (project / "public" / "build-manifest.json").unlink()
    (project / "public" / "index.html").write_text("not ours\n", encoding="utf-8")
    assert "no leaderboard build manifest" in refused(project, "build", "public")


def test_force_never_lifts_the_protection_of_data_and_project(project: Path):
    for out in ("data", ".", ".."):
        refused(project, "build", out, "--force")


def test_a_folder_holding_a_git_repository_is_never_replaced(project: Path):
    other = project / "public" / "clone"
    other.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    message = refused(project, "build", "public", "--force")
    assert "git" in message


def test_a_symlinked_output_keeps_the_link_and_replaces_its_target(project: Path, tmp_path: Path):
    real = tmp_path / "www"
    os.symlink(real, project / "public")
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    assert (project / "public").is_symlink() and (real / "downloads" / "results.csv").is_file()
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    assert (project / "public").is_symlink()


def test_a_symlink_to_the_data_is_refused(project: Path):
    os.symlink(project / "data", project / "public")
    assert "data directory" in refused(project, "build", "public")


def test_the_chart_cache_may_not_point_into_the_data(project: Path):
    before = tree_snapshot(project)
    proc = run_cli("build", "--cache", "data/cache", cwd=project)
    assert proc.returncode == 1 and "--cache" in proc.stderr
    assert tree_snapshot(project) == before


def test_stale_scratch_of_a_killed_build_is_removed(project: Path):
    """A build killed with SIGKILL leaves its scratch folder; the next build removes it."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "leaderboard.cli", "build", "--no-cache"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.startswith(".public.new-") for p in project.iterdir()):
                break
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".public.")]
    assert any(name.startswith(".public.new-") for name in leftovers), "the build was not caught mid-way"
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    assert not [p.name for p in project.iterdir() if p.name.startswith(".public.")]


def test_two_builds_on_one_output_do_not_race(project: Path):
    with publish.locked((project / "public").absolute()):
        proc = run_cli("build", "--no-site", cwd=project)
    assert proc.returncode == 1 and "another leaderboard run" in proc.stderr
    assert not (project / "public").exists()
    assert run_cli("build", "--no-site", cwd=project).returncode == 0


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_write_error_is_a_plain_message_and_keeps_the_previous_output(project: Path):
    """RLIMIT_FSIZE makes writes past 4 KiB fail with EFBIG, as a full disk fails with ENOSPC."""
    assert run_cli("build", "--no-site", cwd=project).returncode == 0
    before = tree_snapshot(project / "public")
    raw = subprocess.run(
        [sys.executable, "-m", "leaderboard.cli", "build", "--no-site"],
        cwd=project,
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert raw.returncode == 1, raw.stdout + raw.stderr
    assert "could not write the output: File too large" in raw.stderr and "Traceback" not in raw.stderr
    assert tree_snapshot(project / "public") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".public.")]
