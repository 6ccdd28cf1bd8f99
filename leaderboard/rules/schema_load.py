"""The JSON Schemas the validator checks against, and jsonschema's validator for them.

The schemas are the packaged ones (leaderboard/schemas/), so an installed tool needs no checkout. The
validator is Draft 2020-12 with one change: uniqueItems in linear time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema

from .. import resources


@cache
def schema(kind: str) -> dict[str, Any]:
    """The packaged schema (not the repository's schemas/ copy): an installed tool needs no checkout."""
    loaded: dict[str, Any] = json.loads(resources.schema_text(kind))
    return loaded


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    base = jsonschema.Draft202012Validator
    cls = jsonschema.validators.extend(base, {"uniqueItems": _unique_items})
    return cls(schema(kind), format_checker=base.FORMAT_CHECKER)


def _unique_items(
    validator: jsonschema.protocols.Validator, unique: bool, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """uniqueItems in linear time. jsonschema compares every pair of items once they cannot be sorted (mappings):
    a list of 10,000 mappings where a list of names belongs took minutes."""
    if not (unique and validator.is_type(instance, "array")):
        return
    try:
        keys = [_equality_key(item) for item in instance]
    except TypeError:  # a value that cannot be hashed (a !!set): jsonschema's own comparison decides
        yield from _PAIRWISE_UNIQUE_ITEMS(validator, unique, instance, schema)
        return
    if len(set(keys)) != len(keys):
        yield jsonschema.ValidationError("has non-unique elements")


_PAIRWISE_UNIQUE_ITEMS = jsonschema.Draft202012Validator.VALIDATORS["uniqueItems"]


def _equality_key(value: object) -> object:
    """A hashable key equal exactly when jsonschema's equal() says equal: true is not 1, 1 is 1.0."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, dict):
        return ("object", frozenset((key, _equality_key(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_equality_key(item) for item in value))
    if isinstance(value, (int, float)):
        return ("number", value)
    return ("other", value)
