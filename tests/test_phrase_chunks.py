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
