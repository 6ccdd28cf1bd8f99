"""A hardened YAML loader for contributed files.

Built on libyaml (CSafeLoader) so clean files cost what a plain safe load costs, but it refuses what a
data file never needs and what silently corrupts data: duplicate keys (last one wins), aliases (billion
laughs), custom tags, several documents, and implicit dates (which would bypass the schema's format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from . import yamlfast

MAX_BYTES = 1_000_000
MAX_DEPTH = 64  # a data file needs about 6 levels; libyaml's composer recurses and can overflow the C stack
_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_BLOCK = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH}}}|^[ ]{{{4 * MAX_DEPTH}}}", re.MULTILINE)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class YamlProblem(Exception):
    """A problem found while reading; line and col are 1-based (0 when unknown)."""

    code: str
    message: str
    line: int = 0
    col: int = 0


def _mark(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


class StrictLoader(yaml.CSafeLoader):
    """CSafeLoader that refuses duplicate keys and aliases and keeps dates as strings."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlProblem("LB003", "aliases (*name) are not accepted", *_mark(node))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("LB003", "merge keys (<<) are not accepted", *_mark(key_node))
                key = (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise YamlProblem(
                        "LB002",
                        f"duplicate key '{key_node.value}' (first at line {seen[key]})",
                        *_mark(key_node),
                    )
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_FAST = yamlfast.FastLoader(StrictLoader.yaml_implicit_resolvers)  # clean files skip the Python composer


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is accepted) without NUL or other C0 control characters except tab/CR/LF."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem("LB007", f"the file has {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem("LB006", f"invalid UTF-8 byte at offset {exc.start}", line, 1) from None
    found = _CONTROL.search(text)  # a regex, not a loop over characters: 20,000 files were 2 s of that loop
    if found is not None:
        bad = found.start()
        line = text.count("\n", 0, bad) + 1
        raise YamlProblem("LB006", f"control character U+{ord(text[bad]):04X} (binary content?)", line, 1)
    return text


def _refuse_deep_nesting(text: str) -> None:
    """Checked before parsing, at the cost of visiting only bracket characters, so clean files stay fast."""
    depth = 0
    # Cheap necessary conditions first (str.count and `in` run in C): at 20,000 files the regexes cost 1 s.
    openers = text.count("[") + text.count("{")
    for match in _BRACKET.finditer(text) if openers > MAX_DEPTH else ():
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise YamlProblem("LB001", f"nesting deeper than {MAX_DEPTH} levels", line, 1)
        else:
            depth = max(0, depth - 1)
    dashes = text.count("- ") + text.count("-\t")
    deep = _DEEP_BLOCK.search(text) if dashes >= MAX_DEPTH or " " * (4 * MAX_DEPTH) in text else None
    if deep:
        raise YamlProblem("LB001", f"nesting deeper than {MAX_DEPTH} levels", text.count("\n", 0, deep.start()) + 1, 1)


def _refuse_anchors(text: str) -> None:
    # Only files that contain '&' pay for this event scan; aliases are caught while constructing.
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if getattr(event, "anchor", None):
            raise YamlProblem("LB003", f"anchor &{event.anchor} is not accepted", *_mark(event))


def load(text: str):
    """Parse one document; raise YamlProblem with a code and position on anything unsafe or broken."""
    return _load(text, fast=True)


def load_strict(text: str):
    """load() without the fast path: the verdict the fast path must always agree with."""
    return _load(text, fast=False)


def _load(text: str, fast: bool):
    try:
        _refuse_deep_nesting(text)
        data = _FAST.load(text) if fast else yamlfast.UNSURE
        if data is not yamlfast.UNSURE:
            return data
        if "&" in text:
            _refuse_anchors(text)
        loader = StrictLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise YamlProblem("LB005", "the file is empty", 1, 1)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.constructor.ConstructorError as exc:
        line, col = _mark(exc.problem_mark)
        if "constructor for the tag" in str(exc.problem):
            raise YamlProblem("LB004", f"custom tag is not accepted ({exc.problem})", line, col) from None
        raise YamlProblem("LB001", str(exc.problem), line, col) from None
    except yaml.composer.ComposerError as exc:
        line, col = _mark(exc.problem_mark)
        if "single document" in str(exc.context or ""):
            raise YamlProblem("LB005", "more than one YAML document (--- separator)", line, col) from None
        raise YamlProblem("LB001", str(exc.problem), line, col) from None
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark)
        raise YamlProblem("LB001", f"{exc.problem}" + (f" ({exc.context})" if exc.context else ""), line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("LB001", str(exc).splitlines()[0], 0, 0) from None
    except RecursionError:
        raise YamlProblem("LB001", "nesting too deep", 0, 0) from None


def raw_scalar(text: str, line: int, col: int) -> str:
    """The scalar as written at a position (the value node's start), before YAML converted it."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    rest = lines[line - 1][col - 1 :]
    if ":" in rest.split("#")[0] and not rest.lstrip().startswith(("'", '"')):
        rest = rest.split(":", 1)[1]
    return re.split(r"\s+#|[,}\]]", rest.strip(), maxsplit=1)[0].strip()


def locate(text: str, pointer: tuple) -> tuple[int, int]:
    """Line and column of the node at a JSON path; a missing leaf points at its parent.

    Only called for files with problems, so clean files never pay for a second parse.
    """
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return 0, 0
    best = _mark(node) if node is not None else (1, 1)
    for part in pointer:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    child = value_node
                    best = _mark(key_node)
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            best = _mark(child)
        if child is None:
            break
        node = child
    return best
