"""The schema reference page, generated from the packaged JSON Schemas (leaderboard/schemas/) so it is never
written twice by hand.

This module reads the schemas into plain data (objects, fields, their types); the HTML is
leaderboard/templates/schema.html and partials/schema_object.html.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.schema import schema
from .templates import Templates, resolve


@dataclass(frozen=True)
class FieldType:
    """A field's type as the page says it: a link to an object's table, a plain type name, a list of allowed
    values, or a list / mapping of another type (`of`)."""

    kind: str  # "link", "text", "enum", "list" or "mapping"
    name: object = ""
    anchor: str = ""
    choices: tuple = ()
    of: FieldType | None = None


def _type_of(prop: dict, defs: dict, kind: str) -> FieldType:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if target.get("type") == "object" and "properties" in target:
            return FieldType("link", name, anchor=f"{kind}-{name}")
        return FieldType("text", target.get("type", name))
    if "enum" in prop:
        return FieldType("enum", choices=tuple(prop["enum"]))
    if prop.get("type") == "array":
        return FieldType("list", of=_type_of(prop.get("items", {}), defs, kind))
    additional = prop.get("additionalProperties")
    if prop.get("type") == "object" and isinstance(additional, dict):
        return FieldType("mapping", of=_type_of(additional, defs, kind))
    return FieldType("text", prop.get("type", ""))


@dataclass(frozen=True)
class SchemaObject:
    title: str
    anchor: str
    description: str
    fields: list[dict] = field(default_factory=list)


def _object(title: str, anchor: str, obj: dict, defs: dict, kind: str) -> SchemaObject:
    required = set(obj.get("required", []))
    fields = [
        {
            "name": name,
            "required": name in required,
            "type": _type_of(prop, defs, kind),
            "description": prop.get("description", ""),
            "pattern": prop.get("pattern"),
        }
        for name, prop in obj.get("properties", {}).items()
    ]
    return SchemaObject(title, anchor, obj.get("description", ""), fields)


def _kind(kind: str, path: str) -> dict:
    """One schema file: the top-level object, then each object it defines, in the schema's order."""
    doc = schema(kind)
    defs = doc.get("$defs", {})
    objects = [_object(doc["title"], kind, doc, defs, kind)]
    objects += [
        _object(name, f"{kind}-{name}", sub, defs, kind)
        for name, sub in defs.items()
        if sub.get("type") == "object" and "properties" in sub
    ]
    return {"kind": kind, "path": path, "objects": objects}


def schema_page(*, templates: Templates | None = None) -> str:
    kinds = [_kind("paper", "data/papers/<id>.yaml"), _kind("benchmark", "data/benchmarks/<id>.yaml")]
    return resolve(templates).page("schema.html", "Schema reference", kinds=kinds)
