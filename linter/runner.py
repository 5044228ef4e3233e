"""Linting many files: per-file filters, --fix/--diff, and parallel workers.

Every file goes through the same :meth:`FileLinter.run`, in this process
(``--jobs 1``) or in worker processes (``--jobs N``); results come back in the
order of the input, and whatever a file prints (a diff, a verbose note) is
carried back and printed by the parent in that order, so the output of
``--jobs 4`` is byte for byte that of ``--jobs 1``.
"""
from __future__ import annotations

import os

from .engine import Linter, Settings
from .errors import ConfigError, InputError, NoticelintError, RuleFileError
from .model import Finding, Rule, Severity
from .report import FileResult

ERROR_TYPES = {cls.__name__: cls for cls in (NoticelintError, InputError, RuleFileError, ConfigError)}


class RunOptions:
    """What to do with each file besides linting it."""

    __slots__ = ("fix", "diff", "verbose")

    def __init__(self, fix: bool = False, diff: bool = False, verbose: bool = False):
        self.fix = fix
        self.diff = diff
        self.verbose = verbose


class Outcome:
    """One file's result plus what it wants printed (kept for the parent to print in order)."""

    __slots__ = ("result", "stdout", "stdout_bytes", "stderr", "error_parts")

    def __init__(self, result: FileResult):
        self.result = result
        self.stdout = ""
        self.stdout_bytes = b""  # a fixed notice read from stdin
        self.stderr: list[str] = []
        self.error_parts: tuple | None = None  # (class name, path, message, line) while crossing processes

    def portable(self) -> "Outcome":
        """Replace the exception by plain values: NoticelintError's arguments do not pickle."""
        err = self.result.error
        if err is not None:
            self.error_parts = (type(err).__name__, err.path, err.message, err.line)
            self.result.error = None
        return self

    def restored(self) -> "Outcome":
        if self.error_parts is not None:
            name, path, message, line = self.error_parts
            self.result.error = ERROR_TYPES.get(name, NoticelintError)(path, message, line)
            self.error_parts = None
        return self


class FileLinter:
    """A Linter plus what configuration adds per file: ignored codes and forced severities."""

    def __init__(self, rules: list[Rule], settings: Settings, forced: dict[str, Severity] | None = None):
        self.linter = Linter(rules, settings)
        self.forced = forced or {}

    def lint(self, doc, ignored: frozenset[str] = frozenset()) -> list[Finding]:
        findings = self.linter.lint(doc)
        if ignored:
            findings = [f for f in findings if f.code not in ignored]
        if self.forced:
            for f in findings:
                sev = self.forced.get(f.code)
                if sev is not None:
                    f.severity = sev
        return findings

    def run(self, path: str, ignored: frozenset[str], opts: RunOptions) -> Outcome:
        from .reading import read_document

        try:
            doc = read_document(path)
        except NoticelintError as e:
            return Outcome(FileResult(path, error=e))
        out = Outcome(FileResult(doc.path, doc))
        if opts.verbose:
            out.stderr.append(f"{doc.path}: encoding {doc.encoding}{' with BOM' if doc.bom else ''}, {len(doc.lines)} {doc.unit}s")
        lint = lambda d: self.lint(d, ignored)  # noqa: E731 - the filters apply between fix passes too
        if not (opts.fix or opts.diff):
            out.result.findings = lint(doc)
            return out
        from . import fix as fixing

        if doc.kind == "docx":
            out.stderr.append(f"noticelint: {doc.path}: --fix/--diff do not change .docx files; findings reported only")
            out.result.findings = lint(doc)
            return out
        fixed_doc, applied, remaining = fixing.fix_document(doc, lint)
        if opts.diff:
            out.stdout = fixing.unified_diff(doc, fixed_doc)
            out.result.findings = remaining
            return out
        if applied and path != "-":
            try:
                fixing.write_atomic(path, fixing.encode(fixed_doc))
            except OSError as e:
                out.result = FileResult(doc.path, doc, remaining, error=InputError(path, f"cannot write the fixed file: {e.strerror or e}"))
                return out
        elif applied:
            out.stdout_bytes = fixing.encode(fixed_doc)
        out.result = FileResult(doc.path, fixed_doc, remaining, fixed=applied)
        return out


# ---- worker processes ------------------------------------------------------------

_worker: FileLinter | None = None


def _init_worker(rules: list[Rule], settings: Settings, forced: dict[str, Severity]) -> None:
    global _worker
    _worker = FileLinter(rules, settings, forced)


def _run_in_worker(item: tuple[str, frozenset[str], RunOptions]) -> Outcome:
    path, ignored, opts = item
    assert _worker is not None
    return _worker.run(path, ignored, opts).portable()


def effective_jobs(jobs: int, n_files: int) -> int:
    """0 means one process per CPU; never more processes than files."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n_files))


def run_all(
    file_linter: FileLinter,
    items: list[tuple[str, frozenset[str]]],
    opts: RunOptions,
    jobs: int = 1,
) -> list[Outcome]:
    """Lint every (path, ignored codes) item; outcomes in input order whatever ``jobs`` is."""
    jobs = effective_jobs(jobs, len(items))
    if jobs <= 1:
        return [file_linter.run(p, ig, opts) for p, ig in items]
    from concurrent.futures import ProcessPoolExecutor

    outcomes: list[Outcome | None] = [None] * len(items)
    remote = [(i, (p, ig, opts)) for i, (p, ig) in enumerate(items) if p != "-"]
    for i, (p, ig) in enumerate(items):
        if p == "-":  # stdin belongs to this process
            outcomes[i] = file_linter.run(p, ig, opts)
    from concurrent.futures.process import BrokenProcessPool

    settings = file_linter.linter.settings
    chunk = max(1, len(remote) // (jobs * 4))
    global _worker
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":
        # Workers are copies of this process: prepare every kind here once (imports, automaton,
        # regexes) and let each worker inherit the ready linter instead of preparing its own.
        file_linter.linter.prepare_all()
        _worker = file_linter
        pool_args: dict = {}
    else:
        pool_args = {"initializer": _init_worker, "initargs": (file_linter.linter.rules, settings, file_linter.forced)}
    try:
        with ProcessPoolExecutor(max_workers=jobs, **pool_args) as pool:
            for (i, _), outcome in zip(remote, pool.map(_run_in_worker, [it for _, it in remote], chunksize=chunk)):
                outcomes[i] = outcome.restored()
    except (BrokenProcessPool, OSError, NotImplementedError):
        # no processes on this system, or a worker died: finish in this process (fixes are idempotent)
        pass
    finally:
        _worker = None
    for i, (p, ig) in enumerate(items):
        if outcomes[i] is None:
            outcomes[i] = file_linter.run(p, ig, opts)
    return outcomes  # type: ignore[return-value]
