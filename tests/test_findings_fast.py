"""The engine's per-finding shortcuts compared with the plain reading they replace.

``Linter.findings`` places a document's hits in one loop with ``Document.position``
inlined and a span's end taken on its first line when it ends there; the message
template is formatted with the hit's values.
"""
from __future__ import annotations

from linter.document import Document
from linter.engine import Linter, Settings
from linter.model import Hit, Rule, Severity

TEXT = "关于巡察整改\n\n一、总体情况\n（一）整改进展。2025年9月完成\nend"


def _rule(message: dict[str, str]) -> Rule:
    return Rule("TST001", "test-rule", "pattern", Severity.WARNING, message, {"zh": "测试", "en": "test"})


def test_every_span_is_placed_as_document_position_says():
    doc = Document.from_string(TEXT, "t.txt")
    rule = _rule({"zh": "“{matched}”", "en": "'{matched}'"})
    spans = [(s, e) for s in range(len(TEXT) + 1) for e in range(s, len(TEXT) + 1)]
    spans += [(-3, -3), (len(TEXT) + 5, len(TEXT) + 5)]  # out of range: clamped like Document.position
    findings = Linter([rule], Settings()).findings(doc, [(rule, Hit(s, e)) for s, e in spans])
    assert len(findings) == len(spans)
    for (s, e), f in zip(spans, findings):
        assert (f.line, f.column) == doc.position(s), (s, e)
        assert (f.end_line, f.end_column) == doc.position(e), (s, e)
        assert (f.start, f.end, f.matched, f.context) == (s, e, TEXT[s:e], TEXT[max(0, s - 12) : e + 12])
