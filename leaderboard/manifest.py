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

from .corpus import Corpus

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
    schema_dir = Path(__file__).resolve().parents[1] / "schemas"
    for path in sorted(schema_dir.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return BuildInfo(digest.hexdigest(), _source_date(), {name: version(name) for name in TOOLS})


def write(out: Path, info: BuildInfo) -> None:
    """downloads/SHA256SUMS over every download, and build-manifest.json at the top of the output."""
    downloads = out / "downloads"
    files = sorted(p for p in downloads.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(downloads).as_posix()}" for p in files]
    (downloads / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = {"inputs_sha256": info.inputs_sha256, "data_date": info.date, "tools": info.tools}
    (out / "build-manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8"
    )
