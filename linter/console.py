"""The ``noticelint`` console script: the CLI in a process tuned for one short run.

A module of its own, importing nothing at its top, so that what it sets is in
force before click and the CLI are imported (importing them allocates enough
for about twenty garbage collections at Python's default threshold, ~2 ms of a
one-notice run). ``linter.cli.main`` itself (used by tests and ``python -m
linter.cli``) leaves the garbage collector and the exit as Python has them.
"""
from __future__ import annotations

from typing import NoReturn


def run() -> NoReturn:
    """The CLI, then a fast exit.

    Once the report is written the process leaves with ``os._exit`` instead of
    tearing the interpreter down (freeing every module and object costs about
    10 ms, an eighth of a one-notice run), as mypy does by default. What the
    normal exit would still do is done first: the regex cache is written, the
    ``--jobs`` workers are reaped and the output streams are flushed.
    """
    import gc
    import os
    import sys

    # Fewer garbage collections: a run builds many small objects (paragraphs, headings,
    # hits) of which few form cycles; at the default threshold (a collection every 700
    # allocations) the collector walks them over and over. Memory is still reclaimed by
    # reference counting, and cycles by a collection every 200,000 allocations. Set for
    # the whole process (which ends below), so that no restored threshold sets off a
    # full collection at the end.
    gc.set_threshold(200_000, 20, 20)
    from .cli import main

    try:
        main()
        code = 0
    except SystemExit as e:
        # ``e`` holds the traceback, and through it the frames of the run with the report and
        # every document: kept until ``os._exit``, they are never freed one object at a time
        # (~2 ms for 100 notices' findings when the except clause ends and drops ``e``).
        ended = e
        if ended.code is None or isinstance(ended.code, int):
            code = ended.code or 0
        else:  # sys.exit("message"): printed, exit status 1, as Python does
            print(ended.code, file=sys.stderr)
            code = 1
    from . import rx

    rx.save()
    runner = sys.modules.get("linter.runner")
    if runner is not None:  # (the check command ran: --jobs workers may still be leaving)
        runner.reap_workers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):  # a reader that stopped early (| head), or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
