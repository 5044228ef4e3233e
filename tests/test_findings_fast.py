"""The engine's per-finding shortcuts compared with the plain reading they replace.

``Linter.findings`` places a document's hits in one loop with ``Document.position``
inlined and a span's end taken on its first line when it ends there; the message
template is formatted with the hit's values; a repeated (code, span) is dropped and the
findings come out in report order by one int key per span inside the text.
"""
from __future__ import annotations

import random

from linter.document import Document
from linter.engine import Linter, Settings
from linter.model import Finding, Hit, Rule, Severity, finding_values

TEXT = "关于巡察整改\n\n一、总体情况\n（一）整改进展。2025年9月完成\nend"


def _rule(message: dict[str, str]) -> Rule:
    return Rule("TST001", "test-rule", "pattern", Severity.WARNING, message, {"zh": "测试", "en": "test"})


def test_every_span_is_placed_as_document_position_says():
    doc = Document.from_string(TEXT, "t.txt")
    rule = _rule({"zh": "“{matched}”", "en": "'{matched}'"})
    spans = [(s, e) for s in range(len(TEXT) + 1) for e in range(s, len(TEXT) + 1)]
    spans += [(-3, -3), (-3, 2), (2, len(TEXT) + 5), (len(TEXT) + 5, 3), (len(TEXT) + 5, len(TEXT) + 5)]  # out of range: clamped like Document.position
    findings = Linter([rule], Settings()).findings(doc, [(rule, Hit(s, e)) for s, e in spans])
    assert len(findings) == len(spans)
    for (s, e), f in zip(sorted(spans, key=lambda span: (max(0, min(span[0], len(TEXT))), span[1])), findings):
        assert (f.line, f.column) == doc.position(s), (s, e)
        assert (f.end_line, f.end_column) == doc.position(e), (s, e)
        assert (f.start, f.end, f.matched, f.context) == (s, e, TEXT[s:e], TEXT[max(0, s - 12) : e + 12])


def _plain_message(template: str, hit: Hit, matched: str) -> str:
    """The straightforward wording: the hit's values, plus the match and replacement, through format_map."""

    class Defaults(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    values = Defaults(hit.params)
    values.setdefault("matched", matched)
    if hit.replacement is not None:
        values.setdefault("replacement", hit.replacement)
    return template.format_map(values)


TEMPLATES = [
    "Word书签残留“{matched}”，应删除",  # only the match: the text around it is kept, no format_map
    "{matched}",
    "{{{matched}}} 与 {{括号}}",
    "“{matched}”应为“{replacement}”",
    "{matched!r}",
    "{matched:>6}",
    "{matched}{matched}",
    "{matched[0]}",
    "缺少{section}",
    "{section}在{matched}：{section!r:>4}",  # the hit's own values hold only some of the fields
    "{section[0]}与{replacement}",
    "没有字段",
]
HITS = [Hit(0, 2), Hit(3, 5, {"matched": "自带"}), Hit(0, 4, {"section": "整改"}, replacement="替换")]


def test_messages_equal_format_map_of_the_hit_values():
    doc = Document.from_string(TEXT, "t.txt")
    for template in TEMPLATES:
        rule = _rule({"zh": template, "en": template})
        findings = Linter([rule], Settings()).findings(doc, [(rule, h) for h in HITS])
        for hit, f in zip(sorted(HITS, key=lambda h: (h.start, h.end)), findings):
            assert f.message == _plain_message(template, hit, TEXT[hit.start : hit.end]), (template, hit)


def _plain_findings(linter: Linter, doc: Document, hits) -> list:
    """The straightforward reading: each (code, span) once (the first hit), placed one by one,
    sorted by the report order's key."""
    seen, found = set(), []
    for rule, hit in hits:
        if (rule.code, hit.start, hit.end) not in seen:
            seen.add((rule.code, hit.start, hit.end))
            found += linter.findings(doc, [(rule, hit)])
    return sorted(found, key=Finding.sort_key)


def _shuffled_hits(rules: list[Rule], spans: list[tuple[int, int]], seed: int) -> list:
    """Hits of every rule on every span, some twice with other values, in a random order."""
    rng = random.Random(seed)
    hits = [(r, Hit(s, e, {"n": k})) for k, (r, (s, e)) in enumerate((r, sp) for r in rules for sp in spans)]
    hits += [(r, Hit(h.start, h.end, {"n": -1})) for r, h in rng.sample(hits, len(hits) // 3)]
    rng.shuffle(hits)
    return hits


def test_repeated_spans_are_dropped_and_the_order_is_the_report_order():
    """Codes that sort otherwise than the rules are listed, spans sharing a start or an end."""
    doc = Document.from_string(TEXT, "t.txt")
    rules = [Rule(code, f"r-{code.lower()}", "pattern", Severity.WARNING, {"zh": "{n}", "en": "{n}"}, {"zh": "测试"})
             for code in ("TST010", "AB001", "TST002", "TST001")]
    rules.append(rules[0].replace(name="same-code"))  # another rule with a code already used
    spans = sorted({(s, e) for s in range(0, len(TEXT) + 1, 3) for e in (s, s + 1, len(TEXT)) if e <= len(TEXT)})
    linter = Linter(rules, Settings())
    for seed in range(5):
        hits = _shuffled_hits(rules, spans, seed)
        got = linter.findings(doc, hits)
        want = _plain_findings(linter, doc, hits)
        assert [finding_values(f) for f in got] == [finding_values(f) for f in want], seed
        assert len(got) == len(rules[:4]) * len(spans)


def test_spans_outside_the_text_and_unknown_codes_keep_the_report_order():
    """Not keyed by one int: a span outside the text, or a rule the linter was not given."""
    doc = Document.from_string(TEXT, "t.txt")
    rules = [Rule(code, "r", "pattern", Severity.WARNING, {"zh": "{n}"}, {"zh": "测试"}) for code in ("TST002", "TST001")]
    stranger = Rule("AAA001", "stranger", "pattern", Severity.WARNING, {"zh": "{n}"}, {"zh": "测试"})
    linter = Linter(rules, Settings())
    for extra_rules, extra_spans in (([], [(-3, -3), (-1, 2), (2, len(TEXT) + 4)]), ([stranger], [])):
        spans = [(0, 2), (0, 0), (2, 3), (5, 9), (len(TEXT), len(TEXT))] + extra_spans
        hits = _shuffled_hits(rules + extra_rules, spans, 7)
        got = linter.findings(doc, hits)
        assert [finding_values(f) for f in got] == [finding_values(f) for f in _plain_findings(linter, doc, hits)]


def test_findings_cross_processes_as_values_and_come_back_field_for_field(tmp_path):
    """A --jobs worker sends a file's findings (and a --fix run's applied ones) as tuples of values."""
    import pickle

    from linter.model import Finding
    from linter.report import FileResult
    from linter.runner import Outcome

    doc = Document.from_string(TEXT, str(tmp_path / "n.txt"))
    rule = _rule({"zh": "“{matched}”", "en": "'{matched}'"})
    found = Linter([rule], Settings()).findings(doc, [(rule, Hit(0, 2, replacement="关于")), (rule, Hit(7, 9))])
    fixed = [found[0].replace(severity=Severity.ERROR)]
    sent = pickle.dumps(Outcome(FileResult(doc.path, doc, list(found), fixed=list(fixed))).portable(False))
    assert b"Finding" not in sent  # (no Finding object crosses: their values do)
    back = pickle.loads(sent).restored().result
    assert back.findings == found and back.fixed == fixed
    assert [type(f) for f in back.findings + back.fixed] == [Finding] * 3
    assert [[getattr(f, k) for k in Finding.__slots__] for f in back.findings] == [[getattr(f, k) for k in Finding.__slots__] for f in found]


def test_a_document_sent_without_source_lines_keeps_their_number():
    for text in ("", "一行", "一行\n", TEXT, "\n\n\n", "a\r\nb\r\n"):
        doc = Document.from_string(text, "n.txt")
        light = doc.for_report(set())
        assert light.lines == [""] * len(doc.lines) and light.text == "\n".join("" for _ in doc.lines), repr(text)
