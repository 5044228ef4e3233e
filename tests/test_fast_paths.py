"""Each shortcut taken for speed gives what the straightforward code gives.

The straightforward versions (one regex per paragraph, one search per
sentence, a pairwise containment test...) are written out here and compared
with the shortcuts on every fixture, the reference notice and mutated copies.
"""
from __future__ import annotations

import random
import re

import pytest

from helpers import PLAIN_ENUM_INLINE, noisy_corpus, plain_sentences
from linter import outline as O
from linter.document import Document
from linter.kinds import arithmetic, punctuation_marks
from linter.numerals import _ordinal_value, ordinal_value


TEXTS = noisy_corpus("　 \t*#>_[<（）()“”、，。；：一二三四五六七八九十是问题1234567890年月日%共个其中已完成完成率", seed=5, copies=8, every=20)


def docs() -> list[Document]:
    return [Document.from_string(t, f"t{i}.txt") for i, t in enumerate(TEXTS)]


def test_line_edges_equal_the_line_by_line_reading():
    for doc in docs():
        assert punctuation_marks.line_edges(doc) == punctuation_marks._line_edges_by_line(doc)


def marker_parts_one_by_one(text: str):
    """The marker loop as it was: every pattern of MARKERS in turn, then the 问题N label."""
    for style, rank, pat in O.MARKERS:
        m = pat.match(text)
        if not m:
            continue
        token, mark = m.group(1), m.group(2)
        value = _ordinal_value(token)
        if value is None or value == 0:
            continue
        rest = text[m.end() :]
        if style == "cn-dun" and mark and mark in "，,：:" and not rest.strip():
            continue
        if style == "cn-dun" and mark == "、" and O.CN_LIST_AFTER_DUN.match(rest):
            continue
        if style == "ar-dot" and (re.match(r"\s*[0-9]", rest) or not rest.strip()):
            continue
        return style, rank, value, m.end(), mark, m.group(0)
    m = O.PROBLEM_LABEL.match(text)
    if m:
        return "problem-label", 6, _ordinal_value(m.group(1)) or 0, m.end(), "：", m.group(0)
    return None


def test_one_combined_marker_pattern_equals_the_loop():
    samples = {p.text for d in docs() for p in O.split_paragraphs(d)}
    samples |= {"一、二等奖", "1、3、5分钟", "2023、2024年", "一，", "（一）、", "一)是", "⑴", "１．", "问题12：", "十一、", "一.2"}
    assert len(samples) > 1000
    for s in samples:
        assert O.marker_parts(s) == marker_parts_one_by_one(s), s


def test_memoised_helpers_equal_their_computation():
    for token in ["一", "十二", "二十三", "九十九", "二二", "零", "１２", "12", "⑴", "①", "㈢", "", "十十"]:
        assert ordinal_value(token) == _ordinal_value(token)
        assert ordinal_value(token) == _ordinal_value(token)  # second time from the memo
    for style in ["cn-dun", "cn-paren", "ar-dot", "ar-paren", "circled", "ar-half-paren", "problem-label", "enum"]:
        for value in (1, 2, 10, 19, 20, 21, 99):
            for mark in (True, False):
                assert O.format_ordinal(style, value, mark) == O._format_ordinal(style, value, mark)
    with pytest.raises(KeyError):
        O.format_ordinal("no-such-style", 1)


def enum_items_chunk_by_chunk(o: O.Outline) -> dict[int, list]:
    """Inline 一是 items searched paragraph by paragraph, as before the whole-text list."""
    text = o.doc.text
    out = {}
    for n in o.nodes():
        chunks = ([(n.paragraph, n.title_end)] if n.run_in else []) + [(p, p.content_start) for p in n.body]
        out[id(n)] = [m.span() for para, start in chunks for m in PLAIN_ENUM_INLINE.finditer(text, start, para.end)]
    return out


def test_inline_items_from_one_pass_equal_the_search_per_paragraph():
    for doc in docs():
        o = O.parse_outline(doc)
        per_chunk = enum_items_chunk_by_chunk(o)
        whole = [m.span() for m in PLAIN_ENUM_INLINE.finditer(doc.text)]
        for n in o.nodes():
            chunks = ([(n.paragraph, n.title_end)] if n.run_in else []) + [(p, p.content_start) for p in n.body]
            mine = [(s, e) for s, e in whole if any(start <= s and e <= para.end for para, start in chunks)]
            assert mine == per_chunk[id(n)]


def test_sentences_from_one_pass_equal_the_search_per_sentence():
    for text in TEXTS:
        for pattern in (arithmetic.TOTAL_RE, arithmetic.RATE_RE):
            per_sentence = []
            for s, e in plain_sentences(text):
                found = [m.span() for m in pattern.finditer(text, s, e)]
                if found:
                    per_sentence.append(((s, e), found))
            whole = [(span, [m.span() for m in ms]) for span, ms in arithmetic.in_sentences(pattern, text)]
            assert whole == per_sentence


def test_containment_by_furthest_reach_equals_the_pairwise_test():
    from bisect import bisect_right

    rng = random.Random(11)
    for _ in range(300):
        spans = sorted((a, a + rng.randint(1, 12)) for a in (rng.randrange(200) for _ in range(rng.randint(0, 15))))
        starts = [a for a, _ in spans]
        reach: list[int] = []
        for _, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)
        for s in range(0, 210):
            e = s + 2
            i = bisect_right(starts, s) - 1
            assert (i >= 0 and reach[i] >= e) == any(a <= s and e <= b for a, b in spans)
