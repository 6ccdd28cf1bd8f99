"""Rules across files: one file per paper, and no result recorded twice."""

from __future__ import annotations

from . import diag, rule


def _result_key(res: dict) -> tuple:
    conditions = tuple(sorted(res.get("conditions", {}).items()))
    model = " ".join(res["model"].casefold().split())
    return res["benchmark"], model, res.get("parameters"), conditions, res.get("source_type", "paper")


def _values(res: dict) -> tuple:
    return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in res["metrics"].items()))


@rule("corpus")
def duplicate_results(ctx):
    """The same metric of the same model, benchmark and conditions twice in one paper, or the identical
    entry in two files (a paper may report two metrics of one run as two results)."""
    seen: dict = {}
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


@rule("corpus")
def one_file_per_arxiv_id(ctx):
    owners: dict[str, str] = {}
    for src in ctx.corpus.of_kind("paper"):
        if src.ok and ctx.field_ok(src, "arxiv_id"):
            arxiv = src.data["arxiv_id"]
            if arxiv in owners:
                yield diag(src, "LB109", ("arxiv_id",), f"arXiv {arxiv} is already the paper in {owners[arxiv]}")
            else:
                owners[arxiv] = src.display
