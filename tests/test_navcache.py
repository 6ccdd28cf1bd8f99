"""The navigation sidebar of pages the navigation does not list (paper pages) is rendered once per folder: the
site is byte-identical to one where every page renders it, and a site that overrides the sidebar's templates
renders every sidebar itself."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from toycorpus import identity_data, same_bytes

from leaderboard.build import build_all
from leaderboard.site import navcache
from leaderboard.validate import validate


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_cached_sidebars_change_no_byte(which, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    corpus = validate(identity_data(which, tmp_path)).corpus
    os.chdir(tmp_path)  # the packaged default configuration
    reused = []
    get = navcache.NavCache.get

    def recorded(self, key):
        reused.append((key, get(self, key)))
        return reused[-1][1]

    monkeypatch.setattr(navcache.NavCache, "get", recorded)
    build_all(corpus, tmp_path / "cached")
    papers = len(list((tmp_path / "cached" / "papers").glob("*.html")))
    hits = [key for key, html in reused if html is not None]
    assert papers > 5 and hits == ["papers"] * (papers - 1)  # every paper page but the first reuses it
    monkeypatch.setattr(navcache, "install", lambda env: False)
    build_all(corpus, tmp_path / "rendered")
    same_bytes(tmp_path / "cached", tmp_path / "rendered")


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
