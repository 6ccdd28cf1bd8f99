"""A large site's paper pages, their search input, the download files and half of the link check are done by a
helper process beside MkDocs (site/offload.py): the site is byte-identical to one built in a single process,
the helper's work is really used, and what it writes is what SHA256SUMS lists."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future
from pathlib import Path

import pytest
from toycorpus import identity_data, same_bytes

from leaderboard.build import build_all
from leaderboard.site import linkcheck, offload, searchfast
from leaderboard.validate import validate


@pytest.mark.parametrize("which", ["real", "synthetic", "hostile"])
def test_a_helper_process_changes_no_byte(which, tmp_path, monkeypatch):
    """The hostile corpus too: its payloads (markup, control and direction characters, CR) cross the process
    boundary and are read ahead for search like any text."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    corpus = validate(identity_data(which, tmp_path)).corpus
    os.chdir(tmp_path)  # the packaged default configuration
    monkeypatch.setattr(offload, "OFFLOAD_FROM", 0)  # a helper process however small the site
    found = []
    get = offload.ReadAhead.get
    monkeypatch.setattr(
        offload.ReadAhead,
        "get",
        lambda self, uri, content: found.append((uri, get(self, uri, content))) or found[-1][1],
    )
    build_all(corpus, tmp_path / "helped")
    papers = len(list((tmp_path / "helped" / "papers").glob("*.html")))
    read = [result for uri, result in found if uri.startswith("papers/")]
    assert papers > 5 and len(read) == papers and None not in read  # every paper page read by the helper
    monkeypatch.setattr(offload, "OFFLOAD_FROM", 10**9)
    build_all(corpus, tmp_path / "alone")
    same_bytes(tmp_path / "helped", tmp_path / "alone")


def test_sha256sums_lists_every_download_with_its_digest(built_site: Path):
    downloads = built_site / "downloads"
    listed = {}
    for line in (downloads / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    on_disk = {p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk and "results.csv" in on_disk and "datapackage.json" in on_disk
    assert all(hashlib.sha256((downloads / name).read_bytes()).hexdigest() == d for name, d in listed.items())


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def test_a_page_changed_after_it_was_read_ahead_is_read_again():
    source = '<div class="lb-paper" markdown="0"><h1 id="t">T</h1><p>x</p></div>'
    digest, read = searchfast.read_ahead(source)
    content = searchfast.generated_html(source)  # the page content MkDocs is given
    assert "".join(read[-1].title) == "T" and read[-1].text == ["<p>x</p>"]
    ahead = offload.ReadAhead({"papers/p.md"}, _done({digest: read}))
    assert ahead.get("papers/p.md", content) == read
    assert ahead.get("papers/p.md", content.replace("x", "y")) is None  # another plugin changed the content
    pending: Future = Future()  # never finishes: a page the helper does not read must not wait for it
    assert offload.ReadAhead({"papers/p.md"}, pending).get("index.md", source) is None


def test_a_job_that_fails_in_the_helper_fails_the_same_way():
    helper = offload.Helper(process=True)
    try:
        with pytest.raises(ZeroDivisionError):
            helper.submit(divmod, 1, 0).result()
    finally:
        helper.close()
    with pytest.raises(ZeroDivisionError):
        offload.Helper(process=False).submit(divmod, 1, 0).result()


def test_the_link_check_split_with_a_helper_finds_the_same_links(tmp_path):
    (tmp_path / "a").mkdir()
    for n in range(7):
        (tmp_path / f"p{n}.html").write_text(f'<a href="p{n + 1}.html">next</a><a href="#h{n}">me</a>', "utf-8")
    (tmp_path / "a" / "x.html").write_text('<h2 id="k">K</h2><a href="../p0.html#nope">x</a>', "utf-8")
    alone = linkcheck.broken_links(tmp_path)
    expected = [f"p{n}.html -> #h{n}" for n in range(6)] + ["p6.html -> p7.html", "p6.html -> #h6"]
    assert alone == ["a/x.html -> ../p0.html#nope", *expected]  # in page order, a page's links in its order
    helper = offload.Helper(process=True)
    try:
        assert linkcheck.broken_links(tmp_path, helper.submit) == alone
    finally:
        helper.close()
