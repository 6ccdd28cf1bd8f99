"""Chart specs filled from templates are exactly what Altair builds for the same charts, on the real corpus and
a synthetic one; a template never leaves a hole or reads a contributed string as one; static SVGs are drawn
only when asked for, and without them a reader without JavaScript is pointed at the table."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest

from leaderboard import aggregate, comparability, resources, tables
from leaderboard.corpus import load_corpus
from leaderboard.site import chartdecl, chartfiles, charts, spectemplate
from tools.synth import generate

REPO = Path(__file__).resolve().parents[1]


def _groups(corpus):
    ranked = aggregate.with_ranks(tables.results_frame(corpus))
    for source in sorted(corpus.of_kind("benchmark"), key=lambda s: s.data["id"]):
        bench = source.data
        rows = ranked.filter(pl.col("benchmark") == bench["id"])
        parts = (aggregate.leaderboard(rows), aggregate.sota_progression(rows), aggregate.tradeoff_points(rows, bench))
        for _, group in sorted(comparability.comparable_groups(rows)):
            yield bench, group, [frame.filter(pl.col("group") == group) for frame in parts]


def _filled_and_reference(corpus, monkeypatch) -> list[tuple[str, dict, dict]]:
    made: list[tuple[str, tuple, dict, dict, dict]] = []
    filled = charts._spec

    def spy(kind, layout, values, data):
        spec = filled(kind, layout, values, data)
        made.append((kind, layout, copy.deepcopy(values), copy.deepcopy(data), copy.deepcopy(spec)))
        return spec

    monkeypatch.setattr(charts, "_spec", spy)
    for bench, group, parts in _groups(corpus):
        chartfiles._group_specs(bench, {m["id"]: m for m in bench["metrics"]}, group, *parts)
    return [
        (kind, spec, chartdecl.reference_spec(kind, layout, values, data)) for kind, layout, values, data, spec in made
    ]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synth")
    generate(root, papers=120, seed=11, benchmarks=6)
    return root


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_every_filled_spec_equals_what_altair_builds(which, synthetic, monkeypatch):
    corpus = load_corpus(REPO / "data" if which == "real" else synthetic)
    made = _filled_and_reference(corpus, monkeypatch)
    kinds = {kind for kind, _, _ in made}
    assert kinds == {"sota", "ranking", "tradeoff"}, kinds  # every chart kind is compared
    for kind, spec, reference in made:
        assert not spectemplate.unfilled(spec), kind
        assert spec == reference, kind


def test_a_template_is_built_once_per_layout(synthetic, monkeypatch):
    charts._template.cache_clear()
    made = _filled_and_reference(load_corpus(synthetic), monkeypatch)
    assert charts._template.cache_info().currsize < len(made) / 5


def test_the_shipped_templates_are_the_declarations_compiled_now():
    """chart_templates.json is what chartdecl.py declares, compiled by the pinned Altair, for every layout."""
    from scripts.chart_templates import compiled

    shipped = json.loads(resources.package_bytes(charts.TEMPLATES))
    assert shipped == json.loads(json.dumps(compiled())), "stale: run `python scripts/chart_templates.py`"
    assert len(shipped) == sum(len(layouts) for layouts in chartdecl.LAYOUTS.values())


def test_a_build_does_not_load_altair():
    """The templates ship with the package: drawing every chart of the real corpus never imports Altair."""
    code = (
        "import sys; from pathlib import Path; from leaderboard.site import chartfiles, charts;"
        "from leaderboard.corpus import load_corpus; from leaderboard import aggregate, tables;"
        f"c = load_corpus(Path({str(REPO / 'data')!r})); r = aggregate.with_ranks(tables.results_frame(c));"
        "b = c.of_kind('benchmark');"
        "import tempfile; d = Path(tempfile.mkdtemp());"
        "n = sum(len(chartfiles.write_charts(s.data, r.filter(r['benchmark'] == s.data['id']), d)) for s in b);"
        "assert n > 0; print('altair' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"


def test_a_contributed_string_that_looks_like_a_hole_stays_as_written():
    title = "Accuracy " + spectemplate.hole("index") + " {x}"
    template = {"title": spectemplate.hole("axis"), "filter": "datum.g == " + spectemplate.hole("index")}
    spec = spectemplate.fill(template, {"axis": title, "index": 3}, {})
    assert spec == {"title": title, "filter": "datum.g == 3"}


def test_a_missing_value_is_found_not_published():
    template = {"height": spectemplate.number("height"), "title": spectemplate.hole("title")}
    assert spectemplate.unfilled(spectemplate.fill(template, {"title": "T"}, {}))
    assert not spectemplate.unfilled(spectemplate.fill(template, {"title": "T", "height": 60}, {}))


def _charted(synthetic):
    corpus = load_corpus(synthetic)
    ranked = aggregate.with_ranks(tables.results_frame(corpus))
    bench = next(b for b, _, _ in _groups(corpus))
    return bench, ranked.filter(pl.col("benchmark") == bench["id"])


def test_static_svgs_only_when_asked(synthetic, tmp_path):
    bench, ranked = _charted(synthetic)
    without = chartfiles.write_charts(bench, ranked, tmp_path / "plain")
    assert without and not any(svg for entries in without.values() for _, _, svg in entries)
    assert not list((tmp_path / "plain").glob("*.svg"))
    with_svg = chartfiles.write_charts(bench, ranked, tmp_path / "static", static=True)
    assert all(svg for entries in with_svg.values() for _, _, svg in entries)
    svgs = sorted((tmp_path / "static").glob("*.svg"))
    assert len(svgs) == sum(len(entries) for entries in with_svg.values())
    for path in svgs:
        assert ET.fromstring(path.read_bytes()).tag.endswith("svg")
    # The chart specs are the same either way.
    for path in sorted((tmp_path / "plain").glob("*.json")):
        assert path.read_bytes() == (tmp_path / "static" / path.name).read_bytes()


def test_the_svgs_drawn_across_workers_are_the_ones_drawn_here(synthetic):
    specs = [
        spec
        for b, group, parts in _groups(load_corpus(synthetic))
        for spec in chartfiles._group_specs(b, {m["id"]: m for m in b["metrics"]}, group, *parts).values()
        if spec is not None
    ][: chartfiles._POOL_FROM + 2]
    assert len(specs) >= chartfiles._POOL_FROM
    assert chartfiles._svgs(specs) == [chartfiles._svg(spec) for spec in specs]
