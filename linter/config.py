"""Project configuration: discovery, validation and layering.

A run's settings are built from layers, later layers overriding earlier ones:

1. ``default``: the built-in defaults (:data:`DEFAULTS`, also shipped as the
   ``default`` preset);
2. the configuration file, preceded by whatever it ``extends`` (bundled presets
   or other files, recursively);
3. the command line.

The file is ``noticelint.yaml`` or ``.noticelint.yaml`` in the current folder or
the nearest parent holding one, or the ``[tool.noticelint]`` table of a
``pyproject.toml`` (the first of these three found in a folder wins; the nearest
folder wins). ``--config`` names the file; ``--isolated`` ignores every file.

Validation (the JSON schema ``linter/schemas/config.schema.json``) runs only when
a file's bytes changed: the validated data and its YAML line numbers are kept
in the content-addressed cache of :mod:`linter.cache`. yaml, jsonschema and
pathspec are imported only when a file actually needs them.
"""
from __future__ import annotations

import os
import re
from typing import Any, Iterable

from . import cache, rx
from .errors import ConfigError

CONFIG_NAMES = ("noticelint.yaml", ".noticelint.yaml")
PYPROJECT = "pyproject.toml"
PRESETS = ("default", "strict")
CACHE_VERSION = b"config-3"  # 3: entries stored with marshal (cache.store_value)

# The built-in defaults. linter/presets/default.yaml holds the same values (a
# test keeps them equal); they live here too so that a run without any config
# file never needs to parse YAML.
DEFAULTS: dict[str, Any] = {
    "select": ["ALL"],
    "fail-on": "error",
    "min-severity": "info",
    "lang": "zh",
    "respect-gitignore": True,
    "force-exclude": False,
    "jobs": 1,
}

# Keys shown by ``noticelint config --show`` in this order.
SCALAR_KEYS = ("fail-on", "min-severity", "lang", "respect-gitignore", "force-exclude", "jobs", "baseline")
SELECTION_KEYS = ("select", "extend-select", "ignore")
# Configuration keys whose command-line flag has another name.
CLI_FLAGS = {"min-severity": "severity"}


class Layer:
    """One source of settings: the defaults, a preset, a file, or the command line."""

    __slots__ = ("label", "data", "base", "path", "lines")

    def __init__(self, label: str, data: dict[str, Any], base: str, path: str | None = None, lines: dict[str, int] | None = None):
        self.label = label  # "default", "preset strict", "noticelint.yaml", "command line"
        self.data = data
        self.base = base  # folder that relative paths and globs in this layer are resolved against (a plain string path, as everywhere here: pathlib would cost every start ~1.5 ms)
        self.path = path  # the file, for error messages
        self.lines = {} if lines is None else lines  # "key/sub/..." -> line in the file

    def line(self, *keys: Any) -> int | None:
        """The line of the deepest known key of ``keys`` (e.g. the rule when an option has no line)."""
        parts = [str(k) for k in keys]
        while parts:
            hit = self.lines.get("/".join(parts))
            if hit:
                return hit
            parts.pop()
        return None

    def origin(self, *keys: Any) -> str:
        """Where a value came from: 'default', 'command line', 'preset strict:4', 'noticelint.yaml:7'."""
        line = self.line(*keys) if keys else None
        return f"{self.label}:{line}" if line else self.label

    def error(self, keys: list[Any], message: str) -> ConfigError:
        if self.path is None:  # the command line: name the flag
            flag = CLI_FLAGS.get(str(keys[0]), str(keys[0])) if keys else ""
            return ConfigError(self.label, f"--{flag}: {message}" if keys else message)
        where = "/".join(str(k) for k in keys)
        return ConfigError(self.path or self.label, f"{where}: {message}" if where else message, self.line(*keys))


class Config:
    """The layers of one run and the values they resolve to."""

    def __init__(self, layers: list[Layer], file: str | None = None):
        self.layers = layers
        self.file = file  # the configuration file in use (None: defaults only)

    # ---- plain values ---------------------------------------------------
    def value(self, key: str) -> Any:
        return self.sourced(key)[0]

    def sourced(self, key: str) -> tuple[Any, str]:
        """(value, origin) of a key: the last layer that sets it wins."""
        for layer in reversed(self.layers):
            if key in layer.data:
                return layer.data[key], layer.origin(key)
        return None, "default"

    # ---- paths ----------------------------------------------------------
    def rule_files(self, check: bool = False) -> list[tuple[str, str]]:
        """Extra rule files or folders, each resolved against its layer's folder, with origin.

        With ``check``, a path that does not exist is an error pointing at the
        configuration line that names it.
        """
        out = []
        for layer in self.layers:
            for i, p in enumerate(layer.data.get("rules", [])):
                path = os.path.join(layer.base, p)
                if check and not os.path.exists(path):
                    raise layer.error(["rules", i], f"no such rule file or folder '{p}'")
                out.append((_display(path), layer.origin("rules", i)))
        return out

    def exclude(self) -> list[tuple[str, str, str]]:
        """Exclude globs with the folder they are relative to, and origin."""
        return [
            (pat, layer.base, layer.origin("exclude", i))
            for layer in self.layers
            for i, pat in enumerate(layer.data.get("exclude", []))
        ]

    def per_file_ignores(self) -> list[tuple[str, list[str], str, str]]:
        out = []
        for layer in self.layers:
            for pat, sels in layer.data.get("per-file-ignores", {}).items():
                out.append((pat, list(sels), layer.base, layer.origin("per-file-ignores", pat)))
        return out

    def ignored_codes(self, rules: list, files: list[str]) -> dict[str, frozenset[str]]:
        """File -> rule codes disabled for it by ``per-file-ignores`` (files without any are left out)."""
        entries = self.per_file_ignores()
        if not entries:
            return {}
        import pathspec

        from .ignore import relative_posix
        from .ruleset import select_rules

        compiled = [
            (pathspec.GitIgnoreSpec.from_lines([pat]), os.path.realpath(base), frozenset(r.code for r in select_rules(rules, sels)))
            for pat, sels, base, _ in entries
        ]
        out: dict[str, frozenset[str]] = {}
        for f in files:
            if f == "-":
                continue
            absolute = os.path.realpath(f)
            codes: set[str] = set()
            for spec, base, sel_codes in compiled:
                rel = relative_posix(absolute, base)
                if rel is not None and spec.match_file(rel):
                    codes |= sel_codes
            if codes:
                out[f] = frozenset(codes)
        return out

    def baseline(self, check: bool = False) -> tuple[str | None, str]:
        """The configured baseline file and its origin; with ``check``, a missing file is an error here."""
        for layer in reversed(self.layers):
            if "baseline" in layer.data:
                path = os.path.join(layer.base, layer.data["baseline"])
                if check and not os.path.isfile(path):
                    raise layer.error(["baseline"], f"no such baseline file '{layer.data['baseline']}' (create it with --write-baseline)")
                return _display(path), layer.origin("baseline")
        return None, "default"

    # ---- rules ----------------------------------------------------------
    def select(self, rules: list) -> list:
        """The enabled rules, after checking every selector of every layer.

        Each layer in turn: ``select`` replaces the selection, ``extend-select``
        adds to it, ``ignore`` removes from it. So a command-line ``--select``
        wins over a file's ``ignore``, and a file's ``ignore`` over a preset's
        ``select``.
        """
        from .ruleset import select_rules

        enabled = {r.code for r in rules}
        for layer in self.layers:
            for key in SELECTION_KEYS:
                for i, sel in enumerate(layer.data.get(key, [])):
                    if not select_rules(rules, [sel]):
                        raise layer.error([key, i], f"unknown rule selector '{sel}'{_hint(sel, rules)}")
            if "select" in layer.data:
                enabled = {r.code for r in select_rules(rules, layer.data["select"])}
            if layer.data.get("extend-select"):
                enabled |= {r.code for r in select_rules(rules, layer.data["extend-select"])}
            if layer.data.get("ignore"):
                enabled -= {r.code for r in select_rules(rules, layer.data["ignore"])}
        return [r for r in rules if r.code in enabled]

    def rule_settings(self, rules: list) -> list:
        """The rules with every layer's severity and options applied; options are validated."""
        from .model import Severity

        by_ident = {}
        for r in rules:
            by_ident[r.code] = r
            by_ident[r.name] = r
        merged: dict[str, Any] = {}  # code -> Rule
        options_from: dict[str, tuple[Layer, str]] = {}  # code -> (last layer that set options, key used)
        for layer in self.layers:
            for ident, settings in layer.data.get("rule-settings", {}).items():
                rule = by_ident.get(ident)
                if rule is None:
                    raise layer.error(["rule-settings", ident], f"no rule '{ident}'{_hint(ident, rules)}")
                current = merged.get(rule.code, rule)
                if "severity" in settings:
                    current = current.replace(severity=Severity.parse(settings["severity"]))
                if "options" in settings:
                    current = current.replace(options={**current.options, **settings["options"]})
                    options_from[rule.code] = (layer, ident)
                merged[rule.code] = current
        for code, (layer, ident) in options_from.items():
            check_rule_options(merged[code], layer, ident)
        return [merged.get(r.code, r) for r in rules]

    def check_per_file_ignores(self, rules: list) -> None:
        from .ruleset import select_rules

        for layer in self.layers:
            for pat, sels in layer.data.get("per-file-ignores", {}).items():
                for i, sel in enumerate(sels):
                    if not select_rules(rules, [sel]):
                        raise layer.error(["per-file-ignores", pat, i], f"unknown rule selector '{sel}'{_hint(sel, rules)}")

    def apply_to_rules(self, rules: list) -> tuple[list, list, dict]:
        """(every rule with settings applied, the enabled ones, {code: Severity} forced on every finding).

        A severity set in configuration also overrides the per-finding
        severities some kinds report, hence the third value.
        """
        configured = self.rule_settings(rules)
        self.check_per_file_ignores(configured)
        idents = {i for layer in self.layers for i, s in layer.data.get("rule-settings", {}).items() if "severity" in s}
        forced = {r.code: r.severity for r in configured if r.code in idents or r.name in idents}
        return configured, self.select(configured), forced


def _hint(word: str, rules: list) -> str:
    names = [r.code for r in rules] + [r.name for r in rules]
    from difflib import get_close_matches  # only when a name is unknown

    close = get_close_matches(word, names, n=1)
    return f" (did you mean '{close[0]}'?)" if close else " (see 'noticelint rules')"


def check_rule_options(rule, layer: Layer, ident: str) -> None:
    """Validate a rule's merged options against its kind's OPTIONS_SCHEMA (cached by content)."""
    import json  # only with rule settings (not on a plain run)

    from .kinds import get_kind

    payload = json.dumps({"kind": rule.kind, "options": rule.options}, sort_keys=True, ensure_ascii=False, default=repr).encode()
    key = cache.digest(b"rule-options-1", payload)
    if cache.load("config", key) is not None:
        return
    import jsonschema

    kind = get_kind(rule.kind)
    errors = list(jsonschema.Draft202012Validator(kind.OPTIONS_SCHEMA).iter_errors(rule.options))
    if errors:
        err = jsonschema.exceptions.best_match(errors)
        sub = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = _extra_keys(err)
            sub = [extra[0]] if extra else []
            allowed = sorted(kind.OPTIONS_SCHEMA.get("properties", {}))
            msg = f"unknown option '{extra[0] if extra else '?'}' for kind '{rule.kind}' (allowed: {', '.join(allowed)})"
        else:
            msg = f"{_short(err.message)} (kind '{rule.kind}')"
        raise layer.error(["rule-settings", ident, "options", *sub], msg)
    hook = getattr(kind, "validate_options", None)
    problem = hook(rule.options) if hook else None
    if problem:
        opt, message = problem
        raise layer.error(["rule-settings", ident, "options", opt], message)
    cache.store("config", key, b"ok")


# ---- discovery ---------------------------------------------------------------


def find_config_file(start: str | None = None) -> str | None:
    """The nearest configuration file from ``start`` (default: the current folder) upwards."""
    from .ignore import parents

    here = os.path.realpath(start or os.getcwd())
    for folder in (here, *parents(here)):
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and pyproject_has_table(candidate):
            return candidate
    return None


def pyproject_has_table(path: str) -> bool:
    """True when a pyproject.toml has a [tool.noticelint] table (a broken one counts, to report it)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return False
    if b"noticelint" not in raw:
        return False
    # the answer for these exact bytes is cached: parsing TOML costs more than the rest of start-up
    key = cache.digest(b"pyproject-has-table-1", raw)
    known = cache.load("config", key)
    if known in (b"yes", b"no"):
        return known == b"yes"
    try:
        data = _toml_loads(raw.decode("utf-8-sig"))
        found = isinstance(data.get("tool"), dict) and "noticelint" in data["tool"]
    except Exception:  # noqa: BLE001 - a broken file that mentions us is reported when loaded
        found = True
    cache.store("config", key, b"yes" if found else b"no")
    return found


def _toml_loads(text: str) -> dict:
    import tomllib

    return tomllib.loads(text)


# ---- loading -------------------------------------------------------------------


def load(config_path: str | None = None, isolated: bool = False, cli: dict[str, Any] | None = None) -> Config:
    """Build the layers of a run: defaults, [extended +] file, command line."""
    cwd = os.getcwd()
    layers = [Layer("default", dict(DEFAULTS), cwd)]
    file_label = None
    if config_path is not None:
        p = os.fspath(config_path)
        if not os.path.isfile(p):
            raise ConfigError(config_path, "no such configuration file")
        layers.extend(file_layers(p, []))
        file_label = _display(p)
    elif not isolated:
        found = find_config_file(cwd)
        if found is not None:
            layers.extend(file_layers(found, []))
            file_label = _display(found)
    if cli:
        layers.append(Layer("command line", dict(cli), cwd))
    return Config(layers, file_label)


def file_layers(path: str, chain: list[str]) -> list[Layer]:
    """The layers of one file: what it extends (recursively), then the file itself."""
    resolved = os.path.realpath(path)
    if resolved in chain:
        cycle = " -> ".join(_display(p) for p in [*chain, resolved])
        raise ConfigError(_display(path), f"extends: circular 'extends' ({cycle})")
    layer = load_file(path)
    return _extended(layer, [*chain, resolved]) + [layer]


def preset_layers(name: str, chain: list[str]) -> list[Layer]:
    from importlib import resources

    ref = resources.files("linter").joinpath("presets", f"{name}.yaml")
    path = str(ref)
    if path in chain:
        raise ConfigError(f"preset {name}", "extends: circular 'extends'")
    layer = load_file(path, label=f"preset {name}", base=os.getcwd())
    return _extended(layer, [*chain, path]) + [layer]


def _extended(layer: Layer, chain: list[str]) -> list[Layer]:
    ext = layer.data.get("extends", [])
    items = [ext] if isinstance(ext, str) else list(ext)
    out: list[Layer] = []
    for i, item in enumerate(items):
        keys = ["extends", i] if isinstance(ext, list) else ["extends"]
        if item in PRESETS:
            out.extend(preset_layers(item, chain))
            continue
        target = os.path.join(layer.base, item)
        if not os.path.isfile(target):
            if "/" not in item and "\\" not in item and not item.endswith((".yaml", ".yml", ".toml")):
                raise layer.error(keys, f"unknown preset '{item}' (bundled presets: {', '.join(PRESETS)})")
            raise layer.error(keys, f"no such configuration file '{item}'")
        out.extend(file_layers(target, chain))
    return out


def load_file(path: str, label: str | None = None, base: str | None = None) -> Layer:
    """One validated configuration file (YAML, or pyproject.toml's [tool.noticelint])."""
    shown = label or _display(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise ConfigError(shown, f"cannot read configuration file: {e.strerror or e}") from None
    is_toml = os.path.basename(path) == PYPROJECT or os.path.splitext(path)[1] == ".toml"
    key = cache.digest(CACHE_VERSION, b"toml" if is_toml else b"yaml", raw)
    folder = base or os.path.dirname(os.path.realpath(path))
    stored = cache.load_value("config", key, dict)
    if stored is not None and "data" in stored and "lines" in stored:
        return Layer(shown, stored["data"], folder, shown, stored["lines"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(shown, "configuration file is not UTF-8") from None
    if is_toml:
        data, line_of = _parse_toml(text, shown)
    else:
        data, line_of = _parse_yaml(text, shown)
    validate(data, shown, line_of)
    lines = {}
    for keys in key_paths(data):
        n = line_of(keys)
        if n:
            lines["/".join(str(k) for k in keys)] = n
    cache.store_value("config", key, {"data": data, "lines": lines})
    return Layer(shown, data, folder, shown, lines)


def _parse_yaml(text: str, shown: str):
    import yaml

    from .ruleset import yaml_line

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(shown, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(shown, "a configuration file must be a mapping of keys (see docs/config.md)", 1)
    lines = yaml_key_lines(text)
    return data, lambda keys: lines.get("/".join(str(k) for k in keys)) or yaml_line(text, list(keys))


def yaml_key_lines(text: str) -> dict[str, int]:
    """'key/sub/...' -> the line of that key (or list item), from one composition of the file.

    ruleset.yaml_line gives the line of a value, which for a nested mapping is
    the line below its key; an error about ``rule-settings/DSC05`` should
    point at the line that says ``DSC05:``.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    out: dict[str, int] = {}

    def walk(node, prefix: str, depth: int) -> None:
        if depth > 5:
            return
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                path = f"{prefix}/{k.value}" if prefix else str(k.value)
                out.setdefault(path, k.start_mark.line + 1)
                walk(v, path, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                path = f"{prefix}/{i}" if prefix else str(i)
                out.setdefault(path, v.start_mark.line + 1)
                walk(v, path, depth + 1)

    walk(root, "", 0)
    return out


def _parse_toml(text: str, shown: str):
    try:
        doc = _toml_loads(text)
    except Exception as e:  # tomllib.TOMLDecodeError
        m = re.search(r"at line (\d+)", str(e))
        raise ConfigError(shown, f"invalid TOML: {str(e).split(' (at line')[0]}", int(m.group(1)) if m else None) from None
    table = doc.get("tool", {}).get("noticelint", {}) if isinstance(doc.get("tool"), dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(shown, "[tool.noticelint] must be a table", toml_line(text, []))
    return table, lambda keys: toml_line(text, list(keys))


def key_paths(data: Any, prefix: tuple = (), depth: int = 0) -> Iterable[list[Any]]:
    """Every key path (mapping keys and list indexes, 4 levels deep) worth a line number."""
    if depth >= 4:
        return
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        path = (*prefix, key)
        yield list(path)
        yield from key_paths(value, path, depth + 1)


def validate(data: dict, shown: str, line_of) -> None:
    """Check a configuration mapping against the shipped JSON schema; ConfigError at the YAML line."""
    import jsonschema

    from .ruleset import load_schema

    schema = load_schema("config.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    keys = list(err.absolute_path)
    if err.validator == "additionalProperties":
        extra = _extra_keys(err)
        if extra:
            keys.append(extra[0])
            known = list(err.schema.get("properties", {}))
            from difflib import get_close_matches  # only when a key is unknown

            close = get_close_matches(extra[0], known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
            message = f"unknown key '{extra[0]}'{hint}"
        else:
            message = _short(err.message)
    elif "propertyNames" in err.schema_path:
        if keys and keys[0] == "rule-settings":
            message = f"'{err.instance}' is not a rule code (like DSC005) or rule name (like disclosure-period-length)"
        else:
            message = f"'{err.instance}' is not a glob (a non-empty string)"
        keys.append(err.instance)
    else:
        message = _short(err.message)
    where = "/".join(str(k) for k in keys)
    raise ConfigError(shown, f"{where}: {message}" if where else message, line_of(keys))


def _extra_keys(err) -> list[str]:
    allowed = set(err.schema.get("properties", {}))
    inst = err.instance if isinstance(err.instance, dict) else {}
    return [k for k in inst if k not in allowed]


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:157] + "..."


_HEADER = rx.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")
_KEY = rx.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _dotted(s: str) -> list[str]:
    parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", s)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def toml_line(text: str, keys: list[Any]) -> int | None:
    """Best-effort line of ``[tool.noticelint]`` + key path in a pyproject.toml.

    tomllib keeps no positions, so headers and ``key =`` lines are matched by
    name; the deepest match wins (e.g. the table of a rule when the option sits
    inside an inline table).
    """
    target = ["tool", "noticelint", *[str(k) for k in keys if not isinstance(k, int)]]
    best_depth, best_line = 0, None
    table: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        header = _HEADER.match(raw)
        if header:
            table = _dotted(header.group(1))
            if table == target[: len(table)] and len(table) > best_depth:
                best_depth, best_line = len(table), n
            continue
        m = _KEY.match(raw)
        if m and table:
            path = table + _dotted(m.group(1))
            if path == target[: len(path)] and len(path) > best_depth:
                best_depth, best_line = len(path), n
    return best_line


def _display(p: str) -> str:
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return rel if not rel.startswith("..") else os.path.realpath(p)


# ---- show ------------------------------------------------------------------------


def show(config: Config, rules: list, fmt: str = "text") -> str:
    """The effective configuration with the origin of every value (``noticelint config --show``)."""
    data: dict[str, Any] = {"config-file": config.file, "layers": [layer.label for layer in config.layers]}
    values: dict[str, Any] = {}
    for key in SCALAR_KEYS:
        if key == "baseline":
            v, o = config.baseline()
        else:
            v, o = config.sourced(key)
        if v is not None:
            values[key] = {"value": v, "from": o}
    selection = []
    for layer in config.layers:
        for key in SELECTION_KEYS:
            if key in layer.data:
                selection.append({"key": key, "value": layer.data[key], "from": layer.origin(key)})
    settings: dict[str, dict] = {}
    for layer in config.layers:
        for ident, s in layer.data.get("rule-settings", {}).items():
            entry = settings.setdefault(ident, {})
            if "severity" in s:
                entry["severity"] = {"value": s["severity"], "from": layer.origin("rule-settings", ident, "severity")}
            for opt, v in s.get("options", {}).items():
                entry.setdefault("options", {})[opt] = {"value": v, "from": layer.origin("rule-settings", ident, "options", opt)}
    data.update(
        {
            "values": values,
            "selection": selection,
            "rule-settings": settings,
            "per-file-ignores": [{"glob": p, "ignore": s, "relative-to": _display(b), "from": o} for p, s, b, o in config.per_file_ignores()],
            "exclude": [{"glob": p, "relative-to": _display(b), "from": o} for p, b, o in config.exclude()],
            "rules": [{"path": p, "from": o} for p, o in config.rule_files()],
            "enabled-rules": [r.code for r in rules],
        }
    )
    if fmt == "json":
        import json

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _show_text(data)


def _show_text(d: dict) -> str:
    def val(v: Any) -> str:
        import json

        return json.dumps(v, ensure_ascii=False)

    out = [f"# configuration file: {d['config-file'] or '(none: built-in defaults)'}"]
    out.append(f"# layers, lowest first: {' < '.join(d['layers'])}")
    rows: list[tuple[str, str]] = []
    for key, v in d["values"].items():
        rows.append((f"{key}: {val(v['value'])}", v["from"]))
    for s in d["selection"]:
        rows.append((f"{s['key']}: {val(s['value'])}", s["from"]))
    width = max(len(r[0]) for r in rows) + 2
    out.extend(f"{left:<{width}}# {src}" for left, src in rows)
    if d["rule-settings"]:
        out.append("rule-settings:")
        for ident, entry in d["rule-settings"].items():
            out.append(f"  {ident}:")
            if "severity" in entry:
                out.append(f"    severity: {entry['severity']['value']:<{max(1, width - 14)}}# {entry['severity']['from']}")
            for opt, v in entry.get("options", {}).items():
                out.append(f"    options.{opt}: {val(v['value'])}  # {v['from']}")
    for title, items, fmt in (
        ("per-file-ignores", d["per-file-ignores"], lambda x: f"{val(x['glob'])}: {val(x['ignore'])}  # {x['from']} (relative to {x['relative-to']})"),
        ("exclude", d["exclude"], lambda x: f"{val(x['glob'])}  # {x['from']} (relative to {x['relative-to']})"),
        ("rules", d["rules"], lambda x: f"{val(x['path'])}  # {x['from']}"),
    ):
        if items:
            out.append(f"{title}:")
            out.extend(f"  - {fmt(x)}" for x in items)
    rules = d["enabled-rules"]
    out.append(f"# enabled rules ({len(rules)}): {' '.join(rules)}")
    return "\n".join(out) + "\n"
