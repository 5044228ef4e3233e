"""Regression guard for speed that counts work instead of timing it (deterministic on a noisy CI).

A run prepares each rule kind once (automatons built, regexes compiled), checks
each document once per kind, and scans each document once with the single
phrase automaton that holds every phrase rule, bundled and user-supplied.
"""
from __future__ import annotations

from helpers import FIXTURES, bundled_rules
from linter.document import Document
from linter.engine import Linter
from linter.kinds import phrase
from linter.ruleset import load_rules

DICT = """\
rules:
  - code: ORG001
    name: org-words
    kind: phrase
    severity: warning
    summary: x
    message: "{right}"
    options: {pairs: {龘靐词语: 规范词语, 鱻籱词语: 规范词语}}
"""


def docs(n: int) -> list[Document]:
    text = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")
    return [Document.from_string(text + "\n" + "龘靐词语" * (i % 2), f"d{i}.txt") for i in range(n)]


def test_each_kind_prepared_once_and_checked_once_per_document(monkeypatch):
    linter = Linter(list(bundled_rules()))
    for d in docs(5):
        linter.lint(d)
    kinds = {r.kind for r in bundled_rules()}
    assert dict(linter.stats.prepared) == {k: 1 for k in kinds}
    assert dict(linter.stats.checked) == {k: 5 for k in kinds}
    assert linter.stats.documents == 5


def test_one_automaton_per_run_and_one_scan_per_document(monkeypatch, tmp_path):
    builds, scans = [], []
    real_build, real_scan = phrase.build_automaton, phrase.scan
    monkeypatch.setattr(phrase, "build_automaton", lambda entries, *a: (builds.append(len(entries)), real_build(entries, *a))[1])
    monkeypatch.setattr(phrase, "scan", lambda *a: (scans.append(1), real_scan(*a))[1])
    user = tmp_path / "org.yaml"
    user.write_text(DICT, encoding="utf-8")
    rules = load_rules([str(user)])
    n_phrase_rules = sum(1 for r in rules if r.kind == "phrase")
    assert n_phrase_rules >= 1
    linter = Linter(rules)
    found = [f for d in docs(4) for f in linter.lint(d) if f.code == "ORG001"]
    assert len(builds) == 1  # bundled and user phrase rules share one automaton
    assert builds[0] == sum(len(r.options.get("entries", [])) + len(r.options.get("pairs", {})) for r in rules if r.kind == "phrase")
    assert len(scans) == 4  # one pass per document
    assert len(found) == 2  # documents 1 and 3 carry the planted phrase
