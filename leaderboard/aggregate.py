"""Per benchmark and comparison group: ranking, best per model, state of the art over time, frontier.

Bounds ("up to 2.5x") and ranges are claims, not measurements: they are listed at the position of the
number they claim but never ranked, never a state of the art and never on a frontier.
"""

from __future__ import annotations

import polars as pl

from .conventions import NOT_STATED

GROUP = ["benchmark", "metric", "group"]
RANKED_KINDS = ("point", "approximate")


def with_ranks(results: pl.DataFrame) -> pl.DataFrame:
    """Add claimed (the number a row claims), goodness (claimed, oriented so larger is better), ranked, rank."""
    hib = pl.col("higher_is_better")
    claimed = pl.coalesce(pl.col("value"), pl.when(hib).then(pl.col("high")).otherwise(pl.col("low")))
    ranked = pl.col("value_kind").is_in(RANKED_KINDS) & (pl.col("status") == "active")
    return (
        results.with_columns(claimed=claimed, ranked=ranked)
        .with_columns(goodness=pl.when(hib).then(pl.col("claimed")).otherwise(-pl.col("claimed")))
        .with_columns(
            rank=pl.when(pl.col("ranked"))
            .then(pl.col("goodness"))
            .rank("min", descending=True)
            .over(GROUP)
            .cast(pl.Int64)
        )
        .sort(
            [*GROUP, "goodness", "ranked", "model", "result_id"],
            descending=[False, False, False, True, True, False, False],
            nulls_last=True,
        )
    )


def leaderboard(ranked: pl.DataFrame) -> pl.DataFrame:
    """The ranked table of primary-metric results, best first within each comparison group."""
    return ranked.filter(pl.col("is_primary"))


def best_per_model(ranked: pl.DataFrame) -> pl.DataFrame:
    """Each model's best ranked primary result per comparison group (earliest paper wins a tie)."""
    return (
        ranked.filter(pl.col("is_primary") & pl.col("ranked"))
        .sort(
            [*GROUP, "model", "goodness", "date", "result_id"],
            descending=[False, False, False, False, True, False, False],
            nulls_last=True,
        )
        .unique(subset=[*GROUP, "model"], keep="first", maintain_order=True)
        .sort([*GROUP, "rank", "model", "result_id"])
    )


def sota_progression(ranked: pl.DataFrame) -> pl.DataFrame:
    """Results that beat every earlier result of their group, by paper date (unknown dates are left out)."""
    dated = ranked.filter(pl.col("is_primary") & pl.col("ranked") & pl.col("date").is_not_null()).sort(
        [*GROUP, "date", "goodness", "result_id"], descending=[False, False, False, False, True, False]
    )
    previous = pl.col("goodness").cum_max().shift(1).over(GROUP)
    return dated.filter(previous.is_null() | (pl.col("goodness") > previous))


def _condition(cid: str) -> pl.Expr:
    return pl.col("conditions_json").str.json_path_match(f"$.{cid}").fill_null(NOT_STATED)


def tradeoff_points(ranked: pl.DataFrame, benchmark: dict) -> pl.DataFrame:
    """Primary value (y) against the trade-off axis (x), with frontier membership per frontier group."""
    spec = benchmark.get("tradeoff")
    empty = ranked.clear().with_columns(
        x=pl.lit(None, pl.Float64), frontier_group=pl.lit(""), on_frontier=pl.lit(False)
    )
    if not spec:
        return empty
    primary = ranked.filter((pl.col("benchmark") == benchmark["id"]) & pl.col("is_primary") & pl.col("ranked"))
    axis = spec["axis"]
    if axis == "parameters":
        points = primary.with_columns(x=pl.col("parameters_count"), x_goodness=-pl.col("parameters_count"))
    else:
        xs = ranked.filter((pl.col("benchmark") == benchmark["id"]) & (pl.col("metric") == axis) & pl.col("ranked"))
        points = primary.join(xs.select("result_id", x="claimed", x_goodness="goodness"), on="result_id", how="inner")
    points = points.filter(pl.col("x").is_not_null())
    if points.is_empty():
        return empty
    extra = [pl.format("{}: {}", pl.lit(c), _condition(c)) for c in spec.get("conditions", [])]
    points = points.with_columns(frontier_group=pl.concat_str([pl.col("group"), *extra], separator="; "))
    keys = ["frontier_group"]
    points = points.sort([*keys, "x_goodness", "goodness", "result_id"], descending=[False, True, True, False])
    best_before = pl.col("goodness").cum_max().shift(1).over(keys)
    return points.with_columns(on_frontier=best_before.is_null() | (pl.col("goodness") > best_before)).drop(
        "x_goodness"
    )
