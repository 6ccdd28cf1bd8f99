"""Downloads: RFC 4180 CSV in UTF-8 that a spreadsheet cannot execute, JSON with the same rows, stable bytes."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
from pathlib import Path

import polars as pl
import pytest
from hostile.payloads import looks_like_formula

from leaderboard import build, export, publish, tables
from leaderboard.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
REQUIRED_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "metric",
    "value",
    "unit",
    "higher_is_better",
    "model",
    "paper_id",
    "paper_title",
    "arxiv_id",
    "paper_url",
    "date",
    "evidence",
    "conditions",
]
TRICKY_MODEL = 'HopDraft, "big" Würfel-草稿 50%'


def downloads(data: Path, out: Path) -> Path:
    report = validate(data)
    assert report.ok, report.diagnostics
    build.export_downloads(report.corpus, out / "downloads")
    return out / "downloads"


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def csv_dicts(path: Path) -> list[dict[str, str]]:
    header, *rows = read_csv(path)
    return [dict(zip(header, row, strict=True)) for row in rows]


def same_cell(text: str, value) -> bool:
    """A CSV cell against the JSON value of the same row and column."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return text != "" and math.isclose(float(text), value, rel_tol=0, abs_tol=0)
    return text == ("'" + value if looks_like_formula(value) else value)


@pytest.fixture
def rich_downloads(make_data, tmp_path) -> Path:
    """Base corpus plus a paper with commas, quotes and non-ASCII text and one with std, runs and flags."""
    data = make_data(VALID / "punctuation-and-unicode", VALID / "std-runs-and-flags")
    return downloads(data, tmp_path / "out")


# --- results.csv -------------------------------------------------------------------------------------------------


def test_results_csv_has_the_documented_columns_in_a_stable_order(rich_downloads, make_data, tmp_path):
    header = read_csv(rich_downloads / "results.csv")[0]
    assert [c for c in header if c in REQUIRED_COLUMNS] == REQUIRED_COLUMNS
    assert len(header) == len(set(header))
    # The order does not depend on what the data happens to contain.
    other = downloads(make_data(VALID / "value-kinds", name="other"), tmp_path / "other-out")
    assert read_csv(other / "results.csv")[0] == header


def test_results_csv_rows_match_the_data(rich_downloads):
    rows = csv_dicts(rich_downloads / "results.csv")
    assert len(rows) == 7
    tricky = [r for r in rows if r["paper_id"] == "hopdraft"]
    assert len(tricky) == 1
    row = tricky[0]
    assert row["model"] == TRICKY_MODEL
    assert row["paper_title"] == 'HopDraft: Drafting Several Tokens per Hop, "Fast" Édition — 草稿'
    assert row["evidence"] == 'HopDraft speeds up Llama-2-7B by 2.1x (greedy, "lossless") — cf. Table 2.'
    assert row["note"] == 'Measured with "torch.compile"; see §5, p. 7.'
    assert (row["benchmark"], row["benchmark_name"], row["metric"], row["unit"]) == (
        "draft-speedup",
        "Draft decoding speedup",
        "speedup",
        "x",
    )
    assert (row["value"], row["higher_is_better"], row["date"], row["arxiv_id"]) == ("2.1", "true", "2023-11", "")
    assert row["paper_url"] == "https://example.org/hopdraft.pdf"
    assert "target_model=Llama-2-7B, chat" in row["conditions"]
    fastdet = {(r["model"], r["metric"]): r for r in rows if r["paper_id"] == "fastdet"}
    assert fastdet["FastDet-L", "box_ap"]["value"] == "51.7"
    assert float(fastdet["FastDet-S", "fps"]["value"]) == 210
    assert fastdet["FastDet-S", "box_ap"]["arxiv_id"] == "2402.04567"


def test_csv_is_rfc4180_with_crlf_and_quoting(rich_downloads):
    raw = (rich_downloads / "results.csv").read_bytes()
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # no bare LF (no cell holds a newline here)
    assert raw.count(b"\r\n") == 1 + 7
    # A cell with a comma and quotes is quoted, with quotes doubled.
    assert '"HopDraft, ""big"" Würfel-草稿 50%"'.encode() in raw


def test_csv_is_utf8_without_replacement(rich_downloads):
    raw = (rich_downloads / "results.csv").read_bytes()
    text = raw.decode("utf-8")  # raises if not UTF-8
    assert "Würfel-草稿" in text and "Édition — 草稿" in text
    assert raw.startswith(b'"benchmark",')  # no byte-order mark; every text cell (the header too) is quoted


def test_write_table_round_trips_newlines_quotes_and_commas(tmp_path):
    texts = ["plain", "comma, inside", 'quote " inside', "line\nbreak", "crlf\r\nbreak", '"', "", None, "草稿"]
    frame = pl.DataFrame({"text": texts, "n": list(range(len(texts)))})
    export.write_table(frame, tmp_path, "t")
    header, *rows = read_csv(tmp_path / "t.csv")
    assert header == ["text", "n"]
    assert [row[0] for row in rows] == ["" if t is None else t for t in texts]
    assert [int(row[1]) for row in rows] == list(range(len(texts)))
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == frame.to_dicts()
    raw = (tmp_path / "t.csv").read_bytes()
    assert b'"line\nbreak"' in raw and b'"crlf\r\nbreak"' in raw and b'"quote "" inside"' in raw


# --- formula injection -------------------------------------------------------------------------------------------


def test_neutralise_prefixes_formula_text_and_leaves_numbers_alone():
    frame = pl.DataFrame(
        {
            "text": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "safe", "a=b", " =1", None],
            "value": [-1.5, -2.0, 3.25, 0.0, -0.001, 1e9, -7.0, 2.0, 1.0, None],
            "count": [-1, 2, -3, 4, -5, 6, -7, 8, 9, None],
        }
    )
    out = export.neutralise(frame)
    assert out["text"].to_list() == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "safe",
        "a=b",
        "' =1",  # OWASP: leading whitespace does not make a formula safe
        None,
    ]
    assert out["value"].to_list() == frame["value"].to_list()
    assert out["count"].to_list() == frame["count"].to_list()
    assert out.schema == frame.schema


def test_formula_text_is_prefixed_in_the_csv_file_but_negative_numbers_are_not(tmp_path):
    frame = pl.DataFrame({"model": ["=cmd|' /C calc'!A0", "-x", "ok"], "value": [-53.1, -0.5, 12.0]})
    export.write_table(frame, tmp_path, "t")
    rows = read_csv(tmp_path / "t.csv")[1:]
    assert [r[0] for r in rows] == ["'=cmd|' /C calc'!A0", "'-x", "ok"]
    assert [float(r[1]) for r in rows] == [-53.1, -0.5, 12.0]
    raw = (tmp_path / "t.csv").read_bytes()
    assert b'\r\n"\'-x",-0.5\r\n' in raw  # the number keeps its minus sign, unquoted and unprefixed


def test_formula_padding_is_pythons_whitespace_table():
    """export.FORMULA_PADDING is written out (building it at import would slow every run); it must stay the set
    of characters str.isspace() accepts, plus NUL: c + '=1' is prefixed exactly for those and = + - @ ＝ ＋ － ＠."""
    codes = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    texts = [chr(c) + "=1" for c in codes]
    out = export.neutralise(pl.DataFrame({"t": texts}))["t"].to_list()
    flagged = {c for c, text, cell in zip(codes, texts, out, strict=True) if cell != text}
    expected = {0} | {c for c in codes if chr(c).isspace()} | {ord(ch) for ch in "=+-@＝＋－＠"}
    assert flagged == expected


OWASP_CELLS = {
    " =cmd|' /C calc'!A0": True,
    "\u00a0=1+1": True,
    "\u3000@SUM(A1)": True,
    "\u2028+1": True,
    "\x00=1": True,
    " \t -2": True,
    "\nx": True,
    "＝1+1": True,
    "＋1": True,
    "－1": True,
    "＠SUM(A1)": True,
    " ＝1": True,
    "x;=cmd|' /C calc'!A0": False,  # quoted, so a ';' list separator cannot split it
    "\u200b=1": False,  # zero-width space is not whitespace (and the validator refuses it)
    "a=b": False,
    "1-2": False,
    " ": False,
}


@pytest.mark.parametrize("text", sorted(OWASP_CELLS), ids=ascii)
def test_owasp_formula_rule(text, tmp_path):
    assert looks_like_formula(text) is OWASP_CELLS[text]
    frame = pl.DataFrame({"t": [text], "n": [-1.5]})
    assert export.neutralise(frame)["t"].to_list() == ["'" + text if OWASP_CELLS[text] else text]
    export.write_table(frame, tmp_path, "t")
    raw = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    cell = ("'" if OWASP_CELLS[text] else "") + text
    assert raw == f'"t","n"\r\n"{cell}",-1.5\r\n'  # text quoted, the number bare with its minus sign


def test_every_text_cell_is_quoted_numbers_and_nulls_are_not(tmp_path):
    frame = pl.DataFrame(
        {
            "t": ["a", "", None, "x;y"],
            "f": [-1.5, None, 2.0, 1e20],
            "i": [-1, 2, None, 3],
            "b": [True, None, False, True],
        }
    )
    export.write_table(frame, tmp_path, "t")
    lines = (tmp_path / "t.csv").read_bytes().split(b"\r\n")
    assert lines[1:] == [b'"a",-1.5,-1,"true"', b'"",,2,', b',2.0,,"false"', b'"x;y",1e+20,3,"true"', b""]
    assert [r[0] for r in read_csv(tmp_path / "t.csv")[1:]] == ["a", "", "", "x;y"]


def test_json_downloads_refuse_nan_and_infinity(tmp_path):
    for bad in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError):
            export.write_table(pl.DataFrame({"v": [1.0, bad]}), tmp_path, "t")


# --- per-benchmark tables ----------------------------------------------------------------------------------------


def test_benchmark_csv_has_a_rank_column(rich_downloads):
    rows = csv_dicts(rich_downloads / "benchmarks" / "tiny-detect.csv")
    assert "rank" in rows[0]
    ranks = {r["model"]: r["rank"] for r in rows}
    assert ranks == {"FastDet-L": "1", "FastDet-S": "2"}
    by_model = {r["model"]: r for r in rows}
    assert by_model["FastDet-L"]["value"] == "51.7"
    assert float(by_model["FastDet-L"]["fps"]) == 96  # other metrics become columns
    assert by_model["FastDet-L"]["condition_hardware"] == "T4 GPU"  # conditions become columns


def test_bounds_have_no_rank_in_the_benchmark_csv(make_data, tmp_path):
    out = downloads(make_data(VALID / "value-kinds"), tmp_path / "out")
    rows = csv_dicts(out / "benchmarks" / "draft-speedup.csv")
    by_kind = {r["value_kind"]: r for r in rows}
    assert set(by_kind) == {"range", "up_to", "at_least", "approximate", "point"}
    assert by_kind["range"]["rank"] == by_kind["up_to"]["rank"] == by_kind["at_least"]["rank"] == ""
    assert by_kind["point"]["rank"] == "1" and by_kind["approximate"]["rank"] == "1"  # separate groups
    sota = csv_dicts(out / "benchmarks" / "draft-speedup.sota.csv")
    assert sorted(r["value"] for r in sota) == ["2.0", "2.1"]  # approximate and point, never the bounds


def test_withdrawn_result_is_listed_without_rank(make_data, tmp_path):
    out = downloads(make_data(VALID / "withdrawn-with-reason"), tmp_path / "out")
    (row,) = csv_dicts(out / "benchmarks" / "draft-speedup.csv")
    assert (row["status"], row["rank"]) == ("withdrawn", "")
    assert row["status_reason"] == "The authors found a timing bug and retracted the number."
    assert csv_dicts(out / "benchmarks" / "draft-speedup.sota.csv") == []


# --- JSON and CSV agree; bytes are stable ------------------------------------------------------------------------


def test_every_json_download_has_the_same_rows_as_its_csv(rich_downloads):
    csv_files = sorted(rich_downloads.rglob("*.csv"))
    assert len(csv_files) >= 8
    for csv_path in csv_files:
        header, *rows = read_csv(csv_path)
        records = json.loads(csv_path.with_suffix(".json").read_text(encoding="utf-8"))
        assert len(records) == len(rows), csv_path.name
        for row, record in zip(rows, records, strict=True):
            assert set(record) == set(header), csv_path.name
            for name, cell in zip(header, row, strict=True):
                assert same_cell(cell, record[name]), (csv_path.name, name, cell, record[name])


def test_two_exports_are_byte_identical(make_data, tmp_path):
    data = make_data(VALID / "punctuation-and-unicode", VALID / "std-runs-and-flags")
    first = downloads(data, tmp_path / "one")
    # The same data at another path, exported again.
    moved = tmp_path / "moved" / "data"
    moved.parent.mkdir()
    data.rename(moved)
    second = downloads(moved, tmp_path / "two")
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_exports_do_not_depend_on_hash_seed(make_data, cli, tmp_path):
    """Set and dict iteration order changes with PYTHONHASHSEED; the downloads must not."""
    make_data(VALID / "value-kinds")
    for seed in ("1", "2"):
        proc = cli("export", "--out", f"out-{seed}", cwd=tmp_path, env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
    one, two = tmp_path / "out-1" / "downloads", tmp_path / "out-2" / "downloads"
    names = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_benchmarks_index_counts_primary_results(rich_downloads):
    rows = {r["benchmark"]: r for r in csv_dicts(rich_downloads / "benchmarks.csv")}
    assert {b: r["results"] for b, r in rows.items()} == {"draft-speedup": "1", "grade-math": "2", "tiny-detect": "2"}
    assert rows["tiny-detect"]["primary_metric"] == "box_ap"


def test_results_frame_has_one_row_per_metric_value(make_data):
    report = validate(make_data(VALID / "value-kinds"))
    frame = tables.results_frame(report.corpus)
    hop = frame.filter(pl.col("paper_id") == "hopdraft")
    assert hop.height == 5
    ranged = hop.filter(pl.col("value_kind") == "range").row(0, named=True)
    assert (ranged["value"], ranged["low"], ranged["high"]) == (None, 1.9, 2.6)
    counts = frame.filter(pl.col("paper_id") == "stepwise-math")["parameters_count"].to_list()
    assert sorted(counts) == [1.5e9, 7e9]


def test_results_accepted_as_distinct_get_distinct_ids_and_one_row_each(make_data, tmp_path):
    """BUG: the same run reported as source_type paper and as reproduction passes validation (LB108's key includes
    source_type) but tables.result_id ignores source_type, so both rows share a result_id and every join on it
    (other-metric columns, frontier) multiplies them: tiny-detect.csv gets 4 FastDet-S rows instead of 2."""
    data = make_data()
    paper = data / "papers" / "fastdet.yaml"
    text = paper.read_text(encoding="utf-8")
    first = text[text.index("  - benchmark") : text.index("  - benchmark", text.index("  - benchmark") + 1)]
    paper.write_text(text + first.replace("    conditions:", "    source_type: reproduction\n    conditions:"))
    out = downloads(data, tmp_path / "out")
    results = csv_dicts(out / "results.csv")
    assert len({r["result_id"] for r in results if r["metric"] == "box_ap"}) == 3
    rows = csv_dicts(out / "benchmarks" / "tiny-detect.csv")
    assert sorted((r["model"], r["source_type"]) for r in rows) == [
        ("FastDet-L", "paper"),
        ("FastDet-S", "paper"),
        ("FastDet-S", "reproduction"),
    ]
    assert len(csv_dicts(out / "benchmarks" / "tiny-detect.frontier.csv")) == 3


# --- publishing --------------------------------------------------------------------------------------------------


def test_a_failure_during_export_leaves_the_previous_downloads(make_data, tmp_path, monkeypatch):
    report = validate(make_data())
    out = tmp_path / "public"
    (out / "downloads").mkdir(parents=True)
    (out / "downloads" / "results.csv").write_bytes(b"old\r\n")

    def half_export(results, benchmarks, scratch, claims=None):
        (scratch / "results.csv").write_bytes(b"half-written")
        raise OSError("disk full")

    monkeypatch.setattr(export, "export", half_export)
    with pytest.raises(OSError, match="disk full"):
        build.export_downloads(report.corpus, out / "downloads")
    assert (out / "downloads" / "results.csv").read_bytes() == b"old\r\n"
    assert sorted(os.listdir(out)) == ["downloads"]  # the scratch directory is gone
    assert sorted(os.listdir(out / "downloads")) == ["results.csv"]


def test_staged_replaces_the_target_only_on_success(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    with publish.staged(target) as scratch:
        (scratch / "new.txt").write_text("new", encoding="utf-8")
        assert (target / "old.txt").exists()  # nothing changes until the block succeeds
    assert sorted(os.listdir(target)) == ["new.txt"]
    assert sorted(os.listdir(tmp_path)) == ["site"]
