"""Rules for imported results, whose evidence points into a machine-readable file (evidence.file).

The quote of such a result is the file's own text of the value, so LB104's check becomes: the number the file
prints (the value, or the value divided by 100 for a fraction) is in the quote. When the local copy named by
evidence.file.path is present, its sha256 must match and each value must be the one its JSON pointer names.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..corpus import Source
from .context import Context, Doc, Found, diag
from .numbers import _NUMBER


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _in_file(number: float, scale: str) -> Decimal:
    """The number the file prints for this value: the value itself, or it with the point moved back two places."""
    exact = Decimal(repr(number))
    return exact.scaleb(-2) if scale == "fraction_times_100" else exact


def _imported(ctx: Context, src: Source) -> Iterator[tuple[int, Doc, Doc]]:
    """The results whose evidence points into a file, with that evidence.file."""
    for i, res in ctx.results(src):
        file = res["evidence"].get("file")
        if file is not None:
            yield i, res, file


def imported_values_in_quote(ctx: Context, src: Source) -> Found:
    """The quote of an imported result is the file's text of each value: the number as the file prints it."""
    for i, res, file in _imported(ctx, src):
        evidence = res["evidence"]
        scale = file.get("scale", "as_printed")
        # Exactly, digit for digit: the quote is the file's text, so no tolerance is needed (or wanted).
        printed = {Decimal(tok.replace(",", "")) for tok in _NUMBER.findall(evidence["quote"])}
        for mid, val in res["metrics"].items():
            number = val.get("value")
            if number is None:
                continue
            shown = _in_file(number, scale)
            if abs(shown) not in printed:
                how = " (the value divided by 100: the file holds a fraction)" if scale != "as_printed" else ""
                yield diag(
                    src,
                    "LB140",
                    ("results", i, "metrics", mid, "value"),
                    f"{format(shown, 'f')}{how} is not in the quote of the file's text",
                )


def imported_metrics_have_pointers(ctx: Context, src: Source) -> Found:
    """Every metric of an imported result with a value has its JSON pointer into the file."""
    for i, res, file in _imported(ctx, src):
        for mid, val in res["metrics"].items():
            if val.get("value") is not None and mid not in file["pointers"]:
                yield diag(
                    src,
                    "LB141",
                    ("results", i, "evidence", "file", "pointers"),
                    f"no pointer for metric '{mid}'",
                    fix=f"add {mid}: /path/to/the/value under pointers",
                )


#: a local file as read for the checks: (its document, its sha256, or why it cannot be read and "" for the sha256)
_Read = tuple[Any, str, str | None]


def _document(path: Path, fmt: str, cache: dict[Path, _Read]) -> _Read:
    if path in cache:
        return cache[path]
    from .. import importer

    try:
        doc, _, raw = importer.load_document(fmt, path)
        cache[path] = (doc, hashlib.sha256(raw).hexdigest(), None)
    except importer.ImportError_ as exc:
        cache[path] = (None, "", str(exc))
    return cache[path]


def imported_values_match_file(ctx: Context, src: Source) -> Found:
    """Checked only when the local copy is there: a file that moved away is not an error, a changed one is."""
    base = Path(os.path.realpath(ctx.corpus.root)).parent
    cache = ctx.memo.setdefault("imported files", {})
    for i, res in ctx.results(src):
        file = res["evidence"].get("file")
        if file is None or "path" not in file:
            continue
        local = base / file["path"]
        if ".." in Path(file["path"]).parts or not local.is_file():
            continue
        doc, digest, problem = _document(local, file["format"], cache)
        at = ("results", i, "evidence", "file")
        if problem:
            yield diag(src, "LB142", (*at, "path"), f"the file cannot be read: {problem}")
            continue
        if digest != file["sha256"]:
            yield diag(
                src,
                "LB142",
                (*at, "sha256"),
                f"{file['path']} has sha256 {digest[:12]}..., not the {file['sha256'][:12]}... recorded",
                fix="the file changed since the import: import it again, or restore the recorded version",
            )
            continue
        from ..importer import resolve_pointer

        scale = file.get("scale", "as_printed")
        for mid, ptr in file["pointers"].items():
            val = res["metrics"].get(mid, {}).get("value")
            try:
                found = resolve_pointer(doc, ptr)
            except KeyError:
                yield diag(src, "LB142", (*at, "pointers", mid), f"{ptr} is not in {file['path']}")
                continue
            if val is None:
                continue
            expected = _as_decimal(found)
            if expected is None or expected != _in_file(val, scale):
                yield diag(
                    src,
                    "LB142",
                    ("results", i, "metrics", mid, "value"),
                    f"{val} is not what {file['path']} holds at {ptr} ({found!s:.40})",
                    fix="copy the value from the file exactly"
                    + (" (times 100 by moving the point: scale fraction_times_100)" if scale != "as_printed" else ""),
                )
