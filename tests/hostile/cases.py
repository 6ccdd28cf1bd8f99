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


# --- Validated means buildable: what the tables, JSON, the Atom feed and the chart renderer cannot carry ---------

BENCH_HEAD = "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"


def _escaped(name: str, escape: str, line: int = 3, where: str = "title") -> Case:
    """A control character or non-character written as a YAML escape inside a double-quoted string."""
    if where == "title":
        text = paper(title=f'"A bad{escape}paper"')
    elif where == "model":
        text = paper(result=result(model=f'"Bad{escape}7B"'))
    elif where == "key":
        text = paper(top=f'"no{escape}te": x\n')
    elif where == "condition-key":
        text = paper(result=result(conditions=f'{{"aggre{escape}gation": pass@1}}'))
    else:
        raise ValueError(where)
    return Case(name, "LB120", line, {"papers/bad.yaml": _b(text)})


def _raw(name: str, char: str, line: int = 3) -> Case:
    """The same characters written as they are (UTF-8 in the file)."""
    return Case(name, "LB120", line, {"papers/bad.yaml": _b(paper(title=f"A bad{char}paper"))})


CONTROL_CASES = [
    _escaped("escape-nul", "\\0"),
    _escaped("escape-bell", "\\a"),
    _escaped("escape-backspace", "\\b"),
    _escaped("escape-vertical-tab", "\\v"),
    _escaped("escape-form-feed", "\\f"),
    _escaped("escape-escape", "\\e", line=6, where="model"),
    _escaped("escape-x-c0", "\\x1b", line=6, where="model"),
    _escaped("escape-x-del", "\\x7f"),
    _escaped("escape-x-c1", "\\x9b"),
    _escaped("escape-next-line", "\\N"),
    _escaped("escape-u-c1", "\\u0085"),
    _escaped("escape-u-fffe", "\\uFFFE"),
    _escaped("escape-u-ffff", "\\uffff"),
    _escaped("escape-u-fdd0", "\\uFDD0"),
    _escaped("escape-u-fdef", "\\uFDEF"),
    _escaped("escape-U-plane-1-non-character", "\\U0001FFFE"),
    _escaped("escape-U-plane-16-non-character", "\\U0010FFFF"),
    _escaped("escape-in-a-key", "\\0", line=4, where="key"),
    _escaped("escape-in-a-condition-key", "\\x01", line=9, where="condition-key"),
    Case(
        "escape-in-a-benchmark-name",
        "LB120",
        3,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace("name: Toy Math", 'name: "Toy\\eMath"'))},
    ),
    Case(
        "escape-in-a-condition-value-list",
        "LB120",
        13,
        {
            "benchmarks/toy-math.yaml": _b(
                BENCH.replace("group: true, free_text: true}", 'group: true, values: ["pass@1", "x\\x85"]}')
            )
        },
    ),
    # PyYAML refuses a lone surrogate escape itself: a syntax error, located
    Case("escape-lone-high-surrogate", "LB001", 3, {"papers/bad.yaml": _b(paper(title='"A \\uD800 paper"'))}),
    Case("escape-lone-low-surrogate", "LB001", 3, {"papers/bad.yaml": _b(paper(title='"A \\uDFFF paper"'))}),
    # JSON's surrogate pair for an astral character: libyaml refuses it too (write \U0001F600 or the character)
    Case("escape-surrogate-pair", "LB001", 3, {"papers/bad.yaml": _b(paper(title='"A \\ud83d\\ude00 paper"'))}),
    _raw("raw-delete", "\x7f"),
    _raw("raw-next-line", "\x85"),
    _raw("raw-c1-csi", "\x9b"),
    _raw("raw-fdd0", "\ufdd0"),
    _raw("raw-fffe", "\ufffe"),
    _raw("raw-ffff", "\uffff"),
    _raw("raw-plane-1-non-character", "\U0001ffff"),
    _raw("raw-plane-16-non-character", "\U0010fffe"),
    Case("raw-in-a-key", "LB120", 4, {"papers/bad.yaml": _b(paper(top="no\x9bte: x\n"))}),
    Case("raw-escape-character", "LB006", 3, {"papers/bad.yaml": _b(paper(title="A bad\x1bpaper"))}),
]


def _key(name: str, key: str, line: int, where: str = "top") -> Case:
    """A mapping key YAML reads as something other than text."""
    if where == "top":
        text = paper(top=f"{key}: x\n")
    elif where == "metrics":
        text = paper(result=result().replace("      accuracy: ", f"      {key}: "))
    elif where == "conditions":
        text = paper(result=result(conditions=f"{{{key}: pass@1}}"))
    elif where == "evidence":
        text = paper(result=result().replace("      location: abstract", f"      {key}: abstract"))
    else:
        raise ValueError(where)
    return Case(name, "LB121", line, {"papers/bad.yaml": _b(text)})


KEY_CASES = [
    _key("int-key", "1", 4),
    _key("negative-int-key", "-3", 4),
    _key("hex-int-key", "0x1F", 4),
    _key("float-key", "1.5", 4),
    _key("bool-key-yes", "yes", 4),
    _key("bool-key-off", "off", 4),
    _key("bool-key-true", "True", 4),
    _key("null-key-tilde", "~", 4),
    _key("null-key-word", "null", 4),
    _key("int-key-in-metrics", "1", 8, where="metrics"),
    _key("bool-key-in-conditions", "no", 9, where="conditions"),
    _key("null-key-in-evidence", "~", 12, where="evidence"),
    _key("float-key-in-flow-mapping", "2.0", 9, where="conditions"),
    _key("tagged-int-key", '!!int "7"', 4),
    Case(
        "bool-key-in-a-benchmark",
        "LB121",
        10,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace("{id: accuracy,", "{on: accuracy,"))},
    ),
]

FREE_BENCH = BENCH.replace("id: toy-math", "id: toy-free").replace(", min: 0, max: 100", "")
HUGE = "1" + "0" * 308  # 1e308 written out, so the quote holds the number the value gives


def _free_paper(metrics: str, quote: str) -> dict[str, bytes]:
    text = paper(result=result(metrics=metrics, quote=quote).replace("benchmark: toy-math", "benchmark: toy-free"))
    return {"benchmarks/toy-free.yaml": _b(FREE_BENCH), "papers/bad.yaml": _b(text)}


NUMBER_CASES = [
    Case(
        "huge-integer-value",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 99999999999999999999999999}")))},
    ),
    Case(
        "huge-negative-integer-value",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: -9007199254740993}")))},
    ),
    Case(
        "huge-hex-integer",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 0x7fffffffffffffffffff}")))},
    ),
    Case(
        "huge-sexagesimal-integer",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 1:0:0:0:0:0:0:0:0:0:0}")))},
    ),
    Case(
        "huge-std",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 53.1, std: 100000000000000000000000}")))},
    ),
    Case(
        "huge-n-runs",
        "LB122",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 53.1, n_runs: 99999999999999999999}")))},
    ),
    Case(
        "huge-integer-key-free-version",
        "LB122",
        4,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace('version: "1"', "version: 123456789012345678901"))},
    ),
    Case(
        "huge-metric-max",
        "LB122",
        10,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace("max: 100", "max: 100000000000000000000000"))},
    ),
    Case(
        "huge-metric-min",
        "LB122",
        10,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace("min: 0", "min: -100000000000000000000000"))},
    ),
    Case(
        "infinite-metric-min",
        "LB112",
        10,
        {"benchmarks/toy-math.yaml": _b(BENCH.replace("min: 0", "min: -.inf"))},
        also=frozenset({"LB105"}),
    ),
    Case(
        "overflowing-float",
        "LB112",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 1.0e+400}")))},
        also=frozenset({"LB105"}),
    ),
    Case("infinite-std", "LB112", 8, {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 53.1, std: .inf}")))}),
    Case(
        "value-plus-std-overflows",
        "LB122",
        8,
        _free_paper("{value: 1.0e+308, std: 1.0e+308}", f"Bad-7B reaches {HUGE} ± {HUGE}"),
        path="papers/bad.yaml",
    ),
    Case(
        "low-minus-std-overflows",
        "LB122",
        8,
        _free_paper("{kind: range, low: -1.0e+308, high: 1, std: 1.0e+308}", f"Bad-7B reaches -{HUGE} to 1 ± {HUGE}"),
        path="papers/bad.yaml",
    ),
    Case(
        "parameter-count-overflows",
        "LB122",
        13,
        {"papers/bad.yaml": _b(paper(result=result(extra=f'    parameters: "{"9" * 400}T"\n')))},
    ),
]


def _nested(construct: str, depth: int) -> str:
    """depth levels of one YAML construct, or of a mixture, as the rest of a file after its first line."""
    half = depth // 2
    return {
        "flow-sequences": "a: " + "[" * depth + "]" * depth,
        "flow-mappings": "a: " + "{a: " * depth + "1" + "}" * depth,
        "flow-mixed": "a: " + "[{a: " * half + "1" + "}]" * half,
        "flow-explicit-keys": "a: " + "[? " * depth + "x" + "]" * depth,
        "flow-mapping-explicit-keys": "a: " + "{? " * depth + "x" + "}" * depth,
        "block-sequences": "- " * depth + "x",
        "explicit-keys": "? " * depth + "x",
        "sequences-of-explicit-keys": "- ? " * half + "x",
        "explicit-keys-of-sequences": "? - " * half + "x",
        "block-then-flow": "- ? " * (depth // 4) + "[{a: " * (depth // 4) + "x" + "}]" * (depth // 4),
    }[construct] + "\n"


NESTING_CONSTRUCTS = (
    "flow-sequences",
    "flow-mappings",
    "flow-mixed",
    "flow-explicit-keys",
    "flow-mapping-explicit-keys",
    "block-sequences",
    "explicit-keys",
    "sequences-of-explicit-keys",
    "explicit-keys-of-sequences",
    "block-then-flow",
)
NESTING_DEPTHS = (10_000, 100_000)


def _indented(step: str, depth: int) -> str:
    """Nesting by indentation, one space per level (the file-size limit keeps this form below ~1,400 levels)."""
    return "".join(" " * i + step + "\n" for i in range(depth)) + " " * depth + "x: 1\n"


NESTING_CASES = [
    *(
        Case(f"nesting-{construct}-{depth}", "LB001", 2, {"papers/bad.yaml": _b(HEAD + _nested(construct, depth))})
        for construct in NESTING_CONSTRUCTS
        for depth in NESTING_DEPTHS
    ),
    Case("nesting-indented-mappings", "LB001", 258, {"papers/bad.yaml": _b(HEAD + _indented("k:", 1_300))}),
    Case("nesting-indented-explicit-keys", "LB001", 258, {"papers/bad.yaml": _b(HEAD + _indented("?", 1_300))}),
    Case("nesting-indented-sequences", "LB001", 258, {"papers/bad.yaml": _b(HEAD + _indented("-", 1_300))}),
    Case(
        "nesting-blocks-and-flows-below-each-limit",
        "LB001",
        2,
        {"papers/bad.yaml": _b(HEAD + "- ? " * 20 + "[{a: " * 20 + "x" + "}]" * 20 + "\n")},
    ),
]


SHORT_BENCH = BENCH.replace("id: toy-math", "id: t").replace("required: true", "required: false")


def _many(n: int) -> dict[str, bytes]:
    """A paper of n results, each with its own unknown metric, compact enough to stay under the size limit."""
    rows = "".join(
        f"- {{benchmark: t, model: m{i}, metrics: {{a{i}: {{value: 1}}}}, evidence: {{quote: '1', location: a}}}}\n"
        for i in range(n)
    )
    return {
        "benchmarks/t.yaml": _b(SHORT_BENCH),
        "papers/bad.yaml": _b(f"{HEAD}id: bad\ntitle: Many\nresults:\n{rows}"),
    }


MANY_PROBLEMS_CASES = [
    Case("ten-thousand-unknown-metrics", "LB102", 5, _many(10_000), path="papers/bad.yaml"),
    Case(
        "ten-thousand-unknown-fields",
        "LB010",
        4,
        {"papers/bad.yaml": _b(paper(top="".join(f"x{i}: 1\n" for i in range(10_000))))},
    ),
]

EVIDENCE_CASES = [
    Case(
        "std-not-in-quote", "LB104", 8, {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 53.1, std: 0.4}")))}
    ),
    Case(
        "n-runs-not-in-quote",
        "LB104",
        8,
        {"papers/bad.yaml": _b(paper(result=result(metrics="{value: 53.1, n_runs: 5}")))},
    ),
    Case(
        "n-runs-word-differs",
        "LB104",
        8,
        {
            "papers/bad.yaml": _b(
                paper(result=result(metrics="{value: 53.1, n_runs: 4}", quote="Bad-7B reaches 53.1% over three runs"))
            )
        },
    ),
]


def _reserved_paper(ident: str) -> Case:
    return Case(f"paper-id-{ident}", "LB123", 2, {f"papers/{ident}.yaml": _b(paper(ident=ident))})


WINDOWS_CASES = [
    *(_reserved_paper(ident) for ident in ("con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "com0")),
    Case("benchmark-id-nul", "LB123", 2, {"benchmarks/nul.yaml": _b(BENCH.replace("id: toy-math", "id: nul"))}),
    Case("benchmark-id-lpt3", "LB123", 2, {"benchmarks/lpt3.yaml": _b(BENCH.replace("id: toy-math", "id: lpt3"))}),
    Case(
        "file-name-reserved-id-differs",
        "LB123",
        2,
        {"papers/aux.yaml": _b(paper(ident="bad"))},
        also=frozenset({"LB110"}),
    ),
]

CASES += CONTROL_CASES + KEY_CASES + NUMBER_CASES + NESTING_CASES + MANY_PROBLEMS_CASES + EVIDENCE_CASES + WINDOWS_CASES

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
    # Escapes that write ordinary characters, and characters XML and JSON carry, are text like any other.
    "harmless-escapes": {
        "papers/good.yaml": _b(paper(ident="good", title='"A \\x41\\u00e9\\t\\" \\\\ \\_ \\U0001F600 paper"'))
    },
    "line-separator-escape": {"papers/good.yaml": _b(paper(ident="good", title='"A \\L paper"'))},
    "quoted-keys-that-look-like-numbers": {
        "papers/good.yaml": _b(
            paper(
                ident="good",
                result=result(conditions="{aggregation: pass@1}").replace(
                    "    conditions:", '    note: "1"\n    conditions:'
                ),
            )
        )
    },
    "largest-exact-integer": {
        "papers/good.yaml": _b(
            paper(
                ident="good",
                result=result(
                    metrics="{value: 53.1, n_runs: 9007199254740992}",
                    quote="Bad-7B reaches 53.1% over 9007199254740992 runs",
                ),
            )
        )
    },
    "std-and-runs-in-quote": {
        "papers/good.yaml": _b(
            paper(
                ident="good",
                result=result(
                    metrics="{value: 53.1, std: 0.4, n_runs: 3}", quote="Bad-7B reaches 53.1 ± 0.4% over three runs"
                ),
            )
        )
    },
    "runs-as-digits": {
        "papers/good.yaml": _b(
            paper(
                ident="good", result=result(metrics="{value: 53.1, n_runs: 5}", quote="Bad-7B reaches 53.1% (5 seeds)")
            )
        )
    },
    "device-name-inside-an-id": {"papers/con-sole.yaml": _b(paper(ident="con-sole"))},
}
