"""Helpers shared by the CI-oriented formats: report paths, stable fingerprints, severity names.

CI systems want paths relative to the repository root (the working directory
of a CI job) with forward slashes, and fingerprints that survive lines being
added above a finding, so that a finding keeps its identity between runs.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter

from ..model import Finding, Severity

# GitHub workflow-command levels and SARIF levels for our three severities
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitLab Code Quality scale is info/minor/major/critical/blocker; "blocker" is kept
# for a file that could not be read at all (no finding can be given for it).
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
GITLAB_UNREADABLE = "blocker"
# how a suggested replacement is shown in plain-text messages
SUGGEST = {"zh": "建议改为“{}”", "en": "suggestion: '{}'"}


def report_path(path: str) -> str:
    """A path as CI tools show it: forward slashes, no leading './', relative to the cwd when inside it."""
    p = path
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
        except ValueError:  # another drive on Windows
            rel = p
        if not rel.startswith(".."):
            p = rel
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def fingerprints(findings: list[Finding]) -> list[str]:
    """One stable id per finding: hash of code, path and the text around the match.

    Line numbers are deliberately left out, so inserting a paragraph above a
    finding does not make it "new". Identical (code, path, context) triples are
    told apart by their order of appearance.
    """
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        base = "\x00".join((f.code, report_path(f.path), f.context or f.matched))
        n = seen[base]
        seen[base] += 1
        out.append(hashlib.sha256(f"{base}\x00{n}".encode("utf-8")).hexdigest()[:32])
    return out
