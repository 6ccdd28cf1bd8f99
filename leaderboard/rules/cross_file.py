"""Rules across files: one file per paper, and no result recorded twice."""

from __future__ import annotations

from typing import Any

from ..corpus import Source
from .context import Context, Doc, Found, diag, doc


def _result_key(res: Doc) -> tuple[Any, ...]:
    conditions = tuple(sorted(res.get("conditions", {}).items()))
    model = " ".join(res["model"].casefold().split())
    return res["benchmark"], model, res.get("parameters"), conditions, res.get("source_type", "paper")


def _values(res: Doc) -> tuple[Any, ...]:
    return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in res["metrics"].items()))


def duplicate_results(ctx: Context) -> Found:
    """The same metric of the same model, benchmark and conditions twice in one paper, or the identical
    entry in two files (a paper may report two metrics of one run as two results)."""
    seen: dict[tuple[Any, ...], tuple[Source, int, Doc]] = {}
    for src in ctx.corpus.of_kind("paper"):
        if not src.ok:
            continue
        for i, res in ctx.results(src):
            base = _result_key(res)
            firsts = [seen.get((*base, metric)) for metric in sorted(res["metrics"])]
            first = next((f for f in firsts if f is not None), None)
            for metric in res["metrics"]:
                seen.setdefault((*base, metric), (src, i, res))
            if first is None:
                continue
            first_src, first_i, first_res = first
            if first_src is src or _values(first_res) == _values(res):
                yield diag(
                    src,
                    "LB108",
                    ("results", i),
                    f"same model, benchmark and conditions as {first_src.display} results[{first_i}]",
                    fix="keep one entry, or state the condition that differs",
                )


def one_file_per_arxiv_id(ctx: Context) -> Found:
    owners: dict[str, str] = {}
    for src in ctx.corpus.of_kind("paper"):
        if src.ok and ctx.field_ok(src, "arxiv_id"):
            arxiv = doc(src)["arxiv_id"]
            if arxiv in owners:
                yield diag(src, "LB109", ("arxiv_id",), f"arXiv {arxiv} is already the paper in {owners[arxiv]}")
            else:
                owners[arxiv] = src.display
