"""Kind ``numbering``: structural ordinals at every level, and 一是/二是 series.

One analysis per document (shared by every numbering rule through the
context memo); each rule picks its ``check``:

* ``gap`` / ``duplicate`` / ``start``: a sibling series skips, repeats, or does
  not begin at one (headings of each style under one parent, and 一是 series);
* ``mark``: the wrong punctuation after an ordinal (``一.`` ``1、`` ``（一）、``);
* ``form``: the ordinal itself is written off-standard (``(一)`` ``一)`` ``⑴`` ``１.``);
* ``inversion``: a higher-level ordinal after lower-level siblings
  (``（二）`` straight after ``1.`` items with no ``（一）`` before them);
* ``continuity``: the document's own convention for a level - numbering that
  runs on across parents (the reference's （1）…（33）) or restarts under each
  parent - is detected from the document, and the groups that break it are
  reported. It is never a fixed choice.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Hit, Rule
from ..outline import Node, Outline, format_ordinal

CHECKS = ["gap", "duplicate", "start", "mark", "form", "inversion", "continuity"]

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {"check": {"enum": CHECKS}},
}


@dataclass
class Issue:
    check: str
    start: int
    end: int
    params: dict
    replacement: str | None = None


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    issues = ctx.memo("numbering", lambda: analyse(ctx.outline))
    for rule in rules:
        wanted = rule.options["check"]
        for i in issues:
            if i.check == wanted:
                yield rule, Hit(i.start, i.end, i.params, replacement=i.replacement)


def analyse(o: Outline) -> list[Issue]:
    issues: list[Issue] = []
    text = o.doc.text
    nodes = [n for n in o.nodes() if not n.label_problem]
    for n in nodes:
        issues.extend(_form_and_mark(n))
    inverted = _inversions(o, issues)
    issues.extend(_sequences(o, nodes, inverted, text))
    issues.extend(_enumerations(o, text))
    return issues


def _form_and_mark(n: Node) -> list[Issue]:
    out = []
    written = n.written_ordinal
    canonical = format_ordinal(n.style, n.value, with_mark=False)
    if written != canonical:
        out.append(Issue("form", n.start, n.start + len(written), {"marker": written, "canonical": canonical}, canonical))
    want = format_ordinal(n.style, n.value)[len(canonical) :]
    if n.mark != want:
        s, e = n.mark_span
        if n.mark:
            out.append(Issue("mark", s, e, {"marker": written + n.mark, "mark": n.mark, "canonical": canonical + want}, want))
        else:  # a required mark is missing ("一党委…", cannot happen for our patterns, kept for safety)
            out.append(Issue("mark", s, s, {"marker": written, "mark": "", "canonical": canonical + want}, want))
    return out


def _inversions(o: Outline, issues: list[Issue]) -> set[int]:
    inverted: set[int] = set()
    parents = [None, *o.nodes()]
    for p in parents:
        kids = [c for c in (o.roots if p is None else p.children) if not c.label_problem]
        deepest_seen = 0
        for c in kids:
            if deepest_seen > c.rank:
                inverted.add(id(c))
                prev = next(k for k in kids if k.rank == deepest_seen)
                issues.append(
                    Issue(
                        "inversion",
                        c.start,
                        c.marker_end,
                        {"marker": c.written_ordinal, "previous": prev.written_ordinal},
                    )
                )
            deepest_seen = max(deepest_seen, c.rank)
    return inverted


def _scope_key(n: Node, top_is_level1: bool) -> int:
    if not top_is_level1:
        return 0
    while n.parent is not None:
        n = n.parent
    return id(n)


def _sequences(o: Outline, nodes: list[Node], inverted: set[int], text: str) -> list[Issue]:
    out: list[Issue] = []
    top_is_level1 = any(r.style == "cn-dun" for r in o.roots)
    # groups: siblings of one style under one parent, in document order
    groups: dict[tuple[int, str], list[Node]] = defaultdict(list)
    order: list[tuple[int, str]] = []
    for n in nodes:
        key = (id(n.parent) if n.parent is not None else 0, n.style)
        if key not in groups:
            order.append(key)
        groups[key].append(n)
    # chains: the groups of one style within one scope (a level-1 section), in order
    chains: dict[tuple[int, str], list[list[Node]]] = defaultdict(list)
    for key in order:
        g = groups[key]
        if g[0].parent is None:
            chains[(id(g[0]), g[0].style)].append(g)  # roots: their own chain
        else:
            chains[(_scope_key(g[0], top_is_level1), g[0].style)].append(g)
    for (_, style), chain in chains.items():
        conv = _convention(chain)
        prev_last = 0
        for k, g in enumerate(chain):
            first = g[0]
            expected = 1 if (k == 0 or conv == "restart") else prev_last + 1
            if first.value != expected and id(first) not in inverted:
                params = {
                    "found": first.written_ordinal,
                    "expected": format_ordinal(style, expected, with_mark=False),
                    "convention": "连续编号" if conv == "continuous" else "每层重新编号",
                    "convention_en": "runs on across parents" if conv == "continuous" else "restarts under each parent",
                }
                if k > 0 and (first.value == 1 or first.value == prev_last + 1):
                    out.append(Issue("continuity", first.start, first.start + len(first.written_ordinal), params))
                elif expected == 1:
                    out.append(Issue("start", first.start, first.start + len(first.written_ordinal), params))
                elif first.value <= prev_last:
                    out.append(Issue("duplicate", first.start, first.start + len(first.written_ordinal), params))
                else:
                    out.append(Issue("gap", first.start, first.start + len(first.written_ordinal), params))
            out.extend(_within(g, style))
            prev_last = g[-1].value
    return out


def _convention(chain: list[list[Node]]) -> str:
    restart = cont = 0
    for prev, g in zip(chain, chain[1:]):
        if g[0].value == 1:
            restart += 1
        elif g[0].value == prev[-1].value + 1:
            cont += 1
    return "continuous" if cont > restart else "restart"


def _within(g: list[Node], style: str) -> list[Issue]:
    out = []
    seen = {g[0].value}
    for prev, n in zip(g, g[1:]):
        exp = prev.value + 1
        if n.value == exp:
            seen.add(n.value)
            continue
        params = {"found": n.written_ordinal, "expected": format_ordinal(style, exp, with_mark=False)}
        span = (n.start, n.start + len(n.written_ordinal))
        if n.value in seen:
            out.append(Issue("duplicate", *span, params))
        else:
            out.append(Issue("gap", *span, params))
        seen.add(n.value)
    return out


def _enumerations(o: Outline, text: str) -> list[Issue]:
    out = []
    for items in o.enums.values():
        prev = None
        for it in items:
            found = text[it.start : it.marker_end]
            if it.value == 1:
                prev = it
                continue
            if prev is None:
                out.append(Issue("start", it.start, it.marker_end, {"found": found, "expected": "一是"}))
            elif it.value == prev.value:
                out.append(Issue("duplicate", it.start, it.marker_end, {"found": found, "expected": format_ordinal("enum", prev.value + 1, False)}))
            elif it.value != prev.value + 1:
                out.append(Issue("gap", it.start, it.marker_end, {"found": found, "expected": format_ordinal("enum", prev.value + 1, False)}))
            prev = it
    return out
