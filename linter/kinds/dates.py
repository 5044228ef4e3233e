"""Kind ``dates``: every date written in the notice is a real calendar date.

Checks (option ``check``): ``invalid`` (``2月30日``, ``13月``, a range end such
as ``至31日`` in a 30-day month). Years missing from a date are taken from the
nearest year written before it.
"""
from __future__ import annotations

from ..dates import find_dates
from ..model import Hit, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {"check": {"enum": ["invalid"]}},
}


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    mentions = ctx.memo("dates", lambda: find_dates(ctx.doc.text))
    for rule in rules:
        if rule.options["check"] == "invalid":
            for m in mentions:
                if not m.valid:
                    yield rule, Hit(m.start, m.end, {"year": m.year or "", "month": m.month, "day": m.day or ""})
