"""`leaderboard diff`: what a change does to the leaderboards, not just to the YAML.

The corpus at a git base is materialised from git objects (no checkout, works on a shallow clone that
has the base commit), both sides go through the same tables and ranking, and the comparison is made on
stable result ids.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import aggregate, tables
from .site.html import value_text
from .validate import validate


class DiffError(Exception):
    """The diff cannot be computed; the message says why and what to do."""


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise DiffError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed")
    return proc.stdout


def resolve_base(repo: Path, base: str | None) -> str:
    if base is None:
        try:
            return _git(repo, "merge-base", "HEAD", "main").strip()
        except DiffError:
            raise DiffError(
                "cannot find the merge base with 'main'. Fix: pass --base REF (e.g. origin/main) "
                "and fetch it first (git fetch origin main)."
            ) from None
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").strip()
    except DiffError:
        raise DiffError(
            f"base '{base}' is not a commit in this repository. Fix: fetch it "
            f"(git fetch origin {base.removeprefix('origin/')}) or pass another --base."
        ) from None


def materialise(repo: Path, commit: str, data_rel: str, into: Path) -> Path:
    """Write the data directory as it was at commit into a folder, from git objects only."""
    names = _git(repo, "ls-tree", "-r", "-z", "--name-only", commit, "--", data_rel).split("\0")
    for name in filter(None, names):
        blob = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{name}"], capture_output=True, check=True)
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob.stdout)
    (into / data_rel).mkdir(parents=True, exist_ok=True)
    return into / data_rel


def _frame(data: Path, label: str) -> tuple[pl.DataFrame, set[str], dict]:
    report = validate(data)
    if not report.ok:
        raise DiffError(
            f"the {label} data does not validate ({len(report.diagnostics)} problems). "
            f"Fix: run 'leaderboard validate --data {data}' first."
        )
    papers = {s.data["id"]: s.data["title"] for s in report.corpus.of_kind("paper")}
    return aggregate.with_ranks(tables.results_frame(report.corpus)), set(papers), papers


@dataclass
class Change:
    papers_added: list[dict]
    papers_removed: list[dict]
    added: list[dict]
    removed: list[dict]
    changed: list[dict]
    rank_moves: list[dict]
    new_sota: list[dict]
    base: str

    def empty(self) -> bool:
        return not any(
            [
                self.papers_added,
                self.papers_removed,
                self.added,
                self.removed,
                self.changed,
                self.rank_moves,
                self.new_sota,
            ]
        )


_KEY = ["result_id", "metric"]
_VALUE = ["value_kind", "value", "low", "high", "std", "status"]
_SHOW = ["benchmark", "benchmark_name", "group", "model", "metric_name", "paper_id", "unit", *_VALUE, "rank"]


def _shown(row: dict, prefix: str = "") -> str:
    return value_text(
        row[f"{prefix}value_kind"],
        row[f"{prefix}value"],
        row[f"{prefix}low"],
        row[f"{prefix}high"],
        row["unit"],
        row[f"{prefix}std"],
    )


def compare(old: pl.DataFrame, new: pl.DataFrame, old_papers: dict, new_papers: dict, base: str) -> Change:
    old_s, new_s = old.select(_SHOW + _KEY[:1] + ["metric"]), new.select(_SHOW + _KEY[:1] + ["metric"])
    added = new_s.join(old_s, on=_KEY, how="anti")
    removed = old_s.join(new_s, on=_KEY, how="anti")
    both = new_s.join(old_s.select(*_KEY, *[pl.col(c).alias(f"old_{c}") for c in [*_VALUE, "rank"]]), on=_KEY)
    differs = pl.any_horizontal([pl.col(c).ne_missing(pl.col(f"old_{c}")) for c in _VALUE])
    changed = both.filter(differs)
    moved = both.filter(pl.col("rank").ne_missing(pl.col("old_rank")) & ~differs)
    order = ["benchmark", "group", "metric", "model", "result_id"]
    return Change(
        papers_added=[{"paper_id": p, "title": new_papers[p]} for p in sorted(set(new_papers) - set(old_papers))],
        papers_removed=[{"paper_id": p, "title": old_papers[p]} for p in sorted(set(old_papers) - set(new_papers))],
        added=added.sort(order).to_dicts(),
        removed=removed.sort(order).to_dicts(),
        changed=changed.sort(order).to_dicts(),
        rank_moves=moved.sort(order).to_dicts(),
        new_sota=_new_leaders(old, new),
        base=base,
    )


def _new_leaders(old: pl.DataFrame, new: pl.DataFrame) -> list[dict]:
    """Groups whose rank-1 set changed and where a new result now leads."""

    def leaders(frame):
        return (
            aggregate.leaderboard(frame)
            .filter(pl.col("rank") == 1)
            .select(
                "benchmark",
                "benchmark_name",
                "group",
                "result_id",
                "model",
                "paper_id",
                "value_kind",
                "value",
                "low",
                "high",
                "std",
                "unit",
            )
        )

    before, after = leaders(old), leaders(new)
    fresh = after.join(
        before.select("benchmark", "group", "result_id"), on=["benchmark", "group", "result_id"], how="anti"
    )
    return fresh.sort(["benchmark", "group", "result_id"]).to_dicts()


def _md(text: object) -> str:
    """Contributed text in a Markdown table cell: no HTML, no table breaks, no code spans, no links."""
    out = str(text if text is not None else "–")
    for ch, rep in (
        ("\\", "\\\\"),
        ("|", "\\|"),
        ("`", "\\`"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("[", "\\["),
        ("]", "\\]"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("\n", " "),
        ("\r", " "),
    ):
        out = out.replace(ch, rep)
    return out


def to_markdown(change: Change) -> str:
    lines = ["## Leaderboard changes", ""]
    counts = [
        f"{len(change.papers_added)} papers added",
        f"{len(change.added)} results added",
        f"{len(change.changed)} changed",
        f"{len(change.removed)} removed",
    ]
    lines += [f"Compared with `{change.base[:12]}`: " + ", ".join(counts) + ".", ""]
    if change.empty():
        return "\n".join([*lines, "No change to any leaderboard.", ""])
    if change.papers_added:
        lines += ["### Papers added", ""] + [f"- {_md(p['paper_id'])}: {_md(p['title'])}" for p in change.papers_added]
        lines.append("")
    if change.papers_removed:
        lines += ["### Papers removed", ""]
        lines += [f"- {_md(p['paper_id'])}: {_md(p['title'])}" for p in change.papers_removed] + [""]
    if change.new_sota:
        lines += ["### New state of the art", ""]
        lines += [
            f"- {_md(r['benchmark_name'])} ({_md(r['group'])}): {_md(r['model'])}, {_md(_shown(r))} "
            f"({_md(r['paper_id'])})"
            for r in change.new_sota
        ] + [""]
    sections = (
        ("Results added", change.added, lambda r: _md(_shown(r))),
        ("Results changed", change.changed, lambda r: f"{_md(_shown(r, 'old_'))} → {_md(_shown(r))}"),
        ("Results removed", change.removed, lambda r: _md(_shown(r))),
    )
    for title, rows, value in sections:
        if rows:
            lines += [
                f"### {title}",
                "",
                "| Benchmark | Group | Model | Metric | Value | Rank | Paper |",
                "| --- | --- | --- | --- | --- | --- | --- |",
            ]
            lines += [
                f"| {_md(r['benchmark_name'])} | {_md(r['group'])} | {_md(r['model'])} | {_md(r['metric_name'])} "
                f"| {value(r)} | {_md(r['rank'])} | {_md(r['paper_id'])} |"
                for r in rows
            ]
            lines.append("")
    if change.rank_moves:
        lines += [
            "### Rank changes",
            "",
            "| Benchmark | Group | Model | Metric | Rank | Paper |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {_md(r['benchmark_name'])} | {_md(r['group'])} | {_md(r['model'])} | {_md(r['metric_name'])} "
            f"| {_md(r['old_rank'])} → {_md(r['rank'])} | {_md(r['paper_id'])} |"
            for r in change.rank_moves
        ]
        lines.append("")
    return "\n".join(lines)


def to_json(change: Change) -> str:
    return json.dumps(change.__dict__, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def diff(data: Path, base: str | None) -> Change:
    data = data.resolve()
    repo = Path(_git(data if data.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel").strip())
    commit = resolve_base(repo, base)
    data_rel = data.relative_to(repo.resolve()).as_posix()
    new, _, new_papers = _frame(data, "working tree")
    with tempfile.TemporaryDirectory(prefix="leaderboard-base-") as tmp:
        old_data = materialise(repo, commit, data_rel, Path(tmp))
        old, _, old_papers = _frame(old_data, f"base ({commit[:12]})")
    return compare(old, new, old_papers, new_papers, commit)
