"""A tiny corpus and git helpers shared by the CLI-level tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
