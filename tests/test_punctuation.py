"""Punctuation rules (PUN, GB/T 15834): what fires, where exactly, and what must stay quiet."""
from __future__ import annotations

import re
import unicodedata

import pytest

from helpers import FIXTURES, REFERENCE, lint_text, make_linter
from linter.document import Document
from linter.errors import RuleFileError
from linter.fixmode import fixing_mode
from linter.ruleset import load_rules

CLEAN = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")


def pun(text: str, select=("PUN",), **kw):
    return [(f.line, f.column, f.code, f.matched, f.replacement) for f in lint_text(text, select=list(select), **kw)]


def codes(text: str, select=("PUN",)):
    return [(f.line, f.column, f.code) for f in lint_text(text, select=list(select))]


def col(line: str, needle: str, k: int = 0) -> int:
    """1-based column of the character k after needle (counted in code points)."""
    return line.index(needle) + k + 1


# ---- the real notice ------------------------------------------------------------------


def test_real_notice_has_exactly_its_two_punctuation_defects():
    if not REFERENCE.exists():
        pytest.skip(f"reference notice not found at {REFERENCE}")
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    want = [
        (96, col(lines[95], "工单,以下发", 2), "PUN001", ",", "，"),
        (119, col(lines[118], "2024年12月-2025年1月", 8), "PUN009", "-", "至"),
    ]
    findings = make_linter(select=["PUN"]).lint(Document.from_string("\n".join(lines), str(REFERENCE)))
    assert [(f.line, f.column, f.code, f.matched, f.replacement) for f in findings] == want
    assert all(f.fix_safe for f in findings)


def test_clean_reference_is_clean_under_punctuation_rules():
    assert pun(CLEAN) == []


# ---- half-width marks ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "工作日8:30至12:00受理。",
        "比例尺1:500。",
        "组织民警2.95万人次参加培训。",
        "共计1,200人参加。",
        "详见http://www.zs.gov.cn/a?b=1,c&d=2。",
        "电子邮箱：zsgaxczg@126.com。",
        "按照GB/T 9704-2012执行。",
        "在警务通APP上传视频。",
        "参考资料(English text, 2024)。",
        "编号(2025)。",
        "Hello, world! Is it? Yes: fine.",
        "<span style=\"font-family:仿宋\">正文</span>",
        "整改&#12288;落实。",
        "详见[链接](http://a.cn/x)。",
    ],
)
def test_halfwidth_marks_outside_chinese_text_are_left_alone(text):
    assert pun(text) == []


def test_halfwidth_marks_in_chinese_text():
    text = "联系电话:0760-87161456;邮箱:abc@126.com,请来信.是否完成?务必落实!"
    line = text
    assert pun(text) == [
        (1, col(line, ":"), "PUN001", ":", "："),
        (1, col(line, ";"), "PUN001", ";", "；"),
        (1, col(line, "邮箱:", 2), "PUN001", ":", "："),
        (1, col(line, ",请"), "PUN001", ",", "，"),
        (1, col(line, "来信.", 2), "PUN001", ".", "。"),
        (1, col(line, "?"), "PUN001", "?", "？"),
        (1, col(line, "!"), "PUN001", "!", "！"),
    ]


def test_a_comma_swallows_the_space_after_it():
    assert pun("强化监督, 压实责任。") == [(1, 5, "PUN001", ", ", "，")]


def test_halfwidth_after_latin_before_chinese_is_chinese_punctuation():
    text = "按照GB/T 9704-2012,规定执行。"
    assert codes(text) == [(1, col(text, ","), "PUN001")]


def test_halfwidth_brackets_around_chinese():
    text = "训练支队(党校)开展调研(English text)。"
    assert pun(text) == [(1, 5, "PUN002", "(党校)", "（党校）")]


def test_heading_ordinals_belong_to_the_numbering_rules():
    text = "一.总体情况\n(二)加强领导\n1、完善制度\n（一）、组织领导\n二,巩固成果\n问题1:加强管理"
    # only the label "问题1:" is punctuation in running text; the rest is NUM004/NUM005
    assert codes(text) == [(6, 4, "PUN001")]


# ---- paired marks -------------------------------------------------------------------------


def test_unbalanced_brackets_and_quotes_at_the_unmatched_mark():
    assert codes("学习《中国共产党纪律处分条例，提高认识。") == [(1, 3, "PUN004")]
    assert codes("设置岗位12个）。") == [(1, 8, "PUN004")]
    assert codes("做深做实巡察“后半篇文章。") == [(1, 7, "PUN005")]
    assert codes("结合意识形态工作”专项检查。") == [(1, 9, "PUN005")]
    assert codes("他说“‘好”。") == [(1, 4, "PUN005")]


def test_mismatched_bracket_kinds():
    # （…】: the 】 has no 【 and the （ is left open
    assert codes("见（附件】。") == [(1, 2, "PUN004"), (1, 5, "PUN004")]


def test_mixed_width_pairs_are_fixed_on_the_half_width_side():
    assert pun("（工作时间)和(工作时间）。") == [(1, 6, "PUN006", ")", "）"), (1, 8, "PUN006", "(", "（")]


def test_quotation_over_several_paragraphs():
    ok = "“第一段引文，\n“第二段引文，\n“第三段引文。”"
    assert codes(ok) == []
    # the next paragraph does not open with “: the first one is unclosed
    bad = "“第一段引文。\n第二段正文。"
    assert codes(bad) == [(1, 1, "PUN005")]


def test_a_hard_wrapped_paragraph_is_checked_as_one():
    wrapped = "围绕“涉案财物处\n置”“涉案财物扣押”等制订流程图。"
    assert codes(wrapped) == []
    # a line that ends a sentence does not continue
    assert codes("围绕“涉案财物处置。\n”等制订流程图。") == [(1, 3, "PUN005"), (2, 1, "PUN012")]


def test_an_open_mark_at_a_line_end_is_reported_once():
    text = "学习《\n中国共产党纪律处分条例，提高认识。"
    assert codes(text) == [(1, 3, "PUN013")]
    assert codes(text, select=("PUN004",)) == [(1, 3, "PUN004")]


def test_a_full_stop_before_a_closing_quote_ends_the_paragraph():
    # "。”" ends a sentence, so the next line is a new paragraph and nothing pairs across
    assert codes("（见附件“整改到位。”\n）等。", select=("PUN004",)) == [(1, 1, "PUN004"), (2, 1, "PUN004")]


def test_word_paragraphs_never_continue():
    doc = Document(path="t.docx", text="围绕“涉案财物处\n置”等制订流程图。", kind="docx")
    found = [(f.line, f.column, f.code) for f in make_linter(select=["PUN"]).lint(doc)]
    assert found == [(1, 3, "PUN005"), (2, 2, "PUN005")]


def test_apostrophes_and_enumerators_are_not_quotes_or_brackets():
    assert codes("学习China’s经验。") == []
    assert codes("包括：1）加强学习；2）完善制度；a)其他。") == []


def test_line_edge_rules_take_precedence_over_the_pair_rules():
    text = "推动问题整改\n）确保按时完成。"
    # the stray ）at a line start is reported once, as a line-start problem
    assert codes(text) == [(2, 1, "PUN012")]
    # without the line-edge rule, the pair rule reports it
    assert codes(text, select=("PUN004",)) == [(2, 1, "PUN004")]


# ---- doubled marks, ellipsis --------------------------------------------------------------


def test_doubled_and_stacked_marks():
    text = "推动问题整改。。强化监督，，压实责任，。等内容……。是否？！"
    assert pun(text) == [
        (1, 7, "PUN007", "。。", "。"),
        (1, 13, "PUN007", "，，", "，"),
        (1, 19, "PUN007", "，。", None),
    ]


def test_ellipsis_forms():
    text = "措施...措施。。。措施…措施………措施…………。措施⋯⋯。Loading..."
    assert pun(text) == [
        (1, 3, "PUN008", "...", "……"),
        (1, 8, "PUN008", "。。。", "……"),
        (1, 13, "PUN008", "…", "……"),
        (1, 16, "PUN008", "………", "……"),
        (1, 28, "PUN008", "⋯⋯", "……"),
    ]


# ---- ranges ---------------------------------------------------------------------------------


def test_date_ranges_with_a_hyphen_or_tilde():
    text = "2024年12月-2025年1月，10月1日-7日，2023-2025年，9月12日~26日，2025年1-3月。"
    assert pun(text) == [
        (1, 9, "PUN009", "-", "至"),
        (1, 23, "PUN009", "-", "至"),
        (1, 31, "PUN009", "-", "至"),
        (1, 43, "PUN009", "~", "至"),
        (1, 54, "PUN009", "-", "至"),
    ]


@pytest.mark.parametrize(
    "text",
    ["2025-09-12", "联系电话：0760-87161456。", "工作日8:30-12:00。", "2～3年", "3～5天", "12～26日", "2025年9月12日至26日", "2023—2025年", "GB/T 9704-2012"],
)
def test_not_date_ranges(text):
    assert [c for c in codes(text) if c[2] == "PUN009"] == []


# ---- approximations -------------------------------------------------------------------------


def test_approximations_with_a_dun():
    text = "开展调研三、四次，两、三个月，三、五天，召开会议3、4次。"
    assert pun(text) == [
        (1, 5, "PUN010", "三、四", "三四"),
        (1, 10, "PUN010", "两、三", "两三"),
        (1, 16, "PUN010", "三、五", "三五"),
        (1, 25, "PUN011", "3、4", None),
    ]
    # the Chinese-numeral rule offers its fix but does not apply it (a list is possible)
    assert [f.fix_safe for f in lint_text(text, select=["PUN010"])] == [False, False, False]


@pytest.mark.parametrize(
    "text",
    ["荣获一、二等奖。", "一、二年级学生。", "第三、四季度。", "二、三产业。", "一、二次分配。", "第三、四个问题。", "“1、3、5分钟”快反圈。", "2023、2024年度。", "3、5个。", "十三、四个。"],
)
def test_not_approximations(text):
    assert codes(text) == []


# ---- line edges -----------------------------------------------------------------------------


def test_line_start_and_line_end():
    text = "推动问题整改\n，确保按时完成。\n学习《\n中国共产党纪律处分条例》。\n　　……以下略。"
    assert codes(text) == [(2, 1, "PUN012"), (3, 3, "PUN013")]


def test_indentation_and_converter_residue_are_skipped_at_line_start():
    assert codes("　　，确保按时完成。") == [(1, 3, "PUN012")]
    assert codes("[bookmark: _Toc1]，确保按时完成。") == [(1, 18, "PUN012")]


# ---- whole-document half-width ---------------------------------------------------------


def nfkc_clean() -> str:
    return unicodedata.normalize("NFKC", CLEAN)


def test_nfkc_paste_gives_one_summary_finding():
    text = nfkc_clean()
    found = lint_text(text, select=["PUN"])
    assert [(f.line, f.column, f.code) for f in found] == [(3, col(text.split("\n")[2], ",") , "PUN003")]
    # the count in the message is every half-width mark and bracket pair the rule stands for
    individual = lint_text(text, select=["PUN001", "PUN002"])
    assert f"{len(individual)}处" in found[0].message
    assert len(individual) > 500


def test_summary_threshold_count():
    nine = "。".join(f"第{i}项工作,已完成" for i in range(9)) + "。"
    ten = "。".join(f"第{i}项工作,已完成" for i in range(10)) + "。"
    assert {c for _, _, c in codes(nine)} == {"PUN001"}
    assert len(codes(nine)) == 9
    assert codes(ten) == [(1, 6, "PUN003")]


def test_summary_threshold_share():
    # 12 half-width commas against 13 full-width ones: less than half, reported one by one
    text = "。".join(f"第{i}项工作,已完成，效果好" for i in range(12)) + "。收尾，完毕。"
    assert len(codes(text)) == 12
    assert {c for _, _, c in codes(text)} == {"PUN001"}


def test_without_the_summary_rule_marks_are_reported_one_by_one():
    text = nfkc_clean()
    assert {f.code for f in lint_text(text, select=["PUN001"])} == {"PUN001"}


def test_while_fixing_the_summary_expands_into_fixes():
    text = "。".join(f"第{i}项工作,已完成" for i in range(10)) + "。"
    with fixing_mode():
        found = lint_text(text, select=["PUN"])
    assert [(f.code, f.matched, f.replacement, f.fix_safe) for f in found] == [("PUN003", ",", "，", True)] * 10


def test_summary_options_are_validated(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules:\n  - {code: ORG201, name: org-width, kind: punctuation, severity: error, summary: x, message: x,"
        " options: {check: halfwidth, min_count: 3}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match="min_count"):
        load_rules([str(bad)], include_bundled=False)


def test_summary_threshold_is_configurable(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "rules:\n  - {code: ORG202, name: org-doc-width, kind: punctuation, severity: warning, summary: x,"
        " message: '{count}', options: {check: halfwidth-document, min_count: 3, min_share: 0.9}}\n",
        encoding="utf-8",
    )
    from linter.engine import Linter

    linter = Linter(load_rules([str(user)], include_bundled=False))
    found = linter.lint(Document.from_string("第一项,第二项,第三项,完毕。"))
    assert [(f.line, f.column, f.code, f.message) for f in found] == [(1, 4, "ORG202", "3")]


# ---- messages, work counts ------------------------------------------------------------------


def test_messages_in_english():
    found = lint_text("工单,以下发。", select=["PUN001"], lang="en")
    assert found[0].message == "half-width ',' in Chinese text: use '，'"
    found = lint_text("工单,以下发。", select=["PUN001"])
    assert found[0].message == "中文中应使用全角标点：“,”应为“，”"


def test_prepared_once_and_one_analysis_per_document():
    linter = make_linter(select=["PUN"])
    for i in range(3):
        linter.lint(Document.from_string(f"第{i}项,完成。"))
    assert linter.stats.prepared["punctuation"] == 1
    assert linter.stats.checked["punctuation"] == 3


# ---- robustness -----------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MARKS = list(",;:?!.()（）《》【】〔〕“”‘’…。，、；：？！-~～—") + ["\n", "\r\n", "整改", "2024年12月", "3、4个", "三、四次", "http://a.cn", "a@b.cn", "一、", "（一）"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKS), st.text(max_size=3)), max_size=50), st.sampled_from(["text", "markdown", "docx"]))
def test_any_text_is_checked_without_crashing(parts, kind):
    doc = Document.from_string("".join(parts), "g.txt", kind=kind)
    for f in make_linter(select=["PUN"]).lint(doc):
        assert 0 <= f.start <= f.end <= len(doc.text)
        assert f.line >= 1 and f.column >= 1
        for unfilled in re.findall(r"\{[a-z_]+\}", f.message):
            assert unfilled in doc.text, f"template field {unfilled} left unfilled in {f.code}"
