"""One regex pass over a document for the marks several punctuation checks start from.

The regex engine finds the next character of a set by testing every character
of the text against the set: about the same cost for a set of forty as for a
set of three, and ten times the cost of skipping to one given character (which
``str.find`` and a pattern starting with a literal do). So the marks that clean
text holds few of are all found in one pass, instead of one pass per mark:

* brackets and quotes, except those of simple pairs ("（…）", "“…”": a
  full-width opener and its own closer on one line with only plain text
  between, most of a notice's marks), which the engine steps over whole
  (punctuation_pairs: such a pair is opened and closed at once and changes
  nothing). Half-width brackets are always read: ``(`` is where
  punctuation_width looks for ``(中文)``;
* range marks ``-－~～–`` (punctuation_marks.range_marks);
* what a wrong ellipsis needs: ``…``, ``⋯``, or three of ``.`` ``·`` ``・`` in a
  row (punctuation_marks.wrong_ellipses; a single ``.`` is stepped over);
* the half-width ``, ; : ? !`` that touch Chinese text (punctuation_width; the
  others, as in ``8:30`` or ``[bookmark: x]``, are stepped over);
* whether the text holds what an excluded zone starts from: ``/`` (for "://"),
  ``@``, ``<``, ``&`` or ``www.``/``WWW.`` (punctuation_text.verbatim_ranges).

Plain text here is text without any of these marks, so a "simple pair" holds
none of them either: a pair with a range mark inside is not stepped over, and
both its marks are read (still opened and closed at once).
"""
from __future__ import annotations

import re

from .. import rx
from .punctuation_text import CLOSERS, ELLIPSIS_DOTS, ELLIPSIS_MARKS, HALF_MARKS, OPENERS, PAIR_MARKS, RANGE_MARKS, VERBATIM_MARKS
from .punctuation_width import lone_mark_pattern

WWW = "wW"  # stops only where "www." or "WWW." starts
STOPS = PAIR_MARKS + RANGE_MARKS + ELLIPSIS_MARKS + ELLIPSIS_DOTS + HALF_MARKS + VERBATIM_MARKS + WWW
_PLAIN = "[^" + re.escape(STOPS) + "\n]*"
SIMPLE_PAIRS = "|".join(re.escape(o) + _PLAIN + re.escape(c) for o, c in [*zip(OPENERS, CLOSERS), ("“", "”")] if o != "(")
# a dot that does not start three in a row
_LONE_DOTS = "|".join(f"{re.escape(d)}(?!{re.escape(d)}{{2}})" for d in ELLIPSIS_DOTS)
# what the scan steps over besides plain text: no check starts from these
_STEPPED_OVER = [SIMPLE_PAIRS, _LONE_DOTS, lone_mark_pattern(HALF_MARKS), r"(?!www\.|WWW\.)[wW]"]


def scan_pattern(possessive: bool = True) -> str:
    """Plain text and what is stepped over, then one mark found (or the end of the text).

    Matched repeatedly from the start of a text, every match ends at the next
    mark found. The match never fails, so the possessive repeats only spare the
    engine its backtracking records: without them the matches are the same.
    """
    q = "+" if possessive else ""
    stops = re.escape(STOPS)
    return f"(?:[^{stops}]+{q}|{'|'.join(_STEPPED_OVER)})*{q}(?:([{stops}])|\\Z)"


SCAN_RE = rx.compile(scan_pattern())


class Scan:
    """What one pass found: positions in order, whether a wrong ellipsis is possible at all, and the zone triggers."""

    __slots__ = ("pair_marks", "range_marks", "half_marks", "ellipsis_hint", "triggers")

    def __init__(self, pair_marks: list[int], range_marks: list[int], half_marks: list[int], ellipsis_hint: bool, triggers: set[str]):
        self.pair_marks = pair_marks
        self.range_marks = range_marks
        self.half_marks = half_marks  # , ; : ? ! next to Chinese text
        self.ellipsis_hint = ellipsis_hint
        self.triggers = triggers  # of "/" "@" "<" "&" "www." "WWW.", those the text holds

    def __repr__(self) -> str:
        return (
            f"Scan({len(self.pair_marks)} pair marks, {len(self.range_marks)} range marks, {len(self.half_marks)} half-width marks, "
            f"ellipsis_hint={self.ellipsis_hint}, triggers={sorted(self.triggers)})"
        )


def scan(text: str) -> Scan:
    """The marks of ``text`` sorted by what they start (one regex pass, one Python step per mark found)."""
    pair_marks: list[int] = []
    range_marks: list[int] = []
    half_marks: list[int] = []
    triggers: set[str] = set()
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
        elif ch in HALF_MARKS:
            half_marks.append(pos)
        elif ch in VERBATIM_MARKS:
            triggers.add(ch)
        elif ch in WWW:
            triggers.add(text[pos : pos + 4])
        else:
            ellipsis_hint = True
    return Scan(pair_marks, range_marks, half_marks, ellipsis_hint, triggers)
