"""JSON Schema checks, translated into one diagnostic per problem a contributor can act on.

Most documents are clean, and jsonschema's iter_errors costs about a millisecond per paper file, which
dominated validation at 20,000 papers. So a document is first checked by a compiled validator
(fastjsonschema); only documents it rejects go through jsonschema, which then produces the diagnostics.
The compiled check is built to be at least as strict as jsonschema, so a clean verdict is always right
and anything else gets jsonschema's verdict: the diagnostics are exactly those jsonschema gives.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache

import fastjsonschema
import jsonschema

from .. import resources
from ..diagnostics import Diagnostic, format_pointer
from .suggest import hint, nearest


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
        near = nearest(key, allowed)
        hint = f"did you mean '{near}'? " if near else ""
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
                fix=f"{hint(err.instance, map(str, allowed))}use one of: {', '.join(map(str, allowed))}",
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
    if kw == "pattern" and err.validator_value in _ID_PATTERNS and isinstance(err.instance, str):
        return [_not_an_id(err, src_display)]
    if kw in ("minLength", "pattern") and err.validator_value in (1, _TEXT_PATTERN) and isinstance(err.instance, str):
        return [_text_problem(err, src_display, pointer)]
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


_ID_PATTERNS = {"^[a-z][a-z0-9_]*$": "_", "^[a-z0-9][a-z0-9_-]*$": "-", "^[a-z0-9]+(-[a-z0-9]+)*$": "-"}
_TEXT_PATTERN = "^[^=+\\-@\\t\\r\\n][^\\r\\n]*$"
_ID_KIND = {
    "metrics": "metric",
    "conditions": "condition",
    "benchmark": "benchmark",
    "id": "paper",
    "superseded_by": "paper",
}
#: what an id-form diagnostic's message starts with (rules.suggest.refine finds them by it)
NOT_AN_ID = "is not written as an id"


def _id_like(text: str, joiner: str) -> str:
    return re.sub(r"[^a-z0-9]+", joiner, text.casefold()).strip(joiner) or "x"


def _not_an_id(err, src_display: str) -> Diagnostic:
    """'box_AP' where an id goes: one message with the id it most likely is (refined against the benchmark)."""
    path = tuple(err.absolute_path)
    is_key = "propertyNames" in err.relative_schema_path
    pointer = (*path, err.instance) if is_key else path
    where = path[-1] if path else ""
    kind = _ID_KIND.get(where, "id") if isinstance(where, str) else "id"
    joiner = _ID_PATTERNS[err.validator_value]
    guess = _id_like(err.instance, joiner)
    letters = "lower-case letters, digits and " + ("_" if joiner == "_" else "-")
    example = {"metric": f"{guess}: {{value: 45.3}}", "condition": f"{guess}: not stated"}.get(
        kind, f"{where}: {guess}"
    )
    return Diagnostic(
        src_display,
        code="LB013",
        field=format_pointer(pointer),
        pointer=pointer,
        message=f"{kind} '{err.instance}' {NOT_AN_ID} ({letters})",
        fix=f"did you mean '{guess}'? Write it as: {example}",
    )


def _text_problem(err, src_display: str, pointer: tuple) -> Diagnostic:
    """One message for a text field that is empty, has a line break or starts with a formula character."""
    name = pointer[-1] if pointer and isinstance(pointer[-1], str) else "text"
    text = err.instance
    if not text.strip():
        message = "is empty"
        fix = (
            'copy the sentence of the source that contains every number of the result, e.g. quote: "FastDet-S '
            'reaches 45.3 AP at 210 FPS"'
            if name == "quote"
            else f"write the text, or leave the {name} field out if it is optional"
        )
        return Diagnostic(
            src_display, code="LB013", field=format_pointer(pointer), pointer=pointer, message=message, fix=fix
        )
    shown = repr(text) if len(text) < 60 else repr(text[:57] + "...")
    if "\n" in text or "\r" in text:
        message, fix = f"{shown} runs over more than one line", "put it on one line (join the lines with a space)"
    else:
        message = f"{shown} starts with '{text[0]}', which spreadsheets would run as a formula"
        fix = "start it with another character (for a quote, begin at the next word)"
    return Diagnostic(
        src_display, code="LB013", field=format_pointer(pointer), pointer=pointer, message=message, fix=fix
    )


def _resolve(data, pointer: tuple):
    node = data
    for part in pointer:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _value_example(value) -> str:
    """The value a contributor meant, written the expected way."""
    if not isinstance(value, dict):
        shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else "45.3"
        return f"{{value: {shown}}}"
    kind = value.get("kind", "point")
    if kind == "range":
        low, high = value.get("low"), value.get("high")
        text = str(value.get("value", ""))
        found = re.fullmatch(r"\s*(-?[0-9.]+)\s*(?:-|–|to)\s*(-?[0-9.]+)\s*[x%×]?\s*", text)
        if found:
            low, high = found.groups()
        return f"{{kind: range, low: {low if low is not None else '...'}, high: {high if high is not None else '...'}}}"
    number = value.get("value", value.get("low", value.get("high", 45.3)))
    if isinstance(number, str):
        number = re.sub(r"[^0-9.\-]", "", number) or "45.3"
    return f"{{kind: {kind}, value: {number}}}" if "kind" in value else f"{{value: {number}}}"


def _one_per_mistake(out: list[Diagnostic], data) -> list[Diagnostic]:
    """The schema reports one mistake several times: a bare number where {value: ...} goes (type + branch),
    a range written with value (four errors), a misspelt field (unknown + missing), an empty text (two)."""
    drop: set[int] = set()
    by_value: dict[tuple, list[int]] = {}
    for n, d in enumerate(out):
        p = d.pointer
        for cut in (len(p), len(p) - 1):  # the value itself, or one of its fields
            if cut >= 4 and p[0] == "results" and p[cut - 2] == "metrics" and d.code in ("LB012", "LB014", "LB015"):
                by_value.setdefault(p[:cut], []).append(n)
                break
    merged: list[Diagnostic] = []
    for vpointer, members in by_value.items():
        if any(out[n].code == "LB014" for n in members):  # a kind not allowed: that message says it
            continue
        value = _resolve(data, vpointer)
        key = vpointer[-1]
        if len(members) == 1:  # already one message: give it the example
            if out[members[0]].code == "LB015":
                out[members[0]] = replace(out[members[0]], fix=f"write {key}: {_value_example(value)}")
            continue
        what = "a number where a mapping goes" if not isinstance(value, dict) else "these fields do not fit the kind"
        if isinstance(value, dict) and value.get("kind") == "range":
            what = "a range gives low and high, not value"
        elif isinstance(value, dict) and ("low" in value or "high" in value):
            what = "low and high are for kind: range; every other kind gives value"
        drop.update(members)
        merged.append(
            Diagnostic(
                out[members[0]].path,
                code="LB015",
                field=format_pointer(vpointer),
                pointer=vpointer,
                message=what,
                fix=f"write {key}: {_value_example(value)}",
            )
        )
    suggested = {
        (d.pointer[:-1], d.fix.split("'")[1]) for d in out if d.code == "LB010" and d.fix.startswith("did you mean")
    }
    for n, d in enumerate(out):
        if d.code == "LB011" and d.message.startswith("required field '"):
            name = d.message.split("'")[1]
            if (d.pointer, name) in suggested:
                drop.add(n)  # the misspelt field is the missing one: one mistake, one message
    return [d for n, d in enumerate(out) if n not in drop] + merged


def check_schema(src) -> list[Diagnostic]:
    """All schema problems of one document, each translated; noisy if/then branches collapse to one."""
    if passes_fast(src.kind, src.data):
        return []
    out: list[Diagnostic] = []
    for err in validator(src.kind).iter_errors(src.data):
        out.extend(_translate(err, src.display))
    unique = {(d.code, d.field, d.message): d for d in out}
    return _one_per_mistake(list(unique.values()), src.data)
