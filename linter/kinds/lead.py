"""Kind ``lead``: the opening paragraph states who inspected, when, when feedback came, and why it is published.

Checks (option ``check``):

* ``inspection-period``: a date range for the inspection;
* ``team``: the inspection team (第X巡察组, 专项巡察组, 巡察第N组…);
* ``feedback-date``: the date the findings were fed back (a date in the sentence with 反馈);
* ``publication``: the publication sentence (予以公布 / 予以通报 / 报告如下 / 向社会公开…),
  in the lead or closing the notice;
* ``chronology``: inspection start <= end < feedback date.

Years missing from a date are taken from context (``2024年9月23日至12月20日``);
a year-less feedback date six or more months "before" the end of the
inspection is in the next year (``2024年11月4日至12月27日…1月10日，反馈``).
"""
from __future__ import annotations

from datetime import date

from .. import rx
from ..dates import DateMention, find_dates, ranges_of
from ..model import Hit, Rule
from .options import check_options
from ..outline import PUBLICATION_RE

try:
    from ..dates import ROLLOVER_MONTHS
except ImportError:  # pragma: no cover - older dates.py
    ROLLOVER_MONTHS = 6

CHECKS = ["inspection-period", "team", "feedback-date", "publication", "chronology"]

OPTIONS_SCHEMA = check_options(CHECKS)

TEAM_RE = rx.compile(
    r"第[一二三四五六七八九十0-9]{1,3}(?:轮)?(?:巡察|巡视)(?:组|工作组)|(?:专项|提级|交叉|联动)(?:巡察|巡视)组|(?:巡察|巡视)第[一二三四五六七八九十0-9]{1,3}组|第[一二三四五六七八九十0-9]{1,3}(?:巡察|巡视)(?:组)"
)
FEEDBACK_RE = rx.compile(r"反馈")


class LeadFacts:
    """What the lead paragraph states: inspection dates, team, feedback date."""

    __slots__ = ("span", "period", "feedback", "team", "publication")

    def __init__(
        self,
        span: tuple[int, int],
        period: tuple[DateMention, DateMention] | None,
        feedback: DateMention | None,
        team: bool,
        publication: bool,
    ):
        self.span = span
        self.period = period
        self.feedback = feedback
        self.team = team
        self.publication = publication

    def __repr__(self) -> str:
        return f"LeadFacts({self.span}, period={self.period!r}, feedback={self.feedback!r}, team={self.team}, publication={self.publication})"


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
    return LeadFacts((s, e), period, feedback, bool(TEAM_RE.search(lead_text)), _published(o, lead_text))


def _published(o, lead_text: str) -> bool:
    """The publication sentence is in the lead, or closes the notice
    ("现将整改进展情况向社会公开，接受干部群众监督。", VARIANTS §6)."""
    if PUBLICATION_RE.search(lead_text):
        return True
    tail = o.closing + (o.preamble_body if not o.roots else [])
    return any(PUBLICATION_RE.search(p.text) for p in tail)


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


def date_after(m: DateMention | None, earlier: date | None) -> date | None:
    """The date of ``m``; a year taken from context rolls on across New Year.

    Only a year-less date six or more months "before" ``earlier`` rolls
    (``2024年12月20日…1月10日，反馈``), the rule dates.py applies to range ends;
    ``9月26日至12日`` stays reversed, as written.
    """
    if m is None:
        return None
    d = m.as_date()
    if d is None or m.explicit_year or earlier is None or d >= earlier or earlier.month - d.month < ROLLOVER_MONTHS:
        return d
    try:
        rolled = d.replace(year=d.year + 1)
    except ValueError:  # 2月29日 in a year without one
        return d
    return rolled if rolled >= earlier else d


def feedback_date(f: LeadFacts | None) -> date | None:
    """The feedback date of the lead, its year resolved against the inspection period."""
    if f is None or f.feedback is None:
        return None
    start = f.period[0].as_date() if f.period else None
    end = date_after(f.period[1], start) if f.period else None
    return date_after(f.feedback, end or start)


def _chronology(rule: Rule, f: LeadFacts):
    start = f.period[0].as_date() if f.period else None
    end = date_after(f.period[1], start) if f.period else None
    fb = date_after(f.feedback, end or start)
    if start and end and start > end:
        m = f.period[1]
        yield rule, Hit(m.start, m.end, {"later": _fmt(start), "earlier": _fmt(end), "what": "巡察结束日期早于开始日期", "what_en": "the inspection ends before it starts"})
    elif end and fb and fb <= end:
        m = f.feedback
        yield rule, Hit(m.start, m.end, {"later": _fmt(end), "earlier": _fmt(fb), "what": "反馈日期不晚于巡察结束日期", "what_en": "feedback is not after the inspection ended"})


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
