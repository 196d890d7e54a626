"""Background sender for the mail the gateway writes itself (review notes, answers).

A hold is answered 250 as soon as the hold and its note are committed to the
store; sending the note is this worker's job, so a slow or failing next hop can
never block a hold.  Items are leased from the store (several gateway processes
share one outbox without sending twice), sent through the next hop with the
envelope they carry (`<>` for notes, RFC 3834), and then marked sent, or failed
with a growing delay before the next try.  After `[notes] max_attempts` the item
is marked failed for good (it stays in the store, audited); nothing is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime, timedelta

from gateway import metrics
from gateway.audit_events import AuditPrivacy, outbox_event
from gateway.config import Settings
from gateway.headers import clean_text, scan_headers
from gateway.relay import NextHop, Outcome, RelayResult
from gateway.store.base import Store
from gateway.store.records import AuditEvent, EventKind, OutboxItem

log = logging.getLogger(__name__)

#: Longest wait between two attempts, whatever the backoff says.
MAX_BACKOFF = 6 * 3600.0


def backoff(base: float, attempts: int) -> float:
    """Delay before attempt `attempts + 1`: base, 2×, 4× ... with ±10 % jitter."""
    delay = min(base * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)
    return delay * random.uniform(0.9, 1.1)


def send_options(item: OutboxItem) -> list[str]:
    options = []
    if not item.raw.isascii():  # C speed; a byte-by-byte loop cost ms per note
        options.append("BODY=8BITMIME")
    if any(not r.isascii() for r in (item.mail_from, *item.rcpt_tos)):
        options.append("SMTPUTF8")
    return options


class OutboxWorker:
    def __init__(
        self,
        store: Store,
        relay: NextHop,
        settings: Settings,
        *,
        node: str,
        batch: int = 20,
        poll_interval: float = 5.0,
        privacy: AuditPrivacy | None = None,
    ) -> None:
        self.store = store
        self.relay = relay
        self.settings = settings
        self.node = node
        self.batch = batch
        self.poll_interval = poll_interval
        self.privacy = privacy or AuditPrivacy.from_settings(settings.audit)
        self.lease_seconds = max(300.0, settings.relay.timeout * 4)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.sent = 0
        self.failed = 0

    def wake(self) -> None:
        """Look at the outbox now (a note was just queued)."""
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox")

    async def stop(self, timeout: float = 10.0) -> None:
        """Let the item being sent finish (bounded); leased items return after the lease."""
        self._stopping = True
        self._wake.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._task, timeout)
        except TimeoutError:
            self._task.cancel()
        except Exception:  # noqa: BLE001
            log.exception("outbox worker ended with an error")

    async def _run(self) -> None:
        while not self._stopping:
            try:
                handled = await self.run_once()
            except Exception:  # noqa: BLE001 - the store may be down: try again later
                log.exception("outbox: could not read the outbox; retrying")
                handled = 0
            if handled >= self.batch:
                continue  # more may be due right now
            try:
                await asyncio.wait_for(self._wake.wait(), self.poll_interval)
            except TimeoutError:
                pass
            self._wake.clear()

    async def run_once(self) -> int:
        """Claim and send the items due now; return how many were handled."""
        now = datetime.now(UTC)
        items = await self.store.claim_outbox(self.node, now, self.batch, self.lease_seconds)
        if not items:
            return 0
        await asyncio.gather(*(self._send(item) for item in items))
        return len(items)

    async def _send(self, item: OutboxItem) -> None:
        result = await self.relay.send(item.mail_from, item.rcpt_tos, item.raw,
                                       send_options(item))
        attempt = item.attempts + 1
        now = datetime.now(UTC)
        if result.outcome == Outcome.DELIVERED:
            event = self._event(EventKind.NOTE_SENT, item, result, attempt, now)
            await self.store.outbox_sent(item.id, event)
            self.sent += 1
            metrics.note_sent()
            log.info("outbox: %s %s sent to %s (%s)", item.kind, item.id,
                     ",".join(item.rcpt_tos), result.reply)
            return
        give_up = attempt >= self.settings.notes.max_attempts
        retry_at = None if give_up else now + timedelta(
            seconds=backoff(self.settings.notes.retry_after, attempt))
        event = self._event(EventKind.NOTE_FAILED, item, result, attempt, now,
                            retry_at=retry_at)
        await self.store.outbox_failed(item.id, result.reply, retry_at, event)
        self.failed += 1
        metrics.note_failed(final=give_up)
        if give_up:
            log.error("outbox: %s %s to %s failed %d times, giving up (kept in the store): %s",
                      item.kind, item.id, ",".join(item.rcpt_tos), attempt, result.reply)
        else:
            log.warning("outbox: %s %s to %s failed (attempt %d), next try at %s: %s",
                        item.kind, item.id, ",".join(item.rcpt_tos), attempt,
                        retry_at.isoformat(timespec="seconds") if retry_at else "-",
                        result.reply)

    def _event(
        self, kind: EventKind, item: OutboxItem, result: RelayResult, attempt: int,
        now: datetime, retry_at: datetime | None = None,
    ) -> AuditEvent:
        # The note answers the reply (In-Reply-To): record the reply's Message-ID so a
        # search by the reply finds its note.
        headers = scan_headers(item.raw, 64 * 1024)
        about = clean_text(headers.get("in-reply-to") or "", 300)
        extra: dict[str, object] = {}
        if kind == EventKind.NOTE_FAILED:
            extra["retry_at"] = retry_at.isoformat() if retry_at else "never (gave up)"
        return outbox_event(
            kind, item, time=now, privacy=self.privacy, message_id=about,
            next_hop=result.reply,
            reason="" if kind == EventKind.NOTE_SENT else result.reply,
            node=self.node, extra=extra,
        )
