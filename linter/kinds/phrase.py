"""Kind ``phrase``: a dictionary of wrong -> right forms.

Every phrase rule of a run (bundled and user-supplied) goes into one
pyahocorasick automaton, matched in one pass per document, leftmost-longest.
An entry may list ``allow`` contexts: longer strings that contain the wrong
form and are correct, so a match inside one of them is not reported
(``巡查`` is wrong, but not inside ``巡查巡防``).

Keying: with str keys every Chinese character is a child of the automaton's
root, and a dictionary of thousands of phrases makes each step slow (measured:
24 MB/s at 20,000 phrases against 148 MB/s at 50). A large dictionary is
therefore keyed on the UTF-8 bytes of each phrase (as a latin-1 str, so the
C iterator still runs on a str) and the document is scanned as UTF-8 bytes:
the root has at most 256 children and the speed stays near that of a small
dictionary (64 MB/s at 20,000). Small dictionaries keep plain str keys, which
are fastest for them. Byte offsets are mapped back to characters only at hits.
"""
from __future__ import annotations

import os
from collections import namedtuple

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


# One wrong form: (rule_index: int, wrong: str, right: str | None, severity: Severity | None,
# note: str, allow: tuple[str, ...], fixable: bool). A tuple: a 20,000-phrase dictionary makes
# 20,000 of them at start-up; collections.namedtuple, as typing.NamedTuple compiles a forward
# reference for each annotated field when the class is made.
Entry = namedtuple("Entry", "rule_index wrong right severity note allow fixable")


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
        make = Entry._make  # tuple.__new__: no Python-level __init__ for each of thousands of pairs
        out.extend([make((ri, wrong, right, None, "", (), True)) for wrong, right in (rule.options.get("pairs") or {}).items()])
    return out


class Prepared:
    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.entries = _entries(rules)
        self.byte_keyed = len(self.entries) >= BYTE_KEYED_FROM
        self.automaton = build_automaton(self.entries, self.byte_keyed) if self.entries else None
        wrongs = [e.wrong for e in self.entries]
        self.key_lens = list(map(len, map(str.encode, wrongs) if self.byte_keyed else wrongs))


BYTE_KEYED_FROM = 2000  # entries; below this, str keys are faster


def _key(phrase: str, byte_keyed: bool) -> str:
    return phrase.encode("utf-8").decode("latin-1") if byte_keyed else phrase


def build_automaton(entries: list[Entry], byte_keyed: bool = False):
    """One automaton for all entries; cached on disk by a hash of the entries.

    A small automaton is stored in pyahocorasick's own format (``save`` /
    ``ahocorasick.load``: no pickle import, 2-3 ms at start-up); a large one
    as a pickle, which loads four times faster (28 ms against 107 ms for
    20,000 phrases).
    """
    import ahocorasick

    key_src = "\x00".join([e.wrong for e in entries]).encode("utf-8")  # in order: the value of a phrase is its index
    key = cache.digest(b"phrase-automaton-v5", b"bytes" if byte_keyed else b"str", key_src)
    path = cache.path_of("automata", key)
    as_pickle = byte_keyed
    if path is not None and path.exists():
        try:
            if as_pickle:
                import pickle

                with open(path, "rb") as f:
                    automaton = pickle.loads(f.read())
            else:
                automaton = ahocorasick.load(str(path), _no_objects)
            STATS["loaded"] += 1
            return automaton
        except Exception:  # a corrupt cache entry is just a miss
            pass
    STATS["built"] += 1
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    seen: set[str] = set()
    for i, e in enumerate(entries):
        k = _key(e.wrong, byte_keyed)
        if k in seen:  # the first rule that declares a phrase wins
            continue
        seen.add(k)
        automaton.add_word(k, i)
    automaton.make_automaton()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            if as_pickle:
                import pickle

                with open(tmp, "wb") as f:
                    f.write(pickle.dumps(automaton))
            else:
                automaton.save(tmp)
            os.replace(tmp, path)
        except Exception:  # an unwritable cache only means building again next time
            pass
    return automaton


STATS = {"built": 0, "loaded": 0}  # automatons of this process (tests count them)


def _no_objects(_data: bytes):
    """The automaton stores integers: nothing to deserialise."""
    return None


def prepare(rules: list[Rule]) -> Prepared:
    return Prepared(rules)


def scan(text: str, automaton, key_lens: list[int], byte_keyed: bool = False) -> list[tuple[int, int, int]]:
    """Leftmost-longest non-overlapping matches as (char_start, char_end, entry index)."""
    overlap = max(key_lens) - 1 if key_lens else 0
    if not byte_keyed:
        raw = _leftmost_longest(_chunked(automaton, text, overlap, lambda piece: piece), key_lens)
        return [(e + 1 - key_lens[v], e + 1, v) for e, v in raw]
    data = text.encode("utf-8")
    raw = _leftmost_longest(_chunked(automaton, data, overlap, lambda piece: piece.decode("latin-1")), key_lens)
    if not raw:
        return []
    if len(data) == len(text):  # pure ASCII: byte and char offsets agree
        return [(e + 1 - key_lens[v], e + 1, v) for e, v in raw]
    bmap = _ByteMap(data)
    return [(bmap.char(e + 1 - key_lens[v]), bmap.char(e + 1), v) for e, v in raw]


CHUNK = 1 << 20  # characters (or bytes) given to the automaton at a time


def _chunked(automaton, seq, overlap: int, as_str):
    """Every (end, index) match of the automaton in ``seq``, read a chunk at a time.

    pyahocorasick copies its input into 4 bytes a character: on a 9 MB file that
    is 38 MB at once. Chunks overlap by the longest key less one, and each
    chunk reports only the matches ending in its own part, so the matches are
    exactly those of one pass over the whole.
    """
    n = len(seq)
    if n <= CHUNK:
        yield from automaton.iter(as_str(seq))
        return
    a = 0
    while a < n:
        b = min(n, a + CHUNK)
        lo = max(0, a - overlap)
        for e, v in automaton.iter(as_str(seq[lo:b])):
            e += lo
            if e >= a:
                yield e, v
        a = b


def _leftmost_longest(matches, key_lens: list[int]) -> list[tuple[int, int]]:
    """Pick leftmost-longest non-overlapping matches from all (end, index) matches.

    ``Automaton.iter_long`` is not used: it drops a match that is a suffix of a
    longer key's prefix when the text ends there (pyahocorasick 2.3).
    """
    spans = sorted(((e + 1 - key_lens[v], e, v) for e, v in matches), key=lambda m: (m[0], -m[1]))
    out: list[tuple[int, int]] = []
    free_from = 0
    for start, end, v in spans:
        if start >= free_from:
            out.append((end, v))
            free_from = end + 1
    return out


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
    for start, end, idx in scan(text, state.automaton, state.key_lens, state.byte_keyed):
        e = state.entries[idx]
        if e.allow and allowed(text, start, end, e.allow):
            continue
        rule = state.rules[e.rule_index]
        params = {"wrong": e.wrong, "right": e.right or "", "note": e.note}
        replacement = e.right if (e.right is not None and e.fixable) else None
        yield rule, Hit(start, end, params, replacement=replacement, severity=e.severity)
