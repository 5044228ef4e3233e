"""Linting many files: per-file filters, --fix/--diff, and parallel workers.

Every file goes through the same :meth:`FileLinter.run`, in this process
(``--jobs 1``) or in worker processes (``--jobs N``); results come back in the
order of the input, and whatever a file prints (a diff, a verbose note) is
carried back and printed by the parent in that order, so the output of
``--jobs 4`` is byte for byte that of ``--jobs 1``.
"""
from __future__ import annotations

import os
from itertools import starmap
from typing import TYPE_CHECKING

from .engine import Linter, Settings
from .errors import ConfigError, InputError, NoticelintError, RuleFileError
from .model import Finding, Rule, Severity, finding_values
from .report import FileResult

if TYPE_CHECKING:
    from .render.text import TextStyle

CAN_FORK = hasattr(os, "fork")  # else (Windows) a process pool
ERROR_TYPES = {cls.__name__: cls for cls in (NoticelintError, InputError, RuleFileError, ConfigError)}


class RunOptions:
    """What to do with each file besides linting it, and what the report will read of it."""

    __slots__ = ("fix", "diff", "verbose", "source_lines", "text", "min_severity")

    def __init__(
        self,
        fix: bool = False,
        diff: bool = False,
        verbose: bool = False,
        source_lines: bool = True,
        text: "TextStyle | None" = None,
        min_severity: Severity = Severity.INFO,
    ):
        self.fix = fix
        self.diff = diff
        self.verbose = verbose
        self.source_lines = source_lines  # the report quotes findings' lines (a worker sends them)
        # A text report without a baseline: each file is kept as its lines of the report, written
        # where it is linted (FileResult.keep_as_text), its findings below min_severity left out.
        self.text = text
        self.min_severity = min_severity


class Outcome:
    """One file's result plus what it wants printed (kept for the parent to print in order)."""

    __slots__ = ("result", "stdout", "stdout_bytes", "stderr", "error_parts", "finding_rows")

    def __init__(self, result: FileResult):
        self.result = result
        self.stdout = ""
        self.stdout_bytes = b""  # a fixed notice read from stdin
        self.stderr: list[str] = []
        self.error_parts: tuple | None = None  # (class name, path, message, line) while crossing processes
        self.finding_rows: tuple | None = None  # (findings, fixed) as tuples of values while crossing

    def kept(self, opts: RunOptions) -> "Outcome":
        """What the run keeps of this file until the report: all of it, or with ``opts.text`` its
        lines of the text report (the findings the report would show, then written)."""
        if opts.text is not None:
            result = self.result
            result.findings = [f for f in result.findings if f.severity >= opts.min_severity]
            result.keep_as_text(opts.text)
        return self

    def portable(self, source_lines: bool = True) -> "Outcome":
        """Ready to cross to the parent: the exception as plain values (NoticelintError's arguments do
        not pickle), the document reduced to what the report reads (the findings' lines, or none)."""
        result = self.result
        doc = result.document
        if doc is not None:
            result.document = doc.for_report({f.line for f in result.findings} if source_lines else set())
        # Findings cross as tuples of their values, read in C: pickle then meets only built-in
        # types, where a Finding's own __reduce__ was a Python call per finding (~2/5 of dumping).
        self.finding_rows = (list(map(finding_values, result.findings)), list(map(finding_values, result.fixed)))
        result.findings, result.fixed = [], []
        err = self.result.error
        if err is not None:
            self.error_parts = (type(err).__name__, err.path, err.message, err.line)
            self.result.error = None
        return self

    def restored(self) -> "Outcome":
        if self.finding_rows is not None:
            findings, fixed = self.finding_rows
            self.result.findings, self.result.fixed = list(starmap(Finding, findings)), list(starmap(Finding, fixed))
            self.finding_rows = None
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
        """Lint (and with ``opts`` fix) one file: its outcome as the run keeps it (``Outcome.kept``)."""
        return self._outcome(path, ignored, opts).kept(opts)

    def _outcome(self, path: str, ignored: frozenset[str], opts: RunOptions) -> Outcome:
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
    assert _worker is not None
    return _run_portable(_worker, item)


def _run_portable(file_linter: FileLinter, item: tuple[str, frozenset[str], RunOptions]) -> Outcome:
    """Lint one item in a worker: the outcome as it crosses to the parent."""
    path, ignored, opts = item
    return file_linter.run(path, ignored, opts).portable(opts.source_lines)


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
    outcomes: list[Outcome | None] = [None] * len(items)
    remote = [(i, (p, ig, opts)) for i, (p, ig) in enumerate(items) if p != "-"]  # stdin belongs to this process
    if CAN_FORK:
        _run_forked(file_linter, remote, jobs, outcomes)
    else:
        _run_in_pool(file_linter, remote, jobs, outcomes)
    for i, (p, ig) in enumerate(items):
        if outcomes[i] is None:  # stdin, or the share of a worker that failed: done here (fixes are idempotent)
            outcomes[i] = file_linter.run(p, ig, opts)
    return outcomes  # type: ignore[return-value]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


TOKEN = 4  # bytes of one item index in the work queue


class WorkQueue:
    """Item indices in a pipe that every process takes from, the next one when it is free.

    A process slowed down (a busy core, a large file) takes fewer items, so all
    finish together; fixed shares left one process idle for tens of milliseconds
    on a shared machine. Indices are written in chunks of at most PIPE_BUF bytes,
    whole tokens each, so a write is atomic and a read of one token always gets
    a whole one. The writer is a thread, started after forking: a queue longer
    than the pipe's capacity would otherwise block the parent.
    """

    def __init__(self, order: list[int]):
        self.order = order
        self.r, self.w = os.pipe()

    def start_writing(self) -> None:
        """In the parent, after forking: write every index, then close (the readers then see the end)."""
        import select
        import threading

        chunk = max(TOKEN, select.PIPE_BUF // TOKEN * TOKEN)
        data = b"".join(k.to_bytes(TOKEN, "little") for k in self.order)

        def write() -> None:
            try:
                for at in range(0, len(data), chunk):
                    os.write(self.w, data[at : at + chunk])
            finally:
                os.close(self.w)

        threading.Thread(target=write, daemon=True).start()

    def reader(self) -> None:
        """In a worker: keep only the reading end (the parent's writer alone must close the queue)."""
        os.close(self.w)

    def take(self):
        """The indices this process takes, until the queue is empty."""
        while True:
            token = os.read(self.r, TOKEN)
            if len(token) < TOKEN:
                return
            yield int.from_bytes(token, "little")


FRAME = 4  # bytes of a result frame's length


class ResultSender:
    """A worker's side of its result pipe: one pickled frame per outcome, sent as soon as it is made.

    The parent loads them between its own items, while this worker goes on
    linting, instead of loading everything at the end (~25 ms of a 100-notice
    run spent with one core idle). Writes never block: what the pipe cannot take
    yet waits here until the next outcome or the end, so a parent busy with one
    large file never stalls the worker.
    """

    def __init__(self, fd: int):
        from collections import deque

        self.fd = fd
        self.pending: deque[memoryview] = deque()
        os.set_blocking(fd, False)

    def send(self, obj: object) -> None:
        import pickle

        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.pending.append(memoryview(len(data).to_bytes(FRAME, "little") + data))
        self._write()

    def _write(self) -> None:
        pending = self.pending
        while pending:
            try:
                n = os.write(self.fd, pending[0])
            except BlockingIOError:
                return
            if n < len(pending[0]):
                pending[0] = pending[0][n:]
            else:
                pending.popleft()

    def close(self) -> None:
        """Send what is left (waiting for the parent now) and close the pipe: the parent sees the end."""
        os.set_blocking(self.fd, True)
        self._write()
        os.close(self.fd)


class ResultReceiver:
    """The parent's side of one worker's result pipe: the complete frames read so far, loaded."""

    def __init__(self, pid: int, fd: int):
        self.pid = pid
        self.fd = fd
        self.buffer = bytearray()
        self.broken = False  # a frame did not load: the worker died while writing; the rest is linted here
        os.set_blocking(fd, False)

    def poll(self) -> list:
        """What has arrived, without waiting."""
        self._read()
        return self._frames()

    def finish(self) -> list:
        """Everything left, read until the worker closes its end (the last thing it does before leaving).

        The worker is not waited for here (``_run_forked`` leaves that to ``reap_workers``).
        """
        os.set_blocking(self.fd, True)
        self._read()
        os.close(self.fd)
        return self._frames()

    def _read(self) -> None:
        """Add what the pipe holds to the buffer (blocking: all, until the worker closes its end)."""
        while not self.broken:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return
            if not chunk:
                return
            self.buffer += chunk

    def _frames(self) -> list:
        import pickle

        buffer, at, out = self.buffer, 0, []
        view = memoryview(buffer)
        while not self.broken and len(buffer) - at >= FRAME:
            size = int.from_bytes(view[at : at + FRAME], "little")
            if len(buffer) - at - FRAME < size:
                break  # the rest of this frame is still on its way
            try:
                out.append(pickle.loads(view[at + FRAME : at + FRAME + size]))
            except Exception:
                self.broken = True
            at += FRAME + size
        view.release()
        del buffer[:at]
        return out


# Workers that have sent everything and are leaving: a process takes ~1.5 ms to end once it has
# sent its last outcome, which the main process spends writing the report instead of waiting.
_leaving: list[int] = []


def reap_workers() -> None:
    """Wait for every worker of the runs so far to have ended (the console script, before it leaves;
    every parallel run, for the runs before it)."""
    while _leaving:
        try:
            os.waitpid(_leaving.pop(), 0)
        except ChildProcessError:  # (already reaped)
            pass


def _run_forked(file_linter: FileLinter, remote: list[tuple[int, tuple]], jobs: int, outcomes: list) -> None:
    """Fork ``jobs - 1`` workers; they and this process take items from one queue, largest file first.

    Forking copies this process with every kind already prepared (imports, automaton,
    regexes), so a worker starts linting at once; the parent works instead of waiting.
    Each worker sends every outcome as soon as it has it (``ResultSender``), and the
    parent loads what has arrived after each of its own items. An item whose outcome
    never arrives (a worker that failed) stays unset, and the caller lints it here.
    """
    import sys

    import gc

    reap_workers()
    file_linter.linter.prepare_all()
    gc.freeze()  # what exists now is shared with the workers: keep collections from copying its pages
    queue = WorkQueue(sorted(range(len(remote)), key=lambda k: -_size(remote[k][1][0])))
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[ResultReceiver] = []
    for _ in range(jobs - 1):
        try:
            r, w = os.pipe()
            pid = os.fork()
        except OSError:
            break  # no more processes: the rest is linted here
        if pid == 0:  # the worker: lint, send, and leave without running the parent's exit handlers
            code = 1
            try:
                os.close(r)
                for child in children:
                    os.close(child.fd)
                queue.reader()
                sender = ResultSender(w)
                for k in queue.take():
                    sender.send((k, _run_portable(file_linter, remote[k][1])))
                sender.close()
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        children.append(ResultReceiver(pid, r))

    def store(frames: list) -> None:
        for k, outcome in frames:
            outcomes[remote[k][0]] = outcome.restored()

    queue.start_writing()
    for k in queue.take():
        i, item = remote[k]
        outcomes[i] = file_linter.run(*item)
        for child in children:
            store(child.poll())
    os.close(queue.r)
    gc.unfreeze()
    for child in children:
        store(child.finish())
    _leaving.extend(child.pid for child in children)


def _run_in_pool(file_linter: FileLinter, remote: list[tuple[int, tuple]], jobs: int, outcomes: list) -> None:
    """Where processes cannot be forked (Windows): a process pool whose workers prepare their own linter."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    linter = file_linter.linter
    chunk = max(1, len(remote) // (jobs * 4))
    pool_args = {"initializer": _init_worker, "initargs": (linter.rules, linter.settings, file_linter.forced)}
    try:
        with ProcessPoolExecutor(max_workers=jobs, **pool_args) as pool:
            for (i, _), outcome in zip(remote, pool.map(_run_in_worker, [it for _, it in remote], chunksize=chunk)):
                outcomes[i] = outcome.restored()
    except (BrokenProcessPool, OSError, NotImplementedError):
        pass  # no processes on this system, or a worker died: the caller finishes in this process
