"""--fix and --diff: only safe fixes, only inside their spans, byte-faithful, atomic, idempotent."""
from __future__ import annotations

import os
import re
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, REFERENCE, make_linter
from linter import fix as fixing
from linter.cli import main
from linter.document import Document, split_line_endings
from linter.fixmode import fixing_mode
from linter.reading import document_from_bytes

CLEAN = FIXTURES / "clean" / "reference-clean.txt"
PUN_LINT = make_linter(select=["PUN"]).lint


def run(*args):
    return CliRunner().invoke(main, ["check", "--isolated", "--no-source", *map(str, args)])


def leftover_temp_files(folder) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(".noticelint-")]


# ---- the real notice ------------------------------------------------------------------------


@pytest.fixture
def real_notice(tmp_path):
    if not REFERENCE.exists():
        pytest.skip(f"reference notice not found at {REFERENCE}")
    p = tmp_path / "notice.txt"
    p.write_bytes(REFERENCE.read_bytes())
    return p


def test_fix_changes_exactly_the_two_real_defects(real_notice):
    before = real_notice.read_bytes()
    lines = before.decode("utf-8").split("\n")
    assert lines[95].count("工单,以下发") == 1 and lines[118].count("2024年12月-2025年1月") == 1
    c96 = lines[95].index("工单,以下发") + 3
    c119 = lines[118].index("12月-2025") + 4
    lines[95] = lines[95].replace("工单,以下发", "工单，以下发")
    lines[118] = lines[118].replace("2024年12月-2025年1月", "2024年12月至2025年1月")
    r = run("--select", "PUN", "--fix", real_notice)
    assert r.exit_code == 0, r.output
    assert real_notice.read_bytes() == "\n".join(lines).encode("utf-8")
    out = r.output.splitlines()
    assert f"{real_notice}:96:{c96}: PUN001 已修复：“,”→“，”" in out
    assert f"{real_notice}:119:{c119}: PUN009 已修复：“-”→“至”" in out
    assert f"{real_notice}: 已修复 2 处，剩余 0 个问题" in out
    # idempotent: a second run finds nothing to fix and leaves the bytes alone
    again = run("--select", "PUN", "--fix", real_notice)
    assert again.exit_code == 0 and "已修复" not in again.output
    assert real_notice.read_bytes() == "\n".join(lines).encode("utf-8")


def test_fix_output_in_english_lists_fixed_and_remaining(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("梳理工单,以下发通知。开展调研三、四次。\n", encoding="utf-8")
    r = run("--select", "PUN", "--fix", "--lang", "en", p)
    out = r.output.splitlines()
    assert f"{p}:1:5: PUN001 fixed: ',' -> '，'" in out
    assert f"{p}: fixed 1, 1 remaining" in out
    text = "梳理工单，以下发通知。开展调研三、四次。"
    assert any(line.startswith(f"{p}:1:{text.index('三、四') + 1}: PUN010 [error]") for line in out)
    # what was fixed comes first, then what remains
    assert out.index(f"{p}: fixed 1, 1 remaining") < next(i for i, line in enumerate(out) if ": PUN010 " in line)
    assert r.exit_code == 1  # the remaining error still fails the run


def test_diff_prints_the_fixes_and_writes_nothing(real_notice):
    before = real_notice.read_bytes()
    r = run("--select", "PUN", "--diff", real_notice)
    assert real_notice.read_bytes() == before
    assert r.exit_code == 1, r.output  # fixes are pending
    plus = [line for line in r.output.splitlines() if line.startswith("+") and not line.startswith("+++")]
    minus = [line for line in r.output.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert len(plus) == len(minus) == 2
    assert "工单，以下发" in plus[0] and "12月至2025年" in plus[1]


def test_diff_exits_zero_when_nothing_is_left_to_fix(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("梳理工单，以下发。\n", encoding="utf-8")
    r = run("--select", "PUN", "--diff", p)
    assert (r.exit_code, r.output) == (0, "")


def test_only_safe_fixes_are_applied(tmp_path):
    p = tmp_path / "n.txt"
    # PUN001 safe; PUN010 offers a fix but is unsafe; stacked "，。" has no fix at all
    p.write_text("梳理工单,以下发。开展调研三、四次。推动整改，。\n", encoding="utf-8")
    r = run("--select", "PUN", "--fix", p)
    assert p.read_text(encoding="utf-8") == "梳理工单，以下发。开展调研三、四次。推动整改，。\n"
    assert "剩余 2 个问题" in r.output


def test_fix_positions_are_those_of_the_file_as_read():
    # pass 1 shortens 。。 and converts the bracket pair; the comma inside is fixed in pass 2
    text = "整改。。(中文,内容)完成。"
    doc = Document.from_string(text, "t.txt")
    result = fixing.run_fixes(doc, PUN_LINT)
    assert result.document.text == "整改。（中文，内容）完成。"
    assert len(result.passes) == 2
    assert [(f.code, f.column, f.matched) for f in result.applied] == [
        ("PUN007", 3, "。。"),
        ("PUN002", 5, "(中文,内容)"),
        ("PUN001", text.index(",") + 1, ","),
    ]


def test_nfkc_paste_is_restored_to_the_clean_reference(tmp_path):
    p = tmp_path / "pasted.txt"
    p.write_text(unicodedata.normalize("NFKC", CLEAN.read_text(encoding="utf-8")), encoding="utf-8")
    r = run("--select", "PUN,NUM005", "--fix", p)
    assert r.exit_code == 0, r.output
    assert p.read_bytes() == CLEAN.read_bytes()


def test_nfkc_paste_reports_one_summary_before_fixing(tmp_path):
    p = tmp_path / "pasted.txt"
    p.write_text(unicodedata.normalize("NFKC", CLEAN.read_text(encoding="utf-8")), encoding="utf-8")
    r = run("--select", "PUN", p)
    findings = [line for line in r.output.splitlines() if re.match(rf"{re.escape(str(p))}:\d+:\d+: PUN", line)]
    assert len(findings) == 1 and ": PUN003 " in findings[0]


# ---- bytes on disk --------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf", "utf-8"),
    "gb18030": (b"", "gb18030"),
    "utf-16-le": (b"\xff\xfe", "utf-16-le"),
    "utf-16-be": (b"\xfe\xff", "utf-16-be"),
}
ENDINGS = {"lf": ["\n"], "crlf": ["\r\n"], "cr": ["\r"], "mixed": ["\r\n", "\n", "\r"]}
LINES = ["中共某县委关于巡察整改进展情况的通报", "梳理工单,以下发通知。", "一、总体情况", "工作日8:30至12:00受理。", "2024年12月-2025年1月开展检查。", ""]


def build(lines: list[str], endings: list[str], enc: str) -> bytes:
    bom, codec = ENCODINGS[enc]
    text = "".join(line + (endings[i % len(endings)] if i < len(lines) - 1 else "") for i, line in enumerate(lines))
    return bom + text.encode(codec)


@pytest.mark.parametrize("enc", list(ENCODINGS))
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_encoding_bom_and_line_endings_are_kept(tmp_path, enc, ending):
    p = tmp_path / "n.txt"
    p.write_bytes(build(LINES, ENDINGS[ending], enc))
    r = run("--select", "PUN", "--fix", p)
    assert "已修复 2 处" in r.output, r.output
    fixed = list(LINES)
    fixed[1] = "梳理工单，以下发通知。"
    fixed[4] = "2024年12月至2025年1月开展检查。"
    assert p.read_bytes() == build(fixed, ENDINGS[ending], enc)
    assert leftover_temp_files(tmp_path) == []


def test_file_mode_is_kept(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("梳理工单,以下发。", encoding="utf-8")
    os.chmod(p, 0o640)
    run("--select", "PUN", "--fix", p)
    assert p.read_text(encoding="utf-8") == "梳理工单，以下发。"
    assert os.stat(p).st_mode & 0o777 == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_fixed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("梳理工单,以下发。", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("--select", "PUN", "--fix", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "梳理工单，以下发。"


# ---- atomic writes ------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch, failing):
    p = tmp_path / "n.txt"
    original = "梳理工单,以下发。\r\n第二行。".encode("gb18030")
    p.write_bytes(original)

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixing.os, failing, boom)
    with pytest.raises(OSError):
        fixing.write_atomic(str(p), "anything".encode("utf-8"))
    assert p.read_bytes() == original
    assert leftover_temp_files(tmp_path) == []


def test_cli_reports_a_failed_write_and_keeps_the_file(tmp_path, monkeypatch):
    p = tmp_path / "n.txt"
    p.write_text("梳理工单,以下发。", encoding="utf-8")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixing.os, "replace", boom)
    r = run("--select", "PUN", "--fix", p)
    assert r.exit_code == 2
    assert "cannot write the fixed file" in r.output
    assert p.read_text(encoding="utf-8") == "梳理工单,以下发。"
    assert leftover_temp_files(tmp_path) == []


# ---- properties on generated documents --------------------------------------------------------

PIECES = [
    "(中文,内容)(中文,内容)(中文,内容)",  # enough for the whole-document summary
    "整改", "落实", "巡察", "工单", "中文", "APP", "GB/T 9704-2012", "a@b.cn", "http://a.cn/x,y",
    ",", ";", ":", "?", "!", ".", " ", "\u3000", "，", "。", "、", "；", "：", "（", "）", "(", ")",
    "“", "”", "‘", "’", "《", "》", "…", "...", "。。", "，，", "，。", "-", "~",
    "2024年12月", "2025年1月", "10月1日", "7日", "2023", "2025年", "3、4个", "三、四次", "8:30", "1.5",
    "一、", "（一）", "1.", "(中文,内容)", "问题1:",
]
NEWLINES = ["\n", "\r\n", "\r"]


@st.composite
def documents(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(NEWLINES)), min_size=1, max_size=40))
    return "".join(parts)


def check_passes(result: fixing.FixResult, lint) -> None:
    """Each pass replaced exactly the spans of safe findings of its own text, and nothing else."""
    for i, p in enumerate(result.passes):
        with fixing_mode():  # as run_fixes lints: summaries expanded into their fixes
            safe = {(f.start, f.end, f.replacement) for f in lint(Document.from_string(p.text)) if f.fix_safe}
        spans = [(f.start, f.end, f.replacement) for f in p.fixes]
        assert set(spans) <= safe
        out, pos = [], 0
        for s, e, repl in sorted(spans):
            assert s >= pos, "fixes overlap"
            assert "\n" not in p.text[s:e] and "\n" not in repl, "a fix crosses a line"
            out.append(p.text[pos:s])  # untouched text, copied as is
            out.append(repl)
            pos = e
        out.append(p.text[pos:])
        following = result.passes[i + 1].text if i + 1 < len(result.passes) else result.document.text
        assert "".join(out) == following


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fixes_stay_in_their_spans_and_are_idempotent(raw):
    doc = Document.from_string(raw, "g.txt")
    result = fixing.run_fixes(doc, PUN_LINT)
    check_passes(result, PUN_LINT)
    fixed = result.document
    assert fixed.text.count("\n") == doc.text.count("\n")
    assert fixed.line_endings == doc.line_endings
    again = fixing.run_fixes(fixed, PUN_LINT)
    assert again.passes == [] and again.document.text == fixed.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(documents(), st.sampled_from(list(ENCODINGS)))
def test_bytes_outside_fixed_lines_are_unchanged(raw, enc):
    assume(raw.strip())
    bom, codec = ENCODINGS[enc]
    data = bom + raw.encode(codec)
    doc = document_from_bytes(data, "g.txt")
    result = fixing.run_fixes(doc, PUN_LINT)
    out = fixing.encode(result.document, original=data)
    # the same byte-order mark (or none), and bytes that decode the same way
    assert out[: len(bom)] == bom
    if not result.passes:
        assert out == data
        return
    # decode as the file was read: pure ASCII "GB18030" is indistinguishable from UTF-8
    read_as = codec if doc.encoding == "utf-16" else doc.encoding
    body_before = data[len(bom) :].decode(read_as)
    body_after = out[len(bom) :].decode(read_as)
    lines_before, end_before = split_line_endings(body_before)
    lines_after, end_after = split_line_endings(body_after)
    assert end_after == end_before  # every line ending, byte for byte
    fixed_lines = set()
    for p in result.passes:
        at = Document.from_string(p.text)
        fixed_lines.update(at.position(f.start)[0] for f in p.fixes)
    before, after = lines_before.split("\n"), lines_after.split("\n")
    assert len(before) == len(after)
    assert {n for n, (a, b) in enumerate(zip(before, after), 1) if a != b} <= fixed_lines


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_all_bundled_safe_fixes_are_idempotent(raw):
    lint = make_linter().lint
    doc = Document.from_string(raw, "g.txt")
    result = fixing.run_fixes(doc, lint)
    check_passes(result, lint)
    again = fixing.run_fixes(result.document, lint)
    assert again.document.text == result.document.text


# ---- documentation ----------------------------------------------------------------------------


def test_autofix_doc_matches_the_rules():
    from helpers import ROOT, bundled_rules

    doc = (ROOT / "docs" / "autofix.md").read_text(encoding="utf-8")
    rules = {r.code: r for r in bundled_rules()}
    safe_part, rest = doc.split("Not fixed automatically", 1)
    unsafe_part, others = rest.split("Other bundled rules marked safe", 1)
    others = others.split("## The whole-document", 1)[0]
    code = re.compile(r"\b(?:PUN|NUM|CON|DAT|DIG|POL|RES|TRM)\d{3}\b")
    claimed_safe = set(code.findall(safe_part.split("## Which rules are safe", 1)[1])) | set(code.findall(others))
    claimed_unsafe = set(code.findall(unsafe_part))
    assert claimed_safe and claimed_unsafe
    for c in claimed_safe:
        assert c in rules and rules[c].fix == "safe", f"docs/autofix.md calls {c} safe"
    for c in claimed_unsafe:
        assert c in rules and rules[c].fix != "safe", f"docs/autofix.md calls {c} not fixed"
    pun = {c for c, r in rules.items() if c.startswith("PUN")}
    assert {c for c in pun if rules[c].fix == "safe"} <= claimed_safe
    assert pun <= claimed_safe | claimed_unsafe
