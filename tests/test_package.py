"""The adopter's view: the built wheel, installed in a fresh venv, run from a directory outside the checkout.

The fresh venv has no --system-site-packages and no pip. Its dependencies are the ones this test run already
has (installed from requirements.lock), reached through one .pth file naming a folder of symlinks to this
environment's site-packages minus leaderboard itself (its editable install would map the package back into
the checkout). So nothing is downloaded and the test works offline and fast: the wheel is built with
the locked setuptools (pip wheel --no-build-isolation) and installed with pip install --no-deps --no-index.

Every command runs as the installed console script with the working directory outside the checkout and no
PYTHONPATH, and no message or output file may name a path inside the checkout: a path computed from
__file__ into a source tree would fail here (the file is not in the wheel) or show up in the output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "tests" / "fixtures" / "base"
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "leaderboard")  # what the sdist and the wheel are made of
PACKAGE_DATA = (
    "leaderboard/schemas/paper.schema.json",
    "leaderboard/schemas/benchmark.schema.json",
    "leaderboard/assets/leaderboard.css",
    "leaderboard/assets/sort.js",
    "leaderboard/assets/charts.js",
    "leaderboard/vendor/vega-bundle.js",
    "leaderboard/defaults/mkdocs.yml",
    "leaderboard/templates/benchmark.html",
    "leaderboard/templates/partials/result_table.html",
    "leaderboard/starter/README.md",
    "leaderboard/starter/github/workflows/ci.yml",
    "leaderboard/starter/data/papers/example-paper.yaml",
)


def _run(cmd: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the sdist, built from a copy of the sources (setuptools writes build/ next to them,
    and a stale build/lib in the checkout could put deleted files into the wheel)."""
    root = tmp_path_factory.mktemp("dist")
    src = root / "src"
    src.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(
            REPO / name,
            src / name,
            **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}),
        )
    out = root / "out"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", out, "."], src)
    build_sdist = "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])"
    _run([sys.executable, "-c", build_sdist, out], src)
    (wheel,), (sdist,) = out.glob("*.whl"), out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def _site_packages() -> list[Path]:
    """Where this test run's dependencies are installed (the locked ones)."""
    return sorted({Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")})


def _link_dependencies(deps: Path) -> None:
    """Symlinks to every installed distribution but leaderboard's own files (package, metadata, editable hook)."""
    deps.mkdir()
    for site in _site_packages():
        for entry in site.iterdir():
            name = entry.name.lower()
            skip = name.startswith(("leaderboard", "__editable__")) or name.endswith(".pth") or name == "__pycache__"
            if not skip and not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry)


@dataclass
class Adopter:
    home: Path  # outside the checkout: the adopter's repository
    venv: Path
    env: dict

    def run(self, *args: str) -> subprocess.CompletedProcess:
        proc = _run([str(self.venv / "bin" / "leaderboard"), *args], self.home, self.env)
        _no_checkout_path(proc.stdout + proc.stderr, f"leaderboard {' '.join(args)}")
        return proc


@pytest.fixture(scope="module")
def adopter(tmp_path_factory: pytest.TempPathFactory, dists: dict[str, Path]) -> Adopter:
    root = tmp_path_factory.mktemp("adopter")
    assert not root.resolve().is_relative_to(REPO)
    venv, deps = root / "venv", root / "deps"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], root)
    _link_dependencies(deps)
    purelib = _run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root)
    (Path(purelib.stdout.strip()) / "locked-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "--disable-pip-version-check"]
    _run([*pip, "install", "--no-deps", "--no-index", dists["wheel"]], root)
    home = root / "home"
    shutil.copytree(BASE, home / "data")
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(root),
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    return Adopter(home, venv, env)


def _no_checkout_path(text: str, where: str) -> None:
    """No mention of the checkout, except the dependencies' own files (they live in its .venv here)."""
    for site in _site_packages():
        text = text.replace(str(site.resolve()), "<dependencies>").replace(str(site), "<dependencies>")
    assert str(REPO) not in text, f"{where} names a path in the checkout:\n{text}"


def test_the_wheel_and_the_sdist_carry_the_package_data_and_the_license(dists: dict[str, Path]):
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    assert set(PACKAGE_DATA) <= names
    assert "leaderboard-0.1.0.dist-info/licenses/LICENSE" in names or "leaderboard-0.1.0.dist-info/LICENSE" in names
    assert not any(name.startswith(("site/", "schemas/", "mkdocs.yml", "tests/", "tools/")) for name in names)
    assert "leaderboard/synth.py" not in names  # the synthetic-corpus generator is a developer tool (tools/)
    metadata = zipfile.ZipFile(dists["wheel"]).read("leaderboard-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata
    entry_points = zipfile.ZipFile(dists["wheel"]).read("leaderboard-0.1.0.dist-info/entry_points.txt").decode()
    assert "[mkdocs.plugins]\nleaderboard = leaderboard.site.mkdocs_plugin:LeaderboardPlugin" in entry_points
    with tarfile.open(dists["sdist"]) as sdist:
        inside = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "pyproject.toml", *PACKAGE_DATA} <= inside


def test_the_installed_package_comes_from_the_venv_not_the_checkout(adopter: Adopter):
    probe = (
        "import json, sys; from importlib import metadata, resources; import leaderboard;"
        "plugin = metadata.entry_points(group='mkdocs.plugins')['leaderboard'].load();"
        "print(json.dumps({'file': leaderboard.__file__, 'data': str(resources.files('leaderboard')),"
        "'plugin': sys.modules[plugin.__module__].__file__, 'path': sys.path}))"
    )
    found = json.loads(_run([adopter.venv / "bin" / "python", "-c", probe], adopter.home, adopter.env).stdout)
    for key in ("file", "data", "plugin"):
        assert Path(found[key]).is_relative_to(adopter.venv), found
    assert not [p for p in found["path"] if p and Path(p).resolve().is_relative_to(REPO)], found["path"]


def test_an_adopter_runs_every_command_outside_the_checkout(adopter: Adopter, dists: dict[str, Path]):
    assert adopter.run("--version").stdout == "leaderboard 0.1.0\n"

    schemas = adopter.run("schemas").stdout
    assert "created: schemas/paper.schema.json" in schemas and "created: schemas/benchmark.schema.json" in schemas
    wheel = zipfile.ZipFile(dists["wheel"])
    for kind in ("paper", "benchmark"):
        written = (adopter.home / "schemas" / f"{kind}.schema.json").read_bytes()
        assert written == wheel.read(f"leaderboard/schemas/{kind}.schema.json")

    assert adopter.run("validate", "--data", "data").stdout == "7 files checked, no problems.\n"

    adopter.run("export")
    assert (adopter.home / "public" / "downloads" / "results.csv").is_file()

    adopter.run("build", "--no-site", "--out", "downloads-only")
    assert (adopter.home / "downloads-only" / "build-manifest.json").is_file()

    assert not (adopter.home / "mkdocs.yml").exists()  # so the packaged default configuration is used
    adopter.run("build")
    public = adopter.home / "public"
    for name in ("index.html", "schema.html", "assets/leaderboard.css", "assets/sort.js", "assets/charts.js"):
        assert (public / name).is_file(), name
    assert (public / "assets" / "vendor" / "vega-bundle.js").stat().st_size > 100_000
    assert list((public / "benchmarks").glob("*.html")) and list((public / "papers").glob("*.html"))
    assert not (public / "contribute.html").exists()  # the repository's own pages are not the tool's
    assert 'href="contribute.html"' not in (public / "index.html").read_text(encoding="utf-8")
    for path in sorted(p for p in public.rglob("*") if p.is_file()):
        _no_checkout_path(path.read_bytes().decode("utf-8", "replace"), str(path.relative_to(public)))


def test_an_adopter_starts_a_leaderboard_with_init(adopter: Adopter):
    """From `pip install` to a built site: init, a paper added with new, validate, build."""
    adopter.run("init", "my-board", "--name", "Adopted board", "--no-git")
    board = adopter.home / "my-board"
    run = Adopter(board, adopter.venv, adopter.env).run
    assert run("validate").stdout == "2 files checked, no problems.\n"
    args = ("--id", "mine", "--title", "Mine", "--benchmark", "example-benchmark", "--model", "Mine-7B")
    run("new", *args, "--value", "61.5", "--quote", "Mine-7B reaches 61.5% on the test split")
    assert run("validate").stdout == "3 files checked, no problems.\n"
    run("build")
    index = (board / "public" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in index and "Adopted board" in index
    assert (board / "public" / "papers" / "mine.html").is_file()
    assert (board / "public" / "contribute.html").is_file(), "the starter's own page"
    assert 'href="contribute.html"' in index and "Example area" in index, "the nav holds its page and benchmarks"
    assert "data licence" not in index, "no licence is claimed when the site states none"
    mkdocs = [str(adopter.venv / "bin" / "python"), "-m", "mkdocs", "build", "-q", "-d", "by-mkdocs"]
    _run(mkdocs, board, {**adopter.env, "NO_MKDOCS_2_WARNING": "1"})
    public, by_mkdocs = board / "public", board / "by-mkdocs"
    files = sorted(p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(by_mkdocs).as_posix() for p in by_mkdocs.rglob("*") if p.is_file())
    assert all((public / f).read_bytes() == (by_mkdocs / f).read_bytes() for f in files), "mkdocs build differs"
