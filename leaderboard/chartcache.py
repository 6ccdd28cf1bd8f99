"""A content-addressed cache of drawn charts, so a rebuild redraws only the groups whose inputs changed.

The key is a SHA-256 of everything the chart files depend on: the benchmark definition, the group's rows,
the source of the modules that draw them and the versions of Altair and vl-convert. Same key, same bytes:
the cache can make a build faster, never different. Entries are written atomically (temp file, then
rename), and an unreadable entry is simply drawn again.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

import polars as pl

from . import resources

_DRAWING = "leaderboard.site.chartfiles"  # the module that draws; what it uses is found from it


def drawing_modules(root: str = _DRAWING) -> list[str]:
    """The package's modules the chart files can depend on: the drawing module and, transitively, every
    package module its globals refer to (imported modules, or functions and classes defined in one). Derived,
    not listed, so a new module used by the charts cannot leave stale cache entries unnoticed."""
    package = __name__.split(".")[0]
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        module = importlib.import_module(name)
        for value in vars(module).values():
            used = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(used, str) and (used == package or used.startswith(package + ".")):
                todo.append(used)
    return sorted(seen)


def _package_path(module: str) -> str:
    parts = module.split(".")[1:]
    is_package = hasattr(sys.modules[module], "__path__")
    return "/".join([*parts, "__init__.py"]) if is_package else "/".join(parts) + ".py"


@cache
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for module in drawing_modules():  # read as package data: an installed (even zipped) package hashes the same
        name = _package_path(module)
        digest.update(name.encode() + b"\0" + resources.package_bytes(name) + b"\0")
    from .site.charts import TEMPLATES  # the shipped chart templates are package data, not a module

    digest.update(TEMPLATES.encode() + b"\0" + resources.package_bytes(TEMPLATES) + b"\0")
    for dist in ("altair", "vl-convert-python", "polars"):
        digest.update(f"{dist}=={metadata.version(dist)}\0".encode())
    return digest.hexdigest()


class ChartCache:
    """Chart files by content hash under one directory (safe to delete at any time)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def key(self, bench: dict, *frames: pl.DataFrame, variant: str = "") -> str:
        """variant: what else changes the files drawn (with or without static SVGs)."""
        frames_rows = [frame.to_dicts() for frame in frames]
        inputs = {"bench": bench, "frames": frames_rows, "code": code_fingerprint(), "variant": variant}
        text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, dict[str, str]] | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, rendered: dict[str, dict[str, str]]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return  # a cache that cannot be written only makes the next build slower
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(rendered, handle, sort_keys=True, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
