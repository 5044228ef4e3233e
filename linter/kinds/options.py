"""The options schema shared by built-in kinds whose rules each pick one ``check``."""
from __future__ import annotations

from typing import Any, Iterable


def check_options(checks: Iterable[str], **properties: Any) -> dict:
    """A JSON schema: a required ``check`` from ``checks``, plus the kind's own ``properties``.

    Unknown options are errors, so a typo in a rule file is reported, not ignored.
    """
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["check"],
        "properties": {"check": {"enum": list(checks)}, **properties},
    }
