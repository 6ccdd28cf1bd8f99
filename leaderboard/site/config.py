"""Which MkDocs configuration and which hand-written pages a build uses, found the way an adopter expects.

`--config FILE` names the configuration; without it, `mkdocs.yml` in the current directory is used when there
is one, else the packaged default (the generated pages only). The hand-written pages are the config's
docs_dir, relative to the config file as MkDocs resolves it (this repository's mkdocs.yml says `site`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from .errors import BuildError

DEFAULT_NAME = "mkdocs.yml"
# Pages the builder writes itself: a hand-written file of the same name would be overwritten, so it is no
# extra page (and is not put in the navigation twice).
GENERATED = frozenset(("index.md", "downloads.md", "schema.md", "changelog.md"))
GENERATED_DIRS = ("benchmarks/", "papers/")


@dataclass(frozen=True)
class SiteConfig:
    """file: the MkDocs configuration, None for the packaged default; docs: its docs_dir, None for none."""

    file: Path | None
    docs: Path | None


def find(config: Path | None) -> SiteConfig:
    """The configuration to build with; a --config that names nothing is an error, never a silent default."""
    if config is None:
        if not Path(DEFAULT_NAME).is_file():
            return SiteConfig(None, None)
        config = Path(DEFAULT_NAME)
    elif not config.is_file():
        raise BuildError(f"MkDocs configuration '{config}' does not exist. Fix: pass --config FILE, or omit it.")
    config = Path(os.path.abspath(config))
    return SiteConfig(config, _docs_dir(config))


def _docs_dir(config: Path) -> Path | None:
    """docs_dir of the config, relative to its folder; MkDocs' default `docs` may be absent (no extra pages)."""
    try:
        with config.open("rb") as handle:
            loaded = yaml_load(handle) or {}
    except (OSError, ConfigurationError) as exc:
        raise BuildError(f"{config} cannot be read as a MkDocs configuration: {exc}") from None
    named = loaded.get("docs_dir") if isinstance(loaded, dict) else None
    docs = Path(os.path.normpath(config.parent / str(named or "docs")))
    if config.is_relative_to(docs):  # MkDocs refuses this too; copying it would copy the whole repository
        raise BuildError(f"{config}: docs_dir must not contain the configuration file; use a folder of pages.")
    if not docs.is_dir():
        if named:
            raise BuildError(f"{config}: docs_dir '{named}' is not a folder ({docs}).")
        return None
    return docs


def extra_pages(docs: Path | None) -> list[str]:
    """The hand-written Markdown pages (paths relative to docs, sorted) that the navigation lists."""
    if docs is None:
        return []
    pages = (path.relative_to(docs).as_posix() for path in docs.rglob("*.md") if path.is_file())
    return sorted(p for p in pages if p not in GENERATED and not p.startswith(GENERATED_DIRS))
