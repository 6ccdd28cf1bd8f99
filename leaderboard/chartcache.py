"""A content-addressed cache of drawn charts, so a rebuild redraws only the groups whose inputs changed.

The key is a SHA-256 of everything the chart files depend on: the benchmark definition, the group's rows,
the source of the modules that draw them and the versions of Altair and vl-convert. Same key, same bytes:
the cache can make a build faster, never different. Entries are written atomically (temp file, then
rename), and an unreadable entry is simply drawn again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

import polars as pl

from . import resources

_CODE = ("site/charts.py", "site/chartfiles.py", "formatting.py", "aggregate.py")


@cache
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _CODE:  # read as package data, so an installed (even zipped) package hashes the same bytes
        digest.update(name.encode() + b"\0" + resources.package_bytes(name) + b"\0")
    for dist in ("altair", "vl-convert-python", "polars"):
        digest.update(f"{dist}=={metadata.version(dist)}\0".encode())
    return digest.hexdigest()


class ChartCache:
    """Chart files by content hash under one directory (safe to delete at any time)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def key(self, bench: dict, *frames: pl.DataFrame) -> str:
        inputs = {"bench": bench, "frames": [frame.to_dicts() for frame in frames], "code": code_fingerprint()}
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
