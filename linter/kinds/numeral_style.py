"""Kind ``numeral-style``: fixed expressions keep their Chinese numerals (GB/T 15835—2011 §4.2.3).

"已定型的含数字的词语…应采用汉字数字": ``二十届三中全会`` (not ``二十届3中全会``),
``中央八项规定``, ``党的二十大``, ``四个意识``, ``第六轮巡察``, ``市委第八巡察组``.

Options: ``terms``, a list of regexes (compiled once per run), each with a
named group ``n`` holding the Arabic number to report; ``two`` says how 2 is
written in that term (``两`` in ``两个维护``, ``二`` in ``二中全会``). The fix
replaces just the digits with the Chinese numeral, so it is safe.
"""
from __future__ import annotations

import re

from .. import rx
from ..model import Hit, Rule
from ..numerals import int_to_cn

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms"],
    "properties": {
        "terms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["regex"],
                "properties": {
                    "regex": {"type": "string", "minLength": 1, "description": "Python regex with a named group 'n' (1 to 99)"},
                    "two": {"enum": ["二", "两"], "default": "二"},
                },
            },
        }
    },
}


def validate_options(opts: dict) -> tuple[str, str] | None:
    for i, t in enumerate(opts.get("terms", [])):
        try:
            compiled = rx.compile(t["regex"])
        except re.error as e:
            return "terms", f"term {i}: invalid regular expression: {e}"
        if "n" not in compiled.groupindex:
            return "terms", f"term {i}: the regex has no named group 'n' for the number"
    return None


def prepare(rules: list[Rule]):
    out = []
    for rule in rules:
        for t in rule.options["terms"]:
            out.append((rule, rx.compile(t["regex"]), t.get("two", "二")))
    return out


def chinese(n: int, two: str) -> str:
    return two if n == 2 else int_to_cn(n)


def check(ctx, state):
    text = ctx.doc.text
    for rule, pat, two in state:
        for m in rx.finditer(pat, text):
            digits = m.group("n")
            if digits is None:
                continue
            try:
                n = int(digits)
            except ValueError:
                continue
            if not 1 <= n <= 99:
                continue
            s, e = m.span("n")
            cn = chinese(n, two)
            term = m.group(0)
            fixed = term[: s - m.start()] + cn + term[e - m.start() :]
            yield rule, Hit(s, e, {"term": term, "fixed": fixed}, replacement=cn)
