"""Retention: prune old audit records behind a checkpoint; delete old held bodies.

Two clocks, both in the config:

* `[audit] retain_days` (0 = keep for ever): records older than that are deleted
  and ONE checkpoint record is appended in the same transaction (`Store.prune`).
  It names the pruned id range, the last pruned hash and a SHA-256 over all the
  pruned hashes, so `grace audit verify` still passes and can show what went.
* `[holds] retain_days`: a held message's bytes are deleted that many days after
  its hold ended (released, discarded, superseded, expired), with a PURGED record.
  The hold row and its audit records stay; only the message body goes, and the
  hold is marked purged, so each pass reads only the holds still due
  (`Store.purgeable_holds`, in bounded batches) however many there were before.

`apply_retention` is what `grace audit retain` runs.  The gateway runs the same
steps itself in its hourly lifecycle pass (`gateway.notes.lifecycle`):
`purge_held_messages`, and `prune_audit_if_due`, which prunes from one process
at a time (`Store.try_exclusive`) and only when the records it would delete
still verify.  Nothing here ever touches an open hold's message.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from gateway.audit_events import checkpoint_event
from gateway.config import Settings
from gateway.notes.answers import hold_event
from gateway.store.base import Store, StoreError
from gateway.store.chain import GENESIS, Problem, Verifier, iso
from gateway.store.records import AuditRecord, EventKind, Hold

log = logging.getLogger(__name__)

#: Holds read from the store at a time (the retention passes page through them).
PURGE_BATCH = 500

#: `Store.try_exclusive` name of the gateway's automatic audit pruning.
AUDIT_RETENTION_LOCK = "audit-retention"


@dataclass(frozen=True)
class RetentionPlan:
    """What retention would do at `now` (`--dry-run` prints it; `apply` does it)."""

    now: datetime
    #: Audit records strictly older than this go; None = keep all.
    audit_before: datetime | None
    records: int
    first_id: int | None
    last_id: int | None
    #: Closed holds whose message is still kept and due for deletion (counted, not
    #: listed: after years there may be millions).
    holds_due: int
    holds_before: datetime


@dataclass
class RetentionResult:
    plan: RetentionPlan
    checkpoint: AuditRecord | None = None
    purged: list[str] = field(default_factory=list)


def audit_cutoff(settings: Settings, now: datetime, before: datetime | None = None) -> (
    datetime | None
):
    """An explicit `before` wins; else now - [audit] retain_days; None = keep all."""
    if before is not None:
        return before
    days = settings.audit.retain_days
    return now - timedelta(days=days) if days > 0 else None


def holds_cutoff(settings: Settings, now: datetime) -> datetime:
    """Holds that ended at or before this lose their message."""
    return now - timedelta(days=settings.holds.retain_days)


async def due_holds(store: Store, before: datetime) -> AsyncIterator[Hold]:
    """Every closed, not yet purged hold that ended at or before `before`, oldest
    end first, read in batches of PURGE_BATCH (constant memory)."""
    after: tuple[datetime, str] | None = None
    while True:
        batch = await store.purgeable_holds(before, after=after, limit=PURGE_BATCH)
        for hold in batch:
            yield hold
        if len(batch) < PURGE_BATCH:
            return
        last = batch[-1]
        after = (last.ended_at or before, last.id)


async def plan_retention(
    store: Store, settings: Settings, now: datetime, *, before: datetime | None = None
) -> RetentionPlan:
    cutoff = audit_cutoff(settings, now, before)
    count, first, last = 0, None, None
    if cutoff is not None:
        # Pruning removes the id-ordered prefix before the first record at or after
        # the cutoff (the chain stays one piece), so count that prefix.
        stream = store.records(batch=5000)
        async with contextlib.aclosing(stream):  # type: ignore[type-var]
            async for record in stream:
                if record.time >= cutoff:
                    break
                count += 1
                first = record.id if first is None else first
                last = record.id
    holds_before = holds_cutoff(settings, now)
    due = 0
    stream = due_holds(store, holds_before)
    async with contextlib.aclosing(stream):  # type: ignore[type-var]
        async for _ in stream:
            due += 1
    return RetentionPlan(now, cutoff, count, first, last, due, holds_before)


async def apply_retention(
    store: Store,
    settings: Settings,
    now: datetime,
    *,
    actor: str = "system",
    before: datetime | None = None,
) -> RetentionResult:
    """Prune, then purge, what the plan says; each step is its own durable transaction
    (the checkpoint covers the log as it was before this run's PURGED records)."""
    plan = await plan_retention(store, settings, now, before=before)
    result = RetentionResult(plan)
    if plan.audit_before is not None and plan.records:
        result.checkpoint = await prune_audit(
            store, settings, now, plan.audit_before, actor=actor, explicit=before is not None
        )
    result.purged = await purge_held_messages(store, settings, now, actor=actor,
                                              stop_on_error=True)
    if result.checkpoint or result.purged:
        log.info(
            "retention: %s audit records pruned, %d held messages deleted",
            (result.checkpoint.data().get("extra", {}).get("count") if result.checkpoint
             else 0),
            len(result.purged),
        )
    return result


async def purge_held_messages(
    store: Store,
    settings: Settings,
    now: datetime,
    *,
    actor: str = "system",
    node: str = "",
    limit: int | None = None,
    stop_on_error: bool = False,
) -> list[str]:
    """Delete the message of every closed hold that ended `[holds] retain_days` ago
    or earlier (a PURGED record each); returns their ids.

    `limit`: at most this many in one call (the gateway's pass goes on at its next
    tick, so a large backlog never holds up timeouts and release retries).
    `stop_on_error`: raise the first StoreError (the CLI); else log it and go on
    with the next hold (the gateway: one bad hold must not stop retention)."""
    days = settings.holds.retain_days
    purged: list[str] = []
    stream = due_holds(store, holds_cutoff(settings, now))
    async with contextlib.aclosing(stream):  # type: ignore[type-var]
        async for hold in stream:
            if limit is not None and len(purged) >= limit:
                break
            ended = hold.ended_at or hold.updated_at or hold.created_at
            event = hold_event(
                settings, EventKind.PURGED, hold, now, actor=actor, node=node,
                reason=(
                    f"held message deleted: its hold ended ({hold.state}) at {iso(ended)}, "
                    f"more than {days} days ago ([holds] retain_days = {days}); the hold "
                    "and its audit records stay"
                ),
            )
            try:
                if await store.purge_message(hold.id, event):
                    purged.append(hold.id)
            except StoreError:
                if stop_on_error:
                    raise
                log.exception("hold %s: deleting its held message failed; retried on the "
                              "next retention pass", hold.id)
    return purged


async def prune_audit(
    store: Store,
    settings: Settings,
    now: datetime,
    before: datetime,
    *,
    actor: str = "system",
    node: str = "",
    explicit: bool = False,
) -> AuditRecord | None:
    """Prune audit records older than `before` behind one checkpoint record; the
    store fills the checkpoint's `extra` with the pruned range and its hash."""
    event = checkpoint_event(time=now, retain_days=settings.audit.retain_days, actor=actor,
                             node=node)
    if explicit:
        event = replace(
            event,
            reason=f"records older than {iso(before)} pruned (explicit cut-off)",
            extra={"cutoff": iso(before)},
        )
    return await store.prune(before, event)


async def prune_audit_if_due(
    store: Store, settings: Settings, now: datetime, *, node: str = ""
) -> AuditRecord | None:
    """The gateway's own pruning pass: `[audit] retain_days` applied by one process
    at a time, whichever host it runs on.

    None when retention is off, another process holds the pruning lock, nothing
    is old enough, or the records that would go do not verify: deleting them would
    destroy the evidence of a tampered log, so that is left to a person (logged as
    an error; `grace audit verify` names the record)."""
    cutoff = audit_cutoff(settings, now)
    if cutoff is None or not await store.try_exclusive(AUDIT_RETENTION_LOCK):
        return None
    problem = await prefix_problem(store, cutoff)
    if problem is not None:
        log.error("audit retention: nothing pruned, because the records older than %s do "
                  "not verify (%s); run `grace audit verify`", iso(cutoff), problem)
        return None
    checkpoint = await prune_audit(store, settings, now, cutoff, node=node)
    if checkpoint is not None:
        extra = checkpoint.data().get("extra", {})
        log.info("audit retention: pruned records %s to %s (older than %s) behind checkpoint "
                 "%d", extra.get("first_id"), extra.get("last_id"), iso(cutoff), checkpoint.id)
    return checkpoint


async def prefix_problem(store: Store, before: datetime) -> Problem | None:
    """The first chain problem among the records a prune at `before` would delete
    (and the link from the last of them to the first record kept), or None."""
    verifier: Verifier | None = None
    stream = store.records(batch=5000)
    async with contextlib.aclosing(stream):  # type: ignore[type-var]
        async for record in stream:
            if verifier is None:
                pruned_start = record.id > 1 and record.prev_hash != GENESIS
                verifier = (Verifier(expected_prev=record.prev_hash, expected_id=record.id)
                            if pruned_start else Verifier())
            problem = verifier.feed(record)
            if problem is not None or record.time >= before:
                return problem
    return None
