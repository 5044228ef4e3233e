"""Errors that end as a one-line message and exit code 2, never a traceback."""
from __future__ import annotations


class NoticelintError(Exception):
    """Base class: anything the CLI reports as ``path: message`` with exit code 2."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class InputError(NoticelintError):
    """A notice that cannot be read: missing, binary, undecodable, empty, too large."""


class RuleFileError(NoticelintError):
    """An invalid rule file (YAML syntax or schema), with the YAML line where known."""


class ConfigError(NoticelintError):
    """An invalid configuration file or option."""
