"""CPU instructions per notice spent in parts of the linting, counted by valgrind (deterministic, unlike time).

    python bench/count.py all                       # every part: reading, the outline, every kind, findings
    python bench/count.py outline                   # the outline parser alone
    python bench/count.py punctuation arithmetic    # kinds that share a per-document memo: count them together

The numbers of docs/performance.md (rounds 4 and 5) were taken this way. This VM's
timings drift by 20-40 % from one minute to the next; callgrind's instruction counts
repeat to ~0.1 % whatever else the machine is doing. The script runs itself twice
under callgrind over the first 20 bench notices (``python bench/run.py`` makes them):
once preparing everything and reading the notices, once also running the parts on
them; the difference divided by 20 is printed. Both runs first run the parts once on
the reference notice, so that what a process does once (lazy imports, search plans)
is not counted as per-notice work. PART: ``read``, ``outline``, ``to_finding`` (with
every kind), a kind name (``pattern``, ``punctuation``, ...), or ``all``. The garbage
collector runs at Python's default threshold here (the CLI raises it), which adds a
few tenths of a million to parts that keep many objects.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTICES = 20


def bench_notices() -> list[str]:
    """The first NOTICES of the 100 bench notices (made by bench/run.py)."""
    return sorted(glob.glob(str(HERE / "out" / "notices" / "*.txt")))[:NOTICES]


def measured(counted: bool, parts: list[str]) -> None:
    """The work under measurement (run inside callgrind): prepare, read, then the parts if ``counted``."""
    from linter import ruleset
    from linter.engine import Context, Linter, Settings
    from linter.kinds import get_kind
    from linter.reading import read_document

    files = bench_notices()
    linter = Linter(ruleset.load_rules(), Settings())
    linter.prepare_all()
    docs = [read_document(p) for p in files]
    everything = "all" in parts
    contexts = [Context(d, linter.settings) for d in docs]
    if "outline" not in parts and not everything:
        for c in contexts:
            c.outline  # parsed outside the counted part
    warm = read_document(str(HERE / "out" / "notice.txt"))
    todo = [(warm, Context(warm, linter.settings))] + (list(zip(docs, contexts)) if counted else [])
    for doc, ctx in todo:
        if "read" in parts or everything:
            read_document(doc.path)
        if "outline" in parts or everything:
            ctx.outline
        hits = []
        for kind in linter.by_kind:
            if kind in parts or everything or "to_finding" in parts:
                hits += get_kind(kind).check(ctx, linter.prepared(kind))
        if "to_finding" in parts or everything:
            linter.findings(doc, hits)


def instructions(counted: bool, parts: list[str]) -> int:
    """Instructions of one run of this script under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(HERE.parent))
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--measured", str(int(counted)), *parts]
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    raise SystemExit("bench/count.py: callgrind wrote no totals")


def main() -> None:
    if sys.argv[1:2] == ["--measured"]:
        measured(sys.argv[2] == "1", sys.argv[3:])
        return
    parts = sys.argv[1:] or ["all"]
    if shutil.which("valgrind") is None:
        sys.exit("bench/count.py: valgrind is not installed")
    if len(bench_notices()) < NOTICES or not (HERE / "out" / "notice.txt").exists():
        sys.exit("bench/count.py: no bench inputs: run python bench/run.py --quick first")
    # once outside callgrind: fills the regex and rule caches, which the counted runs then load
    subprocess.run([sys.executable, __file__, "--measured", "1", *parts], check=True, env=dict(os.environ, PYTHONPATH=str(HERE.parent)))
    base, full = instructions(False, parts), instructions(True, parts)
    print(f"{' '.join(parts)}: {(full - base) / NOTICES / 1e6:.2f} M instructions per notice")


if __name__ == "__main__":
    main()
