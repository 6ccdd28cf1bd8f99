"""Command line: leaderboard validate | export | build. Exit 0 when clean, 1 on bad input, 2 on misuse."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import diagnostics
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
    from .build import export_downloads

    place = _guarded(args.out / "downloads", args.data, "downloads", args.force)
    report = _validated(args.data)  # both checks run, so every problem is reported at once
    if place is None or report is None:
        return 1
    with _write_errors(args.out):
        written = export_downloads(report.corpus, place)
    print(f"Wrote {written} files to {args.out / 'downloads'}.")
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
            summary = build_all(report.corpus, place, site=not args.no_site, cache=cache, config=args.config)
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
    from .scaffold import ScaffoldError, ScaffoldInvalid, scaffold

    try:
        path = scaffold(
            args.data, args.id, args.title, args.benchmark, args.model, args.arxiv, args.date, args.value, args.quote
        )
    except ScaffoldInvalid as exc:
        for d in exc.diagnostics:
            print(diagnostics.format_text(d), file=sys.stderr)
        print(f"leaderboard: {exc}; nothing was written. Fix the options above and run again.", file=sys.stderr)
        return 1
    except ScaffoldError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 1
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


def cmd_synth(args) -> int:
    from .synth import SynthError, generate

    try:
        benchmarks, papers = generate(args.out, args.papers, args.seed, args.benchmarks)
    except SynthError as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 1
    print(
        f"Wrote {benchmarks} benchmarks and {papers} papers to {args.out}. Try: leaderboard validate --data {args.out}"
    )
    return 0


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
    v.add_argument("--format", choices=["text", "github", "json"], default="text")
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("export", help="write CSV and JSON downloads to OUT/downloads")
    common(e)
    e.add_argument("--out", type=Path, default=Path("public"), help="writes OUT/downloads (default: public)")
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

    n = sub.add_parser("new", help="scaffold data/papers/<id>.yaml for a new paper")
    common(n)
    n.add_argument("--id", required=True, type=_ident, help="paper id: lower-case letters, digits, hyphens")
    n.add_argument("--title", required=True)
    n.add_argument("--benchmark", required=True)
    n.add_argument("--model", required=True)
    n.add_argument("--arxiv", type=_pattern(r"[0-9]{4}\.[0-9]{4,5}", "an arXiv id like 2503.06749"))
    n.add_argument("--date", type=_pattern(r"[0-9]{4}-(0[1-9]|1[0-2])(-[0-3][0-9])?", "YYYY-MM or YYYY-MM-DD"))
    n.add_argument(
        "--value", required=True, type=_pattern(r"-?[0-9]+(\.[0-9]+)?", "a number as printed"), help="the number"
    )
    n.add_argument("--quote", required=True, help="verbatim sentence from the paper containing the value")
    n.set_defaults(func=cmd_new)

    d = sub.add_parser("diff", help="what the working tree changes on the leaderboards, as Markdown or JSON")
    common(d)
    d.add_argument("--base", help="git ref to compare with (default: merge base with main)")
    d.add_argument("--format", choices=["markdown", "json"], default="markdown")
    d.set_defaults(func=cmd_diff)

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

    s = sub.add_parser("synth", help="write a deterministic synthetic corpus (for performance tests) into OUT")
    s.add_argument("--papers", required=True, type=int, help="number of paper files (about 5 results each)")
    s.add_argument("--out", required=True, type=Path, help="a new or empty directory")
    s.add_argument("--seed", type=int, default=0, help="same seed, same bytes (default: 0)")
    s.add_argument("--benchmarks", type=int, help="number of benchmarks (default: max(20, papers // 60))")
    s.set_defaults(func=cmd_synth)
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
