"""Build provenance: a hash of the inputs, the pinned tool versions, and checksums of every download.

The date comes from SOURCE_DATE_EPOCH (set from the last commit touching data/), never from the clock,
so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import resources
from .corpus import Corpus
from .outguard import CHECKSUMS, MANIFEST, files_in, tree_digest

TOOLS = ("leaderboard", "polars", "altair", "jsonschema", "mkdocs", "mkdocs-material", "vl-convert-python", "pyyaml")


@dataclass(frozen=True)
class BuildInfo:
    inputs_sha256: str
    date: str | None
    tools: dict

    def footer(self) -> str:
        when = f"data as of {self.date}" if self.date else "data date unknown"
        return f"Built from inputs {self.inputs_sha256[:12]} · {when} · leaderboard {self.tools['leaderboard']}"


def _source_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit() or int(epoch) == 0:
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%d")


def build_info(corpus: Corpus) -> BuildInfo:
    digest = hashlib.sha256()
    root = corpus.root.resolve()
    for src in sorted(corpus.sources, key=lambda s: s.display):
        name = (
            src.path.resolve().relative_to(root).as_posix() if src.path.resolve().is_relative_to(root) else src.display
        )
        digest.update(name.encode() + b"\0" + src.text.encode() + b"\0")
    for name, content in resources.schemas().items():  # the schemas the data was validated against
        digest.update(name.encode() + b"\0" + content + b"\0")
    return BuildInfo(digest.hexdigest(), _source_date(), {name: version(name) for name in TOOLS})


def write_checksums(downloads: Path) -> None:
    """downloads/SHA256SUMS over every download; it also tells the next run which files it may replace."""
    files = sorted(p for p in downloads.rglob("*") if p.is_file() and p.name != CHECKSUMS)
    write_sums(downloads, {p.relative_to(downloads).as_posix(): sha256_file(p) for p in files})


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums(downloads: Path, sums: dict[str, str]) -> None:
    """downloads/SHA256SUMS from the digests of the downloads (path inside downloads/ -> SHA-256)."""
    lines = [f"{sums[name]}  {name}" for name in sorted(sums, key=lambda name: Path(downloads, name))]
    (downloads / CHECKSUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write(out: Path, info: BuildInfo) -> None:
    """downloads/SHA256SUMS, and build-manifest.json at the top of the output."""
    write_checksums(out / "downloads")
    write_manifest(out, info)


def write_manifest(out: Path, info: BuildInfo) -> None:
    """build-manifest.json at the top of the output: what the build read and with which tools."""
    manifest = {"inputs_sha256": info.inputs_sha256, "data_date": info.date, "tools": info.tools}
    (out / MANIFEST).write_text(
        json.dumps(manifest, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8"
    )


def seal(out: Path) -> None:
    """Record in the manifest which files the build wrote outside downloads/ (a count and a digest of their
    names), so a later build can tell its own output from a folder that also holds someone else's files."""
    path = out / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    pages = [p for p in files_in(out) if p != MANIFEST and not p.startswith("downloads/")]
    manifest["output"] = {"files": len(pages), "files_sha256": tree_digest(pages)}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8")
