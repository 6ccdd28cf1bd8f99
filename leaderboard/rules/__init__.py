"""Semantic rules: small checks with stable codes, listed in one place (rules.registry.RULES).

A rule is a function of a Context yielding Diagnostics. Scope "file" rules see one source at a time;
"corpus" rules see everything (duplicates, cross-file ids). A rule that raises is reported as LB900 for
that file and never hides the other rules' findings.
"""

from __future__ import annotations

import traceback

from ..diagnostics import Diagnostic
from . import registry
from .context import Context, diag
from .registry import Rule

__all__ = ["Context", "Rule", "diag", "run_rules"]


def run_rules(ctx: Context) -> list[Diagnostic]:
    """Every rule of registry.RULES (read at each call) on the sources of its kind, in order."""
    out: list[Diagnostic] = []
    loaded = [s for s in ctx.corpus.sources if s.ok]
    for rule in registry.RULES:
        targets = [None] if rule.scope == "corpus" else [s for s in loaded if rule.kind in ("*", s.kind)]
        for src in targets:
            try:
                out.extend(rule.check(ctx) if src is None else rule.check(ctx, src))
            except Exception as exc:  # a broken rule must not hide the others
                where = src.display if src is not None else "data"
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                out.append(
                    Diagnostic(
                        where,
                        code="LB900",
                        message=f"rule {rule.name} failed: {type(exc).__name__}: {exc} ({frame.name}:{frame.lineno})",
                    )
                )
    return out
