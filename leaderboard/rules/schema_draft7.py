"""The fast path of the schema check: each schema translated to Draft-07 and compiled by fastjsonschema.

Most documents are clean, and jsonschema's iter_errors costs about a millisecond per paper file, which
dominated validation at 20,000 papers. So a document is first checked by a compiled validator
(fastjsonschema); only documents it rejects go through jsonschema, which then produces the diagnostics.
The compiled check is built to be at least as strict as jsonschema, so a clean verdict is always right
and anything else gets jsonschema's verdict: the diagnostics are exactly those jsonschema gives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema

from .schema_load import schema

# Keywords whose draft-07 meaning in fastjsonschema matches (or is stricter than) draft 2020-12. A schema using
# any other keyword (format, oneOf, unevaluatedProperties, ...) gets no fast path: still right, only slower.
_FAST_KEYWORDS = frozenset((
    "$schema", "$id", "$defs", "$ref", "title", "description", "default", "type", "enum", "const",
    "properties", "additionalProperties", "required", "propertyNames", "minProperties",
    "items", "minItems", "uniqueItems", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "if", "then", "else", "not", "anyOf", "allOf",
))  # fmt: skip
_SUBSCHEMA = ("additionalProperties", "propertyNames", "items", "if", "then", "else", "not")
_ANNOTATIONS = ("title", "description", "default")


class _NoFastPath(Exception):
    """The schema uses a keyword the compiled validator is not trusted with."""


def _draft07(node: Any, defs: dict[str, Any], inlining: tuple[str, ...] = ()) -> Any:
    """The schema as draft-07 for fastjsonschema, with the same meaning.

    - Each $ref is replaced by the definition it names, and sibling keywords join it in an allOf: 2020-12
      applies a $ref's siblings (maxLength next to a $ref) where draft-07 ignores them; inlined, the
      generated code also skips a call and a name built with str.format per list item.
    - not {required: [x]} and not {anyOf: [{required: [x]}, ...]} become "an object without x": the same
      verdict without the exception the generated code raises and catches for every value.
    """
    if not isinstance(node, dict):
        return node
    unknown = set(node) - _FAST_KEYWORDS
    if unknown:
        raise _NoFastPath(", ".join(sorted(unknown)))
    out: dict[str, Any] = {}
    extra: list[Any] = []
    for key, value in node.items():
        if key == "properties":
            out[key] = {name: _draft07(sub, defs, inlining) for name, sub in value.items()}
        elif key == "not" and _absent_keys(value):
            extra.append({"type": "object", "properties": dict.fromkeys(_absent_keys(value), False)})
        elif key in _SUBSCHEMA:
            if isinstance(value, list):
                raise _NoFastPath(key)
            out[key] = _draft07(value, defs, inlining)
        elif key in ("anyOf", "allOf"):
            out[key] = [_draft07(sub, defs, inlining) for sub in value]
        elif key in ("enum", "const"):
            # Python's == makes 1 equal True; jsonschema does not. With text only, the two agree.
            allowed = value if key == "enum" else [value]
            if not all(isinstance(v, str) for v in allowed):
                raise _NoFastPath(key)
            out["enum"] = allowed  # const as enum: fastjsonschema's const fails without detailed exceptions
        elif key == "$ref":
            name = value.removeprefix("#/$defs/")
            if name == value or name not in defs or name in inlining:
                raise _NoFastPath(f"$ref {value}")
            extra.insert(0, _draft07(defs[name], defs, (*inlining, name)))
        elif key not in ("$schema", "$id", "$defs") and key not in _ANNOTATIONS:
            out[key] = value
    if extra:
        out = {"allOf": [*extra, out]} if out else {"allOf": extra} if len(extra) > 1 else extra[0]
    return out


def _absent_keys(node: object) -> list[str]:
    """The keys a `not` forbids when it is only required-one-key checks, else []."""
    parts = node.get("anyOf", []) if isinstance(node, dict) and list(node) == ["anyOf"] else [node]
    keys: list[str] = []
    for part in parts:
        if not (isinstance(part, dict) and list(part) == ["required"] and len(part["required"]) == 1):
            return []
        keys.append(part["required"][0])
    return keys


def _no_remote(uri: str) -> Any:
    raise _NoFastPath(f"remote $ref {uri}")


@cache
def fast_validator(kind: str) -> Callable[[object], object] | None:
    """A compiled check that never accepts what jsonschema rejects, or None when the schema is out of its reach.

    use_default=False matters: by default fastjsonschema writes schema defaults into the document. Without
    detailed exceptions a rejection is cheap, and the if/then/else of every value rejects one branch."""
    try:
        root = schema(kind)
        draft = dict(_draft07(root, root.get("$defs", {})), **{"$schema": "http://json-schema.org/draft-07/schema#"})
        return fastjsonschema.compile(
            draft,
            handlers={"http": _no_remote, "https": _no_remote},
            use_default=False,
            use_formats=False,
            detailed_exceptions=False,
        )
    except (_NoFastPath, fastjsonschema.JsonSchemaDefinitionException):
        return None


def passes_fast(kind: str, data: object) -> bool:
    """True only when the document is certainly schema-valid; False means "ask jsonschema"."""
    check = fast_validator(kind)
    if check is None:
        return False
    try:
        check(data)
    except Exception:  # a rejection, or an input the generated code did not expect: either way, ask jsonschema
        return False
    return True
