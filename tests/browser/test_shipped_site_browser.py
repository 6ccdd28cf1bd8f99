"""This repository's own published site (its data and mkdocs.yml), in the browser: a fork with other data
replaces these checks; the tool's behaviour is tested on a synthetic corpus in test_site_browser.py."""

from __future__ import annotations

import pytest

from .test_site_browser import assert_charts_render_offline, assert_top_pages_stay_inside, screenshot

pytestmark = pytest.mark.browser


def test_every_shipped_benchmark_page_renders_its_charts_offline(shipped_site, shipped_visit):
    assert_charts_render_offline(shipped_site, shipped_visit)


def test_shipped_pages_make_no_outside_request(shipped_site, shipped_visit):
    assert (shipped_site / "contribute.html").is_file() and (shipped_site / "methodology.html").is_file()
    assert_top_pages_stay_inside(shipped_site, shipped_visit)


def test_screenshot_of_the_coco_page(shipped_visit):
    screenshot(shipped_visit("benchmarks/coco-detection.html"), "coco-detection")
