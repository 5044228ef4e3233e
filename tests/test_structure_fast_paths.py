"""The shortcuts of the structural kinds (numbering, measures, ordered-list) give what the
straightforward code gives.

The straightforward versions are written out here (numbering: the sibling groups built
node by node; measures: every problem's measures built with ``measures_of``;
ordered-list: every line scanned) and compared with the kinds on every fixture, the
reference notice and mutated copies whose lines are dropped, repeated, swapped and
re-marked, so that gaps, repeats, inversions, mixed styles, half-width ordinals and
empty measures all occur.
"""
from __future__ import annotations

import random
import sys
from collections import defaultdict

import pytest

from helpers import FIXTURES, REFERENCE, bundled_rules
from linter import rx
from linter.document import Document
from linter.engine import Context, Settings
from linter.kinds import measures, numbering, ordered_list
from linter.kinds.numbering import _convention, _form_and_mark, _shown, _within
from linter.model import Issue
from linter.outline import _EMPTY_RE, Measure, Node, Outline, format_ordinal, measures_of, parse_outline
from linter.ruleset import load_rules

# ---- texts --------------------------------------------------------------------------------

MARKERS = ["一、", "二、", "一.", "（一）", "(二)", "(三)", "（三）", "1.", "2.", "2、", "（1）", "(2)", "（4）", "⑴", "①", "问题1：", "问题0：", "问题3：", "一是", "二是。", "三是", "一是，"]


def _mutated(base: str, rng: random.Random) -> str:
    lines = base.split("\n")
    for _ in range(max(3, len(lines) // 8)):
        i = rng.randrange(len(lines))
        op = rng.randrange(5)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2 and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == 3:
            lines[i] = rng.choice(MARKERS) + lines[i].lstrip("一二三四五六七八九十0123456789（）()、.．是：")
        else:
            lines[i] = lines[i].replace("（", "(").replace("）", ")")
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _texts() -> list[str]:
    found = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))]
    if REFERENCE.exists():
        found.append(REFERENCE.read_text(encoding="utf-8"))
    rng = random.Random(11)
    structural = [t for t in found if t.count("\n") > 20]
    for k in range(60):
        found.append(_mutated(structural[k % len(structural)], rng))
    # whole documents half-width, and one with every paragraph an item of its own
    found.append(structural[0].replace("（", "(").replace("）", ")"))
    found.append("\n".join(rng.choice(MARKERS) + "关于问题的整改情况。" for _ in range(80)))
    return found


TEXTS = _texts()


def _outlines() -> list[Outline]:
    return [parse_outline(Document.from_string(t, f"t{i}.txt")) for i, t in enumerate(TEXTS)]


OUTLINES = _outlines()


def test_the_mutations_reach_every_branch():
    """The comparisons below mean something only if the texts exercise the rare paths."""
    issues = [i for o in OUTLINES for i in numbering.analyse(o)]
    checks = {i.check for i in issues}
    assert {"gap", "duplicate", "start", "mark", "form", "inversion", "continuity", "halfwidth-document"} <= checks
    mixed = [o for o in OUTLINES if any(len({c.style for c in n.children}) > 1 for n in o.nodes())]
    assert mixed
    shortfalls = [_plain_shortfalls(o, role) for o in OUTLINES for role in ("rectification", "longterm")]
    assert any(empty for _, empty in shortfalls)  # empty 一是 measures
    assert any(missing for missing, _ in shortfalls)  # problems without a measure


# ---- numbering ----------------------------------------------------------------------------


def _plain_analyse(o: Outline) -> list[Issue]:
    """numbering.analyse without shortcuts: every node checked, groups built node by node."""
    issues: list[Issue] = []
    nodes = [n for n in o.nodes() if not n.label_problem]
    for n in nodes:
        issues.extend(_form_and_mark(n))
    inverted = _plain_inversions(o, issues)
    labels = [n for n in o.nodes() if n.label_problem and n.value > 0]
    issues.extend(_plain_sequences(o, nodes + labels, inverted))
    issues.extend(_plain_enumerations(o))
    return _plain_halfwidth(nodes, issues)


def _plain_inversions(o: Outline, issues: list[Issue]) -> set[int]:
    inverted: set[int] = set()
    for p in [None, *o.nodes()]:
        kids = [c for c in (o.roots if p is None else p.children) if not c.label_problem]
        deepest_seen = 0
        for i, c in enumerate(kids):
            if deepest_seen > c.rank:
                inverted.add(id(c))
                prev = next(k for k in reversed(kids[:i]) if k.rank == deepest_seen)
                issues.append(Issue("inversion", c.start, c.marker_end, {"marker": _shown(c), "previous": _shown(prev)}))
            deepest_seen = max(deepest_seen, c.rank)
    return inverted


def _root_of(n: Node) -> Node:
    while n.parent is not None:
        n = n.parent
    return n


def _plain_sequences(o: Outline, nodes: list[Node], inverted: set[int]) -> list[Issue]:
    out: list[Issue] = []
    top_is_level1 = any(r.style == "cn-dun" for r in o.roots)
    groups: dict[tuple[int, str], list[Node]] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: n.start):
        groups[(id(n.parent) if n.parent is not None else 0, n.style)].append(n)
    chains: dict[tuple[int, str], list[list[Node]]] = defaultdict(list)
    for g in groups.values():
        if g[0].parent is None:
            chains[(id(g[0]), g[0].style)].append(g)
        else:
            chains[(id(_root_of(g[0])) if top_is_level1 else 0, g[0].style)].append(g)
    for (_, style), chain in chains.items():
        conv = _convention(chain)
        prev_last = 0
        for k, g in enumerate(chain):
            first = g[0]
            expected = 1 if (k == 0 or conv == "restart") else prev_last + 1
            if first.value != expected and id(first) not in inverted:
                params = {
                    "found": _shown(first),
                    "expected": format_ordinal(style, expected),
                    "convention": "连续编号" if conv == "continuous" else "每层重新编号",
                    "convention_en": "runs on across parents" if conv == "continuous" else "restarts under each parent",
                }
                span = (first.start, first.start + len(first.written_ordinal))
                if k > 0 and (first.value == 1 or first.value == prev_last + 1):
                    out.append(Issue("continuity", *span, params))
                elif expected == 1:
                    out.append(Issue("start", *span, params))
                elif first.value <= prev_last:
                    out.append(Issue("duplicate", *span, params))
                else:
                    out.append(Issue("gap", *span, params))
            out.extend(_within(g, style))
            prev_last = g[-1].value
    return out


def _plain_enumerations(o: Outline) -> list[Issue]:
    text = o.doc.text
    out = []
    for items in o.enums.values():
        prev = None
        for it in items:
            found = text[it.start : it.marker_end]
            if it.value == 1 and (prev is None or it.separated):
                prev = it
                continue
            expected = format_ordinal("enum", prev.value + 1, False) if prev is not None else "一是"
            params = {"found": found, "expected": expected}
            if prev is None:
                out.append(Issue("start", it.start, it.marker_end, params))
            elif it.value <= prev.value:
                out.append(Issue("duplicate", it.start, it.marker_end, params))
            elif it.value != prev.value + 1:
                out.append(Issue("gap", it.start, it.marker_end, params))
            prev = it
    return out


def _plain_halfwidth(nodes: list[Node], issues: list[Issue]) -> list[Issue]:
    bracketed = [n for n in nodes if n.style in ("cn-paren", "ar-paren")]
    half = {n.start for n in bracketed if n.written_ordinal.startswith("(") and n.written_ordinal.endswith(")")}
    if len(half) < numbering.HALFWIDTH_MIN_COUNT or len(half) < numbering.HALFWIDTH_MIN_SHARE * len(bracketed):
        return issues
    folded = [i for i in issues if i.check == "form" and i.start in half]
    rest = [i for i in issues if not (i.check == "form" and i.start in half)]
    first = folded[0]
    params = {"count": len(folded), "marker": first.params["marker"], "canonical": first.params["canonical"], "items": folded}
    return rest + [Issue("halfwidth-document", first.start, first.end, params)]


def _comparable(issues: list[Issue]) -> list[tuple]:
    def one(i: Issue) -> tuple:
        params = {k: (v if k != "items" else [one(x) for x in v]) for k, v in i.params.items()}
        return (i.check, i.start, i.end, repr(sorted(params.items())), i.replacement)

    return sorted(one(i) for i in issues)


@pytest.mark.parametrize("k", range(len(OUTLINES)))
def test_numbering_issues_are_those_of_the_plain_analysis(k):
    o = OUTLINES[k]
    assert _comparable(numbering.analyse(o)) == _comparable(_plain_analyse(o))


# ---- measures -----------------------------------------------------------------------------


def _shortfalls(o: Outline, role: str) -> tuple[list, list]:
    unsure = measures._series_not_opening_with_text(o, o.doc.text)
    return measures._shortfalls(o, o.problems(role), unsure)


def _plain_shortfalls(o: Outline, role: str) -> tuple[list, list]:
    missing, empty = [], []
    for p in o.problems(role):
        ms = measures_of(o, p)
        if not any(not m.empty for m in ms):
            missing.append(p)
        empty.extend(m.enum for m in ms if m.empty and m.enum is not None)
    return missing, empty


def test_an_item_whose_text_opens_with_what_isalnum_accepts_is_no_empty_measure():
    """What measures._series_not_opening_with_text relies on: no character str.isalnum accepts
    can open a blank measure (Measure.empty: whitespace and punctuation only)."""
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isalnum() and _EMPTY_RE.match(c)]
    checked = 0
    for o in OUTLINES:
        text = o.doc.text
        for items in o.enums.values():
            for it in items:
                if it.marker_end < it.end and text[it.marker_end].isalnum():
                    assert not Measure(it.line, it.start, it.end, text[it.marker_end : it.end], it).empty
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("k", range(len(OUTLINES)))
def test_measure_shortfalls_are_those_of_measures_of(k):
    o = OUTLINES[k]
    for role in ("rectification", "longterm"):
        assert _shortfalls(o, role) == _plain_shortfalls(o, role)


# ---- ordered-list -------------------------------------------------------------------------

EXTRA_LISTS = """\
rules:
  - code: ORG201
    name: two-member-list
    kind: ordered-list
    severity: error
    summary: x
    message: "{detail_zh}"
    options: {label: 两个维护, members: [维护甲, 维护乙], min_members_with_label: 1}
  - code: ORG202
    name: written-together
    kind: ordered-list
    severity: warning
    summary: x
    message: "{detail_zh}"
    options: {label: 三字, members: [天, 地, 人], separators: ['', '与'], wrong_members: {神: 人}, min_members: 2}
"""


def _list_texts(rng: random.Random, pools: list[list[str]]) -> list[str]:
    """Lines of members (mostly of one list, sometimes of all), separators good and foreign, and labels."""
    words = sorted({w for pool in pools for w in pool})
    seps = ["、", "，", "和", "", "与", "；", " ", "又"]
    labels = ["四个意识", "四个自信", "新发展理念", "两个维护", "三字", "一体推进", "四风"]
    out = []
    for _ in range(150):
        lines = []
        for _ in range(rng.randrange(1, 6)):
            pool = rng.choice(pools) if rng.random() < 0.8 else words
            parts = [rng.choice(["", "坚持", "增强"] + labels)]
            for _ in range(rng.randrange(1, 7)):
                parts.append(rng.choice(pool))
                parts.append(rng.choice(seps))
            parts.append(rng.choice(["", "。"] + labels))
            lines.append("".join(parts))
        out.append("\n".join(lines))
    return out


def _hits(rules, text: str) -> list[tuple]:
    state = ordered_list.prepare(rules)
    ctx = Context(Document.from_string(text, "t.txt"), Settings())
    return sorted((r.code, h.start, h.end, repr(sorted(h.params.items())), h.replacement, h.severity) for r, h in ordered_list.check(ctx, state))


def test_only_lines_that_can_hold_a_finding_are_scanned_and_nothing_is_lost(tmp_path, monkeypatch):
    extra = tmp_path / "lists.yaml"
    extra.write_text(EXTRA_LISTS, encoding="utf-8")
    rules = [r for r in load_rules([str(extra)]) if r.kind == "ordered-list"]
    pools = [list(r.options["members"]) + list(r.options.get("wrong_members") or {}) for r in rules]
    texts = TEXTS + _list_texts(random.Random(3), pools)
    shortcut = [_hits(rules, t) for t in texts]

    def every_line(text: str, _anchors):
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        return [(s, text.find("\n", s) if text.find("\n", s) != -1 else len(text)) for s in starts]

    monkeypatch.setattr(ordered_list, "candidate_lines", every_line)
    plain = [_hits(rules, t) for t in texts]
    assert shortcut == plain
    reported = {h[0] for hits in plain for h in hits}
    assert {"ORG201", "ORG202", "POL010", "POL013", "POL016"} <= reported  # the lone member and written-together paths ran


def test_the_anchor_regex_skips_a_line_with_lone_members():
    state = ordered_list.prepare([r for r in bundled_rules() if r.kind == "ordered-list"])
    text = "增强政治意识，坚持创新\n政治意识、大局意识\n不敢腐不能腐不想腐\n形式主义和官僚主义"
    assert ordered_list.candidate_lines(text, state.anchors) == [(12, 21), (22, 31), (32, 41)]


def test_each_anchor_pattern_starts_with_one_character_the_engine_skips_to():
    """One pattern per separator (an alternation of them tested every character against their set)."""
    state = ordered_list.prepare([r for r in bundled_rules() if r.kind == "ordered-list"])
    assert len(state.anchors) > 1
    assert all(len(rx.first_chars(a)) == 1 for a in state.anchors)


# ---- Outline.problems ---------------------------------------------------------------------


def _plain_problems(o: Outline, role: str) -> list[Node]:
    """Outline.problems as a walk of each section (it reads the node list once instead)."""
    if role == "rectification" and o.virtual_rectification:
        return [n for r in o.roots if r.role is None for n in r.walk() if n.is_problem]
    out: list[Node] = []
    for sec in o.roots:
        if sec.role == role:
            out.extend(n for n in sec.walk() if n is not sec and n.is_problem)
            out.extend(o.enum_problems.get(id(sec), []))
    return out


def test_the_problems_are_those_of_a_walk_of_each_section():
    roles = ("rectification", "longterm", "responsibility", "nextsteps")
    assert any(o.virtual_rectification for o in OUTLINES) and any(o.enum_problems for o in OUTLINES)
    for o in OUTLINES:
        for role in roles:
            assert o.problems(role) == _plain_problems(o, role)


def test_a_chain_whose_groups_arrive_out_of_order_is_sorted():
    """numbering._chains sorts only a chain that received a group starting before the previous
    one (a parse lists parents in document order, so hand-made lists stand in for the rare case)."""

    def node(style: str, rank: int, value: int, start: int, parent: Node | None) -> Node:
        n = Node(style, rank, value, 1, start, start + 3, "", f"（{value}）")
        n.parent = parent
        return n

    root = node("cn-dun", 1, 1, 0, None)
    late, early, middle = (node("cn-paren", 2, 1, 0, root), node("cn-paren", 2, 1, 0, root), node("cn-paren", 2, 1, 0, root))
    groups = []
    for parent, start in ((late, 300), (early, 100), (middle, 200)):
        groups.append([node("ar-paren", 4, 1, start, parent), node("ar-paren", 4, 2, start + 10, parent)])
    chains, mixed = numbering._chains([[root], [late, early, middle], *groups], top_is_level1=True)
    assert [g[0].start for g in chains[(id(root), "ar-paren")]] == [100, 200, 300]
    assert mixed == []
