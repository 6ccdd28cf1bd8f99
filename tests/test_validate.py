"""One fixture per diagnostic code: each invalid overlay yields exactly its code, at the right place.

invalid/<CODE>-<slug>/ holds files copied over a copy of base/ and expect.json with the one diagnostic
expected (code, count, path relative to the data directory, line, col, field). Codes that cannot be a
committed file (huge files, symlinks, a crashing rule, bytes that are not UTF-8) are generated here and
listed in GENERATED; a meta-test keeps both lists complete.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib
import inspect
import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

import leaderboard.rules
from leaderboard import diagnostics
from leaderboard.diagnostics import CODES
from leaderboard.rules import Rule, registry
from leaderboard.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
INVALID_CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID_CASES = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error (?P<code>LB\d{3})(?: (?P<field>\S[^:]*):)? "
    r"(?P<message>.+)\. Fix: (?P<fix>.+)\.$"
)


def show(diags) -> str:
    return "\n".join(diagnostics.format_text(d) for d in diags) or "(no diagnostics)"


def codes(report) -> set[str]:
    return {d.code for d in report.diagnostics}


def _expect(case: Path) -> dict:
    return json.loads((case / "expect.json").read_text(encoding="utf-8"))


def _assert_expected(report, expect: dict) -> None:
    diags = report.diagnostics
    assert {d.code for d in diags} == {expect["code"]}, show(diags)
    assert len(diags) == expect["count"], show(diags)
    first = diags[0]
    assert first.path == f"data/{expect['path']}", show(diags)
    assert first.line == expect["line"], show(diags)
    if "col" in expect:
        assert first.col == expect["col"], show(diags)
    if "field" in expect:
        assert first.field == expect["field"], show(diags)
    assert first.message and first.fix_text, show(diags)
    assert TEXT_LINE.match(diagnostics.format_text(first)), diagnostics.format_text(first)


def _to_crlf(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            raw = path.read_bytes().replace(b"\r\n", b"\n")
            path.write_bytes(raw.replace(b"\n", b"\r\n"))


def _add_bom(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


# --- the base corpus and the valid variants -------------------------------------------------------------------


def test_base_corpus_is_valid(make_data):
    report = validate(make_data())
    assert report.diagnostics == [], show(report.diagnostics)
    assert len(report.corpus.sources) == 7


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.name)
def test_valid_variant_has_no_diagnostics(case, make_data):
    report = validate(make_data(case))
    assert report.diagnostics == [], show(report.diagnostics)


@pytest.mark.parametrize(
    "transform", [_to_crlf, _add_bom, lambda root: (_add_bom(root), _to_crlf(root))], ids=["crlf", "bom", "bom+crlf"]
)
def test_bom_and_crlf_files_are_valid(transform, make_data):
    data = make_data(*VALID_CASES)
    transform(data)
    report = validate(data)
    assert report.diagnostics == [], show(report.diagnostics)


# --- one committed fixture per code -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: p.name)
def test_invalid_fixture(case, make_data):
    _assert_expected(validate(make_data(case)), _expect(case))


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: p.name)
def test_invalid_fixture_with_crlf_line_endings_reports_the_same_position(case, make_data):
    """Contributors on Windows commit CRLF files; line and column must not shift."""
    data = make_data(case)
    _to_crlf(data)
    _assert_expected(validate(data), _expect(case))


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: p.name)
def test_expected_path_is_a_file_of_the_fixture(case):
    expect = _expect(case)
    assert set(expect) <= {"code", "count", "path", "line", "col", "field"}
    assert (case / expect["path"]).is_file() or (BASE / expect["path"]).is_file()
    assert case.name.startswith(expect["code"] + "-")


# --- generated cases: what cannot be a committed file -----------------------------------------------------------


def test_lb006_invalid_utf8(make_data):
    data = make_data()
    path = data / "papers" / "hopdraft.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[7] = b"    model: Hop\xffDraft"  # line 8: Latin-1 or binary junk
    path.write_bytes(b"\n".join(lines))
    report = validate(data)
    assert codes(report) == {"LB006"}, show(report.diagnostics)
    (diag,) = report.diagnostics
    assert (diag.path, diag.line) == ("data/papers/hopdraft.yaml", 8)


def test_lb006_binary_file_with_nul_bytes(make_data):
    data = make_data()
    (data / "papers" / "hopdraft.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    report = validate(data)
    assert codes(report) == {"LB006"}, show(report.diagnostics)
    assert report.diagnostics[0].path == "data/papers/hopdraft.yaml"


def test_lb007_file_over_one_megabyte(make_data):
    data = make_data()
    path = data / "papers" / "hopdraft.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("# padding\n" * 110_000), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    report = validate(data)
    assert codes(report) == {"LB007"}, show(report.diagnostics)
    assert len(report.diagnostics) == 1
    assert report.diagnostics[0].path == "data/papers/hopdraft.yaml"


def _symlink_file(data: Path, outside: Path) -> str:
    shutil.move(data / "papers" / "hopdraft.yaml", outside / "elsewhere.yaml")
    (data / "papers" / "hopdraft.yaml").symlink_to(outside / "elsewhere.yaml")
    return "data/papers/hopdraft.yaml"


def _symlink_dir(data: Path, outside: Path) -> str:
    (outside / "more" / "papers").mkdir(parents=True)
    shutil.move(data / "papers" / "hopdraft.yaml", outside / "more" / "papers" / "hopdraft.yaml")
    (data / "extra").symlink_to(outside / "more", target_is_directory=True)
    return "data/extra"


def test_lb118_symlinked_file(make_data, tmp_path_factory):
    data = make_data()
    _symlink_file(data, tmp_path_factory.mktemp("outside"))
    report = validate(data)
    assert codes(report) == {"LB118"}, show(report.diagnostics)
    (diag,) = report.diagnostics
    assert diag.line == 1


def test_lb118_symlinked_directory_is_not_followed(make_data, tmp_path_factory):
    data = make_data()
    _symlink_dir(data, tmp_path_factory.mktemp("outside"))
    report = validate(data)
    assert codes(report) == {"LB118"}, show(report.diagnostics)
    assert len(report.diagnostics) == 1


@pytest.mark.parametrize("make_link", [_symlink_file, _symlink_dir], ids=["file", "directory"])
def test_lb118_names_the_symlink_not_its_target(make_data, tmp_path, make_link):
    """Regression: display_path used to resolve the symlink, so with the target under the working directory the
    diagnostic named the target (e.g. 'elsewhere.yaml') instead of the link inside data/ that must be fixed."""
    data = make_data()
    link = make_link(data, tmp_path)  # the target is inside the working directory, as in a repository checkout
    report = validate(data)
    assert codes(report) == {"LB118"}, show(report.diagnostics)
    assert [d.path for d in report.diagnostics] == [link]


def _boom_for_hopdraft(ctx, src):
    if src.path.name == "hopdraft.yaml":
        raise ZeroDivisionError("synthetic failure")
    return []


_BOOM = Rule("_boom_for_hopdraft", "file", "paper", frozenset(), _boom_for_hopdraft, "raises on hopdraft.yaml")


def test_lb900_rule_that_raises(make_data, monkeypatch):
    data = make_data()
    monkeypatch.setattr(registry, "RULES", (*registry.RULES, _BOOM))
    report = validate(data)
    assert codes(report) == {"LB900"}, show(report.diagnostics)
    (diag,) = report.diagnostics
    assert diag.path == "data/papers/hopdraft.yaml"
    assert "_boom_for_hopdraft" in diag.message and "ZeroDivisionError" in diag.message


def test_lb900_does_not_hide_the_other_rules(make_data, monkeypatch):
    data = make_data(FIXTURES / "invalid" / "LB104-value-not-in-evidence")
    monkeypatch.setattr(registry, "RULES", (_BOOM, *registry.RULES))
    report = validate(data)
    assert codes(report) == {"LB900", "LB104"}, show(report.diagnostics)


def test_lb142_imported_value_differs_from_its_local_file(make_data):
    """An imported result whose local copy (evidence.file.path, beside the data folder) holds another number."""
    data = make_data(FIXTURES / "invalid" / "LB140-imported-value-not-in-quote")
    raw = b'{"results": {"hop": {"speedup": 2.5}}}'
    (data.parent / "results.json").write_bytes(raw)
    paper = data / "papers" / "hopdraft.yaml"
    text = paper.read_text().replace("0" * 64, hashlib.sha256(raw).hexdigest()).replace("2.1'", "2.4'")
    paper.write_text(text.replace("        sha256:", "        path: results.json\n        sha256:"))
    report = validate(data)
    assert [(d.code, d.field) for d in report.diagnostics] == [("LB142", "results[0].metrics.speedup.value")]
    assert "2.4 is not what results.json holds at /results/hop/speedup (2.5)" in report.diagnostics[0].message


GENERATED = {
    "LB006": test_lb006_invalid_utf8,
    "LB142": test_lb142_imported_value_differs_from_its_local_file,
    "LB007": test_lb007_file_over_one_megabyte,
    "LB118": test_lb118_symlinked_file,
    "LB900": test_lb900_rule_that_raises,
}


def test_every_code_has_a_fixture_or_a_generated_test():
    fixture_codes = {case.name.split("-", 1)[0] for case in INVALID_CASES}
    missing = sorted(set(CODES) - fixture_codes - set(GENERATED))
    assert not missing, f"codes without a fixture in tests/fixtures/invalid/ or a GENERATED test: {missing}"
    assert set(GENERATED) <= set(CODES)
    assert all(fn.__name__.startswith("test_") and fn.__name__ in globals() for fn in GENERATED.values())


def test_every_fixture_dir_is_named_after_a_known_code():
    for case in INVALID_CASES:
        code, _, slug = case.name.partition("-")
        assert code in CODES and slug, f"{case.name}: name it <CODE>-<slug> with a code from diagnostics.CODES"
        assert (case / "expect.json").is_file(), f"{case.name} has no expect.json"


RULES_DIR = Path(leaderboard.rules.__file__).parent


def _package_methods() -> dict[str, list]:
    """The methods of the classes of leaderboard.rules, by name (`obj.name(...)` may call any of them)."""
    methods: dict[str, list] = {}
    for path in sorted(RULES_DIR.glob("*.py")):
        module = importlib.import_module(f"leaderboard.rules.{path.stem}".removesuffix(".__init__"))
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__:
                for name, fn in vars(cls).items():
                    if inspect.isfunction(fn):
                        methods.setdefault(name, []).append(fn)
    return methods


def _static_codes(fn, methods: dict[str, list], seen: set) -> set[str]:
    """The codes a function of leaderboard.rules can emit: the code literals in its source, and those of the
    package's functions it names and of the package's methods it calls."""
    if fn in seen or not fn.__module__.startswith("leaderboard.rules"):
        return set()
    seen.add(fn)
    module = sys.modules[fn.__module__]
    codes: set[str] = set()
    for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(fn)))):
        named = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"LB\d{3}", node.value):
            codes.add(node.value)
        elif isinstance(node, ast.Name):
            named = [getattr(module, node.id, None)]
        elif isinstance(node, ast.Attribute):
            base = getattr(module, node.value.id, None) if isinstance(node.value, ast.Name) else None
            named = [getattr(base, node.attr, None)] if inspect.ismodule(base) else methods.get(node.attr, [])
        for other in named:
            if inspect.isfunction(other):
                codes |= _static_codes(other, methods, seen)
    return codes


def test_every_rule_declares_exactly_the_codes_it_can_emit():
    """A rule's codes are the codes its check (with the helpers it calls) can emit: no more, no fewer. So a
    code is declared by exactly the rules that emit it, and the registry is the one list of who says what."""
    methods = _package_methods()
    names = [rule.name for rule in registry.RULES]
    assert len(set(names)) == len(names), "two rules share a name"
    wrong = {}
    for rule in registry.RULES:
        assert rule.name == rule.check.__name__, f"{rule.name}: the LB900 message names the check by its name"
        assert rule.scope in ("file", "corpus") and rule.kind in ("paper", "benchmark", "vocabulary", "*")
        assert rule.codes and rule.codes <= set(CODES), f"{rule.name}: {sorted(rule.codes - set(CODES))}"
        assert rule.description and "\n" not in rule.description
        can = _static_codes(rule.check, methods, set())
        if can != rule.codes:
            wrong[rule.name] = f"declares {sorted(rule.codes)}, can emit {sorted(can)}"
    assert not wrong, wrong
    # The codes no rule declares come from loading, the schema step or run_rules itself (LB900).
    declared = set().union(*(rule.codes for rule in registry.RULES))
    emitters = [p for p in RULES_DIR.parent.glob("*.py") if p.name != "diagnostics.py"]  # not the table itself
    outside = set()
    for path in [*emitters, *RULES_DIR.glob("schema*.py"), RULES_DIR / "__init__.py"]:
        outside |= set(re.findall(r'"(LB\d{3})"', path.read_text(encoding="utf-8")))
    assert set(CODES) - declared <= outside, f"codes nothing emits: {sorted(set(CODES) - declared - outside)}"


def test_rules_emit_only_their_declared_codes(tmp_path, monkeypatch):
    """At run time, over every failing fixture and the real data/, no rule emits a code it does not declare."""
    emitted: dict[str, set[str]] = {}

    def watched(rule: Rule) -> Rule:
        def check(*args):
            for found in rule.check(*args):
                emitted.setdefault(rule.name, set()).add(found.code)
                yield found

        return dataclasses.replace(rule, check=check)

    monkeypatch.setattr(registry, "RULES", tuple(watched(rule) for rule in registry.RULES))
    monkeypatch.chdir(tmp_path)
    reports = []
    for case in INVALID_CASES:
        data = tmp_path / case.name / "data"
        shutil.copytree(BASE, data)
        shutil.copytree(case, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expect.json"))
        reports.append(validate(data))
    reports.append(validate(Path(__file__).resolve().parents[1] / "data"))
    declared = {rule.name: rule.codes for rule in registry.RULES}
    undeclared = {name: sorted(codes - declared[name]) for name, codes in emitted.items() if codes - declared[name]}
    assert not undeclared, f"rules emitted codes they do not declare: {undeclared}"
    assert not [d for r in reports for d in r.diagnostics if d.code == "LB900"], "a watched rule failed"
    fixture_codes = {case.name.split("-", 1)[0] for case in INVALID_CASES}
    seen = set().union(*emitted.values())
    assert (fixture_codes & set().union(*declared.values())) <= seen, "the watched rules did not run"


# --- behaviour around the codes ----------------------------------------------------------------------------------


def test_several_bad_files_are_all_reported_in_one_run(make_data):
    picked = [
        "LB104-value-not-in-evidence",
        "LB113-percent-as-fraction",
        "LB013-invalid-date",
        "LB117-primary-metric-undeclared",
    ]
    cases = [FIXTURES / "invalid" / name for name in picked]
    report = validate(make_data(*cases))
    got = {(d.code, d.path, d.line, d.col) for d in report.diagnostics}
    want = {(e["code"], f"data/{e['path']}", e["line"], e["col"]) for e in map(_expect, cases)}
    assert got == want, show(report.diagnostics)


def test_diagnostics_are_sorted_by_file_and_position(make_data):
    report = validate(make_data(FIXTURES / "invalid" / "LB104-value-not-in-evidence"))
    data = report.corpus.root
    path = data / "papers" / "hopdraft.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2023-11"', 'date: "2999-11"'), encoding="utf-8")
    diags = validate(data).diagnostics
    assert [(d.code, d.line) for d in diags] == [("LB111", 5), ("LB104", 10)]


def test_validate_paths_reports_only_on_those_files(make_data):
    data = make_data(
        FIXTURES / "invalid" / "LB104-value-not-in-evidence", FIXTURES / "invalid" / "LB113-percent-as-fraction"
    )
    only = validate(data, [data / "papers" / "hopdraft.yaml"])
    assert [(d.code, d.path) for d in only.diagnostics] == [("LB104", "data/papers/hopdraft.yaml")]
    clean = validate(data, [data / "papers" / "fastdet.yaml"])
    assert clean.diagnostics == []
    folder = validate(data, [data / "papers"])
    assert codes(folder) == {"LB104", "LB113"}


def test_percent_slip_is_not_reported_for_other_units(make_data):
    """0.5 where the quote says 50 is LB113 only for percentages; for a ratio it is plainly not in the quote."""
    data = make_data()
    path = data / "papers" / "hopdraft.yaml"
    text = path.read_text(encoding="utf-8").replace("{value: 2.1}", "{value: 0.21}")
    path.write_text(text.replace("by 2.1x", "by 21x"), encoding="utf-8")
    assert codes(validate(data)) == {"LB104"}


def test_evidence_numbers_with_thousands_separators_are_found(make_data):
    data = make_data()
    path = data / "papers" / "fastdet.yaml"
    text = path.read_text(encoding="utf-8").replace("fps: {value: 210}", "fps: {value: 1210}")
    path.write_text(text.replace("at 210 / 96 FPS", "at 1,210 / 96 FPS"), encoding="utf-8")
    assert validate(data).diagnostics == []


def test_fix_for_unquoted_version_keeps_what_the_contributor_wrote(make_data):
    """Regression: the fix said `quote it: "3.1"` for `version: 3.10`; following it changed the version."""
    data = make_data()
    path = data / "benchmarks" / "draft-speedup.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('version: "1"', "version: 3.10"), encoding="utf-8")
    (diag,) = validate(data).diagnostics
    assert '"3.10"' in diag.fix_text, diag.fix_text


@pytest.mark.parametrize(
    ("old", "new"),
    [("    min: 0\n    max: 100\n", '    min: "0"\n    max: 100\n'), ("    max: 100\n", '    max: "100"\n')],
    ids=["min-quoted", "max-quoted"],
)
def test_schema_error_in_benchmark_metric_is_not_an_internal_error(make_data, old, new):
    """Regression: a quoted number in a benchmark's metric bounds made rules crash (LB900 'report this as a bug')
    in the benchmark and in every paper that uses it, instead of only the schema's LB012."""
    data = make_data()
    path = data / "benchmarks" / "grade-math.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    report = validate(data)
    assert codes(report) == {"LB012"}, show(report.diagnostics)


def test_metrics_not_a_list_is_not_an_internal_error(make_data):
    """Regression: `metrics: 5` in a benchmark crashed four rules (LB900) besides the schema's LB012."""
    data = make_data()
    path = data / "benchmarks" / "draft-speedup.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("metrics:\n"), text.index("primary_metric:")
    path.write_text(text[:start] + "metrics: 5\n" + text[end:], encoding="utf-8")
    report = validate(data)
    assert "LB900" not in codes(report), show(report.diagnostics)
    assert "LB012" in codes(report)


def test_messages_never_end_with_a_doubled_full_stop(make_data):
    """Fixes taken from schema descriptions already end with '.'; the line must not end in '..'."""
    cases = [FIXTURES / "invalid" / n for n in ("LB013-invalid-date", "LB013-arxiv-id-with-version")]
    report = validate(make_data(*cases))
    lines = [diagnostics.format_text(d) for d in report.diagnostics]
    assert lines
    assert not [line for line in lines if line.endswith("..")], "\n".join(lines)
