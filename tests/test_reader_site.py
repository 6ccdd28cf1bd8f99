"""What a reader finds on a built site, on a small corpus made to have each case: a comparison group of
several results, groups of one (a measured value and a bound), and a result without the primary metric.

Comparability is visible (groups of one are gathered in one "not directly comparable" table and never
charted, nor the home page's best), every result on a page is in the benchmark's downloads and every table
has its download beside it, and the site's metadata is complete when mkdocs.yml gives site_url (sitemap,
absolute feed links, a 404 without root-absolute paths) and the plugin's repository (Contribute links)."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from toycorpus import git

from leaderboard.site.mkdocs_plugin import linked

BENCH = """# yaml-language-server: $schema=../../schemas/benchmark.schema.json
id: toy-speed
name: Toy Speed
version: "1"
area: Speed
task: Toy decoding
description: A toy benchmark with a primary and a secondary metric.
homepage: https://example.org/toy
metrics:
  - {id: accuracy, name: Accuracy, unit: percent, higher_is_better: true, min: 0, max: 100}
  - {id: speed, name: Speedup, unit: x, higher_is_better: true, min: 0, max: 100}
primary_metric: accuracy
conditions:
  - {id: hardware, name: Hardware, description: Device., required: true, group: true, free_text: true}
  - {id: extra_training_data, name: Extra training data, description: Data beyond the train set.}
"""

# (paper, model, metrics, hardware): ModelA and ModelB are compared on X, ModelD (no accuracy) joins their
# table unranked; ModelC (alone on Y) and ModelE (a bound, alone on Z) have nothing to be compared with.
RESULTS = [
    ("pa", "ModelA", {"accuracy": "{value: 70.5}", "speed": "{value: 2.5}"}, "X"),
    ("pa", "ModelB", {"accuracy": "{value: 65.5}"}, "X"),
    ("pc", "ModelC", {"accuracy": "{value: 80.5}"}, "Y"),
    ("pd", "ModelD", {"speed": "{value: 3.5}"}, "X"),
    ("pe", "ModelE", {"accuracy": "{kind: up_to, value: 90.5}"}, "Z"),
]


def _paper(ident: str) -> str:
    month = "acde".index(ident[1]) + 1
    head = f'id: {ident}\ntitle: Paper {ident.upper()}\ndate: "2024-0{month}"\nresults:\n'
    out = ["# yaml-language-server: $schema=../../schemas/paper.schema.json\n" + head]
    for pid, model, metrics, hardware in RESULTS:
        if pid != ident:
            continue
        numbers = " ".join(re.findall(r"[\d.]+", " ".join(metrics.values())))
        words = "up to " if "up_to" in " ".join(metrics.values()) else ""  # the kind follows the words (LB130)
        out.append(
            f"  - benchmark: toy-speed\n    model: {model}\n    metrics:\n"
            + "".join(f"      {k}: {v}\n" for k, v in metrics.items())
            + f"    conditions: {{hardware: {hardware}, extra_training_data: none}}\n"
            f'    note: "Curator note on {model}."\n'
            f'    evidence:\n      quote: "{model} reaches {words}{numbers}"\n      location: abstract\n'
        )
    return "".join(out)


MKDOCS = """site_name: Toy leaderboards
site_url: https://example.org/lb/
docs_dir: docs
use_directory_urls: false
strict: true
theme: {name: material, font: false}
plugins:
  - search
  - leaderboard:
      data_dir: data
      repository: https://github.com/example/lb
extra_css: [assets/leaderboard.css]
extra_javascript: [assets/sort.js, assets/charts.js]
"""

CONTRIBUTE = """# Add your paper

Fork [the repository](leaderboard:repo), read [the guide](leaderboard:repo/blob/HEAD/CONTRIBUTING.md), or
open [a "Submit a result" issue](leaderboard:issue-form).
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    (root / "data" / "benchmarks").mkdir(parents=True)
    (root / "data" / "papers").mkdir()
    (root / "docs").mkdir()
    (root / "docs" / "contribute.md").write_text(CONTRIBUTE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "data" / "benchmarks" / "toy-speed.yaml").write_text(BENCH, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    for n, ident in enumerate(["pa", "pc", "pd", "pe"]):
        (root / "data" / "papers" / f"{ident}.yaml").write_text(_paper(ident), encoding="utf-8")
        git(root, "add", "-A")
        when = f"2024-05-0{1 + n // 2}T1{n}:00:00+00:00"  # two commits a day
        env = ["-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(
            ["git", "-C", str(root), *env, "commit", "-qm", ident],
            check=True,
            env=dict(os.environ, GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when),
        )
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    cmd = [sys.executable, "-m", "leaderboard.cli", "build", "--data", "data", "--out", "public"]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "public"


def _tables(page: str) -> list[tuple[str, str]]:
    """(the text before it back to the previous table, the table) for each sortable table, with what follows
    up to the next table: where its download must be."""
    parts = re.split(r"(<table data-sortable>.*?</table>)", page, flags=re.DOTALL)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def _models(table: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<td class="lb-model">([^<]+)', table)]


def test_groups_of_one_are_gathered_in_one_not_comparable_table(site: Path):
    page = (site / "benchmarks" / "toy-speed.html").read_text(encoding="utf-8")
    tables = _tables(page)
    assert [_models(t) for t, _ in tables] == [["ModelA", "ModelB", "ModelD"], ["ModelC", "ModelE"]]
    assert page.count('<h2 id="group-') == 1 and '<h2 id="not-comparable">' in page
    ranking, alone = tables[0][0], tables[1][0]
    assert '<th scope="col">Hardware</th>' in alone, "the condition in which they differ is a column"
    assert ">Y</td>" in alone and ">Z</td>" in alone
    assert "Rank" not in alone, "results without a comparable result are not ranked"
    assert re.search(r"≤ 90\.5% <small class=\"lb-kind\">best case</small>", alone), "the bound, in words"
    row_d = re.search(r"ModelD</td>(.*?)</tr>", ranking, re.DOTALL).group(1)
    assert re.search(r'<td class="lb-nowrap" data-sort="">–</td>\s*<td class="lb-value"[^>]*>3\.5×', row_d)
    assert "Curator note on ModelA." in ranking and "<details data-search-exclude>" in ranking
    headers = re.findall(r'<th scope="col">([^<]+)', ranking)
    assert headers[:4] == ["Rank", "Model", "Accuracy ", "Speedup "], "primary metric first, then the others"
    assert "Extra training data" in headers and "Code" in headers


def test_only_comparable_groups_are_charted(site: Path):
    charts = sorted(p.name for p in (site / "charts").glob("*.json"))
    assert charts and all(name.startswith("toy-speed.x-") for name in charts), charts
    page = (site / "benchmarks" / "toy-speed.html").read_text(encoding="utf-8")
    assert page.count('class="lb-chart"') == len(charts)


def test_every_result_on_the_page_is_in_its_downloads(site: Path):
    page = (site / "benchmarks" / "toy-speed.html").read_text(encoding="utf-8")
    shown = sorted(m for t, _ in _tables(page) for m in _models(t))
    downloads = site / "downloads" / "benchmarks"
    rows = list(csv.DictReader(io.StringIO((downloads / "toy-speed.csv").read_text(encoding="utf-8"))))
    assert sorted(r["model"] for r in rows) == shown == ["ModelA", "ModelB", "ModelC", "ModelD", "ModelE"]
    records = json.loads((downloads / "toy-speed.json").read_text(encoding="utf-8"))
    assert sorted(r["model"] for r in records) == shown
    (d,) = (r for r in records if r["model"] == "ModelD")
    assert d["value"] is None and d["speed"] == 3.5 and d["rank"] is None


def test_every_table_has_its_download_with_its_file_name(site: Path):
    page = (site / "benchmarks" / "toy-speed.html").read_text(encoding="utf-8")
    for table, after in _tables(page):
        link = re.search(r'<a class="md-button" href="\.\./downloads/([^"]+)\.csv" download>CSV</a>', after)
        assert link, "no download after a table"
        name = link.group(1)
        assert f"<code>{name.rsplit('/', 1)[-1]}.csv</code>" in after, "the file name is shown beside the button"
        rows = list(csv.DictReader(io.StringIO((site / "downloads" / f"{name}.csv").read_text(encoding="utf-8"))))
        assert sorted(r["model"] for r in rows) == sorted(_models(table))
    assert "groups/toy-speed.x-" in page, "a group's file is named by its condition values"


def test_home_page_best_comes_from_a_comparable_group(site: Path):
    home = (site / "index.html").read_text(encoding="utf-8")
    row = re.search(r'href="benchmarks/toy-speed.html">Toy Speed</a></td>(.*?)</tr>', home, re.DOTALL).group(1)
    assert "ModelA" in row and "70.5%" in row and "rank 1 of 2 in Hardware: X" in row
    assert "ModelC" not in row, "80.5% alone on other hardware is no best"
    assert "Accuracy" in row and "higher is better" in row
    cells = re.findall(r'<td data-sort="(\d+)">\d+</td>', row)
    assert cells == ["5", "4"], "five results from four papers"
    assert "2024-04" in row, "the latest result's date"


def test_sitemap_feed_and_404_with_site_url(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/lb/benchmarks/toy-speed.html</loc>" in sitemap
    assert "<loc>https://example.org/lb/index.html</loc>" in sitemap
    feed = (site / "changelog.xml").read_text(encoding="utf-8")
    links = re.findall(r'<link (?:rel="\w+" )?href="([^"]+)"', feed)
    assert len(links) >= 5 and all(link.startswith("https://example.org/lb/changelog.") for link in links), links
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert not re.search(r'(?:href|src)="/(?!/)', missing), "root-absolute paths break under a subpath"
    assert 'href="https://example.org/lb/assets/leaderboard.css"' in missing


def test_contribute_page_links_the_repository_and_the_form(site: Path):
    page = (site / "contribute.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/lb"' in page
    assert 'href="https://github.com/example/lb/blob/HEAD/CONTRIBUTING.md"' in page
    assert 'href="https://github.com/example/lb/issues/new?template=submit-result.yml"' in page
    assert "leaderboard:" not in page
    assert linked("[the form](leaderboard:issue-form)", None) == "the form", "no repository: plain text"


def test_changelog_has_one_heading_per_date(site: Path):
    page = (site / "changelog.html").read_text(encoding="utf-8")
    days = re.findall(r'<h2 id="day-([\d-]+)"', page)
    assert days == ["2024-05-02", "2024-05-01"]
    assert len(re.findall(r'<h3 id="commit-[0-9a-f]{12}"', page)) == 4, "each change under its day"


def test_search_index_holds_what_a_reader_searches(site: Path):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert {"benchmarks/toy-speed.html", "papers/pa.html", "index.html"} <= locations
    assert not any(loc.startswith(("downloads.html", "changelog.html")) for loc in locations)
    text = " ".join(d["text"] for d in docs)
    assert re.search(r"ModelA\s+70\.5%", text), "cells are separate words in a snippet"
    assert not re.search(r"\dModel|%Model|Model[A-E]\d", text), "table cells run together"
    assert "ModelA reaches" not in text, "evidence quotes are read on the page, not searched"
    assert not any(loc.startswith("claims.html") for loc in locations), "claims are searched on their papers' pages"
