"""Words every data file shares, defined once: the schema modeline of its first line, 'not stated', and
which benchmarks a relative claim concerns."""

from __future__ import annotations

#: What a condition says when the source is silent; never a guess.
NOT_STATED = "not stated"

MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(kind: str) -> str:
    """The first line of a data file of this kind ('paper' or 'benchmark'), naming its schema for editors."""
    return f"{MODELINE_PREFIX}../../schemas/{kind}.schema.json"


def claim_benchmarks(claim: dict) -> list[str]:
    """The benchmarks a claim concerns: its quantity's, then the ones it lists, each once."""
    named = [claim["quantity"]["benchmark"]] if "benchmark" in claim["quantity"] else []
    return list(dict.fromkeys([*named, *claim.get("benchmarks", [])]))
