"""Write leaderboard/site/chart_templates.json: every chart layout of site/chartdecl.py compiled on holes.

Run after changing a declaration (or upgrading Altair); tests/test_chart_templates.py fails until you do.
"""

import json
from pathlib import Path

from leaderboard.site.chartdecl import LAYOUTS, compile_template
from leaderboard.site.charts import template_key

TARGET = Path(__file__).resolve().parents[1] / "leaderboard" / "site" / "chart_templates.json"


def compiled() -> dict[str, dict]:
    return {template_key(kind, layout): compile_template(kind, layout) for kind in LAYOUTS for layout in LAYOUTS[kind]}


if __name__ == "__main__":
    TARGET.write_text(json.dumps(compiled(), sort_keys=True, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
