"""Output formats: JSON (own schema), SARIF 2.1.0 (official schema), GitHub workflow commands,
GitLab Code Quality and JUnit XML, each checked on real CLI output with exact positions.

The defective notice is fixtures/defects/ci-changed-notice.txt: 13:2 NUM004 (error, with a
safe fix '、' -> '.'), 17:1 MEA002 (error), 21:1 NUM001 (warning). An extra rule file adds an
info-level rule and a rule whose match spans two lines, so every severity and the
multi-line case appear in every format.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, ROOT
from linter.cli import main
from linter.document import Document
from linter.model import Finding, Rule, Severity
from linter.render import RENDERERS, default_format, render
from linter.render.github import escape_data, escape_property
from linter.render.junit import xml_safe
from linter.report import FileResult, Report

CLEAN = FIXTURES / "clean" / "reference-clean.txt"
DEFECT = FIXTURES / "defects" / "ci-changed-notice.txt"
DEFECT_REL = "fixtures/defects/ci-changed-notice.txt"
OUTPUT_SCHEMA = ROOT / "linter" / "schemas" / "output.schema.json"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
EXPECTED = [(13, 2, "NUM004", "error"), (17, 1, "MEA002", "error"), (21, 1, "NUM001", "warning")]

EXTRA_RULES = """\
concern: output-test
description: Test-only rules that give an info finding and a finding spanning two lines.
rules:
  - code: TST001
    name: test-info-marker
    kind: pattern
    severity: info
    options: {regex: "公安党校阵地作用"}
    summary: {zh: 测试用提示, en: "test info"}
    message: {zh: "提示：{matched}", en: "note: {matched}"}
  - code: TST002
    name: test-two-lines
    kind: pattern
    severity: warning
    options: {regex: "暂扣款管理\\n一是"}
    summary: {zh: 测试用跨行, en: "test multi-line"}
    message: {zh: "跨行：{matched}", en: "two lines: {matched}"}
"""


@pytest.fixture
def extra_rules(tmp_path) -> Path:
    p = tmp_path / "extra.yaml"
    p.write_text(EXTRA_RULES, encoding="utf-8")
    return p


@pytest.fixture
def at_root(monkeypatch):
    """Run from the repository root so that relative paths look as they do in CI."""
    monkeypatch.chdir(ROOT)


def cli(*args, env=None):
    r = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return r


def findings_of(*args) -> list[tuple[int, int, str, str]]:
    data = json.loads(cli("check", "--format", "json", *args).stdout)
    return [(f["line"], f["column"], f["code"], f["severity"]) for f in data["findings"]]


def test_every_format_is_registered_and_importable():
    import importlib

    assert set(RENDERERS) == {"text", "json", "sarif", "github", "gitlab", "junit"}
    for module in RENDERERS.values():
        assert callable(importlib.import_module(module).render)


def test_fixture_findings_are_the_documented_ones(at_root):
    # every other test relies on these three findings
    assert findings_of(DEFECT_REL, "--select", "NUM,MEA") == EXPECTED


# ---------------------------------------------------------------- JSON


def output_validator():
    import jsonschema

    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_json_output_matches_its_schema(at_root, extra_rules):
    r = cli("check", "--format", "json", "--rules", extra_rules, DEFECT_REL, CLEAN, "missing.txt")
    assert r.exit_code == 2  # an unreadable file wins over findings
    data = json.loads(r.stdout)
    errors = sorted(output_validator().iter_errors(data), key=str)
    assert not errors, "\n".join(e.message for e in errors)
    got = [(f["line"], f["column"], f["code"], f["severity"]) for f in data["findings"] if f["path"] == DEFECT_REL and not f["code"].startswith("TST")]
    assert got == EXPECTED
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path["missing.txt"]["error"] == "missing.txt: no such file" and by_path["missing.txt"]["unit"] is None
    assert by_path[DEFECT_REL]["unit"] == "line" and by_path[DEFECT_REL]["encoding"] == "utf-8"
    assert data["summary"]["unreadable"] == 1 and data["summary"]["files"] == 3
    by_severity = [f["severity"] for f in data["findings"]]
    assert list(data["summary"])[:3] == ["error", "warning", "info"]
    assert {k: data["summary"][k] for k in ("error", "warning", "info")} == {k: by_severity.count(k) for k in ("error", "warning", "info")}


def test_text_summary_counts_each_severity():
    def finding(sev: Severity) -> Finding:
        return Finding(path="n.txt", code="TST009", name="t", severity=sev, message="m", line=1, column=1,
                       end_line=1, end_column=2, start=0, end=1)

    sevs = [Severity.INFO, Severity.ERROR, Severity.INFO, Severity.WARNING, Severity.INFO, Severity.ERROR]
    report = Report([FileResult("n.txt", None, [finding(s) for s in sevs])], [], show_source=False)
    assert report.counts() == {"error": 2, "warning": 1, "info": 3}
    assert render("text", report).splitlines()[-1] == "共发现 6 个问题（错误 2，警告 1，提示 3），检查文件 1 个。"


def test_json_schema_rejects_a_drifted_report(at_root):
    data = json.loads(cli("check", "--format", "json", DEFECT_REL).stdout)
    v = output_validator()
    assert v.is_valid(data)
    bad = json.loads(json.dumps(data))
    bad["findings"][0]["severity"] = "fatal"
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(data))
    bad["findings"][0]["column"] = 0
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(data))
    bad["extra"] = 1
    assert not v.is_valid(bad)


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    if not SARIF_SCHEMA.is_file():
        pytest.fail(
            f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (expected ../shared/schemas/ next to the repository); "
            "the SARIF output cannot be validated without it"
        )
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def sarif_of(*args) -> dict:
    return json.loads(cli("check", "--format", "sarif", *args).stdout)


def assert_valid_sarif(validator, data):
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_and_describes_every_rule(at_root, sarif_validator):
    from linter.ruleset import load_rules

    data = sarif_of(DEFECT_REL)
    assert_valid_sarif(sarif_validator, data)
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["language"] == "zh-CN"
    rules = run["tool"]["driver"]["rules"]
    bundled = load_rules()
    assert [r["id"] for r in rules] == [r.code for r in bundled]
    level = {"error": "error", "warning": "warning", "info": "note"}
    for desc, rule in zip(rules, bundled):
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary["zh"]
        assert desc["fullDescription"]["text"].startswith(rule.summary["zh"])
        assert desc["help"]["text"] and desc["help"]["markdown"].startswith(f"## {rule.code} {rule.name}")
        assert desc["defaultConfiguration"]["level"] == level[rule.severity.label]


def test_sarif_results_positions_levels_and_fix(at_root, sarif_validator):
    run = sarif_of(DEFECT_REL, "--select", "NUM,MEA")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    got = []
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        (loc,) = res["locations"]
        region = loc["physicalLocation"]["region"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == DEFECT_REL
        got.append((region["startLine"], region["startColumn"], res["ruleId"], res["properties"]["severity"]))
        assert res["level"] == {"error": "error", "warning": "warning"}[res["properties"]["severity"]]
        assert len(res["partialFingerprints"]["noticelintContext/v1"]) == 32
    assert got == EXPECTED
    num004 = results[0]
    region = num004["locations"][0]["physicalLocation"]["region"]
    assert (region["endLine"], region["endColumn"]) == (13, 3)  # exclusive end: one character
    line13 = DEFECT.read_text(encoding="utf-8").split("\n")[12]
    assert line13[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"] == "、"
    (fix,) = num004["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    assert rep["insertedContent"]["text"] == "." and rep["deletedRegion"]["startColumn"] == 2
    assert "fixes" not in results[2]  # NUM001 has no replacement


def test_sarif_counts_columns_in_code_points(tmp_path, sarif_validator, extra_rules):
    # U+20BB7 𠮷 is one code point but two UTF-16 units: the column after two of them is 3, not 5
    p = tmp_path / "astral.txt"
    p.write_text("𠮷𠮷公安党校阵地作用\n", encoding="utf-8")
    data = sarif_of("--select", "TST001", "--rules", extra_rules, p)
    assert_valid_sarif(sarif_validator, data)
    (res,) = data["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 3, 11)
    assert res["level"] == "note" and res["properties"]["severity"] == "info"
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == p.as_uri()


def test_sarif_multiline_region_and_english(at_root, sarif_validator, extra_rules):
    data = sarif_of("--lang", "en", "--select", "TST002", "--rules", extra_rules, "fixtures/clean/reference-clean.txt")
    assert_valid_sarif(sarif_validator, data)
    run = data["runs"][0]
    assert run["language"] == "en-US"
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "test multi-line"
    (res,) = run["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    # "暂扣款管理" ends line 14 ("（1）强化监管体系建设，完善暂扣款管理", 19 code points); "一是" opens line 15
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (14, 15, 15, 3)
    assert res["message"]["text"] == "two lines: 暂扣款管理\n一是"


def test_sarif_unreadable_file_is_a_notification(at_root, sarif_validator):
    r = cli("check", "--format", "sarif", "nowhere/missing.txt")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert_valid_sarif(sarif_validator, data)
    (inv,) = data["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    (note,) = inv["toolExecutionNotifications"]
    assert note["message"]["text"] == "nowhere/missing.txt: no such file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nowhere/missing.txt"


def test_sarif_schema_check_can_fail(at_root, sarif_validator):
    data = sarif_of(DEFECT_REL, "--select", "NUM004")
    assert sarif_validator.is_valid(data)
    data["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(data)


def test_sarif_relative_uri_is_percent_encoded(tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "通报 1.txt").write_text(DEFECT.read_text(encoding="utf-8"), encoding="utf-8")
    data = sarif_of("--select", "NUM004", "./通报 1.txt")
    assert_valid_sarif(sarif_validator, data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E9%80%9A%E6%8A%A5%201.txt"


# ---------------------------------------------------------------- GitHub


def test_github_annotations_exact(at_root, extra_rules):
    r = cli("check", "--format", "github", "--select", "NUM,MEA,TST", "--rules", extra_rules, DEFECT_REL)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    f = DEFECT_REL
    by_title = {re.search(r"title=(\w+)", ln).group(1): ln for ln in lines if ln.startswith("::")}
    assert list(by_title) == ["NUM004", "TST002", "MEA002", "NUM001", "TST001"]  # in document order
    # a span over two lines: no columns (GitHub ignores them then), the LF escaped in the message
    assert by_title["TST002"] == f"::warning file={f},line=14,endLine=15,title=TST002::[warning] 跨行：暂扣款管理%0A一是 (test-two-lines)"
    assert by_title["NUM004"] == (
        f"::error file={f},line=13,col=2,endLine=13,endColumn=2,title=NUM004::"
        "[error] 序号“1、”后的标点不规范，应写作“1.” (numbering-mark)%0A建议改为“.”"
    )
    assert by_title["MEA002"].startswith(f"::error file={f},line=17,col=1,endLine=17,")
    assert by_title["NUM001"] == (
        f"::warning file={f},line=21,col=1,endLine=21,endColumn=2,title=NUM001::"
        "[warning] 序号不连续：此处为“四是”，应为“三是” (numbering-gap)"
    )
    assert by_title["TST001"] == f"::notice file={f},line=49,col=22,endLine=49,endColumn=29,title=TST001::[info] 提示：公安党校阵地作用 (test-info-marker)"
    assert lines[-1].startswith("共发现")


def test_github_escaping():
    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    f = Finding(path="dir,1/a:b%.txt", code="TST009", name="t", severity=Severity.WARNING, message="100%: a,b\nc::d",
                line=1, column=1, end_line=1, end_column=2, start=0, end=1, matched="x")
    report = Report([FileResult("dir,1/a:b%.txt", None, [f])], [], lang="zh")
    line = render("github", report).splitlines()[0]
    assert line == "::warning file=dir%2C1/a%3Ab%25.txt,line=1,col=1,endLine=1,endColumn=1,title=TST009::[warning] 100%25: a,b%0Ac::d (t)"
    # what the runner does: properties end at the first '::', each is key=value split on ','
    head, _, message = line[2:].partition("::")
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert props["file"].replace("%2C", ",").replace("%3A", ":").replace("%25", "%") == "dir,1/a:b%.txt"
    assert message.replace("%0A", "\n").replace("%25", "%") == "[warning] 100%: a,b\nc::d (t)"


def test_github_is_the_default_inside_github_actions(at_root):
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == default_format({}) == "text"
    r = cli("check", "--select", "NUM004", DEFECT_REL, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith(f"::error file={DEFECT_REL},line=13,col=2,")
    r = cli("check", "--select", "NUM004", "--format", "text", DEFECT_REL, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith(f"{DEFECT_REL}:13:2: NUM004 [error]")
    r = cli("check", "--select", "NUM004", DEFECT_REL, env={"GITHUB_ACTIONS": None})
    assert r.stdout.startswith(f"{DEFECT_REL}:13:2: NUM004 [error]")


def test_github_unreadable_file(at_root):
    r = cli("check", "--format", "github", "missing.txt")
    assert r.exit_code == 2
    assert r.stdout.splitlines()[0] == "::error file=missing.txt,title=noticelint::missing.txt: no such file"


# ---------------------------------------------------------------- GitLab


def gitlab_of(*args) -> list[dict]:
    return json.loads(cli("check", "--format", "gitlab", *args).stdout)


def test_gitlab_code_quality_report(at_root, extra_rules):
    issues = gitlab_of("--select", "NUM,MEA,TST001", "--rules", extra_rules, str(ROOT / DEFECT_REL))
    sev = {(i["location"]["lines"]["begin"], i["check_name"]): i["severity"] for i in issues}
    assert sev == {(13, "NUM004"): "major", (17, "MEA002"): "major", (21, "NUM001"): "minor", (49, "TST001"): "info"}
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["location"]["path"] == DEFECT_REL  # relative to the working directory, no './'
        assert i["description"].startswith(f"{i['check_name']} [")
        assert re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert gitlab_of(CLEAN) == []


def test_gitlab_fingerprint_survives_inserted_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = DEFECT.read_text(encoding="utf-8")
    Path("notice.txt").write_text(text, encoding="utf-8")
    before = gitlab_of("--select", "NUM,MEA", "notice.txt")
    lines = text.split("\n")
    Path("notice.txt").write_text("\n".join(lines[:1] + [""] + lines[1:]), encoding="utf-8")  # one more blank line
    after = gitlab_of("--select", "NUM,MEA", "notice.txt")
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 1 for i in before]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    # a different file with the same defects gets other fingerprints
    Path("other.txt").write_text(text, encoding="utf-8")
    other = gitlab_of("--select", "NUM,MEA", "other.txt")
    assert not {i["fingerprint"] for i in other} & {i["fingerprint"] for i in before}


def test_gitlab_identical_defects_get_distinct_fingerprints():
    doc = Document.from_string("甲乙\n甲乙\n", "same.txt")
    fs = [
        Finding(path="same.txt", code="TST009", name="t", severity=Severity.ERROR, message="m", line=ln, column=1,
                end_line=ln, end_column=2, start=s, end=s + 1, matched="甲", context="甲乙")
        for ln, s in ((1, 0), (2, 3))
    ]
    issues = json.loads(render("gitlab", Report([FileResult("same.txt", doc, fs)], [])))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_unreadable_file_is_a_blocker(at_root):
    (issue,) = gitlab_of("missing.txt")
    assert issue["severity"] == "blocker" and issue["check_name"] == "input-error"
    assert issue["location"] == {"path": "missing.txt", "lines": {"begin": 1}}


# ---------------------------------------------------------------- JUnit


def test_junit_suites_and_cases(at_root):
    r = cli("check", "--format", "junit", "--select", "NUM,MEA", DEFECT_REL, "fixtures/clean/reference-clean.txt", "missing.txt")
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [DEFECT_REL, "fixtures/clean/reference-clean.txt", "missing.txt"]
    bad = suites[DEFECT_REL]
    cases = bad.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "NUM004 numbering-mark (13:2)", "MEA002 empty-measure (17:1)", "NUM001 numbering-gap (21:1)",
    ]
    assert [c.find("failure").get("type") for c in cases] == ["error", "error", "warning"]
    assert cases[0].find("failure").text.startswith(f"{DEFECT_REL}:13:2: NUM004 [error] ")
    assert cases[0].find("failure").text.endswith("建议改为“.”")
    (clean_case,) = suites["fixtures/clean/reference-clean.txt"].findall("testcase")
    assert list(clean_case) == []  # passing
    (err_case,) = suites["missing.txt"].findall("testcase")
    assert err_case.find("error").get("message") == "no such file"


def test_junit_escapes_markup_and_control_characters():
    msg = 'a <b> & "c" \'d\' \x0b\x00 end'
    f = Finding(path="x&y.txt", code="TST009", name="t", severity=Severity.INFO, message=msg,
                line=1, column=1, end_line=1, end_column=2, start=0, end=1, matched="a")
    xml = render("junit", Report([FileResult("x&y.txt", None, [f])], []))
    root = ET.fromstring(xml.encode("utf-8"))  # well-formed
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'TST009 [info] a <b> & "c" \'d\' \\x0b\\x00 end'
    assert root.find("testsuite").get("name") == "x&y.txt"
    assert xml_safe("ok\t\n中文𠮷") == "ok\t\n中文𠮷"


# ---------------------------------------------------------------- all formats


@pytest.mark.parametrize(
    "fmt, marker",
    [
        ("text", "TST001 [info]"),
        ("json", '"severity": "info"'),
        ("sarif", '"level": "note"'),
        ("github", "::notice file="),
        ("gitlab", '"severity": "info"'),
        ("junit", 'type="info"'),
    ],
)
def test_severity_appears_in_every_format(at_root, extra_rules, fmt, marker, tmp_path):
    out = tmp_path / f"report.{fmt}"
    r = cli("check", "--format", fmt, "--output", out, "--select", "TST001,NUM004", "--rules", extra_rules, DEFECT_REL)
    assert r.exit_code == 1 and r.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert marker in text
    assert "NUM004" in text and ("error" in text)


def test_docx_paragraph_unit_is_reported():
    doc = Document(path="n.docx", text="一、总则\n1、内容", kind="docx")
    f = Finding(path="n.docx", code="NUM004", name="numbering-mark", severity=Severity.ERROR, message="m",
                line=2, column=2, end_line=2, end_column=3, start=6, end=7, matched="、", replacement=".")
    rule = Rule(code="NUM004", name="numbering-mark", kind="numbering", severity=Severity.ERROR, message={"zh": "m"}, summary={"zh": "s", "en": "s"})
    report = Report([FileResult("n.docx", doc, [f])], [rule])
    sarif = json.loads(render("sarif", report))
    res = sarif["runs"][0]["results"][0]
    assert res["properties"]["unit"] == "paragraph"
    assert sarif["runs"][0]["artifacts"][0]["mimeType"].endswith("wordprocessingml.document")
    assert json.loads(render("json", report))["files"][0]["unit"] == "paragraph"
    assert "n.docx:¶2:2: NUM004" in render("junit", report)


def two_findings(first: Severity) -> FileResult:
    """n.txt with a finding of severity ``first`` at 1:1 (NUM004) and a warning at 2:4 (PUN001, with a fix)."""
    doc = Document.from_string("第一行\n第二行，，\n", path="n.txt")
    f = Finding(path="n.txt", code="PUN001", name="doubled-mark", severity=Severity.WARNING, message="重复的标点",
                line=2, column=4, end_line=2, end_column=6, start=7, end=9, matched="，，", replacement="，")
    g = Finding(path="n.txt", code="NUM004", name="numbering-mark", severity=first, message="m",
                line=1, column=1, end_line=1, end_column=2, start=0, end=1, matched="第")
    return FileResult("n.txt", doc, [g, f])


def test_text_colours_each_part_of_a_finding():
    import click

    out = render("text", Report([two_findings(Severity.ERROR)], [], color=True, show_source=False)).split("\n")
    bold_red, yellow = dict(fg="red", bold=True), dict(fg="yellow", bold=False)
    assert out[0] == f"{click.style('n.txt:1:1', bold=True)}: {click.style('NUM004', fg='magenta')} {click.style('[error]', **bold_red)} m"
    assert out[1] == f"{click.style('n.txt:2:4', bold=True)}: {click.style('PUN001', fg='magenta')} {click.style('[warning]', **yellow)} 重复的标点"


def test_a_large_text_report_is_written_in_pieces_with_the_same_bytes(tmp_path, monkeypatch):
    """The text report comes in pieces of about CHUNK_LINES lines that the CLI writes one after
    the other (a report of thousands of findings is never one string): same bytes as render()."""
    from linter.render import chunks, text

    files = []
    for i in range(3):
        doc = Document.from_string("第一行\n第二行，，\n" * 200, path=f"n{i}.txt")
        found = [Finding(path=f"n{i}.txt", code="PUN001", name="doubled-mark", severity=Severity.WARNING, message=f"重复的标点{k}",
                         line=2 * k + 2, column=4, end_line=2 * k + 2, end_column=6, start=0, end=2, matched="，，") for k in range(200)]
        files.append(FileResult(f"n{i}.txt", doc, found))
    report = Report(files, [], show_source=True)  # 3 lines a finding: 1,800 lines
    pieces = list(chunks("text", report))
    assert len(pieces) >= 1800 // text.CHUNK_LINES and all(p.endswith("\n") for p in pieces)
    whole = render("text", report)
    assert "".join(pieces) == whole and whole.count("\n") == 1801
    assert list(chunks("json", report)) == [render("json", report)]  # a format without pieces: its render, whole
    monkeypatch.setattr(text, "render", lambda report: pytest.fail("the CLI wrote the text report as one string"))
    written = []
    monkeypatch.setattr("click.echo", lambda message=None, **kw: written.append(message))
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "NUM", str(DEFECT)])
    assert result.exit_code == 1 and written and written[-1].endswith("检查文件 1 个。\n")
    out = tmp_path / "report.txt"
    assert CliRunner().invoke(main, ["check", "--isolated", "--select", "NUM", "-o", str(out), str(DEFECT)]).exit_code == 1
    assert out.read_text(encoding="utf-8") == "".join(written)


def test_files_kept_as_text_render_count_and_exit_as_their_findings():
    """FileResult.keep_as_text (a file's lines made where it was linted): the same report, the same
    summary counts and the same exit code as the findings it replaced, at every --fail-on."""
    from linter.render.text import TextStyle

    def results():
        return [two_findings(Severity.INFO), FileResult("empty.txt", Document.from_string("正文\n", path="empty.txt"))]

    for lang, color, source in (("zh", False, True), ("en", True, False)):
        for fail_on in Severity:
            plain = Report(results(), [], lang=lang, color=color, show_source=source, fail_on=fail_on)
            kept = Report(results(), [], lang=lang, color=color, show_source=source, fail_on=fail_on)
            for r in kept.results:
                r.keep_as_text(TextStyle(lang, color, source))
            assert kept.findings() == [] and kept.results[1].text == ""
            assert render("text", kept) == render("text", plain)
            assert kept.counts() == plain.counts() == {"error": 0, "warning": 1, "info": 1}
            assert kept.exit_code() == plain.exit_code() == (0 if fail_on is Severity.ERROR else 1)


# ---------------------------------------------------------------- docs/output.md


def doc_example(command: str) -> list[str]:
    """The lines shown after ``$ command`` in a code block of docs/output.md."""
    text = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    start = text.index(f"$ {command}\n") + len(command) + 3
    return text[start : text.index("```", start)].rstrip("\n").split("\n")


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "NUM,MEA", DEFECT_REL],
        ["--select", "NUM,MEA", "--format", "github", DEFECT_REL],
        ["--select", "NUM004", "--format", "junit", DEFECT_REL, "fixtures/clean/reference-clean.txt"],
    ],
    ids=["text", "github", "junit"],
)
def test_docs_examples_are_real_output(at_root, args):
    command = "noticelint check " + " ".join(args)
    shown = doc_example(command)
    assert cli("check", "--color", "never", *args).stdout.rstrip("\n").split("\n") == shown


# --- indented JSON (linter/render/json_text.py) -------------------------------------------------


def _random_json(rng, depth: int = 0):
    """A random JSON value (``rng`` a random.Random): nested containers, empty ones, scalars of every type,
    Chinese and escaped text."""
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.randint(-10**6, 10**6)
    if kind == 2:
        return rng.choice([0.1, -2.5, 1e21, 3.0, float("nan"), float("inf")])
    if kind in (3, 4, 5):
        return "".join(rng.choice(["问", "题", "a", '"', "\\", "\n", "\t", "\x01", "\u2028", "😀", " "]) for _ in range(rng.randrange(6)))
    n = rng.randrange(5)
    if kind == 6:
        return [_random_json(rng, depth + 1) for _ in range(n)]
    if kind == 7:
        return tuple(_random_json(rng, depth + 1) for _ in range(n))
    return {"k" + str(i) + rng.choice(["", "键", '"']): _random_json(rng, depth + 1) for i in range(n)}


@pytest.mark.parametrize("c_encoder", [True, False])
def test_indented_json_is_byte_for_byte_json_dumps(monkeypatch, c_encoder):
    """With the C encoder and without it (a Python built without _json)."""
    import random

    from linter.render import json_text

    monkeypatch.setattr(json_text, "_flat", {})
    if not c_encoder:
        monkeypatch.setattr(json_text, "c_make_encoder", None)
    rng = random.Random(20261127)
    values = [_random_json(rng) for _ in range(3000)]
    values += [{}, [], {"a": {}}, [[]], {"a": [1, {"b": []}]}, "x", 1, None, {1: "a", "b": 2}, {True: [1]}]
    for v in values:
        assert json_text.dumps(v) == json.dumps(v, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_every_json_format_prints_what_json_dumps_would(at_root, extra_rules, fmt):
    """The real output of each JSON-based format: the same text as the pure-Python encoder gives for its data."""
    out = cli("check", "--isolated", "--rules", str(extra_rules), "--format", fmt, str(CLEAN), DEFECT_REL).output
    assert out.count("\n") > 40
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
