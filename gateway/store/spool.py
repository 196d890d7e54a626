"""The hold spool: one file per held message, `<spool dir>/<hold id>.eml`.

Synchronous on purpose (callers run it in a worker thread).  A held message must
survive a power cut once the client got 250, so a file is written to a temporary
name, fsynced, linked to its final name and the directory fsynced: rename/link
alone is atomic but not durable.  Linking (not renaming) never overwrites an
existing hold's file.  Hold ids are checked against `HOLD_ID_PATTERN` before any
path is built, so an id from a mail can never reach outside the spool.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

from gateway.store.base import StoreError
from gateway.store.records import HOLD_ID_PATTERN

_HOLD_ID = re.compile(HOLD_ID_PATTERN)
DIR_MODE = 0o700
FILE_MODE = 0o600


def check_hold_id(hold_id: str) -> str:
    if not isinstance(hold_id, str) or not _HOLD_ID.fullmatch(hold_id):
        raise StoreError(f"{hold_id!r} is not a valid hold id")
    return hold_id


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(directory: Path, *, fix_existing: bool = True) -> None:
    """Create `directory` (and parents) readable by the owner only.  An existing
    directory is tightened to 0700 only with `fix_existing` (our own spool, not a
    directory the operator chose for the database file)."""
    try:
        directory.mkdir(mode=DIR_MODE, parents=True)
    except FileExistsError:
        if not fix_existing:
            return
    if directory.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(directory, DIR_MODE)


class Spool:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, hold_id: str) -> Path:
        return self.directory / f"{check_hold_id(hold_id)}.eml"

    def ensure(self) -> None:
        try:
            ensure_private_dir(self.directory)
        except OSError as exc:
            raise StoreError(f"cannot create the hold spool {self.directory}: {exc}") from exc

    def write(self, hold_id: str, raw: bytes) -> Path:
        """Store `raw` durably under `hold_id`; StoreError if that hold file exists."""
        final = self.path(hold_id)
        tmp = self.directory / f".{hold_id}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                os.fchmod(fd, FILE_MODE)  # whatever the umask
                view = memoryview(raw)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tmp, final)
            finally:
                os.unlink(tmp)
            fsync_dir(self.directory)
        except FileExistsError:
            raise StoreError(f"hold {hold_id} already has a spool file") from None
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise StoreError(f"cannot write held message {final}: {_why(exc)}") from exc
        return final

    def read(self, hold_id: str) -> bytes:
        path = self.path(hold_id)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"held message {hold_id} is not in the spool ({path})") from None
        except OSError as exc:
            raise StoreError(f"cannot read held message {path}: {_why(exc)}") from exc

    def remove(self, hold_id: str) -> bool:
        """Delete the file durably; False if it was not there."""
        path = self.path(hold_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(f"cannot delete held message {path}: {_why(exc)}") from exc
        fsync_dir(self.directory)
        return True

    def strays(self, older_than: float) -> tuple[list[str], list[Path]]:
        """Files last written before `older_than` (a time.time() value): hold ids
        with a spool file, and temporary files a crash left half-written.  The
        caller removes only ids with no hold row (a SIGKILL between the fsync of
        the file and the commit of its hold leaves such a file behind)."""
        ids: list[str] = []
        temps: list[Path] = []
        try:
            entries = list(os.scandir(self.directory))
        except FileNotFoundError:
            return ids, temps
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_mtime >= older_than:
                    continue
            except OSError:
                continue
            name = entry.name
            if name.endswith(".eml") and _HOLD_ID.fullmatch(name[:-4]):
                ids.append(name[:-4])
            elif name.startswith(".") and name.endswith(".tmp"):
                temps.append(Path(entry.path))
        return ids, temps


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there (read-only file system or wrong owner)"
    return exc.strerror or str(exc)
