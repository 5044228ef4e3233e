"""linter/rx.py must find exactly what ``re`` finds: every pattern the linter compiles, on real and mutated text.

rx rewrites the optimisation header of compiled programs, loads programs from
an on-disk cache and scans long texts through prefilters; each of these is
checked here against a plain ``re.compile`` of the same pattern.
"""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys

import pytest

from helpers import FIXTURES, REFERENCE, ROOT, bundled_rules
from linter import rx
from linter.engine import Linter


def all_patterns() -> list[tuple[str, int]]:
    """Every pattern compiled through rx once every bundled kind is prepared and has linted a notice."""
    from linter.document import Document

    linter = Linter(list(bundled_rules()))
    text = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")
    linter.lint(Document.from_string(text, "r.txt"))
    linter.lint(Document.from_string(text, "r.md", kind="markdown"))
    return sorted(rx._memory)


def corpus_texts() -> list[str]:
    """Long texts (past the size where prefilters are used): the notices themselves, and mutated copies."""
    sources = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))]
    if REFERENCE.exists():
        sources.append(REFERENCE.read_text(encoding="utf-8"))
    joined = "\n".join(sources)
    rng = random.Random(20251001)
    noise = list("0123456789０１２３年月日号至到—－-~～（）()、，,。.．：:；;“”\"'《》〔〕[]【】 \u3000\t\n一二三四五六七八九十是某X×xＸ_#*>@<&%％万元个项件十百千共计问题完成率")
    out = [joined[:60000]]
    for _ in range(4):
        chars = list(joined[rng.randrange(len(joined) // 2) :][:8000])
        for _ in range(800):
            k = rng.randrange(len(chars) + 1)
            if rng.random() < 0.6:
                chars.insert(k, rng.choice(noise))
            elif k < len(chars):
                del chars[k]
        out.append("".join(chars))
    lines = joined.split("\n")
    for _ in range(2):
        rng.shuffle(lines)
        out.append("\n".join(lines[:150]))
    return out


# rx reads CPython's re internals (re._parser, 3.11+); elsewhere it is plain re.compile, which the
# equivalence tests still check, and the tests of the internals themselves do not apply.
needs_internals = pytest.mark.skipif(sys.version_info < (3, 11), reason="rx's search hint and cache use re internals of Python 3.11+")

PATTERNS = all_patterns()
TEXTS = corpus_texts()


def spans(matches) -> list[tuple]:
    return [(m.span(), m.groups(), m.group(0)) for m in matches]


def test_the_linter_compiles_its_patterns_through_rx():
    assert len(PATTERNS) > 150
    assert all(len(t) >= rx._SMALL_TEXT for t in TEXTS)


@pytest.mark.parametrize("pattern,flags", PATTERNS, ids=[f"{i}" for i in range(len(PATTERNS))])
def test_same_matches_as_re(pattern, flags):
    ours = rx.compile(pattern, flags)
    plain = re.compile(pattern, flags)
    for text in TEXTS:
        want = spans(plain.finditer(text))
        assert spans(ours.finditer(text)) == want  # the program with its search hint
        assert spans(rx.finditer(ours, text)) == want  # through the prefilter plan, when there is one
        for pos, end in ((17, len(text) - 23), (len(text) // 3, len(text))):
            assert spans(rx.finditer(ours, text, pos, end)) == spans(plain.finditer(text, pos, end))
            m, n = rx.search(ours, text, pos, end), plain.search(text, pos, end)
            assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))


@needs_internals
def test_a_class_computed_once_per_pattern_gives_the_same_program(monkeypatch):
    """rx._build computes each distinct class of a pattern once (the document scan repeats one that holds
    most of the BMP 40 times); every bundled pattern's entry is what computing each class again gives."""
    from re import _compiler

    from linter.kinds.document_scan import SCAN_RE

    assert SCAN_RE.pattern in {p for p, _ in PATTERNS}
    shared = {key: rx._build(*key)[1] for key in PATTERNS}
    monkeypatch.setattr(rx, "_charsets_once", lambda real: real)
    assert all(entry is not None for entry in shared.values())
    assert {key: rx._build(*key)[1] for key in PATTERNS} == shared


@needs_internals
def test_building_leaves_re_its_own_class_function(monkeypatch):
    """rx._build shares class computations through re's internals only while it builds, and puts back
    re's own function, also when it started while another thread's build had its wrapper in place."""
    from re import _compiler

    real = _compiler._optimize_charset
    rx._build("[^a]+x", 0)
    assert _compiler._optimize_charset is real
    monkeypatch.setattr(_compiler, "_optimize_charset", rx._charsets_once(real))  # (another build under way)
    rx._build("[^b]+y", 0)
    assert _compiler._optimize_charset is real


@needs_internals
def test_searcher_resumes_like_repeated_searches():
    from linter.dates import DATE_RE

    text = TEXTS[0]
    searcher = rx.Searcher(DATE_RE, text)
    assert searcher.starts is not None  # the date pattern has a plan (the 月 of every date)
    pos = 0
    while True:
        m, n = searcher.search(pos), DATE_RE.search(text, pos)
        assert (m and m.span()) == (n and n.span())
        if n is None:
            break
        pos = n.end() + (3 if n.end() % 2 else 0)  # continuations skip ahead as find_dates does


@needs_internals
def test_hint_is_added_only_where_it_is_safe():
    from re import _constants as C

    def head_flags(p: re.Pattern) -> int:
        code = rx._code(rx._build(p.pattern, p.flags)[1][1])
        return code[2] if code[0] == C.INFO else 0

    hinted = rx.compile(r"(?<![\d.])(?P<n>\d)中全会")
    assert head_flags(hinted) & C.SRE_INFO_CHARSET
    assert head_flags(rx.compile(r"(?<![a-z])某+")) & C.SRE_INFO_PREFIX  # one possible first character
    assert not head_flags(rx.compile(r"(?<![a-z])\d*"))  # can match the empty string: no hint
    assert not head_flags(rx.compile(r"(?i)(?<=x)[a-c]d"))  # case folding: [a-c] also matches A-C
    assert head_flags(rx.compile(r"(?i)(?<=x)<b>")) & C.SRE_INFO_PREFIX  # '<' has no case
    # a literal prefix, re's or ours, is cut to its first character (the engine's faster loop), and the
    # header no longer says that the pattern is that literal: the program matches the rest
    for pattern, first in (("截止到", "截"), (r"(?<![\d.])中全会\d", "中")):
        code = rx._code(rx._build(pattern, 0)[1][1])
        assert (code[2], code[5], code[7]) == (C.SRE_INFO_PREFIX, 1, ord(first))
    assert rx.compile("截止到").findall("截止截止到截止") == ["截止到"]


@needs_internals
def test_first_chars():
    assert rx.first_chars(rx.compile(r"[（(]([一二三])")) == frozenset("（(")
    assert rx.first_chars(rx.compile(r"(?:[ \t]+|#{1,6} )*")) == frozenset(" \t#")
    assert rx.first_chars(rx.compile(r"\d+")) is None  # a category: too many to list
    assert rx.first_chars(rx.compile(r".x")) is None


def run_py(code: str, env: dict) -> str:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout


@needs_internals
def test_programs_come_from_the_cache_on_the_next_run(tmp_path):
    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("NOTICELINT_NO_CACHE", None)
    code = (
        "from linter import rx; p = rx.compile(r'(?<![\\d.])(?P<n>\\d)中全会'); "
        "print(rx.stats['compiled'], rx.stats['loaded'], [m.span() for m in rx.finditer(p, '二十届3中全会' * 2000)][:2])"
    )
    first = run_py(code, env).split(" ", 2)
    second = run_py(code, env).split(" ", 2)
    assert first[:2] == ["1", "0"] and second[:2] == ["0", "1"]
    assert first[2] == second[2] == "[(3, 7), (10, 14)]\n"


def test_other_copies_cache_files_are_kept_until_a_week_old(tmp_path):
    """Two installations of one version (pre-commit's and a venv's) must not remove each other's cache at every run."""
    import time

    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("NOTICELINT_NO_CACHE", None)
    run_py("from linter import rx; rx.compile(r'(?<!x)ab+'); rx.save()", env)
    (own,) = (tmp_path / "regex").iterdir()
    prefix = own.name.rsplit("-", 2)[0]
    recent, old = own.with_name(f"{prefix}-1-1"), own.with_name(f"{prefix}-2-2")
    other_version = own.with_name("0.0.1-" + own.name.split("-", 1)[1])
    for f in (recent, old, other_version):
        f.write_bytes(own.read_bytes())
    week_ago = time.time() - rx.STALE_AFTER - 60
    for f in (old, other_version):
        os.utime(f, (week_ago, week_ago))
    run_py("from linter import rx; rx.compile(r'(?<!y)cd+'); rx.save()", env)  # a new pattern: the cache is written
    assert sorted(f.name for f in (tmp_path / "regex").iterdir()) == sorted([own.name, recent.name, other_version.name])


def test_a_corrupt_cache_is_a_miss(tmp_path):
    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("NOTICELINT_NO_CACHE", None)
    code = "from linter import rx; p = rx.compile(r'(?<!x)ab+'); print(rx.stats['compiled'], p.findall('abbb xab'))"
    assert run_py(code, env) == "1 ['abbb']\n"
    for f in (tmp_path / "regex").iterdir():
        f.write_bytes(b"\x00garbage")
    assert run_py(code, env) == "1 ['abbb']\n"


@needs_internals
def test_a_wrong_program_in_the_cache_is_rejected_by_the_engine():
    """_sre validates every program it is given: a damaged one is compiled again, never run."""
    pattern = r"(?<!q)zz\d"
    entry = rx._build(pattern, 0)[1]
    damaged = (entry[0], rx._packed([99999] + rx._code(entry[1])[1:]), *entry[2:])
    assert rx._from_entry(pattern, damaged) is None
    assert rx._from_entry(pattern, entry).findall("zz1 qzz2") == ["zz1"]


def test_invalid_patterns_raise_like_re():
    with pytest.raises(re.error):
        rx.compile("(unclosed")


def test_repository_has_no_plain_re_compile_in_kinds():
    """Kinds and the outline compile through rx (a plain re.compile, or re.search/re.sub with a pattern
    written in place, compiles in pure Python at the first call of every run: no cache, no hint)."""
    files = [ROOT / "linter" / "outline.py", ROOT / "linter" / "dates.py", ROOT / "linter" / "suppress.py"]
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*files, *sorted((ROOT / "linter" / "kinds").glob("*.py"))]
        if re.search(r"(?<![\w.])re\.(?:compile|search|match|fullmatch|sub|subn|split|findall|finditer)\(", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# ---- patterns that stay in a line --------------------------------------------------------------


@needs_internals
def test_line_local():
    def local(pattern: str) -> bool:
        return rx.line_local(rx.compile(pattern))

    assert local("巡视工作方针") and local(r"《[^》\n]{0,40}》") and local(r"(?:党中央|中央)(?:第[一二]+)?轮?巡视")
    assert local(r".x") and local(r"[^\s]x") and local(r"\dx")
    assert not local(r"《[^》]{0,40}》")  # [^》] also takes a line break
    assert not local(r"(?s).x") and not local(r"[\s]x") and not local(r"[^\S]x") and not local(r"\Dx") and not local("a\nb")
    assert not local(r"a(?=b)") and not local(r"(?<!a)b") and not local(r"\bx") and not local(r"x$") and not local(r"(a)\1")


LINE_LOCAL = [(pattern, flags) for pattern, flags in PATTERNS if rx.line_local(rx.compile(pattern, flags))]


@needs_internals
@pytest.mark.parametrize("pattern,flags", LINE_LOCAL, ids=[f"{i}" for i in range(len(LINE_LOCAL))])
def test_a_line_local_pattern_finds_in_each_line_what_the_whole_text_scan_finds(pattern, flags):
    plain = re.compile(pattern, flags)
    for text in TEXTS:
        per_line = []
        start = 0
        for line in text.split("\n"):
            per_line += spans(plain.finditer(text, start, start + len(line)))
            start += len(line) + 1
        assert per_line == spans(plain.finditer(text))


# ---- what a match needs, and the long-text paths --------------------------------------------


def starved_texts() -> list[str]:
    """Corpus texts with a third of their characters removed: many patterns then lack what a match needs."""
    rng = random.Random(20251002)
    out = []
    for text in TEXTS[:3]:
        distinct = sorted(set(text))
        for _ in range(3):
            gone = rng.sample(distinct, len(distinct) // 3)
            out.append(text.translate({ord(c): None for c in gone}))
    return out


STARVED = [t for t in starved_texts() if len(t) >= rx._SMALL_TEXT]


@needs_internals
@pytest.mark.parametrize("pattern,flags", PATTERNS, ids=[f"{i}" for i in range(len(PATTERNS))])
def test_a_text_without_what_a_match_needs_has_no_match(pattern, flags):
    """The need of a pattern is a necessary condition: when a text does not meet it, re finds nothing."""
    ours = rx.compile(pattern, flags)
    plain = re.compile(pattern, flags)
    need = rx._plan_of(ours).need
    for text in TEXTS + STARVED:
        if not rx._Text(text).meets(need):
            assert plain.search(text) is None
        rx._last_text = None
        assert spans(rx.finditer(ours, text)) == spans(plain.finditer(text))
        assert spans(rx.finditer(ours, text, 11, len(text) - 7)) == spans(plain.finditer(text, 11, len(text) - 7))


def anchored_by_characters() -> list[tuple[str, int]]:
    """The patterns with an alternative anchored on a literal or on a few characters."""
    out = []
    for pattern, flags in PATTERNS:
        plan = rx._plan_of(rx.compile(pattern, flags)).alts
        if plan and any(alt.literal or alt.chars for alt in plan):
            out.append((pattern, flags))
    return out


ANCHORED = anchored_by_characters()


@needs_internals
@pytest.mark.parametrize("pattern,flags", ANCHORED, ids=[f"{i}" for i in range(len(ANCHORED))])
def test_same_matches_when_anchors_are_found_by_their_rarest_character(pattern, flags, monkeypatch):
    """The paths taken in long texts (places of the rarest character, of a rare literal), forced on
    the corpus by lowering the length they start at."""
    monkeypatch.setattr(rx, "_RARE_TEXT", 0)
    monkeypatch.setattr(rx, "_SAMPLE", 1024)
    ours = rx.compile(pattern, flags)
    plain = re.compile(pattern, flags)
    for text in TEXTS + STARVED:
        rx._last_text = None
        assert spans(rx.finditer(ours, text)) == spans(plain.finditer(text))
        for pos, end in ((17, len(text) - 23), (len(text) // 3, len(text))):
            assert spans(rx.finditer(ours, text, pos, end)) == spans(plain.finditer(text, pos, end))
            m, n = rx.search(ours, text, pos, end), plain.search(text, pos, end)
            assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))
    rx._last_text = None


@needs_internals
def test_same_matches_in_a_long_text():
    """Past rx._RARE_TEXT characters, with the real thresholds: every pattern, as re finds it."""
    rng = random.Random(5)
    pieces = TEXTS + STARVED
    parts: list[str] = []
    while sum(map(len, parts)) < rx._RARE_TEXT:
        parts.append(rng.choice(pieces))
    text = "\n".join(parts)
    rx._last_text = None
    for pattern, flags in PATTERNS:
        ours, plain = rx.compile(pattern, flags), re.compile(pattern, flags)
        assert spans(rx.finditer(ours, text)) == spans(plain.finditer(text)), pattern
    rx._last_text = None


@needs_internals
def test_needs():
    """Clauses of words: the text must hold every character of one word of each clause."""

    def need(pattern: str, flags: int = 0):
        return rx._plan_of(rx.compile(pattern, flags)).need

    assert need("截止到") == (("截",), ("止",), ("到",))
    assert need("[？?]x") == (("？", "?"), ("x",))
    assert need("a|b|c") == (("a", "b", "c"),)
    assert need("a(?=bc)") == (("a",), ("b",), ("c",))  # a look-ahead's content is in the text too
    assert need("a(?!b)") == (("a",),)  # a negative one is not
    assert need("x?y*z+") == (("z",),)  # optional items need nothing
    assert need(r"\d+年") == (("年",),)  # a category is not named
    assert need("(?i)ab中") == (("中",),)  # under case folding only characters without case are named
    assert need(r"[^a]") == ()
    assert need("截止(目前|今年|当前)") == (("截",), ("止",), ("目前", "今年", "当前"))
    assert need("(?:ab|cd)e") == (("ab", "cd"), ("e",))
    assert need("巡(?:视|视察)") == (("巡",), ("视",))  # 视 or 视察: 视
    assert need("(?:a[bc]|d)e") == (("a", "d"), ("e",))  # [bc] inside an alternative is not kept


@needs_internals
def test_a_text_without_what_a_match_needs_is_not_searched():
    text = "第一季度共开展检查12次。" * 1000
    searcher = rx.Searcher(rx.compile("截止(?:目前|今年)"), text)
    assert searcher.starts == []  # the text has no 截: no candidate, no scan


@needs_internals
def test_a_fixed_width_head_is_checked_before_the_anchor():
    """(?<![\\d.])(\\d{2})年: the anchor 年 is tried only where two digits not after a digit precede it."""
    pattern = rx.compile(r"(?<![\d.])(\d{2})年")
    text = "2025年" * 3000 + "在25年"
    searcher = rx.Searcher(pattern, text)
    assert searcher.starts == [text.index("在25年") + 1]
    assert [m.group(1) for m in rx.finditer(pattern, text)] == ["25"]


@needs_internals
def test_a_variable_head_is_checked_by_its_last_character():
    """Before 巡察 there must be 委, 组 or a numeral of the head: the 巡察 of 开展巡察 are not candidates."""
    pattern = rx.compile(r"(?:[市县]委|党组)(?:第[一二三]+)?巡察")
    text = "开展巡察工作。" * 2000 + "市委第一巡察"
    searcher = rx.Searcher(pattern, text)
    assert searcher.starts is not None and len(searcher.starts) <= 6
    assert [m.group(0) for m in rx.finditer(pattern, text)] == ["市委第一巡察"]


@needs_internals
def test_the_literal_an_anchor_starts_with():
    def literals(pattern: str) -> list[str]:
        plan = rx._plan_of(rx.compile(pattern)).alts
        return [alt.literal for alt in plan]

    assert literals("(?<=a)_{3}b") == ["___b"]
    assert literals("ab+c") == ["ab"]  # b+ may be bb: the literal ends with its first b
    assert literals("ab{2,3}c") == ["abb"]
    assert literals("_{3,}(?=x)") == ["___"]
    assert literals("x*y") == ["y"]
    assert literals("(?:ab)+") == [""]


@needs_internals
def test_anchors_at_the_match_start_are_the_starts():
    """An alternative with nothing before its anchor starts where the anchor is: its places within
    pos..end are the candidates, and a character of the anchor the text lacks adds none."""
    pattern = rx.compile(r"[XＸ×][年月]")  # anchored on three characters; X is absent below
    text = "普通文字内容。" * 300 + "第Ｘ年，" + "普通文字内容。" * 800 + "至×月。"
    plan = rx._plan_of(pattern).alts
    assert [(alt.chars, alt.lo, alt.hi) for alt in plan] == [("XＸ×", 0, 0)]
    first, second = text.index("Ｘ"), text.index("×")
    rx._last_text = None
    assert rx.Searcher(pattern, text).starts == [first, second]
    assert rx.Searcher(pattern, text, first + 1).starts == [second]
    assert [m.start() for m in rx.finditer(pattern, text)] == [first, second]
    rx._last_text = None


@needs_internals
def test_alternatives_anchored_on_one_literal_share_its_scan():
    """Two alternatives skipping to ___ (a short text): the places of ___ are found once, and each
    alternative's matches are those re finds."""
    pattern = rx.compile(r"(?<=[^\s_])_{3,}|_{3,}(?=[^\s_])")
    plan = rx._plan_of(pattern).alts
    assert [(alt.literal, alt.shared) for alt in plan] == [("___", True), ("___", True)]
    text = "普通文字内容。" * 1500 + "签名：____，日期" + "普通文字内容。" * 50 + " ___ 与 ____"
    rx._last_text = None
    want = [m.span() for m in re.compile(pattern.pattern).finditer(text)]
    assert [m.span() for m in rx.finditer(pattern, text)] == want and want
    about = rx._about(text)
    assert about._where[("___", len(text) // 1000)] == [i for i in range(len(text)) if text.startswith("___", i)]
    rx._last_text = None


def test_meets_reads_each_character_once_and_remembers_it():
    """A need is met when the text holds every character of one word of each clause; what a check
    learns (held, lacking) answers the next ones."""
    about = rx._Text("甲乙丙。" * 2000)
    assert about.meets((("甲",), ("丁乙", "丙")))  # 丁乙 lacks 丁, 丙 is held
    assert about._present == {"甲", "丙"} and about._absent == {"丁"}
    assert not about.meets((("乙",), ("丁", "戊")))
    assert about._present == {"甲", "乙", "丙"} and about._absent == {"丁", "戊"}
    assert about.meets((("乙丙",),)) and not about.meets((("丙丁",),))
    assert about.meets(())


@needs_internals
def test_a_literal_whose_first_character_is_rare_is_looked_for_at_its_places():
    """第(\\d)次 skips to its own 第. In a notice-sized text (under rx._RARE_TEXT) where 第 occurs at most
    rx._FEW times, the candidates are its places found by str.find, within pos..end, not the engine's
    scan (fails when the shortcut is not taken, or when it loses or adds a place); where 第 is common,
    the pattern is left to the engine's own scan; matches are re's either way."""
    pattern = rx.compile(r"第(?P<n>\d{1,2})次(?:全体会议|全会|党代会|代表大会)")  # (a DIG003 term)
    assert [(alt.literal, alt.whole) for alt in rx._plan_of(pattern).alts] == [("第", True)]
    rare = "第3次全会，" + "普通文字内容。" * 900 + "第一次会议，第3次全会。" + "普通文字内容。" * 300 + "第12次代表大会"
    common = "第一次会议。" * 1000 + "第3次全会"
    places = [i for i, c in enumerate(rare) if c == "第"]
    for text in (rare, common):
        rx._last_text = None
        plain = re.compile(pattern.pattern)
        for pos in (0, 1):
            want = [m.span() for m in plain.finditer(text, pos)]
            assert [m.span() for m in rx.finditer(pattern, text, pos)] == want and want
    rx._last_text = None
    assert rx._starts(pattern, common, 0, len(common)) is None  # 1,001 places: the engine's skip
    assert rx._about(common).few_places("第") is None
    assert rx._starts(pattern, rare, 0, len(rare)) == places[:1] + places[2:]  # (第一次: no digit)
    assert rx._about(rare).few_places("第") == places
    assert rx._starts(pattern, rare, 1, len(rare)) == places[2:]
    rx._last_text = None


@needs_internals
def test_a_head_of_variable_width_is_walked_back_over_however_long():
    """A head of unbounded width before its anchor (digits and spaces before 月) can start anywhere in the
    run of its characters that ends at the anchor, however long: runs of 3, 40 and 100 characters, one
    reaching the range's start (fails when the walk back stops at its first window of 16 characters,
    or misplaces the run's start by one)."""
    pattern = rx.compile(r"(?<![0-9])\d+[ \t]*月")
    assert [(alt.literal, alt.hi) for alt in rx._plan_of(pattern).alts] == [("月", -1)]
    filler = "普通文字内容。" * 700
    runs = ["12 月", "1" + " " * 38 + "\t月", "1234567890" * 9 + " " * 10 + "月", "每月", "x 5月"]
    text = "9" * 30 + " 月" + "".join(filler + run for run in runs)
    plain = re.compile(pattern.pattern)
    for pos in (0, 5, 31, 4000):
        rx._last_text = None
        want = [m.span() for m in plain.finditer(text, pos)]
        assert [m.span() for m in rx.finditer(pattern, text, pos)] == want and want
        starts = rx._starts(pattern, text, pos, len(text))
        assert starts is not None and {a for a, _ in want} <= set(starts)
    rx._last_text = None


def test_few_places_are_every_place_or_none():
    """``few_places`` lists every position of a character when there are at most rx._FEW, else None
    (fails when the cap is off by one or a place is skipped)."""
    for n in (0, 1, rx._FEW - 1, rx._FEW, rx._FEW + 1, 3 * rx._FEW):
        text = "".join(("" if i % 3 else "甲乙") + "第" for i in range(n)) + "戊" * 5000  # (side by side too)
        want = [i for i, c in enumerate(text) if c == "第"]
        assert rx._Text(text).few_places("第") == (want if n <= rx._FEW else None), n


def test_holds_answers_as_str_contains():
    """Characters below U+0100 are looked for among the text's own such characters (the latin-1
    encoder's output): the same answers as ``c in text`` for any text and character, in ``holds``
    and in ``meets`` (fails when the collection drops Latin-1 letters such as ×, when a character
    is looked for in the wrong string, or when the collection is not built for a Chinese text)."""
    rng = random.Random(7)
    pool = list("甲乙丙中文，。（）：\u3000«×é\\~{}[]()_-@&%0123456789ABXYZabxyz\t \n") + ["\U0002a6a5", "\x00", "\xff", "\u0100", "\u5c5c"]
    texts = ["".join(rng.choice(pool) for _ in range(n)) for n in (0, 1, 50, 5000)]
    texts += ["plain ascii text", "latin-1 only: café ×", "中文" * 3000, "中文×" * 10 + "\\"]
    for text in texts:
        about = rx._Text(text)
        for c in pool + ["Q", "\x7f", "\x80", "乙"]:
            assert about.holds(c) == (c in text), (text[:20], c)
            assert rx._Text(text).meets(((c,),)) == (c in text), (text[:20], c)  # (its inlined copy)
    chinese = rx._Text("中文，" * 3000 + "x×")
    assert chinese.holds("×") and chinese.holds("x") and not chinese.holds("\\")
    assert chinese._latin == "x×"  # the notice's own Latin-1 characters, collected once
