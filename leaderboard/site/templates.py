"""Jinja2 templates for every generated page, and how an adopter overrides one part of a page.

The HTML of the generated pages lives in leaderboard/templates/ (package data), one small template per page
part, so a site can restyle one part without copying the rest:

    benchmark.html  paper.html  home.html  downloads.html  changelog.html  schema.html
    partials/result_table.html  partials/value_cell.html  partials/status_cell.html  partials/chart.html
    partials/metrics.html  partials/conditions.html  partials/rows_left_out.html  partials/change.html
    partials/schema_object.html  partials/group.html  partials/not_comparable.html  partials/download.html
    partials/claims_table.html  partials/evidence_cell.html  claims.html

Overriding works like Material's `custom_dir`: Templates(override=folder) looks a name up in folder first and
in the packaged templates second, so a folder holding only partials/chart.html changes the charts and nothing
else. Templates() (the default, and what templates=None means in every page function) is the packaged set.
The per-row parts, partials/value_cell.html, partials/status_cell.html and partials/evidence_cell.html, each
define a macro of the same name taking the row (an include per row copies the whole context and took twice as long to
render); an override of them keeps that macro.

Escaping is the engine's job, not the template author's. Every `{{ value }}` goes through a finalize hook that
escapes it with html.esc(), which also makes invisible direction and zero-width characters visible
(`<U+202E>`), so an override that prints a contributed field is as safe as the packaged template without
remembering a filter; only markupsafe.Markup (an already escaped fragment, or `|safe`) passes unchanged.
Autoescaping is on too, so what macros and `{% set %}` blocks return is Markup and never escaped twice, and
`|e` is the same escaper. Caveat for overrides: `~` with a Markup operand, `join` over a list holding Markup,
and filters that escape by themselves (urlize, xmlattr) use markupsafe's escaper, which escapes but does not
show invisible characters; print contributed text with plain `{{ }}`.

A page is YAML front matter (title and description escaped once, html.front_matter, written here rather
than in a template so no override can get it wrong) and then the template's one
`<div class="lb-..." markdown="0">...</div>` block, which the MkDocs plugin passes through without running
Markdown over it. Templates.page() refuses a rendered page that is not one such block: Markdown would
otherwise run over contributed text ('{: onclick=... }' is an attribute list to it).

Formatting helpers are filters: number, kind_words, kind_short, form_words (how a claim's change is
expressed), unit_words, unit_symbol, source_words,
result_value (a result row's value as text) and the global value_text(kind, value, low, high, unit, std).
Templates are trusted code of the site (not sandboxed); contributed text only ever reaches them as variables,
never as template source.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..formatting import form_words, kind_short, kind_words, number, unit_symbol, unit_words, value_text
from .html import esc, front_matter

SOURCE_WORDS = {
    "paper": "self-reported",
    "lab_report": "lab report",
    "leaderboard": "from a leaderboard",
    "reproduction": "independent reproduction",
    "library_reproduction": "reproduced by a model library",
    "model_card": "self-reported (model card)",
}

# The shape the MkDocs plugin (mkdocs_plugin._RAW_PAGE) recognises as a finished page.
_ONE_BLOCK = re.compile(r'\A<div class="lb-[a-z]+" markdown="0">.*</div>\Z', re.DOTALL)


class PageTemplateError(ValueError):
    """A page template rendered something that is not one `<div class="lb-..." markdown="0">` block."""


def shown(value: object) -> Markup:
    """Every printed value: Markup unchanged, anything else escaped by esc() (None prints nothing).

    Used as the Environment's finalize hook, so it applies to every `{{ }}` without a filter. Anything with
    __html__ is returned as it is: Jinja's autoescape step then takes its HTML, once."""
    if type(value) is not str and hasattr(value, "__html__"):  # str first: the common case, and the cheap test
        return value  # type: ignore[return-value]
    return Markup(esc(value))


def source_words(source_type: str) -> str:
    return SOURCE_WORDS.get(source_type, source_type)


def result_value(row: Mapping) -> str:
    """A result row's value as text ('≥ 74.0%', '1.5–2.0×', '50.5 ± 0.2'), as on the tables and charts."""
    return value_text(row["value_kind"], row["value"], row["low"], row["high"], row["unit"], row["std"])


class Templates:
    """The template environment: an optional override folder first, then the packaged templates.

    One instance renders any number of pages (Jinja compiles each template once), so a build makes one and
    passes it to every page function; None there means default_templates()."""

    def __init__(self, override: str | os.PathLike[str] | None = None) -> None:
        loaders: list[BaseLoader] = []
        if override is not None:
            if not os.path.isdir(override):
                raise NotADirectoryError(f"templates folder {os.fspath(override)!r} is not a directory")
            loaders.append(FileSystemLoader(os.fspath(override)))
        loaders.append(PackageLoader("leaderboard", "templates"))
        self.override = override
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            finalize=shown,
            undefined=StrictUndefined,  # a misspelt variable in an override fails the build, not a blank cell
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,
        )
        self.env.filters.update(
            e=shown,
            escape=shown,
            number=number,
            kind_words=kind_words,
            form_words=form_words,
            kind_short=kind_short,
            unit_symbol=unit_symbol,
            unit_words=unit_words,
            source_words=source_words,
            result_value=result_value,
        )
        self.env.globals.update(value_text=value_text)

    def render(self, name: str, **context: object) -> Markup:
        """One template (a page's block or a partial) as an HTML fragment, stripped of outer whitespace."""
        return Markup(self.env.get_template(name).render(**context).strip())

    def page(self, name: str, title: str, description: str = "", *, meta: dict | None = None, **context: object) -> str:
        """A whole generated page: front matter (meta: the page's own Material settings, such as
        {"hide": ["toc"]}), then the template's one lb- block and a final newline."""
        block = self.render(name, **context)
        if not _ONE_BLOCK.match(block):
            raise PageTemplateError(
                f'template {name} must render one <div class="lb-..." markdown="0">...</div> block '
                f"and nothing around it; it starts with {block[:60]!r}"
            )
        return front_matter(title, description, meta) + str(block) + "\n"  # str: Markup + str would escape the YAML


@functools.cache
def default_templates() -> Templates:
    """The packaged templates, made once per process."""
    return Templates()


def resolve(templates: Templates | None) -> Templates:
    """What a page function's `templates=None` means: the packaged defaults."""
    return templates if templates is not None else default_templates()
