"""Kind ``residue``: conversion residue that a plain ``pattern`` rule cannot report well.

Checks (option ``check``):

* ``html``: HTML tags of known elements (``<span …>``, ``</p>``, ``<br/>``,
  Word's namespaced ``<o:p>``), empty anchors (``<a name="_Toc1"></a>``, one
  finding), HTML comments and character entities (``&nbsp;``, ``&#12288;``).
  What is residue depends on the document: in a Markdown notice the
  ``<!-- noticelint-disable … -->`` comments are the linter's own inline
  directives and are not reported; in a .txt notice the same comment is text
  that would be published.
* ``characters``: runs of invisible characters matched by the option
  ``chars`` (a regex). The message names each code point (``U+200B ZERO
  WIDTH SPACE``), since quoting an invisible character shows the reader
  nothing. Option ``replacement`` is the fix.

Every other residue (bookmarks, field codes...) is a declarative ``pattern``
rule in ``rules/residue.yaml``.
"""
from __future__ import annotations

import re

from .. import rx
from ..model import Hit, Rule

CHECKS = ["html", "characters"]

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {
        "check": {"enum": CHECKS},
        "chars": {"type": "string", "minLength": 1},
        "replacement": {"type": "string"},
    },
    "if": {"properties": {"check": {"const": "characters"}}},
    "then": {"required": ["chars"]},
}

# Elements seen in converter output; an unknown "<word>" (e.g. "<APP>") is not a tag.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|center|code|col|colgroup|dd|del|div|dl|dt|em|font|form|"
    "h[1-6]|head|header|footer|hr|html|i|iframe|img|input|ins|label|li|link|meta|nav|ol|p|pre|"
    "s|script|section|small|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|"
    "title|tr|u|ul|xml"
)
HTML_RE = rx.compile(
    r"(?P<comment><!--(?:.*?-->|[^\n]*))"
    r"|(?P<anchor><a\b[^<>\n]*>[ \t]*</a\s*>)"
    rf"|(?P<tag></?(?:(?:{_TAG_NAMES})|[a-z]+:[a-z][\w.-]*)(?=[\s/>])(?:[^<>\n]*?)/?>)"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,9}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});)",
    re.IGNORECASE | re.DOTALL,
)
# The inline directives another part of noticelint reads from Markdown comments.
DIRECTIVE_RE = rx.compile(r"<!--\s*noticelint[-\w]*\b", re.IGNORECASE)


def validate_options(opts: dict) -> tuple[str, str] | None:
    if "chars" in opts:
        try:
            rx.compile(opts["chars"])
        except re.error as e:
            return "chars", f"invalid regular expression: {e}"
    return None


class Prepared:
    """One residue rule; for ``characters``, its regex and whether a match starts with an unprintable character."""

    __slots__ = ("rule", "chars", "unprintable")

    def __init__(self, rule: Rule):
        self.rule = rule
        self.chars = rx.compile(rule.options["chars"]) if rule.options["check"] == "characters" else None
        firsts = rx.first_chars(self.chars) if self.chars is not None else None
        # every match starts with a character str.isprintable rejects (line breaks and ideographic
        # spaces aside): a text without one (see printable_text) holds no match, whatever the pattern is
        self.unprintable = bool(firsts) and all(not c.isprintable() and c not in ORDINARY_UNPRINTABLE for c in firsts)


def prepare(rules: list[Rule]) -> list[Prepared]:
    return [Prepared(r) for r in rules]


# Characters str.isprintable rejects that a notice may hold anywhere: line breaks, and U+3000,
# the ideographic space many notices indent their paragraphs with.
ORDINARY_UNPRINTABLE = "\n\u3000"


def printable_text(text: str) -> bool:
    """Whether the text holds no unprintable character but ORDINARY_UNPRINTABLE. One pass of
    str.isprintable (2 ns a character) answers for every class of invisible characters at once:
    cheaper than looking for them, which costs a scan for each character a rule names. (U+3000 is
    replaced only when the first pass meets an unprintable character: a search for it cannot skip
    ahead as for most characters, and most notices have none.)"""
    spaced = text.replace("\n", " ")
    return spaced.isprintable() or spaced.replace("\u3000", " ").isprintable()


def describe(chars: str) -> str:
    """'U+200B ZERO WIDTH SPACE' for each distinct character, in order of appearance."""
    import unicodedata

    seen = dict.fromkeys(chars)
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, None) or _CONTROL_NAMES.get(ord(c), 'CONTROL')}" for c in seen)


# unicodedata has no names for C0/C1 controls; these are the ones converters leave.
_CONTROL_NAMES = {0x00: "NULL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def _entity_text(entity: str) -> str | None:
    """What an entity stands for, or None when it is no HTML entity (then it is just text)."""
    import html
    from html.entities import html5

    if entity.startswith("&#"):
        try:
            value = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
        except ValueError:
            return None
        return html.unescape(entity) if 0 < value <= 0x10FFFF else None
    return html5.get(entity[1:]) if entity[1:] in html5 else None


def html_hits(ctx) -> list[tuple[int, int, dict, str | None]]:
    """(start, end, params, replacement) for each piece of HTML in the document."""
    doc = ctx.doc
    out: list[tuple[int, int, dict, str | None]] = []
    for m in rx.finditer(HTML_RE, doc.text):  # through rx: a notice without '<' or '&' is not scanned
        what = m.lastgroup
        if what == "comment" and doc.kind == "markdown" and DIRECTIVE_RE.match(m.group(0)):
            continue
        replacement = None
        if what == "entity":
            replacement = _entity_text(m.group(0))
            if replacement is None:
                continue
        label_zh, label_en = _LABELS[what]
        out.append((m.start(), m.end(), {"what": label_zh, "what_en": label_en}, replacement))
    return out


_LABELS = {
    "comment": ("HTML注释", "HTML comment"),
    "anchor": ("HTML空锚点（书签）", "empty HTML anchor (bookmark)"),
    "tag": ("HTML标签", "HTML tag"),
    "entity": ("HTML字符实体", "HTML character entity"),
}


def check(ctx, state: list[Prepared]):
    text = ctx.doc.text
    for p in state:
        rule, pat = p.rule, p.chars
        if rule.options["check"] == "html":
            for s, e, params, repl in ctx.memo("residue-html", lambda: html_hits(ctx)):
                yield rule, Hit(s, e, params, replacement=repl)
        elif pat is not None:
            if p.unprintable and ctx.memo("printable-text", lambda: printable_text(text)):
                continue
            repl = rule.options.get("replacement")
            for m in rx.finditer(pat, text):
                if m.end() > m.start():
                    yield rule, Hit(m.start(), m.end(), {"chars": describe(m.group(0))}, replacement=repl)
