"""The built site's link check: every internal link and #anchor resolves, in every folder, and only those fail."""

from __future__ import annotations

from pathlib import Path

from leaderboard.site.linkcheck import broken_links


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return root


NAV = '<nav><a href="{up}index.html">Home</a><a href="{up}papers/a.html#results">A</a><img src="{up}x.svg"></nav>'


def test_good_links_in_every_folder_pass(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": NAV.format(up="") + '<h2 id="top">x</h2><a href="#top">top</a><a href="papers/">papers</a>',
            "papers/index.html": NAV.format(up="../"),
            "papers/a.html": NAV.format(up="../") + '<h2 id="results">R</h2><a href="#results">here</a>',
            "papers/b.html": NAV.format(up="../") + '<a href="https://example.org/x">out</a><a href="mailto:a@b">m</a>',
            "x.svg": "",
        },
    )
    assert broken_links(site) == []


def test_each_broken_link_is_reported_on_the_page_it_is_on(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": NAV.format(up="") + '<a href="#nowhere">self anchor</a>',
            "papers/a.html": NAV.format(up="../") + '<h2 id="results">R</h2><a href="b.html">missing</a>',
            "papers/b2.html": NAV.format(up="../") + '<a href="#results">not on this page</a>',
            "benchmarks/c.html": '<a href="../../outside.html">outside</a><a href="../papers/a.html#gone">x</a>'
            '<div data-spec="../charts/none.json"></div><script src="../gone.js">var a="<b>";</script>',
            "x.svg": "",
        },
    )
    assert sorted(broken_links(site)) == [
        "benchmarks/c.html -> ../../outside.html",
        "benchmarks/c.html -> ../charts/none.json",
        "benchmarks/c.html -> ../gone.js",
        "benchmarks/c.html -> ../papers/a.html#gone",
        "index.html -> #nowhere",
        "papers/a.html -> b.html",
        "papers/b2.html -> #results",
    ]


def test_a_link_inside_a_quoted_attribute_or_comment_is_not_a_link(tmp_path):
    body = (
        '<img alt="&quot;&gt;&lt;img src=missing.png" src="ok.png"><!-- <a href="gone.html"> -->'
        "<script>document.write('<a href=\"gone.html\">')</script>"
    )
    site = _site(tmp_path, {"index.html": body, "ok.png": ""})
    assert broken_links(site) == []
