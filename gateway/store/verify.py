"""Verify the whole audit chain through the `Store` interface (any backend).

One pass over one snapshot (`Store.records`), constant memory.  A log that was
pruned starts at record F > 1 whose prev hash is a pruned record's hash; that
start is accepted only when a CHECKPOINT record later in the chain says records
up to F-1 were pruned and names that hash.  A log whose start nobody vouches
for had its first records removed.

The first bad record is named: when a later record is also bad, the scan goes
on to the end only to learn whether the start is vouched for.  A head witnessed
earlier (`grace audit head`, pasted elsewhere) can be checked too: it must still
be in the chain with the same hash, which also catches records cut off the end.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

from gateway.store.base import Store
from gateway.store.chain import GENESIS, Problem, Verifier
from gateway.store.records import AuditRecord, ChainHead, EventKind


@dataclass(frozen=True)
class ChainReport:
    #: Records read and verified up to the first problem (all of them when ok).
    count: int
    #: The last verified record (the log's head when ok).
    head: ChainHead | None
    problem: Problem | None
    #: The checkpoint that vouches for a pruned start, if the log was pruned.
    checkpoint: AuditRecord | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def pruned(self) -> tuple[int, int] | None:
        """(first_id, last_id) of the pruned records the start's checkpoint names."""
        if self.checkpoint is None:
            return None
        extra = self.checkpoint.data().get("extra", {})
        return extra.get("first_id"), extra.get("last_id")


def _vouches(record: AuditRecord, first: AuditRecord) -> bool:
    if record.kind != EventKind.CHECKPOINT:
        return False
    try:
        extra = json.loads(record.body).get("extra", {})
    except (ValueError, AttributeError):
        return False
    return extra.get("last_id") == first.id - 1 and extra.get("last_hash") == first.prev_hash


def _witness_problem(record: AuditRecord, witness: ChainHead | None) -> Problem | None:
    if witness is not None and record.id == witness.id and record.hash != witness.hash:
        return Problem(record.id, f"hash differs from the witnessed head {witness.hash}")
    return None


async def verify_store(
    store: Store, *, witness: ChainHead | None = None, batch: int = 1000
) -> ChainReport:
    """Check hashes, links, id continuity and the pruning checkpoint of the log."""
    first: AuditRecord | None = None
    verifier = Verifier()
    problem: Problem | None = None
    checkpoint: AuditRecord | None = None
    needs_voucher = False
    verified = 0
    stream = store.records(batch=batch)
    async with contextlib.aclosing(stream):  # type: ignore[type-var]
        async for record in stream:
            if first is None:
                first = record
                needs_voucher = record.id > 1 and record.prev_hash != GENESIS
                if needs_voucher:
                    verifier = Verifier(expected_prev=record.prev_hash, expected_id=record.id)
            if needs_voucher and checkpoint is None and _vouches(record, first):
                checkpoint = record
            if problem is None:
                problem = verifier.feed(record) or _witness_problem(record, witness)
                verified += problem is None
            if problem is not None and (not needs_voucher or checkpoint is not None):
                break
    if first is not None and needs_voucher and checkpoint is None:
        problem = Problem(
            first.id,
            f"records before {first.id} are missing and no pruning checkpoint accounts "
            "for them (removed?)",
        )
    last = verifier.last
    head = ChainHead(last.id, last.hash) if last else None
    last_id = head.id if head else 0
    if problem is None and witness is not None and witness.id > last_id:
        problem = Problem(
            witness.id,
            f"the witnessed head is missing: the log ends at record {last_id} "
            "(records removed from the end)",
        )
    return ChainReport(verified, head, problem, checkpoint)
