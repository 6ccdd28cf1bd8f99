"""JSON Schema checks: the compiled fast path first, then jsonschema, its errors translated into diagnostics.

Three modules do the work: rules.schema_load (the packaged schemas and jsonschema's validator),
rules.schema_draft7 (the Draft-07 translation behind the compiled fast path) and rules.schema_errors
(jsonschema's errors as LB010-LB015). This module composes them, and keeps their names importable from here.
"""

from __future__ import annotations

from ..corpus import Source
from ..diagnostics import Diagnostic
from .schema_draft7 import fast_validator, passes_fast
from .schema_errors import NOT_AN_ID, one_per_mistake, translate
from .schema_load import schema, validator

__all__ = ["NOT_AN_ID", "check_schema", "fast_validator", "passes_fast", "schema", "validator"]


def check_schema(src: Source) -> list[Diagnostic]:
    """All schema problems of one document, each translated; noisy if/then branches collapse to one."""
    if passes_fast(src.kind, src.data):
        return []
    out: list[Diagnostic] = []
    for err in validator(src.kind).iter_errors(src.data):
        out.extend(translate(err, src.display))
    unique = {(d.code, d.field, d.message): d for d in out}
    return one_per_mistake(list(unique.values()), src.data)
