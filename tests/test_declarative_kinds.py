"""The declarative kinds a user can write without Python: pattern (with scopes and fixes) and require."""
from __future__ import annotations

from click.testing import CliRunner

from helpers import FIXTURES
from linter.cli import main
from linter.ruleset import load_rules

NOTICE = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")

USER_RULES = """\
rules:
  - code: ORG101
    name: no-lead-jargon
    kind: pattern
    severity: warning
    summary: x
    message: {zh: "导语中不用“{matched}”", en: "avoid '{matched}' in the lead"}
    options: {regex: '统一部署', scope: lead}
  - code: ORG102
    name: no-heading-digits
    kind: pattern
    severity: info
    fix: safe
    summary: x
    message: "{g1}"
    options: {regex: '整改(工作)?体系', scope: headings, replacement: '整改体系', group: 0}
  - code: ORG103
    name: need-signature
    kind: require
    severity: error
    summary: x
    message: {zh: "缺少{what}", en: "missing {what}"}
    options: {regex: '中共中山市公安局委员会\\s*$', scope: closing, what: 署名}
  - code: ORG104
    name: need-publication
    kind: require
    severity: error
    summary: x
    message: "missing {what}"
    options: {regex: '予以公布', scope: lead, what: publication}
"""


def user_linted(tmp_path, text=NOTICE):
    p = tmp_path / "org.yaml"
    p.write_text(USER_RULES, encoding="utf-8")
    from linter.engine import Linter
    from linter.document import Document

    rules = [r for r in load_rules([str(p)]) if r.code.startswith("ORG")]
    return Linter(rules).lint(Document.from_string(text, "n.txt"))


def test_pattern_is_limited_to_its_scope(tmp_path):
    found = user_linted(tmp_path)
    # 统一部署 occurs in the lead (line 3) only once; the body's occurrences are not in scope
    lead = [f for f in found if f.code == "ORG101"]
    assert [(f.line, f.column) for f in lead] == [(3, 5)]
    assert lead[0].message == "导语中不用“统一部署”"


def test_pattern_in_headings_with_replacement(tmp_path):
    found = [f for f in user_linted(tmp_path) if f.code == "ORG102"]
    # line 6 is the run-in heading "（一）构建“五个责任联动”狠抓巡察整改工作体系。": only its title is a heading
    assert [(f.line, f.column, f.matched, f.replacement) for f in found] == [(6, 18, "整改工作体系", "整改体系")]
    assert found[0].fix_safe


def test_require_reports_missing_once_at_the_scope(tmp_path):
    found = user_linted(tmp_path)
    req = [f for f in found if f.code == "ORG103"]
    assert len(req) == 1 and req[0].line == 198 and req[0].column == 1
    assert not [f for f in found if f.code == "ORG104"]  # present in the lead
    text = NOTICE.replace("予以公布", "予以发布")
    found = user_linted(tmp_path, text)
    assert [(f.line, f.column) for f in found if f.code == "ORG104"] == [(3, 1)]


def test_user_rules_through_the_cli(tmp_path):
    p = tmp_path / "org.yaml"
    p.write_text(USER_RULES, encoding="utf-8")
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--rules", str(p), "--select", "ORG", str(notice)])
    assert r.exit_code == 1  # ORG103 is an error
    assert "n.txt:3:5: ORG101 [warning] 导语中不用“统一部署”" in r.output
