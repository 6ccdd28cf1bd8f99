"""`leaderboard suggest`: draft entries read from an abstract, for a contributor to check, never to trust.

Retyping every number of an abstract is where curation slips (a rounded value, a bound recorded as a
point, a relative gain ranked as a score). The suggester proposes each printed number with its unit, the
benchmark and metric found through the registry's names (and `aliases` where a benchmark file has them),
the model named nearby, the kind its words give (rules.wording, the same reading the validator applies),
and, for relative claims, the baseline, form and direction. Every proposal carries a confidence and the
reason for it, and its quote is the verbatim sentence that prints the number: nothing is invented, and
what is unsure is said in a comment rather than written as certain.

Only the standard library, PyYAML and the rule helpers are imported, so the command starts fast.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import conventions
from .conventions import NOT_STATED, modeline
from .conventions import yaml_string as _q
from .rules.numbers import NUMBER_PATTERN
from .rules.wording import _qualified_earlier, implied_kind

HIGH, MEDIUM, LOW = "high", "medium", "low"
_NUMBER = re.compile(NUMBER_PATTERN)

# ---------------------------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Metric(conventions.Metric):
    """A benchmark's metric (id, name, unit, direction) and the patterns of the names an abstract may print."""

    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Benchmark:
    id: str
    name: str
    area: str
    primary: str
    metrics: tuple[Metric, ...]
    required: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    #: per required condition, the spellings a quote may print and the value to write for each
    choices: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def metric(self, mid: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == mid), None)


_GENERIC_TAIL = {"generation", "detection", "retrieval", "speedup", "classification", "zero", "shot", "open"}


def _name_pattern(name: str, exact: bool = False) -> re.Pattern | None:
    """'AIME 2024' also matches 'AIME2024' and 'AIME-2024': separators between letters and digits are
    optional, since abstracts write names both ways; the name must stand as a word of its own."""
    chunks = [c for c in re.split(r"[\s\-_]+", name.strip()) if c]
    if not chunks or len("".join(chunks)) < (2 if exact else 3):
        return None
    body = r"[\s\-_]*".join(re.escape(c) for c in chunks)
    flags = 0 if exact else re.IGNORECASE
    return re.compile(rf"(?<![\w@-]){body}(?![\w@]|-\w)", flags)


def _benchmark_names(data: dict) -> list[str]:
    """The spellings a benchmark is known by: its name (with and without a parenthesis), its id in words,
    the id without a generic tail ('coco-detection' -> 'coco') or a family head ('lra-path-x' ->
    'path-x'), the distinctive head of its name ('COCO object detection' -> 'COCO'), and its aliases."""
    name, ident = str(data.get("name", "")), str(data.get("id", ""))
    names = {name, re.sub(r"\s*\(.*?\)", "", name), ident.replace("-", " ")}
    tokens = ident.split("-")
    while len(tokens) > 1 and tokens[-1] in _GENERIC_TAIL:
        tokens = tokens[:-1]
        names.add(" ".join(tokens))
    parts = ident.split("-")
    if len(parts) >= 3 and parts[1].isalpha() and len(parts[1]) >= 3:
        names.add("-".join(parts[1:]))
    head: list[str] = []
    for word in name.split():
        if word[:1].islower() or not (re.search(r"[A-Z].*[A-Z]|\d", word) or head):
            break
        head.append(word)
    if head:
        names.add(" ".join(head))
    words = name.split()
    if len(words) == 3 and re.fullmatch(r"[vV]\d+", words[-1]):
        names.add(f"{words[0]}{words[-1].lower()}")  # 'NYU Depth V2' -> 'NYUv2'
    if head and "-" in head[0] and re.search(r"[a-z][A-Z]", head[0].split("-")[0]):
        names.add(head[0].split("-")[0])  # 'ImageNet' of 'ImageNet-1k': ties are settled by the other words
    names.update(re.sub(r"\b20(\d\d)\b", r"\1", n) for n in list(names) if re.search(r"\b20\d\d\b", n))
    names.update(str(a) for a in data.get("aliases") or [] if isinstance(a, str))
    return sorted(n for n in names if n.strip())


def _metric_names(metric: dict) -> list[str]:
    name = str(metric.get("name", ""))
    names = {name, re.sub(r"\s*\(.*?\)", "", name), str(metric.get("id", "")).replace("_", " ")}
    names.update(re.findall(r"\(([^)]+)\)", name))
    last = re.sub(r"\s*\(.*?\)", "", name).split()[-1:]
    if last and re.fullmatch(r"[A-Z]{2,}", last[0]):
        names.add(last[0])  # 'AP' of 'Box AP', 'AUROC' of 'Image AUROC'
    names.update(str(a) for a in metric.get("aliases") or [] if isinstance(a, str))
    return sorted(n for n in names if len(n.strip()) >= 2)


def _patterns(names: list[str]) -> tuple[re.Pattern, ...]:
    """One pattern per spelling; a short all-capitals name ('MATH', 'BEIR') is matched in capitals only,
    so "math reasoning" is not the MATH benchmark."""
    caps = {n.casefold(): n for n in names if re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", n)}
    out: list[re.Pattern[str]] = []
    for name in names:
        pattern = _name_pattern(caps.get(name.casefold(), name), exact=name.casefold() in caps)
        if pattern is not None and pattern.pattern not in {p.pattern for p in out if p.flags == pattern.flags}:
            out.append(pattern)
    return tuple(out)


def _read_yaml(path: Path):
    """A data file through libyaml's C loader when PyYAML has it (the pure-Python one is much slower);
    None when it cannot be read: suggest must work on a checkout whose data does not validate yet."""
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def load_registry(data: Path) -> list[Benchmark]:
    """The benchmark files of a data directory (read once per directory and process)."""
    return list(_registry(str(Path(data).resolve())))


@functools.lru_cache(maxsize=8)
def _registry(data: str) -> tuple[Benchmark, ...]:
    out = []
    for path in sorted((Path(data) / "benchmarks").glob("*.yaml")):
        raw = _read_yaml(path)
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        metrics = tuple(
            Metric(
                str(m["id"]),
                str(m.get("name", m["id"])),
                str(m.get("unit", "")),
                bool(m.get("higher_is_better", True)),
                _patterns(_metric_names(m)),
            )
            for m in raw.get("metrics") or []
            if isinstance(m, dict) and isinstance(m.get("id"), str)
        )
        conditions = [c for c in raw.get("conditions") or [] if isinstance(c, dict) and isinstance(c.get("id"), str)]
        required = tuple(c["id"] for c in conditions if c.get("required"))
        choices = tuple((c["id"], _spellings(c, Path(data))) for c in conditions if c.get("required"))
        patterns = _patterns(_benchmark_names(raw))
        primary = str(raw.get("primary_metric") or (metrics[0].id if metrics else ""))
        out.append(
            Benchmark(
                raw["id"],
                str(raw.get("name", "")),
                str(raw.get("area", "")),
                primary,
                metrics,
                required,
                patterns,
                choices,
            )
        )
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _vocabulary(path: Path) -> tuple[tuple[str, str], ...]:
    """(spelling, canonical name) of every term of one vocabulary file."""
    raw = _read_yaml(path)
    out = []
    for term in (raw or {}).get("terms") or [] if isinstance(raw, dict) else []:
        if isinstance(term, dict) and isinstance(term.get("name"), str):
            out += [(str(sp), term["name"]) for sp in (term["name"], *(term.get("aliases") or []))]
    return tuple(out)


def _spellings(condition: dict, data: Path) -> tuple[tuple[str, str], ...]:
    """What a quote may print for a condition: its listed values, or its vocabulary's spellings."""
    if isinstance(condition.get("values"), list):
        return tuple((str(v), str(v)) for v in condition["values"])
    if isinstance(condition.get("vocabulary"), str) and condition["vocabulary"] != "baselines":
        # (a baseline a sentence names is as often another claim's as this speedup's: left to the reader)
        return _vocabulary(data / "vocabularies" / f"{condition['vocabulary']}.yaml")
    return ()


def condition_from_quote(quote: str, spellings: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """(value to write, spelling printed) when the quote prints one of the condition's spellings; the
    longest printed spelling wins ('NVIDIA Tesla T4' over 'T4')."""
    for spelling, name in sorted(spellings, key=lambda p: -len(p[0])):
        if len(spelling) >= 2 and re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", quote):
            return name, spelling
    return None


def load_baselines(data: Path) -> dict[str, str]:
    """Lower-cased spelling -> canonical name, from the baselines vocabulary when the data has one."""
    out: dict[str, str] = {}
    for spelling, name in _vocabulary(Path(data).resolve() / "vocabularies" / "baselines.yaml"):
        out.setdefault(spelling.casefold(), name)
    return out


# ---------------------------------------------------------------------------------------------- reading


@dataclass
class Number:
    """One printed number: where it is, its unit, and the sentence that holds it."""

    text: str
    value: float
    start: int
    end: int
    unit: str
    sentence: str
    offset: int  # where the sentence starts in the abstract
    high: Number | None = None  # the other end, when this number opens a range


@dataclass
class Suggestion:
    """A draft result or claim with how sure the suggester is and why."""

    section: str  # "results" or "claims"
    number: Number
    kind: str
    confidence: str
    reasons: list[str] = field(default_factory=list)
    model: str | None = None
    benchmark: str | None = None
    metric: str | None = None
    form: str | None = None
    direction: str | None = None
    baseline: dict | None = None
    quantity: dict | None = None

    @property
    def quote(self) -> str:
        return self.number.sentence

    def value_key(self) -> float | tuple[float, float]:
        n = self.number
        return (n.value, n.high.value) if self.kind == "range" and n.high else n.value


@dataclass
class Skipped:
    """A printed number the suggester did not propose, with the reason (shown as a comment)."""

    text: str
    sentence: str
    reason: str


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'*])")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|et al|vs|cf|Fig|Eq|seq|approx|resp|No)\.$")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop after 'e.g.', 'vs.', 'seq.' or an initial is not an end."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text[start : m.start()]):
            continue
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(o, s) for o, s in out if s.strip()]


_UNIT = re.compile(
    r"\s?(?P<unit>\\?%|×|[xX](?![a-zA-Z\d])|times\b|-?fold\b|fps\b|FPS\b|TFLOPS\b|[Pp]eta[Ff]lops\b|PFLOPS\b|"
    r"percentage\s+points?\b|points?\b|pp\b|p\.p\.|AP\b|RMSE\b|FID\b|dB\b|ms\b|"
    r"[KMBT]\b|[kmb]\b|billion\b|million\b|thousand\b|GB\b|MB\b|TB\b)"
)
#: A number followed by these is a count or a size of something, not a result.
_COUNT_NOUNS = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:datasets?|benchmarks?|tasks?|models?|languages?|images?|samples?|examples?|"
    r"tokens?|parameters?|params|layers?|GPUs?|nodes?|steps?|epochs?|seeds?|runs?|categories|classes|"
    r"problems?|questions?|hours?|days?|minutes?|bits?|shots?|algorithms?|methods?|baselines?|pairs?|"
    r"videos?|documents?|words?|heads?|experts?|users?|people|annotators?|domains?|subjects?|"
    r"assessments?|collections?|variants?|families|sizes?|times\s+more\s+data)\b",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"(?:[A-Za-z][\w.]*[-/]|[A-Za-z@]|v|\^)$")  # GPT-3, R@5, ViT-B/16, v1.5
_YEAR = re.compile(r"(?:19|20)\d\d")


def _unit(text: str, end: int) -> str:
    m = _UNIT.match(text, end)
    if not m:
        return ""
    unit = m.group("unit").replace("\\%", "%")
    return {"×": "x", "X": "x", "times": "x", "fold": "x", "-fold": "x", "FPS": "fps", "p.p.": "pp"}.get(unit, unit)


def numbers(abstract: str) -> tuple[list[Number], list[Skipped]]:
    """Every printed number worth proposing, and the others with why they were left out."""
    found, skipped = [], []
    for offset, sentence in sentences(abstract):
        consumed: set[int] = set()
        for m in _NUMBER.finditer(sentence):
            if m.start() in consumed:
                continue
            text = m.group()
            reason = _not_a_value(sentence, m)
            if reason:
                skipped.append(Skipped(text, sentence, reason))
                continue
            value = float(text.replace(",", ""))
            num = Number(text, value, m.start(), m.end(), _unit(sentence, m.end()), sentence, offset)
            if implied_kind(sentence, m) == "range":
                nxt = _NUMBER.search(sentence, m.end())
                if nxt and nxt.start() - m.end() <= 8:
                    num.high = Number(
                        nxt.group(),
                        float(nxt.group().replace(",", "")),
                        nxt.start(),
                        nxt.end(),
                        _unit(sentence, nxt.end()),
                        sentence,
                        offset,
                    )
                    num.unit = num.unit or num.high.unit
                    consumed.add(nxt.start())
            if num.unit in {"K", "M", "B", "T", "k", "m", "b", "billion", "million", "thousand", "GB", "MB", "TB"}:
                skipped.append(Skipped(text + num.unit, sentence, "a size or count (its unit is a magnitude)"))
                continue
            found.append(num)
    return found, skipped


def _not_a_value(sentence: str, m: re.Match) -> str | None:
    """Why a printed number is not a value of a result or claim: part of a name, a year, a count."""
    before, after = sentence[: m.start()], sentence[m.end() :]
    attached = _NAME_BEFORE.search(before) or re.match(r"[a-zA-Z]{2,}|[xX]\d|[A-Za-z]*-[A-Za-z]|[/@]\w|:\d", after)
    if attached and not re.match(r"(?:[xX×](?![a-zA-Z\d])|times|fps|FPS|AP\b|pp\b|points?\b|%)", after.lstrip()):
        return "part of a name or a size (e.g. 'GPT-3', '8x7B', '256x256')"
    if re.search(r"\(\s*$", before) and re.match(r"\s*\)", after):
        return "an enumerator '(1)'"
    if re.match(r"\s?[xX×]\s*\d", after) or re.search(r"\d\s*[xX×]\s?$", before):
        return "a size ('1024 x 1024')"
    if re.search(r"(?:\bNo\.|#|\brank(?:ed|s)?)\s*$", before):
        return "a rank ('No. 1')"
    if re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$", before):
        return "a date"
    named = re.search(r"\b[A-Z][A-Za-z]*\s$", before) and re.match(r"\s*(?:\(|[A-Z]|,|and\b)", after)
    if named and not _unit(sentence, m.end()):
        return "part of a model's name ('LLaMA 3.1', 'Claude 3.5 Sonnet')"
    if _YEAR.fullmatch(m.group()) and not re.match(r"\s*(?:%|x\b|×|times)", after):
        return "a year or a name's number"
    if not _unit(sentence, m.end()) and _COUNT_NOUNS.match(after):
        return "a count of things (datasets, models, GPUs, ...), not a measured value"
    return None


# ---------------------------------------------------------------------------------------------- claims

_RELATIVE_AFTER = re.compile(
    r"^\s*(?:\S+\s+){0,3}?(?:higher|lower|better|worse|faster|slower|less|fewer|more|smaller|larger|greater|"
    r"improvements?|improved|increases?|reductions?|decrease|gains?|boost|speed-?ups?|saving|savings|"
    r"cheaper|lift|drop|over\b|than\b|compared|relative)",
    re.IGNORECASE,
)
_RELATIVE_BEFORE = re.compile(
    r"(?:\bby|\bimprov\w*\s+(?:\w+\s+){0,4}by|\breduc\w*\s+(?:\w+\s+){0,4}by|"
    r"\bimprovements?(?:\s+of)?:?|\bincrease\s+of|\breduction\s+of|\bgains?(?:\s+of)?:?|\+|\(\s*\+|"
    r"\b(?:reduc|sav|cut|decreas|shrink)\w*)\s*"
    r"(?:(?:up\s+to|at\s+least|about|around|nearly|approximately|over|more\s+than|only|an?|average|average\s+of)\s+)*"
    r"(?:sim|~|≈)?$",
    re.IGNORECASE,
)
_SPEED_WORDS = re.compile(r"speed-?ups?|faster|accelerat\w*|throughput|latency", re.IGNORECASE)
_DECREASE = re.compile(
    r"\b(?:lower|less|fewer|smaller|reduc\w*|decreas\w*|sav\w*|cut\w*|drops?|shrink\w*|cheaper|compress\w*|"
    r"worse|down)\b",
    re.IGNORECASE,
)
_INCREASE = re.compile(
    r"\b(?:higher|more|faster|better|improv\w*|increas\w*|boost\w*|gains?|speed-?ups?|accelerat\w*|"
    r"outperform\w*|surpass\w*|lift|larger|greater|exceed\w*)\b",
    re.IGNORECASE,
)
_QUANTITIES = (
    ("latency", r"latency|response time|execution time|time to first token"),
    ("throughput", r"throughputs?|tokens/s|requests per second|QPS"),
    ("memory", r"memory|storage|cache|footprint|model size|smaller models?"),
    ("compute", r"FLOPs|computation|compute\b|MACs"),
    ("parameters", r"parameters|params"),
    ("training_cost", r"training (?:cost|time)|GPU hours|training budget|GPUs|train\w* .*faster|cost"),
    ("speed", r"speed-?ups?|faster|accelerat\w*|wall-clock|speed"),
    ("error_rate", r"error|false (?:negatives|positives)"),
    ("accuracy", r"accuracy"),
)
_BASELINE = re.compile(
    r"\b(?:than|over|compared\s+(?:to|with)|relative\s+to|against|vs\.?|versus|outperforms?|outperforming|"
    r"surpass(?:es|ing)?|exceeds?)\s+(?P<name>.{2,80}?)(?=\s+(?:by|on|in|at|with|across|while|and|under|for|"
    r"when|using)\b|[,;.()]|$)",
    re.IGNORECASE,
)
_UNNAMED_SOTA = re.compile(r"state[- ]of[- ]the[- ]art|SOTA|previous best|prior (?:work|art|best)", re.IGNORECASE)
_UNNAMED = re.compile(
    r"\bbaselines?\b|existing|previous|prior|conventional|standard|other|competing|counterparts?|"
    r"\bmethods\b|\bapproaches\b|\bmodels\b|\balgorithms\b",
    re.IGNORECASE,
)


_OF_COST = re.compile(
    r"\s*\)?\s*(?:of\s+(?:the|its)\b|(?:of\s+)?(?:\w+\s+){0,1}(?:computations?|compute|FLOPs|GPUs|cost|emissions?|"
    r"training\s+data|parameters|memory|throughputs?|time|energy|data)\b)",
    re.IGNORECASE,
)


def is_relative(num: Number) -> bool:
    """A change against a baseline rather than a score: '2.3x faster', '+8.6%', 'by 12%', '40% of'."""
    s = num.sentence
    before, after = s[: num.start], s[(num.high or num).end :]
    if num.unit == "x":
        return True
    if _RELATIVE_BEFORE.search(before[-120:]):
        return True
    if num.unit in {"%", "points", "point", "pp", "percentage points", "percentage point", "AP", ""}:
        after_unit = after[len(unit.group()) :] if (unit := _UNIT.match(after)) else after
        if _RELATIVE_AFTER.match(after_unit) and not re.match(r"\s*(?:\w+\s+){0,2}than\s+chance", after_unit):
            return True
        if num.unit == "%" and _OF_COST.match(after_unit):
            return True
    return False


def claim_form(num: Number, quantity: dict | None) -> str:
    """How the change is expressed, as CONTRIBUTING.md lists the forms."""
    after = num.sentence[(num.high or num).end :]
    if num.unit == "x":
        return "ratio"
    if num.unit in {"percentage points", "percentage point", "pp"}:
        return "percentage_points"
    if num.unit in {"points", "point", ""} or (num.unit == "AP" and "%" not in after[:3]):
        return "points"
    if re.search(r"\babsolute\b", _clause_after(num, 40)):
        return "percentage_points"
    only = re.search(r"\bonly\s+(?:about\s+)?$", num.sentence[: num.start])
    if re.match(r"\s*\\?%\s*\)?\s*of\b", after) or (only and not _DECREASE.search(_clause_after(num, 30))):
        return "percent_of_baseline"
    name = (quantity or {}).get("name")
    if name in {"latency", "throughput", "memory", "compute", "parameters", "training_cost", "speed", "error_rate"}:
        return "relative_percent"
    return "percent_unstated"


_CLAUSE_BREAK = re.compile(r"[,;]|\band\b|\bwhile\b|\d")
_SLASHED = re.compile(rf"(?:\s*/\s*(?:{NUMBER_PATTERN})\s*(?:\\?%|x|×)?)+")


def _clause_after(num: Number, width: int) -> str:
    """The words after a number up to the end of its clause (a comma, 'and', the next number): in
    '+8.6% over the baseline and 35% lower latency' the 'lower latency' belongs to the 35%."""
    end = (num.high or num).end
    text = num.sentence[end : end + width]
    unit = _UNIT.match(text)
    skip = unit.end() if unit else 0
    listed = _SLASHED.match(text, skip)  # '35%/52% fewer parameters'
    skip = listed.end() if listed else skip
    cut = _CLAUSE_BREAK.search(text, skip)
    return text[: cut.start()] if cut else text


def claim_direction(num: Number) -> str | None:
    """'lower', 'fewer', 'reduces' make a decrease; 'faster', 'higher', 'improves' an increase. The words
    right after the number come first ('2x lower latency'), then the nearest verb before it."""
    s = num.sentence
    after = _clause_after(num, 40)
    dec, inc = _DECREASE.search(after), _INCREASE.search(after)
    if dec or inc:
        return "decrease" if dec and (not inc or dec.start() < inc.start()) else "increase"
    before = s[max(0, num.start - 80) : num.start]
    last_dec = max((m.start() for m in _DECREASE.finditer(before)), default=-1)
    last_inc = max((m.start() for m in _INCREASE.finditer(before)), default=-1)
    if last_dec == last_inc == -1:
        return None
    return "decrease" if last_dec > last_inc else "increase"


def claim_quantity(num: Number, bench: tuple[Benchmark, Metric | None] | None) -> tuple[dict | None, str]:
    """A benchmark metric when the clause names both, else the named quantity its words give."""
    s = num.sentence
    after, before = _clause_after(num, 50), s[max(0, num.start - 60) : num.start]
    for name, words in _QUANTITIES[:7]:  # 'fewer parameters' right after the number outweighs a named metric
        if re.search(words, after, re.IGNORECASE):
            return {"name": name}, f"quantity '{name}' from the words after the number"
    if bench and bench[1] is not None:
        return {"benchmark": bench[0].id, "metric": bench[1].id}, f"quantity is {bench[0].id} {bench[1].id} (named)"
    for window, last in ((after, False), (before, True)):
        hits = [(m.start(), name) for name, words in _QUANTITIES for m in re.finditer(words, window, re.IGNORECASE)]
        if hits:
            name = (max if last else min)(hits)[1]
            return {"name": name}, f"quantity '{name}' from the words near the number"
    if num.unit == "x" and re.search(r"speculative|decoding|inference", s, re.IGNORECASE):
        return {"name": "speed"}, "quantity 'speed' assumed for a ratio in an inference context"
    return {"name": "score"}, "no quantity named near the number: 'score' (metric not named)"


def claim_baseline(num: Number, vocabulary: dict[str, str]) -> tuple[dict | None, str]:
    """The baseline the clause compares with, by the vocabulary's spelling when it has one."""
    s = num.sentence
    candidates = list(_BASELINE.finditer(s))
    if not candidates:
        if _UNNAMED_SOTA.search(s):
            return {"unnamed": "previous_state_of_the_art"}, "baseline: the state of the art (unnamed)"
        return None, "no baseline found in the sentence"
    lo, hi = _segment(s, num.start)

    def distance(m: re.Match) -> int:
        return abs(m.start() - num.start) + (0 if m.start() < num.start else 15) - (1000 if lo <= m.start() < hi else 0)

    best = min(candidates, key=distance)
    name = best.group("name").strip(" ,.'\"")
    name = re.sub(r"^(?:the|a|an|all|other)\s+", "", name, flags=re.IGNORECASE)
    if _UNNAMED_SOTA.search(name):
        return {"unnamed": "previous_state_of_the_art"}, f"baseline '{name}': the state of the art (unnamed)"
    if _UNNAMED.search(name) or not re.search(r"[A-Z\d]", name):
        return {"unnamed": "unnamed_baseline"}, f"baseline '{name}' is not a named system"
    canonical = vocabulary.get(name.casefold())
    if canonical:
        return {"name": canonical}, f"baseline '{canonical}' (in the baselines vocabulary)"
    return {"name": name}, f"baseline '{name}' is not in the baselines vocabulary: check it, or add a term"


# ---------------------------------------------------------------------------------------------- matching


def _fits_unit(bench: Benchmark, num: Number) -> bool:
    """A benchmark can hold the number: a percent needs a percent (or points) metric, a ratio a ratio."""
    unit = _UNIT_OF_METRIC.get(num.unit) or ("PFLOPS" if num.unit.lower() == "petaflops" else None)
    if unit is None:
        return True
    allowed = {unit, "points"} if unit == "percent" else {unit}
    return any(m.unit in allowed for m in bench.metrics)


_SEGMENT = re.compile(r"[,;]|\band\b|\bwhile\b|\bwhereas\b")


def _segment(sentence: str, pos: int) -> tuple[int, int]:
    """The clause around a position: between commas, semicolons, 'and', 'while'."""
    cuts = [m.start() for m in _SEGMENT.finditer(sentence)]
    lo = max((c for c in cuts if c < pos), default=0)
    hi = min((c for c in cuts if c >= pos), default=len(sentence))
    return lo, hi


def _mentions(text: str, registry: list[Benchmark], num: Number) -> list[tuple[int, int, Benchmark, str]]:
    """(start, -length, benchmark, words) of each name of a benchmark that can hold the number."""
    out = []
    for bench in registry:
        if not _fits_unit(bench, num):
            continue
        for pattern in bench.patterns:
            out += [(m.start(), -len(m.group()), bench, m.group()) for m in pattern.finditer(text)]
    return out


def _tie_break(benches: list[Benchmark], text: str) -> Benchmark:
    """'ImageNet' names four benchmarks: the one whose other name words the text also says wins
    ('zero-shot'), else the plainest (shortest id)."""

    def said(b: Benchmark) -> int:
        words = set(re.findall(r"[a-z0-9]{3,}", (b.name + " " + b.id).lower()))
        return sum(1 for w in words if re.search(rf"\b{re.escape(w)}", text, re.IGNORECASE))

    return max(benches, key=lambda b: (said(b), -len(b.id)))


def _respectively(num: Number, mentions: list) -> tuple[Benchmark, str] | None:
    """'1.46 and 1.62 on ImageNet-256 and ImageNet-512, respectively': the i-th number, the i-th name."""
    s = num.sentence
    if "respectively" not in s:
        return None
    seen: set[str] = set()
    order: list[tuple[int, int, Benchmark, str]] = []
    for start, _, bench, said in sorted(mentions, key=lambda h: (h[0], h[1])):
        if bench.id not in seen and not any(a <= start < a + len(w) for a, _, _, w in order):
            seen.add(bench.id)
            order.append((start, 0, bench, said))
    same = [m for m in _NUMBER.finditer(s) if _unit(s, m.end()) == num.unit and not _not_a_value(s, m)]
    if len(order) < 2 or len(same) != len(order):
        return None
    i = next((k for k, m in enumerate(same) if m.start() == num.start), None)
    return (order[i][2], order[i][3]) if i is not None else None


def find_benchmark(
    num: Number, registry: list[Benchmark], abstract: str
) -> tuple[Benchmark, Metric | None, str, str] | None:
    """The benchmark named closest to the number in its clause (then its sentence, then anywhere in the
    abstract, with less confidence), with the metric named or implied by the unit:
    (benchmark, metric, confidence, why). Only benchmarks with a metric in the number's unit count."""
    s = num.sentence
    hits = _mentions(s, registry, num)
    if hits:
        paired = _respectively(num, hits)
        if paired:
            bench, said = paired
            metric, mwhy = find_metric(num, bench)
            conf = HIGH if metric else MEDIUM
            return (
                bench,
                metric,
                conf,
                f"benchmark '{bench.id}' paired with the number by 'respectively' ('{said}'); {mwhy}",
            )
        lo, hi = _segment(s, num.start)
        opened = s.rfind("(", 0, num.start)
        inside = opened > s.rfind(")", 0, num.start)
        clause = max(
            s.rfind(",", 0, max(opened, 0)), s.rfind(";", 0, max(opened, 0)), s.rfind(" and ", 0, max(opened, 0))
        )

        def distance(h) -> int:
            start = h[0]
            d = abs(start - num.start) + (0 if start >= num.end else 12)  # "on COCO" usually follows
            if lo <= start < hi:
                d -= 1000
            if inside and clause < start < opened:
                d -= 500  # "Path-X challenge (..., 61.4% accuracy)": the name before the parenthesis
            return d

        scored = sorted(((distance(h), h[1], h[2], h[3]) for h in hits), key=lambda h: (h[0], h[1]))
        best = scored[0]
        rivals = [h[2] for h in scored if h[0] == best[0] and h[1] == best[1]]
        bench = _tie_break(rivals, s + " " + abstract) if len(rivals) > 1 else best[2]
        metric, mwhy = find_metric(num, bench)
        conf = HIGH if metric else MEDIUM
        why = f"benchmark '{bench.id}' named as '{best[3]}' in the sentence; {mwhy}"
        others = sorted({b.id for b in rivals} - {bench.id})
        if others:
            conf = MEDIUM
            why += f"; '{best[3]}' also names {', '.join(others)}"
        return bench, metric, conf, why
    elsewhere = _mentions(abstract, registry, num)
    if elsewhere:
        named = {h[2].id: h[2] for h in elsewhere}
        benches = list(named.values())
        with_metric = [b for b in benches if _metric_named(num, b)]
        pool = with_metric or benches
        bench = _tie_break(pool, s + " " + abstract) if len(pool) > 1 else pool[0]
        metric, mwhy = find_metric(num, bench)
        conf = MEDIUM if len(pool) == 1 and metric else LOW
        return (
            bench,
            metric,
            conf,
            f"benchmark '{bench.id}' is named elsewhere in the abstract, not in this sentence; {mwhy}",
        )
    by_unit = [b for b in registry if _unit_only_benchmark(b, num)]
    if len(by_unit) == 1 and (num.unit != "x" or _area_mentioned(by_unit[0], abstract)):
        bench = by_unit[0]
        metric, mwhy = find_metric(num, bench)
        return (
            bench,
            metric,
            MEDIUM,
            f"no benchmark named; '{bench.id}' is the one benchmark in {num.unit} of its area; {mwhy}",
        )
    return None


def _metric_named(num: Number, bench: Benchmark) -> bool:
    s = num.sentence
    lo, hi = max(0, num.start - 60), min(len(s), (num.high or num).end + 40)
    return any(p.search(s, lo, hi) for m in bench.metrics for p in m.patterns) or (
        num.unit in {"AP", "RMSE", "FID"} and any(num.unit.lower() in m.name.lower().split() for m in bench.metrics)
    )


def _unit_only_benchmark(bench: Benchmark, num: Number) -> bool:
    unit = {
        "fps": "fps",
        "x": "x",
        "TFLOPS": "TFLOPS",
        "PFLOPS": "PFLOPS",
        "petaflops": "PFLOPS",
        "Petaflops": "PFLOPS",
        "PetaFlops": "PFLOPS",
    }.get(num.unit)
    return unit not in (None, "fps") and any(m.unit == unit for m in bench.metrics)


def _area_mentioned(bench: Benchmark, abstract: str) -> bool:
    """Every word of the benchmark's area is in the abstract ('speculative' and 'decoding')."""
    words = re.findall(r"[a-z]{5,}", bench.area.lower())
    return bool(words) and all(re.search(rf"\b{w[:-2]}", abstract, re.IGNORECASE) for w in words)


_UNIT_OF_METRIC = {"%": "percent", "fps": "fps", "x": "x", "TFLOPS": "TFLOPS", "PFLOPS": "PFLOPS"}


def find_metric(num: Number, bench: Benchmark) -> tuple[Metric | None, str]:
    """A metric named next to the number, else the one metric whose unit the number's unit implies."""
    s = num.sentence
    window_start, window_end = max(0, num.start - 60), min(len(s), (num.high or num).end + 40)
    named = []
    for metric in bench.metrics:
        for pattern in metric.patterns:
            for m in pattern.finditer(s, window_start, window_end):
                named.append((abs(m.start() - num.end), metric))
    unit = _UNIT_OF_METRIC.get(num.unit) or ("PFLOPS" if num.unit.lower() == "petaflops" else None)
    if named:
        named.sort(key=lambda h: h[0])
        compatible = [m for _, m in named if unit is None or m.unit == unit or num.unit in {"AP", "RMSE", "FID"}]
        if compatible:
            return compatible[0], f"metric '{compatible[0].id}' named beside the number"
    if num.unit in {"AP", "RMSE", "FID"}:
        hit = next((m for m in bench.metrics if num.unit.lower() in m.name.lower().split()), None)
        if hit:
            return hit, f"metric '{hit.id}' named beside the number (as '{num.unit}')"
    if unit:
        fits = [m for m in bench.metrics if m.unit == unit]
        if len(fits) == 1 or (fits and bench.primary in {m.id for m in fits}):
            chosen = fits[0] if len(fits) == 1 else next(m for m in fits if m.id == bench.primary)
            return chosen, f"metric '{chosen.id}' from the unit '{num.unit}'"
    primary = bench.metric(bench.primary)
    if primary and not num.unit and primary.unit in {"points", "count"}:
        return primary, f"metric '{primary.id}' (the primary metric; the number has no unit)"
    return None, "metric not found: check which one the number is"


_NAME_TOKEN = re.compile(r"(?<![\w-])(?:[A-Z][\w.+]*(?:[-/][\w.+]+)*|[a-z]+[A-Z][\w.+-]*)(?![\w-])")
_NOT_MODELS = re.compile(
    r"^(?:AP|mAP|FPS|GPU|GPUs|CPU|TPU|NPU|IoU|NVIDIA|COCO|RMSE|FID|SOTA|LLMs?|MLLMs?|CoT|RL|SFT|We|Our|The|This|In|On|With|By|"
    r"For|Compared|Experiments?|Results?|Extensive|Notably|Specifically|Moreover|Furthermore|Finally|"
    r"However|Additionally|Comprehensive|Experimental|Under|When|After|Using|Without|Evaluated|It|Its|"
    r"These|Across|Also|Even|Both|A|An|Top-1|TFLOPS|T4|V100|A100|H100|RTX|AIME\w*|MATH|GSM8K|ImageNet[\w-]*)$"
)


def find_model(
    num: Number, registry: list[Benchmark], method: str | None, exclude: str | None = None
) -> tuple[str | None, str]:
    """The name-like word nearest before the number in its sentence ('Vision-R1-7B achieves 73.5%'),
    skipping benchmark, metric and hardware names; else the paper's method when the sentence says
    'our' or 'we'; else none."""
    s = num.sentence[: num.start]
    bench_spans = [m.span() for b in registry for p in b.patterns for m in p.finditer(s)]
    bench_spans += [m.span("name") for m in _BASELINE.finditer(s)]  # 'faster than DINO': DINO is the baseline
    for m in reversed(list(_NAME_TOKEN.finditer(s))):
        word = m.group().rstrip(".")
        if _NOT_MODELS.match(word) or any(a <= m.start() < b for a, b in bench_spans):
            continue
        if exclude and word.casefold() in exclude.casefold():
            continue  # the baseline of a claim is not its model
        if re.search(r"\b(?:on|in|to|across|over|than|against|from|of)\s+(?:the\s+)?$", s[: m.start()]):
            continue  # 'on HumanEval', 'than DINO': a dataset or a baseline, not the model
        if not (re.search(r"[A-Z].*[A-Z]|\d|-", word) or (method and word.casefold() == method.casefold())):
            continue
        return word, f"model '{word}' is the name nearest before the number"
    if method and re.search(rf"\b(?:our|we|it|its|this|{re.escape(method)})\b", num.sentence, re.IGNORECASE):
        return method, f"model '{method}': the paper's method, the sentence says 'our', 'we' or 'it': check"
    return None, "no model named before the number"


_INTRODUCED = re.compile(
    r"\b(?:propose|present|introduce|develop)\w*\b[^.;]{0,120}?\((?P<acronym>[A-Z][\w+-]{1,15})\)|"
    r"\b(?:called|named|dubbed|termed|coined)\s+(?P<name>[A-Z][\w+-]{1,30})"
)


def method_named(title: str | None, abstract: str) -> str | None:
    """The paper's method: the title's head before a colon, else the name the abstract introduces
    ('we propose Adversarial Retriever-Ranker (AR2)', 'a method called SIFT')."""
    found = method_from_title(title)
    if found:
        return found
    m = _INTRODUCED.search(abstract)
    return (m.group("acronym") or m.group("name")) if m else None


def method_from_title(title: str | None) -> str | None:
    """'Clover: Regressive Lightweight ...' -> 'Clover': papers usually name the method before a colon."""
    if not title or ":" not in title:
        return None
    head = title.split(":", 1)[0].strip()
    return head if 0 < len(head.split()) <= 3 else None


# ---------------------------------------------------------------------------------------------- suggesting


def _kind(num: Number) -> tuple[str, list[str]]:
    """The kind the words beside the number give (rules.wording); a bound earlier in the sentence may
    govern it too ('by up to 91% on A and 146% on B'), which is said as a reason."""
    match = _NUMBER.fullmatch(num.sentence, num.start, num.end)
    assert match is not None  # the number was found by _NUMBER at this very span
    kind = implied_kind(num.sentence, match)
    if kind == "range" and num.high is None:
        kind = "point"
    enumerated = re.search(r"\(\d\)\s*$", num.sentence[: num.start])
    if kind == "point" and ("respectively" in num.sentence or enumerated):
        for bound in ("up_to", "at_least"):
            if _qualified_earlier(bound, num.sentence, match):
                return bound, [f"the bound earlier in the sentence ({bound}) governs this number too: check"]
    return kind, []


def suggest(abstract: str, data: Path, title: str | None = None) -> tuple[list[Suggestion], list[Skipped]]:
    """Every number of the abstract as a draft result or claim, with its confidence and reasons."""
    registry, baselines = load_registry(data), load_baselines(data)
    method = method_named(title, abstract)
    found, skipped = numbers(abstract)
    out: list[Suggestion] = []
    for num in found:
        kind, kind_why = _kind(num)
        previous = out[-1] if out and out[-1].number.sentence is num.sentence else None
        if previous and previous.section == "claims" and _coordinated(previous.number, num):
            out.append(
                _claim(
                    num,
                    kind,
                    [*kind_why, "listed with the previous claim"],
                    find_benchmark(num, registry, abstract),
                    *find_model(num, registry, method),
                    baselines,
                    registry,
                )
            )
            continue
        bench = find_benchmark(num, registry, abstract)
        model, model_why = find_model(num, registry, method)
        spec_result = (
            bench is not None
            and num.unit == "x"
            and bench[0].metric("speedup") is not None
            and re.search(r"speed-?ups?|times|throughput|latency", num.sentence, re.IGNORECASE)
        )
        if is_relative(num) and not spec_result:
            out.append(_claim(num, kind, kind_why, bench, model, model_why, baselines, registry))
        elif bench is None:
            if num.unit in {"%", "fps", "AP", "TFLOPS", "PFLOPS", "petaflops", "RMSE", "FID"} and _RESULT_VERB.search(
                num.sentence[max(0, num.start - 60) : num.start]
            ):
                out.append(
                    Suggestion(
                        "results",
                        num,
                        kind,
                        LOW,
                        [
                            "no benchmark of the registry is named in the sentence: name one or add it",
                            model_why,
                            *kind_why,
                        ],
                        model=model,
                    )
                )
            else:
                skipped.append(Skipped(num.text + num.unit, num.sentence, "no unit and no benchmark: not a result"))
        else:
            b, metric, conf, why = bench
            if metric is None and not num.unit and "elsewhere" in why:
                skipped.append(Skipped(num.text, num.sentence, "no unit, no metric, no benchmark in its sentence"))
                continue
            if (
                spec_result
                and metric
                and metric.id == "speedup"
                and re.search(r"latency", num.sentence[max(0, num.start - 40) : num.start])
            ):
                metric = b.metric("latency_speedup") or metric
            reasons = [why, model_why, *kind_why]
            if conf == MEDIUM or metric is None:
                conf = MEDIUM if metric is not None else LOW
            if model is None:
                conf = LOW  # an unknown model is never proposed as sure
            out.append(
                Suggestion(
                    "results",
                    num,
                    kind,
                    conf,
                    reasons,
                    model=model,
                    benchmark=b.id,
                    metric=metric.id if metric else None,
                )
            )
    return out, skipped


_RESULT_VERB = re.compile(
    r"\b(?:achiev\w*|reach\w*|obtain\w*|attain\w*|scor\w*|hits?|strikes?|gets?|sets?|records?|yield\w*|"
    r"delivers?|runs?\s+at|accuracy\s+of|performance\s+of|to)\b",
    re.IGNORECASE,
)


def _coordinated(first: Number, num: Number) -> bool:
    """'by up to 91% on Baichuan-Small and 146% on Baichuan-Large': the second number is the same kind of
    change as the first when only a short qualifier and 'and' or a comma stand between them."""
    between = num.sentence[(first.high or first).end : num.start]
    return (
        first.unit == num.unit
        and len(between) <= 50
        and re.search(r"(?:,|\band\b|/|\bor\b)\s*$", between) is not None
        and not re.search(r"\b(?:achiev\w*|reach\w*|obtain\w*|with|while|at)\b", between)
    )


def _claim(num, kind, kind_why, bench, model, model_why, baselines, registry) -> Suggestion:
    in_sentence = (
        bench is not None and bench[1] is not None and ("in the sentence" in bench[3] or "named beside" in bench[3])
    )
    named = (bench[0], bench[1]) if in_sentence else None
    quantity, qwhy = claim_quantity(num, named)
    baseline, bwhy = claim_baseline(num, baselines)
    if model and baseline and model.casefold() in str(baseline.get("name", "")).casefold():
        model, model_why = find_model(num, registry, None, exclude=baseline["name"])
    direction = claim_direction(num)
    form = claim_form(num, quantity)
    reasons = [f"relative change ({form})", qwhy, bwhy, model_why, *kind_why]
    conf = HIGH
    if baseline is None or direction is None or model is None or quantity == {"name": "score"}:
        conf = MEDIUM
    if model is None or (form == "percent_unstated" and baseline is None):
        conf = LOW
    if direction is None:
        reasons.append("direction not found: check it")
    return Suggestion(
        "claims",
        num,
        kind,
        conf,
        reasons,
        model=model,
        form=form,
        direction=direction or "increase",
        baseline=baseline,
        quantity=quantity,
        benchmark=quantity.get("benchmark") if quantity else None,
    )


# ---------------------------------------------------------------------------------------------- drafting


def _num(text: str) -> str:
    return text.replace(",", "")


def _value_yaml(s: Suggestion) -> str:
    n = s.number
    if s.kind == "range" and n.high is not None:
        return f"{{kind: range, low: {_num(n.text)}, high: {_num(n.high.text)}}}"
    return f"{{kind: {s.kind}, value: {_num(n.text)}}}" if s.kind != "point" else f"{{value: {_num(n.text)}}}"


def _slug(title: str | None) -> str:
    head = method_from_title(title) or (title or "draft")
    return re.sub(r"[^a-z0-9]+", "-", head.casefold()).strip("-")[:60] or "draft"


def draft_yaml(
    suggestions: list[Suggestion],
    skipped: list[Skipped],
    registry: list[Benchmark],
    paper: dict | None = None,
) -> str:
    """A paper file for the contributor to check: results and claims in the schema's shape, each with a
    comment giving its confidence and why; unsure parts say so in comments, none is written as certain."""
    paper = paper or {}
    by_id = {b.id: b for b in registry}
    lines = [
        modeline("paper"),
        "# DRAFT by `leaderboard suggest`: check every value, model, benchmark and kind against the paper,",
        "# delete what is wrong, then run `leaderboard validate` on the file. Nothing here is verified.",
        f"id: {_slug(paper.get('title'))}",
        f"title: {_q(paper['title'])}" if paper.get("title") else 'title: "?"   # write the title exactly as published',
    ]
    if paper.get("arxiv_id"):
        lines += [f'arxiv_id: "{paper["arxiv_id"]}"', f"url: https://arxiv.org/abs/{paper['arxiv_id']}"]
    if paper.get("code_url"):
        lines.append(f"code_url: {paper['code_url']}")
    if paper.get("date"):
        lines.append(f'date: "{paper["date"]}"')
    results = [s for s in suggestions if s.section == "results"]
    claims = [s for s in suggestions if s.section == "claims"]
    if results:
        lines.append("results:")
        for group in _merged(results):
            lines += _result_lines(group, by_id)
    if claims:
        lines.append("claims:")
        for s in claims:
            lines += _claim_lines(s)
    shown = list(dict.fromkeys((k.text, k.reason) for k in skipped if not k.reason.startswith("part of a name")))
    if shown:
        lines.append("# Numbers not proposed (check that none of them is a result):")
        lines += [f"#   {text!r}: {reason}" for text, reason in shown]
    return "\n".join(lines) + "\n"


def _merged(results: list[Suggestion]) -> list[list[Suggestion]]:
    """One result per model x benchmark x quote, with its metrics together (AP and FPS of one model)."""
    groups: list[list[Suggestion]] = []
    for s in results:
        for g in groups:
            head = g[0]
            if (
                (head.benchmark, head.model, head.quote) == (s.benchmark, s.model, s.quote)
                and s.metric
                and s.metric not in {x.metric for x in g}
            ):
                g.append(s)
                break
        else:
            groups.append([s])
    return groups


def _confidence(group: list[Suggestion]) -> str:
    order = {LOW: 0, MEDIUM: 1, HIGH: 2}
    return min((s.confidence for s in group), key=order.__getitem__)


def _confidence_lines(confidence: str, reasons: Iterable[str]) -> list[str]:
    """The comment above an entry: its confidence, then each reason for it."""
    return [f"  # confidence: {confidence}", *(f"  #   {r}" for r in reasons)]


def _model_line(lead: str, model: str | None) -> str:
    return f"{lead}model: {_q(model)}" if model else f'{lead}model: "?"   # UNKNOWN: name the model as the paper does'


def _evidence_lines(quote: str) -> list[str]:
    return ["    evidence:", f"      quote: {_q(quote)}", "      location: abstract"]


def _result_lines(group: list[Suggestion], by_id: dict[str, Benchmark]) -> list[str]:
    head = group[0]
    lines = _confidence_lines(_confidence(group), (r for s in group for r in dict.fromkeys(s.reasons)))
    bench = by_id.get(head.benchmark or "")
    lines.append(f"  - benchmark: {head.benchmark}" if bench else '  - benchmark: "?"   # UNKNOWN: no benchmark named')
    lines.append(_model_line("    ", head.model))
    lines.append("    metrics:")
    for s in group:
        unit = f"   # printed {s.number.text}{(' ' + s.number.unit) if s.number.unit else ''}"
        key = s.metric or "METRIC"
        note = "" if s.metric else "   # UNKNOWN metric: use a metric id of the benchmark"
        lines.append(f"      {key}: {_value_yaml(s)}{unit}{note}")
    if bench and bench.required:
        lines.append("    conditions:   # 'not stated' unless the paper says")
        choices = dict(bench.choices)
        for c in bench.required:
            found = condition_from_quote(head.quote, choices.get(c, ()))
            if found:
                lines.append(f"      {c}: {_q(found[0])}   # the quote prints '{found[1]}': check it is this condition")
            else:
                lines.append(f"      {c}: {NOT_STATED}")
    return lines + _evidence_lines(head.quote)


def _claim_lines(s: Suggestion) -> list[str]:
    lines = _confidence_lines(s.confidence, dict.fromkeys(s.reasons))
    lines.append(_model_line("  - ", s.model))
    if s.baseline and "name" in s.baseline:
        lines.append(f"    baseline: {{name: {_q(s.baseline['name'])}}}")
    elif s.baseline:
        lines.append(f"    baseline: {{unnamed: {s.baseline['unnamed']}}}")
    else:
        lines.append("    baseline: {unnamed: unnamed_baseline}   # UNSURE: no baseline found in the sentence")
    q = s.quantity or {"name": "score"}
    lines.append(
        f"    quantity: {{benchmark: {q['benchmark']}, metric: {q['metric']}}}"
        if "benchmark" in q
        else f"    quantity: {{name: {q['name']}}}"
    )
    change = _value_yaml(s).strip("{}")
    if not change.startswith("kind"):
        change = "kind: point, " + change
    lines.append(
        f"    change: {{form: {s.form}, direction: {s.direction}, {change}}}   # printed {s.number.text}{s.number.unit}"
    )
    if "benchmark" not in q:
        lines.append('    area: "?"   # a name from data/vocabularies/areas.yaml (needed when no benchmark is named)')
    return lines + _evidence_lines(s.quote)


# ---------------------------------------------------------------------------------------------- sources


def seed_abstracts(text: str) -> dict[str, str]:
    """title -> abstract from a page where a title line is followed by a blank line and the paragraph."""
    out: dict[str, str] = {}
    blocks = [b.strip() for b in text.split("\n\n")]
    for title, body in itertools.pairwise(blocks):
        if title and "\n" not in title and len(body) > 200 and "\n" not in body:
            out.setdefault(title, body)
    return out


class SourceError(Exception):
    """The abstract could not be found; the message says what to pass instead."""


_ARXIV = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")


def read_abstract(
    source: str, papers: Iterable[Path], stdin: io.TextIOBase | None = None, title: str | None = None
) -> tuple[str, dict]:
    """The abstract and what is known of the paper, from a file, '-' (stdin), or an arXiv id looked up
    in the --papers lists (CSVs with title and arxiv_id; pages of title + abstract). A page holding
    several abstracts needs the title of the one wanted: reading them all as one would mix papers."""
    papers = list(papers)
    if source == "-":
        import sys

        return _one_abstract((stdin or sys.stdin).read().strip(), "stdin", papers, title)
    path = Path(source)
    if _ARXIV.fullmatch(source) and not path.exists():
        return _by_arxiv(source.split("v")[0], papers)
    if not path.is_file():
        raise SourceError(
            f"'{source}' is not a file nor an arXiv id. Fix: pass a file, '-' for stdin, or an arXiv id with --papers."
        )
    return _one_abstract(path.read_text(encoding="utf-8").strip(), source, papers, title)


def _one_abstract(text: str, where: str, papers: list[Path], title: str | None) -> tuple[str, dict]:
    pages = seed_abstracts(text)
    if title and title in pages:
        return pages[title], _row_for_title(title, papers)
    if len(pages) == 1:
        found, body = next(iter(pages.items()))
        return body, _row_for_title(found, papers)
    if len(pages) > 1:
        raise SourceError(
            f"{where} holds {len(pages)} titled abstracts. Fix: pass --title with the one you want, or an arXiv id "
            f"with --papers papers.csv --papers {where}."
        )
    return text, {"title": title} if title else {}


def _rows(papers: list[Path]) -> list[dict]:
    rows = []
    for p in papers:
        if p.suffix.lower() == ".csv":
            with p.open(encoding="utf-8", newline="") as fh:
                rows += list(csv.DictReader(fh))
    return rows


def _row_for_title(title: str, papers: list[Path]) -> dict:
    row = next((r for r in _rows(papers) if r.get("title") == title), {})
    return {
        "title": title,
        "arxiv_id": row.get("arxiv_id") or None,
        "date": row.get("year_month") or None,
        "code_url": row.get("code_url") or None,
    }


def _by_arxiv(arxiv: str, papers: list[Path]) -> tuple[str, dict]:
    if not papers:
        raise SourceError(f"arXiv id {arxiv} given without --papers. Fix: pass --papers papers.csv --papers page.txt.")
    abstracts: dict[str, str] = {}
    for p in papers:
        if p.suffix.lower() != ".csv":
            abstracts.update(seed_abstracts(p.read_text(encoding="utf-8")))
    row = next((r for r in _rows(papers) if (r.get("arxiv_id") or "").split("v")[0] == arxiv), None)
    if row is None:
        raise SourceError(f"arXiv id {arxiv} is not in the --papers CSV files. Fix: pass the CSV that lists it.")
    if row.get("title") not in abstracts:
        raise SourceError(
            f"no abstract for '{row.get('title')}' in the --papers pages. Fix: pass the page that holds it."
        )
    return abstracts[row["title"]], _row_for_title(row["title"], papers)


# ---------------------------------------------------------------------------------------------- evaluation


@dataclass
class Score:
    """Precision and recall of one field: matched suggestions over all, matched curated records over all."""

    matched_suggested: int = 0
    suggested: int = 0
    matched_curated: int = 0
    curated: int = 0

    @property
    def precision(self) -> float:
        return self.matched_suggested / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched_curated / self.curated if self.curated else 0.0

    def add(self, suggested: list, curated: list) -> None:
        """Match as multisets: each curated record is matched by at most one suggestion."""
        left = list(curated)
        for key in suggested:
            hit = next((i for i, c in enumerate(left) if _same(key, c)), None)
            if hit is not None:
                left.pop(hit)
                self.matched_suggested += 1
        self.suggested += len(suggested)
        self.matched_curated += len(curated) - len(left)
        self.curated += len(curated)


def _same(a, b) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(a, b, abs_tol=1e-9)
    return a == b


def _curated_keys(paper: dict) -> dict[str, list]:
    """(value, benchmark, kind) of every curated result metric and claim change."""

    def value(v: dict):
        return (float(v["low"]), float(v["high"])) if v.get("kind") == "range" else float(v["value"])

    results = [
        (value(v), r["benchmark"], v.get("kind", "point"))
        for r in paper.get("results") or []
        for v in r["metrics"].values()
    ]
    claims = [
        (value(c["change"]), c["quantity"].get("benchmark"), c["change"].get("kind", "point"), c["change"].get("form"))
        for c in paper.get("claims") or []
    ]
    return {"results": results, "claims": claims}


def evaluate(data: Path, seeds: Path) -> dict[str, dict[str, Score]]:
    """Suggest on the seed abstract of each curated paper and score it against the curated records:
    value, benchmark (results) and kind, for results and claims separately (and form for claims);
    'confident' is the value scored over the high- and medium-confidence proposals only."""

    abstracts: dict[str, str] = {}
    for page in sorted(seeds.glob("*.txt")):
        for title, body in seed_abstracts(page.read_text(encoding="utf-8")).items():
            abstracts.setdefault(title, body)
    scores = {
        "results": {"value": Score(), "benchmark": Score(), "kind": Score(), "confident": Score()},
        "claims": {"value": Score(), "kind": Score(), "form": Score(), "confident": Score()},
        "papers": {"count": Score()},
    }
    for path in sorted((data / "papers").glob("*.yaml")):
        paper = _read_yaml(path) or {}
        if paper.get("title") not in abstracts:
            continue
        scores["papers"]["count"].curated += 1
        proposed, _ = suggest(abstracts[paper["title"]], data, paper["title"])
        curated = _curated_keys(paper)
        res = [s for s in proposed if s.section == "results"]
        cla = [s for s in proposed if s.section == "claims"]
        cr, cc = curated["results"], curated["claims"]
        scores["results"]["value"].add([s.value_key() for s in res], [c[0] for c in cr])
        scores["results"]["benchmark"].add([(s.value_key(), s.benchmark) for s in res], [c[:2] for c in cr])
        scores["results"]["kind"].add([(s.value_key(), s.kind) for s in res], [(c[0], c[2]) for c in cr])
        scores["claims"]["value"].add([s.value_key() for s in cla], [c[0] for c in cc])
        scores["claims"]["kind"].add([(s.value_key(), s.kind) for s in cla], [(c[0], c[2]) for c in cc])
        scores["claims"]["form"].add([(s.value_key(), s.form) for s in cla], [(c[0], c[3]) for c in cc])
        for name, mine, theirs in (("results", res, cr), ("claims", cla, cc)):  # values proposed high or medium
            sure = [s.value_key() for s in mine if s.confidence != LOW]
            scores[name]["confident"].add(sure, [c[0] for c in theirs])
    return scores


def format_scores(scores: dict[str, dict[str, Score]]) -> str:
    lines = [f"{scores['papers']['count'].curated} curated papers with a seed abstract"]
    for section in ("results", "claims"):
        for name, s in scores[section].items():
            lines.append(
                f"{section:8} {name:10} precision {s.precision:.2f} ({s.matched_suggested}/{s.suggested})"
                f"  recall {s.recall:.2f} ({s.matched_curated}/{s.curated})"
            )
    return "\n".join(lines)
