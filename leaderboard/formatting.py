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
    "TFLOPS": " TFLOPS",
    "PFLOPS": " PFLOPS",
    "W": " W",
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
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # printed without a decimal point, as the YAML (and the source) wrote it
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


_FORM_UNIT = {
    "ratio": "×",
    "relative_percent": "%",
    "percentage_points": " pp",
    "points": " points",
    "percent_unstated": "%",
    "percent_of_baseline": "% of the baseline",
    "fraction_of_baseline": " of the baseline",
}
_FORM_WORDS = {
    "ratio": "ratio to the baseline",
    "relative_percent": "relative change (%)",
    "percentage_points": "percentage points",
    "points": "points on the metric's scale",
    "percent_unstated": "percent (relative or absolute not stated)",
    "percent_of_baseline": "percent of the baseline's value",
    "fraction_of_baseline": "fraction of the baseline's value",
}
_CHANGE_PREFIX = {"point": "", "approximate": "about ", "at_least": "at least ", "up_to": "up to "}


def change_text(form: str, direction: str, kind: str, value, low, high) -> str:
    """A relative claim's size as a reader says it: 'up to 2.3× higher', '+8.6%', 'about 40% of the
    baseline'. The sign or the word comes from direction; the number is the one printed."""
    size = f"{number(low)}–{number(high)}" if kind == "range" else number(value)
    unit = _FORM_UNIT.get(form, "")
    if form == "ratio":
        text = f"{size}{unit} {'higher' if direction == 'increase' else 'lower'}"
    elif form in ("percent_of_baseline", "fraction_of_baseline"):
        text = f"{size}{unit}"
    else:
        text = f"{'+' if direction == 'increase' else '−'}{size}{unit}"
    return _CHANGE_PREFIX.get(kind, "") + text


def form_words(form: str) -> str:
    return _FORM_WORDS.get(form, form)


_KIND_SHORT = {"point": "", "approximate": "approx.", "at_least": "lower bound", "up_to": "best case", "range": "range"}


def kind_short(kind: str) -> str:
    """The words written beside a value that is not a measured point ('≤ 9.1× best case')."""
    return _KIND_SHORT.get(kind, kind)


def unit_symbol(unit: str) -> str:
    """A unit as a table header shows it: '%', '×', 'FPS'; nothing for plain points and counts."""
    return _UNITS.get(unit, f" {unit}").strip()
