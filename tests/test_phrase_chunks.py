"""The phrase kind reads long texts in chunks (bounded memory); the matches are those of one pass."""
from __future__ import annotations

import random

import pytest

from helpers import FIXTURES
from linter.kinds import phrase
from linter.model import Rule, Severity


def rule(pairs: dict[str, str]) -> Rule:
    return Rule("ORG001", "org-words", "phrase", Severity.WARNING, {"zh": "{right}"}, {"zh": "x"}, options={"pairs": pairs})


WORDS = ["巡查", "截止目前", "龘靐词语", "鱻籱", "ab", "abc", "bcd", "c", "中全会", "二十届三中全会"]


@pytest.mark.parametrize("byte_keyed", [False, True])
@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_chunked_scan_equals_one_pass(monkeypatch, byte_keyed, chunk):
    monkeypatch.setattr(phrase, "BYTE_KEYED_FROM", 1 if byte_keyed else 10**9)
    prepared = phrase.prepare([rule({w: "x" for w in WORDS})])
    assert prepared.byte_keyed == byte_keyed
    rng = random.Random(chunk)
    base = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")[:3000]
    parts = list(base)
    for _ in range(120):
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(WORDS))
    text = "".join(parts)
    whole = phrase.scan(text, prepared.matcher)
    monkeypatch.setattr(phrase, "CHUNK", chunk)
    chunked = phrase.scan(text, prepared.matcher)
    assert chunked == whole
    assert len(whole) > 100


@pytest.mark.parametrize("byte_keyed", [False, True])
def test_matches_through_find_all_equal_the_automaton_iterator(monkeypatch, byte_keyed):
    """The kind collects matches with ``find_all`` (fewer instructions a character than ``iter``): the same
    matches in the same order, suffix matches of longer keys (c in bcd, 中全会 in 二十届三中全会) included."""
    monkeypatch.setattr(phrase, "BYTE_KEYED_FROM", 1 if byte_keyed else 10**9)
    automaton = phrase.prepare([rule({w: "x" for w in WORDS})]).matcher.automaton
    rng = random.Random(7)
    texts = ["", "c", "abcd", "二十届三中全会", "巡查截止目前巡查"] + ["".join(rng.choice(WORDS + ["x", "中", "b"]) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    found = 0
    for text in texts:
        piece = phrase._key(text, byte_keyed)
        assert phrase._all_matches(automaton, piece) == list(automaton.iter(piece)), text
        found += len(list(automaton.iter(piece)))
    assert found > 1000
