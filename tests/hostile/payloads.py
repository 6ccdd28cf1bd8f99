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
    # a relative claim in the paper file
    "claimmodel": 200,
    "baseline": 200,
    "scope": 200,
}
#: fields a page shows (the note and the metric description are only in the downloads / metrics table).
URL = "https://example.org/a?b=1&c=%22x%22#{y}"


def value(field: str, n: int, tail: str = "", payloads: list[str] = PAYLOADS) -> str:
    """The hostile text of one field for payload n, cut to the field's maxLength (the marker is kept)."""
    marker = f" §{field}{n}{tail}"
    room = FIELDS[field] - len(marker)
    return payloads[n][:room].rstrip() + marker


def _plain() -> list[str]:
    """The same corpus with harmless text: a build of it has exactly the elements and attributes the templates
    put on the page, to compare the hostile build with. The texts sort like the payloads' areas (among
    themselves and around toycorpus' 'Math reasoning'), so pages and the nav list benchmarks in the same order."""
    order = sorted(range(len(PAYLOADS)), key=lambda n: value("area", n))
    side = ["A" if value("area", n) < "Math reasoning" else "Z" for n in range(len(PAYLOADS))]
    return [f"{side[n]} plain text {order.index(n):02d}" for n in range(len(PAYLOADS))]


PLAIN = _plain()


def quote(n: int, number: float, payloads: list[str] = PAYLOADS) -> str:
    """An evidence quote must contain the result's number; it goes after the marker so the cut keeps it."""
    return value("quote", n, f" reaches {number}", payloads)


def benchmark(n: int, payloads: list[str] = PAYLOADS) -> dict:
    return {
        "id": f"evil-{n}",
        "name": value("name", n, payloads=payloads),
        "version": "1",
        "area": value("area", n, payloads=payloads),
        "task": value("task", n, payloads=payloads),
        "description": value("description", n, payloads=payloads),
        "homepage": URL,
        "metrics": [
            {
                "id": "accuracy",
                "name": value("metricname", n, payloads=payloads),
                "unit": "percent",
                "higher_is_better": True,
                "min": 0,
                "max": 100,
                "description": value("metricdesc", n, payloads=payloads),
            }
        ],
        "primary_metric": "accuracy",
        "conditions": [
            {
                "id": "setting",
                "name": value("condname", n, payloads=payloads),
                "description": value("conddesc", n, payloads=payloads),
                "required": True,
                "group": True,
                "free_text": True,
            },
            {
                "id": "mode",
                "name": "Mode",
                "description": "An enumerated condition.",
                "values": [value("allowed", n, payloads=payloads)],
            },
        ],
    }


def result(n: int, which: str, number: float, payloads: list[str] = PAYLOADS, tail: str = "", **extra) -> dict:
    return {
        "benchmark": f"evil-{n}",
        "model": value(f"model{which}", n, tail, payloads),
        "metrics": {"accuracy": {"value": number}},
        "conditions": {"setting": value("condvalue", n, "", payloads), "mode": value("allowed", n, "", payloads)},
        "evidence": {"quote": quote(n, number, payloads), "location": value("location", n, "", payloads)},
        **extra,
    }


def paper(n: int, b_value: float = 40.5, payloads: list[str] = PAYLOADS) -> dict:
    """Three results: a (flagged, with a note), b (plain) and c (withdrawn, with a reason), and a claim."""

    return {
        "id": f"evil-{n}",
        "title": value("title", n, payloads=payloads),
        "url": URL,
        "code_url": URL,
        "date": f"2024-{n % 12 + 1:02d}",
        "results": [
            result(
                n,
                "a",
                50.5,
                payloads,
                note=value("note", n, payloads=payloads),
                flags=[{"type": "other", "evidence": value("flag", n, payloads=payloads)}],
            ),
            result(n, "b", b_value, payloads),
            result(n, "c", 30.5, payloads, status="withdrawn", status_reason=value("reason", n, payloads=payloads)),
        ],
        "claims": [
            {
                "model": value("claimmodel", n, payloads=payloads),
                "baseline": {"name": value("baseline", n, payloads=payloads)},
                "quantity": {"benchmark": f"evil-{n}", "metric": "accuracy"},
                "change": {"form": "percentage_points", "direction": "increase", "value": 50.5},
                "scope": value("scope", n, payloads=payloads),
                "conditions": {"setting": value("condvalue", n, "", payloads)},
                "evidence": {"quote": quote(n, 50.5, payloads), "location": value("location", n, "", payloads)},
            }
        ],
    }


def gone(n: int, payloads: list[str] = PAYLOADS) -> dict:
    """A paper that a later commit deletes, so the changelog and the diff list removed hostile rows."""
    return {
        "id": f"gone-{n}",
        "title": value("title", n, " gone", payloads),
        "results": [result(n, "c", 20.5, payloads, " gone")],
    }


def dump(head: str, doc: dict) -> str:
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


def write_corpus(data: Path, payloads: list[str] = PAYLOADS, b_value: float = 40.5, with_gone: bool = False) -> None:
    """Add the hostile benchmarks and papers to data/ (benchmarks/ and papers/ are created)."""
    (data / "benchmarks").mkdir(parents=True, exist_ok=True)
    (data / "papers").mkdir(parents=True, exist_ok=True)
    for n in range(len(payloads)):
        (data / "benchmarks" / f"evil-{n}.yaml").write_text(dump(BENCH_HEAD, benchmark(n, payloads)), encoding="utf-8")
        (data / "papers" / f"evil-{n}.yaml").write_text(dump(PAPER_HEAD, paper(n, b_value, payloads)), encoding="utf-8")
        extra = data / "papers" / f"gone-{n}.yaml"
        if with_gone:
            extra.write_text(dump(PAPER_HEAD, gone(n, payloads)), encoding="utf-8")
        elif extra.exists():
            extra.unlink()


def looks_like_formula(text: str) -> bool:
    """The OWASP rule, written independently of export.FORMULA_START: starts with tab, CR or LF, or after any
    leading whitespace (str.isspace) and NUL starts with = + - @ or their full-width forms."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    rest = text.lstrip("".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() or ch == "\0") + "\u3000")
    return rest[:1] in tuple("=+-@＝＋－＠")
