"""Every rule's documented examples behave as documented: each 'bad' example is flagged by that
rule alone, each 'good' one is not. One test for all rules, so the docs cannot drift from the code."""
from __future__ import annotations

import pytest

from helpers import bundled_rules, lint_text

# Examples that describe a situation in a whole notice rather than a literal snippet.
CONTEXT_DEPENDENT = {
    "ARI005": "compares a stated count with the problems the outline lists",
    "CON004": "phone checks run in the closing block, after a phone label",
    "DSC004": "needs the feedback date of a real lead",
    "DSC006": "needs --today",
    "LED005": "needs a lead paragraph after a title",
    "NLT001": "suppression comments work in Markdown documents only",
    "NLT002": "suppression comments work in Markdown documents only",
    "NUM001": "一是 series are read inside numbered sections",
    "NUM007": "the convention is read from a whole section",
    "MEA001": "problems are items of the rectification section",
    "MEA002": "measures are items of the rectification section",
    "TRM002": "needs the title and lead to know which word the notice uses",
}


WHOLE_NOTICE_FAMILIES = {"CON", "LED", "SEC", "MEA", "DSC"}


def literal_examples():
    for rule in bundled_rules():
        if rule.code in CONTEXT_DEPENDENT:
            continue
        for kind in ("bad", "good"):
            for text in rule.examples.get(kind, []):
                yield pytest.param(rule.code, kind, text, id=f"{rule.code}-{kind}-{text[:12]}")


@pytest.mark.parametrize("code,kind,text", list(literal_examples()))
def test_rule_example(code, kind, text):
    if kind == "bad":
        assert [f for f in lint_text(text, select=[code]) if f.code == code], f"{code} does not flag its own example {text!r}"
    else:
        # a good example is clean for the whole family (PUN, RES, ...), not only for its own rule;
        # a snippet is not a whole notice, so for the families that check a whole notice's parts
        # only the rule itself is asked
        family = code.rstrip("0123456789")
        selector = code if family in WHOLE_NOTICE_FAMILIES else family
        found = [(f.code, f.column) for f in lint_text(text, select=[selector])]
        assert found == [], f"{code}'s good example {text!r} is flagged"


def test_context_dependent_examples_are_covered_by_fixtures():
    """Rules whose examples need a whole notice are proven by the defect fixtures instead."""
    from helpers import FIXTURES, read_expected

    triggered = set()
    for p in (FIXTURES / "defects").glob("*.expected"):
        triggered.update(code for _, _, code in read_expected(p)[1])
    assert set(CONTEXT_DEPENDENT) <= triggered
