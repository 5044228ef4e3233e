"""Kind ``pattern``: a regular expression that must not match in a scope.

Options: ``regex`` (Python syntax, compiled once per run), ``scope``, ``group``
(report only this group's span), ``replacement`` (an ``re`` template such as
``\\1至\\2``; the fix), ``unless`` (a regex tested against the matched text:
when it matches, the hit is dropped).
"""
from __future__ import annotations

import re

from .. import rx
from ..model import Hit, Rule
from .scopes import SCOPE_SCHEMA, ranges

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["regex"],
    "properties": {
        "regex": {"type": "string", "minLength": 1},
        "scope": SCOPE_SCHEMA,
        "group": {"type": ["integer", "string"]},
        "replacement": {"type": "string"},
        "unless": {"type": "string"},
        "ignorecase": {"type": "boolean"},
    },
}


def validate_options(opts: dict) -> tuple[str, str] | None:
    for key in ("regex", "unless"):
        if key in opts:
            try:
                rx.compile(opts[key])
            except re.error as e:
                return key, f"invalid regular expression: {e}"
    return None


class Prepared:
    """One rule with its options read and its regexes compiled (once per run, not per document)."""

    __slots__ = ("rule", "regex", "unless", "group", "replacement", "literal_fix", "keys", "scope")

    def __init__(self, rule: Rule):
        o = rule.options
        self.rule = rule
        self.regex = rx.compile(o["regex"], re.MULTILINE | (re.IGNORECASE if o.get("ignorecase") else 0))
        self.unless = rx.compile(o["unless"]) if o.get("unless") else None
        self.group: int | str = o.get("group", 0)
        self.replacement: str | None = o.get("replacement")
        # a template without a backslash has nothing to expand (m.expand would parse it at every hit)
        self.literal_fix = self.replacement is not None and "\\" not in self.replacement
        self.keys = tuple(f"g{i}" for i in range(1, self.regex.groups + 1))  # message parameters
        self.scope: str = o.get("scope", "document")


def prepare(rules: list[Rule]) -> list[Prepared]:
    return [Prepared(r) for r in rules]


def check(ctx, state: list[Prepared]):
    text = ctx.doc.text
    for p in state:
        for start, end in ranges(ctx, p.scope):
            yield from _hits(p, text, start, end)


def _hits(p: Prepared, text: str, start: int, end: int):
    """The rule's hits in text[start:end]."""
    rule, group, repl, literal_fix, unless, keys = p.rule, p.group, p.replacement, p.literal_fix, p.unless, p.keys
    for m in rx.finditer(p.regex, text, start, end):
        s, e = m.span()
        if s == e:
            continue
        if unless is not None and unless.search(m.group(0)):
            continue
        if group != 0:
            s, e = m.span(group)
            if s < 0:
                continue
        fix = repl if literal_fix else m.expand(repl) if repl is not None else None
        params = dict(zip(keys, [g or "" for g in m.groups()])) if keys else {}
        yield rule, Hit(s, e, params, fix)
