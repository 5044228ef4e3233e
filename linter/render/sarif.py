"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (declared with ``columnKind``), matching the
text output; for a .docx file the "line" is the paragraph number, which the
result's ``properties.unit`` says. Every rule of the run is described in
``tool.driver.rules`` with its documentation as help.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Rule
from . import json_text
from .common import SARIF_LEVEL, fingerprints

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "noticelintContext/v1"
LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
MIME = {"text": "text/plain", "markdown": "text/markdown", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FIX_TEXT = {"zh": "将“{old}”替换为“{new}”", "en": "replace '{old}' with '{new}'"}


def artifact_uri(path: str) -> str:
    """A relative URI for a relative path (what code scanning expects), a file: URI otherwise."""
    if path == "<stdin>":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()
    p = path.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return quote(str(PurePosixPath(p)), safe="/")


def join_sentences(first: str, second: str, lang: str) -> str:
    """Summary then rationale, punctuated for the language (the summary has no final stop)."""
    if not second:
        return first
    if first.endswith(("。", "！", "？", ".", "!", "?")):
        return f"{first} {second}" if lang == "en" else first + second
    return f"{first}. {second}" if lang == "en" else f"{first}。{second}"


def rule_descriptor(rule: Rule, lang: str) -> dict:
    from ..docs import rule_doc

    summary = rule.text(rule.summary, lang)
    rationale = rule.text(rule.rationale, lang) if rule.rationale else ""
    plain = summary + (f"\n\n{rationale}" if rationale else "")
    bad = rule.examples.get("bad") or []
    good = rule.examples.get("good") or []
    if bad or good:
        plain += "\n" + "".join(f"\n✗ {e}" for e in bad) + "".join(f"\n✓ {e}" for e in good)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": join_sentences(summary, rationale, lang)},
        "help": {"text": plain, "markdown": rule_doc(rule, lang)},
        "defaultConfiguration": {"enabled": True, "level": SARIF_LEVEL[rule.severity]},
        "properties": {
            "tags": ["noticelint", rule.kind],
            "severity": rule.severity.label,
            "kind": rule.kind,
            "fix": rule.fix or "none",
        },
    }


def region(f: Finding) -> dict:
    r = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    if f.matched:
        r["snippet"] = {"text": f.matched}
    return r


def fix_object(f: Finding, uri: str, lang: str) -> dict:
    r = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    return {
        "description": {"text": FIX_TEXT[lang].format(old=f.matched, new=f.replacement)},
        "artifactChanges": [
            {"artifactLocation": {"uri": uri}, "replacements": [{"deletedRegion": r, "insertedContent": {"text": f.replacement}}]}
        ],
        "properties": {"safe": f.fix_safe},
    }


def as_data(report) -> dict:
    lang = report.lang if report.lang in LANGUAGE else "zh"
    rules = list(report.rules)
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts: list[dict] = []
    artifact_index: dict[str, int] = {}
    notifications: list[dict] = []
    for res in report.results:
        uri = artifact_uri(res.path)
        artifact_index[res.path] = len(artifacts)
        art: dict = {"location": {"uri": uri}}
        doc = res.document
        if doc is not None:
            art["encoding"] = doc.encoding
            art["mimeType"] = MIME.get(doc.kind, "text/plain")
        artifacts.append(art)
        if res.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": str(res.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": artifact_index[res.path]}}}],
                }
            )

    findings = report.findings()
    prints = fingerprints(findings)
    units = {res.path: (res.document.unit if res.document else "line") for res in report.results}
    results = []
    for f, fp in zip(findings, prints):
        if f.code not in index:  # a finding from a rule the report does not list: describe it anyway
            index[f.code] = len(rules)
            rules.append(Rule(code=f.code, name=f.name, kind="unknown", severity=f.severity, message={}, summary={"en": f.name}))
        uri = artifact_uri(f.path)
        loc: dict = {"artifactLocation": {"uri": uri}, "region": region(f)}
        if f.path in artifact_index:
            loc["artifactLocation"]["index"] = artifact_index[f.path]
        res_obj: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": loc}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {"severity": f.severity.label, "name": f.name, "unit": units.get(f.path, "line")},
        }
        if f.replacement is not None:
            res_obj["fixes"] = [fix_object(f, uri, lang)]
        results.append(res_obj)

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "noticelint",
                        "fullName": f"noticelint {__version__}",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(r, lang) for r in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "exitCode": report.exit_code(),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "language": LANGUAGE[lang],
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }


def render(report) -> str:
    return json_text.dumps(as_data(report)) + "\n"
