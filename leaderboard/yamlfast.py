"""A fast path for clean YAML files: build the document straight from libyaml's events.

PyYAML's CSafeLoader parses in C but composes a node tree and constructs it in Python, one generic
call chain per node; at 20,000 files that was most of `validate`. A data file is plain mappings,
lists and scalars, so this builds it in one pass over the C parser's events, resolving plain scalars
with the same resolver table and converting them with the same SafeConstructor methods.

It only says yes when it is sure: anything unusual (an anchor, alias or tag, a merge key, a repeated
or non-scalar key, a key that is not text, a second document, a parse error, nesting or an integer
beyond the caller's limits, a text the caller flags) returns UNSURE and the caller runs the strict
loader, which then produces the same document or the same diagnostic it always did.
"""

from __future__ import annotations

import re

import yaml
from yaml import _yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

UNSURE = object()
_CONSTRUCTOR = SafeConstructor()


class _Unsure(Exception):
    """Leave this file to the strict loader."""


def _number(tag: str, construct):
    return lambda value: construct(_CONSTRUCTOR, yaml.ScalarNode(tag, value))


_STR = "tag:yaml.org,2002:str"
_CONVERT = {
    "tag:yaml.org,2002:int": _number("tag:yaml.org,2002:int", SafeConstructor.construct_yaml_int),
    "tag:yaml.org,2002:float": _number("tag:yaml.org,2002:float", SafeConstructor.construct_yaml_float),
    "tag:yaml.org,2002:bool": lambda value: SafeConstructor.bool_values[value.lower()],
    "tag:yaml.org,2002:null": lambda value: None,
}


_INT = "tag:yaml.org,2002:int"


class FastLoader:
    """Builds documents from event streams; resolvers is a Resolver's yaml_implicit_resolvers table.

    Documents nested deeper than max_depth, holding an integer beyond ±max_int, or whose text matches
    unsure_text are left to the strict loader (which decides what they are worth)."""

    def __init__(
        self, resolvers: dict, max_depth: int = 1_000, max_int: int | None = None, unsure_text: re.Pattern | None = None
    ) -> None:
        wildcard = resolvers.get(None, [])
        self.by_first = {first: [*rules, *wildcard] for first, rules in resolvers.items() if first is not None}
        self.wildcard = wildcard
        self.tags: dict[str, str] = {}  # plain scalar -> resolved tag; keys and enum words repeat in every file
        self.max_depth = max_depth
        self.max_int = max_int
        self.unsure_text = unsure_text

    def resolve(self, value: str) -> str:
        tag = self.tags.get(value)
        if tag is None:
            tag = next(
                (tag for tag, regexp in self.by_first.get(value[:1], self.wildcard) if regexp.match(value)), _STR
            )
            if len(self.tags) < 100_000:
                self.tags[value] = tag
        return tag

    def scalar(self, event: ScalarEvent):
        if event.anchor is not None or event.tag is not None:
            raise _Unsure
        value = event.value
        if not event.implicit[0]:  # quoted or block scalar: always a string
            return value
        tag = self.resolve(value)
        if tag is _STR:
            return value
        convert = _CONVERT.get(tag)
        if convert is None:  # merge key, !!value, ...: the strict loader decides
            raise _Unsure
        number = convert(value)
        if tag == _INT and self.max_int is not None and abs(number) > self.max_int:
            raise _Unsure
        return number

    def node(self, get, event, depth: int = 1):
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if event.anchor is not None or event.tag is not None or depth > self.max_depth:
            raise _Unsure
        scalar, node, inner = self.scalar, self.node, depth + 1
        if kind is MappingStartEvent:
            mapping: dict = {}
            while True:
                key_event = get()
                if type(key_event) is not ScalarEvent:
                    if type(key_event) is MappingEndEvent:
                        return mapping
                    raise _Unsure
                key = scalar(key_event)
                if type(key) is not str or key in mapping:  # not text, a duplicate, or two spellings of one key
                    raise _Unsure
                value_event = get()
                mapping[key] = (
                    scalar(value_event) if type(value_event) is ScalarEvent else node(get, value_event, inner)
                )
        if kind is SequenceStartEvent:
            items: list = []
            while True:
                item = get()
                if type(item) is SequenceEndEvent:
                    return items
                items.append(scalar(item) if type(item) is ScalarEvent else node(get, item, inner))
        raise _Unsure  # an alias, or an event out of place

    def load(self, text: str):
        """The single document of text, or UNSURE."""
        if self.unsure_text is not None and "\\" in text and self.unsure_text.search(text):
            return UNSURE
        parser = _yaml.CParser(text)
        try:
            get = parser.get_event
            get()  # stream start
            if type(get()) is not DocumentStartEvent:
                return UNSURE
            data = self.node(get, get())
            if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
                return UNSURE
            return data
        except Exception:  # _Unsure, a parse error, anything: the strict loader gives the verdict
            return UNSURE
        finally:
            parser.dispose()
