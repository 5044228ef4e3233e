"""Rebuild the numbers Word displays for automatically numbered paragraphs.

Word keeps list numbers out of the paragraph text: a paragraph carries
``w:numPr`` (numId + level), directly or through its style, and numbering.xml
says how each level is formatted (``w:numFmt``, ``w:lvlText`` such as ``%1、``
or ``（%2）``, ``w:start``, ``w:lvlRestart``, ``w:isLgl``). Without the numbers
the outline parser would see no headings, so the reader prepends them.

Counting follows ECMA-376 §17.9 as Word implements it: the running count
belongs to the *abstract* definition, so several ``w:num`` that share one
``w:abstractNum`` continue one sequence; a ``w:startOverride`` restarts it the
first time its ``w:num`` is used. Deeper levels restart when a higher level is
used (or as ``w:lvlRestart`` says).

Anything that cannot be rebuilt exactly (an unknown format, a value out of a
format's range, a numId that is not defined...) is never guessed: the
paragraph keeps its text without a number and the problem is reported, so the
caller can switch the numbering checks off for the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import CIRCLED, PAREN_DIGITS, int_to_cn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "{%s}" % W_NS

MAX_DEPTH = 10  # style / numStyleLink chains longer than this are treated as broken
PLACEHOLDER = re.compile(r"%([1-9])")

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FULLSTOP_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
IDEOGRAPH_ENCLOSED = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
LEGAL_SIMPLIFIED = "壹贰叁肆伍陆柒捌玖"
IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _table(chars: str):
    return lambda v: chars[v - 1] if 1 <= v <= len(chars) else None


def _letters(v: int) -> str | None:
    # Word repeats the letter past Z: 27 -> AA, 28 -> BB (not Excel's AB).
    if v < 1 or v > 780:
        return None
    return chr(ord("A") + (v - 1) % 26) * ((v - 1) // 26 + 1)


def _roman(v: int) -> str | None:
    if v < 1 or v > 3999:
        return None
    out = []
    for value, sym in ROMAN:
        while v >= value:
            out.append(sym)
            v -= value
    return "".join(out)


def _chinese_counting(v: int) -> str | None:
    # 1..99 only: 十, 十一, 二十 are certain; above 99 Word's forms differ by format and locale.
    return int_to_cn(v) if 1 <= v <= 99 else None


def _ideograph_digital(v: int) -> str | None:
    return "".join(IDEOGRAPH_DIGITS[int(d)] for d in str(v)) if v >= 0 else None


# numFmt -> function(value) -> displayed text, or None when the value is out of range
FORMATS = {
    "decimal": lambda v: str(v),
    "decimalHalfWidth": lambda v: str(v),
    "decimalZero": lambda v: f"{v:02d}" if v >= 0 else None,
    "decimalFullWidth": lambda v: str(v).translate(FULLWIDTH) if v >= 0 else None,
    "decimalFullWidth2": lambda v: str(v).translate(FULLWIDTH) if v >= 0 else None,
    "upperLetter": _letters,
    "lowerLetter": lambda v: (_letters(v) or "").lower() or None,
    "upperRoman": _roman,
    "lowerRoman": lambda v: (_roman(v) or "").lower() or None,
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": _chinese_counting,
    "ideographDigital": _ideograph_digital,
    "chineseLegalSimplified": _table(LEGAL_SIMPLIFIED),
    "ideographTraditional": _table(HEAVENLY_STEMS),
    "ideographZodiac": _table(EARTHLY_BRANCHES),
    "decimalEnclosedCircle": _table(CIRCLED),
    "decimalEnclosedCircleChinese": _table(CIRCLED),
    "decimalEnclosedParen": _table(PAREN_DIGITS),
    "decimalEnclosedFullstop": _table(FULLSTOP_DIGITS),
    "ideographEnclosedCircle": _table(IDEOGRAPH_ENCLOSED),
    "none": lambda v: "",
}
SUPPORTED_FORMATS = sorted(FORMATS)


def format_number(value: int, fmt: str) -> str | None:
    """The text Word shows for ``value`` in ``fmt``; None if it cannot be rebuilt."""
    fn = FORMATS.get(fmt)
    return None if fn is None else fn(value)


def _val(el, name: str) -> str | None:
    """``w:val`` of child ``w:name`` of ``el`` (None if absent)."""
    if el is None:
        return None
    child = el.find(W + name)
    return None if child is None else child.get(W + "val")


def _int(s: str | None) -> int | None:
    try:
        return int(s) if s is not None else None
    except ValueError:
        return None


def _on(el, name: str) -> bool:
    """A boolean property (``<w:isLgl/>``, ``w:val`` true unless 0/false/off)."""
    child = el.find(W + name)
    return child is not None and child.get(W + "val", "true").lower() not in ("0", "false", "off")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart (None: the default, restart after any higher level)
    is_lgl: bool = False
    pstyle: str | None = None
    picture_bullet: bool = False


def parse_level(lvl) -> Level:
    level = Level()
    level.start = _int(_val(lvl, "start")) if lvl.find(W + "start") is not None else 1
    if level.start is None:
        level.start = 1
    fmt = _val(lvl, "numFmt")
    if fmt is None and lvl.find("{%s}AlternateContent" % MC_NS) is not None:
        fmt = "custom"  # a Word 2010+ custom format wrapped in mc:AlternateContent
    level.fmt = fmt or "decimal"
    text_el = lvl.find(W + "lvlText")
    level.text = None if text_el is None else text_el.get(W + "val", "")
    level.restart = _int(_val(lvl, "lvlRestart"))
    level.is_lgl = _on(lvl, "isLgl")
    level.pstyle = _val(lvl, "pStyle")
    level.picture_bullet = lvl.find(W + "lvlPicBulletId") is not None
    return level


@dataclass
class Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


@dataclass
class Label:
    """The outcome for one numbered paragraph: a number, a bullet, or a failure reason."""

    text: str = ""
    bullet: bool = False
    problem: str | None = None  # English reason when the number cannot be rebuilt
    problem_zh: str | None = None


class Numbering:
    """numbering.xml + styles.xml, and the running counters of one document."""

    def __init__(self, numbering_el=None, styles_el=None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.nums: dict[str, Num] = {}
        self.styles: dict[str, Style] = {}
        self.default_pstyle: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.pending: dict[str, dict[int, int]] = {}  # restart values waiting for their level
        self.used_nums: set[str] = set()
        if numbering_el is not None:
            self._load_numbering(numbering_el)
        if styles_el is not None:
            self._load_styles(styles_el)

    # ---- loading -------------------------------------------------------------
    def _load_numbering(self, root) -> None:
        for a in root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            if aid is None:
                continue
            levels = {}
            for lvl in a.findall(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"))
                if ilvl is not None:
                    levels[ilvl] = parse_level(lvl)
            self.abstracts[aid] = levels
            link = _val(a, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for n in root.iter(W + "num"):
            nid = n.get(W + "numId")
            aid = _val(n, "abstractNumId")
            if nid is None or aid is None:
                continue
            num = Num(aid)
            for ov in n.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"))
                if ilvl is None:
                    continue
                start = _int(_val(ov, "startOverride"))
                if start is not None:
                    num.start_overrides[ilvl] = start
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    num.level_overrides[ilvl] = parse_level(lvl)
            self.nums[nid] = num

    def _load_styles(self, root) -> None:
        for s in root.iter(W + "style"):
            sid = s.get(W + "styleId")
            if sid is None or s.get(W + "type", "paragraph") not in ("paragraph", "numbering"):
                continue
            numpr = s.find(f"{W}pPr/{W}numPr")
            self.styles[sid] = Style(
                based_on=_val(s, "basedOn"),
                num_id=_val(numpr, "numId"),
                ilvl=_int(_val(numpr, "ilvl")),
            )
            if s.get(W + "type", "paragraph") == "paragraph" and s.get(W + "default") in ("1", "true", "on"):
                self.default_pstyle = sid

    # ---- which list a paragraph belongs to ------------------------------------
    def list_of(self, p) -> tuple[str, int, str | None] | None:
        """(numId, level, style id) of a numbered paragraph, or None if it is not numbered."""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _int(_val(numpr, "ilvl"))
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style_id = style_id or self.default_pstyle
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self._level_for_style(num_id, style_id)
        return num_id, ilvl, style_id

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        seen = 0
        while style_id and style_id in self.styles and seen < MAX_DEPTH:
            st = self.styles[style_id]
            num_id = num_id if num_id is not None else st.num_id
            ilvl = ilvl if ilvl is not None else st.ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = st.based_on
            seen += 1
        return num_id, ilvl

    def _level_for_style(self, num_id: str, style_id: str | None) -> int:
        """A style-numbered paragraph without ilvl takes the level that names its style (else 0)."""
        resolved = self._abstract(num_id)
        if resolved and style_id:
            for ilvl, lvl in resolved[1].items():
                if lvl.pstyle == style_id:
                    return ilvl
        return 0

    def _abstract(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        """(abstract id, levels) for a numId, following numStyleLink indirections."""
        num = self.nums.get(num_id)
        seen = 0
        while num is not None and seen < MAX_DEPTH:
            aid = num.abstract_id
            if aid not in self.abstracts:
                return None
            link = self.style_links.get(aid)
            if link is None or self.abstracts[aid]:
                return aid, self.abstracts[aid]
            style = self.styles.get(link)
            if style is None or style.num_id is None:
                return None
            num = self.nums.get(style.num_id)
            seen += 1
        return None

    # ---- counting ------------------------------------------------------------
    def label(self, num_id: str, ilvl: int) -> Label:
        """Count one numbered paragraph and return the number Word shows before it."""
        if not 0 <= ilvl <= 8:
            return Label(problem=f"list level {ilvl} is out of range", problem_zh=f"列表级别 {ilvl} 超出范围")
        resolved = self._abstract(num_id)
        if resolved is None:
            return Label(
                problem=f"list numId {num_id} is not defined in numbering.xml",
                problem_zh=f"numbering.xml 中没有编号定义 numId {num_id}",
            )
        aid, abstract_levels = resolved
        num = self.nums[num_id]
        levels = {**abstract_levels, **num.level_overrides}
        counters = self.counters.setdefault(aid, [None] * 9)
        pending = self.pending.setdefault(aid, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lv, start in num.start_overrides.items():
                if 0 <= lv <= 8:
                    counters[lv] = None
                    pending[lv] = start
        level = levels.get(ilvl)
        if level is None:
            return Label(
                problem=f"list level {ilvl} of numId {num_id} is not defined",
                problem_zh=f"编号 numId {num_id} 未定义第 {ilvl + 1} 级",
            )
        value = counters[ilvl] + 1 if counters[ilvl] is not None else pending.pop(ilvl, level.start)
        counters[ilvl] = value
        for deeper in range(ilvl + 1, 9):
            d = levels.get(deeper)
            restart_after = d.restart if d is not None and d.restart is not None else deeper
            if restart_after != 0 and ilvl < restart_after:
                counters[deeper] = None
        if level.fmt == "bullet" or level.picture_bullet:
            return Label(bullet=True)
        if level.text is None:
            return Label(problem=f"level {ilvl + 1} has no lvlText", problem_zh=f"第 {ilvl + 1} 级没有编号文本（lvlText）")
        return self._render(level, levels, counters, pending)

    def _render(self, level: Level, levels: dict[int, Level], counters, pending) -> Label:
        out = []
        pos = 0
        for m in PLACEHOLDER.finditer(level.text):
            ref = int(m.group(1)) - 1
            ref_level = levels.get(ref)
            if ref_level is None:
                return Label(problem=f"lvlText '{level.text}' refers to an undefined level", problem_zh=f"编号文本“{level.text}”引用了未定义的级别")
            value = counters[ref] if counters[ref] is not None else pending.get(ref, ref_level.start)
            fmt = "decimal" if level.is_lgl and ref_level.fmt not in ("bullet", "none") else ref_level.fmt
            shown = format_number(value, fmt)
            if shown is None:
                if fmt in FORMATS:
                    why = f"value {value} cannot be shown in format '{fmt}'"
                    why_zh = f"数值 {value} 无法按格式 {fmt} 还原"
                else:
                    why, why_zh = f"format '{fmt}' is not supported", f"不支持编号格式 {fmt}"
                return Label(problem=why, problem_zh=why_zh)
            out.append(level.text[pos : m.start()])
            out.append(shown)
            pos = m.end()
        out.append(level.text[pos:])
        return Label(text="".join(out))
