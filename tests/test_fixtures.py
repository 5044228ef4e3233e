"""Every defect fixture yields exactly its expected findings; every clean fixture yields none."""
from __future__ import annotations

import pytest

from helpers import FIXTURES, bundled_rules, lint_file, lint_with_directives, read_expected, triples

DEFECTS = sorted(p for p in (FIXTURES / "defects").iterdir() if p.suffix in (".txt", ".md"))
CLEAN = sorted(p for p in (FIXTURES / "clean").iterdir() if p.suffix in (".txt", ".md"))


def test_there_are_enough_fixtures():
    assert len(DEFECTS) >= 20
    assert len(CLEAN) >= 5


@pytest.mark.parametrize("path", DEFECTS, ids=lambda p: p.name)
def test_defect_fixture(path):
    expected_file = path.with_suffix(".expected")
    assert expected_file.exists(), f"{path.name} has no .expected file beside it"
    directives, expected = read_expected(expected_file)
    got = sorted(triples(lint_with_directives(path, directives)))
    assert got == expected


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_fixture_has_no_findings(path):
    findings = lint_file(path)
    assert [(f.line, f.column, f.code, f.message) for f in findings] == []


def test_every_rule_is_triggered_by_some_fixture():
    triggered = set()
    for p in DEFECTS:
        _, expected = read_expected(p.with_suffix(".expected"))
        triggered.update(code for _, _, code in expected)
    missing = sorted(r.code for r in bundled_rules() if r.code not in triggered)
    assert missing == [], f"rules with no triggering fixture: {missing}"
