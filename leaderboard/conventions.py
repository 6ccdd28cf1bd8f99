"""Words every data file shares, defined once: the schema modeline of its first line and 'not stated'."""

from __future__ import annotations

#: What a condition says when the source is silent; never a guess.
NOT_STATED = "not stated"

MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(kind: str) -> str:
    """The first line of a data file of this kind ('paper' or 'benchmark'), naming its schema for editors."""
    return f"{MODELINE_PREFIX}../../schemas/{kind}.schema.json"
