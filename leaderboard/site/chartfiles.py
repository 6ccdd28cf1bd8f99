"""Chart files: each spec as JSON (loaded by URL, so no data is ever inlined into a script tag) plus a
static SVG for readers without JavaScript, and the vendored Vega bundle."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import polars as pl
import vl_convert

from .. import aggregate
from . import charts


@cache
def _bundle() -> str:
    return vl_convert.javascript_bundle()


def vendor_scripts(folder: Path) -> None:
    """Vega, Vega-Lite and vega-embed from vl-convert's bundle: no CDN at run time."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vega-bundle.js").write_text(_bundle(), encoding="utf-8")


def _svg(spec: dict) -> str:
    static = dict(spec, width=640)
    return vl_convert.vegalite_to_svg(static)


def _save(folder: Path, name: str, spec: dict) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, indent=None)
    (folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    (folder / f"{name}.svg").write_text(_svg(spec), encoding="utf-8")
    return name


def _axis_title(metric: dict) -> str:
    unit = {"percent": "%", "x": "×"}.get(metric["unit"], metric["unit"])
    return f"{metric['name']} ({unit})"


def write_charts(bench: dict, ranked: pl.DataFrame, folder: Path) -> dict:
    """(group, kind) -> chart file name, for every comparison group of one benchmark."""
    metrics = {m["id"]: m for m in bench["metrics"]}
    primary = metrics[bench["primary_metric"]]
    board = aggregate.leaderboard(ranked)
    sota = aggregate.sota_progression(ranked)
    trade = aggregate.tradeoff_points(ranked, bench)
    out = {}
    for group in board.get_column("group").unique().sort().to_list():
        slug = f"{bench['id']}-{hashlib.sha256(group.encode()).hexdigest()[:8]}"
        rows = board.filter(pl.col("group") == group)
        specs = {
            "sota": charts.sota_over_time(rows, sota.filter(pl.col("group") == group), _axis_title(primary)),
            "ranking": charts.ranking(rows, _axis_title(primary)),
        }
        if bench.get("tradeoff"):
            axis = bench["tradeoff"]["axis"]
            x_title = "Parameters" if axis == "parameters" else _axis_title(metrics[axis])
            specs["tradeoff"] = charts.tradeoff(
                trade.filter(pl.col("group") == group), x_title, _axis_title(primary), log_x=axis == "parameters"
            )
        for kind, spec in specs.items():
            if spec is not None:
                out[(group, kind)] = _save(folder, f"{slug}-{kind}", spec)
    return out
