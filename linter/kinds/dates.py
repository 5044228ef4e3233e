"""Kind ``dates``: every date written in the notice is real and well written.

Checks (option ``check``):

* ``invalid``: the date does not exist (``2月30日``, ``13月``, ``2025年2月29日``,
  a range end such as ``至31日`` in a 30-day month). A year-less ``2月29日`` is
  judged in the year it inherits (see linter/dates.py); with no year anywhere
  before it, it is accepted.
* ``weekday``: a weekday written after a date (``2025年9月12日（星期四）``,
  ``（周五）``) that is not the weekday of that date. Only dates whose year is
  known (written or inherited) are checked.
* ``zero-padded``: a month or day written with a leading zero
  (``2025年09月02日``); GB/T 9704 §7.3.5.4 "月、日不编虚位". The fix drops the
  zeros.
"""
from __future__ import annotations


from .. import rx
from ..dates import WEEKDAY_RE, WEEKDAYS, document_dates, weekday_name
from ..model import Hit, Rule
from .options import check_options

OPTIONS_SCHEMA = check_options(["invalid", "weekday", "zero-padded"])

WEEKDAY_INDEX = {**{c: i for i, c in enumerate(WEEKDAYS)}, "天": 6, "七": 6}
# a leading zero on a month or day number inside a date mention
PADDING_RE = rx.compile(r"(?<![0-9])0(?=[1-9][ \t\u3000]*[月日号])")


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    text = ctx.doc.text
    mentions = document_dates(ctx)
    for rule in rules:
        c = rule.options["check"]
        if c == "invalid":
            for m in mentions:
                if not m.valid:
                    full = (f"{m.year}年" if m.year else "") + f"{m.month}月" + (f"{m.day}日" if m.day else "")
                    yield rule, Hit(m.start, m.end, {"year": m.year or "", "month": m.month, "day": m.day or "", "full": full})
        elif c == "weekday":
            for m in mentions:
                d = m.as_date()
                if d is None:
                    continue
                w = WEEKDAY_RE.match(text, m.end)
                if not w or WEEKDAY_INDEX[w.group("w")] == d.weekday():
                    continue
                stated = "星期" + WEEKDAYS[WEEKDAY_INDEX[w.group("w")]]
                params = {"date": f"{d.year}年{d.month}月{d.day}日", "iso": d.isoformat(), "actual": weekday_name(d), "actual_en": d.strftime("%A"), "stated": stated}
                yield rule, Hit(m.start, w.end(), params)
        elif c == "zero-padded":
            for m in mentions:
                written = text[m.start : m.end]
                if PADDING_RE.search(written):
                    yield rule, Hit(m.start, m.end, {}, replacement=PADDING_RE.sub("", written))
