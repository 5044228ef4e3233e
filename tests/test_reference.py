"""The real published notice lints exactly as documented in the README, and --fix mends exactly its defects.

Its real defects: 39 Word bookmark residues ``[bookmark: …]`` (RES001), a
half-width comma on line 96 (PUN001) and a ``-`` range on line 119 (PUN009).
Expected positions are computed from the file here, not pasted from output.
"""
from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, REFERENCE, lint_file
from linter.cli import main

pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason=f"the shared reference notice is not at {REFERENCE}")


def expected_findings() -> list[tuple[int, int, int, str]]:
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    out = []
    for n, line in enumerate(lines, 1):
        for m in re.finditer(r"\[bookmark: [^\]]*\]", line):
            out.append((n, m.start() + 1, m.end() + 1, "RES001"))
    i = lines[95].index("工单,") + 2
    out.append((96, i + 1, i + 2, "PUN001"))
    j = lines[118].index("2024年12月-2025年1月") + len("2024年12月")
    out.append((119, j + 1, j + 2, "PUN009"))
    return sorted(out)


def test_reference_findings_are_exactly_the_documented_defects():
    got = sorted((f.line, f.column, f.end_column, f.code) for f in lint_file(REFERENCE))
    expected = expected_findings()
    assert len([e for e in expected if e[3] == "RES001"]) == 39
    assert got == expected


def test_reference_through_the_cli_fails_on_errors():
    r = CliRunner().invoke(main, ["check", "--no-source", str(REFERENCE)])
    assert r.exit_code == 1
    assert "共发现 41 个问题（错误 40，警告 1，提示 0）" in r.output


def test_fix_on_a_copy_removes_exactly_the_defects(tmp_path):
    copy = tmp_path / "reference.txt"
    shutil.copy(REFERENCE, copy)
    original = REFERENCE.read_bytes()
    r = CliRunner().invoke(main, ["check", "--fix", str(copy)])
    assert r.exit_code == 0, r.output  # nothing at error level remains
    want = re.sub(rb"\[bookmark: [^\]]*\]", b"", original)
    want = want.replace("工单,以下发".encode(), "工单，以下发".encode())
    want = want.replace("2024年12月-2025年1月".encode(), "2024年12月至2025年1月".encode())
    assert copy.read_bytes() == want
    # which is the bundled clean fixture, byte for byte
    assert want == (FIXTURES / "clean" / "reference-clean.txt").read_bytes()
    # and a second --fix changes nothing
    CliRunner().invoke(main, ["check", "--fix", str(copy)])
    assert copy.read_bytes() == want
