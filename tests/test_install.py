"""The wheel carries the bundled rules: an installed copy, used outside the checkout, lints."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

import pytest

from helpers import FIXTURES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = list(wheels.glob("noticelint-*.whl"))
    env_dir = base / "venv"
    # system site-packages provide the dependencies (no network needed); the wheel goes in the venv
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    work = base / "elsewhere"
    work.mkdir()
    shutil.copy(FIXTURES / "clean" / "reference-clean.txt", work / "notice.txt")
    return env_dir, work


def run(env_dir, work, *args):
    exe = env_dir / "bin" / "noticelint"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NOTICELINT_CACHE_DIR"] = str(work / "cache")
    return subprocess.run([str(exe), *args], cwd=work, capture_output=True, text=True, env=env)


def test_installed_copy_is_the_one_used(installed):
    env_dir, work = installed
    out = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", "import linter, linter.ruleset as r; print(linter.__file__); print(r.bundled_rules_dir())"],
        cwd=work, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert out[0].startswith(str(env_dir))
    assert out[1].startswith(str(env_dir)) and out[1].endswith("_bundled_rules")


def test_installed_copy_lints(installed):
    env_dir, work = installed
    r = run(env_dir, work, "check", "notice.txt")
    assert r.returncode == 0, r.stdout + r.stderr
    text = (work / "notice.txt").read_text(encoding="utf-8").replace("1.进一步强化", "1、进一步强化", 1)
    (work / "bad.txt").write_text(text, encoding="utf-8")
    r = run(env_dir, work, "check", "bad.txt")
    assert r.returncode == 1 and "bad.txt:13:2: NUM004" in r.stdout


def test_installed_copy_lists_every_bundled_rule(installed):
    env_dir, work = installed
    r = run(env_dir, work, "rules")
    from linter.ruleset import load_rules

    assert r.returncode == 0
    listed = {line.split()[0] for line in r.stdout.splitlines() if line.strip()}
    assert listed == {rule.code for rule in load_rules()}
