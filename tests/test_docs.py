"""Documentation kept in sync with the code: the rule reference and the README's set-up commands."""
from __future__ import annotations

import re

from helpers import ROOT, bundled_rules
from linter.docs import rules_markdown


def test_rule_reference_is_generated_from_the_rule_files():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(list(bundled_rules())), "run: python -m linter.docs > docs/rules.md"


def test_every_rule_is_documented_with_what_why_and_examples():
    for r in bundled_rules():
        assert r.summary.get("zh") and r.summary.get("en"), r.code
        assert r.rationale.get("zh") and r.rationale.get("en"), f"{r.code} has no rationale"
        assert r.examples.get("bad"), f"{r.code} has no example of what it flags"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    setup = [b for b in blocks if "pip install" in b]
    assert len(setup) >= 2, "the README's set-up shows the install+lint and the test commands"
    test_cmd = next(line.strip() for b in setup for line in b.splitlines() if "pytest" in line)
    assert test_cmd in ci.splitlines(), f"{test_cmd!r} is not a line of .ci/run"


def test_readme_examples_are_real_output(monkeypatch):
    """Every '$ noticelint …' example in the README on a bundled fixture shows the real output."""
    import shlex

    from helpers import run_cli

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```console\n\$ noticelint (.*?)\n(.*?)```", readme, re.S)
    checked = 0
    for command, shown in examples:
        if "|" in command or "../shared" in command:
            continue  # piped or outside the repository
        result = run_cli(*shlex.split(command), "--isolated") if command.startswith("check") else run_cli(*shlex.split(command))
        assert result.output == shown, command
        checked += 1
    assert checked >= 3
