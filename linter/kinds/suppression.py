"""Kind ``suppression``: problems with the suppression comments of Markdown notices.

Options: ``check``: ``invalid`` (a ``<!-- noticelint-… -->`` comment with an
unknown directive or a token that is neither a rule code nor a rule name;
reported by :func:`check` like any kind) or ``unused`` (a suppression that
suppressed nothing). Whether a suppression was used is only known after every
other rule ran, so ``unused`` findings come from the engine's post-lint filter
(:func:`linter.suppress.filter_findings`), which calls :func:`unused_hits`.
"""
from __future__ import annotations

from ..model import Hit, Rule
from .options import check_options

CHECKS = ["invalid", "unused"]

OPTIONS_SCHEMA = check_options(CHECKS)


def prepare(rules: list[Rule]):
    return rules


def directives_of(ctx):
    """The parsed suppression comments of a document, once per document (empty unless Markdown)."""
    from ..suppress import Parsed, parse

    def make():
        if ctx.doc.kind != "markdown":
            return Parsed([], [])
        return parse(ctx.doc)

    return ctx.memo("suppression-directives", make)


def check(ctx, state):
    invalid_rules = [r for r in state if r.options.get("check") == "invalid"]
    if not invalid_rules or ctx.doc.kind != "markdown":
        return
    parsed = directives_of(ctx)
    for rule in invalid_rules:
        for bad in parsed.invalid:
            yield rule, Hit(bad.start, bad.end, {"token": bad.token})


def unused_hits(directives, rules: list[Rule], enabled: set[str]):
    from ..suppress import unused

    unused_rules = [r for r in rules if r.kind == "suppression" and r.options.get("check") == "unused"]
    if not unused_rules:
        return
    for start, end, what in unused(directives, enabled):
        for rule in unused_rules:
            yield rule, Hit(start, end, {"what": what})
