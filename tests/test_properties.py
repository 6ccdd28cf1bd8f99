"""Property-based tests: whatever a pull request contains, the loader and the validator answer with coded,
located diagnostics; they never crash and never hang."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderboard import yamlsafe
from leaderboard.diagnostics import CODES
from leaderboard.validate import validate

REPO = Path(__file__).resolve().parents[1]
REAL_PAPERS = sorted((REPO / "data" / "papers").glob("*.yaml"))
UNLOCATED = {"LB007"}  # a file too large to read has no line to point at

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True), st.text(max_size=40)
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_load_or_fail_with_a_code(raw: bytes):
    try:
        yamlsafe.load(yamlsafe.decode(raw))
    except yamlsafe.YamlProblem as problem:
        assert problem.code in CODES


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`\t\n ,?0123.")), max_size=200))
def test_yaml_like_text_loads_or_fails_with_a_code(text: str):
    try:
        yamlsafe.load(text)
    except yamlsafe.YamlProblem as problem:
        assert problem.code in CODES
        assert problem.line >= 0


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _mutate(doc, path, kind, new):
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "replace":
        parent[last] = new
    elif isinstance(parent[last], dict):
        parent[last]["x_" + str(new)[:8]] = new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(REAL_PAPERS), st.data())
def test_mutated_real_entries_get_coded_located_diagnostics(tmp_path_factory, paper: Path, data):
    doc = yaml.safe_load(paper.read_text(encoding="utf-8"))
    paths = [p for p in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths))
    _mutate(doc, path, data.draw(st.sampled_from(["delete", "replace", "add"])), data.draw(values))
    root = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(REPO / "data" / "benchmarks", root / "benchmarks")
    shutil.copytree(REPO / "data" / "vocabularies", root / "vocabularies")
    (root / "papers").mkdir()
    head = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
    (root / "papers" / paper.name).write_text(head + yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    report = validate(root)
    for diag in report.diagnostics:
        assert diag.code in CODES and diag.code != "LB900", diag
        assert diag.path.endswith(paper.name), diag
        assert diag.line >= 1 or diag.code in UNLOCATED, diag
