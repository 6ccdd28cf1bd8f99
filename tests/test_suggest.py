"""`leaderboard suggest`: drafts read from an abstract. Behaviour on small hand-written abstracts, and its
precision and recall on the seed abstracts against the curated data, held above floors."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from leaderboard import cli
from leaderboard.suggest import (
    HIGH,
    LOW,
    draft_yaml,
    evaluate,
    format_scores,
    load_registry,
    read_abstract,
    seed_abstracts,
    suggest,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed abstracts not found at {SEEDS}")

DETECTOR = (
    "We present FooNet, a real-time detector. Our FooNet-L achieves 54.7% AP on COCO at 120 FPS on an "
    "NVIDIA T4 GPU, trained on 118K images from 12 datasets. FooNet is 2.3x faster than vLLM and outperforms "
    "DINO-R50 by 2.2% AP."
)


def _one(found, value: float, section: str | None = None):
    hits = [s for s in found if s.number.value == value and (section is None or s.section == section)]
    assert len(hits) == 1, [(s.number.text, s.section) for s in found]
    return hits[0]


def test_a_result_gets_its_benchmark_metric_model_and_a_verbatim_quote():
    found, _ = suggest(DETECTOR, DATA)
    ap = _one(found, 54.7)
    assert (ap.section, ap.benchmark, ap.metric, ap.model, ap.kind) == (
        "results",
        "coco-detection",
        "box_ap",
        "FooNet-L",
        "point",
    )
    assert ap.confidence == HIGH and ap.quote in DETECTOR and "54.7" in ap.quote
    fps = _one(found, 120)
    assert (fps.benchmark, fps.metric, fps.model) == ("coco-detection", "fps", "FooNet-L")


def test_up_to_is_a_bound_and_a_speculative_speedup_is_a_result():
    text = (
        "We propose Kanga, a speculative decoding method with a draft head. Under single-sequence "
        "verification, Kanga achieves speedups up to 1.68times on Spec-Bench."
    )
    found, _ = suggest(text, DATA)
    s = _one(found, 1.68)
    assert (s.section, s.benchmark, s.metric, s.kind) == ("results", "spec-decoding-speedup", "speedup", "up_to")
    found, _ = suggest("FooNet reaches up to 56.1% AP on COCO and about 60 FPS.", DATA)
    assert _one(found, 56.1).kind == "up_to"
    assert _one(found, 60).kind == "approximate"


def test_relative_claims_carry_baseline_form_and_direction():
    found, _ = suggest(DETECTOR, DATA)
    ratio = _one(found, 2.3)
    assert ratio.section == "claims"
    assert (ratio.form, ratio.direction, ratio.baseline, ratio.quantity) == (
        "ratio",
        "increase",
        {"name": "vLLM"},
        {"name": "speed"},
    )
    assert ratio.model == "FooNet"
    ap = _one(found, 2.2)
    assert ap.section == "claims" and ap.baseline == {"name": "DINO-R50"} and ap.model == "FooNet"
    assert ap.quantity == {"benchmark": "coco-detection", "metric": "box_ap"}
    found, _ = suggest("Our method gives +8.6% over the baseline and 35% lower latency than prior methods.", DATA)
    plus = _one(found, 8.6)
    assert (
        plus.section == "claims" and plus.baseline == {"unnamed": "unnamed_baseline"} and plus.direction == "increase"
    )
    lat = _one(found, 35)
    assert (lat.form, lat.direction, lat.quantity) == ("relative_percent", "decrease", {"name": "latency"})


def test_a_bound_governs_the_numbers_listed_after_it():
    text = "Clover outperforms the baseline by up to 91% on Baichuan-Small and 146% on Baichuan-Large, respectively."
    found, _ = suggest(text, DATA)
    assert [(s.section, s.kind) for s in found] == [("claims", "up_to"), ("claims", "up_to")]


def test_counts_and_sizes_are_not_proposed_with_confidence():
    found, skipped = suggest(DETECTOR, DATA)
    assert not [s for s in found if s.number.value in (118, 12, 4)], [s.number.text for s in found]
    assert {"118K", "12"} <= {k.text for k in skipped}
    found, _ = suggest(
        "FooNet processes images (1024 x 1024) and reaches 31.5% AP on COCO with Llama 2 as its head.", DATA
    )
    assert [s.number.text for s in found] == ["31.5"]


def test_an_unknown_benchmark_is_low_confidence_and_says_so():
    text = "Our WidgetNet achieves 81.2% accuracy on the FrobBench suite."
    found, _ = suggest(text, DATA)
    s = _one(found, 81.2)
    assert s.confidence == LOW and s.benchmark is None
    out = _run(["suggest", "-"], stdin=text)
    assert out[0] == 0 and 'benchmark: "?"   # UNKNOWN' in out[1]


def test_an_unnamed_model_is_low_confidence():
    found, _ = suggest("The resulting system reaches 50.1% AP on COCO.", DATA)
    s = _one(found, 50.1)
    assert s.benchmark == "coco-detection" and s.model is None and s.confidence == LOW


def test_benchmark_and_metric_aliases_are_read_when_a_file_has_them(tmp_path: Path):
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "benchmarks" / "frob.yaml").write_text(
        "id: frob\nname: Frobnication benchmark\naliases: [FrobBench-XL]\nprimary_metric: acc\n"
        "metrics:\n  - {id: acc, name: Accuracy, unit: percent, aliases: [frob score]}\n"
        "  - {id: f1, name: F1, unit: percent}\n",
        encoding="utf-8",
    )
    found, _ = suggest("Our WidgetNet reaches a frob score of 81.2% on FrobBench-XL.", tmp_path)
    s = _one(found, 81.2)
    assert (s.benchmark, s.metric, s.model, s.confidence) == ("frob", "acc", "WidgetNet", HIGH)
    found, _ = suggest("Our WidgetNet reaches 81.2% on FrobBench-XL.", tmp_path / "elsewhere")
    assert _one(found, 81.2).benchmark is None  # no benchmark files: nothing is guessed


def _run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """cli.main in-process (fast), with stdin and the captured output."""
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), io.StringIO(), io.StringIO()
    try:
        code = cli.main([*argv[:1], "--data", str(DATA), *argv[1:]])
        return code, sys.stdout.getvalue(), sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = old


def test_stdin_prints_a_draft_that_reads_as_a_paper_file():
    code, out, err = _run(["suggest", "-", "--title", "FooNet: Fast Detection"], stdin=DETECTOR)
    assert code == 0, err
    draft = yaml.safe_load(out)
    assert draft["id"] == "foonet" and draft["title"] == "FooNet: Fast Detection"
    assert draft["results"][0]["benchmark"] == "coco-detection"
    assert draft["results"][0]["metrics"] == {"box_ap": {"value": 54.7}, "fps": {"value": 120}}
    assert {c["baseline"].get("name") for c in draft["claims"]} >= {"vLLM", "DINO-R50"}
    assert "# confidence: high" in out and "DRAFT" in out
    code, out, _ = _run(["suggest", "-"], stdin="Our FooNet-L achieves 54.7% AP on COCO val2017 at 120 FPS.")
    assert yaml.safe_load(out)["results"][0]["conditions"] == {"split": "val2017"}  # a listed value in the quote
    assert "the quote prints 'val2017': check" in out
    for item in draft["results"] + draft["claims"]:
        assert item["evidence"]["quote"] in DETECTOR


def test_out_writes_a_new_file_and_refuses_to_overwrite(tmp_path: Path):
    src = tmp_path / "abstract.txt"
    src.write_text(DETECTOR, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    code, stdout, err = _run(["suggest", str(src), "--out", str(out)])
    assert code == 0, err
    first = out.read_bytes()
    assert b"coco-detection" in first and "Wrote" in stdout
    out.write_text("# my own edits\n", encoding="utf-8")
    code, _, err = _run(["suggest", str(src), "--out", str(out)])
    assert code == 1 and "already exists" in err and "nothing was written" in err
    assert out.read_text(encoding="utf-8") == "# my own edits\n"


def test_an_arxiv_id_is_looked_up_in_the_papers_lists(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(f"header\n\nFooNet: Fast Detection\n\n{DETECTOR} {'x' * 150}\n\nfooter\n", encoding="utf-8")
    index = tmp_path / "papers.csv"
    index.write_text(
        "title,arxiv_id,year_month,code_url\nFooNet: Fast Detection,2501.01234,2025-01,https://github.com/a/b\n",
        encoding="utf-8",
    )
    abstract, paper = read_abstract("2501.01234", [index, page])
    assert abstract.startswith("We present FooNet") and paper["date"] == "2025-01"
    code, out, err = _run(["suggest", "2501.01234", "--papers", str(index), "--papers", str(page)])
    assert code == 0, err
    assert 'arxiv_id: "2501.01234"' in out and 'date: "2025-01"' in out and "id: foonet" in out
    code, _, err = _run(["suggest", "2501.99999", "--papers", str(index), "--papers", str(page)])
    assert code == 1 and "not in the --papers CSV" in err


def test_a_page_of_several_abstracts_needs_the_title_of_one(tmp_path: Path):
    other = "We study widgets. " * 20
    page = tmp_path / "page.txt"
    page.write_text(f"FooNet: Fast Detection\n\n{DETECTOR} {'y' * 150}\n\nWidgets\n\n{other}\n", encoding="utf-8")
    code, _, err = _run(["suggest", str(page)])
    assert code == 1 and "holds 2 titled abstracts" in err and "--title" in err
    code, out, err = _run(["suggest", str(page), "--title", "FooNet: Fast Detection"])
    assert code == 0 and "coco-detection" in out and "widgets" not in out.lower()


def test_suggest_does_not_import_polars():
    probe = (
        "import sys; from leaderboard import cli; "
        f"cli.main(['suggest', '--data', {str(DATA)!r}, '-']); "
        "sys.exit(1 if 'polars' in sys.modules else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], input=DETECTOR, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------------------------------- seeds


def _seed_abstracts() -> dict[str, str]:
    out: dict[str, str] = {}
    for page in sorted(SEEDS.glob("*.txt")):
        for title, body in seed_abstracts(page.read_text(encoding="utf-8")).items():
            out.setdefault(title, body)
    return out


@needs_seeds
def test_suggestions_never_invent_a_number_on_any_seed_abstract():
    """Every proposed number is printed in its quote, every quote is verbatim in the abstract, and the
    draft of every seed abstract reads as YAML."""
    for title, abstract in _seed_abstracts().items():
        found, skipped = suggest(abstract, DATA, title)
        for s in found:
            assert s.quote in abstract, title
            assert s.quote[s.number.start : s.number.end] == s.number.text, title
            assert s.number.high is None or s.quote[s.number.high.start : s.number.high.end] == s.number.high.text
        draft = yaml.safe_load(draft_yaml(found, skipped, load_registry(DATA), {"title": title}))
        for item in (draft.get("results") or []) + (draft.get("claims") or []):
            assert item["evidence"]["quote"] in abstract, title


#: (precision, recall) floors, about 5 points under what was measured on all 102 curated papers (both seed
#: pages; README.md has the figures). The suggester was tuned on page 000 and scores lower on page 004.
FLOORS = {
    ("results", "value"): (0.64, 0.89),
    ("results", "benchmark"): (0.61, 0.84),
    ("results", "kind"): (0.64, 0.89),
    ("results", "confident"): (0.78, 0.75),
    ("claims", "value"): (0.83, 0.80),
    ("claims", "kind"): (0.81, 0.78),
    ("claims", "form"): (0.73, 0.70),
    ("claims", "confident"): (0.82, 0.60),
}


@needs_seeds
def test_precision_and_recall_on_the_seed_abstracts_stay_above_their_floors():
    scores = evaluate(DATA, SEEDS)
    assert scores["papers"]["count"].curated >= 50, "too few curated papers have a seed abstract"
    report = format_scores(scores)
    for (section, field), (precision, recall) in FLOORS.items():
        score = scores[section][field]
        assert score.precision >= precision, f"{section} {field} precision fell below {precision}:\n{report}"
        assert score.recall >= recall, f"{section} {field} recall fell below {recall}:\n{report}"
