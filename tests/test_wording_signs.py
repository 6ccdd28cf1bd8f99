"""Kind-follows-words on the spellings the page-004 abstracts use: a sign between the words and the number,
'<' as an upper bound, and LaTeX's \\textasciitilde left in the text as '~'."""

from __future__ import annotations

import pytest

from leaderboard.rules.wording import kind_problem


@pytest.mark.parametrize(
    ("quote", "value", "kind"),
    [
        ("It also improves on relative depth: over +6% on BLINK.", 6, "at_least"),
        ("by similarly large margins (around +1.0%)", 1.0, "approximate"),
        ("are more substantial (up to +3.5%)", 3.5, "up_to"),
        ("uses only marginally higher (<4%) inference times", 4, "up_to"),
        ("achieving approximately \\textasciitilde42\\% time", 42, "approximate"),
        ("and \\textasciitilde30\\% memory savings", 30, "approximate"),
    ],
)
def test_the_words_qualify_the_number(quote, value, kind):
    assert kind_problem({"kind": kind, "value": value}, quote) is None
    assert kind_problem({"kind": "point", "value": value}, quote) is not None


def test_a_bare_signed_number_stays_a_point():
    assert kind_problem({"kind": "point", "value": 8.9}, "outperforms previous work by +8.9% on SR") is None
