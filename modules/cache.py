"""Checked and rendered content, kept in a cache file so a worker starts without rendering.

The file's name holds a hash of every file under the content's folder and of the code that
checks and renders it: change a course file (or the renderer) and the hash is new, so the
content is checked and rendered again, exactly as without a cache. Only content that passed
its check is ever written, so a cache hit needs no check; broken content never has a cache
file and still stops the start with its `path:line` messages. The folder is the app's own
(instance/cache): the pickle in it is trusted like the code beside it.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import markdown

T = TypeVar("T")
FORMAT = "1"  # raise when what is pickled changes shape in a way the code hash cannot see


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return (_proxy, (dict(proxy),))


class _Pickler(pickle.Pickler):
    """Content objects hold read-only mappings, which pickle cannot store by itself."""

    dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, skipping hidden and __pycache__ folders, in a stable order."""
    found: list[Path] = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d != "__pycache__"
        )
        found.extend(Path(directory) / name for name in sorted(names))
    return found


def content_hash(root: Path, code: Iterable[Path]) -> str:
    """A hash of every content file under `root` (names and bytes) and of the code that reads
    them (the .py files of the given folders), the Markdown library and the Python version."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{markdown.__version__}\0".encode())
    root = Path(root).resolve()
    for path in _files(root):
        digest.update(f"\0{path.relative_to(root)}\0".encode())
        digest.update(path.read_bytes())
    for folder in code:
        for path in sorted(Path(folder).glob("*.py")):
            digest.update(f"\0{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(
    kind: str, root: Path, cache_dir: Path, code: Iterable[Path], load: Callable[[], T]
) -> T:
    """What `load()` returns for the content under `root`: from the cache file when the content
    and code are unchanged, else from `load()` (which checks and may raise), then stored."""
    cache_dir = Path(cache_dir)
    path = cache_dir / f"{kind}-{content_hash(root, code)}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)  # noqa: S301 (written by this code only, see above)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # no cache yet, or one from code that no longer reads it: render again
    found = load()
    _store(path, kind, found)
    return found


def _store(path: Path, kind: str, value: object) -> None:
    """Written beside its final name and moved there, so a worker starting at the same moment
    reads a whole file or none; older files of the same kind are removed."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-")
        with os.fdopen(handle, "wb") as file:
            file.write(buffer.getvalue())
        os.replace(temporary, path)
        for old in path.parent.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder: the next start renders again, which is slower, not wrong
