"""JUnit XML: one <testsuite> per file, one <testcase> per finding, or one passing case for a clean file.

CI systems (GitLab ``artifacts:reports:junit``, Jenkins, Azure) show these as
test results. Every finding is a <failure> whose ``type`` is its severity;
the exit code, not the XML, decides whether the job fails (``--fail-on``). An
unreadable file is an <error>. Characters XML 1.0 cannot carry (control
characters a notice may contain) are written as ``\\xNN``.
"""
from __future__ import annotations

import re

INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(s: str) -> str:
    return INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def render(report) -> str:
    import xml.etree.ElementTree as ET

    from .common import SUGGEST
    from .text import location

    def el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        e = ET.SubElement(parent, tag, {k: xml_safe(str(v)) for k, v in attrs.items()})
        if text is not None:
            e.text = xml_safe(text)
        return e

    total = failures = errors = 0
    root = ET.Element("testsuites", {"name": "noticelint"})
    for res in report.results:
        doc = res.document
        unit = doc.unit if doc else "line"
        n_fail = len(res.findings)
        n_err = 1 if res.error is not None else 0
        n_tests = max(1, n_fail + n_err)
        suite = el(root, "testsuite", name=res.path, tests=n_tests, failures=n_fail, errors=n_err, skipped=0)
        if res.error is not None:
            case = el(suite, "testcase", classname=res.path, name="read", file=res.path)
            el(case, "error", str(res.error), type=type(res.error).__name__, message=res.error.message)
        for f in res.findings:
            where = location(f.path, unit, f.line, f.column)
            case = el(suite, "testcase", classname=res.path, name=f"{f.code} {f.name} ({f.line}:{f.column})", file=f.path, line=f.line)
            body = [f"{where}: {f.code} [{f.severity.label}] {f.message}"]
            if doc is not None:
                body.append(doc.line_text(f.line))
            if f.replacement is not None:
                body.append(SUGGEST.get(report.lang, SUGGEST["zh"]).format(f.replacement))
            el(case, "failure", "\n".join(body), type=f.severity.label, message=f"{f.code} [{f.severity.label}] {f.message}")
        if not res.findings and res.error is None:
            el(suite, "testcase", classname=res.path, name="noticelint", file=res.path)
        total += n_tests
        failures += n_fail
        errors += n_err
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
