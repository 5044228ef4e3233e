"""How the numbering kind hands its issues to its rules (linter/kinds/numbering.py ``check``).

The issues are grouped by check once and each rule reads only its own group; an issue's
params are handed on as they are unless they hold the folded issues of the half-width
summary. These tests compare that with the plain reading: every rule, every issue.
"""
from __future__ import annotations

from helpers import FIXTURES
from linter import ruleset
from linter.engine import Context, Settings
from linter.kinds import numbering
from linter.reading import read_document


def _rules(select: list[str]):
    return [r for r in ruleset.load_rules() if r.kind == "numbering" and any(r.code.startswith(s) for s in select)]


def _plain(issues, rules):
    """Every rule against every issue, params copied without the folded issues."""
    summary = any(r.options["check"] == "halfwidth-document" for r in rules)
    out = []
    for rule in rules:
        wanted = rule.options["check"]
        for i in issues:
            if i.check == "halfwidth-document" and wanted == "form" and not summary:
                out += [(rule.code, it.start, it.end, it.params, it.replacement) for it in i.params["items"]]
            elif i.check == wanted:
                out.append((rule.code, i.start, i.end, {k: v for k, v in i.params.items() if k != "items"}, i.replacement))
    return out


def _hits(path, select):
    rules = _rules(select)
    ctx = Context(read_document(str(path)), Settings())
    got = [(r.code, h.start, h.end, h.params, h.replacement) for r, h in numbering.check(ctx, rules)]
    return got, _plain(numbering.analyse(ctx.outline), rules)


def test_summary_finding_does_not_carry_the_folded_issues():
    got, plain = _hits(FIXTURES / "defects" / "struct-num-halfwidth-doc.txt", ["NUM"])
    assert got == plain
    summary = [params for code, _, _, params, _ in got if code == "NUM008"]
    assert len(summary) == 1 and "items" not in summary[0] and summary[0]["count"] == 48


def test_folded_issues_come_back_one_by_one_without_the_summary_rule():
    got, plain = _hits(FIXTURES / "defects" / "struct-num-halfwidth-doc.txt", ["NUM005"])
    assert got == plain and len(got) == 48


def test_every_numbering_defect_fixture_gives_what_every_rule_against_every_issue_gives():
    paths = sorted((FIXTURES / "defects").glob("struct-*.txt"))
    assert paths
    for path in paths:
        got, plain = _hits(path, ["NUM"])
        assert got == plain, path.name
