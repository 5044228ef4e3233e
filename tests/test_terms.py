"""Terms (TRM rules): 巡查 for 巡察, 巡视/巡察 mixed for one event, 截止 for 截至."""
from __future__ import annotations

import pytest

from helpers import CLEAN_REFERENCE, REFERENCE, col, edited, lint_file, lint_text, where
from linter.document import Document
from linter.engine import Context, Settings
from linter.fix import applicable, apply
from linter.kinds import terms

CLEAN = CLEAN_REFERENCE


def trm(text: str, lang: str = "zh"):
    return lint_text(text, select=["TRM"], lang=lang)


# ---- TRM001 xuncha-miswritten --------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,offset",
    [
        ("市委第八巡查组向我局反馈巡察意见", "巡查组", 0),
        ("县委巡查组进驻", "巡查组", 0),
        ("十五届市委第六轮巡查", "巡查", 0),
        ("第三轮常规巡查整改工作", "巡查", 0),
        ("巡视巡查工作有关要求", "巡查", 0),
        ("做深做实巡查“后半篇文章”", "巡查", 0),
        ("针对巡查反馈问题", "巡查", 0),
        ("推动巡查整改落实", "巡查", 0),
        ("根据巡查意见", "巡查", 0),
        ("巡查组向局党委反馈", "巡查", 0),
        ("政治巡查定位", "巡查", 0),
    ],
)
def test_xuncha_miswritten(text, anchor, offset):
    (f,) = trm(text)
    assert (f.line, f.column, f.code, f.matched, f.replacement, f.fix_safe) == (1, col(text, anchor, offset), "TRM001", "巡查", "巡察", False)


@pytest.mark.parametrize(
    "text",
    [
        "由宿舍管理员每周巡查、后勤部门每月普查、分管领导每季度抽查",  # reference line 53
        "加强隐患巡查整改",
        "开展日常巡查反馈问题12个",
        "组织民警巡查",
        "成立巡查组，加强夜间巡逻",
        "开展安全巡查",
        "建立公安视频设备每日巡检机制",
        "市委巡察组",
    ],
)
def test_xuncha_patrol_is_clean(text):
    assert trm(text) == []


def test_xuncha_message():
    (f,) = trm("针对巡查反馈问题")
    assert f.message == "“针对巡查反馈问题”中的“巡查”应为“巡察”"


# ---- TRM002 xunshi-xuncha-mixed -------------------------------------------------------------


def test_notice_word():
    def word(text: str):
        return terms.notice_word(Context(Document.from_string(text, "t.txt"), Settings()))

    assert word(CLEAN) == "巡察"
    assert word("中共某区委关于十二届省委第七轮巡视整改进展情况的通报\n\n省委第七巡视组反馈了巡视意见。") == "巡视"
    # no word in the title: the team in the lead decides
    assert word("中共某局党组关于整改进展情况的通报\n\n根据统一部署，区委第一巡察组对局党组开展巡察。") == "巡察"
    # the title names both as one term and the lead names no team: no decision
    assert word("中共某局党组关于巡视巡察整改进展情况的通报\n\n根据统一部署，开展巡视。") is None


def test_reference_uses_xunshi_only_in_allowed_ways():
    # 巡视巡察 (line 3), 关于巡视工作重要论述 / 中央巡视工作方针 / 省委巡视 (line 5, 194)
    assert "巡视" in CLEAN
    assert trm(CLEAN) == []


def test_mixed_in_a_xuncha_notice():
    text = edited(("推动巡察整改工作落实", "推动巡视整改工作落实"), ("落实2025年公安工作要点相结合", "落实2025年公安工作要点相结合，对标上级巡视要求和《中国共产党巡视工作条例》"))
    found = trm(text)
    assert [(f.line, f.column, f.code) for f in found] == [(*where(text, "巡视整改工作落实"), "TRM002")]
    assert found[0].message == "本通报所述为巡察，此处“巡视”应为“巡察”（上级巡视、“巡视巡察”等固定说法除外）"
    assert (found[0].replacement, found[0].fix_safe) == ("巡察", False)


def test_mixed_in_a_xunshi_notice():
    text = (
        "中共某区委关于十二届省委第七轮巡视整改进展情况的通报\n\n"
        "根据省委统一部署，省委第七巡视组对区委开展了巡视，并反馈了巡视意见。\n"
        "一、区委履行巡视整改主体责任情况\n"
        "统筹推进区委巡察工作，完善巡察制度，发挥巡视巡察上下联动作用。对巡察组反馈的问题逐条整改。\n"
    )
    assert [(f.line, f.column, f.code) for f in trm(text)] == [(*where(text, "巡察组反馈"), "TRM002")]


def test_mixed_skipped_without_a_notice_word():
    assert trm("推进巡视整改。落实巡察整改。") == []


# ---- TRM003 / TRM004 截止 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,replacement",
    [
        ("截止目前，已完成整改30个", "截止目前", "截至目前"),
        ("截止今年8月底，已完成整改30个", "截止今年", "截至今年"),
        ("截止当前，已完成整改30个", "截止当前", "截至当前"),
        ("截止本月底", "截止本月", "截至本月"),
    ],
)
def test_jiezhi(text, anchor, replacement):
    (f,) = trm(text)
    assert (f.column, f.code, f.matched, f.replacement, f.fix_safe) == (col(text, anchor), "TRM003", anchor, replacement, True)


def test_jiezhi_dao_is_info_without_autofix():
    text = "截止到9月底，已完成整改30个"
    (f,) = trm(text)
    assert (f.column, f.code, f.severity.label, f.replacement, f.fix_safe) == (1, "TRM004", "info", "截至", False)


@pytest.mark.parametrize("text", ["截至目前，已完成整改30个", "报名于9月30日截止", "截止日期为9月30日", "申报截止时间"])
def test_jiezhi_clean(text):
    assert trm(text) == []


def test_jiezhi_is_reported_once_by_all_rules():
    """No other bundled rule reports the same 截止 a second time."""
    found = lint_text("截止目前，已完成整改30个")
    assert [f.code for f in found if f.matched.startswith("截止")] == ["TRM003"]


def test_jiezhi_fix():
    text = "截止当前，已完成整改30个。"
    assert apply(text, applicable(trm(text))) == "截至当前，已完成整改30个。"


def test_real_notice_is_clean():
    if not REFERENCE.exists():
        pytest.skip(f"the real notice is not at {REFERENCE}")
    assert [f for f in lint_file(REFERENCE) if f.code.startswith("TRM")] == []


def test_allowed_contexts_from_the_candidates_lines_equal_the_whole_text_scan(monkeypatch):
    """The allow patterns are looked for in the lines holding a candidate only (rx.line_local);
    they must decide every candidate as the scan of the whole text does."""
    from helpers import bundled_rules, noisy_corpus

    (p,) = [p for p in terms.prepare([r for r in bundled_rules() if r.kind == "terms"]) if p.check == "mixed"]
    assert p.allow_in_line  # the bundled contexts are line-local: the shortcut is taken
    texts = noisy_corpus("巡视巡察《》\n省委中央上级党组市委工作方针条例重要论述、和", seed=7, copies=6, every=12)
    decided = 0
    for text in texts:
        for other in ("巡视", "巡察"):
            found = [k for k in range(len(text)) if text.startswith(other, k)]
            if not found:
                continue
            with monkeypatch.context() as m:
                m.setattr(terms, "LINE_COST", 0)  # however many lines hold a candidate
                in_lines = terms._allowed(p, text, found)
                m.setattr(terms, "LINE_COST", 10**9)  # every pattern scans the whole text
                whole = terms._allowed(p, text, found)
            assert [in_lines(s, s + 2) for s in found] == [whole(s, s + 2) for s in found]
            decided += sum(whole(s, s + 2) for s in found)
    assert decided > 50  # the corpus holds allowed contexts, not only candidates outside them
