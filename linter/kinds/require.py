"""Kind ``require``: something must be present in a scope.

Options: ``regex`` (any match satisfies the rule) and ``scope``. The finding is
placed at the start of the scope, or at line 1 when the scope itself is empty.
"""
from __future__ import annotations

import re

from .. import rx
from ..model import Hit, Rule
from .pattern import validate_options as _validate_regexes
from .scopes import SCOPE_SCHEMA, ranges

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["regex"],
    "properties": {
        "regex": {"type": "string", "minLength": 1},
        "scope": SCOPE_SCHEMA,
        "what": {"type": "string", "description": "What is missing, for the message ({what})."},
    },
}



validate_options = _validate_regexes  # the same regex checks as the pattern kind


def prepare(rules: list[Rule]):
    return [(r, rx.compile(r.options["regex"], re.MULTILINE)) for r in rules]


def check(ctx, state):
    text = ctx.doc.text
    for rule, pat in state:
        spans = ranges(ctx, rule.options.get("scope", "document"))
        if any(rx.search(pat, text, s, e) for s, e in spans):
            continue
        at = spans[0][0] if spans else 0
        yield rule, Hit(at, at, {"what": rule.options.get("what", ""), "scope": rule.options.get("scope", "document")})
