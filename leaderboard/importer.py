"""`leaderboard import FORMAT PATH...`: results from the machine-readable files they already live in.

Formats: `model-index` (Papers with Code / OpenMMLab metafiles: Collections, inherited Metadata, Import of other
files, Metrics as a mapping or a list), `hf-model-card` (the model-index front matter of a Hugging Face model card,
or a bare YAML file with a `model-index:` key), `lm-eval` (lm-evaluation-harness results JSON) and `mteb` (an MTEB
TaskResult JSON, with the model_meta.json beside it).

Which benchmark and metric a source's names mean is declared in the benchmark files (`aliases`), never here: a
name no benchmark declares is reported with the alias to add and the file to add it to. Numbers are copied
exactly: a fraction (lm-eval, MTEB) becomes a percentage by moving the decimal point, never by float arithmetic,
and a number that cannot be stored without rounding is refused. Conditions the file records become conditions
when the benchmark declares them; a required condition the file does not record is 'not stated'.

Each result's evidence points into its file: the sha256 of the file, a JSON pointer per metric, the file's own
text of the value as the quote, a URL at a commit when given, and the local path (checked by rules.file_evidence).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .conventions import NOT_STATED, modeline
from .conventions import yaml_string as q
from .corpus import load_corpus

FORMATS = ("model-index", "hf-model-card", "lm-eval", "mteb")
SOURCE_TYPES = {
    "model-index": "library_reproduction",
    "hf-model-card": "model_card",
    "lm-eval": "reproduction",
    "mteb": "reproduction",
}
FRACTION_FORMATS = frozenset({"lm-eval", "mteb"})  # these libraries write scores as fractions of 1
MAX_FILE_BYTES = 20_000_000


class ImportError_(Exception):  # ImportError is a builtin
    """The file cannot be read as the format; the message says why and what to do."""


class Num(Decimal):
    """A number as the file prints it (its text is kept: str(Num('63.40')) == '63.40'), with its line."""

    line: int = 0


def norm(name: object) -> str:
    """How names are compared: case, spaces and punctuation do not count ('box AP' == 'box_ap' == 'BoxAP')."""
    return re.sub(r"[^0-9a-z]+", "", str(name).casefold())


def pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve_pointer(doc, ptr: str):
    """The value an RFC 6901 pointer names, or KeyError."""
    node = doc
    for raw in ptr.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise KeyError(ptr)
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise KeyError(ptr)
    return node


# --- reading files -------------------------------------------------------------------------------------------


class _NumLoader(yaml.SafeLoader):
    """Safe YAML whose numbers keep their printed text and line (pyyaml's own float would drop '63.40' to 63.4).
    Anchors and aliases are refused: results files do not need them, and they can make a small file huge."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise ImportError_(f"line {mark.line + 1}: an alias (*name); write the value out in full")
        return super().compose_node(parent, index)


def _construct_number(loader, node):
    text = node.value.replace("_", "")
    try:
        num = Num(text)
    except InvalidOperation:
        return loader.construct_yaml_float(node) if node.tag.endswith("float") else loader.construct_yaml_int(node)
    if not num.is_finite():
        return float(num)
    num.line = node.start_mark.line + 1
    return num


class Text(str):
    """A YAML string with the line it is on (a value such as '74.67%' is quoted from its own line)."""

    line: int = 0


def _construct_text(loader, node):
    text = Text(loader.construct_scalar(node))
    text.line = node.start_mark.line + 1
    return text


def _construct_text_plain(loader, node):
    return loader.construct_scalar(node)


_NumLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)
_NumLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_NumLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
# Dates stay text (as in the data files' loader).
_NumLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text_plain)


def read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportError_(f"{path}: larger than {MAX_FILE_BYTES} bytes; not a results file")
        return path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read it ({exc.strerror})") from None


def load_yaml_text(text: str, where: str):
    try:
        return yaml.load(text, Loader=_NumLoader)  # a SafeLoader subclass
    except ImportError_ as exc:
        raise ImportError_(f"{where}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ImportError_(f"{where}{at}: not valid YAML ({getattr(exc, 'problem', exc)})") from None


def load_json_text(text: str, where: str):
    def number(tok: str) -> Num:
        return Num(tok)

    try:
        return json.loads(text, parse_float=number, parse_int=number)
    except ValueError as exc:
        raise ImportError_(f"{where}: not valid JSON ({exc})") from None


def front_matter(text: str, where: str) -> tuple[str, int]:
    """The YAML front matter of a model card and the line it starts on; a file without '---' is bare YAML."""
    if not text.startswith("---"):
        return text, 1
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), 2
    raise ImportError_(f"{where}: the front matter opened by '---' on line 1 is never closed. Fix: end it with ---")


def load_document(fmt: str, path: Path) -> tuple[object, str, bytes]:
    """(parsed document, its text, the file's bytes); for a model card the document is its front matter."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: not UTF-8 text") from None
    if fmt in ("lm-eval", "mteb"):
        return load_json_text(text, str(path)), text, raw
    if fmt == "hf-model-card":
        body, first = front_matter(text, str(path))
        doc = load_yaml_text("\n" * (first - 1) + body, str(path))
        return doc, text, raw
    return load_yaml_text(text, str(path)), text, raw


# --- the benchmark registry ----------------------------------------------------------------------------------


@dataclass
class Registry:
    """Benchmarks by every name they answer to (id, name, aliases), and their metrics likewise."""

    benchmarks: dict
    by_name: dict = field(default_factory=dict)

    @classmethod
    def load(cls, data: Path) -> Registry:
        found = {}
        for src in load_corpus(data).of_kind("benchmark"):
            if src.ok and isinstance(src.mapping.get("id"), str):
                found[src.mapping["id"]] = src.mapping
        reg = cls(found)
        for bid, bench in sorted(found.items()):
            hub = [bench["hf_dataset"]["id"]] if isinstance(bench.get("hf_dataset"), dict) else []
            for name in [bid, bench.get("name", ""), *bench.get("aliases", []), *hub]:
                reg.by_name.setdefault(norm(name), set()).add(bid)
        return reg

    def benchmark(self, names: list[str]) -> tuple[str | None, str]:
        """The one benchmark these names (most specific first) mean, or None and why not."""
        for name in names:
            hits = self.by_name.get(norm(name), set()) if norm(name) else set()
            if len(hits) == 1:
                return next(iter(hits)), ""
            if len(hits) > 1:
                return None, f"'{name}' is an alias of several benchmarks ({', '.join(sorted(hits))})"
        return None, ""

    def metric(self, bench_id: str, names: list[str]) -> str | None:
        bench = self.benchmarks[bench_id]
        index: dict[str, str] = {}
        for metric in bench.get("metrics", []):
            for name in [metric["id"], metric.get("name", ""), *metric.get("aliases", [])]:
                index.setdefault(norm(name), metric["id"])
        for name in names:
            if norm(name) in index:
                return index[norm(name)]
        return None

    def near(self, name: str) -> str:
        names = {norm(n): n for bench in self.benchmarks.values() for n in [bench["id"], bench.get("name", "")]}
        close = difflib.get_close_matches(norm(name), list(names), n=1, cutoff=0.5)
        return self.by_name[close[0]].copy().pop() if close else ""


# --- what a reader extracts ----------------------------------------------------------------------------------


@dataclass
class Candidate:
    """One number a file reports, before mapping: the names it is known by and where it is."""

    file: Path
    ptr: str
    value: object  # Num, or text such as '74.67%'
    model: str
    bench_names: list[str]
    metric_names: list[str]
    conditions: dict  # canonical condition id -> text the file records
    note: str = ""
    group: str = ""  # values of one group (one Results entry, one scores entry) become one result
    quote: str = ""
    line: int = 0
    also: dict = field(default_factory=dict)  # recorded settings the benchmark may not declare (for the note)


@dataclass
class Unmapped:
    file: Path
    ptr: str
    line: int
    message: str
    fix: str


@dataclass
class FileInfo:
    fmt: str
    path: Path
    sha256: str
    url: str | None


@dataclass
class Extracted:
    candidates: list[Candidate]
    files: dict  # Path -> FileInfo
    title: str
    date: str | None = None
    unmapped: list[Unmapped] = field(default_factory=list)


def _get(mapping, name: str, default=None):
    """A model-index field, whose names are case-insensitive."""
    if not isinstance(mapping, dict):
        return default
    for key, value in mapping.items():
        if isinstance(key, str) and key.casefold() == name.casefold():
            return value
    return default


def _key(mapping, name: str) -> str:
    for key in mapping if isinstance(mapping, dict) else ():
        if isinstance(key, str) and key.casefold() == name.casefold():
            return key
    return name


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _recorded(**settings) -> dict[str, str]:
    """The settings a file records, by condition id, as text; one it leaves out (None) is not a condition."""
    return {cid: _text(value) for cid, value in settings.items() if value is not None}


def _quote_yaml(text: str, line: int, fallback: str) -> str:
    """The file's own line holding the value (stripped of indentation and a list dash)."""
    lines = text.split("\n")
    if 1 <= line <= len(lines):
        shown = lines[line - 1].strip().lstrip("- ").strip()
        if shown:
            return shown[:1000]
    return fallback


def _mapping(value: object) -> dict[str, Any]:
    """value when it is a mapping, else an empty one (a results file's optional sections)."""
    return value if isinstance(value, dict) else {}


def _quote_json(text: str, key: str, value: Decimal, start: int = 0) -> tuple[str, int]:
    """`"key": 0.75` as the file prints it, and its line (JSON loaders keep no positions)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:\s*" + re.escape(str(value)) + r"\b")
    found = pattern.search(text, start) or pattern.search(text)
    if not found:
        return f'"{key}": {value}', 0
    return found.group(0), text.count("\n", 0, found.start()) + 1


def _url_for(root_url: str | None, root: Path, other: Path) -> str | None:
    if not root_url:
        return None
    rel = os.path.relpath(other, root.parent).replace(os.sep, "/")
    return urljoin(root_url, rel)


def _info(fmt: str, path: Path, raw: bytes, url: str | None) -> FileInfo:
    return FileInfo(fmt, path, hashlib.sha256(raw).hexdigest(), url)


# model-index ---------------------------------------------------------------------------------------------------


def read_model_index(path: Path, url: str | None) -> Extracted:
    files: dict = {}
    cands: list[Candidate] = []
    titles: list[str] = []
    collections: dict = {}
    seen: set = set()
    unmapped: list = []
    root = path

    def visit(file: Path, depth: int = 0) -> None:
        real = file.resolve()
        if real in seen or depth > 8:
            return
        seen.add(real)
        doc, text, raw = load_document("model-index", file)
        files[file] = _info("model-index", file, raw, url if file == root else _url_for(url, root, file))
        if isinstance(doc, list):  # a metafile may be a bare list of models
            doc = {"Models": doc}
        if not isinstance(doc, dict):
            raise ImportError_(f"{file}: not a model-index file (expected Models, Collections or Import)")
        for entry in _get(doc, "Import", []) or []:
            for sub in sorted(file.parent.glob(str(entry))) if isinstance(entry, str) else []:
                visit(sub, depth + 1)
        for coll in _get(doc, "Collections", []) or []:
            if isinstance(coll, str):
                for sub in sorted(file.parent.glob(coll)):
                    visit(sub, depth + 1)
            elif isinstance(coll, dict) and _get(coll, "Name"):
                collections[_text(_get(coll, "Name"))] = coll
                titles.append(_text(_get(coll, "Name")))
        models_key = _key(doc, "Models")
        for i, model in enumerate(_get(doc, "Models", []) or []):
            if isinstance(model, str):
                for sub in sorted(file.parent.glob(model)):
                    visit(sub, depth + 1)
                continue
            if isinstance(model, dict):
                cands.extend(_model_index_model(file, text, model, (models_key, i), collections))
                unmapped.extend(_not_imported_metadata(file, model, (models_key, i)))

    visit(path)
    ex_unmapped = unmapped
    title = f"model-index file {path.name}" + (f": {', '.join(titles)}" if titles else "")
    return Extracted(cands, files, title, unmapped=ex_unmapped)


def _not_imported_metadata(file: Path, model: dict, at: tuple) -> list[Unmapped]:
    """Speed in a metafile is a latency (ms per image) under stated hardware: no benchmark metric here takes it
    as printed, and turning it into a throughput would be computing a number the file does not print."""
    metadata = _get(model, "Metadata", {}) or {}
    key = next((k for k in metadata if isinstance(k, str) and k.casefold().startswith("inference time")), None)
    if key is None:
        return []
    entries = metadata[key] if isinstance(metadata[key], list) else [metadata[key]]
    out = []
    for j, entry in enumerate(entries):
        value = _get(entry, "value") if isinstance(entry, dict) else entry
        setting = ", ".join(f"{k} {v}" for k, v in entry.items() if k != "value") if isinstance(entry, dict) else ""
        out.append(
            Unmapped(
                file,
                pointer((*at, _key(model, "Metadata"), key, j)),
                getattr(value, "line", 0),
                f"'{key}' {value} ({setting}) of {_text(_get(model, 'Name'))} is a latency; it is not imported",
                "add a latency metric (unit ms) with this name as its alias to the benchmark if it should be; "
                "it is never converted to fps",
            )
        )
    return out


def _model_index_model(file: Path, text: str, model: dict, at: tuple, collections: dict) -> list[Candidate]:
    name = _text(_get(model, "Name"))
    coll = collections.get(_text(_get(model, "In Collection")), {})
    metadata = {**(_get(coll, "Metadata", {}) or {}), **(_get(model, "Metadata", {}) or {})}
    paper = _get(model, "Paper") or _get(coll, "Paper")
    paper_url = _get(paper, "URL") if isinstance(paper, dict) else paper
    also = {}
    for key in ("Epochs", "Training Data", "Training Resources", "Batch Size"):
        if _get(metadata, key) is not None and not isinstance(_get(metadata, key), (dict, list)):
            also[key] = _text(_get(metadata, key))
    if _get(model, "Config"):
        also["config"] = _text(_get(model, "Config"))
    if _get(model, "Weights"):
        also["weights"] = _text(_get(model, "Weights"))
    if paper_url:
        also["method paper"] = _text(paper_url)
    out = []
    results_key = _key(model, "Results")
    for j, res in enumerate(_get(model, "Results", []) or []):
        if not isinstance(res, dict):
            continue
        task, dataset = _text(_get(res, "Task")), _text(_get(res, "Dataset"))
        metrics = _get(res, "Metrics", {}) or {}
        metrics_key = _key(res, "Metrics")
        if isinstance(metrics, dict):
            items = [(str(k), v, (*at, results_key, j, metrics_key, k)) for k, v in metrics.items()]
        elif isinstance(metrics, list):  # [{Name: ..., Value: ...}]
            items = [
                (_text(_get(m, "Name")), _get(m, "Value"), (*at, results_key, j, metrics_key, k, _key(m, "Value")))
                for k, m in enumerate(metrics)
                if isinstance(m, dict)
            ]
        else:
            items = []
        for metric_name, value, parts in items:
            line = getattr(value, "line", 0)
            out.append(
                Candidate(
                    file=file,
                    ptr=pointer(parts),
                    value=value,
                    model=name,
                    bench_names=[dataset, f"{task} {dataset}"],
                    metric_names=[metric_name],
                    conditions={},
                    group=pointer((*at, results_key, j)),
                    quote=_quote_yaml(text, line, f"{metric_name}: {value}"),
                    line=line,
                    also=dict(also),
                )
            )
        if not items:
            out.append(
                Candidate(file, pointer((*at, results_key, j)), None, name, [dataset], [], {}, group="", also=also)
            )
    return out


# hf-model-card -------------------------------------------------------------------------------------------------


def read_hf_model_card(path: Path, url: str | None) -> Extracted:
    doc, text, raw = load_document("hf-model-card", path)
    index = _get(doc, "model-index") if isinstance(doc, dict) else None
    if not isinstance(index, list):
        raise ImportError_(f"{path}: no model-index in its front matter; nothing to import")
    cands = []
    for i, entry in enumerate(index):
        if not isinstance(entry, dict):
            continue
        model = _text(entry.get("name"))
        for j, res in enumerate(entry.get("results") or []):
            if not isinstance(res, dict):
                continue
            dataset = res.get("dataset") or {}
            task = res.get("task") or {}
            source = res.get("source") or {}
            args = _mapping(dataset.get("args"))
            conditions = _recorded(
                split=dataset.get("split"), dataset_revision=dataset.get("revision"), n_shots=args.get("num_few_shot")
            )
            for key, value in args.items():  # conditions written back by `export --format model-index`
                if isinstance(key, str) and key not in ("num_few_shot",) and not isinstance(value, (dict, list)):
                    conditions.setdefault(key, _text(value))
            also = {}
            if dataset.get("config") is not None:
                also["dataset config"] = _text(dataset["config"])
            if isinstance(source, dict) and source.get("name"):
                also["source"] = _text(source.get("name")) + (f" {source['url']}" if source.get("url") else "")
            for k, metric in enumerate(res.get("metrics") or []):
                if not isinstance(metric, dict):
                    continue
                value = metric.get("value")
                line = getattr(value, "line", 0)
                out_names = [_text(metric.get("type")), _text(metric.get("name"))]
                cands.append(
                    Candidate(
                        file=path,
                        ptr=pointer(("model-index", i, "results", j, "metrics", k, "value")),
                        value=value,
                        model=model,
                        bench_names=[_text(dataset.get("type")), _text(dataset.get("name")), _text(task.get("name"))],
                        metric_names=[n for n in out_names if n],
                        conditions=conditions,
                        group=pointer(("model-index", i, "results", j)),
                        quote=_quote_yaml(text, line, f"value: {value}"),
                        line=line,
                        also=also,
                    )
                )
    return Extracted(cands, {path: _info("hf-model-card", path, raw, url)}, f"Model card of {path.parent.name}")


# lm-eval -------------------------------------------------------------------------------------------------------


def _model_args(text: object) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in str(text or "").split(","):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def read_lm_eval(path: Path, url: str | None) -> Extracted:
    doc, text, raw = load_document("lm-eval", path)
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), dict):
        raise ImportError_(f"{path}: no 'results' mapping; not an lm-evaluation-harness results file")
    config = _mapping(doc.get("config"))
    args = _model_args(config.get("model_args"))
    model = _text(doc.get("model_name") or args.get("pretrained") or config.get("model"))
    gpu = re.search(r"GPU models and configuration: (?:GPU 0: )?([^\n]+)", str(doc.get("pretty_env_info") or ""))
    date = None
    if isinstance(doc.get("date"), Decimal):
        date = dt.datetime.fromtimestamp(float(doc["date"]), dt.UTC).date().isoformat()
    cands = []
    for task, scores in sorted(doc["results"].items()):
        if not isinstance(scores, dict):
            continue
        cfg = (doc.get("configs") or {}).get(task) or {}
        gen = _mapping(cfg.get("generation_kwargs"))
        kwargs = _mapping(cfg.get("dataset_kwargs"))
        conditions = _recorded(
            n_shots=(doc.get("n-shot") or {}).get(task, cfg.get("num_fewshot")),
            split=cfg.get("test_split") or None,
            temperature=gen.get("temperature"),
            max_tokens=gen.get("max_gen_toks"),
            n_samples=cfg.get("repeats"),
            batch_size=config.get("batch_size"),
            dataset_revision=kwargs.get("revision") or None,
            hardware=gpu.group(1) if gpu else None,
        )
        also = {"lm-eval git": _text(doc.get("git_hash")), "task version": _text((doc.get("versions") or {}).get(task))}
        if args:
            also["model_args"] = _text(config.get("model_args"))
        dataset = " ".join(x for x in (_text(cfg.get("dataset_path")), _text(cfg.get("dataset_name"))) if x)
        for key, value in scores.items():
            if not isinstance(value, Decimal) or "_stderr" in key.split(",")[0] or key in ("sample_len", "alias"):
                continue
            metric, _, filt = key.partition(",")
            names = [key] + ([metric] if filt in ("", "none") else [])
            quote, line = _quote_json(text, key, value)
            stderr = scores.get(f"{metric}_stderr,{filt}" if filt else f"{metric}_stderr")
            extra = dict(also, filter=filt or "none")
            if isinstance(stderr, Decimal):
                extra["stderr (fraction)"] = str(stderr)
            cands.append(
                Candidate(
                    file=path,
                    ptr=pointer(("results", task, key)),
                    value=value,
                    model=model,
                    bench_names=[task, _text(scores.get("alias")), dataset, _text(cfg.get("dataset_path"))],
                    metric_names=names,
                    conditions=conditions,
                    group=pointer(("results", task, filt)),
                    quote=quote,
                    line=line,
                    also=extra,
                )
            )
    return Extracted(cands, {path: _info("lm-eval", path, raw, url)}, f"lm-evaluation-harness results: {model}", date)


# mteb ----------------------------------------------------------------------------------------------------------

_MTEB_NOT_SCORES = frozenset({"hf_subset", "languages", "main_score", "scores_per_experiment"})


def read_mteb(path: Path, url: str | None) -> Extracted:
    doc, text, raw = load_document("mteb", path)
    if not isinstance(doc, dict) or "task_name" not in doc or not isinstance(doc.get("scores"), dict):
        raise ImportError_(f"{path}: no task_name and scores; not an MTEB TaskResult file")
    files = {path: _info("mteb", path, raw, url)}
    meta_path = path.parent / "model_meta.json"
    meta = {}
    if meta_path.is_file():
        meta_doc, _, _ = load_document("mteb", meta_path)
        meta = meta_doc if isinstance(meta_doc, dict) else {}
    model = _text(meta.get("name")) or path.parent.parent.name.replace("__", "/")
    task = _text(doc["task_name"])
    base = _recorded(dataset_revision=doc.get("dataset_revision") or None)
    also = {"mteb version": _text(doc.get("mteb_version"))}
    if meta.get("revision"):
        also["model revision"] = _text(meta["revision"])
    cands = []
    offset = 0
    for split, entries in doc["scores"].items():
        if isinstance(entries, dict):  # written before mteb 1.11: {split: {subset: {metric: value}}}
            entries = [dict(v, hf_subset=k) for k, v in entries.items() if isinstance(v, dict)]
            legacy = True
        else:
            legacy = False
        for k, entry in enumerate(entries or []):
            if not isinstance(entry, dict):
                continue
            subset = _text(entry.get("hf_subset"))
            conditions = dict(base, split=_text(split))
            if subset:
                conditions["subset"] = subset
            extra = dict(also, languages=", ".join(map(str, entry.get("languages") or [])) or "not recorded")
            main = entry.get("main_score")
            for key, value in entry.items():
                if key in _MTEB_NOT_SCORES or not isinstance(value, Decimal):
                    continue
                parts = ("scores", split, subset, key) if legacy else ("scores", split, k, key)
                quote, line = _quote_json(text, key, value, offset)
                names = [key] + (["main_score"] if main is not None and main == value else [])
                cands.append(
                    Candidate(
                        path,
                        pointer(parts),
                        value,
                        model,
                        [task],
                        names,
                        conditions,
                        group=pointer(parts[:-1]),
                        quote=quote,
                        line=line,
                        also=extra,
                    )
                )
    return Extracted(cands, files, f"MTEB results: {model} on {task}")


READERS = {
    "model-index": read_model_index,
    "hf-model-card": read_hf_model_card,
    "lm-eval": read_lm_eval,
    "mteb": read_mteb,
}


# --- mapping ------------------------------------------------------------------------------------------------


def exact_text(value, scale: str) -> str | None:
    """The number as text, times 100 by moving the point for fractions; None when it cannot be stored exactly."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    try:
        num = Decimal(str(value)) if not isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation:
        return None
    if not num.is_finite():
        return None
    if scale == "fraction_times_100":
        num = num.scaleb(2)
    shown = format(num, "f")
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".") if scale == "fraction_times_100" else shown
    try:
        if Decimal(repr(float(shown))) != Decimal(shown):
            return None
    except (ValueError, InvalidOperation):
        return None
    return shown


def _scale(fmt: str, metric: dict) -> str:
    if fmt in FRACTION_FORMATS and metric.get("unit") in ("percent", "points") and metric.get("max") == 100:
        return "fraction_times_100"
    return "as_printed"


@dataclass
class Mapped:
    results: list[dict]
    unmapped: list[Unmapped]


def _alias_fix(names: list[str], reg: Registry, what: str, bench_id: str = "") -> str:
    name = next((n for n in names if n), "")
    if what == "benchmark":
        near = reg.near(name)
        where = f"data/benchmarks/{near}.yaml" if near else "the benchmark file in data/benchmarks/ that it is"
        return (
            f'add aliases: ["{name}"] to {where} if it is that benchmark (or to the one it is), '
            "or add the benchmark; otherwise leave it out"
        )
    return (
        f'add aliases: ["{name}"] to the metric it measures in data/benchmarks/{bench_id}.yaml, '
        "if it is one of them; otherwise it is not imported"
    )


def map_candidates(ex: Extracted, reg: Registry, fmt: str) -> Mapped:
    groups: dict = {}
    missing: dict = {}
    unmapped: list[Unmapped] = list(ex.unmapped)
    for cand in ex.candidates:
        bench_id, why = reg.benchmark([n for n in cand.bench_names if n])
        if bench_id is None:
            names = [n for n in cand.bench_names if n]
            unmapped.append(
                Unmapped(
                    cand.file,
                    cand.ptr,
                    cand.line,
                    why or f"no benchmark has the name or alias {' or '.join(repr(n) for n in names[:2])}",
                    _alias_fix(names, reg, "benchmark"),
                )
            )
            continue
        if not cand.metric_names:
            continue
        metric_id = reg.metric(bench_id, cand.metric_names)
        if metric_id is None:
            missing.setdefault((cand.file, cand.group, bench_id), []).append(cand)
            continue
        metric = next(m for m in reg.benchmarks[bench_id]["metrics"] if m["id"] == metric_id)
        scale = _scale(fmt, metric)
        text = exact_text(cand.value, scale)
        if text is None:
            unmapped.append(
                Unmapped(
                    cand.file,
                    cand.ptr,
                    cand.line,
                    f"{cand.value!r} is not a number that can be stored exactly",
                    "check the file; numbers are copied, never rounded",
                )
            )
            continue
        key = (cand.file, cand.group, bench_id, cand.model)
        group = groups.setdefault(key, {"cands": [], "metrics": {}, "bench": bench_id, "scale": scale})
        if metric_id in group["metrics"]:
            unmapped.append(
                Unmapped(
                    cand.file,
                    cand.ptr,
                    cand.line,
                    f"a second value for '{metric_id}' in the same result ({group['metrics'][metric_id][1]} has one)",
                    f"keep one of the aliases of '{metric_id}' in data/benchmarks/{bench_id}.yaml",
                )
            )
            continue
        if group["scale"] != scale:
            unmapped.append(Unmapped(cand.file, cand.ptr, cand.line, "mixed scales in one result", "import it alone"))
            continue
        group["metrics"][metric_id] = (text, cand.ptr)
        group["cands"].append(cand)
    for (_, _, bench_id), cands in missing.items():
        names = [c.metric_names[0] for c in cands]
        shown = ", ".join(f"'{n}'" for n in names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        unmapped.append(
            Unmapped(
                cands[0].file,
                cands[0].ptr,
                cands[0].line,
                f"benchmark '{bench_id}' has no metric named or aliased {shown}",
                _alias_fix(names, reg, "metric", bench_id),
            )
        )
    results = [_result(g, reg, ex, fmt) for g in groups.values()]
    return Mapped(results, _collapse(unmapped))


def _collapse(unmapped: list[Unmapped]) -> list[Unmapped]:
    """One message per mistake: an unknown benchmark name once per file, not once per number it holds."""
    seen, out = set(), []
    for item in unmapped:
        key = (item.file, item.message) if item.message.startswith(("no benchmark", "'")) else id(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _result(group: dict, reg: Registry, ex: Extracted, fmt: str) -> dict:
    bench = reg.benchmarks[group["bench"]]
    first = group["cands"][0]
    info = ex.files[first.file]
    declared = {c["id"]: c for c in bench.get("conditions", [])}
    conditions = {}
    for cid in declared:
        if cid in first.conditions:
            conditions[cid] = first.conditions[cid]
        elif declared[cid].get("required"):
            conditions[cid] = NOT_STATED
    recorded = {k: v for k, v in first.conditions.items() if k not in declared}
    also = {**recorded, **first.also}
    note = f"Imported from {fmt} file {first.file.name}"
    if also:
        note += "; also recorded there: " + "; ".join(f"{k} {v}" for k, v in also.items() if v)
    evidence_file: dict[str, object] = {"format": fmt}
    if info.url:
        evidence_file["url"] = info.url
    evidence_file["sha256"] = info.sha256
    evidence_file["pointers"] = {mid: ptr for mid, (_, ptr) in group["metrics"].items()}
    if group["scale"] != "as_printed":
        evidence_file["scale"] = group["scale"]
    line = min((c.line for c in group["cands"] if c.line), default=0)
    where = f"{first.file.name} line {line}" if line else first.file.name
    return {
        "benchmark": group["bench"],
        "model": first.model,
        "metrics": {mid: {"value": text} for mid, (text, _) in group["metrics"].items()},
        "conditions": conditions,
        "source_type": SOURCE_TYPES[fmt],
        "note": _one_line(note)[:1000],
        "evidence": {
            "quote": _one_line(" ... ".join(c.quote for c in group["cands"]))[:1000],
            "location": where[:80],
            "file": evidence_file,
        },
        "_file": first.file,
    }


def _one_line(text: str) -> str:
    return " ".join(str(text).split()).lstrip("=+-@ ")


# --- writing ------------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.casefold())).strip("-")[:80].strip("-") or "imported"


def _yaml_number(text: str) -> str:
    return text


def render(ident: str, title: str, results: list[dict], data: Path, date: str | None = None) -> str:
    """The paper file, written out by hand so every number is the exact text (no float repr in between)."""
    lines = [modeline("paper"), f"id: {ident}", f"title: {q(title)}"]
    if date:
        lines.append(f"date: {q(date[:10])}")
    lines.append("results:")
    for res in results:
        lines += [f"  - benchmark: {res['benchmark']}", f"    model: {q(res['model'])}", "    metrics:"]
        for mid, val in res["metrics"].items():
            lines.append(f"      {mid}: {{value: {_yaml_number(val['value'])}}}")
        if res["conditions"]:
            lines.append("    conditions:")
            lines += [f"      {cid}: {q(value)}" for cid, value in res["conditions"].items()]
        lines += [f"    source_type: {res['source_type']}", f"    note: {q(res['note'])}", "    evidence:"]
        ev = res["evidence"]
        lines += [f"      quote: {q(ev['quote'])}", f"      location: {q(ev['location'])}", "      file:"]
        f = ev["file"]
        lines.append(f"        format: {f['format']}")
        if "url" in f:
            lines.append(f"        url: {q(f['url'])}")
        if "path" in f:
            lines.append(f"        path: {q(f['path'])}")
        lines.append(f"        sha256: {q(f['sha256'])}")
        lines.append("        pointers:")
        lines += [f"          {mid}: {q(ptr)}" for mid, ptr in f["pointers"].items()]
        if "scale" in f:
            lines.append(f"        scale: {f['scale']}")
    return "\n".join(lines) + "\n"


def local_path(file: Path, data: Path) -> str | None:
    """The file relative to the folder holding the data directory (where the validator looks for it)."""
    base = Path(os.path.realpath(data)).parent
    real = Path(os.path.realpath(file))
    if real.is_relative_to(base):
        rel = real.relative_to(base).as_posix()
        if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./@+-]*", rel) and len(rel) <= 300:
            return rel
    return None


@dataclass
class Outcome:
    path: Path | None
    text: str
    results: int
    unmapped: list[Unmapped]


def import_file(
    fmt: str, path: Path, data: Path, ident: str | None = None, url: str | None = None, title: str | None = None
) -> Outcome:
    """Read one file and return the paper file it gives (not yet written) and what could not be mapped."""
    reg = Registry.load(data)
    ex = READERS[fmt](path, url)
    mapped = map_candidates(ex, reg, fmt)
    for res in mapped.results:
        rel = local_path(res.pop("_file"), data)
        if rel:
            file_ev = res["evidence"]["file"]
            res["evidence"]["file"] = {
                **{k: v for k, v in file_ev.items() if k in ("format", "url")},
                "path": rel,
                **{k: v for k, v in file_ev.items() if k not in ("format", "url")},
            }
    ident = ident or slug(f"{fmt}-{path.parent.name}-{path.stem}")
    text = render(ident, title or ex.title, mapped.results, data, ex.date) if mapped.results else ""
    target = data / "papers" / f"{ident}.yaml"
    return Outcome(target if mapped.results else None, text, len(mapped.results), mapped.unmapped)
