"""One regex pass over a document for what the punctuation, privacy and arithmetic kinds start from.

The punctuation checks need the rare marks of punctuation_scan and the runs of
two or more 点号 (``，，`` ``，。``), privacy and arithmetic the number hints of
number_hints. Finding either costs a pass
that tests every character against a set (about 50 instructions a
character, far more than the few marks and hints found); one pass that
stops at both, and steps over the rest inside the engine, costs little more
than one of them.

The pass is a loop, unrolled: plain text (a run of characters that are
neither a stop of punctuation_scan, a 点号 nor a possible digit), then, as long
as one applies, a step over something no check starts from followed by plain
text again, then the mark, 点号 run or hint found (or the text's end):

* a 点号 that no other one follows (a notice holds about 1,200: tried
  first, they cost the engine one step each, where a pass of their own
  tested every character of the text again);
* a simple pair whose inside holds no number hint and no 点号 run (lone
  点号 and digits inside are stepped over as below): a pair holding one is read
  mark by mark, both its marks included, which changes nothing in the pairing
  (punctuation_pairs);
* a lone dot, a half-width mark away from Chinese text, a ``w`` not starting
  ``www.`` (punctuation_scan.STEPPED_OVER);
* digits that hold no hint (number_hints.number_step);
* a character of the blocks where \\d has digits outside [0-9０-９]
  (number_hints.OTHER_DIGIT_BLOCKS) that is not a digit.

A run of eleven digits may hold hyphens, which are range marks: those are
read from the run (there is about one run in a notice).
"""
from __future__ import annotations

import re

from .. import rx
from .number_hints import OTHER_DIGIT_BLOCKS, OTHER_DIGIT_RANGES, NumberHints, hint_pattern, number_step
from .punctuation_scan import PAIRS, STEPPED_OVER, STOPS, WWW
from .punctuation_text import DOT_MARKS, HALF_MARKS, PAIR_MARKS, RANGE_MARKS, VERBATIM_MARKS


def class_without(chars: str, ranges: list[tuple[int, int]]) -> str:
    """A class of every character outside ``chars`` and the code point ``ranges``, written as the ranges
    it holds (``[^…]`` of the same characters matches the same).

    The scan tests every character of a text against its plain-text class: the engine tests a negated
    class by a recursive call, its bitmap, then the range above the BMP it excludes (~53 instructions
    a character), a class of the BMP alone by its bitmap (~30). The scan excludes every character
    above the BMP (OTHER_DIGIT_RANGES), so this class is the bitmap alone.
    """
    cut = sorted({(ord(c), ord(c)) for c in chars} | set(ranges))
    held, lo = [], 0
    for a, b in cut:
        if a > lo:
            held.append((lo, a - 1))
        lo = max(lo, b + 1)
    if lo <= 0x10FFFF:
        held.append((lo, 0x10FFFF))
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in held) + "]"


def scan_pattern(possessive: bool = True) -> str:
    """The pass, matched repeatedly from the start of a text: every match ends where a mark, a 点号 run or a hint ends.

    The match never fails, so the possessive repeats only spare the engine
    its backtracking records: without them the marks and hints found are the
    same (tests).
    """
    q = "+" if possessive else ""
    stops = re.escape(STOPS)
    dots = f"[{DOT_MARKS}]"
    lone_dot = f"{dots}(?!{dots})"
    not_plain = STOPS + DOT_MARKS + "0123456789０１２３４５６７８９"
    plain_char = class_without(not_plain, OTHER_DIGIT_RANGES)
    plain_in_line_char = class_without(not_plain + "\n", OTHER_DIGIT_RANGES)
    # (each alternative starts with its class, as in number_hints.digits_pattern)
    numbers = rf"{number_step(possessive)}|[{OTHER_DIGIT_BLOCKS}](?<!\d)"
    # plain text takes along the 点号 that plain text follows: "，" "。\n" without a step of the loop below
    plain = f"{plain_char}*{q}(?:{dots}{plain_char}+{q})*{q}"
    plain_in_line = f"{plain_in_line_char}*{q}(?:{dots}{plain_in_line_char}+{q})*{q}"
    inside = rf"{plain_in_line}(?:(?:{lone_dot}|{numbers}){plain_in_line})*{q}"
    pairs = "|".join(re.escape(o) + inside + re.escape(c) for o, c in PAIRS)
    step = "|".join([lone_dot, pairs, *STEPPED_OVER, numbers])
    marks = f"(?P<mark>[{stops}])|(?P<dots>{dots}{{2,}}{q})"
    return rf"{plain}(?:(?:{step}){plain})*{q}(?:{marks}|{hint_pattern(possessive)}|\Z)"


SCAN_RE = rx.compile(scan_pattern())


class Scan:
    """What one pass found: mark positions in order, the spans of the 点号 runs, whether a wrong ellipsis is
    possible at all, the zone triggers and the number hints."""

    __slots__ = ("pair_marks", "range_marks", "half_marks", "dot_runs", "ellipsis_hint", "triggers", "numbers")

    def __init__(
        self,
        pair_marks: list[int],
        range_marks: list[int],
        half_marks: list[int],
        dot_runs: list[tuple[int, int]],
        ellipsis_hint: bool,
        triggers: set[str],
        numbers: NumberHints,
    ):
        self.pair_marks = pair_marks
        self.range_marks = range_marks
        self.half_marks = half_marks  # , ; : ? ! next to Chinese text
        self.dot_runs = dot_runs  # two or more of ，。、；：？！ in a row, whole
        self.ellipsis_hint = ellipsis_hint
        self.triggers = triggers  # of "/" "@" "<" "&" "www." "WWW.", those the text holds
        self.numbers = numbers

    def __repr__(self) -> str:
        return (
            f"Scan({len(self.pair_marks)} pair marks, {len(self.range_marks)} range marks, {len(self.half_marks)} half-width marks, "
            f"{len(self.dot_runs)} 点号 runs, "
            f"ellipsis_hint={self.ellipsis_hint}, triggers={sorted(self.triggers)}, {self.numbers})"
        )


def scan(text: str) -> Scan:
    """The marks of ``text`` sorted by what they start, and its number hints (one regex pass, one Python
    step per mark or hint found)."""
    pair_marks: list[int] = []
    range_marks: list[int] = []
    half_marks: list[int] = []
    dot_runs: list[tuple[int, int]] = []
    triggers: set[str] = set()
    runs: list[int] = []
    total_ends: list[tuple[int, int]] = []
    ellipsis_hint = False
    for m in SCAN_RE.finditer(text):
        pos = m.start("mark")
        if pos < 0:
            k = m.start("run")
            if k >= 0:
                runs.append(k)
                s, e = m.span("run")
                range_marks += (i for i in range(s, e) if text[i] == "-")  # (the only range mark a run holds)
                if m.start("after") >= 0:
                    total_ends.append(m.span("after"))
            elif m.start("end") >= 0:
                total_ends.append(m.span("end"))
            elif m.start("dots") >= 0:
                dot_runs.append(m.span("dots"))
            continue  # (or the end of the text)
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
        else:  # a … ⋯ or three dots
            ellipsis_hint = True
    return Scan(pair_marks, range_marks, half_marks, dot_runs, ellipsis_hint, triggers, NumberHints(runs, total_ends))


def of(ctx) -> Scan:
    """The scan of the context's document, made once for the kinds that read it."""
    return ctx.memo("document-scan", lambda: scan(ctx.doc.text))
