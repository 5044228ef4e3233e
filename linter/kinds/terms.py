"""Kind ``terms``: the words for the inspection itself are used consistently.

Checks (option ``check``):

* ``xuncha-typo``: ``巡查`` (routine patrol) written where ``巡察`` (the city
  and county inspection system) is meant. ``巡查`` is reported only with an
  inspection context right before it (option ``before``: ``市委``, ``第八``,
  ``第六轮``, ``巡视``…) or right after it (option ``after``: ``整改``,
  ``反馈``, ``意见``, ``组向``…), and never right after a patrol word (option
  ``not_before``: ``宿舍管理员每周巡查`` is a patrol and stays clean).
* ``mixed``: a notice about a 巡察 that calls the same event 巡视 (or the
  reverse). The notice's own word comes from its title, else from the team
  named in the lead (``第八巡察组``); without one the check is skipped.
  Occurrences inside an allowed context (option ``allow``: ``巡视巡察``,
  ``省委巡视``, ``中央巡视工作方针``, ``关于巡视工作重要论述``, ``上级巡视``…)
  are other events or fixed names and are not reported. Option ``report``
  says, per notice word, which occurrences of the other word are candidates
  (in a 巡视 notice only compounds such as ``巡察组``/``巡察整改`` are, since a
  county legitimately describes its own 巡察 system there).

The regex fragments live in the rule file, so an organisation can extend them;
they are compiled once per run.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .. import rx
from ..document import lines_holding
from ..model import Hit, Rule
from .options import check_options

OPTIONS_SCHEMA = check_options(
    ["xuncha-typo", "mixed"],
    before={"type": "string", "description": "regex: context right before 巡查 that means 巡察"},
    after={"type": "string", "description": "regex: context right after 巡查 that means 巡察"},
    not_before={"type": "string", "description": "regex: context right before 巡查 that means a patrol"},
    allow={"type": "array", "items": {"type": "string"}, "description": "regexes of contexts where the other word is correct"},
    report={
            "type": "object",
            "additionalProperties": False,
            "properties": {"巡察": {"type": "string"}, "巡视": {"type": "string"}},
            "description": "per notice word: regex of the occurrences of the other word that are reported",
        },
)

WINDOW = 16  # characters looked at on each side of a word
TITLE_COMBINED_RE = rx.compile(r"巡视[（(、和与及]?巡察[）)]?|巡察[、和与及]?巡视")
TEAM_RE = rx.compile(r"(巡视|巡察)(?:组|工作组)")
XUNCHA_RE = rx.compile("巡查")  # the engine's literal search: faster than str.find for a two-character word


def validate_options(opts: dict) -> tuple[str, str] | None:
    for key in ("before", "after", "not_before"):
        if key in opts:
            try:
                rx.compile(opts[key])
            except re.error as e:
                return key, f"invalid regular expression: {e}"
    for i, pattern in enumerate(opts.get("allow", [])):
        try:
            rx.compile(pattern)
        except re.error as e:
            return "allow", f"item {i}: invalid regular expression: {e}"
    for word, pattern in (opts.get("report") or {}).items():
        try:
            rx.compile(pattern)
        except re.error as e:
            return "report", f"{word}: invalid regular expression: {e}"
    return None


class Prepared:
    def __init__(self, rule: Rule):
        o = rule.options
        self.rule = rule
        self.check = o["check"]
        self.before = rx.compile(f"(?:{o['before']})\\Z") if o.get("before") else None
        self.after = rx.compile(o["after"]) if o.get("after") else None
        self.not_before = rx.compile(f"(?:{o['not_before']})\\Z") if o.get("not_before") else None
        allow = [rx.compile(pattern) for pattern in o.get("allow", [])]
        self.allow_in_line = [pat for pat in allow if rx.line_local(pat)]  # looked for in a candidate's line only
        self.allow_anywhere = [pat for pat in allow if not rx.line_local(pat)]
        report = o.get("report") or {}
        self.report = {"巡察": rx.compile(report.get("巡察", "巡视")), "巡视": rx.compile(report.get("巡视", "巡察"))}


def prepare(rules: list[Rule]):
    return [Prepared(r) for r in rules]


def check(ctx, state: list[Prepared]):
    for p in state:
        if p.check == "xuncha-typo":
            yield from _xuncha(ctx, p)
        elif p.check == "mixed":
            yield from _mixed(ctx, p)


def _xuncha(ctx, p: Prepared):
    text = ctx.doc.text
    for m in rx.finditer(XUNCHA_RE, text):
        pos, end = m.span()
        left = text[max(0, pos - WINDOW) : pos]
        strong_before = bool(p.before and p.before.search(left))
        patrol = bool(p.not_before and p.not_before.search(left))
        strong_after = bool(p.after and p.after.match(text, end))
        if strong_before or (strong_after and not patrol):
            yield p.rule, Hit(pos, end, {"context": text[max(0, pos - 4) : end + 4].replace("\n", " ")}, replacement="巡察")


def notice_word(ctx) -> str | None:
    """巡察 or 巡视: what the notice calls its own inspection (title first, then the lead's team)."""
    o = ctx.outline
    title = TITLE_COMBINED_RE.sub("", "".join(par.text for par in o.title))
    words = {w for w in ("巡视", "巡察") if w in title}
    if len(words) == 1:
        return words.pop()
    if words:
        return None
    for par in o.lead:
        m = TEAM_RE.search(par.text)
        if m:
            return m.group(1)
    return None


def _mixed(ctx, p: Prepared):
    word = ctx.memo("notice-word", lambda: notice_word(ctx))
    if word is None:
        return
    other = "巡视" if word == "巡察" else "巡察"
    text = ctx.doc.text
    found = []
    for m in rx.finditer(p.report[word], text):
        s = text.find(other, m.start(), m.end())
        if s != -1:
            found.append(s)
    if not found:
        return
    inside = _allowed(p, text, found)
    for s in found:
        e = s + 2
        if not inside(s, e):
            yield p.rule, Hit(s, e, {"word": word, "other": other}, replacement=word)


LINE_COST = 1000  # characters a whole-text scan reads in the time one line's search costs (about 0.5 µs)


def _allowed(p: Prepared, text: str, found: list[int]):
    """A test: is [s, e) inside a match of one of the ``allow`` patterns?

    Only the matches around the candidates (``found``) matter. A line-local
    pattern (``rx.line_local``) finds in a line exactly what a whole-text scan
    finds there, so it is searched in the candidates' lines only; unless those
    are so many that scanning the whole text is cheaper.
    """
    lines = lines_holding(text, sorted(found))
    in_line, anywhere = p.allow_in_line, p.allow_anywhere
    if len(lines) * LINE_COST > len(text):
        in_line, anywhere = [], in_line + anywhere
    allowed: list[tuple[int, int]] = []
    for pat in anywhere:
        allowed.extend(m.span() for m in rx.finditer(pat, text) if m.end() > m.start())
    for a, b in lines:
        for pat in in_line:
            allowed.extend(m.span() for m in pat.finditer(text, a, b) if m.end() > m.start())
    # "inside an allowed span": some span starting at or before s reaches e; with the spans
    # sorted by start, the furthest end among those starting up to s says it (no pairwise test)
    allowed.sort()
    starts = [a for a, _ in allowed]
    reach: list[int] = []
    for _, b in allowed:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(s: int, e: int) -> bool:
        i = bisect_right(starts, s) - 1
        return i >= 0 and reach[i] >= e

    return inside
