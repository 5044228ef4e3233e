"""GitHub Actions workflow commands: one annotation per finding on the pull request.

Format (https://docs.github.com/actions/reference/workflow-commands-for-github-actions)::

    ::error file=a.txt,line=13,col=2,endLine=13,endColumn=2,title=NUM004::message

Escaping follows actions/toolkit: in the message ``%``, CR and LF are
percent-encoded; in properties also ``:`` and ``,``. ``endColumn`` is
inclusive for GitHub, so it is the column of the last character of the span;
columns are given only when the finding stays on one line (GitHub ignores
them otherwise). Chosen automatically when ``GITHUB_ACTIONS=true`` and no
``--format`` was given.
"""
from __future__ import annotations

from .common import GITHUB_LEVEL, SUGGEST, report_path


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, props: list[tuple[str, object]], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{level} {joined}::{escape_data(message)}" if joined else f"::{level}::{escape_data(message)}"


def render(report) -> str:
    from .text import summary_line

    lang = report.lang if report.lang in SUGGEST else "zh"
    out: list[str] = []
    for res in report.results:
        if res.error is not None:
            out.append(command("error", [("file", report_path(res.path)), ("title", "noticelint")], str(res.error)))
            continue
        for f in res.findings:
            props: list[tuple[str, object]] = [("file", report_path(f.path)), ("line", f.line)]
            if f.end_line == f.line:
                props += [("col", f.column), ("endLine", f.end_line), ("endColumn", max(f.column, f.end_column - 1))]
            else:
                props += [("endLine", f.end_line)]
            props.append(("title", f.code))
            message = f"[{f.severity.label}] {f.message} ({f.name})"
            if f.replacement is not None:
                message += "\n" + SUGGEST[lang].format(f.replacement)
            out.append(command(GITHUB_LEVEL[f.severity], props, message))
    out.append(summary_line(report))
    return "\n".join(out) + "\n"

