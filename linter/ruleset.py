"""Loading rule files: YAML -> validated data -> :class:`Rule` objects.

Validation (JSON schema for the file, then each kind's options schema) is the
slow part of start-up, so its result is cached by a hash of the file's exact
bytes: an unchanged file is parsed from the cache, a changed or new file is
always validated, so an invalid rule file is always reported.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from . import cache
from .errors import RuleFileError
from .kinds import get_kind, known_kinds
from .model import Rule, Severity

SCHEMA_VERSION = "1"


def bundled_rules_dir() -> str:
    """The rules/ folder: inside an installed wheel, or the checkout's top-level rules/.

    (Paths here are plain strings: pathlib would cost every start ~1.5 ms of imports.)
    """
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "_bundled_rules")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(here), "rules")


def rule_files_in(path: str) -> list[str]:
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith((".yaml", ".yml")) and not n.startswith("."))
        return [os.path.join(path, n) for n in names]
    return [path]


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    import json  # only to validate a new or changed rule file
    from importlib import resources  # (tempfile, shutil, zipfile... behind it: ~1.5 ms at every start)

    text = resources.files("linter").joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


def yaml_line(text: str, path_in_doc: list[Any]) -> int | None:
    """The 1-based YAML line of the node at ``path_in_doc`` (keys and indexes)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for step in path_in_doc:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == step:
                    nxt = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            nxt = node.value[step]
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def parse_yaml(text: str, path: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RuleFileError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None


def _describe(error) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    msg = error.message
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"{where}: {msg}" if where else msg


def validate_rule_data(data: Any, text: str, path: str) -> None:
    """Validate one parsed rule file; raise RuleFileError pointing at the YAML line."""
    import jsonschema

    if not isinstance(data, dict):
        raise RuleFileError(path, "a rule file must be a mapping with a 'rules' list", 1)
    validator = jsonschema.Draft202012Validator(load_schema("rule-file.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = jsonschema.exceptions.best_match(errors)
        raise RuleFileError(path, _describe(err), yaml_line(text, list(err.absolute_path)))
    for i, raw in enumerate(data["rules"]):
        kind = raw["kind"]
        if kind not in known_kinds():
            raise RuleFileError(
                path,
                f"rules/{i}/kind: unknown kind '{kind}' (known: {', '.join(known_kinds())})",
                yaml_line(text, ["rules", i, "kind"]),
            )
        schema = get_kind(kind).OPTIONS_SCHEMA
        opts = raw.get("options", {})
        kerrors = list(jsonschema.Draft202012Validator(schema).iter_errors(opts))
        if kerrors:
            err = jsonschema.exceptions.best_match(kerrors)
            loc = ["rules", i, "options", *err.absolute_path]
            raise RuleFileError(
                path,
                f"rules/{i}/options/{_describe(err)} (kind '{kind}')".replace("options//", "options/"),
                yaml_line(text, loc),
            )
        _check_kind_semantics(kind, opts, path, text, i)


def _check_kind_semantics(kind: str, opts: dict, path: str, text: str, i: int) -> None:
    """Checks a JSON schema cannot express, such as a regex that does not compile."""
    hook = getattr(get_kind(kind), "validate_options", None)
    if hook is None:
        return
    problem = hook(opts)
    if problem:
        key, message = problem
        raise RuleFileError(path, f"rules/{i}/options/{key}: {message}", yaml_line(text, ["rules", i, "options", key]))


def load_rule_file(path: str) -> list[dict]:
    """Parsed and validated rule dicts of one file (from the cache when unchanged)."""
    spath = os.fspath(path)
    try:
        with open(spath, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise RuleFileError(spath, f"cannot read rule file: {e.strerror or e}") from None
    key = cache.digest(SCHEMA_VERSION.encode(), b"marshal", raw)
    rules = cache.load_value("rules", key, list)
    if rules is not None:
        return rules
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(spath, "rule file is not UTF-8") from None
    data = parse_yaml(text, spath)
    validate_rule_data(data, text, spath)
    rules = data["rules"]
    for i, r in enumerate(rules):
        r["_line"] = yaml_line(text, ["rules", i]) or 0
    cache.store_value("rules", key, rules)
    return rules


def _text(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"zh": value, "en": value}
    return dict(value)


def build_rule(raw: dict, source: str) -> Rule:
    return Rule(
        code=raw["code"],
        name=raw["name"],
        kind=raw["kind"],
        severity=Severity.parse(raw["severity"]),
        message=_text(raw["message"]),
        summary=_text(raw["summary"]),
        rationale=_text(raw.get("rationale")),
        options=dict(raw.get("options") or {}),
        fix=raw.get("fix"),
        examples=dict(raw.get("examples") or {}),
        source=source,
        line=raw.get("_line", 0),
    )


def load_rules(extra: list[str] | tuple[str, ...] = (), include_bundled: bool = True) -> list[Rule]:
    """All rules: the bundled ones, then each extra file or folder, in order.

    Codes and names must be unique across every file loaded.
    """
    files: list[str] = []
    if include_bundled:
        files.extend(rule_files_in(bundled_rules_dir()))
    for e in extra:
        p = os.fspath(e)
        if not os.path.exists(p):
            raise RuleFileError(e, "no such rule file or folder")
        found = rule_files_in(p)
        if os.path.isdir(p) and not found:
            raise RuleFileError(e, "folder holds no .yaml rule file")
        files.extend(found)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for f in files:
        source = _display(f)
        for raw in load_rule_file(f):
            rule = build_rule(raw, source)
            for ident in (rule.code, rule.name):
                if ident in seen:
                    raise RuleFileError(source, f"rule '{ident}' is already defined in {seen[ident]}", rule.line)
                seen[ident] = source
            rules.append(rule)
    return rules


def _display(p: str) -> str:
    try:
        rel = os.path.relpath(p)
        return rel if not rel.startswith("..") else str(p)
    except ValueError:
        return str(p)


def select_rules(
    rules: list[Rule],
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Rule]:
    """ruff-style selection: by exact code, code prefix ('NUM', 'NUM00') or rule name; 'ALL' selects all."""

    def matches(rule: Rule, sel: str) -> bool:
        sel = sel.strip()
        return sel == "ALL" or sel == rule.name or rule.code.startswith(sel.upper()) and sel.isalnum()

    out = rules
    if select:
        out = [r for r in out if any(matches(r, s) for s in select)]
    if ignore:
        out = [r for r in out if not any(matches(r, s) for s in ignore)]
    return out
