"""Kind ``disclosure``: the disclosure period (公开期限 / 公开时间 / 公示期…).

Checks (option ``check``): ``missing``, ``unparsed`` (a label with no date
range after it), ``reversed`` (start after end), ``before-feedback`` (starts
before the feedback date in the lead), ``length`` (outside ``min_days`` ..
``max_days`` calendar days, both ends counted), ``stale`` (already over on the
``--today`` date; only when --today is given).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .. import rx
from ..dates import DateMention, document_dates, find_dates, ranges_of
from ..model import Hit, Rule
from .options import check_options
from .lead import date_after, facts, feedback_date

CHECKS = ["missing", "unparsed", "reversed", "before-feedback", "length", "stale"]

OPTIONS_SCHEMA = check_options(
    CHECKS,
    min_days={"type": "integer", "minimum": 1, "default": 5},
    max_days={"type": "integer", "minimum": 1, "default": 30},
)

LABEL_RE = rx.compile(r"(?:公开|公示)(?:期限|时间|期|日期)|公示期限")


class Period:
    """The disclosure label and the dates after it (None when unreadable)."""

    __slots__ = ("label", "first", "last")

    def __init__(self, label: tuple[int, int], first: DateMention | None, last: DateMention | None):
        self.label = label
        self.first = first
        self.last = last

    def __eq__(self, other: object) -> bool:
        """The same reading (tests compare the reading from shared dates with its own)."""
        if not isinstance(other, Period):
            return NotImplemented
        return (self.label, self.first, self.last) == (other.label, other.first, other.last)

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed

    def __repr__(self) -> str:
        return f"Period({self.label}, {self.first!r}, {self.last!r})"


def prepare(rules: list[Rule]):
    return rules


def find_period(ctx) -> Period | None:
    text = ctx.doc.text
    o = ctx.outline
    spans = [(p.start, p.end) for p in o.closing] or [(0, len(text))]
    # the year of context: the last explicit year before the closing block. The block starts a line
    # and no date spans a line break, so its dates are the document's (shared with the dates kind)
    # that start before it.
    year = None
    for m in document_dates(ctx):
        if m.start >= spans[0][0]:
            break
        if m.explicit_year:
            year = m.year
    for s, e in spans:
        for lm in LABEL_RE.finditer(text, s, e):
            stop = text.find("。", lm.end(), e)
            stop = e if stop == -1 else stop
            mentions = [m for m in find_dates(text, lm.end(), stop, year) if m.day is not None]
            rs = ranges_of(mentions)
            if rs:
                return Period((lm.start(), lm.end()), rs[0].first, rs[0].last)
            return Period((lm.start(), lm.end()), None, None)
    return None


def _dated(p: Period) -> tuple[date, date, tuple[int, int], dict[str, Any]] | None:
    """The period's first and last dates, its span and the message values its date checks share."""
    start = p.first.as_date() if p.first else None
    end = date_after(p.last, start) if p.first else None
    if start is None or end is None:
        return None
    return start, end, (p.first.start, p.last.end), {"start": _fmt(start), "end": _fmt(end), "days": (end - start).days + 1}


def check(ctx, rules: list[Rule]):
    p = ctx.memo("disclosure", lambda: find_period(ctx))
    dated = _dated(p) if p is not None else None  # read once for all the rules below
    for rule in rules:
        c = rule.options["check"]
        if c == "missing":
            if p is None:
                at = ctx.outline.closing[0].start if ctx.outline.closing else len(ctx.doc.text)
                yield rule, Hit(at, at, {})
            continue
        if p is None:
            continue
        if c == "unparsed":
            if p.first is None:
                yield rule, Hit(*p.label, {})
            continue
        if dated is None:
            continue
        start, end, span, params = dated
        if c == "reversed" and start > end:
            yield rule, Hit(*span, params)
        elif c == "before-feedback":
            f = ctx.memo("lead-facts", lambda: facts(ctx))
            fb = feedback_date(f)
            if fb and start < fb:
                yield rule, Hit(*span, {**params, "feedback": _fmt(fb)})
        elif c == "length" and start <= end:
            lo, hi = rule.options.get("min_days", 5), rule.options.get("max_days", 30)
            if not lo <= params["days"] <= hi:
                yield rule, Hit(*span, {**params, "min": lo, "max": hi})
        elif c == "stale":
            today = ctx.settings.today
            if today is not None and end < today:
                yield rule, Hit(*span, {**params, "today": _fmt(today)})


def _fmt(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
