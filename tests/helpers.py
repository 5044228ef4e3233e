"""Shared test helpers: lint text or files with the bundled rules, and read .expected files."""
from __future__ import annotations

import random
from datetime import date
from functools import lru_cache
from pathlib import Path

from linter import outline as _outline
from linter import rx
from linter.document import Document
from linter.kinds import arithmetic
from linter.engine import Linter, Settings
from linter.model import Finding
from linter.reading import read_document
from linter.ruleset import load_rules, select_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REFERENCE = ROOT.parent / "shared" / "reference" / "zhongshan-police-2025.txt"


@lru_cache(maxsize=None)
def bundled_rules():
    return tuple(load_rules())


def make_linter(select=None, ignore=None, today: date | None = None, lang: str = "zh", extra_rules=()) -> Linter:
    rules = list(bundled_rules()) if not extra_rules else load_rules(list(extra_rules))
    rules = select_rules(rules, select, ignore)
    return Linter(rules, Settings(lang=lang, today=today))


def lint_text(text: str, **kw) -> list[Finding]:
    return make_linter(**kw).lint(Document.from_string(text, "t.txt"))


def lint_file(path, **kw) -> list[Finding]:
    return make_linter(**kw).lint(read_document(str(path)))


def triples(findings) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in findings]


def read_expected(path: Path) -> tuple[dict[str, str], list[tuple[int, int, str]]]:
    """An .expected file: '# key: value' directives, then one 'LINE:COL CODE' per finding."""
    directives: dict[str, str] = {}
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if ":" in line:
                k, _, v = line[1:].partition(":")
                directives[k.strip()] = v.strip()
            continue
        pos, code = line.split()
        ln, col = pos.split(":")
        out.append((int(ln), int(col), code))
    return directives, sorted(out)


def lint_with_directives(path: Path, directives: dict[str, str]) -> list[Finding]:
    kw = {}
    if "today" in directives:
        kw["today"] = date.fromisoformat(directives["today"])
    if "select" in directives:
        kw["select"] = [s.strip() for s in directives["select"].split(",")]
    if "ignore" in directives:
        kw["ignore"] = [s.strip() for s in directives["ignore"].split(",")]
    return lint_file(path, **kw)


def run_cli(*args, input=None):
    """Invoke the CLI in-process, arguments given as anything str() can print."""
    from click.testing import CliRunner

    from linter.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def stderr_of(result) -> str:
    """What the command wrote to stderr (click < 8.2 mixes the streams into output)."""
    try:
        return result.stderr
    except ValueError:
        return result.output


CLEAN_REFERENCE = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")


def col(text: str, anchor: str, offset: int = 0) -> int:
    """1-based column (in code points) of ``anchor``, which occurs once in a one-line text, plus ``offset``."""
    assert text.count(anchor) == 1, anchor
    return text.index(anchor) + 1 + offset


def where(text: str, anchor: str, offset: int = 0) -> tuple[int, int]:
    """1-based (line, column) of ``anchor``, which occurs once in a multi-line text, plus ``offset``."""
    assert text.count(anchor) == 1, anchor
    i = text.index(anchor) + offset
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def edited(*pairs: tuple[str, str], text: str = CLEAN_REFERENCE) -> str:
    """The clean reference notice with each (old, new) replaced; each old occurs exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def noisy_corpus(noise: str, seed: int, copies: int, every: int) -> list[str]:
    """Every fixture and the reference notice, plus noisy copies of the last ``copies`` of them:
    one character of ``noise`` inserted per ``every`` characters (for comparing fast paths with
    the plain readings they replace)."""
    found = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))]
    if REFERENCE.exists():
        found.append(REFERENCE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    chars_of_noise = list(noise)
    for base in list(found[-copies:]):
        chars = list(base)
        for _ in range(len(chars) // every):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(chars_of_noise))
        found.append("".join(chars))
    return found


# A user rule file with one ordered-list rule; format with ``options`` (indented YAML lines).
LIST_RULE = """\
rules:
  - code: ORG101
    name: org-list
    kind: ordered-list
    severity: error
    summary: x
    message: "{{detail_zh}}"
    options:
{options}
"""


# Plain readings that fast paths are compared with (not used by the linter itself):
# inline 一是 items searched at every numeral, and every sentence of a text.
PLAIN_ENUM_INLINE = rx.compile(rf"(?<={_outline.INLINE_BEFORE})({_outline.CN})是{_outline.ENUM_NOT_AFTER}")


def plain_sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in arithmetic.SENTENCE_RE.finditer(text)]
