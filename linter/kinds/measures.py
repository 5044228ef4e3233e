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
from ..outline import measures_of

OPTIONS_SCHEMA = check_options(
    ["missing", "empty"],
    sections={"type": "array", "items": {"enum": ["rectification", "longterm"]}, "uniqueItems": True},
)


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    o = ctx.outline
    text = ctx.doc.text
    # every rule reads the same problems and measures: worked out once per document
    problems = ctx.memo("measures:problems", dict)
    measures = ctx.memo("measures:of", dict)
    for rule in rules:
        c = rule.options["check"]
        for role in rule.options.get("sections", ["rectification", "longterm"]):
            if role not in problems:
                problems[role] = o.problems(role)
            for problem in problems[role]:
                ms = measures.get(id(problem))
                if ms is None:
                    ms = measures[id(problem)] = measures_of(o, problem)
                title = problem.title if len(problem.title) <= 30 else problem.title[:29] + "…"
                if c == "missing" and not any(not m.empty for m in ms):
                    yield rule, Hit(problem.start, problem.title_end, {"problem": text[problem.start : problem.marker_end] + title})
                elif c == "empty":
                    for m in ms:
                        if m.empty and m.enum is not None:
                            yield rule, Hit(m.enum.start, m.enum.marker_end, {"marker": text[m.enum.start : m.enum.marker_end]})
