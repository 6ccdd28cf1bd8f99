"""`leaderboard diff`: what a change does to the leaderboards, not just to the YAML.

The corpus at a git base is materialised from git objects (no checkout, works on a shallow clone that
has the base commit), both sides go through the same tables and ranking, and the comparison is made on
stable result ids.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import aggregate, tables
from . import claims as claim_table
from .formatting import value_text
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


def _frame(data: Path, label: str) -> tuple[pl.DataFrame, set[str], dict, pl.DataFrame]:
    report = validate(data)
    if not report.ok:
        raise DiffError(
            f"the {label} data does not validate ({len(report.diagnostics)} problems). "
            f"Fix: run 'leaderboard validate --data {data}' first."
        )
    papers = {s.mapping["id"]: s.mapping["title"] for s in report.corpus.of_kind("paper")}
    ranked = aggregate.with_ranks(tables.results_frame(report.corpus))
    return ranked, set(papers), papers, claim_table.claims_frame(report.corpus)


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
    claims_added: list[dict] = field(default_factory=list)
    claims_changed: list[dict] = field(default_factory=list)
    claims_removed: list[dict] = field(default_factory=list)
    #: changes of benchmark definitions (primary metric, direction, grouping conditions, ...) and their effect
    benchmarks_changed: list[dict] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(
            [
                self.benchmarks_changed,
                self.papers_added,
                self.papers_removed,
                self.added,
                self.removed,
                self.changed,
                self.rank_moves,
                self.new_sota,
                self.claims_added,
                self.claims_changed,
                self.claims_removed,
            ]
        )


_KEY = ["result_id", "metric"]
_VALUE = ["value_kind", "value", "low", "high", "std", "status"]
_SHOW = [
    "benchmark",
    "benchmark_name",
    "group",
    "model",
    "metric_name",
    "paper_id",
    "unit",
    "conditions",
    *_VALUE,
    "rank",
]


def _shown(row: dict, prefix: str = "") -> str:
    return value_text(
        row[f"{prefix}value_kind"],
        row[f"{prefix}value"],
        row[f"{prefix}low"],
        row[f"{prefix}high"],
        row["unit"],
        row[f"{prefix}std"],
    )


def compare(
    old: pl.DataFrame,
    new: pl.DataFrame,
    old_papers: dict,
    new_papers: dict,
    base: str,
    old_claims: pl.DataFrame | None = None,
    new_claims: pl.DataFrame | None = None,
) -> Change:
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
        **_claim_changes(old_claims, new_claims),
    )


_CLAIM_SHOW = ["claim_id", "area", "model", "quantity", "baseline", "change", "status", "paper_id"]


def _claim_changes(old: pl.DataFrame | None, new: pl.DataFrame | None) -> dict:
    """Claims added, removed and changed (same method, baseline, quantity and form; another size, kind,
    direction or status), by stable claim id. Claims have no ranks, so no rank moves."""
    empty = pl.DataFrame(schema=claim_table.SCHEMA)
    old_s = (empty if old is None else old).select(_CLAIM_SHOW)
    new_s = (empty if new is None else new).select(_CLAIM_SHOW)
    both = new_s.join(old_s.select("claim_id", old_change="change", old_status="status"), on="claim_id")
    changed = both.filter(pl.col("change").ne(pl.col("old_change")) | pl.col("status").ne(pl.col("old_status")))
    order = ["area", "paper_id", "model", "claim_id"]
    return {
        "claims_added": new_s.join(old_s, on="claim_id", how="anti").sort(order).to_dicts(),
        "claims_changed": changed.sort(order).to_dicts(),
        "claims_removed": old_s.join(new_s, on="claim_id", how="anti").sort(order).to_dicts(),
    }


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


# A token that GitHub turns into a notification or a cross-reference: @user or @org/team (an @ not preceded
# by a letter or digit, so 'pass@1' and e-mail addresses stay as they are: GitHub does not mention there),
# #123 and owner/repo#123, GH-123, a URL (an issue URL creates a back-reference) and a www. host.
_AUTOLINK = re.compile(r"(?<![A-Za-z0-9])@(?=[A-Za-z0-9])|#(?=[0-9])|(?<=:)(?=//)|(?i:\bgh-)(?=[0-9])|(?i:\bwww)(?=\.)")
_BREAK = "<!-- -->"
# Markdown punctuation that could start markup in GitHub's renderer, backslash-escaped (CommonMark allows a
# backslash before any ASCII punctuation). & < > become entities so no HTML, entity or autolink <...> forms.
_MD_ESCAPES = {
    "\\": "\\\\",
    "|": "\\|",
    "`": "\\`",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "\\[",
    "]": "\\]",
    "*": "\\*",
    "_": "\\_",
    "~": "\\~",
    "{": "\\{",
    "}": "\\}",
    "!": "\\!",
    "\n": " ",
    "\r": " ",
}
_MD_SPECIAL = re.compile("|".join(re.escape(ch) for ch in _MD_ESCAPES))


def _md(text: object) -> str:
    """Contributed text in a Markdown line or table cell of the pull-request comment: no HTML, no entities,
    no table breaks, code spans, links, images, emphasis, strikethrough or attribute lists, and no @mention
    or #reference that would notify someone.

    Mentions and references (see _AUTOLINK) are split right after their trigger by an empty HTML comment,
    '@<!-- -->octocat': GitHub removes the comment when rendering, so the reader sees and copies exactly
    '@octocat', but GitHub finds mentions and references in text nodes and the comment splits the node.
    The other common trick, a zero-width joiner, is not used: it would travel into every copy-paste, and it is
    the very invisible character the validator refuses in data (LB119) because it disguises text."""
    out = _MD_SPECIAL.sub(lambda m: _MD_ESCAPES[m.group()], str(text if text is not None else "–"))
    return _AUTOLINK.sub(lambda m: m.group() + _BREAK, out)


@dataclass
class Section:
    """One block of a change report with its rows as plain (unescaped) text, so the pull-request comment
    (Markdown) and the changelog page (HTML) render the same content, each through its own escaper."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    #: "table", or a list of one-line items: "papers" (id: title) or "sota" (benchmark (group): model, value (paper))
    kind: str = "table"


def _text(value: object) -> str:
    return "–" if value is None else str(value)


def benchmark_changes(old: dict, new: dict) -> list[dict]:
    """What changed in each benchmark definition that decides rankings, and what it does to them."""
    out = []
    for bid in sorted(set(old) | set(new)):
        before, after = old.get(bid), new.get(bid)
        if before is None or after is None:
            what = "added" if before is None else "removed"
            effect = "a new leaderboard" if before is None else "its leaderboard is gone"
            out.append({"benchmark": bid, "change": f"benchmark {what}", "effect": effect})
            continue
        rows = []
        if before.get("primary_metric") != after.get("primary_metric"):
            rows.append(
                (
                    f"primary metric {before.get('primary_metric')} → {after.get('primary_metric')}",
                    f"every group is now ranked by {after.get('primary_metric')}",
                )
            )
        old_m = {m["id"]: m for m in before.get("metrics", [])}
        new_m = {m["id"]: m for m in after.get("metrics", [])}
        for mid in sorted(set(old_m) | set(new_m)):
            a, b = old_m.get(mid), new_m.get(mid)
            if a is None or b is None:
                rows.append((f"metric {mid} {'added' if a is None else 'removed'}", "no change to ranks by itself"))
                continue
            if a.get("higher_is_better") != b.get("higher_is_better"):
                better = "higher" if b.get("higher_is_better") else "lower"
                ranked = mid == after.get("primary_metric")
                rows.append(
                    (
                        f"{mid}: {better} is now better",
                        "the order of every group is reversed" if ranked else f"{mid} is not ranked; charts change",
                    )
                )
            for key in ("unit", "min", "max"):
                if a.get(key) != b.get(key):
                    rows.append((f"{mid}: {key} {a.get(key)} → {b.get(key)}", "values are read on the new scale"))
        old_c = {c["id"]: c for c in before.get("conditions", [])}
        new_c = {c["id"]: c for c in after.get("conditions", [])}
        for cid in sorted(set(old_c) | set(new_c)):
            a, b = old_c.get(cid, {}), new_c.get(cid, {})
            if bool(a.get("group")) != bool(b.get("group")):
                rows.append(
                    (
                        f"condition {cid} {'now' if b.get('group') else 'no longer'} separates comparison groups",
                        "groups split by it" if b.get("group") else "groups that differed only in it are merged",
                    )
                )
            if bool(a.get("required")) != bool(b.get("required")) and cid in new_c:
                rows.append((f"condition {cid} {'now' if b.get('required') else 'no longer'} required", "none"))
            if a.get("values") != b.get("values") and a and b:
                rows.append((f"condition {cid}: allowed values changed", "none"))
            if not a or not b:
                rows.append((f"condition {cid} {'added' if not a else 'removed'}", "none"))
        if before.get("version") != after.get("version"):
            rows.append((f"version {before.get('version')} → {after.get('version')}", "none"))
        out += [{"benchmark": bid, "change": change, "effect": effect} for change, effect in rows]
    return out


def sections(change: Change) -> list[Section]:
    out = []
    if change.benchmarks_changed:
        rows = [[r["benchmark"], r["change"], r["effect"]] for r in change.benchmarks_changed]
        out.append(Section("Benchmark definitions changed", ["Benchmark", "Change", "Effect on rankings"], rows))
    if change.papers_added:
        out.append(Section("Papers added", [], [[p["paper_id"], p["title"]] for p in change.papers_added], "papers"))
    if change.papers_removed:
        out.append(
            Section("Papers removed", [], [[p["paper_id"], p["title"]] for p in change.papers_removed], "papers")
        )
    if change.new_sota:
        rows = [[r["benchmark_name"], r["group"], r["model"], _shown(r), r["paper_id"]] for r in change.new_sota]
        out.append(Section("New state of the art", [], rows, "sota"))
    head = ["Benchmark", "Group", "Model", "Metric", "Value", "Rank", "Paper"]
    for title, results, value in (
        ("Results added", change.added, _shown),
        ("Results changed", change.changed, lambda r: f"{_shown(r, 'old_')} → {_shown(r)}"),
        ("Results removed", change.removed, _shown),
    ):
        if results:
            cells = [
                [
                    r["benchmark_name"],
                    r["group"],
                    r["model"],
                    r["metric_name"],
                    value(r),
                    _text(r["rank"]),
                    r["paper_id"],
                ]
                for r in results
            ]
            out.append(Section(title, head, cells))
    if change.rank_moves:
        cells = [
            [
                r["benchmark_name"],
                r["group"],
                r["model"],
                r["metric_name"],
                f"{_text(r['old_rank'])} → {_text(r['rank'])}",
                r["conditions"] or "–",
                r["paper_id"],
            ]
            for r in change.rank_moves
        ]
        head = ["Benchmark", "Group", "Model", "Metric", "Rank", "Conditions", "Paper"]
        out.append(Section("Rank changes", head, cells))
    return out + _claim_sections(change)


def _claim_sections(change: Change) -> list[Section]:
    head = ["Area", "Method", "Quantity", "Against", "Change", "Paper"]
    out = []
    for title, rows, value in (
        ("Relative claims added", change.claims_added, lambda r: r["change"]),
        ("Relative claims changed", change.claims_changed, lambda r: f"{r['old_change']} → {r['change']}"),
        ("Relative claims removed", change.claims_removed, lambda r: r["change"]),
    ):
        if rows:
            cells = [[r["area"], r["model"], r["quantity"], r["baseline"], value(r), r["paper_id"]] for r in rows]
            out.append(Section(title, head, cells))
    return out


def summary_line(change: Change) -> str:
    counts = [f"{len(change.benchmarks_changed)} benchmark definition changes"] if change.benchmarks_changed else []
    counts += [
        f"{len(change.papers_added)} papers added",
        f"{len(change.added)} results added",
        f"{len(change.changed)} changed",
        f"{len(change.removed)} removed",
    ]
    claims = len(change.claims_added) + len(change.claims_changed) + len(change.claims_removed)
    if claims:
        counts.append(f"{claims} relative claims added, changed or removed")
    return ", ".join(counts) + "."


def _md_bullet(section: Section, row: list[str]) -> str:
    if section.kind == "sota":
        bench, group, model, value, paper = map(_md, row)
        return f"- {bench} ({group}): {model}, {value} ({paper})"
    return f"- {_md(row[0])}: {_md(row[1])}"


def to_markdown(change: Change) -> str:
    """The pull-request comment. Every contributed cell goes through _md."""
    lines = ["## Leaderboard changes", "", f"Compared with `{change.base[:12]}`: " + summary_line(change), ""]
    if change.empty():
        return "\n".join([*lines, "No change to any leaderboard.", ""])
    for section in sections(change):
        lines += [f"### {section.title}", ""]
        if section.kind != "table":
            lines += [_md_bullet(section, row) for row in section.rows]
        else:
            lines += [
                "| " + " | ".join(section.columns) + " |",
                "| " + " | ".join(["---"] * len(section.columns)) + " |",
            ]
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)


def to_json(change: Change) -> str:
    return json.dumps(change.__dict__, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def diff(data: Path, base: str | None) -> Change:
    data = data.resolve()
    repo = Path(_git(data if data.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel").strip())
    commit = resolve_base(repo, base)
    data_rel = data.relative_to(repo.resolve()).as_posix()
    new, _, new_papers, new_claims = _frame(data, "working tree")
    with tempfile.TemporaryDirectory(prefix="leaderboard-base-") as tmp:
        old_data = materialise(repo, commit, data_rel, Path(tmp))
        old, _, old_papers, old_claims = _frame(old_data, f"base ({commit[:12]})")
        old_defs = _definitions(old_data)
    change = compare(old, new, old_papers, new_papers, commit, old_claims, new_claims)
    change.benchmarks_changed = benchmark_changes(old_defs, _definitions(data))
    return change


def _definitions(data: Path) -> dict:
    from .corpus import load_corpus

    return {s.mapping["id"]: s.mapping for s in load_corpus(data).of_kind("benchmark") if s.ok and "id" in s.mapping}
