"""Baselines: recorded findings are hidden by content (not line), counted, and stale entries reported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli, stderr_of
from linter.baseline import VERSION, Baseline, line_context
from linter.model import Finding, Severity

CLEAN = FIXTURES / "clean" / "reference-clean.txt"


run = run_cli




def reference_lines() -> list[str]:
    return CLEAN.read_text(encoding="utf-8").split("\n")


def save(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def with_gap(lines: list[str]) -> list[str]:
    """Line 10 '（五）' (last of its series) written '（六）': one NUM001 at 10:1."""
    assert lines[9].startswith("（五）")
    out = list(lines)
    out[9] = "（六）" + out[9][3:]
    return out


def findings(result) -> list[tuple[str, int, int, str]]:
    return [(Path(f["path"]).name, f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)["findings"]]


def finding(path="a.txt", code="NUM001", start=20, matched="六", context="前文前文前文前文前文前文六后文", line=1) -> Finding:
    return Finding(path, code, "n", Severity.WARNING, "m", line, 1, line, 2, start, start + len(matched), matched=matched, context=context)


# ---- the key ------------------------------------------------------------------------------


def test_context_is_cut_at_line_breaks():
    # the 12 characters before the match cross a line break: only the match's own line is kept
    f = Finding("a.txt", "NUM001", "n", Severity.WARNING, "m", 2, 2, 2, 3, 20, 21, matched="六", context="一二三四五六七八九。\n（六）坚持")
    assert line_context(f) == "（六）坚持"
    g = Finding("a.txt", "NUM001", "n", Severity.WARNING, "m", 1, 1, 1, 2, 3, 4, matched="X", context="abcXdef\nnext")
    assert line_context(g) == "abcXdef"  # fewer than 12 characters before: all of them belong to the match's line


def test_identical_findings_are_counted(tmp_path):
    path = str(tmp_path / "b.json")
    same = [finding(start=20), finding(start=90)]
    b = Baseline.from_findings(path, same)
    assert list(b.counts.values()) == [2]
    kept, hidden = b.filter("a.txt", [finding(start=20), finding(start=90), finding(start=150)])
    assert hidden == 2 and [f.start for f in kept] == [150]  # the third one is new
    assert b.stale() == []


def test_stale_only_for_files_linted_in_this_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    b = Baseline.from_findings(str(tmp_path / "b.json"), [finding(path="a.txt"), finding(path="other.txt")])
    b.filter("a.txt", [])
    stale = b.stale()
    assert [(k[0], k[1], n) for k, n in stale] == [("a.txt", "NUM001", 1)]


def test_file_format_is_versioned_sorted_and_relative_to_the_baseline_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ci").mkdir()
    b = Baseline.from_findings("ci/baseline.json", [finding(path="notices/z.txt", code="NUM002"), finding(path="notices/a.txt")])
    b.write()
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == VERSION == 1
    assert [(e["path"], e["code"], e["count"]) for e in data["findings"]] == [("../notices/a.txt", "NUM001", 1), ("../notices/z.txt", "NUM002", 1)]
    assert set(data["findings"][0]) == {"path", "code", "matched", "context", "count"}
    again = Baseline.load("ci/baseline.json")
    assert again.counts == b.counts


# ---- through the command line -------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    save(tmp_path / "notices" / "gap.txt", with_gap(reference_lines()))
    save(tmp_path / "notices" / "clean.txt", reference_lines())
    return tmp_path


def test_write_then_use_hides_everything(project):
    r = run("check", "--isolated", "--select", "NUM", "--write-baseline", "nl-baseline.json", "notices")
    assert r.exit_code == 0
    assert "1" in stderr_of(r) and "nl-baseline.json" in stderr_of(r)
    entries = json.loads((project / "nl-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["code"], e["matched"]) for e in entries] == [("notices/gap.txt", "NUM001", "（六）")]
    r = run("check", "--isolated", "--select", "NUM", "--fail-on", "warning", "--baseline", "nl-baseline.json", "--format", "json", "notices")
    assert r.exit_code == 0 and findings(r) == []
    assert stderr_of(r) == ""


def test_a_paragraph_added_right_above_does_not_bring_a_finding_back(project):
    run("check", "--isolated", "--select", "NUM", "--write-baseline", "b.json", "notices")
    lines = with_gap(reference_lines())
    lines.insert(9, "本段为新增内容，位于问题行的正上方。")
    lines.insert(2, "另一新增段落。")
    save(project / "notices" / "gap.txt", lines)
    r = run("check", "--isolated", "--select", "NUM", "--baseline", "b.json", "--format", "json", "notices")
    assert findings(r) == [] and r.exit_code == 0
    assert stderr_of(r) == ""


def test_a_new_finding_is_reported_and_a_second_identical_one_is_new(project):
    run("check", "--isolated", "--select", "NUM", "--write-baseline", "b.json", "notices")
    lines = with_gap(reference_lines())
    # a second gap: line 187 '（三）', the last of its series, written '（四）' (NUM001 at 187:1)
    assert lines[186].startswith("（三）聚焦短板") and lines[191].startswith("四、")
    lines[186] = "（四）" + lines[186][3:]
    save(project / "notices" / "gap.txt", lines)
    r = run("check", "--isolated", "--select", "NUM", "--baseline", "b.json", "--format", "json", "notices")
    assert findings(r) == [("gap.txt", 187, 1, "NUM001")]
    assert r.exit_code == 0  # a warning; the default fail-on is error


def test_counted_duplicates_through_the_cli(project):
    """Two identical lines with the same defect are recorded as count 2; a third identical one is new."""
    base = reference_lines()

    def notice(copies: int) -> list[str]:
        # a phone number one digit short (CON003), repeated on identical lines at the end
        return base[:-1] + ["联系电话：0760-8716145（工作时间）。"] * copies + base[-1:]

    save(project / "notices" / "dup.txt", notice(2))
    r = run("check", "--isolated", "--select", "CON003", "--format", "json", "notices/dup.txt")
    first = findings(r)
    assert len(first) == 2 and {c for *_, c in first} == {"CON003"}, first
    run("check", "--isolated", "--select", "CON003", "--write-baseline", "b.json", "notices/dup.txt")
    entries = json.loads((project / "b.json").read_text(encoding="utf-8"))["findings"]
    assert [e["count"] for e in entries] == [2]
    save(project / "notices" / "dup.txt", notice(3))
    r = run("check", "--isolated", "--select", "CON003", "--baseline", "b.json", "--format", "json", "notices/dup.txt")
    assert len(findings(r)) == 1


def test_stale_entries_go_to_stderr_and_do_not_fail(project):
    run("check", "--isolated", "--select", "NUM", "--write-baseline", "b.json", "notices")
    save(project / "notices" / "gap.txt", reference_lines())  # fixed
    r = run("check", "--isolated", "--select", "NUM", "--baseline", "b.json", "--lang", "en", "notices")
    assert r.exit_code == 0
    assert stderr_of(r).strip() == "noticelint: b.json: stale entry: notices/gap.txt NUM001 '（六）' no longer found (refresh with --write-baseline)"
    r = run("check", "--isolated", "--select", "NUM", "--baseline", "b.json", "notices/clean.txt")
    assert stderr_of(r) == ""  # gap.txt was not linted: its entry is not judged


def test_baseline_works_from_another_working_folder(project, monkeypatch):
    run("check", "--isolated", "--select", "NUM", "--write-baseline", "ci/b.json", "notices")
    monkeypatch.chdir(project / "notices")
    r = run("check", "--isolated", "--select", "NUM", "--baseline", "../ci/b.json", "--format", "json", ".")
    assert findings(r) == [] and stderr_of(r) == ""


def test_baseline_from_configuration(project):
    run("check", "--isolated", "--select", "NUM", "--write-baseline", "ci/b.json", "notices")
    (project / "noticelint.yaml").write_text("select: [NUM]\nbaseline: ci/b.json\n", encoding="utf-8")
    r = run("check", "--format", "json", "notices")
    assert findings(r) == []
    r = run("check", "--isolated", "--select", "NUM", "--format", "json", "notices")
    assert findings(r) == [("gap.txt", 10, 1, "NUM001")]


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "no such baseline file"),
        ("{not json", "baseline is not valid JSON"),
        ('{"version": 99, "findings": []}', "not a noticelint baseline of version 1"),
        ('{"version": 1, "findings": [{"path": "a.txt"}]}', "findings/0: an entry needs path, code, matched and context"),
    ],
)
def test_bad_baseline_is_a_clean_error(project, content, message):
    if content is not None:
        (project / "b.json").write_text(content, encoding="utf-8")
    r = run("check", "--isolated", "--baseline", "b.json", "notices")
    assert r.exit_code == 2
    assert message in stderr_of(r) and "Traceback" not in r.output


def test_baseline_and_write_baseline_together_is_a_usage_error(project):
    r = run("check", "--isolated", "--baseline", "a.json", "--write-baseline", "b.json", "notices")
    assert r.exit_code == 2 and "cannot be used together" in stderr_of(r)
