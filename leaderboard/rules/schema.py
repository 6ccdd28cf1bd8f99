"""JSON Schema checks, translated into one diagnostic per problem a contributor can act on.

Most documents are clean, and jsonschema's iter_errors costs about a millisecond per paper file, which
dominated validation at 20,000 papers. So a document is first checked by a compiled validator
(fastjsonschema); only documents it rejects go through jsonschema, which then produces the diagnostics.
The compiled check is built to be at least as strict as jsonschema, so a clean verdict is always right
and anything else gets jsonschema's verdict: the diagnostics are exactly those jsonschema gives.
"""

from __future__ import annotations

import difflib
import json
from functools import cache

import fastjsonschema
import jsonschema

from .. import resources
from ..diagnostics import Diagnostic, format_pointer


@cache
def schema(kind: str) -> dict:
    """The packaged schema (not the repository's schemas/ copy): an installed tool needs no checkout."""
    return json.loads(resources.schema_text(kind))


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    base = jsonschema.Draft202012Validator
    cls = jsonschema.validators.extend(base, {"uniqueItems": _unique_items})
    return cls(schema(kind), format_checker=base.FORMAT_CHECKER)


def _unique_items(validator, unique, instance, schema):
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


def _draft07(node: object, defs: dict, inlining: tuple = ()) -> object:
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
    out: dict = {}
    extra: list = []
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
    keys = []
    for part in parts:
        if not (isinstance(part, dict) and list(part) == ["required"] and len(part["required"]) == 1):
            return []
        keys.append(part["required"][0])
    return keys


def _no_remote(uri: str):
    raise _NoFastPath(f"remote $ref {uri}")


@cache
def fast_validator(kind: str):
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


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else type(value).__name__


def _type_fix(expected, value) -> str:
    if expected == "string" and isinstance(value, (int, float)):
        return f'quote it: "{value}" (unquoted, YAML reads it as a number and may change it, e.g. 3.10 -> 3.1)'
    if expected in ("number", "integer") and isinstance(value, str):
        return "write the number without quotes and without a unit or % sign"
    return f"give {_TYPE_WORDS.get(expected, expected)}"


def _unknown_fields(err, src_display: str) -> list[Diagnostic]:
    allowed = sorted(err.schema.get("properties", {}))
    out = []
    for key in sorted(set(err.instance) - set(allowed), key=str):
        pointer = (*err.absolute_path, key)
        near = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        out.append(
            Diagnostic(
                src_display,
                code="LB010",
                field=format_pointer(pointer),
                pointer=pointer,
                message=f"unknown field '{key}'",
                fix=f"{hint}allowed fields here: {', '.join(allowed)}",
            )
        )
    return out


#: Fields an if/then makes required, whose description the then-branch does not carry.
_CONDITIONAL = {"area": "a name from the areas vocabulary; a claim that names no benchmark is listed under its area"}


def _translate(err, src_display: str) -> list[Diagnostic]:
    pointer = tuple(err.absolute_path)
    field = format_pointer(pointer)
    desc = err.schema.get("description", "")
    kw = err.validator
    if kw == "additionalProperties" and isinstance(err.instance, dict) and "properties" in err.schema:
        return _unknown_fields(err, src_display)
    if kw == "required":
        missing = [k for k in err.validator_value if k not in err.instance]
        parent_schema = err.schema.get("properties", {})
        out = []
        for name in missing:
            sub = (*pointer, name)
            what = parent_schema.get(name, {}).get("description", "") or _CONDITIONAL.get(name, "")
            if name in ("value", "low", "high") and any(p in ("then", "else") for p in err.relative_schema_path):
                out.append(
                    Diagnostic(
                        src_display,
                        code="LB015",
                        field=format_pointer(sub),
                        pointer=pointer,
                        message=f"'{name}' is missing for this kind of value",
                    )
                )
                continue
            out.append(
                Diagnostic(
                    src_display,
                    code="LB011",
                    field=format_pointer(sub) if pointer else name,
                    pointer=pointer,
                    message=f"required field '{name}' is missing",
                    fix=f"add {name}: {what}" if what else "",
                )
            )
        return out
    if kw == "type":
        return [
            Diagnostic(
                src_display,
                code="LB012",
                field=field,
                pointer=pointer,
                message=f"expected {_TYPE_WORDS.get(err.validator_value, err.validator_value)}, "
                f"found {_describe(err.instance)}",
                fix=_type_fix(err.validator_value, err.instance),
            )
        ]
    if kw in ("enum", "const"):
        allowed = err.validator_value if kw == "enum" else [err.validator_value]
        return [
            Diagnostic(
                src_display,
                code="LB014",
                field=field,
                pointer=pointer,
                message=f"{err.instance!r} is not allowed",
                fix=f"use one of: {', '.join(map(str, allowed))}",
            )
        ]
    is_value = "low" in err.schema.get("properties", {})
    if kw == "anyOf" and not pointer:
        return [
            Diagnostic(
                src_display,
                code="LB011",
                field="results",
                pointer=pointer,
                message="the paper has neither results nor claims",
                fix="add results: (numbers on a benchmark's scale) or claims: (numbers against a baseline)",
            )
        ]
    if (kw == "not" and not is_value) or kw == "anyOf":
        # A claim's baseline (name or unnamed) and quantity (a benchmark metric or a name): say the two forms.
        return [
            Diagnostic(
                src_display,
                code="LB015",
                field=field,
                pointer=pointer,
                message="has fields that do not go together",
                fix=f"give one of the forms: {desc}" if desc else "",
            )
        ]
    if kw == "not" or any(p in ("then", "else") for p in err.relative_schema_path):
        return [
            Diagnostic(
                src_display,
                code="LB015",
                field=field,
                pointer=pointer,
                message="this kind of value has the wrong fields",
            )
        ]
    if kw == "minProperties" or kw == "minItems":
        return [
            Diagnostic(
                src_display,
                code="LB011",
                field=field,
                pointer=pointer,
                message="is empty",
                fix=f"add at least one item: {desc}" if desc else "",
            )
        ]
    shown = (
        repr(err.instance)
        if not isinstance(err.instance, str) or len(err.instance) < 60
        else (repr(err.instance[:57] + "..."))
    )
    reason = {
        "maxLength": f"is longer than {err.validator_value} characters",
        "minLength": "is empty",
        "pattern": "does not have the expected form",
        "format": f"is not a valid {err.validator_value}",
        "uniqueItems": "has repeated items",
        "minimum": f"is below {err.validator_value}",
        "maximum": f"is above {err.validator_value}",
    }.get(kw, err.message)
    return [
        Diagnostic(src_display, code="LB013", field=field, pointer=pointer, message=f"{shown} {reason}", fix=desc or "")
    ]


def check_schema(src) -> list[Diagnostic]:
    """All schema problems of one document, each translated; noisy if/then branches collapse to one."""
    if passes_fast(src.kind, src.data):
        return []
    out: list[Diagnostic] = []
    for err in validator(src.kind).iter_errors(src.data):
        out.extend(_translate(err, src.display))
    unique = {(d.code, d.field, d.message): d for d in out}
    return list(unique.values())
