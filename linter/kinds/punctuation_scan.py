"""One regex pass over a document for the marks several punctuation checks start from.

The regex engine finds the next character of a set by testing every character
of the text against the set: about the same cost for a set of thirty as for a
set of three, and several times the cost of skipping to one given character.
So the marks that clean text holds few of are found in one pass:

* brackets and quotes, except those of simple pairs ("（…）", "“…”": an opener
  and its own closer on one line with only plain text between, most of a
  notice's marks), which the engine steps over whole (punctuation_pairs: such
  a pair is opened and closed at once and changes nothing);
* range marks ``-－~～–`` (punctuation_marks.range_marks);
* what a wrong ellipsis needs: ``…``, ``⋯``, or three of ``.`` ``·`` ``・`` in a
  row (punctuation_marks.wrong_ellipses; a single ``.`` is stepped over).

Plain text here is text without any of these marks, so a "simple pair" holds
none of them either: a pair with a range mark inside is not stepped over, and
both its marks are read (still opened and closed at once).
"""
from __future__ import annotations

import re

from .. import rx
from .punctuation_text import CLOSERS, ELLIPSIS_DOTS, ELLIPSIS_MARKS, OPENERS, PAIR_MARKS, RANGE_MARKS

STOPS = PAIR_MARKS + RANGE_MARKS + ELLIPSIS_MARKS + ELLIPSIS_DOTS
_PLAIN = "[^" + re.escape(STOPS) + "\n]*"
SIMPLE_PAIRS = "|".join(re.escape(o) + _PLAIN + re.escape(c) for o, c in [*zip(OPENERS, CLOSERS), ("“", "”")])
# a dot that does not start three in a row
_LONE_DOTS = "|".join(f"{re.escape(d)}(?!{re.escape(d)}{{2}})" for d in ELLIPSIS_DOTS)


def scan_pattern(possessive: bool = True) -> str:
    """Plain text, simple pairs and lone dots, then one mark found (or the end of the text).

    Matched repeatedly from the start of a text, every match ends at the next
    mark found. The match never fails, so the possessive repeats (Python 3.11)
    only spare the engine its backtracking records; without them (3.10) the
    matches are the same.
    """
    q = "+" if possessive else ""
    stops = re.escape(STOPS)
    return f"(?:[^{stops}]+{q}|{SIMPLE_PAIRS}|{_LONE_DOTS})*{q}(?:([{stops}])|\\Z)"


try:
    SCAN_RE = rx.compile(scan_pattern())
except re.error:  # Python 3.10: no possessive repeats
    SCAN_RE = rx.compile(scan_pattern(possessive=False))


class Scan:
    """What one pass found: positions in order, and whether a wrong ellipsis is possible at all."""

    __slots__ = ("pair_marks", "range_marks", "ellipsis_hint")

    def __init__(self, pair_marks: list[int], range_marks: list[int], ellipsis_hint: bool):
        self.pair_marks = pair_marks
        self.range_marks = range_marks
        self.ellipsis_hint = ellipsis_hint

    def __repr__(self) -> str:
        return f"Scan({len(self.pair_marks)} pair marks, {len(self.range_marks)} range marks, ellipsis_hint={self.ellipsis_hint})"


def scan(text: str) -> Scan:
    """The marks of ``text`` sorted by what they start (one regex pass, one Python step per mark found)."""
    pair_marks: list[int] = []
    range_marks: list[int] = []
    ellipsis_hint = False
    for m in SCAN_RE.finditer(text):
        pos = m.start(1)
        if pos < 0:
            continue  # the end of the text
        ch = text[pos]
        if ch in PAIR_MARKS:
            pair_marks.append(pos)
        elif ch in RANGE_MARKS:
            range_marks.append(pos)
        else:
            ellipsis_hint = True
    return Scan(pair_marks, range_marks, ellipsis_hint)
