"""Numerals (GB/T 15835—2011): two-digit years, mixed digits, fixed expressions, ranges (DIG rules)."""
from __future__ import annotations

import pytest

from helpers import FIXTURES, REFERENCE, col, lint_file, lint_text
from linter.errors import RuleFileError
from linter.fix import applicable, apply
from linter.kinds import numeral_style
from linter.ruleset import load_rules


def dig(text: str, lang: str = "zh"):
    return lint_text(text, select=["DIG"], lang=lang)


def hits(text: str):
    return [(f.line, f.column, f.code, f.matched) for f in dig(text)]


# ---- DIG001 year-two-digit -------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("25年9月12日召开会议", "25年"),
        ("截至25年底，已完成整改", "25年"),
        ("截止25年，已完成", "25年"),
        ("24年度民主生活会", "24年"),
        ("25年上半年完成", "25年"),
        ("计划于26年3月前完成", "26年"),
        ("25年第一季度", "25年"),
    ],
)
def test_two_digit_year(text, anchor):
    assert hits(text) == [(1, col(text, anchor), "DIG001", anchor)]


@pytest.mark.parametrize(
    "text",
    [
        "2025年9月12日",
        "工作25年",
        "连续10年度考核优秀",
        "经过20年初步建成",
        "工作25年3个月",
        "近10年来",
        "〔25〕年",
        "第25年",
        "有效期10年",
        "2.25年",
    ],
)
def test_not_a_two_digit_year(text):
    assert dig(text) == []


def test_two_digit_year_message_suggests_the_full_year():
    (f,) = dig("24年度民主生活会")
    assert f.message == "年份“24年”应写全称（如“2024年”），不应简写为两位数字"


# ---- DIG002 numeral-mixed ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("完成4千余名民警的测评", "4千"),
        ("整改1百零8项", "1百零8"),
        ("整改一百08项", "一百08"),
        ("3千万元", "3千"),
        ("培训1.5千人次", "1.5千"),
    ],
)
def test_mixed_numerals(text, anchor):
    assert hits(text) == [(1, col(text, anchor), "DIG002", anchor)]


@pytest.mark.parametrize(
    "text",
    ["4000余人", "四千余人", "3.5万元", "10亿零817万", "5千米", "2千克", "10千伏线路", "一百零八项", "“百千万工程”", "1.3万余人次"],
)
def test_allowed_numerals(text):
    assert dig(text) == []


# ---- DIG003 fixed-term-arabic-numeral ------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,offset,replacement",
    [
        ("学习二十届3中全会精神", "3中全会", 0, "三"),
        ("学习20届三中全会精神", "20届", 0, "二十"),
        ("落实中央8项规定精神", "8项", 0, "八"),
        ("贯彻党的20大精神", "20大", 0, "二十"),
        ("增强“4个意识”", "4个", 0, "四"),
        ("坚定“4个自信”", "4个", 0, "四"),
        ("做到“2个维护”", "2个", 0, "两"),
        ("拥护“2个确立”", "2个", 0, "两"),
        ("十五届市委第6轮常规巡察", "6轮", 0, "六"),
        ("市委第8巡察组", "8巡察组", 0, "八"),
        ("巡察第3组", "3组", 0, "三"),
        ("15届市委第六轮巡察", "15届", 0, "十五"),
        ("十一届全国人大第1次全体会议", "1次", 0, "一"),
        ("第3批巡视", "3批", 0, "三"),
    ],
)
def test_fixed_terms(text, anchor, offset, replacement):
    (f,) = dig(text)
    digits = anchor.rstrip("中全会届项大个轮巡察组批次")
    assert (f.line, f.column, f.code, f.matched, f.replacement, f.fix_safe) == (1, col(text, anchor, offset), "DIG003", digits, replacement, True)


@pytest.mark.parametrize(
    "text",
    [
        "二十届三中全会",
        "中央八项规定",
        "党的二十大",
        "增强“四个意识”",
        "市委第八巡察组",
        "出台8项规定",  # a count of new rules, not the 中央八项规定
        "压实3个责任",
        "2023届毕业生",
        "实现4个全面覆盖",
        "开展全覆盖排查1轮次",
        "10大工程",
    ],
)
def test_fixed_terms_clean(text):
    assert dig(text) == []


def test_fixed_term_fix_is_applied_exactly():
    text = "深入学习贯彻二十届3中全会精神，严格落实中央8项规定。"
    out = apply(text, applicable(dig(text)))
    assert out == "深入学习贯彻二十届三中全会精神，严格落实中央八项规定。"


def test_fixed_term_message():
    (f,) = dig("市委第8巡察组")
    assert f.message == "“第8巡察组”是固定表述，数字应使用汉字：“8”应为“八”"


def test_numeral_style_options_need_group_n(tmp_path):
    assert numeral_style.validate_options({"terms": [{"regex": r"中央(\d)项规定"}]}) is not None
    assert numeral_style.validate_options({"terms": [{"regex": r"中央(?P<n>\d"}]}) is not None
    assert numeral_style.validate_options({"terms": [{"regex": r"中央(?P<n>\d)项规定"}]}) is None
    p = tmp_path / "bad.yaml"
    p.write_text(
        "rules:\n  - code: ORG001\n    name: org\n    kind: numeral-style\n    severity: error\n"
        "    summary: s\n    message: m\n    options:\n      terms:\n        - regex: '中央(\\d)项'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as e:
        load_rules([str(p)], include_bundled=False)
    assert "group 'n'" in str(e.value)


# ---- DIG004 range-unit-dropped --------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,replacement",
    [
        ("同比下降15～30%", "15～30%", "15%～30%"),
        ("投资9～16亿", "9～16亿", "9亿～16亿"),
        ("资金13～17万元", "13～17万元", "13万元～17万元"),
        ("增长5至10%", "5至10%", "5%至10%"),
        ("约1-2万人次", "1-2万人次", "1万人次-2万人次"),
    ],
)
def test_range_unit_dropped(text, anchor, replacement):
    (f,) = dig(text)
    assert (f.column, f.code, f.matched, f.replacement, f.fix_safe) == (col(text, anchor), "DIG004", anchor, replacement, False)


@pytest.mark.parametrize("text", ["15%～30%", "9亿～16亿", "13万元～17万元", "5～8人", "0760-87161456", "同比下降20.35%", "2023—2025年"])
def test_range_clean(text):
    assert dig(text) == []


# ---- the real notice -------------------------------------------------------------------


def test_reference_notices_have_no_numeral_findings():
    assert dig((FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")) == []
    if not REFERENCE.exists():
        pytest.skip(f"the real notice is not at {REFERENCE}")
    assert [f for f in lint_file(REFERENCE) if f.code.startswith("DIG")] == []


# ---- robustness -----------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

ALPHABET = "0123456789０９年月日号至到—-～~%％共个项、，。；：其中已完成正在待率覆盖/反馈问题巡查察视截止（）星期周一五十百千万亿第届中全会轮组\n "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_text_rules_never_crash(text):
    """Arbitrary fragments built from the characters these rules look at never raise."""
    for f in lint_text(text, select=["DAT", "DIG", "ARI", "TRM"]):
        assert 0 <= f.start <= f.end <= len(text.replace("\r\n", "\n"))
