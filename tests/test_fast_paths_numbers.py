"""The speed shortcuts of the number and date kinds give what the straightforward code gives.

* the document's one scan (document_scan, number_hints) finds both the runs
  of eleven digits and the total ends, as a pass of each would, stepping over
  the text between them inside the engine (its possessive repeats change
  nothing), and the range marks inside the runs it takes whole;
* privacy searches its number patterns only on the lines that hold a run of
  eleven digits, and maps full-width digits and letters only when they are on those lines;
* arithmetic reads only the sentences a total end points at (only those
  that can end a total), and its patterns
  are written so that the search can skip (率 outside the group, one shared
  "反馈…" opening);
* find_dates looks for bare years only when a date asks for the year of
  context, skips the range and weekday checks after a date that nothing can
  continue, and DATE_RE carries a look-behind that holds in every match;
* disclosure takes the year of context from the document's dates, shared with
  the dates kind, instead of reading the text before the closing block again.

Each is compared with the straightforward version, written out here, on every
fixture, the reference notice, mutated copies and random texts built to reach
the edge cases (a number at a line end followed by 元 on the next line,
full-width digits and letters, dates continued by a weekday or a range).
"""
from __future__ import annotations

import random
import re

import pytest

from helpers import REFERENCE, noisy_corpus, plain_sentences
from linter import dates as D
from linter import rx
from linter.document import Document
from linter.engine import Context, Settings
from linter.kinds import arithmetic as A
from linter.kinds import disclosure as DSC
from linter.kinds import document_scan as DS
from linter.kinds import number_hints as NH
from linter.kinds.punctuation_text import RANGE_MARKS
from linter.kinds import privacy as P


TEXTS = noisy_corpus("　 \t\n-—－~～至到、，。；：:%％+一二三四五六七八九十年月日号周星期1234567890０１２３ＡＸｘ共个项其中已完成率问题反馈", seed=17, copies=6, every=15)
NUMBER_TOKENS = [
    "1", "3", "8", "6", "2", "0", "9", "X", "x", "Ａ", "ａ", "Ｘ", "１", "３", "０", " ", "-", "+", "\n", "元", " 元", "\n元", "万",
    "卡号", "银行卡", "电话", "手机", "信用代码", "A", "Y", "M", ".", "，", "。",
    "110105194912310021", "11010519491231002X", "1101051949123100", "110105491231002", "6222021234567890", "6222 0212 3456 7890",
    "4111111111111111", "91350100M000100Y43", "13812345678", "138-1234-5678", "+86 138 1234 5678", "1234", "5678",
]


def random_texts(tokens: list[str], n: int, seed: int, most: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(tokens) for _ in range(rng.randint(1, most))) for _ in range(n)]


# the hints as each kind searched them on its own before the shared pass
NUMBER_HINT_RE = re.compile(r"(?<![0-9])[0-9](?:[ -]?[0-9]){10}")  # on the text with full-width digits mapped
TOTAL_END_RE = re.compile(NH.TOTAL_END)


def context(text: str) -> Context:
    from datetime import date

    return Context(Document.from_string(text, "t.txt"), Settings(today=date(2025, 10, 20)))


# ---- privacy ----------------------------------------------------------------------------------------


def test_privacy_on_number_lines_equals_the_whole_text_analysis(monkeypatch):
    texts = TEXTS + random_texts(NUMBER_TOKENS, 2500, seed=1)
    found = 0
    for text in texts:
        for reach in (15, 3):
            fast = P.analyse(context(text), reach).issues
            with monkeypatch.context() as m:
                # the straightforward analysis: every pattern over the whole text, translated when it holds
                # any full-width digit or letter
                m.setattr(P, "number_lines", lambda t, runs: [(0, len(t))])
                whole = P.analyse(context(text), reach).issues
            assert fast == whole, text
            found += len(fast)
    assert found > 500  # the random texts do reach every check


def test_a_search_within_lines_equals_finditer():
    for text in TEXTS[:40] + random_texts(NUMBER_TOKENS, 800, seed=2):
        lines = P.number_lines(text, DS.scan(text).numbers.runs)
        for p in (P.ID18_RE, P.ID15_RE, P.CARD_RE, P.USCC_RE, P.MOBILE_RE):
            assert [m.span() for m in P.in_lines(p, text, [(0, len(text))])] == [m.span() for m in p.finditer(text)]
            inside = [m.span() for m in p.finditer(text) if any(s <= m.start() < e for s, e in lines)]
            assert [m.span() for m in P.in_lines(p, text, lines)] == inside


def test_one_pass_finds_the_runs_and_the_total_ends_a_pass_of_each_finds():
    runs = ends = dashed = 0
    for text in TEXTS + random_texts(NUMBER_TOKENS + ARITHMETIC_TOKENS, 5000, seed=6):
        scanned = DS.scan(text)
        found = scanned.numbers
        assert found.runs == [m.start() for m in NUMBER_HINT_RE.finditer(text.translate(P._HALF))], text
        assert found.total_ends == [m.span() for m in TOTAL_END_RE.finditer(text)], text
        assert scanned.range_marks == [k for k, c in enumerate(text) if c in RANGE_MARKS], text
        runs += len(found.runs)
        ends += len(found.total_ends)
        dashed += sum(text.count("-", k, k + 21) for k in found.runs)
    assert runs > 500 and ends > 200 and dashed > 100, (runs, ends, dashed)


def test_the_scan_stops_at_every_decimal_digit_outside_0_to_9():
    """The scan's plain text excludes OTHER_DIGIT_BLOCKS instead of \\d (see number_hints): every other
    character str.isdecimal (what \\d matches) accepts must lie there, on this Python's Unicode data."""
    blocks = re.compile(f"[0-9０-９{NH.OTHER_DIGIT_BLOCKS}]")
    outside = [hex(c) for c in range(0x110000) if chr(c).isdecimal() and not blocks.match(chr(c))]
    assert outside == []


def hints(p: re.Pattern, text: str) -> list[tuple]:
    """What each match of the scan found (the matches that end at a punctuation mark or at the text's end
    with no hint are left out)."""
    return [(m.start("run"), m.span("after"), m.span("end")) for m in p.finditer(text) if m.start("mark") < 0 and m.lastindex]


def test_the_hints_are_the_same_without_possessive_repeats():
    plain = re.compile(DS.scan_pattern(possessive=False))
    assert plain.pattern != DS.SCAN_RE.pattern
    found = 0
    for text in TEXTS + random_texts(NUMBER_TOKENS + ARITHMETIC_TOKENS, 2000, seed=7):
        assert hints(DS.SCAN_RE, text) == hints(plain, text), text
        found += len(hints(plain, text))
    assert found > 500


def test_a_mobile_followed_by_an_amount_on_the_next_line_is_still_an_amount():
    text = "联系人13812345678\n元，其他情况。\n"
    assert not [i for i in P.analyse(context(text), 15).issues if i[0] == "mobile"]
    assert [i[0] for i in P.analyse(context(text.replace("\n元", "\n说明")), 15).issues] == ["mobile"]


def test_a_full_width_letter_next_to_a_number_still_counts():
    card = "6222021234567894"  # passes the Luhn check
    assert [i[0] for i in P.analyse(context(f"银行卡号{card}。"), 15).issues] == ["bank-card"]
    assert P.analyse(context(f"银行卡号Ａ{card}。"), 15).issues == []  # a letter before it: not a card number
    assert [i[0] for i in P.analyse(context(f"银行卡号{card}。\nＡＢＣ\n"), 15).issues] == ["bank-card"]


# ---- arithmetic ---------------------------------------------------------------------------------------

ARITHMETIC_TOKENS = [
    "共", "共计", "合计", "3", "12", "０", "٣", "个", "项", "条", "件", "人", "份", "具体", "问题", "事项", "任务", "整改任务", "项目", "，", ",", "：", ":",
    "。", "\n", "其中", "已完成", "正在推进", ".", "反馈", "的", "了", "巡察", "巡视", "意见", "中", "方面", "一", "十", "总计", "反馈问题",
    "整改", "完成", "率", "办结", "销号", "整改完成率", "为", "达到", "约", " ", "8.5", "%", "％", "/",
]
ORIGINAL_FEEDBACK_COUNT_RE = re.compile(
    r"反馈(?:的|了)?(?:巡察|巡视)?(?:意见)?(?:中)?(?:的)?问题(?:共计|共有|共|总计)?(?P<a>\d+)(?:个|条|项)(?!方面)"
    r"|反馈(?:的|了)?(?:巡察|巡视)?(?:意见)?(?:(?:\d+|[一二三四五六七八九十]+)个?方面)?(?:的)?(?:共计|共有|共|总计)?(?P<b>\d+)(?:个|条|项)(?:具体)?问题"
    r"|(?<![\d.])(?P<c>\d+)(?:个|条|项)(?:巡察|巡视)?反馈问题"
)
ORIGINAL_RATE_RE = re.compile(r"(?:整改完成率|完成率|整改率|办结率|销号率)(?:为|达到|达|是|约)?[ \t]*(?P<v>\d+(?:\.\d+)?)[ \t]*[%％]")


def matches(p: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in p.finditer(text)]


FEEDBACK_TOKENS = ["反馈"] * 4 + ["问题"] * 4 + ["3", "12"] * 3 + ["个", "条", "项"] * 2 + [
    "的", "了", "巡察", "巡视", "意见", "中", "共", "共计", "总计", "方面", "具体", "一", "十", "。", "，", ".", "反馈问题"]
RATE_TOKENS = ["率"] * 3 + ["9", "8.5", "%"] * 2 + ["整改", "完成", "办结", "销号", "整改完成率", "为", "达到", "达", "约", " ", "\t", "％", "。"]


@pytest.mark.parametrize("pattern, original, tokens", [(A.FEEDBACK_COUNT_RE, ORIGINAL_FEEDBACK_COUNT_RE, FEEDBACK_TOKENS), (A.RATE_RE, ORIGINAL_RATE_RE, RATE_TOKENS)])
def test_rewritten_arithmetic_patterns_match_what_they_replace(pattern, original, tokens):
    found = 0
    for text in TEXTS + random_texts(tokens, 20000, seed=3, most=12):
        assert matches(pattern, text) == matches(original, text), text
        found += len(matches(pattern, text))
    assert found > 150


def test_hinted_sentences_equal_the_search_per_sentence():
    for text in TEXTS + random_texts(ARITHMETIC_TOKENS, 5000, seed=4, most=16):
        for pattern, hint in ((A.TOTAL_RE, TOTAL_END_RE), (A.TOTAL_RE, None), (A.RATE_RE, None), (A.FEEDBACK_COUNT_RE, None)):
            per_sentence = []
            for s, e in plain_sentences(text):
                found = [m.span() for m in pattern.finditer(text, s, e)]
                if found:
                    per_sentence.append(((s, e), found))
            hinted = [(span, [m.span() for m in ms]) for span, ms in A.in_sentences(pattern, text, hint)]
            assert hinted == per_sentence, text
        assert list(A.sentences_with(TOTAL_END_RE, text)) == [(s, e) for s, e in plain_sentences(text) if TOTAL_END_RE.search(text, s, e)]


def test_only_hints_that_can_end_a_total_are_read():
    class Rule:
        options: dict = {}

    totals = rejected = 0
    for text in TEXTS + random_texts(ARITHMETIC_TOKENS, 5000, seed=5, most=16):
        with_total = [(s, e) for s, e in plain_sentences(text) if A.TOTAL_RE.search(text, s, e)]
        filtered = list(A.total_sentences(text, DS.scan(text).numbers.total_ends))
        assert set(with_total) <= set(filtered), text
        every = list(A.sentences_with(TOTAL_END_RE, text))
        totals += len(with_total)
        rejected += len(every) - len(filtered)
        plain = [A.parse_total(text, s, e) for s, e in every]
        assert [repr((t.value, t.parts)) for t in plain if t] == [repr((t.value, t.parts)) for t in (A.parse_total(text, s, e) for s, e in filtered) if t], text
    assert totals > 40 and rejected > 40, (totals, rejected)


# ---- dates ---------------------------------------------------------------------------------------------


class EagerYearContext:
    """The year of context as it was computed before: every bare year found up front, consumed in order."""

    def __init__(self, text: str, start: int, end: int, year: int | None):
        self.year = year
        self._bare = [(m.start(), int(m.group("y"))) for m in D.BARE_YEAR_RE.finditer(text, start, end) if not m.group("after")]
        self._i = 0

    def _advance(self, pos: int) -> None:
        while self._i < len(self._bare) and self._bare[self._i][0] < pos:
            self.year = self._bare[self._i][1]
            self._i += 1

    def year_at(self, pos: int) -> int | None:
        self._advance(pos)
        return self.year

    def set_year(self, pos: int, year: int) -> None:
        self._advance(pos)
        self.year = year


class Everything:
    def __contains__(self, c: str) -> bool:
        return True


def date_piece(rng: random.Random) -> str:
    ws = rng.choice(["", "", " ", "\u3000"])
    y = rng.choice(["2024", "2025", "1999", "2023", "20２4"])
    mo, d = rng.choice(["1", "2", "9", "12", "13", "09"]), rng.choice(["1", "12", "29", "30", "31", "05"])
    return rng.choice([
        f"{y}{ws}年{ws}{mo}{ws}月{ws}{d}{ws}日", f"{mo}月{d}号", f"{mo}月", f"{y}{ws}年" + rng.choice(["", "以来", "至今", "以前", "之前", "底，"]),
        rng.choice(["次年", "翌年", "第二年", "同年", "当年", "上一年", "上年"]) + f"{mo}月", rng.choice(["至", "到", "——", "－", "-", "～"]) + ws,
        rng.choice(["（星期五）", "(周四)", "星期日", "（ 星期一 ）"]), rng.choice(["\n", "。", "，", ".", "．", "3", "每月", "月度", "开展"]),
    ])


def date_texts() -> list[str]:
    rng = random.Random(5)
    short = ["".join(date_piece(rng) for _ in range(rng.randint(1, 14))) for _ in range(4000)]
    long = ["".join(date_piece(rng) for _ in range(rng.randint(1500, 3000))) for _ in range(6)]  # long enough for rx's anchored search
    return TEXTS + short + long


def mentions(text: str, *args) -> list:
    return [(m.start, m.end, m.year, m.month, m.day, m.year_source, m.valid, m.range_end_of and m.range_end_of.start) for m in D.find_dates(text, *args)]


def test_lazy_year_context_and_early_exits_equal_the_eager_reading(monkeypatch):
    sources = set()
    for text in date_texts():
        for args in ((), (0, None, 2020), (len(text) // 3, None, None), (0, 2 * len(text) // 3, 2024)):
            fast = mentions(text, *args)
            with monkeypatch.context() as m:
                m.setattr(D, "_YearContext", EagerYearContext)
                m.setattr(D, "_GOES_ON", Everything())
                assert fast == mentions(text, *args), (text, args)
            sources |= {x[5] for x in fast}
    assert sources == {"explicit", "range", "relative", "context", "none"}


def test_the_month_look_behind_changes_no_match():
    plain = re.compile(D.DATE_RE.pattern.replace(r"(?<=[\d \t\u3000]月)", ""))
    assert plain.pattern != D.DATE_RE.pattern
    for text in date_texts()[:-6]:
        assert matches(D.DATE_RE, text) == matches(plain, text)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference notice is not present")
def test_a_notice_without_year_less_dates_never_searches_for_bare_years(monkeypatch):
    searched = []
    real = rx.Searcher
    monkeypatch.setattr(rx, "Searcher", lambda p, *a: (searched.append(p), real(p, *a))[1])
    D.find_dates(REFERENCE.read_text(encoding="utf-8"))
    assert D.DATE_RE in searched and D.BARE_YEAR_RE not in searched
    D.find_dates("2024年，12月")  # a year-less date: the probe sees the search for bare years
    assert D.BARE_YEAR_RE in searched


# ---- disclosure ---------------------------------------------------------------------------------------------


def test_the_disclosure_period_from_the_shared_dates_equals_its_own_reading(monkeypatch):
    checked = 0
    for text in TEXTS:
        ctx = context(text)
        cut = ctx.outline.closing[0].start if ctx.outline.closing else 0
        assert cut == 0 or ctx.doc.text[cut - 1] == "\n"  # the closing block starts a line: no date runs into it
        fast = DSC.find_period(ctx)
        with monkeypatch.context() as m:
            m.setattr(DSC, "document_dates", lambda c: D.find_dates(c.doc.text, 0, cut))  # the dates before the block only
            assert DSC.find_period(context(text)) == fast
        checked += fast is not None and fast.first is not None
    assert checked > 20
