"""Loading: find the data files, read them safely, and keep what rules need (text, parsed data, kind).

Nothing here judges content beyond "can this file be read as one YAML mapping"; that is the rules' job.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsafe
from .diagnostics import Diagnostic

KINDS = {"papers": "paper", "benchmarks": "benchmark", "vocabularies": "vocabulary"}


@dataclass
class Source:
    """One data file as read from disk."""

    path: Path
    display: str
    kind: str
    text: str = ""
    data: object = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and isinstance(self.data, dict)

    @property
    def mapping(self) -> dict[str, Any]:
        """The parsed document, for a source that loaded as a mapping (every source of a validated corpus)."""
        if not isinstance(self.data, dict):
            raise TypeError(f"{self.display} did not load as a mapping")
        return self.data


@dataclass
class Corpus:
    """Every source of one data directory, vocabularies and benchmarks first, each group sorted by path."""

    root: Path
    sources: list[Source]

    def of_kind(self, kind: str) -> list[Source]:
        return [s for s in self.sources if s.kind == kind]

    def benchmarks(self) -> dict[str, dict]:
        """Benchmark id -> its parsed file, for a validated corpus (every benchmark file read and has an id)."""
        return {s.mapping["id"]: s.mapping for s in self.of_kind("benchmark")}


@functools.lru_cache(maxsize=4)
def _resolved(directory: str) -> Path:
    """The working directory, resolved once per directory rather than once per file (it adds up: README)."""
    return Path(directory).resolve()


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it; never follows a symlink (its own name is shown)."""
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        return absolute.relative_to(_resolved(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


def _kind_of(path: Path) -> str | None:
    if path.suffix != ".yaml":
        return None
    return KINDS.get(path.parent.name)


def read_source(path: Path, kind: str | None = None) -> Source:
    """Read and parse one file; reading problems become diagnostics on the source."""
    src = Source(path=path, display=display_path(path), kind=kind or _kind_of(path) or "unknown")
    if path.is_symlink():
        src.problems.append(Diagnostic(src.display, 1, 1, "LB118", "", "symbolic links are not followed"))
        return src
    if src.kind == "unknown":
        src.problems.append(
            Diagnostic(
                src.display,
                1,
                1,
                "LB008",
                "",
                "not a .yaml file in data/papers/, data/benchmarks/ or data/vocabularies/",
            )
        )
        return src
    try:
        src.text = yamlsafe.decode(path.read_bytes())
        src.data = yamlsafe.load(src.text)
    except yamlsafe.YamlProblem as exc:
        src.problems.append(Diagnostic(src.display, exc.line, exc.col, exc.code, "", exc.message))
    except OSError as exc:
        src.problems.append(Diagnostic(src.display, 0, 0, "LB006", "", f"cannot read the file ({exc.strerror})"))
    if not src.problems and not isinstance(src.data, dict):
        found = type(src.data).__name__
        src.problems.append(Diagnostic(src.display, 1, 1, "LB005", "", f"the document is a {found}, not a mapping"))
    return src


def _walk(root: Path) -> list[Path]:
    """All files under root, without following symlinked directories, sorted for a stable order."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        found.extend(here / d for d in dirnames if (here / d).is_symlink())
        found.extend(here / f for f in filenames if not f.startswith(".") and f != "README.md")
    return sorted(found)


def load_corpus(root: Path, extra: Sequence[Path] = ()) -> Corpus:
    """Read every file under root (plus extra files outside it): vocabularies, then benchmarks, then papers."""
    paths = _walk(root) if root.is_dir() else []
    known = {p.resolve() for p in paths if not p.is_symlink()} if extra else set()  # resolving is costly at scale
    paths += [p for p in extra if p.resolve() not in known]
    sources = [read_source(p) for p in paths]
    order = {"vocabulary": 0, "benchmark": 1, "paper": 2}
    sources.sort(key=lambda s: (order.get(s.kind, 3), s.display))
    return Corpus(root=root, sources=sources)
