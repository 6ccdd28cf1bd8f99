"""Markdown pages for MkDocs. Contributed text goes only into raw HTML blocks, escaped with esc()."""

from __future__ import annotations

import json

import polars as pl

from .. import aggregate
from ..export import benchmark_file, group_file
from .html import esc, kind_words, number, theme_title, unit_words, value_text

SOURCE_WORDS = {
    "paper": "self-reported",
    "lab_report": "lab report",
    "leaderboard": "from a leaderboard",
    "reproduction": "independent reproduction",
}


def front_matter(heading: str, description: str = "") -> str:
    """Material prints page.meta.title and .description raw (into <title>, the header and a content="..."
    attribute), so both are escaped HTML here; the description is cut before escaping, never inside an entity.
    JSON with ensure_ascii keeps the YAML one line whatever the text holds."""
    meta = {"title": str(theme_title(heading))}
    if description:
        meta["description"] = esc(description[:200]).strip()
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items()) + "---\n\n"


def _paper_link(row: dict, prefix: str) -> str:
    return f'<a href="{prefix}papers/{row["paper_id"]}.html">{esc(row["paper_title"])}</a>'


def _value_cell(row: dict) -> str:
    text = esc(value_text(row["value_kind"], row["value"], row["low"], row["high"], row["unit"], row["std"]))
    if row["status"] != "active":
        text = f"<s>{text}</s>"
    title = esc(kind_words(row["value_kind"]))
    sort_key = "" if row["claimed"] is None else number(row["goodness"])
    return f'<td data-sort="{sort_key}" title="{title}">{text}</td>'


def _status_cell(row: dict) -> str:
    bits = [esc(SOURCE_WORDS.get(row["source_type"], row["source_type"]))]
    if row["flags"]:
        bits.append(
            f'<span class="lb-flag" title="{esc(row["flags"])}">⚑ flagged</span>'
            f'<span class="lb-detail">{esc(row["flags"])}</span>'
        )
    if row["status"] != "active":
        reason = esc(row["status_reason"] or "")
        successor = (
            f' (see <a href="../papers/{row["superseded_by"]}.html">{esc(row["superseded_by"])}</a>)'
            if row["superseded_by"]
            else ""
        )
        bits.append(f'<span class="lb-status">{esc(row["status"])}: {reason}</span>{successor}')
    return "<td>" + "<br>".join(bits) + "</td>"


def _evidence_cell(row: dict) -> str:
    return (
        f"<td><details><summary>quote</summary><blockquote>{esc(row['evidence'])}</blockquote>"
        f"<small>{esc(row['evidence_location'])}</small></details></td>"
    )


def result_table(rows: list[dict], group_conditions: set[str], prefix: str = "../") -> str:
    head = ["Rank", "Model", "Value", "Conditions", "Paper", "Date", "Source", "Evidence"]
    out = [
        '<table class="lb-table" data-sortable>',
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        conds = json.loads(row["conditions_json"])
        shown = "; ".join(f"{k}: {v}" for k, v in sorted(conds.items()) if k not in group_conditions)
        rank = "" if row["rank"] is None else str(row["rank"])
        params = f" <small>({esc(row['parameters'])})</small>" if row["parameters"] else ""
        css = ' class="lb-withdrawn"' if row["status"] != "active" else (' class="lb-flagged"' if row["flags"] else "")
        out.append(
            f'<tr{css}><td data-sort="{rank or 999999}">{rank or "–"}</td><td>{esc(row["model"])}{params}</td>'
            f"{_value_cell(row)}<td>{esc(shown)}</td><td>{_paper_link(row, prefix)}</td>"
            f"<td>{esc(row['date'] or 'unknown')}</td>{_status_cell(row)}{_evidence_cell(row)}</tr>"
        )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def chart_block(spec_name: str | None, alt_text: str) -> str:
    if spec_name is None:
        return ""
    # The SVG is for readers without JavaScript only: inside <noscript> the others never download it.
    return (
        f'<div class="lb-chart" data-spec="../charts/{spec_name}.json" role="img" aria-label="{esc(alt_text)}">'
        f'<noscript><img src="../charts/{spec_name}.svg" alt="{esc(alt_text)}" loading="lazy"></noscript></div>'
    )


TABLE_LIMIT = 50  # rows per comparison group on the page; bounds the page weight at any corpus size


def _rows_left_out(rows: pl.DataFrame, bench_id: str, group: str) -> str:
    """Says what the page does not show and where it is, so a long table never silently loses rows."""
    rest = rows.slice(TABLE_LIMIT)
    if rest.is_empty():
        return ""
    withdrawn = rest.filter(pl.col("status") != "active").height
    unranked = rest.filter(pl.col("rank").is_null() & (pl.col("status") == "active")).height
    extra = [f"{n} {what}" for n, what in ((withdrawn, "withdrawn or superseded"), (unranked, "unranked")) if n]
    return (
        f'<p class="lb-note">This page shows the first {TABLE_LIMIT} of {rows.height} results in this group; '
        f"the other {rest.height}{' (' + ', '.join(extra) + ')' if extra else ''} are in "
        f'<a href="../downloads/groups/{group_file(bench_id, group)}.csv" download>this table\'s CSV</a> '
        "and on their papers' pages.</p>"
    )


def benchmark_page(bench: dict, ranked: pl.DataFrame, charts: dict, last_changed: str | None) -> str:
    """Description, metrics, then per comparison group: charts, sortable table, CSV button."""
    metric = {m["id"]: m for m in bench["metrics"]}[bench["primary_metric"]]
    group_conditions = {c["id"] for c in bench.get("conditions", []) if c.get("group")}
    board = aggregate.leaderboard(ranked)
    parts = [
        front_matter(bench["name"], bench["description"]),
        '<div class="lb-bench" markdown="0">',
        f"<h1>{esc(bench['name'])}</h1>",
        f"<p>{esc(bench['description'])}</p>",
        f"<p><b>Area:</b> {esc(bench['area'])} · <b>Task:</b> {esc(bench['task'])} · "
        f'<b>Definition version:</b> {esc(bench["version"])} · <a href="{esc(bench["homepage"])}" '
        f'rel="noopener nofollow">benchmark homepage</a></p>',
        f'<p><a class="md-button" href="../downloads/{benchmark_file(bench["id"])}.csv" download>All results (CSV)</a> '
        f'<a class="md-button" href="../downloads/{benchmark_file(bench["id"])}.json" download>JSON</a>'
        + (f' · last changed {esc(last_changed)} (<a href="../changelog.html">changelog</a>)' if last_changed else "")
        + "</p>",
        '<h2 id="metrics">Metrics</h2>',
        _metric_table(bench),
        _conditions_list(bench),
    ]
    groups = board.get_column("group").unique(maintain_order=True).to_list()
    if not groups:
        parts.append("<p>No results yet.</p>")
    for n, group in enumerate(groups, 1):
        rows = board.filter(pl.col("group") == group)
        undated = rows.filter(pl.col("date").is_null()).height
        parts += [
            f'<h2 id="group-{n}">Comparison group {n}</h2>',
            f'<p class="lb-group">{esc(group)}</p>',
            f"<p>Ranked by {esc(metric['name'])} ({'higher' if metric['higher_is_better'] else 'lower'} is "
            f"better). {rows.filter(pl.col('rank').is_not_null()).height} ranked of {rows.height} results.</p>",
        ]
        for key, label in (("sota", "state of the art over time"), ("ranking", "ranking"), ("tradeoff", "trade-off")):
            parts.append(chart_block(charts.get((group, key)), f"{bench['name']}: {label} for {group}"))
        if undated:
            parts.append(
                f'<p class="lb-note">{undated} result(s) with an unknown paper date are in the table '
                "but not on the time chart.</p>"
            )
        parts.append(
            f'<p><a class="md-button md-button--primary" href="../downloads/groups/'
            f'{group_file(bench["id"], group)}.csv" download>Download this table (CSV)</a></p>'
        )
        parts.append(result_table(rows.head(TABLE_LIMIT).to_dicts(), group_conditions))
        parts.append(_rows_left_out(rows, bench["id"], group))
    parts.append(_other_metrics(ranked, board, group_conditions))
    parts.append("</div>")
    return "\n\n".join(p for p in parts if p) + "\n"


def _other_metrics(ranked: pl.DataFrame, board: pl.DataFrame, group_conditions: set[str]) -> str:
    """Results that report only secondary metrics still appear, each metric in its own table, unranked across."""
    others = ranked.filter(~pl.col("is_primary") & ~pl.col("result_id").is_in(board.get_column("result_id").implode()))
    if others.is_empty():
        return ""
    parts = [
        '<h2 id="other-metrics">Results on other metrics</h2>',
        "<p>These results do not report the primary metric; ranks are per metric and comparison group.</p>",
    ]
    for metric_name in others.get_column("metric_name").unique().sort().to_list():
        rows = others.filter(pl.col("metric_name") == metric_name)
        parts += [f"<h3>{esc(metric_name)}</h3>", result_table(rows.to_dicts(), group_conditions)]
    return "\n\n".join(parts)


def _metric_table(bench: dict) -> str:
    rows = "".join(
        f"<tr><td>{esc(m['name'])}{' (primary)' if m['id'] == bench['primary_metric'] else ''}</td>"
        f"<td><code>{esc(m['id'])}</code></td><td>{esc(unit_words(m['unit']))}</td>"
        f"<td>{'higher' if m['higher_is_better'] else 'lower'} is better</td>"
        f"<td>{esc(m.get('description', ''))}</td></tr>"
        for m in bench["metrics"]
    )
    return (
        '<table class="lb-metrics"><thead><tr><th>Metric</th><th>Id</th><th>Unit</th><th>Direction</th>'
        f"<th>Definition</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _conditions_list(bench: dict) -> str:
    items = "".join(
        f"<li><b>{esc(c['name'])}</b>{' (splits comparison groups)' if c.get('group') else ''}"
        f"{' (required)' if c.get('required') else ''}: {esc(c['description'])}</li>"
        for c in bench.get("conditions", [])
    )
    return f'<h3 id="conditions">Conditions</h3><ul>{items}</ul>' if items else ""


def paper_page(paper: dict, rows: list[dict]) -> str:
    links = []
    if paper.get("arxiv_id"):
        links.append(
            f'<a href="https://arxiv.org/abs/{esc(paper["arxiv_id"])}" rel="noopener nofollow">'
            f"arXiv:{esc(paper['arxiv_id'])}</a>"
        )
    if paper.get("url"):
        links.append(f'<a href="{esc(paper["url"])}" rel="noopener nofollow">paper</a>')
    if paper.get("code_url"):
        links.append(f'<a href="{esc(paper["code_url"])}" rel="noopener nofollow">code</a>')
    body = []
    for row in rows:
        body.append(
            f'<tr><td><a href="../benchmarks/{row["benchmark"]}.html">{esc(row["benchmark_name"])}</a></td>'
            f"<td>{esc(row['model'])}</td><td>{esc(row['metric_name'])}</td>{_value_cell(row)}"
            f"<td>{esc(row['conditions'])}</td>{_status_cell(row)}<td><blockquote>{esc(row['evidence'])}</blockquote>"
            f"<small>{esc(row['evidence_location'])}</small></td></tr>"
        )
    return (
        front_matter(paper["title"]) + '<div class="lb-paper" markdown="0">\n\n'
        f"<h1>{esc(paper['title'])}</h1>\n\n<p>First version: {esc(paper.get('date') or 'unknown')} · "
        + " · ".join(links)
        + "</p>\n\n"
        '<table class="lb-table" data-sortable><thead><tr><th>Benchmark</th><th>Model</th><th>Metric</th>'
        "<th>Value</th><th>Conditions</th><th>Source</th><th>Evidence</th></tr></thead><tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>\n\n</div>\n"
    )
