"""What one run produced, handed to a renderer: per-file results plus the rules used."""
from __future__ import annotations

from collections import Counter
from operator import attrgetter

from .document import Document
from .errors import NoticelintError
from .model import Finding, Rule, Severity


_severity = attrgetter("severity")


class FileResult:
    """The findings (or the error) of one file."""

    __slots__ = ("path", "document", "findings", "error", "fixed", "text", "tally")

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
        # For a text report: this file's lines, written where the file was linted, and how many
        # findings of each severity they show (the findings, fixes and document are then let go).
        self.text: str | None = None
        self.tally: Counter[Severity] | None = None

    def keep_as_text(self, style) -> None:
        """Keep only this file's lines of a text report (``render.text.TextStyle``) and their tally.

        Done where the file is linted: a ``--jobs`` worker then sends one string instead of every
        finding, and no process holds thousands of findings until the report is written.
        """
        from .render.text import file_text

        if self.error is None:
            self.tally = Counter(map(_severity, self.findings))
            self.text = file_text(self, style)
            self.findings, self.fixed, self.document = [], [], None


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

    def by_severity(self) -> Counter[Severity]:
        """Findings per severity, counted in C (a report may hold thousands), those of files kept as
        text included (``FileResult.tally``)."""
        counted = Counter(map(_severity, self.findings()))
        for r in self.results:
            if r.tally:
                counted.update(r.tally)
        return counted

    def counts(self) -> dict[str, int]:
        """Findings per severity label, most severe first."""
        by_severity = self.by_severity()
        return {s.label: by_severity[s] for s in sorted(Severity, reverse=True)}

    def exit_code(self) -> int:
        if self.errors():
            return 2
        return 1 if any(n for s, n in self.by_severity().items() if s >= self.fail_on) else 0
