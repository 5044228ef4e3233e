"""Single-mark checks: doubled marks, ellipsis form, range marks, 顿号 in approximations, line edges.

Sources: GB/T 15834—2011 §4.5.3 (顿号), §4.11 (省略号 is six dots ``……``),
§4.13 (连接号: time ranges take ``—``; ``至`` is equally right in prose),
§5.1 (a 点号 or a closing mark never starts a line, an opening mark never
ends one); GB/T 15835 §5.2.1 (approximations of Chinese numerals take no 顿号).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .. import rx
from ..model import Issue
from ..outline import PREFIX_RE, content_start
from .punctuation_text import RANGE_MARKS, Zones

LINE_START_MARKS = "，。、；：？！）》〉」』】〕］”’"
LINE_END_MARKS = "（《〈「『【〔［“‘"
LINE_END_SPACE = " \t\u3000\u00a0"  # may follow the last mark of a line
CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# counting units after an approximation (DOMAIN R-PUN-21); 年级, 年度, 批次, 次分配 are abbreviations, not approximations
CN_UNITS = r"(?:个|人|次(?!分配)|天|年(?!级|度)|名|项|家|件|种|里|米|岁|倍|成|批(?!次)|户|起|条)"
AR_UNITS = r"(?:个|人|天|次|年|名|项|家|件|种)"


class Patterns:
    """Compiled once per run (in prepare)."""

    __slots__ = ("ellipsis", "range_unit", "range_years", "range_bare", "approx_cn", "approx_ar", "approx_at")

    def __init__(
        self,
        ellipsis: re.Pattern,
        range_unit: re.Pattern,
        range_years: re.Pattern,
        range_bare: re.Pattern,
        approx_cn: re.Pattern,
        approx_ar: re.Pattern,
        approx_at: re.Pattern,
    ):
        self.ellipsis = ellipsis
        self.range_unit = range_unit
        self.range_years = range_years
        self.range_bare = range_bare
        self.approx_cn = approx_cn
        self.approx_ar = approx_ar
        self.approx_at = approx_at

    def __repr__(self) -> str:
        return "Patterns(punctuation marks)"


def compile_patterns() -> Patterns:
    mark = rf"(?P<sep>[ \t]*(?P<mark>[{RANGE_MARKS}])[ \t]*)"
    return Patterns(
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
        # the 顿号 of either approximation: followed by a numeral
        approx_at=rx.compile(r"、(?=[二三四五六七八九十\d])"),
    )


def doubled_marks(text: str, runs: list[tuple[int, int]]) -> list[Issue]:
    """``，，`` ``。。`` (fix: keep one) and stacked ``，。`` ``、，`` (no fix: which one was meant?).

    ``runs`` are the spans of the document's runs of two or more 点号 (document_scan).
    """
    out = []
    for s, e in runs:
        run = text[s:e]
        if set(run) == {"。"} and len(run) >= 3:
            continue  # 。。。 is a wrong ellipsis, reported as such
        if run in ("？！", "！？"):
            continue
        if len(set(run)) == 1:
            out.append(Issue("doubled", s, e, {"marks": run, "kind": "repeated"}, run[0]))
        else:
            out.append(Issue("doubled", s, e, {"marks": run, "kind": "stacked"}))
    return out


def wrong_ellipses(text: str, zones: Zones, pat: Patterns, hint: bool, runs: list[tuple[int, int]]) -> list[Issue]:
    """The only ellipsis is ``……`` (two characters; ``…………`` for two joined).

    The pattern's pass over the text is made only when the document's scan
    (``hint``, see punctuation_scan) found a ``…`` ``⋯`` or three of ``.`` ``·``
    ``・``, or a 点号 run (``runs``, as for doubled_marks) holds ``。。。``.
    """
    if not (hint or any("。。。" in text[s:e] for s, e in runs)):
        return []
    return _ellipsis_issues(text, zones, pat)


def _ellipsis_issues(text: str, zones: Zones, pat: Patterns) -> list[Issue]:
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


def range_marks(text: str, zones: Zones, pat: Patterns, places: list[int]) -> list[Issue]:
    """A hyphen or tilde between dates: ``2024年12月-2025年1月`` -> ``至`` (or ``—``).

    ``places`` are where the document's range marks are (see punctuation_scan).
    """
    out = []
    for p in places:
        if zones.contains(p):
            continue
        # the longest left side is "2024年12月31日" plus spaces; the right side "2025年" plus spaces
        lo, hi = max(0, p - 24), min(len(text), p + 24)
        for m in _matches_at(pat, text, lo, hi, p):
            s, e = m.span("sep")  # the mark with the spaces around it
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
    cn_found, ar_found = _approximation_matches(text, pat)
    out = []
    for m in cn_found:
        a, b = CN_DIGIT[m.group(1)], CN_DIGIT[m.group(2)]
        if not (b == a + 1 or (a, b) == (3, 5) or (m.group(1), b) == ("两", 3)):
            continue
        if zones.overlaps(m.start(), m.end()):
            continue
        out.append(Issue("approx-chinese", m.start(), m.end(), {"pair": m.group(0), "joined": m.group(1) + m.group(2)}, m.group(1) + m.group(2)))
    for m in ar_found:
        a, b = int(m.group(1)), int(m.group(2))
        if b != a + 1 or zones.overlaps(m.start(), m.end()):
            continue
        cn = "零一二三四五六七八九"
        out.append(Issue("approx-arabic", m.start(), m.end(), {"pair": m.group(0), "chinese": cn[a] + cn[b], "range": f"{a}～{b}"}))
    return out


def _approximation_matches(text: str, pat: Patterns) -> tuple[list[re.Match], list[re.Match]]:
    """The matches of ``pat.approx_cn`` and of ``pat.approx_ar`` over the whole text.

    Both forms are a numeral, a ``、`` and a numeral, so one pass finds the
    ``、`` they need (``pat.approx_at``) and each pattern is tried only there.
    Their matches cannot overlap (a numeral before another ``、`` does not
    end one), so this finds what a pass of each pattern finds.
    """
    cn_found, ar_found = [], []
    for k in (m.start() for m in pat.approx_at.finditer(text, 1)):
        m = pat.approx_cn.match(text, k - 1)
        if m:
            cn_found.append(m)
            continue
        m = pat.approx_ar.match(text, k - 1)
        if m:
            ar_found.append(m)
    return cn_found, ar_found


def line_edges(doc) -> list[Issue]:
    """A line that starts with a 点号 or a closing mark; a line that ends with an opening mark.

    Every line is checked: a paragraph cannot start with ``，`` or ``）`` either,
    so the first line of a paragraph needs no exception. One pass over the
    line breaks of the whole text finds the lines to look at (see ``_edge_patterns``).
    """
    patterns = _edge_patterns()
    if patterns is None:
        return _line_edges_by_line(doc)
    line_start_rx, breaks_rx = patterns
    text = doc.text
    out: list[Issue] = []
    _line_start(text, 0, line_start_rx, out)
    line_starts = doc.line_starts
    for m in breaks_rx.finditer(text):
        end = m.start()
        if end and text[end - 1] in LINE_END_MARKS + LINE_END_SPACE:
            _line_end(text, line_starts[bisect_right(line_starts, end) - 1], end, out)
        _line_start(text, end + 1, line_start_rx, out)
    if text and text[-1] != "\n":  # the last line has no line break
        _line_end(text, line_starts[-1], len(text), out)
    out.sort(key=lambda i: i.start)
    return out


def _line_start(text: str, start: int, line_start_rx: re.Pattern, out: list[Issue]) -> None:
    m = line_start_rx.match(text, start)
    if m:
        pos = m.start("c")
        out.append(Issue("line-start", pos, pos + 1, {"mark": text[pos]}))


def _line_end(text: str, start: int, end: int, out: list[Issue]) -> None:
    line = text[start:end]
    last = len(line.rstrip(LINE_END_SPACE)) - 1
    if last >= 0 and line[last] in LINE_END_MARKS and last >= content_start(line):
        out.append(Issue("line-end", start + last, start + last + 1, {"mark": line[last]}))


_EDGES: list = []


def _edge_patterns():
    """What content_start skips (taken whole, as it is: ``*+``) + a mark; a line break after which a line
    starts so, or before which one ends with an opening mark or a space.

    The second pattern starts with the line break itself: the regex engine skips
    ahead to one given character several times faster than to any of a set, and
    a pattern starting with ``(?m)^`` is tried at every position. The skipped
    prefix is outline.PREFIX_RE with its one ``\\s*`` kept inside the line.
    """
    if not _EDGES:
        prefix = PREFIX_RE.pattern
        try:
            if not (prefix.endswith(")*") and prefix.count("\\s*") == 1):
                raise ValueError("outline.PREFIX_RE changed shape")
            inline_prefix = prefix.replace("\\s*", "[^\\S\\n]*")[:-1] + "*+"
            line_start = rx.compile(f"{inline_prefix}(?P<c>[{re.escape(LINE_START_MARKS)}])")
            first = rx.first_chars(line_start)  # tested first: most lines start with none of them
            quick = f"(?=[{re.escape(''.join(sorted(first)))}])" if first else ""
            ends = re.escape(LINE_END_MARKS + LINE_END_SPACE)
            _EDGES.append(line_start)
            _EDGES.append(rx.compile(f"\n(?:(?<=[{ends}]\n)|{quick}(?={line_start.pattern}))"))
        except ValueError:  # outline.PREFIX_RE changed shape: read line by line
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
        stripped = line.rstrip(LINE_END_SPACE)
        if stripped and stripped[-1] in LINE_END_MARKS and len(stripped) - 1 >= first:
            pos = start + len(stripped) - 1
            out.append(Issue("line-end", pos, pos + 1, {"mark": stripped[-1]}))
    return out
