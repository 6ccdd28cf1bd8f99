"""Ranking, best per model, state of the art over time and the Pareto frontier, on small hand-made tables."""

from __future__ import annotations

import json

import polars as pl

from leaderboard import aggregate, tables
from leaderboard.validate import validate


def row(model: str, value: float | None, **kw) -> dict:
    """One result row of the tidy table; unspecified columns get plain defaults."""
    base = {name: None for name in tables.SCHEMA}
    base.update(
        benchmark="bench",
        benchmark_name="Bench",
        metric="acc",
        unit="percent",
        higher_is_better=True,
        is_primary=True,
        value_kind="point",
        value=value,
        model=model,
        paper_id=f"paper-{model.lower()}",
        status="active",
        group="all results",
        conditions_json="{}",
        source_type="paper",
    )
    base.update(kw)
    base["result_id"] = kw.get("result_id") or f"{base['paper_id']}/{model}/{base['metric']}/{base['group']}"
    return base


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=tables.SCHEMA, orient="row")


def ranked(*rows: dict) -> pl.DataFrame:
    return aggregate.with_ranks(frame(*rows))


def ranks(df: pl.DataFrame) -> dict[str, int | None]:
    return dict(zip(df["model"].to_list(), df["rank"].to_list(), strict=True))


# --- ranking -----------------------------------------------------------------------------------------------------


def test_higher_is_better_ranks_the_largest_first():
    df = ranked(row("A", 50.0), row("B", 70.0), row("C", 60.0))
    assert ranks(df) == {"A": 3, "B": 1, "C": 2}
    assert df["model"].to_list() == ["B", "C", "A"]  # best first


def test_lower_is_better_ranks_the_smallest_first():
    rows = [
        row(m, v, metric="fid", unit="points", higher_is_better=False) for m, v in [("A", 3.1), ("B", 1.8), ("C", 2.4)]
    ]
    df = ranked(*rows)
    assert ranks(df) == {"A": 3, "B": 1, "C": 2}
    assert df["model"].to_list() == ["B", "C", "A"]


def test_ties_share_a_rank_and_skip_the_next():
    df = ranked(row("A", 90.0), row("B", 80.0), row("C", 80.0), row("D", 70.0))
    assert ranks(df) == {"A": 1, "B": 2, "C": 2, "D": 4}


def test_bounds_ranges_and_withdrawn_rows_get_no_rank_and_do_not_push_others_down():
    df = ranked(
        row("Point", 60.0),
        row("Approx", 55.0, value_kind="approximate"),
        row("UpTo", 99.0, value_kind="up_to"),
        row("AtLeast", 98.0, value_kind="at_least"),
        row("Range", None, value_kind="range", low=90.0, high=97.0),
        row("Withdrawn", 95.0, status="withdrawn", status_reason="bug"),
        row("Superseded", 94.0, status="superseded", status_reason="newer", superseded_by="x"),
    )
    assert ranks(df) == {
        "Point": 1,
        "Approx": 2,
        "UpTo": None,
        "AtLeast": None,
        "Range": None,
        "Withdrawn": None,
        "Superseded": None,
    }


def test_range_claims_its_favourable_end():
    hib = ranked(row("R", None, value_kind="range", low=1.0, high=2.0))
    lib = ranked(row("R", None, value_kind="range", low=1.0, high=2.0, higher_is_better=False))
    assert hib["claimed"].to_list() == [2.0] and lib["claimed"].to_list() == [1.0]


def test_comparison_groups_are_ranked_separately():
    df = ranked(
        row("A", 80.0, group="Split: val"),
        row("B", 70.0, group="Split: val"),
        row("C", 50.0, group="Split: test-dev"),
        row("D", 40.0, group="Split: test-dev"),
    )
    assert ranks(df) == {"A": 1, "B": 2, "C": 1, "D": 2}


def test_metrics_and_benchmarks_are_ranked_separately():
    df = ranked(
        row("A", 80.0),
        row("A", 10.0, metric="fps", unit="fps", is_primary=False),
        row("B", 20.0, metric="fps", unit="fps", is_primary=False),
        row("C", 5.0, benchmark="other"),
    )
    got = {(r["benchmark"], r["metric"], r["model"]): r["rank"] for r in df.iter_rows(named=True)}
    assert got == {
        ("bench", "acc", "A"): 1,
        ("bench", "fps", "A"): 2,
        ("bench", "fps", "B"): 1,
        ("other", "acc", "C"): 1,
    }


def test_leaderboard_keeps_only_the_primary_metric():
    df = ranked(row("A", 80.0), row("A", 10.0, metric="fps", is_primary=False))
    assert aggregate.leaderboard(df)["metric"].to_list() == ["acc"]


# --- best per model ----------------------------------------------------------------------------------------------


def test_best_per_model_keeps_one_row_per_model():
    df = ranked(
        row("A", 50.0, paper_id="p1", date="2023-01"),
        row("A", 70.0, paper_id="p2", date="2023-06"),
        row("A", 60.0, paper_id="p3", date="2024-01"),
        row("A", 95.0, paper_id="p4", value_kind="up_to"),
        row("A", 99.0, paper_id="p5", status="withdrawn", status_reason="bug"),
        row("B", 65.0, paper_id="p6"),
    )
    best = aggregate.best_per_model(df)
    assert sorted(best["model"].to_list()) == ["A", "B"]
    got = {r["model"]: (r["value"], r["paper_id"]) for r in best.iter_rows(named=True)}
    assert got == {"A": (70.0, "p2"), "B": (65.0, "p6")}


def test_best_per_model_is_per_comparison_group():
    df = ranked(row("A", 50.0, group="g1", paper_id="x"), row("A", 40.0, group="g2", paper_id="y"))
    best = aggregate.best_per_model(df)
    assert sorted(zip(best["group"].to_list(), best["value"].to_list(), strict=True)) == [("g1", 50.0), ("g2", 40.0)]


def test_best_per_model_tie_goes_to_the_earliest_paper():
    df = ranked(row("A", 70.0, paper_id="late", date="2024-05"), row("A", 70.0, paper_id="early", date="2023-02"))
    assert aggregate.best_per_model(df)["paper_id"].to_list() == ["early"]


# --- state of the art over time ----------------------------------------------------------------------------------


def test_sota_keeps_only_results_that_beat_every_earlier_one():
    df = ranked(
        row("A", 50.0, date="2020-01"),
        row("B", 45.0, date="2020-06"),  # worse than A: not a new state of the art
        row("C", 60.0, date="2021-01"),
        row("D", 60.0, date="2021-03"),  # equal is not better
        row("E", 99.0),  # unknown date: left out
        row("F", 70.0, date="2022-02-10"),
    )
    sota = aggregate.sota_progression(df)
    assert sota["model"].to_list() == ["A", "C", "F"]
    assert sota["date"].to_list() == ["2020-01", "2021-01", "2022-02-10"]


def test_sota_for_lower_is_better():
    rows = [
        row(m, v, date=d, metric="latency", unit="ms", higher_is_better=False)
        for m, v, d in [("A", 30.0, "2020-01"), ("B", 35.0, "2020-05"), ("C", 20.0, "2021-01"), ("D", 25.0, "2022-01")]
    ]
    assert aggregate.sota_progression(ranked(*rows))["model"].to_list() == ["A", "C"]


def test_sota_ignores_bounds_and_withdrawn_results():
    df = ranked(
        row("A", 50.0, date="2020-01"),
        row("Bound", 90.0, date="2020-02", value_kind="up_to"),
        row("Range", None, date="2020-03", value_kind="range", low=80.0, high=91.0),
        row("Gone", 95.0, date="2020-04", status="withdrawn", status_reason="bug"),
        row("B", 60.0, date="2021-01"),  # still a new best: the claims above do not count
    )
    assert aggregate.sota_progression(df)["model"].to_list() == ["A", "B"]


def test_sota_is_per_comparison_group():
    df = ranked(
        row("A", 90.0, date="2020-01", group="g1"),
        row("B", 40.0, date="2021-01", group="g2"),
        row("C", 50.0, date="2022-01", group="g2"),
    )
    sota = aggregate.sota_progression(df)
    assert sorted(zip(sota["group"].to_list(), sota["model"].to_list(), strict=True)) == [
        ("g1", "A"),
        ("g2", "B"),
        ("g2", "C"),
    ]


def test_sota_same_date_keeps_only_the_better():
    df = ranked(row("A", 50.0, date="2020-01"), row("B", 55.0, date="2020-01"))
    assert aggregate.sota_progression(df)["model"].to_list() == ["B"]


# --- trade-off frontier ------------------------------------------------------------------------------------------

DETECT = {"id": "bench", "primary_metric": "acc", "tradeoff": {"axis": "fps", "conditions": ["hardware"]}}


def detector(model: str, ap: float, fps: float, hardware: str = "T4", fps_kind: str = "point", **kw) -> list[dict]:
    conditions = json.dumps({"hardware": hardware})
    rid = f"{model}@{hardware}"
    common = {"conditions_json": conditions, "result_id": rid, "paper_id": f"p-{model}", **kw}
    return [
        row(model, ap, **common),
        row(model, fps, metric="fps", unit="fps", is_primary=False, value_kind=fps_kind, **common),
    ]


def frontier(df: pl.DataFrame) -> dict[str, bool]:
    points = aggregate.tradeoff_points(df, DETECT)
    return {f"{r['model']}@{r['frontier_group']}": r["on_frontier"] for r in points.iter_rows(named=True)}


def test_frontier_marks_the_pareto_optimal_points():
    df = ranked(
        *detector("Fast", 50.0, 100.0),
        *detector("Accurate", 55.0, 50.0),
        *detector("Dominated", 45.0, 80.0),  # slower and worse than Fast
        *detector("AlsoDominated", 54.0, 30.0),  # slower and worse than Accurate
        *detector("Middle", 52.0, 70.0),
    )
    got = {k.split("@")[0]: v for k, v in frontier(df).items()}
    assert got == {"Fast": True, "Accurate": True, "Middle": True, "Dominated": False, "AlsoDominated": False}


def test_frontier_x_is_the_trade_off_metric():
    df = ranked(*detector("Fast", 50.0, 100.0), *detector("Accurate", 55.0, 50.0))
    points = aggregate.tradeoff_points(df, DETECT)
    assert dict(zip(points["model"].to_list(), points["x"].to_list(), strict=True)) == {"Fast": 100.0, "Accurate": 50.0}
    assert dict(zip(points["model"].to_list(), points["value"].to_list(), strict=True)) == {
        "Fast": 50.0,
        "Accurate": 55.0,
    }


def test_frontier_is_per_frontier_group():
    """Speed on different hardware is not comparable: an A100 point does not dominate a T4 point."""
    df = ranked(*detector("Big", 60.0, 300.0, hardware="A100"), *detector("Small", 50.0, 100.0, hardware="T4"))
    got = frontier(df)
    assert got == {"Big@all results; hardware: A100": True, "Small@all results; hardware: T4": True}


def test_frontier_leaves_out_bounds_and_withdrawn_results():
    df = ranked(
        *detector("Fast", 50.0, 100.0),
        *detector("Claimed", 70.0, 500.0, fps_kind="up_to"),  # speed is only a bound
        *detector("Gone", 80.0, 400.0, status="withdrawn", status_reason="bug"),
    )
    assert {k.split("@")[0] for k in frontier(df)} == {"Fast"}


def test_frontier_with_parameters_axis_prefers_fewer_parameters():
    spec = {"id": "bench", "primary_metric": "acc", "tradeoff": {"axis": "parameters"}}
    df = ranked(
        row("Small", 50.0, parameters="1B", parameters_count=1e9),
        row("Large", 60.0, parameters="7B", parameters_count=7e9),
        row("Waste", 55.0, parameters="13B", parameters_count=13e9),
        row("Unknown", 99.0),
    )
    points = aggregate.tradeoff_points(df, spec)
    got = dict(zip(points["model"].to_list(), points["on_frontier"].to_list(), strict=True))
    assert got == {"Small": True, "Large": True, "Waste": False}


def test_frontier_with_a_lower_is_better_axis():
    spec = {"id": "bench", "primary_metric": "acc", "tradeoff": {"axis": "latency"}}

    def pair(model: str, acc: float, ms: float) -> list[dict]:
        rid = {"result_id": f"r-{model}", "paper_id": f"p-{model}"}
        lat = row(model, ms, metric="latency", unit="ms", higher_is_better=False, is_primary=False, **rid)
        return [row(model, acc, **rid), lat]

    df = ranked(*pair("Quick", 50.0, 5.0), *pair("Slow", 60.0, 20.0), *pair("Worse", 55.0, 25.0))
    points = aggregate.tradeoff_points(df, spec)
    got = dict(zip(points["model"].to_list(), points["on_frontier"].to_list(), strict=True))
    assert got == {"Quick": True, "Slow": True, "Worse": False}


def test_no_tradeoff_declared_gives_no_points():
    df = ranked(*detector("Fast", 50.0, 100.0))
    assert aggregate.tradeoff_points(df, {"id": "bench", "primary_metric": "acc"}).is_empty()


# --- end to end from YAML ----------------------------------------------------------------------------------------


def test_frontier_and_groups_from_a_corpus(make_data):
    data = make_data()
    paper = data / "papers" / "fastdet.yaml"
    text = paper.read_text(encoding="utf-8")
    extra = (
        "  - benchmark: tiny-detect\n    model: FastDet-Slow\n    metrics:\n"
        "      box_ap: {value: 44.0}\n      fps: {value: 30}\n"
        "    conditions:\n      split: val\n      hardware: T4 GPU\n"
        '    evidence:\n      quote: "FastDet-Slow: 44.0 AP at 30 FPS."\n      location: Table 9\n'
        "  - benchmark: tiny-detect\n    model: FastDet-L\n    metrics:\n      box_ap: {value: 52.0}\n"
        "    conditions:\n      split: test-dev\n"
        '    evidence:\n      quote: "FastDet-L reaches 52.0 AP on test-dev."\n      location: Table 3\n'
    )
    paper.write_text(text + extra, encoding="utf-8")
    report = validate(data)
    assert report.ok, report.diagnostics
    df = aggregate.with_ranks(tables.results_frame(report.corpus))
    board = aggregate.leaderboard(df.filter(pl.col("benchmark") == "tiny-detect"))
    got = {(r["group"], r["model"]): r["rank"] for r in board.iter_rows(named=True)}
    assert got == {
        ("Split: val", "FastDet-L"): 1,
        ("Split: val", "FastDet-S"): 2,
        ("Split: val", "FastDet-Slow"): 3,
        ("Split: test-dev", "FastDet-L"): 1,
    }
    bench = next(s.data for s in report.corpus.of_kind("benchmark") if s.data["id"] == "tiny-detect")
    points = aggregate.tradeoff_points(df.filter(pl.col("benchmark") == "tiny-detect"), bench)
    on = dict(zip(points["model"].to_list(), points["on_frontier"].to_list(), strict=True))
    assert on == {"FastDet-S": True, "FastDet-L": True, "FastDet-Slow": False}
