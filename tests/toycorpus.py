"""A tiny corpus, git helpers, the hostile corpus and byte comparison of built sites, shared by the CLI-level,
build and browser tests."""

from __future__ import annotations

import copy
import filecmp
import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

BENCH = """# yaml-language-server: $schema=../../schemas/benchmark.schema.json
id: toy-math
name: Toy Math
version: "1"
area: Math reasoning
task: Toy problems
description: A toy benchmark for tests.
homepage: https://example.org/toy
metrics:
  - {id: accuracy, name: Accuracy, unit: percent, higher_is_better: true, min: 0, max: 100}
primary_metric: accuracy
conditions:
  - {id: aggregation, name: Aggregation, description: Scoring rule., required: true, group: true, free_text: true}
"""


def paper(ident: str, date: str, results: list[tuple[str, float]]) -> str:
    body = [
        f"# yaml-language-server: $schema=../../schemas/paper.schema.json\nid: {ident}\ntitle: Paper {ident}\n"
        f'date: "{date}"\nresults:\n'
    ]
    for model, value in results:
        body.append(
            f"  - benchmark: toy-math\n    model: {model}\n    metrics:\n      accuracy: {{value: {value}}}\n"
            f"    conditions: {{aggregation: pass@1}}\n    evidence:\n"
            f'      quote: "{model} reaches {value}% on Toy Math"\n      location: abstract\n'
        )
    return "".join(body)


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leaderboard.cli", *args], cwd=repo, capture_output=True, text=True)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build_into(data: Path, out: Path, cwd: Path = REPO, *flags: str) -> Path:
    """Build data into out from cwd (so cwd's mkdocs.yml, or the packaged default when it has none)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    cmd = [sys.executable, "-m", "leaderboard.cli", "build", "--data", str(data), "--out", str(out), *flags]
    subprocess.run(cmd, check=True, cwd=cwd, env=env, capture_output=True)
    return out


# --- the hostile corpus: contributed strings the validator accepts, in every field that reaches a page ---------

HEAD = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"

PAYLOADS = [
    "<img src=x id=injected-img onerror=\"window.__pwned='img'\">",
    "</script><script id=injected-script>window.__pwned='script'</script>",
    "<svg id=injected-svg onload=\"window.__pwned='svg'\"></svg>",
    "[link](javascript:window.__pwned='md') {{ 7*7 }} {% raw %}",
    "<a id=injected-link href=\"javascript:window.__pwned='a'\">click</a>",
    "{: onclick=\"window.__pwned='attr'\" id=injected-attr } *em* _em_",
    '"><img id=injected-quote src=x onerror="window.__pwned=\'quote\'">',
    "]]> <![CDATA[ &amp; cc @octocat #1 org/repo#2",
]
# A benchmark whose area, name, metric and condition carry markup: they reach MkDocs' navigation and the
# theme's <title> and header, which print titles without escaping unless the generator escapes them.
NAV_AREA = "<img id=injected-area src=x onerror=\"window.__pwned='area'\">"
NAV_NAME = "A<B & C <svg id=injected-nav onload=\"window.__pwned='nav'\">"


def _evil_bench() -> str:
    doc = yaml.safe_load(BENCH)
    doc.update(id="evil-bench", name=NAV_NAME, area=NAV_AREA)
    doc["metrics"][0]["name"] = "<svg id=injected-metric onload=\"window.__pwned='metric'\">"
    doc["conditions"][0]["name"] = "{: onclick=\"window.__pwned='cond'\" }"
    head = "# yaml-language-server: $schema=../../schemas/benchmark.schema.json\n"
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


COMMIT = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm"]


def hostile_corpus(root: Path) -> Path:
    """root/data: a clean paper in a first commit, then a second commit adding the hostile benchmark and one
    paper per payload (two results in each benchmark, so the groups are charted and carry the payloads)."""
    data = root / "data"
    (data / "benchmarks").mkdir(parents=True)
    (data / "papers").mkdir()
    (data / "benchmarks" / "toy-math.yaml").write_text(BENCH)
    (data / "papers" / "clean.yaml").write_text(paper("clean", "2023-12", [("Clean-7B", 10.0)]))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, *COMMIT, "clean")  # the changelog then lists the hostile papers as a change
    (data / "benchmarks" / "evil-bench.yaml").write_text(_evil_bench())
    for n, payload in enumerate(PAYLOADS):
        doc = yaml.safe_load(paper(f"evil-{n}", f"2024-0{n + 1}", [(f"M{n}", 50.0 + n)]))
        doc["title"] = f"Evil {n} {payload}"
        result = doc["results"][0]
        result["model"] = f"M{n} {payload}"
        result["note"] = f"note {payload}"
        result["evidence"]["quote"] = f"M{n} reaches {50.0 + n}% {payload}"
        result["conditions"]["aggregation"] = f"pass@1 {payload}"
        # A second result in the same comparison group: only groups of two ranked results are charted, and
        # the charts must carry the payloads too.
        second = copy.deepcopy(result)
        second["model"] = f"M{n}b {payload}"
        second["metrics"]["accuracy"]["value"] = 40.0 + n
        second["evidence"]["quote"] = f"M{n}b reaches {40.0 + n}% {payload}"
        doc["results"].append(second)
        doc["results"] += [dict(copy.deepcopy(r), benchmark="evil-bench") for r in (result, second)]
        (data / "papers" / f"evil-{n}.yaml").write_text(HEAD + yaml.safe_dump(doc, allow_unicode=True))
    git(root, "add", "-A")
    git(root, *COMMIT, "hostile")
    return data


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def same_bytes(first: Path, second: Path) -> list[str]:
    """The files of two built sites, asserted to be the same names with the same bytes."""
    files = tree(first)
    assert files == tree(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert mismatch == [] and errors == []
    return files


def identity_data(which: str, root: Path) -> Path:
    """The data folder of a build-twice identity test: this repository's ("real"), a synthetic corpus of
    several benchmarks ("synthetic") or the hostile corpus ("hostile"), made under root."""
    if which == "real":
        return REPO / "data"
    if which == "synthetic":
        from tools.synth import generate

        generate(root / "synth", papers=30, seed=11, benchmarks=3)
        return root / "synth"
    assert which == "hostile", which
    return hostile_corpus(root / "hostile")
