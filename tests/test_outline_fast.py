"""The outline parser's shortcuts give what the straightforward parse gives.

The parser reads each paragraph once: one look at its start tells a 一是 item
from an ordinal marker, 一是 items are read as their paragraphs are placed
(not in a second pass per node), inline 一是 items are found from their 是,
and problems are marked in one pass over the node list; a paragraph opening with
a one-character 一是 ("二是…") is told by comparing characters, not by the regex; the title is read
from paragraphs made as they are looked at; a standard bracketed ordinal ("（三）", "（12）") is read
by a dictionary. Each shortcut is
compared here with the plain way of doing it, on every fixture, the reference
notice, hand-made variants and mutated copies.
"""
from __future__ import annotations

import random
import sys

from helpers import FIXTURES, PLAIN_ENUM_INLINE, REFERENCE
from linter import outline as O
from linter.document import Document
from linter.numerals import ordinal_value

# Variants the fixtures do not show: headings broken by a line break (with a run-in sentence
# on the continuation line), a marker alone on its line, numeral lists that are no headings,
# inline and marked-up 一是 items, 问题N labels, summary notices, page furniture.
VARIANTS = [
    "关于的通报\n根据部署，现予以公布。\n一、总体情况\n（一）加强组织\n领导！一是完善机制，二是落实\n三是推进。\n"
    "（二）\n关于学习的问题！一是加强学习。二是完善\n\u2003\u2003\n（三）标题\n续行标题\n正文。\n",
    "关于某某巡察整改进展情况的通报\n根据部署，巡察组反馈了意见。现将整改进展情况予以公布。\n一、履行整改主体责任情况\n"
    "（一）加强组织\n领导。一是完善机制。二是落实责任。\n（二）强化监管体系建设，完善暂扣\n款管理\n一是加强。\n"
    "二、反馈问题整改落实情况\n（1）\n关于学习不深入的问题\n一是关于学习的问题。整改情况：已完成。\n",
    "关于的通报\n一、二等奖获得者\n1、3、5分钟\n2023、2024年\n一，\n1.\n一：\n（一）\n问题1：存在问题\n整改情况：已完成\n问题2：存在问题二\n",
    "关于的通报\n工作方面：一是加强学习，二是完善制度。\n一、总体情况\n*一是加强*\n**一是**完善\n  * 二是落实\n"
    "三是：推进。二是落实，三是推进；四是完善。\n一是否完成\n二二是问题\n　　一是加强，　二是完善\n",
    "关于整改的通报\n根据安排，巡察组反馈了意见，现予以公布。\n二、巡察反馈问题整改落实情况\n说明段落。\n一是关于学习不深入的问题。已整改。\n"
    "补充说明。\n再补充。\n二是关于制度不健全的问题。已完成。\n三是关于作风的问题。\n已整改到位。\n三、需长期整改事项\n一是关于长期问题。\n正文。\n",
    "关于问题整改的通报\n一、关于学习不深入的问题\n二、关于制度不健全的问题\n三、关于落实不到位的问题\n整改情况：已完成。\n",
    "关于整改的通报\n根据安排，巡察组反馈了意见，现予以公布。\n二、巡察反馈问题整改落实情况\n一是关于学习不深入的问题。已整改。\n"
    "二是关于制度不健全的问题。已完成。\n三是关于作风的问题。已整改到位。\n三、下一步工作打算\n一是继续。\n",
    "关于的通报\n根据部署，\n2025年9月12日，巡察组反馈意见。\n现将整改情况予以公布。\n一、总体情况\n正文第一行没有句号\n续行。\n"
    "另一段。\n（一）标题\n（1）子标题。正文，\n续行内容。\n欢迎监督。联系电话：0760-88888888\n中共某某委员会\n2025年9月30日\n",
    "首页 > 通知\n发布时间：2025-01-01\n关于某某的通报\n关于某某的通报\n中共某某委员会\n关于某某巡察\n整改情况的通报\n"
    "根据部署，现予以公布。\n无编号正文，完成整改。一是加强。二是完善。\n",
]


def texts() -> list[str]:
    found = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))]
    if REFERENCE.exists():
        found.append(REFERENCE.read_text(encoding="utf-8"))
    found += VARIANTS
    rng = random.Random(11)
    noise = list("　 \t*#>_[<（）()“”、，。；：:！？一二三四五六七八九十是问题1234567890①⑴㈠\n")
    lines_in = ["一、关于整改的问题", "（二）需长期整改事项", "1.关于问题", "问题1：存在问题", "整改情况：已完成。", "一是加强。二是完善。", "二是完善", "", "**"]
    for base in list(found):
        chars = list(base)
        for _ in range(len(chars) // 25):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(noise))
        found.append("".join(chars))
        lines = base.split("\n")
        for _ in range(8):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", "　　", "## ", "> "]) + rng.choice(lines_in))
        found.append("\n".join(lines))
    return found


TEXTS = texts()


def docs() -> list[Document]:
    return [Document.from_string(t, f"t{i}.md" if i % 2 else f"t{i}.txt", kind="markdown" if i % 2 else "text") for i, t in enumerate(TEXTS)]


def test_inline_items_found_from_their_shi_equal_enum_inline():
    lengths = set()
    for text in TEXTS + ["，十一是，二十三是；十一二是。一二三四是 ＊三是否：九是"]:
        plain = [(m.start(), m.end(), m.group(1)) for m in PLAIN_ENUM_INLINE.finditer(text)]
        fast = []
        for m in O.ENUM_INLINE_FROM_SHI.finditer(text):
            token = m.group(m.lastindex)
            fast.append((m.start() - len(token), m.end(), token))
        assert fast == plain
        lengths |= {len(t) for _, _, t in plain}
    assert lengths == {1, 2, 3}  # numerals of every length were compared


def test_an_opening_yishi_rules_out_an_ordinal_marker():
    samples = {p.text for d in docs() for p in O.split_paragraphs(d)}
    samples |= {f"{n}是{rest}" for n in ("一", "十", "十二", "二十三", "一二三", "二二") for rest in ("", "、", "）", ".", "：", "加强")}
    opening = [s for s in samples if O.ENUM_AT_START.match(s)]
    assert len(opening) > 50
    for s in opening:
        assert O.marker_parts(s) is None, s


def paragraphs_line_by_line(doc: Document) -> list[tuple]:
    out = []
    for i, line in enumerate(doc.lines):
        if not line or line.isspace():
            continue
        cs = O.PREFIX_RE.match(line).end()
        content = line[cs:]
        if not content or content.isspace():
            continue
        if doc.kind == "markdown" and O.SUPPRESSION_LINE.fullmatch(content.strip()):
            continue
        start = doc.line_starts[i]
        out.append((i + 1, start, start + cs, start + len(line), content))
    return out


def test_paragraphs_opening_with_a_one_character_yishi_read_without_the_regex_equal_the_scan():
    """The parser tells "二是…" at a paragraph start by comparing characters, not by PARAGRAPH_HEAD:
    every opening near that form (longer numerals, 是否/是指/是因为…, no text after 是, marks
    before it) gives the items the plain scan finds."""
    assert "是" not in O.CN_NUM_CHARS  # (the shortcut reads a one-character numeral before 是)
    openings = [f"{n}是{rest}" for n in ("一", "二", "十", "十二", "二二", "〇") for rest in ("", "否完成", "指出", "说明", "因为忙", "由于忙", "因", "由此", "加强。", "：落实")]
    openings += ["*二是加强", "　三是完善", "四 是推进", "五是加强，六是完善。"]
    lines = ["关于整改的通报", "根据部署，现予以公布。", "一是总体说明。", "一、总体情况"]
    for k, opening in enumerate(openings):
        lines += [f"（{k + 1}）标题", opening, "二是继续。"]
    o = O.parse_outline(Document.from_string("\n".join(lines) + "\n", "t.txt"))
    got = {k: [(i.value, i.line, i.start, i.marker_end, i.end, i.para_initial, i.separated) for i in v] for k, v in o.enums.items()}
    assert got == items_owner_by_owner(o)
    assert sum(map(len, got.values())) > 60


def test_split_paragraphs_equals_the_line_by_line_reading():
    for doc in docs():
        assert [(p.line, p.start, p.content_start, p.end, p.text) for p in O.split_paragraphs(doc)] == paragraphs_line_by_line(doc)


def items_owner_by_owner(o: O.Outline) -> dict[int, list[tuple]]:
    """The 一是 items as the parser found them before: a second pass, owner by owner, searching each chunk."""
    text = o.doc.text
    out: dict[int, list[tuple]] = {}

    def scan(key: int, chunks: list[tuple[O.Paragraph, int, bool]]) -> None:
        items: list[tuple] = []  # (value, line, start, marker_end, end, para_initial, separated)
        gap, last_para = False, None
        for para, start, possible in chunks:
            end = para.end
            lead = O.LEAD_MARKS.match(text, start, end).end()
            found = []
            m0 = O.ENUM_AT_START.match(text, lead, end) if possible else None
            if m0 and ordinal_value(m0.group(1)):
                found.append((ordinal_value(m0.group(1)), m0.start(), m0.end(), True))
            else:
                m0 = None
            for m in PLAIN_ENUM_INLINE.finditer(text, start, end):
                if (m0 and m.start() == m0.start()) or not ordinal_value(m.group(1)):
                    continue
                found.append((ordinal_value(m.group(1)), m.start(), m.end(), False))
            if found and not found[0][3] and not any(f[0] == 1 for f in found) and not (items and found[0][0] == items[-1][0] + 1):
                found = []
            if not found:
                if items and not para.continues and para is not last_para:
                    gap = True
                continue
            for k, (v, s, me, pi) in enumerate(found):
                e = found[k + 1][1] if k + 1 < len(found) else end
                separated = (gap or (not pi and s > lead and para is not last_para)) if k == 0 else False
                items.append((v, para.line, s, me, e, pi, separated))
            gap, last_para = False, para
        if items:
            out[key] = items

    for n in o.nodes():
        chunks = ([(n.paragraph, n.title_end, False)] if n.run_in else []) + [(p, p.content_start, not p.continues) for p in n.body]
        scan(id(n), chunks)
    scan(0, [(p, p.content_start, not p.continues) for p in o.preamble_body])
    return out


def test_items_read_while_placing_paragraphs_equal_the_scan_owner_by_owner():
    seen = 0
    for doc in docs():
        o = O.parse_outline(doc)
        got = {k: [(i.value, i.line, i.start, i.marker_end, i.end, i.para_initial, i.separated) for i in v] for k, v in o.enums.items()}
        want = items_owner_by_owner(o)
        assert list(got) == list(want)  # same owners, in the same order (document level last)
        assert got == want
        seen += sum(map(len, got.values()))
    assert seen > 500


def problems_by_walking(o: O.Outline) -> set[int]:
    marked = set()
    for sec in o.roots:
        if sec.role in ("rectification", "longterm"):
            marked |= {id(n) for n in sec.walk() if n is not sec and (n.label_problem or not n.children)}
        if o.virtual_rectification and sec.role is None:
            marked |= {id(n) for n in sec.walk() if n.label_problem or not n.children}
    return marked


def walk_recursively(n: O.Node):
    yield n
    for c in n.children:
        yield from walk_recursively(c)


def test_problems_marked_in_one_pass_equal_the_walk_of_each_section():
    virtual = 0
    for doc in docs():
        o = O.parse_outline(doc)
        assert {id(n) for n in o.nodes() if n.is_problem} == problems_by_walking(o)
        assert list(o.nodes()) == [n for r in o.roots for n in walk_recursively(r)]
        assert all(list(n.walk()) == list(walk_recursively(n)) for n in o.nodes())
        virtual += o.virtual_rectification
    assert virtual  # the variants include a notice whose problems are its top-level items


def test_one_head_match_reads_what_enum_then_marker_parts_read():
    """PARAGRAPH_HEAD (a 一是, else the marker patterns, else 问题N, in one match) and _heading_of
    give what ENUM_AT_START and then marker_parts give, paragraph by paragraph."""
    samples = {p.text for d in docs() for p in O.split_paragraphs(d)}
    samples |= {"一、二等奖", "1、3、5分钟", "2023、2024年", "一，", "（一）、", "一)是", "⑴", "１．", "问题12：", "十一、", "一.2", "二二是", "一是否"}
    table = O._Paragraphs(Document.from_string("x"))
    kinds = set()
    readings: dict = {}  # a parse's memory of context-free markers: filled in the first round, read in the second
    for round_ in (1, 2):
        for t in sorted(samples):
            m = O.PARAGRAPH_HEAD.match(t) if t[0] in O.HEAD_STARTS else None
            enum = O.ENUM_AT_START.match(t)
            if enum:
                assert m.lastindex == O._ENUM_HEAD and m.end() == enum.end() and m.group(O._ENUM_NUMERAL) == enum.group(1), t
                kinds.add("enum")
                continue
            want = O.marker_parts(t)
            for memo in (None, readings):
                node = O._heading_of(table, 1, 10, t, m, memo) if m is not None else None
                got = None if node is None else (node.style, node.rank, node.value, node.marker_end - 10, node.mark, node.marker_text)
                assert got == want, (t, round_, memo is not None)
                assert node is None or node.label_problem == (node.style == "problem-label")
            kinds.add(want and want[0])
    assert kinds >= {"enum", None, "cn-dun", "cn-paren", "ar-dot", "ar-paren", "circled", "problem-label"}
    assert {parts[0] for _, parts in readings.values()} >= {"cn-paren", "ar-paren", "circled"}


def _node_parts(node: O.Node | None) -> tuple | None:
    if node is None:
        return None
    return node.style, node.rank, node.value, node.line, node.start, node.marker_end, node.mark, node.marker_text, node.label_problem


def test_standard_bracketed_ordinals_read_by_the_dictionary_equal_the_head_match():
    """A paragraph opening with （一）…（九十九） or （1）…（99） is read by a dictionary: the node is the
    one PARAGRAPH_HEAD and _heading_of make, and every other paragraph is left to them."""
    table = O._Paragraphs(Document.from_string("x"))
    afters = ["", "聚焦整改", "是", "1", "）", "（二）", " 标题", *O.MARKS_AFTER]
    samples = {marker + after for marker in O.STANDARD_BRACKETED for after in afters}
    samples |= {"（一二）", "（一", "（）", "（十十）", "（0）", "（100）", "（１）", "(一)", "（一)", "（一百）标题", "（1）、"}
    samples |= {p.text for d in docs() for p in O.split_paragraphs(d) if p.text.startswith("（")}
    read = 0
    for t in sorted(samples):
        fast = O._standard_bracketed(table, 3, 10, t)
        if fast is None:
            continue
        read += 1
        m = O.PARAGRAPH_HEAD.match(t)
        assert m is not None and m.lastindex != O._ENUM_HEAD, t
        assert _node_parts(fast) == _node_parts(O._heading_of(table, 3, 10, t, m)), t
    assert read >= len(O.STANDARD_BRACKETED) * 4  # (each marker before text, 是, a digit and another bracket)


def test_whitespace_lists_every_character_isspace_accepts():
    assert O.WHITESPACE == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_bodies_titles_and_paragraphs_read_when_asked_equal_the_eager_reading():
    """A heading's body (the paragraphs up to the next heading), title and paragraph are read
    from the lines when first asked for; here they are compared with a reading of the whole
    paragraph list and of the heading's own paragraph."""
    checked = run_in = 0
    for doc in docs():
        o = O.parse_outline(doc)
        paras = o.paragraphs
        nodes = list(o.nodes())
        stop = o.closing[0].line if o.closing else (next((p.line for p in o.furniture if nodes and p.line > nodes[-1].line), None))
        for k, n in enumerate(nodes):
            p = next(q for q in paras if q.line == n.line)
            title, r, end = O._title(p.text, n.marker_end - p.content_start, len(p.text))
            if n.title != title:  # a title a line break split: the next line(s) joined it
                continue
            assert (n.run_in, n.title_end) == (r, end + p.content_start)
            assert n.paragraph is next(q for q in o.paragraphs if q.line == n.line)
            after = nodes[k + 1].line if k + 1 < len(nodes) else stop
            want = [q for q in o.paragraphs if q.line > n.line and (after is None or q.line < after)]
            assert len(n.body) == len(want) and all(q is w for q, w in zip(n.body, want))
            checked += 1
            run_in += r
    assert checked > 1000 and run_in > 100
    # a fresh split reads the same paragraphs
    for doc in docs()[:20]:
        got = [(q.line, q.start, q.content_start, q.end, q.text) for q in O.parse_outline(doc).paragraphs]
        assert got == [(q.line, q.start, q.content_start, q.end, q.text) for q in O.split_paragraphs(doc)]


def test_problems_written_as_yishi_items_own_the_paragraphs_up_to_the_next_one():
    promoted = 0
    for doc in docs():
        o = O.parse_outline(doc)
        for sec in o.roots:
            problems = o.enum_problems.get(id(sec), [])
            for k, node in enumerate(problems):
                nxt = problems[k + 1].line if k + 1 < len(problems) else None
                assert node.body == [p for p in sec.body if p.line > node.line and (nxt is None or p.line < nxt)]
                assert node.paragraph is next(p for p in sec.body if p.line == node.line)
                promoted += bool(node.body)
    assert promoted  # some of them do own paragraphs


def title_by_stripping(rest: str, offset: int) -> tuple[str, bool, int]:
    """A heading's title read from stripped copies of its text (``_title`` steps over the spaces in place)."""
    lead_ws = len(rest) - len(rest.lstrip(O.HEADING_SPACE))
    stripped = rest[lead_ws:].rstrip(O.TRAILING_MARKUP)
    offset += lead_ws
    i = next((k for k, ch in enumerate(stripped) if ch in O.SENTENCE_END), None)  # the first sentence end
    if i is not None and i < len(stripped) - 1:
        return stripped[: i + 1], True, offset + i + 1
    return stripped, False, offset + len(stripped)


def test_titles_read_in_place_equal_the_reading_of_stripped_copies():
    samples = [(p.text, O.marker_parts(p.text)) for d in docs() for p in O.split_paragraphs(d)]
    cases = [(t, parts[3]) for t, parts in samples if parts is not None]
    cases += [(f"（一）{s}", 3) for s in ("", " ", "　标题。", "标题。**", "标题。正文", "标题！正文。 ", "** __", "标题？", " 。", "。正文", "标题#")]
    run_in = 0
    for text, start in cases:
        for end in (len(text), max(start, len(text) - 2)):  # also a heading that stops before the text ends
            want = title_by_stripping(text[start:end], start)
            assert O._title(text, start, end) == want, (text, start, end)
            run_in += want[1]
    assert len(cases) > 1000 and run_in > 50  # headings of both kinds were compared


class _EagerHead(O._Head):
    """The first twenty paragraphs made up front: how the title was found before it was read lazily."""

    def __init__(self, doc: Document):
        super().__init__(iter(()))
        self.made = O.split_paragraphs(doc)[:20]

    def has(self, i: int) -> bool:
        return i < len(self.made)


def test_title_read_from_paragraphs_made_when_looked_at_equals_the_first_twenty():
    for doc in docs():
        head = O._Paragraphs(doc).head()
        lazy, eager = O._find_title(head), O._find_title(_EagerHead(doc))
        assert [[p.line for p in part] for part in lazy[:2]] + [lazy[2]] == [[p.line for p in part] for part in eager[:2]] + [eager[2]]
        assert len(head.made) <= 20
    head = O._Paragraphs(Document.from_string(REFERENCE.read_text(encoding="utf-8"))).head()
    assert O._find_title(head)[1] and len(head.made) <= 5  # the reference's title is settled by its first paragraphs
