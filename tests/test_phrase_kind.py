"""The phrase kind's matching: leftmost-longest and non-overlapping, identical in str and byte keying."""
from __future__ import annotations

import random

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
    assert phrase.scan(text, phrase.build_automaton(entries, byte_keyed)) == brute(text, keys)


def test_match_at_the_very_end_of_the_text():
    # pyahocorasick's iter_long drops this one; scan must not
    entries = [Entry(0, "abcd", None, None, "", (), True), Entry(0, "bc", None, None, "", (), True)]
    for bk in (False, True):
        assert phrase.scan("xabc", phrase.build_automaton(entries, bk)) == [(2, 4, 1)]


# ---- anchored keys: a phrase is stored from an anchor character on, the part before it compared ----

FAMILY = "甲乙丙丁戊己"  # a small alphabet, so random phrases share prefixes, suffixes and anchors


def random_phrases(rng: random.Random) -> list[str]:
    """Phrases of 1-7 characters, plus ones built to share a suffix or a prefix with another."""
    base = ["".join(rng.choice(FAMILY) for _ in range(rng.randint(1, 7))) for _ in range(rng.randint(1, 12))]
    derived = []
    for w in base[:4]:
        derived.append(rng.choice(FAMILY) + w)  # same key from the anchor on, another prefix
        derived.append(w + rng.choice(FAMILY))  # shares a prefix
        derived.append(w[-1])  # one character
    return list(dict.fromkeys(base + derived))


@pytest.mark.parametrize("chunk", [None, 1, 3])
@pytest.mark.parametrize("byte_keyed", [False, True])
def test_anchored_scan_equals_plain_leftmost_longest(monkeypatch, byte_keyed, chunk):
    if chunk is not None:
        monkeypatch.setattr(phrase, "CHUNK", chunk)
    rng = random.Random(20251001 + (chunk or 0))
    anchored = 0
    for _ in range(150):
        keys = random_phrases(rng)
        entries = [Entry(0, k, None, None, "", (), True) for k in keys]
        matcher = phrase.build_automaton(entries, byte_keyed)
        text = "".join(rng.choice(FAMILY + "x") for _ in range(rng.randint(0, 60)))
        assert phrase.scan(text, matcher) == brute(text, keys), (keys, text)
        if matcher.groups is not None:
            anchored += any(prefix for group in matcher.groups for prefix, _ in group)
    if not byte_keyed:  # the shortcut was really taken (else this test could not fail on it)
        assert anchored > 50


def test_anchors_cover_every_phrase_with_few_characters():
    words = ["以习近平同志为核心的党中央", "习近平新时代中国特色社会主义思想", "中全会", "二十届三中全会", "布署", "台帐", "a"]
    starts = phrase.anchors(words)
    assert [len(w) - p >= min(len(w), phrase.MIN_KEY) for w, p in zip(words, starts)] == [True] * len(words)
    assert len({w[p] for w, p in zip(words, starts)}) < len({w[0] for w in words})
    assert starts == phrase.anchors(list(words))  # the same phrases always give the same keys


def test_prefix_before_the_anchor_is_checked_at_the_text_start():
    # the key 中全会 matches at offset 0: its prefix would start before the text (must not wrap to the end)
    entries = [Entry(0, w, None, None, "", (), True) for w in ("二十届三中全会", "中全会", "三中全会x")]
    matcher = phrase.build_automaton(entries, False)
    assert any(prefix for group in matcher.groups for prefix, _ in group)
    assert phrase.scan("中全会二十届三", matcher) == [(0, 3, 1)]
    assert phrase.scan("二十届三中全会", matcher) == [(0, 7, 0)]


def test_large_dictionaries_switch_to_byte_keys():
    assert phrase.BYTE_KEYED_FROM <= 20000


def test_anchors_come_from_the_cache_on_the_next_run(tmp_path, monkeypatch):
    """Choosing anchors is work done at every start: the second time, the stored choice is read."""
    from linter import cache

    monkeypatch.setenv("NOTICELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NOTICELINT_NO_CACHE", raising=False)
    wrongs = ["巡视整改", "整改到位", "党风廉政", "政建设", "廉政"]
    first = phrase._anchors_cached(wrongs)
    assert first == phrase.anchors(wrongs)

    def not_again(_):
        raise AssertionError("anchors chosen again")

    monkeypatch.setattr(phrase, "anchors", not_again)
    assert phrase._anchors_cached(wrongs) == first
    # an entry that does not fit the phrases (damaged, or from another list) is chosen again
    key = cache.digest(b"phrase-anchors-1", "\x00".join(wrongs).encode("utf-8"))
    cache.store_value("automata", key, [0])
    with pytest.raises(AssertionError, match="chosen again"):
        phrase._anchors_cached(wrongs)
