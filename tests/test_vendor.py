"""The vendored Vega bundle is what the pinned vl-convert bundles, and the site serves it unchanged."""

from __future__ import annotations

import vl_convert

from leaderboard import resources
from leaderboard.site import chartfiles


def test_vendored_bundle_is_what_the_pinned_vl_convert_bundles():
    packaged = resources.package_bytes(chartfiles.VENDORED)
    assert packaged == vl_convert.javascript_bundle().encode("utf-8"), (
        "leaderboard/vendor/vega-bundle.js is stale: run `python scripts/vendor_vega.py`"
    )


def test_the_site_gets_the_vendored_bundle(tmp_path):
    chartfiles.vendor_scripts(tmp_path)
    assert (tmp_path / "vega-bundle.js").read_bytes() == resources.package_bytes(chartfiles.VENDORED)
