"""What a command compiles on every start, kept across processes: regexes and what the scans
derive from their rows.

Why: Python keeps none of it between processes. `re.compile` parses a pattern and generates
the engine's code in Python (~25 ms for the ~70 patterns a short speech reaches); the scans
read their rows' parsed form for first characters and row forms (~10 ms). Together that was
about half of what `outline-extractor parse` cost beyond the stack's own import. So:
- `compile(pattern, flags)` stands for `re.compile`: it keeps what `re._compiler.compile`
  hands to `_sre.compile` (flags, code, groups, groupindex, indexgroup) and builds the pattern
  from that on later runs (`==` to `re.compile`'s: the comparison includes the code);
- `@remember` keeps a pure function's results (the scans' analysis of a pattern: arguments
  str/int/tuples, a result `marshal` can write; it may call only its own module, `re` and
  `scan.parse_pattern`, which is re's parser: a change elsewhere would not be seen),
  keyed by the function's name, its module's source (an edited module never reads an older
  one's results) and the arguments.

Where: `$XDG_CACHE_HOME/outline-extractor/` (default `~/.cache/outline-extractor/`), one
`marshal` file per Python build (its name holds a checksum of the interpreter's version and
of the engine's MAGIC and CODESIZE: another Python never reads it). Set
`OUTLINE_EXTRACTOR_CACHE_DIR=DIR` to put it in DIR, `OUTLINE_EXTRACTOR_CACHE_DIR=off` to turn it
off (everything computed in each process as without it).

How it stays safe: the file is read once per process, checked (checksum, interpreter) and
its entries decoded only when asked for. What it lacks is computed and written when the
process exits, merged with what the file holds by then, through a temporary file and
`os.replace`: batch workers writing at once never leave a partial file (one may drop
another's additions, which a later run adds again). Beyond MAX_ENTRIES the file keeps only
the entries of the process writing it. Anything wrong — no home, a read-only or full disk, a
corrupt, truncated or foreign file, another Python's `re` internals — falls back silently to
computing.
"""

from __future__ import annotations

import atexit
import functools
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

try:
    import _sre
    from re import _compiler, _parser

    _IDENTITY: tuple | None = (1, sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
except (ImportError, AttributeError):  # pragma: no cover - another Python's internals: no cache
    _IDENTITY = None

ENV = "OUTLINE_EXTRACTOR_CACHE_DIR"
#: Beyond this many entries (users' own patterns, older versions' tables) the file keeps those
#: of the process writing it.
MAX_ENTRIES = 3000

#: Compiled patterns kept in this process (as `re` keeps its own); cleared beyond this many.
MAX_PATTERNS = 512

_MISSING = object()
_entries: dict[tuple, bytes] | None = None  # what the file held, read at first use
_new: dict[tuple, bytes] = {}  # computed here, written at exit
_used: set[tuple] = set()
_digests: dict[str, int | None] = {}
_versions: dict[str, int | None] = {}  # remembered function → its module's checksum at import
_patterns: dict[tuple, re.Pattern] = {}
_save_registered = False

F = TypeVar("F", bound=Callable[..., Any])


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - stands for re.compile (str or bytes)
    """`re.compile(pattern, flags)` (str or bytes), built from the cache file when it holds the
    pattern, and kept in this process for the next call (as `re` keeps its own). Unlike
    re.compile on a warm cache: re's warnings about a pattern (e.g. "possible nested set") come
    only when it is compiled afresh, and re.DEBUG prints nothing."""
    flags = int(flags)
    key = (pattern, flags)
    compiled = _patterns.get(key)
    if compiled is None:
        compiled = _compile(pattern, flags, key)
        if len(_patterns) >= MAX_PATTERNS:
            _patterns.clear()
        _patterns[key] = compiled
    return compiled


def _compile(pattern, flags: int, key: tuple) -> re.Pattern:
    parts = _lookup(key)
    if parts is not _MISSING:
        try:
            return _sre.compile(pattern, *parts)
        except Exception:  # a damaged entry: compiled afresh below, and written again
            pass
    if _IDENTITY is None or not isinstance(pattern, (str, bytes)) or directory() is None:
        return re.compile(pattern, flags)
    try:
        compiled, parts = _compile_fresh(pattern, flags)
    except re.error:
        raise
    except Exception:  # pragma: no cover - re's internals are not what this module knows
        return re.compile(pattern, flags)
    _store(key, parts)
    return compiled


def _compile_fresh(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple]:
    """`re._compiler.compile`, keeping what it hands to the engine."""
    parsed = _parser.parse(pattern, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # its opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    parts = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *parts), parts


def remember(func: F) -> F:
    """`func`, a pure function of patterns, with its results kept in the cache file too.

    Its module's checksum is taken now, at import: results of the code this process runs are
    never kept under the checksum of a newer file (an upgrade while a server runs)."""
    name = f"{func.__module__}.{func.__qualname__}"
    version = _versions[name] = _digests[func.__module__] if func.__module__ in _digests else _digest(func.__module__)

    @functools.wraps(func)
    def remembered(*args, **kwargs):
        try:
            key = (name, version, _frozen(args), _frozen(sorted(kwargs.items()))) if version is not None else None
        except TypeError:  # an argument the file cannot hold (a compiled pattern): not kept
            key = None
        if key is None:
            return func(*args, **kwargs)
        found = _lookup(key)
        if found is not _MISSING:
            try:
                return found[0]
            except Exception:  # a damaged entry: computed afresh below, and written again
                pass
        result = func(*args, **kwargs)
        _store(key, (result,))
        return result

    return remembered  # type: ignore[return-value]


_PLAIN = frozenset({str, int, bool, float, bytes, type(None)})


def _frozen(value):
    """An argument as part of a key (lists as tuples); TypeError for what marshal cannot write."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return tuple([_frozen(item) for item in value])
    if isinstance(value, int):  # a RegexFlag
        return int(value)
    raise TypeError(kind.__name__)


def _digest(module: str) -> int | None:
    """A checksum of a module's file (None when it cannot be read: its results are not kept)."""
    try:
        with open(sys.modules[module].__file__, "rb") as handle:  # type: ignore[arg-type]
            _digests[module] = zlib.crc32(handle.read())
    except Exception:
        _digests[module] = None
    return _digests[module]


def _lookup(key: tuple):
    """The value kept for `key` (in the file, or computed earlier in this process), or _MISSING."""
    entries = _entries if _entries is not None else _load()
    blob = entries.get(key) or _new.get(key)
    if blob is None:
        return _MISSING
    try:
        value = marshal.loads(blob)
    except Exception:
        return _MISSING
    _used.add(key)
    return value


def _store(key: tuple, value) -> None:
    if _IDENTITY is None or directory() is None:
        return
    try:
        blob = marshal.dumps(value)
        marshal.dumps(key)
    except ValueError:  # not what marshal writes: not kept
        return
    global _save_registered
    if not _save_registered:
        atexit.register(save)
        _save_registered = True
    _new[key] = blob
    _used.add(key)


def directory() -> str | None:
    """Where the cache file lives; None when the cache is off, when the place is not an
    absolute path (no home: `~` stays `~`, which would put the cache in the working folder),
    and when the home folder does not exist (a service user's HOME=/nonexistent is not made)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        folder = None if chosen.strip().lower() in ("", "off", "0", "no", "false") else chosen
    elif os.environ.get("XDG_CACHE_HOME"):
        folder = os.path.join(os.environ["XDG_CACHE_HOME"], "outline-extractor")
    else:
        home = os.path.expanduser("~")
        folder = os.path.join(home, ".cache", "outline-extractor") if os.path.isdir(home) else None
    return folder if folder is not None and os.path.isabs(folder) else None


def path() -> str | None:
    """The cache file of this Python build (None when the cache is off)."""
    folder = directory()
    if folder is None or _IDENTITY is None:
        return None
    return os.path.join(folder, f"cache-{sys.implementation.cache_tag}-{zlib.crc32(repr(_IDENTITY).encode()):08x}.marshal")


def _read(file: str | None) -> dict[tuple, bytes]:
    """The entries a file holds; {} for a missing, unreadable, corrupt or foreign one, and for
    one that another user owns or may write (its patterns decide what the parser finds)."""
    if file is None:
        return {}
    try:
        if not _private(os.stat(os.path.dirname(file))):  # another user could swap the file
            return {}
        with open(os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return {}
            data = handle.read()
        payload = data[4:]
        if not payload or zlib.crc32(payload) != int.from_bytes(data[:4], "little"):
            return {}
        identity, entries = marshal.loads(payload)
        return entries if identity == _IDENTITY and isinstance(entries, dict) else {}
    except Exception:
        return {}


def _private(status: os.stat_result) -> bool:
    """Owned by this user, written by no one else (this module makes its folder 0700 and its
    files 0600). A cache made by `sudo` with the user's HOME is root's: then it stays off."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the user's own profile folder
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _stale(key: tuple) -> bool:
    """A remembered result of a function whose module has changed since it was kept."""
    return len(key) == 4 and key[0] in _versions and key[1] != _versions[key[0]]


def _load() -> dict[tuple, bytes]:
    global _entries
    _entries = _read(path())
    return _entries


def save() -> None:
    """Write the entries computed in this process (at exit; silent on any failure)."""
    file = path()
    if not _new or file is None:
        return
    try:
        entries = _read(file)
        entries.update(_new)
        entries = {key: blob for key, blob in entries.items() if not _stale(key)}
        if len(entries) > MAX_ENTRIES:
            entries = {key: blob for key, blob in {**(_entries or {}), **_new}.items() if key in _used}
        payload = marshal.dumps((_IDENTITY, entries))
        folder = os.path.dirname(file)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        import tempfile  # only when there is something to write

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(zlib.crc32(payload).to_bytes(4, "little") + payload)
            os.replace(temporary, file)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        _new.clear()
    except Exception:
        pass
