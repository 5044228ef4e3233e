"""Indented JSON written at the C encoder's speed: what every JSON-based format and command prints.

``json.dumps(obj, indent=2)`` runs the pure-Python encoder (the C encoder
writes only unindented JSON): 0.37 s for the SARIF of 5,900 findings (9.6 MB),
longer than linting their 100 notices on two cores. Most items sit in
innermost containers (a finding's fields, a region, a fingerprint), so those
are written by the C encoder, given an item separator that carries the line
break and indentation; only the containers that hold containers are walked
here (0.23 s for that SARIF; 48 -> 30 ms for the JSON format's 2 MB; GitLab's
report, whose issues mix both, stays as fast as before). The text is byte for
byte that of ``json.dumps(obj, ensure_ascii=False, indent=2)`` (tests compare
the two on every format's output and on random values).
"""
from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring  # (the C functions where there are)
from typing import Any, Callable

INDENT = "  "
_CONTAINERS = (dict, list, tuple)
_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: a subclass takes the careful path
_flat: dict[int, Callable[[Any], str]] = {}  # by depth: a flat encoder whose item separator indents one level deeper


class _NotPlain(Exception):
    """A key that is not a string: json.dumps converts it; the whole object is left to json.dumps."""


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, faster."""
    if not isinstance(obj, _CONTAINERS):
        return _scalar(obj)
    out: list[str] = []
    try:
        _container(obj, 0, out)
    except _NotPlain:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


def _scalar(v: Any) -> str:
    t = type(v)
    if t is str:
        return encode_basestring(v)
    if t is int:
        return int.__repr__(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    return json.dumps(v)  # a float (NaN, Infinity…), a subclass, or what json rejects with its own error


def _encoder(depth: int) -> Callable[[Any], str]:
    """The C encoder's own object, made once per depth (``JSONEncoder.encode`` makes one at every call: half
    the cost of a small container); ``JSONEncoder.encode`` itself where the C encoder is missing."""
    enc = _flat.get(depth)
    if enc is None:
        py = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + INDENT * (depth + 1), ": "))
        if c_make_encoder is None:
            enc = py.encode
        else:
            c = c_make_encoder({}, py.default, encode_basestring, None, py.key_separator, py.item_separator, False, False, True)
            enc = lambda obj: "".join(c(obj, 0))  # noqa: E731
        _flat[depth] = enc
    return enc


def _container(obj: dict | list | tuple, depth: int, out: list[str]) -> None:
    """Append the text of ``obj`` (a container) at ``depth``."""
    is_dict = isinstance(obj, dict)
    if not obj:
        out.append("{}" if is_dict else "[]")
        return
    if is_dict and not all(type(k) is str for k in obj):
        raise _NotPlain
    pad = "\n" + INDENT * (depth + 1)
    values = obj.values() if is_dict else obj
    if _SCALARS.issuperset(map(type, values)):  # innermost: one call of the C encoder
        flat = _encoder(depth)(obj)
        out.append(flat[0] + pad + flat[1:-1] + "\n" + INDENT * depth + flat[-1])
        return
    out.append("{" if is_dict else "[")
    sep = pad
    for k, v in obj.items() if is_dict else enumerate(obj):
        out.append(sep + encode_basestring(k) + ": " if is_dict else sep)
        if isinstance(v, _CONTAINERS):
            _container(v, depth + 1, out)
        else:
            out.append(_scalar(v))
        sep = "," + pad
    out.append("\n" + INDENT * depth + ("}" if is_dict else "]"))
