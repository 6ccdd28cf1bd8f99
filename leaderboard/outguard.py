"""Which output folders a command may replace.

`build` and `export` swap a whole folder in at the end, so a wrong `--out` would delete whatever was
there: the data (`--out data`), the project with its .git (`--out .`), someone's own files. A folder is
only replaced when it is absent, or when leaderboard wrote it and it holds nothing else (the file list
in its manifest says what it wrote); `--force` lifts that last condition, never the others.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

MANIFEST = "build-manifest.json"
CHECKSUMS = "SHA256SUMS"


class OutputRefused(Exception):
    """The output path is unsafe to replace; the message says why and what to do."""


def tree_digest(paths: Iterable[str]) -> str:
    """A hash of a folder's file list (relative POSIX paths), to tell later whether files were added."""
    return hashlib.sha256("\n".join(sorted(paths)).encode()).hexdigest()


def files_in(root: Path) -> list[str]:
    """Relative POSIX paths of every file below root, symlinks included as files (never followed)."""
    found = []
    for folder, dirs, names in os.walk(root):
        base = Path(folder).relative_to(root)
        found += [(base / name).as_posix() for name in names]
        found += [(base / d).as_posix() for d in dirs if (Path(folder) / d).is_symlink()]
    return found


def target(out: Path) -> Path:
    """The folder that will be replaced: a symlinked --out is followed, so the link itself survives."""
    return Path(os.path.realpath(out)) if out.is_symlink() else Path(os.path.abspath(out))


def check(out: Path, data: Path, kind: str, force: bool = False) -> Path:
    """Return the folder to replace, or raise OutputRefused. kind is 'site' (OUT) or 'downloads' (OUT/downloads)."""
    place = target(out)
    _refuse_protected(place, out, data)
    _refuse_unusable_parent(place, out)
    if place.is_symlink() or (place.exists() and not place.is_dir()):
        raise OutputRefused(f"'{out}' exists and is not a folder. Fix: pass --out with a new or an output folder.")
    if place.is_dir() and not force:
        foreign = _not_written_by_us(place, kind)
        if foreign is not None:
            raise OutputRefused(
                f"'{out}' holds files leaderboard did not write ({foreign}); replacing it would delete them. "
                "Fix: pass --out with a new folder, move those files out, or pass --force to replace it anyway."
            )
    if place.is_dir():
        _refuse_git_inside(place, out)
    return place


def _refuse_protected(place: Path, out: Path, data: Path) -> None:
    data_dir = Path(os.path.realpath(data))
    if _overlaps(place, data_dir):
        raise OutputRefused(
            f"'{out}' is, contains or lies inside the data directory '{data}'; building there would replace "
            "your data files. Fix: pass --out with a folder outside the data, such as public."
        )
    for root in {Path(os.path.realpath(os.getcwd())), *_work_trees(data_dir), *_work_trees(Path.cwd())}:
        if place == root or root.is_relative_to(place):
            raise OutputRefused(
                f"'{out}' is or contains '{root}' (the project or a git work tree); replacing it would delete the "
                "project. Fix: pass --out with a folder of its own, such as public."
            )
    if any(part == ".git" for part in place.parts):
        raise OutputRefused(f"'{out}' lies inside a .git folder. Fix: pass --out with a folder outside it.")


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _work_trees(start: Path) -> list[Path]:
    """Every folder from start upwards that is the root of a git work tree."""
    return [p for p in [start, *start.parents] if (p / ".git").exists()]


def _refuse_unusable_parent(place: Path, out: Path) -> None:
    for parent in place.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputRefused(
                    f"'{out}' cannot be created: '{parent}' is a file, not a folder. Fix: pass another --out."
                )
            return


def _not_written_by_us(place: Path, kind: str) -> str | None:
    """None when the folder holds only what leaderboard wrote there, else a short description of the rest.

    Downloads are checked against their SHA256SUMS; the rest of a site against the file-list digest in its
    manifest (downloads excluded, so `export` into a built site does not make the next build refuse it)."""
    present = files_in(place)
    if not present:
        return None
    if kind == "downloads":
        return _extra_downloads(place, present)
    pages = [p for p in present if p != MANIFEST and not p.startswith("downloads/")]
    try:
        recorded = json.loads((place / MANIFEST).read_text(encoding="utf-8"))["output"]
        digest, count = recorded["files_sha256"], recorded["files"]
    except (OSError, ValueError, KeyError, TypeError):
        if pages or MANIFEST in present:  # only `export` output (downloads/) may stand there without a manifest
            return "it has no leaderboard build manifest"
        digest, count = tree_digest([]), 0
    if tree_digest(pages) != digest:
        return f"{len(pages)} files outside downloads/ where the last build wrote {count}"
    return (
        _extra_downloads(place / "downloads", files_in(place / "downloads")) if (place / "downloads").is_dir() else None
    )


def _extra_downloads(folder: Path, present: list[str]) -> str | None:
    try:
        lines = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return f"{folder.name}/ has no {CHECKSUMS}" if present else None
    listed = {line[66:] for line in lines if len(line) > 66 and line[64:66] == "  "}
    extra = sorted(set(present) - listed - {CHECKSUMS})
    if not extra:
        return None
    return ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")


def _refuse_git_inside(place: Path, out: Path) -> None:
    for folder, dirs, names in os.walk(place):
        if ".git" in dirs or ".git" in names:
            raise OutputRefused(
                f"'{out}' contains a git repository ({Path(folder) / '.git'}); it will not be replaced. "
                "Fix: pass --out with another folder."
            )
