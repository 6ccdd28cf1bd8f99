"""Every semantic rule, in run order: what it checks, which files it sees, which codes it may emit.

A rule's check is a function of (Context, Source) for scope "file", or of the Context alone for scope
"corpus", that yields Diagnostics. Kind "*" rules see every file; "paper", "benchmark" and "vocabulary" rules
see the files of that kind. `codes` is a promise: tests/test_validate.py fails when a rule emits another code,
or when a code a check can emit is not declared. Loading (LB001-LB008, LB118, LB120, LB121, and LB122 for an
integer beyond 2^53) and the JSON Schema step (rules.schema, LB010-LB015) come before the rules and are not in
this list; run_rules reports a rule that raises as LB900.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import benchmark, claims, cross_file, every_file, file_evidence, paper, vocabulary, wording
from .context import Found


@dataclass(frozen=True)
class Rule:
    """One check: which files it sees (scope, kind), the codes it may emit, and what it checks in one line."""

    name: str  # the check's function name, as an LB900 message names it
    scope: Literal["file", "corpus"]
    kind: str  # "paper", "benchmark", "vocabulary", or "*" for every file (a corpus rule: "*")
    codes: frozenset[str]
    check: Callable[..., Found]
    description: str


def _rule(scope: Literal["file", "corpus"], kind: str, codes: str, check: Callable[..., Any], description: str) -> Rule:
    return Rule(check.__name__, scope, kind, frozenset(codes.split()), check, description)


RULES: tuple[Rule, ...] = (
    # every file
    _rule("file", "*", "LB112", every_file.finite_numbers, "no NaN or infinity anywhere in the file"),
    _rule("file", "*", "LB119", every_file.no_invisible_characters, "no zero-width or bidi-override character"),
    _rule("file", "*", "LB110", every_file.file_name_matches_id, "the file is named <id>.yaml"),
    _rule("file", "*", "LB123", every_file.id_not_reserved_on_windows, "the id is not a Windows device name"),
    _rule("file", "*", "LB009", every_file.schema_comment, "line 1 is the yaml-language-server schema comment"),
    # papers: results
    _rule("file", "paper", "LB111", paper.date_not_in_future, "the paper's date is not after today"),
    _rule("file", "paper", "LB101", paper.known_benchmark, "a result's benchmark is in data/benchmarks/"),
    _rule("file", "paper", "LB102", paper.declared_metrics, "a result's metrics are its benchmark's"),
    _rule("file", "paper", "LB103", paper.declared_conditions, "a result's conditions are its benchmark's"),
    _rule("file", "paper", "LB107", paper.allowed_condition_values, "a condition with listed values has one of them"),
    _rule("file", "paper", "LB106", paper.required_conditions, "a result gives every required condition"),
    _rule(
        "file",
        "paper",
        "LB104 LB113",
        paper.values_backed_by_evidence,
        "every number of a result is in its quote (LB113 when it is the quote's percentage as a fraction)",
    ),
    _rule("file", "paper", "LB105", paper.values_in_range, "a result's numbers are in its metric's min..max"),
    _rule("file", "paper", "LB114", paper.ranges_not_reversed, "a result's range runs from low to high"),
    _rule("file", "paper", "LB122", paper.derived_numbers_fit, "value ± std and the parameter count stay finite"),
    _rule("file", "paper", "LB116", paper.status_has_reason, "a withdrawn or superseded result says why"),
    _rule("file", "paper", "LB115", paper.superseded_by_a_paper, "a superseded result names another paper"),
    # papers: claims
    _rule("file", "paper", "LB101", claims.claim_benchmarks_known, "a claim's benchmarks are in data/benchmarks/"),
    _rule("file", "paper", "LB102", claims.claim_metric_declared, "a claim's metric is its benchmark's"),
    _rule("file", "paper", "LB103", claims.claim_conditions_declared, "a claim's conditions are its benchmark's"),
    _rule("file", "paper", "LB107", claims.claim_condition_values, "a claim's condition has a listed value"),
    _rule(
        "file",
        "paper",
        "LB131 LB132",
        claims.claim_condition_terms,
        "a claim's condition value is a canonical vocabulary name (LB131 an alias, LB132 not in it)",
    ),
    _rule(
        "file",
        "paper",
        "LB131 LB132",
        claims.claim_baseline_and_area,
        "a claim's baseline and area are canonical vocabulary names (LB131 an alias, LB132 not in it)",
    ),
    _rule("file", "paper", "LB104", claims.claim_numbers_in_quote, "every number of a claim's change is in its quote"),
    _rule("file", "paper", "LB136", claims.claim_change_unsigned, "a claim's change is unsigned"),
    _rule("file", "paper", "LB114", claims.claim_range_not_reversed, "a claim's range runs from low to high"),
    _rule("file", "paper", "LB116", claims.claim_status_has_reason, "a withdrawn claim says why"),
    _rule("file", "paper", "LB108", claims.duplicate_claims, "no claim twice in one paper"),
    # papers: imported results
    _rule("file", "paper", "LB140", file_evidence.imported_values_in_quote, "an imported value is in its quote"),
    _rule("file", "paper", "LB141", file_evidence.imported_metrics_have_pointers, "an imported metric has a pointer"),
    _rule(
        "file",
        "paper",
        "LB142",
        file_evidence.imported_values_match_file,
        "the local copy of an imported file has its sha256 and each value its pointer names",
    ),
    # benchmarks
    _rule("file", "benchmark", "LB117", benchmark.ids_declared_once, "no metric or condition id declared twice"),
    _rule("file", "benchmark", "LB117", benchmark.primary_metric_declared, "the primary metric is a declared one"),
    _rule(
        "file",
        "benchmark",
        "LB117",
        benchmark.tradeoff_declared,
        "the trade-off axis is parameters or a non-primary metric, its conditions declared ones",
    ),
    _rule("file", "benchmark", "LB117", benchmark.metric_bounds_ordered, "a metric's min is not above its max"),
    # vocabularies, and the values that must come from them
    _rule("file", "vocabulary", "LB135", vocabulary.terms_declared_once, "no spelling belongs to two terms"),
    _rule(
        "file",
        "benchmark",
        "LB134",
        vocabulary.grouping_conditions_say_their_values,
        "a grouping condition declares exactly one of values, vocabulary, free_text",
    ),
    _rule("file", "benchmark", "LB133", vocabulary.known_vocabularies, "a named vocabulary is in data/vocabularies/"),
    _rule(
        "file",
        "benchmark",
        "LB131 LB132",
        vocabulary.benchmark_area_term,
        "a benchmark's area is a canonical name of the areas vocabulary (LB131 an alias, LB132 not in it)",
    ),
    _rule(
        "file",
        "paper",
        "LB131 LB132",
        vocabulary.result_condition_terms,
        "a result's condition value is a canonical vocabulary name (LB131 an alias, LB132 not in it)",
    ),
    # the words of a quote
    _rule("file", "paper", "LB130", wording.kind_follows_words, "a value's kind follows the words beside it"),
    # across files
    _rule("corpus", "*", "LB108", cross_file.duplicate_results, "no result twice, in one paper or two files"),
    _rule("corpus", "*", "LB109", cross_file.one_file_per_arxiv_id, "one file per arXiv id"),
)
