"""Parse a notice into an outline: title, lead, numbered sections, problems, measures, closing.

The parser is deliberately tolerant (see shared VARIANTS.md): it accepts every
numbering scheme of GB/T 9704 and the common deviations (``一.``, ``1、``,
``(一)``, ``一)``, ``⑴``...), records how each ordinal was written so rules can
report the deviation, and never fails. Rules read the tree; they never re-parse.
docs/outline.md explains the reading in prose.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import count, islice
from typing import Iterator

from . import rx
from .document import Document
from .numerals import CIRCLED, CN_NUM_CHARS, PAREN_CN, PAREN_DIGITS, int_to_cn, ordinal_value

# What may precede the real start of a line: indentation, Markdown heading,
# quote, list or emphasis marks, and converter residue such as "[bookmark: _Toc123]".
PREFIX_RE = rx.compile(r"(?:[ \t\u3000\u00a0]+|#{1,6}[ \t]+|\*\*|__|>[ \t]?|\[bookmark:[^\]\n]*\]|<a [^>\n]*>\s*</a>)*")
# Markdown emphasis and stray spaces left at the end of a heading ("1.关于…的问题**").
TRAILING_MARKUP = " \t\u3000\u00a0*_#"
HEADING_SPACE = " \t\u3000\u00a0"  # what may stand between an ordinal marker and its title

CN = f"[{CN_NUM_CHARS}]{{1,3}}"
# Each entry: (style, rank, regex at content start). Order matters: longer forms first.
MARKERS: list[tuple[str, int, re.Pattern]] = [
    # level 2: （一）; with a stray mark after it; half-width or mixed brackets; ㈠; "一)"
    ("cn-paren", 2, rx.compile(rf"[（(]({CN})[）)]([、，,.．：:]?)")),
    ("cn-paren", 2, rx.compile(rf"([{PAREN_CN}])([、，,.．：:]?)")),
    ("cn-paren", 2, rx.compile(rf"({CN})[）)](?!是)([、，,.．：:]?)")),
    # level 4: （1）, (1), ⑴
    ("ar-paren", 4, rx.compile(r"[（(]([0-9０-９]{1,2})[）)]([、，,.．：:]?)")),
    ("ar-paren", 4, rx.compile(rf"([{PAREN_DIGITS}])([、，,.．：:]?)")),
    # level 1: 一、 and the wrong marks 一. 一． 一， 一：
    ("cn-dun", 1, rx.compile(rf"({CN})([、.．，,：:])(?![0-9])")),
    # level 3: 1. and the wrong marks 1、 1． 1， (not a decimal like 2.95)
    ("ar-dot", 3, rx.compile(r"([0-9０-９]{1,2})([.．、，,])(?![0-9０-９])")),
    # level 5: ① and 1）
    ("circled", 5, rx.compile(rf"([{CIRCLED}])([、，,.．：:]?)")),
    ("ar-half-paren", 5, rx.compile(r"([0-9]{1,2})[）)]([、，,.．：:]?)")),
]

CANONICAL_MARK = {"cn-dun": "、", "ar-dot": ".", "cn-paren": "", "ar-paren": "", "circled": "", "ar-half-paren": ""}

# "一、二等奖", "一、二年级": a list of numerals at a line start, not a heading
CN_LIST_AFTER_DUN = rx.compile(rf"{CN}(?:、|等|年级|季度|产业|类|级|档|批次)")

NOT_ORDINAL_AFTER = ("否", "指", "说", "因为", "由于")  # 是否, 是指, 是因为…: not an ordinal 是
ENUM_NOT_AFTER = "(?!" + "|".join(NOT_ORDINAL_AFTER) + ")"
ENUM_AT_START = rx.compile(rf"({CN})是{ENUM_NOT_AFTER}")
LEAD_MARKS = rx.compile(r"[ \u3000*]*")  # what may stand before a paragraph-initial 一是
INLINE_BEFORE = "[。；;，,：:！？ \u3000*]"  # what stands before an inline 一是
# Inline items: rf"(?<={INLINE_BEFORE})({CN})是{ENUM_NOT_AFTER}", found from their 是 (one
# alternative per length of the numeral, read in a look-behind): the engine skips straight to
# each 是, where the plain form is tried at every numeral of a long text. The numeral is group
# 1, 2 or 3 (``lastindex``). tests/test_outline_fast.py compares the two forms.
ENUM_INLINE_FROM_SHI = rx.compile(
    "是(?:" + "|".join(rf"(?<={INLINE_BEFORE}([{CN_NUM_CHARS}]{{{k}}})是)" for k in (1, 2, 3)) + f"){ENUM_NOT_AFTER}"
)
PROBLEM_LABEL = rx.compile(r"问题\s*([0-9一二三四五六七八九十]{1,3})\s*[:：]")
STATUS_LABEL = rx.compile(r"(问题|问题描述|存在问题|完成情况|完成时限|整改时限|责任单位|责任领导|整改目标|整改状态)\s*[:：]")
MEASURE_LABEL = rx.compile(r"(整改情况|整改措施|整改进展|整改成效|落实情况|工作措施)\s*[:：]")
MEASURE_LABEL_ANYWHERE = rx.compile(r"(?:^|[。；;])\s*(?:整改情况|整改措施|整改进展|整改成效|落实情况|工作措施)\s*[:：]")

CLOSING_RE = rx.compile(
    r"欢迎.{0,30}监督|接受.{0,8}监督|意见建议|联系电话|联系方式|举报电话|电话[:：]|邮政信箱|通信地址|通讯地址|邮寄地址|"
    r"邮政编码|邮编|电子邮箱|电子信箱|邮箱[:：]|公开期限|公开时间|公示期|公示时间|公开期"
)
SIGNATURE_RE = rx.compile(r"^[^。，；]{2,40}$")
SENTENCE_END = "。！？"
# A line whose last character is one of these ended its sentence or clause; any
# other last character (a Chinese character, a comma) means the text runs on.
CLAUSE_END = set("。；;！？!?：:…”’）)】》」』")

# Web-page furniture around the notice: breadcrumbs, metadata, share/print links, URLs.
FURNITURE_RE = rx.compile(
    r"^(?:https?://\S+|www\.\S+)$|首页\s*[>＞›»/]|当前位置|您的位置|发布(?:时间|日期)\s*[:：]|信息来源\s*[:：]|来源\s*[:：]|"
    r"作者\s*[:：]|浏览(?:次数|量)?\s*[:：]|点击(?:数|量|率)?\s*[:：]|访问量\s*[:：]|字号\s*[:：]|【\s*(?:打印|关闭|收藏|大|中|小)|"
    r"分享到|扫一扫|索引号\s*[:：]|文号\s*[:：]"
)

# The publication sentence of the lead (予以公布 / 予以通报 / 报告如下 / 向社会公开…).
PUBLICATION_RE = rx.compile(r"予以(?:公布|通报|公开|公示)|(?:报告|通报|公布)如下|向社会(?:公开|公布|通报)|现将.{0,40}(?:公布|通报|公开|报告)")
LEAD_WORDS = rx.compile(r"巡察|巡视|反馈|部署|公布|公开|通报")

# Section roles are matched by meaning; the first matching rule wins, so the
# strong "responsibility" words come before the rectification words
# ("党组及主要负责人组织整改落实情况" is section one, not section two).
ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("longterm", rx.compile(r"长期|持续(?:深化|推进|整改)的|尚未完成|未完成整改|未完成的")),
    ("nextsteps", rx.compile(r"下一步|今后|巩固(?:深化|拓展)?(?:巡[视察])?整改成[果效]|深化整改成果")),
    ("responsibility", rx.compile(r"主体责任|组织领导|主要负责人|政治责任|政治站位|政治担当|第一责任|组织整改|责任落实情况")),
    ("rectification", rx.compile(r"反馈.{0,10}(?:问题|意见)|整改期.{0,4}整改|问题.{0,4}整改(?:落实|进展)?情况|整改落实情况|意见.{0,4}整改|问题整改")),
    ("responsibility", rx.compile(r"整改工作(?:开展|基本|总体)?情况|总体情况|基本情况")),
]
ROLE_LABELS = {
    "responsibility": "履行整改主体责任",
    "rectification": "反馈问题整改落实",
    "longterm": "需长期整改事项",
    "nextsteps": "下一步工作打算",
}
# In a summary notice without numbering, prose after the lead that reports on the
# problems fed back (the lead's own "反馈了巡察意见" is the fact of feedback, not this).
SUMMARY_RECTIFICATION = rx.compile(r"反馈.{0,20}(?:问题|意见)|完成整改|整改到位|整改完成|整改措施|已整改")
PROBLEM_TITLE = rx.compile(r"关于.{0,60}问题|问题[0-9一二三四五六七八九十]|在“.{1,40}”方面|方面的问题|存在.{0,20}问题")


# The parse builds one object per paragraph, heading and 一是 item: slotted classes are
# faster to build and lighter for the garbage collector than ones with a __dict__, and
# plain classes (not dataclasses) cost nothing to define when the CLI starts. Two of
# them are equal only when they are the same object: each stands for one place.
class Paragraph:
    """One non-empty line of the notice, with where its content starts."""

    __slots__ = ("line", "start", "content_start", "end", "text", "continues")

    def __init__(self, line: int, start: int, content_start: int, end: int, text: str, continues: bool = False):
        self.line = line
        self.start = start  # offset of the line
        self.content_start = content_start  # after indentation / residue
        self.end = end  # end of line (exclusive)
        self.text = text  # content (from content_start to end)
        self.continues = continues  # the rest of the previous line's sentence (a stray line break)

    def __repr__(self) -> str:
        return f"Paragraph(line={self.line}, {self.text[:20]!r})"


class EnumItem:
    """One 一是/二是 item: paragraph-initial or inline."""

    __slots__ = ("value", "line", "start", "marker_end", "end", "para_initial", "separated")

    def __init__(self, value: int, line: int, start: int, marker_end: int, end: int, para_initial: bool, separated: bool = False):
        self.value = value
        self.line = line
        self.start = start  # offset of the ordinal
        self.marker_end = marker_end  # offset after "X是"
        self.end = end  # end of the item's text
        self.para_initial = para_initial
        # Text that is not part of the previous item stands between the two (an
        # unnumbered paragraph, or an introduction before an inline 一是): a 一是
        # here starts a new series legitimately.
        self.separated = separated

    def __repr__(self) -> str:
        return f"EnumItem(value={self.value}, line={self.line}, para_initial={self.para_initial})"

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.marker_end


_NO_CHILDREN: list = ()  # type: ignore[assignment]  # the children of every leaf (see Node.__init__)


class Node:
    """A numbered heading (or 问题N label) and what belongs to it.

    A heading's title and paragraph are read from its line when first asked for (the parse
    needs them only for the few headings a line break splits), its body likewise.
    """

    __slots__ = (
        "style", "rank", "value", "line", "start", "marker_end", "mark", "marker_text", "_title", "_title_end",
        "_run_in", "_paragraph", "_table", "parent", "children", "_body", "_body_lines", "role", "is_problem", "label_problem",
    )

    def __init__(
        self,
        style: str,
        rank: int,
        value: int,
        line: int,
        start: int,
        marker_end: int,
        mark: str,
        marker_text: str,
        table: _Paragraphs | None = None,  # (before the optional values: a parse passes it by position, which is cheaper)
        title: str | None = None,
        title_end: int = 0,
        run_in: bool = False,
        paragraph: Paragraph | None = None,
    ):
        self.style = style
        self.rank = rank
        self.value = value
        self.line = line
        self.start = start  # offset of the ordinal marker
        self.marker_end = marker_end  # offset after the marker and its punctuation
        self.mark = mark  # punctuation actually written after the ordinal ('' if none)
        self.marker_text = marker_text
        self._title = title  # None: read from the line in ``table`` when asked for
        self._title_end = title_end
        self._run_in = run_in
        self._paragraph = paragraph  # None: the paragraph of the line in ``table``
        self._table = table
        # What the parse and the role reading fill in afterwards:
        self.parent: Node | None = None
        # No list is made for each of thousands of nodes: a leaf shares the empty tuple (the parse
        # gives a node a list with its first child), and the body is made when first asked for.
        self.children: list[Node] = _NO_CHILDREN
        self._body: list[Paragraph] | None = None
        self._body_lines: tuple[int, int] | None = None  # the lines the body spans, until it is asked for
        self.role: str | None = None
        self.is_problem = False
        self.label_problem = False  # a "问题1：" marker rather than a numbered heading

    def __repr__(self) -> str:
        return f"Node({self.style} {self.marker_text!r} line={self.line}, {self.title[:20]!r})"

    @property
    def title(self) -> str:
        if self._title is None:
            self._read_title()
        return self._title

    @property
    def title_end(self) -> int:
        if self._title is None:
            self._read_title()
        return self._title_end

    @property
    def run_in(self) -> bool:
        """Prose follows the title sentence on the heading's line."""
        if self._title is None:
            self._read_title()
        return self._run_in

    def _read_title(self) -> None:
        table = self._table
        line_end = table.starts[self.line - 1] + len(table.lines[self.line - 1])
        self._title, self._run_in, self._title_end = _title(table.text, self.marker_end, line_end)

    @property
    def paragraph(self) -> Paragraph:
        """The paragraph that holds the heading (the run-in one when a line break split the heading)."""
        if self._paragraph is None:
            table = self._table
            self._paragraph = table.at(self.line, self.start - table.starts[self.line - 1])
        return self._paragraph

    @property
    def body(self) -> list[Paragraph]:
        """The paragraphs under this heading up to the next one, made when first asked for
        (few rules read them: the parse only notes which lines they span)."""
        body = self._body
        if body is None:
            body = self._body = self._table.between(*self._body_lines) if self._body_lines is not None else []
        return body

    @body.setter
    def body(self, paragraphs: list[Paragraph]) -> None:
        self._body = paragraphs

    def walk(self) -> Iterator["Node"]:
        """This node and its descendants, depth first (a loop: nested generators cost per level)."""
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            if n.children:
                stack.extend(reversed(n.children))

    @property
    def written_ordinal(self) -> str:
        """The ordinal as written, without the punctuation mark after it."""
        return self.marker_text[: len(self.marker_text) - len(self.mark)] if self.mark else self.marker_text

    @property
    def mark_span(self) -> tuple[int, int]:
        return self.marker_end - len(self.mark), self.marker_end


class Outline:
    """The parsed notice: title, lead, numbered sections, closing block."""

    def __init__(
        self,
        doc: Document,
        table: _Paragraphs,
        title: list[Paragraph],
        furniture: list[Paragraph],
        lead: list[Paragraph],
        roots: list[Node],
        preamble_body: list[Paragraph],
        closing: list[Paragraph],
        enums: dict[int, list[EnumItem]],
        virtual_rectification: bool = False,
        enum_problems: dict[int, list[Node]] | None = None,
    ):
        self.doc = doc
        self._table = table
        self.title = title
        self.furniture = furniture
        self.lead = lead
        self.roots = roots
        self.preamble_body = preamble_body  # unnumbered paragraphs after the lead and before the first heading
        self.closing = closing
        self.enums = enums  # id(node) -> items in its own body (0 = document level)
        self.virtual_rectification = virtual_rectification
        # Problems written as paragraph-initial 一是/二是 items of a section that has
        # no numbered items (id(section) -> pseudo-nodes of style "enum"). They are
        # not headings, so nodes() does not yield them.
        self.enum_problems: dict[int, list[Node]] = {} if enum_problems is None else enum_problems

    def __del__(self) -> None:
        # A node links to its parent and the parent to its children: every tree is a reference cycle,
        # which only the garbage collector frees (rarely in the CLI, which raises its threshold), and
        # with it the paragraphs and lines its nodes hold: ~128 KB a notice, never reused, ~31 page
        # faults a notice. The links up are cut when the outline goes (rules reach a tree through
        # its outline), so that reference counting frees the tree at once.
        for n in self.__dict__.get("_node_list", ()):
            n.parent = None

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the document (made on this request, except those made before)."""
        return self._table.between(1, len(self.doc.lines) + 1)

    # ---- navigation -------------------------------------------------------
    def nodes(self) -> Iterator[Node]:
        """Every numbered node, depth first (listed once when the parse is complete; rules call this often)."""
        done = self.__dict__.get("_node_list")
        if done is not None:
            return iter(done)
        return (n for r in self.roots for n in r.walk())

    def section(self, role: str) -> Node | None:
        return next((n for n in self.roots if n.role == role), None)

    def problems(self, role: str = "rectification") -> list[Node]:
        """The problems of the sections with ``role``: deepest numbered items, 问题N labels, or 一是 problems."""
        virtual = role == "rectification" and self.virtual_rectification
        if virtual:
            role = None  # the problems are the top-level items without a role, and what is under them
        # One pass over the node list (depth first: each root, then the nodes under it), not a walk
        # of each section: a long notice has thousands of nodes and rules ask for the problems often.
        out: list[Node] = []
        take = False
        enum_problems = self.enum_problems
        for n in self.nodes():
            if n.parent is None:
                take = n.role == role
                if not take:
                    continue
                if virtual:
                    if n.is_problem:  # a top-level item is a problem itself
                        out.append(n)
                elif enum_problems:
                    # only a section without numbered items has them: they come where its walk would end
                    out.extend(enum_problems.get(id(n), ()))
            elif take and n.is_problem:
                out.append(n)
        return out

    def items_of(self, node: Node | None) -> list[EnumItem]:
        return self.enums.get(id(node) if node is not None else 0, [])

    # ---- scopes for declarative rules --------------------------------------
    def scope_ranges(self, scope: str) -> list[tuple[int, int]]:
        text = self.doc.text
        if scope == "document":
            return [(0, len(text))]
        if scope == "title":
            return [(p.start, p.end) for p in self.title]
        if scope == "lead":
            return [(p.start, p.end) for p in self.lead]
        if scope == "closing":
            return [(p.start, p.end) for p in self.closing]
        if scope == "headings":
            return [(n.start, n.title_end) for n in self.nodes() if not n.label_problem]
        if scope == "body":
            paras = self.preamble_body + [p for n in self.nodes() for p in ([n.paragraph] + n.body)]
            return sorted({(p.start, p.end) for p in paras})
        raise ValueError(f"unknown scope {scope}")


def format_ordinal(style: str, value: int, with_mark: bool = True) -> str:
    """The standard way to write ordinal ``value`` in ``style`` (GB/T 9704, GB/T 15834 附录B)."""
    key = (style, value, with_mark)
    known = _ORDINAL_FORMS.get(key)
    if known is None:
        known = _ORDINAL_FORMS[key] = _format_ordinal(style, value, with_mark)
    return known


_ORDINAL_FORMS: dict[tuple[str, int, bool], str] = {}  # numbering asks for the same few forms thousands of times


def _format_ordinal(style: str, value: int, with_mark: bool) -> str:
    if style == "cn-dun":
        base = int_to_cn(value)
    elif style == "cn-paren":
        base = f"（{int_to_cn(value)}）"
    elif style == "ar-dot":
        base = str(value)
    elif style == "ar-paren":
        base = f"（{value}）"
    elif style == "circled":
        base = CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    elif style == "ar-half-paren":
        base = f"{value}）"
    elif style == "problem-label":
        base = f"问题{value}"
    elif style == "enum":
        base = f"{int_to_cn(value)}是"
    else:
        raise KeyError(style)
    return base + (CANONICAL_MARK.get(style, "") if with_mark else "")


def content_start(line: str) -> int:
    if line[:1] not in PREFIX_STARTS:
        return 0  # nothing to skip: the common case, decided without the regex
    return PREFIX_RE.match(line).end()


SUPPRESSION_LINE = rx.compile(r"<!--[ \t]*noticelint-[^\n]*?-->")
LIST_NUMBER = rx.compile(r"\s*[0-9]")


class _Anything:
    """Stands for "every character" when a first-character set cannot be worked out (no shortcut then)."""

    def __contains__(self, _ch: str) -> bool:
        return True


def _starts(*patterns: re.Pattern) -> frozenset[str] | _Anything:
    """Every character a match of one of the patterns can start with (derived from the patterns)."""
    out: set[str] = set()
    for pat in patterns:
        chars = rx.first_chars(pat)
        if chars is None:  # another Python's re: the tests then simply try every pattern
            return _Anything()
        out |= chars
    return frozenset(out)


def _alternation(patterns: list[re.Pattern]) -> tuple[re.Pattern, list[int]]:
    """``patterns`` as one alternation (each wrapped in a group), and the wrapper group of each."""
    parts, wrappers, g = [], [], 1
    for pat in patterns:
        wrappers.append(g)
        parts.append(f"({pat.pattern})")
        g += 1 + pat.groups
    return rx.compile("|".join(parts)), wrappers


# One match tells which pattern of MARKERS is the first to match: alternatives are tried in
# order and the wrapper group of the one that matched is the last group to close (lastindex).
ANY_MARKER, _MARKER_GROUPS = _alternation([pat for _, _, pat in MARKERS])
_MARKER_OF_GROUP = {g: i for i, g in enumerate(_MARKER_GROUPS)}
# What opens a body paragraph, read with one match: a 一是 (wrapper group 1, its numeral group 2),
# else the first pattern of MARKERS, else a 问题N label (the order marker_parts reads them in).
PARAGRAPH_HEAD, _HEAD_GROUPS = _alternation([ENUM_AT_START, *(pat for _, _, pat in MARKERS), PROBLEM_LABEL])
_ENUM_HEAD = _HEAD_GROUPS[0]
_LABEL_HEAD = _HEAD_GROUPS[-1]
_ENUM_NUMERAL = _ENUM_HEAD + 1
_MARKER_OF_HEAD = {g: i for i, g in enumerate(_HEAD_GROUPS[1:-1])}
SENTENCE_END_RE = rx.compile(f"[{SENTENCE_END}]")
ISSUER_END_RE = rx.compile(r"(委员会|党委|党组|党工委|委)$")  # the issuer line above a title
NOT_TITLE_RE = rx.compile(r"[:：/]|https?|www\.")  # a line with these does not continue a title
SIGNER_END_RE = rx.compile(r"(委员会|党委|党组|党工委|委|局|办公室|巡察组|巡视组)$")
SIGNATURE_DATE_RE = rx.compile(r"[0-9〇零一二三四五六七八九十○Ｏ]{2,4}年.{1,6}月.{1,6}日")
MONTH_DAY_RE = rx.compile(r"\d+月\d+日")
PREFIX_STARTS = _starts(PREFIX_RE)
LEAD_STARTS = _starts(LEAD_MARKS)
ENUM_STARTS = _starts(ENUM_AT_START)
# A paragraph opening with one of these numerals, then 是 and none of NOT_ORDINAL_AFTER, opens with
# the 一是 ENUM_AT_START matches (是 is no numeral, so the numeral is that one character): the parser
# reads such a paragraph without PARAGRAPH_HEAD. The numeral's value by character.
ONE_CHAR_ORDINALS = {c: ordinal_value(c) for c in CN_NUM_CHARS}
# The standard bracketed ordinals （一）…（九十九） and （1）…（99）, most headings of a notice: read by
# a dictionary, not by PARAGRAPH_HEAD and _heading_of (tests/test_outline_fast.py checks that the two
# readings agree). Followed by one of MARKS_AFTER, an ordinal's marker includes that mark: the
# pattern reads those. (Built at import: _format_ordinal, not the memoised format_ordinal, which
# would keep 198 forms no run asks for.)
STANDARD_BRACKETED = {
    _format_ordinal(style, value, True): (style, rank, value) for style, rank in (("cn-paren", 2), ("ar-paren", 4)) for value in range(1, 100)
}
MARKS_AFTER = frozenset("、，,.．：:")
MARKER_STARTS = _starts(*(pat for _, _, pat in MARKERS), PROBLEM_LABEL)
HEAD_STARTS = _starts(ENUM_AT_START, *(pat for _, _, pat in MARKERS), PROBLEM_LABEL)
ITEM_STARTS = _starts(*(pat for _, _, pat in MARKERS), PROBLEM_LABEL, ENUM_AT_START, STATUS_LABEL, MEASURE_LABEL)


# Every character str.isspace accepts (tests/test_outline_fast.py checks the list).
WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                       "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# A line that opens with none of these is a paragraph whose content starts at the line start
# (most lines): only the others need content_start_of.
NOT_PLAIN_STARTS = PREFIX_STARTS if isinstance(PREFIX_STARTS, _Anything) else PREFIX_STARTS | WHITESPACE | {"<"}


def content_start_of(line: str, markdown: bool) -> int:
    """Where the content of a non-empty line starts, or -1 when the line is no paragraph: blank,
    markup or residue only, or (Markdown) a <!-- noticelint-… --> suppression comment (linter/suppress.py)."""
    cs = PREFIX_RE.match(line).end() if line[0] in PREFIX_STARTS else 0
    content = line[cs:]
    if not content or content.isspace() or (markdown and SUPPRESSION_LINE.fullmatch(content.strip())):
        return -1
    return cs


def split_paragraphs(doc: Document) -> list[Paragraph]:
    """Every paragraph of the document (one per line with content), made afresh."""
    return _Paragraphs(doc).between(1, len(doc.lines) + 1)


class _Paragraphs:
    """The paragraphs of a document, each made when first asked for and then always the same object.

    The parse reads the lines themselves; a Paragraph is made for what the outline lists (title,
    lead, headings, closing…) and for a heading's body only when a rule reads it.
    """

    __slots__ = ("text", "lines", "starts", "markdown", "made", "continuing")

    def __init__(self, doc: Document):
        self.text = doc.text
        self.lines = doc.lines
        self.starts = doc.line_starts
        self.markdown = doc.kind == "markdown"
        self.made: dict[int, Paragraph] = {}  # line number -> its paragraph
        self.continuing: set[int] = set()  # lines that carry on the previous line's sentence

    def at(self, no: int, cs: int) -> Paragraph:
        """The paragraph of line ``no``, whose content starts at ``cs`` (see content_start_of)."""
        p = self.made.get(no)
        if p is None:
            line, start = self.lines[no - 1], self.starts[no - 1]
            p = self.made[no] = Paragraph(no, start, start + cs, start + len(line), line[cs:] if cs else line, no in self.continuing)
        return p

    def mark_continuing(self, no: int) -> None:
        self.continuing.add(no)
        if no in self.made:
            self.made[no].continues = True

    def between(self, first: int, stop: int) -> list[Paragraph]:
        """The paragraphs of lines ``first`` to ``stop - 1``."""
        return list(self._from(first, stop, 1))

    def head(self) -> "_Head":
        """The first paragraphs, made one by one as they are looked at (see _find_title)."""
        return _Head(self._from(1, len(self.lines) + 1, 1))

    def backwards(self, stop: int, first: int) -> Iterator[Paragraph]:
        """The paragraphs of lines ``stop - 1`` down to ``first``."""
        return self._from(stop - 1, first - 1, -1)

    def _from(self, first: int, stop: int, step: int) -> Iterator[Paragraph]:
        lines, markdown, plain = self.lines, self.markdown, NOT_PLAIN_STARTS
        for no in range(first, stop, step):
            line = lines[no - 1]
            if line:
                cs = content_start_of(line, markdown) if line[0] in plain else 0
                if cs >= 0:
                    yield self.at(no, cs)


class _Head:
    """The first paragraphs of a document, each made when first looked at.

    _find_title reads up to 16 of them, but a notice's title is settled by its first four
    or five: making twenty paragraphs up front cost ~3 % of the parse.
    """

    __slots__ = ("made", "_more")

    def __init__(self, paragraphs: Iterator[Paragraph]):
        self.made: list[Paragraph] = []
        self._more = paragraphs

    def has(self, i: int) -> bool:
        """Whether the document has an ``i``-th paragraph (from 0); it is then ``made[i]``."""
        made = self.made
        while len(made) <= i:
            p = next(self._more, None)
            if p is None:
                return False
            made.append(p)
        return True


def ends_clause(text: str) -> bool:
    """True when a line ends its sentence or clause (so the next line is a new paragraph)."""
    last = text[-1:]
    if last in CLAUSE_END or not last:
        return True
    if last not in TRAILING_MARKUP:  # the common case, decided without stripping
        return False
    t = text.rstrip(TRAILING_MARKUP)
    return not t or t[-1] in CLAUSE_END


def _opens_unnumbered_item(t: str) -> bool:
    """A paragraph without an ordinal marker that still opens an item of its own: a 一是, or a label."""
    return t[:1] in ITEM_STARTS and bool(ENUM_AT_START.match(t) or STATUS_LABEL.match(t) or MEASURE_LABEL.match(t))


def marker_parts(text: str) -> tuple[str, int, int, int, str, str] | None:
    """(style, rank, value, end of the marker, its mark, the marker as written) of the ordinal opening ``text``."""
    if text[:1] not in MARKER_STARTS:
        return None  # no marker pattern can match here (most lines of prose)
    m = ANY_MARKER.match(text)
    first = len(MARKERS)
    if m is not None:  # the first pattern of the list that matches, read from the combined match
        first = _MARKER_OF_GROUP[m.lastindex]
        g = _MARKER_GROUPS[first]
        marker_text, token, mark = m.group(g, g + 1, g + 2)
        parts = _marker_reading(first, text, token, mark, m.end(), marker_text)
        if parts is not None:
            return parts
    return _later_marker(text, first)


# The styles whose reading of a marker does not look at the text after it (see _marker_reading).
_CONTEXT_FREE = frozenset(("cn-paren", "ar-paren", "circled", "ar-half-paren"))


def _heading_of(
    table: _Paragraphs, line: int, content_start: int, text: str, m: re.Match, readings: dict[str, tuple] | None = None
) -> Node | None:
    """The node of the paragraph ``text`` (on ``line``, from offset ``content_start``) whose PARAGRAPH_HEAD
    match ``m`` is an ordinal marker or a 问题N label (not a 一是); None when the marker's reading refuses
    it and no later pattern reads one ("一、二等奖").

    ``readings`` (one dict per parse) keeps the reading of each marker of a context-free style: a long
    notice writes the same few dozen markers thousands of times, and the dictionary answers at once.
    """
    g = m.lastindex
    if g == _LABEL_HEAD:
        parts = "problem-label", 6, ordinal_value(m.group(g + 1)) or 0, m.end(), "：", m.group(g)
    else:
        marker_text, token, mark = m.group(g, g + 1, g + 2)  # (each group is a new string: read once)
        known = readings.get(marker_text) if readings is not None else None
        if known is not None and known[0] == g:  # the same pattern read the same text: the same parts
            parts = known[1]
        else:
            first = _MARKER_OF_HEAD[g]
            parts = _marker_reading(first, text, token, mark, m.end(), marker_text)
            if parts is None:
                parts = _later_marker(text, first)
                if parts is None:
                    return None
            elif readings is not None and parts[0] in _CONTEXT_FREE:
                readings[marker_text] = (g, parts)
    style, rank, value, m_end, mark, marker_text = parts
    node = Node(style, rank, value, line, content_start, content_start + m_end, mark, marker_text, table)
    node.label_problem = style == "problem-label"
    return node


def _standard_bracketed(table: _Paragraphs, line: int, content_start: int, text: str) -> Node | None:
    """The node of the paragraph ``text`` when it opens with a standard bracketed ordinal and no mark after
    it ("（三）聚焦…", "（12）完善…"); None for any other paragraph."""
    close = text.find("）", 2, 5)  # （一） to （九十九）
    if close < 0 or text[close + 1 : close + 2] in MARKS_AFTER:
        return None
    marker_text = text[: close + 1]
    known = STANDARD_BRACKETED.get(marker_text)
    if known is None:
        return None
    style, rank, value = known
    return Node(style, rank, value, line, content_start, content_start + close + 1, "", marker_text, table)


def _later_marker(text: str, first: int) -> tuple[str, int, int, int, str, str] | None:
    """The reading of pattern ``first`` of MARKERS was refused (or none matched): the later patterns one by one, then 问题N."""
    for i in range(first + 1, len(MARKERS)):
        mm = MARKERS[i][2].match(text)
        if mm:
            parts = _marker_reading(i, text, mm.group(1), mm.group(2), mm.end(), mm.group(0))
            if parts is not None:
                return parts
    m = PROBLEM_LABEL.match(text)
    if m:
        return "problem-label", 6, ordinal_value(m.group(1)) or 0, m.end(), "：", m.group(0)
    return None


def _marker_reading(i: int, text: str, token: str, mark: str, m_end: int, marker_text: str) -> tuple[str, int, int, int, str, str] | None:
    """The parts of pattern ``MARKERS[i]`` matched at the start of ``text``, or None when it reads no ordinal there."""
    style, rank, _ = MARKERS[i]
    value = ordinal_value(token)
    if not value:
        return None
    if style == "cn-dun":
        if mark and mark in "，,：:" and not text[m_end:].strip():
            return None
        if mark == "、" and CN_LIST_AFTER_DUN.match(text, m_end):
            return None  # "一、二等奖"
    elif style == "ar-dot":
        # "1、3、5分钟" or "2023、2024年": a list of numbers, not a heading
        if LIST_NUMBER.match(text, m_end) or not text[m_end:].strip():
            return None
    return style, rank, value, m_end, mark, marker_text


def _title(text: str, start: int, end: int) -> tuple[str, bool, int]:
    """Split a heading's text ``text[start:end]`` into its title and, for a run-in heading, the prose after it.

    Returns (title, run_in, end of the title as an offset into ``text``). The spaces and markup
    around the title are stepped over in place rather than stripped from copies: a heading
    rarely has more than one such character, and the parse reads thousands of headings.
    """
    while start < end and text[start] in HEADING_SPACE:
        start += 1
    while end > start and text[end - 1] in TRAILING_MARKUP:
        end -= 1
    m = SENTENCE_END_RE.search(text, start, end)  # the first sentence end; run-in when text follows it
    if m is not None and m.end() < end:
        return text[start : m.end()], True, m.end()
    return text[start:end], False, end


def _is_furniture(p: Paragraph) -> bool:
    return bool(FURNITURE_RE.search(p.text.strip()))


def _title_candidate(p: Paragraph) -> bool:
    t = p.text
    return "关于" in t and "。" not in t and marker_parts(t) is None and not _is_furniture(p)


def _find_title(head: _Head) -> tuple[list[Paragraph], list[Paragraph], int]:
    """Return (furniture, title lines, index of the first paragraph after the title).

    Page furniture (breadcrumbs, metadata, URLs) before the title is skipped; a
    title duplicated by a web page (its <title> with a site suffix, then the
    heading) is read once, from its last copy. The title is looked for among
    the first ten paragraphs, each made only when looked at.
    """
    if not head.has(0):
        return [], [], 0
    paras, limit = head.made, 10
    anchor = next((i for i in range(limit) if head.has(i) and _title_candidate(paras[i])), None)
    if anchor is not None:
        # a later candidate contained in this one is the real title; this one is a page title
        for j in range(anchor + 1, min(anchor + 4, limit)):
            if not head.has(j):
                break
            t = paras[j].text.strip()
            if _title_candidate(paras[j]) and len(t) >= 8 and t in paras[anchor].text:
                anchor = j
                break
    else:
        first = next((i for i in range(limit) if head.has(i) and not _is_furniture(paras[i])), None)
        if first is None:
            return [], [], 0
        if "。" in paras[first].text or marker_parts(paras[first].text) is not None:
            return paras[:first], [], first
        anchor = first
    start = anchor
    # an issuer line directly above "关于…": "中共××委员会"
    if (
        start > 0
        and paras[start - 1].line == paras[start].line - 1
        and not _is_furniture(paras[start - 1])
        and ISSUER_END_RE.search(paras[start - 1].text.strip())
    ):
        start -= 1
    end = anchor + 1
    while (
        end - start < 3
        and head.has(end)
        and paras[end].line == paras[end - 1].line + 1
        and "。" not in paras[end].text
        and not NOT_TITLE_RE.search(paras[end].text)
        and not _is_furniture(paras[end])
        and marker_parts(paras[end].text) is None
        and not paras[end].text.startswith(("根据", "按照", "为", "经"))
        and len(paras[end].text) < 40
    ):
        end += 1
    # furniture right after the title (metadata lines) belongs to the page, not the lead
    skip = end
    while skip - end < 4 and head.has(skip) and _is_furniture(paras[skip]):
        skip += 1
    return paras[:start] + paras[end:skip], paras[start:end], skip


def _is_closing(p: Paragraph) -> bool:
    return bool(CLOSING_RE.search(p.text))


def _is_signature(p: Paragraph) -> bool:
    t = p.text.strip()
    return bool(SIGNATURE_RE.match(t)) and (
        SIGNER_END_RE.search(t) is not None or SIGNATURE_DATE_RE.fullmatch(t) is not None
    )


def _find_closing(backwards: Iterator[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """(the closing block, trailing page furniture), read from the last paragraph of ``backwards`` up.

    A numbered paragraph is never part of the closing block, even when it
    mentions 监督 ("（三）…自觉接受群众监督。").
    """
    furniture: list[Paragraph] = []
    block: list[Paragraph] = []
    p = next(backwards, None)
    while p is not None and _is_furniture(p):
        furniture.append(p)
        p = next(backwards, None)
    while p is not None and (_is_closing(p) or _is_signature(p)) and marker_parts(p.text) is None:
        block.append(p)
        p = next(backwards, None)
    furniture.reverse()
    block.reverse()
    # a signature alone is not a closing block worth separating unless contact text is there
    return (block if any(_is_closing(p) for p in block) else []), furniture


def _role(title: str) -> str | None:
    for role, pat in ROLE_PATTERNS:
        if pat.search(title):
            return role
    return None


def parse_outline(doc: Document) -> Outline:
    table = _Paragraphs(doc)
    head = table.head()
    furniture, title, i = _find_title(head)
    made = head.made
    body_from = made[i].line if head.has(i) else (made[-1].line + 1 if made else 1)
    closing, tail = _find_closing(table.backwards(len(doc.lines) + 1, body_from))
    body_stop = (closing or tail or [None])[0]
    body_stop = body_stop.line if body_stop is not None else len(doc.lines) + 1
    furniture += tail

    roots: list[Node] = []
    nodes: list[Node] = []  # every node in text order, which is depth-first order
    body_lines: list[int] = []  # for each node, the line its body starts on
    stack: list[Node] = []
    lead: list[Paragraph] = []
    preamble: list[Paragraph] = []
    items = _ItemReader(doc.text)  # 一是 items are read as their paragraphs are placed
    markdown, not_plain = table.markdown, NOT_PLAIN_STARTS
    prev_no, prev_text = -1, ""  # the previous paragraph's line and content
    heading: Node | None = None  # the heading whose line (or title continuation) is the previous paragraph
    readings: dict[str, tuple] = {}  # marker -> its reading, for this parse (see _heading_of)
    # The lines are read here rather than as Paragraphs: most are a heading's body, made only if asked for.
    for no, line, start in zip(count(body_from), islice(doc.lines, body_from - 1, body_stop - 1), islice(doc.line_starts, body_from - 1, None)):
        if not line:
            continue
        first = line[0]  # (indexing makes a new string for a Chinese character: done once for most lines)
        if first in not_plain:
            cs = content_start_of(line, markdown)
            if cs < 0:
                continue
            t = line[cs:]
            first = t[0]
        else:
            cs, t = 0, line
        # A 一是 opening the paragraph (item_end: where its 是 ends in t, 0 when none) or an ordinal marker,
        # read by one match; a paragraph opening with a 一是 has no marker.
        item_end = item_value = 0
        node = None
        if first in HEAD_STARTS:
            if first in ONE_CHAR_ORDINALS and t.startswith("是", 1) and not t.startswith(NOT_ORDINAL_AFTER, 2):
                # "二是…", most body lines: what PARAGRAPH_HEAD would read, told by comparing characters
                item_end, item_value = 2, ONE_CHAR_ORDINALS[first]
            else:
                # "（三）…", "（12）…", most headings: read without PARAGRAPH_HEAD
                node = _standard_bracketed(table, no, start + cs, t) if first == "（" else None
                m = PARAGRAPH_HEAD.match(t) if node is None else None
                if m is not None:
                    if m.lastindex == _ENUM_HEAD:
                        item_end, item_value = m.end(), ordinal_value(m.group(_ENUM_NUMERAL))
                    else:
                        node = _heading_of(table, no, start + cs, t, m, readings)
        if node is None:
            continues = False
            # An item (一是…) neither carries on a heading's title nor the previous line's sentence.
            if not item_end and prev_no == no - 1:
                if heading is not None and not heading.run_in and _extends_heading(heading, t):
                    _join_heading(heading, table.at(no, cs))
                    body_lines[-1] = no + 1
                    if heading.run_in:  # its run-in prose is on this line
                        items.read(no, heading.title_end, heading.paragraph.end, False, False)
                    prev_no, prev_text = no, t
                    continue
                if (heading is None or heading.run_in) and not ends_clause(prev_text) and not _opens_unnumbered_item(t):
                    continues = True
                    table.mark_continuing(no)
            heading = None
            if nodes:  # the body of the last heading (nodes[-1] is stack[-1])
                items.read(no, start + cs, start + len(line), not continues, continues, item_end, item_value)
            else:
                p = table.at(no, cs)
                if not lead or _lead_continues(lead, p, preamble):
                    lead.append(p)
                else:
                    preamble.append(p)
                    items.read(no, p.content_start, p.end, not continues, continues, item_end, item_value)
            prev_no, prev_text = no, t
            continue
        nodes.append(node)
        body_lines.append(no + 1)
        items.open(id(node))
        if items.inline_before(start + len(line)) and node.run_in:  # (its title is read only then)
            items.read(no, node.title_end, start + len(line), False, False)
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        if stack:
            parent = node.parent = stack[-1]
            if parent.children:
                parent.children.append(node)
            else:
                parent.children = [node]  # its first child: a leaf shares the empty tuple
        else:
            roots.append(node)
        stack.append(node)
        prev_no, prev_text, heading = no, t, node

    # a heading's body: its paragraphs up to the next heading
    stops = [n.line for n in islice(nodes, 1, None)]  # each body stops at the next heading (zip: no index arithmetic per node)
    stops.append(body_stop)
    for node, first, stop in zip(nodes, body_lines, stops):
        node._body_lines = first, stop
    outline = Outline(doc, table, title, furniture, lead, roots, preamble, closing, items.finish())
    outline._node_list = nodes  # the tree is complete: rules only read it
    _assign_roles(outline)
    _mark_problems(outline)
    _promote_enum_problems(outline)
    return outline


def _extends_heading(node: Node, text: str) -> bool:
    """A standalone heading broken by a stray line break: "（1）强化监管体系建设，完善暂扣" + "款管理".

    ``text`` (the next paragraph's) has no ordinal marker (the parser asks only then); the cheap tests come first.
    """
    if node.run_in or node.label_problem:
        return False
    if not node.title:  # the marker alone on its line: the next line is the title
        short = "。" not in text.rstrip("。") and len(text) <= 60
    else:
        t = text.rstrip(TRAILING_MARKUP)
        short = not ends_clause(node.title) and not ends_clause(t) and len(t) <= 30 and "。" not in t
    return short and not _opens_unnumbered_item(text)


def _join_heading(node: Node, p: Paragraph) -> None:
    title, run_in, title_end = _title(p.text, 0, len(p.text))
    node._title = node.title + title
    node._title_end = title_end + p.content_start
    node._run_in = run_in
    if run_in:  # the prose after the title sentence now lives on the continuation line
        node._paragraph = Paragraph(p.line, p.start, p.content_start, p.end, p.text)


def _lead_continues(lead: list[Paragraph], p: Paragraph, preamble: list[Paragraph]) -> bool:
    """The lead is one paragraph, several when a line break split it, or up to three short
    paragraphs of lead facts that end with the publication sentence."""
    if preamble:
        return False
    if not ends_clause(lead[-1].text):
        return True
    text = "".join(x.text for x in lead)
    if lead[-1].text.rstrip().endswith(("：", ":")) or PUBLICATION_RE.search(text):
        return False
    return len(lead) < 3 and bool(LEAD_WORDS.search(p.text)) and bool(PUBLICATION_RE.search(p.text) or MONTH_DAY_RE.search(p.text))


def _has_problem_content(n: Node) -> bool:
    """A section whose items read as problems fed back (关于…问题, 问题N：, 整改情况：)."""
    for d in n.walk():
        if d is n:
            continue
        if d.label_problem or PROBLEM_TITLE.search(d.title):
            return True
    return any(MEASURE_LABEL.match(p.text) for d in n.walk() for p in d.body)


def _assign_roles(o: Outline) -> None:
    top = o.roots
    for n in top:
        n.role = _role(n.title)
    roles = [n.role for n in top]
    if "rectification" not in roles:
        problem_roots = [n for n in top if PROBLEM_TITLE.search(n.title)]
        if len(problem_roots) >= 2:
            # every problem is a top-level item: those items are the rectification part
            o.virtual_rectification = True
            for n in problem_roots:
                n.role = None
            return
        # a slogan heading ("二、聚焦“靶心”真改实改…") whose items are problems
        for n in top:
            if n.role is None and _has_problem_content(n):
                n.role = "rectification"
                break
        roles = [n.role for n in top]
    if "rectification" in roles:
        idx = roles.index("rectification")
        # A slogan heading before the rectification section is section one.
        if idx > 0 and top[0].role is None and "responsibility" not in roles:
            top[0].role = "responsibility"
    elif not top and any(SUMMARY_RECTIFICATION.search(p.text) for p in o.preamble_body):
        # a summary notice without numbering: its prose after the lead reports the rectification
        o.virtual_rectification = True


class _ItemReader:
    """Finds the 一是/二是 items of each owner's own prose, chunk by chunk, as the parser places them.

    An owner is a node (its run-in prose, then its body paragraphs) or, with key 0, the
    unnumbered paragraphs before the first heading. Chunks arrive in text order, so the
    inline items, found in one pass over the whole text, are walked with one pointer.
    """

    __slots__ = ("text", "inline", "inline_starts", "n_inline", "k", "enums", "key", "items", "gap", "last_line", "before_headings")

    def __init__(self, text: str):
        self.text = text
        # An item never spans a line break and two never overlap, so the items of a chunk are
        # exactly those of this list that lie inside it.
        self.inline: list[tuple[int, int, str]] = []
        for m in ENUM_INLINE_FROM_SHI.finditer(text):
            token = m.group(m.lastindex)
            self.inline.append((m.start() - len(token), m.end(), token))
        self.inline_starts = [s for s, _, _ in self.inline]
        self.n_inline = len(self.inline)
        self.k = 0
        self.enums: dict[int, list[EnumItem]] = {}
        self.before_headings: list[EnumItem] = []
        self.key = 0
        self.items: list[EnumItem] = []
        self.gap = False  # an unnumbered paragraph since the last item
        self.last_line = 0  # the line of the last item's paragraph (0: none yet)

    def open(self, key: int) -> None:
        """Start reading the chunks of another owner (the previous one is complete)."""
        if self.items:
            self._keep()
            self.items = []
        self.key = key
        self.gap = False
        self.last_line = 0

    def _keep(self) -> None:
        """Store the items of the owner just read (a node id is never 0)."""
        if self.key:
            self.enums[self.key] = self.items
        else:
            self.before_headings = self.items

    def finish(self) -> dict[int, list[EnumItem]]:
        """id(node) -> its items (0: the paragraphs before the first heading, listed last)."""
        if self.items:
            self._keep()
        if self.before_headings:
            self.enums[0] = self.before_headings
        return self.enums

    def inline_before(self, end: int) -> bool:
        """Whether an inline item not yet read starts before ``end`` (when not, a chunk that cannot
        hold a paragraph-initial item has nothing to read in an owner just opened)."""
        return self.k < self.n_inline and self.inline_starts[self.k] < end

    def read(self, line: int, start: int, end: int, para_initial_possible: bool, continues: bool, item_end: int = 0, item_value: int | None = 0) -> None:
        """Read the chunk ``start``-``end`` of the paragraph on ``line`` (``continues``: it carries on the previous line's sentence).

        A paragraph-initial item is possible only in a body paragraph read from its content
        start; the parser has then already read whether a 一是 opens it: ``item_end`` is where
        its 是 ends (relative to ``start``; 0: no 一是) and ``item_value`` its number (falsy for
        "二二是", not a numeral).
        """
        if self.k < self.n_inline:
            starts = self.inline_starts
            k = self.k
            while k < self.n_inline and starts[k] < start:
                k += 1
            self.k = k
            if k < self.n_inline and starts[k] < end:
                return self._read_chunk(line, start, end, para_initial_possible, continues)
        if para_initial_possible:
            if item_end:
                if item_value:  # the common case: one paragraph-initial item and nothing inline
                    self.items.append(EnumItem(item_value, line, start, start + item_end, end, True, self.gap))
                    self.gap = False
                    self.last_line = line
                    return
            elif self.text[start] in LEAD_STARTS:  # marks before a 一是
                return self._read_chunk(line, start, end, para_initial_possible, continues)
        if self.items and not continues and line != self.last_line:
            self.gap = True  # no item here (none, or "二二是": not a numeral)

    def _read_chunk(self, line: int, start: int, end: int, para_initial_possible: bool, continues: bool) -> None:
        """The general reading of a chunk: marks before its 一是, inline items (the pointer is at its first)."""
        text, inline, items = self.text, self.inline, self.items
        lead = LEAD_MARKS.match(text, start, end).end() if start < end and text[start] in LEAD_STARTS else start
        first = text[lead] if lead < end else ""
        found: list[tuple[int, int, int, bool]] = []
        m0 = ENUM_AT_START.match(text, lead, end) if para_initial_possible and first in ENUM_STARTS else None
        if m0:
            v0 = ordinal_value(m0.group(1))
            if v0:
                found.append((v0, m0.start(), m0.end(), True))
            else:
                m0 = None  # "二二是": not a numeral, not an item
        k = self.k
        while k < len(inline) and inline[k][0] < end:
            ms, me, token = inline[k]
            k += 1
            if me > end or (m0 and ms == m0.start()):
                continue
            v = ordinal_value(token)
            if v:
                found.append((v, ms, me, False))
        self.k = k
        # inline items count only in a paragraph that has a first item or continues a series
        if found and not found[0][3] and not any(f[0] == 1 for f in found) and not (items and found[0][0] == items[-1].value + 1):
            found = []
        if not found:
            if items and not continues and line != self.last_line:
                self.gap = True
            return
        for i, (v, s, me, pi) in enumerate(found):
            e = found[i + 1][1] if i + 1 < len(found) else end
            if i == 0:
                # an inline first item has its own introduction before it
                separated = self.gap or (not pi and s > lead and line != self.last_line)
            else:
                separated = False
            items.append(EnumItem(v, line, s, me, e, pi, separated))
        self.gap = False
        self.last_line = line


def _mark_problems(o: Outline) -> None:
    """Problems are the deepest items of the rectification and long-term sections.

    A heading whose only children are 问题N labels is a group; the labels are
    the problems ("1.…方面" + "问题1：…" numbered in parallel).
    """
    virtual = o.virtual_rectification
    root: Node | None = None
    in_section = in_virtual = False
    for n in o.nodes():  # depth first: each root, then the nodes under it
        if n.parent is None:
            root = n
            in_section = n.role in ("rectification", "longterm")
            in_virtual = virtual and n.role is None  # every top-level item is then a problem too
        if ((in_section and n is not root) or in_virtual) and (n.label_problem or not n.children):
            n.is_problem = True


def _promote_enum_problems(o: Outline) -> None:
    """In a rectification or long-term section without numbered items, paragraph-initial
    一是/二是 items that read as problems ("一是关于…的问题。…") are its problems."""
    text = o.doc.text
    for sec in o.roots:
        if sec.role not in ("rectification", "longterm") or sec.children:
            continue
        items = [it for it in o.items_of(sec) if it.para_initial]
        if not items:
            continue
        # Looked up by line, not searched for each item: a long section stays linear.
        para_of = {p.line: p for p in sec.body}  # a paragraph-initial item is in a body paragraph
        titled = [_title(text, it.marker_end, para_of[it.line].end) for it in items]
        if sum(1 for t in titled if PROBLEM_TITLE.search(t[0])) * 2 <= len(items):
            continue
        problems: list[Node] = []
        for it, (title, run_in, title_end) in zip(items, titled):
            node = Node("enum", 7, it.value, it.line, it.start, it.marker_end, "", text[it.start : it.marker_end], None, title, title_end, run_in, para_of[it.line])
            node.parent, node.is_problem = sec, True
            problems.append(node)
        # each problem's body: the paragraphs after its line, up to the next problem's line
        lines = [p.line for p in sec.body]
        for k, node in enumerate(problems):
            stop = bisect_left(lines, problems[k + 1].line) if k + 1 < len(problems) else len(lines)
            node.body = sec.body[bisect_right(lines, node.line) : stop]
        o.enum_problems[id(sec)] = problems


# ---- measures ---------------------------------------------------------------

_EMPTY_RE = rx.compile(r"^[\s\u3000。；;，,：:、.．*_]*$")


class Measure:
    """One rectification measure under a problem (a 一是 item or a paragraph)."""

    __slots__ = ("line", "start", "end", "text", "enum")

    def __init__(self, line: int, start: int, end: int, text: str, enum: EnumItem | None):
        self.line = line
        self.start = start
        self.end = end
        self.text = text
        self.enum = enum

    def __repr__(self) -> str:
        return f"Measure(line {self.line}, {self.start}-{self.end}, {self.text!r})"

    @property
    def empty(self) -> bool:
        return bool(_EMPTY_RE.match(self.text))


def measures_of(o: Outline, node: Node) -> list[Measure]:
    """Measures under a problem: its 一是 items, else its prose paragraphs (labels excluded).

    After a 问题N： label, the rest of the line is the problem's description, so
    it is a measure only when it carries a 整改情况： label.
    """
    text = o.doc.text
    items = [] if node.style == "enum" else o.items_of(node)
    if items:
        return [Measure(it.line, it.start, it.end, text[it.marker_end : it.end], it) for it in items]
    out: list[Measure] = []
    if node.run_in:
        rest = text[node.title_end : node.paragraph.end]
        if node.label_problem:
            m = MEASURE_LABEL_ANYWHERE.search(rest)
            if m:
                out.append(Measure(node.line, node.title_end + m.end(), node.paragraph.end, rest[m.end() :], None))
        elif not _EMPTY_RE.match(rest):
            out.append(Measure(node.line, node.title_end, node.paragraph.end, rest, None))
    for p in node.body:
        t = p.text
        if p.continues or STATUS_LABEL.match(t):
            continue
        m = MEASURE_LABEL.match(t)
        content = t[m.end() :] if m else t
        out.append(Measure(p.line, p.content_start, p.end, content, None))
    return out


def outline_to_dict(o: Outline) -> dict:
    doc = o.doc

    def problem_fields(n: Node, d: dict) -> None:
        ms = measures_of(o, n)
        d["problem"] = True
        d["measures"] = len([m for m in ms if not m.empty])

    def node_dict(n: Node) -> dict:
        d = {
            "line": n.line,
            "marker": doc.text[n.start : n.marker_end],
            "style": n.style,
            "level": n.rank,
            "value": n.value,
            "title": n.title,
            "run_in": n.run_in,
        }
        if n.role:
            d["role"] = n.role
        if n.is_problem:
            problem_fields(n, d)
        items = o.items_of(n) if n.style != "enum" else []
        if items:
            d["enumeration"] = [{"line": it.line, "value": it.value, "inline": not it.para_initial} for it in items]
        kids = [node_dict(c) for c in n.children] + [node_dict(c) for c in o.enum_problems.get(id(n), [])]
        if kids:
            d["children"] = kids
        return d

    def lines(ps: list[Paragraph]) -> list[int]:
        return [p.line for p in ps]

    return {
        "path": doc.path,
        "unit": doc.unit,
        "title": {"lines": lines(o.title), "text": "".join(p.text.strip() for p in o.title)},
        "lead": {"lines": lines(o.lead)},
        "sections": [node_dict(n) for n in o.roots],
        "unnumbered": {"lines": lines(o.preamble_body)},
        "closing": {"lines": lines(o.closing)},
        "furniture": {"lines": lines(o.furniture)},
        "virtual_rectification": o.virtual_rectification,
    }


def format_outline(o: Outline, lang: str = "zh") -> str:
    """Human-readable tree: line number, marker, title; per problem the number of measures."""
    doc = o.doc
    unit = "¶" if doc.kind == "docx" else ""
    out: list[str] = []
    zh = lang == "zh"

    def where(line: int) -> str:
        return f"{unit}{line:>4}"

    if o.title:
        out.append(f"{where(o.title[0].line)}  {'标题' if zh else 'title'}: {''.join(p.text.strip() for p in o.title)}")
    if o.lead:
        out.append(f"{where(o.lead[0].line)}  {'导语' if zh else 'lead'} ({len(o.lead)} {'段' if zh else 'paragraph(s)'})")

    def emit(n: Node, depth: int) -> None:
        marker = doc.text[n.start : n.marker_end]
        title = n.title if len(n.title) <= 40 else n.title[:39] + "…"
        extra = ""
        if n.role:
            extra += f"  [{ROLE_LABELS[n.role] if zh else n.role}]"
        if n.is_problem:
            count = len([m for m in measures_of(o, n) if not m.empty])
            extra += f"  ({'问题，整改措施' if zh else 'problem, measures'} {count})"
        out.append(f"{where(n.line)}  {'  ' * depth}{marker}{title}{extra}")
        for c in n.children:
            emit(c, depth + 1)
        for c in o.enum_problems.get(id(n), []):
            emit(c, depth + 1)

    for r in o.roots:
        emit(r, 0)
    if o.virtual_rectification:
        out.append(("      （未见整改落实情况标题，按全文为整改部分）" if zh else "      (no rectification heading; the whole text is read as that section)"))
    if o.closing:
        out.append(f"{where(o.closing[0].line)}  {'结尾（监督、公开期限、联系方式）' if zh else 'closing (supervision, disclosure period, contacts)'}")
    return "\n".join(out)
