"""Write leaderboard/vendor/vega-bundle.js from the installed vl-convert-python (after upgrading it)."""

from pathlib import Path

import vl_convert

TARGET = Path(__file__).resolve().parents[1] / "leaderboard" / "vendor" / "vega-bundle.js"

if __name__ == "__main__":
    TARGET.write_text(vl_convert.javascript_bundle(), encoding="utf-8", newline="")
    print(f"wrote {TARGET}")
