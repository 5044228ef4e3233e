"""Rule files: validation errors point at the file and YAML line; the cache never hides an invalid file."""
from __future__ import annotations

import pytest

from linter import ruleset
from linter.errors import RuleFileError
from linter.ruleset import load_rule_file, load_rules, select_rules

VALID = """\
rules:
  - code: ORG001
    name: org-words
    kind: phrase
    severity: warning
    summary: {zh: 本单位用语, en: house style}
    message: {zh: "应为“{right}”", en: "use '{right}'"}
    options:
      entries:
        - {wrong: 布署, right: 部署}
"""


def write(tmp_path, text, name="org.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICELINT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        (VALID.replace("severity: warning", "severity: fatal"), 5, "rules/0/severity"),
        (VALID.replace("code: ORG001", "code: org-1"), 2, "rules/0/code"),
        (VALID.replace("kind: phrase", "kind: telepathy"), 4, "unknown kind 'telepathy'"),
        (VALID.replace("{wrong: 布署, right: 部署}", "{right: 部署}"), 10, "'wrong' is a required property"),
        (VALID.replace("    summary:", "    sumary: x\n    summary:"), 2, "sumary"),
        (VALID + "  - [unclosed\n", 12, "invalid YAML"),
        ("just a string\n", 1, "mapping"),
    ],
)
def test_invalid_rule_file_names_file_and_line(tmp_path, text, line, fragment):
    p = write(tmp_path, text)
    with pytest.raises(RuleFileError) as e:
        load_rule_file(p)
    assert e.value.path == str(p)
    assert e.value.line == line
    assert fragment in str(e.value)


def test_invalid_regex_in_pattern_rule(tmp_path):
    text = VALID.replace("kind: phrase", "kind: pattern").replace(
        "options:\n      entries:\n        - {wrong: 布署, right: 部署}", "options:\n      regex: '(unclosed'"
    )
    with pytest.raises(RuleFileError) as e:
        load_rule_file(write(tmp_path, text))
    assert e.value.line == 9 and "invalid regular expression" in str(e.value)


def test_duplicate_code_across_files(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID.replace("name: org-words", "name: other-words"), "b.yaml")
    with pytest.raises(RuleFileError) as e:
        load_rules([str(tmp_path)])
    assert "ORG001" in str(e.value) and "already defined" in str(e.value)


def test_duplicate_of_a_bundled_code(tmp_path):
    p = write(tmp_path, VALID.replace("ORG001", "NUM001"))
    with pytest.raises(RuleFileError):
        load_rules([str(p)])


def test_cache_skips_validation_only_for_unchanged_bytes(tmp_path, monkeypatch):
    p = write(tmp_path, VALID)
    assert load_rule_file(p)[0]["code"] == "ORG001"
    calls = []
    real = ruleset.validate_rule_data
    monkeypatch.setattr(ruleset, "validate_rule_data", lambda *a: (calls.append(1), real(*a)))
    load_rule_file(p)  # unchanged: served from the cache
    assert calls == []
    p.write_text(VALID.replace("severity: warning", "severity: fatal"), encoding="utf-8")
    with pytest.raises(RuleFileError):
        load_rule_file(p)  # changed: validated again, and the error is reported
    assert calls == [1]


def test_cache_disabled(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICELINT_NO_CACHE", "1")
    p = write(tmp_path, VALID)
    assert load_rule_file(p)[0]["name"] == "org-words"
    assert not (tmp_path / "cache").exists()


def test_bundled_rules_are_valid_and_unique():
    rules = load_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    assert all(r.message.get("zh") and r.message.get("en") for r in rules)
    assert all(r.summary.get("zh") and r.summary.get("en") for r in rules)


def test_selection_semantics():
    rules = load_rules()
    assert {r.code for r in select_rules(rules, ["NUM004"])} == {"NUM004"}
    assert all(r.code.startswith("NUM") for r in select_rules(rules, ["NUM"]))
    assert {r.code for r in select_rules(rules, ["numbering-mark"])} == {"NUM004"}
    assert select_rules(rules, ["ALL"]) == rules
    assert "NUM004" not in {r.code for r in select_rules(rules, None, ["NUM004"])}
