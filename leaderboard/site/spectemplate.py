"""Chart specs compiled once and filled many times.

Building a chart through Altair costs tens of milliseconds (object construction, a deep copy, and a
jsonschema validation of the whole spec, data included), and a site has hundreds of charts that differ only
in their data, titles and legend domains. So each chart layout is declared once with Altair, evaluated on
*holes* (unique marker values standing for what varies), validated once, and kept; a chart is then that
template with its holes replaced. tests/test_chart_templates.py holds every filled spec equal to what Altair
emits for the same chart on the real and synthetic corpora.

A hole is a string marker. It may stand for a whole string or list (`["<marker>"]` is replaced by the list),
sit inside a string (an expression such as "datum.g == <marker>"), or stand for a number through `number()`
(a sentinel float Vega-Lite accepts where a number is due). A dataset is a hole too: Altair names inline
data by a hash of its rows, and the filled spec gets the name Altair would give the real rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

_MARK = "\x00hole:"
_INSIDE = re.compile("\x00hole:[^\x00]*\x00")


def hole(name: str) -> str:
    """The marker standing for the value called `name`."""
    return f"{_MARK}{name}\x00"


def number(name: str) -> float:
    """A sentinel number for the value called `name` (Altair validates numeric fields as numbers)."""
    return float(-(10**9) - int(hashlib.sha256(name.encode()).hexdigest()[:6], 16))


def rows(name: str) -> list[dict[str, str]]:
    """Placeholder rows for the dataset called `name`."""
    return [{_MARK: name}]


def dataset_name(values: list[dict[str, Any]]) -> str:
    """Altair's name for inline data (altair.vegalite.v6.api._dataset_name): a hash of the rows."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def fill(template: dict, values: Mapping[str, Any], data: Mapping[str, list[dict[str, Any]]]) -> dict:
    """A fresh spec: the template with every hole replaced by values[name] and every placeholder dataset by
    data[name] (under the name Altair gives those rows)."""
    datasets = template.get("datasets", {})
    renamed = {old: dataset_name(data[rows_[0][_MARK]]) for old, rows_ in datasets.items()}
    strings = {hole(name): value for name, value in values.items()}
    strings |= renamed
    numbers = {number(name): value for name, value in values.items()}
    spec = _replace({key: value for key, value in template.items() if key != "datasets"}, strings, numbers)
    if datasets:
        spec["datasets"] = {renamed[old]: data[rows_[0][_MARK]] for old, rows_ in datasets.items()}
    return spec


def _replace(node: Any, strings: dict[str, Any], numbers: dict[float, Any]) -> Any:
    if isinstance(node, dict):
        return {key: _replace(value, strings, numbers) for key, value in node.items()}
    if isinstance(node, list):
        if len(node) == 1 and isinstance(node[0], str) and node[0] in strings:
            value = strings[node[0]]
            if isinstance(value, list):
                return list(value)
        return [_replace(item, strings, numbers) for item in node]
    if isinstance(node, str):
        if node in strings:
            return strings[node]
        if _MARK in node:  # one pass: a value put in is never searched for holes itself
            return _INSIDE.sub(lambda m: str(strings[m.group(0)]), node)
        return node
    if isinstance(node, float) and node in numbers:
        return numbers[node]
    return node


def unfilled(spec: Any) -> bool:
    """True if a hole is left anywhere in the spec (a template filled with a value missing)."""
    if isinstance(spec, dict):
        return any(_MARK in key or unfilled(value) for key, value in spec.items())
    if isinstance(spec, list):
        return any(unfilled(item) for item in spec)
    if isinstance(spec, str):
        return _MARK in spec
    return isinstance(spec, float) and spec <= -(10**9)
