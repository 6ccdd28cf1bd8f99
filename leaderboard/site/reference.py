"""The schema reference page, generated from schemas/*.json so it is never written twice by hand."""

from __future__ import annotations

from ..rules.schema import schema
from .html import esc
from .pages import front_matter


def _type_of(prop: dict, defs: dict, kind: str) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if target.get("type") == "object" and "properties" in target:
            return f'<a href="#{kind}-{name}">{name}</a>'
        return esc(target.get("type", name))
    if "enum" in prop:
        return "one of: " + ", ".join(f"<code>{esc(v)}</code>" for v in prop["enum"])
    if prop.get("type") == "array":
        return "list of " + _type_of(prop.get("items", {}), defs, kind)
    if (
        prop.get("type") == "object"
        and "additionalProperties" in prop
        and isinstance(prop["additionalProperties"], dict)
    ):
        return "mapping of id → " + _type_of(prop["additionalProperties"], defs, kind)
    return esc(prop.get("type", ""))


def _pattern(prop: dict) -> str:
    return f" Pattern: <code>{esc(prop['pattern'])}</code>" if "pattern" in prop else ""


def _object_table(title: str, anchor: str, obj: dict, defs: dict, kind: str) -> str:
    required = set(obj.get("required", []))
    rows = "".join(
        f"<tr><td><code>{esc(name)}</code>{' <b>required</b>' if name in required else ''}</td>"
        f"<td>{_type_of(prop, defs, kind)}</td><td>{esc(prop.get('description', ''))}"
        f"{_pattern(prop)}</td></tr>"
        for name, prop in obj.get("properties", {}).items()
    )
    return (
        f'<h3 id="{esc(anchor)}">{esc(title)}</h3><p>{esc(obj.get("description", ""))}</p>'
        f"<table><thead><tr><th>Field</th><th>Type</th><th>Meaning</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def schema_page() -> str:
    parts = [
        front_matter("Schema reference"),
        '<div class="lb-schema" markdown="0">',
        "<h1>Schema reference</h1>",
        "<p>Generated from <code>schemas/paper.schema.json</code> and <code>schemas/benchmark.schema.json</code> "
        "(JSON Schema draft 2020-12). Unknown fields are refused everywhere.</p>",
    ]
    for kind, path in (("paper", "data/papers/&lt;id&gt;.yaml"), ("benchmark", "data/benchmarks/&lt;id&gt;.yaml")):
        doc = schema(kind)
        defs = doc.get("$defs", {})
        parts.append(f'<h2 id="{kind}-file">{kind.capitalize()} file: <code>{path}</code></h2>')
        parts.append(_object_table(doc["title"], kind, doc, defs, kind))
        for name, sub in defs.items():
            if sub.get("type") == "object" and "properties" in sub:
                parts.append(_object_table(name, f"{kind}-{name}", sub, defs, kind))
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"
