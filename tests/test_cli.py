"""The command line: output shape, exit codes, selection, languages and bad input (never a traceback)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from helpers import FIXTURES
from linter import reading
from linter.cli import main
from linter.render.text import width

CLEAN = FIXTURES / "clean" / "reference-clean.txt"


@pytest.fixture
def defective(tmp_path):
    """The clean reference with one wrong mark after an ordinal: line 13 '1.' -> '1、'."""
    text = CLEAN.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[12].startswith("1.进一步强化部分整改措施")
    lines[12] = "1、" + lines[12][2:]
    p = tmp_path / "defective.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def test_clean_notice_exits_zero():
    r = run("check", CLEAN)
    assert r.exit_code == 0, r.output
    assert "共发现 0 个问题" in r.output


def test_finding_line_format_and_caret(defective):
    r = run("check", defective)
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[0] == f"{defective}:13:2: NUM004 [error] 序号“1、”后的标点不规范，应写作“1.”"
    source, caret = lines[1], lines[2]
    # the caret sits under the 、 (display width 2), after the indentation and the '1'
    assert caret.strip() == "^^"
    assert width(source[: caret.index("^")]) == width(source[: source.index("、")])


def test_english_messages(defective):
    r = run("check", "--lang", "en", defective)
    assert "NUM004 [error] wrong mark after ordinal '1、': write '1.'" in r.output
    assert "Found 1 problem(s)" in r.output


def test_json_output(defective):
    r = run("check", "--format", "json", defective)
    data = json.loads(r.output)
    assert data["version"] == 1
    (f,) = data["findings"]
    assert (f["code"], f["name"], f["severity"], f["line"], f["column"], f["end_line"], f["end_column"]) == (
        "NUM004", "numbering-mark", "error", 13, 2, 13, 3,
    )
    assert f["replacement"] == "."
    assert data["summary"]["error"] == 1


@pytest.mark.parametrize("sel", ["NUM004", "NUM", "numbering-mark", "NUM,SEC"])
def test_select_by_code_prefix_or_name(defective, sel):
    r = run("check", "--select", sel, defective)
    assert r.exit_code == 1 and "NUM004" in r.output


@pytest.mark.parametrize("ign", ["NUM004", "NUM00", "numbering-mark"])
def test_ignore(defective, ign):
    r = run("check", "--ignore", ign, defective)
    assert r.exit_code == 0 and "NUM004" not in r.output


def test_unknown_selector_is_usage_error(defective):
    r = run("check", "--select", "XYZ999", defective)
    assert r.exit_code == 2
    assert "unknown rule selector" in r.output


def test_severity_threshold_and_fail_on(tmp_path):
    text = CLEAN.read_text(encoding="utf-8").replace("（3）完善制度", "（4）完善制度", 1)
    p = tmp_path / "gap.txt"
    p.write_text(text, encoding="utf-8")
    r = run("check", p)
    assert "NUM001 [warning]" in r.output and r.exit_code == 0  # warnings do not fail by default
    assert run("check", "--fail-on", "warning", p).exit_code == 1
    r = run("check", "--severity", "error", p)
    assert "NUM001" not in r.output and r.exit_code == 0


def test_stdin():
    r = run("check", "-", input=CLEAN.read_bytes())
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"\x00\x00\x00\x00PK binary", "binary file"),
        (b"\x81\x30\x81", "cannot decode"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_and_others_still_linted(tmp_path, defective, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    r = run("check", bad, defective)
    assert r.exit_code == 2
    assert f"noticelint: {bad}: " in r.output and message in r.output
    assert "NUM004" in r.output  # the good file was still linted
    assert "Traceback" not in r.output


def test_missing_file_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run("check", tmp_path / "nope.txt", tmp_path / "empty")
    assert r.exit_code == 2
    assert "nope.txt: no such file" in r.output
    assert "folder holds no .txt, .md or .docx notice" in r.output


def test_huge_file(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    p = tmp_path / "huge.txt"
    p.write_bytes("通报".encode() * 1000)
    r = run("check", p)
    assert r.exit_code == 2 and "file too large" in r.output


def test_old_word_doc(tmp_path):
    p = tmp_path / "notice.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    r = run("check", p)
    assert r.exit_code == 2 and ".doc is not supported" in r.output


def test_folder_is_searched(tmp_path, defective):
    sub = tmp_path / "notices" / "2025"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_bytes(defective.read_bytes())
    (sub / "ignored.pdf").write_bytes(b"%PDF")
    r = run("check", tmp_path / "notices")
    assert r.exit_code == 1 and "a.txt:13:2: NUM004" in r.output


def test_verbose_reports_gb18030(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(CLEAN.read_text(encoding="utf-8").encode("gb18030"))
    r = CliRunner().invoke(main, ["check", "-v", str(p)])
    assert r.exit_code == 0
    assert "encoding gb18030" in r.output


def test_crlf_positions_match_lf(tmp_path, defective):
    p = tmp_path / "crlf.txt"
    p.write_bytes(defective.read_bytes().replace(b"\n", b"\r\n"))
    r = run("check", "--format", "json", p)
    (f,) = json.loads(r.output)["findings"]
    assert (f["line"], f["column"]) == (13, 2)


def test_rules_and_explain():
    r = run("rules")
    assert r.exit_code == 0 and "NUM004  numbering-mark" in r.output
    r = run("explain", "NUM004")
    assert r.exit_code == 0 and "## NUM004 numbering-mark" in r.output
    r = run("explain", "numbering-mark", "--lang", "en")
    assert "What it checks" in r.output
    assert run("explain", "NOPE01").exit_code == 2


def test_invalid_rule_file_is_one_line_error(tmp_path, defective):
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "rules:\n  - code: ORG001\n    name: my-rule\n    kind: phrase\n    severity: fatal\n"
        "    summary: x\n    message: x\n    options: {pairs: {布署: 部署}}\n",
        encoding="utf-8",
    )
    r = run("check", "--rules", bad, defective)
    assert r.exit_code == 2
    (line,) = [l for l in r.output.splitlines() if l.strip()]
    assert line.startswith(f"noticelint: {bad}:5: rules/0/severity: ")


def test_installed_entry_point_never_prints_a_traceback(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x00\x01")
    proc = subprocess.run([sys.executable, "-m", "linter.cli", "check", str(p)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0


# ---- the console script: a fast exit that loses nothing ------------------------------------------


def console(*args, env_extra=None, stdin=None):
    """The installed ``noticelint`` script's entry point (``linter.console:run``) in its own process."""
    import os

    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-c", "from linter.console import run; run()", *map(str, args)],
        capture_output=True, env=env, input=stdin,
    )


def test_console_script_prints_everything_and_keeps_exit_codes(defective, tmp_path):
    r = console("check", defective)
    assert r.returncode == 1
    assert r.stdout.decode("utf-8") == run("check", defective).output  # every byte flushed before the fast exit
    assert console("check", CLEAN).returncode == 0
    missing = console("check", tmp_path / "nope.txt")
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
    assert b"no such file" in missing.stderr
    assert console("check", "--no-such-flag").returncode == 2  # click's usage error


def test_console_script_writes_the_regex_cache_before_leaving(defective, tmp_path):
    cache = tmp_path / "cache"
    r = console("check", defective, env_extra={"NOTICELINT_CACHE_DIR": str(cache)})
    assert r.returncode == 1
    assert list((cache / "regex").iterdir()), "the patterns compiled in this run were not saved"



def test_console_script_sets_its_gc_threshold_before_click_is_imported():
    """Importing click and the CLI at Python's default threshold ran ~20 collections (~2 ms a start):
    the console module must import nothing heavy before ``run`` raises the threshold."""
    code = "import sys, linter.console; print(sorted(m for m in ('click', 'linter.cli') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


# The run's report (and, through it, every document and finding) must still be alive when the
# process leaves: freeing it one object at a time is work os._exit exists to skip.
KEEPS_ALIVE = """
import os, sys, weakref
import linter.report
freed, made = [], []
init = linter.report.Report.__init__
def tracked(self, *a, **k):
    init(self, *a, **k)
    made.append(1)
    weakref.finalize(self, freed.append, 1)
linter.report.Report.__init__ = tracked
leave = os._exit
def report_and_leave(code):
    print(f"made={len(made)} freed={len(freed)}", file=sys.stderr, flush=True)
    leave(code)
os._exit = report_and_leave
sys.argv = ["noticelint", *sys.argv[1:]]
from linter.console import run
run()
"""


def test_console_script_leaves_without_freeing_the_report(defective):
    r = subprocess.run([sys.executable, "-c", KEEPS_ALIVE, "check", str(defective)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip().splitlines()[-1] == "made=1 freed=0"


REAPS_WORKERS = """
import os, sys
forked = []
fork = os.fork
def recorded_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid
os.fork = recorded_fork
leave = os._exit
def check_and_leave(code):
    if forked:  # (in the main process only: a worker leaves through os._exit too, with nothing forked)
        alive = []
        for pid in forked:
            try:
                os.waitpid(pid, os.WNOHANG)
                alive.append(pid)
            except ChildProcessError:
                pass
        print(f"forked={len(forked)} unreaped={len(alive)}", file=sys.stderr, flush=True)
    leave(code)
os._exit = check_and_leave
sys.argv = ["noticelint", *sys.argv[1:]]
from linter.console import run
run()
"""


def test_console_script_reaps_its_workers_before_leaving(defective, tmp_path):
    files = []
    for i in range(4):
        files.append(tmp_path / f"n{i}.txt")
        files[-1].write_bytes(open(defective, "rb").read())
    r = subprocess.run([sys.executable, "-c", REAPS_WORKERS, "check", "--jobs", "2", *map(str, files)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip().splitlines()[-1] == "forked=1 unreaped=0"
