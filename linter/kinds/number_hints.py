"""Where a number can matter to the privacy and arithmetic kinds: one regex pass over a document for both.

* a run of eleven digits, single spaces or hyphens allowed between them: part
  of every ID, bank card or mobile number, so privacy searches only the lines
  holding one. Full-width digits count as ASCII ones (privacy maps them
  before matching its patterns);
* the unit after a number, with the problem word that may follow it, before a
  clause end (``24个，`` ``12个问题：``): where a total can end, so arithmetic
  reads only the sentences holding one.

Both need a digit (a total end's unit follows one), and digits are few: the
pass is one match per run of eleven digits or total end, which steps over
the rest inside the engine: all non-digits in one go (``\\D++``), then each
run of digits with one check at its start and one for a total end after it.
A regex pass that starts a match from every digit or unit instead (the
engine finds them by testing every character against a set, then retries
from each) costs a fifth more: 2.0 against 1.7 M instructions for a notice
of 17,000 characters, most of either the engine's test of each character.
The two never overlap (a run holds digits, spaces and hyphens only; a unit
is none of these), so the pass finds every match of each as a pass of its
own would (tests/test_fast_paths_numbers.py).
"""
from __future__ import annotations

from .. import rx

# the counting units of a total (arithmetic)
UNIT = "个|项|条|件|家|起|名|人|户|处|份|批|所|间"
_DIGIT = "[0-9０-９]"
# eleven digits from the start of such a run (not after a digit), written out (a separator is
# never a digit: the engine's retry without one fails at once)
LONG_RUN = rf"(?<!{_DIGIT}){_DIGIT}" + rf"[ -]?{_DIGIT}" * 10
# what every total ends with, just before its "，" or "：": a number's unit (after a digit) and, for
# "12个具体问题", the problem word. The units are rarer than the digits and the words a total
# starts with, so the sentences holding one are the few worth reading for a total.
TOTAL_END = rf"(?<=\d)(?:{UNIT})(?:具体)?(?:问题|事项|任务|项目|整改任务|整改事项)?(?=[，,：:])"


def hints_pattern(possessive: bool = True) -> str:
    """Steps over what holds no hint, then a run (with the total end right after it), a total end (after
    its digits), or the text's end.

    Matched repeatedly from the start of a text, every match ends where a
    hint ends. The match never fails, so the possessive repeats only spare
    the engine its backtracking records: without them the hints found are the
    same (a backtracking step may end inside a run of digits, where neither
    hint starts).
    """
    q = "+" if possessive else ""
    # digits passed over: a run of [0-9０-９] where no LONG_RUN starts (one can start only at the run's
    # first digit), or one other decimal digit (\d, what TOTAL_END looks behind at, is any of them)
    digits = rf"(?!{LONG_RUN}){_DIGIT}+{q}|(?!{_DIGIT})\d"
    # a step: non-digits, or digits not followed by a total end. A unit right after a run of eleven
    # digits is behind no step's check, so the run's match takes that total end with it.
    step = rf"\D+{q}|(?:{digits})(?!{TOTAL_END})"
    return rf"(?:{step})*{q}(?:(?P<run>{LONG_RUN})(?P<after>{TOTAL_END})?|(?:{digits})(?P<end>{TOTAL_END})|\Z)"


HINTS_RE = rx.compile(hints_pattern())


class NumberHints:
    """The starts of the eleven-digit runs and the spans of the total ends of one document, in order."""

    __slots__ = ("runs", "total_ends")

    def __init__(self, runs: list[int], total_ends: list[tuple[int, int]]):
        self.runs = runs
        self.total_ends = total_ends

    def __repr__(self) -> str:
        return f"NumberHints({len(self.runs)} runs, {len(self.total_ends)} total ends)"


def find(text: str) -> NumberHints:
    runs: list[int] = []
    total_ends: list[tuple[int, int]] = []
    for m in HINTS_RE.finditer(text):
        k = m.start("run")
        if k >= 0:
            runs.append(k)
            if m.start("after") >= 0:
                total_ends.append(m.span("after"))
        elif m.start("end") >= 0:
            total_ends.append(m.span("end"))
    return NumberHints(runs, total_ends)


def of(ctx) -> NumberHints:
    """The hints of the context's document, found once for both kinds."""
    return ctx.memo("number-hints", lambda: find(ctx.doc.text))
