"""The notes package wired together for the gateway process.

`NotesService` is what `gateway.runner.load_hooks` gets from
`gateway.notes.control.make_control`: the control-mail handler (`handle`), the
after-forward hook (`after_forward`, the fix path), and the lifecycle
(`start` = crash recovery + the periodic `tick`, `stop`).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime

from gateway.config import Settings
from gateway.notes.actions import HoldActions, NextHopSender
from gateway.notes.compose import message_ids
from gateway.notes.control import MailControl
from gateway.notes.lifecycle import HoldLifecycle, TickReport
from gateway.notes.tokens import TokenSigner
from gateway.pipeline import Analysis
from gateway.store.base import Store
from gateway.store.records import Hold

log = logging.getLogger(__name__)

#: Seconds between two lifecycle ticks (timeouts, release retries, retention).
TICK_INTERVAL = 15.0


class NotesService:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        relay: NextHopSender,
        *,
        node: str = "",
        signer: TokenSigner | None = None,
        wake_outbox: Callable[[], None] | None = None,
        tick_interval: float = TICK_INTERVAL,
    ) -> None:
        self.settings = settings
        self.store = store
        self.signer = signer or TokenSigner.from_settings(settings)
        self.actions = HoldActions(settings, store, relay, node=node, wake_outbox=wake_outbox)
        self.control = MailControl(settings, store, self.actions, self.signer, node=node)
        self.lifecycle = HoldLifecycle(settings, store, self.actions, self.signer, node=node)
        self.tick_interval = tick_interval
        self._task: asyncio.Task[None] | None = None
        self._lock_fd: int | None = None

    @property
    def wake_outbox(self) -> Callable[[], None] | None:
        return self.actions.wake_outbox

    @wake_outbox.setter
    def wake_outbox(self, wake: Callable[[], None] | None) -> None:
        self.actions.wake_outbox = wake

    # ------------------------------------------------------------------ hooks
    async def handle(self, incoming: object) -> str:
        return await self.control.handle(incoming)

    def is_control_address(self, address: str) -> bool:
        return self.control.is_control_address(address)

    async def after_forward(self, analysis: Analysis, now: datetime | None = None) -> list[Hold]:
        """The fix path: a forwarded reply supersedes the author's held ones in its thread."""
        return await self._supersede(analysis, now or datetime.now(UTC), exclude="")

    async def after_hold(
        self, analysis: Analysis, hold: Hold, now: datetime | None = None
    ) -> list[Hold]:
        """A newer held version also replaces the older held one (one copy per thread)."""
        return await self._supersede(analysis, now or datetime.now(UTC), exclude=hold.id)

    async def _supersede(self, analysis: Analysis, now: datetime, exclude: str) -> list[Hold]:
        headers = analysis.headers
        thread = []
        for name in ("in-reply-to", "references"):
            for value in headers.get_all(name):
                thread.extend(message_ids(value, 100))
        new_id = (message_ids(headers.get("message-id"), 1) or [""])[0]
        return await self.actions.supersede(
            analysis.scope.sender, list(dict.fromkeys(thread)), new_message_id=new_id,
            now=now, exclude=exclude,
        )

    # ------------------------------------------------------------------ lifecycle
    async def tick(self, now: datetime | None = None) -> TickReport:
        return await self.lifecycle.tick(now or datetime.now(UTC))

    async def start(self) -> None:
        """Recover unfinished releases, then tick every `tick_interval` seconds."""
        await self.lifecycle.start(datetime.now(UTC))
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="grace-hold-lifecycle")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.tick_interval)
            try:
                if await asyncio.to_thread(self._ticker_lock):
                    await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the next tick tries again
                log.exception("hold lifecycle tick failed")

    def _ticker_lock(self) -> bool:
        """One ticking process per state dir (workers share it): flock, kept while alive.

        Two workers escalating the same overdue hold would send the reviewers two
        notes; the kernel drops the lock when its holder dies, and another worker
        takes over at its next tick.
        """
        if self._lock_fd is not None:
            return True
        path = self.settings.state.dir / "lifecycle.lock"
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None
