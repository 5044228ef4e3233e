"""Output formats: one module per format, an explicit registry.

Each module has ``render(report: Report) -> str``. Modules are imported only
when their format is asked for.
"""
from __future__ import annotations

import importlib

RENDERERS: dict[str, str] = {
    "text": "linter.render.text",
    "json": "linter.render.json_format",
}


def render(fmt: str, report) -> str:
    return importlib.import_module(RENDERERS[fmt]).render(report)
