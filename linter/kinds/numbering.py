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

from itertools import chain as joined
from typing import Iterable

from ..model import Hit, Issue, Rule
from .options import check_options
from ..outline import CANONICAL_MARK, Node, Outline, format_ordinal

CHECKS = ["gap", "duplicate", "start", "mark", "form", "inversion", "continuity", "halfwidth-document"]

# "(一)" "(1)" throughout: a web page's normalised copy or a drafter's habit. From
# this many such ordinals, making up this share of the bracketed ones, one
# summary finding replaces the per-ordinal ``form`` findings (VARIANTS §7).
HALFWIDTH_MIN_COUNT = 5
HALFWIDTH_MIN_SHARE = 0.8

OPTIONS_SCHEMA = check_options(CHECKS)


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    issues = ctx.memo("numbering", lambda: analyse(ctx.outline))
    if not issues:
        return
    summary = any(r.options["check"] == "halfwidth-document" for r in rules)
    # Each rule reads only the issues of its check (grouped once), not every issue.
    by_check: dict[str, list[Issue]] = {}
    for i in issues:
        by_check.setdefault(i.check, []).append(i)
    for rule in rules:
        wanted = rule.options["check"]
        for i in by_check.get(wanted, ()):
            yield rule, Hit(i.start, i.end, _reported_params(i), replacement=i.replacement)
        if wanted == "form" and not summary:
            # the summary rule is not selected: report its ordinals one by one (it is the last issue)
            for i in by_check.get("halfwidth-document", ()):
                for item in i.params["items"]:
                    yield rule, Hit(item.start, item.end, item.params, replacement=item.replacement)


def _reported_params(i: Issue) -> dict:
    """An issue's params as a finding shows them: without the folded issues of a summary
    (a Hit never changes its params, so the others are handed on as they are)."""
    if "items" not in i.params:
        return i.params
    return {k: v for k, v in i.params.items() if k != "items"}


def analyse(o: Outline) -> list[Issue]:
    text = o.doc.text
    nodes = [n for n in o.nodes() if not n.label_problem]
    off = _off_standard(nodes)
    issues = [i for n in off for i in _form_and_mark(n)]
    top_is_level1 = any(r.style == "cn-dun" for r in o.roots)
    chains, mixed = _chains(_sibling_lists(o), top_is_level1)
    inverted = _inversions(mixed, issues)
    issues.extend(_sequences(chains, inverted))
    issues.extend(_enumerations(o, text))
    return _summarise_halfwidth(nodes, off, issues)


def _off_standard(nodes: list[Node]) -> list[Node]:
    """The nodes whose ordinal or mark differs from the standard form: the only ones
    ``_form_and_mark`` reports on (two string comparisons settle the others; format_ordinal
    keeps each standard form once made)."""
    return [n for n in nodes if n.mark != CANONICAL_MARK.get(n.style, "") or n.marker_text != format_ordinal(n.style, n.value)]


def _summarise_halfwidth(nodes: list[Node], off: list[Node], issues: list[Issue]) -> list[Issue]:
    """Fold the ``form`` findings of systematically half-width bracketed ordinals into one.

    A half-width "(一)" is never the standard "（一）", so those ordinals are among
    the off-standard nodes ``off``; all bracketed ones are counted only when enough are.
    """
    half = {n.start for n in off if n.style in ("cn-paren", "ar-paren") and n.written_ordinal.startswith("(") and n.written_ordinal.endswith(")")}
    if len(half) < HALFWIDTH_MIN_COUNT:
        return issues
    bracketed = [n for n in nodes if n.style in ("cn-paren", "ar-paren")]
    if len(half) < HALFWIDTH_MIN_SHARE * len(bracketed):
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


def _sibling_lists(o: Outline) -> list[list[Node]]:
    """The roots and the children of every node that has some, in document order."""
    return [o.roots] + [n.children for n in o.nodes() if n.children]


def _inversions(siblings: list[list[Node]], issues: list[Issue]) -> set[int]:
    """Siblings after a deeper sibling (``（二）`` after ``1.`` items): ``siblings`` need only
    hold the lists of more than one style, since a heading's rank is that of its style."""
    inverted: set[int] = set()
    for children in siblings:
        kids = [c for c in children if not c.label_problem]
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


Chains = dict[tuple[int, str], list[list[Node]]]


def _chains(siblings: list[list[Node]], top_is_level1: bool) -> tuple[Chains, list[list[Node]]]:
    """The groups of one style within one scope, in document order, by (scope, style);
    and the sibling lists of more than one style.

    A group is the siblings of one style under one parent: headings, and 问题1/问题2
    labels (series of their own, often running on across their parents). The scope
    is the level-1 section (0 when the top level is not 一、), or the group itself
    for the roots.
    """
    chains: Chains = {}
    mixed: list[list[Node]] = []
    unsorted: set[tuple[int, str]] = set()  # the keys of chains that received a group out of order
    root_scope = 0
    for children in siblings:
        if not children:
            continue
        first = children[0]
        parent = first.parent
        if parent is not None and parent.parent is None:
            root_scope = id(parent) if top_is_level1 else 0  # parents come in document order: below this root now
        style = first.style
        one_style = not first.label_problem  # labels have a style of their own
        if one_style:
            for c in children:  # a loop that stops at the first other style, not a set of every list's styles
                if c.style != style:
                    one_style = False
                    break
        if one_style:
            by_style = (children,)  # one style of headings: the common case
        else:
            kids = [c for c in children if not c.label_problem or c.value > 0]
            by_style = [[c for c in kids if c.style == s] for s in dict.fromkeys(c.style for c in kids)]
            if len({c.style for c in children}) > 1:
                mixed.append(children)
        for g in by_style:
            key = (id(g[0]) if parent is None else root_scope, g[0].style)
            chain = chains.get(key)
            if chain is None:
                chains[key] = [g]
            else:
                if g[0].start < chain[-1][0].start:
                    unsorted.add(key)
                chain.append(g)
    # Parents come in document order, their groups nearly always so: only a chain that received a
    # group starting before its previous one is sorted (sorting a sorted chain changes nothing).
    for key in unsorted:
        chains[key].sort(key=lambda g: g[0].start)
    return chains, mixed


def _sequences(chains: Chains, inverted: set[int]) -> list[Issue]:
    out: list[Issue] = []
    for (_, style), chain in chains.items():
        if len(chain) > 1 and _runs_on(chain):
            continue  # 1, 2, 3… straight across the groups (the reference's （1）…（33））: nothing to report
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
            if len(g) > 1 and not _consecutive(g):
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


def _runs_on(chain: list[list[Node]]) -> bool:
    """1, 2, 3… straight across the groups (most chains restart at their second group)."""
    return _counts_up(joined.from_iterable(chain), 1)


def _consecutive(g: list[Node]) -> bool:
    return _counts_up(g, g[0].value)


def _counts_up(nodes: Iterable[Node], start: int) -> bool:
    """The values are start, start + 1, …: a loop that stops at the first other value."""
    expected = start
    for n in nodes:
        if n.value != expected:
            return False
        expected += 1
    return True


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
            if it.value == 1 and (prev is None or it.separated) or prev is not None and it.value == prev.value + 1:
                prev = it  # starts a series, or the next number: nothing to report (nearly every item)
                continue
            found = text[it.start : it.marker_end]
            expected = format_ordinal("enum", prev.value + 1, False) if prev is not None else "一是"
            if prev is None:
                out.append(Issue("start", it.start, it.marker_end, {"found": found, "expected": expected}))
            elif it.value <= prev.value:
                out.append(Issue("duplicate", it.start, it.marker_end, {"found": found, "expected": expected}))
            else:
                out.append(Issue("gap", it.start, it.marker_end, {"found": found, "expected": expected}))
            prev = it
    return out
