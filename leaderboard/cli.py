"""Command line: leaderboard validate | export | build | schemas | init | new | diff | import | suggest.

Exit 0 when clean, 1 on bad input, 2 on misuse. `leaderboard COMMAND --help` describes each command."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import diagnostics
from .importer import FORMATS
from .resources import metric_units
from .validate import Report, validate


def _print_report(report: Report, fmt: str) -> None:
    diags = report.diagnostics
    if fmt == "json":
        print(diagnostics.to_json(diags))
        return
    line = diagnostics.format_github if fmt == "github" else diagnostics.format_text
    for d in diags:
        print(line(d))
    print(diagnostics.summary(diags, len(report.corpus.sources)), file=sys.stderr if fmt == "github" else sys.stdout)


def _validated(data: Path, fmt: str = "text") -> Report | None:
    if not data.is_dir():
        print(f"leaderboard: data directory '{data}' does not exist. Fix: pass --data DIR.", file=sys.stderr)
        return None
    report = validate(data)
    if not report.ok:
        _print_report(report, fmt)
        print("Nothing was written: fix the problems above and run again.", file=sys.stderr)
        return None
    return report


def cmd_validate(args) -> int:
    if not args.data.is_dir():
        print(f"leaderboard: data directory '{args.data}' does not exist. Fix: pass --data DIR.", file=sys.stderr)
        return 1
    missing = [p for p in args.paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"leaderboard: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    report = validate(args.data, args.paths)
    _print_report(report, args.format)
    return 0 if report.ok else 1


def _guarded(out: Path, data: Path, kind: str, force: bool) -> Path | None:
    """The folder this command may replace, or None after saying why it may not."""
    from .outguard import OutputRefused, check

    try:
        return check(out, data, kind, force)
    except OutputRefused as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return None


@contextmanager
def _write_errors(out: Path) -> Iterator[None]:
    """Errors of the file system while publishing, in words; the previous output is intact in each case."""
    from .publish import Busy

    try:
        yield
    except Busy as exc:
        print(f"leaderboard: {exc}. Fix: wait for it to finish, then run again.", file=sys.stderr)
        raise _Failed from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"leaderboard: could not write the output: {reason}{where}. '{out}' was left as it was. "
            "Fix: free disk space or make the folder writable, then run again.",
            file=sys.stderr,
        )
        raise _Failed from None


class _Failed(Exception):
    """A command failed after printing its message."""


def cmd_export(args) -> int:
    if args.format != "downloads":
        return _export_hub(args)
    from .build import export_downloads

    args.out = args.out or Path("public")
    place = _guarded(args.out / "downloads", args.data, "downloads", args.force)
    report = _validated(args.data)  # both checks run, so every problem is reported at once
    if place is None or report is None:
        return 1
    with _write_errors(args.out):
        written = export_downloads(report.corpus, place)
    print(f"Wrote {written} files to {args.out / 'downloads'}.")
    return 0


def _export_hub(args) -> int:
    from . import hfexport

    out = args.out or Path(args.format)
    data_dir = Path(os.path.realpath(args.data))
    where = Path(os.path.realpath(out))
    if where == data_dir or where.is_relative_to(data_dir) or data_dir.is_relative_to(where):
        print(
            f"leaderboard: --out '{out}' overlaps the data directory. Fix: pass --out with a new folder.",
            file=sys.stderr,
        )
        return 1
    report = _validated(args.data)
    if report is None:
        return 1
    make = hfexport.eval_results if args.format == "hf-eval-results" else hfexport.model_index
    written = make(report.corpus, report.corpus.benchmarks())
    try:
        count = hfexport.write(written, out)
    except hfexport.ExportError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 1
    for where, i, why in written.skipped:
        print(f"not exported: {where}{'' if i is None else f' results[{i}]'}: {why}", file=sys.stderr)
    print(f"Wrote {count} {args.format} files to {out}; {len(written.skipped)} results not exported (above).")
    return 0


def cmd_build(args) -> int:
    from .build import build_all

    place = _guarded(args.out, args.data, "site", args.force)
    cache = None if args.no_cache or args.no_site else args.cache
    cache_ok = cache is None or place is None or _guarded_cache(cache, args.data, place) is not None
    config_ok = args.no_site or _config_usable(args.config)
    report = _validated(args.data)  # every check runs, so every problem is reported at once
    if place is None or not cache_ok or not config_ok or report is None:
        return 1
    from .site.errors import BuildError

    try:
        with _write_errors(args.out):
            summary = build_all(
                report.corpus, place, not args.no_site, cache, args.config, static_charts=args.static_charts
            )
    except BuildError as exc:
        print(f"leaderboard: the site could not be built; {args.out} was left as it was.\n{exc}", file=sys.stderr)
        return 1
    print(f"Built {args.out}: {summary}")
    return 0


def _config_usable(config: Path | None) -> bool:
    """The MkDocs configuration is found and names a usable docs_dir (checked before anything is built)."""
    from .site import config as site_config
    from .site.errors import BuildError

    try:
        site_config.find(config)
    except BuildError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return False
    return True


def _guarded_cache(cache: Path, data: Path, out: Path) -> Path | None:
    """The chart cache adds files to its folder: never inside the data or the output."""
    where = Path(os.path.realpath(cache))
    for name, other in (("the data directory", Path(os.path.realpath(data))), ("the output", out)):
        if where == other or where.is_relative_to(other) or other.is_relative_to(where):
            print(
                f"leaderboard: --cache '{cache}' overlaps {name}. Fix: pass --cache with a folder of its own "
                "(default .cache/leaderboard) or --no-cache.",
                file=sys.stderr,
            )
            return None
    return where


def cmd_schemas(args) -> int:
    from .resources import write_schemas

    done = write_schemas(args.out, force=args.force)
    for item in done:
        print(f"{item.action}: {item.path}")
    refused = [item.path for item in done if item.action == "refused"]
    if refused:
        print(
            f"leaderboard: left {len(refused)} file(s) alone: not a copy of the tool's schema. "
            "Fix: move them away, or pass --force to replace them.",
            file=sys.stderr,
        )
    return 1 if refused else 0


def cmd_init(args) -> int:
    from .starter import InitError, git_init, init

    try:
        written = init(args.dir, args.name)
    except InitError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 1
    repo = git_init(args.dir) if not args.no_git else "no git repository (--no-git)."
    print(f"Wrote {len(written)} files to {args.dir}: {repo}")
    print(f"Next: cd {args.dir}, then follow README.md (set up, build, and what to enable on GitHub).")
    return 0


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, ScaffoldInvalid, scaffold, scaffold_benchmark

    wanted = (
        ("id", "name", "homepage", "metric")
        if args.what == "benchmark"
        else ("id", "title", "benchmark", "model", "value", "quote")
    )
    missing = [f"--{name}" for name in wanted if getattr(args, name) is None]
    if missing:
        args.new_parser.error(f"new {args.what} needs {', '.join(missing)}")
    try:
        if args.what == "benchmark":
            path = scaffold_benchmark(
                args.data, args.id, args.name, args.metric, args.unit, args.homepage, args.lower_is_better
            )
        else:
            paper = (args.title, args.benchmark, args.model, args.arxiv, args.date, args.value, args.quote)
            path = scaffold(args.data, args.id, *paper)
    except ScaffoldInvalid as exc:
        for d in exc.diagnostics:
            print(diagnostics.format_text(d), file=sys.stderr)
        print(f"leaderboard: {exc}; nothing was written. Fix the options above and run again.", file=sys.stderr)
        return 1
    except ScaffoldError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 1
    if args.what == "benchmark":
        print(
            f"Wrote {path}. Replace each TODO (every field is explained above it), then run: "
            f"leaderboard validate {path}"
        )
    else:
        print(f"Wrote {path}. Check it, add the paper's other results, then run: leaderboard validate {path}")
    return 0


def cmd_diff(args) -> int:
    from . import diff

    try:
        change = diff.diff(args.data, args.base)
    except diff.DiffError as exc:
        print(f"leaderboard diff: {exc}", file=sys.stderr)
        return 1
    print(diff.to_json(change) if args.format == "json" else diff.to_markdown(change), end="")
    return 0


def cmd_import(args) -> int:
    from . import importer
    from .scaffold import ScaffoldInvalid, _refuse_invalid

    if not args.data.is_dir():
        print(f"leaderboard: data directory '{args.data}' does not exist. Fix: pass --data DIR.", file=sys.stderr)
        return 1
    if len(args.paths) > 1 and (args.id or args.url or args.title):
        print(
            "leaderboard import: --id, --url and --title name one file. Fix: import one PATH at a time.",
            file=sys.stderr,
        )
        return 1
    failed = False
    for path in args.paths:
        try:
            out = importer.import_file(args.format, path, args.data, args.id, args.url, args.title)
        except importer.ImportError_ as exc:
            print(f"leaderboard import: {exc}", file=sys.stderr)
            failed = True
            continue
        for item in out.unmapped:
            where = f"{item.file}:{item.line}" if item.line else str(item.file)
            print(f"{where}: not imported: {item.ptr}: {item.message}. Fix: {item.fix}.", file=sys.stderr)
        if out.path is None:
            print(f"leaderboard import: nothing in {path} maps onto a benchmark; nothing was written.", file=sys.stderr)
            failed = True
            continue
        if args.dry_run:
            print(out.text, end="")
            continue
        if out.path.exists() or out.path.is_symlink():
            print(
                f"leaderboard import: {out.path} already exists and is left alone. Fix: pass --id with a new id.",
                file=sys.stderr,
            )
            failed = True
            continue
        try:
            _refuse_invalid(args.data, out.path, out.text)
        except ScaffoldInvalid as exc:
            for d in exc.diagnostics:
                print(diagnostics.format_text(d), file=sys.stderr)
            print(
                f"leaderboard import: {path} would give a file that does not validate; nothing was written.",
                file=sys.stderr,
            )
            failed = True
            continue
        out.path.parent.mkdir(parents=True, exist_ok=True)
        with out.path.open("x", encoding="utf-8") as handle:  # never replaces a file that appeared meanwhile
            handle.write(out.text)
        skipped = f"; {len(out.unmapped)} not imported (above)" if out.unmapped else ""
        print(f"Wrote {out.path}: {out.results} results from {path}{skipped}.")
    return 1 if failed else 0


def cmd_suggest(args) -> int:
    from . import suggest

    try:
        abstract, paper = suggest.read_abstract(args.source, args.papers or [], title=args.title)
    except (suggest.SourceError, OSError, UnicodeDecodeError) as exc:
        print(f"leaderboard suggest: {exc}", file=sys.stderr)
        return 1
    if not abstract:
        print("leaderboard suggest: the abstract is empty. Fix: pass a file or text on stdin.", file=sys.stderr)
        return 1
    if args.title:
        paper["title"] = args.title
    found, skipped = suggest.suggest(abstract, args.data, paper.get("title"))
    text = suggest.draft_yaml(found, skipped, suggest.load_registry(args.data), paper)
    if args.out is None:
        print(text, end="")
        return 0
    try:
        with args.out.open("x", encoding="utf-8") as handle:  # "x": never replaces a file
            handle.write(text)
    except FileExistsError:
        print(
            f"leaderboard suggest: {args.out} already exists; nothing was written. "
            "Fix: pass --out with a new file name (suggest never overwrites a file).",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"leaderboard suggest: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote a draft with {len(found)} suggestions to {args.out}. Check every entry, then: leaderboard validate")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="leaderboard", description=__doc__)
    p.add_argument("--version", action="version", version=f"leaderboard {_version()}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--data", type=Path, default=Path("data"), help="data directory (default: data)")

    v = sub.add_parser("validate", help="check data files and report every problem")
    common(v)
    v.add_argument("paths", nargs="*", type=Path, help="files or folders to report on (default: all of --data)")
    v.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (path:line:col lines, the default), github (workflow annotations) or json",
    )
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser(
        "export", help="write CSV and JSON downloads to OUT/downloads, or the data in a Hugging Face Hub format"
    )
    common(e)
    e.add_argument(
        "--format",
        choices=["downloads", "hf-eval-results", "model-index"],
        default="downloads",
        help="downloads (CSV and JSON into OUT/downloads, the default); hf-eval-results (the Hub's "
        ".eval_results/*.yaml, per model) or model-index (model-card front matter, per model) into the new or "
        "empty folder OUT",
    )
    e.add_argument(
        "--out",
        type=Path,
        help="downloads: writes OUT/downloads (default: public); other formats: a new or empty folder "
        "(default: a folder named after the format)",
    )
    e.add_argument("--force", action="store_true", help="replace OUT/downloads even if it holds other files")
    e.set_defaults(func=cmd_export)

    b = sub.add_parser("build", help="validate, export and build the site into OUT")
    common(b)
    b.add_argument("--out", type=Path, default=Path("public"), help="the site folder, replaced whole (default: public)")
    b.add_argument("--force", action="store_true", help="replace OUT even if it holds files leaderboard did not write")
    b.add_argument("--no-site", action="store_true", help="downloads only, skip the MkDocs site")
    b.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/leaderboard"),
        help="drawn charts by content hash, reused by the next build (default: .cache/leaderboard)",
    )
    b.add_argument("--no-cache", action="store_true", help="draw every chart again; the output is the same")
    b.add_argument(
        "--static-charts",
        action="store_true",
        help="also a static SVG of every chart, for readers without JavaScript (the plugin's static_charts option)",
    )
    b.add_argument(
        "--config",
        type=Path,
        help="MkDocs configuration; its docs_dir holds the hand-written pages "
        "(default: mkdocs.yml if there is one here, else the packaged default)",
    )
    b.set_defaults(func=cmd_build)

    sc = sub.add_parser("schemas", help="write the tool's JSON Schemas into OUT (for editors and other checkers)")
    sc.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")
    sc.add_argument("--force", action="store_true", help="also replace files of the same name the tool did not write")
    sc.set_defaults(func=cmd_schemas)

    i = sub.add_parser("init", help="start a new leaderboard repository in DIR (a new or empty folder)")
    i.add_argument("dir", type=Path, help="the folder to create")
    i.add_argument("--name", default="Benchmark leaderboards", help="the site's name (mkdocs.yml site_name)")
    i.add_argument("--no-git", action="store_true", help="do not make it a git repository")
    i.set_defaults(func=cmd_init)

    n = sub.add_parser(
        "new",
        help="scaffold data/papers/<id>.yaml for a new paper, or data/benchmarks/<id>.yaml (new benchmark)",
        description="leaderboard new [paper] --id ... writes a paper file with its first result; "
        "leaderboard new benchmark --id ... writes a benchmark file with every field explained. "
        "Both check the file first and write nothing that would not validate.",
    )
    common(n)
    n.add_argument(
        "what", nargs="?", choices=["paper", "benchmark"], default="paper", help="what to scaffold (default: paper)"
    )
    for flag, kind, text in (  # (option, the pattern its value must match or None, help); paper: or benchmark:
        ("--id", _ident, "id and file name: lower-case letters, digits, hyphens"),
        ("--title", None, "paper: the title exactly as published"),
        ("--benchmark", None, "paper: id of the benchmark of the first result (a file in data/benchmarks/)"),
        ("--model", None, "paper: the model or method name exactly as the paper writes it"),
        (
            "--arxiv",
            _pattern(r"[0-9]{4}\.[0-9]{4,5}", "an arXiv id like 2503.06749"),
            "paper: arXiv id without version, e.g. 2503.06749",
        ),
        (
            "--date",
            _pattern(r"[0-9]{4}-(0[1-9]|1[0-2])(-[0-3][0-9])?", "YYYY-MM or YYYY-MM-DD"),
            "paper: date of the first public version, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "--value",
            _pattern(r"-?[0-9]+(\.[0-9]+)?", "a number as printed"),
            "paper: the primary metric's number exactly as printed (no rounding, percentages on 0-100)",
        ),
        ("--quote", None, "paper: verbatim sentence from the paper containing the value"),
        ("--name", None, "benchmark: display name, e.g. 'AIME 2024'"),
        ("--homepage", None, "benchmark: https URL of its official page, paper or dataset card"),
        (
            "--metric",
            _pattern(r"[a-z][a-z0-9_]*", "a metric id like accuracy or box_ap"),
            "benchmark: id of its primary metric, e.g. accuracy",
        ),
    ):
        n.add_argument(flag, help=text, **({"type": kind} if kind else {}))
    n.add_argument(
        "--unit",
        choices=metric_units(),
        default="percent",
        help="benchmark: unit of the primary metric (default: percent)",
    )
    n.add_argument(
        "--lower-is-better", action="store_true", help="benchmark: a smaller value is better (latency, error)"
    )
    n.set_defaults(new_parser=n)
    n.set_defaults(func=cmd_new)

    d = sub.add_parser("diff", help="what the working tree changes on the leaderboards, as Markdown or JSON")
    common(d)
    d.add_argument("--base", help="git ref to compare with (default: merge base with main)")
    d.add_argument("--format", choices=["markdown", "json"], default="markdown", help="markdown (default) or json")
    d.set_defaults(func=cmd_diff)

    im = sub.add_parser(
        "import",
        help="turn results files (model-index, model cards, lm-eval, MTEB) into data/papers/ files",
        description="Read each PATH in FORMAT and write data/papers/<id>.yaml with its results. Benchmark and "
        "metric names are matched through the benchmark files' aliases; what does not match is listed with the "
        "alias to add. An existing file is never replaced.",
    )
    common(im)
    im.add_argument("format", choices=FORMATS, help="the files' format")
    im.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="results files (a model-index root may Import others)"
    )
    im.add_argument("--id", type=_ident, help="paper id of the new file (default: from the format and file name)")
    im.add_argument("--url", help="https URL of the file at a fixed commit, recorded as its evidence")
    im.add_argument("--title", help="title of the new file (default: says what was imported)")
    im.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    im.set_defaults(func=cmd_import)
    g = sub.add_parser(
        "suggest",
        help="propose draft results and claims from an abstract, for you to check (never writes into data/ by itself)",
        description="Read an abstract and print a draft paper file: each number with its unit, benchmark, metric, "
        "model, kind and verbatim quote, or as a relative claim with its baseline, each marked high, medium or "
        "low confidence with the reason. Nothing is verified: check every entry against the paper.",
    )
    common(g)
    g.add_argument(
        "source",
        help="the abstract: a text file (or a seed page holding one title and abstract), '-' for stdin, "
        "or an arXiv id looked up in the --papers lists",
    )
    g.add_argument(
        "--papers",
        type=Path,
        action="append",
        metavar="FILE",
        help="a papers list for arXiv ids and titles: a CSV with title, arxiv_id, year_month, code_url columns, "
        "or a page of title lines each followed by a blank line and the abstract (repeat for several)",
    )
    g.add_argument(
        "--title",
        help="the paper's title: picks that abstract from a page holding several, or names a bare abstract "
        "(its head before a colon is taken as the method's name)",
    )
    g.add_argument(
        "--out", type=Path, help="write the draft to this new file instead of printing it (never overwrites)"
    )
    g.set_defaults(func=cmd_suggest)

    return p


def _version() -> str:
    """The installed distribution's version (pyproject.toml is the one place it is written)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("leaderboard")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "unknown (not installed)"


def _pattern(regex: str, what: str):
    def check(text: str) -> str:
        if not re.fullmatch(regex, text):
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}")
        return text

    return check


_ident = _pattern(r"[a-z0-9]+(-[a-z0-9]+)*", "an id of lower-case letters, digits and single hyphens")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except _Failed:
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for a user; the message says where to report it
        print(
            f"leaderboard: internal error: {type(exc).__name__}: {exc}. Please report this as a bug.", file=sys.stderr
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
