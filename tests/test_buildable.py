"""Validated means buildable: whatever text a contributor puts in any contributed string field, if `validate`
accepts the corpus then the downloads export, every JSON file parses (strictly: no NaN or Infinity), the chart
specs parse and render, and the Atom feed is well-formed XML.

Strings come from every Unicode category (surrogates and controls included) and are written the ways YAML can
hold them: raw UTF-8, JSON-style escapes, and YAML's own escapes (\\x.., \\u.., \\U........). Export, charts and
the feed run for many examples; a full `leaderboard build` (seconds each) for a few, marked slow.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from leaderboard import aggregate, changelog, comparability, diff, tables
from leaderboard.build import export_downloads
from leaderboard.claims import claims_frame
from leaderboard.diagnostics import CODES
from leaderboard.site import chartfiles
from leaderboard.validate import validate

ANY_CHARACTER = st.characters(exclude_categories=())  # every category, surrogates (Cs) included
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))


def contributed(max_size: int = 12, anything: bool = True) -> st.SearchStrategy[str]:
    """A contributed string starting with a letter (so that the schema's text pattern lets it through and the later
    stages get to see it) or, when anything is allowed, sometimes any string at all."""
    starts = st.sampled_from(["A", "x ", "Ä", "名"])
    printable = st.builds(str.__add__, starts, st.text(PRINTABLE, max_size=max_size))
    if not anything:
        return printable
    return st.one_of(
        printable,
        st.builds(str.__add__, starts, st.text(ANY_CHARACTER, max_size=max_size)),
        st.text(ANY_CHARACTER, min_size=1, max_size=max_size),
    )


# --- writing YAML: structure in block style, every string double-quoted by one of three writers -------------------


def _yaml_escape(text: str) -> str:
    """YAML's own escapes for everything outside printable ASCII."""
    out = []
    for ch in text:
        point = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= point < 0x7F:
            out.append(ch)
        elif point <= 0xFF:
            out.append(f"\\x{point:02x}")
        elif point <= 0xFFFF:
            out.append(f"\\u{point:04X}")
        else:
            out.append(f"\\U{point:08x}")
    return '"' + "".join(out) + '"'


_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _json_ascii(text: str) -> str:
    """JSON's escapes, with astral characters as YAML's \\U........: libyaml refuses surrogate pairs (\\ud83d\\ude00)
    with a located LB001, so JSON's own form of them would only test that refusal."""
    escaped = json.dumps(text, ensure_ascii=True)
    return _PAIR.sub(lambda m: f"\\U{0x10000 + ((int(m[1], 16) - 0xD800) << 10) + int(m[2], 16) - 0xDC00:08x}", escaped)


WRITERS: dict[str, Callable[[str], str]] = {
    "raw": lambda text: json.dumps(text, ensure_ascii=False),  # C0 escaped as \\u00XX, everything else raw
    "json-ascii": _json_ascii,
    "yaml-escapes": _yaml_escape,
}


def _scalar(value: object, quote: Callable[[str], str]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value)
    return repr(value)


def emit(node: object, quote: Callable[[str], str], indent: str = "") -> str:
    """Block-style YAML of a document of mappings, lists and scalars (keys are plain identifiers)."""
    lines = []
    items = node.items() if isinstance(node, dict) else ((None, item) for item in node)
    for key, value in items:
        lead = f"{indent}{key}:" if key is not None else f"{indent}-"
        if isinstance(value, (dict, list)) and value:
            lines.append(lead + "\n" + emit(value, quote, indent + "  "))
        elif isinstance(value, (dict, list)):
            lines.append(f"{lead} {'{}' if isinstance(value, dict) else '[]'}\n")
        else:
            lines.append(f"{lead} {_scalar(value, quote)}\n")
    return "".join(lines)


def _write(path: Path, kind: str, doc: dict, quote: Callable[[str], str]) -> None:
    head = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((head + emit(doc, quote)).encode("utf-8", "surrogatepass"))  # a lone surrogate: not UTF-8


# --- corpora ------------------------------------------------------------------------------------------------------


@st.composite
def corpora(draw, text: Callable[..., st.SearchStrategy[str]] = contributed) -> tuple[dict, dict]:
    """One benchmark and one paper of two results, with a generated string in every contributed string field.

    Most corpora draw every string from printable characters, so that many pass validation and reach the later
    stages; the others may hold any character in any field, to exercise the refusals."""
    if text is contributed:
        anything = draw(st.integers(0, 3)) == 0
        text = lambda max_size=12: contributed(max_size, anything)  # noqa: E731
    values = draw(st.lists(text(), min_size=1, max_size=3, unique=True))
    bench = {
        "id": "gen-bench",
        "name": draw(text()),
        "version": "1",
        "area": draw(text()),
        "task": draw(text()),
        "description": draw(text()),
        "homepage": "https://example.org/gen",
        "metrics": [
            {
                "id": "accuracy",
                "name": draw(text()),
                "unit": "percent",
                "higher_is_better": True,
                "min": 0,
                "max": 100,
                "description": draw(text()),
            },
            {"id": "latency", "name": draw(text()), "unit": "ms", "higher_is_better": False},
        ],
        "primary_metric": "accuracy",
        "tradeoff": {"axis": "parameters"},
        "conditions": [
            {"id": "split", "name": draw(text()), "description": draw(text()), "group": True, "values": values},
            {"id": "setting", "name": draw(text()), "description": draw(text())},
        ],
    }
    results = []
    for n, (value, params) in enumerate([(53.1, "7B"), (48.5, "1.5B")]):
        result = {
            "benchmark": "gen-bench",
            "model": draw(text()),
            "parameters": params,
            "metrics": {"accuracy": {"value": value, "std": 0.4, "n_runs": 3}, "latency": {"value": 12.0}},
            "conditions": {"split": draw(st.sampled_from([*values, "not stated"])), "setting": draw(text())},
            "note": draw(text()),
            "flags": [{"type": "other", "evidence": draw(text())}],
            "evidence": {"quote": f"{draw(text(30))} {value} ± 0.4 over three runs, 12.0 ms", "location": draw(text())},
        }
        if n == 1:
            result |= {"status": "withdrawn", "status_reason": draw(text())}
        results.append(result)
    claim = {
        "model": draw(text()),
        "baseline": {"name": draw(text())},
        "quantity": {"benchmark": "gen-bench", "metric": "accuracy"},
        "change": {"form": draw(st.sampled_from(["ratio", "relative_percent", "points"])), "direction": "increase"}
        | {"value": 2.5},
        "scope": draw(text()),
        "conditions": {"setting": draw(text())},
        "note": draw(text()),
        "evidence": {"quote": f"{draw(text(30))} by 2.5 over {draw(text())}", "location": draw(text())},
    }
    paper = {"id": "gen-paper", "title": draw(text(40)), "date": "2024-03", "results": results, "claims": [claim]}
    return bench, paper


def _materialise(root: Path, bench: dict, paper: dict, quote: Callable[[str], str]) -> Path:
    data = root / "data"
    _write(data / "benchmarks" / "gen-bench.yaml", "benchmark", bench, quote)
    _write(data / "papers" / "gen-paper.yaml", "paper", paper, quote)
    return data


def _strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity, as browsers' JSON.parse does."""

    def refuse(name: str):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _refused_properly(report) -> None:
    for d in report.diagnostics:
        assert d.code in CODES and d.code != "LB900", d
        assert d.line >= 1, d


# --- the properties ------------------------------------------------------------------------------------------------


def _exports_charts_and_feed(data: Path, out: Path) -> None:
    report = validate(data)
    event("accepted" if report.ok else "refused: " + " ".join(sorted({d.code for d in report.diagnostics})))
    if not report.ok:
        _refused_properly(report)
        return
    export_downloads(report.corpus, out / "downloads")
    written = sorted((out / "downloads").rglob("*.json"))
    assert written
    for path in written:
        _strict_json(path.read_text(encoding="utf-8"))
    ranked = aggregate.with_ranks(tables.results_frame(report.corpus))
    bench = report.corpus.of_kind("benchmark")[0].data
    charts = chartfiles.write_charts(bench, ranked, out / "charts", static=True)
    # Every group of at least two ranked results is charted (a ranking at least), and no other group.
    comparable = {g for b, g in comparability.comparable_groups(ranked) if b == bench["id"]}
    assert {group for group, _ in charts} == comparable
    for path in sorted((out / "charts").rglob("*.json")):
        _strict_json(path.read_text(encoding="utf-8"))
    for path in sorted((out / "charts").glob("*.svg")):
        ET.fromstring(path.read_text(encoding="utf-8"))
    papers = {s.data["id"]: s.data["title"] for s in report.corpus.of_kind("paper")}
    claims = claims_frame(report.corpus)
    assert claims.height == 1
    added = diff.compare(ranked.clear(), ranked, {}, papers, "base", claims.clear(), claims)
    removed = diff.compare(ranked, ranked.clear(), papers, {}, "next", claims, claims.clear())
    assert added.claims_added and removed.claims_removed
    diff.to_markdown(added)
    entries = [
        changelog.Entry("1" * 40, "2024-05-02T00:00:00+00:00", removed),
        changelog.Entry("0" * 40, "2024-05-01T00:00:00+00:00", added),
    ]
    feed = ET.fromstring(changelog.atom(entries, "Benchmark leaderboards").encode("utf-8"))
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora(), st.sampled_from(sorted(WRITERS)))
def test_whatever_validates_exports_and_charts(corpus: tuple[dict, dict], writer: str):
    with tempfile.TemporaryDirectory(prefix="buildable-") as tmp:
        data = _materialise(Path(tmp), *corpus, WRITERS[writer])
        _exports_charts_and_feed(data, Path(tmp) / "out")


@settings(max_examples=3, deadline=None)
@given(corpora(lambda max_size=12: st.just("Plain text")), st.sampled_from(sorted(WRITERS)))
def test_the_generated_corpus_validates_when_its_strings_are_plain(corpus: tuple[dict, dict], writer: str):
    """The properties are only worth something if generated corpora with ordinary strings pass validation."""
    with tempfile.TemporaryDirectory(prefix="buildable-plain-") as tmp:
        report = validate(_materialise(Path(tmp), *corpus, WRITERS[writer]))
        assert report.ok, [(d.code, d.field, d.message) for d in report.diagnostics]


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(corpora(), st.sampled_from(sorted(WRITERS)))
def test_whatever_validates_builds(cli, corpus: tuple[dict, dict], writer: str):
    """The whole `leaderboard build`, for a few examples: every JSON and XML file it writes parses."""
    with tempfile.TemporaryDirectory(prefix="buildable-site-") as tmp:
        root = Path(tmp)
        _materialise(root, *corpus, WRITERS[writer])
        proc = cli("build", "--data", "data", "--out", "public", cwd=root)  # a stateless fixture: safe to share
        event("built" if proc.returncode == 0 else "refused")
        if proc.returncode != 0:
            assert proc.returncode == 1 and "error LB" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
            assert "LB900" not in proc.stdout
            return
        files = sorted((root / "public").rglob("*"))
        for path in files:
            if path.suffix == ".json":
                _strict_json(path.read_text(encoding="utf-8"))
            elif path.suffix in (".xml", ".svg"):
                ET.fromstring(path.read_bytes())
        assert any(path.name == "changelog.xml" for path in files)
