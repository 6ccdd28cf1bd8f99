"""Reporting stays linear in the number of problems: one file with 10,000 of them gets 10,000 diagnostics, each
at its own line. (Locating once re-composed the whole file per diagnostic: 1,000 problems took over a minute.)
Correctness is asserted here; tests/benchmarks/test_diagnostics_speed.py measures the time."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from toycorpus import BENCH

from leaderboard.rules import schema_load
from leaderboard.validate import validate

N = 10_000
HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
SHORT_BENCH = BENCH.replace("id: toy-math", "id: t").replace("required: true", "required: false")


def many_unknown_metrics(n: int) -> str:
    """n results on lines 5.., each with its own unknown metric (compact: 10,000 stay under the size limit)."""
    rows = "".join(
        f"- {{benchmark: t, model: m{i}, metrics: {{a{i}: {{value: 1}}}}, evidence: {{quote: '1', location: a}}}}\n"
        for i in range(n)
    )
    return f"{HEAD}id: many\ntitle: Many\nresults:\n{rows}"


def _corpus(tmp_path: Path, papers: dict[str, str], bench: str = SHORT_BENCH) -> Path:
    data = tmp_path / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "t.yaml").write_text(bench, encoding="utf-8")
    for name, text in papers.items():
        (data / "papers" / name).write_text(text, encoding="utf-8")
    return data


def test_ten_thousand_unknown_metrics_are_all_reported_and_located(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = many_unknown_metrics(N)
    report = validate(_corpus(tmp_path, {"many.yaml": text}))
    lines = text.splitlines()
    got = {(d.code, d.line, d.col, d.field) for d in report.diagnostics}
    want = {("LB102", 5 + i, lines[4 + i].index(f"a{i}:") + 1, f"results[{i}].metrics.a{i}") for i in range(N)}
    assert got == want


def test_ten_thousand_unknown_fields_are_all_reported_and_located(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fields = "".join(f"x{i}: 1\n" for i in range(N))
    result = (
        "results:\n- {benchmark: t, model: m, metrics: {accuracy: {value: 1}}, evidence: {quote: '1', location: a}}\n"
    )
    report = validate(_corpus(tmp_path, {"many.yaml": f"{HEAD}id: many\ntitle: Many\n{fields}{result}"}))
    got = {(d.code, d.line, d.col, d.field) for d in report.diagnostics}
    assert got == {("LB010", 4 + i, 1, f"x{i}") for i in range(N)}


def test_ten_thousand_wrong_condition_values_are_all_reported_and_located(tmp_path: Path, monkeypatch):
    """A benchmark listing 10,000 mappings as allowed values: jsonschema's uniqueItems compared every pair."""
    monkeypatch.chdir(tmp_path)
    values = ", ".join(f"{{v: {i}}}" for i in range(N))
    bench = SHORT_BENCH.replace("group: true, free_text: true}", f"group: true, values: [{values}]}}")
    report = validate(_corpus(tmp_path, {}, bench=bench))
    got = {(d.code, d.line, d.field) for d in report.diagnostics}
    assert got == {("LB012", 13, f"conditions[0].values[{i}]") for i in range(N)}


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-2, 2),
        st.sampled_from([0.0, 1.0, -1.0, 0.5]),
        st.text(alphabet="ab1", max_size=2),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text("ab", max_size=2), inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(json_values, max_size=5))
def test_linear_unique_items_agrees_with_jsonschema(items: list):
    """Same verdict as jsonschema's pairwise check, including its rules that true is not 1 and 1 is 1.0."""
    check = schema_load.validator("benchmark")
    linear = not list(schema_load._unique_items(check, True, items, {}))
    pairwise = not list(schema_load._PAIRWISE_UNIQUE_ITEMS(check, True, items, {}))
    assert linear == pairwise, items
