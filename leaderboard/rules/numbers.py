"""Finding numbers in evidence quotes: the check that a value was copied, not invented."""

from __future__ import annotations

import json
import math
import re

#: A number as quotes print it: 1,234.5 / 73.5 / .5 (the sign is read separately).
NUMBER_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMBER = re.compile(NUMBER_PATTERN)


def numbers_in(text: str) -> list[float]:
    return [float(tok.replace(",", "")) for tok in _NUMBER.findall(text)]


def appears(value: float, text: str) -> bool:
    """True when the quote prints this number (sign-insensitive: '1.3-2.1x' holds 1.3 and 2.1)."""
    return appears_in(value, numbers_in(text))


def appears_in(value: float, printed: list[float]) -> bool:
    """appears() with the quote's numbers parsed once, for results with several values."""
    target = abs(value)
    return target in printed or any(math.isclose(n, target, rel_tol=0, abs_tol=1e-9) for n in printed)


_ONE_TO_TWENTY = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty"
)
_COUNT_WORDS = {word: n for n, word in enumerate(_ONE_TO_TWENTY.split(" "), start=1)} | {"once": 1, "twice": 2}
_WORD = re.compile(r"[^\W\d_]+")


def count_appears(count: int, text: str, printed: list[float]) -> bool:
    """A number of runs as a quote states it: digits ('5 seeds') or an English word ('three runs', 'twice')."""
    return appears_in(count, printed) or any(_COUNT_WORDS.get(word) == count for word in _WORD.findall(text.lower()))


def as_fraction_of_percent(value: float, text: str) -> bool:
    """0.531 recorded where the quote prints 53.1 (%): the classic unit slip."""
    return 0 < abs(value) <= 1 and any(math.isclose(n, abs(value) * 100, abs_tol=1e-6) for n in numbers_in(text))


def all_finite(node) -> bool:
    """True when no float in the document is NaN or infinite. json.dumps(allow_nan=False) checks every
    float in C; it refuses some other things too (bytes, NaN keys), and then the caller walks the tree."""
    try:
        json.dumps(node, allow_nan=False, check_circular=False)  # a loaded document has no cycles
    except (ValueError, TypeError, RecursionError):
        return False
    return True


def walk_numbers(node, pointer=()):
    """Every float in a document with its path, to catch NaN and infinity wherever they hide."""
    if isinstance(node, float):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from walk_numbers(value, (*pointer, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_numbers(value, (*pointer, i))
