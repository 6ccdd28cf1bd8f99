"""Words every data file shares, defined once: the schema modeline of its first line, 'not stated', how a
string is written into a file, what a metric declares, and which benchmarks a relative claim concerns."""

from __future__ import annotations

import json
from dataclasses import dataclass

#: What a condition says when the source is silent; never a guess.
NOT_STATED = "not stated"

MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(kind: str) -> str:
    """The first line of a data file of this kind ('paper' or 'benchmark'), naming its schema for editors."""
    return f"{MODELINE_PREFIX}../../schemas/{kind}.schema.json"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar, as the tool writes every string into a data file (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Metric:
    """What a benchmark file declares of one metric that its readers need: id, name, unit and direction."""

    id: str
    name: str
    unit: str
    higher_is_better: bool


def claim_benchmarks(claim: dict) -> list[str]:
    """The benchmarks a claim concerns: its quantity's, then the ones it lists, each once."""
    named = [claim["quantity"]["benchmark"]] if "benchmark" in claim["quantity"] else []
    return list(dict.fromkeys([*named, *claim.get("benchmarks", [])]))
