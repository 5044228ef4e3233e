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

Anchoring (str keys): pyahocorasick looks up the next character among a
node's children one by one, and at the root that is done for nearly every
character of the text, so the cost per character grows with the number of
distinct first characters of the keys (41 for the bundled phrases). A phrase
is therefore stored from an anchor character onward, the anchors being a small
set of characters that together occur in every phrase (24 for the bundled
ones; 54 -> 35 ms on the 200-copy file), and the part before the anchor is
compared with the text at each match of the key. Several phrases may share a
key (same part from the anchor on): the automaton's value is the index of
that key's group of phrases.
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
        self.matcher = build_automaton(self.entries, self.byte_keyed) if self.entries else None


BYTE_KEYED_FROM = 2000  # entries; below this, str keys are faster
MIN_KEY = 3  # characters a key keeps after its anchor when the phrase has them (fewer false candidates)


def _key(phrase: str, byte_keyed: bool) -> str:
    return phrase.encode("utf-8").decode("latin-1") if byte_keyed else phrase


class Matcher:
    """The automaton and what maps its matches back to entries.

    Anchored (str keys): the automaton's value indexes ``groups``, which lists
    ``(prefix, entry index)`` for the phrases whose key (the phrase from its
    anchor on) is that value's key; ``prefix`` is the part before the anchor,
    checked against the text. Unanchored (byte keys): the value is the entry
    index and ``groups`` is None. ``lens[entry]`` is the phrase's length in the
    units scanned (characters, or bytes when byte-keyed).
    """

    __slots__ = ("automaton", "groups", "lens", "overlap", "byte_keyed")

    def __init__(self, automaton, groups: list[tuple[tuple[str, int], ...]] | None, lens: list[int], overlap: int, byte_keyed: bool):
        self.automaton = automaton
        self.groups = groups
        self.lens = lens
        self.overlap = overlap
        self.byte_keyed = byte_keyed


def anchors(wrongs: list[str]) -> list[int]:
    """Where each phrase's key starts: a few characters that together occur in every phrase.

    Greedy set cover: take the character that occurs in the most phrases not
    yet covered, until all are; ties go to the lower code point, so every
    process derives the same keys from the same phrases. A character counts
    for a phrase only where the key from it on keeps at least ``MIN_KEY``
    characters (a shorter phrase is keyed from its first character), so a
    common anchor still leaves a key specific enough to rarely match in vain. The
    anchor is the character's first place in the phrase (the longest key).
    """
    import heapq

    usable = [set(w[: max(1, len(w) - MIN_KEY + 1)]) for w in wrongs]
    holders: dict[str, list[int]] = {}
    for i, chars in enumerate(usable):
        for c in chars:
            holders.setdefault(c, []).append(i)
    count = {c: len(ix) for c, ix in holders.items()}
    heap = [(-n, c) for c, n in count.items()]
    heapq.heapify(heap)
    out = [-1] * len(wrongs)
    left = len(wrongs)
    while left:
        n, c = heapq.heappop(heap)
        if -n != count[c]:  # stale: counts only fall as phrases get covered
            if count[c]:
                heapq.heappush(heap, (-count[c], c))
            continue
        for i in holders[c]:
            if out[i] < 0:
                out[i] = wrongs[i].index(c)
                left -= 1
                for d in usable[i]:
                    count[d] -= 1
    return out


def _anchors_cached(wrongs: list[str]) -> list[int]:
    """``anchors(wrongs)``, from the disk cache when the same phrases were keyed before (choosing
    them costs 0.3-0.7 ms for the bundled dictionary, at every start)."""
    key = cache.digest(b"phrase-anchors-1", "\x00".join(wrongs).encode("utf-8"))
    starts = cache.load_value("automata", key, list)
    if starts is None or len(starts) != len(wrongs):
        starts = anchors(wrongs)
        cache.store_value("automata", key, starts)
    return starts


def build_automaton(entries: list[Entry], byte_keyed: bool = False) -> Matcher:
    """One automaton for all entries (the first rule that declares a phrase wins).

    A large (byte-keyed) dictionary is not anchored: its root has at most 256
    children anyway, and the keys would cost start-up time for 20,000 phrases
    even when the automaton comes from the cache.
    """
    wrongs = [e.wrong for e in entries]
    lens = list(map(len, map(str.encode, wrongs) if byte_keyed else wrongs))
    if byte_keyed:
        automaton = _automaton(wrongs, lambda: _first_of_each(wrongs, byte_keyed), b"bytes")
        return Matcher(automaton, None, lens, max(lens, default=1) - 1, byte_keyed)
    starts = _anchors_cached(wrongs)
    group_of: dict[str, int] = {}  # key -> its value (index in groups)
    groups: list[list[tuple[str, int]]] = []
    for w, i in _first_of_each(wrongs, False):
        p = starts[i]
        g = group_of.setdefault(w[p:], len(groups))
        if g == len(groups):
            groups.append([])
        groups[g].append((w[:p], i))
    keys = list(group_of)  # in value order
    automaton = _automaton(keys, lambda: zip(keys, range(len(keys))), b"str-anchored")
    return Matcher(automaton, [tuple(g) for g in groups], lens, max(map(len, keys), default=1) - 1, byte_keyed)


def _first_of_each(wrongs: list[str], byte_keyed: bool):
    """(key, entry index) for the first entry of each distinct phrase."""
    seen: set[str] = set()
    for i, w in enumerate(wrongs):
        if w not in seen:
            seen.add(w)
            yield _key(w, byte_keyed), i


def _automaton(digest_src: list[str], words, mode: bytes):
    """The automaton of ``words()`` ((key, value) pairs), from the disk cache when it holds one.

    ``digest_src`` (in order) determines the words. A small automaton is
    stored in pyahocorasick's own format (``save`` / ``ahocorasick.load``: no
    pickle import, 2-3 ms at start-up); a large one as a pickle, which loads
    four times faster (28 ms against 107 ms for 20,000 phrases).
    """
    import ahocorasick

    key = cache.digest(b"phrase-automaton-v6", mode, "\x00".join(digest_src).encode("utf-8"))
    path = cache.path_of("automata", key)
    as_pickle = mode == b"bytes"
    if path is not None and os.path.exists(path):
        try:
            if as_pickle:
                import pickle

                with open(path, "rb") as f:
                    automaton = pickle.loads(f.read())
            else:
                automaton = ahocorasick.load(path, _no_objects)
            STATS["loaded"] += 1
            return automaton
        except Exception:  # a corrupt cache entry is just a miss
            pass
    STATS["built"] += 1
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k, v in words():
        automaton.add_word(k, v)
    automaton.make_automaton()
    if path is not None:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
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


def scan(text: str, m: Matcher) -> list[tuple[int, int, int]]:
    """Leftmost-longest non-overlapping matches as (char_start, char_end, entry index)."""
    lens = m.lens
    if not m.byte_keyed:
        raw = _leftmost_longest(_verified(_chunked(m.automaton, text, m.overlap, lambda piece: piece), text, m), lens)
        return [(e + 1 - lens[v], e + 1, v) for e, v in raw]
    data = text.encode("utf-8")
    raw = _leftmost_longest(_chunked(m.automaton, data, m.overlap, lambda piece: piece.decode("latin-1")), lens)
    if not raw:
        return []
    if len(data) == len(text):  # pure ASCII: byte and char offsets agree
        return [(e + 1 - lens[v], e + 1, v) for e, v in raw]
    bmap = _ByteMap(data)
    return [(bmap.char(e + 1 - lens[v]), bmap.char(e + 1), v) for e, v in raw]


def _verified(matches, text: str, m: Matcher):
    """(end, entry index) for each key match (end, group) whose phrase's part before the anchor is there too."""
    groups, lens, starts = m.groups, m.lens, text.startswith
    for e, g in matches:
        for prefix, i in groups[g]:
            if not prefix:
                yield e, i
            else:
                s = e + 1 - lens[i]
                if s >= 0 and starts(prefix, s):  # (a negative start would count from the end)
                    yield e, i


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
        yield from _all_matches(automaton, as_str(seq))
        return
    a = 0
    while a < n:
        b = min(n, a + CHUNK)
        lo = max(0, a - overlap)
        for e, v in _all_matches(automaton, as_str(seq[lo:b])):
            e += lo
            if e >= a:
                yield e, v
        a = b


def _all_matches(automaton, piece: str) -> list[tuple[int, int]]:
    """Every (end, index) match of the automaton in ``piece``, in the order ``Automaton.iter`` gives them.

    Through ``find_all`` and a callback: its C loop keeps no iterator state between characters, about
    6 instructions fewer per character than ``iter`` (a notice has ~17,000 characters and few matches).
    """
    found: list[tuple[int, int]] = []
    automaton.find_all(piece, lambda end, value: found.append((end, value)))
    return found


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
    if state.matcher is None:
        return
    text = ctx.doc.text
    for start, end, idx in scan(text, state.matcher):
        e = state.entries[idx]
        if e.allow and allowed(text, start, end, e.allow):
            continue
        rule = state.rules[e.rule_index]
        params = {"wrong": e.wrong, "right": e.right or "", "note": e.note}
        replacement = e.right if (e.right is not None and e.fixable) else None
        yield rule, Hit(start, end, params, replacement=replacement, severity=e.severity)
