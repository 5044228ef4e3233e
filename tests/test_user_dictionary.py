"""Organisation dictionaries: ``noticelint check --rules my-dict.yaml`` on top of the bundled rules.

A generated, deterministic 20,000-entry dictionary is loaded next to the
bundled rules; a few of its entries are planted in a document and the findings
must be exactly right: positions, codes, replacements, leftmost-longest choice
between overlapping entries, allowed contexts, and the bundled phrase rules
still firing in the same single automaton. Invalid dictionaries are a one-line
error naming the file and the YAML line, exit code 2.
"""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, make_linter
from linter.cli import main
from linter.document import Document
from linter.kinds import phrase

N_ENTRIES = 20_000
# Characters that never occur in a notice, so generated phrases cannot match by accident.
RARE = "龘靐齉爩麤鸞驫鱻籱灩厵癵饢虋鬱纞讟钃鸜麷"

HEADER = """\
concern: organisation dictionary (generated for tests)
rules:
  - code: ORG001
    name: org-preferred-terms
    kind: phrase
    severity: warning
    fix: safe
    summary: {zh: 本单位规范用语, en: "Preferred terms of the organisation"}
    message: {zh: "{matched}应为{right}", en: "{matched} should be {right}"}
    options:
      entries:
"""
SECOND = """\
  - code: ORG002
    name: org-forbidden-terms
    kind: phrase
    severity: error
    fix: unsafe
    summary: {zh: 本单位禁用语, en: "Forbidden terms of the organisation"}
    message: {zh: "禁用“{matched}”，改为“{right}”", en: "do not write {matched}; write {right}"}
    options:
      entries:
"""
# Hand-written entries: overlapping ones, one with allowed contexts, one longer than a bundled phrase.
PLANTED_1 = [
    "        - {wrong: 专项整治行动, right: 专项整治工作}",
    "        - {wrong: 整治行动方案, right: 整治工作方案}",
    "        - {wrong: 专项整治, right: 专门整治}",
    "        - {wrong: 作出布署安排, right: 作出部署安排}",
]
PLANTED_2 = ["        - {wrong: 分局长, right: 分局局长, allow: [分局长期, 分局长效]}"]


def generated_phrases(n: int) -> list[str]:
    rng = random.Random(20261127)
    out: dict[str, None] = {}
    while len(out) < n:
        out["".join(rng.choice(RARE) for _ in range(rng.randint(4, 6)))] = None
    return list(out)


N_GEN = N_ENTRIES - len(PLANTED_1) - len(PLANTED_2)
SPLIT = 15_000  # generated[:SPLIT] go to ORG001, the rest to ORG002


@pytest.fixture(scope="module")
def generated() -> list[str]:
    return generated_phrases(N_GEN)


def dictionary_lines(gen: list[str]) -> list[str]:
    lines = HEADER.splitlines() + PLANTED_1
    lines += [f"        - {{wrong: {w}, right: {w[::-1]}}}" for w in gen[:SPLIT]]
    lines += SECOND.splitlines() + PLANTED_2
    lines += [f"        - {{wrong: {w}, right: {w[::-1]}}}" for w in gen[SPLIT:]]
    return lines


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory, generated):
    path = tmp_path_factory.mktemp("dict") / "org-dict.yaml"
    path.write_text("\n".join(dictionary_lines(generated)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def document(generated):
    g0, g1, g2 = generated[0], generated[9_999], generated[17_000]
    text = "\n".join(
        [
            "开展专项整治行动方案编制，抓好专项整治，制订整治行动方案。",
            "某分局长期坚持，分局长效机制，第一分局长到场。",
            "对整改作出布署安排，另行布署。",
            f"甲{g0}，乙{g1}，丙{g2}。",
            "坚持以习近平新时代中国特色社会主义思想为指导。",
        ]
    )
    c1 = 2
    c2 = c1 + len(g0) + 2
    c3 = c2 + len(g1) + 2
    expected = [
        # line 1: at 专 both 专项整治 and 专项整治行动 match: the longest wins and hides 整治行动方案 inside it
        (1, 3, "ORG001", "专项整治行动", "专项整治工作", "warning", True),
        (1, 16, "ORG001", "专项整治", "专门整治", "warning", True),
        (1, 23, "ORG001", "整治行动方案", "整治工作方案", "warning", True),
        # line 2: 分局长 inside 分局长期 / 分局长效 is allowed; the third one is reported
        (2, 18, "ORG002", "分局长", "分局局长", "error", False),
        # line 3: the user's longer phrase wins over the bundled 布署 (POL004) inside it; the bare one is POL004
        (3, 4, "ORG001", "作出布署安排", "作出部署安排", "warning", True),
        (3, 13, "POL004", "布署", "部署", "error", True),
        # line 4: generated entries from the start, the middle and the second rule
        (4, c1, "ORG001", g0, g0[::-1], "warning", True),
        (4, c2, "ORG001", g1, g1[::-1], "warning", True),
        (4, c3, "ORG002", g2, g2[::-1], "error", False),
    ]
    return text, expected


def rows(findings) -> list[tuple]:
    return [(f.line, f.column, f.code, f.matched, f.replacement, f.severity.label, f.fix_safe) for f in findings]


def test_dictionary_file_is_as_large_as_promised(dictionary, generated):
    text = dictionary.read_text(encoding="utf-8")
    assert text.count("{wrong: ") == N_ENTRIES
    assert len(set(generated)) == N_GEN


def test_planted_entries_are_found_exactly(dictionary, document):
    text, expected = document
    linter = make_linter(select=["ORG", "POL"], extra_rules=[str(dictionary)])
    findings = linter.lint(Document.from_string(text, "planted.txt"))
    assert rows(findings) == expected
    messages = {(f.line, f.code): f.message for f in findings}
    assert messages[(2, "ORG002")] == "禁用“分局长”，改为“分局局长”"
    assert messages[(3, "POL004")] == "错别字或写法错误：布署，应为：部署"


def test_bundled_and_user_phrases_share_one_automaton(dictionary, document):
    text, _ = document
    linter = make_linter(extra_rules=[str(dictionary)])
    phrase_rules = linter.by_kind["phrase"]
    assert {"ORG001", "ORG002", "POL001", "POL004"} <= {r.code for r in phrase_rules}
    linter.lint(Document.from_string(text, "a.txt"))
    linter.lint(Document.from_string(text, "b.txt"))
    state = linter.prepared("phrase")
    assert linter.stats.prepared["phrase"] == 1 and linter.stats.checked["phrase"] == 2
    distinct = {e.wrong for e in state.entries}
    assert len(state.matcher.automaton) == len(distinct) >= N_ENTRIES + 100  # byte keys are whole phrases
    assert state.byte_keyed  # large dictionaries use the byte-keyed automaton (see linter/kinds/phrase.py)
    assert phrase.BYTE_KEYED_FROM <= N_ENTRIES


def test_the_reference_notice_stays_clean_with_the_dictionary(dictionary):
    r = CliRunner().invoke(main, ["check", "--rules", str(dictionary), str(FIXTURES / "clean" / "reference-clean.txt")])
    assert r.exit_code == 0, r.output
    assert "共发现 0 个问题" in r.stdout


def test_cli_json_with_the_dictionary(dictionary, document, tmp_path):
    text, expected = document
    doc = tmp_path / "planted.txt"
    doc.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--rules", str(dictionary), "--select", "ORG,POL", "--format", "json", str(doc)])
    assert r.exit_code == 1, r.output  # error-severity findings remain
    got = [(f["line"], f["column"], f["code"], f["matched"], f["replacement"], f["severity"], f["fix_safe"]) for f in json.loads(r.stdout)["findings"]]
    assert got == expected


def test_fix_applies_only_the_safe_dictionary_entries(dictionary, document, tmp_path):
    text, _ = document
    doc = tmp_path / "planted.txt"
    doc.write_text(text.split("\n")[2] + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--rules", str(dictionary), "--select", "ORG,POL", "--fix", str(doc)])
    assert r.exit_code == 0, r.output
    assert doc.read_text(encoding="utf-8") == "对整改作出部署安排，另行部署。\n"


# --- invalid dictionaries -------------------------------------------------------


def cli_error(*paths) -> tuple[int, list[str]]:
    args = ["check"]
    for p in paths:
        args += ["--rules", str(p)]
    r = CliRunner().invoke(main, args + [str(FIXTURES / "clean" / "reference-clean.txt")])
    return r.exit_code, r.stderr.splitlines()


def broken_copy(tmp_path, lines: list[str], index: int, line: str):
    """A dictionary with its line ``index`` (0-based) replaced; returns (path, 1-based line)."""
    lines = list(lines)
    lines[index] = line
    p = tmp_path / "broken.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p, index + 1


@pytest.mark.parametrize(
    "big,bad_line,fragment",
    [
        (True, "        - wrong: 丁戊: 己", "invalid YAML: mapping values are not allowed"),
        (True, "\t- {wrong: 丁戊, right: 丁己}", "invalid YAML"),
        (True, "        - {right: 丁己}", "'wrong' is a required property"),
        (False, "        - {wrong: 丁戊, right: 丁己, severity: fatal}", "'fatal' is not one of"),
        (False, "        - {wrong: 丁戊, right: 丁己, allow: [戊己]}", "does not contain the phrase"),
    ],
)
def test_invalid_dictionary_is_one_line_naming_file_and_line(tmp_path, generated, big, bad_line, fragment):
    """Deep inside the 20,000-entry file (entry 12,345) or in a small one: the line is exact."""
    n_head = len(HEADER.splitlines())
    lines = dictionary_lines(generated) if big else HEADER.splitlines() + PLANTED_1
    entry = 12_345 if big else 2
    path, line = broken_copy(tmp_path, lines, n_head + entry, bad_line)
    code, err = cli_error(path)
    assert code == 2
    assert len(err) == 1, err
    if "does not contain" in fragment:
        # a check of the options as a whole (kind phrase): reported where the entries list starts,
        # the message names the entry's index
        line = n_head + 1
        assert f"entry {entry} ('丁戊')" in err[0]
    assert err[0].startswith(f"noticelint: {path}:{line}: "), err[0]
    assert fragment in err[0]


def test_duplicate_code_of_a_bundled_rule(tmp_path):
    p = tmp_path / "dup.yaml"
    p.write_text(HEADER.replace("ORG001", "POL004") + PLANTED_1[0] + "\n", encoding="utf-8")
    code, err = cli_error(p)
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(f"noticelint: {p}:3: rule 'POL004' is already defined in "), err[0]
    assert "political-terms.yaml" in err[0]


def test_duplicate_code_between_two_user_dictionaries(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(HEADER + PLANTED_1[0] + "\n", encoding="utf-8")
    b.write_text(HEADER.replace("org-preferred-terms", "org-other") + PLANTED_1[1] + "\n", encoding="utf-8")
    code, err = cli_error(a, b)
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(f"noticelint: {b}:3: rule 'ORG001' is already defined in {a}"), err[0]
