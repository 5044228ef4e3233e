"""Command line: ``noticelint check | outline | rules | explain | config``.

Exit codes: 0 no finding at or above the failing severity, 1 findings, 2 usage
or input error. Heavy modules are imported inside the commands so that
start-up stays close to the cost of importing click. Settings come in layers
(defaults < configuration file < command line; see linter/config.py and
docs/config.md): every flag in SETTING_FLAGS is also a configuration key.
"""
from __future__ import annotations

import sys
from datetime import date
from typing import NoReturn

import click

from . import __version__
from .errors import NoticelintError
from .render import RENDERERS

FORMATS = list(RENDERERS)

SEVERITIES = ["info", "warning", "error"]

# One instance of each path type, shared by the options: click names a type through gettext
# when it is built (a locale-file lookup each time, ~0.5 M instructions), at every start.
FILE = click.Path(dir_okay=False)
FILE_OR_FOLDER = click.Path()


def fail(message: str) -> NoReturn:
    """A one-line error on stderr and exit code 2."""
    click.echo(f"noticelint: {message}", err=True)
    sys.exit(2)


def parse_today(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


def split_list(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


class NoticelintGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NoticelintError as e:
            fail(str(e))
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=NoticelintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="noticelint", message="%(prog)s, version %(version)s", help="Show the version and exit.")  # (given: no gettext lookups)
def main() -> None:
    """noticelint: lint Chinese inspection-rectification notices (巡察/巡视整改进展情况的通报)."""


def config_options(f):
    """--config / --isolated, shared by every command that reads configuration."""
    f = click.option("--isolated", is_flag=True, help="Ignore every configuration file (noticelint.yaml, pyproject.toml).")(f)
    f = click.option(
        "--config", "config_path", type=FILE, help="Use this configuration file instead of searching for one."
    )(f)
    return f


def _config(config_path: str | None, isolated: bool, cli: dict | None = None):
    from .config import load

    if config_path and isolated:
        fail("--config and --isolated cannot be used together")
    return load(config_path, isolated, cli)


def _configured_rules(cfg):
    """(every rule with configured severity/options, the enabled ones, {code: forced severity})."""
    from .ruleset import load_rules

    return cfg.apply_to_rules(load_rules([p for p, _ in cfg.rule_files(check=True)]))


# Flags that are also configuration keys: (flag, parameter name, config key, click keywords).
SETTING_FLAGS = [
    ("--select", "select", "select", dict(multiple=True, help="Rule codes, code prefixes or names to enable, replacing the configured selection (comma-separated; ALL for all).")),
    ("--extend-select", "extend_select", "extend-select", dict(multiple=True, help="Rules to enable on top of the configured selection.")),
    ("--ignore", "ignore", "ignore", dict(multiple=True, help="Rule codes, code prefixes or names to disable.")),
    ("--severity", "severity", "min-severity", dict(type=click.Choice(SEVERITIES), default=None, help="Show findings at or above this severity [default: info].")),
    ("--fail-on", "fail_on", "fail-on", dict(type=click.Choice(SEVERITIES), default=None, help="Exit 1 when a finding at or above this severity remains [default: error].")),
    ("--rules", "rules_paths", "rules", dict(multiple=True, type=FILE_OR_FOLDER, help="Extra rule file or folder, on top of the bundled and configured rules (repeatable).")),
    ("--lang", "lang", "lang", dict(type=click.Choice(["zh", "en"]), default=None, help="Language of messages [default: zh].")),
    ("--exclude", "exclude", "exclude", dict(multiple=True, help="Glob (gitignore syntax) of files or folders to skip in folder searches, added to the configured ones (repeatable).")),
    ("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", "respect-gitignore", dict(default=None, help="Skip files ignored by .gitignore in folder searches [default: yes].")),
    ("--force-exclude/--no-force-exclude", "force_exclude", "force-exclude", dict(default=None, help="Apply exclude and .gitignore to files named on the command line too [default: no].")),
    ("--jobs", "jobs", "jobs", dict(type=click.IntRange(min=0, max=256), default=None, help="Lint files in N processes; 0 = one per CPU [default: 1].")),
]
LIST_KEYS = {"select", "extend-select", "ignore"}


def setting_options(f):
    """The flags that override configuration keys, plus --config / --isolated."""
    for flag, param, _, kw in reversed(SETTING_FLAGS):
        names = ["-j", flag, param] if flag == "--jobs" else [flag, param]
        f = click.option(*names, **kw)(f)
    return config_options(f)


def _cli_layer(kwargs: dict) -> dict:
    """The command-line layer: the setting flags actually given (removed from ``kwargs``)."""
    out = {}
    for _, param, key, _ in SETTING_FLAGS:
        value = kwargs.pop(param, None)
        if key in LIST_KEYS:
            value = split_list(value or ())
        elif isinstance(value, tuple):
            value = list(value)
        if value is None or value == []:
            continue
        out[key] = value
    return out


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format (default: text; github when GITHUB_ACTIONS=true). See docs/output.md.")
@click.option("--output", "-o", type=FILE, help="Write the report to this file instead of stdout.")
@click.option("--today", callback=parse_today, help="Today's date (YYYY-MM-DD): report a disclosure period already over.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-source", is_flag=True, help="Do not print the source line under each finding.")
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with, and how many findings the baseline hid.")
@click.option("--baseline", "baseline_path", type=FILE, help="Hide the findings recorded in this baseline file; report its stale entries.")
@click.option("--write-baseline", type=FILE, help="Record the current findings in this baseline file (and report none).")
@setting_options
def check(paths, fmt, output, today, fix, diff, color, no_source, verbose, baseline_path, write_baseline, config_path, isolated, **settings):
    """Lint notices (.txt, .md, .docx; folders are searched; '-' reads stdin; no path: the current folder)."""
    from .engine import Settings
    from .ignore import IgnoreRules
    from .model import Severity
    from .reading import collect_paths
    from .render import chunks as report_chunks
    from .render import default_format, quotes_source
    from .report import FileResult, Report
    from .runner import FileLinter, RunOptions, run_all

    if fix and diff:
        fail("--fix and --diff cannot be used together")
    if baseline_path and write_baseline:
        fail("--baseline and --write-baseline cannot be used together (--write-baseline replaces the file)")
    cfg = _config(config_path, isolated, _cli_layer(settings))
    all_rules, rules, forced = _configured_rules(cfg)
    lang = cfg.value("lang")
    ignore_rules = IgnoreRules([(p, base) for p, base, _ in cfg.exclude()], cfg.value("respect-gitignore"))
    files, errors = collect_paths(list(paths) or ["."], ignore=ignore_rules, force_exclude=cfg.value("force-exclude"))
    ignored = cfg.ignored_codes(all_rules, files)
    file_linter = FileLinter(rules, Settings(lang=lang, today=today), forced)
    fmt = fmt or default_format()
    threshold = Severity.parse(cfg.value("min-severity"))
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty())
    if write_baseline is None and baseline_path is None:
        baseline_path = cfg.baseline(check=True)[0]
    opts = RunOptions(fix, diff, verbose, source_lines=quotes_source(fmt, not no_source))
    if fmt == "text" and not diff and baseline_path is None and write_baseline is None:
        # Each file is kept as its lines of the report, written where it is linted (in a --jobs worker:
        # one string to send, not every finding). A baseline reads every finding of the run first.
        from .render.text import TextStyle

        opts.text, opts.min_severity = TextStyle(lang, use_color, not no_source), threshold
    outcomes = run_all(file_linter, [(p, ignored.get(p, frozenset())) for p in files], opts, jobs=cfg.value("jobs"))
    results = []
    for o in outcomes:
        for line in o.stderr:
            click.echo(line, err=True)
        if o.stdout:
            click.echo(o.stdout, nl=False)
        if o.stdout_bytes:
            sys.stdout.flush()
            sys.stdout.buffer.write(o.stdout_bytes)
        results.append(o.result)
    results.extend(FileResult(e.path, error=e) for e in errors)
    _apply_baseline(results, baseline_path, write_baseline, lang, verbose)
    for r in results:
        r.findings = [f for f in r.findings if f.severity >= threshold]
        if r.error is not None:
            click.echo(f"noticelint: {r.error}", err=True)
    report = Report(results, rules, lang=lang, color=use_color, show_source=not no_source, fail_on=Severity.parse(cfg.value("fail-on")))
    if not diff:
        if output:
            try:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.writelines(report_chunks(fmt, report))
            except OSError as e:
                fail(f"{output}: cannot write the report: {e.strerror or e}")
        else:
            for piece in report_chunks(fmt, report):
                click.echo(piece, nl=False, color=use_color)
    if diff:  # like ruff: 1 when there are fixes to apply, so CI can insist on a fixed file
        sys.exit(2 if report.errors() else (1 if any(o.stdout for o in outcomes) else 0))
    sys.exit(report.exit_code())


def _apply_baseline(results, baseline_path: str | None, write_baseline: str | None, lang: str, verbose: bool) -> None:
    """--write-baseline records and hides every finding; --baseline (or the configured one, already
    resolved by the caller) hides recorded ones."""
    if write_baseline is None and baseline_path is None:
        return
    from .baseline import Baseline, describe_stale

    if write_baseline is not None:
        b = Baseline.from_findings(write_baseline, [f for r in results for f in r.findings])
        b.write()
        n = sum(b.counts.values())
        click.echo(f"noticelint: wrote {n} finding(s) to {write_baseline}" if lang == "en" else f"noticelint: 已将 {n} 个问题写入基线 {write_baseline}", err=True)
        for r in results:
            r.findings = []
        return
    b = Baseline.load(baseline_path)
    hidden = 0
    for r in results:
        if r.error is None:
            r.findings, n = b.filter(r.path, r.findings)
            hidden += n
    for line in describe_stale(b, lang):
        click.echo(f"noticelint: {line}", err=True)
    if verbose:
        click.echo(f"noticelint: baseline {baseline_path} hid {hidden} finding(s)", err=True)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def outline(path, fmt, lang):
    """Print the outline the linter understood: sections, problems and their measure counts."""
    from .outline import format_outline, outline_to_dict, parse_outline
    from .reading import read_document

    doc = read_document(path)
    o = parse_outline(doc)
    if fmt == "json":
        from .render import json_text

        click.echo(json_text.dumps(outline_to_dict(o)))
    else:
        click.echo(format_outline(o, lang))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@setting_options
def list_rules(fmt, config_path, isolated, **settings):
    """List every rule: code, name, severity (as configured; 'off' if not enabled), summary."""
    cfg = _config(config_path, isolated, _cli_layer(settings))
    lang = cfg.value("lang")
    rules, enabled, _ = _configured_rules(cfg)
    on = {r.code for r in enabled}
    if fmt == "json":
        from .render import json_text

        data = [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "severity": r.severity.label,
                "enabled": r.code in on,
                "fix": r.fix,
                "summary": r.text(r.summary, lang),
                "source": r.source,
            }
            for r in rules
        ]
        click.echo(json_text.dumps(data))
        return
    for r in rules:
        fixable = " (fix)" if r.fix == "safe" else ""
        sev = r.severity.label if r.code in on else "off"
        click.echo(f"{r.code}  {r.name:<34} {sev:<8} {r.text(r.summary, lang)}{fixable}")


@main.command()
@click.argument("code")
@click.option("--rules", "rules_paths", multiple=True, type=FILE_OR_FOLDER, help="Extra rule file or folder.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language [default: zh, or the configured one].")
@config_options
def explain(code, rules_paths, lang, config_path, isolated):
    """Print the documentation of one rule (by code or name)."""
    from .docs import rule_doc

    cfg = _config(config_path, isolated, _cli_layer({"rules_paths": rules_paths, "lang": lang}))
    rules, _, _ = _configured_rules(cfg)
    match = [r for r in rules if r.code == code.upper() or r.name == code]
    if not match:
        fail(f"no rule '{code}' (see 'noticelint rules')")
    click.echo(rule_doc(match[0], cfg.value("lang")))


@main.command("config")
@click.option("--show", is_flag=True, help="Print the effective configuration and where each value comes from (the default).")
@click.option("--schema", is_flag=True, help="Print the path of the JSON schema for configuration files.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@setting_options
def config_command(show, schema, fmt, config_path, isolated, **settings):
    """Show the configuration in effect here: values and their origin (default / preset / file:line / command line)."""
    if schema:
        from importlib import resources

        click.echo(str(resources.files("linter").joinpath("schemas", "config.schema.json")))
        return
    from .config import show as show_config

    cfg = _config(config_path, isolated, _cli_layer(settings))
    _, enabled, _ = _configured_rules(cfg)
    click.echo(show_config(cfg, enabled, fmt), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
