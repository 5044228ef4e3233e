"""The small data types every other module speaks: severities, rules, hits and findings.

They are plain classes with ``__slots__`` rather than dataclasses: a dataclass
costs about as much to create at import time as the rest of its module (it
generates and compiles its methods), and these modules are imported on every
start of the CLI.
"""
from __future__ import annotations

from enum import IntEnum
from operator import attrgetter
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.strip().upper()]

    @property
    def label(self) -> str:
        return _LABELS[self]  # (a dict: Enum's ``name`` is a slow descriptor, read for every finding)


_LABELS = {s: s.name.lower() for s in Severity}


class Rule:
    """One rule as declared in a YAML file under ``rules/`` (or a user's file)."""

    __slots__ = ("code", "name", "kind", "severity", "message", "summary", "rationale", "options", "fix", "examples", "source", "line")

    def __init__(
        self,
        code: str,
        name: str,
        kind: str,
        severity: Severity,
        message: dict[str, str],  # {"zh": ..., "en": ...}; str.format templates
        summary: dict[str, str],  # one line: what it checks
        rationale: dict[str, str] | None = None,
        options: dict[str, Any] | None = None,
        fix: str | None = None,  # "safe" | "unsafe" | None
        examples: dict[str, list[str]] | None = None,  # {"bad": [...], "good": [...]}
        source: str = "",  # the rule file it came from
        line: int = 0,  # its line in that file
    ):
        self.code = code
        self.name = name
        self.kind = kind
        self.severity = severity
        self.message = message
        self.summary = summary
        self.rationale = {} if rationale is None else rationale
        self.options = {} if options is None else options
        self.fix = fix
        self.examples = {} if examples is None else examples
        self.source = source
        self.line = line

    def replace(self, **changes: Any) -> "Rule":
        """A copy with some fields changed (configuration overrides severity and options)."""
        values = {k: getattr(self, k) for k in self.__slots__}
        values.update(changes)
        return Rule(**values)

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name}, kind={self.kind}, severity={self.severity.label})"

    def text(self, field_: dict[str, str], lang: str) -> str:
        return field_.get(lang) or field_.get("zh") or field_.get("en") or ""


_NO_PARAMS: dict[str, Any] = {}  # shared by every Hit without params: never mutated


class Hit:
    """What a rule kind reports: a span of the document, template values, and an optional fix.

    Offsets are into ``Document.text``. ``end == start`` marks a point (for
    example where a missing section was expected). ``params`` is never mutated
    (the engine copies it), so the shared empty default is safe.
    """

    __slots__ = ("start", "end", "params", "replacement", "severity")

    def __init__(
        self,
        start: int,
        end: int,
        params: dict[str, Any] = _NO_PARAMS,
        replacement: str | None = None,
        severity: Severity | None = None,
    ):
        self.start = start
        self.end = end
        self.params = params
        self.replacement = replacement
        # Overrides for rules whose findings vary in weight (e.g. a valid vs. a
        # merely ID-like number); None keeps the rule's severity.
        self.severity = severity

    def __repr__(self) -> str:
        return f"Hit({self.start}, {self.end}, {self.params!r}, replacement={self.replacement!r}, severity={self.severity!r})"


class Issue:
    """One problem a kind found, before it becomes a Hit: which check found it, a span, the
    template values, and an optional fix (the numbering and punctuation kinds collect
    these first, then decide which rule reports each)."""

    __slots__ = ("check", "start", "end", "params", "replacement")

    def __init__(self, check: str, start: int, end: int, params: dict, replacement: str | None = None):
        self.check = check
        self.start = start
        self.end = end
        self.params = params
        self.replacement = replacement

    def __eq__(self, other: object) -> bool:
        """The same problem (tests compare the issues of a fast path with those of a plain one)."""
        if not isinstance(other, Issue):
            return NotImplemented
        return (self.check, self.start, self.end, self.params, self.replacement) == (
            other.check, other.start, other.end, other.params, other.replacement,
        )

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed

    def __repr__(self) -> str:
        return f"Issue({self.check!r}, {self.start}, {self.end}, {self.params!r}, {self.replacement!r})"


class Finding:
    """A hit placed in its document (line, column) with its rendered message: what reports show."""

    __slots__ = (
        "path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column",
        "start", "end", "matched", "replacement", "fix_safe", "context",
    )

    def __init__(
        self,
        path: str,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        start: int,
        end: int,
        matched: str = "",
        replacement: str | None = None,
        fix_safe: bool = False,
        context: str = "",  # the text around the match, used to match baselines
    ):
        self.path = path
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.start = start
        self.end = end
        self.matched = matched
        self.replacement = replacement
        self.fix_safe = fix_safe
        self.context = context

    def _values(self) -> tuple:
        return finding_values(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self._values() == other._values()

    __hash__ = None  # mutable (configuration may force a severity), like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Finding({self.path}:{self.line}:{self.column} {self.code} {self.message!r})"

    def replace(self, **changes: Any) -> "Finding":
        """A copy with some fields changed (a fix moves findings after an earlier edit)."""
        values = {k: getattr(self, k) for k in self.__slots__}
        values.update(changes)
        return Finding(**values)

    # The order of a report: (path, line, column, code, end); an attrgetter sorts in C.
    sort_key = attrgetter("path", "line", "column", "code", "end")

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "matched": self.matched,
            "replacement": self.replacement,
            "fix_safe": self.fix_safe,
        }


# Every field of a Finding, in __slots__ (= __init__) order, read in C: a --jobs worker's findings
# cross to the main process as these tuples (Finding(*values) rebuilds one).
finding_values = attrgetter(*Finding.__slots__)
