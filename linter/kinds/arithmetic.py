"""Kind ``arithmetic``: the statistics of a notice add up (DOMAIN §3.2).

Checks (option ``check``):

* ``parts-sum``: a total and its parts in one sentence
  (``共24个，已完成20个、正在实施3个、待招标1个``): two or more parts of
  distinct statuses (done, partly done, ongoing, pending, long-term, the rest)
  that do not add up to the total, or one part larger than the total;
* ``rate-counts``: a completion rate next to its counts
  (``697个问题，完成整改688个…完成率98.71%`` or ``688/697``) that is neither
  the rounded nor the truncated value at the stated number of decimals;
* ``rate-over-100``: a completion, coverage or share rate above 100%;
* ``conflicting-count``: the number of problems fed back stated twice with
  different values (``反馈问题32个`` … ``反馈的33个问题``);
* ``problem-count``: that number is smaller than the number of problems
  listed in the rectification section (``ctx.outline.problems()``) and equals
  no level of that section's items. A larger stated number is not reported:
  notices often report only the key problems (``重点问题``) or group several
  under one heading.

False positives are worse than misses here, so every check only reads
sentences whose structure is unambiguous: a total and its parts must be in
the same sentence, with the same unit, each part a status phrase and a
number (``已完成20个``, ``3个正在推进``); statements inside a problem's own text
(``针对反馈的3个问题…``) are not read as the notice's total.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .. import rx
from ..model import Hit, Rule
from . import document_scan
from .number_hints import UNIT
from .options import check_options

if TYPE_CHECKING:  # decimal itself is imported by _decimal(), when a rate is checked
    from decimal import Decimal

CHECKS = ["parts-sum", "rate-counts", "rate-over-100", "conflicting-count", "problem-count"]

OPTIONS_SCHEMA = check_options(CHECKS)

SENTENCE_RE = rx.compile(r"[^。；;！？!?\n]+")
# a total that ends a clause: "共24个，" / "697个问题，" / "反馈问题32个，"
TOTAL_RE = rx.compile(
    rf"(?:(?:共计|总计|合计|共有|共)(?P<a>\d+)(?P<ua>{UNIT})"
    rf"|(?<![\d.])(?P<b>\d+)(?P<ub>{UNIT})(?:具体)?(?:问题|事项|任务|项目|整改任务|整改事项)"
    rf"|(?:问题|事项|任务|项目)(?P<c>\d+)(?P<uc>{UNIT}))"
    r"(?=[，,：:])"
)
# The last character of each opening of TOTAL_RE that stands right before the number (共 / 共计 / 合计
# / 共有 …; 问题 / 事项 / 任务 / 项目). A total end (number_hints.TOTAL_END) that ends a total either
# holds the problem word ("12个问题，") or follows a number led by one of these: most ("提纲40份，")
# are neither.
TOTAL_LEADS = frozenset("共计有题项务目")
CLAUSE_RE = rx.compile(r"[^，,、；;。：:]+")
# "…12个具体问题，截至目前，已完成整改10个…": a time clause may stand before the parts
AS_OF_RE = rx.compile(r"(?:截至|截止|到)?(?:目前|当前|现在|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末)?|\d{1,2}月(?:\d{1,2}日)?(?:底|末)?)")
PART_LABEL_FIRST = rx.compile(rf"(?P<label>[^\d%％]{{1,20}}?)(?P<n>\d+)(?P<u>{UNIT})")
PART_NUMBER_FIRST = rx.compile(rf"(?P<n>\d+)(?P<u>{UNIT})(?P<label>[^\d%％]{{1,12}})")
STATUS_RE = rx.compile(r"已|完成|办结|到位|销号|正在|推进|实施|待|未|尚未|基本|阶段性|持续|长期|其余|剩余|逐步|序时|按期")
DONE_RE = rx.compile(r"完成|办结|整改到位|销号")
NOT_DONE_RE = rx.compile(r"基本|未|阶段性|正在|待|持续|长期|序时")
# 整改完成率|完成率|整改率|办结率|销号率, written with 率 outside the group so that the search skips
# from one 率 to the next (rx anchors on a literal)
RATE_WORDS = "(?:整改完成|完成|整改|办结|销号)率"
RATE_RE = rx.compile(rf"{RATE_WORDS}(?:为|达到|达|是|约)?[ \t]*(?P<v>\d+(?:\.\d+)?)[ \t]*[%％]")
FRACTION_RE = rx.compile(r"(?<![\d.])(?P<num>\d+)[ \t]*[/／][ \t]*(?P<den>\d+)(?![\d.])")
BOUNDED_RATE_RE = rx.compile(
    r"(?:整改完成率|完成率|整改率|办结率|销号率|覆盖率|参训率|参与率|达标率|合格率|通过率|知晓率|满意率|满意度|出勤率|到位率|执行率|落实率|占比|比重)"
    r"(?:为|达到了|达到|达|是|约|高达|提升至|提高至|提高到)?[ \t]*(?P<v>\d+(?:\.\d+)?)[ \t]*[%％]"
)
# the number of problems fed back, in its usual phrasings. The first two share their opening
# "反馈…" (one search for it instead of two). That changes no match: wherever the first matches
# after a shorter opening it also matches after the longest one (the only word the opening can
# leave to it is 的), so it is still tried, and preferred, before the second.
FEEDBACK_COUNT_RE = rx.compile(
    r"反馈(?:的|了)?(?:巡察|巡视)?(?:意见)?"
    r"(?:(?:中)?(?:的)?问题(?:共计|共有|共|总计)?(?P<a>\d+)(?:个|条|项)(?!方面)"
    r"|(?:(?:\d+|[一二三四五六七八九十]+)个?方面)?(?:的)?(?:共计|共有|共|总计)?(?P<b>\d+)(?:个|条|项)(?:具体)?问题)"
    r"|(?<![\d.])(?P<c>\d+)(?:个|条|项)(?:巡察|巡视)?反馈问题"
)


# status classes, tested in this order ("未完成" is pending, "正在整改" is ongoing)
STATUS_CLASSES: list[tuple[str, re.Pattern]] = [
    ("rest", rx.compile(r"其余|剩余")),
    ("pending", rx.compile(r"未|待")),
    ("partial", rx.compile(r"基本|阶段性")),
    ("ongoing", rx.compile(r"正在|推进|实施|持续|序时|整改中")),
    ("longterm", rx.compile(r"长期")),
    ("done", rx.compile(r"完成|办结|到位|销号|整改")),
]


class Part:
    """One part of a total ("已完成20个"): its status label and value."""

    __slots__ = ("label", "value", "start", "end")

    def __init__(self, label: str, value: int, start: int, end: int):
        self.label = label
        self.value = value
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Part({self.label!r}, {self.value}, {self.start}-{self.end})"

    @property
    def status(self) -> str | None:
        return next((name for name, pat in STATUS_CLASSES if pat.search(self.label)), None)


class Total:
    """A total ("共24个") and the parts listed after it in the same sentence (filled in as they are read)."""

    __slots__ = ("value", "unit", "start", "end", "parts", "listed")

    def __init__(self, value: int, unit: str, start: int, end: int, parts: list[Part] | None = None, listed: bool = False):
        self.value = value
        self.unit = unit
        self.start = start
        self.end = end
        self.parts = [] if parts is None else parts
        self.listed = listed  # "其中" introduced the parts

    @property
    def done(self) -> list[Part]:
        return [p for p in self.parts if DONE_RE.search(p.label) and not NOT_DONE_RE.search(p.label)]

    @property
    def partition(self) -> bool:
        """The parts are distinct statuses (done / ongoing / pending…), so they must add up.

        Categories after 其中 (市级、区级; 党纪处分、政务处分) may overlap or leave
        some out, and two parts of one status (已完成…、已验收…) may overlap.
        """
        statuses = [p.status for p in self.parts]
        return None not in statuses and len(set(statuses)) == len(statuses)


def prepare(rules: list[Rule]):
    return rules


def parse_total(text: str, s: int, e: int) -> Total | None:
    """The first total of a sentence with the parts listed right after it."""
    for m in TOTAL_RE.finditer(text, s, e):
        key = next(k for k in "abc" if m.group(k) is not None)
        total = Total(int(m.group(key)), m.group("u" + key), m.start(), m.end())
        _read_parts(text, total, m.end(), e)
        if total.parts:
            return total
    return None


def _read_parts(text: str, total: Total, pos: int, e: int) -> None:
    for c in CLAUSE_RE.finditer(text, pos, e):
        clause = c.group(0).strip()
        cs = c.start() + (len(c.group(0)) - len(c.group(0).lstrip()))
        if not total.parts and not total.listed and AS_OF_RE.fullmatch(clause):
            continue
        if not total.parts and not total.listed and clause == "其中":
            total.listed = True
            continue
        if not total.parts and clause.startswith("其中"):
            total.listed = True
            clause, cs = clause[2:], cs + 2
        part = PART_LABEL_FIRST.fullmatch(clause) or PART_NUMBER_FIRST.fullmatch(clause)
        if not part or part.group("u") != total.unit:
            return
        label = part.group("label")
        if not total.listed and not STATUS_RE.search(label):
            return
        total.parts.append(Part(label, int(part.group("n")), cs, cs + len(clause)))
        # a part ends at "，" or "、" only; anything else closes the list
        nxt = text[c.end() : c.end() + 1]
        if nxt not in ("，", ",", "、"):
            return


def _acceptable(exact: Decimal, stated: Decimal, decimals: int) -> bool:
    """The stated rate is the exact value rounded half-up or truncated to its decimals."""
    dec = _decimal()
    q = dec.Decimal(1).scaleb(-decimals)
    return stated in (exact.quantize(q, dec.ROUND_HALF_UP), exact.quantize(q, dec.ROUND_DOWN))


def _fmt_pct(x: Decimal) -> str:
    dec = _decimal()
    return f"{x.quantize(dec.Decimal('0.0001'), dec.ROUND_HALF_UP).normalize():f}"


def _decimal():
    """The decimal module, imported where a rate is checked (1-3 ms of start-up otherwise)."""
    import decimal

    return decimal


def problem_spans(outline) -> list[tuple[int, int]]:
    """Text that belongs to one problem (its heading and body): not the notice's own totals."""
    spans = []
    for n in outline.nodes():
        if n.is_problem:
            for x in n.walk():
                spans.append((x.paragraph.start, x.paragraph.end))
                spans.extend((p.start, p.end) for p in x.body)
    return spans


def feedback_counts(ctx) -> list[tuple[int, int, int]]:
    """(start, end, value) of every statement of the number of problems fed back."""
    text = ctx.doc.text
    matches = list(rx.finditer(FEEDBACK_COUNT_RE, text))
    if not matches:
        return []  # no need to parse the outline
    inside = problem_spans(ctx.outline)
    out = []
    for m in matches:
        if any(s <= m.start() < e for s, e in inside):
            continue
        key = next(k for k in "abc" if m.group(k) is not None)
        out.append((m.start(), m.end(), int(m.group(key))))
    return out


def _level_counts(outline) -> set[int]:
    """How many items the rectification section lists at each depth (and with the long-term ones)."""
    rect = outline.problems()
    longterm = outline.problems("longterm")
    counts = {len(rect), len(rect) + len(longterm)}
    sec = outline.section("rectification")
    level = list(sec.children) if sec is not None else (list(outline.roots) if outline.virtual_rectification else [])
    while level:
        counts.add(len(level))
        counts.add(len(level) + len(longterm))
        level = [c for n in level for c in n.children]
    return counts


def sentences_with(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """The sentences (spans of ``SENTENCE_RE`` matches) that hold a match of ``pattern``, in order.

    One pass over the whole text instead of one search per sentence; the
    pattern must not match across a sentence end (those read here never do).
    """
    end = -1
    for m in rx.finditer(pattern, text):
        if m.start() >= end:  # not in the sentence just given
            start, end = _sentence_at(text, m.start())
            yield start, end


def total_sentences(text: str, total_ends: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The sentences that hold one of ``total_ends`` (number_hints) that may_end_total accepts, in order."""
    end = -1
    for s, e in total_ends:
        if s >= end and may_end_total(text, s, e):  # not in the sentence just given
            start, end = _sentence_at(text, s)
            yield start, end


def may_end_total(text: str, start: int, end: int) -> bool:
    """Whether the total end (number_hints.TOTAL_END) at ``start``-``end`` can be the end of a TOTAL_RE match.

    Rejecting the others before their sentence is even located saves
    most of the per-sentence work (about five in six total ends in a notice).
    """
    if end - start > 1:  # "12个问题，": the unit is followed by a word
        return True
    i = start - 1  # TOTAL_END's look-behind puts a digit here
    while i > 0 and text[i - 1].isdecimal():  # str.isdecimal is what \d matches
        i -= 1
    return i > 0 and text[i - 1] in TOTAL_LEADS


def in_sentences(pattern: re.Pattern, text: str, hint: re.Pattern | None = None) -> list[tuple[tuple[int, int], list[re.Match]]]:
    """The sentences that hold a match of ``pattern``, with their matches, in order.

    The sentences are found with ``hint`` (default: ``pattern`` itself), a
    cheaper pattern that matches in every sentence where ``pattern`` does;
    only those are searched with ``pattern``.
    """
    out = []
    for span in sentences_with(hint or pattern, text):
        found = list(pattern.finditer(text, *span))
        if found:
            out.append((span, found))
    return out


SENTENCE_END_RE = rx.compile(r"[。；;！？!?\n]")
# up to the last sentence end of a window: ".*" runs to the window's end and backs off to it (one
# linear match, where searching for the run of sentence characters retries from every position)
LAST_END_RE = rx.compile(r"(?s:.*)[。；;！？!?\n]")


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence (a match of SENTENCE_RE) that holds the character at ``pos``."""
    end = SENTENCE_END_RE.search(text, pos)
    width = 64
    while True:  # the last sentence end before pos, looked for in a growing window
        lo = max(0, pos - width)
        last = LAST_END_RE.match(text, lo, pos)
        if last or lo == 0:
            start = last.end() if last else 0
            break
        width *= 4
    return start, end.start() if end else len(text)


def check(ctx, rules: list[Rule]):
    text = ctx.doc.text
    for rule in rules:
        c = rule.options["check"]
        if c == "parts-sum":
            yield from _parts_sum(rule, text, document_scan.of(ctx).numbers.total_ends)
        elif c == "rate-counts":
            yield from _rate_counts(rule, text)
        elif c == "rate-over-100":
            for m in rx.finditer(BOUNDED_RATE_RE, text):
                if _decimal().Decimal(m.group("v")) > 100:
                    yield rule, Hit(m.start(), m.end(), {"rate": m.group("v")})
        elif c in ("conflicting-count", "problem-count"):
            counts = ctx.memo("feedback-counts", lambda: feedback_counts(ctx))
            if not counts:
                continue
            first = counts[0]
            if c == "conflicting-count":
                line = ctx.doc.position(first[0])[0]
                for s, e, v in counts[1:]:
                    if v != first[2]:
                        yield rule, Hit(s, e, {"value": v, "first": first[2], "first_line": line})
            elif len({v for _, _, v in counts}) == 1:
                found = len(ctx.outline.problems())
                # fewer problems listed than stated is normal (only the key problems may be
                # reported, or several grouped under one heading); more listed than stated is not
                if found >= 2 and first[2] < found and first[2] not in _level_counts(ctx.outline):
                    yield rule, Hit(first[0], first[1], {"value": first[2], "found": found})


def _parts_sum(rule: Rule, text: str, total_ends: list[tuple[int, int]]):
    for s, e in total_sentences(text, total_ends):  # only sentences that can hold a total
        t = parse_total(text, s, e)
        if t is None:
            continue
        big = next((p for p in t.parts if p.value > t.value), None)
        parts = "、".join(f"{p.label}{p.value}{t.unit}" for p in t.parts)
        total = sum(p.value for p in t.parts)
        params = {"total": t.value, "unit": t.unit, "sum": total, "parts": parts}
        if big is not None:
            yield rule, Hit(t.start, t.end, {**params, "detail": f"分项“{big.label}{big.value}{t.unit}”大于合计", "detail_en": f"the part {big.value} is larger than the total"})
        elif len(t.parts) >= 2 and total != t.value and t.partition:
            yield rule, Hit(t.start, t.end, {**params, "detail": f"分项之和为{total}{t.unit}（{parts}）", "detail_en": f"the parts add up to {total}"})


def _rate_counts(rule: Rule, text: str):
    for (s, e), rates in in_sentences(RATE_RE, text):
        if len(rates) != 1:
            continue
        rate = rates[0]
        fractions = list(FRACTION_RE.finditer(text, s, e))
        if len(fractions) == 1:
            done, total = int(fractions[0].group("num")), int(fractions[0].group("den"))
        elif not fractions:
            t = parse_total(text, s, rate.start())
            if t is None or len(t.done) != 1:
                continue
            done, total = t.done[0].value, t.value
        else:
            continue
        if total <= 0 or done > total:
            continue
        dec = _decimal()
        stated = dec.Decimal(rate.group("v"))
        decimals = max(0, -stated.as_tuple().exponent)
        exact = dec.Decimal(done) * 100 / dec.Decimal(total)
        if not _acceptable(exact, stated, decimals):
            params = {"rate": rate.group("v"), "done": done, "total": total, "exact": _fmt_pct(exact)}
            yield rule, Hit(rate.start(), rate.end(), params)
