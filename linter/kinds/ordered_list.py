"""Kind ``ordered-list``: a fixed list whose members and order are canonical.

Political formulas such as “四个意识” (政治意识、大局意识、核心意识、看齐意识)
must be listed with exactly these members in exactly this order. One rule
describes one list; every ordered-list rule of a run shares one compiled regex
over all member names (and known wrong members), so a line is scanned once
for all lists.

A *listing* is a run of members joined by an accepted separator (``、`` by
default) on one line. A listing is checked when it is long enough to be the
list (``min_members``), or shorter but near the label (``label`` within
``window`` characters on the same line), or when it holds a known wrong member
next to real ones (``min_members_with_wrong``). Then it must hold no wrong
member, no repeated member, the members in canonical order and, next to the
label, no single missing member.
The finding covers the listed members exactly.

Only the lines where a finding is possible are scanned for members: a
listing never spans a line (neither members nor separators hold a line
break), and outside a line with a separator followed by a member (or two
members written together, or a member of a list that a lone member can
report) every member stands alone, which is never reported. Those lines are
found by one more regex, mostly searching for literal separators, which the
engine skips to far faster than to the first characters of fifty members.
"""
from __future__ import annotations

import re

from .. import rx
from ..document import lines_holding
from ..model import Hit, Rule, Severity

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["members"],
    "properties": {
        "label": {
            "description": "The name of the list (or several names); quotes around it do not matter.",
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            ],
        },
        "members": {"type": "array", "minItems": 2, "items": {"type": "string", "minLength": 1}},
        "wrong_members": {
            "type": "object",
            "description": "Known wrong members: wrong -> the member it stands for (empty string when none).",
            "additionalProperties": {"type": "string"},
        },
        "separators": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "maxLength": 4},
            "description": "Accepted text between two members (default ['、']); '' accepts members written together.",
        },
        "window": {"type": "integer", "minimum": 0, "maximum": 500, "description": "How far (characters, same line) to look for the label."},
        "min_members": {"type": "integer", "minimum": 2, "description": "Members listed before a run counts as the list without its label (default: all)."},
        "min_members_with_label": {"type": "integer", "minimum": 1, "description": "Members listed before a run near the label counts (default 2)."},
        "min_members_with_wrong": {
            "type": "integer",
            "minimum": 2,
            "description": "Items (wrong ones included, at least one real) before a run holding a known wrong member counts (default 2).",
        },
        "canonical": {"type": "string", "minLength": 1, "description": "The canonical wording shown in messages (default: members joined by 、)."},
        "check_missing": {"type": "boolean", "description": "Next to the label, report a listing that lacks exactly one member (default true)."},
    },
}

DEFAULT_WINDOW = 60


def validate_options(opts: dict) -> tuple[str, str] | None:
    members = opts.get("members", [])
    if len(set(members)) != len(members):
        return "members", "a member is listed twice"
    for wrong, right in (opts.get("wrong_members") or {}).items():
        if wrong in members:
            return "wrong_members", f"'{wrong}' is also a member"
        if right and right not in members:
            return "wrong_members", f"'{wrong}' stands for '{right}', which is not a member"
    if opts.get("min_members", 2) > len(members):
        return "min_members", f"min_members is larger than the {len(members)} members"
    if "\n" in "".join(opts.get("separators", [])):
        return "separators", "a separator cannot contain a line break"
    if "\n" in "".join(members) + "".join(opts.get("wrong_members") or {}):
        return "members", "a member cannot contain a line break"
    if "" in (opts.get("wrong_members") or {}):
        return "wrong_members", "a wrong member cannot be empty"
    return None


class ListSpec:
    """One rule's list, with its defaults filled in."""

    __slots__ = (
        "rule", "labels", "members", "wrong", "separators", "max_sep", "window",
        "min_members", "min_with_label", "min_with_wrong", "canonical", "check_missing",
    )

    def __init__(
        self,
        rule: Rule,
        labels: tuple[str, ...],
        members: tuple[str, ...],
        wrong: dict[str, int | None],
        separators: frozenset[str],
        max_sep: int,
        window: int,
        min_members: int,
        min_with_label: int,
        min_with_wrong: int,
        canonical: str,
        check_missing: bool,
    ):
        self.rule = rule
        self.labels = labels
        self.members = members
        self.wrong = wrong  # wrong member -> slot of the member it stands for
        self.separators = separators
        self.max_sep = max_sep
        self.window = window
        self.min_members = min_members
        self.min_with_label = min_with_label
        self.min_with_wrong = min_with_wrong
        self.canonical = canonical
        self.check_missing = check_missing

    def __repr__(self) -> str:
        return f"ListSpec({self.rule.code}, {self.canonical!r})"

    @classmethod
    def from_rule(cls, rule: Rule) -> "ListSpec":
        o = rule.options
        members = tuple(o["members"])
        label = o.get("label") or ()
        labels = (label,) if isinstance(label, str) else tuple(label)
        seps = tuple(o.get("separators") or ["、"])
        wrong = {w: (members.index(r) if r else None) for w, r in (o.get("wrong_members") or {}).items()}
        return cls(
            rule=rule,
            labels=labels,
            members=members,
            wrong=wrong,
            separators=frozenset(seps),
            max_sep=max(len(s) for s in seps),
            window=o.get("window", DEFAULT_WINDOW),
            min_members=o.get("min_members", len(members)),
            min_with_label=o.get("min_members_with_label", 2),
            min_with_wrong=o.get("min_members_with_wrong", 2),
            canonical=o.get("canonical") or "、".join(members),
            check_missing=o.get("check_missing", True),
        )


class Item:
    """One item of a fixed list found in the text."""

    __slots__ = ("start", "end", "token", "slot", "wrong")

    def __init__(self, start: int, end: int, token: str, slot: int | None, wrong: bool):
        self.start = start
        self.end = end
        self.token = token
        self.slot = slot  # canonical position; None for a wrong member that stands for nothing
        self.wrong = wrong

    def __repr__(self) -> str:
        return f"Item({self.start}-{self.end}, {self.token!r}, slot={self.slot}, wrong={self.wrong})"


class Prepared:
    """The lists of every ordered-list rule, with one alternation that finds their items."""

    __slots__ = ("specs", "regex", "tokens", "anchors")

    def __init__(
        self,
        specs: list[ListSpec],
        regex: re.Pattern | None,
        tokens: dict[str, list[tuple[int, int | None, bool]]] | None = None,
        anchors: tuple[re.Pattern, ...] = (),
    ):
        self.specs = specs
        self.regex = regex
        # token -> [(spec index, slot, is wrong)]
        self.tokens = {} if tokens is None else tokens
        # together find, in every line that can hold a finding, at least one place
        self.anchors = anchors


def prepare(rules: list[Rule]) -> Prepared:
    specs = [ListSpec.from_rule(r) for r in rules]
    tokens: dict[str, list[tuple[int, int | None, bool]]] = {}
    for si, spec in enumerate(specs):
        for slot, m in enumerate(spec.members):
            tokens.setdefault(m, []).append((si, slot, False))
        for w, slot in spec.wrong.items():
            tokens.setdefault(w, []).append((si, slot, True))
    if not tokens:
        return Prepared(specs, None)
    return Prepared(specs, rx.compile(_alternation(tokens)), tokens, tuple(rx.compile(p) for p in _anchor_patterns(specs)))


def _alternation(words) -> str:
    # Longest alternatives first: Python's alternation is leftmost-first.
    return "|".join(re.escape(t) for t in sorted(words, key=lambda t: (-len(t), t)))


def _anchor_patterns(specs: list[ListSpec]) -> list[str]:
    """Regexes that together match in every line where a listing can be reported.

    Such a listing has two members joined by a separator of its list: each
    separator is searched for followed by a member of a list that accepts it
    (the class of first characters rejects most separators at once), and two
    members written together as they are. A list whose lone member can be
    reported adds its members.

    One pattern per separator, not one alternation: each starts with its separator, a
    literal the engine skips to (~0.5 ns a character), where the alternation made it test
    every character of the text against the set of the separators (~6 ns a character).
    """
    after: dict[str, set[str]] = {}  # separator -> members of the lists that accept it
    lone: set[str] = set()
    for spec in specs:
        words = set(spec.members) | set(spec.wrong)
        for sep in spec.separators:
            after.setdefault(sep, set()).update(words)
        if _lone_member_reportable(spec):
            lone |= words
    parts = []
    for sep, words in after.items():
        alternation = _alternation(words)
        if sep:
            firsts = "".join(sorted({re.escape(w[0]) for w in words}))
            parts.append(f"{re.escape(sep)}(?=[{firsts}])(?={alternation})")
        else:
            parts.append(f"(?:{alternation})(?={alternation})")
    if lone:
        parts.append(_alternation(lone))
    return parts


def _lone_member_reportable(spec: ListSpec) -> bool:
    """Whether one member alone can be reported (see evaluate): only as the one
    member missing from a two-member list, next to its label. Any other report
    needs two items: several real members, or a wrong one next to a real one."""
    return spec.check_missing and bool(spec.labels) and len(spec.members) == 2 and spec.min_with_label <= 1


def candidate_lines(text: str, anchors: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    """(start, end) of each line with an anchor match, in order (a match never spans a line break).

    Searched by the engine itself: a pattern that starts with a literal is skipped to at
    once, which an rx plan (its estimates and candidate lists) can only slow down."""
    return lines_holding(text, sorted(m.start() for a in anchors for m in a.finditer(text)))


def check(ctx, state: Prepared):
    if state.regex is None:
        return
    text = ctx.doc.text
    for start, end in candidate_lines(text, state.anchors):
        yield from _line_hits(text, state, start, end)


def _line_hits(text: str, state: Prepared, start: int, end: int):
    """The findings of one line: its members, grouped per list into runs of joined ones."""
    runs: dict[int, list[Item]] = {}
    for m in state.regex.finditer(text, start, end):
        for si, slot, wrong in state.tokens[m.group()]:
            spec = state.specs[si]
            run = runs.get(si)
            if run and _joined(text, run[-1].end, m.start(), spec):
                run.append(Item(m.start(), m.end(), m.group(), slot, wrong))
                continue
            if run:
                hit = evaluate(text, spec, run)
                if hit is not None:
                    yield spec.rule, hit
            runs[si] = [Item(m.start(), m.end(), m.group(), slot, wrong)]
    for si, run in runs.items():
        hit = evaluate(text, state.specs[si], run)
        if hit is not None:
            yield state.specs[si].rule, hit


def _joined(text: str, prev_end: int, start: int, spec: ListSpec) -> bool:
    gap = start - prev_end
    return 0 <= gap <= spec.max_sep and text[prev_end:start] in spec.separators


def _label_near(text: str, spec: ListSpec, start: int, end: int) -> bool:
    if not spec.labels:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    reach = spec.window + max(len(label) for label in spec.labels)
    before = text[max(line_start, start - reach) : start]
    after = text[end : min(line_end, end + reach)]
    for label in spec.labels:
        # the label must end within the window before the listing or start within it after
        i = before.rfind(label)
        if i != -1 and len(before) - (i + len(label)) <= spec.window:
            return True
        j = after.find(label)
        if j != -1 and j <= spec.window:
            return True
    return False


def evaluate(text: str, spec: ListSpec, run: list[Item]) -> Hit | None:
    """The finding for one listing, or None when it is fine or not this list at all."""
    start, end = run[0].start, run[-1].end
    n = len(run)
    n_real = sum(1 for it in run if not it.wrong)
    n_wrong = n - n_real
    near = _label_near(text, spec, start, end)
    if n_wrong:  # a known wrong member next to real ones is this list, labelled or not
        qualifies = n_real >= 1 and n >= spec.min_with_wrong
    else:
        qualifies = n >= spec.min_members or (near and n >= spec.min_with_label)
    if not qualifies:
        return None

    zh: list[str] = []
    en: list[str] = []
    for it in run:
        if not it.wrong:
            continue
        if it.slot is not None:
            right = spec.members[it.slot]
            zh.append(f"“{it.token}”应为“{right}”")
            en.append(f"'{it.token}' should be '{right}'")
        else:
            zh.append(f"“{it.token}”不属于该表述")
            en.append(f"'{it.token}' is not a member")
    slots = [it.slot for it in run if it.slot is not None]
    repeated = sorted({s for s in slots if slots.count(s) > 1})
    for s in repeated:
        zh.append(f"“{spec.members[s]}”重复")
        en.append(f"'{spec.members[s]}' is repeated")
    out_of_order = not repeated and any(a > b for a, b in zip(slots, slots[1:]))
    if out_of_order:
        zh.append("顺序有误")
        en.append("members out of order")
    missing: list[str] = []
    if spec.check_missing and near and not repeated and len(set(slots)) == len(spec.members) - 1 and n == len(spec.members) - 1:
        missing = [m for i, m in enumerate(spec.members) if i not in slots]
        zh.append("缺少" + "、".join(f"“{m}”" for m in missing))
        en.append("missing " + ", ".join(f"'{m}'" for m in missing))
    if not zh:
        return None

    # a missing member alone is a warning (never more than the rule's own severity)
    severity = None if (n_wrong or repeated or out_of_order) else min(spec.rule.severity, Severity.WARNING)
    params = {
        "label": spec.labels[0] if spec.labels else spec.canonical,
        "expected": spec.canonical,
        "detail_zh": "；".join(zh),
        "detail_en": "; ".join(en),
    }
    return Hit(start, end, params, replacement=_reordered(text, spec, run, missing), severity=severity)


def _reordered(text: str, spec: ListSpec, run: list[Item], missing: list[str]) -> str | None:
    """The listing with canonical members in canonical order, keeping its separators."""
    if missing or any(it.slot is None for it in run):
        return None
    slots = sorted(it.slot for it in run)
    if len(set(slots)) != len(slots):
        return None
    parts = [spec.members[slots[0]]]
    for k in range(1, len(run)):
        parts.append(text[run[k - 1].end : run[k].start])
        parts.append(spec.members[slots[k]])
    return "".join(parts)
