"""What one run produced, handed to a renderer: per-file results plus the rules used."""
from __future__ import annotations

from collections import Counter
from operator import attrgetter

from .document import Document
from .errors import NoticelintError
from .model import Finding, Rule, Severity


class FileResult:
    """The findings (or the error) of one file."""

    __slots__ = ("path", "document", "findings", "error", "fixed")

    def __init__(
        self,
        path: str,
        document: Document | None = None,
        findings: list[Finding] | None = None,
        error: NoticelintError | None = None,
        fixed: list[Finding] | None = None,
    ):
        self.path = path
        self.document = document
        self.findings = [] if findings is None else findings
        self.error = error
        self.fixed = [] if fixed is None else fixed  # applied by --fix


class Report:
    """Every file of a run, and how to present and judge them."""

    def __init__(
        self,
        results: list[FileResult],
        rules: list[Rule],
        lang: str = "zh",
        color: bool = False,
        show_source: bool = True,
        fail_on: Severity = Severity.ERROR,
    ):
        self.results = results
        self.rules = rules
        self.lang = lang
        self.color = color
        self.show_source = show_source
        self.fail_on = fail_on

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def errors(self) -> list[NoticelintError]:
        return [r.error for r in self.results if r.error is not None]

    def counts(self) -> dict[str, int]:
        """Findings per severity label, most severe first (counted in C: a report may hold thousands)."""
        by_severity = Counter(map(attrgetter("severity"), self.findings()))
        return {s.label: by_severity[s] for s in sorted(Severity, reverse=True)}

    def exit_code(self) -> int:
        if self.errors():
            return 2
        return 1 if any(f.severity >= self.fail_on for f in self.findings()) else 0
