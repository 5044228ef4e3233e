"""Rule documentation generated from the rule files ("what it checks / why / example / options").

``python -m linter.docs > docs/rules.md`` regenerates the rule reference; a test
keeps the committed file in sync with the rules.
"""
from __future__ import annotations

import json

from .model import Rule

LABELS = {
    "zh": {"what": "检查内容", "why": "原因", "bad": "错误示例", "good": "正确示例", "options": "选项", "severity": "默认级别", "kind": "规则类型", "fix": "可自动修复", "source": "定义文件"},
    "en": {"what": "What it checks", "why": "Why", "bad": "Example (flagged)", "good": "Example (clean)", "options": "Options", "severity": "Default severity", "kind": "Kind", "fix": "Safe autofix", "source": "Defined in"},
}
# options that are data, not settings: shown as a count in the docs
BULKY = {"entries", "pairs", "lists"}


def _options(rule: Rule) -> dict:
    out = {}
    for k, v in rule.options.items():
        if k in BULKY and isinstance(v, (list, dict)):
            out[k] = f"<{len(v)} items>"
        else:
            out[k] = v
    return out


def rule_doc(rule: Rule, lang: str = "zh") -> str:
    L = LABELS[lang]
    lines = [f"## {rule.code} {rule.name}", ""]
    lines.append(f"- {L['severity']}: {rule.severity.label}")
    lines.append(f"- {L['kind']}: {rule.kind}")
    if rule.fix == "safe":
        lines.append(f"- {L['fix']}: yes")
    lines.append(f"- {L['source']}: {rule.source.replace(chr(92), '/').split('rules/')[-1]}")
    lines += ["", f"**{L['what']}**: {rule.text(rule.summary, lang)}", ""]
    if rule.rationale:
        lines += [f"**{L['why']}**: {rule.text(rule.rationale, lang)}", ""]
    for key in ("bad", "good"):
        ex = rule.examples.get(key) or []
        if ex:
            lines.append(f"**{L[key]}**:")
            lines.append("")
            for e in ex:
                lines.append("    " + e.replace("\n", "\n    "))
            lines.append("")
    opts = _options(rule)
    if opts:
        lines.append(f"**{L['options']}**: `{json.dumps(opts, ensure_ascii=False)}`")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown(rules: list[Rule]) -> str:
    head = [
        "# noticelint rules",
        "",
        "Generated from the files in `rules/` by `python -m linter.docs > docs/rules.md`; a test keeps it in sync.",
        "Each rule: what it checks, why, examples, options. Messages are in Chinese by default (`--lang en` for English).",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    for r in rules:
        head.append(f"| {r.code} | {r.name} | {r.severity.label} | {r.text(r.summary, 'zh')} / {r.text(r.summary, 'en')} |")
    body = [rule_doc(r, "zh") + "\n" + "\n".join(rule_doc(r, "en").splitlines()[2:]) + "\n" for r in rules]
    return "\n".join(head) + "\n\n" + "\n".join(body)


if __name__ == "__main__":  # pragma: no cover
    import sys

    from .ruleset import load_rules

    sys.stdout.write(rules_markdown(load_rules()))
