"""Chinese and Arabic ordinal helpers shared by the outline parser and the rules."""
from __future__ import annotations

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM_CHARS = "一二三四五六七八九十"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三). None if not one."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s) and len(s) == 1:
        return CN_DIGITS[s]
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail:
            return None
        tens = 1 if head == "" else CN_DIGITS.get(head) if len(head) == 1 else None
        units = 0 if tail == "" else CN_DIGITS.get(tail) if len(tail) == 1 else None
        if tens is None or units is None or tens == 0:
            return None
        return tens * 10 + units
    return None


def int_to_cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三, 100 -> 一百, 105 -> 一百零五, 110 -> 一百一十.

    Any non-negative number is written (an expected ordinal may be one past the
    largest found); beyond 9999 the Arabic digits are kept.
    """
    digits = "零一二三四五六七八九"
    if n < 0 or n > 9999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + ("" if units == 0 else digits[units])
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        else:
            zero = True
    return out


_ORDINALS: dict[str, int | None] = {}  # token -> value: a notice repeats the same few tokens


def ordinal_value(token: str) -> int | None:
    """Value of an ordinal token in any of the forms seen in notices."""
    try:
        return _ORDINALS[token]
    except KeyError:
        pass
    value = _ordinal_value(token)
    if len(_ORDINALS) < 10000:
        _ORDINALS[token] = value
    return value


def _ordinal_value(token: str) -> int | None:
    t = token.translate(FULLWIDTH_DIGITS)
    if t.isascii() and t.isdigit():
        return int(t)
    if len(t) == 1:
        for table in (CIRCLED, PAREN_DIGITS, PAREN_CN):
            i = table.find(t)
            if i >= 0:
                return i + 1
    return cn_to_int(t)
