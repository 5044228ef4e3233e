"""Where a number can matter to the privacy and arithmetic kinds: one regex pass over a document for both.

* a run of eleven digits, single spaces or hyphens allowed between them: part
  of every ID, bank card or mobile number, so privacy searches only the lines
  holding one. Full-width digits count as ASCII ones (privacy maps them
  before matching its patterns);
* the unit after a number, with the problem word that may follow it, before a
  clause end (``24个，`` ``12个问题：``): where a total can end, so arithmetic
  reads only the sentences holding one.

Each starts from a character of a set (the digits; the units), and the regex
engine finds the next such character by testing every character of the text
against the set, at the same cost for one set as for their union: one pass
serves both kinds (shared through the context memo). The two never overlap (a
run holds digits, spaces and hyphens only; a unit is none of these), so the
pass finds every match of each as a pass of its own would.
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
HINTS_RE = rx.compile(f"(?P<run>{LONG_RUN})|{TOTAL_END}")


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
        if m.lastgroup == "run":
            runs.append(m.start())
        else:
            total_ends.append(m.span())
    return NumberHints(runs, total_ends)


def of(ctx) -> NumberHints:
    """The hints of the context's document, found once for both kinds."""
    return ctx.memo("number-hints", lambda: find(ctx.doc.text))
