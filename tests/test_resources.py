"""Package data and the MkDocs configuration lookup: what an installed tool reads, and what it writes for adopters."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from leaderboard import resources
from leaderboard.site import config as site_config
from leaderboard.site.errors import BuildError
from leaderboard.site.generate import nav as _nav
from leaderboard.site.mkdocs_plugin import LeaderboardPlugin

REPO = Path(__file__).resolve().parents[1]


def test_the_repository_schemas_are_the_packaged_schemas_byte_for_byte():
    """schemas/ is what the data files' modelines point at; it must never drift from what the tool validates with.
    Fix a failure with: leaderboard schemas (it rewrites schemas/ from the package)."""
    top = {p.name: p.read_bytes() for p in sorted((REPO / "schemas").iterdir())}
    assert top == resources.schemas()
    assert set(top) == {"paper.schema.json", "benchmark.schema.json", "vocabulary.schema.json"}


def test_the_packaged_assets_are_copied_whole(tmp_path: Path):
    resources.copy_assets(tmp_path / "assets")
    assert sorted(p.name for p in (tmp_path / "assets").iterdir()) == ["charts.js", "leaderboard.css", "sort.js"]


def test_version_comes_from_the_installed_metadata(cli, tmp_path: Path):
    proc = cli("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == f"leaderboard {version('leaderboard')}\n"


# --- leaderboard schemas -----------------------------------------------------------------------------------------


def test_schemas_creates_then_reports_unchanged(cli, tmp_path: Path):
    first = cli("schemas", cwd=tmp_path)
    assert first.returncode == 0
    assert first.stdout.splitlines() == [
        "created: schemas/benchmark.schema.json",
        "created: schemas/paper.schema.json",
        "created: schemas/vocabulary.schema.json",
    ]
    assert {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()} == resources.schemas()
    again = cli("schemas", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.count("unchanged: ") == 3


def test_schemas_updates_an_earlier_copy_of_its_own_schema(cli, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    old = json.loads(resources.schemas()["paper.schema.json"])
    old["description"] = "an older release"
    (out / "paper.schema.json").write_text(json.dumps(old), encoding="utf-8")
    proc = cli("schemas", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "updated: out/paper.schema.json" in proc.stdout.splitlines()
    assert (out / "paper.schema.json").read_bytes() == resources.schemas()["paper.schema.json"]


def test_schemas_never_replaces_a_file_it_did_not_write_without_force(cli, tmp_path: Path):
    out = tmp_path / "schemas"
    out.mkdir()
    foreign = b'{"$id": "https://example.org/my-own-paper-schema"}\n'
    (out / "paper.schema.json").write_bytes(foreign)
    (out / "notes.json").write_bytes(b"mine")
    proc = cli("schemas", cwd=tmp_path)
    assert proc.returncode == 1
    assert "refused: schemas/paper.schema.json" in proc.stdout.splitlines()
    assert "--force" in proc.stderr
    assert (out / "paper.schema.json").read_bytes() == foreign
    assert (out / "benchmark.schema.json").is_file()  # the other schema is still written
    forced = cli("schemas", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "updated: schemas/paper.schema.json" in forced.stdout.splitlines()
    assert (out / "notes.json").read_bytes() == b"mine"  # only files named like the tool's schemas are touched


def test_schemas_refuses_a_folder_of_that_name_even_with_force(cli, tmp_path: Path):
    (tmp_path / "schemas" / "paper.schema.json").mkdir(parents=True)
    assert cli("schemas", "--force", cwd=tmp_path).returncode == 1
    assert (tmp_path / "schemas" / "paper.schema.json").is_dir()


# --- which MkDocs configuration a build uses ---------------------------------------------------------------------


def test_without_mkdocs_yml_here_the_packaged_default_and_no_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert site_config.find(None) == site_config.SiteConfig(None, None)


def test_docs_dir_is_relative_to_the_config_not_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "repo" / "pages" / "guide").mkdir(parents=True)
    (tmp_path / "repo" / "mkdocs.yml").write_text("site_name: x\ndocs_dir: pages\n", encoding="utf-8")
    for name in ("about.md", "guide/howto.md", "index.md", "papers/x.md", "notes.txt"):
        (tmp_path / "repo" / "pages" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "repo" / "pages" / name).write_text("# x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = site_config.find(Path("repo/mkdocs.yml"))
    assert found == site_config.SiteConfig(tmp_path / "repo" / "mkdocs.yml", tmp_path / "repo" / "pages")
    # index.md and papers/ are the builder's own pages: a hand-written one would be overwritten, not listed
    assert site_config.extra_pages(found.docs) == ["about.md", "guide/howto.md"]


def test_mkdocs_default_docs_dir_may_be_absent(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert site_config.find(tmp_path / "mkdocs.yml").docs is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("site_name: x\ndocs_dir: missing\n", "is not a folder"), ("site_name: x\ndocs_dir: .\n", "must not contain")],
)
def test_a_docs_dir_that_cannot_be_used_is_an_error(tmp_path: Path, text: str, message: str):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        site_config.find(tmp_path / "mkdocs.yml")


def test_a_config_that_names_nothing_fails_the_build_and_leaves_the_output(make_data, cli, tmp_path: Path):
    make_data()
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "keep.txt").write_text("old", encoding="utf-8")
    proc = cli("build", "--config", "nope.yml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "MkDocs configuration 'nope.yml' does not exist" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "public").iterdir()) == ["keep.txt"]


def test_the_navigation_lists_only_pages_that_exist():
    bench = {"x": {"id": "x", "area": "A", "name": "X"}}
    assert _nav(bench, []) == [
        {"Home": "index.md"},
        {"Benchmarks": [{"A": [{"X": "benchmarks/x.md"}]}]},
        {"Relative claims": "claims.md"},
        {"Downloads": "downloads.md"},
        {"Contribute": [{"Schema reference": "schema.md"}]},
        {"Changelog": "changelog.md"},
    ]
    assert _nav(bench, ["about.md", "contribute.md", "methodology.md"]) == [
        {"Home": "index.md"},
        {"Benchmarks": [{"A": [{"X": "benchmarks/x.md"}]}]},
        {"Relative claims": "claims.md"},
        {"Downloads": "downloads.md"},
        {"Contribute": ["contribute.md", {"Schema reference": "schema.md"}]},
        {"Methodology": "methodology.md"},
        {"Changelog": "changelog.md"},
        "about.md",
    ]


def test_an_adopters_config_and_pages_are_built(make_data, cli, tmp_path: Path):
    make_data()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About this site\n\nHello.\n", encoding="utf-8")
    default = resources.package_bytes("defaults/mkdocs.yml").decode("utf-8")
    (tmp_path / "mkdocs.yml").write_text(default.replace("Benchmark leaderboards", "Our boards", 1), encoding="utf-8")
    proc = cli("build", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    index = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert "<title>Leaderboards - Our boards</title>" in index
    assert 'href="about.html"' in index  # the page is in the navigation
    assert "Hello." in (tmp_path / "public" / "about.html").read_text(encoding="utf-8")
    assert 'href="methodology.html"' not in index and 'href="contribute.html"' not in index


# --- the MkDocs plugin -------------------------------------------------------------------------------------------


class _Page:
    pass


def test_the_plugin_hands_generated_html_past_markdown_and_leaves_other_pages():
    plugin, page, other = LeaderboardPlugin(), _Page(), _Page()
    raw = '\n<div class="lb-home" markdown="0"><p>a *b*</p></div>\n'
    assert plugin.on_page_markdown(raw, page=page, config=None, files=None) == ""
    assert plugin.on_page_content("<p>ignored</p>", page=page, config=None, files=None) == (
        '<div class="lb-home"><p>a *b*</p></div>'
    )
    assert plugin.on_page_markdown("# Title\n", page=other, config=None, files=None) == "# Title\n"
    assert plugin.on_page_content("<h1>Title</h1>", page=other, config=None, files=None) == "<h1>Title</h1>"
