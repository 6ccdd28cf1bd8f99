"""Material's navigation sidebar, rendered once per folder for the pages the navigation does not list.

Every page renders the whole navigation: at 2,000 papers that was a quarter of the theme's time. A page outside
the navigation (a paper page) has nothing in it marked active, so its sidebar depends only on the folder the
page is in, which its relative links start from. Such pages get the sidebar rendered for the first of them in
that folder: the same bytes, rendered once.

It applies only while the sidebar's templates are Material's own. A site overriding one of them (custom_dir)
may show something of the current page in it, so that site renders every sidebar as before.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2

NAV = "partials/nav.html"
_THEME = "leaderboard-theme"  # the theme's own templates under this prefix, for the one include below
# What the sidebar includes; where a site overrides any of them, nothing is cached.
_SIDEBAR = (NAV, "partials/nav-item.html", "partials/logo.html", "partials/source.html")

_CACHED = (
    "{%- set lb_key = leaderboard_nav_key(page, nav) -%}"
    "{%- set lb_kept = leaderboard_nav_get(lb_key) -%}"
    "{%- if lb_kept is not none -%}{{- lb_kept -}}"
    "{%- else -%}"
    '{%- set lb_nav -%}{% include "' + _THEME + "/" + NAV + '" %}{%- endset -%}'
    "{{- leaderboard_nav_keep(lb_key, lb_nav) -}}"
    "{%- endif -%}"
)


class NavCache:
    """One build's sidebars of pages outside the navigation, by folder."""

    def __init__(self) -> None:
        self._html: dict[str, str] = {}
        self._listed: tuple[object, frozenset[int]] | None = None

    def key(self, page, nav) -> str | None:
        """The page's folder when the navigation does not list the page, else None (render it)."""
        if page is None or nav is None or getattr(page, "parent", None) is not None:
            return None
        if self._listed is None or self._listed[0] is not nav:
            self._listed = (nav, frozenset(id(p) for p in nav.pages))
        return None if id(page) in self._listed[1] else posixpath.dirname(page.url)

    def get(self, key: str | None) -> str | None:
        """The sidebar rendered for this folder already, else None (render it)."""
        return self._html.get(key) if key is not None else None

    def keep(self, key: str | None, html: str) -> str:
        if key is not None:
            self._html[key] = html
        return html


def _material_templates() -> Path:
    import material

    return (Path(material.__file__).parent / "templates").resolve()


def _unchanged(loader: jinja2.BaseLoader, env: jinja2.Environment) -> bool:
    """Whether the sidebar's templates are Material's own files (no override in the site's custom_dir)."""
    try:
        material = _material_templates()
        for name in _SIDEBAR:
            _, filename, _ = loader.get_source(env, name)
            if filename is None or Path(filename).resolve().parent.parent != material:
                return False
    except (ImportError, jinja2.TemplateNotFound):
        return False
    return True


def install(env: jinja2.Environment) -> bool:
    """Route the theme's sidebar include through a fresh cache (one per build: `mkdocs serve` rebuilds).
    Returns whether it did."""
    loader = env.loader
    if loader is None or not _unchanged(loader, env):
        return False
    cache = NavCache()
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({NAV: _CACHED}), jinja2.PrefixLoader({_THEME: loader}), loader])
    env.globals.update(
        leaderboard_nav_key=cache.key,
        leaderboard_nav_get=cache.get,
        leaderboard_nav_keep=cache.keep,
    )
    return True
