"""Kind ``contact``: the invitation to supervise and the contact channels.

Checks (option ``check``):

* ``invitation``: no invitation to supervise (欢迎…监督 / 接受…监督);
* ``channel``: a required channel is missing (option ``required``: any of
  ``phone``, ``post``, ``email``; default all three);
* ``phone``: a number after 电话/热线 that is neither a landline with area code,
  a mobile, nor a service line such as 12388;
* ``phone-separator``: area code joined by ``—`` ``－`` instead of ``-``;
* ``hours``: a service-hours range that is not a real range (``8:30—12:00``);
* ``postcode``: a 邮政编码 that is not six ASCII digits;
* ``postcode-missing``: a postal address or 邮政信箱 with no 邮政编码;
* ``postcode-region``: a postcode whose first two digits belong to no province;
* ``email``: a malformed e-mail address.

The closing block is searched when the outline found one, else the whole text.
"""
from __future__ import annotations


from .. import rx
from ..model import Hit, Rule
from .options import check_options

CHECKS = ["invitation", "channel", "phone", "phone-separator", "hours", "postcode", "postcode-missing", "postcode-region", "email"]
CHANNELS = ["phone", "post", "email"]

OPTIONS_SCHEMA = check_options(
    CHECKS,
    required={"type": "array", "items": {"enum": CHANNELS}, "uniqueItems": True},
)

# small helpers for reading a number (module constants, so they come from rx's cache)
LETTER_O_RE = rx.compile(r"[OＯ]")
PHONE_PUNCT_RE = rx.compile(r"[\s\-－—–()（）]")
NON_DIGIT_RE = rx.compile(r"\D")
DASH_SEP_RE = rx.compile(r"\s*[—－–]\s*")
SIX_DIGITS_RE = rx.compile(r"[0-9]{6}")
ALNUM_RE = rx.compile(r"[A-Za-z0-9]")
INVITATION_RE = rx.compile(r"欢迎.{0,30}监督|接受.{0,12}监督|如有.{0,12}(?:意见|建议|问题)")
PHONE_LABEL_RE = rx.compile(r"(?:联系|举报|监督|咨询|受理|值班)?(?:电话|热线|手机|座机)(?:号码)?\s*(?:[:：]|为|是)?\s*")
# A number: an optional bracketed area code, then digit groups joined by a dash or a space.
PHONE_VALUE_RE = rx.compile(r"(?:[（(][0-9０-９OＯ]{3,4}[）)]\s*)?[0-9０-９OＯ]+(?:\s*[\-－—–]\s*[0-9０-９OＯ]+|[ \u00a0][0-9０-９OＯ]+)*")
# after a number, these mean it was a time or a date ("9:00", "2025年"), not a phone number
NOT_PHONE_AFTER = rx.compile(r"\s*[:：∶年月日号时点分]")
VALUE_SEP_RE = rx.compile(r"\s*(?:、|，|,|或|及|和|/)\s*")
SERVICE_RE = rx.compile(r"^(?:0\d{2,3}-?)?(?:12388|12380|12345|12309|12389|12368|12390)$|^[48]00\d{7}$")
MOBILE_RE = rx.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE_RE = rx.compile(r"^(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})(?P<sep>\s*[-－—–]\s*|\s?)(?P<local>\d{7,8})$")
LOCAL_RE = rx.compile(r"^[2-9]\d{6,7}$")
AREA_RE = rx.compile(r"^0(?:10|2\d|[3-9]\d\d)")
POST_RE = rx.compile(r"邮政信箱|通信地址|通讯地址|邮寄地址|来信地址|邮政地址|地址[:：]|[0-9]{2,6}号?(?:邮箱|信箱)")
POSTCODE_RE = rx.compile(r"(?:邮政编码|邮编)\s*(?:[:：]|为)?\s*(?P<v>[0-9０-９OＯ][0-9０-９OＯ ]*[0-9０-９OＯ]|[0-9０-９])")
EMAIL_LABEL_RE = rx.compile(r"(?:电子邮箱|电子信箱|电子邮件|[Ee]-?mail|(?<![政信0-9号])邮箱)\s*(?:[:：]|为)?\s*")
EMAIL_VALUE_RE = rx.compile(r"[^\s，,；;。（(）)、\"“”]+(?:。[A-Za-z]{2,}(?![A-Za-z]))?")
EMAIL_OK_RE = rx.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
HOURS_RE = rx.compile(r"(?P<h1>\d{1,2})[:：∶](?P<m1>\d{2})\s*(?:-|－|—{1,2}|–|~|～|至|到)\s*(?P<h2>\d{1,2})[:：∶](?P<m2>\d{2})")
PROVINCE_PREFIXES = {
    "10", "20", "30", "40", "01", "02", "03", "04", "05", "06", "07", "11", "12", "13", "15", "16",
    "21", "22", "23", "24", "25", "26", "27", "31", "32", "33", "34", "35", "36", "41", "42", "43",
    "44", "45", "46", "47", "51", "52", "53", "54", "55", "56", "57", "61", "62", "63", "64", "65",
    "66", "67", "71", "72", "73", "74", "75", "81", "83", "84", "85", "86",
}
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


class Found:
    """What the closing block offers: invitation, channels, and the issues found in them."""

    __slots__ = ("spans", "invitation", "channels", "issues")

    def __init__(
        self,
        spans: list[tuple[int, int]],
        invitation: bool = False,
        channels: set[str] | None = None,
        issues: list[tuple[str, int, int, dict, str | None]] | None = None,
    ):
        self.spans = spans
        self.invitation = invitation
        self.channels = set() if channels is None else channels
        self.issues = [] if issues is None else issues


def prepare(rules: list[Rule]):
    return rules


def analyse(ctx) -> Found:
    text = ctx.doc.text
    o = ctx.outline
    spans = [(p.start, p.end) for p in o.closing] or [(0, len(text))]
    f = Found(spans)
    for s, e in spans:
        if INVITATION_RE.search(text, s, e):
            f.invitation = True
        _phones(text, s, e, f)
        _post(text, s, e, f)
        _emails(text, s, e, f)
        _hours(text, s, e, f)
    if not f.invitation and INVITATION_RE.search(text):
        f.invitation = True
    return f


# Why a number is malformed: (zh, en), shown in CON003's message.
REASONS = {
    "letter-o": ("把字母O当作数字0", "letter O used for zero"),
    "area-code": ("区号有误", "wrong area code"),
    "local-start": ("号码不应以0或1开头", "the local number starts with 0 or 1"),
    "length": ("号码位数与区号不符", "wrong number of digits for the area code"),
    "no-area-code": ("缺少区号", "no area code"),
    "digits": ("位数有误", "wrong number of digits"),
    "mobile": ("不是有效的手机号码", "not a valid mobile number"),
    "area-zero": ("区号应以0开头", "the area code must start with 0"),
}


def classify_phone(raw: str) -> tuple[str, str | None]:
    """('ok'|'separator'|'bad', reason key). 'separator' means valid but joined by a dash.

    Accepted: 12388-style service lines (also 0xxx-12388), 400/800 numbers,
    mobiles, and landlines of area code (010, 02X, 0XXX) plus 7-8 digits; the
    number of digits is checked against the area code with libphonenumber's data
    (linter/landlines.py; "0760-8716145" has one digit too few for 中山).
    """
    v = raw.translate(FULLWIDTH).strip()
    if LETTER_O_RE.search(v):
        return "bad", "letter-o"
    compact = PHONE_PUNCT_RE.sub("", v)
    if SERVICE_RE.match(compact) or MOBILE_RE.match(compact):
        return "ok", None
    m = LANDLINE_RE.match(v.replace("（", "(").replace("）", ")"))
    if m:
        area = NON_DIGIT_RE.sub("", v[: m.start("local")])
        local = m.group("local")
        if not AREA_RE.match(area) or len(area) > 4:
            return "bad", "area-code"
        if local[0] in "01":
            return "bad", "local-start"
        if not _valid_for_area(area, local):
            return "bad", "length"
        if m.group("sep").strip() in ("—", "－", "–"):
            return "separator", None
        return "ok", None
    if LOCAL_RE.match(compact):
        return "bad", "no-area-code"
    if compact.startswith("0"):
        return "bad", "digits"
    if compact.startswith("1"):
        return "bad", "mobile"
    return "bad", "area-zero"


def _valid_for_area(area: str, local: str) -> bool:
    """Whether the local number has the length used under this area code (libphonenumber data).

    Answered by linter/landlines.py, a table made from the same data, for every
    area code 010, 02X and 0XXX; phonenumbers itself is imported only for the rest.
    """
    from ..landlines import verdict

    known = verdict(area, local)
    if known is not None:
        return known
    try:
        import phonenumbers  # deferred: ~25 ms, and only a number outside the table needs it
    except ImportError:  # pragma: no cover - the plain 7-8 digit rule then stands
        return True
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(area + local, "CN"))
    except phonenumbers.NumberParseException:
        return False


def _phones(text: str, s: int, e: int, f: Found) -> None:
    for lm in PHONE_LABEL_RE.finditer(text, s, e):
        pos = lm.end()
        first = True
        area = None  # the area code of the previous landline in this list
        while True:
            if not first:
                sep = VALUE_SEP_RE.match(text, pos, e)
                if not sep:
                    break
                pos = sep.end()
            vm = PHONE_VALUE_RE.match(text, pos, e)
            if not vm or NOT_PHONE_AFTER.match(text, vm.end(), e):
                break
            raw = vm.group(0).rstrip()
            digits = NON_DIGIT_RE.sub("", raw.translate(FULLWIDTH))
            if not first and len(digits) < 5:
                break
            f.channels.add("phone")
            vs, ve = vm.start(), vm.start() + len(raw)
            if area and LOCAL_RE.match(digits):
                # "0760-87161456、87161457": the second number shares the area code
                kind, reason = classify_phone(f"{area}-{digits}")
            else:
                kind, reason = classify_phone(raw)
            lm_area = LANDLINE_RE.match(raw.translate(FULLWIDTH).replace("（", "(").replace("）", ")"))
            if lm_area:
                area = NON_DIGIT_RE.sub("", raw.translate(FULLWIDTH)[: lm_area.start("local")])
            if kind == "bad":
                zh, en = REASONS[reason]
                f.issues.append(("phone", vs, ve, {"value": raw, "reason": zh, "reason_en": en}, None))
            elif kind == "separator":
                m = DASH_SEP_RE.search(raw)
                f.issues.append(("phone-separator", vs + m.start(), vs + m.end(), {"value": raw}, "-"))
            pos = ve
            first = False


def _post(text: str, s: int, e: int, f: Found) -> None:
    post = POST_RE.search(text, s, e)
    if post:
        f.channels.add("post")
    codes = list(POSTCODE_RE.finditer(text, s, e))
    for m in codes:
        v = m.group("v")
        vs, ve = m.span("v")
        if not SIX_DIGITS_RE.fullmatch(v):
            f.issues.append(("postcode", vs, ve, {"value": v}, None))
        elif v[:2] not in PROVINCE_PREFIXES:
            f.issues.append(("postcode-region", vs, ve, {"value": v, "prefix": v[:2]}, None))
    if post and not codes:
        f.issues.append(("postcode-missing", post.start(), post.end(), {"label": post.group(0)}, None))


def _emails(text: str, s: int, e: int, f: Found) -> None:
    for lm in EMAIL_LABEL_RE.finditer(text, s, e):
        vm = EMAIL_VALUE_RE.match(text, lm.end(), e)
        if not vm:
            continue
        v = vm.group(0)
        if "@" not in v and "＠" not in v and not ALNUM_RE.search(v):
            continue
        f.channels.add("email")
        if not EMAIL_OK_RE.match(v):
            f.issues.append(("email", vm.start(), vm.end(), {"value": v}, None))


def _hours(text: str, s: int, e: int, f: Found) -> None:
    for m in HOURS_RE.finditer(text, s, e):
        h1, m1, h2, m2 = (int(m.group(k)) for k in ("h1", "m1", "h2", "m2"))
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2 > 0):
            reason = "not a time of day"
        elif (h1, m1) >= (h2, m2):
            reason = "start is not before end"
        else:
            continue
        f.issues.append(("hours", m.start(), m.end(), {"value": m.group(0), "reason": reason}, None))


def check(ctx, rules: list[Rule]):
    f = ctx.memo("contact", lambda: analyse(ctx))
    for rule in rules:
        c = rule.options["check"]
        if c == "invitation":
            if not f.invitation:
                yield rule, Hit(f.spans[0][0], f.spans[0][0], {})
        elif c == "channel":
            for ch in rule.options.get("required", CHANNELS):
                if ch not in f.channels:
                    at = f.spans[0][0]
                    yield rule, Hit(at, at, {"channel": _CHANNEL_NAMES[ch][0], "channel_en": _CHANNEL_NAMES[ch][1]})
        else:
            for kind, s, e, params, repl in f.issues:
                if kind == c:
                    yield rule, Hit(s, e, params, replacement=repl)


_CHANNEL_NAMES = {"phone": ("联系电话", "telephone"), "post": ("通信地址或邮政信箱", "postal address"), "email": ("电子邮箱", "e-mail")}
