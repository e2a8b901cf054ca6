"""Arrays computed from a dataset, kept on disk under a key made of the code and the data they came from.

Training windows and every frame's window features of a dataset take minutes to compute and change only
when the dataset's files, the code that computes them or their settings change; those three make the key,
so a change to any of them computes afresh, and nothing else does. Entries are .npz files read without
pickle, written to a temporary file and renamed, so runs may share the cache.
"""

import ast
import functools
import hashlib
import importlib.util
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import platformdirs

from recognizer.datasets.pose_cache import APP_NAME, file_hash


def default_cache_dir():
    """Where computed arrays are kept (e.g. ~/.cache/move-match/arrays on Linux)."""
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "arrays"


def data_fingerprint(path):
    """A hash of the contents of a file, or of every file under a folder with their relative paths."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}\0{file_hash(file)}\0".encode())
    return digest.hexdigest()


def code_fingerprint(module):
    """A hash of the source of a module and of every module of this project it imports, directly or not: all the
    code that can change what it computes. Found from the import statements themselves, so no list to keep up to
    date by hand can go stale."""
    digest = hashlib.sha256()
    for name in sorted(_imported(module.__name__)):
        digest.update(f"{name}\0".encode() + Path(importlib.util.find_spec(name).origin).read_bytes())
    return digest.hexdigest()


FIRST_PARTY = ("recognizer",)


@functools.cache
def _imports_of(name):
    """The first-party modules a module's own source imports (at any depth of its code, functions included)."""
    spec = importlib.util.find_spec(name)
    tree = ast.parse(Path(spec.origin).read_text())
    package = name if spec.submodule_search_locations else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level \
                else node.module
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {candidate for candidate in candidates if candidate.split(".")[0] in FIRST_PARTY
                  and _is_module(candidate)}
    return frozenset(found)


def _is_module(name):
    """Whether a dotted name is a module (not a function or class imported from one)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module, not a module of a package
        return False


def _imported(name):
    """name and every first-party module it imports, directly or through others."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += _imports_of(current)
    return seen


def key(**parts):
    """One key from named parts (fingerprints, settings), whatever their order."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


class ArrayCache:
    """Named groups of arrays, one .npz per (name, key). directory None: the user cache folder; False: keep
    nothing (every get misses, every put is dropped)."""

    def __init__(self, directory=None):
        self.directory = None if directory is False else Path(directory) if directory else default_cache_dir()

    def entry(self, name, entry_key):
        return self.directory / name / f"{entry_key}.npz"

    def get(self, name, entry_key):
        """{array name: array}, or None when missing or unreadable (then computed again)."""
        if self.directory is None:
            return None
        try:
            with np.load(self.entry(name, entry_key), allow_pickle=False) as saved:
                return {array: saved[array] for array in saved.files}
        except (OSError, ValueError, KeyError):
            return None

    def put(self, name, entry_key, arrays):
        if self.directory is None:
            return
        path = self.entry(name, entry_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False)
        try:
            with tmp:
                np.savez(tmp, **arrays)
            os.replace(tmp.name, path)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise

    def get_or_compute(self, name, entry_key, compute):
        """The cached arrays, or compute() (a dict of arrays), kept for next time."""
        found = self.get(name, entry_key)
        if found is None:
            found = compute()
            self.put(name, entry_key, found)
        return found
