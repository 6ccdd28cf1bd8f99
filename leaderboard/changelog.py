"""The changelog and its Atom feed, from the git history of data/ through the same diff engine.

Each commit that touched data/ is compared with the one before it; dates are commit dates, so the
output depends only on the repository, never on the clock.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import diff


@dataclass
class Entry:
    commit: str
    date: str  # ISO 8601 with offset, from git
    change: diff.Change


def history(data: Path, limit: int = 200) -> list[Entry]:
    """Newest first; empty when data/ is not in a git repository."""
    data = data.resolve()
    try:
        repo = Path(diff._git(data, "rev-parse", "--show-toplevel").strip())
        rel = data.relative_to(repo.resolve()).as_posix()
        log = diff._git(repo, "log", f"-{limit + 1}", "--format=%H %cI", "--", rel).split("\n")
    except (diff.DiffError, ValueError, OSError):
        return []
    commits = [line.split(" ", 1) for line in log if line.strip()]
    commits.reverse()
    entries: list[Entry] = []
    with tempfile.TemporaryDirectory(prefix="leaderboard-history-") as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        previous = diff._frame(empty, "empty")
        for n, (commit, date) in enumerate(commits):
            folder = diff.materialise(repo, commit, rel, Path(tmp) / str(n))
            try:
                current = diff._frame(folder, commit[:12])
            except diff.DiffError:
                continue  # a commit whose data did not validate is skipped, not guessed at
            change = diff.compare(previous[0], current[0], previous[2], current[2], commit)
            if not change.empty():
                entries.append(Entry(commit, date, change))
            previous = current
    entries.reverse()
    return entries


def last_changed(entries: list[Entry]) -> dict[str, str]:
    """benchmark id -> date (YYYY-MM-DD) of the latest change to any of its results."""
    out: dict[str, str] = {}
    for entry in entries:
        c = entry.change
        for row in [*c.added, *c.changed, *c.removed]:
            out.setdefault(row["benchmark"], entry.date[:10])
    return out


def page_markdown(entries: list[Entry]) -> str:
    lines = [
        '---\ntitle: "Changelog"\n---\n',
        "# Changelog",
        "",
        "Every change to the data, newest first, generated from the git history with the same engine as the "
        "pull-request diff. Withdrawn and removed results are listed, never silently dropped. "
        "[Atom feed](changelog.xml)",
        "",
    ]
    if not entries:
        lines.append("No history is available for this build (the data is not in a git repository).")
    for entry in entries:
        body = diff.to_markdown(entry.change).replace("## Leaderboard changes", f"## {entry.date[:10]}", 1)
        lines += [body.replace("### ", "#### "), ""]
    return "\n".join(lines) + "\n"


def atom(entries: list[Entry], site_title: str) -> str:
    updated = entries[0].date if entries else "1970-01-01T00:00:00+00:00"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(site_title)}: changelog</title>",
        "<id>urn:leaderboard:changelog</id>",
        f"<updated>{escape(updated)}</updated>",
        '<link href="changelog.html"/>',
    ]
    for entry in entries:
        c = entry.change
        summary = (
            f"{len(c.papers_added)} papers added, {len(c.added)} results added, {len(c.changed)} changed, "
            f"{len(c.removed)} removed, {len(c.new_sota)} new state of the art"
        )
        parts += [
            "<entry>",
            f"<id>urn:leaderboard:commit:{entry.commit}</id>",
            f"<title>{escape(entry.date[:10])}: {escape(summary)}</title>",
            f"<updated>{escape(entry.date)}</updated>",
            '<link href="changelog.html"/>',
            f'<content type="text">{escape(diff.to_markdown(c))}</content>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
