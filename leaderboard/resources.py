"""The files the tool needs at run time (JSON Schemas, site assets, a default MkDocs configuration).

They are package data, read through importlib.resources, so an installed wheel works from any directory:
nothing here computes a path into a source checkout. The repository's top-level schemas/ folder is a copy
written by `leaderboard schemas` (tests keep the two byte-identical).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

SCHEMA_SUFFIX = ".schema.json"


def _package(*parts: str) -> Traversable:
    """A file or folder of the installed package, one path segment at a time (works for zipped packages too)."""
    node = files("leaderboard")
    for part in parts:
        node = node.joinpath(part)
    return node


def package_bytes(relative: str) -> bytes:
    """A package file by its '/'-separated path inside the package (e.g. 'site/charts.py')."""
    return _package(*relative.split("/")).read_bytes()


def schemas() -> dict[str, bytes]:
    """File name -> bytes of every packaged JSON Schema, sorted by name."""
    nodes = (node for node in _package("schemas").iterdir() if node.name.endswith(SCHEMA_SUFFIX))
    return dict(sorted((node.name, node.read_bytes()) for node in nodes))


def schema_text(kind: str) -> str:
    """The JSON Schema of one file kind ('paper' or 'benchmark')."""
    return _package("schemas", f"{kind}{SCHEMA_SUFFIX}").read_text(encoding="utf-8")


def metric_units() -> tuple[str, ...]:
    """The units a benchmark's metric may declare: the packaged benchmark schema's `unit` enum, in its order."""
    return tuple(json.loads(schema_text("benchmark"))["$defs"]["metric"]["properties"]["unit"]["enum"])


def default_config_text() -> str:
    """The packaged default MkDocs configuration, as text (leaderboard init starts from it)."""
    return _package("defaults", "mkdocs.yml").read_text(encoding="utf-8")


def starter() -> Traversable:
    """The folder of files `leaderboard init` writes into a new repository."""
    return _package("starter")


def copy_assets(dest: Path) -> None:
    """The site's CSS and JavaScript into dest (the scratch docs dir's assets/), folders included."""
    _copy_tree(_package("assets"), dest)


def _copy_tree(node: Traversable, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.is_dir():
            if child.name != "__pycache__":
                _copy_tree(child, dest / child.name)
        else:
            (dest / child.name).write_bytes(child.read_bytes())


@contextmanager
def default_mkdocs_config() -> Iterator[Path]:
    """A real path to the packaged mkdocs.yml for as long as the block runs (MkDocs wants a file name)."""
    with as_file(_package("defaults", "mkdocs.yml")) as path:
        yield path


@dataclass(frozen=True)
class SchemaWrite:
    """What `leaderboard schemas` did with one file: created, updated, unchanged or refused."""

    path: Path
    action: str


def write_schemas(out: Path, force: bool = False) -> list[SchemaWrite]:
    """Write the package's schemas into out, touching only files named like them (others in out stay)."""
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for name, content in schemas().items():
        path = out / name
        action = _plan(path, content, force)
        if action in ("created", "updated"):
            _write_atomically(path, content)
        done.append(SchemaWrite(path, action))
    return done


def _plan(path: Path, content: bytes, force: bool) -> str:
    """What to do with one target file.

    A file that differs is replaced when it is an earlier copy of the same schema (same $id): it is the
    tool's own file, and updating it on upgrade is the point. A file of that name that is not recognisably
    ours is left alone ('refused') unless force is set: it may be someone's own schema."""
    if path.exists() and not path.is_file():
        return "refused"  # a folder (or other non-file) of that name is never replaced, even with force
    if not path.exists():
        return "created"
    old = path.read_bytes()
    if old == content:
        return "unchanged"
    return "updated" if force or _schema_id(old) == _schema_id(content) else "refused"


def _schema_id(content: bytes) -> str | None:
    """The $id of a JSON Schema document, or None for anything else (not JSON, not an object, no $id)."""
    try:
        doc = json.loads(content)
    except ValueError:
        return None
    return doc.get("$id") if isinstance(doc, dict) and isinstance(doc.get("$id"), str) else None


def _write_atomically(path: Path, content: bytes) -> None:
    """Temp file then rename: an interrupted run never leaves half a schema behind."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would make a committed schema unreadable to others
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
