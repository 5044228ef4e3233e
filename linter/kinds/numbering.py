"""Kind ``numbering``: structural ordinals at every level, and 一是/二是 series.

One analysis per document (shared by every numbering rule through the
context memo); each rule picks its ``check``:

* ``gap`` / ``duplicate`` / ``start``: a sibling series skips, repeats, or does
  not begin at one (headings of each style under one parent, 问题N labels, and
  一是 series; a 一是 after unnumbered text starts a new series);
* ``mark``: the wrong punctuation after an ordinal (``一.`` ``1、`` ``（一）、``);
* ``form``: the ordinal itself is written off-standard (``(一)`` ``一)`` ``⑴`` ``１.``);
* ``halfwidth-document``: bracketed ordinals are half-width throughout (a
  normalised web copy): one summary finding instead of one ``form`` finding
  per ordinal (the ``form`` findings come back when this check is not selected);
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
from .options import check_options
from ..outline import CANONICAL_MARK, Node, Outline, format_ordinal

CHECKS = ["gap", "duplicate", "start", "mark", "form", "inversion", "continuity", "halfwidth-document"]

# "(一)" "(1)" throughout: a web page's normalised copy or a drafter's habit. From
# this many such ordinals, making up this share of the bracketed ones, one
# summary finding replaces the per-ordinal ``form`` findings (VARIANTS §7).
HALFWIDTH_MIN_COUNT = 5
HALFWIDTH_MIN_SHARE = 0.8

OPTIONS_SCHEMA = check_options(CHECKS)


@dataclass
class Issue:
    """One numbering problem before it becomes a Hit."""

    check: str
    start: int
    end: int
    params: dict
    replacement: str | None = None


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    issues = ctx.memo("numbering", lambda: analyse(ctx.outline))
    summary = any(r.options["check"] == "halfwidth-document" for r in rules)
    for rule in rules:
        wanted = rule.options["check"]
        for i in issues:
            if i.check == "halfwidth-document" and wanted == "form" and not summary:
                # the summary rule is not selected: report the ordinals one by one
                for item in i.params["items"]:
                    yield rule, Hit(item.start, item.end, item.params, replacement=item.replacement)
            elif i.check == wanted:
                params = {k: v for k, v in i.params.items() if k != "items"}
                yield rule, Hit(i.start, i.end, params, replacement=i.replacement)


def analyse(o: Outline) -> list[Issue]:
    issues: list[Issue] = []
    text = o.doc.text
    nodes = [n for n in o.nodes() if not n.label_problem]
    for n in nodes:
        issues.extend(_form_and_mark(n))
    inverted = _inversions(o, issues)
    # 问题1/问题2 labels form series of their own (often running on across their parents)
    labels = [n for n in o.nodes() if n.label_problem and n.value > 0]
    issues.extend(_sequences(o, nodes + labels, inverted, text))
    issues.extend(_enumerations(o, text))
    return _summarise_halfwidth(nodes, issues)


def _summarise_halfwidth(nodes: list[Node], issues: list[Issue]) -> list[Issue]:
    """Fold the ``form`` findings of systematically half-width bracketed ordinals into one."""
    bracketed = [n for n in nodes if n.style in ("cn-paren", "ar-paren")]
    half = {n.start for n in bracketed if n.written_ordinal.startswith("(") and n.written_ordinal.endswith(")")}
    if len(half) < HALFWIDTH_MIN_COUNT or len(half) < HALFWIDTH_MIN_SHARE * len(bracketed):
        return issues
    folded = [i for i in issues if i.check == "form" and i.start in half]
    rest = [i for i in issues if not (i.check == "form" and i.start in half)]
    first = folded[0]
    params = {"count": len(folded), "marker": first.params["marker"], "canonical": first.params["canonical"], "items": folded}
    return rest + [Issue("halfwidth-document", first.start, first.end, params)]


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
        for i, c in enumerate(kids):
            if deepest_seen > c.rank:
                inverted.add(id(c))
                prev = next(k for k in reversed(kids[:i]) if k.rank == deepest_seen)
                issues.append(
                    Issue(
                        "inversion",
                        c.start,
                        c.marker_end,
                        {"marker": _shown(c), "previous": _shown(prev)},
                    )
                )
            deepest_seen = max(deepest_seen, c.rank)
    return inverted


def _shown(n: Node) -> str:
    """An ordinal as quoted in messages: as written, with its standard mark ("3." "四、" "（2）")."""
    return n.written_ordinal + (CANONICAL_MARK.get(n.style, ""))


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
    for n in sorted(nodes, key=lambda n: n.start):
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
                    "found": _shown(first),
                    "expected": format_ordinal(style, expected),
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
        params = {"found": _shown(n), "expected": format_ordinal(style, exp)}
        span = (n.start, n.start + len(n.written_ordinal))
        if n.value in seen:
            out.append(Issue("duplicate", *span, params))
        else:
            out.append(Issue("gap", *span, params))
        seen.add(n.value)
    return out


def _enumerations(o: Outline, text: str) -> list[Issue]:
    """一是/二是 series. A 一是 after unnumbered text starts a new series (VARIANTS §4);
    a 一是 straight after the previous item repeats a number."""
    out = []
    for items in o.enums.values():
        prev = None
        for it in items:
            found = text[it.start : it.marker_end]
            if it.value == 1 and (prev is None or it.separated):
                prev = it
                continue
            expected = format_ordinal("enum", prev.value + 1, False) if prev is not None else "一是"
            if prev is None:
                out.append(Issue("start", it.start, it.marker_end, {"found": found, "expected": expected}))
            elif it.value <= prev.value:
                out.append(Issue("duplicate", it.start, it.marker_end, {"found": found, "expected": expected}))
            elif it.value != prev.value + 1:
                out.append(Issue("gap", it.start, it.marker_end, {"found": found, "expected": expected}))
            prev = it
    return out
