"""Single-mark checks: doubled marks, ellipsis form, range marks, 顿号 in approximations, line edges.

Sources: GB/T 15834—2011 §4.5.3 (顿号), §4.11 (省略号 is six dots ``……``),
§4.13 (连接号: time ranges take ``—``; ``至`` is equally right in prose),
§5.1 (a 点号 or a closing mark never starts a line, an opening mark never
ends one); GB/T 15835 §5.2.1 (approximations of Chinese numerals take no 顿号).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .. import rx
from ..outline import PREFIX_RE, content_start
from .punctuation_text import Issue, Zones

DOT_MARKS = "，。、；：？！"
LINE_START_MARKS = "，。、；：？！）》〉」』】〕］”’"
LINE_END_MARKS = "（《〈「『【〔［“‘"
CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# counting units after an approximation (DOMAIN R-PUN-21); 年级, 年度, 批次, 次分配 are abbreviations, not approximations
CN_UNITS = r"(?:个|人|次(?!分配)|天|年(?!级|度)|名|项|家|件|种|里|米|岁|倍|成|批(?!次)|户|起|条)"
AR_UNITS = r"(?:个|人|天|次|年|名|项|家|件|种)"


@dataclass
class Patterns:
    """Compiled once per run (in prepare)."""

    run: re.Pattern
    ellipsis: re.Pattern
    range_unit: re.Pattern
    range_years: re.Pattern
    range_bare: re.Pattern
    approx_cn: re.Pattern
    approx_ar: re.Pattern
    range_mark: re.Pattern


def compile_patterns() -> Patterns:
    mark = r"(?P<sep>[ \t]*(?P<mark>[-－~～–])[ \t]*)"
    return Patterns(
        run=rx.compile(f"[{DOT_MARKS}]{{2,}}"),
        ellipsis=rx.compile(r"[.。…⋯·・]{2,}|[…⋯]"),
        # a date with its unit on the left: 2024年12月-2025年1月, 10月1日-7日, 9月12日~26日
        range_unit=rx.compile(
            r"(?:(?<!\d)\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|(?<!\d)\d{1,2}月(?:\d{1,2}[日号])?|(?<!\d)\d{1,2}[日号])"
            + mark
            + r"(?=\d{1,4}[年月日号])"
        ),
        # years: 2023-2025年
        range_years=rx.compile(r"(?<![\d.\-－/])(?:19|20)\d{2}" + mark + r"(?=(?:19|20)\d{2}年)"),
        # bare month or day numbers: 1-3月, 12-26日 (a tilde before 日 may be a value range of days: skipped)
        range_bare=rx.compile(r"(?<![\d.\-－/:：])\d{1,2}" + mark + r"(?=(?P<right>\d{1,2})(?P<unit>[月日号]))"),
        approx_cn=rx.compile(rf"([一二两三四五六七八九])(?<![一二三四五六七八九十百千万〇零两第、].)、([二三四五六七八九十])(?![、])(?=[十百千万亿]?{CN_UNITS})"),
        approx_ar=rx.compile(rf"(\d)(?<![\d.、,，第].)、(\d)(?![\d、.])(?={AR_UNITS})"),
        range_mark=rx.compile(r"[-－~～–]"),
    )


def doubled_marks(text: str, pat: Patterns) -> list[Issue]:
    """``，，`` ``。。`` (fix: keep one) and stacked ``，。`` ``、，`` (no fix: which one was meant?)."""
    out = []
    for m in pat.run.finditer(text):
        run = m.group(0)
        if set(run) == {"。"} and len(run) >= 3:
            continue  # 。。。 is a wrong ellipsis, reported as such
        if run in ("？！", "！？"):
            continue
        if len(set(run)) == 1:
            out.append(Issue("doubled", m.start(), m.end(), {"marks": run, "kind": "repeated"}, run[0]))
        else:
            out.append(Issue("doubled", m.start(), m.end(), {"marks": run, "kind": "stacked"}))
    return out


def wrong_ellipses(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
    """The only ellipsis is ``……`` (two characters; ``…………`` for two joined)."""
    out = []
    for m in pat.ellipsis.finditer(text):
        for s, e in _homogeneous_runs(m.start(), m.group(0)):
            run = text[s:e]
            ch = run[0]
            if ch == "…":
                if len(run) in (2, 4):
                    continue
            elif ch == "⋯":
                pass  # the math "midline" ellipsis: always the wrong character
            elif len(run) < 3:
                continue  # "2.", "。。" (a doubled full stop, reported as such)
            elif ch == "." and (zones.contains(s) or _latin(text, s - 1) or _latin(text, e)):
                continue  # "Loading...", "1...3": not Chinese text
            out.append(Issue("ellipsis", s, e, {"found": run}, "……"))
    return out


def _homogeneous_runs(start: int, chunk: str) -> list[tuple[int, int]]:
    """Split "..。。" into runs of one character each."""
    runs = []
    i = 0
    while i < len(chunk):
        j = i
        while j < len(chunk) and chunk[j] == chunk[i]:
            j += 1
        runs.append((start + i, start + j))
        i = j
    return runs


def _latin(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()


def range_marks(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
    """A hyphen or tilde between dates: ``2024年12月-2025年1月`` -> ``至`` (or ``—``)."""
    seen: set[int] = set()
    out = []
    for mark in pat.range_mark.finditer(text):
        p = mark.start()
        if p in seen or zones.contains(p):
            continue
        # the longest left side is "2024年12月31日" plus spaces; the right side "2025年" plus spaces
        lo, hi = max(0, p - 24), min(len(text), p + 24)
        for m in _matches_at(pat, text, lo, hi, p):
            s, e = m.span("sep")  # the mark with the spaces around it
            seen.add(p)
            out.append(Issue("range-mark", s, e, {"mark": m.group("mark")}, "至"))
            break
    out.sort(key=lambda i: i.start)
    return out


def _matches_at(pat: Patterns, text: str, lo: int, hi: int, p: int):
    """Range matches (of any of the three forms) whose mark is the one at ``p``."""
    for one in (pat.range_unit, pat.range_years, pat.range_bare):
        for m in one.finditer(text, lo, hi):
            if m.start("mark") != p:
                continue
            if one is pat.range_bare and m.group("unit") != "月" and m.group("mark") in "~～":
                continue  # "3～5日" may be a value range of days
            yield m


def approximations(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
    """``三、四个`` (Chinese numerals: error) and ``3、4个`` (Arabic: warning) with a 顿号."""
    out = []
    for m in rx.finditer(pat.approx_cn, text):
        a, b = CN_DIGIT[m.group(1)], CN_DIGIT[m.group(2)]
        if not (b == a + 1 or (a, b) == (3, 5) or (m.group(1), b) == ("两", 3)):
            continue
        if zones.overlaps(m.start(), m.end()):
            continue
        out.append(Issue("approx-chinese", m.start(), m.end(), {"pair": m.group(0), "joined": m.group(1) + m.group(2)}, m.group(1) + m.group(2)))
    for m in rx.finditer(pat.approx_ar, text):
        a, b = int(m.group(1)), int(m.group(2))
        if b != a + 1 or zones.overlaps(m.start(), m.end()):
            continue
        cn = "零一二三四五六七八九"
        out.append(Issue("approx-arabic", m.start(), m.end(), {"pair": m.group(0), "chinese": cn[a] + cn[b], "range": f"{a}～{b}"}))
    return out


def line_edges(doc) -> list[Issue]:
    """A line that starts with a 点号 or a closing mark; a line that ends with an opening mark.

    Every line is checked: a paragraph cannot start with ``，`` or ``）`` either,
    so the first line of a paragraph needs no exception. Both are found with one
    pass each over the whole text (see ``_edge_patterns``).
    """
    patterns = _edge_patterns()
    if patterns is None:
        return _line_edges_by_line(doc)
    starts_rx, ends_rx = patterns
    text = doc.text
    out = []
    for m in starts_rx.finditer(text):
        pos = m.start("c")
        out.append(Issue("line-start", pos, pos + 1, {"mark": text[pos]}))
    line_starts = doc.line_starts
    for m in ends_rx.finditer(text):
        pos = m.start("c")
        line_start = line_starts[bisect_right(line_starts, pos) - 1]
        end = text.find("\n", pos)
        line = text[line_start : end if end != -1 else len(text)]
        if pos - line_start >= content_start(line):
            out.append(Issue("line-end", pos, pos + 1, {"mark": text[pos]}))
    out.sort(key=lambda i: i.start)
    return out


_EDGES: list = []


def _edge_patterns():
    """``^`` + what content_start skips (taken whole, as it is: ``*+``) + a mark; a mark + spaces + ``$``.

    The skipped prefix is outline.PREFIX_RE with its one ``\\s*`` kept inside the line.
    """
    if not _EDGES:
        prefix = PREFIX_RE.pattern
        try:
            if not (prefix.endswith(")*") and prefix.count("\\s*") == 1):
                raise ValueError("outline.PREFIX_RE changed shape")
            inline_prefix = prefix.replace("\\s*", "[^\\S\\n]*")[:-1] + "*+"
            _EDGES.append(rx.compile(f"(?m)^{inline_prefix}(?P<c>[{re.escape(LINE_START_MARKS)}])"))
            _EDGES.append(rx.compile(f"(?m)(?P<c>[{re.escape(LINE_END_MARKS)}])[ \t\u3000\u00a0]*$"))
        except (ValueError, re.error):  # Python 3.10 has no possessive repeat: read line by line
            _EDGES[:] = [None]
    return None if _EDGES[0] is None else _EDGES


def _line_edges_by_line(doc) -> list[Issue]:
    """line_edges without the whole-text patterns: every line on its own."""
    out = []
    for line, start in zip(doc.lines, doc.line_starts):
        if not line.strip():
            continue
        first = content_start(line)
        if first < len(line) and line[first] in LINE_START_MARKS:
            out.append(Issue("line-start", start + first, start + first + 1, {"mark": line[first]}))
        stripped = line.rstrip(" \t\u3000\u00a0")
        if stripped and stripped[-1] in LINE_END_MARKS and len(stripped) - 1 >= first:
            pos = start + len(stripped) - 1
            out.append(Issue("line-end", pos, pos + 1, {"mark": stripped[-1]}))
    return out
