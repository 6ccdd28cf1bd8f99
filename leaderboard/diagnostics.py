"""Diagnostics: one code table, one record type, three output formats.

Every problem a contributor can cause has a stable code so CI logs, docs and tests can refer to it;
the message and the fix live here once, and rules only supply the specifics.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field

#: code -> (short title, default fix). Rules must only emit codes listed here.
CODES: dict[str, tuple[str, str]] = {
    "LB001": ("YAML syntax error", "correct the YAML syntax at the position shown"),
    "LB002": ("duplicate key", "keep one of the keys; YAML would silently drop the other value"),
    "LB003": ("anchor or alias", "write the value out in full; anchors (&) and aliases (*) are not accepted"),
    "LB004": ("custom tag", "remove the tag (!...); only plain YAML values are accepted"),
    "LB005": ("not exactly one document", "put exactly one YAML document (a mapping) in the file"),
    "LB006": ("not UTF-8 text", "save the file as UTF-8 text without control characters"),
    "LB007": ("file too large", "split the file or shorten it; one paper's entries are far smaller"),
    "LB008": (
        "file in the wrong place",
        "put papers in data/papers/, benchmarks in data/benchmarks/ and vocabularies in data/vocabularies/, "
        "as .yaml files",
    ),
    "LB009": ("schema comment line missing", "make the first line the yaml-language-server $schema comment shown"),
    "LB010": ("unknown field", "remove or rename the field"),
    "LB011": ("missing field", "add the field"),
    "LB012": ("wrong type", "give a value of the expected type"),
    "LB013": ("invalid format", "follow the format described for this field"),
    "LB014": ("value not allowed", "use one of the allowed values"),
    "LB015": ("invalid value structure", "a range gives low and high; every other kind gives value"),
    "LB101": ("unknown benchmark", "use the id of a file in data/benchmarks/ or add that benchmark"),
    "LB102": ("unknown metric", "use a metric id declared by the benchmark"),
    "LB103": ("unknown condition", "use a condition id declared by the benchmark, or propose it in the benchmark file"),
    "LB104": ("value not in evidence", "copy the quote verbatim so it contains the number, or correct the number"),
    "LB105": ("value out of range", "check the number and its unit against the metric's definition"),
    "LB106": ("required condition missing", "state the condition; write 'not stated' if the source does not say"),
    "LB107": ("condition value not allowed", "use one of the benchmark's values for this condition, or 'not stated'"),
    "LB108": ("duplicate result", "keep one entry for this model, benchmark and conditions"),
    "LB109": ("arXiv id used twice", "merge the two files: one paper, one file"),
    "LB110": ("file name does not match id", "rename the file to <id>.yaml or change the id"),
    "LB111": ("date in the future", "use the date of the first public version"),
    "LB112": ("non-finite number", "give a finite number; NaN and infinity are not results"),
    "LB113": ("percent given as a fraction", "write percentages on the 0-100 scale as printed (53.1, not 0.531)"),
    "LB114": ("range is reversed", "put the smaller number in low and the larger in high"),
    "LB115": ("superseded without a valid successor", "set superseded_by to the id of an existing paper"),
    "LB116": ("status without a reason", "add status_reason saying why the result was withdrawn or superseded"),
    "LB117": ("inconsistent benchmark definition", "make the benchmark's metric and condition references consistent"),
    "LB118": ("symlink in data", "replace the symlink by a regular file inside data/"),
    "LB119": ("invisible or direction-changing character", "delete the character; it can disguise what a reader sees"),
    "LB120": (
        "control character or non-character",
        "delete the character or the escape that writes it (\\0, \\e, \\x.., \\u.., \\N); "
        "charts, feeds and spreadsheets cannot carry it",
    ),
    "LB121": (
        "key is not text",
        'quote the key ("1": instead of 1:); unquoted, YAML reads 1, 1.5, yes, no, on, off and ~ as numbers, '
        "true/false or null",
    ),
    "LB122": (
        "number out of range",
        "give the number as the source prints it; tables and charts hold integers up to 2^53 and finite sums "
        "(if the value is text, quote it)",
    ),
    "LB123": (
        "id reserved on Windows",
        "choose another id (and file name): con, prn, aux, nul, com0-com9 and lpt0-lpt9 cannot be files on Windows, "
        "so the repository could not be checked out there",
    ),
    "LB130": (
        "value kind does not follow the words",
        "set kind to what the words beside the number say: 'up to' -> up_to, 'over'/'more than'/'at least' -> "
        "at_least, 'about'/'~'/'nearly' -> approximate, 'a-b' -> range; point only for a bare number",
    ),
    "LB131": ("alias instead of the canonical name", "write the canonical name the vocabulary gives for this alias"),
    "LB132": (
        "value not in the vocabulary",
        "use a name from the vocabulary, or add a term (with the aliases sources write) to its file",
    ),
    "LB133": ("unknown vocabulary", "use the id of a file in data/vocabularies/, or add that vocabulary"),
    "LB134": (
        "grouping condition without a value kind",
        "declare values: [...], vocabulary: <id> or free_text: true (exactly one), so two spellings cannot split "
        "a comparison group unnoticed",
    ),
    "LB135": ("term declared twice", "keep one term for each name; a spelling may be the name or an alias of one term"),
    "LB136": (
        "signed change",
        "write the size of the change without a sign and say the way in direction: increase or decrease",
    ),
    "LB140": (
        "imported value not in its quote",
        "the quote of an imported result is the file's text of the value; import the file again",
    ),
    "LB141": (
        "imported metric without a pointer",
        "give the JSON pointer of each metric's value in evidence.file.pointers",
    ),
    "LB142": (
        "imported value does not match its file",
        "import the file again, or restore the version whose sha256 is recorded",
    ),
    "LB900": ("internal error", "report this as a bug; the other checks still ran"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. Ordered by file then position so output is stable."""

    path: str
    line: int = 0
    col: int = 0
    code: str = "LB900"
    field: str = ""
    message: str = ""
    fix: str = ""
    severity: str = dc_field(default="error", compare=False)
    #: JSON path inside the document; used to find the line when the file has errors.
    pointer: tuple = dc_field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")

    @property
    def fix_text(self) -> str:
        return (self.fix or CODES[self.code][1]).rstrip(".")


def format_pointer(pointer: tuple) -> str:
    """results[2].metrics.ap: the form contributors see in the YAML."""
    text = ""
    for part in pointer:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _one_line(text: str) -> str:
    """Contributed text (field names, values) may hold newlines or escapes; a log line must stay one line,
    so a value can never start a line of its own (e.g. a '::error::' workflow command in CI logs)."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def format_text(diag: Diagnostic) -> str:
    where = f"{_one_line(diag.path)}:{diag.line}:{diag.col}"
    field_part = f" {_one_line(diag.field)}:" if diag.field else ""
    message = _one_line(diag.message.rstrip("."))
    return f"{where}: {diag.severity} {diag.code}{field_part} {message}. Fix: {_one_line(diag.fix_text)}."


def _escape_data(text: str) -> str:
    """As actions/toolkit escapeData (% CR LF percent-encoded), so a contributor string cannot end the
    annotation and start a new workflow command. Any other character that is not printable (NEL, U+2028,
    form feed, other controls) is written as its Python escape, as in text output: the runner splits only on
    CR and LF, but a log viewer or a later tool that splits on every line break must still see one line."""
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in encoded)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diag: Diagnostic) -> str:
    props = ",".join(
        [
            f"file={_escape_property(diag.path)}",
            f"line={diag.line}",
            f"col={diag.col}",
            f"title={_escape_property(diag.code + ' ' + CODES[diag.code][0])}",
        ]
    )
    body = (
        f"{diag.field}: {diag.message.rstrip('.')}. Fix: {diag.fix_text}."
        if diag.field
        else (f"{diag.message.rstrip('.')}. Fix: {diag.fix_text}.")
    )
    return f"::{diag.severity} {props}::{_escape_data(body)}"


def to_json(diags: list[Diagnostic]) -> str:
    rows = []
    for d in diags:
        row = asdict(d)
        row.pop("pointer")
        row["fix"] = d.fix_text
        row["title"] = CODES[d.code][0]
        rows.append(row)
    return json.dumps({"diagnostics": rows, "errors": len(rows)}, indent=2, sort_keys=True, ensure_ascii=False)


def summary(diags: list[Diagnostic], n_files: int) -> str:
    if not diags:
        return f"{n_files} files checked, no problems."
    files = len({d.path for d in diags})
    noun = "error" if len(diags) == 1 else "errors"
    return f"{len(diags)} {noun} in {files} of {n_files} files."
