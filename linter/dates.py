"""Finding the dates written in a notice, with the year carried over from context.

``2024年9月23日至12月20日`` gives two dates, the second taking 2024; a range
end written as a bare day (``2025年9月12日至26日``) takes the start's year and
month. A date that does not exist (``2月30日``) is kept with ``valid=False`` so
rules can report it at its exact position. Shared by every date-aware rule.

How a year-less date gets its year (``DateMention.year_source``):

* ``explicit``: written in the date (``2025年9月12日``);
* ``range``: the end of a range takes the start's year (``2025年9月12日至26日``,
  ``2024年9月23日至12月20日``); a range that runs backwards by six months or
  more without a year (``2024年11月至2月``) is read as crossing into the next
  year;
* ``relative``: ``次年3月`` / ``翌年`` / ``第二年`` (+1), ``同年`` / ``当年`` (same),
  ``上年`` / ``上一年`` (-1), relative to the year of context;
* ``context``: the latest year written before it, in a full date or on its
  own (``2024年，…12月…``); a bare year followed by ``以来``/``至今``/
  ``以前``/``之前`` (``2021年以来``) names a starting point, not the current
  year, and does not change the context;
* ``none``: no year anywhere before it.

A weekday written after a date (``2025年9月12日（星期五）至26日``) does not break
the range; whether it is the right weekday is the DAT002 rule's business.
Years in Chinese numerals (``二〇二五年``) and numeric dates (``2025-09-12``)
are not read.
"""
from __future__ import annotations

import re
from datetime import date

from . import rx

_WS = r"[ \t\u3000]*"  # spaces inside a date; never a line break
# year (4 digits) or a relative year word, optional; month; day optional. The look-behind after 月
# holds in every match (a digit or a space comes before it); it lets the search, which skips from
# one 月 to the next, pass over 每月, 当月, 月度… at once.
DATE_RE = rx.compile(
    rf"(?:(?P<y>(?<![0-9])\d{{4}}){_WS}年{_WS}|(?P<rel>次年|翌年|第二年|同年|当年|上一年|上年){_WS})?"
    rf"(?P<m>(?<![0-9.．])\d{{1,2}}){_WS}月(?<=[\d \t\u3000]月){_WS}(?:(?P<d>\d{{1,2}}){_WS}[日号])?"
)
RANGE_MARK = _WS + r"(?:至|到|—{1,2}|－|-|~|～|–)" + _WS
BARE_DAY_RE = rx.compile(RANGE_MARK + r"(?P<d>\d{1,2})" + _WS + r"[日号]")
RANGE_MARK_RE = rx.compile(RANGE_MARK)
# a weekday written right after a date: "（星期四）", "(周四)", "星期四", "周四"
WEEKDAY_RE = rx.compile(rf"{_WS}(?:(?P<open>[（(]){_WS})?(?:星期|礼拜|周)(?P<w>[一二三四五六日天七])(?(open){_WS}[）)])")
# a year on its own ("2024年，", "2025年第一季度"), not the year of a full date
BARE_YEAR_RE = rx.compile(rf"(?<![0-9])(?P<y>(?:19|20)\d{{2}}){_WS}年(?!{_WS}\d{{1,2}}{_WS}月)(?P<after>以来|至今|以前|之前)?")
# the characters a weekday or a range mark after a date can start with: after any other, the date ends there
_GOES_ON = rx.first_chars(WEEKDAY_RE) | rx.first_chars(RANGE_MARK_RE)
RELATIVE_YEARS = {"次年": 1, "翌年": 1, "第二年": 1, "同年": 0, "当年": 0, "上一年": -1, "上年": -1}
# a range end this many months "before" its start is read as being in the next year
ROLLOVER_MONTHS = 6


class DateMention:
    """One date written in the text, with the year it was read in and where that year came from."""

    __slots__ = ("start", "end", "year", "month", "day", "explicit_year", "valid", "range_end_of", "year_source")

    def __init__(
        self,
        start: int,
        end: int,
        year: int | None,
        month: int,
        day: int | None,
        explicit_year: bool,
        valid: bool,
        range_end_of: DateMention | None = None,
        year_source: str = "none",
    ):
        self.start = start
        self.end = end
        self.year = year
        self.month = month
        self.day = day
        self.explicit_year = explicit_year
        self.valid = valid
        self.range_end_of = range_end_of  # set on the second date of a range
        self.year_source = year_source  # explicit / range / relative / context / none

    def _values(self) -> tuple:
        return (self.start, self.end, self.year, self.month, self.day, self.explicit_year, self.valid, self.range_end_of, self.year_source)

    def __eq__(self, other: object) -> bool:
        """Equal readings of the same place (tests compare a fast reading with a plain one)."""
        if not isinstance(other, DateMention):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed (lead.py keys mentions by id)

    def __repr__(self) -> str:
        return f"DateMention({self.start}-{self.end}, {self.year}-{self.month}-{self.day}, {self.year_source})"

    def as_date(self) -> date | None:
        if not self.valid or self.year is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


class DateRange:
    """Two mentions written as a range ("9月12日至26日")."""

    __slots__ = ("first", "last")

    def __init__(self, first: DateMention, last: DateMention):
        self.first = first
        self.last = last

    def __repr__(self) -> str:
        return f"DateRange({self.first!r}, {self.last!r})"

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def end(self) -> int:
        return self.last.end


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        date(y or 2000, m, d)  # a year-less 2月29日 is accepted
    except ValueError:
        return False
    return True


_UNSEARCHED = object()


class _YearContext:
    """The running year of context while dates are read left to right.

    The bare years (matches of BARE_YEAR_RE in text[start:end], in order) are
    looked for only when a date asks for the year of context: most dates carry
    their own year, and a notice often holds no year-less date at all, so the
    whole-text search for bare years is usually not made.
    """

    def __init__(self, text: str, start: int, end: int, year: int | None):
        self._year = year  # the year of context at self._at
        self._text, self._start, self._end = text, start, end
        self._at = start
        self._next: re.Match | None | object = _UNSEARCHED  # the first bare year at or after self._at
        self._searcher: rx.Searcher | None = None

    def year_at(self, pos: int) -> int | None:
        """The year of context for a date at ``pos``: the last bare year before it, or the last year set."""
        m = self._next if self._next is not _UNSEARCHED else self._search(self._at)
        while m is not None and m.start() < pos:
            if not m.group("after"):  # "2021年以来" names a starting point
                self._year = int(m.group("y"))
            m = self._search(m.end())
        self._next, self._at = m, pos
        return self._year

    def set_year(self, pos: int, year: int) -> None:
        """The date at ``pos`` is in ``year``: the year of context from there on."""
        self._year = year
        if self._next is not None and self._next is not _UNSEARCHED and self._next.start() < pos:
            # the bare years skipped are overridden; a search restarted at a date's start sees the same
            # matches as one scan from the start (no bare year overlaps the start of a date)
            self._next = _UNSEARCHED
        self._at = pos

    def _search(self, pos: int) -> re.Match | None:
        if self._searcher is None:
            self._searcher = rx.Searcher(BARE_YEAR_RE, self._text, self._start, self._end)
        return self._searcher.search(pos)


def _mention(m: re.Match, ctx: _YearContext, range_start: "DateMention | None" = None) -> DateMention:
    """Build the mention for a DATE_RE match, resolving (and updating) the year of context."""
    y, rel, mon_s, d_s = m.group("y", "rel", "m", "d")
    mon = int(mon_s)
    d = int(d_s) if d_s else None
    pos = m.start()
    if y:
        year, source = int(y), "explicit"
    elif rel and (context := ctx.year_at(pos)) is not None:
        year, source = context + RELATIVE_YEARS[rel], "relative"
    elif range_start is not None and range_start.year is not None:
        year, source = range_start.year, "range"
        if range_start.month - mon >= ROLLOVER_MONTHS:
            year += 1
    else:
        year = ctx.year_at(pos)
        source = "context" if year is not None else "none"
    if year is not None:
        ctx.set_year(pos, year)
    return DateMention(pos, m.end(), year, mon, d, source == "explicit", _valid(year, mon, d), range_start, source)


def find_dates(text: str, start: int = 0, end: int | None = None, year: int | None = None) -> list[DateMention]:
    """Every date mention in text[start:end], years inherited left to right.

    ``year`` is the year of context before ``start`` (None when unknown).
    """
    end = len(text) if end is None else end
    ctx = _YearContext(text, start, end, year)
    out: list[DateMention] = []
    pos = start
    dates = rx.Searcher(DATE_RE, text, start, end)  # every date has a 月: found by str.find, not by trying every position
    while True:
        m = dates.search(pos)
        if not m:
            break
        mention = _mention(m, ctx)
        out.append(mention)
        pos = m.end()
        if pos >= end or text[pos] not in _GOES_ON:
            continue  # most dates: nothing after them can continue them
        # "9月12日（星期五）至26日": the weekday does not break the range
        if mention.day is not None:
            w = WEEKDAY_RE.match(text, pos, end)
            if w and RANGE_MARK_RE.match(text, w.end(), end):
                pos = w.end()
        # a range end written as just a day: "9月12日至26日"
        if mention.day is not None:
            b = BARE_DAY_RE.match(text, pos, end)
            if b and not DATE_RE.match(text, b.start("d"), end):
                bd = int(b.group("d"))
                src = "range" if mention.year is not None else "none"
                second = DateMention(b.start("d"), b.end(), mention.year, mention.month, bd, False, _valid(mention.year, mention.month, bd), mention, src)
                out.append(second)
                pos = b.end()
                continue
        # "2024年9月23日至12月20日": mark the following full date as a range end
        r = RANGE_MARK_RE.match(text, pos, end)
        if r:
            nxt = DATE_RE.match(text, r.end(), end)
            if nxt:
                out.append(_mention(nxt, ctx, mention))
                pos = nxt.end()
    return out


def document_dates(ctx) -> list[DateMention]:
    """``find_dates`` over the whole document: computed once per document, shared by the kinds that read dates."""
    return ctx.memo("dates", lambda: find_dates(ctx.doc.text))


def ranges_of(mentions: list[DateMention]) -> list[DateRange]:
    by_id = {id(m): m for m in mentions}
    return [DateRange(m.range_end_of, m) for m in mentions if m.range_end_of is not None and id(m.range_end_of) in by_id]


WEEKDAYS = "一二三四五六日"


def weekday_name(d: date) -> str:
    """星期一 … 星期日 for a date."""
    return "星期" + WEEKDAYS[d.weekday()]
