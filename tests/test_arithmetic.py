"""Statistics (ARI rules): totals and parts, rates and counts, the number of problems fed back."""
from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import CLEAN_REFERENCE, REFERENCE, col, edited, lint_file, lint_text, where
from linter.kinds.arithmetic import _acceptable, parse_total

CLEAN = CLEAN_REFERENCE


def ari(text: str, lang: str = "zh"):
    return lint_text(text, select=["ARI"], lang=lang)


# ---- ARI001 parts-sum-mismatch ---------------------------------------------------


def test_reference_sentence_adds_up():
    # reference line 108: 24 = 20 + 3 + 1
    text = "截至目前，新建信息化项目共24个，已完成建设并通过综合验收20个、正在实施建设3个、待招标1个。"
    t = parse_total(text, 0, len(text))
    assert (t.value, [p.value for p in t.parts]) == (24, [20, 3, 1])
    assert ari(text) == []


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("截至目前，新建信息化项目共24个，已完成建设并通过综合验收20个、正在实施建设3个、待招标2个。", "共24个"),
        ("反馈问题33个，已完成整改30个、正在整改2个。", "问题33个"),
        ("共24个，已完成25个。", "共24个"),  # one part larger than the whole
        ("共24个，其中市级25个、区级3个。", "共24个"),  # a category larger than the whole
        ("巡察反馈的697个问题，完成整改688个，基本完成4个，未完成6个，总体完成率98.71%。", "697个问题"),
        ("反馈问题33个，已完成30个，2个正在整改。", "问题33个"),  # number before the status
    ],
)
def test_parts_do_not_add_up(text, anchor):
    assert [(f.line, f.column, f.code) for f in ari(text)] == [(1, col(text, anchor), "ARI001")]


@pytest.mark.parametrize(
    "text",
    [
        "共24个，已完成20个。",  # one part: nothing to add up
        "共组织对账核查2次，推动供应商落实每车必检要求。",
        "共发放调查问卷772份；组织线索核查16次。",  # other sentence
        "共24个，新增3个、调整5个。",  # not statuses
        "共24个，已完成20个项目、正在实施3个。",  # the first part is not "label + number + unit"
        "共24项，已完成20个、正在实施4个。",  # different measure words
        "反馈问题33个，其中已完成30个，正在整改2个，长期坚持1个。",
        # categories may overlap or leave some out: not a partition
        "查处违纪违法人员共12人，其中给予党纪处分8人、政务处分3人、组织处理2人。",
        "共24个，其中市级10个、区级13个。",
        # two parts of one status may overlap
        "共24个，已完成建设20个、已完成验收18个。",
        "共24个，已完成建设20个、通过验收18个。",  # 通过验收 has no status word
    ],
)
def test_parts_not_read_or_consistent(text):
    assert ari(text) == []


def test_parts_message():
    (f,) = ari("共24个，已完成20个、正在实施3个、待招标2个。")
    assert f.message == "合计“共24个”与分项不符：分项之和为25个（已完成20个、正在实施3个、待招标2个）"


# ---- ARI002 rate-mismatch -----------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率97.71%。", "完成率97.71%"),
        ("已完成688/697，完成率98.6%。", "完成率98.6%"),
        ("反馈问题33个，已完成整改30个，正在整改3个，整改完成率99.91%。", "整改完成率99.91%"),
        ("反馈问题33个，已完成整改30个，基本完成3个，完成率95%。", "完成率95%"),  # 基本完成 is not done: 30/33
    ],
)
def test_rate_mismatch(text, anchor):
    assert [(f.line, f.column, f.code) for f in ari(text)] == [(1, col(text, anchor), "ARI002")]


@pytest.mark.parametrize(
    "text",
    [
        "巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率98.71%。",
        "巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率98.70%。",  # truncated
        "巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率98.7%。",
        "已完成688/697，完成率98.71%。",
        "反馈问题9个，已完成整改9个，正在整改0个，整改完成率100%。",
        "完成率98.71%。",  # no counts in the sentence
        "反馈问题33个，已完成整改30个，正在整改3个，整改完成率91%。",  # 90.909...: 91 rounded
        "反馈问题33个，已完成整改30个，正在整改3个，整改完成率90.9%。",
        "已完成688/697，完成率98.71%，另有10/12项待验收。",  # two fractions: which one is the rate's is unclear
    ],
)
def test_rate_consistent_or_not_read(text):
    assert ari(text) == []


def test_rounding_rule():
    exact = Decimal(688) * 100 / Decimal(697)
    assert _acceptable(exact, Decimal("98.71"), 2)
    assert _acceptable(exact, Decimal("98.70"), 2)
    assert not _acceptable(exact, Decimal("98.72"), 2)
    assert _acceptable(exact, Decimal("99"), 0)
    assert _acceptable(exact, Decimal("98"), 0)
    assert not _acceptable(exact, Decimal("97"), 0)


def test_rate_message():
    (f,) = ari("已完成688/697，完成率98.6%。")
    assert f.message == "“完成率98.6%”与688/697不符（实为98.7088%）"


# ---- ARI003 rate-over-100 -----------------------------------------------------------------


@pytest.mark.parametrize("text,anchor", [("整改完成率108%", "整改完成率108%"), ("培训覆盖率为100.5%", "覆盖率为100.5%"), ("占比120%", "占比120%")])
def test_rate_over_100(text, anchor):
    assert [(f.column, f.code) for f in ari(text)] == [(col(text, anchor), "ARI003")]


@pytest.mark.parametrize("text", ["整改完成率100%", "同比增长108%", "确保进党校培训100%全员覆盖", "“四个100%”安保措施", "同比下降20.35%"])
def test_rate_not_over_100(text):
    assert ari(text) == []


# ---- ARI004 / ARI005: the number of problems fed back ---------------------------------------


def test_reference_states_no_count_and_is_clean():
    assert ari(CLEAN) == []


def test_conflicting_counts():
    text = edited(("反馈巡察意见。", "反馈巡察意见，反馈问题32个。"), ("巡察反馈的突出问题得到基本解决", "巡察反馈的33个问题得到基本解决"))
    found = ari(text)
    assert [(f.line, f.column, f.code) for f in found] == [(*where(text, "反馈的33个问题"), "ARI004")]
    assert found[0].message == "此处反馈问题为33个，与第3行所写32个不一致"


def test_count_smaller_than_the_list():
    text = edited(("反馈巡察意见。", "反馈巡察意见，反馈问题32个。"))
    found = ari(text)
    assert [(f.line, f.column, f.code) for f in found] == [(*where(text, "反馈问题32个"), "ARI005")]
    assert found[0].message == "通报称反馈问题32个，但整改落实情况部分列出了33个问题"


@pytest.mark.parametrize(
    "count",
    [
        "33",  # the 33 problems listed
        "36",  # plus the 3 long-term items
        "40",  # more than listed: only the key problems may be reported
        "13",  # the number of items at the "1." level
        "4",  # the number of 方面 at the "（一）" level
    ],
)
def test_count_consistent_with_the_outline(count):
    text = edited(("反馈巡察意见。", f"反馈巡察意见，反馈问题{count}个。"))
    assert ari(text) == []


def test_phrasings_of_the_count():
    for phrase in ("反馈问题共32个", "反馈的32个问题", "反馈了3个方面32个问题", "32个反馈问题", "反馈意见中的问题32个"):
        text = edited(("反馈巡察意见。", f"反馈巡察意见，{phrase}。"))
        assert [f.code for f in ari(text)] == ["ARI005"], phrase


def test_a_count_inside_one_problem_is_not_the_total():
    # line 29 is in problem (4): "针对巡察反馈的3个问题" there is about that problem
    text = edited(("反馈巡察意见。", "反馈巡察意见，反馈问题33个。"), ("针对巡察反馈问题，", "针对巡察反馈的3个问题，"))
    assert ari(text) == []


def test_no_count_check_without_problems():
    assert ari("反馈问题32个。") == []


# ---- the real notice ------------------------------------------------------------------------


def test_real_notice_is_clean():
    if not REFERENCE.exists():
        pytest.skip(f"the real notice is not at {REFERENCE}")
    assert [f for f in lint_file(REFERENCE) if f.code.startswith("ARI")] == []


def test_a_time_clause_between_total_and_parts():
    """'反馈问题3个方面13个具体问题，截至目前，已完成整改10个，正在整改2个' is the usual county phrasing."""
    text = "县委第二巡察组反馈问题3个方面13个具体问题，截至目前，已完成整改10个，正在整改2个，整改完成率85%。"
    found = [(f.code, f.column) for f in ari(text)]
    assert found == [("ARI001", text.index("13个具体问题") + 1), ("ARI002", text.index("整改完成率") + 1)]
    ok = text.replace("13个具体问题", "12个具体问题").replace("85%", "83.33%")
    assert ari(ok) == []
