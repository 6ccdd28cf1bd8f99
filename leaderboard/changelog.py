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
from .site.templates import Templates, resolve


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
            change = diff.compare(previous[0], current[0], previous[2], current[2], commit, previous[3], current[3])
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


def _view(change: diff.Change) -> dict:
    """What partials/change.html shows of a change: the same sections as the pull-request comment."""
    return {
        "commit": change.base,  # history() compares each commit with its parent, naming the change by its commit
        "summary": diff.summary_line(change),
        "sections": diff.sections(change),
    }


def change_html(change: diff.Change, *, templates: Templates | None = None) -> str:
    """A change as an HTML fragment (partials/change.html); the template escapes every contributed string,
    and none goes through Markdown."""
    return str(resolve(templates).render("partials/change.html", change=_view(change)))


def _by_day(entries: list[Entry]) -> list[dict]:
    """Entries grouped under their commit date (newest first), so one day has one heading."""
    days: dict[str, list[dict]] = {}
    for entry in entries:
        days.setdefault(entry.date[:10], []).append(_view(entry.change))
    return [{"day": day, "changes": changes} for day, changes in days.items()]


def page_markdown(entries: list[Entry], *, templates: Templates | None = None) -> str:
    """The changelog page (changelog.html): finished, escaped HTML in one lb- block (see
    site/mkdocs_plugin.py), like every generated page. It used to be Markdown built from diff.to_markdown,
    which let an attribute list ('{: onclick=... }') or emphasis in a model name become markup on the site."""
    # Not in the search index: it repeats every model and benchmark name once per change, and a reader who
    # searches one wants its benchmark and paper pages.
    return resolve(templates).page(
        "changelog.html", "Changelog", meta={"search": {"exclude": True}}, days=_by_day(entries)
    )


# XML 1.0 can hold tab, LF, CR and U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF; nothing else, not even
# as a character reference. The validator refuses control characters, but the feed must be well-formed
# whatever reaches it, so anything else is replaced by U+FFFD rather than written.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Text for XML character data or a double-quoted attribute: characters XML cannot hold replaced,
    & < > and quotes escaped (so ']]>' and '<![CDATA[' are plain text too)."""
    clean = _NOT_XML.sub("\ufffd", str(text))
    return escape(clean, {'"': "&quot;"})


def atom(
    entries: list[Entry], site_title: str, *, templates: Templates | None = None, site_url: str | None = None
) -> str:
    """The Atom feed: each entry's content is the same HTML fragment as the changelog page, as escaped
    text of a type="html" content element, so a feed reader shows it but no string becomes feed markup.
    The feed is XML, not a template: xml_text is its escaper, and templates only renders the fragments.
    With the site's site_url (mkdocs.yml) its links are absolute, as feed readers need; without it they are
    relative to the feed, which sits beside changelog.html."""
    templates = resolve(templates)
    page = (site_url.rstrip("/") + "/" if site_url else "") + "changelog.html"
    updated = entries[0].date if entries else "1970-01-01T00:00:00+00:00"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{xml_text(site_title)}: changelog</title>",
        "<id>urn:leaderboard:changelog</id>",
        f"<updated>{xml_text(updated)}</updated>",
        f'<link href="{xml_text(page)}"/>',
        *([f'<link rel="self" href="{xml_text(site_url.rstrip("/") + "/changelog.xml")}"/>'] if site_url else []),
    ]
    for entry in entries:
        c = entry.change
        summary = (
            f"{len(c.papers_added)} papers added, {len(c.added)} results added, {len(c.changed)} changed, "
            f"{len(c.removed)} removed, {len(c.new_sota)} new state of the art"
        )
        claims = len(c.claims_added) + len(c.claims_changed) + len(c.claims_removed)
        if claims:
            summary += f", {claims} relative claims added, changed or removed"
        parts += [
            "<entry>",
            f"<id>urn:leaderboard:commit:{xml_text(entry.commit)}</id>",
            f"<title>{xml_text(entry.date[:10])}: {xml_text(summary)}</title>",
            f"<updated>{xml_text(entry.date)}</updated>",
            f'<link href="{xml_text(page)}#day-{xml_text(entry.date[:10])}"/>',
            f'<content type="html">{xml_text(change_html(c, templates=templates))}</content>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
