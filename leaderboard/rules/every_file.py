"""Rules for every data file, whatever its kind: numbers, characters, the file's name and its first line."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ..conventions import MODELINE_PREFIX, modeline
from ..corpus import Source
from .context import Context, Found, Pointer, diag, doc
from .numbers import all_finite, walk_numbers

# Device names: Windows cannot create con.yaml, aux.yaml, ... so a clone of the repository fails there. The
# superscript forms (com¹) are reserved too; the id pattern cannot produce them, the check costs nothing.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in [*"0123456789", "¹", "²", "³"]]
)


def finite_numbers(ctx: Context, src: Source) -> Found:
    if all_finite(src.data):
        return
    for pointer, number in walk_numbers(src.data):
        if not math.isfinite(number):
            yield diag(src, "LB112", pointer, f"{number} is not a finite number")


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# YAML can only put such a character into a string by writing it or by a \u or \U escape (\x stops at U+00FF;
# \N, \_, \L and \P are other characters), so a text without any of these needs no walk over its strings.
_MAY_HIDE_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\\\\[uU]")


def _strings(node: object, pointer: Pointer = ()) -> Iterator[tuple[Pointer, str]]:
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield (*pointer, key), str(key)
            yield from _strings(value, (*pointer, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*pointer, i))


def no_invisible_characters(ctx: Context, src: Source) -> Found:
    """Zero-width and bidi-override characters make a model name or quote read differently than it is."""
    text = src.text
    if (text.isascii() and "\\u" not in text and "\\U" not in text) or not _MAY_HIDE_INVISIBLE.search(text):
        return
    for pointer, text in _strings(src.data):
        found = _INVISIBLE.search(text)
        if found:
            yield diag(src, "LB119", pointer, f"contains U+{ord(found.group()):04X} at position {found.start()}")


def file_name_matches_id(ctx: Context, src: Source) -> Found:
    ident = doc(src).get("id")
    if ctx.field_ok(src, "id") and src.path.stem != ident:
        yield diag(
            src,
            "LB110",
            ("id",),
            f"id '{ident}' but the file is named '{src.path.name}'",
            fix=f"rename the file to {ident}.yaml or set id: {src.path.stem}",
        )


def id_not_reserved_on_windows(ctx: Context, src: Source) -> Found:
    """Ids are file names, and Windows refuses device names as file names whatever the extension."""
    names = {src.path.stem.casefold()}
    if ctx.field_ok(src, "id"):
        names.add(doc(src)["id"].casefold())
    for name in sorted(names & WINDOWS_RESERVED):
        yield diag(
            src,
            "LB123",
            ("id",),
            f"'{name}' is a device name on Windows: {name}.yaml cannot exist there, so the repository "
            "could not be checked out",
        )


def schema_comment(ctx: Context, src: Source) -> Found:
    first = src.text.split("\n", 1)[0].strip()
    expected = modeline(src.kind)
    if not (first.startswith(MODELINE_PREFIX) and first.endswith(f"{src.kind}.schema.json")):
        return [diag(src, "LB009", (), "the first line is not the schema comment", fix=f"make line 1: {expected}")]
    return []
