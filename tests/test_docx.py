"""Word .docx input: paragraphs as lines, automatic numbering, unreadable files, --fix.

Every .docx here is generated from text or XML in the test (see docx_builder.py).
"""
from __future__ import annotations

import io
import os
import pickle
import random
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from docx_builder import W_NSDECL, XML_INVALID, NumberedDocx, ole_file, text_to_docx
from helpers import FIXTURES, ROOT, make_linter, read_expected, triples
from linter.docx_numbering import format_number
from linter.docx_reader import docx_from_bytes, paragraph_text, read_docx
from linter.errors import InputError
from linter.notes import NUMBERING_LIMITED, Note, note_text, numbering_limited
from linter.reading import read_document

REFERENCE_CLEAN = FIXTURES / "clean" / "reference-clean.txt"
TEXT_FIXTURES = sorted(FIXTURES.glob("clean/*.txt")) + sorted(FIXTURES.glob("defects/*.txt"))

# Lines of reference-clean.txt that start with a typed ordinal, and the Word list
# level that produces the same ordinal automatically.
ORDINALS = [
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^（[一二三四五六七八九十]+）")),
    (2, re.compile(r"^[0-9]+\.")),
    (3, re.compile(r"^（[0-9]+）")),
]
# GB/T 9704 levels as Word list levels; （1） runs on through a level-1 section (lvlRestart 1),
# as in the reference notice, where （1）…（33） never restart under 1. or （一）.
GB9704_LEVELS = [
    dict(fmt="chineseCounting", text="%1、"),
    dict(fmt="chineseCounting", text="（%2）"),
    dict(fmt="decimal", text="%3."),
    dict(fmt="decimal", text="（%4）", restart=1),
]


def reference_text() -> str:
    return read_document(str(REFERENCE_CLEAN)).text


def lint_triples(doc, **kw):
    return sorted(triples(make_linter(**kw).lint(doc)))


def linter_kwargs(expected_file: Path) -> dict:
    if not expected_file.exists():
        return {}
    directives, _ = read_expected(expected_file)
    kw = {}
    if "today" in directives:
        kw["today"] = date.fromisoformat(directives["today"])
    for key in ("select", "ignore"):
        if key in directives:
            kw[key] = [s.strip() for s in directives[key].split(",")]
    return kw


def numbered_reference(path: Path, levels=GB9704_LEVELS, tweak=None) -> tuple[Path, int]:
    """The reference notice with its typed ordinals replaced by Word automatic numbering.

    ``tweak(builder, line_no, level, default_num)`` may return another numId for a line.
    Returns the path and how many paragraphs were numbered.
    """
    b = NumberedDocx()
    num = b.num(b.abstract(levels))
    numbered = 0
    for n, line in enumerate(reference_text().split("\n"), start=1):
        for level, rx in ORDINALS:
            m = rx.match(line)
            if m:
                use = tweak(b, n, level, num) if tweak else num
                b.paragraph(line[m.end() :], use, level)
                numbered += 1
                break
        else:
            b.paragraph(line)
    return b.save(path), numbered


def append_xml_paragraphs(d, *xml: str) -> None:
    body = d.element.body
    for x in xml:
        body.insert(len(body) - 1, parse_xml(x))  # before the final w:sectPr


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=env,
    )


# ---- plain paragraphs: same findings as the text ------------------------------------------


def test_reference_as_docx_reads_back_exactly_and_stays_clean(tmp_path):
    text = reference_text()
    doc = read_docx(str(text_to_docx(text, tmp_path / "reference.docx")))
    assert doc.kind == "docx" and doc.unit == "paragraph"
    assert doc.text == text
    assert doc.notes == []
    assert lint_triples(doc) == []


@pytest.mark.parametrize("path", TEXT_FIXTURES or [None], ids=lambda p: p.name if p else "none")
def test_text_fixture_as_docx_gives_the_same_findings(path, tmp_path):
    if path is None:
        pytest.skip("no .txt fixture found under fixtures/clean or fixtures/defects")
    text_doc = read_document(str(path))
    if XML_INVALID.search(text_doc.text):
        pytest.skip(f"{path.name} holds control characters that a .docx (XML) cannot store")
    kw = linter_kwargs(path.with_suffix(".expected"))
    docx_doc = read_docx(str(text_to_docx(text_doc.text, tmp_path / (path.stem + ".docx"))))
    assert docx_doc.text == text_doc.text
    want = [(f.line, f.column, f.end_line, f.end_column, f.code) for f in make_linter(**kw).lint(text_doc)]
    got = [(f.line, f.column, f.end_line, f.end_column, f.code) for f in make_linter(**kw).lint(docx_doc)]
    extra, missing, _why = DOCX_DIFFERENCES.get(path.name, ([], [], ""))
    assert sorted(got) == sorted([w for w in want if w not in missing] + extra)


# Where a text and its .docx rightly differ: a plain-text line may continue a
# hard-wrapped paragraph, a Word paragraph never does (see punctuation_pairs.py).
# name -> (findings only in the .docx, findings only in the text, why)
DOCX_DIFFERENCES = {
    "punct-line-edges.txt": (
        [(196, 4, 196, 5, "PUN005")],
        [],
        "text lines 195-196 are one hard-wrapped paragraph whose quotation closes on 196; "
        "as two Word paragraphs the closing quote of ¶196 has no opening quote",
    ),
}


# ---- which paragraphs count ----------------------------------------------------------------


def table_document(path: Path) -> Path:
    """Paragraphs, an empty paragraph, a table with a nested table, a paragraph after it."""
    d = docx.Document()
    d.add_paragraph("标题")
    d.add_paragraph("")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).paragraphs[0].add_run("甲一")
    t.cell(0, 0).add_paragraph("甲二")
    t.cell(0, 1).paragraphs[0].add_run("乙")
    t.cell(1, 0).paragraphs[0].add_run("丙")
    inner = t.cell(1, 0).add_table(rows=1, cols=1)  # python-docx adds an empty paragraph after it
    inner.cell(0, 0).paragraphs[0].add_run("内")
    t.cell(1, 1).paragraphs[0].add_run("会议于2025年2月30日召开。")
    d.add_paragraph("会后于2025年4月31日通报。")
    d.save(str(path))
    return path


def test_paragraphs_are_counted_in_body_order_with_table_cells_row_by_row(tmp_path):
    doc = read_docx(str(table_document(tmp_path / "t.docx")))
    assert doc.lines == ["标题", "", "甲一", "甲二", "乙", "丙", "内", "", "会议于2025年2月30日召开。", "会后于2025年4月31日通报。"]


def test_a_finding_in_a_table_cell_is_located_by_paragraph_number(tmp_path):
    doc = read_docx(str(table_document(tmp_path / "t.docx")))
    found = [(f.line, f.column, f.code) for f in make_linter(select=["DAT001"]).lint(doc)]
    # "2025年2月30日" starts after "会议于" (3 characters) in paragraph 9; "2025年4月31日" in 10.
    assert found == [(9, 4, "DAT001"), (10, 4, "DAT001")]


def test_text_output_names_the_paragraph(tmp_path):
    path = table_document(tmp_path / "t.docx")
    r = run_cli("check", str(path), "--select", "DAT001", "--format", "text", "--no-source")
    assert r.returncode in (0, 1), r.stderr
    assert f"{path}:¶9:4: DAT001" in r.stdout
    assert f"{path}:¶10:4: DAT001" in r.stdout


# ---- inside a paragraph ------------------------------------------------------------------

INLINE_CASES = {
    # a soft line break between Chinese characters disappears (Chinese has no word spaces)
    "break-cjk": ("<w:r><w:t>关于巡察</w:t><w:br/><w:t>整改进展</w:t></w:r>", "关于巡察整改进展"),
    # between Western characters it becomes one space; a page break likewise
    "break-latin": ('<w:r><w:t>E-mail</w:t><w:br/><w:t>box</w:t><w:br w:type="page"/><w:t>x</w:t></w:r>', "E-mail box x"),
    "break-next-to-space": ("<w:r><w:t xml:space=\"preserve\">a </w:t><w:br/><w:t>b</w:t></w:r>", "a b"),
    "break-at-edges": ("<w:r><w:br/><w:t>中</w:t><w:cr/></w:r>", "中"),
    "tab": ("<w:r><w:t>一、</w:t><w:tab/><w:t>总体</w:t></w:r>", "一、\t总体"),
    "tracked-changes": (
        "<w:r><w:t>已</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>基本</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>全部</w:t></w:r></w:ins><w:r><w:t>完成</w:t></w:r>",
        "已全部完成",
    ),
    "field-instruction": (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "3",
    ),
    "hidden-run": ("<w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>", "可见"),
    "hyperlink": ('<w:hyperlink w:anchor="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:t>后</w:t></w:r>', "链接后"),
    "footnote-reference": ('<w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r>', "正文。"),
    "symbol": ('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>对</w:t><w:sym w:font="SimSun" w:char="2014"/></w:r>', "对—"),
    "no-break-hyphen": ("<w:r><w:t>0760</w:t><w:noBreakHyphen/><w:t>88888888</w:t></w:r>", "0760-88888888"),
}


@pytest.mark.parametrize("case", sorted(INLINE_CASES))
def test_paragraph_text(case):
    xml, expected = INLINE_CASES[case]
    p = parse_xml(f"<w:p {W_NSDECL}>{xml}</w:p>")
    assert paragraph_text(p) == expected


def test_text_boxes_are_not_read_and_the_note_says_so(tmp_path):
    d = docx.Document()
    d.add_paragraph("正文第一段")
    append_xml_paragraphs(
        d,
        f'<w:p {W_NSDECL} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>框内</w:t></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>",
    )
    path = tmp_path / "box.docx"
    d.save(str(path))
    doc = read_docx(str(path))
    assert doc.lines == ["正文第一段", "前后"]  # the text box's paragraph is not a paragraph of the body
    assert any("not read: text boxes" in n for n in doc.notes)


def test_a_docx_piped_to_stdin_is_read_as_word(tmp_path):
    data = table_document(tmp_path / "t.docx").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    r = subprocess.run(
        [sys.executable, "-m", "linter.cli", "check", "-", "--select", "DAT001", "--format", "text", "--no-source"],
        input=data, capture_output=True, cwd=ROOT, env=env,
    )
    assert r.returncode in (0, 1), r.stderr.decode("utf-8", "replace")
    assert "<stdin>:¶9:4: DAT001" in r.stdout.decode("utf-8")


# ---- automatic numbering -------------------------------------------------------------------


def test_number_formats():
    cases = [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"), (99, "chineseCountingThousand", "九十九"),
        (10, "ideographDigital", "一〇"), (3, "ideographTraditional", "丙"), (4, "decimalEnclosedCircle", "④"),
        (2, "decimalEnclosedParen", "⑵"), (7, "decimal", "7"), (3, "decimalZero", "03"), (12, "decimalFullWidth", "１２"),
        (27, "upperLetter", "AA"), (2, "lowerLetter", "b"), (14, "upperRoman", "XIV"), (4, "lowerRoman", "iv"),
        (5, "none", ""),
    ]
    assert [format_number(v, f) for v, f, _ in cases] == [want for _, _, want in cases]
    # values a format cannot show, and unknown formats, are refused rather than guessed
    assert format_number(100, "chineseCounting") is None
    assert format_number(11, "ideographTraditional") is None
    assert format_number(21, "decimalEnclosedCircle") is None
    assert format_number(1, "ordinalText") is None


def test_word_numbering_rebuilds_the_reference_exactly(tmp_path):
    path, numbered = numbered_reference(tmp_path / "numbered.docx")
    assert numbered == 65  # every typed ordinal: 4 一、, 15 （一）, 13 1., 33 （1）
    doc = read_docx(str(path))
    assert doc.text == reference_text()
    assert doc.lines[3].startswith("一、党委履行")  # ¶4: the number counts in the columns
    assert doc.lines[173].startswith("（33）规范干部选拔任用程序")  # runs on 1..33 (lvlRestart 1)
    assert not numbering_limited(doc)
    assert doc.notes == ["docx: Word automatic numbering rebuilt for 65 paragraph(s); columns count the number"]
    assert lint_triples(doc) == []


def test_a_restarted_list_is_found_by_the_numbering_rules(tmp_path):
    """¶7 restarts （一） through a second w:num of the same list with startOverride.

    Word's counter belongs to the abstract list, so ¶8 (back on the first w:num)
    continues from the restarted value: 一、 / （一）（一）（二）（三）（四).
    """

    def restart_at_7(b, n, level, num):
        return b.num(b.abstract_of[num], start_overrides={1: 1}) if n == 7 else num

    path, _ = numbered_reference(tmp_path / "restart.docx", tweak=restart_at_7)
    doc = read_docx(str(path))
    assert [line[:3] for line in doc.lines[5:10]] == ["（一）", "（一）", "（二）", "（三）", "（四）"]
    assert lint_triples(doc) == [(7, 1, "NUM002")]


def test_a_wrong_mark_in_the_list_format_is_reported_at_the_number(tmp_path):
    levels = [dict(fmt="chineseCounting", text="%1.")] + GB9704_LEVELS[1:]
    doc = read_docx(str(numbered_reference(tmp_path / "mark.docx", levels=levels)[0]))
    assert doc.lines[10] == "二.巡察反馈重点问题整改落实情况"
    # the "." written by the list format is column 2 of each level-1 heading
    assert lint_triples(doc) == [(4, 2, "NUM004"), (11, 2, "NUM004"), (178, 2, "NUM004"), (192, 2, "NUM004")]


def test_an_unsupported_format_gives_the_limited_note_and_no_numbering_finding(tmp_path):
    levels = GB9704_LEVELS[:3] + [dict(fmt="ordinalText", text="（%4）", restart=1)]

    def restart_at_7(b, n, level, num):
        return b.num(b.abstract_of[num], start_overrides={1: 1}) if n == 7 else num

    doc = read_docx(str(numbered_reference(tmp_path / "limited.docx", levels=levels, tweak=restart_at_7)[0]))
    assert numbering_limited(doc)
    limited = [n for n in doc.notes if n.startswith(NUMBERING_LIMITED)]
    assert len(limited) == 1
    assert "¶14: format 'ordinalText' is not supported" in limited[0]
    assert note_text(limited[0], "zh").startswith("编号检查受限")
    assert doc.lines[13].startswith("强化监管体系建设")  # no number is guessed for ¶14
    assert not any(code.startswith("NUM") for _, _, code in lint_triples(doc))
    # the same text without the note does have the numbering defect of ¶7: the suppression is real
    doc.notes = []
    assert (7, 1, "NUM002") in lint_triples(doc)


def test_the_limited_note_is_printed_in_the_text_report(tmp_path):
    levels = GB9704_LEVELS[:3] + [dict(fmt="ordinalText", text="（%4）", restart=1)]
    path, _ = numbered_reference(tmp_path / "limited.docx", levels=levels)
    zh = run_cli("check", str(path), "--format", "text")
    assert "NUM0" not in zh.stdout
    assert f"{path}: 注意: 编号检查受限" in zh.stdout
    en = run_cli("check", str(path), "--format", "text", "--lang", "en")
    assert f"{path}: note: {NUMBERING_LIMITED}" in en.stdout


def test_style_numbering_restart_start_and_legal_numbers(tmp_path):
    b = NumberedDocx()
    outline = b.abstract(
        [
            dict(fmt="chineseCounting", text="第%1章"),
            dict(fmt="decimal", text="%1.%2", is_lgl=True),
            dict(fmt="decimalEnclosedCircle", text="%3", restart=0),
        ]
    )
    n = b.num(outline)
    restarted = b.num(outline, start_overrides={0: 5})
    b.paragraph("总则", n, 0)
    b.paragraph("目的", n, 1)
    b.paragraph("甲", n, 2)
    b.paragraph("依据", n, 1)
    b.paragraph("分则", n, 0)
    b.paragraph("乙", n, 2)  # lvlRestart 0: level 3 never restarts, so ② after ①
    b.paragraph("范围", n, 1)  # level 2 restarts (the default) after the new level-1 item
    b.paragraph("附则", restarted, 0)  # startOverride 5 on the first use of this w:num
    b.paragraph("列表一", None, style="List Number")  # the default template's numbered style
    b.paragraph("列表二", None, style="List Number")
    b.paragraph("不编号", 0, None, style="List Number")  # numId 0 switches the style's numbering off
    b.paragraph("要点", None, style="List Bullet")  # a bullet: no number, no note
    doc = read_docx(str(b.save(tmp_path / "styles.docx")))
    assert doc.lines == [
        "第一章总则", "1.1目的", "①甲", "1.2依据", "第二章分则", "②乙", "2.1范围", "第五章附则",
        "1.列表一", "2.列表二", "不编号", "要点",
    ]
    assert not numbering_limited(doc)


def test_an_undefined_list_is_not_guessed(tmp_path):
    b = NumberedDocx()
    b.paragraph("关于某某的通报")
    b.paragraph("总体情况", 999, 0)
    doc = read_docx(str(b.save(tmp_path / "undefined.docx")))
    assert doc.lines == ["关于某某的通报", "总体情况"]
    assert numbering_limited(doc)
    assert "numId 999 is not defined" in doc.notes[0]


def test_notes_survive_pickling_for_parallel_runs():
    note = Note("numbering checks limited: x", "编号检查受限：x")
    back = pickle.loads(pickle.dumps(note))
    assert back == note and back.zh == "编号检查受限：x" and note_text(back, "en") == "numbering checks limited: x"


# ---- files that are not readable .docx ------------------------------------------------------


def zip_bytes(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


CONTENT_TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'

BAD_FILES = {
    "not-a-zip.docx": (b"just some text, not a package", "not a Word .docx file (not a zip package)"),
    "rtf.docx": (b"{\\rtf1\\ansi hello}", "not a Word .docx file (an RTF file)"),
    "empty.docx": (b"", "not a Word .docx file (an empty file)"),
    "other-zip.docx": (zip_bytes({"readme.txt": "x"}), "without [Content_Types].xml"),
    "no-document.docx": (zip_bytes({"[Content_Types].xml": CONTENT_TYPES}), "no main document (word/document.xml)"),
    "encrypted.docx": (
        ole_file({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(4092), "EncryptedPackage": bytes(8192)}),
        "password-protected (encrypted) Word document",
    ),
    "binary-word.docx": (ole_file({"WordDocument": bytes(4096)}), "old binary Word .doc format"),
    "binary-word.doc": (ole_file({"WordDocument": bytes(4096)}), "old binary Word .doc is not supported"),
}


def truncated_docx(tmp_path: Path) -> bytes:
    data = text_to_docx(reference_text(), tmp_path / "whole.docx").read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize("name", sorted(BAD_FILES) + ["truncated.docx"])
def test_an_unreadable_file_is_one_line_and_exit_2(name, tmp_path):
    if name == "truncated.docx":
        data, phrase = truncated_docx(tmp_path), "damaged .docx"
    else:
        data, phrase = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    r = run_cli("check", str(path), "--format", "text")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"noticelint: {path}: ")
    assert phrase in lines[0]


def test_corrupted_bytes_give_an_input_error_or_a_document_never_a_crash(tmp_path):
    data = text_to_docx(reference_text(), tmp_path / "whole.docx").read_bytes()
    rng = random.Random(20251001)
    errors = 0
    for _ in range(300):
        damaged = bytearray(data)
        at = rng.randrange(len(damaged))
        for k in range(rng.choice([1, 4, 16])):
            if at + k < len(damaged):
                damaged[at + k] = rng.randrange(256)
        try:
            doc = docx_from_bytes(bytes(damaged), "damaged.docx")
        except InputError as e:
            errors += 1
            assert "\n" not in str(e)
        else:
            assert doc.kind == "docx"
    assert errors > 200  # most damage is detected (CRC, deflate, zip directory)


def test_garbage_in_numbering_xml_is_not_guessed_and_does_not_crash(tmp_path):
    b = NumberedDocx()
    b.numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {W_NSDECL} w:abstractNumId="7777">'
            '<w:lvl w:ilvl="0"><w:start w:val="x"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="abc"><w:numFmt w:val="decimal"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%9)"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    b.numbering.append(parse_xml(f'<w:num {W_NSDECL} w:numId="7777"><w:abstractNumId w:val="7777"/></w:num>'))
    b.numbering.append(parse_xml(f'<w:num {W_NSDECL} w:numId="7778"><w:abstractNumId w:val="404"/></w:num>'))
    b.paragraph("起始值无效时按 1 计", 7777, 0)
    b.paragraph("引用未定义的级别", 7777, 1)
    b.paragraph("没有编号文本", 7777, 2)
    b.paragraph("级别超出范围", 7777, 12)
    b.paragraph("抽象编号不存在", 7778, 0)
    doc = read_docx(str(b.save(tmp_path / "garbage.docx")))
    assert doc.lines == ["1、起始值无效时按 1 计", "引用未定义的级别", "没有编号文本", "级别超出范围", "抽象编号不存在"]
    limited = next(n for n in doc.notes if n.startswith(NUMBERING_LIMITED))
    assert "of 4 paragraph(s)" in limited and "¶2: lvlText '%9)' refers to an undefined level" in limited


def test_an_empty_word_document_is_an_input_error(tmp_path):
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(InputError, match="empty document"):
        read_docx(str(path))


def test_a_template_is_named_as_not_a_word_document(tmp_path):
    data = text_to_docx("关于某某的通报", tmp_path / "a.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for name, content in members.items():
            zout.writestr(name, content)
    with pytest.raises(InputError, match="not a Word document"):
        docx_from_bytes(buf.getvalue(), "x.docx")


# ---- --fix never writes a .docx ----------------------------------------------------------------


def test_fix_leaves_a_docx_unchanged(tmp_path):
    text = reference_text().replace("一、党委履行", "一.党委履行", 1)  # a safely fixable NUM004 on ¶4
    path = text_to_docx(text, tmp_path / "fixable.docx")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    r = run_cli("check", str(path), "--fix", "--format", "text", "--no-source")
    assert r.returncode == 1
    assert f"{path}:¶4:2: NUM004" in r.stdout
    assert "do not change .docx files" in r.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixable.docx"]  # no temporary file left


def test_outline_command_reads_a_docx(tmp_path):
    path, _ = numbered_reference(tmp_path / "numbered.docx")
    r = run_cli("outline", str(path))
    assert r.returncode == 0, r.stderr
    assert "二、巡察反馈重点问题整改落实情况" in r.stdout
