"""Kind ``privacy``: personal data that must not be published (DOMAIN §5).

Checks (option ``check``):

* ``id``: an 18-character resident ID number (GB 11643) with a valid check
  character, a province code and a real birth date;
* ``id-like``: an 18-character number shaped like an ID (province code, real
  birth date) whose check character is wrong (probably a typo of a real one),
  or a 15-digit first-generation ID;
* ``mobile``: a mobile number outside the closing contact block (a mobile in
  that block is the ``contact`` kind's business);
* ``bank-card``: 16-19 digits passing the Luhn check, with a card word
  (卡号, 银行卡, 账号…) within ``context_chars`` characters or the UnionPay
  prefix 62.

Check digits come from python-stdnum (``stdnum.cn.ric``, ``stdnum.luhn``,
``stdnum.cn.uscc``), imported only when a document holds a number to check
(importing stdnum costs about 20 ms: most notices hold none).
A number is classified once, in this order: ID, 统一社会信用代码 (skipped),
bank card, ID-like; so one string never yields two findings. Messages show
numbers masked (``3604**********0071``), never in full.

Speed: an ID, a bank card or a mobile holds eleven digits or more, with at
most single spaces or hyphens between them, and no number spans a line
break. The document's one scan (document_scan, shared with the arithmetic
and punctuation kinds; see number_hints) finds the few lines holding such a
run; the number patterns
then search only those lines (a 统一社会信用代码 matters only where it
overlaps one of those numbers, so on those lines too). Five passes over the
whole text become none of its own.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from .. import rx
from ..document import lines_holding
from ..model import Hit, Rule
from . import document_scan
from .options import check_options

CHECKS = ["id", "id-like", "mobile", "bank-card"]

OPTIONS_SCHEMA = check_options(
    CHECKS,
    context_chars={"type": "integer", "minimum": 1, "maximum": 60, "default": 15},
)

# Full-width digits and letters map one-to-one onto ASCII, so offsets stay valid.
_HALF = {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF21 + i: 0x41 + i for i in range(26)} | {0xFF41 + i: 0x61 + i for i in range(26)}
NOT_ID_CHAR_RE = rx.compile(r"[^0-9A-Za-z+]")
NON_DIGIT_RE = rx.compile(r"[^0-9]")
CARD_SEPARATOR_RE = rx.compile(r"[ -]")
_FULLWIDTH_RE = rx.compile(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")
ID18_RE = rx.compile(r"(?=[1-9])(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
ID15_RE = rx.compile(r"(?=[1-9])(?<![0-9A-Za-z])[1-9][0-9]{14}(?![0-9A-Za-z])")
CARD_RE = rx.compile(r"(?=[0-9])(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){15,18}(?![0-9A-Za-z])")
USCC_RE = rx.compile(r"(?=[0-9A-Y])(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")
MOBILE_RE = rx.compile(r"(?=[+81])(?<![0-9.])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])(?!\s*(?:元|万|亿|%|％|笔|件|个|人|次|份))")
CARD_WORDS_RE = rx.compile(r"卡号|银行卡|借记卡|信用卡|储蓄卡|账号|帐号|开户行|开户银行|账户|帐户|银行|收款")
USCC_WORDS_RE = rx.compile(r"信用代码|组织机构代码|纳税人识别号|税号")
PHONE_WORDS_RE = rx.compile(r"电话|热线|传真|手机|座机|联系方式")
# GB/T 2260: the first two digits of an address code name a province.
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}


class Found:
    """The personal-data issues of one document, by check."""

    __slots__ = ("issues",)

    def __init__(self, issues: list[tuple[str, int, int, dict]] | None = None):
        self.issues = [] if issues is None else issues


def prepare(rules: list[Rule]) -> list[Rule]:
    return rules


def mask(number: str, head: int = 4, tail: int = 4) -> str:
    """Keep the first ``head`` and last ``tail`` characters; star the rest (separators dropped)."""
    s = NOT_ID_CHAR_RE.sub("", number)
    if len(s) <= head + tail:
        return "*" * len(s)
    return s[:head] + "*" * (len(s) - head - tail) + s[-tail:]


def _birth_date(digits: str, today: date) -> date | None:
    """The birth date in an 18-character ID, if it is a real day between 1900 and today."""
    try:
        d = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return None
    return d if date(1900, 1, 1) <= d <= today else None


def classify_id18(number: str, today: date) -> str | None:
    """'valid', 'checksum' (ID-shaped, wrong check character) or None (not an ID)."""
    from stdnum.cn import ric

    n = number.upper()
    if n[:2] not in PROVINCES or _birth_date(n, today) is None:
        return None
    return "valid" if ric.calc_check_digit(n) == n[-1] else "checksum"


def _luhn_valid(digits: str) -> bool:
    from stdnum import luhn  # deferred: see the module docstring

    return luhn.is_valid(digits)


def _uscc_valid(code: str) -> bool:
    from stdnum.cn import uscc  # deferred: see the module docstring

    return uscc.is_valid(code)


def classify_id15(number: str) -> bool:
    """A first-generation ID: province code and a real date YYMMDD (a 19YY birth year)."""
    if number[:2] not in PROVINCES:
        return False
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _near(pat: re.Pattern, text: str, start: int, end: int, reach: int) -> bool:
    return pat.search(text, max(0, start - reach), min(len(text), end + reach)) is not None


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def number_lines(text: str, runs: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each line holding one of ``runs`` (number_hints: where eleven digits in a row start),
    the only lines where a number can be reported (every match of ID18_RE, ID15_RE, CARD_RE and MOBILE_RE
    holds such a run)."""
    return lines_holding(text, runs)


def in_lines(p: re.Pattern, text: str, lines: list[tuple[int, int]]) -> Iterator[re.Match]:
    """``p.finditer(text)``, searched only within ``lines`` (the matches of these patterns stay on one line).

    A search stopped at the line end cannot see what follows the line, which
    only makes a negative look-ahead (MOBILE_RE's ``(?!\\s*元)``) easier to
    pass; so each match found is confirmed on the whole text, and where that
    fails the search goes on from the next character, as finditer would.
    """
    for start, end in lines:
        pos = start
        while m := p.search(text, pos, end):
            full = p.match(text, m.start())
            if full is None:
                pos = m.start() + 1
                continue
            yield full
            pos = full.end()


def analyse(ctx, reach: int) -> Found:
    raw = ctx.doc.text
    f = Found()
    lines = number_lines(raw, document_scan.of(ctx).numbers.runs)
    if not lines:
        return f
    # full-width digits and letters are mapped where they can touch a number: elsewhere they change nothing
    text = raw.translate(_HALF) if any(_FULLWIDTH_RE.search(raw, s, e) for s, e in lines) else raw
    today = ctx.settings.today or date.today()
    taken: list[tuple[int, int]] = []  # spans already classified

    def add(kind: str, s: int, e: int, params: dict) -> None:
        f.issues.append((kind, s, e, params))
        taken.append((s, e))

    # 1. valid 18-character IDs come first: a leaked ID matters more than anything it resembles
    id_like: list[tuple[int, int, str]] = []
    for m in in_lines(ID18_RE, text, lines):
        verdict = classify_id18(m.group(0), today)
        if verdict == "valid":
            add("id", m.start(), m.end(), {"masked": mask(m.group(0))})
        elif verdict == "checksum":
            id_like.append((m.start(), m.end(), m.group(0)))
    # 2. organisation codes are not personal data
    for m in in_lines(USCC_RE, text, lines):
        if not _overlaps(taken, m.start(), m.end()) and (_uscc_valid(m.group(0)) or _near(USCC_WORDS_RE, text, m.start(), m.end(), 20)):
            taken.append((m.start(), m.end()))
    # 3. bank cards
    for m in in_lines(CARD_RE, text, lines):
        s, e = m.span()
        if _overlaps(taken, s, e):
            continue
        digits = CARD_SEPARATOR_RE.sub("", m.group(0))
        if not _luhn_valid(digits):
            continue
        before = text[max(0, s - 8) : s]
        if PHONE_WORDS_RE.search(before):
            continue
        if _near(CARD_WORDS_RE, text, s, e, reach) or digits.startswith("62"):
            add("bank-card", s, e, {"masked": mask(digits), "digits": len(digits)})
    # 4. what is left that still looks like an ID
    for s, e, number in id_like:
        if not _overlaps(taken, s, e):
            add("id-like", s, e, {"masked": mask(number), "reason": "校验码不符", "reason_en": "wrong check character"})
    for m in in_lines(ID15_RE, text, lines):
        if not _overlaps(taken, m.start(), m.end()) and classify_id15(m.group(0)):
            add("id-like", m.start(), m.end(), {"masked": mask(m.group(0)), "reason": "15位旧版身份证号码", "reason_en": "15-digit first-generation ID"})
    # 5. mobiles outside the closing block (the outline is parsed only when a mobile is found)
    closing: list[tuple[int, int]] | None = None
    for m in in_lines(MOBILE_RE, text, lines):
        s, e = m.span()
        if _overlaps(taken, s, e):
            continue
        if closing is None:
            closing = [(p.start, p.end) for p in ctx.outline.closing]
        if _overlaps(closing, s, e):
            continue
        add("mobile", s, e, {"masked": mask(NON_DIGIT_RE.sub("", m.group(0))[-11:], 3, 4)})
    return f


def check(ctx, rules: list[Rule]):
    for rule in rules:
        c = rule.options["check"]
        # the card-word distance changes only the card verdicts; one analysis per distance used
        reach = rule.options.get("context_chars", 15) if c == "bank-card" else 15
        f = ctx.memo(f"privacy:{reach}", lambda: analyse(ctx, reach))
        for kind, s, e, params in f.issues:
            if kind == c:
                yield rule, Hit(s, e, params)
