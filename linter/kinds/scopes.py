"""Scopes a declarative rule can be limited to, shared by the pattern and require kinds."""
from __future__ import annotations

SCOPES = ["document", "title", "lead", "headings", "body", "closing"]

SCOPE_SCHEMA = {"enum": SCOPES, "default": "document"}


def ranges(ctx, scope: str) -> list[tuple[int, int]]:
    """Character ranges of ``scope`` in the document (the whole text for 'document')."""
    if scope == "document":
        return [(0, len(ctx.doc.text))]
    return ctx.outline.scope_ranges(scope)
