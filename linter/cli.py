"""Command line: ``noticelint check | outline | rules | explain``.

Exit codes: 0 no finding at or above the failing severity, 1 findings, 2 usage
or input error. Heavy modules are imported inside the commands so that
start-up stays close to the cost of importing click.
"""
from __future__ import annotations

import sys
from datetime import date

import click

from . import __version__
from .errors import NoticelintError
from .render import RENDERERS

FORMATS = list(RENDERERS)

SEVERITIES = ["info", "warning", "error"]


def fail(message: str) -> "NoReturn":  # noqa: F821
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
@click.version_option(__version__, prog_name="noticelint")
def main() -> None:
    """noticelint: lint Chinese inspection-rectification notices (巡察/巡视整改进展情况的通报)."""


def _load_rules(rules_paths: list[str], select: list[str], ignore: list[str]):
    from .ruleset import load_rules, select_rules, unknown_selectors

    rules = load_rules(rules_paths)
    bad = unknown_selectors(rules, select + ignore)
    if bad:
        fail(f"unknown rule selector(s): {', '.join(bad)} (see 'noticelint rules')")
    return select_rules(rules, select or None, ignore or None)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="Rule codes, code prefixes or names to enable (comma-separated; ALL for all).")
@click.option("--ignore", multiple=True, help="Rule codes, code prefixes or names to disable.")
@click.option("--severity", type=click.Choice(SEVERITIES), default="info", show_default=True, help="Show findings at or above this severity.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="Exit 1 when a finding at or above this severity remains.")
@click.option("--rules", "rules_paths", multiple=True, type=click.Path(), help="Extra rule file or folder, on top of the bundled rules (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of messages.")
@click.option("--today", callback=parse_today, help="Today's date (YYYY-MM-DD): report a disclosure period already over.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-source", is_flag=True, help="Do not print the source line under each finding.")
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def check(paths, select, ignore, severity, fail_on, rules_paths, fmt, output, lang, today, fix, diff, color, no_source, verbose):
    """Lint notices (.txt, .md, .docx; folders are searched; '-' reads stdin)."""
    from .engine import Linter, Settings
    from .model import Severity
    from .reading import collect_paths
    from .render import render
    from .report import Report

    if fix and diff:
        fail("--fix and --diff cannot be used together")
    rules = _load_rules(list(rules_paths), split_list(select), split_list(ignore))
    linter = Linter(rules, Settings(lang=lang, today=today))
    files, errors = collect_paths(list(paths))
    threshold = Severity.parse(severity)
    results = [lint_one(linter, path, fix=fix, diff=diff, verbose=verbose) for path in files]
    from .report import FileResult

    results.extend(FileResult(e.path, error=e) for e in errors)
    for r in results:
        r.findings = [f for f in r.findings if f.severity >= threshold]
        if r.error is not None:
            click.echo(f"noticelint: {r.error}", err=True)
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty())
    report = Report(results, rules, lang=lang, color=use_color, show_source=not no_source, fail_on=Severity.parse(fail_on))
    if not diff:
        text = render(fmt, report)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            click.echo(text, nl=False, color=use_color)
    sys.exit(report.exit_code() if not diff else (2 if report.errors() else 0))


def lint_one(linter, path: str, fix: bool = False, diff: bool = False, verbose: bool = False):
    from .reading import read_document
    from .report import FileResult

    try:
        doc = read_document(path)
    except NoticelintError as e:
        return FileResult(path, error=e)
    if verbose:
        click.echo(f"{doc.path}: encoding {doc.encoding}{' with BOM' if doc.bom else ''}, {len(doc.lines)} {doc.unit}s", err=True)
    if not (fix or diff):
        return FileResult(doc.path, doc, linter.lint(doc))
    from . import fix as fixing

    if doc.kind == "docx":
        click.echo(f"noticelint: {doc.path}: --fix/--diff do not change .docx files; findings reported only", err=True)
        return FileResult(doc.path, doc, linter.lint(doc))
    fixed_doc, applied, remaining = fixing.fix_document(doc, linter.lint)
    if diff:
        click.echo(fixing.unified_diff(doc, fixed_doc), nl=False)
        return FileResult(doc.path, doc, remaining, fixed=[])
    if applied and path != "-":
        fixing.write_atomic(path, fixing.encode(fixed_doc))
    elif applied:
        sys.stdout.buffer.write(fixing.encode(fixed_doc))
    return FileResult(doc.path, fixed_doc, remaining, fixed=applied)


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
        import json

        click.echo(json.dumps(outline_to_dict(o), ensure_ascii=False, indent=2))
    else:
        click.echo(format_outline(o, lang))


@main.command("rules")
@click.option("--rules", "rules_paths", multiple=True, type=click.Path(), help="Extra rule file or folder.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rules_paths, lang, fmt):
    """List every rule: code, name, default severity, summary."""
    from .ruleset import load_rules

    rules = load_rules(list(rules_paths))
    if fmt == "json":
        import json

        data = [
            {"code": r.code, "name": r.name, "kind": r.kind, "severity": r.severity.label, "fix": r.fix, "summary": r.text(r.summary, lang), "source": r.source}
            for r in rules
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in rules:
        fixable = " (fix)" if r.fix == "safe" else ""
        click.echo(f"{r.code}  {r.name:<34} {r.severity.label:<8} {r.text(r.summary, lang)}{fixable}")


@main.command()
@click.argument("code")
@click.option("--rules", "rules_paths", multiple=True, type=click.Path(), help="Extra rule file or folder.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(code, rules_paths, lang):
    """Print the documentation of one rule (by code or name)."""
    from .docs import rule_doc
    from .ruleset import load_rules

    rules = load_rules(list(rules_paths))
    match = [r for r in rules if r.code == code.upper() or r.name == code]
    if not match:
        fail(f"no rule '{code}' (see 'noticelint rules')")
    click.echo(rule_doc(match[0], lang))


if __name__ == "__main__":  # pragma: no cover
    main()
