"""What the document's one scan (document_scan) looks for on behalf of the punctuation checks.

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

from .punctuation_text import CLOSERS, ELLIPSIS_DOTS, ELLIPSIS_MARKS, HALF_MARKS, OPENERS, PAIR_MARKS, RANGE_MARKS, VERBATIM_MARKS
from .punctuation_width import lone_mark_pattern

WWW = "wW"  # stops only where "www." or "WWW." starts
STOPS = PAIR_MARKS + RANGE_MARKS + ELLIPSIS_MARKS + ELLIPSIS_DOTS + HALF_MARKS + VERBATIM_MARKS + WWW
# the pairs of an opener and its closer (not "(": always read)
PAIRS = [(o, c) for o, c in [*zip(OPENERS, CLOSERS), ("“", "”")] if o != "("]
# An opener and its closer with no stop between on one line: the simple pairs the scan may step over
# (punctuation_pairs.zone_pair_marks looks for them again next to excluded zones). The scan steps over
# those with no number hint inside either (document_scan).
SIMPLE_PAIRS = "|".join(re.escape(o) + "[^" + re.escape(STOPS) + "\n]*" + re.escape(c) for o, c in PAIRS)
# a dot that does not start three in a row
LONE_DOTS = "|".join(f"{re.escape(d)}(?!{re.escape(d)}{{2}})" for d in ELLIPSIS_DOTS)
# the stops that are stepped over besides simple pairs: no check starts from these. Each alternative
# starts with its character (not a look-around): the engine then skips it at once where it cannot match
STEPPED_OVER = [LONE_DOTS, lone_mark_pattern(HALF_MARKS), r"w(?!ww\.)|W(?!WW\.)"]
