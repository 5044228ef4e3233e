"""Paired marks: brackets and quotes that do not close within their paragraph (GB/T 15834 §4.8, §4.9, §4.15).

A paragraph is a line, except that a plain-text line which ends with marks
still open and without a sentence-final ``。！？`` continues into the next
line when that line is not a heading (a hard-wrapped paragraph, e.g. text
copied from a PDF). In a .docx every "line" is a Word paragraph and never
continues.

* brackets ``（）《》【】〔〕〈〉［］「」『』``: an opener left open or a closer
  with no opener is reported at its own position; a pair of mixed widths
  (``（…)`` or ``(…）``) is reported at the half-width mark, with a safe fix.
  A lone half-width bracket is not reported: ``1)`` enumerations and Latin
  text use them.
* quotes ``“”‘’``: GB/T 15834 lets a quotation run over several paragraphs:
  each paragraph opens with ``“`` and only the last one closes. So an open
  ``“`` at the end of a paragraph is accepted when the next paragraph starts
  with ``“``. A ``’`` between Latin letters is an apostrophe.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .. import rx
from ..document import lines_holding
from ..model import Issue
from ..outline import content_start
from .punctuation_scan import SIMPLE_PAIRS
from .punctuation_text import CLOSERS, OPENERS, PAIR_MARKS, Zones

MATCH = dict(zip(CLOSERS, OPENERS))
TWIN = {"(": "（", "（": "(", ")": "）", "）": ")"}
HALF = "()"
SENTENCE_END = "。！？!?"
# an enumerator such as "1）" "a)" "一）" inside a paragraph: its closer has no opener on purpose
ENUMERATOR_TOKEN = rx.compile(r"(?:[0-9]{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,2})$")
ENUMERATOR_BEFORE = " \t\n\u3000，。；：、,;:"
LATIN = rx.compile(r"[A-Za-z]")
# a whole simple pair (see punctuation_scan) first, else one mark
PAIR_OR_MARK_RE = rx.compile(f"{SIMPLE_PAIRS}|[{re.escape(PAIR_MARKS)}]")
# the next mark that PAIR_OR_MARK_RE finds alone (or the text's end): the simple pairs before it are
# stepped over inside the engine, not made into a match object each
_NOT_PAIR_MARK = f"[^{re.escape(PAIR_MARKS)}]*+"
LONE_PAIR_MARK_RE = rx.compile(f"{_NOT_PAIR_MARK}(?:(?:{SIMPLE_PAIRS}){_NOT_PAIR_MARK})*+(?:(?P<mark>[{re.escape(PAIR_MARKS)}])|\\Z)")


def zone_pair_marks(text: str, zones: Zones) -> list[int]:
    """Both marks of each simple pair that has a mark in an excluded zone and one outside it.

    The mark in the zone is skipped, so the other one counts alone: such a pair
    is not opened and closed at once, and both its marks are read. A pair with
    both marks in one zone changes nothing (two skipped brackets, or a quote
    opened and closed at once) and is left out. A pair reaching out of a zone
    leaves a mark alone in the zone's own text, so the zones' texts (a few
    characters each, "（一）" "1." for most) are read first, joined in one string,
    for the marks PAIR_OR_MARK_RE finds alone (a pair ends on its line, so it
    lies in one zone); only the lines of those marks are then read pair by pair.
    """
    starts, ends = zones.starts, zones.ends
    joined = "\n".join([text[s:e] for s, e in zip(starts, ends)])
    inside = [k for m in LONE_PAIR_MARK_RE.finditer(joined) if (k := m.start("mark")) >= 0]
    if not inside:
        return []
    offsets = list(accumulate((e - s + 1 for s, e in zip(starts, ends)), initial=0))
    places = []  # the lone marks' positions in the text
    for k in inside:
        z = bisect_right(offsets, k) - 1
        places.append(starts[z] + k - offsets[z])
    out = []
    for line_start, line_end in lines_holding(text, sorted(places)):
        for m in PAIR_OR_MARK_RE.finditer(text, line_start, line_end):
            s, e = m.span()
            if e - s > 1 and (zones.contains(s) or zones.contains(e - 1)):
                out += (s, e - 1)
    return out


def check_pairs(doc, outline, zones: Zones, line_edge_rules: set[str], scanned: list[int]) -> list[Issue]:
    """All pair issues of a document.

    Nothing is reported at a bracket in an excluded ``zones`` (a heading ordinal,
    the numbering rules' business; a URL; HTML residue). ``line_edge_rules`` are the active line-edge checks: an
    opener ending a line or a closer starting one is reported by those instead.
    ``scanned`` are the document's pair marks outside simple pairs (punctuation_scan).
    """
    return read_marks(doc, outline, zones, marks_to_read(doc.text, zones, scanned), line_edge_rules)


def marks_to_read(text: str, zones: Zones, scanned: list[int]) -> list[int]:
    """Where the marks are that can change the pairing state, in order.

    An opener and its own closer on one line with no other mark between them
    ("（…）", "“…”", a simple pair of punctuation_scan) change nothing: pushed,
    then popped at once, no issue. So only the other marks are read
    (``scanned``), plus the pairs that reach out of an excluded zone (one of
    their marks is skipped); not ‘…’ (’ may be an apostrophe).
    """
    if zones.starts:
        more = zone_pair_marks(text, zones)
        if more:
            return sorted({*scanned, *more})
    return scanned


class _State:
    def __init__(self) -> None:
        self.brackets: list[tuple[str, int]] = []
        self.quotes: list[tuple[str, int]] = []

    def open(self) -> bool:
        return bool(self.brackets or self.quotes)


def read_marks(doc, outline, zones: Zones, positions: list[int], line_edge_rules: set[str]) -> list[Issue]:
    """Pair the marks at ``positions`` paragraph by paragraph.

    Only lines that hold one of them, or continue a paragraph left open, are
    looked at (a line with no mark and nothing open changes nothing).
    """
    text = doc.text
    lines = doc.lines
    starts = doc.line_starts
    issues: list[Issue] = []
    if not positions:
        return issues
    marks = [(p, text[p]) for p in positions]
    skip = zones.contains
    heading_lines: set[int] | None = None  # read only when an open paragraph may continue
    state = _State()
    line_ends: set[int] = set()  # openers at the end of a line of this paragraph: the line-end rule's
    want_line_end = "line-end" in line_edge_rules
    want_line_start = "line-start" in line_edge_rules
    n_marks = len(marks)
    mi = 0  # next mark to read
    i = bisect_right(starts, marks[0][0]) - 1  # the line being read
    n_lines = len(lines)
    while i < n_lines:
        line = lines[i]
        if not line or line.isspace():
            i += 1
            continue
        base = starts[i]
        line_end = base + len(line)
        first, last = _content_bounds(line)
        if want_line_end and last >= 0:
            line_ends.add(base + last)
        while mi < n_marks and marks[mi][0] < line_end:
            pos, ch = marks[mi]
            mi += 1
            j = pos - base
            if ch in OPENERS:
                if not skip(pos):
                    state.brackets.append((ch, pos))
            elif ch in CLOSERS:
                if skip(pos):
                    continue
                _close_bracket(state, ch, pos, issues, lambda p=pos: _enumerator(text, p), at_line_start=(j == first and want_line_start))
            elif ch in "“‘":
                state.quotes.append((ch, pos))
            elif ch in "”’":
                if ch == "’" and 0 < j < len(line) - 1 and LATIN.match(line[j - 1]) and LATIN.match(line[j + 1]):
                    continue  # an apostrophe: China’s
                _close_quote(state, ch, pos, issues, at_line_start=(j == first and want_line_start))
        nxt = i + 1  # the next non-empty line
        while nxt < n_lines and (not lines[nxt] or lines[nxt].isspace()):
            nxt += 1
        if not state.open():
            line_ends = set()
            if mi >= n_marks:
                break
            i = max(nxt, bisect_right(starts, marks[mi][0]) - 1)  # skip to the next line with a mark
            continue
        if nxt >= n_lines:
            break
        next_line = lines[nxt]
        next_first = _content_bounds(next_line)[0]
        if next_line[next_first : next_first + 1] == "“":
            _forgive_continued_quote(state)
        carry = doc.kind != "docx" and not _ends_sentence(line[: last + 1])
        if carry:
            if heading_lines is None:
                heading_lines = {n.line for n in outline.nodes()}
            carry = (nxt + 1) not in heading_lines
        if not carry:
            _report_open(state, issues, line_ends)
            state = _State()
            line_ends = set()
        i = nxt
    _report_open(state, issues, line_ends)
    issues.sort(key=lambda i: (i.start, i.check))
    return issues


def _content_bounds(line: str) -> tuple[int, int]:
    """Index of the first content character (after indentation and converter residue) and of the last one."""
    return content_start(line), len(line.rstrip(" \t\u3000\u00a0")) - 1


def _ends_sentence(content: str) -> bool:
    """The line ends a sentence: 。！？ possibly followed by closing quotes or brackets (。” ）。)."""
    core = content.rstrip("”’）》」』)")
    return bool(core) and core[-1] in SENTENCE_END


def _enumerator(text: str, pos: int) -> bool:
    """The closer at ``pos`` ends an enumerator token ("1）" "a)" "二）") that starts a clause."""
    m = ENUMERATOR_TOKEN.search(text, max(0, pos - 2), pos)
    return m is not None and (m.start() == 0 or text[m.start() - 1] in ENUMERATOR_BEFORE)


def _close_bracket(state: _State, ch: str, pos: int, issues: list[Issue], enumerator, at_line_start: bool) -> None:
    stack = state.brackets
    want = MATCH[ch]
    twin = TWIN.get(want)
    # 1. the exact opener, with only stray half-width "(" above it
    for idx in range(len(stack) - 1, -1, -1):
        o = stack[idx][0]
        if o == want:
            del stack[idx:]
            return
        if o != "(":
            break
    # 2. a mixed-width pair: （…) or (…）
    if stack and twin is not None and stack[-1][0] == twin:
        o, opos = stack.pop()
        if ch == ")":
            issues.append(Issue("mixed-width", pos, pos + 1, {"mark": ch, "opener": o, "full": "）"}, "）"))
        else:
            issues.append(Issue("mixed-width", opos, opos + 1, {"mark": o, "closer": ch, "full": "（"}, "（"))
        return
    # 3. an opener further down: everything above it was left open
    for idx in range(len(stack) - 1, -1, -1):
        o = stack[idx][0]
        if o == want or o == twin:
            for o2, p2 in stack[idx + 1 :]:
                if o2 not in HALF:
                    issues.append(_unclosed(o2, p2))
            if o != want:
                half_pos, mark = (pos, ch) if ch in HALF else (stack[idx][1], o)
                issues.append(Issue("mixed-width", half_pos, half_pos + 1, {"mark": mark, "full": TWIN[mark]}, TWIN[mark]))
            del stack[idx:]
            return
    # 4. no opener at all
    if ch in HALF or at_line_start or enumerator():
        return
    issues.append(Issue("unbalanced-brackets", pos, pos + 1, {"mark": ch, "missing": MATCH[ch], "state": "unopened"}))


def _unclosed(mark: str, pos: int) -> Issue:
    closer = {v: k for k, v in MATCH.items()}[mark]
    return Issue("unbalanced-brackets", pos, pos + 1, {"mark": mark, "missing": closer, "state": "unclosed"})


def _close_quote(state: _State, ch: str, pos: int, issues: list[Issue], at_line_start: bool) -> None:
    stack = state.quotes
    want = "“" if ch == "”" else "‘"
    for idx in range(len(stack) - 1, -1, -1):
        if stack[idx][0] == want:
            for o2, p2 in stack[idx + 1 :]:
                issues.append(_unclosed_quote(o2, p2))
            del stack[idx:]
            return
    if not at_line_start:
        issues.append(Issue("unbalanced-quotes", pos, pos + 1, {"mark": ch, "missing": want, "state": "unopened"}))


def _unclosed_quote(mark: str, pos: int) -> Issue:
    return Issue("unbalanced-quotes", pos, pos + 1, {"mark": mark, "missing": "”" if mark == "“" else "’", "state": "unclosed"})


def _forgive_continued_quote(state: _State) -> None:
    """A quotation continued in the next paragraph: its outermost open “ is not an error."""
    for idx, (o, _) in enumerate(state.quotes):
        if o == "“":
            del state.quotes[idx]
            return


def _report_open(state: _State, issues: list[Issue], line_ends: set[int]) -> None:
    for o, p in state.brackets:
        if o not in HALF and p not in line_ends:
            issues.append(_unclosed(o, p))
    for o, p in state.quotes:
        if p not in line_ends:
            issues.append(_unclosed_quote(o, p))
