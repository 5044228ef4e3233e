"""Regular expressions that load fast and search fast: use ``rx.compile`` instead of ``re.compile``.

Two costs of Python's ``re`` matter to a linter started once per commit:

* **Compiling.** ``re.compile`` parses and compiles in pure Python: about
  0.3 ms per pattern, over 50 ms for the patterns of one run. The compiled
  program (a list of integers, the same for the same pattern, flags and
  Python) is therefore kept in one on-disk cache file and handed straight to
  the C engine (``_sre.compile``, which validates it) on the next run.
* **Searching.** The engine skips quickly through the text only when a
  pattern *starts* with a literal or a character class. A pattern that starts
  with a look-behind (``(?<![\\d.])\\d+年``), a group or a repetition is tried
  at every position, 30-100 times slower. ``compile`` works out the set of
  characters any match must start with (skipping zero-width look-arounds and
  anchors, descending into groups, alternatives and repetitions) and writes it
  into the program's optimisation header, which the engine then uses to skip
  ahead exactly as it does for a pattern that starts with a class. The header
  is only a hint about where a match can start, so what matches is unchanged;
  tests/test_rx.py compares every bundled pattern against ``re.compile``.
  A literal prefix is cut to its first character there, since the engine's
  loop for one character skips nearly twice as fast as its loop for several.
  In a long text, ``finditer``, ``search`` and ``Searcher`` go further (see
  "anchored scanning" below): a pattern is not searched at all when the text
  lacks a character every match needs, and is otherwise looked for only near
  the places of its rarest part.

Both rely on the internals of CPython's ``re`` (``re._parser``,
``re._compiler``, ``_sre``). Any surprise there (another Python version, a
corrupt cache) falls back to ``re.compile``. Set NOTICELINT_NO_CACHE=1 to
skip the on-disk cache.
"""
from __future__ import annotations

import os
import re
import sys
from bisect import bisect_left
from typing import Any

_CACHE_VERSION = 4
_memory: dict[tuple[str, int], re.Pattern] = {}
_disk: dict[tuple[str, int], tuple] | None = None  # entries loaded from the cache file
_new: dict[tuple[str, int], tuple] = {}  # entries compiled in this process, written at exit
_entries: dict[tuple[str, int], tuple] = {}  # entry of each compiled pattern, by (pattern, its final flags)
stats = {"compiled": 0, "loaded": 0}  # what this process did (tests count these)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the re API
    """``re.compile`` with an on-disk cache and a first-character search hint."""
    key = (pattern, int(flags))
    p = _memory.get(key)
    if p is not None:
        return p
    entry = _cached(key)
    p = _from_entry(pattern, entry) if entry is not None else None
    if p is not None:
        stats["loaded"] += 1
    else:
        p, entry = _build(pattern, int(flags))
        stats["compiled"] += 1
        if entry is not None:
            _remember(key, entry)
    _memory[key] = p
    if entry is not None:
        _entries[(p.pattern, p.flags)] = entry  # re adds flags (UNICODE): later lookups come with those
    return p


def _entry_of(p: re.Pattern) -> tuple | None:
    key = (p.pattern, p.flags)
    entry = _entries.get(key)
    if entry is None:
        compile(p.pattern, p.flags)
        entry = _entries.get(key)
    return entry


# ---- building ---------------------------------------------------------------


def _build(pattern: str, flags: int) -> tuple[re.Pattern, tuple | None]:
    """Compile with the search hint; (pattern, cacheable entry) or (re.compile(...), None)."""
    try:
        import _sre
        from re import _compiler, _constants as C, _parser

        tree = _parser.parse(pattern, flags)
        # (the function re has, also when another thread is building a pattern: that one's wrapper names it)
        real = getattr(_compiler._optimize_charset, "__wrapped__", _compiler._optimize_charset)
        _compiler._optimize_charset = _charsets_once(real)
        try:
            code = _compiler._code(tree, flags)
            all_flags = tree.state.flags | flags
            code = _with_hint(code, tree.data, all_flags, _compiler, C)
            plan = _plan(tree, all_flags, C, _compiler, _parser)
        finally:
            _compiler._optimize_charset = real
        groupindex = dict(tree.state.groupdict)
        indexgroup = [None] * tree.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        first = _first_text(tree, all_flags, C)
        need = _packed_need(_need_of(tree.data, all_flags, C, _compiler))
        local = _in_line(tree.data, all_flags, C)
        entry = (all_flags, _packed(code), tree.state.groups - 1, groupindex, tuple(indexgroup), plan, first, need, local)
        return _sre.compile(pattern, all_flags, [int(c) for c in code], *entry[2:5]), entry
    except Exception:  # an unexpected re internals: the plain compile is always right
        return re.compile(pattern, flags), None


def _charsets_once(real):
    """``re._compiler._optimize_charset`` computed once per distinct class while one pattern is built.

    It fills a table one code point at a time: a class holding most of the BMP (the document
    scan's plain text, written out as the ranges it holds because the engine tests such a class
    faster than a negated one) costs ~2.5 ms, and the scan's pattern holds it 40 times: 100 ms of
    the first run with an empty cache. The program is the same (tests/test_rx.py).
    """
    done: dict = {}

    def optimize(charset, iscased=None, fixup=None, fixes=None):
        if fixup is not None:  # (case folding: not shared)
            return real(charset, iscased, fixup, fixes)
        key = (tuple(charset), iscased)
        try:
            got = done.get(key)
        except TypeError:  # (an item that does not hash: not shared)
            return real(charset, iscased)
        if got is None:
            got = done[key] = real(charset, iscased)
        return list(got[0]), got[1]

    optimize.__wrapped__ = real  # type: ignore[attr-defined]
    return optimize


def _packed(code: list) -> bytes:
    """A program as bytes (the cache file loads much faster than a list of integers)."""
    from array import array

    return array("I", [int(c) for c in code]).tobytes()


def _code(packed: bytes) -> list[int]:
    return memoryview(packed).cast("I").tolist()  # (the array module is a C extension: ~0.3 ms to load at every start)


def _from_entry(pattern: str, entry: tuple) -> re.Pattern | None:
    try:
        import _sre

        flags, code, groups, groupindex, indexgroup = entry[:5]
        return _sre.compile(pattern, flags, _code(code), groups, dict(groupindex), tuple(indexgroup))
    except Exception:  # invalid or foreign program: compile again
        return None


def _with_hint(code: list, items: list, flags: int, _compiler, C) -> list:
    """Replace the optimisation header by one that names where a match can start.

    Only when ``re`` found no literal or class prefix itself, the pattern
    cannot match the empty string, and no case folding is involved. A literal
    prefix, ours or ``re``'s, is cut to its first character: the engine's loop
    for a one-character prefix skips through a text nearly twice as fast as its
    loop for a longer one (5-6 against 10 µs for a 17,000-character notice,
    even when the character occurs every 30 characters), and the program checks
    the rest of the literal where the character is found.
    """
    if code and code[0] is C.INFO and code[2] & C.SRE_INFO_PREFIX and code[5] > 1:
        return _first_of_prefix(code, C)
    if not code or code[0] is not C.INFO or code[2] & (C.SRE_INFO_PREFIX | C.SRE_INFO_CHARSET) or code[3] < 1:
        return code
    if flags & C.SRE_FLAG_LOCALE:
        return code
    prefix = _first_literal(_flatten(items, C) or [], C)
    chars, nullable = _first_chars(items, C)
    if flags & C.SRE_FLAG_IGNORECASE:  # only characters without case are the same under case folding
        iscased = _compiler._get_iscased(flags)
        if any(iscased(c) for c in prefix):
            prefix = []
        if chars is not None and any(op is not C.LITERAL or iscased(av) for op, av in chars):
            chars = None
    if not prefix and chars and not nullable and len(chars) == 1 and chars[0][0] is C.LITERAL:
        prefix = [chars[0][1]]  # one possible first character: the engine's fastest skip
    head: list = [C.INFO, 0, 0, code[3], code[4]]
    if prefix:
        head[2] = C.SRE_INFO_PREFIX
        # prefix length, chars to skip before matching (0: the program re-checks them), prefix, overlap table
        head += [1, 0, prefix[0], 0]
    else:
        if chars is None or nullable or not chars:
            return code
        charset, hascased = _compiler._optimize_charset(chars)
        if hascased:
            return code
        head[2] = C.SRE_INFO_CHARSET
        _compiler._compile_charset(charset, flags, head)
    head[1] = len(head) - 1
    return head + code[1 + code[1] :]


def _first_of_prefix(code: list, C) -> list:
    """``re``'s header for a literal prefix, cut to the prefix's first character (see ``_with_hint``);
    without SRE_INFO_LITERAL, so that the program matches the whole literal."""
    head = [C.INFO, 0, C.SRE_INFO_PREFIX, code[3], code[4], 1, 0, code[7], 0]
    head[1] = len(head) - 1
    return head + code[1 + code[1] :]


def _first_literal(items: list, C) -> list[int]:
    """[the character every match starts with], when the pattern opens (after look-arounds) with a literal; else []."""
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        return [av] if op is C.LITERAL else []
    return []


def _first_chars(items: list, C, last: bool = False) -> tuple[list | None, bool]:
    """(charset items a match of this sequence can start with, whether it can match empty).

    None when the start is too open to name (``.``, ``[^…]``, back-references).
    With ``last``, the characters it can end with instead.
    """
    out: list = []
    for op, av in reversed(items) if last else items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero width: the next item consumes the first character
        if op is C.LITERAL:
            out.append((C.LITERAL, av))
            return out, False
        if op is C.IN:
            if any(o is C.NEGATE for o, _ in av):
                return None, False
            out.extend(av)
            return out, False
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            if op is C.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                if (add_flags | del_flags) & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
                    return None, False
            else:
                sub = av
            chars, nullable = _first_chars(sub.data, C, last)
        elif op is C.BRANCH:
            chars, nullable = [], False
            for alt in av[1]:
                c, n = _first_chars(alt.data, C, last)
                if c is None:
                    return None, False
                chars += c
                nullable = nullable or n
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            chars, nullable = _first_chars(sub.data, C, last)
            nullable = nullable or lo == 0
        else:
            return None, False
        if chars is None:
            return None, False
        out += chars
        if not nullable:
            return out, False
    return out, True


def first_chars(p: re.Pattern) -> frozenset[str] | None:
    """The characters a non-empty match of ``p`` can start with, or None when they are too many to list.

    Lets a loop over thousands of lines skip a line by its first character
    before trying the pattern (``if line[:1] in starts``); exact, since it is
    derived from the pattern itself.
    """
    key = (p.pattern, p.flags)
    if key in _firsts:
        return _firsts[key]
    entry = _entry_of(p)
    chars = entry[6] if entry is not None else _compute_first(p.pattern, p.flags)
    out = frozenset(chars) if chars is not None else None
    _firsts[key] = out
    return out


_firsts: dict[tuple[str, int], frozenset[str] | None] = {}
_MAX_FIRST = 4096


def _compute_first(pattern: str, flags: int) -> str | None:
    try:
        from re import _constants as C, _parser

        tree = _parser.parse(pattern, flags)
        return _first_text(tree, tree.state.flags | flags, C)
    except Exception:
        return None


def _first_text(tree, flags: int, C) -> str | None:
    if flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
        return None
    items, _nullable = _first_chars(tree.data, C)
    if items is None:
        return None
    out: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_FIRST:
            out.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:  # categories (\d, \s) and huge ranges
            return None
        if len(out) > _MAX_FIRST:
            return None
    return "".join(dict.fromkeys(out))


def line_local(p: re.Pattern) -> bool:
    """Whether ``p`` reads nothing but the characters it consumes, and never a line break.

    No look-around, anchor or word boundary, no back-reference, and nothing
    that can consume ``\\n``. Then a match never spans two lines and whether
    the engine matches at a place does not depend on what lies outside its
    line, so the matches a whole-text ``finditer`` finds in a line are exactly
    those of ``p.finditer(text, line_start, line_end)``: a kind can look at
    the few lines it cares about instead of scanning the whole text.
    """
    entry = _entry_of(p)
    return bool(entry[8]) if entry is not None else False


# whether each class category (\d, \s, \w and their negations) holds "\n"
_NEWLINE_IN_CATEGORY = {
    "CATEGORY_DIGIT": False,
    "CATEGORY_NOT_DIGIT": True,
    "CATEGORY_SPACE": True,
    "CATEGORY_NOT_SPACE": False,
    "CATEGORY_WORD": False,
    "CATEGORY_NOT_WORD": True,
}


def _in_line(items: list, flags: int, C) -> bool:
    """``line_local`` of a parsed sequence (see there); unknown items answer False."""
    for op, av in items:
        if op is C.LITERAL:
            ok = av != 10
        elif op is C.NOT_LITERAL:
            ok = av == 10
        elif op is C.ANY:
            ok = not flags & C.SRE_FLAG_DOTALL
        elif op is C.IN:
            ok = _class_excludes_newline(av, C)
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ok = _in_line(sub.data, (flags | add_flags) & ~del_flags, C)
        elif op is C.ATOMIC_GROUP:
            ok = _in_line(av.data, flags, C)
        elif op is C.BRANCH:
            ok = all(_in_line(alt.data, flags, C) for alt in av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            ok = _in_line(av[2].data, flags, C)
        else:  # AT (anchors, boundaries), ASSERT, ASSERT_NOT, GROUPREF, GROUPREF_EXISTS...
            ok = False
        if not ok:
            return False
    return True


def _class_excludes_newline(items: list, C) -> bool:
    negate, holds = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            holds = holds or av == 10
        elif op is C.RANGE:
            holds = holds or av[0] <= 10 <= av[1]
        elif op is C.CATEGORY and str(av) in _NEWLINE_IN_CATEGORY:
            holds = holds or _NEWLINE_IN_CATEGORY[str(av)]
        else:
            return False
    return holds if negate else not holds


# ---- anchored scanning of long texts ------------------------------------------
#
# The header hint above makes the engine skip to characters that can start a
# match; for ``(?<![\d.])(?P<n>\d)中全会`` that is still every digit. The part
# of the pattern from a rarer item on ("中全会" and what follows) is much more
# selective: compiled on its own as a look-ahead (a "prefilter"), it is
# searched with a literal-prefix skip, and a match can then only start a
# bounded distance before each place it matches. The prefilter also checks,
# as a look-behind, what is certain about the items before the anchor (all of
# them when their width is fixed, else the class of the last character they
# consume), so the engine rejects in C the places where no match can start.
# The plan of a pattern lists, for each top-level alternative: the prefilter,
# the least and the most characters a match consumes before the anchor, and,
# when that most is unbounded, the class of characters those can be (the
# start is then found by walking back over them), the anchor's characters when
# it is one of a few or its literal when it is one, and what the alternative
# needs (below). In a long text the places of a rare anchor character (or of a
# rare literal) are found with ``str.find`` once and shared by every pattern
# anchored on it; only a common anchor is left to the engine's skip.
#
# Before any of that, a pattern is asked what a match needs: characters that
# every match contains (``截止到`` needs 截, 止 and 到; ``[？?]`` one of them).
# Whether a text holds a character is answered by ``str.__contains__`` (a
# memchr scan, 0.2-2 ms for 3 million characters) once per text, and a pattern
# whose needs the text cannot meet is not searched at all: most residue and
# typo patterns are absent from a given notice.

_MAX_BACK = 64  # a bounded prefix longer than this is not worth enumerating
_SMALL_TEXT = 4096  # below this, the plain search is as fast
_MAX_ALTERNATIVES = 12  # top-level alternatives a plan is made for
_MAX_LIVE = 8  # alternatives the text can match, each costing up to one prefilter pass: past this the engine wins
_SAMPLE = 1 << 16  # characters counted to estimate how common a character is
_RARE_TEXT = 1 << 18  # from this length on, a literal anchor is looked for by its rarest character
_FEW = 12  # places of a character worth finding one by one (see ``_literal_anchors``)
_MAX_NEED = 512  # characters named in one need (a bigger one is not worth checking)
_plans: dict[tuple[str, int], "_Plan"] = {}
Need = tuple[tuple[str, ...], ...]  # what a match needs: clauses of words (see "what a match needs" below)


class _Text:
    """What rx has learnt about one text: which characters it holds, and where the rarer ones are.

    Shared by every pattern searched in that text (the kinds of a document ask
    about the same characters); kept for the most recent text only.
    """

    __slots__ = ("text", "_present", "_absent", "_estimate", "_where", "_met", "common", "_latin", "_few")

    def __init__(self, text: str):
        self.text = text
        self._present: set[str] = set()  # characters found in the text
        self._absent: set[str] = set()  # characters the text lacks
        self._estimate: dict[str, int] = {}
        self._where: dict[Any, list[int] | None] = {}  # by character, or by (literal, cap)
        self._met: dict[Any, bool] = {}
        self.common = len(text) // 400  # more places than this: a character too common to search by
        self._latin: str | None = None  # the text's characters below U+0100, in order (see ``latin``)
        self._few: dict[str, list[int] | None] = {}  # by character: its few places (see ``few_places``)

    def has(self, c: str) -> bool:
        if c in self._present:
            return True
        if c in self._absent:
            return False
        if self.holds(c):
            self._present.add(c)
            return True
        self._absent.add(c)
        return False

    def holds(self, c: str) -> bool:
        """Whether the text holds ``c`` (not remembered: see ``has``)."""
        return c in (self.text if c > "\xff" else self.latin())

    def latin(self) -> str:
        """The text's characters below U+0100, in order: where such a character is looked for.

        ``c in text`` looks for the low byte of ``c`` with memchr, and every
        other character with that byte (as its low or high half) is a false
        stop. In a Chinese text, ASCII and Latin-1 characters meet thousands of
        them (``\\`` and ``~`` share a byte with the common ideographs of
        U+5Cxx and U+7Exx; about 30 such characters are asked about in a
        notice), while the latin-1 encoder collects the few hundred a notice
        holds in one C loop.
        """
        latin = self._latin
        if latin is None:
            text = self.text
            latin = self._latin = text if text.isascii() else text.encode("latin-1", "ignore").decode("latin-1")
        return latin

    def estimate(self, c: str) -> int:
        """About how many times ``c`` occurs: counted in a sample (the first 64 K characters), scaled."""
        e = self._estimate.get(c)
        if e is None:
            n = len(self.text)
            sample = min(n, _SAMPLE)
            e = self._estimate[c] = self.text.count(c, 0, sample) * n // sample if self.has(c) else 0
        return e

    def literal_places(self, literal: str, cap: int) -> list[int] | None:
        """Every position of ``literal`` (overlapping ones too), or None when it is estimated or found to
        occur more than ``cap`` times. Shared by the patterns anchored on the same word."""
        key = (literal, cap)
        if key not in self._where:
            n = len(self.text)
            sample = min(n, _SAMPLE)
            if self.text.count(literal, 0, sample) * n // sample > cap:
                self._where[key] = None  # estimated too common: not scanned for
        return self.scanned_places(literal, cap)

    def scanned_places(self, literal: str, cap: int) -> list[int] | None:
        """Every position of ``literal`` (overlapping ones too), found by one scan of the engine, or None
        when it occurs more than ``cap`` times. Shared by the alternatives and patterns anchored on it."""
        key = (literal, cap)
        if key in self._where:
            return self._where[key]
        finder = compile(re.escape(literal[0]) + "(?=" + re.escape(literal[1:]) + ")")  # one-character matches: overlaps too
        places: list[int] | None = []
        for m in finder.finditer(self.text):
            if len(places) == cap:
                places = None
                break
            places.append(m.start())
        self._where[key] = places
        return places

    def few_places(self, c: str) -> list[int] | None:
        """Every position of ``c``, in order, when there are at most _FEW; else None, found out after
        _FEW + 1 of them (a bounded cost, where counting them would read the whole text)."""
        got = self._few.get(c, False)
        if got is not False:
            return got
        places: list[int] | None = []
        if self.has(c):
            find = self.text.find
            k = find(c)
            while k != -1:
                if len(places) == _FEW:
                    places = None
                    break
                places.append(k)
                k = find(c, k + 1)
        self._few[c] = places
        return places

    def places(self, c: str) -> list[int] | None:
        """Every position of the character ``c``, in order; None when there are more than ``common``.

        ``str.find`` skips to each (a memchr scan); a character common in the
        sample is not searched at all.
        """
        if c in self._where:
            return self._where[c]
        places: list[int] | None = []
        if len(self.text) > _SAMPLE and self.estimate(c) > self.common:
            places = None  # common in the sample: not worth finding
        else:
            find, cap = self.text.find, self.common
            k = find(c) if self.has(c) else -1
            while k != -1:
                places.append(k)
                if len(places) > cap:
                    places = None
                    break
                k = find(c, k + 1)
        self._where[c] = places
        return places

    def allows(self, key: Any, need: Need) -> bool:
        """``meets(need)`` for the pattern ``key``, remembered (a pattern may be searched in many ranges of the text)."""
        ok = self._met.get(key)
        if ok is None:
            ok = self._met[key] = self.meets(need)
        return ok

    def meets(self, need: Need) -> bool:
        """Whether the text holds what ``need`` (clauses from ``_need_of``) asks for: in each clause,
        every character of one of its words.

        What is already known decides first (a word all present, a word with
        a character absent): only the other characters cost a scan.
        """
        text, present, absent = self.text, self._present, self._absent
        for clause in need:
            for word in clause:
                if present.issuperset(word):
                    break
            else:
                for word in clause:
                    if not absent.isdisjoint(word):
                        continue
                    for c in word:  # (has() inlined: this loop runs for every pattern of every document)
                        if c in present:
                            continue
                        if c not in (text if c > "\xff" else self.latin()):  # (``holds``)
                            absent.add(c)
                            break
                        present.add(c)
                    else:
                        break  # the text holds every character of the word
                else:
                    return False
        return True


_last_text: _Text | None = None


def _about(text: str) -> _Text:
    """The ``_Text`` of ``text``: the same object while the same string is searched."""
    global _last_text
    t = _last_text
    if t is None or t.text is not text:
        t = _last_text = _Text(text)
    return t


def finditer(p: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """``p.finditer(text, pos, endpos)``: the same matches, found through the pattern's plan when it has one."""
    end, starts = _span(p, text, pos, endpos)
    if starts is None:
        return p.finditer(text, pos, end)
    return _matches(p, text, starts, end)


def search(p: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
    """``p.search(text, pos, endpos)`` through the plan when the text is long."""
    end, starts = _span(p, text, pos, endpos)
    if starts is None:
        return p.search(text, pos, end)
    return next(_matches(p, text, starts, end), None)  # (the first candidate that matches)


def _span(p: re.Pattern, text: str, pos: int, endpos: int | None) -> tuple[int, list[int] | None]:
    """Where a search of ``p`` in ``text`` ends, and its candidate starts (see ``_starts``; None
    for a short text: what it holds is not worth asking, the engine is as fast)."""
    end = len(text) if endpos is None else min(endpos, len(text))
    return end, (_starts(p, text, pos, end) if len(text) >= _SMALL_TEXT else None)


def _matches(p: re.Pattern, text: str, starts: list[int], end: int):
    """Every match from these candidate starts, as ``finditer`` gives them (a match is non-empty: its plan has an anchor)."""
    match = p.match
    last = -1
    for s in starts:
        if s < last:
            continue
        m = match(text, s, end)
        if m is not None:
            yield m
            last = m.end()


def _starts(p: re.Pattern, text: str, start: int, end: int) -> list[int] | None:
    """The candidate starts of matches of ``p`` in text[start:end] (a text of at least _SMALL_TEXT characters),
    sorted; [] when the text lacks what every match needs; None when the engine's own scan is as fast."""
    plan = _plans.get((p.pattern, p.flags)) or _plan_of(p)
    about = _about(text)
    met = about._met.get(plan.key)  # (``allows`` inlined: asked for every pattern searched)
    if met is None:
        met = about.allows(plan.key, plan.need)
    if not met:
        return []  # the text lacks what every match needs
    alts = plan.alts
    if alts is None or end - start < _SMALL_TEXT:
        return None
    if len(alts) > 1:  # the alternatives this text can match (a single one was just checked)
        alts = [alt for alt, key in zip(alts, plan.alt_keys) if about.allows(key, alt.need)]
    return _candidates(alts, about, start, end)


class Searcher:
    """``p.search(text, pos, end)`` asked again and again with a growing ``pos`` (a scan with its own continuation rules).

    The candidate starts are found once; each search resumes where the previous one stopped.
    """

    def __init__(self, p: re.Pattern, text: str, start: int = 0, end: int | None = None):
        self.p = p
        self.text = text
        self.end, self.starts = _span(p, text, start, end)
        self._i = 0

    def search(self, pos: int) -> re.Match | None:
        starts = self.starts
        if starts is None:
            return self.p.search(self.text, pos, self.end)
        lo = self._i if self._i <= len(starts) and (self._i == 0 or starts[self._i - 1] < pos) else 0
        i = bisect_left(starts, pos, lo)
        match, text, end = self.p.match, self.text, self.end
        while i < len(starts):
            m = match(text, starts[i], end)
            i += 1
            if m is not None:
                self._i = i
                return m
        self._i = i
        return None


class _Alt:
    """One top-level alternative of a pattern's plan, ready to search (see ``_plan``)."""

    __slots__ = ("prefilter", "lo", "hi", "back", "chars", "literal", "need", "whole", "shared")

    def __init__(self, prefilter: re.Pattern, lo: int, hi: int, run: str | None, chars: str, literal: str, need: Need, whole: bool):
        self.prefilter = prefilter  # matches one character where the anchor and what follows match
        self.lo, self.hi = lo, hi  # least and most characters before the anchor (-1: unbounded)
        # matched from a window's start to a place: ends after the window's last character that is none of those
        self.back = compile("(?s:.*[^" + run[1:] + ")?").match if hi < 0 else None
        self.chars = chars  # the anchor is one of these few characters ("": it is not)
        self.literal = literal  # the anchor is this literal ("": it is not)
        self.need = need
        self.whole = whole  # the prefilter is the whole pattern: when it must be scanned for, scan the pattern itself
        self.shared = False  # another alternative of the pattern is anchored on the same literal


def _candidates(plan: list[_Alt], about: _Text, pos: int, end: int) -> list[int] | None:
    """Every position where a match of one of these alternatives (those the text can match) can start,
    sorted; None when there are too many to beat the engine.

    A candidate costs about 0.5 µs of Python, the engine's own scan 3-5 ns a
    character: past one candidate per 100 characters the engine wins.
    """
    if len(plan) > _MAX_LIVE:
        return None
    budget = (end - pos) // 100
    text = about.text
    out: list[int] = []
    for alt in plan:
        anchors = _literal_anchors(alt, about, pos, end) if alt.literal else _anchors(alt, about, pos, end)
        if anchors is None:
            return None
        lo, hi, back = alt.lo, alt.hi, alt.back
        if not anchors:
            continue
        if hi == 0:  # the match starts at the anchor (found within [pos, end))
            out += anchors
        elif lo == hi:  # a fixed-width head (checked by the prefilter's look-behind): the start is known
            out += [k - lo for k in anchors if k - lo >= pos]
        else:
            # A head of variable width (DATE_RE before its 月): the run it can start in is found by one
            # match per anchor over a window before it (greedy ``.*`` then back to the last character
            # outside the run: the engine walks back, ~4 K instructions, where a search for the run
            # tried every start of the window, ~7 K), and every position of the run becomes a candidate.
            for k in anchors:
                if back is None:
                    a = k - hi
                else:
                    width = 16
                    while True:
                        a = back(text, max(pos, k - width), k).end()
                        if a > k - width or a <= pos:
                            break
                        width *= 4
                b = k - lo
                if a < pos:
                    a = pos
                if a <= b:
                    out += range(a, b + 1)
                    if len(out) > budget:
                        return None
        if len(out) > budget:
            return None
    return sorted(set(out))


def _anchors(alt: _Alt, about: _Text, pos: int, end: int) -> list[int] | None:
    """Where the prefilter matches; None when the anchor is too common to pay off.

    An anchor that is not a literal is one of a few characters: their places
    are found once per text (``_Text.places``) and each is checked by the
    prefilter; when they are common, the pattern is better searched by the
    engine directly (it skips to a class at 3-5 ns a character).
    """
    if not alt.chars:
        return [m.start() for m in alt.prefilter.finditer(about.text, pos, end)]
    every = [about.places(c) for c in alt.chars]
    if None in every or sum(map(len, every)) > about.common:
        return None
    found: list[int] = []
    for places in every:
        if places:  # (most of a few characters are absent from a given text)
            found += _checked(alt.prefilter, about.text, places, 0, pos, end)
    found.sort()
    return found


def _literal_anchors(alt: _Alt, about: _Text, pos: int, end: int) -> list[int] | None:
    """Where the prefilter, which starts with a literal, matches.

    Through the places of the literal's rarest character, or of the literal
    itself, when they are few (finding and checking a place costs about 0.5 µs,
    checking it 0.2 µs once the places are known to another pattern; the
    engine's literal skip costs 0.5 ns a character); else by the engine's
    literal skip, or None when the prefilter is the whole pattern: searching
    the pattern itself is as fast. In a shorter text (a notice), a literal
    whose first character is rare there (截止到's 截, 此处's 此) is checked at
    that character's places: up to _FEW of them found by ``str.find`` cost less
    than one skip of the engine through the text (~88 K instructions for a
    notice, against ~4 K a place), and more stop the search (``few_places``).
    Characters below U+0100 are left to the engine: memchr would stop at every
    Chinese character sharing their byte. A literal that several alternatives
    of the pattern skip to (``___`` twice in the residue placeholders) is
    scanned for once, and each alternative checks its places, unless they are
    many.
    """
    text, literal = about.text, alt.literal
    if len(text) >= _RARE_TEXT:  # (in a shorter text, estimating costs more than the engine's skip)
        few = len(text) // 1000
        c = min(set(literal), key=about.estimate)
        places = about.places(c) if about.estimate(c) <= few else None
        if places is not None and len(places) <= few:
            return _checked(alt.prefilter, text, places, literal.index(c), pos, end)
        places = about.literal_places(literal, few) if len(literal) > 1 else None
        if places is not None:  # the literal is rare though each of its characters is not (巡视)
            return _checked(alt.prefilter, text, places, 0, pos, end)
    elif literal[0] > "\xff" and (places := about.few_places(literal[0])) is not None:
        return _checked(alt.prefilter, text, places, 0, pos, end)  # (in the whole text: _checked keeps pos..end)
    elif alt.shared:  # another alternative skips to the same literal: one scan finds its places for both
        places = about.scanned_places(literal, len(text) // 1000)
        if places is not None:
            return _checked(alt.prefilter, text, places, 0, pos, end)
    if alt.whole:
        return None
    return [m.start() for m in alt.prefilter.finditer(text, pos, end)]


def _checked(prefilter: re.Pattern, text: str, places: list[int], offset: int, pos: int, end: int) -> list[int]:
    """The places (less ``offset``) within [pos, end) where the prefilter matches."""
    match = prefilter.match
    places = places[bisect_left(places, pos + offset) : bisect_left(places, end + offset)]
    return [k - offset for k in places if match(text, k - offset, end)]


class _Plan:
    """A pattern's plan, ready to search: its alternatives (see ``_plan``) and what a match needs."""

    __slots__ = ("key", "alts", "need", "alt_keys")

    def __init__(self, key: tuple[str, int], alts: list[_Alt] | None, need: Need):
        self.key = key
        self.alts = alts
        self.need = need
        self.alt_keys = [(*key, i) for i in range(len(alts or ()))]  # for ``_Text.allows``


def _plan_of(p: re.Pattern) -> _Plan:
    """The pattern's ``_Plan`` (alternatives None when it has none; need () for nothing)."""
    key = (p.pattern, p.flags)
    got = _plans.get(key)
    if got is not None:
        return got
    entry = _entry_of(p)
    plan = None
    need = _unpacked_need(entry[7]) if entry is not None else ()
    if entry is not None and entry[5]:
        try:
            import _sre

            whole = len(entry[5]) == 1 and entry[5][0][1] == entry[5][0][2] == 0 and bool(entry[5][0][5])
            plan = [
                _Alt(_sre.compile(p.pattern, entry[0], _code(code), *entry[2:5]), lo, hi, run, chars, literal, _unpacked_need(alt_need), whole)
                for code, lo, hi, run, chars, literal, alt_need in entry[5]
            ]
        except Exception:
            plan = None
    if plan:
        literals = [alt.literal for alt in plan if alt.literal]
        for alt in plan:
            alt.shared = literals.count(alt.literal) > 1
    got = _plans[key] = _Plan(key, plan or None, need)
    return got


def _plan(tree, flags: int, C, _compiler, _parser) -> list | None:
    """Per top-level alternative: (prefilter program, least before, most before or -1, class to walk back over,
    the anchor's characters when it is one of a few, the anchor's literal when it is one, what the
    alternative needs)."""
    if flags & C.SRE_FLAG_LOCALE:
        return None
    alternatives = _alternatives(tree.data, C)
    if len(alternatives) > _MAX_ALTERNATIVES:
        return None
    iscased = _compiler._get_iscased(flags) if flags & C.SRE_FLAG_IGNORECASE else None
    plan = []
    for seq in alternatives:
        if seq is None:
            return None
        a = _anchor(seq, tree.state, C, _parser, flags, _compiler)
        if a is None:
            return None
        j, lo, hi, run = a
        few = _few_chars(*seq[j], C) if seq[j][0] is not C.LITERAL else None
        few = few if few and len(few) > 1 else None
        lit = _literal_run(seq[j:], C, iscased)
        code = _prefilter(_behind(seq[:j], lo, hi, C), seq[j:], tree.state, flags, C, _compiler, _parser)
        plan.append((code, lo, hi, run, few or "", lit, _packed_need(_clauses(_need_seq(seq, C, iscased)))))
    return plan or None


def _literal_run(items: list, C, iscased) -> str:
    """The literal characters the items start with ("" when they start with something else);
    a repeated character counts its least number of times (``_{3,}`` starts with ``___``)."""
    out = []
    for op, av in items:
        times, more = 1, False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1 and len(av[2].data) == 1:
            times, most, sub = av
            more = most != times  # more of the same may follow: the literal ends after the least
            op, av = sub.data[0]
        if op is not C.LITERAL or (iscased is not None and iscased(av)):
            break
        out.append(chr(av) * times)
        if more:
            break
    return "".join(out)


def _behind(head: list, lo: int, hi: int, C) -> list:
    """What the prefilter can check right before the anchor, as look-behind items: the whole head when
    its width is fixed (zero-width checks included), else the class of the head's last character."""
    if not head or _refers_back(head, C):
        return []
    if lo == hi:
        return list(head)
    if lo == 0:
        return []  # the head can be empty: no character before the anchor is certain
    chars, nullable = _first_chars(head, C, last=True)
    return [(C.IN, chars)] if chars and not nullable else []


def _prefilter(behind: list, tail: list, state, flags: int, C, _compiler, _parser) -> bytes:
    """The program of ``(?<=BEHIND)(?=TAIL)(?s:.)``: matches one character where the tail matches (and
    what is known of the head right before it), with a skip hint for the tail's first characters."""
    look = _parser.SubPattern(state, list(tail))
    one = _parser.SubPattern(state, [(C.ANY, None)])
    items = [(C.ASSERT, (1, look)), (C.SUBPATTERN, (None, C.SRE_FLAG_DOTALL, 0, one))]
    code = None
    if behind:
        try:
            check = [(C.ASSERT, (-1, _parser.SubPattern(state, behind)))]
            code = _compiler._code(_parser.SubPattern(state, check + items), flags)
        except Exception:  # a head the engine cannot look behind for: the tail alone still finds every start
            code = None
    if code is None:
        code = _compiler._code(_parser.SubPattern(state, items), flags)
    return _packed(_with_hint(code, tail, flags, _compiler, C))


# ---- what a match needs ---------------------------------------------------------
#
# Built as a formula over the characters of a text: a character (the text holds
# it), ("&", f, g, ...) (all of them), ("|", f, g, ...) (one of them), or None
# (no condition). Only what every match must contain is named: literals, small
# classes, the content of look-aheads and look-behinds (positive ones match
# text too) and of repetitions that occur at least once.
#
# Kept as clauses (``_clauses``), each a tuple of words: the text meets a
# clause when it holds every character of one of its words (``截止(目前|今年)``
# needs 截, 止, and 目前 or 今年: (("截",), ("止",), ("目前", "今年"))); ()
# asks for nothing. A "one of" inside an alternative of a "one of" is dropped
# (the alternative's word holds what it surely needs): weaker than the
# formula, but a text that misses it still cannot match, and checking two flat
# levels costs a fraction of walking the formula, for every pattern of every
# document.


def _need_of(items: list, flags: int, C, _compiler) -> Need:
    if flags & C.SRE_FLAG_LOCALE:
        return ()
    iscased = _compiler._get_iscased(flags) if flags & C.SRE_FLAG_IGNORECASE else None
    return _clauses(_need_seq(items, C, iscased))


def _need_seq(items, C, iscased) -> Any:
    return _all([_need_item(op, av, C, iscased) for op, av in items])


def _need_item(op, av, C, iscased) -> Any:
    if op is C.LITERAL:
        return None if iscased is not None and iscased(av) else chr(av)
    if op is C.IN:
        chars = _few_chars(op, av, C)
        if chars is None or (iscased is not None and any(iscased(ord(c)) for c in chars)):
            return None
        return _any(list(chars))
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
            return None
        return _need_seq(sub.data, C, iscased)
    if op is C.ATOMIC_GROUP:
        return _need_seq(av.data, C, iscased)
    if op is C.ASSERT:
        return _need_seq(av[1].data, C, iscased)
    if op is C.BRANCH:
        return _any([_need_seq(alt.data, C, iscased) for alt in av[1]])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _need_seq(av[2].data, C, iscased) if av[0] >= 1 else None
    return None


def _all(parts: list) -> Any:
    out: list = []
    for p in parts:
        if p is None:
            continue
        out += p[1:] if type(p) is tuple and p[0] == "&" else [p]
    out = list(dict.fromkeys(out))
    return None if not out else out[0] if len(out) == 1 else ("&", *out)


def _any(parts: list) -> Any:
    if not parts or any(p is None for p in parts):
        return None
    out: list = []
    for p in parts:
        out += p[1:] if type(p) is tuple and p[0] == "|" else [p]
    out = list(dict.fromkeys(out))
    return out[0] if len(out) == 1 else ("|", *out)


def _packed_need(need: Any) -> bytes:
    """A need as the cache keeps it: marshalled, so that loading the cache file does not build every
    formula (only those of the patterns searched, in ``_plan_of``)."""
    import marshal

    return marshal.dumps(need)


def _unpacked_need(packed: bytes) -> Any:
    import marshal

    return marshal.loads(packed)


def _clauses(need: Any) -> Need:
    """The formula as clauses (see above); () when they would name too many characters to be worth checking."""
    clauses = _clauses_of(need)
    # the characters of one-word clauses are all needed: a clause with a word made of them adds nothing
    sure = set("".join(c[0] for c in clauses if len(c) == 1))
    kept = tuple(c for c in clauses if len(c) == 1 or not any(sure.issuperset(w) for w in c))
    return kept if sum(len(w) for c in kept for w in c) <= _MAX_NEED else ()


def _clauses_of(need: Any) -> Need:
    if need is None:
        return ()
    if type(need) is str:
        return ((need,),)
    parts = [_clauses_of(n) for n in need[1:]]
    if need[0] == "&":
        return tuple(dict.fromkeys(c for p in parts for c in p))
    # "one of": a clause of one word per alternative, the characters the alternative surely needs
    words = ["".join(dict.fromkeys("".join(c[0] for c in p if len(c) == 1))) for p in parts]
    if not all(words):
        return ()
    first: dict[frozenset, str] = {}
    for w in words:
        first.setdefault(frozenset(w), w)  # of words with the same characters, one is enough
    # a word holding all the characters of another is met whenever that one is
    return (tuple(w for s, w in first.items() if not any(t < s for t in first)),)


def _alternatives(items: list, C) -> list:
    """The top-level alternatives, each a flat sequence (zero-width items around an alternation go with each branch)."""
    seq = _flatten(items, C)
    if seq is not None:
        zero = (C.ASSERT, C.ASSERT_NOT, C.AT)
        branches = [k for k, (op, _) in enumerate(seq) if op not in zero]
        if len(branches) == 1 and seq[branches[0]][0] is C.BRANCH:
            k = branches[0]
            out = []
            for alt in seq[k][1][1]:
                inner = _alternatives(alt.data, C)
                out += [None if x is None else seq[:k] + x + seq[k + 1 :] for x in inner]
            return out
    return [seq]


def _flatten(items: list, C) -> list | None:
    """Inline groups without flags: they do not change what matches, so their items can be anchors."""
    out: list = []
    for op, av in items:
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None
            inner = _flatten(sub.data, C)
            if inner is None:
                return None
            out += inner
        else:
            out.append((op, av))
    return out


def _anchor(seq: list, state, C, _parser, flags: int, _compiler) -> tuple | None:
    """The best item to search for: (its index, least before, most before or -1, run class or None)."""
    lo = hi = 0
    run: list | None = []  # what the items before the current one can consume
    best, best_score = None, -1
    iscased = _compiler._get_iscased(flags) if flags & C.SRE_FLAG_IGNORECASE else None
    for i, (op, av) in enumerate(seq):
        score = _anchor_score(seq, i, C, iscased)
        if score > best_score and not _refers_back(seq[i:], C):
            if hi <= _MAX_BACK:
                best, best_score = (i, lo, hi, None), score
            else:
                walk = _set_text(run) if run is not None else None
                if walk:  # the items before can only consume these: walk back over them
                    best, best_score = (i, lo, -1, walk), score
        w_lo, w_hi = _parser.SubPattern(state, [(op, av)]).getwidth()
        lo, hi = lo + w_lo, min(hi + w_hi, _parser.MAXWIDTH)
        if run is not None and w_hi:
            more = _consumable(op, av, C)
            run = None if more is None else run + more
    return best


def _anchor_score(seq: list, i: int, C, iscased=None) -> int:
    """How good an anchor ``seq[i]`` is: a literal run 3, one literal 2, a few literals 1, else -1.

    Under case folding (``iscased`` given) only characters without case can be anchors."""
    op, av = seq[i]
    if op is C.LITERAL:
        if iscased is not None and iscased(av):
            return -1
        nxt = seq[i + 1] if i + 1 < len(seq) else (None, None)
        return 3 if nxt[0] is C.LITERAL and not (iscased is not None and iscased(nxt[1])) else 2
    chars = _few_chars(op, av, C)
    if chars is None or (iscased is not None and any(iscased(ord(c)) for c in chars)):
        return -1
    return 2 if len(chars) == 1 else 1


def _few_chars(op, av, C) -> str | None:
    """The characters the item must start with, when they are at most 8 (ranges spelled out); else None."""
    chars, nullable = _first_chars([(op, av)], C)
    if chars is None or nullable or not chars:
        return None
    out: list[str] = []
    for o, v in chars:
        if o is C.LITERAL:
            out.append(chr(v))
        elif o is C.RANGE and v[1] - v[0] < 8:
            out.extend(chr(c) for c in range(v[0], v[1] + 1))
        else:
            return None
    out = list(dict.fromkeys(out))
    return "".join(out) if len(out) <= 8 else None


def _refers_back(items: list, C) -> bool:
    """A back-reference in these items (they cannot be matched on their own)."""
    for op, av in items:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        for sub in _subpatterns(op, av, C):
            if _refers_back(sub.data, C):
                return True
    return False


def _subpatterns(op, av, C) -> list:
    if op is C.SUBPATTERN:
        return [av[3]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is C.ATOMIC_GROUP:
        return [av]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is C.BRANCH:
        return list(av[1])
    return []


def _consumable(op, av, C) -> list | None:
    """Charset items covering every character the item can consume (None: too many to name)."""
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return []
    if op is C.LITERAL:
        return [(C.LITERAL, av)]
    if op is C.IN:
        return None if any(o is C.NEGATE for o, _ in av) else list(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _consumable_seq(av[2].data, C)
    if op is C.SUBPATTERN:
        return None if (av[1] or av[2]) else _consumable_seq(av[3].data, C)
    if op is C.ATOMIC_GROUP:
        return _consumable_seq(av.data, C)
    if op is C.BRANCH:
        out: list = []
        for alt in av[1]:
            more = _consumable_seq(alt.data, C)
            if more is None:
                return None
            out += more
        return out
    return None


def _consumable_seq(items: list, C) -> list | None:
    out: list = []
    for op, av in items:
        more = _consumable(op, av, C)
        if more is None:
            return None
        out += more
    return out


_CATEGORY_CLASS = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _set_text(items: list) -> str | None:
    """A regex class for charset items, such as ``[\\d.．]``; "" for nothing, None when not expressible."""
    parts = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            parts.append(re.escape(chr(av)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY" and str(av) in _CATEGORY_CLASS:
            parts.append(_CATEGORY_CLASS[str(av)])
        else:
            return None
    return f"[{''.join(dict.fromkeys(parts))}]" if parts else ""


# ---- the on-disk cache ------------------------------------------------------


def _cache_file() -> str | None:
    from .cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    import _sre

    from . import __version__

    try:  # programs depend on this module's code too: an edited rx.py starts a new cache file
        st = os.stat(__file__)
        own = f"{st.st_size:x}{st.st_mtime_ns:x}"
    except OSError:
        own = "0"
    tag = f"{__version__}-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_CACHE_VERSION}-{own}"
    return os.path.join(str(d), "regex", tag)


def _cached(key: tuple[str, int]) -> tuple | None:
    global _disk
    if _disk is None:
        _disk = _load()
    return _disk.get(key)


def _load() -> dict:
    try:
        path = _cache_file()
        if path is None:
            return {}
        import marshal

        with open(path, "rb") as f:
            data = marshal.loads(f.read())
        return data if isinstance(data, dict) else {}
    except Exception:  # missing or corrupt: every pattern is a miss
        return {}


def _remember(key: tuple[str, int], entry: tuple) -> None:
    if not _new:
        import atexit

        atexit.register(save)
    _new[key] = entry


STALE_AFTER = 7 * 24 * 3600  # seconds


def _remove_stale(path: str) -> None:
    """Remove the cache files of other copies of this rx.py (same noticelint and Python) not written for a week.

    Not at once: two installations of one version (a pre-commit environment
    and a project's venv) have rx.py files of different times, hence files of
    their own, and removing the other's at every save made both start cold
    every time (all patterns compiled again: ~0.3 s). A file in use but not
    rewritten for a week (its copy compiled nothing new) is removed once, and
    written again at its copy's next run.
    """
    import time

    folder, name = os.path.split(path)
    prefix = name.rsplit("-", 2)[0] + "-"
    cutoff = time.time() - STALE_AFTER
    for other in os.listdir(folder):
        if other.startswith(prefix) and other != name:
            full = os.path.join(folder, other)
            try:
                if os.stat(full).st_mtime < cutoff:
                    os.remove(full)
            except OSError:  # (removed by another process meanwhile)
                pass


def save() -> None:
    """Write the patterns compiled in this process into the cache file (merged with what is there)."""
    if not _new:
        return
    try:
        path = _cache_file()
        if path is None:
            return
        import marshal

        from .cache import write_atomic

        merged: dict[Any, Any] = dict(_load())
        merged.update(_new)
        write_atomic(path, marshal.dumps(merged))
        _remove_stale(path)
        if _disk is not None:
            _disk.update(_new)
        _new.clear()
    except Exception:  # a cache that cannot be written is just a miss next time
        pass
