"""Many files: folder search, exclude globs, .gitignore files, per-file ignores, and --jobs with a stable output."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from helpers import FIXTURES, bundled_rules, run_cli, stderr_of
from linter.ignore import IgnoreRules
from linter.reading import collect_paths
from linter.render import RENDERERS

CLEAN_TEXT = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")


run = run_cli




def make(root: Path, *names: str, text: str = CLEAN_TEXT) -> None:
    for n in names:
        p = root / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def linted(result) -> list[str]:
    """The files a JSON report covers, as POSIX paths."""
    return [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, "docs/a.txt", "docs/b.md", "docs/sub/c.txt", "docs/sub/deeper/d.md", "docs/.hidden/e.txt", "docs/.f.txt", "docs/~$g.docx", "docs/notes.rst")
    return tmp_path


# ---- folder search ------------------------------------------------------------------------------


def test_folders_are_searched_recursively_sorted_skipping_hidden_and_other_files(tree):
    files, errors = collect_paths(["docs"])
    assert errors == []
    assert [Path(f).as_posix() for f in files] == ["docs/a.txt", "docs/b.md", "docs/sub/c.txt", "docs/sub/deeper/d.md"]


def test_a_file_named_twice_is_linted_once(tree):
    files, _ = collect_paths(["docs/sub", "docs/sub/c.txt", "./docs/sub/c.txt"])
    assert [Path(f).as_posix() for f in files] == ["docs/sub/c.txt", "docs/sub/deeper/d.md"]


def test_no_path_means_the_current_folder(tree, monkeypatch):
    monkeypatch.chdir(tree / "docs" / "sub")
    r = run("check", "--isolated", "--format", "json")
    assert linted(r) == ["c.txt", "deeper/d.md"]
    assert r.exit_code == 0


def test_an_empty_folder_is_an_error_but_a_fully_excluded_one_is_not(tree):
    (tree / "empty").mkdir()
    r = run("check", "--isolated", "empty")
    assert r.exit_code == 2 and "folder holds no .txt, .md or .docx notice" in stderr_of(r)
    r = run("check", "--isolated", "--exclude", "*.md", "--exclude", "*.txt", "--format", "json", "docs")
    assert r.exit_code == 0 and linted(r) == []


# ---- exclude --------------------------------------------------------------------------------------


def test_exclude_globs_from_the_command_line(tree):
    r = run("check", "--isolated", "--exclude", "sub/deeper/", "--exclude", "*.md", "--format", "json", "docs")
    assert linted(r) == ["docs/a.txt", "docs/sub/c.txt"]


def test_exclude_globs_from_configuration_are_relative_to_its_folder(tree, monkeypatch):
    (tree / "noticelint.yaml").write_text("exclude: ['/docs/sub/', 'b.md']\n", encoding="utf-8")
    r = run("check", "--format", "json", "docs")
    assert linted(r) == ["docs/a.txt"]
    monkeypatch.chdir(tree / "docs")  # the same globs from a subfolder: still anchored at the config's folder
    r = run("check", "--format", "json", ".")
    assert linted(r) == ["a.txt"]


def test_explicit_files_are_linted_unless_force_exclude(tree):
    r = run("check", "--isolated", "--exclude", "*.md", "--format", "json", "docs/b.md", "docs/a.txt")
    assert linted(r) == ["docs/b.md", "docs/a.txt"]
    r = run("check", "--isolated", "--exclude", "*.md", "--force-exclude", "--format", "json", "docs/b.md", "docs/a.txt")
    assert linted(r) == ["docs/a.txt"]
    r = run("check", "--isolated", "--exclude", "sub/", "--force-exclude", "--format", "json", "docs/sub/deeper/d.md")
    assert linted(r) == []  # inside an excluded folder


# ---- .gitignore ------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git work tree: a root .gitignore, a nested one with a negation, and .git/info/exclude."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("*.local.txt\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("# build output\nbuild/\n*.tmp.md\n", encoding="utf-8")
    make(tmp_path, "notices/a.txt", "notices/x.tmp.md", "notices/y.local.txt", "notices/build/b.txt", "notices/drafts/c.txt", "notices/drafts/keep.txt")
    (tmp_path / "notices" / "drafts" / ".gitignore").write_text("*.txt\n!keep.txt\n", encoding="utf-8")
    make(tmp_path, "notices/build/keep.txt")  # re-included by name below, but inside an ignored folder: stays ignored
    return tmp_path


def test_gitignore_files_are_honoured(repo):
    r = run("check", "--isolated", "--format", "json", "notices")
    assert linted(r) == ["notices/a.txt", "notices/drafts/keep.txt"]


def test_the_repository_root_gitignore_applies_when_searching_a_subfolder(repo, monkeypatch):
    monkeypatch.chdir(repo / "notices")
    r = run("check", "--isolated", "--format", "json", "build", "drafts")
    # build/ is ignored by the root .gitignore even though the search starts inside it
    assert linted(r) == ["drafts/keep.txt"]


def test_gitignore_can_be_turned_off(repo):
    expected = [
        "notices/a.txt",
        "notices/x.tmp.md",
        "notices/y.local.txt",
        "notices/build/b.txt",
        "notices/build/keep.txt",
        "notices/drafts/c.txt",
        "notices/drafts/keep.txt",
    ]
    r = run("check", "--isolated", "--no-respect-gitignore", "--format", "json", "notices")
    assert linted(r) == expected
    (repo / "noticelint.yaml").write_text("respect-gitignore: false\n", encoding="utf-8")
    assert linted(run("check", "--format", "json", "notices")) == expected


def test_gitignore_outside_a_repository_uses_the_searched_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, "n/a.txt", "n/old/b.txt")
    (tmp_path / "n" / ".gitignore").write_text("old/\n", encoding="utf-8")
    assert IgnoreRules().gitignored(str((tmp_path / "n" / "old").resolve()), True, str((tmp_path / "n").resolve()))
    files, _ = collect_paths(["n"], ignore=IgnoreRules())
    assert [Path(f).as_posix() for f in files] == ["n/a.txt"]


def test_ignored_explicit_file_with_force_exclude(repo):
    r = run("check", "--isolated", "--force-exclude", "--format", "json", "notices/build/b.txt", "notices/drafts/c.txt", "notices/a.txt")
    assert linted(r) == ["notices/a.txt"]
    r = run("check", "--isolated", "--format", "json", "notices/build/b.txt")
    assert linted(r) == ["notices/build/b.txt"]


# ---- per-file ignores ----------------------------------------------------------------------------


def gap_text() -> str:
    lines = CLEAN_TEXT.split("\n")
    assert lines[9].startswith("（五）")
    lines[9] = "（六）" + lines[9][3:]
    return "\n".join(lines)


def test_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, "notices/final/a.txt", "notices/drafts/a.txt", "notices/drafts/b.md", text=gap_text())
    (tmp_path / "noticelint.yaml").write_text("select: [NUM]\nper-file-ignores:\n  'drafts/*.txt': [NUM001]\n  '**/b.md': [numbering-gap]\n", encoding="utf-8")
    r = run("check", "--format", "json", "notices")
    found = [(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in json.loads(r.stdout)["findings"]]
    # 'drafts/*.txt' has a slash: it is anchored at the config's folder and matches nothing here
    assert found == [("notices/drafts/a.txt", 10, "NUM001"), ("notices/final/a.txt", 10, "NUM001")]
    (tmp_path / "noticelint.yaml").write_text("select: [NUM]\nper-file-ignores:\n  'notices/drafts/': [NUM]\n", encoding="utf-8")
    r = run("check", "--format", "json", "notices")
    found = [(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in json.loads(r.stdout)["findings"]]
    assert found == [("notices/final/a.txt", 10, "NUM001")]


# ---- --jobs -------------------------------------------------------------------------------------------


def varied(i: int) -> str:
    """Generated notices with a mix of defects, different per file."""
    rng = random.Random(i)
    text = CLEAN_TEXT
    if i % 3 == 0:
        text = gap_text()
    if i % 4 == 1:
        text = text.replace("1.进一步强化", "1、进一步强化", 1)
    if i % 5 == 2:
        text = text.replace("0760-87161456", "0760-8716145", 1)
    if i % 7 == 3:
        text = text.replace("公开期限：2025年9月12日至26日", f"公开期限：2025年9月12日至{rng.randint(13, 14)}日", 1)
    return text


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    for i in range(48):
        sub = root / f"batch{i % 4}"
        sub.mkdir(exist_ok=True)
        (sub / f"notice-{i:03d}.txt").write_text(varied(i), encoding="utf-8")
    (root / "batch1" / "broken.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.mark.parametrize("fmt", list(RENDERERS))  # every format: text and junit quote each finding's line (render.quotes_source)
def test_parallel_output_is_identical_to_serial(many, fmt):
    args = ["check", "--isolated", "--select", "NUM,CON,DSC", "--format", fmt, many]
    serial = run(*args, "--jobs", "1")
    parallel = run(*args, "--jobs", "4")
    auto = run(*args, "--jobs", "0")
    assert serial.exit_code == parallel.exit_code == auto.exit_code == 2  # the binary file is an input error
    assert serial.stdout == parallel.stdout == auto.stdout
    assert stderr_of(serial) == stderr_of(parallel) == stderr_of(auto)
    assert "broken.txt: binary file" in stderr_of(serial)
    if fmt == "json":
        data = json.loads(serial.stdout)
        assert len(data["files"]) == 49
        assert len(data["findings"]) >= 30
        paths = [f["path"] for f in data["files"] if not f["error"]]
        assert paths == sorted(paths)


def test_workers_send_only_the_source_lines_the_report_quotes(many, monkeypatch):
    """Text without source, json, sarif... read no line: a worker then sends documents without text."""
    from linter import runner

    asked = []
    real = runner.run_all
    monkeypatch.setattr(runner, "run_all", lambda fl, items, opts, jobs=1: (asked.append(opts.source_lines), real(fl, items, opts, jobs))[1])
    for args, quoted in ((["--no-source"], False), ([], True), (["--format", "junit"], True), (["--format", "json"], False), (["--format", "sarif"], False)):
        run("check", "--isolated", "--select", "NUM", *args, many)
        assert asked.pop() is quoted, args
    notice = str(next(many.rglob("notice-001.txt")))  # (its 1、 is a NUM004 finding)
    linter_ = runner.FileLinter(list(bundled_rules()), runner.Settings())
    for quoted in (True, False):
        out = runner._run_portable(linter_, (notice, frozenset(), runner.RunOptions(source_lines=quoted)))
        assert out.restored().result.findings and any(out.result.document.lines) is quoted
    serial = run("check", "--isolated", "--select", "NUM,CON,DSC", "--no-source", "--jobs", "1", many)
    parallel = run("check", "--isolated", "--select", "NUM,CON,DSC", "--no-source", "--jobs", "3", many)
    assert serial.stdout == parallel.stdout and serial.stdout.count("\n") > 30


def test_jobs_from_configuration_and_parallel_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rule = tmp_path / "r.yaml"
    rule.write_text(
        "rules:\n  - code: TST001\n    name: test-bad-word\n    kind: pattern\n    severity: warning\n    fix: safe\n"
        "    options: {regex: '坏词', replacement: '好词'}\n    summary: t\n    message: t\n",
        encoding="utf-8",
    )
    (tmp_path / "noticelint.yaml").write_text("jobs: 3\nrules: [r.yaml]\nselect: [TST]\n", encoding="utf-8")
    for i in range(12):
        (tmp_path / "n").mkdir(exist_ok=True)
        (tmp_path / "n" / f"{i:02d}.md").write_text("坏词\n" * (i % 3) + "正文\n", encoding="utf-8")
    diff_serial = run("check", "--diff", "--jobs", "1", "n")
    diff_parallel = run("check", "--diff", "n")
    assert diff_serial.stdout == diff_parallel.stdout and diff_serial.stdout.count("+++ ") == 8
    r = run("check", "--fix", "n")
    assert r.exit_code == 0
    assert all("坏词" not in p.read_text(encoding="utf-8") for p in (tmp_path / "n").iterdir())
    assert (tmp_path / "n" / "02.md").read_text(encoding="utf-8") == "好词\n好词\n正文\n"


def test_parallel_run_falls_back_to_this_process_when_processes_are_unavailable(many, monkeypatch):
    import concurrent.futures
    import os

    from linter import runner

    class NoProcesses:
        def __init__(self, *a, **kw):
            raise OSError("no processes here")

    def no_fork():
        raise OSError("no processes here")

    serial = run("check", "--isolated", "--select", "NUM", "--format", "json", "--jobs", "1", many)
    monkeypatch.setattr(os, "fork", no_fork)
    fallback = run("check", "--isolated", "--select", "NUM", "--format", "json", "--jobs", "4", many)
    assert fallback.stdout == serial.stdout and fallback.exit_code == serial.exit_code
    monkeypatch.setattr(runner, "CAN_FORK", False)  # a system without fork (Windows): the process pool, which fails here too
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    fallback = run("check", "--isolated", "--select", "NUM", "--format", "json", "--jobs", "4", many)
    assert fallback.stdout == serial.stdout and fallback.exit_code == serial.exit_code


def test_without_fork_a_process_pool_gives_the_same_output(many, monkeypatch):
    from linter import runner

    for fmt in ("json", "text"):  # (text: each file's lines are made in the pool's processes)
        serial = run("check", "--isolated", "--select", "NUM,CON", "--format", fmt, "--jobs", "1", many)
        with monkeypatch.context() as m:
            m.setattr(runner, "CAN_FORK", False)
            pooled = run("check", "--isolated", "--select", "NUM,CON", "--format", fmt, "--jobs", "2", many)
        assert pooled.stdout == serial.stdout and pooled.exit_code == serial.exit_code


def _dies_at_once(monkeypatch, runner):
    import pickle

    def broken_dumps(*a, **kw):
        raise RuntimeError("worker died")

    monkeypatch.setattr(pickle, "dumps", broken_dumps)  # only workers pickle


def _dies_after_two(monkeypatch, runner):
    real, made = runner._run_portable, []

    def run_portable(*a):
        made.append(1)
        if len(made) > 2:
            raise RuntimeError("worker died")
        return real(*a)

    monkeypatch.setattr(runner, "_run_portable", run_portable)  # only workers call it


def _sends_garbage_after_two(monkeypatch, runner):
    real, sent = runner.ResultSender.send, []

    def send(self, obj):
        sent.append(1)
        if len(sent) == 3:  # a frame that does not load: the parent must not trust what follows
            data = b"not a pickle"
            self.pending.append(memoryview(len(data).to_bytes(runner.FRAME, "little") + data))
            return self._write()
        return real(self, obj)

    monkeypatch.setattr(runner.ResultSender, "send", send)


@pytest.mark.parametrize("how", [_dies_at_once, _dies_after_two, _sends_garbage_after_two])
def test_the_share_of_a_worker_that_dies_is_linted_here(many, monkeypatch, how):
    """Whatever a worker fails to send back (it dies at once, after some outcomes, or sends a broken frame) is linted here."""
    from linter import runner

    serial = run("check", "--isolated", "--select", "NUM,CON", "--format", "json", "--jobs", "1", many)
    how(monkeypatch, runner)
    parallel = run("check", "--isolated", "--select", "NUM,CON", "--format", "json", "--jobs", "3", many)
    assert parallel.stdout == serial.stdout and parallel.exit_code == serial.exit_code


def test_results_cross_in_frames_and_a_full_pipe_never_blocks_the_worker():
    """A worker sends more than the pipe holds while the parent reads nothing: every send returns at once,
    and the parent then gets every frame, in order."""
    import os
    import select

    from linter.runner import ResultReceiver, ResultSender

    r, w = os.pipe()
    sent_r, sent_w = os.pipe()
    items = [(k, "问题" * 3000) for k in range(40)]  # ~720 kB: ten times a pipe's capacity
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(r)
            sender = ResultSender(w)
            for item in items:
                sender.send(item)  # returns at once even when the pipe is full
            os.write(sent_w, b"x")  # every send has returned; the parent has read nothing yet
            code = 0 if sender.pending else 3  # what the pipe could not take waits here
            sender.close()
        finally:
            os._exit(code)
    os.close(w)
    assert select.select([sent_r], [], [], 30)[0], "the worker's sends waited for the parent"
    receiver = ResultReceiver(pid, r)
    got = receiver.poll()
    assert got  # what has arrived, loaded without waiting for the worker's end
    got += receiver.finish()
    assert got == items and not receiver.broken
    assert os.waitpid(pid, 0)[1] == 0  # (the worker's code: its last sends had waited in it, not in a blocked write)
    os.close(sent_r)
    os.close(sent_w)


def test_the_work_queue_gives_each_item_once_to_whoever_asks():
    """Two processes take from one queue: every index exactly once, each in queue order, past the pipe's capacity."""
    import os

    from linter.runner import WorkQueue

    n = 40_000  # 160 kB of tokens: more than a pipe holds, so the writer must run beside the readers
    queue = WorkQueue(list(range(n - 1, -1, -1)))
    results_r, results_w = os.pipe()
    first_r, first_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker: says when it has its first item, then sends every index it took
        try:
            os.close(results_r)
            queue.reader()
            taken = []
            for k in queue.take():
                taken.append(k)
                if len(taken) == 1:
                    os.write(first_w, b"x")
            with os.fdopen(results_w, "wb") as out:
                out.write(b"".join(k.to_bytes(4, "little") for k in taken))
        finally:
            os._exit(0)
    os.close(results_w)
    queue.start_writing()
    mine = []
    for k in queue.take():
        mine.append(k)
        if len(mine) == 1:
            assert os.read(first_r, 1) == b"x"  # both hold an item now
    for fd in (queue.r, first_r, first_w):
        os.close(fd)
    with os.fdopen(results_r, "rb") as inp:
        data = inp.read()
    os.waitpid(pid, 0)
    theirs = [int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4)]
    assert mine and theirs
    assert sorted(mine + theirs) == list(range(n))  # each index once, none lost
    assert mine == sorted(mine, reverse=True) and theirs == sorted(theirs, reverse=True)  # in the queue's order


def test_workers_are_reaped_before_the_next_run_and_by_reap_workers(many):
    """The main process does not wait for a worker to end once its last outcome is read (~1.5 ms each):
    the workers are reaped by the next parallel run, or by ``reap_workers`` (the console script's exit)."""
    import os

    from linter import runner

    def reaped(pid: int) -> bool:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return False

    run("check", "--isolated", "--select", "NUM", "--jobs", "3", many)
    first = list(runner._leaving)
    assert len(first) == 2  # two workers beside this process
    run("check", "--isolated", "--select", "NUM", "--jobs", "2", many)
    assert all(map(reaped, first)) and len(runner._leaving) == 1 and runner._leaving[0] not in first
    second = list(runner._leaving)
    runner.reap_workers()
    assert runner._leaving == [] and all(map(reaped, second))


def test_a_text_report_is_written_where_each_file_is_linted(many, monkeypatch, tmp_path):
    """With the text format and no baseline, each file is kept as its lines of the report, made in the
    process that linted it: a worker sends one string and no finding, and the output is the same."""
    from linter import runner
    from linter.render.text import TextStyle

    asked = []
    real = runner.run_all
    monkeypatch.setattr(runner, "run_all", lambda fl, items, opts, jobs=1: (asked.append(opts), real(fl, items, opts, jobs))[1])
    args = ["check", "--isolated", "--select", "NUM,CON,DSC", many]
    empty = tmp_path / "empty.json"
    assert run("check", "--isolated", "--select", "RES006", "--write-baseline", str(empty), many).exit_code == 2  # (broken.txt)
    assert asked[-1].text is None  # a baseline reads every finding of the run first
    for jobs in ("1", "2"):
        kept = run(*args, "--jobs", jobs)
        assert isinstance(asked[-1].text, TextStyle) and asked[-1].text.show_source
        whole = run(*args, "--jobs", jobs, "--baseline", str(empty))  # (hides nothing: every finding kept until the report)
        assert asked[-1].text is None
        assert kept.stdout == whole.stdout and kept.exit_code == whole.exit_code and kept.stdout.count("\n") > 30
    run(*args, "--format", "json")
    assert asked[-1].text is None  # (json reads the findings)
    notice = str(next(many.rglob("notice-001.txt")))
    linter_ = runner.FileLinter(list(bundled_rules()), runner.Settings())
    opts = runner.RunOptions(source_lines=True, text=TextStyle(), min_severity=runner.Severity.ERROR)
    out = runner._run_portable(linter_, (notice, frozenset(), opts))
    assert out.finding_rows == ([], []) and out.result.document is None
    assert out.result.text and set(out.result.tally) == {runner.Severity.ERROR}  # (warnings left out where linted)
    lines = out.result.text.split("\n")
    assert sum(line.startswith(f"{notice}:") for line in lines) == out.result.tally[runner.Severity.ERROR]
    assert lines[1].startswith("    ") and "[warning]" not in out.result.text  # (source quoted; warnings left out)
