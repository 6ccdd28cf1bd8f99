"""How values read: numbers as the source printed them, units, and the words for value kinds.

Neutral ground: the site, the downloads and `leaderboard diff` all show values, and none of them should import
another's module to do it.
"""

from __future__ import annotations

_UNITS = {
    "percent": "%",
    "x": "×",
    "points": "",
    "count": "",
    "fps": " FPS",
    "ms": " ms",
    "s": " s",
    "tokens/s": " tok/s",
    "GB": " GB",
}
_KIND_PREFIX = {"point": "", "approximate": "≈ ", "at_least": "≥ ", "up_to": "≤ "}
_KIND_WORDS = {
    "point": "measured",
    "approximate": "approximate",
    "at_least": "lower bound ('at least')",
    "up_to": "best case ('up to')",
    "range": "range",
}


def number(value: float | None) -> str:
    """Shortest exact form: 74.0 stays 74.0 (the source printed it), 1e9 is not turned into 1000000000.0."""
    if value is None:
        return ""
    return repr(float(value)) if not float(value).is_integer() or abs(value) < 1e15 else f"{value:g}"


def value_text(kind: str, value, low, high, unit: str, std=None) -> str:
    suffix = _UNITS.get(unit, f" {unit}")
    if kind == "range":
        text = f"{number(low)}–{number(high)}{suffix}"
    else:
        text = f"{_KIND_PREFIX.get(kind, '')}{number(value)}{suffix}"
    if std is not None:
        text += f" ± {number(std)}"
    return text


def kind_words(kind: str) -> str:
    return _KIND_WORDS.get(kind, kind)


def unit_words(unit: str) -> str:
    return {"percent": "percent (0-100)", "x": "ratio (×)", "points": "points"}.get(unit, unit)


_KIND_SHORT = {"point": "", "approximate": "approx.", "at_least": "lower bound", "up_to": "best case", "range": "range"}


def kind_short(kind: str) -> str:
    """The words written beside a value that is not a measured point ('≤ 9.1× best case')."""
    return _KIND_SHORT.get(kind, kind)


def unit_symbol(unit: str) -> str:
    """A unit as a table header shows it: '%', '×', 'FPS'; nothing for plain points and counts."""
    return _UNITS.get(unit, f" {unit}").strip()
