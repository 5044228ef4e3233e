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
from dataclasses import dataclass

from .. import rx
from .punctuation_text import HAN, LEFT_CONTEXT, RIGHT_CONTEXT, Issue, Zones

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# the full-width marks that NFKC normalisation turns half-width
NFKC_FULL = "，；：？！（）"


@dataclass
class Patterns:
    """Compiled once per run (in prepare)."""

    mark: re.Pattern
    stop: re.Pattern
    group: re.Pattern


def compile_patterns() -> Patterns:
    return Patterns(
        # a mark after Chinese text (plus the spaces that follow it before more Chinese),
        # or a mark right before Chinese text
        # (each pattern starts with the mark itself, so the regex engine can skip ahead to it)
        mark=rx.compile(rf"[,;:?!](?:(?<={LEFT_CONTEXT}[,;:?!])(?:[ \t]+(?={RIGHT_CONTEXT}))?|(?={RIGHT_CONTEXT}))"),
        stop=rx.compile(rf"\.(?<={LEFT_CONTEXT}\.)(?![.A-Za-z0-9])"),
        # the innermost half-width bracket pair on one line
        group=rx.compile(r"\(([^()\n]*)\)"),
    )


HAN_RE = rx.compile(f"[{HAN}]")


def halfwidth_marks(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
    out = []
    for m in pat.mark.finditer(text):
        if zones.contains(m.start()):
            continue
        ch = text[m.start()]
        out.append(Issue("halfwidth", m.start(), m.end(), {"mark": ch, "full": FULL[ch]}, FULL[ch]))
    for m in pat.stop.finditer(text):
        s = m.start()
        if zones.contains(s) or (s > 0 and text[s - 1] == "."):
            continue
        out.append(Issue("halfwidth", s, s + 1, {"mark": ".", "full": "。"}, "。"))
    out.sort(key=lambda i: i.start)
    return out


def halfwidth_brackets(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
    """``(中文)`` -> ``（中文）``; brackets around Latin text or numbers are left alone."""
    out = []
    for m in pat.group.finditer(text):
        inner = m.group(1)
        if not HAN_RE.search(inner) or zones.overlaps(m.start(), m.end()):
            continue
        out.append(Issue("halfwidth-brackets", m.start(), m.end(), {"inner": inner}, f"（{inner}）"))
    return out


def nfkc_share(text: str, marks: list[Issue], groups: list[Issue]) -> tuple[int, float]:
    """How many half-width marks NFKC could have produced, and their share of all such marks.

    Counts the flagged ``, ; : ? !`` plus two per flagged bracket pair against the
    full-width ``，；：？！（）`` in the document. The full stop is not counted:
    NFKC leaves ``。`` alone, so it says nothing about a normalised paste.
    """
    half = sum(1 for i in marks if i.params["mark"] != ".") + 2 * len(groups)
    full = sum(text.count(c) for c in NFKC_FULL)
    total = half + full
    return half, (half / total if total else 0.0)
