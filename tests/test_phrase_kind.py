"""The phrase kind's matching: leftmost-longest and non-overlapping, identical in str and byte keying."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.kinds import phrase
from linter.kinds.phrase import Entry

ALPHABET = "巡察查整改ab "


def brute(text: str, keys: list[str]) -> list[tuple[int, int, int]]:
    out, i = [], 0
    while i < len(text):
        best = max((k for k in keys if text.startswith(k, i)), key=len, default=None)
        if best is None:
            i += 1
            continue
        out.append((i, i + len(best), keys.index(best)))
        i += len(best)
    return out


@pytest.mark.parametrize("byte_keyed", [False, True])
@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=6, unique=True),
    text=st.text(ALPHABET, max_size=16),
)
def test_scan_is_leftmost_longest(byte_keyed, keys, text):
    entries = [Entry(0, k, None, None, "", (), True) for k in keys]
    automaton = phrase.build_automaton(entries, byte_keyed)
    lens = [len(phrase._key(k, byte_keyed)) for k in keys]
    assert phrase.scan(text, automaton, lens, byte_keyed) == brute(text, keys)


def test_match_at_the_very_end_of_the_text():
    # pyahocorasick's iter_long drops this one; scan must not
    entries = [Entry(0, "abcd", None, None, "", (), True), Entry(0, "bc", None, None, "", (), True)]
    for bk in (False, True):
        a = phrase.build_automaton(entries, bk)
        assert phrase.scan("xabc", a, [len(phrase._key(e.wrong, bk)) for e in entries], bk) == [(2, 4, 1)]


def test_large_dictionaries_switch_to_byte_keys():
    assert phrase.BYTE_KEYED_FROM <= 20000
