"""Suppression comments in Markdown notices, applied after linting as a filter.

Syntax (one HTML comment on one line; codes separated by commas or spaces;
no code means every rule; text after `` -- `` is a free reason)::

    <!-- noticelint-disable NUM001,DSC005 -- reason -->   from this line on
    <!-- noticelint-enable NUM001 -->                      from this line on
    <!-- noticelint-disable-next-line NUM001 -->           the next line only
    <!-- noticelint-disable-line NUM001 -->                this line only

The state of a line is the state after the directives on that line, so a
finding on the line of a ``disable`` comment is suppressed and one on the line
of an ``enable`` comment is not. A finding belongs to the line it starts on.
Findings of the NLT rules themselves are never suppressed (a ``disable`` of
everything would otherwise hide its own "unused" report).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from . import rx
from .model import Finding

COMMENT_RE = rx.compile(r"<!--[ \t]*noticelint-([A-Za-z-]*)([^\n]*?)-->")
VERBS = ("disable", "enable", "disable-next-line", "disable-line")
CODE_RE = rx.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = rx.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REASON_CUT_RE = rx.compile(r"(?:^|\s)--(?:\s|$)")  # "-- reason" after the codes
SELECTOR_RE = rx.compile(r"[^\s,，]+")
META_PREFIX = "NLT"


@dataclass
class Token:
    text: str  # as written
    start: int  # offset in the document
    end: int
    code: str | None = None  # resolved rule code (None: unknown or invalid)


@dataclass
class Directive:
    verb: str
    line: int
    start: int  # offset of "<!--"
    end: int  # offset after "-->"
    tokens: list[Token] = field(default_factory=list)  # empty: every rule
    used: set[str] = field(default_factory=set)  # codes it suppressed ("*" for a code-less one)

    @property
    def all_rules(self) -> bool:
        return not self.tokens


@dataclass
class Invalid:
    start: int
    end: int
    token: str


@dataclass
class Parsed:
    directives: list[Directive]
    invalid: list[Invalid]


def parse(doc) -> Parsed:
    """Every noticelint comment of a document; rule names are resolved later (:func:`resolve_names`)."""
    text = doc.text
    directives: list[Directive] = []
    invalid: list[Invalid] = []
    if "noticelint-" not in text:
        return Parsed(directives, invalid)
    for m in COMMENT_RE.finditer(text):
        verb = m.group(1)
        if verb not in VERBS:
            invalid.append(Invalid(m.start(1) - len("noticelint-"), m.end(1), f"noticelint-{verb}"))
            continue
        body = m.group(2)
        body_start = m.start(2)
        cut = REASON_CUT_RE.search(body)
        if cut:
            body = body[: cut.start()]
        line = doc.position(m.start())[0]
        d = Directive(verb, line, m.start(), m.end())
        for t in SELECTOR_RE.finditer(body):
            word = t.group()
            start, end = body_start + t.start(), body_start + t.end()
            code = word.upper() if CODE_RE.match(word.upper()) else None
            if code is None and not NAME_RE.match(word):
                invalid.append(Invalid(start, end, word))
                continue
            d.tokens.append(Token(word, start, end, code))
        if body.strip() and not d.tokens:
            continue  # every token was invalid: do not turn it into "disable everything"
        directives.append(d)
    return Parsed(directives, invalid)


def resolve_names(directives: list[Directive], names: dict[str, str]) -> None:
    """Give tokens written as rule names (``lead-team-missing``) their code."""
    for d in directives:
        for t in d.tokens:
            if t.code is None:
                t.code = names.get(t.text)


class Suppressions:
    """Line-keyed suppression state built from the directives of one document."""

    def __init__(self, directives: list[Directive]):
        self.by_line: dict[int, list[Directive]] = {}
        self.next_line: dict[int, list[Directive]] = {}
        self.lines: list[int] = []  # lines where the range state changes
        self.states: list[tuple[Directive | None, dict[str, Directive], frozenset[str]]] = []
        everything: Directive | None = None
        disabled: dict[str, Directive] = {}
        reenabled: set[str] = set()
        for d in directives:
            if d.verb == "disable-line":
                self.by_line.setdefault(d.line, []).append(d)
            elif d.verb == "disable-next-line":
                self.next_line.setdefault(d.line + 1, []).append(d)
            else:
                codes = [t.code for t in d.tokens if t.code]
                if d.verb == "disable":
                    if d.all_rules:
                        everything, disabled, reenabled = d, {}, set()
                    for c in codes:
                        disabled[c] = d
                        reenabled.discard(c)
                elif d.all_rules:  # enable everything
                    everything, disabled, reenabled = None, {}, set()
                else:
                    for c in codes:
                        disabled.pop(c, None)
                        if everything is not None:
                            reenabled.add(c)
                if self.lines and self.lines[-1] == d.line:
                    self.states[-1] = (everything, dict(disabled), frozenset(reenabled))
                else:
                    self.lines.append(d.line)
                    self.states.append((everything, dict(disabled), frozenset(reenabled)))

    def covering(self, code: str, line: int) -> list[Directive]:
        """Every directive that suppresses ``code`` on ``line``."""
        out = [d for d in self.by_line.get(line, []) + self.next_line.get(line, []) if _covers(d, code)]
        i = bisect_right(self.lines, line) - 1
        if i >= 0:
            everything, disabled, reenabled = self.states[i]
            if code in disabled:
                out.append(disabled[code])
            elif everything is not None and code not in reenabled:
                out.append(everything)
        return out


def _covers(d: Directive, code: str) -> bool:
    return d.all_rules or any(t.code == code for t in d.tokens)


def apply(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """Drop suppressed findings; record on each directive what it suppressed."""
    if not directives:
        return findings
    sup = Suppressions(directives)
    kept = []
    for f in findings:
        if f.code.startswith(META_PREFIX):
            kept.append(f)
            continue
        hits = sup.covering(f.code, f.line)
        if not hits:
            kept.append(f)
            continue
        for d in hits:
            d.used.add("*" if d.all_rules else f.code)
    return kept


def unused(directives: list[Directive], enabled_codes: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, what) of each suppression that suppressed nothing.

    A code of a rule not enabled in this run cannot be judged and is not
    reported; neither are ``enable`` comments.
    """
    out = []
    for d in directives:
        if d.verb == "enable":
            continue
        if d.all_rules:
            if not d.used:
                out.append((d.start, d.end, f"noticelint-{d.verb}"))
            continue
        for t in d.tokens:
            if t.code and t.code in enabled_codes and t.code not in d.used:
                out.append((t.start, t.end, f"noticelint-{d.verb} {t.code}"))
    return out


def filter_findings(linter, ctx, findings: list[Finding]) -> list[Finding]:
    """The engine's post-lint hook for Markdown: suppress, then report unused suppressions (NLT001)."""
    from .kinds.suppression import directives_of, unused_hits

    parsed = directives_of(ctx)
    if not parsed.directives:
        return findings
    resolve_names(parsed.directives, {r.name: r.code for r in linter.rules})
    for d in parsed.directives:
        d.used.clear()
    kept = apply(findings, parsed.directives)
    enabled = {r.code for r in linter.rules}
    kept.extend(linter.findings(ctx.doc, unused_hits(parsed.directives, linter.rules, enabled)))
    return kept
