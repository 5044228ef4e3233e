"""How the outline parser reads real and variant notices (docs/outline.md).

The reference notice is checked against a naive, independent count of its
lines, so a parser bug cannot hide behind numbers copied from its own output.
Each clean variant (fixtures/clean/variant-*) is checked for the roles of its
sections and the number of measures under each problem, as written in it.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, REFERENCE, make_linter
from linter.cli import main
from linter.document import Document
from linter.outline import format_outline, measures_of, outline_to_dict, parse_outline
from linter.reading import read_document

CLEAN = FIXTURES / "clean"
REF = CLEAN / "reference-clean.txt"
ROLES = ["responsibility", "rectification", "longterm", "nextsteps"]


def outline_of(path):
    return parse_outline(read_document(str(path)))


def parse(text: str):
    return parse_outline(Document.from_string(text, "t.txt"))


def counts(o, role: str) -> list[int]:
    return [len([m for m in measures_of(o, p) if not m.empty]) for p in o.problems(role)]


def naive_problem_measures(text: str) -> tuple[list[int], list[int]]:
    """Independent oracle: count the 一是/二是 lines under each problem heading by a line scan.

    In section 二 the problems are the （n） lines; in section 三 they are the （一） lines.
    """
    rect: list[int] = []
    longterm: list[int] = []
    section = None
    for line in text.split("\n"):
        if re.match(r"[一二三四]、", line):
            section = line[0]
            continue
        if section == "二" and re.match(r"（\d+）", line):
            rect.append(0)
        elif section == "三" and re.match(r"（[一二三]）", line):
            longterm.append(0)
        elif re.match(r"[一二三四五六七八九十]是", line):
            if section == "二" and rect:
                rect[-1] += 1
            elif section == "三" and longterm:
                longterm[-1] += 1
    return rect, longterm


# ---- the reference notice -----------------------------------------------------


def test_reference_has_four_sections_with_their_roles():
    o = outline_of(REF)
    assert [n.role for n in o.roots] == ROLES
    assert [n.line for n in o.roots] == [4, 11, 178, 192]
    assert [p.line for p in o.title] == [1]
    assert [p.line for p in o.lead] == [3]
    assert [p.line for p in o.closing] == [198]
    assert o.preamble_body == [] and o.furniture == []
    assert not o.virtual_rectification


def test_reference_has_33_problems_with_their_measures():
    o = outline_of(REF)
    problems = o.problems()
    assert len(problems) == 33
    assert [p.value for p in problems] == list(range(1, 34))  # （1）…（33） run on through section 二
    assert all(p.style == "ar-paren" and not p.run_in for p in problems)
    expected_rect, _ = naive_problem_measures(REF.read_text(encoding="utf-8"))
    assert counts(o, "rectification") == expected_rect
    # spot checks read off the notice by eye
    got = counts(o, "rectification")
    assert got[0] == 3 and got[2] == 4 and got[12] == 6 and got[15] == 2 and got[32] == 3


def test_reference_has_three_long_term_items():
    o = outline_of(REF)
    items = o.problems("longterm")
    assert [p.written_ordinal for p in items] == ["（一）", "（二）", "（三）"]
    _, expected = naive_problem_measures(REF.read_text(encoding="utf-8"))
    assert counts(o, "longterm") == expected == [4, 2, 4]


def test_section_one_and_four_items_are_run_in_headings():
    o = outline_of(REF)
    first, last = o.roots[0], o.roots[3]
    assert [c.run_in for c in first.children] == [True] * 5
    assert first.children[0].title == "构建“五个责任联动”狠抓巡察整改工作体系。"
    assert [c.title for c in last.children][2] == "持续巩固扩大巡察整改成果。"
    assert not any(c.is_problem for c in first.walk())


def test_raw_published_notice_reads_like_the_clean_copy():
    """The real text carries Word bookmark residue at line starts; the outline ignores it."""
    raw = outline_to_dict(outline_of(REFERENCE))
    clean = outline_to_dict(outline_of(REF))
    raw.pop("path"), clean.pop("path")
    assert raw == clean


# ---- the command line ---------------------------------------------------------------


def test_outline_command_prints_the_tree():
    r = CliRunner().invoke(main, ["outline", str(REF)])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "   1  标题: 中共中山市公安局委员会关于十五届市委第六轮常规巡察整改进展情况的通报"
    assert "  11  二、巡察反馈重点问题整改落实情况  [反馈问题整改落实]" in lines
    assert "  14        （1）强化监管体系建设，完善暂扣款管理  (问题，整改措施 3)" in lines
    assert " 179    （一）压实机关纪委监督责任，强化监督执纪作用发挥  (问题，整改措施 4)" in lines
    assert lines[-1] == " 198  结尾（监督、公开期限、联系方式）"
    assert sum("(问题，整改措施" in ln for ln in lines) == 36


def test_outline_command_in_english():
    r = CliRunner().invoke(main, ["outline", "--lang", "en", str(REF)])
    assert r.exit_code == 0, r.output
    assert "   4  一、党委履行巡察整改主体责任情况  [responsibility]" in r.output
    assert "(problem, measures 3)" in r.output
    assert "closing (supervision, disclosure period, contacts)" in r.output


def test_outline_command_json():
    r = CliRunner().invoke(main, ["outline", "--format", "json", str(REF)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [s["role"] for s in data["sections"]] == ROLES
    assert data["title"]["lines"] == [1] and data["lead"]["lines"] == [3] and data["closing"]["lines"] == [198]

    def problems(node):
        out = [node] if node.get("problem") else []
        for c in node.get("children", []):
            out += problems(c)
        return out

    rect = problems(data["sections"][1])
    assert len(rect) == 33
    assert rect[0] == {
        "line": 14,
        "marker": "（1）",
        "style": "ar-paren",
        "level": 4,
        "value": 1,
        "title": "强化监管体系建设，完善暂扣款管理",
        "run_in": False,
        "problem": True,
        "measures": 3,
        "enumeration": [{"line": 15, "value": 1, "inline": False}, {"line": 16, "value": 2, "inline": False}, {"line": 17, "value": 3, "inline": False}],
    }
    assert [p["measures"] for p in problems(data["sections"][2])] == [4, 2, 4]


def test_outline_command_on_a_missing_file_is_a_one_line_error(tmp_path):
    r = CliRunner().invoke(main, ["outline", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2
    assert "no such file" in r.output and "Traceback" not in r.output


# ---- the clean variants ---------------------------------------------------------------

# file -> (roles of the top-level items, measures per rectification problem, per long-term item)
VARIANTS = {
    "variant-a-dun-then-dot.txt": (ROLES, [3, 3, 3, 2], [2, 2]),
    "variant-b-dun-then-yishi.txt": (ROLES, [1, 1, 2, 1], [1, 1]),
    "variant-c-inline-yishi.txt": (ROLES, [3, 3, 3, 2], [2]),
    "variant-d-yishi-restart.txt": (ROLES, [4, 2, 2, 2], [2, 2]),
    "variant-e-problem-labels.txt": (ROLES, [2, 2, 2, 2, 2, 2], [1]),
    "variant-f-runin-standalone.txt": (ROLES, [3, 2, 2], [2]),
    "variant-g-paren-top.txt": (ROLES, [2, 2, 2], [2]),
    "variant-h-problems-top.txt": ([None] * 5, [3, 2, 2, 2, 2], []),
    "variant-i-wrapped-title-slogans.txt": (ROLES, [2, 2, 2], [2]),
    "variant-j-markdown.md": (ROLES, [2, 2, 2], [2]),
    "variant-k-gb18030.txt": (ROLES, [1, 1, 2, 1], [1, 1]),
    "variant-k-crlf.txt": (ROLES, [3, 2, 2], [2]),
    "variant-l-summary-unnumbered.txt": ([], [], []),
}


def test_every_clean_variant_is_listed_here():
    assert sorted(p.name for p in CLEAN.glob("variant-*")) == sorted(VARIANTS)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_outline(name):
    roles, rect, longterm = VARIANTS[name]
    o = outline_of(CLEAN / name)
    assert [n.role for n in o.roots] == roles
    assert counts(o, "rectification") == rect
    assert counts(o, "longterm") == longterm
    assert o.title and o.lead and o.closing


def test_variant_b_problems_are_its_yishi_paragraphs():
    o = outline_of(CLEAN / "variant-b-dun-then-yishi.txt")
    problems = o.problems()
    assert [(p.style, p.value, p.line) for p in problems] == [("enum", 1, 9), ("enum", 2, 10), ("enum", 3, 11), ("enum", 4, 13)]
    assert problems[0].title == "关于落实全面从严治党主体责任不够到位的问题。"
    # the unnumbered paragraph after 三是 belongs to that problem
    assert [p.line for p in problems[2].body] == [12]
    # the 一是 items of section one are prose, not problems, and not headings
    assert o.problems("responsibility") == [] and len(list(o.nodes())) == 4


def test_variant_c_inline_series_in_one_paragraph():
    o = outline_of(CLEAN / "variant-c-inline-yishi.txt")
    items = o.items_of(o.roots[0])
    assert [(i.value, i.line, i.para_initial) for i in items] == [(1, 5, False), (2, 5, False), (3, 5, False)]


def test_variant_d_series_restart_after_an_unnumbered_paragraph():
    o = outline_of(CLEAN / "variant-d-yishi-restart.txt")
    items = o.items_of(o.roots[0])
    assert [(i.value, i.line, i.separated) for i in items] == [(1, 5, False), (2, 6, False), (1, 8, True), (2, 9, False)]
    assert [p.line for p in o.roots[1].body] == [11]  # the statistics paragraph


def test_variant_e_labels_are_the_problems_not_their_parents():
    o = outline_of(CLEAN / "variant-e-problem-labels.txt")
    problems = o.problems()
    assert [p.written_ordinal for p in problems] == [f"问题{i}" for i in range(1, 7)]
    groups = [n for n in o.roots[1].walk() if n.style == "ar-dot"]
    assert len(groups) == 4 and not any(g.is_problem for g in groups)
    # the triplet 问题：/整改情况：/完成情况： under a numbered long-term item: one measure
    item = o.problems("longterm")[0]
    assert [p.text[:5] for p in item.body] == ["问题：城乡", "整改情况：", "完成情况："]


def test_variant_f_run_in_and_standalone_headings():
    o = outline_of(CLEAN / "variant-f-runin-standalone.txt")
    assert [c.run_in for c in o.roots[0].children] == [True, True, True]
    assert [c.run_in for c in o.roots[1].children] == [False, False, False]


def test_variant_h_every_problem_is_top_level():
    o = outline_of(CLEAN / "variant-h-problems-top.txt")
    assert o.virtual_rectification
    assert [p.line for p in o.problems()] == [5, 9, 12, 15, 18]
    assert [p.line for p in o.preamble_body] == [4]


def test_variant_i_wrapped_title_and_slogan_headings():
    o = outline_of(CLEAN / "variant-i-wrapped-title-slogans.txt")
    assert [p.line for p in o.title] == [1, 2, 3]
    assert "".join(p.text for p in o.title) == "中共潍坊市坊子区委政法委员会关于十三届区委第七轮巡察集中整改进展情况的通报"
    # 二、聚焦“靶心”真改实改… names no role; its items are problems, so it is the rectification part
    assert o.roots[1].role == "rectification"
    assert [p.line for p in o.lead] == [5]


def test_variant_j_markdown_headings_and_emphasis():
    o = outline_of(CLEAN / "variant-j-markdown.md")
    assert o.title[0].text == "中共芜湖市镜湖区城市管理局党组关于区委第六轮巡察整改进展情况的通报"
    titles = [n.title for n in o.nodes()]
    assert "关于城市精细化管理水平不高的问题" in titles
    assert not any("*" in t for t in titles)
    first = o.problems()[0]
    assert [i.value for i in o.items_of(first)] == [1, 2]


def test_variant_l_summary_notice_without_numbering():
    o = outline_of(CLEAN / "variant-l-summary-unnumbered.txt")
    assert o.roots == [] and o.virtual_rectification
    assert [p.line for p in o.lead] == [3]
    assert [p.line for p in o.preamble_body] == [4, 5, 6]
    assert [p.line for p in o.closing] == [7]


def test_encoded_copies_match_their_sources():
    b = (CLEAN / "variant-b-dun-then-yishi.txt").read_text(encoding="utf-8")
    f = (CLEAN / "variant-f-runin-standalone.txt").read_text(encoding="utf-8")
    assert (CLEAN / "variant-k-gb18030.txt").read_bytes() == b.encode("gb18030")
    assert (CLEAN / "variant-k-crlf.txt").read_bytes() == f.replace("\n", "\r\n").encode("utf-8")
    gb = read_document(str(CLEAN / "variant-k-gb18030.txt"))
    crlf = read_document(str(CLEAN / "variant-k-crlf.txt"))
    assert gb.encoding == "gb18030" and set(crlf.line_endings) == {"\r\n"}
    for copy, source in ((gb, "variant-b-dun-then-yishi.txt"), (crlf, "variant-f-runin-standalone.txt")):
        a, s = outline_to_dict(parse_outline(copy)), outline_to_dict(outline_of(CLEAN / source))
        a.pop("path"), s.pop("path")
        assert a == s


# ---- tolerance (VARIANTS §7) ----------------------------------------------------------


def test_web_copy_furniture_and_stray_line_breaks():
    o = outline_of(FIXTURES / "defects" / "struct-furniture-split.txt")
    assert [p.line for p in o.furniture] == [1, 2, 3, 33, 34]  # breadcrumb, page title, metadata, URL, print links
    assert [p.line for p in o.title] == [5]
    assert [p.line for p in o.lead] == [7]
    assert o.closing[-1].line == 32
    heading = o.problems()[0]
    assert heading.title == "关于耕地保护监管存在薄弱环节的问题"  # joined across the break
    assert counts(o, "rectification") == [2, 1]  # a measure broken over two lines counts once
    assert o.roots[0].children[0].written_ordinal == "一)"  # read as （一）, reported by NUM005


def test_numbered_paragraph_mentioning_supervision_stays_in_the_body():
    text = (
        "中共某县委关于巡察整改进展情况的通报\n\n根据县委统一部署，县委第一巡察组开展巡察。\n"
        "一、下一步工作打算\n（一）强化监督。自觉接受干部群众监督。\n（二）巩固成果。持续巩固深化巡察整改成果。\n"
        "欢迎广大干部群众对巡察整改落实情况进行监督。\n"
    )
    o = parse(text)
    assert [c.line for c in o.roots[0].children] == [5, 6]
    assert [p.line for p in o.closing] == [7]


def test_issuer_line_and_duplicated_title():
    text = "中共某县委员会\n关于巡察整改进展情况的通报\n\n根据县委统一部署，开展巡察。\n"
    o = parse(text)
    assert [p.line for p in o.title] == [1, 2] and [p.line for p in o.lead] == [4]
    text = "某县关于巡察整改进展情况的通报_某县人民政府\n某县关于巡察整改进展情况的通报\n根据县委统一部署，开展巡察。\n"
    o = parse(text)
    assert [p.line for p in o.furniture] == [1] and [p.line for p in o.title] == [2]


def test_lead_over_several_paragraphs():
    text = (
        "标题关于巡察整改的通报\n\n根据县委统一部署，2025年3月10日至5月16日，县委第二巡察组对局党组开展巡察。\n"
        "2025年6月20日，县委第二巡察组向局党组反馈了巡察意见。\n现将巡察整改进展情况予以公布。\n"
        "截至目前，已完成整改10个。\n一、党组履行巡察整改主体责任情况\n"
    )
    o = parse(text)
    assert [p.line for p in o.lead] == [3, 4, 5]
    assert [p.line for p in o.preamble_body] == [6]
    # a lead broken mid-sentence continues on the next line
    o = parse("标题关于巡察整改的通报\n\n根据县委统一部署，县委第二巡察组\n对局党组开展巡察。\n截至目前，已完成整改10个。\n")
    assert [p.line for p in o.lead] == [3, 4] and [p.line for p in o.preamble_body] == [5]


@pytest.mark.parametrize(
    "line, is_heading",
    [
        ("一、二等奖各1名。", False),
        ("1、3、5分钟快反圈。", False),
        ("2023、2024年度账目审计。", False),
        ("一是建立长效机制。", False),
        ("一体推进不敢腐、不能腐、不想腐。", False),
        ("一、总体情况", True),
        ("一)组织领导", True),
        ("㈠组织领导", True),
        ("⑵完善制度", True),
        ("问题3：学习不深入。", True),
    ],
)
def test_what_counts_as_a_numbered_line(line, is_heading):
    o = parse("标题关于巡察整改的通报\n\n根据统一部署开展巡察。\n二、整改落实情况\n" + line + "\n")
    assert (len(list(o.nodes())) == 2) is is_heading


def test_marker_alone_on_its_line_takes_the_next_line_as_title():
    o = parse("标题关于巡察整改的通报\n\n根据统一部署开展巡察。\n一、\n党委履行巡察整改主体责任情况\n正文。\n")
    assert o.roots[0].title == "党委履行巡察整改主体责任情况"
    assert [p.line for p in o.roots[0].body] == [6]


def test_inline_series_right_after_a_run_in_title():
    o = parse("标题关于巡察整改的通报\n\n根据统一部署开展巡察。\n一、主体责任情况\n（一）加强组织领导。一是召开会议；二是制订方案。\n")
    node = o.roots[0].children[0]
    assert [i.value for i in o.items_of(node)] == [1, 2]


def test_yishi_items_that_are_not_problems_stay_measures():
    o = parse("标题关于巡察整改的通报\n\n根据统一部署开展巡察。\n二、巡察反馈问题整改落实情况\n一是修订制度。\n二是开展培训。\n")
    assert o.problems() == [] and o.enum_problems == {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["一、", "（一）", "(1)", "1.", "1、", "一是", "二是", "问题1：", "关于", "的问题", "。", "，", "：", "\n", "\n\n", "欢迎监督", "公开期限：", "2025年9月12日至26日", "电话：0760-", "  ", "**", "# ", "整改情况：", "完成情况："]), max_size=60))
def test_parser_and_structural_rules_never_fail(parts):
    doc = Document.from_string("".join(parts) or " ", "fuzz.txt")
    o = parse_outline(doc)
    format_outline(o)
    outline_to_dict(o)
    for p in o.problems() + o.problems("longterm"):
        measures_of(o, p)
    make_linter(select=["NUM", "SEC", "MEA", "LED", "DSC", "CON"]).lint(doc)
