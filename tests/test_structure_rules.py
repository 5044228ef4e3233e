"""Focused tests of the tricky logic in the structural rules (NUM, SEC, MEA, LED, DSC, CON).

Each test builds a small notice around one point, so that a failure names the
logic that broke rather than a whole fixture.
"""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from helpers import FIXTURES, lint_file, lint_text, triples
from linter.document import Document
from linter.kinds.contact import classify_phone
from linter.kinds.lead import date_after, facts, feedback_date
from linter.kinds.numbering import _convention
from linter.outline import _role, parse_outline

STRUCT = ["NUM", "SEC", "MEA", "LED", "DSC", "CON"]
TITLE = "中共某区某局党组关于区委第五轮巡察整改进展情况的通报"
LEAD = "根据区委统一部署，2025年3月10日至5月16日，区委第二巡察组对某局党组开展了常规巡察。2025年6月20日，区委第二巡察组向局党组反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。"
CLOSING = "欢迎广大干部群众对巡察整改落实情况进行监督。公开期限：2025年9月15日至26日。联系电话：0751-8887215；邮政信箱：韶关市武江区沿江路16号，邮政编码：512026；电子邮箱：wjxczg@163.com。"


def notice(body: str, lead: str = LEAD, closing: str = CLOSING) -> str:
    return f"{TITLE}\n\n{lead}\n{body.strip()}\n\n{closing}\n"


def codes(text: str, select=STRUCT, **kw) -> list[tuple[int, int, str]]:
    return triples(lint_text(text, select=select, **kw))


SECTIONS = """
一、党组履行巡察整改主体责任情况
局党组召开专题会议研究部署整改工作。
二、巡察反馈问题整改落实情况
{rect}
三、需长期整改事项进展情况
1.关于专业人才不足的问题
一是制订人才引进计划。
四、下一步工作打算
持续巩固深化巡察整改成果。
"""


def with_rect(rect: str, **kw) -> str:
    return notice(SECTIONS.format(rect=rect.strip()), **kw)


def test_the_section_template_itself_is_clean():
    assert codes(with_rect("1.关于学习不深入的问题\n一是制订学习计划。")) == []


# ---- numbering: convention detection ---------------------------------------------------


def chain(*groups):
    return [[SimpleNamespace(value=v) for v in g] for g in groups]


@pytest.mark.parametrize(
    "groups, convention",
    [
        (([1, 2], [3, 4], [5]), "continuous"),
        (([1, 2], [1, 2], [1]), "restart"),
        (([1, 2], [3], [1, 2], [3, 4]), "continuous"),  # 2 run-ons against 1 restart
        (([1, 2], [1], [2, 3], [1]), "restart"),  # 2 restarts against 1 run-on
        (([1, 2], [3], [1]), "restart"),  # a tie keeps the GB/T 9704 default
        (([1, 2, 3],), "restart"),  # one group: nothing to detect
    ],
)
def test_convention_is_the_documents_majority(groups, convention):
    assert _convention(chain(*groups)) == convention


RUN_ON = """
（一）关于方面一
（1）关于问题一的问题
一是措施。
（2）关于问题二的问题
一是措施。
（二）关于方面二
（3）关于问题三的问题
一是措施。
（三）关于方面三
（4）关于问题四的问题
一是措施。
（四）关于方面四
（{n}）关于问题五的问题
一是措施。
"""


def test_run_on_convention_flags_a_restart():
    assert codes(with_rect(RUN_ON.format(n=5))) == []
    text = with_rect(RUN_ON.format(n=1))
    found = lint_text(text, select=["NUM"])
    assert [(f.line, f.code) for f in found] == [(19, "NUM007")]
    assert "连续编号" in found[0].message and "（5）" in found[0].message


def test_restart_convention_flags_a_run_on():
    rect = RUN_ON.replace("（2）", "（2）").replace("（3）", "（1）").replace("（4）", "（1）")
    assert codes(with_rect(rect.format(n=1))) == []
    found = lint_text(with_rect(rect.format(n=2)), select=["NUM"], lang="en")
    assert [(f.line, f.code) for f in found] == [(19, "NUM007")]
    assert "restarts under each parent" in found[0].message


def test_conventions_are_per_section():
    """（1）… running on in section 二 says nothing about the items of section 三."""
    text = with_rect(RUN_ON.format(n=5)).replace("1.关于专业人才不足的问题", "（1）关于专业人才不足的问题")
    assert codes(text) == []


# ---- numbering: inversion, series, labels -------------------------------------------------


def test_level_inversion_is_reported_once_and_not_as_a_bad_start():
    rect = "（一）关于方面一\n1.关于问题一的问题\n一是措施。\n2.关于问题二的问题\n一是措施。\n（二）关于方面二\n（1）关于问题三的问题\n一是措施。\n1.关于问题四的问题\n一是措施。"
    found = lint_text(with_rect(rect), select=STRUCT)
    assert [(f.line, f.column, f.code) for f in found] == [(15, 1, "NUM006")]
    assert "“1.”出现在同一上级下的“（1）”之后" in found[0].message


def test_levels_in_order_are_not_an_inversion():
    rect = "（一）关于方面一\n1.关于问题一的问题\n一是措施。\n（二）关于方面二\n1.关于问题二的问题\n一是措施。"
    assert codes(with_rect(rect)) == []


def test_problem_labels_form_a_series():
    rect = "（一）关于方面一\n问题1：学习不深入。\n整改情况：制订学习计划。\n问题3：制度不健全。\n整改情况：修订制度。"
    assert codes(with_rect(rect)) == [(10, 1, "NUM001")]


def test_problem_labels_may_run_on_across_their_parents():
    rect = "1.关于学习方面\n问题1：学习不深入。\n整改情况：制订学习计划。\n2.关于制度方面\n问题2：制度不健全。\n整改情况：修订制度。"
    assert codes(with_rect(rect)) == []


def test_halfwidth_ordinals_fold_into_one_finding_unless_it_is_deselected():
    path = FIXTURES / "defects" / "struct-num-halfwidth-doc.txt"
    assert triples(lint_file(path, select=["NUM"])) == [(6, 1, "NUM008")]
    singles = lint_file(path, select=["NUM005"])
    assert len(singles) == 48 and all(f.replacement and f.replacement.startswith("（") for f in singles)


def test_a_few_halfwidth_ordinals_are_reported_one_by_one():
    rect = "(一)关于方面一\n1.关于问题一的问题\n一是措施。\n(二)关于方面二\n1.关于问题二的问题\n一是措施。"
    assert codes(with_rect(rect)) == [(7, 1, "NUM005"), (10, 1, "NUM005")]


# ---- sections: roles by meaning -------------------------------------------------------------


@pytest.mark.parametrize(
    "title, role",
    [
        ("组织领导情况", "responsibility"),
        ("整改工作开展情况", "responsibility"),
        ("整改工作基本情况", "responsibility"),
        ("党委履行巡察整改主体责任情况", "responsibility"),
        ("党组及主要负责人组织整改落实情况", "responsibility"),
        ("锚定政治“定盘星”，扛牢巡察整改政治责任", "responsibility"),
        ("强化政治担当，坚决有力推进巡察整改", "responsibility"),
        ("反馈意见整改落实情况", "rectification"),
        ("巡察反馈问题的整改情况", "rectification"),
        ("集中整改期内整改进展情况", "rectification"),
        ("巡察反馈重点问题整改落实情况", "rectification"),
        ("需长期整改事项进展情况", "longterm"),
        ("需要长期坚持和持续深化的整改事项", "longterm"),
        ("尚未完成的整改事项", "longterm"),
        ("下一步工作打算", "nextsteps"),
        ("建立长效机制，持续巩固深化巡察整改成果", "nextsteps"),
        ("聚焦“靶心”真改实改，推动整改落地见效", None),
    ],
)
def test_section_roles_are_matched_by_meaning(title, role):
    assert _role(title) == role


def test_summary_notice_is_checked_for_its_lead_and_closing_only():
    text = notice("截至目前，巡察反馈的5个问题已全部完成整改。针对反馈问题，逐项制订整改措施。")
    assert codes(text) == []
    # without any word about the problems fed back there is no rectification content (the
    # lead's 反馈了巡察意见 is the fact of feedback); reported at the lead, the only anchor
    assert codes(notice("局党组高度重视，认真研究部署。")) == [(3, 1, "SEC001")]


# ---- measures ---------------------------------------------------------------------------------


def test_yishi_problems_need_measures_too():
    body = "一、整改工作开展情况\n召开专题会议。\n二、巡察反馈问题整改落实情况\n一是关于学习不深入的问题。制订学习计划。\n二是关于制度不健全的问题。\n三、需长期整改事项进展情况\n一是关于人才不足的问题。制订人才计划。\n四、下一步工作打算\n持续巩固深化巡察整改成果。"
    assert codes(notice(body)) == [(8, 1, "MEA001")]


def test_a_problem_label_followed_by_its_description_only_has_no_measure():
    rect = "问题1：学习不深入。个别党员学习不够主动。\n完成情况：已完成。\n问题2：制度不健全。整改情况：修订制度。"
    assert codes(with_rect(rect)) == [(7, 1, "MEA001")]


def test_a_measure_label_with_nothing_after_it_is_no_measure():
    assert codes(with_rect("1.关于学习不深入的问题\n整改情况：")) == [(7, 1, "MEA001")]


# ---- lead: dates and their years ------------------------------------------------------------


def lead_facts(lead: str):
    doc = Document.from_string(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead), "t.txt")
    ctx = SimpleNamespace(doc=doc, outline=parse_outline(doc))
    return facts(ctx)


def test_feedback_after_new_year_takes_the_next_year():
    lead = "根据区委统一部署，2024年11月4日至12月27日，区委第二巡察组开展巡察。1月10日，巡察组反馈了巡察意见。现将整改情况予以公布。"
    f = lead_facts(lead)
    assert f.feedback.year == 2024  # as dates.py reads it from context
    assert feedback_date(f) == date(2025, 1, 10)
    assert codes(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead)) == []


def test_inspection_across_new_year():
    lead = "根据区委统一部署，2024年11月4日至1月10日，区委第二巡察组开展巡察。2025年2月20日，巡察组反馈了巡察意见。现将整改情况予以公布。"
    f = lead_facts(lead)
    assert (f.period[0].as_date(), f.period[1].as_date(), feedback_date(f)) == (date(2024, 11, 4), date(2025, 1, 10), date(2025, 2, 20))
    assert codes(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead)) == []


def test_same_year_feedback_before_the_end_is_not_rolled_over():
    lead = "根据区委统一部署，2024年9月23日至12月20日，区委第二巡察组开展巡察。12月1日，巡察组反馈了巡察意见。现将整改情况予以公布。"
    found = lint_text(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead), select=["LED"])
    assert [f.code for f in found] == ["LED005"]
    assert "2024年12月1日 不晚于 2024年12月20日" in found[0].message


def test_reversed_inspection_period():
    lead = "根据区委统一部署，2025年5月16日至3月10日，区委第二巡察组开展巡察。2025年6月20日，巡察组反馈了巡察意见。现将整改情况予以公布。"
    found = lint_text(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead), select=["LED"])
    assert [(f.line, f.column, f.code) for f in found] == [(3, 21, "LED005")]
    assert "巡察结束日期早于开始日期" in found[0].message


def test_date_after_only_rolls_year_less_dates_across_new_year():
    later = SimpleNamespace(as_date=lambda: date(2024, 1, 10), explicit_year=False)
    explicit = SimpleNamespace(as_date=lambda: date(2024, 1, 10), explicit_year=True)
    near = SimpleNamespace(as_date=lambda: date(2024, 9, 12), explicit_year=False)
    assert date_after(later, date(2024, 12, 27)) == date(2025, 1, 10)
    assert date_after(explicit, date(2024, 12, 27)) == date(2024, 1, 10)
    assert date_after(near, date(2024, 9, 26)) == date(2024, 9, 12)  # 9月26日至12日 stays reversed
    assert date_after(None, date(2024, 1, 1)) is None


@pytest.mark.parametrize(
    "sentence",
    ["现将巡察整改进展情况予以公布。", "现将有关情况予以通报。", "现将整改情况报告如下：", "现将整改进展情况向社会公开，接受干部群众监督。", "现将整改情况公布如下。"],
)
def test_publication_verbs(sentence):
    lead = LEAD.replace("按照巡察工作有关要求，现将巡察整改进展情况予以公布。", sentence)
    assert codes(notice(SECTIONS.format(rect="1.关于学习不深入的问题\n一是制订学习计划。"), lead=lead), select=["LED"]) == []


# ---- disclosure period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period, days, reported",
    [
        ("2025年9月12日至16日", 5, False),  # both ends counted: 12, 13, 14, 15, 16
        ("2025年9月12日至15日", 4, True),
        ("2025年9月12日至10月11日", 30, False),
        ("2025年9月12日至10月12日", 31, True),
        ("2025年9月12日—2025年9月26日", 15, False),
        ("2025年12月25日至1月8日", 15, False),  # across New Year without a second year
    ],
)
def test_disclosure_length_counts_both_ends(period, days, reported):
    closing = CLOSING.replace("2025年9月15日至26日", period)
    found = lint_text(with_rect("1.关于学习不深入的问题\n一是制订学习计划。", closing=closing), select=["DSC"])
    assert [f.code for f in found] == (["DSC005"] if reported else [])
    if reported:
        assert f"为{days}天" in found[0].message


@pytest.mark.parametrize("label", ["公开期限：", "公开时间：", "公示期：", "公示期为", "公开期限为"])
def test_disclosure_labels(label):
    closing = CLOSING.replace("公开期限：", label)
    assert codes(with_rect("1.关于学习不深入的问题\n一是制订学习计划。", closing=closing), select=["DSC"]) == []


def test_disclosure_year_comes_from_the_text_before_the_closing():
    closing = CLOSING.replace("2025年9月15日至26日", "9月15日至26日")
    text = with_rect("1.关于学习不深入的问题\n一是制订学习计划。", closing=closing)
    assert codes(text, select=["DSC"], today=date(2025, 9, 20)) == []
    assert codes(text, select=["DSC"], today=date(2025, 9, 27)) == [(15, 28, "DSC006")]


# ---- contact ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, verdict, reason",
    [
        ("12388", "ok", None),
        ("0760-12388", "ok", None),
        ("010-12388", "ok", None),
        ("13800138000", "ok", None),
        ("4008123123", "ok", None),
        ("0760-87161456", "ok", None),  # 8-digit local (中山)
        ("0751-8887215", "ok", None),  # 7-digit local (韶关)
        ("010-62345678", "ok", None),
        ("(0760)87161456", "ok", None),
        ("（0760）87161456", "ok", None),
        ("０７６０-８７１６１４５６", "ok", None),
        ("0760-8716145", "bad", "length"),  # 中山 numbers have 8 digits
        ("0751-88872150", "bad", "length"),  # 韶关 numbers have 7
        ("87161456", "bad", "no-area-code"),
        ("8887215", "bad", "no-area-code"),
        ("O760-87161456", "bad", "letter-o"),
        ("0760-8716I456".replace("I", "O"), "bad", "letter-o"),
        ("Ｏ760-87161456", "bad", "letter-o"),
        ("760-87161456", "bad", "area-zero"),
        ("0760-07161456", "bad", "local-start"),
        ("12345678901", "bad", "mobile"),
        ("0760-871614", "bad", "digits"),
        ("0760—87161456", "separator", None),
        ("0760－87161456", "separator", None),
    ],
)
def test_phone_classification(number, verdict, reason):
    assert classify_phone(number) == (verdict, reason)


def closing_with(contact: str) -> str:
    return with_rect("1.关于学习不深入的问题\n一是制订学习计划。", closing="欢迎广大干部群众对巡察整改落实情况进行监督。公开期限：2025年9月15日至26日。" + contact)


def test_phone_values_are_cut_before_service_hours():
    text = closing_with("联系电话：0760-87161456（8:30—17:30）、87161457；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：a@b.cn。")
    assert codes(text, select=["CON"]) == []


def test_a_time_after_a_phone_is_not_read_as_another_number():
    text = closing_with("联系电话：0760-87161456，9:00—17:00受理；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：a@b.cn。")
    assert codes(text, select=["CON"]) == []


def test_numbered_po_box_is_a_postal_channel_not_an_email():
    text = closing_with("联系电话：0760-87161456；来信请寄中山市1960邮箱转市委第3巡察组收（邮编：528403）；电子邮箱：a@b.cn。")
    assert codes(text, select=["CON"]) == []


def test_phone_reason_in_both_languages():
    text = closing_with("联系电话：87161456；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：a@b.cn。")
    zh = lint_text(text, select=["CON003"])
    en = lint_text(text, select=["CON003"], lang="en")
    assert [f.message for f in zh] == ["电话号码“87161456”格式有误：缺少区号"]
    assert [f.message for f in en] == ["telephone number '87161456' is malformed (no area code)"]


@pytest.mark.parametrize(
    "hours, bad",
    [("8:30—12:00，14:30—17:30", False), ("8:30-17:30", False), ("9:00～17:00", False), ("8:30—8:00", True), ("8:30—25:00", True), ("8:70—12:00", True)],
)
def test_service_hours(hours, bad):
    text = closing_with(f"联系电话：0760-87161456（工作日{hours}）；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：a@b.cn。")
    assert [f.code for f in lint_text(text, select=["CON"])] == (["CON005"] if bad else [])


def test_email_with_sentence_full_stop_is_fine_and_chinese_stop_in_domain_is_not():
    ok = closing_with("联系电话：0760-87161456；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：zsgaxczg@126.com。")
    bad = closing_with("联系电话：0760-87161456；邮政信箱：中山市东区兴中道26号，邮政编码：528400；电子邮箱：zsgaxczg@126。com")
    assert codes(ok, select=["CON"]) == []
    assert [f.code for f in lint_text(bad, select=["CON"])] == ["CON009"]


def test_int_to_cn_round_trips_and_writes_hundreds():
    from linter.numerals import cn_to_int, int_to_cn

    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 100))
    assert [int_to_cn(n) for n in (100, 105, 110, 1010, 2023)] == ["一百", "一百零五", "一百一十", "一千零一十", "二千零二十三"]


def test_ordinals_near_one_hundred_do_not_crash():
    from helpers import lint_text

    found = lint_text("中共某委员会关于巡察整改进展情况的通报\n\n九十九、第一项\n九十八、第二项\n", select=["NUM"])
    assert [(f.line, f.code) for f in found] == [(3, "NUM003"), (4, "NUM001")]
