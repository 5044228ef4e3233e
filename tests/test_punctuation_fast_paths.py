"""The punctuation kind's shortcuts give what the straightforward readings give.

Each shortcut (one scan for the rare marks, half-width marks and zone triggers,
shared with the number hints and finding the 点号 runs; marks of simple pairs left unread, line breaks
as anchors, the NFKC share counted only as far as needed) is
compared with the plain version on every fixture, the reference notice and
copies of them with marks, zones and line breaks strewn in.
"""
from __future__ import annotations

import random
import re

from helpers import FIXTURES, REFERENCE
from linter.document import Document
from linter.engine import Context, Settings
from linter.kinds import punctuation_marks as marks
from linter.kinds import punctuation_pairs as pairs
from linter.kinds import document_scan, punctuation_scan
from linter.kinds.number_hints import LONG_RUN, OTHER_DIGIT_RANGES, TOTAL_END
from linter.kinds import punctuation_width as width
from linter.kinds.punctuation_text import CLOSERS, DOT_MARKS, HALF_MARKS, OPENERS, PAIR_MARKS, RANGE_MARKS, VERBATIM_MARKS
from linter.kinds.punctuation_text import Zones, excluded_zones
from linter.model import Issue

NOISE = list("　 \t*#>_[<（）()“”‘’《》【】〔〕「」『』〈〉［］、，。；：！？…⋯·・.-－~～–一二三四五六七八九十是1234567890年月日\nAa'") + [
    "\n\n", "（一）", "一、", "(1)", "\n（一", "\n一）", "\n(一）", "\n（1）（", "\n（一）“", "\n（二）”", "\n  （三）（", "\n1）",
    "\n<b>（", "<i>“</i>", "http://x.cn/(a", "“http://x.cn/”", "（http://x.cn/a）", "a@b.cn）", "（a@b.cn",
    "...", "。。。", "。。。。", "，，", "、，", "。。", "？！", "……", "………", "⋯", "···", "・・・", "..",
    "2024年1月-3月", "1-3月", "2023-2025年", "9月12日~26日", "三、四个", "3、4个",
    ",", ";", ":", "?", "!", ", ", ":\t", "8:30", "a,b", "(中文)", "(1)", "（",
    "www.x.cn", "WWW.X.CN", "Www.x", "wwww.", "w", "W", "&amp;", "&", "<", "@", "/", "[bookmark: _Toc1]",
    # number hints (document_scan) inside and next to pairs, and digits of other scripts
    "13812345678", "138-1234-5678", "共24个，", "12个问题：", "“13812345678”", "（共3个，）", "٣个，", "𝟑", "𝟑个，", "Ṡ",
]


def texts() -> list[str]:
    found = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))]
    if REFERENCE.exists():
        found.append(REFERENCE.read_text(encoding="utf-8"))
    rng = random.Random(15834)
    for base in found[-12:]:
        for density in (5, 40):
            chars = list(base)
            for _ in range(len(chars) // density):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(NOISE))
            found.append("".join(chars))
    return found


TEXTS = texts()


def contexts():
    for i, t in enumerate(TEXTS):
        for kind in ("text", "docx"):
            doc = Document(f"t{i}", Document.from_string(t).text, kind=kind)
            yield doc, Context(doc, Settings())


def zones_of(ctx) -> Zones:
    return excluded_zones(ctx, document_scan.scan(ctx.doc.text).triggers)


# the pairing's reading before the scan: a simple pair is an opener and its closer with no other pair mark between
_BETWEEN = "[^" + re.escape(PAIR_MARKS) + "\n]*"
PAIR_OR_MARK = re.compile("|".join(re.escape(o) + _BETWEEN + re.escape(c) for o, c in [*zip(OPENERS, CLOSERS), ("“", "”")]) + f"|[{re.escape(PAIR_MARKS)}]")


def every_mark_but_simple_pairs(text: str, zones: Zones) -> list[int]:
    """The marks as the pairing read them before: one regex match per simple pair or mark, in Python."""
    out = []
    for m in PAIR_OR_MARK.finditer(text):
        s, e = m.span()
        if e - s == 1:
            out.append(s)
        elif zones.contains(s) or zones.contains(e - 1):
            out += (s, e - 1)
    return out


def test_pairing_reads_fewer_marks_with_the_same_issues():
    edge_sets = [set(), {"line-start"}, {"line-end"}, {"line-start", "line-end"}]
    left_unread = 0
    for doc, ctx in contexts():
        zones = zones_of(ctx)
        everything = every_mark_but_simple_pairs(doc.text, zones)
        scanned = document_scan.scan(doc.text).pair_marks
        fewer = pairs.marks_to_read(doc.text, zones, scanned)
        left_unread += len(set(everything) - set(fewer))
        for edges in edge_sets:
            assert pairs.check_pairs(doc, ctx.outline, zones, edges, scanned) == pairs.read_marks(doc, ctx.outline, zones, everything, edges)
    assert left_unread > 0  # pairs inside heading ordinals were left unread


def test_lone_pair_marks_are_the_single_marks_of_a_pair_by_pair_reading():
    """zone_pair_marks steps over simple pairs inside the engine (LONE_PAIR_MARK_RE) instead of a match per pair."""
    pair_or_mark = re.compile(pairs.PAIR_OR_MARK_RE.pattern)
    crafted = "（一）\n1.\n（a\n“x”）\n(1)\n（2.）\n“（”\n" * 2
    found = 0
    for text in [*TEXTS, crafted, ""]:
        lone = [k for m in pairs.LONE_PAIR_MARK_RE.finditer(text) if (k := m.start("mark")) >= 0]
        assert lone == [m.start() for m in pair_or_mark.finditer(text) if m.end() - m.start() == 1]
        found += len(lone)
    assert found > 0


def test_scan_finds_each_mark_a_plain_search_finds():
    half_width = re.compile(width.mark_pattern(HALF_MARKS))
    triggers: set[str] = set()
    read_for_a_hint = 0
    for text in TEXTS:
        found = document_scan.scan(text)
        assert found.range_marks == [m.start() for m in re.finditer(f"[{RANGE_MARKS}]", text)]
        stepped_over = pairs_in_plain_pairs(text)
        assert found.pair_marks == [k for k, c in enumerate(text) if c in PAIR_MARKS and k not in stepped_over]
        read_for_a_hint += len(pairs_in_plain_pairs(text, with_hints=True) - stepped_over)
        assert [k for k in found.pair_marks if text[k] == "("] == [k for k, c in enumerate(text) if c == "("]
        assert found.half_marks == [m.start() for m in half_width.finditer(text)]
        assert found.ellipsis_hint == any(c in text for c in ("…", "⋯", "...", "···", "・・・"))
        assert found.triggers == {t for t in [*VERBATIM_MARKS, "www.", "WWW."] if t in text}
        triggers |= found.triggers
    assert triggers == {*VERBATIM_MARKS, "www.", "WWW."}
    assert read_for_a_hint > 0  # pairs holding a number hint were read


# where a number hint (a run of eleven digits, a total end) or a run of 点号 starts, found by a search of each
HINT_RE = re.compile(f"(?={LONG_RUN})|{TOTAL_END}|[{DOT_MARKS}]{{2}}")
DOT_RUN = re.compile(f"[{DOT_MARKS}]{{2,}}")


def pairs_in_plain_pairs(text: str, with_hints: bool = False) -> set[int]:
    """Marks of simple pairs with nothing of the scan's set inside and (unless ``with_hints``) no number
    hint and no 点号 run: the scan steps over them."""
    return {
        k
        for m in re.finditer(punctuation_scan.SIMPLE_PAIRS, text)
        if with_hints or not HINT_RE.search(m.group(0))
        for k in (m.start(), m.end() - 1)
    }


def scan_results(p: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.span("mark"), m.span("dots"), m.start("run"), m.span("after"), m.span("end")) for m in p.finditer(text)]


def test_scan_is_the_same_without_possessive_repeats():
    plain = re.compile(document_scan.scan_pattern(possessive=False))
    assert plain.pattern != document_scan.SCAN_RE.pattern
    for text in TEXTS:
        assert scan_results(document_scan.SCAN_RE, text) == scan_results(plain, text)


def test_a_class_without_characters_matches_what_the_negated_class_matches():
    """document_scan.class_without writes the scan's plain text as the ranges it holds: every code point
    (lone surrogates included) must match it exactly when it matches the negated class."""
    every = "".join(map(chr, range(0x110000)))
    scanned = punctuation_scan.STOPS + DOT_MARKS + "0123456789０１２３４５６７８９"
    cases = [
        (scanned, OTHER_DIGIT_RANGES),
        (scanned + "\n", OTHER_DIGIT_RANGES),
        ("]^\\-a", [(0x4E00, 0x9FFF), (0x4E10, 0x4E20), (0x9FFF, 0xA000)]),
        ("\x00\U0010ffff", [(0xD800, 0xDBFF), (0x20000, 0x2FFFF)]),
        ("", []),
    ]
    for chars, ranges in cases:
        negated = "[^" + re.escape(chars) + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]" if chars or ranges else "[\\s\\S]"
        held = re.compile(document_scan.class_without(chars, ranges))
        assert held.findall(every) == re.findall(negated, every), chars


def test_dot_runs_of_the_scan_equal_one_pass_of_the_run_pattern():
    found = 0
    for text in TEXTS + ["，，", "中，。", "“甲，，乙”", "（甲，乙。）", "。\n。", "，“，", "1，，2", "、、、\n"]:
        runs = document_scan.scan(text).dot_runs
        assert runs == [m.span() for m in DOT_RUN.finditer(text)], text
        found += len(runs)
    assert found > 0


def test_ellipsis_pass_is_skipped_only_for_texts_without_ellipsis_issues():
    pat = marks.compile_patterns()
    reported = 0
    for doc, ctx in contexts():
        zones = zones_of(ctx)
        full = marks._ellipsis_issues(doc.text, zones, pat)
        hint = document_scan.scan(doc.text).ellipsis_hint
        assert marks.wrong_ellipses(doc.text, zones, pat, hint, document_scan.scan(doc.text).dot_runs) == full
        reported += len(full)
    text = "中文。。。中文"
    assert marks.wrong_ellipses(text, Zones([]), pat, False, document_scan.scan(text).dot_runs)
    assert reported > 0


def test_approximations_from_one_pass_equal_a_pass_of_each_pattern():
    pat = marks.compile_patterns()
    crafted = "三、四个 一、二、三个 3、4个 ３、４个 两、三天 、二个 第三、四名 2、3、4人 十、十一个 五、六、七年 7、8、"
    found = 0
    for text in [*TEXTS, crafted]:
        cn_found, ar_found = marks._approximation_matches(text, pat)
        assert [m.span() for m in cn_found] == [m.span() for m in pat.approx_cn.finditer(text)]
        assert [m.span() for m in ar_found] == [m.span() for m in pat.approx_ar.finditer(text)]
        found += len(cn_found) + len(ar_found)
    assert found > 0


def test_line_edges_equal_the_line_by_line_reading():
    for doc, _ in contexts():
        assert marks.line_edges(doc) == marks._line_edges_by_line(doc)


def test_zones_merge_only_when_ranges_touch():
    def merged_one_by_one(ranges):
        out: list[list[int]] = []
        for s, e in sorted(r for r in ranges if r[1] > r[0]):
            if out and s <= out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return [m[0] for m in out], [m[1] for m in out]

    rng = random.Random(9704)
    for _ in range(500):
        ranges = [(a, a + rng.randint(-1, 9)) for a in (rng.randrange(120) for _ in range(rng.randint(0, 12)))]
        zones = Zones(ranges)
        assert (zones.starts, zones.ends) == merged_one_by_one(ranges)


def test_halfwidth_marks_and_brackets_from_the_scan_equal_one_pass_of_each_pattern():
    pat = width.compile_patterns()
    every = re.compile(width.mark_pattern(HALF_MARKS))

    def one_pass(text: str, zones: Zones) -> list[Issue]:
        out = []
        for m in every.finditer(text):
            ch = text[m.start()]
            if not zones.contains(m.start()):
                out.append(Issue("halfwidth", m.start(), m.end(), {"mark": ch, "full": width.FULL[ch]}, width.FULL[ch]))
        for m in pat.stop.finditer(text):
            s = m.start()
            if not zones.contains(s) and not (s > 0 and text[s - 1] == "."):
                out.append(Issue("halfwidth", s, s + 1, {"mark": ".", "full": "。"}, "。"))
        return sorted(out, key=lambda i: i.start)

    def bracket_pass(text: str, zones: Zones) -> list[Issue]:
        return [
            Issue("halfwidth-brackets", m.start(), m.end(), {"inner": m.group(1)}, f"（{m.group(1)}）")
            for m in pat.group.finditer(text)
            if width.HAN_RE.search(m.group(1)) and not zones.overlaps(m.start(), m.end())
        ]

    marks_found: set[str] = set()
    brackets = 0
    for doc, ctx in contexts():
        found = document_scan.scan(doc.text)
        zones = excluded_zones(ctx, found.triggers)
        issues = width.halfwidth_marks(doc.text, zones, pat, found.half_marks)
        assert issues == one_pass(doc.text, zones)
        marks_found |= {i.params["mark"] for i in issues}
        groups = width.halfwidth_brackets(doc.text, zones, pat, found.pair_marks)
        assert groups == bracket_pass(doc.text, zones)
        brackets += len(groups)
    assert marks_found == set(",;:?!.") and brackets > 0


def test_nfkc_share_stops_counting_only_below_min_share():
    pat = width.compile_patterns()
    thresholds = [k / 40 for k in range(1, 41)]
    reached = stopped = 0
    for text in TEXTS:
        found = document_scan.scan(text)
        marks_found = width.halfwidth_marks(text, Zones([]), pat, found.half_marks)
        groups = width.halfwidth_brackets(text, Zones([]), pat, found.pair_marks)
        half = sum(1 for i in marks_found if i.params["mark"] != ".") + 2 * len(groups)
        total = half + sum(text.count(c) for c in width.NFKC_FULL)
        exact = half / total if total else 0.0
        for min_share in thresholds:
            got_half, got = width.nfkc_share(text, marks_found, groups, min_share)
            assert got_half == half
            if exact >= min_share:
                assert got == exact
                reached += 1
            else:
                assert got < min_share
                stopped += got != exact
    assert reached > 0 and stopped > 0


def test_a_pair_reaching_out_of_an_excluded_zone_is_read_mark_by_mark():
    """zone_pair_marks: both marks of a simple pair with one mark inside an excluded zone (here an HTML
    tag) and one outside, found on the lines of the zones' lone marks only."""
    text = "第一行。\n正文<b title=（x>说明）及<i title=“y>引）。\n末行（甲）。\n"
    doc = Document.from_string(text, "z.txt")
    ctx = Context(doc, Settings())
    zones = zones_of(ctx)
    assert list(zip(zones.starts, zones.ends)) == [(7, 19), (23, 35)]
    # （ at 16 is inside the first tag, its ） at 21 outside; “ (in the second tag) has no partner;
    # the simple pair of line 3 is not near a zone and stays unread
    assert pairs.zone_pair_marks(text, zones) == [16, 21]
