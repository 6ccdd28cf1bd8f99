"""The changelog and its Atom feed, from the git history of data/ through the same diff engine.

Each commit that touched data/ is compared with the one before it; dates are commit dates, so the
output depends only on the repository, never on the clock.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import diff
from .site.html import esc


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


def _html_section(section: diff.Section) -> str:
    """One block of a change as escaped HTML: the same content as the pull-request comment's Markdown."""
    head = f"<h3>{esc(section.title)}</h3>"
    if section.kind != "table":
        if section.kind == "sota":
            items = [f"{esc(b)} ({esc(g)}): {esc(m)}, {esc(v)} ({esc(p)})" for b, g, m, v, p in section.rows]
        else:
            items = [f"{esc(ident)}: {esc(text)}" for ident, text in section.rows]
        return head + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    cols = "".join(f'<th scope="col">{esc(c)}</th>' for c in section.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in section.rows)
    return f'{head}<table class="lb-table"><thead><tr>{cols}</tr></thead><tbody>{rows}</tbody></table>'


def change_html(change: diff.Change) -> str:
    """A change as an HTML fragment; every contributed string through esc(), none through Markdown."""
    parts = [f"<p>Compared with <code>{esc(change.base[:12])}</code>: {esc(diff.summary_line(change))}</p>"]
    parts += [_html_section(section) for section in diff.sections(change)]
    return "\n".join(parts)


def _by_day(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped under their commit date (newest first), so one day has one heading."""
    days: dict[str, list[Entry]] = {}
    for entry in entries:
        days.setdefault(entry.date[:10], []).append(entry)
    return list(days.items())


def page_markdown(entries: list[Entry]) -> str:
    """The changelog page: finished, escaped HTML in one lb- block (see site/mkdocs_hooks.py), like every
    generated page. It used to be Markdown built from diff.to_markdown, which let an attribute list
    ('{: onclick=... }') or emphasis in a model name become markup on the site."""
    parts = [
        '---\ntitle: "Changelog"\n---\n',
        '<div class="lb-changelog" markdown="0">',
        "<h1>Changelog</h1>",
        "<p>Every change to the data, newest first, generated from the git history with the same engine as the "
        "pull-request diff. Withdrawn and removed results are listed, never silently dropped. "
        '<a href="changelog.xml">Atom feed</a></p>',
    ]
    if not entries:
        parts.append("<p>No history is available for this build (the data is not in a git repository).</p>")
    for day, day_entries in _by_day(entries):
        parts.append(f'<h2 id="day-{esc(day)}">{esc(day)}</h2>')
        parts += [change_html(entry.change) for entry in day_entries]
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"


# XML 1.0 can hold tab, LF, CR and U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF; nothing else, not even
# as a character reference. The validator refuses control characters, but the feed must be well-formed
# whatever reaches it, so anything else is replaced by U+FFFD rather than written.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Text for XML character data or a double-quoted attribute: characters XML cannot hold replaced,
    & < > and quotes escaped (so ']]>' and '<![CDATA[' are plain text too)."""
    clean = _NOT_XML.sub("\ufffd", str(text))
    return escape(clean, {'"': "&quot;"})


def atom(entries: list[Entry], site_title: str) -> str:
    """The Atom feed: each entry's content is the same HTML fragment as the changelog page, as escaped
    text of a type="html" content element, so a feed reader shows it but no string becomes feed markup."""
    updated = entries[0].date if entries else "1970-01-01T00:00:00+00:00"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{xml_text(site_title)}: changelog</title>",
        "<id>urn:leaderboard:changelog</id>",
        f"<updated>{xml_text(updated)}</updated>",
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
            f"<id>urn:leaderboard:commit:{xml_text(entry.commit)}</id>",
            f"<title>{xml_text(entry.date[:10])}: {xml_text(summary)}</title>",
            f"<updated>{xml_text(entry.date)}</updated>",
            f'<link href="changelog.html#day-{xml_text(entry.date[:10])}"/>',
            f'<content type="html">{xml_text(change_html(c))}</content>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
