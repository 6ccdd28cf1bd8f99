"""The curated corpus against its sources: every quote verbatim in that paper's abstract, ids and dates as
papers.csv gives them. The seeds live in ../shared/seeds beside the checkout (as in CI); where they are
absent these tests skip and say why."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
PAPERS = sorted((REPO / "data" / "papers").glob("*.yaml"))

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed abstracts not found at {SEEDS}")


def _abstracts() -> dict[str, str]:
    """title -> abstract, from the seed pages (a title line, a blank line, then the abstract paragraph)."""
    out: dict[str, str] = {}
    for page in sorted(SEEDS.glob("*.txt")):
        blocks = [b.strip() for b in page.read_text(encoding="utf-8").split("\n\n")]
        for title, body in itertools.pairwise(blocks):
            if "\n" not in title and len(body) > 200:
                out.setdefault(title, body)
    return out


def _index() -> dict[str, dict]:
    with (SEEDS / "papers.csv").open(encoding="utf-8") as fh:
        return {row["title"]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def abstracts():
    return _abstracts()


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_every_quote_is_verbatim_in_that_papers_abstract(path: Path, abstracts):
    paper = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert paper["title"] in abstracts, f"title not found in the seeds: {paper['title']!r}"
    abstract = abstracts[paper["title"]]
    for field in ("results", "claims"):
        for i, item in enumerate(paper.get(field, [])):
            evidence = item["evidence"]
            assert evidence["location"] == "abstract", "seed curation only has abstracts"
            assert evidence["quote"] in abstract, f"{field}[{i}] quote is not verbatim in the abstract"


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_ids_and_dates_match_the_seed_index(path: Path):
    paper = yaml.safe_load(path.read_text(encoding="utf-8"))
    row = _index().get(paper["title"])
    assert row is not None, "paper is not in papers.csv"
    assert paper.get("arxiv_id", "") == row["arxiv_id"], "arXiv id differs from papers.csv (never guess one)"
    assert paper.get("date", "") == row["year_month"], "date differs from papers.csv's first-version month"


def test_the_corpus_covers_the_named_families():
    results = [r for p in PAPERS for r in yaml.safe_load(p.read_text(encoding="utf-8")).get("results", [])]
    benchmarks = {r["benchmark"] for r in results}
    assert {"aime-2024", "coco-detection", "mteb", "spec-decoding-speedup"} <= benchmarks
