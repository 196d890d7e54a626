"""Forward claims: who is sending a released hold right now, and how far they got.

A release is "record the intent (hold RELEASING), forward, record the result".
A crash can fall between any two steps, and on restart the gateway must finish
the job without ever sending the customer a second copy.  The store knows the
intent; a claim file in the state dir knows the rest:

* no claim            -> nothing was sent: forward now (exactly once);
* claim by a live process -> someone is forwarding it: leave it alone;
* claim "delivered"   -> the next hop took it, only the record is missing:
                         record RELEASED, do not send again;
* claim "data" by a dead process -> it died while the next hop had (part of)
                         the message: delivery is unknown, so a person decides
                         (at most once beats a duplicate to a customer);
* claim "connecting" by a dead process -> nothing reached the next hop's DATA:
                         forward now.

The claim is taken with O_CREAT|O_EXCL (atomic across the gateway's worker
processes on one host) and every state change is fsynced before the step it
guards.  Gateways on several hosts share holds through PostgreSQL; their state
dirs are separate, so there each node only recovers the claims it owns.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)


class ClaimStage(StrEnum):
    CONNECTING = "connecting"  # MAIL/RCPT: nothing delivered yet
    DATA = "data"  # the message is being handed over: delivery unknown until answered
    DELIVERED = "delivered"  # the next hop said 250; the RELEASED record may be missing


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


_BOOT = _boot_id()


def _alive(pid: int, boot: str) -> bool:
    if boot != _BOOT:
        return False
    if pid == os.getpid():
        return True  # HoldActions tells its own live and stale claims apart
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class ClaimInfo:
    pid: int
    boot: str
    stage: ClaimStage
    reply: str = ""

    @property
    def alive(self) -> bool:
        return _alive(self.pid, self.boot)


class Claims:
    """Claim files under `<state dir>/forwarding/` (blocking I/O: call in a thread)."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory

    def _path(self, hold_id: str) -> Path:
        if not hold_id.isalnum():
            raise ValueError(f"bad hold id {hold_id!r}")
        return self.dir / f"{hold_id}.claim"

    def _write(self, fd: int, info: ClaimInfo) -> None:
        data = json.dumps(
            {"pid": info.pid, "boot": info.boot, "stage": info.stage.value, "reply": info.reply}
        ).encode()
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, data)
        os.fsync(fd)

    def _sync_dir(self) -> None:
        fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self, hold_id: str) -> ClaimInfo | None:
        try:
            data = json.loads(self._path(hold_id).read_bytes() or b"{}")
        except FileNotFoundError:
            return None
        except ValueError:
            # Created but not yet written (or torn by a crash before fsync): the
            # claimant never reached MAIL, let alone DATA.
            return ClaimInfo(pid=-1, boot="", stage=ClaimStage.CONNECTING)
        return ClaimInfo(
            pid=int(data.get("pid", -1)),
            boot=str(data.get("boot", "")),
            stage=ClaimStage(data.get("stage", ClaimStage.CONNECTING.value)),
            reply=str(data.get("reply", "")),
        )

    def acquire(self, hold_id: str) -> bool:
        """Take the claim (stage CONNECTING); False when a claim file exists."""
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(self._path(hold_id), os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        try:
            self._write(fd, ClaimInfo(os.getpid(), _BOOT, ClaimStage.CONNECTING))
        finally:
            os.close(fd)
        self._sync_dir()
        return True

    def take_over(self, hold_id: str) -> bool:
        """Remove a dead process's claim and take a fresh one; False if we lost a race.

        The stale file is renamed away first: only one process's rename can
        succeed, so two recovering workers never both take it over.
        """
        stale = self.dir / f"{hold_id}.claim.stale.{os.getpid()}"
        try:
            os.rename(self._path(hold_id), stale)
        except FileNotFoundError:
            return False
        stale.unlink(missing_ok=True)
        return self.acquire(hold_id)

    def mark(self, hold_id: str, stage: ClaimStage, reply: str = "") -> None:
        fd = os.open(self._path(hold_id), os.O_RDWR)
        try:
            self._write(fd, ClaimInfo(os.getpid(), _BOOT, stage, reply))
        finally:
            os.close(fd)

    def release(self, hold_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(hold_id).unlink()

    def hold_ids(self) -> list[str]:
        if not self.dir.is_dir():
            return []
        return sorted(p.name.removesuffix(".claim") for p in self.dir.glob("*.claim"))
