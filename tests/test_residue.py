"""Conversion residue and draft placeholders (RES rules).

The reference notice carries 39 real Word bookmarks; their positions are
computed here from the file itself, independently of the linter.
"""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REFERENCE, bundled_rules, lint_file, lint_text, make_linter
from linter import fix as fixing
from linter.cli import main
from linter.document import Document
from linter.engine import Linter, Settings
from linter.ruleset import select_rules

BOOKMARK_OPEN = "[bookmark: "


def reference_bookmarks() -> list[tuple[int, int, int, str]]:
    """(line, column, end column, text) of every '[bookmark: …]' in the reference, 1-based."""
    out = []
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, 1):
        pos = line.find(BOOKMARK_OPEN)
        while pos != -1:
            end = line.index("]", pos) + 1
            out.append((number, pos + 1, end + 1, line[pos:end]))
            pos = line.find(BOOKMARK_OPEN, end)
    return out


def lint_doc(doc: Document, select: list[str], lang: str = "zh"):
    rules = select_rules(list(bundled_rules()), select, None)
    return Linter(rules, Settings(lang=lang)).lint(doc)


def codes(findings) -> list[tuple[int, str, str]]:
    return [(f.column, f.code, f.matched) for f in findings]


# ---- the real notice -------------------------------------------------------


def test_reference_has_the_39_bookmarks_described_in_the_brief():
    marks = reference_bookmarks()
    assert len(marks) == 39
    toc = [m for m in marks if m[3].startswith("[bookmark: _Toc")]
    assert len(toc) == 38 and all(col == 1 for _, col, _, _ in toc)
    assert [(line, col, text) for line, col, _, text in marks if "_GoBack" in text] == [(198, 1, "[bookmark: _GoBack]")]


def test_every_reference_bookmark_is_reported_with_its_exact_span():
    found = [f for f in lint_file(REFERENCE) if f.code == "RES001"]
    got = [(f.line, f.column, f.end_column, f.matched) for f in found]
    assert got == reference_bookmarks()
    assert all(f.end_line == f.line and f.fix_safe and f.replacement == "" for f in found)


def test_reference_has_no_other_residue_placeholder_or_personal_data():
    found = lint_file(REFERENCE, select=["RES", "PII"])
    assert sorted({f.code for f in found}) == ["RES001"]
    assert len(found) == 39


def test_fix_removes_exactly_the_bookmark_bytes(tmp_path):
    original = REFERENCE.read_bytes()
    expected = original
    start = expected.find(BOOKMARK_OPEN.encode())
    removed = 0
    while start != -1:
        end = expected.index(b"]", start) + 1
        expected = expected[:start] + expected[end:]
        removed += 1
        start = expected.find(BOOKMARK_OPEN.encode(), start)
    assert removed == 39
    target = tmp_path / "notice.txt"
    shutil.copyfile(REFERENCE, target)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "RES", "--fix", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == expected
    assert lint_file(target, select=["RES", "PII"]) == []


# ---- residue ----------------------------------------------------------------


def test_bookmark_forms():
    text = "一是建立长效机制。_GoBack推动整改，[]{#_Toc123 .anchor}巩固成果。"
    assert codes(lint_text(text, select=["RES001"])) == [(10, "RES001", "_GoBack"), (22, "RES001", "[]{#_Toc123 .anchor}")]


def test_bookmark_name_inside_a_field_code_is_the_field_codes_finding():
    found = lint_text("详见{ REF _Ref123456 \\h }。", select=["RES"])
    assert codes(found) == [(3, "RES003", "{ REF _Ref123456 \\h }")]


def test_html_in_text_and_markdown():
    text = "二是强化监督预警。<!-- noticelint-disable NUM001 -->搭建模型<br/>，<!-- 待核对 -->通报12期。"
    as_txt = lint_doc(Document.from_string(text, "n.txt"), ["RES002"])
    as_md = lint_doc(Document.from_string(text, "n.md", kind="markdown"), ["RES002"])
    assert codes(as_txt) == [(10, "RES002", "<!-- noticelint-disable NUM001 -->"), (48, "RES002", "<br/>"), (54, "RES002", "<!-- 待核对 -->")]
    assert codes(as_md) == [(48, "RES002", "<br/>"), (54, "RES002", "<!-- 待核对 -->")]


def test_html_entities_carry_an_unsafe_replacement():
    (f,) = lint_text("联系电话：0760-87161456&nbsp;（工作时间）", select=["RES002"])
    assert (f.column, f.matched, f.replacement, f.fix_safe) == (19, "&nbsp;", "\xa0", False)
    assert lint_text("A&B两类，&unknown;不是实体，满意度<90%，1<2>3。", select=["RES002"]) == []


def test_invisible_characters_are_named_by_code_point():
    (f,) = lint_text("巡察\u200b\u200c整改", select=["RES006"])
    assert (f.column, f.end_column) == (3, 5)
    assert f.message == "此处有看不见的零宽字符（U+200B ZERO WIDTH SPACE, U+200C ZERO WIDTH NON-JOINER），应删除"
    assert f.fix_safe and f.replacement == ""
    (g,) = lint_text("整改落实\f", select=["RES007"], lang="en")
    assert g.message == "invisible control character here (U+000C FORM FEED); delete it"
    assert not g.fix_safe


def test_a_printable_text_skips_the_invisible_character_rules_with_the_same_findings(monkeypatch):
    """RES006/RES007 are not searched in a text that str.isprintable accepts (line breaks aside): the
    findings must be those of the search, with invisible characters, line breaks and tabs around."""
    from helpers import noisy_corpus
    from linter.engine import Context
    from linter.kinds import residue

    state = residue.prepare([r for r in bundled_rules() if r.kind == "residue"])
    assert [p.rule.code for p in state if p.unprintable] == ["RES006", "RES007"]
    texts = noisy_corpus("\n巡察，", seed=3, copies=2, every=400)  # printable: the shortcut is taken
    clean = texts[-1]
    for k, c in enumerate("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u180e\u2061\u202a\u202e\u2066\u2069\x00\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\t\u3000\xa0"):
        at = (k * 997) % len(clean)
        texts.append(clean[:at] + c + clean[at:])  # one invisible character: the rules must search
    skipped = found = 0
    for text in texts:
        doc = Document.from_string(text, "t.txt")
        fast = [(r.code, h.start, h.end, h.params, h.replacement) for r, h in residue.check(Context(doc, Settings()), state)]
        with monkeypatch.context() as m:
            m.setattr(residue, "printable_text", lambda text: False)  # search whatever the text holds
            searched = [(r.code, h.start, h.end, h.params, h.replacement) for r, h in residue.check(Context(doc, Settings()), state)]
        assert fast == searched
        skipped += residue.printable_text(doc.text)
        found += sum(code in ("RES006", "RES007") for code, *_ in searched)
    assert skipped > 10 and found >= 23  # both the shortcut and each character's finding are exercised


def test_paragraphs_indented_with_ideographic_spaces_still_take_the_printable_shortcut():
    """U+3000 (which str.isprintable rejects) indents the paragraphs of many real notices: such a text
    must not cost the invisible-character rules a search each; an invisible character beside it must."""
    from linter.kinds import residue

    indented = "\u3000\u3000一、巡察反馈问题整改情况\n\u3000\u3000（一）关于党的领导弱化的问题。\n"
    assert residue.printable_text(indented)
    assert not residue.printable_text(indented.replace("一、", "一\u200b、"))
    assert not residue.printable_text(indented + "\x0c")
    assert [p.rule.code for p in residue.prepare([r for r in bundled_rules() if r.kind == "residue"]) if p.unprintable] == ["RES006", "RES007"]
    text = indented.replace("弱化的问题", "弱化的问\u200d题")  # (two U+3000, then 13 characters before it)
    assert [(f.code, f.line, f.column) for f in lint_text(text, select=["RES"])] == [("RES006", 2, 16)]


def test_feff_inside_text_is_fixed_but_a_file_bom_is_not_a_finding(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "巡察整改\ufeff工作".encode("utf-8"))
    found = lint_file(p, select=["RES"])
    assert codes(found) == [(5, "RES006", "\ufeff")]


def test_ideographic_space_inside_a_sentence_but_not_indentation():
    text = "\u3000\u3000一是健全制度\u3000规范。\n\u3000\u3000公开期限：2025年9月12日至26日。\u3000联系电话：0760-87161456。"
    found = lint_text(text, select=["RES008"])
    assert [(f.line, f.column) for f in found] == [(1, 9)]
    assert not found[0].fix_safe


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025年X月，巡察组反馈意见。", [(6, "X月")]),
        ("×月×日召开会议。", [(1, "×月×日")]),
        ("20XX年X月X日印发。", [(1, "20XX年X月X日")]),
        ("中共××县委员会", [(3, "××")]),
        ("已完成整改XX个，正在整改x项。", [(6, "XX"), (14, "x")]),
        ("市委第×巡察组、第X轮巡察", [(4, "×"), (10, "X")]),
        ("电子邮箱：xxxx@xx.com", [(6, "xxxx"), (11, "xx")]),
    ],
)
def test_letter_placeholders(text, expected):
    assert [(f.column, f.matched) for f in lint_text(text, select=["RES009"])] == expected


@pytest.mark.parametrize(
    "text",
    [
        "引进B超机1台、X光机1台，开展X射线防护。",
        "在警务通“云教室”APP上传视频教程19个课时。",
        "按3×4的格局布置，3×3篮球赛，4.3×10⁶元。",
        "详见http://www.zs.gov.cn/zfxxgk/和https://xxgk.gd.gov.cn。",
        "电子邮箱：zsgaxczg@126.com。",
        "规格XXL码，Windows XP终端。",
    ],
)
def test_letter_lookalikes_are_not_placeholders(text):
    assert lint_text(text, select=["RES"]) == []


def test_mou_filler_but_not_anonymised_names():
    text = "由某某同志牵头，对张某、李某某、欧阳某某进行谈话，某某某单位、某单位配合。"
    assert codes(lint_text(text, select=["RES010"])) == [(2, "RES010", "某某"), (26, "RES010", "某某某")]


def test_draft_markers_and_their_ordinary_uses():
    bad = "已完成23个（待补充），时限待定，TODO：核对。"
    assert [(f.column, f.matched) for f in lint_text(bad, select=["RES011"])] == [(8, "待补充"), (15, "待定"), (18, "TODO")]
    ok = "相关制度有待补充完善，期待定期评估，有待定性，留待定夺。"
    assert lint_text(ok, select=["RES"]) == []


def test_unfilled_blanks():
    text = "市委第【】巡察组于____年（此处插入照片）开展“”专项。"
    got = [(f.column, f.matched) for f in lint_text(text, select=["RES012"])]
    assert got == [(4, "【】"), (10, "____"), (15, "（此处插入照片）"), (25, "“”")]
    assert lint_text("领学《中国共产党党委（党组）理论学习中心组学习规则》。", select=["RES"]) == []


def test_english_messages():
    (f,) = lint_text("2025年X月", select=["RES009"], lang="en")
    assert f.message == "placeholder 'X月' was not replaced; fill in the real value before publication"


PIECES = ["[bookmark: _Toc1]", "[bookmark: ", "]", "_GoBack", "_Go", "Back", "\u200b", "\ufeff", "\u00ad", "\u3000", "整改", "X", "月", "<br/>", "\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_safe_residue_fixes_converge_and_only_delete(raw):
    lint = make_linter(select=["RES"]).lint
    result = fixing.run_fixes(Document.from_string(raw, "g.txt"), lint)
    fixed = result.document.text
    assert fixing.run_fixes(result.document, lint).document.text == fixed
    assert [f for f in lint(result.document) if f.code in ("RES001", "RES006")] == []
    # deletions only: what is left is a subsequence of the input, line breaks all kept
    it = iter(raw)
    assert all(ch in it for ch in fixed)
    assert fixed.count("\n") == raw.count("\n")
