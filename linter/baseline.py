"""Baselines: record today's findings once, then report only new ones.

A finding is identified by rule code, file path, the matched text and its
context on its own line (up to 12 characters either side, never across a line
break), not by line or column, so editing elsewhere in the file, even adding a
paragraph right above, does not bring a recorded finding back. Identical
findings are counted: with two recorded, a third one is new.

File format (JSON, ``version`` 1)::

    {"version": 1, "tool": {"name": "noticelint", "version": "0.1.0"},
     "findings": [{"path": "notices/a.txt", "code": "NUM001", "matched": "3.",
                   "context": "…3.进一步强化…", "count": 1}, ...]}

Paths are stored relative to the baseline file's folder, with ``/``, so the
file works from any working folder and on any system.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import ConfigError
from .model import Finding

VERSION = 1
CONTEXT_CHARS = 12  # what the engine keeps around each match (Finding.context)

Key = tuple[str, str, str, str]  # (path, code, matched, context)


def line_context(f: Finding) -> str:
    """The finding's context cut to its own line(s): stable when nearby paragraphs change."""
    before_len = min(CONTEXT_CHARS, f.start)
    before = f.context[:before_len]
    after = f.context[before_len + len(f.matched) :]
    before = before.rsplit("\n", 1)[-1]
    after = after.split("\n", 1)[0]
    return before + f.matched + after


class Baseline:
    def __init__(self, path: str, counts: Counter | None = None):
        self.path = path
        self.folder = Path(path).resolve().parent
        self.counts: Counter = counts if counts is not None else Counter()
        self.remaining: Counter = Counter(self.counts)
        self.linted: set[str] = set()

    # ---- paths -----------------------------------------------------------------
    def stored_path(self, path: str) -> str:
        """A finding's path as stored: relative to the baseline's folder, POSIX separators."""
        if path.startswith("<"):  # <stdin>
            return path
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.folder).as_posix()
        except ValueError:
            rel = os.path.relpath(absolute, self.folder)
            return Path(rel).as_posix()

    def key(self, f: Finding) -> Key:
        return (self.stored_path(f.path), f.code, f.matched, line_context(f))

    # ---- reading and writing -------------------------------------------------------
    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(path, "no such baseline file (create it with --write-baseline)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(path, f"cannot read baseline file: {getattr(e, 'strerror', None) or e}") from None
        try:
            data = json.loads(raw)
        except ValueError as e:
            raise ConfigError(path, f"baseline is not valid JSON: {e.msg}", e.lineno) from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise ConfigError(path, f"not a noticelint baseline of version {VERSION} (write a new one with --write-baseline)")
        counts: Counter = Counter()
        for i, e in enumerate(data["findings"]):
            try:
                key = (str(e["path"]), str(e["code"]), str(e["matched"]), str(e["context"]))
                n = int(e.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise ConfigError(path, f"findings/{i}: an entry needs path, code, matched and context") from None
            if n < 1:
                raise ConfigError(path, f"findings/{i}/count: must be at least 1")
            counts[key] += n
        return cls(path, counts)

    @classmethod
    def from_findings(cls, path: str, findings: list[Finding]) -> "Baseline":
        b = cls(path)
        for f in findings:
            b.counts[b.key(f)] += 1
        b.remaining = Counter(b.counts)
        return b

    def to_json(self) -> str:
        entries = [
            {"path": p, "code": c, "matched": m, "context": ctx, "count": n}
            for (p, c, m, ctx), n in sorted(self.counts.items())
        ]
        data = {"version": VERSION, "tool": {"name": "noticelint", "version": __version__}, "findings": entries}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(self) -> None:
        from .fix import write_atomic

        try:
            Path(self.path).resolve().parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, self.to_json().encode("utf-8"))
        except OSError as e:
            raise ConfigError(self.path, f"cannot write baseline: {e.strerror or e}") from None

    # ---- matching ---------------------------------------------------------------
    def filter(self, path: str, findings: list[Finding]) -> tuple[list[Finding], int]:
        """(findings not in the baseline, number hidden), consuming recorded counts in order."""
        self.linted.add(self.stored_path(path))
        kept = []
        hidden = 0
        for f in findings:
            k = self.key(f)
            if self.remaining[k] > 0:
                self.remaining[k] -= 1
                hidden += 1
            else:
                kept.append(f)
        return kept, hidden

    def stale(self) -> list[tuple[Key, int]]:
        """Recorded findings of the files linted in this run that were not found again."""
        return sorted((k, n) for k, n in self.remaining.items() if n > 0 and k[0] in self.linted)


def describe_stale(baseline: Baseline, lang: str = "zh") -> list[str]:
    """One stderr line per stale entry."""
    out = []
    for (path, code, matched, _ctx), n in baseline.stale():
        times = f" ×{n}" if n > 1 else ""
        if lang == "en":
            out.append(f"{baseline.path}: stale entry: {path} {code} '{matched}'{times} no longer found (refresh with --write-baseline)")
        else:
            out.append(f"{baseline.path}: 基线条目已失效：{path} {code} “{matched}”{times} 已不再出现（可用 --write-baseline 更新）")
    return out
