"""Which files a folder search skips: ``exclude`` globs and ``.gitignore`` files.

Both use gitignore ("gitwildmatch") semantics through the pathspec library,
imported only when there is a pattern to match. ``.gitignore`` files are read
from the repository root (the nearest folder above with a ``.git``) down to
each folder searched, plus ``.git/info/exclude``; a deeper file overrides a
shallower one, and a negated pattern (``!keep.md``) re-includes a file, except
inside an ignored folder (as in git). The user's global excludes file
(``core.excludesFile``) is not read.
"""
from __future__ import annotations

import os

# Paths are plain strings (absolute and resolved where the docstrings say so): pathlib and what it
# imports cost every start ~1.5 ms, and a folder search asks these questions of every file.


def _spec(lines: list[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def parents(path: str) -> list[str]:
    """The folders above the absolute ``path``, nearest first (what ``Path.parents`` gives)."""
    out = []
    folder = os.path.dirname(path)
    while folder != path:
        out.append(folder)
        path, folder = folder, os.path.dirname(folder)
    return out


def is_under(path: str, folder: str) -> bool:
    """``folder`` is one of the folders above ``path`` (both absolute and normalised)."""
    return path != folder and path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def relative_posix(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` in POSIX form, or None when it lies outside (or is ``base``)."""
    if not is_under(path, base):
        return None
    rel = path[len(base.rstrip(os.sep)) + 1 :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def repo_root(start: str) -> str | None:
    for folder in (start, *parents(start)):
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
    return None


class IgnoreRules:
    """Decides whether a path is excluded; every path given must be absolute and resolved."""

    def __init__(self, exclude: list[tuple[str, str]] = (), respect_gitignore: bool = True):
        by_base: dict[str, list[str]] = {}
        for pattern, base in exclude:
            by_base.setdefault(os.path.realpath(base), []).append(pattern)
        self._exclude = [(base, _spec(lines)) for base, lines in by_base.items()]
        self.respect_gitignore = respect_gitignore
        self._gitignores: dict[str, object | None] = {}
        self._roots: dict[str, str | None] = {}

    # ---- exclude globs -----------------------------------------------------
    def excluded_by_glob(self, path: str, is_dir: bool) -> bool:
        for base, spec in self._exclude:
            rel = relative_posix(path, base)
            if rel is not None and spec.match_file(rel + "/" if is_dir else rel):
                return True
        return False

    # ---- .gitignore -------------------------------------------------------------
    def _gitignore(self, folder: str):
        """The compiled .gitignore of one folder (None if it has none); read once."""
        if folder not in self._gitignores:
            lines: list[str] = []
            for f in (os.path.join(folder, ".gitignore"), os.path.join(folder, ".git", "info", "exclude")):
                try:
                    if os.path.isfile(f):
                        with open(f, encoding="utf-8", errors="replace") as fh:
                            lines.extend(fh.read().splitlines())
                except OSError:
                    pass
            self._gitignores[folder] = _spec(lines) if any(l.strip() and not l.startswith("#") for l in lines) else None
        return self._gitignores[folder]

    def _root(self, folder: str) -> str | None:
        if folder not in self._roots:
            self._roots[folder] = repo_root(folder)
        return self._roots[folder]

    def gitignored(self, path: str, is_dir: bool, top: str) -> bool:
        """Whether the .gitignore files from the repository root (or ``top``) down to ``path`` ignore it.

        Only ``path`` itself is tested: a folder walk prunes ignored folders,
        so their contents never get here.
        """
        if not self.respect_gitignore:
            return False
        root = self._root(top) or top
        result = None
        folder = os.path.dirname(path)
        chain = [folder, *parents(folder)]
        chain = [f for f in chain if f == root or is_under(f, root)]
        for base in reversed(chain):
            spec = self._gitignore(base)
            if spec is None:
                continue
            rel = relative_posix(path, base)
            if rel is None:
                continue
            check = spec.check_file(rel + "/" if is_dir else rel)
            if check.include is not None:
                result = check.include
        return bool(result)

    def ancestors_ignored(self, path: str, top: str) -> bool:
        """For a file named on the command line: is it, or a folder above it, excluded or ignored?"""
        root = (self._root(top) or top) if self.respect_gitignore else top
        folders = [f for f in parents(path) if f == root or is_under(f, root)]
        for folder in reversed(folders):
            if folder != root and (self.excluded_by_glob(folder, True) or self.gitignored(folder, True, top)):
                return True
        return self.excluded_by_glob(path, False) or self.gitignored(path, False, top)

    def skip(self, path: str, is_dir: bool, top: str) -> bool:
        return self.excluded_by_glob(path, is_dir) or self.gitignored(path, is_dir, top)


def walk(top: str, suffixes: tuple[str, ...], rules: IgnoreRules | None) -> tuple[list[str], int]:
    """Notices under ``top`` (sorted, recursive) and how many were skipped by exclude/.gitignore.

    Hidden folders and files (``.git``, ``.venv``...) and Word lock files
    (``~$x.docx``) are always skipped.
    """
    found: list[str] = []
    skipped = 0
    top_abs = os.path.realpath(top)
    for root, dirs, names in os.walk(top):
        root_abs = os.path.join(top_abs, os.path.relpath(root, top)) if root != top else top_abs
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if rules is not None and rules.skip(os.path.normpath(os.path.join(root_abs, d)), True, top_abs):
                skipped += 1
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            if not name.lower().endswith(suffixes) or name.startswith((".", "~$")):
                continue
            if rules is not None and rules.skip(os.path.normpath(os.path.join(root_abs, name)), False, top_abs):
                skipped += 1
                continue
            found.append(os.path.normpath(os.path.join(root, name)))
    return found, skipped
