"""Suppression comments in Markdown notices: ranges, next line, same line, unused (NLT001), invalid (NLT002)."""
from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, lint_file, triples
from linter.cli import main
from linter.document import Document
from linter.engine import Linter, Settings
from linter.ruleset import load_rules, select_rules

TEST_RULES = """
rules:
  - code: TST001
    name: test-bad-word
    kind: pattern
    severity: warning
    fix: safe
    options: {regex: "坏词", replacement: "好词"}
    summary: {zh: 测试, en: test}
    message: {zh: 测试, en: test}
  - code: TST002
    name: test-typo
    kind: pattern
    severity: warning
    options: {regex: "错字"}
    summary: {zh: 测试, en: test}
    message: {zh: 测试, en: test}
  - code: TST003
    name: test-never-enabled
    kind: pattern
    severity: warning
    options: {regex: "从不出现"}
    summary: {zh: 测试, en: test}
    message: {zh: 测试, en: test}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    p = tmp_path_factory.mktemp("rules") / "test.yaml"
    p.write_text(TEST_RULES, encoding="utf-8")
    return load_rules([str(p)])


def lint(rules, text: str, kind: str = "markdown", select=("TST001", "TST002", "NLT")):
    linter = Linter(select_rules(rules, list(select)), Settings())
    doc = Document.from_string(textwrap.dedent(text).lstrip("\n"), "t.md" if kind == "markdown" else "t.txt", kind=kind)
    return triples(linter.lint(doc))


def test_without_comments_everything_is_reported(rules):
    assert lint(rules, "坏词\n错字\n") == [(1, 1, "TST001"), (2, 1, "TST002")]


def test_disable_next_line_covers_only_the_next_line_and_only_its_codes(rules):
    text = """
    <!-- noticelint-disable-next-line TST001 -->
    坏词错字
    坏词
    """
    assert lint(rules, text) == [(2, 3, "TST002"), (3, 1, "TST001")]


def test_disable_enable_range(rules):
    text = """
    坏词
    <!-- noticelint-disable TST001 -->
    坏词
    坏词错字
    <!-- noticelint-enable TST001 -->
    坏词
    """
    assert lint(rules, text) == [(1, 1, "TST001"), (4, 3, "TST002"), (6, 1, "TST001")]


def test_disable_everything_then_enable_one_code(rules):
    text = """
    <!-- noticelint-disable -->
    坏词错字
    <!-- noticelint-enable TST002 -->
    坏词错字
    <!-- noticelint-enable -->
    坏词
    """
    assert lint(rules, text) == [(4, 3, "TST002"), (6, 1, "TST001")]


def test_disable_line_at_the_end_of_a_line(rules):
    text = """
    坏词错字<!-- noticelint-disable-line TST001 TST002 -->
    坏词
    """
    assert lint(rules, text) == [(2, 1, "TST001")]


def test_code_lists_rule_names_and_reasons(rules):
    text = """
    <!-- noticelint-disable-next-line TST001,TST002 -- 原文如此 -->
    坏词错字
    <!-- noticelint-disable-next-line tst001，test-typo -->
    坏词错字
    <!-- noticelint-disable-next-line -- 整行都不查 -->
    坏词错字
    """
    assert lint(rules, text) == []


def test_unused_suppressions_are_reported_with_their_span(rules):
    text = """
    <!-- noticelint-disable-next-line TST001,TST002 -->
    错字
    <!-- noticelint-disable -->
    正文
    <!-- noticelint-enable -->
    """
    linter = Linter(select_rules(rules, ["TST001", "TST002", "NLT"]), Settings(lang="en"))
    doc = Document.from_string(textwrap.dedent(text).lstrip("\n"), "t.md", kind="markdown")
    got = [(f.line, f.column, f.end_column, f.code, f.message) for f in linter.lint(doc)]
    first = "<!-- noticelint-disable-next-line "
    assert got == [
        (1, len(first) + 1, len(first) + 7, "NLT001", "the suppression 'noticelint-disable-next-line TST001' suppresses nothing; remove it"),
        # the code-less one spans the whole comment
        (3, 1, len("<!-- noticelint-disable -->") + 1, "NLT001", "the suppression 'noticelint-disable' suppresses nothing; remove it"),
    ]


def test_codes_of_rules_not_enabled_are_neither_applied_nor_reported(rules):
    text = """
    <!-- noticelint-disable-next-line TST003 -->
    坏词
    """
    assert lint(rules, text) == [(2, 1, "TST001")]


def test_invalid_directives_and_tokens(rules):
    text = """
    <!-- noticelint-disabel TST001 -->
    <!-- noticelint-disable TST-1 -->
    坏词
    """
    # the first is not a directive; the second has no valid token left, so it must not disable everything
    assert lint(rules, text) == [(1, 6, "NLT002"), (2, 25, "NLT002"), (3, 1, "TST001")]


def test_meta_findings_are_not_suppressed_by_a_disable_of_everything(rules):
    text = """
    <!-- noticelint-disable -->
    <!-- noticelint-disable-next-line TST002 -->
    坏词
    """
    # TST001 is suppressed by the first comment; the second suppresses nothing, and its report is not hidden
    assert lint(rules, text) == [(2, 35, "NLT001")]


def test_plain_text_notices_ignore_the_comments(rules):
    text = """
    <!-- noticelint-disable -->
    坏词
    """
    assert lint(rules, text, kind="text") == [(2, 1, "TST001")]


def test_suppression_applies_without_the_nlt_rules_selected(rules):
    text = """
    <!-- noticelint-disable-next-line TST001 -->
    坏词
    <!-- noticelint-disable-next-line TST002 -->
    正文
    """
    assert lint(rules, text, select=("TST001", "TST002")) == []


def test_fix_leaves_suppressed_findings_alone(rules, tmp_path):
    rule_file = tmp_path / "r.yaml"
    rule_file.write_text(TEST_RULES, encoding="utf-8")
    notice = tmp_path / "n.md"
    notice.write_text("<!-- noticelint-disable-next-line TST001 -->\n坏词\n坏词\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(rule_file), "--select", "TST001", "--fix", str(notice)])
    assert r.exit_code == 0, r.output
    assert notice.read_text(encoding="utf-8") == "<!-- noticelint-disable-next-line TST001 -->\n坏词\n好词\n"


def test_the_fixture_suppressions_really_hide_findings(tmp_path):
    """meta-suppression.md hides two numbering gaps; with its comments blanked they are reported."""
    fixture = FIXTURES / "defects" / "meta-suppression.md"
    assert sorted(triples(lint_file(fixture))) == [(45, 35, "NLT001"), (102, 6, "NLT002")]
    lines = fixture.read_text(encoding="utf-8").split("\n")
    blanked = ["" if l.startswith("<!--") else l for l in lines]
    copy = tmp_path / "meta-suppression-blanked.md"  # same line numbers
    copy.write_text("\n".join(blanked), encoding="utf-8")
    gaps = [t for t in triples(lint_file(copy)) if t[2] == "NUM001"]
    assert gaps == [(11, 1, "NUM001"), (191, 1, "NUM001")]


def test_comment_lines_are_not_part_of_the_outline():
    """A directive between the title and the lead must not be read as a title line or a lead paragraph."""
    from linter.outline import parse_outline

    lines = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8").split("\n")
    lines.insert(2, "<!-- noticelint-disable-next-line LED001 -->")
    lines.insert(1, "<!-- noticelint-disable -->")
    text = "\n".join(lines)
    md = parse_outline(Document.from_string(text, "n.md", kind="markdown"))
    assert [p.text for p in md.title] == [lines[0]]
    assert [p.line for p in md.lead] == [5]
    assert all("<!--" not in p.text for p in md.paragraphs)
    txt = parse_outline(Document.from_string(text, "n.txt"))  # in plain text the comment is residue, kept as text
    assert any("<!--" in p.text for p in txt.paragraphs)
