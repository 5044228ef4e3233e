"""Kind ``punctuation``: GB/T 15834 punctuation in Chinese text.

Each rule picks one ``check``; the document is analysed once (shared through
the context memo) and only for the checks that are active:

* ``halfwidth``: ``, ; : ? ! .`` inside Chinese text (fix: the full-width mark);
* ``halfwidth-brackets``: ``(中文)`` (fix: ``（中文）``);
* ``halfwidth-document``: most of the document's ``，；：？！（）`` are half-width,
  as after an NFKC-normalised web paste. One summary finding replaces the
  individual ``halfwidth``/``halfwidth-brackets`` findings of that document;
  options ``min_count`` (default 10) and ``min_share`` (default 0.5). Under
  ``--fix`` the summary expands into one fix per mark;
* ``unbalanced-brackets`` / ``unbalanced-quotes`` / ``mixed-width``: paired marks
  (see punctuation_pairs);
* ``doubled``, ``ellipsis``, ``range-mark``, ``approx-chinese``, ``approx-arabic``,
  ``line-start``, ``line-end`` (see punctuation_marks).

Marks after heading ordinals (``一.`` ``1、`` ``(一)``) belong to the numbering
rules and are never reported here; nor is anything inside a URL or an e-mail
address.
"""
from __future__ import annotations

from typing import Any

from ..fixmode import fixing
from ..model import Hit, Issue, Rule
from .options import check_options
from . import punctuation_marks as marks
from . import punctuation_width as width
from .punctuation_pairs import check_pairs
from . import document_scan
from .punctuation_text import excluded_zones

CHECKS = [
    "halfwidth",
    "halfwidth-brackets",
    "halfwidth-document",
    "unbalanced-brackets",
    "unbalanced-quotes",
    "mixed-width",
    "doubled",
    "ellipsis",
    "range-mark",
    "approx-chinese",
    "approx-arabic",
    "line-start",
    "line-end",
]
PAIR_CHECKS = {"unbalanced-brackets", "unbalanced-quotes", "mixed-width"}
SUMMARISED = ("halfwidth", "halfwidth-brackets")
# checks that need no excluded zones, and those that need the document's scan neither
UNZONED = {"doubled", "line-start", "line-end"}
UNSCANNED = {"line-start", "line-end"}
DEFAULT_MIN_COUNT = 10
DEFAULT_MIN_SHARE = 0.5

OPTIONS_SCHEMA = check_options(
    CHECKS,
    min_count={"type": "integer", "minimum": 1, "description": "halfwidth-document: fewest half-width marks for a summary"},
    min_share={"type": "number", "exclusiveMinimum": 0, "maximum": 1, "description": "halfwidth-document: smallest half-width share of ，；：？！（）"},
)


def validate_options(opts: dict) -> tuple[str, str] | None:
    if opts.get("check") != "halfwidth-document":
        for key in ("min_count", "min_share"):
            if key in opts:
                return key, "only the 'halfwidth-document' check takes this option"
    return None


class Prepared:
    """The active checks and their compiled patterns (once per run)."""

    __slots__ = ("rules", "checks", "width", "marks", "min_count", "min_share")

    def __init__(
        self, rules: list[Rule], checks: set[str], width: width.Patterns, marks: marks.Patterns, min_count: int, min_share: float
    ):
        self.rules = rules
        self.checks = checks
        self.width = width
        self.marks = marks
        self.min_count = min_count  # halfwidth-document
        self.min_share = min_share

    def __repr__(self) -> str:
        return f"Prepared(checks={sorted(self.checks)}, min_count={self.min_count}, min_share={self.min_share})"


def prepare(rules: list[Rule]) -> Prepared:
    min_count, min_share = DEFAULT_MIN_COUNT, DEFAULT_MIN_SHARE
    for r in rules:
        if r.options["check"] == "halfwidth-document":
            min_count = int(r.options.get("min_count", DEFAULT_MIN_COUNT))
            min_share = float(r.options.get("min_share", DEFAULT_MIN_SHARE))
    checks = {r.options["check"] for r in rules}
    return Prepared(rules, checks, width.compile_patterns(), marks.compile_patterns(), min_count, min_share)


def analyse(ctx, state: Prepared) -> dict[str, list[Issue]]:
    """Issues by check, computed once per document for the active checks."""
    text = ctx.doc.text
    want = state.checks
    out: dict[str, list[Issue]] = {c: [] for c in CHECKS}
    if want - UNSCANNED:  # (found is read below only for these checks, zones only for those not UNZONED)
        found = document_scan.of(ctx)
    if want - UNZONED:
        zones = excluded_zones(ctx, found.triggers)
    if want & {"halfwidth", "halfwidth-document"}:
        out["halfwidth"] = width.halfwidth_marks(text, zones, state.width, found.half_marks)
    if want & {"halfwidth-brackets", "halfwidth-document"}:
        out["halfwidth-brackets"] = width.halfwidth_brackets(text, zones, state.width, found.pair_marks)
    if want & PAIR_CHECKS:
        edges = want & {"line-start", "line-end"}
        for i in check_pairs(ctx.doc, ctx.outline, zones, edges, found.pair_marks):
            out[i.check].append(i)
    if want & {"doubled", "ellipsis"}:
        if "doubled" in want:
            out["doubled"] = marks.doubled_marks(text, found.dot_runs)
        if "ellipsis" in want:
            out["ellipsis"] = marks.wrong_ellipses(text, zones, state.marks, found.ellipsis_hint, found.dot_runs)
    if "range-mark" in want:
        out["range-mark"] = marks.range_marks(text, zones, state.marks, found.range_marks)
    if want & {"approx-chinese", "approx-arabic"}:
        for i in marks.approximations(text, zones, state.marks):
            out[i.check].append(i)
    if want & {"line-start", "line-end"}:
        for i in marks.line_edges(ctx.doc):
            out[i.check].append(i)
    return out


def check(ctx, state: Prepared):
    issues = ctx.memo("punctuation", lambda: analyse(ctx, state))
    summary = _summary(ctx.doc.text, issues, state) if "halfwidth-document" in state.checks else None
    for rule in state.rules:
        wanted = rule.options["check"]
        if wanted == "halfwidth-document":
            if summary is not None:
                yield from _summary_hits(rule, summary, issues)
            continue
        if summary is not None and wanted in SUMMARISED:
            continue  # folded into the document summary
        for i in issues[wanted]:
            yield rule, Hit(i.start, i.end, i.params, replacement=i.replacement)


def _summary(text: str, issues: dict[str, list[Issue]], state: Prepared) -> dict[str, Any] | None:
    found = issues["halfwidth"] + issues["halfwidth-brackets"]
    half, share = width.nfkc_share(text, issues["halfwidth"], issues["halfwidth-brackets"], state.min_share)
    if not found or half < state.min_count or share < state.min_share:
        return None
    first = min(found, key=lambda i: i.start)
    return {"count": len(found), "share": round(share * 100), "start": first.start}


def _summary_hits(rule: Rule, summary: dict[str, Any], issues: dict[str, list[Issue]]):
    if fixing():
        for i in sorted(issues["halfwidth"] + issues["halfwidth-brackets"], key=lambda i: i.start):
            yield rule, Hit(i.start, i.end, {**i.params, "count": summary["count"], "share": summary["share"]}, replacement=i.replacement)
        return
    s = summary["start"]
    yield rule, Hit(s, s + 1, {"count": summary["count"], "share": summary["share"]})
