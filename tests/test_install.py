"""The wheel carries the bundled rules: an installed copy, used outside the checkout, lints."""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

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
    # the dependencies come from the environment running the tests (no network needed), through a
    # .pth file (the system site-packages would miss them when the tests run in a venv); the wheel
    # goes in the new venv, and comes first on its path
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    target = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True)
    deps = [p for p in dict.fromkeys(site.getsitepackages() + [site.getusersitepackages()]) if os.path.isdir(p)]
    (Path(target.stdout.strip()) / "test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
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
