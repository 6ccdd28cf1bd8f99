"""A corpus that the validator accepts but in which every contributed text field holds a hostile string.

One benchmark and one paper per payload; every field of both holds `payload + " §<field><n>"`, so a leak
names its field and payload. The marker comes last because several payloads only matter at the start of a
cell (' =cmd', '\u00a0=1+1'), and it uses '§', which no output format treats specially.
"""

from __future__ import annotations

from pathlib import Path

import yaml

BENCH_HEAD = "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"
PAPER_HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
LONG = "<b>long</b> & <i>longer</i> {: .x } " * 40

PAYLOADS = [
    "<svg onload=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    '{: onclick="alert(1)" }',
    "[x](javascript:alert(1))",
    "*em* _em_ **b**",
    "</script><script>alert(1)</script>",
    "]]> and <![CDATA[",
    "&amp;",
    "cc @octocat and #1 and org/repo#2 and GH-3 and a@b.example",
    " =cmd|' /C calc'!A0",
    "\u00a0=1+1",
    "＝1+1",
    "x;=cmd|' /C calc'!A0",
    ":: error ::",
    "%0A::error::x",
    "https://example.org/issues/4 www.example.org ~~del~~ `code` \\* A<B & C",
    LONG,
]

#: field -> maxLength in the schemas; every one of these is contributed text.
FIELDS = {
    # benchmark file
    "name": 120,
    "area": 60,
    "task": 120,
    "description": 600,
    "metricname": 60,
    "metricdesc": 400,
    "condname": 60,
    "conddesc": 400,
    "allowed": 80,
    # paper file
    "title": 300,
    "modela": 200,
    "modelb": 200,
    "modelc": 200,
    "note": 1000,
    "quote": 1000,
    "location": 80,
    "flag": 500,
    "reason": 500,
    "condvalue": 200,
}
#: fields a page shows (the note and the metric description are only in the downloads / metrics table).
URL = "https://example.org/a?b=1&c=%22x%22#{y}"


def value(field: str, n: int, tail: str = "") -> str:
    """The hostile text of one field for payload n, cut to the field's maxLength (the marker is kept)."""
    marker = f" §{field}{n}{tail}"
    room = FIELDS[field] - len(marker)
    return PAYLOADS[n][:room].rstrip() + marker


def quote(n: int, number: float) -> str:
    """An evidence quote must contain the result's number; it goes after the marker so the cut keeps it."""
    return value("quote", n, f" reaches {number}")


def benchmark(n: int) -> dict:
    return {
        "id": f"evil-{n}",
        "name": value("name", n),
        "version": "1",
        "area": value("area", n),
        "task": value("task", n),
        "description": value("description", n),
        "homepage": URL,
        "metrics": [
            {
                "id": "accuracy",
                "name": value("metricname", n),
                "unit": "percent",
                "higher_is_better": True,
                "min": 0,
                "max": 100,
                "description": value("metricdesc", n),
            }
        ],
        "primary_metric": "accuracy",
        "conditions": [
            {
                "id": "setting",
                "name": value("condname", n),
                "description": value("conddesc", n),
                "required": True,
                "group": True,
            },
            {"id": "mode", "name": "Mode", "description": "An enumerated condition.", "values": [value("allowed", n)]},
        ],
    }


def result(n: int, which: str, number: float, **extra) -> dict:
    return {
        "benchmark": f"evil-{n}",
        "model": value(f"model{which}", n),
        "metrics": {"accuracy": {"value": number}},
        "conditions": {"setting": value("condvalue", n), "mode": value("allowed", n)},
        "evidence": {"quote": quote(n, number), "location": value("location", n)},
        **extra,
    }


def paper(n: int, b_value: float = 40.5) -> dict:
    """Three results: a (flagged, with a note), b (plain) and c (withdrawn, with a reason)."""
    return {
        "id": f"evil-{n}",
        "title": value("title", n),
        "url": URL,
        "code_url": URL,
        "date": f"2024-{n % 12 + 1:02d}",
        "results": [
            result(n, "a", 50.5, note=value("note", n), flags=[{"type": "other", "evidence": value("flag", n)}]),
            result(n, "b", b_value),
            result(n, "c", 30.5, status="withdrawn", status_reason=value("reason", n)),
        ],
    }


def dump(head: str, doc: dict) -> str:
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


def write_corpus(data: Path, payloads: range | None = None) -> None:
    """Add the hostile benchmarks and papers to data/ (benchmarks/ and papers/ are created)."""
    (data / "benchmarks").mkdir(parents=True, exist_ok=True)
    (data / "papers").mkdir(parents=True, exist_ok=True)
    for n in payloads or range(len(PAYLOADS)):
        (data / "benchmarks" / f"evil-{n}.yaml").write_text(dump(BENCH_HEAD, benchmark(n)), encoding="utf-8")
        (data / "papers" / f"evil-{n}.yaml").write_text(dump(PAPER_HEAD, paper(n)), encoding="utf-8")


def looks_like_formula(text: str) -> bool:
    """The OWASP rule, written independently of export.FORMULA_START: starts with tab, CR or LF, or after any
    leading whitespace (str.isspace) and NUL starts with = + - @ or their full-width forms."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    rest = text.lstrip("".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() or ch == "\0") + "\u3000")
    return rest[:1] in tuple("=+-@＝＋－＠")
