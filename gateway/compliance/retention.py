"""Retention: prune old audit records behind a checkpoint; delete old held bodies.

Two clocks, both in the config:

* `[audit] retain_days` (0 = keep for ever): records older than that are deleted
  and ONE checkpoint record is appended in the same transaction (`Store.prune`).
  It names the pruned id range, the last pruned hash and a SHA-256 over all the
  pruned hashes, so `grace audit verify` still passes and can show what went.
* `[holds] retain_days`: a held message's bytes are deleted that many days after
  its hold ended (released, discarded, superseded, expired), with a PURGED record.
  The hold row and its audit records stay; only the message body goes.

`apply_retention` is what `grace audit retain` runs; the gateway can run the same
function on a timer.  It never touches an open hold's message.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from gateway.audit_events import checkpoint_event
from gateway.config import Settings
from gateway.notes.answers import hold_event
from gateway.store.base import Store
from gateway.store.chain import iso
from gateway.store.records import AuditRecord, EventKind, Hold, HoldState

log = logging.getLogger(__name__)

#: Hold states whose message may be deleted once retention has passed.
ENDED_STATES = tuple(s for s in HoldState if not s.open)

#: Upper bound on holds examined in one run (the store returns oldest first).
MAX_HOLDS_PER_RUN = 1_000_000


@dataclass(frozen=True)
class RetentionPlan:
    """What retention would do at `now` (`--dry-run` prints it; `apply` does it)."""

    now: datetime
    #: Audit records strictly older than this go; None = keep all.
    audit_before: datetime | None
    records: int
    first_id: int | None
    last_id: int | None
    #: Ended holds whose message is due for deletion.
    holds: tuple[Hold, ...]
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
    holds_before = now - timedelta(days=settings.holds.retain_days)
    ended = await store.list_holds(ENDED_STATES, limit=MAX_HOLDS_PER_RUN)
    due = tuple(
        h for h in ended
        if (h.ended_at or h.updated_at or h.created_at) <= holds_before
    )
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
    for hold in plan.holds:
        ended = hold.ended_at or hold.updated_at or hold.created_at
        event = hold_event(
            settings,
            EventKind.PURGED,
            hold,
            now,
            actor=actor,
            reason=(
                f"held message deleted: its hold ended ({hold.state}) at {iso(ended)}, more "
                f"than [holds] retain_days = {settings.holds.retain_days} ago; the hold and its "
                "audit records stay"
            ),
        )
        if await store.purge_message(hold.id, event):
            result.purged.append(hold.id)
    if result.checkpoint or result.purged:
        log.info(
            "retention: %s audit records pruned, %d held messages deleted",
            (result.checkpoint.data().get("extra", {}).get("count") if result.checkpoint
             else 0),
            len(result.purged),
        )
    return result


async def prune_audit(
    store: Store,
    settings: Settings,
    now: datetime,
    before: datetime,
    *,
    actor: str = "system",
    explicit: bool = False,
) -> AuditRecord | None:
    """Prune audit records older than `before` behind one checkpoint record.

    The gateway's own timer can call this with `audit_cutoff(settings, now)`; the
    store fills the checkpoint's `extra` with the pruned range and its hash."""
    event = checkpoint_event(time=now, retain_days=settings.audit.retain_days, actor=actor)
    if explicit:
        event = replace(
            event,
            reason=f"records older than {iso(before)} pruned (explicit cut-off)",
            extra={"cutoff": iso(before)},
        )
    return await store.prune(before, event)
