"""Controlled vocabularies: one spelling per value of a condition that splits comparison groups.

"T4 GPU", "NVIDIA T4 GPU" and "NVIDIA Tesla T4 GPU" are one device; recorded as written they made three
hardware groups and three trade-off frontiers. A value of a condition that names a vocabulary must be a
term's canonical name: a known alias is reported with the name to write, a near miss (case, punctuation,
a vendor prefix) gets a "did you mean". Benchmark areas and claim baselines use the vocabularies named
areas and baselines when the data has them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..conventions import NOT_STATED
from ..corpus import Source
from .context import Context, Doc, Found, Pointer, diag, doc

AREAS, BASELINES = "areas", "baselines"
_VENDORS = re.compile(r"\b(?:nvidia|amd|intel|google|apple|meta|microsoft|qualcomm|gpu)\b")
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    """The spelling with case, punctuation, spacing and vendor names taken out, for near misses."""
    return _NOT_ALNUM.sub("", _VENDORS.sub("", text.casefold()))


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary's lookups: canonical names, alias -> name, normalized spelling -> name."""

    id: str
    display: str
    names: frozenset[str]
    aliases: dict[str, str]
    near: dict[str, str]

    def problem(self, value: str) -> tuple[str, str, str] | None:
        """None for a canonical name (or 'not stated'); else (code, message, fix)."""
        if value in self.names or value == NOT_STATED:
            return None
        if value in self.aliases:
            name = self.aliases[value]
            return "LB131", f"'{value}' is an alias of '{name}' in the {self.id} vocabulary", f"write {name}"
        guess = self.near.get(normalized(value)) or _affix(normalized(value), self.near) or _closest(value, self.names)
        if guess:
            return "LB132", f"'{value}' is not in the {self.id} vocabulary", f"did you mean '{guess}'?"
        return (
            "LB132",
            f"'{value}' is not in the {self.id} vocabulary",
            f"use a name from {self.display}, or add a term named '{value}' (with the aliases sources write) to it",
        )


def _affix(key: str, near: dict[str, str]) -> str | None:
    """'T4 GPU' for 'NVIDIA Tesla T4': the one term whose spelling starts or ends with what was written."""
    found = {
        name
        for spelling, name in near.items()
        if len(key) >= 2 and (spelling.endswith(key) or spelling.startswith(key))
    }
    return found.pop() if len(found) == 1 else None


def _closest(value: str, names: frozenset[str]) -> str | None:
    folded = {n.casefold(): n for n in names}
    found = difflib.get_close_matches(value.casefold(), sorted(folded), n=1, cutoff=0.85)
    return folded[found[0]] if found else None


def _terms(data: Doc) -> Iterator[tuple[int, Doc]]:
    for i, term in enumerate(data.get("terms") or []):
        if isinstance(term, dict) and isinstance(term.get("name"), str):
            yield i, term


def _build(src: Source) -> Vocabulary:
    names: set[str] = set()
    aliases: dict[str, str] = {}
    near: dict[str, str] = {}
    for _, term in _terms(doc(src)):
        names.add(term["name"])
        for spelling in (term["name"], *term.get("aliases", [])):
            near.setdefault(normalized(spelling), term["name"])
            if spelling != term["name"]:
                aliases.setdefault(spelling, term["name"])
    return Vocabulary(doc(src)["id"], src.display, frozenset(names), aliases, near)


def vocabularies(ctx: Context) -> dict[str, Vocabulary]:
    """Schema-clean vocabularies by id, built once per validation run."""
    if "vocabularies" not in ctx.memo:
        ctx.memo["vocabularies"] = {
            doc(s)["id"]: _build(s)
            for s in ctx.corpus.of_kind("vocabulary")
            if s.ok and not ctx.broken.get(s.display) and isinstance(doc(s).get("id"), str)
        }
    known: dict[str, Vocabulary] = ctx.memo["vocabularies"]
    return known


def check_value(ctx: Context, src: Source, vocab_id: str, value: object, pointer: Pointer) -> Found:
    """Diagnostics for one value that must come from a vocabulary (none when that vocabulary is absent)."""
    vocab = vocabularies(ctx).get(vocab_id)
    found = vocab.problem(value) if vocab is not None and isinstance(value, str) else None
    if found:
        code, message, fix = found
        yield diag(src, code, pointer, message, fix=fix)


def terms_declared_once(ctx: Context, src: Source) -> Found:
    """A spelling shared by two terms (even up to case and punctuation) would make the canonical name of a
    value depend on file order."""
    owner: dict[str, tuple[int, str]] = {}
    for i, term in _terms(doc(src)):
        for j, spelling in enumerate((term["name"], *term.get("aliases", []))):
            first = owner.setdefault(normalized(spelling) or spelling, (i, term["name"]))
            if first[0] != i:
                pointer = ("terms", i, "name") if j == 0 else ("terms", i, "aliases", j - 1)
                yield diag(src, "LB135", pointer, f"'{spelling}' is already a spelling of the term '{first[1]}'")


def grouping_conditions_say_their_values(ctx: Context, src: Source) -> Found:
    """A grouping condition says what its values are: values, a vocabulary or free text, exactly one."""
    if ctx.broken.get(src.display):
        return  # its schema errors come first
    for i, cond in enumerate(doc(src).get("conditions") or []):
        declared = [k for k in ("values", "vocabulary", "free_text") if cond.get(k) not in (None, False)]
        if cond.get("group") and len(declared) != 1:
            said = "declares " + " and ".join(declared) if declared else "does not say what its values are"
            yield diag(src, "LB134", ("conditions", i), f"grouping condition '{cond['id']}' {said}")


def known_vocabularies(ctx: Context, src: Source) -> Found:
    """A vocabulary a condition names is a file of data/vocabularies/."""
    if ctx.broken.get(src.display):
        return
    known = vocabularies(ctx)
    for i, cond in enumerate(doc(src).get("conditions") or []):
        vocab = cond.get("vocabulary")
        if vocab is not None and vocab not in known:
            yield diag(
                src,
                "LB133",
                ("conditions", i, "vocabulary"),
                f"no vocabulary '{vocab}'",
                fix=f"use one of: {', '.join(sorted(known)) or 'none yet'}; or add data/vocabularies/{vocab}.yaml",
            )


def benchmark_area_term(ctx: Context, src: Source) -> Found:
    """A benchmark's area is a canonical name of the areas vocabulary: LB131 for an alias, LB132 for a name
    not in it (two outcomes of one vocabulary look-up)."""
    if ctx.broken.get(src.display):
        return
    yield from check_value(ctx, src, AREAS, doc(src).get("area"), ("area",))


def condition_vocabulary(bench: Doc) -> dict[str, str]:
    """condition id -> vocabulary id, for the benchmark's controlled conditions."""
    return {c["id"]: c["vocabulary"] for c in bench.get("conditions", []) if c.get("vocabulary")}


def result_condition_terms(ctx: Context, src: Source) -> Found:
    """A result's condition value from a vocabulary is a canonical name: LB131 for an alias, LB132 for a name
    not in it (two outcomes of one vocabulary look-up)."""
    for i, res in ctx.results(src):
        bench = ctx.benchmarks.get(res["benchmark"])
        if bench is None:
            continue
        controlled = _controlled(ctx, bench)
        for cid, value in res.get("conditions", {}).items():
            if cid in controlled:
                yield from check_value(ctx, src, controlled[cid], value, ("results", i, "conditions", cid))


def _controlled(ctx: Context, bench: Doc) -> dict[str, str]:
    key = ("controlled", bench["id"])
    if key not in ctx.memo:
        ctx.memo[key] = condition_vocabulary(bench)
    controlled: dict[str, str] = ctx.memo[key]
    return controlled
