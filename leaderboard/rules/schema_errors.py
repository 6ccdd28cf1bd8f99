"""jsonschema's errors, translated into one diagnostic per problem a contributor can act on (LB010-LB015).

translate() reads one error through _TRANSLATIONS: an ordered table of (which errors, how to say it), the
first row that applies wins. Most rows are a _Form (a code, a message and a fix, each fixed text or built from
the error); unknown fields, missing fields, ids and texts have a builder of their own. one_per_mistake() then
merges the errors that are one mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeAlias

from ..diagnostics import Diagnostic, format_pointer
from .context import Pointer
from .suggest import hint, nearest


class ValidationError(Protocol):
    """What the translation reads of a raised jsonschema.ValidationError. Its stubs type every field as possibly
    unset (an error built by hand may lack them); one raised by a validator has them all."""

    message: str
    instance: Any
    schema: Mapping[str, Any]
    validator: str
    validator_value: Any
    absolute_path: Sequence[str | int]
    relative_schema_path: Sequence[str | int]


#: How to say one error: the diagnostics for it, given the error and the file's display path.
_Say: TypeAlias = Callable[[ValidationError, str], list[Diagnostic]]
_Text: TypeAlias = "str | Callable[[ValidationError], str]"

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}


def _at(where: str, code: str, pointer: Pointer, message: str, fix: str = "", field: str | None = None) -> Diagnostic:
    """A schema diagnostic at pointer; its field is the pointer's, unless given."""
    shown = format_pointer(pointer) if field is None else field
    return Diagnostic(where, code=code, field=shown, pointer=pointer, message=message, fix=fix)


def _describe(value: object) -> str:
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


def _type_fix(expected: Any, value: object) -> str:
    if expected == "string" and isinstance(value, (int, float)):
        return f'quote it: "{value}" (unquoted, YAML reads it as a number and may change it, e.g. 3.10 -> 3.1)'
    if expected in ("number", "integer") and isinstance(value, str):
        return "write the number without quotes and without a unit or % sign"
    return f"give {_TYPE_WORDS.get(expected, expected)}"


def _unknown_fields(err: ValidationError, where: str) -> list[Diagnostic]:
    allowed = sorted(err.schema.get("properties", {}))
    out = []
    for key in sorted(set(err.instance) - set(allowed), key=str):
        near = nearest(key, allowed)
        guess = f"did you mean '{near}'? " if near else ""
        out.append(
            _at(
                where,
                "LB010",
                (*err.absolute_path, key),
                f"unknown field '{key}'",
                fix=f"{guess}allowed fields here: {', '.join(allowed)}",
            )
        )
    return out


#: Fields an if/then makes required, whose description the then-branch does not carry.
_CONDITIONAL = {"area": "a name from the areas vocabulary; a claim that names no benchmark is listed under its area"}


def _in_branch(err: ValidationError) -> bool:
    """The error comes from the then or else branch of an if (the kind of a value decides its fields)."""
    return any(p in ("then", "else") for p in err.relative_schema_path)


def _missing_fields(err: ValidationError, where: str) -> list[Diagnostic]:
    """One diagnostic per missing field: LB015 for a value's number its kind needs, else LB011. The pointer
    stays the parent's (the field is not there to point at); the field shown is the missing one."""
    pointer = tuple(err.absolute_path)
    parent_schema = err.schema.get("properties", {})
    out = []
    for name in (k for k in err.validator_value if k not in err.instance):
        sub = format_pointer((*pointer, name))
        if name in ("value", "low", "high") and _in_branch(err):
            out.append(_at(where, "LB015", pointer, f"'{name}' is missing for this kind of value", field=sub))
            continue
        what = parent_schema.get(name, {}).get("description", "") or _CONDITIONAL.get(name, "")
        fix = f"add {name}: {what}" if what else ""
        out.append(_at(where, "LB011", pointer, f"required field '{name}' is missing", fix, sub if pointer else name))
    return out


@dataclass(frozen=True)
class _Form:
    """One diagnostic for an error: its code, message and fix (fixed text, or built from the error), and a
    fixed field for an error at the top of the document."""

    code: str
    message: _Text
    fix: _Text = ""
    field: str | None = None

    def __call__(self, err: ValidationError, where: str) -> list[Diagnostic]:
        message = self.message if isinstance(self.message, str) else self.message(err)
        fix = self.fix if isinstance(self.fix, str) else self.fix(err)
        return [_at(where, self.code, tuple(err.absolute_path), message, fix, self.field)]


def _keyword(*names: str) -> Callable[[ValidationError], bool]:
    return lambda err: err.validator in names


def _description(err: ValidationError) -> str:
    return str(err.schema.get("description", ""))


def _is_value(err: ValidationError) -> bool:
    """The schema is a value's ({value: ...} or {kind: range, low, high}): its `not` keeps kinds apart."""
    return "low" in err.schema.get("properties", {})


def _allowed(err: ValidationError) -> list[str]:
    return list(map(str, err.validator_value if err.validator == "enum" else [err.validator_value]))


def _shown(value: object) -> str:
    return repr(value) if not isinstance(value, str) or len(value) < 60 else (repr(value[:57] + "..."))


#: What LB013 says of a value that breaks a keyword (any other keyword: jsonschema's own message).
_REASONS: dict[str, Callable[[ValidationError], str]] = {
    "maxLength": lambda err: f"is longer than {err.validator_value} characters",
    "minLength": lambda err: "is empty",
    "pattern": lambda err: "does not have the expected form",
    "format": lambda err: f"is not a valid {err.validator_value}",
    "uniqueItems": lambda err: "has repeated items",
    "minimum": lambda err: f"is below {err.validator_value}",
    "maximum": lambda err: f"is above {err.validator_value}",
}


def _reason(err: ValidationError) -> str:
    reason = _REASONS.get(str(err.validator))
    return reason(err) if reason is not None else err.message


def _if_given(prefix: str) -> Callable[[ValidationError], str]:
    """The schema's description after a prefix, or no fix (the code's default) when there is none."""
    return lambda err: f"{prefix}{_description(err)}" if _description(err) else ""


def _is_id(err: ValidationError) -> bool:
    return err.validator == "pattern" and err.validator_value in _ID_PATTERNS and isinstance(err.instance, str)


def _is_text(err: ValidationError) -> bool:
    return (
        err.validator in ("minLength", "pattern")
        and err.validator_value in (1, _TEXT_PATTERN)
        and isinstance(err.instance, str)
    )


#: Which errors, and how to say them: the first row that applies.
_TRANSLATIONS: tuple[tuple[Callable[[ValidationError], bool], _Say], ...] = (
    (
        lambda err: (
            err.validator == "additionalProperties" and isinstance(err.instance, dict) and "properties" in err.schema
        ),
        _unknown_fields,
    ),
    (_keyword("required"), _missing_fields),
    (
        _keyword("type"),
        _Form(
            "LB012",
            lambda err: (
                f"expected {_TYPE_WORDS.get(err.validator_value, err.validator_value)}, found {_describe(err.instance)}"
            ),
            lambda err: _type_fix(err.validator_value, err.instance),
        ),
    ),
    (
        _keyword("enum", "const"),
        _Form(
            "LB014",
            lambda err: f"{err.instance!r} is not allowed",
            lambda err: f"{hint(err.instance, _allowed(err))}use one of: {', '.join(_allowed(err))}",
        ),
    ),
    (
        lambda err: err.validator == "anyOf" and not err.absolute_path,
        _Form(
            "LB011",
            "the paper has neither results nor claims",
            "add results: (numbers on a benchmark's scale) or claims: (numbers against a baseline)",
            field="results",
        ),
    ),
    # A claim's baseline (name or unnamed) and quantity (a benchmark metric or a name): say the two forms.
    (
        lambda err: (err.validator == "not" and not _is_value(err)) or err.validator == "anyOf",
        _Form("LB015", "has fields that do not go together", _if_given("give one of the forms: ")),
    ),
    (lambda err: err.validator == "not" or _in_branch(err), _Form("LB015", "this kind of value has the wrong fields")),
    (_keyword("minProperties", "minItems"), _Form("LB011", "is empty", _if_given("add at least one item: "))),
    (_is_id, lambda err, where: [_not_an_id(err, where)]),
    (_is_text, lambda err, where: [_text_problem(err, where, tuple(err.absolute_path))]),
    (lambda err: True, _Form("LB013", lambda err: f"{_shown(err.instance)} {_reason(err)}", _description)),
)


def translate(err: ValidationError, where: str) -> list[Diagnostic]:
    """The diagnostics for one jsonschema error of the file shown as `where`."""
    say = next(say for applies, say in _TRANSLATIONS if applies(err))
    return say(err, where)


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


def _not_an_id(err: ValidationError, where_shown: str) -> Diagnostic:
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
    return _at(
        where_shown,
        "LB013",
        pointer,
        f"{kind} '{err.instance}' {NOT_AN_ID} ({letters})",
        fix=f"did you mean '{guess}'? Write it as: {example}",
    )


def _text_problem(err: ValidationError, where: str, pointer: Pointer) -> Diagnostic:
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
        return _at(where, "LB013", pointer, message, fix)
    shown = repr(text) if len(text) < 60 else repr(text[:57] + "...")
    if "\n" in text or "\r" in text:
        message, fix = f"{shown} runs over more than one line", "put it on one line (join the lines with a space)"
    else:
        message = f"{shown} starts with '{text[0]}', which spreadsheets would run as a formula"
        fix = "start it with another character (for a quote, begin at the next word)"
    return _at(where, "LB013", pointer, message, fix)


def _resolve(data: object, pointer: Pointer) -> Any:
    node: Any = data
    for part in pointer:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _value_example(value: object) -> str:
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


def one_per_mistake(out: list[Diagnostic], data: object) -> list[Diagnostic]:
    """The schema reports one mistake several times: a bare number where {value: ...} goes (type + branch),
    a range written with value (four errors), a misspelt field (unknown + missing), an empty text (two)."""
    drop: set[int] = set()
    by_value: dict[Pointer, list[int]] = {}
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
        merged.append(_at(out[members[0]].path, "LB015", vpointer, what, fix=f"write {key}: {_value_example(value)}"))
    suggested = {
        (d.pointer[:-1], d.fix.split("'")[1]) for d in out if d.code == "LB010" and d.fix.startswith("did you mean")
    }
    for n, d in enumerate(out):
        if d.code == "LB011" and d.message.startswith("required field '"):
            name = d.message.split("'")[1]
            if (d.pointer, name) in suggested:
                drop.add(n)  # the misspelt field is the missing one: one mistake, one message
    return [d for n, d in enumerate(out) if n not in drop] + merged
