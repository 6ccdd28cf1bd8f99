"""Which comparison groups can be compared at all: those with at least two rankable results.

A group of one result ranks it first against nothing; a chart of it is a dot in a frame. Such groups are
gathered on the page into one "not directly comparable" table (with its own download), never charted, and
never give the home page a "best" result. The pages, the charts and the downloads ask this module, so they
agree on which group is which.
"""

from __future__ import annotations

import polars as pl

MIN_RANKED = 2


def comparable_groups(ranked: pl.DataFrame) -> set[tuple[str, str]]:
    """(benchmark, group) pairs with at least MIN_RANKED ranked results on the primary metric."""
    counts = (
        ranked.filter(pl.col("is_primary") & pl.col("rank").is_not_null())
        .group_by("benchmark", "group")
        .len()
        .filter(pl.col("len") >= MIN_RANKED)
    )
    return {(b, g) for b, g, _ in counts.iter_rows()}
