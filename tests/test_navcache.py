"""The navigation sidebar of pages the navigation does not list (paper pages) is rendered once per folder: the
site is byte-identical to one where every page renders it, and a site that overrides the sidebar's templates
renders every sidebar itself."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from leaderboard.build import build_all
from leaderboard.site import navcache
from leaderboard.validate import validate
from tools.synth import generate

REPO = Path(__file__).resolve().parents[1]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_cached_sidebars_change_no_byte(which, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    data = REPO / "data"
    if which == "synthetic":
        data = tmp_path / "synth"
        generate(data, papers=40, seed=7, benchmarks=3)
    corpus = validate(data).corpus
    os.chdir(tmp_path)  # the packaged default configuration
    reused = []
    get = navcache.NavCache.get
    monkeypatch.setattr(navcache.NavCache, "get", lambda self, key: reused.append(key) or get(self, key))
    build_all(corpus, tmp_path / "cached")
    papers = len(list((tmp_path / "cached" / "papers").glob("*.html")))
    assert papers > 5 and reused == ["papers"] * (papers - 1)  # every paper page but the first reuses it
    monkeypatch.setattr(navcache, "install", lambda env: False)
    build_all(corpus, tmp_path / "rendered")
    cached, rendered = _files(tmp_path / "cached"), _files(tmp_path / "rendered")
    assert cached.keys() == rendered.keys()
    assert [name for name in cached if cached[name] != rendered[name]] == []


def _theme_env(custom: Path | None) -> jinja2.Environment:
    import material

    folders = [str(custom)] if custom else []
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(Path(material.__file__).parent / "templates")])
    )


@pytest.mark.parametrize("override", navcache._SIDEBAR)
def test_a_site_overriding_the_sidebar_renders_each_one(override, tmp_path):
    custom = tmp_path / "overrides"
    (custom / override).parent.mkdir(parents=True)
    (custom / override).write_text("{{ page.title }}", encoding="utf-8")
    env = _theme_env(custom)
    assert navcache.install(env) is False
    assert env.get_template(override).render(page={"title": "Mine"}) == "Mine"  # the site's own, every time


def test_only_pages_outside_the_navigation_share_a_sidebar():
    class Page:
        def __init__(self, url: str, parent=None) -> None:
            self.url, self.parent = url, parent

    listed, paper, other = Page("index.html"), Page("papers/a.html"), Page("papers/b.html")

    class Nav:
        def __init__(self) -> None:
            self.pages = [listed]

    cache, nav = navcache.NavCache(), Nav()
    assert cache.key(listed, nav) is None
    assert cache.key(Page("benchmarks/x.html", parent=object()), nav) is None
    assert cache.key(paper, nav) == cache.key(other, nav) == "papers"
    assert cache.key(Page("top.html"), nav) == ""
    assert cache.key(None, nav) is None


def test_a_site_with_material_templates_gets_the_cache(tmp_path):
    env = _theme_env(tmp_path)  # a custom_dir that overrides nothing the sidebar uses
    assert navcache.install(env) is True
    source, _, _ = env.loader.get_source(env, navcache.NAV)
    assert "leaderboard_nav_key" in source  # the sidebar include now goes through the cache
    assert env.get_template("partials/nav-item.html")  # and the theme's own templates are still found
