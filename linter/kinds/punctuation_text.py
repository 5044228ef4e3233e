"""Character classes and "do not touch" zones shared by the punctuation checks.

GB/T 15834 rules apply to Chinese text only. URLs, e-mail addresses, HTML
residue (reported by the residue rules, removed rather than repunctuated) and the
ordinals of structural headings (``一.`` ``(一)`` belong to the numbering
rules) are excluded zones: no punctuation finding starts inside one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import ge

from .. import rx

# Chinese characters (CJK unified ideographs, extension A, compatibility ideographs).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# What may stand left of a half-width mark for it to be "in Chinese text".
LEFT_CONTEXT = f"[{HAN}”’）》】〕」』〉］]"
# What may stand right of it.
RIGHT_CONTEXT = f"[{HAN}“‘（《【〔「『〈［]"
# Paired marks (punctuation_pairs): brackets, each opener with the closer at the same place, and quotes.
OPENERS = "（《【〔〈［「『("
CLOSERS = "）》】〕〉］」』)"
PAIR_MARKS = OPENERS + CLOSERS + "“”‘’"
# Hyphens and tildes that may join the two ends of a date range (punctuation_marks.range_marks).
RANGE_MARKS = "-－~～–"
# Wrong ellipses are ``…`` and ``⋯`` in the wrong number, or three or more ``.`` ``·`` ``・`` (or ``。``).
ELLIPSIS_MARKS = "…⋯"
ELLIPSIS_DOTS = ".·・"
# 点号 (full-width): two or more in a row are a doubled or stacked mark (punctuation_marks.doubled_marks).
DOT_MARKS = "，。、；：？！"
# Half-width marks that may stand for Chinese ones (punctuation_width; the full stop is read apart).
HALF_MARKS = ",;:?!"
# What every excluded zone of verbatim_ranges holds: a URL "://" or "www."/"WWW.", an e-mail "@", markup "<" or "&".
VERBATIM_MARKS = "/@<&"

URL_RE = rx.compile(r"(?:https?|ftp)://[\x21-\x7e]+|(?<![A-Za-z0-9.])www\.[\x21-\x7e]+", re.IGNORECASE)
URL_TRAILING = ".,;:!?'\""
EMAIL_RE = rx.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# HTML residue (tags, comments, entities such as &#12288;) is the residue rules' business
MARKUP_RE = rx.compile(r"<!--.*?-->|</?[A-Za-z][^<>\n]*>|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});", re.DOTALL)


class Zones:
    """Sorted, merged character ranges where punctuation checks must not report."""

    def __init__(self, ranges: list[tuple[int, int]]):
        spans = sorted(r for r in ranges if r[1] > r[0])
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        if any(map(ge, self.ends, self.starts[1:])):  # some touch or overlap (rare): merge them
            merged: list[list[int]] = []
            for s, e in spans:
                if merged and s <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            self.starts = [m[0] for m in merged]
            self.ends = [m[1] for m in merged]

    def contains(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, max(start, end - 1)) - 1
        return i >= 0 and self.ends[i] > start


def verbatim_ranges(text: str, triggers: set[str]) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and markup; ``triggers`` are those of "/" "@" "<" "&" "www." "WWW." the text holds
    (found by the document's scan, see punctuation_scan): each pattern is searched only when its trigger is there."""
    out = []
    if ("/" in triggers and "://" in text) or "www." in triggers or "WWW." in triggers:
        for m in rx.finditer(URL_RE, text):
            s, e = m.span()
            while e > s and text[e - 1] in URL_TRAILING:
                e -= 1
            out.append((s, e))
    if "@" in triggers:
        out.extend(m.span() for m in rx.finditer(EMAIL_RE, text))
    if "<" in triggers or "&" in triggers:
        out.extend(m.span() for m in rx.finditer(MARKUP_RE, text))
    return out


def ordinal_ranges(outline) -> list[tuple[int, int]]:
    """Spans of heading ordinals with their marks: the numbering rules own those."""
    return [(n.start, n.marker_end) for n in outline.nodes() if not n.label_problem]


def excluded_zones(ctx, triggers: set[str]) -> Zones:
    """The zones of the document of ``ctx``; ``triggers`` as for verbatim_ranges."""
    return Zones(verbatim_ranges(ctx.doc.text, triggers) + ordinal_ranges(ctx.outline))
