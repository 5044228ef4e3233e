"""Running rules over documents.

Rules are grouped by kind; each kind is prepared once per run (automatons and
regexes built once) and called once per document, so each document is scanned
once per kind. The counters in :class:`Stats` let tests check exactly that
without timing anything.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date
from functools import cached_property
from typing import Any, Iterable

from .document import Document
from .kinds import get_kind
from .model import Finding, Hit, Rule
from .notes import is_numbering_rule, numbering_limited


class Stats:
    """Work done by a Linter (kinds prepared and checked, documents read): what the tests count."""

    def __init__(self) -> None:
        self.prepared: dict[str, int] = defaultdict(int)
        self.checked: dict[str, int] = defaultdict(int)
        self.documents = 0


class Settings:
    """What a run is told: message language and, for disclosure periods, today's date."""

    __slots__ = ("lang", "today")

    def __init__(self, lang: str = "zh", today: date | None = None):
        self.lang = lang
        self.today = today


class Context:
    """Everything a kind may look at for one document; derived views are computed once."""

    def __init__(self, doc: Document, settings: Settings):
        self.doc = doc
        self.settings = settings
        self.cache: dict[str, Any] = {}

    @cached_property
    def outline(self):
        from .outline import parse_outline

        return parse_outline(self.doc)

    def memo(self, key: str, make):
        """Compute a per-document value once, shared between kinds."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


# A message template, and the text before and after its one field when that field is a plain
# {matched} (then most hits need no format_map: a copy of their values and a formatting pass
# cost about a tenth of a finding; most pattern and phrase rules quote only the match).
Wording = tuple[str, "tuple[str, str] | None"]


def _wording(template: str) -> Wording:
    from _string import formatter_parser  # (what string.Formatter.parse reads; raises on a malformed template)

    try:
        parts = list(formatter_parser(template))
    except ValueError:
        return template, None  # format_map reports it, as it always has
    if [(name, spec, conv) for _, name, spec, conv in parts if name is not None] != [("matched", "", None)]:
        return template, None
    at = next(k for k, (_, name, _, _) in enumerate(parts) if name is not None)
    return template, ("".join(p[0] for p in parts[: at + 1]), "".join(p[0] for p in parts[at + 1 :]))


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Linter:
    def __init__(self, rules: list[Rule], settings: Settings | None = None):
        self.rules = rules
        self.settings = settings or Settings()
        self.by_kind: dict[str, list[Rule]] = defaultdict(list)
        for r in rules:
            self.by_kind[r.kind].append(r)
        self._prepared: dict[str, Any] = {}
        # each rule code's message in the run's language, and the code's place among the run's codes
        self._wordings: dict[str, tuple[str, "tuple[str, str] | None", int | None]] = {}
        self._code_ranks = {code: k for k, code in enumerate(sorted({r.code for r in rules}))}
        self.stats = Stats()

    def prepared(self, kind: str) -> Any:
        if kind not in self._prepared:
            mod = get_kind(kind)
            self._prepared[kind] = mod.prepare(self.by_kind[kind])
            self.stats.prepared[kind] += 1
        return self._prepared[kind]

    def prepare_all(self) -> None:
        """Prepare every kind now (before forking workers, so that they inherit it ready)."""
        for kind in self.by_kind:
            self.prepared(kind)
        from . import outline  # noqa: F401 - the parser every structural kind uses

    def hits(self, ctx: Context) -> Iterable[tuple[Rule, Hit]]:
        for kind in self.by_kind:
            state = self.prepared(kind)
            self.stats.checked[kind] += 1
            yield from get_kind(kind).check(ctx, state)

    def lint(self, doc: Document) -> list[Finding]:
        self.stats.documents += 1
        ctx = Context(doc, self.settings)
        hits = self.hits(ctx)
        if numbering_limited(doc):  # a .docx whose Word list numbers could not be rebuilt
            hits = ((rule, hit) for rule, hit in hits if not is_numbering_rule(rule))
        findings = self.findings(doc, hits)
        if doc.kind == "markdown":  # suppression comments: a filter after linting
            from .suppress import filter_findings

            findings = filter_findings(self, ctx, findings)
            findings.sort(key=Finding.sort_key)  # (the filter adds the unused suppressions at the end)
        return findings

    def findings(self, doc: Document, hits: Iterable[tuple[Rule, Hit]]) -> list[Finding]:
        """Each (code, span) once, placed in ``doc`` (line, column), worded in the run's
        language, in report order (``Finding.sort_key``).

        Two kinds, or two passes of one kind, may report the same place: the first hit is kept.
        One loop per document rather than a method call per hit: the document's views and
        the run's templates are read once, and a hit costs about a tenth less.
        """
        text, lines, starts, path = doc.text, doc.lines, doc.line_starts, doc.path
        size = len(text)
        wordings, lang = self._wordings, self.settings.lang
        # A span inside the text is keyed by one int ordered as (start, code, end), the report
        # order within a document: the dict that drops repeated hits then sorts as plain ints,
        # with no key tuple built and compared per finding. Any other span is keyed by
        # (code, start, end), and the findings are then sorted by Finding.sort_key instead.
        ranks, width = self._code_ranks, size + 1
        codes = len(ranks)
        placed: dict[Any, Finding] = {}
        by_offset = True
        for rule, hit in hits:
            start, end, code = hit.start, hit.end, rule.code
            wording = wordings.get(code)
            if wording is None:
                wording = wordings[code] = _wording(rule.text(rule.message, lang)) + (ranks.get(code),)
            template, quote, rank = wording
            if 0 <= start <= size and 0 <= end <= size and rank is not None:
                key: Any = (start * codes + rank) * width + end
                at = start
            else:
                key = (code, start, end)
                by_offset = False
                at = max(0, min(start, size))  # (Document.position's clamp)
            if key in placed:
                continue
            replacement = hit.replacement
            # Document.position inlined
            idx = bisect_right(starts, at) - 1
            line, col = idx + 1, at - starts[idx] + 1
            line_start = starts[idx]
            if at <= end <= line_start + len(lines[idx]):  # most spans end on their first line
                end_line, end_col = line, end - line_start + 1
            else:
                end_line, end_col = doc.position(end)
            matched = text[start:end]
            if quote is not None and "matched" not in hit.params:
                message = quote[0] + matched + quote[1]
            elif "{" in template or "}" in template:  # (else nothing to format)
                params = _Defaults(hit.params)  # (one copy: a kind's own "matched" or "replacement" wins)
                params.setdefault("matched", matched)
                if replacement is not None:
                    params.setdefault("replacement", replacement)
                message = template.format_map(params)
            else:
                message = template
            placed[key] = Finding(
                path,
                code,
                rule.name,
                hit.severity or rule.severity,
                message,
                line,
                col,
                end_line,
                end_col,
                start,
                end,
                matched,
                replacement,
                replacement is not None and rule.fix == "safe",
                text[start - 12 if start > 12 else 0 : end + 12],  # (a conditional: max() is a call)
            )
        if by_offset:
            return list(map(placed.__getitem__, sorted(placed)))
        findings = list(placed.values())
        findings.sort(key=Finding.sort_key)
        return findings
