"""The reader's view of this repository's published site, page type by page type: what a researcher sees at
1400 px and on a 390 px phone, in light and dark mode. axe-core (axe-playwright-python, which ships
axe.min.js: nothing is downloaded) finds no critical or serious violation; no word in a ranking table is
broken; the rank, the model and the value stay in view on a phone; the chart library loads only where a chart
is drawn, and charts follow the theme toggle; every page type stays within its weight budget (README).
Screenshots of every page type go to test-artifacts/."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, Visit

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "index.html",
    "benchmark": "benchmarks/coco-detection.html",
    "paper": "papers/deim.html",
    "downloads": "downloads.html",
    "changelog": "changelog.html",
    "methodology": "methodology.html",
    "claims": "claims.html",
    "404": "404.html",
}
# What a first visit downloads (HTML, CSS, JavaScript, chart specs and data, the search index; decoded,
# before compression), per page type. README "Page weight" states the same budgets.
BUDGETS = {
    "home": 680_000,
    "benchmark": 1_650_000,  # the only type with charts: the 898 KB Vega bundle
    "paper": 650_000,
    "downloads": 920_000,
    "changelog": 800_000,
    "methodology": 650_000,
    "claims": 850_000,  # every relative claim, one table per area
    "404": 640_000,
    "benchmark without a comparable group": 670_000,  # no chart, so no chart library
}
WIDTHS = {"desktop": 1400, "phone": 390}
SCHEMES = ("light", "dark")
CHARTS_DRAWN = "() => [...document.querySelectorAll('.lb-chart')].every(e => e.querySelector('svg.marks'))"


def open_page(browser, base: str, path: str, width: int = 1400, scheme: str = "light") -> Visit:
    v = Visit(browser, base)
    v.context.close()
    v.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    v.page = v.context.new_page()
    v.requests = []
    v.page.on("console", lambda m: m.type == "error" and v.errors.append(m.text))
    v.page.on("pageerror", lambda e: v.errors.append(str(e)))
    v.page.on("request", lambda r: v.requests.append(r.url))
    v.context.route("**/*", v._route)
    v.page.goto(f"{base}/{path}", wait_until="networkidle")
    if v.page.locator(".lb-chart").count():
        v.page.wait_for_function(CHARTS_DRAWN, timeout=30000)
    return v


@pytest.fixture
def reader(browser, shipped_server):
    opened: list[Visit] = []

    def visit(path: str, width: int = 1400, scheme: str = "light") -> Visit:
        v = open_page(browser, shipped_server, path, width, scheme)
        opened.append(v)
        return v

    yield visit
    for v in opened:
        v.close()


def _serious(results: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("critical", "serious")
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_violation_on_any_page_type(reader, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for kind, path in PAGE_TYPES.items():
        v = reader(path, scheme=scheme)
        assert v.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        problems = _serious(axe.run(v.page).response)
        if problems:
            found[kind] = problems
        v.close()
    assert found == {}


def test_screenshots_of_every_page_type_fit_the_screen(reader):
    for kind, path in PAGE_TYPES.items():
        for size, width in WIDTHS.items():
            for scheme in SCHEMES:
                v = reader(path, width=width, scheme=scheme)
                overflow = v.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{kind} at {width}px scrolls sideways by {overflow}px: a table is not contained"
                ARTIFACTS.mkdir(exist_ok=True)
                target = ARTIFACTS / f"page-{kind}-{size}-{scheme}.png"
                v.page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
                assert v.errors == [] and v.outside == [], (kind, v.errors, v.outside)
                v.close()


# Lines a cell's text occupies: its text boxes, top to bottom, each one that starts below the one before it
# a new line.
_LINES = """cells => cells.map(c => {
  const boxes = [];
  const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const r = document.createRange(); r.selectNodeContents(n);
    boxes.push(...[...r.getClientRects()].filter(b => b.width > 0));
  }
  boxes.sort((a, b) => a.top - b.top);
  let lines = boxes.length ? 1 : 0, bottom = boxes.length ? boxes[0].bottom : 0;
  for (const b of boxes.slice(1)) {
    if (b.top >= bottom - 2) { lines += 1; bottom = b.bottom; } else { bottom = Math.max(bottom, b.bottom); }
  }
  return [c.textContent.trim(), lines];
})"""


@pytest.mark.parametrize("width", WIDTHS.values())
def test_no_word_in_a_ranking_table_is_broken(reader, width):
    for path in ("benchmarks/coco-detection.html", "benchmarks/mteb.html", "benchmarks/spec-decoding-speedup.html"):
        v = reader(path, width=width)
        cells = ".lb-table td.lb-model, .lb-table td.lb-value, .lb-table td.lb-nowrap, .lb-table summary, .lb-table th"
        broken = [(text, n) for text, n in v.page.locator(cells).evaluate_all(_LINES) if n > 1]
        assert broken == [], f"{path} at {width}px"
        v.close()


def test_benchmark_tables_get_the_width_and_the_theme_styling(reader):
    v = reader("benchmarks/coco-detection.html")
    assert not v.page.locator(".md-sidebar--secondary").is_visible(), "the empty contents sidebar takes room"
    table = v.page.locator(".lb-table table").first
    assert table.evaluate("t => t.closest('.md-typeset__scrollwrap') !== null"), "the theme's table wrapper"
    assert table.evaluate("t => getComputedStyle(t).borderTopStyle") == "solid", "the theme's table border"
    content = v.page.locator(".md-content").bounding_box()["width"]
    assert content > 1000, content
    headers = table.locator("thead th").all_inner_texts()
    assert [h for h in headers if h.startswith(("Box AP", "AP50", "Frames per second"))][:3] == [
        h for h in headers if h.startswith(("Box AP", "AP50", "Frames per second"))
    ]
    assert headers[2].startswith("Box AP") and any(h.startswith("AP50") for h in headers)
    assert "Code" in " ".join(headers) and "Extra training data" in " ".join(headers)


def test_on_a_phone_rank_model_and_value_stay_in_view(reader):
    v = reader("benchmarks/coco-detection.html", width=390)
    wrap = v.page.locator(".lb-ranked .md-typeset__scrollwrap").first
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert wrap.evaluate("w => w.scrollLeft") > 200, "the table scrolls sideways"
    row = v.page.locator(".lb-ranked tbody tr").first
    for index in range(3):
        box = row.locator("td").nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"column {index + 1} scrolled away"
    texts = [row.locator("td").nth(i).inner_text() for i in range(3)]
    assert texts[0] == "1" and texts[2].endswith("%"), texts


def test_chart_library_loads_only_on_pages_with_a_chart(reader):
    for kind, path in PAGE_TYPES.items():
        v = reader(path)
        loaded = any(url.endswith("/vega-bundle.js") for url in v.requests)
        has_chart = v.page.locator(".lb-chart").count() > 0
        assert loaded == has_chart, kind
        assert has_chart == (kind == "benchmark"), kind
        v.close()


def test_charts_follow_the_theme_toggle(reader):
    v = reader("benchmarks/coco-detection.html")
    label = "document.querySelector('.lb-chart svg.marks text').getAttribute('fill') || ''"
    light = v.page.evaluate(label)
    v.page.locator("label[for='__palette_1']").click()
    v.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('.lb-chart')].every(e => e.getAttribute('data-scheme') === 'dark')",
        timeout=30000,
    )
    assert v.page.evaluate(label) != light


def test_sortable_headers_are_column_headers_with_a_button(reader):
    v = reader("benchmarks/coco-detection.html")
    th = v.page.locator(".lb-ranked thead th").nth(2)
    assert th.get_attribute("role") is None and th.locator("button").count() == 1
    th.locator("button").focus()
    outline = th.locator("button").evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid", "a visible focus ring"
    v.page.keyboard.press("Enter")
    assert th.get_attribute("aria-sort") == "ascending"
    first = v.page.locator(".lb-ranked tbody tr").first.locator("td").nth(0).inner_text()
    assert first != "1", "ascending Box AP puts the weakest result first"


def test_skip_link_leads_to_the_content(reader):
    for kind in ("home", "benchmark", "paper", "methodology"):
        v = reader(PAGE_TYPES[kind])
        skip = v.page.locator("a.md-skip")
        assert skip.count() == 1, kind
        target = skip.get_attribute("href")
        assert v.page.locator(target).count() == 1, (kind, target)
        v.close()


def test_every_page_type_within_its_weight_budget(reader, record_property):
    weights = {}
    uncharted = {"benchmark without a comparable group": "benchmarks/spec-decoding-speedup.html"}
    for kind, path in {**PAGE_TYPES, **uncharted}.items():
        v = reader(path)
        v.page.wait_for_load_state("networkidle")
        sizes = v.page.evaluate(
            "() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
            ".map(e => e.decodedBodySize)"
        )
        weights[kind] = sum(sizes)
        v.close()
    record_property("page_weights", weights)
    print("\npage weights (bytes):", weights)
    over = {kind: (weights[kind], BUDGETS[kind]) for kind in weights if weights[kind] > BUDGETS[kind]}
    assert over == {}


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """The site under /sub/, and its 404.html for any missing address, as GitHub Pages serves a project."""

    def translate_path(self, path):
        return super().translate_path(path.removeprefix("/sub"))

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_404_page_works_under_a_subpath(browser, shipped_site):
    handler = functools.partial(_SubpathHandler, directory=str(shipped_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        v = Visit(browser, base)
        failed: list[str] = []
        v.page.on("response", lambda r: r.status >= 400 and not r.url.endswith("missing.html") and failed.append(r.url))
        v.page.goto(f"{base}/sub/missing.html", wait_until="networkidle")
        assert "404" in v.page.inner_text("h1")
        assert failed == [] and v.outside == []
        assert v.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        home = v.page.locator("a.md-header__button.md-logo").get_attribute("href")
        v.page.locator("a.md-header__button.md-logo").click()
        v.page.wait_for_load_state()
        assert v.page.url == f"{base}/sub/index.html", home
        v.close()
    finally:
        httpd.shutdown()
