"""The corpus of bad contributions: each case is the files a hostile or careless pull request adds,
the diagnostic code it must produce, and the line it must point at.

Kept as data (bytes per file) because several cases cannot be committed as files: a 50 MB file, invalid
UTF-8, a byte-order mark, CRLF endings and symlinks are built from these definitions in the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toycorpus import BENCH

HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"


def paper(
    body_after_title: str = "",
    *,
    ident: str = "bad",
    title: str = "A bad paper",
    result: str | None = None,
    top: str = "",
) -> str:
    """A paper file; `result` replaces the single result's lines (indented under 'results:')."""
    default = (
        "  - benchmark: toy-math\n    model: Bad-7B\n    metrics:\n      accuracy: {value: 53.1}\n"
        "    conditions: {aggregation: pass@1}\n    evidence:\n"
        '      quote: "Bad-7B reaches 53.1% on Toy Math"\n      location: abstract\n'
    )
    return f"{HEAD}id: {ident}\ntitle: {title}\n{top}{body_after_title}results:\n{result or default}"


def result(
    model: str = "Bad-7B",
    metrics: str = "{value: 53.1}",
    conditions: str = "{aggregation: pass@1}",
    quote: str = "Bad-7B reaches 53.1% on Toy Math",
    extra: str = "",
) -> str:
    return (
        f"  - benchmark: toy-math\n    model: {model}\n    metrics:\n      accuracy: {metrics}\n"
        f"    conditions: {conditions}\n    evidence:\n      quote: {quote!r}\n      location: abstract\n{extra}"
    )


@dataclass
class Case:
    name: str
    code: str
    line: int | None
    files: dict[str, bytes] = field(default_factory=dict)
    symlinks: dict[str, str] = field(default_factory=dict)
    #: the file the diagnostic is on (default: the only file or symlink of the case)
    path: str | None = None
    #: other codes that may legitimately accompany the main one (e.g. a bad id also mismatches the file name)
    also: frozenset = frozenset()


def _b(text: str) -> bytes:
    return text.encode("utf-8")


BILLION_LAUGHS = (
    HEAD
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
)

CASES: list[Case] = [
    # YAML itself
    Case("syntax-error", "LB001", 4, {"papers/bad.yaml": _b(HEAD + "id: bad\ntitle: [unclosed\nresults: x\n")}),
    Case("tab-indentation", "LB001", 6, {"papers/bad.yaml": _b(paper().replace("    model:", "\tmodel:"))}),
    Case("duplicate-key", "LB002", 4, {"papers/bad.yaml": _b(paper(top="title: twice\n"))}),
    Case("anchor-alias", "LB003", 2, {"papers/bad.yaml": _b(HEAD + "id: &i bad\ntitle: *i\nresults: []\n")}),
    Case("billion-laughs", "LB003", 2, {"papers/bad.yaml": _b(BILLION_LAUGHS)}),
    Case(
        "python-tag",
        "LB004",
        3,
        {"papers/bad.yaml": _b(paper().replace("title: A bad paper", "title: !!python/object/apply:os.system [id]"))},
    ),
    Case("custom-tag", "LB004", 3, {"papers/bad.yaml": _b(paper().replace("title: A bad paper", "title: !secret x"))}),
    Case("two-documents", "LB005", 13, {"papers/bad.yaml": _b(paper() + "---\nid: other\n")}),
    Case("empty-file", "LB005", 1, {"papers/bad.yaml": b""}),
    Case("only-a-comment", "LB005", 1, {"papers/bad.yaml": _b(HEAD)}),
    Case("a-list-not-a-mapping", "LB005", 1, {"papers/bad.yaml": _b(HEAD + "- 1\n- 2\n")}),
    Case("binary-content", "LB006", 2, {"papers/bad.yaml": bytes(range(256)) * 4}),
    Case("invalid-utf8", "LB006", 3, {"papers/bad.yaml": _b(HEAD + "id: bad\n") + b"title: caf\xe9\n"}),
    Case("nul-byte", "LB006", 3, {"papers/bad.yaml": _b(HEAD + "id: bad\ntitle: a\x00b\n")}),
    Case("fifty-megabytes", "LB007", None, {"papers/bad.yaml": _b(HEAD) + b"#" * 50_000_000 + b"\n"}),
    Case("wrong-extension", "LB008", 1, {"papers/bad.yml": _b(paper())}),
    Case("stray-file", "LB008", 1, {"notes.txt": b"hello\n"}),
    Case("no-schema-line", "LB009", 1, {"papers/bad.yaml": _b(paper().removeprefix(HEAD))}),
    # Values
    Case(
        "nan",
        "LB112",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: .nan}")))},
        also=frozenset({"LB104"}),
    ),
    Case(
        "infinity",
        "LB112",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: .inf}")))},
        also=frozenset({"LB105"}),
    ),
    Case("string-for-number", "LB012", 8, {"papers/bad.yaml": _b(paper(result=result(metrics="{value: high}")))}),
    Case("number-as-string", "LB012", 8, {"papers/bad.yaml": _b(paper(result=result(metrics='{value: "53.1"}')))}),
    Case("percent-as-fraction", "LB113", 8, {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 0.531}")))}),
    Case(
        "negative-value",
        "LB105",
        8,
        {
            "papers/bad.yaml": _b(
                paper(result=result(metrics="{value: -53.1}", quote="Bad-7B reaches -53.1% on Toy Math"))
            )
        },
    ),
    Case(
        "above-range",
        "LB105",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 531}", quote="Bad-7B reaches 531% on Toy Math")))},
    ),
    Case("impossible-date", "LB013", 4, {"papers/bad.yaml": _b(paper(top='date: "2024-13-45"\n'))}),
    Case("future-date", "LB111", 4, {"papers/bad.yaml": _b(paper(top='date: "2999-01"\n'))}),
    Case("version-like-float", "LB012", 4, {"benchmarks/toy-math.yaml": None}),  # filled in below
    Case("unknown-field", "LB010", 4, {"papers/bad.yaml": _b(paper(top="titel: typo\n"))}),
    Case(
        "unknown-benchmark",
        "LB101",
        5,
        {"papers/bad.yaml": _b(paper().replace("benchmark: toy-math", "benchmark: toy-maths"))},
    ),
    Case("unknown-metric", "LB102", 8, {"papers/bad.yaml": _b(paper().replace("accuracy:", "acc:"))}),
    Case(
        "duplicate-across-files",
        "LB108",
        5,
        {"papers/bad.yaml": _b(paper()), "papers/bad2.yaml": _b(paper(ident="bad2"))},
        path="papers/bad2.yaml",
    ),
    # Identifiers and paths
    Case(
        "id-with-dotdot",
        "LB013",
        2,
        {"papers/bad.yaml": _b(paper(ident="../../etc/passwd"))},
        also=frozenset({"LB110"}),
    ),
    Case("id-with-slash", "LB013", 2, {"papers/bad.yaml": _b(paper(ident="a/b"))}, also=frozenset({"LB110"})),
    Case("id-upper-case", "LB013", 2, {"papers/bad.yaml": _b(paper(ident="Bad"))}, also=frozenset({"LB110"})),
    Case("id-with-space", "LB013", 2, {"papers/bad.yaml": _b(paper(ident="'b a d'"))}, also=frozenset({"LB110"})),
    Case("file-name-differs", "LB110", 2, {"papers/other.yaml": _b(paper())}),
    Case("symlink-outside", "LB118", 1, symlinks={"papers/bad.yaml": "/etc/passwd"}),
    Case("symlinked-folder", "LB118", 1, symlinks={"papers/more": "/etc"}),
    # Injected content that the schema refuses
    Case("javascript-url", "LB013", 4, {"papers/bad.yaml": _b(paper(top="url: javascript:alert(1)\n"))}),
    Case(
        "data-url", "LB013", 4, {"papers/bad.yaml": _b(paper(top='url: "data:text/html,<script>alert(1)</script>"\n'))}
    ),
    Case("http-url", "LB013", 4, {"papers/bad.yaml": _b(paper(top="code_url: http://example.org/x\n"))}),
    Case(
        "formula-model", "LB013", 6, {"papers/bad.yaml": _b(paper(result=result(model="'=HYPERLINK(\"http://x\")'")))}
    ),
    Case("formula-plus", "LB013", 3, {"papers/bad.yaml": _b(paper(title="'+1+1'"))}),
    Case("formula-at", "LB013", 3, {"papers/bad.yaml": _b(paper(title="'@SUM(A1)'"))}),
    Case("newline-in-title", "LB013", 3, {"papers/bad.yaml": _b(paper(title='"a\\n::error::pwned"'))}),
    Case("ten-thousand-chars", "LB013", 6, {"papers/bad.yaml": _b(paper(result=result(model="M" * 10_000)))}),
    Case("right-to-left-override", "LB119", 6, {"papers/bad.yaml": _b(paper(result=result(model='"Bad\\u202e7B"')))}),
    Case("zero-width-space", "LB119", 3, {"papers/bad.yaml": _b(paper(title='"A\\u200bbad paper"'))}),
]

_VERSION_BENCH = BENCH.replace('version: "1"', "version: 3.10")
next(c for c in CASES if c.name == "version-like-float").files["benchmarks/toy-math.yaml"] = _b(_VERSION_BENCH)

#: Inputs that are accepted on purpose (and must then work).
ACCEPTED: dict[str, dict[str, bytes]] = {
    # YAML would make a datetime.date of this; the loader keeps it a string so the schema's pattern applies.
    "unquoted-date": {"papers/good.yaml": _b(paper(ident="good", top="date: 2024-01-15\n"))},
    "byte-order-mark": {"papers/good.yaml": b"\xef\xbb\xbf" + _b(paper(ident="good"))},
    "windows-line-endings": {"papers/good.yaml": _b(paper(ident="good").replace("\n", "\r\n"))},
    "html-in-model-name": {
        "papers/good.yaml": _b(paper(ident="good", result=result(model="'<img src=x onerror=alert(1)>'")))
    },
    "template-syntax-in-note": {
        "papers/good.yaml": _b(
            paper(
                ident="good",
                result=result(extra="    note: '{{ config }} {% include x %} [click](javascript:alert(1))'\n"),
            )
        )
    },
    "workflow-command-in-model": {
        "papers/good.yaml": _b(paper(ident="good", result=result(model="'Bad ::error::x %0A'")))
    },
}
