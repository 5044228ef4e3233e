"""The pre-commit hook: its manifest, and the real ``pre-commit try-repo`` running it on a repository of notices.

try-repo clones the hook repository at its HEAD and adds only *tracked* uncommitted
changes (pre_commit/commands/try_repo.py), so new files not yet committed would be
missing and the test would depend on the state of the checkout. It therefore runs
against a throwaway repository holding one commit of this project's files as they are
on disk: the same in a clean CI clone and in a working tree. pre-commit builds a
virtualenv and pip-installs the project (PyPI must be reachable; about a minute).
Set NOTICELINT_OFFLINE=1 to skip that part (the reason is printed by pytest -ra).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT

CLEAN = FIXTURES / "clean" / "reference-clean.txt"
DEFECT = FIXTURES / "defects" / "ci-changed-notice.txt"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
NOT_PROJECT = {".git", "__pycache__", ".pytest_cache", ".hypothesis", ".venv", "build", "dist"}
GIT_ID = ["-c", "user.name=noticelint-test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]


def test_manifest_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed (pip install -e '.[test]')")
    (hook,) = clientlib.load_manifest(str(HOOKS))
    assert hook["id"] == "noticelint"
    assert hook["language"] == "python"
    assert hook["entry"] == "noticelint check"
    assert hook["pass_filenames"] is True


@pytest.mark.parametrize(
    "name, matched",
    [("通报.txt", True), ("notices/2025/a.md", True), ("A.DOCX", True), ("x.markdown", True),
     ("a.py", False), ("a.txt.bak", False), ("old.doc", False), ("txt", False)],
)
def test_manifest_files_pattern(name, matched):
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert bool(re.search(hook["files"], name)) is matched


def git(*args, cwd, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True, check=check)


def project_files() -> list[str]:
    """Tracked and untracked-but-not-ignored files of the checkout (or every file, without git)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True
    )
    if listed.returncode == 0 and listed.stdout:
        return [n for n in listed.stdout.decode("utf-8").split("\0") if n and (ROOT / n).is_file()]
    out = []
    for base, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in NOT_PROJECT and not d.endswith(".egg-info")]
        out += [os.path.relpath(os.path.join(base, n), ROOT) for n in names if not n.endswith(".pyc")]
    return out


def snapshot(dest: Path) -> Path:
    for name in project_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if os.environ.get("NOTICELINT_OFFLINE") == "1":
        pytest.skip("NOTICELINT_OFFLINE=1: pre-commit would pip-install the hook from PyPI")
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    return snapshot(tmp_path_factory.mktemp("hook-repo"))


def try_repo(hook_repo: Path, work: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "PYTHONPATH", "GIT_"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["NOTICELINT_CACHE_DIR"] = str(home / "noticelint-cache")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "noticelint", "--color", "never", *args],
        cwd=work, capture_output=True, text=True, env=env, timeout=900,
    )


def test_try_repo_fails_on_a_defective_notice_and_passes_on_a_clean_one(hook_repo, tmp_path):
    work = tmp_path / "notices"
    work.mkdir()
    git("init", "-q", cwd=work)
    shutil.copy(CLEAN, work / "clean.txt")
    shutil.copy(DEFECT, work / "整改通报.txt")  # a Chinese file name, as notices have
    (work / "script.py").write_text("print('not a notice')\n", encoding="utf-8")
    git("add", "-A", cwd=work)
    home = tmp_path / "pre-commit-home"

    r = try_repo(hook_repo, work, home, "--all-files")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert re.search(r"noticelint \(巡察整改通报\)\.+Failed", out), out
    assert "整改通报.txt:13:2: NUM004 [error]" in out
    assert "整改通报.txt:17:1: MEA002 [error]" in out
    assert "整改通报.txt:21:1: NUM001 [warning]" in out
    assert "clean.txt:" not in out and "script.py" not in out

    git("rm", "-q", "-f", "整改通报.txt", cwd=work)
    r = try_repo(hook_repo, work, home, "--all-files")
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert re.search(r"noticelint \(巡察整改通报\)\.+Passed", out), out
