"""Where an import's rows wait while DuckDB reads them: a file inside the database's own folder
(`<db folder>/tmp/`), never in the system's shared temp folder, and never left behind.

DuckDB's CSV reader reads files, so the data rows of an upload are written to one file for the
length of one import or preview and removed on every exit path. A process killed in the middle
leaves its file behind: the next import removes the files of processes that are gone. An
in-memory store (tests, previews without a store) stages in a private folder of its own, removed
with its file.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "cx-import-"
PRIVATE_PREFIX = "cx-stage-"
STALE_SECONDS = 6 * 3600  # a staged file this old is stale whoever wrote it

_active: set[str] = set()
_active_lock = threading.Lock()


def staging_dir(store) -> Path | None:
    """`<db folder>/tmp` for a store on disk; None for an in-memory store (or none)."""
    path = getattr(store, "path", None)
    return Path(path).parent / "tmp" if path is not None else None


def _pid_of(name: str, prefix: str) -> int | None:
    """The process id in `<prefix><pid>-<hex>...`, or None for another name."""
    rest = name[len(prefix):]
    pid, _, _ = rest.partition("-")
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process
    return True


def _stale(path: Path, prefix: str) -> bool:
    """A staged file or folder no running import uses: its process is gone, it is this
    process's but not in use, or it is older than STALE_SECONDS."""
    with _active_lock:
        if str(path) in _active:
            return False
    try:
        if time.time() - path.stat().st_mtime > STALE_SECONDS:
            return True
    except OSError:
        return False
    pid = _pid_of(path.name, prefix)
    if pid is None:
        return False
    return pid == os.getpid() or not _alive(pid)


def remove_stale(folder: Path | None) -> int:
    """Remove staged files left by imports that were killed (in `folder`, and private staging
    folders in the system temp folder). Returns how many were removed."""
    removed = 0
    places = [(folder, PREFIX)] if folder is not None else []
    places.append((Path(tempfile.gettempdir()), PRIVATE_PREFIX))
    for place, prefix in places:
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            if not entry.name.startswith(prefix) or not _stale(entry, prefix):
                continue
            try:
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
                removed += 1
            except OSError:
                pass
    return removed


@contextmanager
def staged_file(body: bytes, folder: Path | None) -> Iterator[Path]:
    """A file holding `body` for the length of the `with` block, in `folder` (created when
    missing, stale files of killed imports removed first) or, with None, in a private folder.
    Readable by this user only; removed however the block ends."""
    private = folder is None
    if private:
        folder = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-"))
    else:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale(folder)
    path = folder / f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}.csv"
    tracked = [str(path)] + ([str(folder)] if private else [])
    with _active_lock:
        _active.update(tracked)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        yield path
    finally:
        try:
            path.unlink(missing_ok=True)
        finally:
            if private:
                shutil.rmtree(folder, ignore_errors=True)
            with _active_lock:
                _active.difference_update(tracked)
