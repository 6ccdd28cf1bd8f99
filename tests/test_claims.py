"""Relative claims, controlled vocabularies and kind-follows-words, as a contributor and a reader meet them:
the messages validate prints, and where a claim shows up (downloads, pages, diff) and where it never does
(any ranking)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
from cliutil import BASE, run_cli
from toycorpus import git

from leaderboard.claims import claims_frame
from leaderboard.rules.wording import kind_problem
from leaderboard.validate import validate

REPO = Path(__file__).resolve().parents[1]
HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"


def claims_paper(ident: str, claims: str, results: str = "") -> str:
    return f'{HEAD}id: {ident}\ntitle: "Paper {ident}"\ndate: "2024-05"\n{results}claims:\n{claims}'


CLAIM = """  - model: HopDraft
    baseline: {name: autoregressive decoding}
    quantity: {benchmark: draft-speedup, metric: speedup}
    change: {form: ratio, direction: increase, kind: up_to, value: 2.3}
    conditions: {target_model: Llama-2-7B}
    evidence:
      quote: "HopDraft is up to 2.3x faster than autoregressive decoding on Llama-2-7B"
      location: abstract
  - model: HopDraft
    baseline: {unnamed: previous_state_of_the_art}
    quantity: {name: memory}
    change: {form: percent_of_baseline, direction: decrease, kind: approximate, value: 40}
    area: Speculative decoding
    scope: "across 3 serving traces"
    evidence:
      quote: "with only about 40% of the memory of the previous state of the art across 3 serving traces"
      location: abstract
"""
BASELINES = """# yaml-language-server: $schema=../../schemas/vocabulary.schema.json
id: baselines
name: Baselines
description: What claims compare against.
terms:
  - name: autoregressive decoding
    aliases: [auto-regressive decoding, AR decoding]
"""
AREAS = """# yaml-language-server: $schema=../../schemas/vocabulary.schema.json
id: areas
name: Areas
description: Research areas.
terms:
  - name: Speculative decoding
  - name: Math reasoning
  - name: Object detection
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "data"
    shutil.copytree(BASE, root)
    (root / "vocabularies" / "baselines.yaml").write_text(BASELINES)
    (root / "vocabularies" / "areas.yaml").write_text(AREAS)
    (root / "papers" / "claimer.yaml").write_text(claims_paper("claimer", CLAIM))
    return root


def lines(report) -> list[str]:
    return [f"{d.code} {d.field}: {d.message}. Fix: {d.fix_text}" for d in report.diagnostics]


def test_claims_validate_and_a_paper_may_hold_only_claims(data: Path):
    report = validate(data)
    assert lines(report) == []


# --- kind follows the words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "value", "said"),
    [
        ("outperforms the baseline by up to 91% on Baichuan-Small", {"value": 91}, "up_to"),
        ("a speedup of up to a 2.5x", {"value": 2.5}, "up_to"),
        ("achieves over 96% accuracy", {"value": 96}, "at_least"),
        ("more than 2x faster", {"value": 2}, "at_least"),
        ("an average improvement of sim6% across benchmarks", {"value": 6}, "approximate"),
        ("about 40% of computations", {"value": 40}, "approximate"),
        ("~3x lower latency", {"value": 3}, "approximate"),
        ("speedups of 1.3-2.1x", {"value": 1.3}, "range"),
        ("speedups of 1.8x~2.3x", {"value": 2.3}, "range"),
        ("up to 3.79times and 1.52times, compared to", {"value": 1.52}, "up_to"),
        ("can provide as much as (1) 25.3X wall-clock attention speed-up", {"value": 25.3}, "up_to"),
        ("throughput of alerts, on the order of 8times for local processing", {"value": 8}, "approximate"),
    ],
)
def test_a_qualified_number_recorded_as_a_point_is_refused(quote: str, value: dict, said: str):
    problem = kind_problem(value, quote)
    assert problem is not None and f"which makes it {said}" in problem
    assert kind_problem({**value, "kind": said}, quote) is None or said == "range"


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("improving Natural Questions R@5 to 77.9%(+2.1%)", {"value": 77.9}),
        ("boosts accuracy from 53.9% to 57.1%", {"value": 57.1}),
        ("a 3.2x speedup on Llama-2-70B", {"value": 70}),
        ("reaches 73.5% on MathVista, up to 5 points above", {"value": 73.5}),
        ("speedups of 1.3-2.1x", {"kind": "range", "low": 1.3, "high": 2.1}),
        ("between 1.5x and 2x faster", {"kind": "range", "low": 1.5, "high": 2}),
        ("up to 2.3x faster", {"kind": "up_to", "value": 2.3}),
        ("by up to 91% on Baichuan-Small and 146% on Baichuan-Large, respectively", {"kind": "up_to", "value": 146}),
    ],
)
def test_numbers_whose_words_match_their_kind_pass(quote: str, value: dict):
    assert kind_problem(value, quote) is None


def test_a_bound_governs_its_sentence_only():
    """'up to' reaches the later numbers of its sentence, not the next sentence's."""
    assert kind_problem({"kind": "up_to", "value": 5}, "up to 3x on A. On B, 5x") is not None


def test_a_bound_without_its_words_is_refused_with_the_fix(data: Path):
    text = (data / "papers" / "hopdraft.yaml").read_text()
    (data / "papers" / "hopdraft.yaml").write_text(
        text.replace("speedup: {value: 2.1}", "speedup: {kind: up_to, value: 2.1}")
    )
    assert lines(validate(data)) == [
        "LB130 results[0].metrics.speedup.kind: kind is up_to but the words beside 2.1 in the quote do not say so "
        "('up to', 'as high as', 'at most'). Fix: write kind: point, or quote the words that qualify the number"
    ]


# --- vocabularies --------------------------------------------------------------------------------------------


def _with_target(data: Path, target: str) -> list[str]:
    text = (data / "papers" / "hopdraft.yaml").read_text()
    (data / "papers" / "hopdraft.yaml").write_text(text.replace("target_model: Llama-2-7B", f"target_model: {target}"))
    return lines(validate(data))


def test_an_alias_names_the_canonical_spelling(data: Path):
    assert _with_target(data, "LLaMA-2-7B") == [
        "LB131 results[0].conditions.target_model: 'LLaMA-2-7B' is an alias of 'Llama-2-7B' in the models "
        "vocabulary. Fix: write Llama-2-7B"
    ]


@pytest.mark.parametrize("spelling", ["llama-2-7b", "Llama 2 7B", "LLAMA_2_7B"])
def test_a_near_miss_gets_did_you_mean(data: Path, spelling: str):
    assert _with_target(data, spelling) == [
        f"LB132 results[0].conditions.target_model: '{spelling}' is not in the models vocabulary. "
        "Fix: did you mean 'Llama-2-7B'?"
    ]


def test_an_unknown_value_says_which_file_to_add_it_to(data: Path):
    (message,) = _with_target(data, "Mixtral-8x22B")
    assert message.startswith("LB132 results[0].conditions.target_model: 'Mixtral-8x22B' is not in the models")
    assert "data/vocabularies/models.yaml" in message and "add a term named 'Mixtral-8x22B'" in message


def test_vendor_prefix_and_case_are_near_misses_of_hardware(data: Path):
    (data / "vocabularies" / "hardware.yaml").write_text(
        BASELINES.replace("id: baselines", "id: hardware").replace("autoregressive decoding", "NVIDIA Tesla T4")
    )
    bench = data / "benchmarks" / "tiny-detect.yaml"
    described = "    description: Device the speed was measured on.\n"
    bench.write_text(bench.read_text().replace(described, described + "    vocabulary: hardware\n"))
    fastdet = data / "papers" / "fastdet.yaml"
    fastdet.write_text(re.sub(r"hardware: .*", "hardware: tesla t4", fastdet.read_text(), count=1))
    assert [m for m in lines(validate(data)) if "hardware" in m] == [
        "LB132 results[0].conditions.hardware: 'tesla t4' is not in the hardware vocabulary. "
        "Fix: did you mean 'NVIDIA Tesla T4'?",
        "LB132 results[1].conditions.hardware: 'T4 GPU' is not in the hardware vocabulary. "
        "Fix: did you mean 'NVIDIA Tesla T4'?",
    ]


def test_benchmark_area_and_claim_baseline_use_their_vocabularies(data: Path):
    bench = data / "benchmarks" / "draft-speedup.yaml"
    bench.write_text(bench.read_text().replace("area: Speculative decoding", "area: Speculative Decoding"))
    paper = data / "papers" / "claimer.yaml"
    paper.write_text(paper.read_text().replace("{name: autoregressive decoding}", "{name: AR decoding}"))
    assert lines(validate(data)) == [
        "LB132 area: 'Speculative Decoding' is not in the areas vocabulary. Fix: did you mean 'Speculative decoding'?",
        "LB131 claims[0].baseline.name: 'AR decoding' is an alias of 'autoregressive decoding' in the baselines "
        "vocabulary. Fix: write autoregressive decoding",
    ]


# --- claims are checked like results -------------------------------------------------------------------------


def test_claim_references_numbers_and_sign_are_checked(data: Path):
    bad = (
        CLAIM.replace("metric: speedup}", "metric: speedupp}")
        .replace("kind: approximate, value: 40}", "kind: approximate, value: 45}")
        .replace("target_model: Llama-2-7B}", "target_model: Llama-2-7B, colour: red}")
    )
    (data / "papers" / "claimer.yaml").write_text(claims_paper("claimer", bad))
    got = lines(validate(data))
    assert got == [
        "LB102 claims[0].quantity.metric: benchmark 'draft-speedup' has no metric 'speedupp'. Fix: use one of: speedup",
        "LB103 claims[0].conditions.colour: benchmark 'draft-speedup' has no condition 'colour'. "
        "Fix: use one of: lossless, target_model, temperature",
        "LB104 claims[1].change.value: 45 does not appear in the evidence quote. "
        "Fix: copy the quote verbatim so it contains the number, or correct the number",
    ]


def test_a_claim_without_baseline_or_place_is_a_schema_error(data: Path):
    no_baseline = CLAIM.replace("    baseline: {name: autoregressive decoding}\n", "", 1)
    no_area = no_baseline.replace("    area: Speculative decoding\n", "")
    (data / "papers" / "claimer.yaml").write_text(claims_paper("claimer", no_area))
    got = {(d.code, d.field) for d in validate(data).diagnostics}
    assert ("LB011", "claims[0].baseline") in got
    assert ("LB011", "claims[1].area") in got


# --- where claims show up, and where they never do -----------------------------------------------------------


def _build(data: Path, out: Path) -> subprocess.CompletedProcess:
    return run_cli("build", "--data", data, "--out", out, "--no-site", cwd=data.parent)


def test_claims_are_downloads_of_their_own_and_never_in_a_ranking(data: Path, tmp_path: Path):
    proc = _build(data, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    downloads = tmp_path / "out" / "downloads"
    with (downloads / "claims.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["model"], r["change"], r["baseline"], r["quantity"]) for r in rows] == [
        ("HopDraft", "up to 2.3× higher", "autoregressive decoding", "Speedup on Draft decoding speedup"),
        ("HopDraft", "about 40% of the baseline", "the previous state of the art (unnamed)", "memory"),
    ]
    assert json.loads((downloads / "benchmarks" / "draft-speedup.claims.json").read_text())[0]["value"] == 2.3
    for table in [downloads / "results.csv", *(downloads / "benchmarks").glob("draft-speedup*.csv")]:
        if ".claims." not in table.name:
            assert "claimer" not in table.read_text(encoding="utf-8"), table.name


@pytest.mark.slow
def test_claims_on_the_site(data: Path, tmp_path: Path):
    out = tmp_path / "site"
    proc = run_cli("build", "--data", data, "--out", out, "--no-cache", cwd=data.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "claims.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="area-1">Speculative decoding</h2>', page)
    assert "up to 2.3× higher" in page and "about 40% of the baseline" in page
    bench = (out / "benchmarks" / "draft-speedup.html").read_text(encoding="utf-8")
    assert '<h2 id="claims">Relative claims</h2>' in bench and "up to 2.3× higher" in bench
    assert "about 40% of the baseline" not in bench  # that claim names no benchmark: it is listed by area
    paper = (out / "papers" / "claimer.html").read_text(encoding="utf-8")
    assert "about 40% of the baseline" in paper and '<h2 id="results">' not in paper
    package = json.loads((out / "downloads" / "datapackage.json").read_text())
    assert "claims" in {r["name"] for r in package["resources"]}


def test_diff_reports_claims(data: Path):
    repo = data.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    paper = data / "papers" / "claimer.yaml"
    paper.write_text(
        paper.read_text().replace("kind: up_to, value: 2.3}", "kind: up_to, value: 2.5}").replace("2.3x", "2.5x")
    )
    proc = run_cli("diff", "--base", "main", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "1 relative claims added, changed or removed" in proc.stdout
    assert "### Relative claims changed" in proc.stdout
    assert (
        "| Speculative decoding | HopDraft | Speedup on Draft decoding speedup | autoregressive decoding | "
        in proc.stdout
    )
    assert "up to 2.3× higher → up to 2.5× higher | claimer |" in proc.stdout


def test_the_claims_lists_stay_bounded_newest_first():
    """A list of claims that grows with the corpus shows the newest papers' claims and says how many more the
    download holds: on the claims page per area, and on a benchmark page."""
    from leaderboard.corpus import load_corpus
    from leaderboard.site import pages

    real = claims_frame(load_corpus(REPO / "data"))
    many = real.with_columns(area=pl.lit("One area"))
    assert many.height > pages.CLAIMS_LIMIT
    html = pages.claims_page(many, {})
    shown = html.count("<tr") - html.count("<thead><tr")
    assert shown == pages.CLAIMS_LIMIT
    assert f"{many.height - pages.CLAIMS_LIMIT} more are in the download above" in html
    rows, more = pages.newest_claims(many, {})
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates, reverse=True) and more == many.height - pages.CLAIMS_LIMIT
    newest = max(d for d in many.get_column("date").to_list() if d)
    assert rows[0]["date"] == newest
