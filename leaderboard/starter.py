"""`leaderboard init DIR`: a new leaderboard repository that validates and builds as it is.

The files come from the package's starter/ folder (package data): an mkdocs.yml with the plugin, an example
benchmark and paper, the schemas their first lines name, README, CONTRIBUTING, .gitignore and the GitHub
workflows. Nothing is ever written into a folder that already holds files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.metadata import version
from importlib.resources.abc import Traversable
from pathlib import Path

from . import resources

# Package file names that cannot be dot files in a wheel's package data, and where they go.
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}


class InitError(Exception):
    """Why nothing was written, with what to do instead."""


def init(target: Path, site_name: str) -> list[Path]:
    """Write the starter repository into target (new or empty); return the files written, sorted."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(
            f"'{target}' exists and is not an empty folder; init writes only into a new one. "
            "Fix: pass the path of a new folder."
        )
    target.mkdir(parents=True, exist_ok=True)
    values = {"@SITE_NAME@": site_name, "@VERSION@": version("leaderboard")}
    written = _copy(resources.starter(), target, values)
    (target / "mkdocs.yml").write_text(_mkdocs_config(site_name), encoding="utf-8")
    resources.write_schemas(target / "schemas")
    return sorted([*written, target / "mkdocs.yml", *(target / "schemas").iterdir()])


def _copy(node: Traversable, dest: Path, values: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    dest.mkdir(parents=True, exist_ok=True)
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = _RENAMED.get(child.name, child.name)
        if child.is_dir():
            written += _copy(child, dest / name, values) if child.name != "__pycache__" else []
            continue
        text = child.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        (dest / name).write_text(text, encoding="utf-8")
        written.append(dest / name)
    return written


_INTRO = [
    "# The site's MkDocs configuration: change the name, theme and palette; add your own pages under docs/.",
    "# The leaderboard plugin adds the generated pages; `leaderboard build` validates the data and builds.",
]


_PLUGIN = [
    "  - leaderboard:",
    "      data_dir: data",
    "      # data_license: CC-BY-4.0   # your data's licence: shown in the footer and written into datapackage.json",
]


def _mkdocs_config(site_name: str) -> str:
    """The packaged default configuration with the adopter's site name and their own pages folder."""
    out = list(_INTRO)
    for line in resources.default_config_text().splitlines():
        if line.startswith("#"):
            continue  # the default's comments are about being the default
        if line.startswith("site_name:"):
            out += [f"site_name: {json.dumps(site_name, ensure_ascii=False)}", "docs_dir: docs"]
        elif line.startswith("  - leaderboard"):
            out += _PLUGIN
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def git_init(target: Path) -> str:
    """Make target a git repository on `main` (the branch `leaderboard diff` compares with), with a first
    commit when git knows who the user is. Returns what was done, for the message."""
    if shutil.which("git") is None:
        return "git is not installed: run 'git init -b main' there yourself."
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True, capture_output=True)
    done = subprocess.run(
        ["git", "-C", str(target), "commit", "-q", "-m", "Start a leaderboard (leaderboard init)"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return "a git repository on branch main; commit the files when you have set your git name and email."
    return "a git repository on branch main with a first commit."
