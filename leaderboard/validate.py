"""Validation: load -> schema -> semantic rules -> positions. The one entry point every command uses."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import yamlsafe
from .corpus import Corpus, load_corpus
from .diagnostics import Diagnostic
from .rules import Context, run_rules, suggest
from .rules.schema import check_schema


@dataclass
class Report:
    corpus: Corpus
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _broken_parts(diags: list[Diagnostic]) -> dict:
    """Which top-level fields and which results and claims failed the schema, per file."""
    broken: dict = {}
    for d in diags:
        parts = broken.setdefault(d.path, set())
        if d.pointer:
            parts.add(d.pointer[:1])
            if d.pointer[0] in ("results", "claims") and len(d.pointer) > 1:
                parts.add(d.pointer[:2])
        else:
            parts.update({("results",), ("claims",)})
    return broken


def _benchmarks(corpus: Corpus, broken: dict) -> tuple[dict, frozenset]:
    """Schema-clean benchmarks for the paper rules, and the ids of broken ones (whose own errors are reported,
    so papers citing them are not also told the benchmark is unknown). A file that did not even load is known
    by its name, which must be its id."""
    named = [s for s in corpus.of_kind("benchmark") if s.ok and isinstance(s.mapping.get("id"), str)]
    clean = {s.mapping["id"]: s.mapping for s in named if not broken.get(s.display)}
    unloaded = {s.path.stem for s in corpus.of_kind("benchmark") if not s.ok}
    return clean, frozenset({s.mapping["id"] for s in named} | unloaded) - set(clean)


def _with_position(diag: Diagnostic, locators: dict[str, yamlsafe.Locator]) -> Diagnostic:
    if diag.line or diag.path not in locators:
        return diag
    where = locators[diag.path]
    line, col = where.position(diag.pointer)
    if diag.code == "LB012" and diag.fix.startswith("quote it"):
        # YAML already changed the number (3.10 -> 3.1): show what the contributor wrote.
        raw = where.raw_scalar(line, col)
        because = diag.fix[diag.fix.index(" (") :]
        return replace(diag, line=line, col=col, fix=f'quote it: "{raw}"{because}')
    return replace(diag, line=line, col=col)


@contextmanager
def _collector_paused():
    """A corpus is millions of small acyclic objects that live until validation ends. Left on, the cyclic
    collector rescans them again and again as they pile up (a fifth of the time at 20,000 files) and can
    free none of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused()
def validate(data_dir: Path, paths: Sequence[Path] = ()) -> Report:
    """Check a data directory (and extra files); when paths are given, report only on them."""
    corpus = load_corpus(data_dir, [p for p in paths if p.is_file() or p.is_symlink()])
    diags = [d for s in corpus.sources for d in s.problems]
    for src in corpus.sources:
        if src.ok:
            diags.extend(check_schema(src))
    papers = frozenset(
        s.mapping["id"] for s in corpus.of_kind("paper") if s.ok and isinstance(s.mapping.get("id"), str)
    )
    broken = _broken_parts(diags)
    benchmarks, unusable = _benchmarks(corpus, broken)
    ctx = Context(corpus=corpus, benchmarks=benchmarks, broken=broken, paper_ids=papers, unusable_benchmarks=unusable)
    diags.extend(run_rules(ctx))
    diags = suggest.refine(diags, corpus, benchmarks)
    if paths:
        wanted = {s.display for s in corpus.sources if any(_same(s.path, p) for p in paths)}
        diags = [d for d in diags if d.path in wanted]
    # One locator per file with problems, composed once. Only loaded files: a file that did not load already
    # says where it broke, and composing it again could be what broke (deep nesting).
    unlocated = {d.path for d in diags if not d.line}
    locators = {s.display: yamlsafe.Locator(s.text) for s in corpus.sources if s.ok and s.display in unlocated}
    located = sorted({_with_position(d, locators) for d in diags})
    return Report(corpus=corpus, diagnostics=located)


def _same(path: Path, wanted: Path) -> bool:
    try:
        if wanted.is_dir():
            return path.resolve().is_relative_to(wanted.resolve())
        return path.absolute() == wanted.absolute() or path.resolve() == wanted.resolve()
    except OSError:
        return False
