"""The real command line, run as a contributor or CI would run it (a subprocess in a scratch directory)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leaderboard.diagnostics import CODES

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): error (?P<code>LB\d{3})(?: (?P<field>[^:\s]+):)? "
    r"(?P<message>.+)\. Fix: (?P<fix>.+)\.$"
)
SUMMARY = re.compile(r"^(?P<n>\d+) errors? in (?P<files>\d+) of (?P<total>\d+) files\.$")
GITHUB_LINE = re.compile(
    r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^,:]+)::"
)


def expect(name: str) -> dict:
    return json.loads((INVALID / name / "expect.json").read_text(encoding="utf-8"))


def escape_data(text: str) -> str:
    """actions/toolkit command.ts escapeData."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """actions/toolkit command.ts escapeProperty."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- validate: text ----------------------------------------------------------------------------------------------


def test_clean_data_exits_0(make_data, cli, tmp_path):
    make_data()
    proc = cli("validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "7 files checked, no problems.\n"


def test_bad_data_exits_1_with_the_exact_line_and_a_summary(make_data, cli, tmp_path):
    make_data(INVALID / "LB104-value-not-in-evidence")
    proc = cli("validate", "--data", "data", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "data/papers/hopdraft.yaml:10:17: error LB104 results[0].metrics.speedup.value: "
        "2.4 does not appear in the evidence quote. "
        "Fix: copy the quote verbatim so it contains the number, or correct the number.",
        "1 error in 1 of 7 files.",
    ]


def test_a_line_without_field_has_no_empty_field_part(make_data, cli, tmp_path):
    make_data(INVALID / "LB002-duplicate-key")
    proc = cli("validate", cwd=tmp_path)
    first = proc.stdout.splitlines()[0]
    assert first == (
        "data/papers/hopdraft.yaml:9:5: error LB002 duplicate key 'model' (first at line 8). "
        "Fix: keep one of the keys; YAML would silently drop the other value."
    )


def test_all_errors_of_several_bad_files_in_one_run(make_data, cli, tmp_path):
    names = [
        "LB001-colon-in-plain-value",
        "LB013-invalid-date",
        "LB113-percent-as-fraction",
        "LB117-primary-metric-undeclared",
    ]
    make_data(*(INVALID / n for n in names))
    proc = cli("validate", cwd=tmp_path)
    assert proc.returncode == 1
    *lines, last = proc.stdout.splitlines()
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), proc.stdout
    got = {(m["code"], m["path"], int(m["line"]), int(m["col"])) for m in parsed}
    want = {(e["code"], "data/" + e["path"], e["line"], e["col"]) for e in map(expect, names)}
    assert got == want
    assert last == "4 errors in 4 of 7 files."


def test_every_committed_fixture_prints_a_well_formed_line(make_data, cli, tmp_path):
    """All invalid fixtures at once: one process, every line in the documented format, the summary adds up."""
    cases = sorted(p for p in INVALID.iterdir() if p.is_dir())
    # Fixtures replacing the same file cannot be combined; keep the first for each file.
    seen: set[str] = set()
    picked = []
    for case in cases:
        files = {p.relative_to(case).as_posix() for p in case.rglob("*") if p.is_file() and p.name != "expect.json"}
        if not files & seen:
            seen |= files
            picked.append(case)
    make_data(*picked)
    proc = cli("validate", cwd=tmp_path)
    assert proc.returncode == 1
    *lines, last = proc.stdout.splitlines()
    assert lines and all(TEXT_LINE.match(line) for line in lines), proc.stdout
    assert {TEXT_LINE.match(line)["code"] for line in lines} <= set(CODES)
    summary = SUMMARY.match(last)
    assert summary and int(summary["n"]) == len(lines), last
    assert "\r" not in proc.stdout


# --- no traceback, ever ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setup",
    ["missing-data-dir", "missing-path", "binary", "billion-laughs", "list-document", "empty-data"],
)
def test_no_traceback_and_a_clear_exit_code(setup, make_data, cli, tmp_path):
    data = make_data()
    paper = data / "papers" / "hopdraft.yaml"
    args = ["validate"]
    if setup == "missing-data-dir":
        args += ["--data", "nowhere"]
    elif setup == "missing-path":
        args += ["data/papers/nothing.yaml"]
    elif setup == "binary":
        paper.write_bytes(bytes(range(256)) * 8)
    elif setup == "billion-laughs":
        paper.write_text('a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n', encoding="utf-8")
    elif setup == "list-document":
        paper.write_text("- 1\n- 2\n", encoding="utf-8")
    elif setup == "empty-data":
        for path in data.rglob("*.yaml"):
            path.unlink()
    proc = cli(*args, cwd=tmp_path)  # cli() itself fails the test on "Traceback"
    assert proc.returncode == (0 if setup == "empty-data" else 1), proc.stdout + proc.stderr
    assert "internal error" not in proc.stdout + proc.stderr


def test_deeply_nested_value_is_a_diagnostic_not_an_internal_error(make_data, cli, tmp_path):
    """Regression: a note of 1000 nested '[' (2 kB) made check_schema hit RecursionError; the whole run stopped
    with "internal error" and no diagnostic for any file."""
    data = make_data(INVALID / "LB104-value-not-in-evidence")
    paper = data / "papers" / "fastdet.yaml"
    nested = "[" * 1000 + "]" * 1000
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "location: abstract\n", f"location: abstract\n    note: {nested}\n", 1
        )
    )
    proc = cli("validate", cwd=tmp_path)
    assert proc.returncode == 1
    assert "internal error" not in proc.stderr, proc.stderr
    paths = {TEXT_LINE.match(line)["path"] for line in proc.stdout.splitlines()[:-1]}
    assert paths == {"data/papers/fastdet.yaml", "data/papers/hopdraft.yaml"}, proc.stdout


def test_misuse_exits_2(cli, tmp_path):
    assert cli("validate", "--format", "xml", cwd=tmp_path).returncode == 2
    assert cli("no-such-command", cwd=tmp_path).returncode == 2


# --- validate: json and github -----------------------------------------------------------------------------------


def test_json_format_parses_and_has_code_path_line(make_data, cli, tmp_path):
    names = ["LB104-value-not-in-evidence", "LB117-primary-metric-undeclared"]
    make_data(*(INVALID / n for n in names))
    proc = cli("validate", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    rows = doc["diagnostics"]
    assert doc["errors"] == len(rows) == 2
    got = {(r["code"], r["path"], r["line"], r["col"], r["field"]) for r in rows}
    want = {(e["code"], "data/" + e["path"], e["line"], e["col"], e["field"]) for e in map(expect, names)}
    assert got == want
    for row in rows:
        assert row["message"] and row["fix"] and row["title"] == CODES[row["code"]][0]


def test_json_format_on_clean_data(make_data, cli, tmp_path):
    make_data()
    proc = cli("validate", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"diagnostics": [], "errors": 0}


def test_github_format_line(make_data, cli, tmp_path):
    make_data(INVALID / "LB104-value-not-in-evidence")
    proc = cli("validate", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "::error file=data/papers/hopdraft.yaml,line=10,col=17,title=LB104 value not in evidence::"
        "results[0].metrics.speedup.value: 2.4 does not appear in the evidence quote. "
        "Fix: copy the quote verbatim so it contains the number, or correct the number."
    ]
    assert "1 error in 1 of 7 files." in proc.stderr


MODEL_PAYLOAD = "=1+1 50% off%0A::error file=x.yaml::pwned"
KEY_PAYLOAD = "x%\r\n::warning title=a,b:c::injected\n::error::second"


@pytest.fixture
def hostile_data(make_data):
    """A bad paper whose model name and an unknown key carry workflow-command payloads, and a bad file whose
    name holds ',' and ':' (both end up in the annotation's properties)."""
    data = make_data()
    paper = data / "papers" / "hopdraft.yaml"
    text = paper.read_text(encoding="utf-8")
    text = text.replace("    model: HopDraft\n", f"    model: {json.dumps(MODEL_PAYLOAD)}\n")
    text = text.replace("    evidence:\n", f"    {json.dumps(KEY_PAYLOAD)}: 1\n    evidence:\n")
    paper.write_text(text, encoding="utf-8")
    odd = text.replace("id: hopdraft\n", "id: odd-name\n").replace(json.dumps(MODEL_PAYLOAD), "Odd")
    (data / "papers" / "odd,name:v2.yaml").write_text(odd.replace(f"    {json.dumps(KEY_PAYLOAD)}: 1\n", ""))
    return data


def test_github_format_escapes_contributor_text(hostile_data, cli, tmp_path):
    proc = cli("validate", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 1
    rows = json.loads(cli("validate", "--format", "json", cwd=tmp_path).stdout)["diagnostics"]
    assert {r["code"] for r in rows} == {"LB013", "LB010", "LB110"}
    lines = proc.stdout.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    # One annotation per diagnostic; a payload never starts a line of its own.
    assert len(lines) == len(rows)
    assert all(GITHUB_LINE.match(line) for line in lines), proc.stdout
    assert "\r" not in proc.stdout
    # Each line is exactly what actions/toolkit would print for the diagnostic.
    for row, line in zip(rows, lines, strict=True):
        body = f"{row['message'].rstrip('.')}. Fix: {row['fix']}."
        if row["field"]:
            body = f"{row['field']}: {body}"
        props = (
            f"file={escape_property(row['path'])},line={row['line']},col={row['col']},"
            f"title={escape_property(row['code'] + ' ' + row['title'])}"
        )
        assert line == f"::error {props}::{escape_data(body)}"
    assert "file=data/papers/odd%2Cname%3Av2.yaml," in proc.stdout
    assert "50%25 off%250A::error" in proc.stdout
    assert "x%25%0D%0A::warning title=a,b:c::injected%0A::error::second" in proc.stdout


def test_text_format_keeps_one_line_per_diagnostic(hostile_data, cli, tmp_path):
    proc = cli("validate", cwd=tmp_path)
    *lines, last = proc.stdout.split("\n")[:-1]
    assert len(lines) == 3 and last == "3 errors in 2 of 8 files.", proc.stdout
    assert not [line for line in proc.stdout.split("\n") if line.startswith("::")]
    assert "\r" not in proc.stdout


# --- which files, which data -------------------------------------------------------------------------------------


def test_validate_path_reports_only_on_that_path(make_data, cli, tmp_path):
    make_data(INVALID / "LB104-value-not-in-evidence", INVALID / "LB113-percent-as-fraction")
    proc = cli("validate", "data/papers/hopdraft.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert [TEXT_LINE.match(line)["path"] for line in lines[:-1]] == ["data/papers/hopdraft.yaml"]
    assert lines[-1] == "1 error in 1 of 7 files."
    clean = cli("validate", "data/papers/fastdet.yaml", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout


def test_validate_path_still_sees_the_rest_of_the_corpus(make_data, cli, tmp_path):
    """A paper checked alone is still checked against the benchmarks and the other papers."""
    make_data(INVALID / "LB109-arxiv-id-twice")
    proc = cli("validate", "data/papers/stepwise-redux.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert " error LB109 arxiv_id: " in proc.stdout


def test_data_option_selects_another_directory(make_data, cli, tmp_path):
    make_data(name="curated")
    make_data(INVALID / "LB104-value-not-in-evidence", name="data")
    good = cli("validate", "--data", "curated", cwd=tmp_path)
    assert (good.returncode, good.stdout) == (0, "7 files checked, no problems.\n")
    bad = cli("validate", cwd=tmp_path)  # default: ./data
    assert bad.returncode == 1 and bad.stdout.startswith("data/papers/hopdraft.yaml:10:17: error LB104")


def test_data_option_with_an_absolute_path(make_data, cli, tmp_path):
    data = make_data(INVALID / "LB104-value-not-in-evidence", name="curated")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = cli("validate", "--data", data, cwd=elsewhere)
    assert proc.returncode == 1
    assert f"{data.as_posix()}/papers/hopdraft.yaml:10:17: error LB104" in proc.stdout


# --- export and build --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["export"], ["build", "--no-site"], ["build"]], ids=["export", "build-no-site", "build"]
)
def test_export_and_build_on_invalid_data_write_nothing(command, make_data, cli, tmp_path, snapshot):
    make_data(INVALID / "LB104-value-not-in-evidence")
    out = tmp_path / "public"
    (out / "downloads").mkdir(parents=True)
    (out / "downloads" / "results.csv").write_bytes(b"previous,build\r\n1,2\r\n")
    (out / "index.html").write_text("<p>previous site</p>\n", encoding="utf-8")
    (out / "sentinel.txt").write_bytes(b"\x00keep me\n")
    before_out, before_root = snapshot(out), sorted(p.name for p in tmp_path.iterdir())
    proc = cli(*command, "--data", "data", "--out", "public", cwd=tmp_path)
    assert proc.returncode == 1
    assert "error LB104" in proc.stdout
    assert "Nothing was written" in proc.stderr
    assert snapshot(out) == before_out
    assert sorted(p.name for p in tmp_path.iterdir()) == before_root  # no scratch directory left behind


def test_build_no_site_writes_downloads(make_data, cli, tmp_path):
    data = make_data()
    out = tmp_path / "public"
    extra = data / "benchmarks" / "old-bench.yaml"
    extra.write_text((data / "benchmarks" / "grade-math.yaml").read_text().replace("grade-math", "old-bench"))
    assert cli("build", "--no-site", cwd=tmp_path).returncode == 0
    assert (out / "downloads" / "benchmarks" / "old-bench.csv").is_file()
    extra.unlink()
    proc = cli("build", "--no-site", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    downloads = out / "downloads"
    names = {p.name for p in downloads.iterdir()}
    per_bench = {p.name for p in (downloads / "benchmarks").iterdir()}
    for bench in ("draft-speedup", "grade-math", "tiny-detect"):
        assert {f"{bench}.csv", f"{bench}.json", f"{bench}.sota.csv"} <= per_bench
    assert {"results.csv", "results.json", "benchmarks.csv", "benchmarks.json"} <= names
    assert {"grade-math.frontier.csv", "tiny-detect.frontier.csv"} <= per_bench
    assert "draft-speedup.frontier.csv" not in per_bench  # no trade-off declared
    assert "old-bench.csv" not in per_bench  # its own earlier output is replaced whole
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".public")]
    results = (downloads / "results.csv").read_bytes().decode("utf-8")
    assert results.count("\r\n") == 1 + 7  # header + the seven metric values of the base corpus


def test_export_replaces_only_the_downloads(make_data, cli, tmp_path):
    data = make_data()
    out = tmp_path / "site-out"
    extra = data / "benchmarks" / "old-bench.yaml"
    extra.write_text((data / "benchmarks" / "grade-math.yaml").read_text().replace("grade-math", "old-bench"))
    assert cli("export", "--out", "site-out", cwd=tmp_path).returncode == 0
    extra.unlink()
    (out / "index.html").write_text("kept\n", encoding="utf-8")
    proc = cli("export", "--out", "site-out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "kept\n"
    assert not (out / "downloads" / "benchmarks" / "old-bench.csv").exists()
    assert (out / "downloads" / "results.csv").is_file()


def test_export_with_a_missing_data_dir(cli, tmp_path):
    proc = cli("export", "--data", "nowhere", cwd=tmp_path)
    assert proc.returncode == 1
    assert "nowhere" in proc.stderr
    assert not (tmp_path / "public").exists()
