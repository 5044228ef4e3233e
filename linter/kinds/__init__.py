"""The explicit registry of rule kinds: one module per kind.

A kind module defines:

* ``OPTIONS_SCHEMA``: a JSON schema for a rule's ``options`` of this kind;
* ``prepare(rules) -> state``: called once per run with every rule of the kind
  (build automatons, compile regexes here, never per document);
* ``check(ctx, state) -> Iterable[(Rule, Hit)]``: called once per document.

Modules are imported lazily so a run only pays for the kinds it uses.
"""
from __future__ import annotations

import importlib
from types import ModuleType

# kind name -> module. Declarative kinds first (usable from YAML without Python),
# then the built-in checks implemented in Python.
KINDS: dict[str, str] = {
    # declarative
    "phrase": "linter.kinds.phrase",
    "pattern": "linter.kinds.pattern",
    "require": "linter.kinds.require",
    "ordered-list": "linter.kinds.ordered_list",  # issue: text rules (political lists)
    # structure (issue: core)
    "numbering": "linter.kinds.numbering",
    "measures": "linter.kinds.measures",
    "sections": "linter.kinds.sections",
    "lead": "linter.kinds.lead",
    "disclosure": "linter.kinds.disclosure",
    "contact": "linter.kinds.contact",
    "dates": "linter.kinds.dates",
    "punctuation": "linter.kinds.punctuation",  # issue: text rules (GB/T 15834 punctuation)
    "numeral-style": "linter.kinds.numeral_style",  # issue: text rules (numerals)
    "arithmetic": "linter.kinds.arithmetic",  # issue: text rules (statistics)
    "terms": "linter.kinds.terms",  # issue: text rules (巡视/巡察 terms)
    "residue": "linter.kinds.residue",  # issue: text rules (conversion residue)
    "privacy": "linter.kinds.privacy",  # issue: text rules (personal data)
    "suppression": "linter.kinds.suppression",  # issue: where users run it (Markdown suppression comments)
}

_loaded: dict[str, ModuleType] = {}


def get_kind(name: str) -> ModuleType:
    mod = _loaded.get(name)
    if mod is None:
        if name not in KINDS:
            raise KeyError(name)
        mod = importlib.import_module(KINDS[name])
        _loaded[name] = mod
    return mod


def known_kinds() -> list[str]:
    return list(KINDS)
