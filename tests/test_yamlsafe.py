"""The hardened YAML loader: what it refuses (with code and position) and what it must keep accepting."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import yaml

from leaderboard import yamlsafe
from leaderboard.validate import validate


def problem(text: str) -> yamlsafe.YamlProblem:
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load(text)
    return exc.value


# --- refused -----------------------------------------------------------------------------------------------------


def test_duplicate_key_is_refused_at_the_second_key():
    err = problem("id: a\ntitle: T\nid: b\n")
    assert (err.code, err.line, err.col) == ("LB002", 3, 1)
    assert "'id'" in err.message and "line 1" in err.message


def test_duplicate_key_in_a_nested_mapping():
    err = problem("results:\n  - model: A\n    metrics: {acc: {value: 1}}\n    model: B\n")
    assert (err.code, err.line, err.col) == ("LB002", 4, 5)


def test_same_key_in_different_mappings_is_fine():
    assert yamlsafe.load("a: {k: 1}\nb: {k: 2}\n") == {"a": {"k": 1}, "b": {"k": 2}}


def test_anchor_and_alias_are_refused():
    err = problem("base: &b {value: 1}\nother: *b\n")
    assert (err.code, err.line, err.col) == ("LB003", 1, 7)


def test_merge_key_with_alias_is_refused():
    assert problem("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n").code == "LB003"


def test_billion_laughs_returns_quickly_with_lb003():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    err = problem("\n".join(lines) + "\n")
    assert err.code == "LB003"
    assert time.perf_counter() - start < 1.0


def test_ampersand_inside_a_string_is_not_an_anchor():
    assert yamlsafe.load('quote: "R&D models reach 5 & 6"\n') == {"quote": "R&D models reach 5 & 6"}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        'a: !!python/object/apply:os.system ["echo owned"]\n',
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
    ],
    ids=["python-object", "python-apply", "python-name", "local-tag"],
)
def test_custom_tags_are_refused(text):
    err = problem(text)
    assert (err.code, err.line, err.col) == ("LB004", 1, 4)


def test_several_documents_are_refused():
    err = problem("id: a\n---\nid: b\n")
    assert (err.code, err.line) == ("LB005", 2)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_file_is_refused(text):
    assert problem(text).code == "LB005"


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: {b: 1\n", 2), ("a:\n  - b\n c: 2\n", 3), ("a: [1, 2\nb: 3\n", 2), ("a: 'open\n", 1)],
    ids=["unclosed-flow-mapping", "bad-indent", "unclosed-flow-sequence", "unclosed-quote"],
)
def test_syntax_errors_are_lb001_with_a_position(text, line):
    err = problem(text)
    assert err.code == "LB001"
    assert err.line == line and err.col >= 1


def test_unhashable_key_is_a_syntax_error_not_a_crash():
    assert problem("? [a, b]\n: 1\n").code == "LB001"


def test_undefined_alias_is_reported():
    assert problem("a: *nothing\n").code in {"LB001", "LB003"}


# --- kept as written ---------------------------------------------------------------------------------------------


def test_dates_stay_strings():
    data = yamlsafe.load("date: 2024-01-02\nmonth: 2024-01\nstamp: 2001-12-14t21:59:43.10-05:00\n")
    assert data == {"date": "2024-01-02", "month": "2024-01", "stamp": "2001-12-14t21:59:43.10-05:00"}


def test_the_strict_loader_does_not_change_pyyaml_for_everyone_else():
    import datetime as dt

    yamlsafe.load("d: 2024-01-02\n")
    assert yaml.load("d: 2024-01-02\n", Loader=yaml.CSafeLoader) == {"d": dt.date(2024, 1, 2)}


def test_unquoted_3_10_is_a_float_and_quoted_stays_text():
    assert yamlsafe.load("version: 3.10\n") == {"version": 3.1}
    assert yamlsafe.load('version: "3.10"\n') == {"version": "3.10"}


def test_unquoted_version_3_10_reports_lb012_with_a_fix_to_quote_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bench = tmp_path / "data" / "benchmarks"
    bench.mkdir(parents=True)
    (bench / "b.yaml").write_text(
        "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"
        "id: b\nname: B\nversion: 3.10\narea: A\ntask: T\ndescription: D\nhomepage: https://example.org/b\n"
        "metrics:\n  - {id: acc, name: Acc, unit: percent, higher_is_better: true}\nprimary_metric: acc\n",
        encoding="utf-8",
    )
    (diag,) = validate(tmp_path / "data").diagnostics
    assert (diag.code, diag.path, diag.line, diag.field) == ("LB012", "data/benchmarks/b.yaml", 4, "version")
    assert "quote" in diag.fix_text.lower()


def test_bom_is_accepted_and_removed():
    text = yamlsafe.decode(b"\xef\xbb\xbfid: a\r\n")
    assert not text.startswith("\ufeff")
    assert yamlsafe.load(text) == {"id": "a"}


def test_crlf_is_accepted_and_positions_count_lines():
    assert yamlsafe.load("a: 1\r\nb:\r\n  - x\r\n  - y\r\n") == {"a": 1, "b": ["x", "y"]}
    err = problem("a: 1\r\nb: 2\r\na: 3\r\n")
    assert (err.code, err.line, err.col) == ("LB002", 3, 1)


def test_tab_and_non_ascii_text_are_accepted():
    assert yamlsafe.load(yamlsafe.decode("q: 'a\tb — 草稿 ±0.8'\n".encode())) == {"q": "a\tb — 草稿 ±0.8"}


# --- bytes that are not text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"a: 1\nb: caf\xe9\n", 2),  # Latin-1
        (b"\xff\xfea\x00:\x00", 1),  # UTF-16
        (b"a: 1\nb: 2\nc: \xc3\n", 3),  # truncated UTF-8 sequence
    ],
    ids=["latin-1", "utf-16", "truncated"],
)
def test_invalid_utf8_is_lb006_with_its_line(raw, line):
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.decode(raw)
    assert (exc.value.code, exc.value.line) == ("LB006", line)


@pytest.mark.parametrize("raw", [b"a: 1\nb: \x00\n", b"a: \x1b[31mred\n", b"\x7fELF\x02\x01\x01\x00"])
def test_control_characters_are_lb006(raw):
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.decode(raw)
    assert exc.value.code == "LB006"


def test_file_over_the_limit_is_lb007_before_decoding():
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.decode(b"#" * (yamlsafe.MAX_BYTES + 1))
    assert exc.value.code == "LB007"
    assert yamlsafe.decode(b"#" * yamlsafe.MAX_BYTES)  # exactly at the limit is fine


# --- hostile nesting ---------------------------------------------------------------------------------------------


def test_deep_nesting_is_refused_without_crashing_the_process():
    """Regression: 30 000 nested '[' (a 60 kB file, far below the 1 MB limit) segfaulted the process inside
    libyaml's recursive composer. Run in a subprocess so such a crash cannot take pytest down."""
    code = (
        "from leaderboard import yamlsafe\n"
        "n = 30000\n"
        "try:\n"
        "    yamlsafe.load('a: ' + '[' * n + ']' * n)\n"
        "    print('loaded')\n"
        "except yamlsafe.YamlProblem as exc:\n"
        "    print(exc.code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"the loader crashed the interpreter (exit {proc.returncode})"
    assert proc.stdout.strip() == "LB001"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100 + "]" * 100 + "\n",
        "a: " + "{k: " * 100 + "1" + "}" * 100 + "\n",
        "a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(200)) + "  " * 201 + "end: 1\n",
        "a: " + "- " * 100 + "x\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-mappings", "block-sequences"],
)
def test_nesting_far_beyond_any_data_file_is_lb001(text):
    err = problem(text)
    assert err.code == "LB001" and err.line >= 1
    assert "nest" in err.message


def test_realistic_nesting_and_brackets_inside_text_are_accepted():
    quote = "as cited in [1][2][3], see Table [4] and {5}; " * 30
    text = f"results:\n  - metrics:\n      acc: {{value: 1, std: 0}}\n    evidence: {{quote: {quote!r}}}\n"
    assert yamlsafe.load(text)["results"][0]["evidence"]["quote"] == quote


# --- control characters and non-characters ----------------------------------------------------------------------

REFUSED_POINTS = [
    *range(0x00, 0x09),
    0x0B,
    0x0C,
    *range(0x0E, 0x20),
    *range(0x7F, 0xA0),
    *range(0xFDD0, 0xFDF0),
    *(plane << 16 | low for plane in range(17) for low in (0xFFFE, 0xFFFF)),
]
ALLOWED_POINTS = [0x09, 0x20, 0x7E, 0xA0, 0xD7FF, 0xE000, 0xFDCF, 0xFDF0, 0xFFFD, 0x10000, 0x1FFFD, 0x10FFFD]


def _refused(text: str, load) -> yamlsafe.YamlProblem:
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        load(text)
    return exc.value


@pytest.mark.parametrize("point", REFUSED_POINTS, ids=lambda p: f"U+{p:04X}")
def test_control_and_non_characters_are_refused_raw_and_escaped(point: int):
    """Raw in the file (decode: C0 is LB006, the rest LB120) and written as an escape (load: LB120), located."""
    raw = f"a: x\nb: y{chr(point)}z\n".encode()
    err = _refused(raw, lambda data: yamlsafe.load(yamlsafe.decode(data)))
    assert err.code == ("LB006" if point < 0x20 else "LB120") and (err.line, err.col) == (2, 5), err
    escaped = f'a: x\nb: "y\\U{point:08X}z"\n'
    for load in (yamlsafe.load, yamlsafe.load_strict):
        err = _refused(escaped, load)
        assert (err.code, err.line, err.col) == ("LB120", 2, 4), err


@pytest.mark.parametrize("point", ALLOWED_POINTS, ids=lambda p: f"U+{p:04X}")
def test_characters_next_to_the_refused_ones_are_text(point: int):
    text = yamlsafe.decode(f'a: "y{chr(point)}z"\n'.encode())
    assert yamlsafe.load(text) == {"a": f"y{chr(point)}z"}
    assert yamlsafe.load(f'a: "y\\U{point:08X}z"\n') == {"a": f"y{chr(point)}z"}
