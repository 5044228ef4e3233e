"""Kind ``phrase``: a dictionary of wrong -> right forms.

Every phrase rule of a run (bundled and user-supplied) goes into one
pyahocorasick automaton, matched in one pass per document, leftmost-longest.
An entry may list ``allow`` contexts: longer strings that contain the wrong
form and are correct, so a match inside one of them is not reported
(``巡查`` is wrong, but not inside ``巡查巡防``).

Keying: the automaton is keyed on the UTF-8 bytes of each phrase and the
document is scanned as UTF-8 bytes. With str keys every Chinese character
becomes a child of the root and a large dictionary makes each step slow; with
bytes the root has at most 256 children and the speed stays that of a small
dictionary. Byte offsets are mapped back to character offsets only for hits.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass

from .. import cache
from ..model import Hit, Rule, Severity

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "entries": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["wrong"],
                "properties": {
                    "wrong": {"type": "string", "minLength": 1},
                    "right": {"type": "string"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "note": {"type": "string"},
                    "allow": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "fix": {"type": "boolean", "description": "false: never auto-fix this entry"},
                },
            },
        },
        "pairs": {
            "type": "object",
            "description": "Compact form: wrong: right",
            "additionalProperties": {"type": "string"},
        },
    },
    "anyOf": [{"required": ["entries"]}, {"required": ["pairs"]}],
}


@dataclass(frozen=True)
class Entry:
    rule_index: int
    wrong: str
    right: str | None
    severity: Severity | None
    note: str
    allow: tuple[str, ...]
    fixable: bool


def validate_options(opts: dict) -> tuple[str, str] | None:
    for i, e in enumerate(opts.get("entries", [])):
        for a in e.get("allow", []):
            if e["wrong"] not in a:
                return "entries", f"entry {i} ('{e['wrong']}'): allowed context '{a}' does not contain the phrase"
    return None


def _entries(rules: list[Rule]) -> list[Entry]:
    out: list[Entry] = []
    for ri, rule in enumerate(rules):
        for e in rule.options.get("entries", []):
            sev = e.get("severity")
            out.append(
                Entry(ri, e["wrong"], e.get("right"), Severity.parse(sev) if sev else None, e.get("note", ""), tuple(e.get("allow", [])), e.get("fix", True))
            )
        for wrong, right in (rule.options.get("pairs") or {}).items():
            out.append(Entry(ri, wrong, right, None, "", (), True))
    return out


class Prepared:
    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.entries = _entries(rules)
        self.automaton = build_automaton(self.entries) if self.entries else None
        self.key_bytes = [len(e.wrong.encode("utf-8")) for e in self.entries]


def build_automaton(entries: list[Entry]):
    """One automaton for all entries; cached on disk by a hash of the entries."""
    import ahocorasick

    key_src = "\x00".join(f"{e.wrong}\x01{i}" for i, e in enumerate(entries)).encode("utf-8")
    key = cache.digest(b"phrase-automaton-v1", key_src)
    blob = cache.load("automata", key)
    if blob is not None:
        try:
            return pickle.loads(blob)
        except Exception:  # a corrupt cache entry is just a miss
            pass
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS, ahocorasick.KEY_SEQUENCE)
    seen: dict[bytes, int] = {}
    for i, e in enumerate(entries):
        k = e.wrong.encode("utf-8")
        if k in seen:  # the first rule that declares a phrase wins
            continue
        seen[k] = i
        automaton.add_word(k, i)
    automaton.make_automaton()
    try:
        cache.store("automata", key, pickle.dumps(automaton))
    except Exception:
        pass
    return automaton


def prepare(rules: list[Rule]) -> Prepared:
    return Prepared(rules)


def scan(text: str, automaton, key_bytes: list[int]) -> list[tuple[int, int, int]]:
    """Leftmost-longest non-overlapping matches as (char_start, char_end, entry index)."""
    data = text.encode("utf-8")
    raw = list(automaton.iter_long(data))
    if not raw:
        return []
    if len(data) == len(text):  # pure ASCII: byte and char offsets agree
        return [(e + 1 - key_bytes[v], e + 1, v) for e, v in raw]
    bmap = _ByteMap(data)
    return [(bmap.char(e + 1 - key_bytes[v]), bmap.char(e + 1), v) for e, v in raw]


class _ByteMap:
    """Byte offset -> char offset, walking forward: hits come in increasing order."""

    def __init__(self, data: bytes):
        self.data = data
        self.byte = 0
        self.char_pos = 0

    def char(self, byte_off: int) -> int:
        if byte_off < self.byte:  # rare: overlapping request, restart from the beginning
            self.byte = self.char_pos = 0
        self.char_pos += len(self.data[self.byte : byte_off].decode("utf-8"))
        self.byte = byte_off
        return self.char_pos


def allowed(text: str, start: int, end: int, contexts: tuple[str, ...]) -> bool:
    for ctx in contexts:
        n = len(ctx)
        window = text[max(0, start - n) : end + n]
        base = max(0, start - n)
        pos = window.find(ctx)
        while pos != -1:
            if base + pos <= start and base + pos + n >= end:
                return True
            pos = window.find(ctx, pos + 1)
    return False


def check(ctx, state: Prepared):
    if state.automaton is None:
        return
    text = ctx.doc.text
    for start, end, idx in scan(text, state.automaton, state.key_bytes):
        e = state.entries[idx]
        if e.allow and allowed(text, start, end, e.allow):
            continue
        rule = state.rules[e.rule_index]
        params = {"wrong": e.wrong, "right": e.right or "", "note": e.note}
        replacement = e.right if (e.right is not None and e.fixable) else None
        yield rule, Hit(start, end, params, replacement=replacement, severity=e.severity)
