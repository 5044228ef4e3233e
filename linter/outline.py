"""Parse a notice into an outline: title, lead, numbered sections, problems, measures, closing.

The parser is deliberately tolerant (see shared VARIANTS.md): it accepts every
numbering scheme of GB/T 9704 and the common deviations (``一.``, ``1、``,
``(一)``, ``一)``, ``⑴``...), records how each ordinal was written so rules can
report the deviation, and never fails. Rules read the tree; they never re-parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .document import Document
from .numerals import CIRCLED, CN_NUM_CHARS, PAREN_CN, PAREN_DIGITS, int_to_cn, ordinal_value

# What may precede the real start of a line: indentation, Markdown heading or
# emphasis marks, and converter residue such as "[bookmark: _Toc123]".
PREFIX_RE = re.compile(r"(?:[ \t\u3000\u00a0]+|#{1,6}[ \t]+|\*\*|>[ \t]?|\[bookmark:[^\]\n]*\]|<a [^>\n]*>\s*</a>)*")

CN = f"[{CN_NUM_CHARS}]{{1,3}}"
# Each entry: (style, rank, regex at content start). Order matters: longer forms first.
MARKERS: list[tuple[str, int, re.Pattern]] = [
    # level 2: （一）; with a stray mark after it; half-width or mixed brackets; ㈠; "一)"
    ("cn-paren", 2, re.compile(rf"[（(]({CN})[）)]([、，,.．：:]?)")),
    ("cn-paren", 2, re.compile(rf"([{PAREN_CN}])([、，,.．：:]?)")),
    ("cn-paren", 2, re.compile(rf"({CN})[）)](?!是)([、，,.．：:]?)")),
    # level 4: （1）, (1), ⑴
    ("ar-paren", 4, re.compile(r"[（(]([0-9０-９]{1,2})[）)]([、，,.．：:]?)")),
    ("ar-paren", 4, re.compile(rf"([{PAREN_DIGITS}])([、，,.．：:]?)")),
    # level 1: 一、 and the wrong marks 一. 一． 一， 一：
    ("cn-dun", 1, re.compile(rf"({CN})([、.．，,：:])(?![0-9])")),
    # level 3: 1. and the wrong marks 1、 1． 1， (not a decimal like 2.95)
    ("ar-dot", 3, re.compile(r"([0-9０-９]{1,2})([.．、，,])(?![0-9０-９])")),
    # level 5: ① and 1）
    ("circled", 5, re.compile(rf"([{CIRCLED}])([、，,.．：:]?)")),
    ("ar-half-paren", 5, re.compile(r"([0-9]{1,2})[）)]([、，,.．：:]?)")),
]

CANONICAL_MARK = {"cn-dun": "、", "ar-dot": ".", "cn-paren": "", "ar-paren": "", "circled": "", "ar-half-paren": ""}

ENUM_AT_START = re.compile(rf"({CN})是(?!否|指|说|因为|由于)")
ENUM_INLINE = re.compile(rf"(?<=[。；;，,：:！？ \u3000])({CN})是(?!否|指|说|因为|由于)")
PROBLEM_LABEL = re.compile(r"问题\s*([0-9一二三四五六七八九十]{1,3})\s*[:：]")
STATUS_LABEL = re.compile(r"(问题|问题描述|存在问题|完成情况|完成时限|整改时限|责任单位|责任领导|整改目标|整改状态)\s*[:：]")
MEASURE_LABEL = re.compile(r"(整改情况|整改措施|整改进展|整改成效|落实情况|工作措施)\s*[:：]")

CLOSING_RE = re.compile(
    r"欢迎.{0,30}监督|接受.{0,8}监督|意见建议|联系电话|联系方式|举报电话|电话[:：]|邮政信箱|通信地址|通讯地址|邮寄地址|"
    r"邮政编码|邮编|电子邮箱|电子信箱|邮箱[:：]|公开期限|公开时间|公示期|公示时间|公开期"
)
SIGNATURE_RE = re.compile(r"^[^。，；]{2,40}$")
SENTENCE_END = "。！？"

ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("longterm", re.compile(r"长期|持续(深化|推进|整改)的|尚未完成|未完成整改")),
    ("nextsteps", re.compile(r"下一步|今后|巩固(深化)?(巡[视察])?整改成果|深化整改成果")),
    ("rectification", re.compile(r"反馈.{0,10}(问题|意见)|整改期.{0,4}整改|问题.{0,4}整改(落实|进展)?情况|整改落实情况|意见.{0,4}整改")),
    ("responsibility", re.compile(r"主体责任|组织领导|政治责任|政治站位|政治担当|整改工作(开展|基本)?情况|组织整改|第一责任")),
]
ROLE_LABELS = {
    "responsibility": "履行整改主体责任",
    "rectification": "反馈问题整改落实",
    "longterm": "需长期整改事项",
    "nextsteps": "下一步工作打算",
}
PROBLEM_TITLE = re.compile(r"关于.{0,60}问题|问题[0-9一二三四五六七八九十]|在“.{1,40}”方面|方面的问题|存在.{0,20}问题")


@dataclass
class Paragraph:
    line: int
    start: int  # offset of the line
    content_start: int  # after indentation / residue
    end: int  # end of line (exclusive)
    text: str  # content (from content_start to end)


@dataclass
class EnumItem:
    """One 一是/二是 item: paragraph-initial or inline."""

    value: int
    line: int
    start: int  # offset of the ordinal
    marker_end: int  # offset after "X是"
    end: int  # end of the item's text
    para_initial: bool

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.marker_end


@dataclass
class Node:
    style: str
    rank: int
    value: int
    line: int
    start: int  # offset of the ordinal marker
    marker_end: int  # offset after the marker and its punctuation
    mark: str  # punctuation actually written after the ordinal ('' if none)
    marker_text: str
    title: str
    title_end: int
    run_in: bool
    paragraph: Paragraph
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    role: str | None = None
    is_problem: bool = False
    label_problem: bool = False  # a "问题1：" marker rather than a numbered heading

    def walk(self) -> Iterator["Node"]:
        yield self
        for c in self.children:
            yield from c.walk()

    @property
    def written_ordinal(self) -> str:
        """The ordinal as written, without the punctuation mark after it."""
        return self.marker_text[: len(self.marker_text) - len(self.mark)] if self.mark else self.marker_text

    @property
    def mark_span(self) -> tuple[int, int]:
        return self.marker_end - len(self.mark), self.marker_end

    def run_in_text(self, doc_text: str) -> str:
        """The prose after a run-in heading's title sentence, on the heading's own line."""
        return doc_text[self.title_end : self.paragraph.end] if self.run_in else ""


@dataclass
class Outline:
    doc: Document
    paragraphs: list[Paragraph]
    title: list[Paragraph]
    furniture: list[Paragraph]
    lead: list[Paragraph]
    roots: list[Node]
    preamble_body: list[Paragraph]  # unnumbered paragraphs after the lead and before the first heading
    closing: list[Paragraph]
    enums: dict[int, list[EnumItem]]  # id(node) -> items in its own body (0 = document level)
    virtual_rectification: bool = False

    # ---- navigation -------------------------------------------------------
    def nodes(self) -> Iterator[Node]:
        for r in self.roots:
            yield from r.walk()

    def sections(self) -> list[Node]:
        return list(self.roots)

    def section(self, role: str) -> Node | None:
        return next((n for n in self.roots if n.role == role), None)

    def problems(self, role: str = "rectification") -> list[Node]:
        """The deepest numbered items under the section with ``role``."""
        if role == "rectification" and self.virtual_rectification:
            return [n for n in self.nodes() if n.is_problem]
        sec = self.section(role)
        if sec is None:
            return []
        return [n for n in sec.walk() if n is not sec and n.is_problem]

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
    base = {
        "cn-dun": int_to_cn(value),
        "cn-paren": f"（{int_to_cn(value)}）",
        "ar-dot": str(value),
        "ar-paren": f"（{value}）",
        "circled": CIRCLED[value - 1] if 1 <= value <= 20 else str(value),
        "ar-half-paren": f"{value}）",
        "problem-label": f"问题{value}",
        "enum": f"{int_to_cn(value)}是",
    }[style]
    return base + (CANONICAL_MARK.get(style, "") if with_mark else "")


def content_start(line: str) -> int:
    return PREFIX_RE.match(line).end()


def split_paragraphs(doc: Document) -> list[Paragraph]:
    paras = []
    starts = doc.line_starts
    for i, line in enumerate(doc.lines):
        if not line.strip():
            continue
        cs = content_start(line)
        content = line[cs:]
        if not content.strip():
            continue
        paras.append(Paragraph(i + 1, starts[i], starts[i] + cs, starts[i] + len(line), content))
    return paras


def match_marker(p: Paragraph) -> Node | None:
    text = p.text
    for style, rank, rx in MARKERS:
        m = rx.match(text)
        if not m:
            continue
        token, mark = m.group(1), (m.group(2) if m.lastindex and m.lastindex >= 2 else "")
        value = ordinal_value(token)
        if value is None or value == 0:
            continue
        rest = text[m.end() :]
        if style == "cn-dun" and (mark in "，,：:" and mark) and not rest.strip():
            continue
        if style == "ar-dot":
            # "1、3、5分钟" or "2023、2024年": a list of numbers, not a heading
            if re.match(r"\s*[0-9]", rest) or not rest.strip():
                continue
        if style == "cn-dun" and mark in "，," and len(rest) > 60 and "。" in rest[:40]:
            # "一，…。" reads as prose more often than as a mis-marked heading
            pass
        end = p.content_start + m.end()
        title, run_in, title_end = _title(rest, end)
        return Node(
            style=style,
            rank=rank,
            value=value,
            line=p.line,
            start=p.content_start,
            marker_end=end,
            mark=mark,
            marker_text=m.group(0),
            title=title,
            title_end=title_end,
            run_in=run_in,
            paragraph=p,
        )
    m = PROBLEM_LABEL.match(text)
    if m:
        value = ordinal_value(m.group(1)) or 0
        end = p.content_start + m.end()
        rest = text[m.end() :]
        title, run_in, title_end = _title(rest, end)
        return Node("problem-label", 6, value, p.line, p.content_start, end, "：", m.group(0), title, title_end, run_in, p, label_problem=True)
    return None


def _title(rest: str, offset: int) -> tuple[str, bool, int]:
    """Split a heading's text into its title and, for a run-in heading, the prose after it."""
    stripped = rest.rstrip()
    for i, ch in enumerate(stripped):
        if ch in SENTENCE_END and i < len(stripped) - 1:
            return stripped[: i + 1], True, offset + i + 1
    return stripped, False, offset + len(stripped)


def _find_title(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph], int]:
    """Return (furniture, title lines, index of the first paragraph after the title)."""
    if not paras:
        return [], [], 0
    limit = min(len(paras), 8)
    anchor = None
    for i in range(limit):
        t = paras[i].text
        if "关于" in t and "。" not in t and match_marker(paras[i]) is None:
            anchor = i
            break
    if anchor is None:
        first = paras[0]
        if "。" in first.text or match_marker(first) is not None:
            return [], [], 0
        anchor = 0
    start = anchor
    # an issuer line directly above "关于…": "中共××委员会"
    if start > 0 and paras[start - 1].line == paras[start].line - 1 and re.search(r"(委员会|党委|党组|党工委|委)$", paras[start - 1].text.strip()):
        start -= 1
    end = anchor + 1
    while (
        end < len(paras)
        and end - start < 3
        and paras[end].line == paras[end - 1].line + 1
        and "。" not in paras[end].text
        and match_marker(paras[end]) is None
        and not paras[end].text.startswith(("根据", "按照", "为"))
        and len(paras[end].text) < 40
    ):
        end += 1
    return paras[:start], paras[start:end], end


def _is_closing(p: Paragraph) -> bool:
    return bool(CLOSING_RE.search(p.text))


def _is_signature(p: Paragraph) -> bool:
    t = p.text.strip()
    return bool(SIGNATURE_RE.match(t)) and (
        re.search(r"(委员会|党委|党组|党工委|委|局|办公室|巡察组|巡视组)$", t) is not None
        or re.fullmatch(r"[0-9〇零一二三四五六七八九十○Ｏ]{2,4}年.{1,6}月.{1,6}日", t) is not None
    )


def _find_closing(paras: list[Paragraph], lo: int) -> int:
    """Index of the first paragraph of the closing block (len(paras) if none)."""
    i = len(paras)
    while i > lo:
        p = paras[i - 1]
        if _is_closing(p) or _is_signature(p):
            i -= 1
            continue
        break
    # a signature alone is not a closing block worth separating unless contact text is there
    if not any(_is_closing(p) for p in paras[i:]):
        return len(paras)
    return i


def _role(title: str) -> str | None:
    for role, rx in ROLE_PATTERNS:
        if rx.search(title):
            return role
    return None


def parse_outline(doc: Document) -> Outline:
    paras = split_paragraphs(doc)
    furniture, title, i = _find_title(paras)
    closing_at = _find_closing(paras, i)
    body_paras = paras[i:closing_at]
    closing = paras[closing_at:]

    roots: list[Node] = []
    stack: list[Node] = []
    lead: list[Paragraph] = []
    preamble: list[Paragraph] = []
    seen_heading = False
    for p in body_paras:
        node = match_marker(p)
        if node is None:
            if stack:
                stack[-1].body.append(p)
            elif not seen_heading and (not lead or lead_continues(lead, p)):
                lead.append(p)
            else:
                preamble.append(p)
            continue
        seen_heading = True
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    outline = Outline(doc, paras, title, furniture, lead, roots, preamble, closing, {})
    _assign_roles(outline)
    _collect_enums(outline)
    _mark_problems(outline)
    return outline


def lead_continues(lead: list[Paragraph], p: Paragraph) -> bool:
    """The lead is one paragraph, or several when a line break split it mid-sentence."""
    last = lead[-1].text.rstrip()
    return bool(last) and last[-1] not in "。：:"


def _assign_roles(o: Outline) -> None:
    top = o.roots
    for n in top:
        n.role = _role(n.title)
    roles = [n.role for n in top]
    # A slogan heading ("一、锚定政治“定盘星”…") before the rectification section is section A.
    if "rectification" in roles:
        idx = roles.index("rectification")
        if idx > 0 and top[0].role is None and "responsibility" not in roles:
            top[0].role = "responsibility"
    elif top and sum(1 for n in top if PROBLEM_TITLE.search(n.title)) >= 2:
        # every problem is a top-level item: the whole document is the rectification part
        o.virtual_rectification = True
    elif not top and any(re.search(r"反馈.{0,20}(问题|意见)", p.text) for p in o.preamble_body + o.lead):
        o.virtual_rectification = True


def _collect_enums(o: Outline) -> None:
    """Find 一是/二是 items in each node's own prose (run-in text and body paragraphs)."""
    text = o.doc.text

    def scan(owner_key: int, chunks: list[tuple[int, int, int, bool]]) -> None:
        items: list[EnumItem] = []
        for line, start, end, para_initial_possible in chunks:
            seg = text[start:end]
            found: list[tuple[int, int, int, bool]] = []
            lead_ws = len(seg) - len(seg.lstrip(" \u3000"))
            m0 = ENUM_AT_START.match(seg, lead_ws) if para_initial_possible else None
            if m0:
                found.append((ordinal_value(m0.group(1)), start + m0.start(), start + m0.end(), True))
            for m in ENUM_INLINE.finditer(seg):
                if m0 and m.start() == m0.start():
                    continue
                v = ordinal_value(m.group(1))
                if v:
                    found.append((v, start + m.start(), start + m.end(), False))
            # inline items count only in a paragraph that has a first item or continues a series
            if found and not found[0][3] and not any(f[0] == 1 for f in found) and not (items and found[0][0] == items[-1].value + 1):
                found = []
            for k, (v, s, me, pi) in enumerate(found):
                e = found[k + 1][1] if k + 1 < len(found) else end
                items.append(EnumItem(v, line, s, me, e, pi))
        if items:
            o.enums[owner_key] = items

    for n in o.nodes():
        chunks = []
        if n.run_in:
            chunks.append((n.line, n.title_end, n.paragraph.end, False))
        elif n.label_problem:
            pass
        for p in n.body:
            chunks.append((p.line, p.content_start, p.end, True))
        scan(id(n), chunks)
    scan(0, [(p.line, p.content_start, p.end, True) for p in o.preamble_body])


def _mark_problems(o: Outline) -> None:
    for role in ("rectification", "longterm"):
        sec = o.section(role)
        if sec is None:
            continue
        for n in sec.walk():
            if n is sec:
                continue
            if n.label_problem or not any(not c.label_problem for c in n.children):
                n.is_problem = True
    if o.virtual_rectification:
        for n in o.nodes():
            if not any(not c.label_problem for c in n.children):
                n.is_problem = True


# ---- measures ---------------------------------------------------------------

_EMPTY_RE = re.compile(r"^[\s\u3000。；;，,：:、.．]*$")


@dataclass
class Measure:
    line: int
    start: int
    end: int
    text: str
    enum: EnumItem | None

    @property
    def empty(self) -> bool:
        return bool(_EMPTY_RE.match(self.text))


def measures_of(o: Outline, node: Node) -> list[Measure]:
    """Measures under a problem: its 一是 items, else its prose paragraphs (labels excluded)."""
    text = o.doc.text
    items = o.items_of(node)
    if items:
        return [Measure(it.line, it.start, it.end, text[it.marker_end : it.end], it) for it in items]
    out: list[Measure] = []
    if node.run_in:
        rest = text[node.title_end : node.paragraph.end]
        if not _EMPTY_RE.match(rest):
            out.append(Measure(node.line, node.title_end, node.paragraph.end, rest, None))
    elif node.label_problem:
        pass
    for p in node.body:
        t = p.text
        if STATUS_LABEL.match(t):
            continue
        m = MEASURE_LABEL.match(t)
        content = t[m.end() :] if m else t
        out.append(Measure(p.line, p.content_start, p.end, content, None))
    # child "问题1：" labels belong to the problem list, their prose to themselves
    return out


def outline_to_dict(o: Outline) -> dict:
    doc = o.doc

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
            ms = measures_of(o, n)
            d["problem"] = True
            d["measures"] = len([m for m in ms if not m.empty])
        items = o.items_of(n)
        if items:
            d["enumeration"] = [{"line": it.line, "value": it.value, "inline": not it.para_initial} for it in items]
        if n.children:
            d["children"] = [node_dict(c) for c in n.children]
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

    for r in o.roots:
        emit(r, 0)
    if o.virtual_rectification:
        out.append(("      （未见整改落实情况标题，按全文为整改部分）" if zh else "      (no rectification heading; the whole text is read as that section)"))
    if o.closing:
        out.append(f"{where(o.closing[0].line)}  {'结尾（监督、公开期限、联系方式）' if zh else 'closing (supervision, disclosure period, contacts)'}")
    return "\n".join(out)
