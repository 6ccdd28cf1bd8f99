"""The search plugin is handed a lean copy of each generated page (no evidence quotes, no attributes it does not
read), read by searchfast's tokenizer into Material's own parser, and the page is then rendered whole: the
search index and every page are byte-identical to a build where Material's plugin reads every page itself."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser
from toycorpus import identity_data, same_bytes

from leaderboard.build import build_all
from leaderboard.site import mkdocs_plugin, searchfast
from leaderboard.validate import validate


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_lean_search_input_changes_nothing(which, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    corpus = validate(identity_data(which, tmp_path)).corpus
    os.chdir(tmp_path)  # no mkdocs.yml here: the packaged default configuration, with search
    read = []
    sections = searchfast.sections
    monkeypatch.setattr(searchfast, "sections", lambda content: read.append(sections(content)) or read[-1])
    build_all(corpus, tmp_path / "lean")
    assert len(read) > 10 and all(found is not None for found in read)  # every generated page read the fast way
    monkeypatch.setattr(mkdocs_plugin, "lean_for_search", lambda page, index=None, ahead=None: None)
    build_all(corpus, tmp_path / "whole")
    assert "search/search_index.json" in same_bytes(tmp_path / "lean", tmp_path / "whole")


def test_the_lean_copy_is_smaller_and_keeps_what_search_reads():
    class Page:
        leaderboard_html = "x"
        content = (
            '<h2 id="results">Results</h2><table data-sortable><tr><td class="lb-value" data-sort="1" '
            'title="measured">62.2%</td><td><details data-search-exclude><summary>quote</summary>'
            "<blockquote>the quote</blockquote></details></td></tr></table>"
        )

    page = Page()
    mkdocs_plugin.lean_for_search(page)
    assert page.content == '<h2 id="results">Results</h2><table><tr><td>62.2%</td><td></td></tr></table>'
    mkdocs_plugin.whole_again(page, searched=True)
    assert "the quote" in page.content and 'data-sort="1"' in page.content


def test_html_the_tokenizer_cannot_read_exactly_goes_to_the_plugin():
    assert searchfast.sections("<p>a <!-- c --> b</p>") is None
    assert searchfast.sections("<p>1 < 2</p>") is None
    assert searchfast.sections("<p title=unquoted>x</p>") is None
    found = searchfast.sections('<h1 id="t">T &amp; U</h1><p>x</p><br/><p>y</p>')
    assert [("".join(s.title), "".join(s.text)) for s in found] == [("T &amp; U", "<p>x</p><p>y</p>")]


_TAGS = ["div", "p", "h1", "h2", "h3", "table", "tr", "td", "a", "span", "ul", "li", "code", "sub", "small", "b"]


@st.composite
def _html(draw, depth: int = 0) -> str:
    """Well-formed HTML from the tags generated pages use: nested elements, headings with and without ids,
    text with spaces, newlines and entities, void elements."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "void"] if depth < 4 else ["text", "void"]))
        if kind == "text":
            parts.append(draw(st.sampled_from(["a", " ", "\n", "x y", " 62.2% ", "&amp;", "&lt;b&gt;", "\n\n", "é"])))
        elif kind == "void":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<img>"])))
        else:
            tag = draw(st.sampled_from(_TAGS))
            ident = f' id="s{draw(st.integers(0, 3))}"' if draw(st.booleans()) else ""
            parts.append(f"<{tag}{ident}>{draw(_html(depth + 1))}</{tag}>")
    return "".join(parts)


def _shape(found) -> list[tuple]:
    return [(s.el.tag, s.id, s.depth, "".join(s.title), "".join(s.text)) for s in found]


@settings(max_examples=400, deadline=None)
@given(_html())
def test_the_plain_reader_finds_what_materials_parser_finds(content):
    """Material's Parser fed by html.parser, against searchfast on the same HTML."""
    stock = Parser()
    stock.feed(content)
    stock.close()
    assert _shape(searchfast.sections(content)) == _shape(stock.data)
