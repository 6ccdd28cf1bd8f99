"""No benchmark id can overwrite a file the generator writes for the whole site: per-benchmark files live
in their own folders, so ids such as `results`, `benchmarks` or `datapackage` are ordinary ids."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cliutil import run_cli

SITE_NAMES = ["results", "benchmarks", "datapackage", "groups", "index", "downloads", "changelog", "sha256sums"]


def test_ids_named_like_site_files_do_not_collide(make_data, tmp_path: Path):
    data = make_data()
    template = (data / "benchmarks" / "grade-math.yaml").read_text(encoding="utf-8")
    for name in SITE_NAMES:
        (data / "benchmarks" / f"{name}.yaml").write_text(template.replace("grade-math", name), encoding="utf-8")
    proc = run_cli("build", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    downloads = tmp_path / "public" / "downloads"

    results = list(csv.DictReader(io.StringIO((downloads / "results.csv").read_text(encoding="utf-8"))))
    assert len(results) == 7 and {r["benchmark"] for r in results} == {"draft-speedup", "grade-math", "tiny-detect"}
    index = list(csv.DictReader(io.StringIO((downloads / "benchmarks.csv").read_text(encoding="utf-8"))))
    assert {r["benchmark"] for r in index} == {"draft-speedup", "grade-math", "tiny-detect", *SITE_NAMES}
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in package["resources"]]
    assert len(paths) == len(set(paths))
    for name in SITE_NAMES:
        assert f"benchmarks/{name}.csv" in paths
        assert (downloads / "benchmarks" / f"{name}.csv").is_file()
        assert (tmp_path / "public" / "benchmarks" / f"{name}.html").is_file()
    for line in (downloads / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        _digest, name = line.split("  ", 1)
        assert (downloads / name).is_file(), name
