"""'Did you mean': the nearest known id, whatever the case or punctuation ('box_AP', 'Box AP', 'boxap' -> box_ap)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..corpus import Corpus
from ..diagnostics import Diagnostic
from .context import doc


def norm(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(name).casefold())


def nearest(name: object, choices: Iterable[str]) -> str | None:
    """The choice that differs only in case or punctuation, else the closest spelling, else None."""
    options = sorted(set(choices))
    wanted = norm(name)
    same = [c for c in options if norm(c) == wanted]
    if same:
        return same[0]
    by_norm = {norm(c): c for c in options}
    close = difflib.get_close_matches(wanted, list(by_norm), n=1, cutoff=0.75)
    return by_norm[close[0]] if close else None


def hint(name: object, choices: Iterable[str]) -> str:
    """'did you mean 'x'? ' or ''; for the start of a fix."""
    found = nearest(name, choices)
    return f"did you mean '{found}'? " if found and found != name else ""


def refine(diags: list[Diagnostic], corpus: Corpus, benchmarks: dict[str, dict[str, Any]]) -> list[Diagnostic]:
    """Id-form diagnostics of the schema ('box_AP' is not an id) guess the id from the spelling alone; with the
    benchmark known, say the id it actually has ('Box-AP50' -> ap50), or list the ones it has."""
    from .schema_errors import NOT_AN_ID  # not at the top: schema_errors imports this module

    sources = {s.display: s for s in corpus.sources if s.ok}
    out = []
    for d in diags:
        p = d.pointer
        src = sources.get(d.path)
        if d.code != "LB013" or NOT_AN_ID not in d.message or src is None or len(p) < 3 or p[0] != "results":
            out.append(d)
            continue
        try:
            res = doc(src)["results"][p[1]]
        except (KeyError, IndexError, TypeError):
            out.append(d)
            continue
        if p[2] == "benchmark":
            choices, tail = list(benchmarks), None
        else:
            named = isinstance(res, dict) and "benchmark" in res
            bench = benchmarks.get(res["benchmark"]) if named else None
            items = (bench or {}).get("metrics" if p[2] == "metrics" else "conditions", [])
            choices = [x["id"] for x in items if isinstance(x, dict) and "id" in x]
            value = res.get(p[2], {}).get(p[-1]) if isinstance(res.get(p[2]), dict) else None
            shown = value if p[2] == "conditions" and isinstance(value, str) else None
            tail = shown or (_value(res, p) if p[2] == "metrics" else "not stated")
        if not choices:
            out.append(d)
            continue
        best = nearest(res.get("benchmark") if p[2] == "benchmark" else p[-1], choices)
        if best:
            written = f"benchmark: {best}" if tail is None else f"{best}: {tail}"
            fix = f"did you mean '{best}'? Write it as: {written}"
        else:
            fix = f"use one of: {', '.join(sorted(choices))}"
        out.append(replace(d, fix=fix))
    return out


def _value(res: dict[str, Any], p: tuple[Any, ...]) -> str:
    try:
        value = res["metrics"][p[-1]]
    except (KeyError, TypeError):
        return "{value: 45.3}"
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {v}" for k, v in value.items())
        return "{" + inner + "}"
    return f"{{value: {value}}}"
