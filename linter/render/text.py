"""Human output: ``path:line:col: CODE [severity] message``, the source line, a caret, a summary.

The caret is placed by display width (a Chinese character takes two terminal
cells), so it lines up under Chinese text. Long lines are cut to a window
around the finding.
"""
from __future__ import annotations

import unicodedata
from typing import Iterator

from ..model import Severity

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WINDOW_BEFORE = 24
WINDOW_AFTER = 36


class _CharWidths(dict):
    """Terminal cells of each character seen so far (2 for wide, 0 for combining, else 1).

    Looked up through ``map(WIDTHS.__getitem__, s)``, so a report of thousands of
    findings asks ``unicodedata`` once per distinct character, not once per character.
    """

    def __missing__(self, c: str) -> int:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        self[c] = w
        return w


WIDTHS = _CharWidths()


def width(s: str) -> int:
    return len(s) if s.isascii() else sum(map(WIDTHS.__getitem__, s))


def snippet(line: str, col: int, end_col: int) -> tuple[str, str]:
    """The (possibly windowed) source line and the caret line under the span."""
    start = col - 1
    end = max(end_col - 1, start + 1) if end_col > col else start + 1
    end = min(end, len(line)) if line else start + 1
    lo = max(0, start - WINDOW_BEFORE)
    hi = min(len(line), max(end, start + 1) + WINDOW_AFTER)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + line[lo:hi] + suffix
    pad = width(prefix + line[lo:start])
    span = line[start:end] or " "
    return shown, " " * pad + "^" * max(1, width(span))


def location(path: str, unit: str, line: int, col: int) -> str:
    return f"{path}:¶{line}:{col}" if unit == "paragraph" else f"{path}:{line}:{col}"


def summary_line(report) -> str:
    c = report.counts()
    total = sum(c.values())
    files = len(report.results)
    errs = len(report.errors())
    if report.lang == "en":
        s = f"Found {total} problem(s) ({c['error']} error, {c['warning']} warning, {c['info']} info) in {files} file(s)."
        if errs:
            s += f" {errs} file(s) could not be read."
        return s
    s = f"共发现 {total} 个问题（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}），检查文件 {files} 个。"
    if errs:
        s += f"{errs} 个文件无法读取。"
    return s


def fixed_lines(res, unit: str, lang: str) -> list[str]:
    """After --fix: each fix applied (at its place in the file as it was read), then the counts fixed and remaining."""
    out = []
    for f in res.fixed:
        where = location(f.path, unit, f.line, f.column)
        if lang == "en":
            out.append(f"{where}: {f.code} fixed: '{f.matched}' -> '{f.replacement}'")
        else:
            out.append(f"{where}: {f.code} 已修复：“{f.matched}”→“{f.replacement}”")
    n, left = len(res.fixed), len(res.findings)
    if lang == "en":
        out.append(f"{res.path}: fixed {n}, {left} remaining")
    else:
        out.append(f"{res.path}: 已修复 {n} 处，剩余 {left} 个问题")
    return out


CHUNK_LINES = 512  # lines joined and handed out at a time (see chunks)


class TextStyle:
    """How a text report looks (language, colour, quoted source lines), with what repeats across
    findings styled once: a report may hold thousands of findings. The same in every process of a
    run, so that each can write the lines of the files it lints (``file_text``)."""

    def __init__(self, lang: str = "zh", color: bool = False, show_source: bool = True):
        import click

        self.lang = lang
        self.color = color
        self.show_source = show_source
        self._click_style = click.style
        self.severity = {s: self.style(f"[{s.label}]", fg=COLORS[s], bold=s is Severity.ERROR) for s in Severity}
        self._codes: dict[str, str] = {}

    def style(self, text: str, **kw) -> str:
        return self._click_style(text, **kw) if self.color else text

    def code(self, code: str) -> str:
        styled = self._codes.get(code)
        if styled is None:
            styled = self._codes[code] = self.style(code, fg="magenta")
        return styled


def file_lines(res, style: TextStyle) -> list[str]:
    """One file's lines of the report: what --fix fixed, each finding (with its source line and
    caret unless --no-source), the document's notes. Nothing for a file that could not be read."""
    if res.error is not None:
        return []  # input errors go to stderr from the CLI
    out: list[str] = []
    doc = res.document
    unit = doc.unit if doc else "line"
    lang, color, quote = style.lang, style.color, style.show_source and doc is not None
    if res.fixed:  # --fix: what was fixed first, then what remains
        out.extend(fixed_lines(res, unit, lang))
    severity = style.severity
    for f in res.findings:
        where = location(f.path, unit, f.line, f.column)
        out.append(f"{style.style(where, bold=True) if color else where}: {style.code(f.code)} {severity[f.severity]} {f.message}")
        if quote:
            line = doc.line_text(f.line)
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            shown, caret = snippet(line, f.column, end_col)
            out.append(f"    {shown}")
            out.append(f"    {style.style(caret, fg=COLORS[f.severity])}")
            if f.replacement is not None:
                out.append(f"    建议改为: “{f.replacement}”" if lang != "en" else f"    suggestion: '{f.replacement}'")
    if doc is not None and doc.notes:  # e.g. a .docx whose numbering could not be rebuilt
        from ..notes import note_text

        label = "注意" if lang != "en" else "note"
        out.extend(f"{res.path}: {label}: {note_text(n, lang)}" for n in doc.notes)
    return out


def file_text(res, style: TextStyle) -> str:
    """``file_lines`` joined: what a process that lints the file keeps of it for a text report
    (the report then only joins these; see ``FileResult.text``)."""
    return "\n".join(file_lines(res, style))


def render(report) -> str:
    return "".join(chunks(report))


def chunks(report) -> Iterator[str]:
    """The report in pieces of about CHUNK_LINES lines, each ending with a line break.

    The CLI writes each piece as it comes: a report of thousands of findings is never
    joined into one string (and encoded into one more), whose fresh megabytes cost this
    VM a page fault per 4 kB (100 notices' 5,900 findings: 7.1 -> 4.1 ms from rendering
    to written, 1,200 fewer page faults). A file whose lines were written where it was
    linted (``FileResult.text``) is taken as it is.
    """
    style = TextStyle(report.lang, report.color, report.show_source)
    out: list[str] = []
    lines = 0
    for res in report.results:
        if res.text is None:
            made = file_lines(res, style)
            out.extend(made)
            lines += len(made)
        elif res.text:
            out.append(res.text)
            lines += res.text.count("\n") + 1
        if lines >= CHUNK_LINES:
            yield "\n".join(out) + "\n"
            out, lines = [], 0
    out.append(summary_line(report))
    yield "\n".join(out) + "\n"
