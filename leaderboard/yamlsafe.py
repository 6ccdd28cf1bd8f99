"""A hardened YAML loader for contributed files.

Built on libyaml (CSafeLoader) so clean files cost what a plain safe load costs, but it refuses what a
data file never needs and what silently corrupts data: duplicate keys (last one wins), aliases (billion
laughs), custom tags, several documents, and implicit dates (which would bypass the schema's format).

It also refuses what a later stage cannot carry, so that a file that validates always builds: control
characters and non-characters however they are written (they abort the chart renderer and make the Atom
feed invalid XML), keys YAML reads as numbers, true/false or null, integers no table column holds exactly,
and nesting deep enough to overflow libyaml's recursive composer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml import _yaml

from . import yamlfast

MAX_BYTES = 1_000_000
MAX_DEPTH = 64  # a data file needs about 6 levels; libyaml's composer recurses and can overflow the C stack
_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_BLOCK = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH}}}|^[ ]{{{4 * MAX_DEPTH}}}", re.MULTILINE)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"
_CONTROL = re.compile(f"[{_C0}]")
# Not in XML 1.0 or discouraged there: DEL and C1 controls, surrogates, and the 66 non-characters.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_UNSAFE = f"\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}"
_FORBIDDEN = re.compile(f"[{_C0}{_UNSAFE}]")
_FORBIDDEN_ASCII = re.compile(f"[{_C0}\x7f]")
# The same characters (but C0) as UTF-8 bytes: DEL, C2 80-9F, EF B7 90-AF, EF BF BE-BF, and F0-F4 xF BF BE-BF for
# U+1FFFE..U+10FFFF. A bytes regex of a few literals skips through a clean file far faster than the character class
# above does through its text (which tests each non-ASCII character against 40 ranges).
_UNSAFE_UTF8 = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xef\xb7[\x90-\xaf]|\xef\xbf[\xbe\xbf]|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"
)
# The only ways a YAML scalar can hold such a character without it being in the text: the escapes \0 \a \b
# \v \f \e \x \u \U and \N (U+0085) of double-quoted scalars. A text without any of them needs no look at
# its strings; a false match (a backslash in plain text) only costs that look.
MAY_ESCAPE_CONTROL = re.compile(r"\\[0abvfexuUN]")
MAX_INT = 2**53  # beyond it Float64 columns, JSON readers and Vega round an integer: the site would show another one
_NOT_TEXT = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "null (nothing)",
}


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


def character_problem(text: str) -> tuple[int, str] | None:
    """(position, description) of the first control character or non-character in text, else None."""
    found = (_FORBIDDEN_ASCII if text.isascii() else _FORBIDDEN).search(text)
    if found is None:
        return None
    point = ord(found.group())
    if point < 0x20 or 0x7F <= point <= 0x9F:
        kind = "a control character"
    elif 0xD800 <= point <= 0xDFFF:
        kind = "a lone surrogate"
    else:
        kind = "a non-character"
    return found.start(), f"U+{point:04X} ({kind})"


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
                _refuse_key_that_is_not_text(key_node)
                key = (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise YamlProblem(
                        "LB002",
                        f"duplicate key '{key_node.value}' (first at line {seen[key]})",
                        *_mark(key_node),
                    )
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        number = super().construct_yaml_int(node)
        if abs(number) > MAX_INT:
            raise YamlProblem("LB122", f"the integer {_short(node.value)} is beyond ±2^53 ({MAX_INT:,})", *_mark(node))
        return number


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


def _short(text: str) -> str:
    return text if len(text) <= 30 else f"{text[:12]}...{text[-12:]} ({len(text)} characters)"


def _refuse_key_that_is_not_text(key_node) -> None:
    """Rules, tables and JSON index by text; YAML reads 1:, yes:, ~: and 1.5: as other things. (A list or
    mapping as a key is a syntax error, LB001, raised by the constructor: it cannot be a key in Python.)"""
    what = _NOT_TEXT.get(key_node.tag) if isinstance(key_node, yaml.ScalarNode) else None
    if what is not None:
        shown = _short(key_node.value) or "(empty)"
        raise YamlProblem("LB121", f"the key {shown} is read as {what}; keys must be text", *_mark(key_node))


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
# Clean files skip the Python composer; the fast loader leaves to the strict one every file where a limit
# below might apply (deep nesting, a large integer, a key that is not text, an escape that may write a control).
_FAST = yamlfast.FastLoader(
    StrictLoader.yaml_implicit_resolvers, max_depth=MAX_DEPTH, max_int=MAX_INT, unsure_text=MAY_ESCAPE_CONTROL
)


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is accepted) without NUL or other C0 control characters except tab/CR/LF, and without DEL,
    C1 controls or non-characters (written as such; escapes that write them are refused while loading)."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem("LB007", f"the file has {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem("LB006", f"invalid UTF-8 byte at offset {exc.start}", line, 1) from None
    found = _CONTROL.search(text)  # a regex, not a loop over characters (the loop was slow at scale: README)
    if found is not None:
        line, col = _position(text, found.start())
        raise YamlProblem("LB006", f"control character U+{ord(found.group()):04X} (binary content?)", line, col)
    problem = character_problem(text) if _UNSAFE_UTF8.search(raw) else None
    if problem is not None:
        line, col = _position(text, problem[0])
        raise YamlProblem("LB120", f"the text contains {problem[1]}", line, col)
    return text


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counting lines as YAML and editors do."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _refuse_deep_nesting(text: str) -> None:
    """Checked before parsing, at the cost of visiting only bracket characters, so clean files stay fast. It also
    spares libyaml's scanner deep flow nesting, on which it is quadratic (see the README's figures);
    _scan_events then counts every construct exactly before the strict path composes."""
    depth = 0
    # Cheap necessary conditions first (str.count and `in` run in C): the regexes are costly at scale (README).
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


_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _scan_events(text: str) -> None:
    """What the composer must never see, found in one pass over the parser's events (flat, no recursion):
    nesting deeper than MAX_DEPTH (libyaml's composer recurses per level and overflows the C stack on deep
    explicit keys or block sequences that the text check above does not count), anchors, and scalars that
    an escape turned into a control character or non-character. Only the strict path pays for it."""
    escapes = MAY_ESCAPE_CONTROL.search(text) is not None
    depth = 0
    parser = _yaml.CParser(text)
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if escapes:
                    _refuse_characters(event)
            elif kind in _OPEN:
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem("LB001", f"nesting deeper than {MAX_DEPTH} levels", *_mark(event))
            elif kind in _CLOSE:
                depth -= 1
            elif kind is yaml.StreamEndEvent:
                return
            if anchor := getattr(event, "anchor", None):
                raise YamlProblem("LB003", f"anchor &{anchor} is not accepted", *_mark(event))
    finally:
        parser.dispose()


def _refuse_characters(event) -> None:
    problem = character_problem(event.value)
    if problem is not None:
        where, what = problem
        raise YamlProblem("LB120", f"an escape writes {what} at position {where} of this text", *_mark(event))


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
        _scan_events(text)
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
        message, line, col = in_words(exc, text)
        raise YamlProblem("LB001", message, line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("LB001", str(exc).splitlines()[0], 0, 0) from None
    except RecursionError:
        raise YamlProblem("LB001", "nesting too deep", 0, 0) from None


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+|-\s+)(["'])""")


def _unclosed_quote(lines: list[str], before: int) -> tuple[int, int, str] | None:
    """The first line (up to `before`) whose value opens a quote that the same line does not close."""
    for n, line in enumerate(lines[:before], start=1):
        found = _OPENS_QUOTE.match(line)
        if not found:
            continue
        mark, rest = found.group(1), line[found.end() :]
        closed = rest.replace("\\\\", "").replace('\\"', "") if mark == '"' else rest.replace("''", "")
        if mark not in closed:
            return n, found.end(), mark
    return None


def _key_column(line: str) -> int:
    """Where a line's key starts: after the indentation and any list dashes ('  - id: x' -> 4)."""
    found = re.match(r"[ ]*(?:-[ ]+)*", line)
    return found.end() if found else 0


def in_words(exc, text: str) -> tuple[str, int, int]:
    """A YAML syntax error said in words and placed where the mistake starts, not where the parser gave up:
    the tab, the opening quote that is never closed, the line whose indentation is off."""
    line, col = _mark(exc.problem_mark)
    lines = text.splitlines()
    problem, context = str(exc.problem or ""), str(exc.context or "")
    here = lines[line - 1] if 1 <= line <= len(lines) else ""
    if "\t" in problem or (col and here[col - 1 : col] == "\t"):
        return "a tab character: indent with spaces (YAML does not allow tabs for indentation)", line, col
    opened = _unclosed_quote(lines, line)
    if "quoted scalar" in context or (opened and opened[0] < line):
        if opened:
            n, c, mark = opened
            return f"the quote {mark} opened here is not closed on this line: end the text with {mark}", n, c
        start_line, start_col = _mark(exc.context_mark)
        return "this quoted text is never closed: end it with the same quote mark", start_line, start_col
    indent = len(here) - len(here.lstrip(" "))
    above = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), 0
    )
    prev_indent = _key_column(lines[above - 1]) if above else indent
    if "mapping values are not allowed" in problem and indent > prev_indent and not here.lstrip().startswith("-"):
        return (
            f"this line is indented by {indent} spaces, more than line {above} above ({prev_indent}), so YAML reads "
            "it as part of that line's value: the keys of one mapping must start in the same column",
            line,
            1,
        )
    if "mapping values are not allowed" in problem:
        return (
            "a colon followed by a space inside an unquoted value: put the whole value in double quotes",
            line,
            col,
        )
    if "expected key" in problem or "expected <block end>" in problem or "block mapping" in context:
        if above and indent != prev_indent:
            return (
                f"this line is indented by {indent} spaces but line {above} above by {prev_indent}: "
                "the keys of one mapping must start in the same column",
                line,
                1,
            )
        return "this line does not fit the structure above it: check its indentation and its colon", line, col
    return problem + (f" ({context})" if context else ""), line, col


def raw_scalar(text: str, line: int, col: int) -> str:
    """The scalar as written at a position (the value node's start), before YAML converted it."""
    return _raw_scalar_in(text.splitlines(), line, col)


def _raw_scalar_in(lines: list[str], line: int, col: int) -> str:
    if not 1 <= line <= len(lines):
        return ""
    rest = lines[line - 1][col - 1 :]
    if ":" in rest.split("#")[0] and not rest.lstrip().startswith(("'", '"')):
        rest = rest.split(":", 1)[1]
    return re.split(r"\s+#|[,}\]]", rest.strip(), maxsplit=1)[0].strip()


def locate(text: str, pointer: tuple) -> tuple[int, int]:
    """Line and column of the node at a JSON path; a missing leaf points at its parent."""
    return Locator(text).position(pointer)


class Locator:
    """Positions by JSON path in one text, which is composed once, on the first question.

    Only files with problems are located, so clean files never pay for a second parse. One compose per file
    and a key index per mapping keep it linear: composing per diagnostic made a file with many problems very
    slow (the README's figures), and a linear search of the keys would make 10,000 unknown fields quadratic again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: yaml.Node | None = None
        self._composed = False
        self._broken = False
        self._keys: dict[int, dict[str, tuple]] = {}  # id(mapping node) -> key -> (key node, value node)
        self._lines: list[str] | None = None

    def _compose(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._broken = True
        return self._root

    def _entries(self, node: yaml.MappingNode) -> dict[str, tuple]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))  # the first of repeated keys
            self._keys[id(node)] = index
        return index

    def position(self, pointer: tuple) -> tuple[int, int]:
        """(0, 0) when the text does not compose; a missing leaf gives its parent's position."""
        node = self._compose()
        if node is None:
            return (0, 0) if self._broken else (1, 1)
        best = _mark(node)
        for part in pointer:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                key_node, child = self._entries(node).get(part, (None, None))
                if key_node is not None:
                    best = _mark(key_node)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                best = _mark(child)
            if child is None:
                break
            node = child
        return best

    def raw_scalar(self, line: int, col: int) -> str:
        """raw_scalar() with the text split into lines once."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return _raw_scalar_in(self._lines, line, col)
