"""Claim files of schema 1, read once to carry an unfinished release into the store.

Before schema 2, how far a release's forward got lived in a claim file per host
(`<state dir>/forwarding/<hold id>.claim`: pid, boot, stage, reply), which other
hosts could not see.  The release lease in the store replaced them
(`gateway.notes.actions`).  A gateway killed mid-release under the old version
may have left a claim saying "data" (delivery unknown) or "delivered" (the next
hop said 250): on start-up, `adopt_legacy_claims` writes that stage into the
hold's lease, so the release is finished the way the claim says -- never sent
a second time -- and deletes the files.  Claims of a process that still runs
are left alone (an old gateway must be stopped before the upgrade).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from datetime import datetime
from pathlib import Path

from gateway.store.base import Store
from gateway.store.records import ForwardStage, HoldState

log = logging.getLogger(__name__)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _dead(pid: int, boot: str) -> bool:
    """The claim's process no longer runs (or ran before the last boot)."""
    if boot != _boot_id():
        return True
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it runs, as another user
        return False
    return False


def _read_claims(directory: Path) -> list[tuple[Path, dict]]:
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob("*.claim")):
        try:
            data = json.loads(path.read_bytes() or b"{}")
        except ValueError:
            data = {}  # torn by a crash before its first write: nothing was sent
        except OSError:
            continue
        found.append((path, data if isinstance(data, dict) else {}))
    return found


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
    with contextlib.suppress(OSError):
        path.parent.rmdir()  # only once it is empty


async def adopt_legacy_claims(
    directory: Path, store: Store, owner: str, now: datetime, lease_seconds: float
) -> list[str]:
    """Move the stage of every schema-1 claim left by a dead process into its hold's
    lease, held by `owner` (the caller then finishes the release); delete the
    files.  Returns the hold ids whose lease now says data or delivered."""
    adopted: list[str] = []
    for path, data in await asyncio.to_thread(_read_claims, directory):
        hold_id = path.name.removesuffix(".claim")
        try:
            pid, boot = int(data.get("pid", -1)), str(data.get("boot", ""))
        except (TypeError, ValueError):
            pid, boot = -1, ""
        if not _dead(pid, boot):
            continue
        stage = str(data.get("stage", ""))
        hold = await store.get_hold(hold_id) if stage in ("data", "delivered") else None
        if (hold is not None and hold.state == HoldState.RELEASING
                and hold.forward_stage == ForwardStage.NONE
                and await store.claim_forward(hold_id, owner, now, lease_seconds)
                and await store.mark_forward(hold_id, owner, ForwardStage(stage), now,
                                             lease_seconds, str(data.get("reply", "")))):
            log.warning("hold %s: an interrupted release from before the upgrade got as far "
                        "as %s; finishing it from there", hold_id, stage)
            adopted.append(hold_id)
        await asyncio.to_thread(_forget, path)
    return adopted
