"""The CI integrations under ci/: valid YAML of the right shape, and every command in them runs as written.

Two levels: each ``noticelint …`` line alone, with the changed-files variable replaced by
fixture paths (exit 0 on clean notices, 1 on a defective one, its --output report valid);
then the shell steps of each file in order, in a temporary git repository where a
"pull request" adds a notice, so the listing of changed notices is exercised too.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT

CI = ROOT / "ci"
GITHUB = CI / "github" / "noticelint.yml"
GITLAB = CI / "gitlab" / "noticelint.gitlab-ci.yml"
FILES_VAR = '"${files[@]}"'
CLEAN_FILES = sorted((FIXTURES / "clean").glob("*.txt")) + sorted((FIXTURES / "clean").glob("*.md"))
DEFECT = FIXTURES / "defects" / "ci-changed-notice.txt"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
GIT_ID = ["-c", "user.name=noticelint-test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_steps() -> list[dict]:
    (job,) = load(GITHUB)["jobs"].values()
    return job["steps"]


def gitlab_job() -> dict:
    return load(GITLAB)["noticelint"]


def command_lines() -> list[tuple[str, str]]:
    """(file name, line) for every line of a shell script in ci/ that runs noticelint."""
    scripts = [("github", s["run"]) for s in github_steps() if "run" in s]
    job = gitlab_job()
    scripts += [("gitlab", s) for s in job.get("before_script", []) + job["script"]]
    return [(where, line.strip()) for where, script in scripts for line in script.splitlines() if line.strip().startswith("noticelint ")]


def noticelint_env() -> dict[str, str]:
    exe = shutil.which("noticelint") or str(Path(sys.executable).parent / "noticelint")
    if not Path(exe).exists():
        pytest.fail("the noticelint command is not installed (pip install -e '.[test]')")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "CI_"))}
    env["PATH"] = str(Path(exe).parent) + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture(scope="module")
def bash() -> str:
    exe = shutil.which("bash")
    if exe is None:
        pytest.skip("bash is not installed: the CI scripts are bash")
    major_minor = subprocess.run([exe, "-c", "echo ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"], capture_output=True, text=True).stdout.split(".")
    if tuple(int(x) for x in major_minor) < (4, 4):
        pytest.skip("bash older than 4.4 has no 'mapfile -d' (GitHub and GitLab images have bash 5)")
    return exe


def sarif_validator():
    import jsonschema

    if not SARIF_SCHEMA.is_file():
        pytest.fail(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (expected ../shared/schemas/ next to the repository)")
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def output_of(line: str) -> str | None:
    args = shlex.split(line.replace(FILES_VAR, ""))
    return args[args.index("--output") + 1] if "--output" in args else None


def check_report(path: Path, fmt_line: str, defective: bool) -> None:
    """The report a CI line wrote is the format the CI system reads."""
    if "--format sarif" in fmt_line:
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = list(sarif_validator().iter_errors(data))
        assert not errors, errors[0].message
        assert bool(data["runs"][0]["results"]) is defective
    elif "--format gitlab" in fmt_line:
        issues = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(issues, list) and bool(issues) is defective
        assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    elif "--format junit" in fmt_line:
        root = ET.fromstring(path.read_bytes())
        assert (root.get("failures") != "0") is defective
    else:
        pytest.fail(f"no check for the report of: {fmt_line}")


# ---------------------------------------------------------------- shape


def test_ci_files_are_valid_yaml_with_readmes():
    found = sorted(p for p in CI.rglob("*") if p.suffix in (".yml", ".yaml"))
    assert found == sorted([GITHUB, GITLAB])
    for p in found:
        assert isinstance(load(p), dict), p
        assert (p.parent / "README.md").is_file(), f"{p.parent} has no README.md"


def test_github_workflow_shape():
    wf = load(GITHUB)
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare 'on' key as true
    assert "pull_request" in triggers
    assert wf["permissions"]["security-events"] == "write"
    steps = github_steps()
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    (sarif_line,) = [ln for w, ln in command_lines() if w == "github" and "--format sarif" in ln]
    assert upload["with"]["sarif_file"] == output_of(sarif_line)
    assert "always()" in upload["if"]
    assert [ln for w, ln in command_lines() if w == "github" and "--format github" in ln]
    sarif_step = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert sarif_step["continue-on-error"] is True  # findings must not stop the upload


def test_gitlab_job_shape():
    job = gitlab_job()
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    lines = [ln for w, ln in command_lines() if w == "gitlab"]
    (cq,) = [ln for ln in lines if "--format gitlab" in ln]
    (junit,) = [ln for ln in lines if "--format junit" in ln]
    assert reports["codequality"] == output_of(cq)
    assert reports["junit"] == output_of(junit)
    assert job["variables"]["GIT_DEPTH"] == "0"


# ---------------------------------------------------------------- each command line


@pytest.mark.parametrize("where, line", command_lines(), ids=[f"{w}:{ln}" for w, ln in command_lines()])
@pytest.mark.parametrize("defective", [False, True], ids=["clean", "defective"])
def test_every_command_line_runs_as_written(where, line, defective, tmp_path, bash):
    assert FILES_VAR in line, "each command lints the changed notices"
    runnable = line[: -len("|| true")].rstrip() if line.endswith("|| true") else line
    paths = CLEAN_FILES + ([DEFECT] if defective else [])
    # a copy with a Chinese name and a space, as notices are often named
    odd = tmp_path / "整改 通报.txt"
    shutil.copy(DEFECT if defective else CLEAN_FILES[0], odd)
    paths.append(odd)
    cmd = runnable.replace(FILES_VAR, " ".join(shlex.quote(str(p)) for p in paths))
    r = subprocess.run([bash, "-c", cmd], cwd=tmp_path, capture_output=True, text=True, env=noticelint_env())
    assert "Traceback" not in r.stderr, r.stderr  # a crash also exits 1
    assert r.returncode == (1 if defective else 0), f"{cmd}\n{r.stdout}\n{r.stderr}"
    out = output_of(line)
    if out:
        check_report(tmp_path / out, line, defective)
    else:
        assert ("整改 通报.txt:13:2: NUM004" in r.stdout) is defective or "--format github" in line
        if "--format github" in line and defective:
            assert "::error file=" in r.stdout and "整改 通报.txt,line=13,col=2," in r.stdout


# ---------------------------------------------------------------- whole scripts in a git repository


@pytest.fixture
def pr_repo(tmp_path):
    """A repository whose base commit has a clean notice; HEAD adds a defective one and a script."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "notices").mkdir(parents=True)

    def git(*args):
        return subprocess.run(["git", *GIT_ID, *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q")
    shutil.copy(CLEAN_FILES[0], repo / "notices" / "old.txt")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    shutil.copy(DEFECT, repo / "notices" / "新 通报.txt")
    (repo / "tool.py").write_text("print(1)\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "pull request")
    return repo, base, git


def run_script(bash: str, script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    # both runners stop a script at the first failing command (GitHub: bash -e; GitLab: set -eo pipefail)
    r = subprocess.run([bash, "-eo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True, env=env)
    assert "Traceback" not in r.stderr, r.stderr  # a crash also exits 1
    return r


def test_github_steps_in_a_pull_request(pr_repo, bash, tmp_path):
    repo, base, _ = pr_repo
    steps = {s.get("name"): s for s in github_steps()}
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = noticelint_env() | {"RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(tmp_path / "output"), "BASE_SHA": base}

    r = run_script(bash, steps["List the notices to lint"]["run"], repo, env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "output").read_text() == "count=1\n"
    assert (temp / "notices.list").read_bytes() == "notices/新 通报.txt\0".encode("utf-8")

    r = run_script(bash, steps["Lint for code scanning (SARIF)"]["run"], repo, env)
    assert r.returncode == 1  # findings; continue-on-error lets the upload run
    sarif = json.loads((repo / "noticelint.sarif").read_text(encoding="utf-8"))
    assert not list(sarif_validator().iter_errors(sarif))
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in sarif["runs"][0]["results"]}
    assert uris == {"notices/%E6%96%B0%20%E9%80%9A%E6%8A%A5.txt"}

    r = run_script(bash, steps["Annotate the pull request"]["run"], repo, env)
    assert r.returncode == 1
    assert "::error file=notices/新 通报.txt,line=13,col=2,endLine=13,endColumn=2,title=NUM004::" in r.stdout

    # on a push to the default branch (no base) every notice is listed
    (tmp_path / "output").unlink()
    r = run_script(bash, steps["List the notices to lint"]["run"], repo, env | {"BASE_SHA": ""})
    assert r.returncode == 0 and (tmp_path / "output").read_text() == "count=2\n"


def test_gitlab_script_in_a_merge_request(pr_repo, bash):
    repo, base, git = pr_repo
    script = "\n".join(gitlab_job()["script"])
    env = noticelint_env() | {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}
    r = run_script(bash, script, repo, env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "1 notice(s) to lint" in r.stdout
    assert "notices/新 通报.txt:13:2: NUM004 [error]" in r.stdout
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {i["location"]["path"] for i in issues} == {"notices/新 通报.txt"}
    assert ("NUM004", 13, "major") in {(i["check_name"], i["location"]["lines"]["begin"], i["severity"]) for i in issues}
    assert ET.parse(repo / "noticelint-junit.xml").getroot().get("failures") != "0"

    # a merge request that touches no notice: an empty report, the job passes
    for name in ("gl-code-quality-report.json", "noticelint-junit.xml", "notices.list"):
        (repo / name).unlink()
    head = git("rev-parse", "HEAD")
    r = run_script(bash, script, repo, env | {"CI_MERGE_REQUEST_DIFF_BASE_SHA": head})
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads((repo / "gl-code-quality-report.json").read_text()) == []
