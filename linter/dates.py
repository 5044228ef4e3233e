"""Finding the dates written in a notice, with the year carried over from context.

``2024年9月23日至12月20日`` gives two dates, the second taking 2024; a range
end written as a bare day (``2025年9月12日至26日``) takes the start's year and
month. A date that does not exist (``2月30日``) is kept with ``valid=False`` so
rules can report it at its exact position. Shared by every date-aware rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# year (4 digits) optional, month, day optional; or a bare day after a range mark
DATE_RE = re.compile(r"(?:(?P<y>(?<![0-9])\d{4})\s*年\s*)?(?P<m>(?<![0-9])\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?")
RANGE_MARK = r"\s*(?:至|到|—{1,2}|－|-|~|～|–)\s*"
BARE_DAY_RE = re.compile(RANGE_MARK + r"(?P<d>\d{1,2})\s*[日号]")
RANGE_MARK_RE = re.compile(RANGE_MARK)


@dataclass
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    explicit_year: bool
    valid: bool
    range_end_of: "DateMention | None" = None  # set on the second date of a range

    def as_date(self) -> date | None:
        if not self.valid or self.year is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


@dataclass
class DateRange:
    first: DateMention
    last: DateMention

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


def find_dates(text: str, start: int = 0, end: int | None = None, year: int | None = None) -> list[DateMention]:
    """Every date mention in text[start:end], years inherited left to right."""
    end = len(text) if end is None else end
    out: list[DateMention] = []
    pos = start
    while True:
        m = DATE_RE.search(text, pos, end)
        if not m:
            break
        y = int(m.group("y")) if m.group("y") else None
        explicit = y is not None
        if y is not None:
            year = y
        mon = int(m.group("m"))
        d = int(m.group("d")) if m.group("d") else None
        mention = DateMention(m.start(), m.end(), y if explicit else year, mon, d, explicit, _valid(y if explicit else year, mon, d))
        out.append(mention)
        pos = m.end()
        # a range end written as just a day: "9月12日至26日"
        if d is not None:
            b = BARE_DAY_RE.match(text, pos, end)
            if b and not DATE_RE.match(text, b.start("d"), end):
                bd = int(b.group("d"))
                second = DateMention(b.start("d"), b.end(), mention.year, mon, bd, False, _valid(mention.year, mon, bd), mention)
                out.append(second)
                pos = b.end()
                continue
        # "2024年9月23日至12月20日": mark the following full date as a range end
        r = RANGE_MARK_RE.match(text, pos, end)
        if r:
            nxt = DATE_RE.match(text, r.end(), end)
            if nxt:
                y2 = int(nxt.group("y")) if nxt.group("y") else None
                if y2 is not None:
                    year = y2
                mon2 = int(nxt.group("m"))
                d2 = int(nxt.group("d")) if nxt.group("d") else None
                second = DateMention(nxt.start(), nxt.end(), y2 or year, mon2, d2, y2 is not None, _valid(y2 or year, mon2, d2), mention)
                out.append(second)
                pos = nxt.end()
    return out


def ranges_of(mentions: list[DateMention]) -> list[DateRange]:
    by_id = {id(m): m for m in mentions}
    return [DateRange(m.range_end_of, m) for m in mentions if m.range_end_of is not None and id(m.range_end_of) in by_id]
