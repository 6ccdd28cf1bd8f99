"""`leaderboard new`: a paper file a contributor fills in, with the schema line and field hints."""

from __future__ import annotations

import json
from pathlib import Path

from .corpus import load_corpus


class ScaffoldError(Exception):
    """Why no file was written, with what to do instead."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _existing_arxiv(data: Path, arxiv: str) -> str | None:
    for src in load_corpus(data).of_kind("paper"):
        if src.ok and src.data.get("arxiv_id") == arxiv:
            return src.display
    return None


def scaffold(
    data: Path,
    ident: str,
    title: str,
    benchmark: str,
    model: str,
    arxiv: str | None = None,
    date: str | None = None,
    value: str | None = None,
    quote: str | None = None,
) -> Path:
    target = data / "papers" / f"{ident}.yaml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} already exists. Fix: edit that file and add your results to it.")
    if arxiv and (owner := _existing_arxiv(data, arxiv)):
        raise ScaffoldError(f"arXiv {arxiv} is already the paper in {owner}. Fix: edit that file instead.")
    bench_file = data / "benchmarks" / f"{benchmark}.yaml"
    bench = load_corpus(data).of_kind("benchmark")
    bench_data = next((s.data for s in bench if s.ok and s.data.get("id") == benchmark), None)
    if bench_data is None:
        known = ", ".join(sorted(s.data["id"] for s in bench if s.ok and "id" in s.data))
        raise ScaffoldError(
            f"no benchmark '{benchmark}' ({bench_file} is missing). Fix: use one of: {known}; "
            "or add the benchmark file first."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_render(ident, title, bench_data, model, arxiv, date, value, quote), encoding="utf-8")
    return target


def _render(ident, title, bench, model, arxiv, date, value, quote) -> str:
    lines = ["# yaml-language-server: $schema=../../schemas/paper.schema.json", f"id: {ident}", f"title: {_q(title)}"]
    if arxiv:
        lines += [f'arxiv_id: "{arxiv}"', f"url: https://arxiv.org/abs/{arxiv}"]
    lines += ["# code_url: https://github.com/...   (only if the paper gives one)"]
    lines += [f'date: "{date}"' if date else '# date: "YYYY-MM"   (first public version; omit when unknown)']
    lines += [
        "results:",
        f"  - benchmark: {bench['id']}",
        f"    model: {_q(model)}",
        '    # parameters: "7B"   (only when the paper states it)',
        "    metrics:",
        "      # kind: point | approximate | at_least ('over 96%') | up_to ('up to 2.5x') | range (low/high)",
        f"      {bench['primary_metric']}: {{kind: point, value: {value if value is not None else 'TODO'}}}",
    ]
    conditions = bench.get("conditions", [])
    if conditions:
        lines.append("    conditions:   # write 'not stated' when the paper does not say")
        for cond in conditions:
            prefix = "      " if cond.get("required") else "      # "
            lines.append(f"{prefix}{cond['id']}: not stated   # {cond['name']}")
    lines += [
        "    evidence:",
        f"      quote: {_q(quote) if quote else _q('TODO: copy the sentence with the number')}",
        "      location: abstract   # or 'Table 2', 'Section 4.1', ...",
        "    # source_type: paper   (paper | lab_report | leaderboard | reproduction)",
        "    # note: anything a reader needs to interpret the number",
    ]
    return "\n".join(lines) + "\n"
