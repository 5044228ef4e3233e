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


def prepare(rules: list[Rule]):
    out = []
    for r in rules:
        flags = re.MULTILINE | (re.IGNORECASE if r.options.get("ignorecase") else 0)
        unless = r.options.get("unless")
        out.append((r, rx.compile(r.options["regex"], flags), rx.compile(unless) if unless else None))
    return out


def check(ctx, state):
    text = ctx.doc.text
    for rule, pat, unless in state:
        group = rule.options.get("group", 0)
        repl = rule.options.get("replacement")
        # a template without a backslash has nothing to expand (m.expand would parse it at every hit)
        literal = repl is not None and "\\" not in repl
        keys = [f"g{i}" for i in range(1, pat.groups + 1)]
        for start, end in ranges(ctx, rule.options.get("scope", "document")):
            for m in rx.finditer(pat, text, start, end):
                if m.end() == m.start():
                    continue
                if unless is not None and unless.search(m.group(0)):
                    continue
                s, e = m.span(group)
                if s < 0:
                    continue
                fix = repl if literal else m.expand(repl) if repl is not None else None
                params = dict(zip(keys, [g or "" for g in m.groups()]))
                yield rule, Hit(s, e, params, replacement=fix)
