"""Kind follows the words: "up to 2.3x" is a bound, "about 40%" an approximation, "1.3-2.1x" a range.

A quote that qualifies its number and an entry that records a bare point disagree about what the source
claims, and the site would rank a best case as a measurement. The words are read only right next to each
printed copy of the value; a value printed several times is consistent when any copy reads as its kind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..corpus import Source
from .context import Context, Doc, Found, Pointer, diag
from .numbers import NUMBER_PATTERN

_FILLER = r"(?:(?:a|an|the|of|by|to|\(\w{1,3}\))\s+)*"  # "as much as (1) 25.3X": an enumerator may intervene
#: The words before a number, ending right where it starts, that make it a bound or an approximation.
_BEFORE: dict[str, re.Pattern[str]] = {
    # "over +6%", "around +1.0%": a sign may stand between the words and the number.
    kind: re.compile(rf"(?:\b(?:{words})\s+{_FILLER}|{signs})[+]?$", re.IGNORECASE)
    for kind, words, signs in (
        (
            "up_to",
            r"up\s+to|as\s+high\s+as|as\s+much\s+as|as\s+many\s+as|at\s+most|no\s+more\s+than|less\s+than|"
            r"fewer\s+than|under|below|maximum\s+of|peak\s+of",
            r"[<≤]\s*",
        ),
        (
            "at_least",
            r"over|more\s+than|at\s+least|above|exceeding|exceeds?|greater\s+than|beyond|no\s+less\s+than|"
            r"upwards\s+of|in\s+excess\s+of|minimum\s+of",
            r"[>≥]\s*",
        ),
        (
            "approximate",
            r"about|around|approximately|approx\.?|roughly|nearly|almost|circa|some|close\s+to|on\s+the\s+order\s+of",
            r"(?:\bsim|\\textasciitilde|[~≈∼])\s*",  # \textasciitilde: LaTeX's ~ left in the text
        ),
    )
}
_UNIT = r"\s*(?:%|x|×|times|points?|pp)?"
_SEP = r"\s*(?P<sep>-|–|—|~|∼|to)\s*"
_RANGE_AFTER = re.compile(rf"{_UNIT}{_SEP}(?:{NUMBER_PATTERN})")
_RANGE_BEFORE = re.compile(rf"(?P<low>{NUMBER_PATTERN}){_UNIT}{_SEP}$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)  # "from 53.9 to 57.1" is a change, not a range
_NUMBER = re.compile(NUMBER_PATTERN)

_WORDS = {
    "up_to": "'up to', 'as high as', 'at most'",
    "at_least": "'over', 'more than', 'at least', 'above'",
    "approximate": "'about', 'around', '~', 'nearly'",
    "range": "'low-high', 'low~high' or 'low to high'",
}


def _copies(value: float, quote: str) -> list[re.Match[str]]:
    target = abs(value)
    return [m for m in _NUMBER.finditer(quote) if math.isclose(float(m.group().replace(",", "")), target, abs_tol=1e-9)]


_COORDINATED = re.compile(rf"(?P<first>{NUMBER_PATTERN}){_UNIT}\s*(?:,\s*and|,\s*or|,|and|or|/)\s*$")
_ATTACHED = re.compile(r"[^\W\d_]|[@\-./]")  # R@5, Llama-2, v1.5, 3/4: part of a name, not a range end


def implied_kind(quote: str, match: re.Match[str]) -> str:
    """What the words around one printed number make of it. In "up to 3.79x and 1.52x" the words
    qualify every number of the list."""
    if _in_range(quote, match):
        return "range"
    before = quote[: match.start()]
    for kind, pattern in _BEFORE.items():
        if pattern.search(before):
            return kind
    listed = _COORDINATED.search(before)
    if listed:
        first = _NUMBER.fullmatch(quote, listed.start("first"), listed.end("first"))
        if first:
            return implied_kind(quote, first)
    return "point"


def _in_range(quote: str, match: re.Match[str]) -> bool:
    """The number is one end of 'a-b', 'a~b' or 'a to b' (but not of 'from a to b')."""
    after = _RANGE_AFTER.match(quote, match.end())
    if after and _range_start(quote, match.start(), after.group("sep")):
        return True
    before = _RANGE_BEFORE.search(quote, 0, match.start())
    return before is not None and _range_start(quote, before.start("low"), before.group("sep"))


def _range_start(quote: str, start: int, sep: str) -> bool:
    """Whether a number starting here can open a range: not part of a name, not 'from a to b'."""
    if start and _ATTACHED.fullmatch(quote[start - 1]):
        return False
    return not (sep == "to" and _FROM.search(quote, 0, start))


_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)")


def _qualified_earlier(kind: str, quote: str, match: re.Match[str]) -> bool:
    """A bound's words may govern a whole list in one sentence: in "by up to 91% on Baichuan-Small and 146%
    on Baichuan-Large" the 146% is a bound too. Enough for a recorded bound; a point is still checked only
    against the words right beside it."""
    start = max((m.end() for m in _CLAUSE_END.finditer(quote, 0, match.start())), default=0)
    words = _BEFORE[kind].pattern.removesuffix("$")
    return re.search(words, quote[start : match.start()], re.IGNORECASE) is not None


def _range_written(low: float, high: float, quote: str) -> bool:
    for m in _copies(low, quote):
        after = quote[m.end() :]
        sep = re.match(rf"{_UNIT}(?:{_SEP}|\s+and\s+)", after)
        if not sep or (" and " in sep.group() and not _BETWEEN.search(quote[: m.start()])):
            continue
        following = _NUMBER.match(after, sep.end())
        if following and math.isclose(float(following.group().replace(",", "")), abs(high), abs_tol=1e-9):
            return True
    return False


def kind_problem(value: Doc, quote: str) -> str | None:
    """None when the recorded kind matches the words beside the number, else what the words say."""
    kind = value.get("kind", "point")
    if kind == "range":
        low, high = value.get("low"), value.get("high")
        if low is None or high is None or low > high or _range_written(low, high, quote):  # reversed: LB114
            return None
        return f"kind is range but the quote does not write {low} and {high} as a range ({_WORDS['range']})"
    number = value.get("value")
    if number is None or not math.isfinite(number):
        return None
    copies = _copies(number, quote)
    if not copies:
        return None  # not in the quote at all: LB104 says so
    implied = [implied_kind(quote, m) for m in copies]
    if kind in implied or (kind != "point" and any(_qualified_earlier(kind, quote, m) for m in copies)):
        return None
    said = implied[0]
    if kind == "point":
        words = quote[max(0, copies[0].start() - 25) : copies[0].end() + 8].strip()
        return f"the quote qualifies {number} ('...{words}...'), which makes it {said}, but kind is point"
    return f"kind is {kind} but the words beside {number} in the quote do not say so ({_WORDS[kind]})"


def _fix(problem: str) -> str:
    if "which makes it " in problem:
        said = problem.split("which makes it ", 1)[1].split(",", 1)[0]
        if said == "range":
            return "write kind: range with low and high, as the quote prints them"
        return f"write kind: {said}"
    return "write kind: point, or quote the words that qualify the number"


_Values = Callable[[Doc], Iterator[tuple[Pointer, Any]]]


def kind_follows_words(ctx: Context, src: Source) -> Found:
    """The kind of every value of a result or claim is what the words beside its number say."""
    sections: tuple[tuple[str, _Values], ...] = (("results", _result_values), ("claims", _claim_values))
    for section, values in sections:
        items = ctx.results(src) if section == "results" else ctx.claims(src)
        for i, item in items:
            quote = item["evidence"]["quote"]
            for pointer, value in values(item):
                problem = kind_problem(value, quote)
                if problem:
                    yield diag(src, "LB130", (section, i, *pointer), problem, fix=_fix(problem))


def _result_values(res: Doc) -> Iterator[tuple[Pointer, Any]]:
    for mid, val in res["metrics"].items():
        yield ("metrics", mid, "kind"), val


def _claim_values(claim: Doc) -> Iterator[tuple[Pointer, Any]]:
    yield ("change", "kind"), claim["change"]
