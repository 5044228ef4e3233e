"""Configuration: discovery, layering (presets < files < command line), validation errors, config --show."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT, run_cli, stderr_of
from linter import config as config_mod

CLEAN = FIXTURES / "clean" / "reference-clean.txt"


run = run_cli




def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def gap_notice(tmp_path):
    """The clean reference with a numbering gap: line 10 '（五）', the last of its series, written '（六）' (NUM001, a warning)."""
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    assert lines[9].startswith("（五）") and lines[10].startswith("二、")
    lines[9] = "（六）" + lines[9][3:]
    p = tmp_path / "notices" / "gap.txt"
    p.parent.mkdir()
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def findings_json(result) -> list[tuple[int, int, str, str]]:
    data = json.loads(result.stdout)
    return [(f["line"], f["column"], f["code"], f["severity"]) for f in data["findings"]]


# ---- discovery ---------------------------------------------------------------------


def test_no_config_file_means_built_in_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = config_mod.load()
    assert cfg.file is None
    assert [layer.label for layer in cfg.layers] == ["default"]
    assert cfg.value("fail-on") == "error" and cfg.value("lang") == "zh"


@pytest.mark.parametrize("name", ["noticelint.yaml", ".noticelint.yaml"])
def test_yaml_config_found_in_a_parent_folder(tmp_path, monkeypatch, name):
    write(tmp_path / name, "lang: en\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    cfg = config_mod.load()
    assert cfg.value("lang") == "en"
    assert Path(cfg.file).resolve() == (tmp_path / name).resolve()


def test_pyproject_table_is_a_config_and_a_pyproject_without_it_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "noticelint.yaml", "lang: en\n")
    write(tmp_path / "proj" / "pyproject.toml", '[project]\nname = "noticelint-user"\n')
    monkeypatch.chdir(tmp_path / "proj")
    assert config_mod.load().value("lang") == "en"  # pyproject.toml without [tool.noticelint]: keep looking
    write(tmp_path / "proj" / "pyproject.toml", '[project]\nname = "x"\n\n[tool.noticelint]\nfail-on = "warning"\n')
    cfg = config_mod.load()
    assert cfg.value("fail-on") == "warning" and cfg.value("lang") == "zh"
    assert cfg.sourced("fail-on")[1] == "pyproject.toml:5"


def test_nearest_folder_wins_and_yaml_beats_pyproject_in_one_folder(tmp_path, monkeypatch):
    write(tmp_path / "noticelint.yaml", "lang: en\n")
    write(tmp_path / "sub" / "pyproject.toml", '[tool.noticelint]\nfail-on = "info"\n')
    write(tmp_path / "sub" / ".noticelint.yaml", "fail-on: warning\n")
    monkeypatch.chdir(tmp_path / "sub")
    cfg = config_mod.load()
    assert cfg.value("fail-on") == "warning"
    assert cfg.value("lang") == "zh"  # the parent's file is not merged: the nearest one is the configuration


def test_config_flag_overrides_discovery_and_isolated_ignores_files(tmp_path, monkeypatch, gap_notice):
    write(tmp_path / "noticelint.yaml", "ignore: [NUM001]\n")
    other = write(tmp_path / "elsewhere" / "cfg.yaml", "fail-on: warning\n")
    monkeypatch.chdir(tmp_path)
    assert run("check", "--select", "NUM", gap_notice).exit_code == 0  # NUM001 ignored by the discovered file
    r = run("check", "--isolated", "--select", "NUM", gap_notice)
    assert r.exit_code == 0 and "NUM001" in r.stdout  # a warning: fails only on error
    r = run("check", "--config", other, "--select", "NUM", gap_notice)
    assert r.exit_code == 1 and "NUM001" in r.stdout  # the discovered file is not used, the named one is
    r = run("check", "--config", other, "--isolated", gap_notice)
    assert r.exit_code == 2 and "cannot be used together" in stderr_of(r)
    r = run("check", "--config", tmp_path / "missing.yaml", gap_notice)
    assert r.exit_code == 2 and "missing.yaml: no such configuration file" in stderr_of(r)


# ---- layering -------------------------------------------------------------------------


def test_command_line_overrides_the_file(tmp_path, monkeypatch, gap_notice):
    write(tmp_path / "noticelint.yaml", "fail-on: warning\nlang: en\nselect: [NUM]\n")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-source", gap_notice)
    assert r.exit_code == 1 and "numbering skips" in r.stdout
    r = run("check", "--no-source", "--fail-on", "error", "--lang", "zh", gap_notice)
    assert r.exit_code == 0 and "序号不连续" in r.stdout


def test_selection_layers_select_replaces_ignore_removes_extend_select_adds(tmp_path, monkeypatch, gap_notice):
    write(tmp_path / "noticelint.yaml", "select: [NUM, LED]\nignore: [NUM001]\n")
    monkeypatch.chdir(tmp_path)
    r = run("config", "--format", "json")
    enabled = json.loads(r.stdout)["enabled-rules"]
    assert "NUM001" not in enabled and "NUM002" in enabled and "LED001" in enabled and not any(c.startswith("CON") for c in enabled)
    r = run("config", "--format", "json", "--extend-select", "NUM001")
    assert "NUM001" in json.loads(r.stdout)["enabled-rules"]
    r = run("config", "--format", "json", "--select", "NUM001")
    assert json.loads(r.stdout)["enabled-rules"] == ["NUM001"]  # a command-line select replaces everything before it
    r = run("config", "--format", "json", "--ignore", "LED")
    assert not any(c.startswith("LED") for c in json.loads(r.stdout)["enabled-rules"])


def test_rule_severity_override_changes_findings_and_exit_code(tmp_path, monkeypatch, gap_notice):
    monkeypatch.chdir(tmp_path)
    base = run("check", "--isolated", "--select", "NUM", "--format", "json", gap_notice)
    assert findings_json(base) == [(10, 1, "NUM001", "warning")] and base.exit_code == 0
    write(tmp_path / "noticelint.yaml", "rule-settings:\n  numbering-gap: {severity: error}\n")  # by rule name
    r = run("check", "--select", "NUM", "--format", "json", gap_notice)
    assert findings_json(r) == [(10, 1, "NUM001", "error")] and r.exit_code == 1


def test_rule_options_override_is_applied(tmp_path, monkeypatch):
    """The reference's disclosure period (9月12日至26日) is 15 days: fine by default, too long for max_days 10."""
    monkeypatch.chdir(tmp_path)
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    last = max(i for i, l in enumerate(lines) if "公开期限" in l)
    col = lines[last].index("2025年9月12日") + 1
    assert run("check", "--isolated", "--select", "DSC", CLEAN).exit_code == 0
    write(tmp_path / "noticelint.yaml", "rule-settings:\n  DSC005:\n    severity: error\n    options: {max_days: 10}\n")
    r = run("check", "--select", "DSC", "--format", "json", CLEAN)
    assert findings_json(r) == [(last + 1, col, "DSC005", "error")]
    assert r.exit_code == 1


def test_presets_ship_in_the_package_and_default_matches_the_built_in_values():
    folder = resources.files("linter").joinpath("presets")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    assert names == sorted(f"{n}.yaml" for n in config_mod.PRESETS)
    default = yaml.safe_load(folder.joinpath("default.yaml").read_text(encoding="utf-8"))
    assert default == config_mod.DEFAULTS


def test_the_wheel_ships_presets_schema_and_meta_rules(tmp_path):
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("noticelint-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        metadata = z.read(next(n for n in names if n.endswith("dist-info/METADATA"))).decode("utf-8")
    for preset in config_mod.PRESETS:
        assert f"linter/presets/{preset}.yaml" in names
    assert "linter/schemas/config.schema.json" in names
    assert "linter/_bundled_rules/meta.yaml" in names
    assert "Requires-Dist: pathspec" in metadata
    assert "Requires-Python: >=3.11" in metadata  # rx needs re's 3.11 internals (3.10 failed at import)


@pytest.mark.parametrize("preset", config_mod.PRESETS)
def test_each_preset_is_valid(tmp_path, monkeypatch, preset):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "noticelint.yaml", f"extends: {preset}\n")
    r = run("config")
    assert r.exit_code == 0, r.output
    assert f"preset {preset}" in r.stdout


def test_strict_preset_fails_on_warnings_and_a_file_can_relax_it(tmp_path, monkeypatch, gap_notice):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "noticelint.yaml", "extends: strict\nselect: [NUM]\n")
    assert run("check", gap_notice).exit_code == 1
    write(tmp_path / "noticelint.yaml", "extends: strict\nselect: [NUM]\nfail-on: error\n")
    assert run("check", gap_notice).exit_code == 0


def test_extends_another_file_with_paths_relative_to_each_file(tmp_path, monkeypatch, gap_notice):
    rules_dir = tmp_path / "shared" / "house-rules"
    write(
        rules_dir / "house.yaml",
        """
        rules:
          - code: HSE001
            name: house-word
            kind: pattern
            severity: error
            options: {regex: "主渠道主阵地"}
            summary: {zh: 测试, en: test}
            message: {zh: 测试, en: test}
        """,
    )
    write(tmp_path / "shared" / "base.yaml", "extends: strict\nrules: [house-rules]\nlang: en\n")
    write(tmp_path / "proj" / "noticelint.yaml", "extends: ../shared/base.yaml\nselect: [HSE, NUM]\n")
    monkeypatch.chdir(tmp_path / "proj")
    r = run("check", "--format", "json", gap_notice)
    found = findings_json(r)
    line = next(i for i, l in enumerate(gap_notice.read_text(encoding="utf-8").split("\n"), 1) if "主渠道主阵地" in l)
    col = gap_notice.read_text(encoding="utf-8").split("\n")[line - 1].index("主渠道主阵地") + 1
    assert sorted(found) == sorted([(10, 1, "NUM001", "warning"), (line, col, "HSE001", "error")])
    assert r.exit_code == 1
    shown = run("config").stdout
    assert "shared/base.yaml:3" in shown.replace(os.sep, "/")  # lang comes from the extended file
    assert 'fail-on: "warning"' in shown and "# preset strict:5" in shown
    assert "shared/house-rules" in shown.replace(os.sep, "/")


# ---- validation errors: file, key, line, exit 2, no traceback -------------------------------


BAD_CONFIGS = [
    ("lang: en\nselct: [NUM]\n", 2, "selct: unknown key 'selct' (did you mean 'select'?)"),
    ("fail-on: fatal\n", 1, "fail-on: 'fatal' is not one of ['error', 'warning', 'info']"),
    ("select: NUM\n", 1, "select: 'NUM' is not of type 'array'"),
    ("select: [NUM001, NUMX]\n", 1, "select/1: unknown rule selector 'NUMX'"),
    ("rule-settings:\n  DSC05:\n    severity: error\n", 2, "rule-settings/DSC05: 'DSC05' is not a rule code"),
    ("rule-settings:\n  DSC999:\n    severity: error\n", 2, "rule-settings/DSC999: no rule 'DSC999'"),
    ("rule-settings:\n  DSC005:\n    severity: fatal\n", 3, "rule-settings/DSC005/severity: 'fatal' is not one of"),
    ("rule-settings:\n  DSC005:\n    options:\n      max_days: many\n", 4, "rule-settings/DSC005/options/max_days: 'many' is not of type 'integer' (kind 'disclosure')"),
    ("rule-settings:\n  DSC005:\n    options:\n      maxdays: 3\n", 4, "rule-settings/DSC005/options/maxdays: unknown option 'maxdays' for kind 'disclosure'"),
    ("per-file-ignores:\n  'drafts/*':\n    - NUM\n    - XYZ9\n", 4, "per-file-ignores/drafts/*/1: unknown rule selector 'XYZ9'"),
    ("extends: strikt\n", 1, "extends: unknown preset 'strikt' (bundled presets: default, strict)"),
    ("extends: [strict, ./nope.yaml]\n", 1, "extends/1: no such configuration file './nope.yaml'"),
    ("jobs: -1\n", 1, "jobs: -1 is less than the minimum of 0"),
    ("rule-settings:\n  DSC005:\n    options:\n      max_days: 2025-01-01\n", 4, "options/max_days: datetime.date(2025, 1, 1) is not of type 'integer'"),
    ("per-file-ignores:\n  '': [NUM]\n", 2, "per-file-ignores/: '' is not a glob"),
    ("lang: en\nrules: [house/, nope/]\n", 2, "rules/1: no such rule file or folder 'nope/'"),
    ("baseline: nope.json\n", 1, "baseline: no such baseline file 'nope.json'"),
    ("lang: en\nselect: [NUM\n", 3, "invalid YAML"),
    ("- a\n- b\n", 1, "a configuration file must be a mapping"),
]


@pytest.mark.parametrize("text,line,message", BAD_CONFIGS, ids=[m.split(":")[0] for _, _, m in BAD_CONFIGS])
def test_invalid_config_names_file_key_and_line(tmp_path, monkeypatch, text, line, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "noticelint.yaml", text)
    (tmp_path / "house").mkdir()
    write(tmp_path / "house" / "house.yaml", "rules:\n  - {code: HSE001, name: h, kind: pattern, severity: info, summary: s, message: m, options: {regex: 'x'}}\n")
    r = run("check", CLEAN)
    assert r.exit_code == 2
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.exception
    err = stderr_of(r).strip()
    assert err.startswith(f"noticelint: noticelint.yaml:{line}: "), err
    assert message in err
    assert "Traceback" not in r.output


def test_invalid_pyproject_table_names_the_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.noticelint]\nlang = "en"\n\n[tool.noticelint.rule-settings.NUM001]\nseverity = "eror"\n')
    r = run("check", CLEAN)
    assert r.exit_code == 2
    assert stderr_of(r).strip() == "noticelint: pyproject.toml:8: rule-settings/NUM001/severity: 'eror' is not one of ['error', 'warning', 'info']"
    write(tmp_path / "pyproject.toml", '[tool.noticelint]\nlang = "en"\nselect = [\n')
    r = run("check", CLEAN)
    assert r.exit_code == 2 and "pyproject.toml" in stderr_of(r) and "invalid TOML" in stderr_of(r)


def test_circular_extends_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    r = run("check", "--config", "a.yaml", CLEAN)
    assert r.exit_code == 2 and "circular 'extends'" in stderr_of(r)


def test_command_line_errors_name_the_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("check", "--isolated", "--ignore", "NUMZ", CLEAN)
    assert r.exit_code == 2 and "--ignore: unknown rule selector 'NUMZ'" in stderr_of(r)
    r = run("check", "--isolated", "--rules", "nope", CLEAN)
    assert r.exit_code == 2 and stderr_of(r).strip() == "noticelint: command line: --rules: no such rule file or folder 'nope'"


# ---- validation only when the file changed ---------------------------------------------------


def test_config_is_validated_once_per_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOTICELINT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "noticelint.yaml", "lang: en\nrule-settings:\n  DSC005: {options: {max_days: 20}}\n")
    calls = []
    real = config_mod.validate
    monkeypatch.setattr(config_mod, "validate", lambda *a: (calls.append(1), real(*a))[1])
    assert config_mod.load().value("lang") == "en"
    assert config_mod.load().layers[-1].lines["lang"] == 1
    assert len(calls) == 1  # the second load came from the cache, with its line numbers
    write(tmp_path / "noticelint.yaml", "lang: fr\n")  # changed: validated again, and the error is reported
    with pytest.raises(config_mod.ConfigError, match="lang"):
        config_mod.load()
    assert len(calls) == 2


def test_startup_without_config_imports_no_yaml_jsonschema_or_pathspec(tmp_path):
    """A run with no config file and warm caches must not pay for yaml, jsonschema or pathspec."""
    notice = tmp_path / "n.txt"
    notice.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "NOTICELINT_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from linter.cli import main\n"
        f"r = CliRunner().invoke(main, ['check', '--select', 'NUM', {str(notice)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(' '.join(m for m in ('yaml', 'jsonschema', 'pathspec') if m in sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, check=True, capture_output=True)  # warm the rule cache
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == ""


# ---- config --show ---------------------------------------------------------------------------


def test_show_names_the_origin_of_every_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "noticelint.yaml",
        """
        # yaml-language-server: $schema=https://example.invalid/config.schema.json
        extends: strict
        lang: en
        rule-settings:
          DSC005:
            severity: error
            options: {max_days: 20}
        per-file-ignores:
          "drafts/**": [NUM]
        exclude: ["archive/"]
        """,
    )
    r = run("config", "--show", "--jobs", "3")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()

    def row(prefix: str) -> str:
        match = [l for l in lines if l.strip().startswith(prefix)]
        assert match, (prefix, r.stdout)
        return match[0]

    assert lines[0] == "# configuration file: noticelint.yaml"
    assert row("lang:").endswith("# noticelint.yaml:3")
    assert row("fail-on:").endswith("# preset strict:5")
    assert row("min-severity:").endswith("# preset default:5")
    assert row("jobs:").endswith("# command line")
    assert row("severity: error").endswith("# noticelint.yaml:6")
    assert row("options.max_days: 20").endswith("# noticelint.yaml:7")
    assert "# noticelint.yaml:9" in row('- "drafts/**"')
    assert "# noticelint.yaml:10" in row('- "archive/"')
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["values"]["lang"] == {"value": "en", "from": "noticelint.yaml:3"}
    assert data["layers"] == ["default", "preset default", "preset strict", "noticelint.yaml"]


def test_show_with_isolated_reports_only_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "noticelint.yaml", "lang: en\n")
    r = run("config", "--isolated")
    assert "# configuration file: (none: built-in defaults)" in r.stdout
    assert 'lang: "zh"' in r.stdout and "# default" in r.stdout


def test_schema_path_points_at_the_shipped_schema():
    r = run("config", "--schema")
    path = Path(r.stdout.strip())
    assert path.name == "config.schema.json" and path.is_file()
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert set(config_mod.DEFAULTS) <= set(schema["properties"])


def test_rules_command_shows_configured_severity_and_disabled_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "noticelint.yaml", "ignore: [LED001]\nrule-settings:\n  NUM001: {severity: error}\n")
    data = {r["code"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
    assert data["NUM001"]["severity"] == "error" and data["NUM001"]["enabled"]
    assert data["LED001"]["enabled"] is False
    text = run("rules").stdout
    assert any(l.startswith("LED001") and " off " in l for l in text.splitlines())
