"""Regression guard for speed that counts work instead of timing it (deterministic on a noisy CI).

A run prepares each rule kind once (automatons built, regexes compiled), checks
each document once per kind, parses its outline once, and scans each document
once with the single phrase automaton that holds every phrase rule, bundled and
user-supplied, and once for the marks and numbers the punctuation, privacy and
arithmetic kinds start from. A second run with unchanged rule files reads every cache: no
YAML parser or schema validator, no regex compiled, the automaton loaded; and
a clean notice never imports the phone or ID libraries (docs/performance.md).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import FIXTURES, ROOT, bundled_rules
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


def test_one_shared_scan_per_document_for_punctuation_and_numbers(monkeypatch):
    """The punctuation, privacy and arithmetic kinds read one regex pass per document (document_scan)."""
    from linter.kinds import document_scan

    scanned = []
    real_scan = document_scan.scan
    monkeypatch.setattr(document_scan, "scan", lambda text: (scanned.append(text), real_scan(text))[1])
    rules = list(bundled_rules())
    assert {"punctuation", "privacy", "arithmetic"} <= {r.kind for r in rules}
    linter = Linter(rules)
    documents = docs(3)
    for d in documents:
        linter.lint(d)
    # (the pairing also scans the few characters of excluded zones, joined: not a document's text)
    assert [sum(t is d.text for t in scanned) for d in documents] == [1, 1, 1]


# ---- start-up work: a second run with unchanged rules reads caches, it does not redo ----------------

# Run the CLI in-process (as the console script does) and report what the run imported and did.
PROBE = """
import json, os, runpy, sys
# (python -S: the test's own path, without running the .pth files of site-packages, whose hooks may
# import modules of their own, so that what the run imports shows)
sys.path.extend(p for p in os.environ["PROBE_PATH"].split(os.pathsep) if p not in sys.path)
sys.argv = ["noticelint", "check", "--no-source", *sys.argv[1:]]
try:
    runpy.run_module("linter.cli", run_name="__main__")
except SystemExit:
    pass
from linter import rx
from linter.kinds import phrase
heavy = ["yaml", "jsonschema", "phonenumbers", "stdnum", "pickle", "tomllib", "decimal", "hashlib", "dataclasses", "importlib.resources", "tempfile", "pathlib",
         "array", "contextvars"]  # (the last two: C extensions, ~0.3 ms each to load)
# classes built at import by typing.NamedTuple (each compiles its annotations: ~0.13 ms)
named = sorted(
    f"{m}.{k}" for m, mod in list(sys.modules.items()) if m.startswith("linter")
    for k, v in vars(mod).items() if isinstance(v, type) and getattr(v, "__module__", "") == m and "__orig_bases__" in vars(v)
    and any(getattr(b, "__name__", "") == "NamedTuple" for b in v.__orig_bases__)
)
print(json.dumps({"imported": [m for m in heavy if m in sys.modules], "named": named, "regex": rx.stats, "automata": phrase.STATS}), file=sys.stderr)
"""


def probe(tmp_path, *args: str) -> dict:
    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT), "PROBE_PATH": os.pathsep.join(p for p in sys.path if p)}
    env.pop("NOTICELINT_NO_CACHE", None)
    r = subprocess.run([sys.executable, "-S", "-c", PROBE, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stderr.strip().splitlines()[-1])


def test_a_second_run_reads_every_cache(tmp_path):
    notice = FIXTURES / "clean" / "reference-clean.txt"
    user = tmp_path / "org.yaml"
    user.write_text(DICT, encoding="utf-8")
    first = probe(tmp_path, "--rules", str(user), str(notice))
    assert "yaml" in first["imported"] and "jsonschema" in first["imported"]  # rule files validated once
    assert first["regex"]["compiled"] > 100 and first["automata"] == {"built": 1, "loaded": 0}
    second = probe(tmp_path, "--rules", str(user), str(notice))
    # unchanged rule files: no YAML parser, no schema validator; a clean notice needs no phone or ID library;
    # paths are strings and package data is read only to validate (pathlib, importlib.resources: ~3 ms a start);
    # cached regex programs unpack without the array module, and --fix alone needs contextvars;
    # and no record class is generated at import (a dataclass or a typing.NamedTuple costs a compile each)
    assert second["imported"] == []
    assert second["named"] == []
    if sys.version_info >= (3, 11):  # (rx keeps compiled programs only with the re internals of 3.11+)
        assert second["regex"]["compiled"] == 0 and second["regex"]["loaded"] > 100  # every program from the cache
    assert second["automata"] == {"built": 0, "loaded": 1}  # the automaton of the same entries is loaded


def test_a_changed_rule_file_is_validated_again(tmp_path):
    notice = FIXTURES / "clean" / "reference-clean.txt"
    user = tmp_path / "org.yaml"
    user.write_text(DICT, encoding="utf-8")
    probe(tmp_path, "--rules", str(user), str(notice))
    user.write_text(DICT.replace("kind: phrase", "kind: no-such-kind"), encoding="utf-8")
    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "linter.cli", "check", "--rules", str(user), str(notice)], capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "no-such-kind" in r.stderr


def test_the_outline_is_parsed_once_per_document(monkeypatch):
    import linter.outline

    calls = []
    real = linter.outline.parse_outline
    monkeypatch.setattr(linter.outline, "parse_outline", lambda doc: (calls.append(doc.path), real(doc))[1])
    linter_ = Linter(list(bundled_rules()))
    for d in docs(3):
        linter_.lint(d)
    assert calls == ["d0.txt", "d1.txt", "d2.txt"]  # shared by every structural kind through the context


def test_a_linted_document_is_freed_without_the_garbage_collector():
    """Nothing of a document outlives its lint in a reference cycle: the CLI runs the collector
    rarely, and what waits for it (an outline's tree held its paragraphs and lines) was fresh
    memory, page faults, for every notice (docs/performance.md, seventh round)."""
    import gc

    from linter.outline import Node

    linter_ = Linter(list(bundled_rules()))
    linter_.lint(docs(1)[0])  # (once-per-process work first)
    gc.collect()
    gc.disable()
    try:
        before = sum(type(o) is Node for o in gc.get_objects())
        for d in docs(3):
            linter_.lint(d)
        after = sum(type(o) is Node for o in gc.get_objects())
    finally:
        gc.enable()
    assert after == before


@pytest.mark.skipif(sys.version_info < (3, 11), reason="rx plans use re internals of Python 3.11+")
def test_long_texts_are_scanned_through_anchors():
    """On a long text, a pattern with a rare literal is tried only near it, not at every position."""
    from linter import rx

    pattern = rx.compile(r"(?<![\d.．])(?P<n>\d)中全会")
    text = ("第一季度共开展检查12次，发现问题3个。" * 3000) + "二十届3中全会" + "。" * 10
    searcher = rx.Searcher(pattern, text)
    assert searcher.starts is not None and len(searcher.starts) == 1  # one place "中全会" occurs
    assert [m.group("n") for m in rx.finditer(pattern, text)] == ["3"]
