"""The small data types every other module speaks: severities, rules, hits and findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
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
        return self.name.lower()


@dataclass
class Rule:
    """One rule as declared in a YAML file under ``rules/`` (or a user's file)."""

    code: str
    name: str
    kind: str
    severity: Severity
    message: dict[str, str]  # {"zh": ..., "en": ...}; str.format templates
    summary: dict[str, str]  # one line: what it checks
    rationale: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None  # "safe" | "unsafe" | None
    examples: dict[str, list[str]] = field(default_factory=dict)  # {"bad": [...], "good": [...]}
    source: str = ""  # the rule file it came from
    line: int = 0  # its line in that file

    def text(self, field_: dict[str, str], lang: str) -> str:
        return field_.get(lang) or field_.get("zh") or field_.get("en") or ""


@dataclass
class Hit:
    """What a rule kind reports: a span of the document, template values, and an optional fix.

    Offsets are into ``Document.text``. ``end == start`` marks a point (for
    example where a missing section was expected).
    """

    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    replacement: str | None = None
    # Overrides for rules whose findings vary in weight (e.g. a valid vs. a
    # merely ID-like number); None keeps the rule's severity.
    severity: Severity | None = None


@dataclass
class Finding:
    """A hit placed in its document (line, column) with its rendered message: what reports show."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    matched: str = ""
    replacement: str | None = None
    fix_safe: bool = False
    context: str = ""  # the text around the match, used to match baselines

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end)

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
