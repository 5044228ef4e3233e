"""Where a number can matter to the privacy and arithmetic kinds, found by the document's one scan (document_scan).

* a run of eleven digits, single spaces or hyphens allowed between them: part
  of every ID, bank card or mobile number, so privacy searches only the lines
  holding one. Full-width digits count as ASCII ones (privacy maps them
  before matching its patterns);
* the unit after a number, with the problem word that may follow it, before a
  clause end (``24个，`` ``12个问题：``): where a total can end, so arithmetic
  reads only the sentences holding one.

Both need a digit (a total end's unit follows one), and digits are few: the
scan steps over each run of digits with one check at its start and one for a
total end after it, and stops only where a run of eleven digits or a total
end is. The two never overlap (a run holds digits, spaces and hyphens only; a
unit is none of these), so one pass finds every match of each as a pass of
its own would (tests/test_fast_paths_numbers.py).
"""
from __future__ import annotations

# the counting units of a total (arithmetic)
UNIT = "个|项|条|件|家|起|名|人|户|处|份|批|所|间"
_DIGIT = "[0-9０-９]"
# eleven digits from the start of such a run (not after a digit), written out (a separator is
# never a digit: the engine's retry without one fails at once)
LONG_RUN = rf"(?<!{_DIGIT}){_DIGIT}" + rf"[ -]?{_DIGIT}" * 10
# what every total ends with, just before its "，" or "：", once past its number: a number's unit
# and, for "12个具体问题", the problem word. The units are rarer than the digits and the words a
# total starts with, so the sentences holding one are the few worth reading for a total.
_UNIT_TO_CLAUSE_END = rf"(?:{UNIT})(?:具体)?(?:问题|事项|任务|项目|整改任务|整改事项)?(?=[，,：:])"
TOTAL_END = rf"(?<=\d){_UNIT_TO_CLAUSE_END}"
# The characters outside [0-9０-９] that \d (str.isdecimal) matches lie in these blocks (every script
# with its own digits; tests/test_fast_paths_numbers.py checks it on the running Python's Unicode data)
# or above the BMP. A scan that stops at them (rare in Chinese text) tests each character against one
# table, where a class holding \d asks for its Unicode category as well.
OTHER_DIGIT_RANGES = [(0x0660, 0x1FFF), (0xA620, 0xABFF), (0x10000, 0x10FFFF)]
OTHER_DIGIT_BLOCKS = "".join(f"{chr(a)}-{chr(b)}" for a, b in OTHER_DIGIT_RANGES)


def digits_pattern(possessive: bool = True) -> str:
    """A run of [0-9０-９] where no LONG_RUN starts (one can start only at the run's first digit), or one
    other decimal digit (\\d, what TOTAL_END looks behind at, is any of them).

    Most runs are short and followed by no digit or separator: those cannot start a LONG_RUN, which is
    then not tried."""
    q = "+" if possessive else ""
    # Each alternative starts with the digit it takes (its look-arounds after it, looking back at it):
    # the scan tries this at every mark it stops at, and the engine skips such an alternative at once
    # where the character is no digit. (?<!D.) after the first digit is (?<!D) before it.
    no_long_run = rf"(?!(?<!{_DIGIT}.)(?:[ -]?{_DIGIT}){{10}})"
    return rf"{_DIGIT}{_DIGIT}{{0,9}}{q}(?![ \-0-9０-９])|{_DIGIT}{no_long_run}{_DIGIT}*{q}|\d(?<!{_DIGIT})"


def number_step(possessive: bool = True) -> str:
    """Digits that hold no hint: not the start of a LONG_RUN, no total end after them (the look-behind
    of TOTAL_END holds there: the step is right after a digit)."""
    return rf"(?:{digits_pattern(possessive)})(?!{_UNIT_TO_CLAUSE_END})"


def hint_pattern(possessive: bool = True) -> str:
    """A run (with the total end right after it) or a total end (after its digits), at the place where a
    scan's number_step fails."""
    return rf"(?P<run>{LONG_RUN})(?P<after>{TOTAL_END})?|(?:{digits_pattern(possessive)})(?P<end>{TOTAL_END})"


class NumberHints:
    """The starts of the eleven-digit runs and the spans of the total ends of one document, in order."""

    __slots__ = ("runs", "total_ends")

    def __init__(self, runs: list[int], total_ends: list[tuple[int, int]]):
        self.runs = runs
        self.total_ends = total_ends

    def __repr__(self) -> str:
        return f"NumberHints({len(self.runs)} runs, {len(self.total_ends)} total ends)"
