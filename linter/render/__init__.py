"""Output formats: one module per format, an explicit registry.

Each module has ``render(report: Report) -> str``, and may have ``chunks(report)``
giving the same text in pieces (the CLI writes those as they come). Modules are
imported only when their format is asked for. The formats are documented in docs/output.md.
"""
from __future__ import annotations

import importlib
from typing import Iterator

RENDERERS: dict[str, str] = {
    "text": "linter.render.text",
    "json": "linter.render.json_format",
    "sarif": "linter.render.sarif",
    "github": "linter.render.github",
    "gitlab": "linter.render.gitlab",
    "junit": "linter.render.junit",
}


def default_format(environ=None) -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), ``text`` elsewhere."""
    import os

    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def quotes_source(fmt: str, show_source: bool) -> bool:
    """Whether the format prints each finding's source line (text unless --no-source; junit always)."""
    return fmt == "junit" or (fmt == "text" and show_source)


def render(fmt: str, report) -> str:
    return importlib.import_module(RENDERERS[fmt]).render(report)


def chunks(fmt: str, report) -> Iterator[str]:
    """The report in pieces to write one after the other: a format whose module has ``chunks``
    (text: a large report is never held as one string) gives them, any other its ``render``."""
    module = importlib.import_module(RENDERERS[fmt])
    pieces = getattr(module, "chunks", None)
    return pieces(report) if pieces is not None else iter((module.render(report),))
