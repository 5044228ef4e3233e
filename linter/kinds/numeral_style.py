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


Term = tuple[Rule, re.Pattern, str]  # the rule, the term's regex, how 2 is written


class Prepared:
    """The terms in order, and the character that every match of a term starts with when two or more
    terms share it (``第`` for 第6次全会, 第6轮巡察, 第6巡察组): that character's places are found by one
    scan of the text and each of those terms is matched only there, not scanned for on its own."""

    __slots__ = ("terms", "shared_first", "finders")

    def __init__(self, terms: list[Term], shared_first: list[str | None], finders: dict[str, re.Pattern]):
        self.terms = terms
        self.shared_first = shared_first  # per term: its shared first character, or None
        self.finders = finders  # shared first character -> the pattern that finds it


def prepare(rules: list[Rule]) -> Prepared:
    terms = [(rule, rx.compile(t["regex"]), t.get("two", "二")) for rule in rules for t in rule.options["terms"]]
    firsts = [_only_first(pat) for _rule, pat, _two in terms]
    shared = [c if c is not None and firsts.count(c) > 1 else None for c in firsts]
    return Prepared(terms, shared, {c: rx.compile(re.escape(c)) for c in shared if c is not None})


def _only_first(pat: re.Pattern) -> str | None:
    """The one character every non-empty match of ``pat`` starts with, or None."""
    chars = rx.first_chars(pat)
    return next(iter(chars)) if chars is not None and len(chars) == 1 else None


def chinese(n: int, two: str) -> str:
    return two if n == 2 else int_to_cn(n)


def check(ctx, state: Prepared):
    text = ctx.doc.text
    places: dict[str, list[int]] = {}
    for (rule, pat, two), first in zip(state.terms, state.shared_first):
        if first is None:
            matches = rx.finditer(pat, text)
        else:
            if first not in places:
                places[first] = [m.start() for m in rx.finditer(state.finders[first], text)]
            matches = _matches_at(pat, text, places[first])
        for m in matches:
            hit = _hit(m, two)
            if hit is not None:
                yield rule, hit


def _matches_at(pat: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``pat.finditer(text)``'s matches, found by matching only at ``starts``, the places of the character
    every non-empty match starts with. A term that matches empty at one of them (where finditer could
    find a non-empty match after the empty one) is scanned for as usual."""
    match = pat.match
    out: list[re.Match] = []
    last = 0
    for s in starts:
        if s < last:
            continue
        m = match(text, s)
        if m is not None:
            if m.end() == s:
                return list(rx.finditer(pat, text))
            out.append(m)
            last = m.end()
    return out


def _hit(m: re.Match, two: str) -> Hit | None:
    """The finding for a term's match: its number written in Chinese (None when it holds no number 1..99)."""
    digits = m.group("n")
    if digits is None:
        return None
    try:
        n = int(digits)
    except ValueError:
        return None
    if not 1 <= n <= 99:
        return None
    s, e = m.span("n")
    cn = chinese(n, two)
    term = m.group(0)
    fixed = term[: s - m.start()] + cn + term[e - m.start() :]
    return Hit(s, e, {"term": term, "fixed": fixed}, replacement=cn)
