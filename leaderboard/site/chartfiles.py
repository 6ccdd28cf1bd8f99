"""Chart files: each spec as JSON (loaded by URL, so no data is ever inlined into a script tag) plus a
static SVG for readers without JavaScript, and the vendored Vega bundle."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import polars as pl

from .. import aggregate, comparability, resources
from ..chartcache import ChartCache
from ..conventions import NOT_STATED
from ..export import group_file
from . import charts

VENDORED = "vendor/vega-bundle.js"  # vl_convert.javascript_bundle(), kept in the package (see vendor/README.md)


def vendor_scripts(folder: Path) -> None:
    """Vega, Vega-Lite and vega-embed as vl-convert bundles them: no CDN at run time. The packaged copy is
    byte-identical to the bundle (tests/test_vendor.py) and saves bundling it again on every build."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vega-bundle.js").write_bytes(resources.package_bytes(VENDORED))


_GEOMETRY = re.compile(r'( (?:d|transform|x|y|x1|x2|y1|y2)=")([^"]*)"')
_DECIMALS = re.compile(r"(\d\.\d)\d+")


def _shorter_geometry(svg: str) -> str:
    """Coordinates cut to a tenth of a pixel; text (axis labels, titles) is never touched."""
    return _GEOMETRY.sub(lambda m: m.group(1) + _DECIMALS.sub(r"\1", m.group(2)) + '"', svg)


def _svg(spec: dict) -> str:
    """The static fallback. Inside an <img> its per-mark ARIA labels are never read (the img's alt text is),
    so they are off, and coordinates keep one decimal: a 1,000-point chart drops to a third of its size."""
    import vl_convert  # only a site with static_charts pays for loading the renderer

    config = dict(spec.get("config", {}), aria=False)
    svg = vl_convert.vegalite_to_svg(dict(spec, width=640, config=config))
    return _shorter_geometry(svg)


SHARED_ROWS = 30  # datasets longer than this go to their own file, shared by the charts that use them


def _external(spec: dict) -> tuple[dict, dict[str, str]]:
    """The spec with each large dataset replaced by a URL, and those datasets as files.

    Altair names a dataset by a hash of its rows, so the time chart and the trade-off chart of one group
    point at the same file and a reader downloads it once. The URL is relative to the page (Vega resolves
    data URLs against the document), and charts appear only on benchmark pages, one folder below the root."""
    datasets = spec.get("datasets", {})
    moved = {name: rows for name, rows in datasets.items() if len(rows) > SHARED_ROWS}
    if not moved:
        return spec, {}

    def swap(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and data.get("name") in moved:
                node = dict(node, data={"url": f"../charts/data/{data['name']}.json"})
            return {key: swap(value) for key, value in node.items()}
        if isinstance(node, list):
            return [swap(item) for item in node]
        return node

    kept = {name: rows for name, rows in datasets.items() if name not in moved}
    out = swap({key: value for key, value in spec.items() if key != "datasets"})
    if kept:
        out["datasets"] = kept
    files = {
        name: json.dumps(rows, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
        for name, rows in moved.items()
    }
    return out, files


def _render(spec: dict) -> tuple[dict[str, str], dict[str, str]]:
    """The spec Vega-Embed loads (its large datasets moved to shared data files) and those data files."""
    external, data = _external(spec)
    text = json.dumps(external, sort_keys=True, ensure_ascii=False, indent=None, allow_nan=False)
    return {"json": text + "\n"}, data


def _svgs(specs: list[dict]) -> list[str]:
    """The static SVGs of these charts, drawn in worker processes across the machine's cores when there are
    enough of them to pay for starting the workers (a Rust renderer call each, 0.1-0.5 s a chart)."""
    if len(specs) < _POOL_FROM:
        return [_svg(spec) for spec in specs]
    return list(_pool().map(_svg, specs, chunksize=4))


_POOL_FROM = 8


@cache
def _pool() -> ProcessPoolExecutor:
    # spawn, not fork: the parent holds Polars' thread pool, which a forked child can deadlock on.
    return ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"))


def _save(folder: Path, name: str, files: dict[str, str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, text in sorted(files.items()):
        (folder / f"{name}.{suffix}").write_text(text, encoding="utf-8")
    return name


def _save_data(folder: Path, data: dict[str, str]) -> None:
    if data:
        (folder / "data").mkdir(parents=True, exist_ok=True)
    for name, text in sorted(data.items()):
        (folder / "data" / f"{name}.json").write_text(text, encoding="utf-8")


def _axis_title(metric: dict) -> str:
    unit = {"percent": "%", "x": "×"}.get(metric["unit"], metric["unit"])
    return f"{metric['name']} ({unit})"


def _group_specs(bench: dict, metrics: dict, group: str, rows, sota, trade) -> dict[tuple[str, str], dict | None]:
    """The Altair specs of one comparison group, keyed (kind, frontier group detail): None where a chart has
    nothing to show. A trade-off chart is drawn per frontier group (the comparison group and the trade-off's
    own conditions, such as hardware) of at least two points, so no frontier mixes hardware."""
    primary = metrics[bench["primary_metric"]]
    names = {c["id"]: c.get("name", c["id"]) for c in bench.get("conditions", [])}
    points = charts.group_points(rows, trade)
    specs = {
        ("sota", ""): charts.sota_over_time(points, sota, _axis_title(primary)),
        ("ranking", ""): charts.ranking(rows, _axis_title(primary)),
    }
    if bench.get("tradeoff") and not trade.is_empty():
        axis = bench["tradeoff"]["axis"]
        x_title = "Parameters" if axis == "parameters" else _axis_title(metrics[axis])
        frontiers = points.filter(pl.col("frontier_index").is_not_null()).select("frontier_index", "frontier_group")
        for index, fg in frontiers.unique().sort("frontier_index").iter_rows():
            pairs = [part.split(": ", 1) for part in fg.removeprefix(group).removeprefix("; ").split("; ") if part]
            if any(value == NOT_STATED for _, value in pairs):
                continue  # unknown hardware is not one hardware: no frontier among such results
            detail = "; ".join(f"{names.get(cid, cid)}: {value}" for cid, value in pairs)
            specs["tradeoff", detail] = charts.tradeoff(
                points, index, x_title, _axis_title(primary), log_x=axis == "parameters", detail=detail
            )
    what = {"sota": "state of the art over time", "ranking": "ranking", "tradeoff": "trade-off and Pareto frontier"}
    for (kind, detail), spec in specs.items():
        if spec is not None:
            spec["description"] = f"{bench['name']}: {what[kind]} for {group}" + (f" ({detail})" if detail else "")
    return specs


def _draw(bench: dict, metrics: dict, group: str, parts: list[pl.DataFrame]) -> tuple[dict, dict[str, dict]]:
    """{"charts": {kind: {suffix: text}}, "data": {name: text}, "details": {kind: detail}} for one group (what
    the cache stores), and the spec of each chart by kind (for its SVG)."""
    drawn: dict = {"charts": {}, "data": {}, "details": {}}
    specs: dict[str, dict] = {}
    n = 0
    for (kind, detail), spec in _group_specs(bench, metrics, group, *parts).items():
        if spec is not None:
            if kind == "tradeoff":
                n += 1
                kind = f"tradeoff-{n}" if n > 1 else kind
            drawn["charts"][kind], data = _render(spec)
            drawn["details"][kind] = detail
            drawn["data"].update(data)
            specs[kind] = spec
    return drawn, specs


def _with_svgs(drawn: dict[str, dict], specs: dict[str, dict[str, dict]]) -> None:
    """Each newly drawn chart gets its SVG, all of a benchmark's in one batch (so across the cores)."""
    todo = [(group, kind, spec) for group, by_kind in specs.items() for kind, spec in by_kind.items()]
    for (group, kind, _), svg in zip(todo, _svgs([spec for _, _, spec in todo]), strict=True):
        drawn[group]["charts"][kind]["svg"] = svg


def write_charts(
    bench: dict, ranked: pl.DataFrame, folder: Path, cache: ChartCache | None = None, static: bool = False
) -> dict:
    """(group, kind) -> [(chart file name, detail, has an SVG)] for every comparable group of one benchmark (at
    least two ranked results: a chart of one result is a dot in a frame); kind is sota, ranking or tradeoff,
    and detail names the frontier group of a trade-off chart beyond the comparison group ('' for the others).

    static: also a static SVG of each chart, for readers without JavaScript. Off by default: drawing them was
    three quarters of a cold build, and the table above each chart holds every value it draws.

    A group whose inputs (benchmark definition and rows) are in the cache is not drawn again: a rebuild after
    one paper changed touches only that paper's groups."""
    metrics = {m["id"]: m for m in bench["metrics"]}
    board = aggregate.leaderboard(ranked)
    sota = aggregate.sota_progression(ranked)
    trade = aggregate.tradeoff_points(ranked, bench)
    comparable = {g for b, g in comparability.comparable_groups(ranked) if b == bench["id"]}
    drawn: dict[str, dict] = {}
    keys: dict[str, str] = {}
    specs: dict[str, dict[str, dict]] = {}
    for group in sorted(comparable):
        parts = [frame.filter(pl.col("group") == group) for frame in (board, sota, trade)]
        if cache:
            keys[group] = cache.key(bench, *parts, variant="svg" if static else "")
            hit = cache.get(keys[group])
            if hit is not None and "details" in hit:
                drawn[group] = hit
                continue
        drawn[group], specs[group] = _draw(bench, metrics, group, parts)
    if static:
        _with_svgs(drawn, specs)
    out: dict = {}
    for group, files_of in drawn.items():
        if cache and group in specs:
            cache.put(keys[group], files_of)
        _save_data(folder, files_of["data"])
        slug = group_file(bench["id"], group)
        for kind, files in files_of["charts"].items():
            name = _save(folder, f"{slug}-{kind}", files)
            out.setdefault((group, kind.split("-")[0]), []).append((name, files_of["details"][kind], "svg" in files))
    return out
