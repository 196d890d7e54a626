"""The one narrow storage interface behind the audit log, holds, tokens and outbox.

Two backends implement it: SQLite (embedded default, `gateway/store/sqlite.py`)
and PostgreSQL (several gateways, `gateway/store/postgres.py`).  The contract:

* Durability: a method returns only after its changes are durable (SQLite:
  WAL + synchronous=FULL; PostgreSQL: committed).  The SMTP answer 250 is given
  after that, never before.
* Atomicity: every method that takes an `AuditEvent` writes it in the SAME
  transaction as the state change it describes, so the log never says something
  that did not happen, nor misses something that did.
* One chain: audit records form a single gap-free hash chain
  (`gateway/store/chain.py`) even with several processes or nodes appending;
  appends are serialised inside the database (SQLite: BEGIN IMMEDIATE; PostgreSQL:
  the chain-head row locked FOR UPDATE), concurrent callers in one process share
  one commit (group commit).
* Compare-and-set: hold transitions and token use are atomic state changes, so a
  release reaching two nodes at once forwards the message once.
* The release lease: a RELEASING hold is forwarded only by the gateway process
  that holds its lease in the store (`claim_forward`), and how far that forward
  got is recorded in the store before each step (`mark_forward`), so any node --
  on any host -- that takes an abandoned release over knows whether the next hop
  may already have the message.
* Errors: any failure raises `StoreError` (or a subclass); the server answers 451.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime
from typing import Protocol

from gateway.store.records import (
    AuditEvent,
    AuditRecord,
    ChainHead,
    ForwardStage,
    Hold,
    HoldState,
    OutboxItem,
)

#: Schema version this code reads and writes; `grace store migrate` brings older
#: stores up to it, and a store with a newer (unknown) version is refused.
SCHEMA_VERSION = 2


class StoreError(RuntimeError):
    """The store could not do what was asked (down, full, read-only, locked ...)."""


class SchemaError(StoreError):
    """The store's schema is missing, older than this code, or unknown to it."""


class Store(Protocol):
    @property
    def commits(self) -> int:
        """Write transactions this object committed: group commit makes it fewer
        than the write calls (read by tests and benchmarks)."""

    # ------------------------------------------------------------ lifecycle
    async def open(self, *, create: bool = True) -> None:
        """Connect and check the schema.  `create`: create it in an empty store."""

    async def migrate(self) -> tuple[int, int]:
        """Bring the schema to SCHEMA_VERSION; return (from_version, to_version)."""

    async def close(self) -> None: ...

    async def ping(self) -> bool:
        """True when the store answers and accepts writes (for /healthz)."""

    # ------------------------------------------------------------ audit log
    async def append(
        self, events: Sequence[AuditEvent], *, durable: bool = True
    ) -> list[AuditRecord]:
        """Append events to the chain, in order; returns their records.  Committed
        before it returns; `durable=False` lets a backend skip the fsync of this
        commit (it survives a crash of the process, and reaches the disk with the
        next durable commit) -- for records of mail the next hop already has."""

    async def head(self) -> ChainHead | None: ...

    def records(
        self,
        *,
        after_id: int = 0,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 1000,
    ) -> AsyncIterator[AuditRecord]:
        """Stream records in id order in batches (constant memory), from one
        consistent snapshot of the log (a concurrent prune must not show up as a
        gap); `since <= time < until`."""

    async def prune(self, before: datetime, checkpoint: AuditEvent) -> AuditRecord | None:
        """Delete records older than `before` and append `checkpoint` (whose
        `extra` the store fills with the pruned range: first/last id, last hash,
        and the SHA-256 over the pruned records' hashes), in one transaction.

        Only a prefix of the chain is pruned (up to the first record at or after
        `before`), so what remains is still one chain.  `extra` keys: first_id,
        last_id, last_hash, count, pruned_sha256 (`chain.pruned_digest`), before.
        None (nothing written) when nothing is old enough."""

    # ------------------------------------------------------------ holds
    async def create_hold(
        self, hold: Hold, raw: bytes, event: AuditEvent, outbox: Sequence[OutboxItem] = ()
    ) -> AuditRecord:
        """Store the held message bytes, the hold row, its DECISION audit record and
        the note(s) to send, durably and atomically (all or nothing).
        `hold.size` and `hold.sha256` must describe `raw` (ValueError otherwise)."""

    async def get_hold(self, hold_id: str) -> Hold | None: ...

    async def held_message(self, hold_id: str) -> bytes:
        """The held message's exact bytes; StoreError if purged or unknown."""

    async def list_holds(
        self, states: Iterable[HoldState] | None = None, limit: int = 1000
    ) -> list[Hold]: ...

    async def transition(
        self,
        hold_id: str,
        from_states: Iterable[HoldState],
        to_state: HoldState,
        event: AuditEvent,
        outbox: Sequence[OutboxItem] = (),
        **changes: object,
    ) -> AuditRecord | None:
        """Atomically move a hold from one of `from_states` to `to_state`, applying
        `changes` (Hold field names: actor, reason, ended_at, next_hop, escalated_at
        ...) and appending `event`.  Returns None (and writes nothing) when the hold
        is unknown or not in `from_states`.

        Every transition clears the release lease (a new release starts from
        nothing sent); a transition to a closed state sets `ended_at` to the
        event's time unless `changes` give it (retention counts from it)."""

    async def find_thread_holds(self, author: str, message_ids: Iterable[str]) -> list[Hold]:
        """Open holds by `author` whose thread shares a Message-ID with `message_ids`."""

    async def find_holds(self, message_id: str, sha256: str) -> list[Hold]:
        """Holds (any state) of the message with this Message-ID and SHA-256: the
        gateway answers a client's resend of a held message without a second hold."""

    async def due_holds(self, now: datetime) -> list[Hold]:
        """HELD holds whose deadline has passed and that were not escalated yet."""

    async def purge_message(self, hold_id: str, event: AuditEvent) -> bool:
        """Delete a held message's bytes (retention), set the hold's `purged_at` and
        append `event`; the hold row stays.  False (nothing written) when the hold is
        unknown, its bytes are already gone, or it is still open (HELD/RELEASING:
        that would lose mail)."""

    async def sweep_spool(self, min_age_seconds: float = 3600.0) -> int:
        """Delete held-message files older than `min_age_seconds` that belong to no
        hold (a crash between writing the file and committing its hold); returns
        how many.  Backends that keep held bytes in the database have none."""

    async def purgeable_holds(
        self, before: datetime, *, after: tuple[datetime, str] | None = None, limit: int = 500
    ) -> list[Hold]:
        """Closed holds whose bytes are still kept and that ended at or before
        `before`, in (ended_at, id) order, at most `limit` (an index serves it).
        `after`: the (ended_at, id) of the last hold of the previous batch, to page
        on without seeing a hold twice (one that could not be purged, say)."""

    # ------------------------------------------------------------ release lease
    async def claim_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float,
        *, steal_from: str = "",
    ) -> Hold | None:
        """Lease the forward of a RELEASING hold to `node` until now + lease_seconds.

        Granted only when nobody holds a live lease: no owner, or a lease that
        ended before `now`, or the owner is `steal_from` (a process the caller
        knows is dead).  Atomic across processes and hosts: of several callers at
        once, one gets it.  Returns the hold as leased -- its `forward_stage` and
        `forward_reply` say how far an earlier owner got -- or None."""

    async def mark_forward(
        self, hold_id: str, node: str, stage: ForwardStage, now: datetime,
        lease_seconds: float, reply: str = "",
    ) -> bool:
        """Record durably how far `node`'s forward got (DATA before the body goes,
        DELIVERED with the next hop's `reply` after its 250) and extend the lease.
        False (nothing written) when `node` no longer holds the lease (another node
        took it over after it ran out) or the hold is no longer RELEASING."""

    async def renew_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float
    ) -> bool:
        """Extend `node`'s lease to now + lease_seconds (the stage is untouched);
        False when `node` no longer holds it."""

    async def release_forward(self, hold_id: str, node: str) -> bool:
        """Give up `node`'s lease after a forward that handed nothing over (the next
        hop deferred it): stage back to none, so the next claim forwards it again.
        False when `node` did not hold it."""

    # ------------------------------------------------------------ maintenance
    async def try_exclusive(self, name: str) -> bool:
        """Take, or keep, the store-wide lock `name` for this store object until
        `close()`: True while this object holds it, so a periodic job (pruning
        the audit log) runs in one process, whichever host it is on.  Never waits.
        PostgreSQL: a session advisory lock on a connection of its own (released
        when the process dies).  SQLite: always True -- every process on one file
        is on one host, and the gateway already picks one process per state
        directory to run its periodic jobs (the lifecycle lock)."""

    # ------------------------------------------------------------ tokens
    async def use_token(self, token_id: str, event: AuditEvent) -> bool:
        """Mark a release token used (single use across nodes); False if it was."""

    # ------------------------------------------------------------ outbox
    async def enqueue(self, items: Sequence[OutboxItem], event: AuditEvent | None = None) -> None:
        ...

    async def claim_outbox(
        self, node: str, now: datetime, limit: int, lease_seconds: float
    ) -> list[OutboxItem]:
        """Lease up to `limit` PENDING items due at `now` to `node` (no other node
        gets them until the lease ends), oldest first."""

    async def outbox_sent(self, item_id: str, event: AuditEvent) -> None:
        """Mark an item sent.  Its bytes are dropped: a note carries the held
        message, which must not outlive the hold's retention."""

    async def outbox_failed(
        self, item_id: str, error: str, retry_at: datetime | None, event: AuditEvent
    ) -> None:
        """Record a failed attempt; retry_at None = give up (state FAILED)."""
