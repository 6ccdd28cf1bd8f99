"""`leaderboard build`'s MkDocs run: the site's configuration with the leaderboard plugin, handed the
corpus that the command has validated, into the scratch folder that is published when it succeeds."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .. import resources
from ..corpus import Corpus
from . import config as site_config
from .errors import BuildError
from .mkdocs_plugin import LeaderboardPlugin


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a strict failure says what was wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(
    corpus: Corpus, out: Path, config: Path | None = None, cache: Path | None = None, static_charts: bool = False
) -> LeaderboardPlugin:
    """MkDocs with the site's configuration (None: mkdocs.yml here, else the packaged default) and the
    leaderboard plugin, given the validated corpus, into out. Returns the plugin, which knows what it made."""
    site = site_config.find(config)
    with tempfile.TemporaryDirectory(prefix="leaderboard-nodocs-") as empty, _config_file(site.file) as file:
        docs = site.docs or Path(empty)  # MkDocs needs a docs_dir; without one the site is the generated pages
        return _mkdocs(file, docs, out, corpus, cache, static_charts)


@contextmanager
def _config_file(file: Path | None) -> Iterator[Path]:
    if file is not None:
        yield file
        return
    with resources.default_mkdocs_config() as default:
        yield default


def _mkdocs(
    file: Path, docs: Path, out: Path, corpus: Corpus, cache: Path | None, static_charts: bool
) -> LeaderboardPlugin:
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    collect = _Collect()
    log.addHandler(collect)
    try:
        loaded = load_config(config_file=str(file), docs_dir=str(docs), site_dir=str(out), strict=True)
        plugin = loaded.plugins.get("leaderboard")
        if not isinstance(plugin, LeaderboardPlugin):
            raise BuildError(f"{file} does not list the leaderboard plugin. Fix: add '- leaderboard' under plugins:.")
        plugin.preset(corpus, cache, static_charts)
        mkdocs_build(loaded)
        return plugin
    except (SystemExit, MkDocsException) as exc:  # strict builds abort this way; a bad config raises
        raise BuildError(f"mkdocs build failed: {exc}\n" + "\n".join(collect.messages)) from None
    finally:
        log.removeHandler(collect)
