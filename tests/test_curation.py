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
LEDGERS = sorted((REPO / "tests" / "curation").glob("ledger-*.yaml"))

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
    """Results and relative claims alike; with the validator's value-in-quote check (LB104) this puts every
    number of every record in the paper's abstract."""
    paper = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert paper["title"] in abstracts, f"title not found in the seeds: {paper['title']!r}"
    abstract = abstracts[paper["title"]]
    for section in ("results", "claims"):
        for i, item in enumerate(paper.get(section, [])):
            evidence = item["evidence"]
            assert evidence["location"] == "abstract", "seed curation only has abstracts"
            assert evidence["quote"] in abstract, f"{section}[{i}] quote is not verbatim in the abstract"


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_ids_and_dates_match_the_seed_index(path: Path):
    paper = yaml.safe_load(path.read_text(encoding="utf-8"))
    row = _index().get(paper["title"])
    assert row is not None, "paper is not in papers.csv"
    assert paper.get("arxiv_id", "") == row["arxiv_id"], "arXiv id differs from papers.csv (never guess one)"
    assert paper.get("date", "") == row["year_month"], "date differs from papers.csv's first-version month"


def _ledger() -> list[dict]:
    return [entry for f in LEDGERS for entry in yaml.safe_load(f.read_text(encoding="utf-8"))]


def test_every_seed_paper_is_accounted_for_in_a_ledger(abstracts):
    """Each seed title is curated (a paper file), has no quantitative result, or is left out with a reason:
    nothing on the seed pages is skipped silently."""
    entries = _ledger()
    titles = [e["title"] for e in entries]
    assert sorted(set(abstracts) - set(titles)) == [], "seed titles missing from tests/curation/ledger-*.yaml"
    assert len(titles) == len(set(titles)), "a title is in the ledgers twice"
    files = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"]: p for p in PAPERS}
    for entry in entries:
        assert entry["title"] in abstracts, f"ledger title not on the seed pages: {entry['title']!r}"
        if "paper" in entry:
            assert entry["paper"] in files, f"{entry['title']!r}: no data/papers/{entry['paper']}.yaml"
            curated = yaml.safe_load(files[entry["paper"]].read_text(encoding="utf-8"))
            assert curated["title"] == entry["title"]
        else:
            assert entry.get("status") in ("no_quantitative_result", "left_out"), entry["title"]
            assert entry["status"] != "left_out" or entry.get("reason") or entry.get("left_out"), entry["title"]


def test_left_out_numbers_are_quoted_verbatim_with_a_reason(abstracts):
    for entry in _ledger():
        for item in entry.get("left_out", []):
            assert item["quote"] in abstracts[entry["title"]], f"{entry['title']!r}: {item['quote']!r}"
            assert item.get("reason"), f"{entry['title']!r}: left out without a reason"


def test_every_curated_paper_is_in_a_ledger():
    listed = {e.get("paper") for e in _ledger()}
    for path in PAPERS:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] in listed, path.name


def test_the_corpus_covers_the_named_families():
    results = [r for p in PAPERS for r in yaml.safe_load(p.read_text(encoding="utf-8")).get("results", [])]
    benchmarks = {r["benchmark"] for r in results}
    assert {"aime-2024", "coco-detection", "mteb", "spec-decoding-speedup"} <= benchmarks
