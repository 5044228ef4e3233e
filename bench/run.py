"""Benchmark noticelint as users run it: whole CLI processes, several runs, median/min/max and peak memory.

    python bench/run.py                      # build inputs, time everything, print a table
    python bench/run.py --runs 7 --quick     # fewer cases
    python bench/run.py --compare "textlint=npx textlint --rule prh {files}"
    python bench/run.py --textlint           # install textlint + prh from npm and compare

Inputs are generated under bench/out/ (ignored by git): the reference notice,
100 varied copies of it (one folder), one file of 100 and one of 200 joined
copies (the "9 MB" file), and user dictionaries of 50 and 20,000 generated
phrase pairs in noticelint's rule format (and in prh's format for textlint).

Placeholders usable in --compare commands: {notice} one notice, {files} the
100 notices (space-separated), {dir} their folder, {big} the 200-copy file,
{half} the 100-copy file, {dict50} / {dict20k} the noticelint dictionaries,
{prh50} / {prh20k} the prh dictionaries, and {textlintrc50} / {textlintrc20k}
textlint configurations that load them.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
REFERENCE_CANDIDATES = [ROOT.parent / "shared" / "reference" / "zhongshan-police-2025.txt", ROOT / "fixtures" / "clean" / "reference-clean.txt"]

# Characters used to generate dictionary phrases that look like Chinese terms but never occur in notices.
RARE = "龘靐齉爩麤鸞驫鱻籱灩厵癵饢虋鬱纞讟钃鸜麷"


def reference_text() -> str:
    for p in REFERENCE_CANDIDATES:
        if p.exists():
            return p.read_text(encoding="utf-8")
    sys.exit("no reference notice found")


def vary(text: str, i: int) -> str:
    """A plausible variant: other numbers and dates, so 100 copies are not byte-identical."""
    rng = random.Random(i)
    out = []
    for ch in text:
        if ch.isdigit() and ch.isascii() and rng.random() < 0.15:
            ch = str(rng.randint(1, 9))
        out.append(ch)
    return "".join(out).replace("中山市", rng.choice(["中山市", "江门市", "珠海市", "佛山市"]))


def phrase_pairs(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n distinct pairs of 4-7 character phrases built from common and rare characters."""
    rng = random.Random(seed)
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    seen: set[str] = set()
    pairs = []
    while len(pairs) < n:
        k = rng.randint(4, 7)
        wrong = "".join(rng.choice(common) for _ in range(k - 1)) + rng.choice(RARE)
        if wrong in seen:
            continue
        seen.add(wrong)
        pairs.append((wrong, wrong[:-1] + "事"))
    return pairs


def write_dictionary(path: Path, pairs: list[tuple[str, str]], code: str) -> None:
    lines = [
        "rules:",
        f"  - code: {code}",
        f"    name: bench-dictionary-{code.lower()}",
        "    kind: phrase",
        "    severity: warning",
        "    summary: {zh: 基准测试词典, en: benchmark dictionary}",
        '    message: {zh: "应为“{right}”", en: "use {right}"}',
        "    options:",
        "      pairs:",
    ]
    lines += [f"        {w}: {r}" for w, r in pairs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_prh(path: Path, pairs: list[tuple[str, str]]) -> None:
    lines = ["version: 1", "rules:"]
    for w, r in pairs:
        lines += [f"  - expected: {r}", f"    pattern: {w}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_inputs() -> dict[str, str]:
    OUT.mkdir(exist_ok=True)
    ref = reference_text()
    notice = OUT / "notice.txt"
    notice.write_text(ref, encoding="utf-8")
    d = OUT / "notices"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    files = []
    for i in range(100):
        p = d / f"notice-{i:03d}.txt"
        p.write_text(vary(ref, i), encoding="utf-8")
        files.append(str(p))
    (OUT / "half.txt").write_text("\n".join([ref] * 100), encoding="utf-8")
    (OUT / "big.txt").write_text("\n".join([ref] * 200), encoding="utf-8")
    write_dictionary(OUT / "dict50.yaml", phrase_pairs(50), "BEN001")
    write_dictionary(OUT / "dict20k.yaml", phrase_pairs(20000), "BEN002")
    write_prh(OUT / "prh50.yml", phrase_pairs(50))
    write_prh(OUT / "prh20k.yml", phrase_pairs(20000))
    for n in ("50", "20k"):  # textlint takes rule options only from a config file
        (OUT / f"textlintrc{n}.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(OUT / f"prh{n}.yml")]}}}), encoding="utf-8")
    return {
        "notice": str(notice),
        "files": " ".join(shlex.quote(f) for f in files),
        "dir": str(d),
        "big": str(OUT / "big.txt"),
        "half": str(OUT / "half.txt"),
        "dict50": str(OUT / "dict50.yaml"),
        "dict20k": str(OUT / "dict20k.yaml"),
        "prh50": str(OUT / "prh50.yml"),
        "prh20k": str(OUT / "prh20k.yml"),
        "textlintrc50": str(OUT / "textlintrc50.json"),
        "textlintrc20k": str(OUT / "textlintrc20k.json"),
    }


def run_once(cmd: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MiB) and CPU time (s, user + system, with the processes it waited for) of one whole process."""
    # GNU time reports the command's own peak RSS; wait4 on a child forked from this
    # (large) Python process would also count the pages it shared before exec.
    gnu_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-f", "%M", "-o", str(OUT / ".maxrss")] + cmd) if gnu_time else cmd
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code not in (0, 1):
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    rss_kib = int((OUT / ".maxrss").read_text().split()[-1]) if gnu_time else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime  # (wait4 counts the children it reaped too: --jobs workers)
    return dt, rss_kib / 1024, cpu  # KiB -> MiB on Linux


def time_commands(cmds: list[list[str]], runs: int, env: dict | None = None, warmup: int = 1) -> list[dict]:
    """Median/min/max wall time and peak RSS of each command over ``runs``, the commands taken in turn.

    Round by round (every command once, then again), not command by command: this
    VM's speed drifts by 20-40 % from one minute to the next, and a ratio between
    two commands is only fair when both saw the same minutes.
    """
    times: list[list[float]] = [[] for _ in cmds]
    peaks: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for i in range(warmup + runs):
        for k, cmd in enumerate(cmds):
            dt, peak, cpu = run_once(cmd, env)
            if i >= warmup:
                times[k].append(dt)
                peaks[k].append(peak)
                cpus[k].append(cpu)
    return [
        {"median": statistics.median(t), "min": min(t), "max": max(t), "peak_mib": max(p), "cpu_median": statistics.median(c), "runs": runs}
        for t, p, c in zip(times, peaks, cpus)
    ]


def noticelint_cmd(editable: bool) -> tuple[list[str], str]:
    """(the noticelint users run, the Python it runs on).

    This checkout is built as a wheel and installed, with its dependencies, in
    bench/out/venv: a virtual environment of its own, as ``pipx install`` or
    ``pip install`` in a project's venv gives users. It does not see this
    Python's site-packages, whose ``.pth`` files run at every start of that
    Python (here a sandbox's certificate hook imports certifi, ~20 ms per
    process); the Python baselines run on the venv's interpreter too, so the
    ratios compare like with like. pip compiles the modules to bytecode at
    install time, as for any user. When the dependencies cannot be installed
    (no package index), the venv falls back to seeing this Python's packages
    and says so. ``--editable`` times the ``noticelint`` on PATH and this Python.
    """
    if editable:
        exe = shutil.which("noticelint")
        if exe is None:
            sys.exit("noticelint is not installed (pip install -e .)")
        return [exe], sys.executable
    venv_dir = OUT / "venv"
    wheels = OUT / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("noticelint-*.whl")
    py = str(venv_dir / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", py, "install", "-q"]
    cfg = venv_dir / "pyvenv.cfg"
    if not cfg.exists() or "include-system-site-packages = true" in cfg.read_text():
        import venv

        shutil.rmtree(venv_dir, ignore_errors=True)
        venv.EnvBuilder(with_pip=False).create(venv_dir)
        if subprocess.run(pip + [str(wheel)]).returncode != 0:  # the dependencies, from the package index
            print("bench: dependencies not installable; the venv sees this Python's packages instead", file=sys.stderr)
            shutil.rmtree(venv_dir, ignore_errors=True)
            venv.EnvBuilder(system_site_packages=True, with_pip=False).create(venv_dir)
    subprocess.run(pip + ["--no-deps", "--force-reinstall", str(wheel)], check=True)
    return [str(venv_dir / "bin" / "noticelint")], py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 20,000-phrase and 9 MB cases")
    ap.add_argument("--jobs", default="2", help="--jobs for the 100-notice case (if supported)")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=CMD", help="another command to time; placeholders as in the module doc")
    ap.add_argument("--textlint", action="store_true", help="install textlint + textlint-rule-prh with npm under bench/out and compare")
    ap.add_argument("--json", type=Path, default=OUT / "results.json")
    ap.add_argument("--editable", action="store_true", help="time the noticelint on PATH instead of a wheel installed in bench/out/venv")
    args = ap.parse_args()

    paths = build_inputs()
    nl, py = noticelint_cmd(args.editable)
    env = dict(os.environ)
    big_mb = Path(paths["big"]).stat().st_size / 1e6
    all_mb = sum(Path(p).stat().st_size for p in shlex.split(paths["files"])) / 1e6
    print(f"inputs: one notice {Path(paths['notice']).stat().st_size/1e3:.0f} kB; 100 notices {all_mb:.1f} MB; big file {big_mb:.1f} MB", file=sys.stderr)

    # warm the rule cache once (validation happens once per content)
    subprocess.run(nl + ["check", paths["notice"]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jobs_supported = "--jobs" in subprocess.run(nl + ["check", "--help"], capture_output=True, text=True).stdout
    files = shlex.split(paths["files"])
    many = nl + ["check", "--no-source", *( ["--jobs", args.jobs] if jobs_supported else []), *files]

    cases: list[tuple[str, str, list[str]]] = [
        ("python3 -c pass", "one", [py, "-c", "pass"]),
        ('python3 -c "import click"', "one", [py, "-c", "import click"]),
        ('python3 -c "import jsonschema"', "one", [py, "-c", "import jsonschema"]),
        ("noticelint, all bundled rules", "one", nl + ["check", paths["notice"]]),
        ("noticelint, all bundled rules", "many", many),
        ("noticelint + 50 phrases", "one", nl + ["check", "--rules", paths["dict50"], paths["notice"]]),
    ]
    if not args.quick:
        cases += [
            ("noticelint, all bundled rules", "half", nl + ["check", "--no-source", paths["half"]]),
            ("noticelint, all bundled rules", "big", nl + ["check", "--no-source", paths["big"]]),
            ("noticelint + 20,000 phrases", "one", nl + ["check", "--rules", paths["dict20k"], paths["notice"]]),
            ("noticelint + 50 phrases", "big", nl + ["check", "--no-source", "--rules", paths["dict50"], paths["big"]]),
            ("noticelint + 20,000 phrases", "big", nl + ["check", "--no-source", "--rules", paths["dict20k"], paths["big"]]),
        ]
    if args.textlint:
        tl = setup_textlint()
        if tl:
            cases += [
                ("textlint + prh, 50 phrases", "one", tl + ["--config", str(OUT / "textlintrc50.json"), paths["notice"]]),
                ("textlint + prh, 50 phrases", "many", tl + ["--config", str(OUT / "textlintrc50.json"), *files]),
            ]
    for spec in args.compare:
        name, _, cmd = spec.partition("=")
        cmd_text = cmd.format(**paths)
        col = "many" if "{files}" in cmd or "{dir}" in cmd else "big" if "{big}" in cmd else "one"
        cases.append((name, col, shlex.split(cmd_text)))

    # warm the user-dictionary caches too: a second run is what users feel
    for d in ("dict50", "dict20k"):
        subprocess.run(nl + ["check", "--rules", paths[d], paths["notice"]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    results = time_commands([cmd for _, _, cmd in cases], args.runs, env)
    for (name, col, _), r in zip(cases, results):
        r.update(name=name, input=col)
        print(f"  {name:<34} {col:<5} median {r['median']:.3f}s  min {r['min']:.3f}s  max {r['max']:.3f}s  peak {r['peak_mib']:.0f} MiB  cpu {r['cpu_median']:.3f}s", file=sys.stderr)

    # first run with an empty cache (rules validated, automaton built), for honesty
    cold_env = dict(env, NOTICELINT_CACHE_DIR=str(OUT / "empty-cache"))
    shutil.rmtree(OUT / "empty-cache", ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(nl + ["check", paths["notice"]], stdout=subprocess.DEVNULL, env=cold_env)
    first_run = time.perf_counter() - t0

    report = {
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "venv_sees_system_packages": not args.editable and "include-system-site-packages = true" in (OUT / "venv" / "pyvenv.cfg").read_text(),
        "inputs_mb": {"many": round(all_mb, 2), "big": round(big_mb, 2)},
        "first_run_empty_cache_s": round(first_run, 3),
        "results": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(results, big_mb, first_run))
    print(targets(results, big_mb))


def setup_textlint() -> list[str] | None:
    """Install textlint 15 and textlint-rule-prh with npm under bench/out/textlint (npm registry only)."""
    d = OUT / "textlint"
    exe = d / "node_modules" / ".bin" / "textlint"
    if not exe.exists():
        d.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(d), "textlint@15", "textlint-rule-prh"], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"textlint could not be installed: {r.stderr[-500:]}", file=sys.stderr)
            return None
    return [str(exe)]


def fmt(r: dict | None) -> str:
    return "" if r is None else f"{r['median']:.3f} s ({r['min']:.3f}–{r['max']:.3f}), {r['peak_mib']:.0f} MiB"


def table(results: list[dict], big_mb: float, first_run: float) -> str:
    names = list(dict.fromkeys(r["name"] for r in results))
    by = {(r["name"], r["input"]): r for r in results}
    lines = ["| what | one notice | 100 notices | 100 copies in one file | 200 copies in one file |", "|---|---|---|---|---|"]
    for n in names:
        lines.append(f"| {n} | {fmt(by.get((n, 'one')))} | {fmt(by.get((n, 'many')))} | {fmt(by.get((n, 'half')))} | {fmt(by.get((n, 'big')))} |")
    lines.append("")
    lines.append(f"First run with an empty cache (rule files validated, automaton built): {first_run:.3f} s.")
    return "\n".join(lines)


def targets(results: list[dict], big_mb: float) -> str:
    by = {(r["name"], r["input"]): r["median"] for r in results}
    peak = {(r["name"], r["input"]): r["peak_mib"] for r in results}
    cpu = {(r["name"], r["input"]): r.get("cpu_median") for r in results}
    out = ["", "Targets (ratios measured in this run):"]

    def line(label: str, value: float | None, limit: str, ok: bool | None) -> None:
        if value is None:
            out.append(f"- {label}: not measured")
        else:
            out.append(f"- {label}: {value:.2f} (target {limit}) {'PASS' if ok else 'FAIL'}")

    one = by.get(("noticelint, all bundled rules", "one"))
    click = by.get(('python3 -c "import click"', "one"))
    line("one notice / import click", one / click if one and click else None, "<= 1.5", one is not None and click is not None and one / click <= 1.5)
    many = by.get(("noticelint, all bundled rules", "many"))
    tl = by.get(("textlint + prh, 50 phrases", "many"))
    line("100 notices / textlint+prh(50)", many / tl if many and tl else None, "<= 0.25", many is not None and tl is not None and many / tl <= 0.25)
    many_cpu = cpu.get(("noticelint, all bundled rules", "many"))
    if many and many_cpu:
        out.append(f"  (100 notices: {many_cpu:.3f} s of CPU in {many:.3f} s, {many_cpu / many:.2f} CPUs busy on average)")
    big = by.get(("noticelint, all bundled rules", "big"))
    half = by.get(("noticelint, all bundled rules", "half"))
    if big:
        line("MB/s on the 200-copy file", big_mb / big, ">= 20", big_mb / big >= 20)
    line("200-copy / 100-copy time", big / half if big and half else None, "<= 2.2", bool(big and half and big / half <= 2.2))
    d50, d20 = by.get(("noticelint + 50 phrases", "one")), by.get(("noticelint + 20,000 phrases", "one"))
    line("20,000 vs 50 phrases, one notice (s added)", d20 - d50 if d20 and d50 else None, "<= 0.1", bool(d20 and d50 and d20 - d50 <= 0.1))
    b50, b20 = by.get(("noticelint + 50 phrases", "big")), by.get(("noticelint + 20,000 phrases", "big"))
    line("20,000 vs 50 phrases, big file (ratio)", b20 / b50 if b20 and b50 else None, "<= 1.5", bool(b20 and b50 and b20 / b50 <= 1.5))
    p = peak.get(("noticelint + 20,000 phrases", "big"))
    line("peak MiB, big file + 20,000 phrases", p, "< 150", p is not None and p < 150)
    return "\n".join(out)


if __name__ == "__main__":
    main()
