"""numeral-style: terms sharing their first character are matched only at its places (one scan for all of
them), not each scanned for; the findings equal those of a scan per term."""
from __future__ import annotations

import re
from types import SimpleNamespace

from helpers import REFERENCE
from linter.kinds import numeral_style
from linter.model import Rule, Severity
from linter.ruleset import load_rules

TEXTS = [
    "二十届3中全会。第6次全会、第6轮巡察和第6巡察组；巡察第3组。第第7次全会，第 8次全会，第12轮专项巡视。",
    "第6轮巡察第7巡察组第8次代表大会第9批巡视",  # matches back to back
    "第一轮巡察，第二巡察组：没有阿拉伯数字。",
    "没有那个字的一段文字：中央8项规定，4个意识。",
    "第３次全会，第٣轮巡察",  # other decimal digits
]


def rule(terms: list[dict]) -> Rule:
    return Rule("TST001", "test-terms", "numeral-style", Severity.ERROR, {"zh": "{matched}", "en": "{matched}"}, {"zh": "t", "en": "t"}, options={"terms": terms})


def bundled() -> list[Rule]:
    return [r for r in load_rules() if r.kind == "numeral-style"]


def found(rules: list[Rule], text: str) -> list[tuple]:
    ctx = SimpleNamespace(doc=SimpleNamespace(text=text))
    return sorted((r.code, h.start, h.end, h.replacement, tuple(sorted(h.params.items()))) for r, h in numeral_style.check(ctx, numeral_style.prepare(rules)))


def scanned_per_term(rules: list[Rule], text: str) -> list[tuple]:
    """The plain reading: every term's regex scanned for over the whole text."""
    out = []
    for r in rules:
        for t in r.options["terms"]:
            for m in re.finditer(t["regex"], text):
                hit = numeral_style._hit(m, t.get("two", "二"))
                if hit is not None:
                    out.append((r.code, hit.start, hit.end, hit.replacement, tuple(sorted(hit.params.items()))))
    return sorted(out)


def test_the_bundled_terms_starting_with_di_share_one_scan():
    state = numeral_style.prepare(bundled())
    assert state.shared_first.count("第") == 3
    assert set(state.finders) == {"第"}


def test_matching_at_the_shared_character_equals_a_scan_per_term():
    rules = bundled()
    texts = TEXTS + [REFERENCE.read_text(encoding="utf-8"), "\n".join(TEXTS) * 300]  # a long text: rx's plans
    for text in texts:
        assert found(rules, text) == scanned_per_term(rules, text), text[:40]
    assert len(found(rules, TEXTS[0])) == 7  # not an empty comparison


def test_a_term_that_matches_empty_is_scanned_for_as_usual():
    # the lazy term prefers the empty match at 第; finditer then finds the non-empty one at the same place
    rules = [rule([{"regex": r"(?:第(?P<n>\d)次)??"}, {"regex": r"第(?P<n>\d)轮"}])]
    assert numeral_style.prepare(rules).shared_first == ["第", "第"]
    for text in TEXTS:
        assert found(rules, text) == scanned_per_term(rules, text), text[:40]
    assert found(rules, "第3次")  # the non-empty match after the empty one


def test_a_place_inside_a_match_starts_no_other():
    rules = [rule([{"regex": r"第(?P<n>\d).*?组"}, {"regex": r"第(?P<n>\d)轮"}])]
    for text in TEXTS:
        assert found(rules, text) == scanned_per_term(rules, text), text[:40]
    assert len(found(rules, "第6轮巡察第7巡察组")) == 2  # 第6…组 and 第6轮, not 第7巡察组
