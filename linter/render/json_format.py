"""JSON output, version 1 (schema: linter/schemas/output.schema.json, documented in docs/output.md)."""
from __future__ import annotations

from .. import __version__
from . import json_text

FORMAT_VERSION = 1


def as_data(report) -> dict:
    files = []
    for r in report.results:
        doc = r.document
        files.append(
            {
                "path": r.path,
                "encoding": doc.encoding if doc else None,
                "unit": doc.unit if doc else None,
                "error": str(r.error) if r.error else None,
                "fixed": len(r.fixed),
            }
        )
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "noticelint", "version": __version__},
        "files": files,
        "findings": [f.to_dict() for f in report.findings()],
        "summary": {**report.counts(), "files": len(report.results), "unreadable": len(report.errors())},
    }


def render(report) -> str:
    return json_text.dumps(as_data(report)) + "\n"
