"""The two shortcuts that make clean files cheap must never change a verdict.

yamlfast builds clean documents from libyaml's events instead of PyYAML's composer; the compiled schema
check (fastjsonschema) answers "valid" before jsonschema is asked. Each may say "not sure", never something
the strict path would not say.
"""

from __future__ import annotations

import copy as copy_module
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import _paths as _leaf_paths

from leaderboard import yamlfast, yamlsafe
from leaderboard.rules import schema as schema_rules
from tools.synth import generate

REPO = Path(__file__).resolve().parents[1]
REAL = {
    "paper": sorted((REPO / "data" / "papers").glob("*.yaml")),
    "benchmark": sorted((REPO / "data" / "benchmarks").glob("*.yaml")),
    "vocabulary": sorted((REPO / "data" / "vocabularies").glob("*.yaml")),
}


def _strict(text: str):
    """The strict loader's verdict: the document, or the code of the problem it reports."""
    try:
        return yamlsafe.load_strict(text)
    except yamlsafe.YamlProblem as problem:
        return problem.code


def _same(a, b) -> bool:
    """Equality that also tells 1 from True and 1.0 from 1, and lets NaN equal NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _agrees(text: str) -> None:
    fast = yamlsafe._FAST.load(text)
    if fast is not yamlfast.UNSURE:
        assert _same(fast, _strict(text)), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`\t\n ,?0123.~yesnoTrueNull<=eE+_x")), max_size=200))
def test_fast_loader_agrees_with_strict_loader_on_yaml_like_text(text: str):
    _agrees(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab:-[]{}?\\"\n 0179aefvxuUNLP_FDd"')), max_size=120))
def test_fast_loader_agrees_with_strict_loader_on_escapes_and_nesting(text: str):
    """Escapes that may write a control character, explicit keys and nesting: where the loader's new limits apply."""
    _agrees(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.sampled_from([2**53, -(2**53), 2**53 + 1, -(2**53) - 1, 10**30]),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.text(st.sampled_from(["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\ufdd0", "\ufffe", "\U0010ffff", "a", "\u2028"])),
    st.sampled_from(["yes", "No", "on", "~", "0x1F", "0o17", "1_000", "1:30", "2024-05-01", "3.10", ".inf", "<<", "="]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(scalars, inner, max_size=4)),
    max_leaves=15,
)


@settings(max_examples=400, deadline=None)
@given(documents, st.booleans())
def test_fast_loader_agrees_with_strict_loader_on_dumped_documents(doc, flow: bool):
    _agrees(yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True))


def test_fast_loader_hands_unusual_files_to_the_strict_loader():
    for text in (
        "a: &x 1\nb: *x\n",
        "a: 1\na: 2\n",
        "a: !!python/object:os.system x\n",
        "a: 1\n---\nb: 2\n",
        "<<: {a: 1}\n",
        '"a\\0b": 1\n',
        'a: "\\uFFFF"\n',
        "1: a\n",
        "yes: a\n",
        "a: 9007199254740993\n",
        "a: " + "[" * (yamlsafe.MAX_DEPTH + 1) + "]" * (yamlsafe.MAX_DEPTH + 1) + "\n",
        "? " * (yamlsafe.MAX_DEPTH + 1) + "x\n",
    ):
        assert yamlsafe._FAST.load(text) is yamlfast.UNSURE, text


@pytest.mark.parametrize(
    "text",
    [
        '"a\\0b": 1\n',
        'a: "x\\e"\n',
        'a: "\\x9b"\n',
        "a: \ufdd0\n",
        "1: a\n",
        "~: a\n",
        "a: 99999999999999999999\n",
        "? " * 10_000 + "x\n",
        "- ? " * 10_000 + "x\n",
        "- " * 40 + "[" * 40 + "x" + "]" * 40 + "\n",
        "a: {b: [1, 2], c: '\\x41'}\n",
    ],
)
def test_fast_and_strict_loading_give_one_verdict(text: str):
    """load() (fast path first) and load_strict() on inputs the fast loader must leave alone: one answer."""

    def verdict(load):
        try:
            return load(text)
        except yamlsafe.YamlProblem as problem:
            return (problem.code, problem.line, problem.col)

    assert _same(verdict(yamlsafe.load), verdict(yamlsafe.load_strict)), text


def test_every_real_file_takes_the_fast_paths():
    """Otherwise the speed measured in tests/benchmarks is not the speed a real corpus gets."""
    for kind, paths in REAL.items():
        assert schema_rules.fast_validator(kind) is not None
        for path in paths:
            data = yamlsafe._FAST.load(path.read_text(encoding="utf-8"))
            assert data is not yamlfast.UNSURE, path
            assert schema_rules.passes_fast(kind, data), path


MUTATIONS = (
    None,
    True,
    0,
    1,
    -1,
    1.5,
    float("nan"),
    "",
    "x",
    "Upper Case",
    "=1+1",
    "x" * 201,
    "x" * 2001,
    "x" * 20001,
    "a\x00b",
    "a\x85b",
    "a\uffffb",
    2**53,
    2**63,
    10**30,
    1e308,
    [],
    {},
    {"x": 1},
)


def _mutants(doc):
    """Every node replaced by each value of MUTATIONS, deleted, or given an unknown key."""
    for path in [p for p in _leaf_paths(doc) if p]:
        for action, new in [("delete", None), ("add", 1), *(("replace", m) for m in MUTATIONS)]:
            copy = copy_module.deepcopy(doc)
            parent = copy
            for part in path[:-1]:
                parent = parent[part]
            if action == "replace":
                parent[path[-1]] = new
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent[path[-1]], dict):
                parent[path[-1]]["unknown_field"] = new
            else:
                continue
            yield path, action, new, copy


@pytest.mark.parametrize("kind", ["paper", "benchmark"])
def test_compiled_schema_check_never_accepts_what_jsonschema_rejects(kind: str):
    """Exhaustive over every node of a few real files: each kind of wrong value in each place."""
    checked = 0
    for path in REAL[kind][:6]:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, action, new, mutant in _mutants(doc):
            if schema_rules.passes_fast(kind, mutant):
                errors = list(schema_rules.validator(kind).iter_errors(mutant))
                assert not errors, (path.name, where, action, repr(new)[:40], errors[0].message[:200])
            checked += 1
    assert checked > 1000


def test_synthetic_corpus_takes_the_fast_paths(tmp_path: Path):
    generate(tmp_path / "synth", papers=40, seed=3)
    for kind in ("benchmark", "paper"):
        for path in sorted((tmp_path / "synth" / f"{kind}s").glob("*.yaml")):
            data = yamlsafe._FAST.load(path.read_text(encoding="utf-8"))
            assert data is not yamlfast.UNSURE and schema_rules.passes_fast(kind, data), path
            assert not list(schema_rules.validator(kind).iter_errors(data)), path
