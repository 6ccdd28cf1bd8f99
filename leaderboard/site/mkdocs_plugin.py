"""The `leaderboard` MkDocs plugin (`plugins: [search, leaderboard]` in mkdocs.yml).

It makes a leaderboard out of any MkDocs site: on_config validates the data and renders every generated page
and file (site/generate.py), on_files adds them as MkDocs generated files beside the site's own pages,
on_serve watches the data folder, and on_post_build checks every internal link and records in the build
manifest which files the build wrote. `mkdocs build`, `mkdocs serve` and `leaderboard build` (which adds the
output guard and the atomic swap) therefore produce the same site. On a large site a helper process
(site/offload.py) renders the paper pages, reads them for search, writes the download files straight into the
site (on_files, once MkDocs has emptied it; SHA256SUMS in on_post_build) and reads half the pages for the link
check, while this process renders the rest; on_env routes the theme's sidebar through site/navcache.py.

    plugins:
      - search
      - leaderboard:
          data_dir: data                    # the data folder, relative to mkdocs.yml
          chart_cache: .cache/leaderboard   # drawn charts by content hash; '' for none
          data_license: CC-BY-4.0           # shown in the footer and written into datapackage.json
          templates_dir: overrides          # page templates replacing the packaged ones of the same name
          repository: https://github.com/OWNER/NAME  # for [text](leaderboard:repo/PATH), (leaderboard:issue-form)
          static_charts: false              # also a static SVG of each chart, for readers without JavaScript

A site without `nav` gets the generated one; a site with its own `nav` places the benchmark sections with an
entry `- Benchmarks: leaderboard:benchmarks` and lists the other generated pages by name (index.md,
downloads.md, schema.md, changelog.md, claims.md).

Generated pages are finished, escaped HTML in one `<div class="lb-..." markdown="0">` block. Python-Markdown
would pass that block through unchanged, but only after running two HTML parsers over it: a third of
MkDocs' time at 20,000 pages. Such a page skips Markdown; its HTML goes in as the page content, where the
theme, the search index and the link checker see it exactly as before. Hand-written pages are untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url

from .. import diagnostics, manifest
from ..chartcache import ChartCache
from ..corpus import Corpus
from . import config as site_config
from . import navcache, offload, searchfast
from .generate import DATAPACKAGE, Generated, generate
from .linkcheck import broken_links
from .templates import Templates

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken

_OVERRIDABLE = "assets/"  # a site's own file of the same path replaces the packaged one (its CSS, say)


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """A generated page's HTML is kept aside and Markdown gets nothing to parse."""
    kept = searchfast.generated_html(markdown)
    if kept is None:
        return markdown
    page.leaderboard_html = kept
    return ""


_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)


def on_page_content(html: str, page, **kwargs) -> str:
    """The kept HTML becomes the page content; hand-written pages keep what Markdown made of them.

    A generated page gets the table of contents Markdown would have made of its h1 and h2 headings (their
    text is already escaped HTML, as Markdown's is): the theme's skip link points at its first entry, and
    the contents sidebar lists the sections."""
    kept = getattr(page, "leaderboard_html", None)
    if kept is None:
        return html
    tokens: list[_TocToken] = []
    for level, ident, text in _HEADING.findall(kept):
        token: _TocToken = {"level": int(level), "id": ident, "name": text.strip(), "children": []}
        if level == "2" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    page.toc = get_toc(tokens)
    return kept


_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')  # what the search plugin drops after indexing


def lean_for_search(page, index=None, ahead: offload.ReadAhead | None = None) -> None:
    """Before the search plugin reads a generated page: its content without what the index never reads
    (quotes, attributes), which it parses in a fraction of the time into the same index. Given the plugin's
    index (index), the page's entries go in here, read by searchfast, and the plugin is told to skip it.
    ahead: pages read already (the paper pages, by the helper process): a page whose content is not exactly
    what was read is read here."""
    if getattr(page, "leaderboard_html", None) is None or not page.content:
        return
    read = ahead.get(page.file.src_uri, page.content) if ahead is not None else None
    page.leaderboard_full = page.content
    if read is None:  # (a page read ahead is not parsed by the search plugin: no lean copy needed)
        page.content = searchfast.lean(page.content)
    if index is None or (search := page.meta.get("search") or {}).get("exclude"):
        return
    found = read if read is not None else searchfast.sections(page.content)
    if found is None:
        return
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    page.leaderboard_search = page.meta.get("search", _ABSENT)
    page.meta["search"] = {**search, "exclude": True}  # indexed already; restored by whole_again


_ABSENT = object()


def whole_again(page, searched: bool) -> None:
    """After it: the whole content again, as the search plugin would have left it (searched: it ran)."""
    full = getattr(page, "leaderboard_full", None)
    if full is not None:
        page.content = _SEARCH_ATTRIBUTES.sub("", full) if searched else full
        del page.leaderboard_full
    meta = getattr(page, "leaderboard_search", None)
    if meta is not None:
        if meta is _ABSENT:
            del page.meta["search"]
        else:
            page.meta["search"] = meta
        del page.leaderboard_search


_PLACEHOLDER_LINK = re.compile(r"\[([^\]]+)\]\(leaderboard:(repo|issue-form)(/[^)\s]*)?\)")


def linked(markdown: str, repo_url: str | None) -> str:
    """A hand-written page's links to the repository, `[text](leaderboard:repo/path)`, and to the result
    form, `[text](leaderboard:issue-form)`, made from the plugin's repository option; without one, the
    plain text (a link to nowhere would fail the strict build's link check)."""

    def link(m: re.Match) -> str:
        if not repo_url:
            return m.group(1)
        base = repo_url.rstrip("/")
        target = base + (m.group(3) or "") if m.group(2) == "repo" else f"{base}/issues/new?template={ISSUE_FORM}"
        return f"[{m.group(1)}]({target})"

    return _PLACEHOLDER_LINK.sub(link, markdown)


ISSUE_FORM = "submit-result.yml"  # .github/ISSUE_TEMPLATE/ of this repository and of `leaderboard init`


BENCHMARKS_PLACEHOLDER = "leaderboard:benchmarks"


def placed(nav: list, generated: list) -> list:
    """A site's own nav, with the generated benchmark sections where it says `leaderboard:benchmarks` (or
    appended as a last "Benchmarks" section when it says nowhere). The other generated pages are ordinary
    files (index.md, downloads.md, schema.md, changelog.md, claims.md) that a nav lists by name like any page;
    the Relative claims page, new since sites wrote their navs, is appended when the nav does not name it."""
    sections = next(item["Benchmarks"] for item in generated if isinstance(item, dict) and "Benchmarks" in item)
    found = False

    def expand(entry):
        nonlocal found
        if entry == BENCHMARKS_PLACEHOLDER:
            found = True
            return sections
        if isinstance(entry, dict):
            return {key: expand(value) for key, value in entry.items()}
        if isinstance(entry, list):
            return [expand(item) for item in entry]
        return entry

    out = expand(nav)
    out = out if found else [*out, {"Benchmarks": sections}]
    claims = [item for item in generated if isinstance(item, dict) and item.get("Relative claims") == "claims.md"]
    return out if not claims or _lists(out, "claims.md") else [*out, *claims]


def _lists(entry, page: str) -> bool:
    """Whether a nav (or part of one) names this page anywhere."""
    if isinstance(entry, dict):
        return any(_lists(value, page) for value in entry.values())
    if isinstance(entry, list):
        return any(_lists(item, page) for item in entry)
    return entry == page


def _search_plugin(config):
    """Material's search plugin when it is on (it has a search_index only then)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search if search is not None and search.config.get("enabled", True) else None


class LeaderboardConfig(Config):
    # Not `data`: a Config is a UserDict, whose own `data` attribute that name would shadow.
    data_dir = config_options.Type(str, default="data")
    chart_cache = config_options.Type(str, default=".cache/leaderboard")
    # The licence of the data (an SPDX or Open Definition id such as CC-BY-4.0): in the footer and in
    # datapackage.json. No default: it is the data owner's choice.
    data_license = config_options.Optional(config_options.Type(str))
    # A folder of page templates that replace the packaged ones of the same name (site/templates.py).
    templates_dir = config_options.Optional(config_options.Type(str))
    # The site's repository (https://github.com/OWNER/NAME): hand-written pages link to it and to its result
    # form as [text](leaderboard:repo/PATH) and [text](leaderboard:issue-form). Not MkDocs' repo_url, with
    # which the theme asks GitHub's API for the repository's stars on every page view.
    repository = config_options.Type(str, default="")
    # A static SVG of every chart inside <noscript>, for readers without JavaScript. Off by default: at
    # 2,000 papers drawing them took three times as long as the rest of the build, and without them those
    # readers are pointed to the table above each chart, which (with its CSV) holds every value it draws.
    static_charts = config_options.Type(bool, default=False)


class _WrittenBySite(File):
    """A file the plugin writes into the site itself (a download table's CSV or JSON): MkDocs copies nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class LeaderboardPlugin(BasePlugin[LeaderboardConfig]):
    """Registered under the `mkdocs.plugins` entry point as `leaderboard`."""

    def __init__(self) -> None:
        super().__init__()
        self.corpus: Corpus | None = None  # set by `leaderboard build`, which has validated already
        self.charts: ChartCache | None = None
        self.generated: Generated | None = None
        self._scratch: str | None = None
        self.static_charts = False
        self._helper: offload.Helper | None = None
        self._downloads: Future | None = None  # the download files being written into the site

    def preset(self, corpus: Corpus, cache: Path | None, static_charts: bool = False) -> None:
        """Use an already validated corpus and this chart cache (None: draw every chart); static_charts turns
        the option on whatever the configuration says."""
        self.corpus, self.charts = corpus, ChartCache(cache) if cache else None
        self.static_charts = static_charts

    def _relative(self, config, path: str) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return Path(os.path.normpath(base / path))

    def on_config(self, config):
        corpus = self.corpus or self._validated(self._relative(config, self.config.data_dir))
        if self.corpus is None and self.config.chart_cache:
            self.charts = ChartCache(self._relative(config, self.config.chart_cache))
        info = manifest.build_info(corpus)
        docs = Path(config.docs_dir)
        extra = site_config.extra_pages(docs if docs.is_dir() else None)
        self._scratch = tempfile.mkdtemp(prefix="leaderboard-site-")
        license = self.config.data_license
        templates = self._templates(config)
        scratch = Path(self._scratch)
        self._helper = offload.Helper.for_papers(len(corpus.of_kind("paper")))
        self.generated = generate(
            corpus,
            info,
            scratch,
            extra,
            self.charts,
            config.site_name,
            license,
            templates,
            config.site_url,
            static_charts=self.static_charts or self.config.static_charts,
            helper=self._helper,
        )
        config.nav = self.generated.nav if config.nav is None else placed(config.nav, self.generated.nav)
        footer = info.footer() + (f" · data licence: {license}" if license else "")
        config.copyright = f"{config.copyright} · {footer}" if config.copyright else footer
        return config

    def _templates(self, config) -> Templates | None:
        if not self.config.templates_dir:
            return None
        folder = self._relative(config, self.config.templates_dir)
        if not folder.is_dir():
            raise PluginError(f"leaderboard: templates_dir '{folder}' is not a folder. Fix: create it or remove it.")
        return Templates(folder)

    def _validated(self, data: Path) -> Corpus:
        from ..validate import validate

        if not data.is_dir():
            raise PluginError(f"leaderboard: no data directory '{data}'. Fix: set the plugin's data_dir option.")
        report = validate(data)
        if not report.ok:
            lines = [diagnostics.format_text(d) for d in report.diagnostics]
            raise PluginError("leaderboard: the data does not validate:\n" + "\n".join(lines))
        return report.corpus

    def on_files(self, files: Files, /, *, config) -> Files:
        generated = self.generated
        assert generated is not None  # on_config made it
        for src_uri, text in generated.pages.items():
            if (mine := files.get_file_from_path(src_uri)) is not None:
                files.remove(mine)  # a generated page replaces a hand-written file of the same name
            hidden = InclusionLevel.NOT_IN_NAV if src_uri.startswith("papers/") else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=text, inclusion=hidden))
        for path in sorted(generated.static.rglob("*")):
            src_uri = path.relative_to(generated.static).as_posix()
            if path.is_dir() or (src_uri.startswith(_OVERRIDABLE) and files.get_file_from_path(src_uri)):
                continue
            if (mine := files.get_file_from_path(src_uri)) is not None:
                files.remove(mine)
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        self._write_downloads(files, config)
        # In the order MkDocs gives files found on disk, so the search index reads the same either way.
        return Files(sorted(files, key=file_sort_key))

    def _write_downloads(self, files: Files, config) -> None:
        """The download tables' files, written by the helper straight into the site (MkDocs has emptied it by
        now) while MkDocs renders the pages; MkDocs knows them, so links to them validate, and copies none."""
        assert self.generated is not None and self._helper is not None
        folder = Path(config.site_dir) / "downloads"
        names = [f"{name}{suffix}" for name, _, _ in self.generated.downloads for suffix in (".csv", ".json")]
        for name in [*names, manifest.CHECKSUMS]:
            src_uri = f"downloads/{name}"
            if (mine := files.get_file_from_path(src_uri)) is not None:
                files.remove(mine)
            files.append(_WrittenBySite.generated(config, src_uri, content=b""))
        self._downloads = self._helper.submit(offload.write_downloads, self.generated.downloads, folder)

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        return linked(on_page_markdown(markdown, page), self.config.get("repository") or None)

    def on_template_context(self, context, /, *, template_name: str, config):
        """The 404 page is served at any missing address, so its links cannot be relative to where it is.
        MkDocs makes them root-absolute ('/assets/...'), which breaks a site under a subpath (a project's
        GitHub Pages). With site_url they start with the full address instead; without it, relative to the
        site's top folder, where a missing top-level page is served from."""
        if template_name == "404.html":
            base = context["base_url"] = config.site_url.rstrip("/") if config.site_url else "."
            context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(path), None, base) for path in config.extra_javascript]
        return context

    def on_env(self, env, /, *, config, files):
        navcache.install(env)  # the sidebar of pages outside the navigation, rendered once per folder
        return env

    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        return on_page_content(html, page)

    @event_priority(100)  # before the search plugin (priority 0)
    def _before_search(self, context, /, *, page, config, nav):
        search = _search_plugin(config)
        index = getattr(search, "search_index", None) if search is not None else None
        lean_for_search(page, index, self.generated.searched if self.generated is not None else None)
        return context

    @event_priority(-100)  # after it, before the theme renders the page
    def _after_search(self, context, /, *, page, config, nav):
        whole_again(page, searched=_search_plugin(config) is not None)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_serve(self, server, /, *, config, builder):
        server.watch(str(self._relative(config, self.config.data_dir)))
        return server

    def on_post_build(self, *, config) -> None:
        try:
            if self._downloads is not None:
                downloads = Path(config.site_dir) / "downloads"
                sums = self._downloads.result() | {DATAPACKAGE: manifest.sha256_file(downloads / DATAPACKAGE)}
                manifest.write_sums(downloads, sums)
            broken = broken_links(Path(config.site_dir), self._helper.submit if self._helper is not None else None)
            if broken:
                raise PluginError("broken internal links:\n" + "\n".join(broken[:50]))
            manifest.seal(Path(config.site_dir))
        finally:
            self._cleanup()

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        self._downloads = None
        if self._helper is not None:
            self._helper.close()
            self._helper = None
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
