"""A real headless Chromium (Debian's) against the built site served on loopback.

Locally a missing browser skips these tests; under CI=true it is a failure, so CI cannot go green
without having looked at the site.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from toycorpus import build_into  # noqa: F401  (re-exported for the browser tests)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "test-artifacts"


def _need_browser():
    if CHROMIUM:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed (apt-get install -y chromium); CI must run the browser tests")
    pytest.skip("chromium is not installed; the browser tests run in CI")


@contextlib.contextmanager
def serving(root: Path):
    """Serve a directory on an ephemeral loopback port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


# The sites themselves (built_site: synthetic, shipped_site: this repository's, hostile_site) are session
# fixtures of tests/conftest.py, shared with the build tests.


@pytest.fixture(scope="session")
def server(built_site):
    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def shipped_server(shipped_site):
    with serving(shipped_site) as base:
        yield base


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


class Visit:
    """A page that records console errors, page errors and every request that leaves the site."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.base = base
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    yield from visitor(browser, server)


@pytest.fixture
def shipped_visit(browser, shipped_server):
    yield from visitor(browser, shipped_server)


def visitor(browser, server):
    made: list[Visit] = []

    def open_page(path: str) -> Visit:
        v = Visit(browser, server)
        made.append(v)
        v.page.goto(f"{server}/{path}", wait_until="networkidle")
        return v

    yield open_page
    for v in made:
        v.close()
