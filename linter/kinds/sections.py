"""Kind ``sections``: the parts a notice must have, in order.

Checks (option ``check``): ``missing`` (option ``role``: rectification,
responsibility, longterm or nextsteps) and ``order`` (responsibility,
rectification, long-term, next steps). Roles are read by meaning from the
headings, then from the content (see outline.py / docs/outline.md). A notice
whose problems are its top-level items, or a summary notice without numbering,
is only checked for its rectification content, since the other parts cannot
be told apart there.
"""
from __future__ import annotations

from ..model import Hit, Rule
from ..outline import ROLE_LABELS

ORDER = ["responsibility", "rectification", "longterm", "nextsteps"]

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {"check": {"enum": ["missing", "order"]}, "role": {"enum": ORDER}},
    "if": {"properties": {"check": {"const": "missing"}}},
    "then": {"required": ["check", "role"]},
}

ROLE_EN = {
    "responsibility": "fulfilment of the main responsibility",
    "rectification": "rectification of the problems fed back",
    "longterm": "items needing long-term rectification",
    "nextsteps": "next steps",
}


def prepare(rules: list[Rule]):
    return rules


def check(ctx, rules: list[Rule]):
    o = ctx.outline
    roles = [n.role for n in o.roots]
    anchor = o.roots[0].start if o.roots else (o.lead[0].start if o.lead else 0)
    structured = bool(o.roots) and not o.virtual_rectification
    for rule in rules:
        c = rule.options["check"]
        if c == "missing":
            role = rule.options["role"]
            if role == "rectification":
                if role not in roles and not o.virtual_rectification:
                    yield rule, Hit(anchor, anchor, {"section": ROLE_LABELS[role], "section_en": ROLE_EN[role]})
            elif structured and role not in roles:
                yield rule, Hit(anchor, anchor, {"section": ROLE_LABELS[role], "section_en": ROLE_EN[role]})
        elif c == "order" and structured:
            present = [n for n in o.roots if n.role]
            for prev, n in zip(present, present[1:]):
                if ORDER.index(n.role) < ORDER.index(prev.role):
                    yield rule, Hit(
                        n.start,
                        n.title_end,
                        {
                            "section": ROLE_LABELS[n.role],
                            "section_en": ROLE_EN[n.role],
                            "previous": ROLE_LABELS[prev.role],
                            "previous_en": ROLE_EN[prev.role],
                        },
                    )
                    break
