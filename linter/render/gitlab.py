"""GitLab Code Quality report (a subset of the Code Climate issue format).

A JSON array; each issue has description, check_name, fingerprint, severity
and location.path + location.lines.begin (GitLab's required fields). The
fingerprint hashes code, path and the text around the match, not the line,
so an issue keeps its identity when lines are added above it and the merge
request widget shows only new and resolved issues. Severities: error→major,
warning→minor, info→info; a file that cannot be read is one "blocker" issue.
"""
from __future__ import annotations

import hashlib

from . import json_text
from .common import GITLAB_SEVERITY, GITLAB_UNREADABLE, fingerprints, report_path


def as_data(report) -> list[dict]:
    issues: list[dict] = []
    findings = report.findings()
    for f, fp in zip(findings, fingerprints(findings)):
        lines = {"begin": f.line}
        if f.end_line != f.line:
            lines["end"] = f.end_line
        issues.append(
            {
                "type": "issue",
                "check_name": f.code,
                "description": f"{f.code} [{f.severity.label}] {f.message}",
                "categories": ["Style"],
                "fingerprint": fp,
                "severity": GITLAB_SEVERITY[f.severity],
                "location": {"path": report_path(f.path), "lines": lines},
            }
        )
    for res in report.results:
        if res.error is None:
            continue
        path = report_path(res.path)
        fp = hashlib.sha256(f"input-error\x00{path}".encode("utf-8")).hexdigest()[:32]
        issues.append(
            {
                "type": "issue",
                "check_name": "input-error",
                "description": str(res.error),
                "categories": ["Bug Risk"],
                "fingerprint": fp,
                "severity": GITLAB_UNREADABLE,
                "location": {"path": path, "lines": {"begin": 1}},
            }
        )
    return issues


def render(report) -> str:
    return json_text.dumps(as_data(report)) + "\n"
