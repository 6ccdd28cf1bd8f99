"""Semantic rules: a registry of small checks with stable codes.

A rule is a function of a Context yielding Diagnostics. Scope "file" rules see one source at a time;
"corpus" rules see everything (duplicates, cross-file ids). A rule that raises is reported as LB900 for
that file and never hides the other rules' findings.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, format_pointer

RULES: list[tuple[str, str, Callable]] = []


def rule(scope: str, kind: str = "*"):
    """Register a check for a scope ('file' or 'corpus') and a source kind ('paper', 'benchmark', '*')."""

    def register(fn: Callable) -> Callable:
        RULES.append((scope, kind, fn))
        return fn

    return register


@dataclass
class Context:
    """What a rule may look at: the corpus, the benchmark registry, and which parts failed the schema."""

    corpus: object
    benchmarks: dict
    broken: dict  # display path -> set of top-level pointers with schema errors
    paper_ids: frozenset = frozenset()
    unusable_benchmarks: frozenset = frozenset()
    #: lookups rules build once per run and share (per benchmark, not per result: see rules.paper)
    memo: dict = field(default_factory=dict, repr=False)

    def results(self, src) -> Iterable[tuple[int, dict]]:
        """Results of a paper that passed the schema (rules need not re-check their shape)."""
        return self._items(src, "results")

    def claims(self, src) -> Iterable[tuple[int, dict]]:
        """Relative claims of a paper that passed the schema."""
        return self._items(src, "claims")

    def _items(self, src, name: str) -> Iterable[tuple[int, dict]]:
        bad = self.broken.get(src.display, set())
        if (name,) in bad or not isinstance(src.data.get(name), list):
            return
        for i, item in enumerate(src.data[name]):
            if (name, i) not in bad and isinstance(item, dict):
                yield i, item

    def field_ok(self, src, name: str) -> bool:
        return (name,) not in self.broken.get(src.display, set()) and name in src.data


def diag(src, code: str, pointer: tuple, message: str, fix: str = "") -> Diagnostic:
    return Diagnostic(src.display, code=code, field=format_pointer(pointer), pointer=pointer, message=message, fix=fix)


def run_rules(ctx: Context) -> list[Diagnostic]:
    from . import benchmark, claims, corpus, file_evidence, paper, vocabulary, wording  # noqa: F401  (registration)

    out: list[Diagnostic] = []
    loaded = [s for s in ctx.corpus.sources if s.ok]
    for scope, kind, fn in RULES:
        targets = [None] if scope == "corpus" else [s for s in loaded if kind in ("*", s.kind)]
        for src in targets:
            try:
                out.extend(fn(ctx) if src is None else fn(ctx, src))
            except Exception as exc:  # a broken rule must not hide the others
                where = src.display if src is not None else "data"
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                out.append(
                    Diagnostic(
                        where,
                        code="LB900",
                        message=f"rule {fn.__name__} failed: {type(exc).__name__}: {exc} ({frame.name}:{frame.lineno})",
                    )
                )
    return out
