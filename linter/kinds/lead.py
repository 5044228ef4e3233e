"""Kind ``lead``: the opening paragraph states who inspected, when, when feedback came, and why it is published.

Checks (option ``check``):

* ``inspection-period``: a date range for the inspection;
* ``team``: the inspection team (第X巡察组, 专项巡察组, 巡察第N组…);
* ``feedback-date``: the date the findings were fed back (a date in the sentence with 反馈);
* ``publication``: the publication sentence (予以公布 / 予以通报 / 报告如下 / 向社会公开…);
* ``chronology``: inspection start <= end < feedback date.

Years missing from a date are taken from context (``2024年9月23日至12月20日``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..dates import DateMention, find_dates, ranges_of
from ..model import Hit, Rule

CHECKS = ["inspection-period", "team", "feedback-date", "publication", "chronology"]

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {"check": {"enum": CHECKS}},
}

TEAM_RE = re.compile(
    r"第[一二三四五六七八九十0-9]{1,3}(?:轮)?(?:巡察|巡视)(?:组|工作组)|(?:专项|提级|交叉|联动)(?:巡察|巡视)组|(?:巡察|巡视)第[一二三四五六七八九十0-9]{1,3}组|第[一二三四五六七八九十0-9]{1,3}(?:巡察|巡视)(?:组)"
)
PUBLICATION_RE = re.compile(r"予以(?:公布|通报|公开|公示)|(?:报告|通报|公布)如下|向社会(?:公开|公布|通报)|现将.{0,40}(?:公布|通报|公开|报告)")
FEEDBACK_RE = re.compile(r"反馈")


@dataclass
class LeadFacts:
    span: tuple[int, int]
    period: tuple[DateMention, DateMention] | None
    feedback: DateMention | None
    team: bool
    publication: bool


def prepare(rules: list[Rule]):
    return rules


def facts(ctx) -> LeadFacts | None:
    o = ctx.outline
    if not o.lead:
        return None
    text = ctx.doc.text
    s, e = o.lead[0].start, o.lead[-1].end
    mentions = [m for m in find_dates(text, s, e) if m.day is not None]
    ranges = ranges_of(mentions)
    period = (ranges[0].first, ranges[0].last) if ranges else None
    in_period = {id(x) for x in period} if period else set()
    feedback = None
    for m in FEEDBACK_RE.finditer(text, s, e):
        sent_start = max(text.rfind("。", s, m.start()) + 1, s)
        candidates = [d for d in mentions if sent_start <= d.start < m.start() and id(d) not in in_period]
        if candidates:
            feedback = candidates[-1]
            break
    lead_text = text[s:e]
    return LeadFacts((s, e), period, feedback, bool(TEAM_RE.search(lead_text)), bool(PUBLICATION_RE.search(lead_text)))


def check(ctx, rules: list[Rule]):
    f = ctx.memo("lead-facts", lambda: facts(ctx))
    for rule in rules:
        c = rule.options["check"]
        if f is None:
            if c != "chronology":
                yield rule, Hit(0, 0, {"what": c})
            continue
        at = f.span[0]
        if c == "inspection-period" and f.period is None:
            yield rule, Hit(at, at, {})
        elif c == "team" and not f.team:
            yield rule, Hit(at, at, {})
        elif c == "feedback-date" and f.feedback is None:
            yield rule, Hit(at, at, {})
        elif c == "publication" and not f.publication:
            yield rule, Hit(at, at, {})
        elif c == "chronology":
            yield from _chronology(rule, f)


def _chronology(rule: Rule, f: LeadFacts):
    start = f.period[0].as_date() if f.period else None
    end = f.period[1].as_date() if f.period else None
    fb = f.feedback.as_date() if f.feedback else None
    if start and end and start > end:
        m = f.period[1]
        yield rule, Hit(m.start, m.end, {"later": _fmt(start), "earlier": _fmt(end), "what": "巡察结束日期早于开始日期", "what_en": "the inspection ends before it starts"})
    elif end and fb and fb <= end:
        m = f.feedback
        yield rule, Hit(m.start, m.end, {"later": _fmt(end), "earlier": _fmt(fb), "what": "反馈日期不晚于巡察结束日期", "what_en": "feedback is not after the inspection ended"})


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
