"""Half-width punctuation inside Chinese text (GB/T 15834; DOMAIN R-PUN-01/02/03).

A half-width ``, ; : ? !`` counts as Chinese punctuation when a Chinese
character (or a Chinese closing/opening mark) touches it on either side; a
half-width ``.`` only when it follows Chinese text and is not followed by a
letter or digit. Times (``8:30``), ratios (``1:500``), decimals, thousands
separators, Latin text (``GB/T 9704-2012``, ``APP``), URLs and e-mail addresses
have ASCII on both sides, or lie in an excluded zone, and are left alone.
"""
from __future__ import annotations

import re

from .. import rx
from ..model import Issue
from .punctuation_text import HALF_MARKS, HAN, LEFT_CONTEXT, RIGHT_CONTEXT, Zones

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# the full-width marks that NFKC normalisation turns half-width
NFKC_FULL = "，；：？！（）"


class Patterns:
    """Compiled once per run (in prepare)."""

    __slots__ = ("mark", "stop", "group")

    def __init__(self, mark: re.Pattern, stop: re.Pattern, group: re.Pattern):
        self.mark = mark
        self.stop = stop
        self.group = group

    def __repr__(self) -> str:
        return "Patterns(half-width marks)"


def mark_pattern(marks: str) -> str:
    """A mark of ``marks`` after Chinese text (plus the spaces that follow it before more Chinese),
    or a mark right before Chinese text."""
    c = f"[{re.escape(marks)}]"
    return rf"{c}(?:(?<={LEFT_CONTEXT}{c})(?:[ \t]+(?={RIGHT_CONTEXT}))?|(?={RIGHT_CONTEXT}))"


def lone_mark_pattern(marks: str) -> str:
    """A mark of ``marks`` that ``mark_pattern(marks)`` does not match: no Chinese text on either side.

    The mark comes first and the look-behind after it: an alternative that starts with a class is
    skipped by the engine at once where the character is not in it (the document scan tries this one
    at every run of digits it steps over), where a leading look-behind runs every time.
    """
    c = f"[{re.escape(marks)}]"
    return f"{c}(?<!{LEFT_CONTEXT}{c})(?!{RIGHT_CONTEXT})"


def compile_patterns() -> Patterns:
    return Patterns(
        mark=rx.compile(mark_pattern(HALF_MARKS)),
        stop=rx.compile(rf"\.(?<={LEFT_CONTEXT}\.)(?![.A-Za-z0-9])"),
        # the innermost half-width bracket pair on one line
        group=rx.compile(r"\(([^()\n]*)\)"),
    )


HAN_RE = rx.compile(f"[{HAN}]")


def halfwidth_marks(text: str, zones: Zones, pat: Patterns, places: list[int]) -> list[Issue]:
    """The marks of ``mark_pattern(",;:?!")`` and the stops, in order.

    ``places`` are where the half-width ``, ; : ? !`` next to Chinese text are
    (punctuation_scan): the matches of the pattern start there (a match holds
    one mark and the spaces after it).
    """
    out = []
    for s in places:
        m = pat.mark.match(text, s)
        if m and not zones.contains(s):
            ch = text[s]
            out.append(Issue("halfwidth", s, m.end(), {"mark": ch, "full": FULL[ch]}, FULL[ch]))
    for m in rx.finditer(pat.stop, text):
        s = m.start()
        if zones.contains(s) or (s > 0 and text[s - 1] == "."):
            continue
        out.append(Issue("halfwidth", s, s + 1, {"mark": ".", "full": "。"}, "。"))
    out.sort(key=lambda i: i.start)
    return out


def halfwidth_brackets(text: str, zones: Zones, pat: Patterns, pair_marks: list[int]) -> list[Issue]:
    """``(中文)`` -> ``（中文）``; brackets around Latin text or numbers are left alone.

    ``pair_marks`` (punctuation_scan) hold every ``(``: the matches start there.
    """
    out = []
    for s in pair_marks:
        m = pat.group.match(text, s) if text[s] == "(" else None
        if m is None:
            continue
        inner = m.group(1)
        if not HAN_RE.search(inner) or zones.overlaps(m.start(), m.end()):
            continue
        out.append(Issue("halfwidth-brackets", m.start(), m.end(), {"inner": inner}, f"（{inner}）"))
    return out


def nfkc_share(text: str, marks: list[Issue], groups: list[Issue], min_share: float = 0.0) -> tuple[int, float]:
    """How many half-width marks NFKC could have produced, and their share of all such marks.

    Counts the flagged ``, ; : ? !`` plus two per flagged bracket pair against the
    full-width ``，；：？！（）`` in the document. The full stop is not counted:
    NFKC leaves ``。`` alone, so it says nothing about a normalised paste.

    Each count is a pass over the whole text, and every full-width mark only
    lowers the share: counting stops as soon as the share is below
    ``min_share``. The share returned is then below ``min_share`` but not
    exact; one of ``min_share`` or more is exact.
    """
    half = sum(1 for i in marks if i.params["mark"] != ".") + 2 * len(groups)
    if not half:
        return 0, 0.0
    full = 0
    for c in NFKC_FULL:
        full += text.count(c)
        if half / (half + full) < min_share:
            break
    return half, half / (half + full)
