"""What a rule is given (a Context, and the source it checks) and how it reports (diag)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

from ..corpus import Corpus, Source
from ..diagnostics import Diagnostic, format_pointer

#: A place in a document: keys and list indexes, as in results[2].metrics.ap.
Pointer: TypeAlias = tuple[Any, ...]
#: A parsed YAML mapping (a paper, a benchmark, a vocabulary, or a part of one).
Doc: TypeAlias = dict[str, Any]
#: What a check returns: the diagnostics it finds, lazily or as a list.
Found: TypeAlias = Iterable[Diagnostic]


@dataclass
class Context:
    """What a rule may look at: the corpus, the benchmark registry, and which parts failed the schema."""

    corpus: Corpus
    benchmarks: dict[str, Doc]
    broken: dict[str, set[Pointer]]  # display path -> set of top-level pointers with schema errors
    paper_ids: frozenset[str] = frozenset()
    unusable_benchmarks: frozenset[str] = frozenset()
    #: lookups rules build once per run and share (per benchmark, not per result: see rules.paper)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def results(self, src: Source) -> Iterator[tuple[int, Doc]]:
        """Results of a paper that passed the schema (rules need not re-check their shape)."""
        return self._items(src, "results")

    def claims(self, src: Source) -> Iterator[tuple[int, Doc]]:
        """Relative claims of a paper that passed the schema."""
        return self._items(src, "claims")

    def _items(self, src: Source, name: str) -> Iterator[tuple[int, Doc]]:
        bad = self.broken.get(src.display, set())
        data = doc(src)
        if (name,) in bad or not isinstance(data.get(name), list):
            return
        for i, item in enumerate(data[name]):
            if (name, i) not in bad and isinstance(item, dict):
                yield i, item

    def field_ok(self, src: Source, name: str) -> bool:
        return (name,) not in self.broken.get(src.display, set()) and name in doc(src)


def doc(src: Source) -> Doc:
    """The parsed mapping of a source. Rules only ever see sources that loaded as a mapping (Source.ok)."""
    return cast(Doc, src.data)


def diag(src: Source, code: str, pointer: Pointer, message: str, fix: str = "") -> Diagnostic:
    return Diagnostic(src.display, code=code, field=format_pointer(pointer), pointer=pointer, message=message, fix=fix)
