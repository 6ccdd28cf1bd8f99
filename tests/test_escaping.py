"""One escaping boundary: every contributed text field x every output, with payloads the validator accepts.

The corpus (tests/hostile/payloads.py) puts every payload into every contributed field at once, each value
marked with its field and payload ("§area0"), in a git repository with three commits (clean -> hostile ->
hostile changed), so the changelog, its feed and the pull-request diff carry the payloads too. A twin
repository holds the same corpus with harmless text; its build is what the templates alone produce, so
"no element or attribute came from a payload" is: the hostile page has exactly the twin page's tags and
attribute names. One build of each per session.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hostile.payloads import FIELDS, PAYLOADS, PLAIN, URL, looks_like_formula, quote, value
from toycorpus import BENCH, git, paper

from leaderboard import changelog, diagnostics, diff

REPO = Path(__file__).resolve().parents[1]
COMMIT = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm"]
N = range(len(PAYLOADS))


# --- the corpus, its history and its outputs ----------------------------------------------------------------------


@dataclass
class Built:
    root: Path
    out: Path
    diffs: dict[str, str] = field(default_factory=dict)


def _cli(cwd: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", PYTHONIOENCODING="utf-8")
    cmd = [sys.executable, "-m", "leaderboard.cli", *args]
    return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


def _history(root: Path, payloads: list[str]) -> list[str]:
    """clean corpus -> hostile corpus added (with papers to delete later) -> values changed, papers deleted."""
    from hostile.payloads import write_corpus

    data = root / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    (data / "papers" / "alpha.yaml").write_text(paper("alpha", "2024-01", [("Alpha-7B", 50.0)]))
    git(root, "init", "-q", "-b", "main")
    commits = []
    for step in ("clean", "hostile", "changed"):
        if step == "hostile":
            write_corpus(data, payloads, with_gone=True)
        if step == "changed":
            write_corpus(data, payloads, b_value=60.5, with_gone=False)
        git(root, "add", "-A")
        git(root, *COMMIT, step)
        commits.append(subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True))
    return [c.stdout.strip() for c in commits]


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, Built]:
    """The hostile and the plain twin site, built side by side, each with the diffs against its two bases."""
    made, running = {}, {}
    for name, payloads in (("hostile", PAYLOADS), ("plain", PLAIN)):
        root = tmp_path_factory.mktemp(name)
        commits = _history(root, payloads)
        made[name] = Built(root, root / "public")
        running[name] = [_cli(root, "build", "--data", "data", "--out", "public", "--no-cache", "--static-charts")]
        running[name] += [_cli(root, "diff", "--data", "data", "--base", commit) for commit in commits[:2]]
    for name, (build, *diffs) in running.items():
        _finish(build)
        made[name].diffs = {"added": _finish(diffs[0]), "changed": _finish(diffs[1])}
    return made


@pytest.fixture(scope="session")
def hostile(builds) -> Built:
    return builds["hostile"]


@pytest.fixture(scope="session")
def plain(builds) -> Built:
    return builds["plain"]


def shown(name: str, n: int) -> str:
    """The text of field name for payload n as a reader sees it (the evidence quote carries its number)."""
    text = quote(n, 50.5) if name == "quote" else value(name, n)
    return collapse(text)


def collapse(text: str) -> str:
    """Whitespace as a reader sees it in HTML: runs collapsed, ends trimmed."""
    return " ".join(text.split())


# --- HTML ---------------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Tags with attribute names, attribute values, text outside scripts, and the text of <nav> and <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[str] = []
        self.text: list[str] = []
        self.nav: list[str] = []
        self.title: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._gap()
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values += [v for _, v in attrs if v]
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "path"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values += [v for _, v in attrs if v]

    def _gap(self) -> None:
        """Elements separate words; comments (the PR comment's '@<!-- -->user') do not."""
        self.text.append(" ")
        if "nav" in self.stack:
            self.nav.append(" ")

    def handle_endtag(self, tag):
        self._gap()
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "script" in self.stack or "style" in self.stack:
            return
        self.text.append(data)
        if "nav" in self.stack:
            self.nav.append(data)
        if "title" in self.stack:
            self.title.append(data)

    @classmethod
    def of(cls, text: str) -> Page:
        page = cls()
        page.feed(text)
        page.close()
        return page

    def all_text(self) -> str:
        return collapse("".join(self.text)) + "\n" + "\n".join(collapse(v) for v in self.values)


def pages(built: Built) -> dict[str, Page]:
    return {p.relative_to(built.out).as_posix(): Page.of(p.read_text("utf-8")) for p in built.out.rglob("*.html")}


@pytest.fixture(scope="session")
def hostile_pages(hostile) -> dict[str, Page]:
    return pages(hostile)


@pytest.fixture(scope="session")
def plain_pages(plain) -> dict[str, Page]:
    return pages(plain)


def test_every_page_has_only_the_elements_and_attributes_the_templates_put_there(hostile_pages, plain_pages):
    assert sorted(hostile_pages) == sorted(plain_pages)
    assert len(hostile_pages) > 2 * len(PAYLOADS)
    for path, page in hostile_pages.items():
        twin = plain_pages[path]
        # As multisets: rows may sort differently (result ids hash the text), but no element or attribute is
        # added, removed or renamed by a payload.
        assert Counter(page.shape) == Counter(twin.shape), f"{path}: elements or attributes differ from the plain build"
        scripts = [tag for tag, _ in page.shape if tag == "script"]
        assert len(scripts) == len([tag for tag, _ in twin.shape if tag == "script"]), path
        handlers = {(tag, a) for tag, names in page.shape for a in names if a.startswith("on")}
        assert handlers == {(tag, a) for tag, names in twin.shape for a in names if a.startswith("on")}, path


def test_no_page_shows_text_escaped_twice(hostile_pages):
    """After one unescape (the browser's) no text holds an entity: 'A<B & C' reads as written."""
    for path, page in hostile_pages.items():
        text = page.all_text()
        for entity in ("&lt;", "&gt;", "&quot;", "&#x27;", "&#39;", "&amp;amp;", "&amp;lt;"):
            assert entity not in text, f"{path}: {entity} is shown to the reader"


PAGE_FIELDS = [f for f in FIELDS if f != "note"]  # the note is in the downloads only


@pytest.mark.parametrize("name", PAGE_FIELDS)
def test_pages_show_each_field_exactly(name, hostile_pages):
    text = "\n".join(page.all_text() for page in hostile_pages.values())
    for n in N:
        assert shown(name, n) in text, f"{name} of payload {n} is not shown as written"


@pytest.mark.parametrize("n", N)
def test_nav_and_title_show_contributed_names_as_written(n, hostile_pages):
    page = hostile_pages[f"benchmarks/evil-{n}.html"]
    nav = collapse("".join(page.nav))
    assert shown("area", n) in nav and shown("name", n) in nav
    assert collapse(" ".join(page.title)) == f"{shown('name', n)} - Benchmark leaderboards"
    paper_page = hostile_pages[f"papers/evil-{n}.html"]
    assert collapse(" ".join(paper_page.title)) == f"{shown('title', n)} - Benchmark leaderboards"


def test_urls_with_quotes_are_refused_and_allowed_urls_are_escaped(hostile, hostile_pages, tmp_path):
    """The https pattern refuses quotes, spaces and angle brackets; what it allows ('&', '%22', '{') is escaped
    into the href and reaches the browser unchanged."""
    hrefs = [v for path, page in hostile_pages.items() for v in page.values if v.startswith("https://example.org/a")]
    assert hrefs and set(hrefs) == {URL}
    data = tmp_path / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH.replace("https://example.org/toy", 'https://x.org/"a'))
    doc = yaml.safe_load(paper("alpha", "2024-01", [("Alpha-7B", 50.0)]))
    doc["url"], doc["code_url"] = "https://x.org/'onmouseover=alert(1)", "https://x.org/<svg>"
    (data / "papers" / "alpha.yaml").write_text(
        "# yaml-language-server: $schema=../../schemas/paper.schema.json\n" + yaml.safe_dump(doc)
    )
    proc = _cli(tmp_path, "validate", "--data", "data", "--format", "json")
    out, _ = proc.communicate(timeout=120)
    found = {(d["path"].rsplit("/", 1)[-1], d["field"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert found == {
        ("toy-math.yaml", "homepage", "LB013"),
        ("alpha.yaml", "url", "LB013"),
        ("alpha.yaml", "code_url", "LB013"),
    }


# --- changelog page and feed --------------------------------------------------------------------------------------

CHANGE_FIELDS = [
    "name",
    "condname",
    "condvalue",
    "modela",
    "modelb",
    "modelc",
    "metricname",
    "title",
    "claimmodel",
    "baseline",
]


def test_changelog_page_has_one_heading_per_day_and_every_change(hostile_pages):
    page = hostile_pages["changelog.html"]
    text = page.all_text()
    assert [tag for tag, _ in page.shape].count("h2") == 1  # three commits, one day
    for name in CHANGE_FIELDS:
        for n in N:
            assert shown(name, n) in text, (name, n)
    assert collapse(value("modelc", n, " gone")) in text  # the removed rows


def _feed(built: Built) -> ET.Element:
    return ET.fromstring((built.out / "changelog.xml").read_bytes())  # raises unless well-formed


def test_feed_is_well_formed_and_its_html_inert(hostile, plain):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed, twin = _feed(hostile), _feed(plain)
    contents = [e.find("a:content", ns) for e in feed.findall("a:entry", ns)]
    assert len(contents) == 3 and all(c.get("type") == "html" for c in contents)  # clean, hostile, changed
    twins = [e.find("a:content", ns) for e in twin.findall("a:entry", ns)]
    for content, plain_content in zip(contents, twins, strict=True):
        assert Counter(Page.of(content.text).shape) == Counter(Page.of(plain_content.text).shape)
    text = "\n".join(Page.of(c.text).all_text() for c in contents)
    for name in CHANGE_FIELDS:
        for n in N:
            assert shown(name, n) in text, (name, n)


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x0b", "\x1f", "\ud800", "\ufffe", "\uffff", "]]>", "<![CDATA["])
def test_feed_writer_never_writes_what_xml_cannot_hold(bad):
    text = changelog.xml_text(f"a{bad}b")
    ET.fromstring(f'<t a="{text}">{text}</t>')
    assert text.startswith("a") and text.endswith("b")


# --- JSON ---------------------------------------------------------------------------------------------------------


def _strict(text: str):
    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_every_json_file_is_strict_json(hostile):
    files = sorted(hostile.out.rglob("*.json"))
    assert len(files) > 3 * len(PAYLOADS)
    for path in files:
        _strict(path.read_text("utf-8"))


def test_search_index_holds_inert_readable_html(hostile, plain):
    docs = _strict((hostile.out / "search" / "search_index.json").read_text("utf-8"))["docs"]
    twin = _strict((plain.out / "search" / "search_index.json").read_text("utf-8"))["docs"]
    tags = {tag for d in twin for part in ("title", "text") for tag, _ in Page.of(d[part]).shape}
    texts = []
    for doc in docs:
        for part in ("title", "text"):
            parsed = Page.of(doc[part])
            assert {tag for tag, _ in parsed.shape} <= tags, doc["location"]
            assert all(names == () for _, names in parsed.shape), doc["location"]
            texts.append(parsed.all_text())
    text = "\n".join(texts)
    for n in N:
        assert shown("name", n) in text and shown("title", n) in text


# --- CSV ----------------------------------------------------------------------------------------------------------

#: field -> (CSV file, column) where it is a whole cell; others are inside a cell (flags, conditions, group).
CSV_CELLS = {
    "name": ("benchmarks", "name"),
    "area": ("benchmarks", "area"),
    "task": ("benchmarks", "task"),
    "description": ("benchmarks", "description"),
    "metricname": ("results", "metric_name"),
    "title": ("results", "paper_title"),
    "modela": ("results", "model"),
    "modelb": ("results", "model"),
    "modelc": ("results", "model"),
    "note": ("results", "note"),
    "location": ("results", "evidence_location"),
    "reason": ("results", "status_reason"),
}
CSV_INSIDE = {"condname": "group", "condvalue": "conditions", "allowed": "conditions", "flag": "flags"}


def _csv(path: Path) -> list[dict[str, str]]:
    header, *rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_every_csv_text_cell_is_neutral_quoted_and_otherwise_unchanged(hostile):
    files = sorted((hostile.out / "downloads").rglob("*.csv"))
    assert len(files) > 3 * len(PAYLOADS)
    for path in files:
        raw = path.read_bytes().decode("utf-8")
        records = _strict(path.with_suffix(".json").read_text("utf-8"))
        for row, record in zip(_csv(path), records, strict=True):
            for column, cell in row.items():
                original = record[column]
                if isinstance(original, str):
                    assert cell == ("'" + original if looks_like_formula(original) else original), (path, column)
                    assert '"' + cell.replace('"', '""') + '"' in raw, (path, column)  # quoted
                    assert not looks_like_formula(cell)
                elif original is None:
                    assert cell == ""
                elif not isinstance(original, bool):
                    assert float(cell) == original  # numbers unquoted and untouched: -1.5 stays -1.5


@pytest.mark.parametrize("name", sorted({*CSV_CELLS, *CSV_INSIDE}))
def test_csv_keeps_each_field_apart_from_the_leading_quote(name, hostile):
    for n in N:
        text = value(name, n)
        if name in CSV_CELLS:
            table, column = CSV_CELLS[name]
            cells = {r[column] for r in _csv(hostile.out / "downloads" / f"{table}.csv")}
            assert ("'" + text if looks_like_formula(text) else text) in cells, (name, n)
        else:
            cells = "\n".join(r[CSV_INSIDE[name]] for r in _csv(hostile.out / "downloads" / "results.csv"))
            assert text in cells, (name, n)


def test_payloads_that_only_hide_a_formula_behind_padding_are_prefixed(hostile):
    models = {r["model"] for r in _csv(hostile.out / "downloads" / "results.csv")}
    for n, payload in enumerate(PAYLOADS):
        expected = ("'" if payload.startswith((" =", "\u00a0=", "＝")) else "") + value("modela", n)
        assert expected in models, payload


# --- SVG charts ---------------------------------------------------------------------------------------------------


def test_static_charts_are_well_formed_svg_without_script(hostile):
    files = sorted((hostile.out / "charts").glob("*.svg"))
    assert files
    for path in files:
        root = ET.fromstring(path.read_bytes())
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "a", "image"), (path, tag)
            assert not any(a.rsplit("}", 1)[-1].lower().startswith("on") for a in el.attrib), path


# --- pull-request comment -----------------------------------------------------------------------------------------

_BREAK = "<!-- -->"


def _unescaped(text: str, ch: str) -> list[int]:
    """Positions of ch that no backslash escapes (an even run of backslashes before it)."""
    found = []
    for m in re.finditer(re.escape(ch), text):
        run = len(text[: m.start()]) - len(text[: m.start()].rstrip("\\"))
        if run % 2 == 0:
            found.append(m.start())
    return found


def _render(md: str) -> str:
    """GitHub-like enough: Python-Markdown with tables, taught CommonMark's backslash escapes of ~ and |
    (CommonMark escapes every ASCII punctuation character; Python-Markdown knows a fixed list)."""
    renderer = markdown.Markdown(extensions=["tables"])
    renderer.ESCAPED_CHARS += ["~", "|"]
    return renderer.convert(md)


@pytest.mark.parametrize("which", ["added", "changed"])
def test_pull_request_comment_is_inert(which, hostile, plain):
    md = hostile.diffs[which]
    body = "\n".join(line for line in md.splitlines() if not line.startswith("#") and not line.startswith("Compared"))
    assert "<" not in body.replace(_BREAK, "") and ">" not in body.replace(_BREAK, "")
    for trigger in (r"(?<![A-Za-z0-9])@(?=[A-Za-z0-9])", r"#(?=[0-9])", r"(?i)\bgh-(?=[0-9])", r"(?i)\bwww\."):
        for m in re.finditer(trigger, body):
            assert body[m.end() : m.end() + len(_BREAK)] == _BREAK or body[m.start() :].startswith(
                m.group() + _BREAK
            ), (trigger, body[m.start() - 20 : m.end() + 20])
    assert "://" not in body
    for ch in "{}[]*_~`!":
        assert _unescaped(body.replace(_BREAK, ""), ch) == [], ch
    for line in body.splitlines():
        if line.startswith("| "):
            # 7 columns (rank changes), 6 (results) or 3 (benchmark definitions): contributed text adds none
            assert len(_unescaped(line, "|")) in (8, 7, 4), line
    # Rendered, it has only the report's own elements and shows every contributed string as written.
    html, twin = Page.of(_render(md)), Page.of(_render(plain.diffs[which]))
    assert {tag for tag, _ in html.shape} <= {
        "h2",
        "h3",
        "p",
        "code",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
    assert Counter(html.shape) == Counter(twin.shape)
    text = html.all_text()
    names = CHANGE_FIELDS if which == "added" else ["name", "condname", "condvalue", "modela", "modelb", "metricname"]
    for name in names:
        for n in N:
            assert shown(name, n) in text, (which, name, n)


@pytest.mark.parametrize(
    "text",
    ["@octocat", "hi @org/team", "#1", "org/repo#2", "GH-3", "gh-4", "https://github.com/o/r/issues/5", "www.x.org"],
)
def test_mentions_and_references_are_split_by_a_comment(text):
    """GitHub links these in a comment (and notifies or back-references); split, they render as the same text."""
    out = diff._md(text)
    assert _BREAK in out and out.replace(_BREAK, "") == text.replace("&", "&amp;")
    assert diff._md("pass@1 a@b.example") == "pass@1 a@b.example"  # not mentions: GitHub needs a non-word before @


# --- workflow annotations -----------------------------------------------------------------------------------------


def test_github_annotations_stay_one_command_per_diagnostic(hostile, tmp_path):
    """Errors at the payloads: an unknown field named with each payload, each payload as an arXiv id, a file
    name holding workflow-command syntax. Each diagnostic is one line that starts with '::error '."""
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(hostile.root / "data"), str(data)], check=True)
    for n in N:
        path = data / "papers" / f"evil-{n}.yaml"
        doc = yaml.safe_load(path.read_text("utf-8"))
        doc["arxiv_id"] = value("title", n)
        # U+2028 is accepted text; a C1 control such as NEL is refused at load (LB120), one error per file.
        doc[value("note", n) + "\u2028::error::x"] = 1
        path.write_text(
            "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
            + yaml.safe_dump(doc, allow_unicode=True)
        )
    (data / "papers" / "%0A::error file=x,line=1::pwned.txt").write_text("x\n")
    proc = _cli(tmp_path, "validate", "--data", "data", "--format", "github")
    out, _ = proc.communicate(timeout=300)
    listed = subprocess.run(
        [sys.executable, "-m", "leaderboard.cli", "validate", "--data", "data", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    rows = json.loads(listed.stdout)["diagnostics"]
    assert len(rows) >= 2 * len(PAYLOADS) + 1
    lines = out.splitlines()
    assert len(lines) == len(rows) and out.count("\n") == len(rows)
    for line in lines:
        assert re.match(r"::error file=[^:,]*,line=\d+,col=\d+,title=[^:,]+::", line), line
        assert "\r" not in line
    assert any("%0A::error file=x,line=1::pwned" in r["path"] for r in rows)
    assert "%250A%3A%3Aerror file=x%2Cline=1%3A%3Apwned.txt" in out


def test_annotation_escaper_covers_every_line_break():
    text = "a\r\nb\nc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i%0A"
    line = diagnostics.format_github(diagnostics.Diagnostic(path=text, code="LB013", field=text, message=text))
    assert line.splitlines() == [line]
    assert line.startswith("::error file=a%0D%0Ab%0Ac\\x0bd")


# --- the escapers on any text -------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=80) | st.text(st.sampled_from("@#:/<>&[]{}*_~`!|\\\n wGH-1"))


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_markdown_cell_escaper_on_any_text(text):
    out = diff._md(text)
    bare = out.replace(_BREAK, "")
    assert "<" not in bare and ">" not in bare and "\n" not in out and "\r" not in out
    for ch in "{}[]*_~`!|":
        assert _unescaped(bare, ch) == [], (text, out)
    assert "://" not in out and not re.search(r"(?<![A-Za-z0-9])@[A-Za-z0-9]|#[0-9]", out)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_xml_text_is_well_formed_for_any_text(text):
    escaped = changelog.xml_text(text)
    root = ET.fromstring(f'<t a="{escaped}">{escaped}</t>')
    expected = re.sub("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)
    assert (root.text or "") == expected.replace("\r\n", "\n").replace("\r", "\n")  # XML's line-end rule
