"""Kind ``measures``: every problem has at least one rectification measure.

Problems are the deepest numbered items of the rectification and long-term
sections, their 问题N： labels, or 一是-style problem paragraphs of a section
without numbered items (see outline.py). Checks (option ``check``):
``missing`` (a problem with no measure) and ``empty`` (a measure with no text,
such as ``二是。``).
"""
from __future__ import annotations

from ..model import Hit, Rule
from .options import check_options
from ..outline import EnumItem, Node, Outline, measures_of

OPTIONS_SCHEMA = check_options(
    ["missing", "empty"],
    sections={"type": "array", "items": {"enum": ["rectification", "longterm"]}, "uniqueItems": True},
)



def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    o = ctx.outline
    text = ctx.doc.text
    # every rule reads the same problems: their shortfalls are worked out once per document
    unsure = _series_not_opening_with_text(o, text)
    found: dict[str, tuple[list[Node], list[EnumItem]]] = {}
    for rule in rules:
        c = rule.options["check"]
        for role in rule.options.get("sections", ["rectification", "longterm"]):
            if role not in found:
                found[role] = _shortfalls(o, o.problems(role), unsure)
            missing, empty = found[role]
            if c == "missing":
                for problem in missing:
                    title = problem.title if len(problem.title) <= 30 else problem.title[:29] + "…"
                    yield rule, Hit(problem.start, problem.title_end, {"problem": text[problem.start : problem.marker_end] + title})
            elif c == "empty":
                for it in empty:
                    yield rule, Hit(it.start, it.marker_end, {"marker": text[it.start : it.marker_end]})


def _series_not_opening_with_text(o: Outline, text: str) -> set[int]:
    """Keys of ``o.enums`` (id of the owning node) whose 一是 series has an item that
    does not open with a character or digit.

    Blank (``Measure.empty``) is whitespace and punctuation only, so an item that
    opens with a character or digit (``str.isalnum``) is a real measure. Nearly
    every series is settled by that. The character after each item's marker is
    read where it stands: a notice has one item per ~130 characters, and a pass
    over the whole text for the 是 not followed by one cost more.
    """
    return {key for key, items in o.enums.items() for it in items if it.marker_end >= it.end or not text[it.marker_end].isalnum()}


def _shortfalls(o: Outline, problems: list[Node], unsure: set[int]) -> tuple[list[Node], list[EnumItem]]:
    """The problems without a (non-empty) measure, and the empty 一是 measures, in order.

    A problem's 一是 items are its measures when it has any (``measures_of``): when
    they all open with text, it has measures and none is empty, known without
    building them. Any other problem is left to ``measures_of``.
    """
    missing: list[Node] = []
    empty: list[EnumItem] = []
    for problem in problems:
        key = id(problem)  # how o.enums (items_of) keys a node's series
        if problem.style != "enum" and key not in unsure and o.enums.get(key):
            continue
        ms = measures_of(o, problem)
        if all(m.empty for m in ms):
            missing.append(problem)
        empty.extend(m.enum for m in ms if m.empty and m.enum is not None)
    return missing, empty
