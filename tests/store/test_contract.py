"""The `Store` contract (gateway/store/base.py), run against every backend.

Real files (and, later, a real PostgreSQL): the chain must verify after real
appends and fail, naming the record, after real tampering behind the store's
back; concurrent callers must share commits; several processes must keep one
gap-free chain; holds, tokens and the outbox must be compare-and-set.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest

from gateway.config import load_settings
from gateway.store import SCHEMA_VERSION, SchemaError, Store, StoreError, make_store
from gateway.store.chain import GENESIS, pruned_digest
from gateway.store.records import EventKind, ForwardStage, HoldState
from gateway.store.verify import verify_store

from .storekit import T0, Harness, event, hold_event, later, make_hold, note, raw_message


async def all_records(store: Store, **kw):
    return [r async for r in store.records(**kw)]


# ----------------------------------------------------------------- chain


async def test_append_returns_chained_records_and_verifies(store: Store) -> None:
    first = await store.append([event(1), event(2)])
    more = await store.append([event(3)])
    records = first + more
    assert [r.id for r in records] == [1, 2, 3]
    assert records[0].prev_hash == GENESIS
    assert [r.prev_hash for r in records[1:]] == [r.hash for r in records[:-1]]
    assert (await store.head()).hash == records[-1].hash
    stored = await all_records(store, batch=2)
    assert stored == records
    assert stored[1].data()["message_id"] == "<m2@support.acme.example>"
    report = await verify_store(store)
    assert report.ok and report.count == 3 and report.head.id == 3


async def test_records_filter_by_time_and_resume_after_id(store: Store) -> None:
    await store.append([event(n) for n in range(10)])
    window = await all_records(store, since=T0 + timedelta(seconds=3),
                               until=T0 + timedelta(seconds=6), batch=2)
    assert [r.id for r in window] == [4, 5, 6]
    assert [r.id for r in await all_records(store, after_id=8)] == [9, 10]


async def test_empty_log_verifies(store: Store) -> None:
    report = await verify_store(store)
    assert report.ok and report.count == 0 and report.head is None


def _flip_decision(body: bytes) -> bytes:
    edited = body.replace(b'"decision":"forward"', b'"decision":"fOrward"', 1)
    assert edited != body and len(edited) == len(body)
    return edited


def _flip_hex(value: str) -> str:
    return ("1" if value[10] != "1" else "2").join((value[:10], value[11:]))


TAMPERING = {
    # name: (how, first bad record)
    "one byte of a body": (lambda h: h.update_audit(
        5, "body", _flip_decision(bytes(h.audit_value(5, "body")))), 5),
    "one hex digit of a hash": (lambda h: h.update_audit(
        5, "hash", _flip_hex(h.audit_value(5, "hash"))), 5),
    "one hex digit of a prev hash": (lambda h: h.update_audit(
        5, "prev_hash", _flip_hex(h.audit_value(5, "prev_hash"))), 5),
    "the kind column": (lambda h: h.update_audit(5, "kind", "released"), 5),
    "a record deleted": (lambda h: h.delete_audit(5), 6),
    "two records swapped": (lambda h: h.swap_audit(4, 6), 4),
    "the first record deleted": (lambda h: h.delete_audit(1), 2),
}


@pytest.mark.parametrize("name", list(TAMPERING))
async def test_tampering_is_detected_and_the_first_bad_record_named(
    harness: Harness, store: Store, name: str
) -> None:
    await store.append([event(n) for n in range(1, 9)])
    tamper, bad = TAMPERING[name]
    tamper(harness)
    report = await verify_store(store)
    assert not report.ok
    assert report.problem.record_id == bad, str(report.problem)


async def test_a_witnessed_head_catches_records_cut_off_the_end(
    harness: Harness, store: Store
) -> None:
    await store.append([event(n) for n in range(1, 6)])
    witnessed = await store.head()
    assert (await verify_store(store, witness=witnessed)).ok
    harness.delete_audit(5)
    assert (await verify_store(store)).ok  # nothing inside the chain shows it ...
    report = await verify_store(store, witness=witnessed)
    assert not report.ok and report.problem.record_id == 5  # ... the witness does


async def test_group_commit_shares_commits_between_concurrent_callers(store: Store) -> None:
    before = store.commits
    results = await asyncio.gather(*(store.append([event(n)]) for n in range(200)))
    commits = store.commits - before
    assert sorted(r[0].id for r in results) == list(range(1, 201))
    assert 1 <= commits < 200 // 4, f"{commits} commits for 200 appends"
    assert (await verify_store(store)).count == 200


def _append_in_child(config: str, worker: int, rounds: int) -> None:
    async def run() -> None:
        store = make_store(load_settings(config))
        await store.open()
        try:
            for r in range(rounds):
                await asyncio.gather(*(store.append([event(worker * 1000 + r * 10 + i,
                                                           node=f"w{worker}")])
                                       for i in range(5)))
        finally:
            await store.close()

    asyncio.run(run())


async def test_several_processes_keep_one_gap_free_chain(harness: Harness, store: Store) -> None:
    workers, rounds = 4, 10
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_in_child, args=(str(harness.config_path), w, rounds))
             for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        await asyncio.to_thread(p.join, 120)
    for p in procs:
        if p.is_alive():
            p.kill()
    assert [p.exitcode for p in procs] == [0] * workers
    report = await verify_store(store)
    assert report.ok, str(report.problem)
    assert report.count == workers * rounds * 5 == report.head.id
    nodes = {r.data()["node"] for r in await all_records(store)}
    assert nodes == {f"w{w}" for w in range(workers)}


# ----------------------------------------------------------------- prune


async def test_prune_writes_a_checkpoint_and_the_log_still_verifies(store: Store) -> None:
    appended = await store.append([event(n) for n in range(10)])  # T0 .. T0+9s
    checkpoint = await store.prune(T0 + timedelta(seconds=4), event(100, EventKind.CHECKPOINT,
                                                                    actor="system"))
    extra = checkpoint.data()["extra"]
    assert (extra["first_id"], extra["last_id"], extra["count"]) == (1, 4, 4)
    assert extra["last_hash"] == appended[3].hash
    assert extra["pruned_sha256"] == pruned_digest(r.hash for r in appended[:4])
    assert checkpoint.id == 11 and checkpoint.prev_hash == appended[-1].hash
    remaining = await all_records(store)
    assert [r.id for r in remaining] == [5, 6, 7, 8, 9, 10, 11]
    report = await verify_store(store)
    assert report.ok and report.count == 7 and report.pruned == (1, 4)
    assert await store.prune(T0, event(101, EventKind.CHECKPOINT)) is None  # nothing older

    # prune again, everything: the checkpoint itself vouches for the start
    last = await store.prune(T0 + timedelta(days=1), event(200, EventKind.CHECKPOINT))
    assert [r.id for r in await all_records(store)] == [12]
    assert last.data()["extra"]["first_id"] == 5
    report = await verify_store(store)
    assert report.ok and report.checkpoint.id == 12
    after = await store.append([event(300)])
    assert after[0].id == 13 and (await verify_store(store)).ok


async def test_records_removed_before_a_checkpoint_are_still_detected(
    harness: Harness, store: Store
) -> None:
    await store.append([event(n) for n in range(10)])
    await store.prune(T0 + timedelta(seconds=4), event(100, EventKind.CHECKPOINT))
    harness.delete_audit(5)  # the first record the checkpoint vouches for
    report = await verify_store(store)
    assert not report.ok and report.problem.record_id == 6


async def test_prune_keeps_a_prefix_when_times_are_out_of_order(store: Store) -> None:
    # record 3 was written by a node whose clock is ahead: it stops the prune
    await store.append([event(0), event(1), event(50), event(2), event(3)])
    checkpoint = await store.prune(T0 + timedelta(seconds=10), event(99, EventKind.CHECKPOINT))
    assert checkpoint.data()["extra"]["last_id"] == 2
    assert (await verify_store(store)).ok


async def test_a_stream_reads_one_snapshot_while_the_log_is_pruned(
    store: Store,
) -> None:
    await store.append([event(n) for n in range(10)])
    stream = store.records(batch=3)
    seen = [await anext(stream)]
    await store.prune(datetime(2030, 1, 1, tzinfo=UTC), event(50, EventKind.CHECKPOINT))
    seen += [record async for record in stream]
    assert [r.id for r in seen] == list(range(1, 11))  # the old snapshot, whole
    assert [r.id async for r in store.records()] == [11]  # a new one: pruned


# ----------------------------------------------------------------- holds


async def test_hold_round_trip_with_its_decision_and_note(store: Store) -> None:
    raw = raw_message(1)
    hold = make_hold(raw, thread_ids=("<q1@customer.example>", "<q0@customer.example>"))
    item = note(hold.id)
    record = await store.create_hold(hold, raw, hold_event(hold), [item])
    assert record.data()["hold_id"] == hold.id and record.data()["decision"] == "hold"
    assert await store.get_hold(hold.id) == hold
    assert await store.held_message(hold.id) == raw
    assert await store.list_holds([HoldState.HELD]) == [hold]
    assert await store.list_holds([HoldState.RELEASED]) == []
    found = await store.find_thread_holds("Maria@Support.acme.example", ["q0@customer.example"])
    assert [h.id for h in found] == [hold.id]
    assert await store.find_thread_holds("someone@else.example", ["<q0@customer.example>"]) == []
    claimed = await store.claim_outbox("n1", T0, 10, 60)
    assert [c.id for c in claimed] == [item.id] and claimed[0].raw == item.raw


async def test_create_hold_is_all_or_nothing(store: Store) -> None:
    raw = raw_message(2)
    first = make_hold(raw)
    item = note(first.id)
    await store.create_hold(first, raw, hold_event(first), [item])
    second = make_hold(raw)
    with pytest.raises(StoreError):  # the outbox id is taken: the whole hold fails
        await store.create_hold(second, raw, hold_event(second), [item])
    assert await store.get_hold(second.id) is None
    with pytest.raises(StoreError):
        await store.held_message(second.id)
    assert [r.data().get("hold_id") for r in await all_records(store)] == [first.id]


async def test_create_hold_checks_that_size_and_digest_describe_the_bytes(store: Store) -> None:
    raw = raw_message(3)
    with pytest.raises(ValueError, match="sha256"):
        await store.create_hold(make_hold(raw, sha256="0" * 64), raw, event(0))


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "h" + "a" * 23 + "/", "H" + "a" * 24,
                                    "", "h" + "a" * 25, "haaaaaaaaaaaaaaaaaaaaaaa1"])
async def test_invalid_hold_ids_never_reach_the_file_system(store: Store, bad_id: str) -> None:
    raw = raw_message(4)
    with pytest.raises(StoreError, match="not a valid hold id"):
        await store.create_hold(make_hold(raw, id=bad_id), raw, event(0))
    with pytest.raises(StoreError, match="not a valid hold id"):
        await store.held_message(bad_id)
    with pytest.raises(StoreError, match="not a valid hold id"):
        await store.purge_message(bad_id, event(0, EventKind.PURGED))
    assert await store.get_hold(bad_id) is None
    assert await store.transition(bad_id, [HoldState.HELD], HoldState.RELEASING,
                                  event(0, EventKind.RELEASE_REQUESTED)) is None
    assert await store.head() is None


async def test_concurrent_releases_exactly_one_wins(harness: Harness, store: Store) -> None:
    other_node = await harness.new_store()
    raw = raw_message(5)
    holds = [make_hold(raw) for _ in range(5)]
    for hold in holds:
        await store.create_hold(hold, raw, hold_event(hold))
    attempts = [
        s.transition(h.id, [HoldState.HELD], HoldState.RELEASING,
                     hold_event(h, EventKind.RELEASE_REQUESTED, actor=f"node{i}"),
                     actor=f"node{i}")
        for h in holds for i, s in enumerate([store, store, other_node, other_node])
    ]
    results = await asyncio.gather(*attempts)
    for n, hold in enumerate(holds):
        winners = [r for r in results[n * 4:(n + 1) * 4] if r is not None]
        assert len(winners) == 1
        stored = await store.get_hold(hold.id)
        assert stored.state == HoldState.RELEASING
        assert stored.actor == winners[0].data()["actor"]
    requested = [r for r in await all_records(store) if r.kind == EventKind.RELEASE_REQUESTED]
    assert len(requested) == len(holds)
    assert (await verify_store(store)).ok


async def test_transition_applies_changes_and_refuses_unknown_fields(store: Store) -> None:
    raw = raw_message(6)
    hold = make_hold(raw)
    await store.create_hold(hold, raw, hold_event(hold))
    with pytest.raises(ValueError, match="sha256"):
        await store.transition(hold.id, [HoldState.HELD], HoldState.RELEASED,
                               event(1, EventKind.RELEASED), sha256="x")
    ended = T0 + timedelta(minutes=5)
    record = await store.transition(
        hold.id, [HoldState.HELD], HoldState.RELEASED,
        hold_event(hold, EventKind.RELEASED, time=ended), [note(hold.id)],
        ended_at=ended, actor="maria@support.acme.example", next_hop="250 2.0.0 Ok",
    )
    assert record.kind == EventKind.RELEASED
    stored = await store.get_hold(hold.id)
    assert (stored.state, stored.ended_at, stored.updated_at) == (HoldState.RELEASED, ended, ended)
    assert stored.next_hop == "250 2.0.0 Ok"
    assert await store.transition(hold.id, [HoldState.HELD], HoldState.DISCARDED,
                                  event(2, EventKind.DISCARDED)) is None
    assert await store.find_thread_holds(hold.author, hold.thread_ids) == []  # not open


async def test_due_holds_are_held_past_deadline_and_not_escalated(store: Store) -> None:
    raw = raw_message(7)
    early = make_hold(raw, deadline=T0 + timedelta(minutes=10))
    late = make_hold(raw, deadline=T0 + timedelta(hours=5))
    for hold in (early, late):
        await store.create_hold(hold, raw, hold_event(hold))
    now = T0 + timedelta(hours=1)
    assert [h.id for h in await store.due_holds(now)] == [early.id]
    await store.transition(early.id, [HoldState.HELD], HoldState.HELD,
                           hold_event(early, EventKind.ESCALATED), escalated_at=now)
    assert await store.due_holds(now) == []


async def test_purge_deletes_the_bytes_of_ended_holds_only(store: Store) -> None:
    raw = raw_message(8)
    hold = make_hold(raw)
    await store.create_hold(hold, raw, hold_event(hold))
    purge = hold_event(hold, EventKind.PURGED, actor="system")
    assert await store.purge_message(hold.id, purge) is False  # still held: never lose mail
    assert await store.held_message(hold.id) == raw
    await store.transition(hold.id, [HoldState.HELD], HoldState.DISCARDED,
                           hold_event(hold, EventKind.DISCARDED))
    assert await store.purge_message(hold.id, purge) is True
    with pytest.raises(StoreError, match="deleted"):
        await store.held_message(hold.id)
    assert await store.purge_message(hold.id, purge) is False
    kinds = [r.kind for r in await all_records(store)]
    assert kinds == [EventKind.DECISION, EventKind.DISCARDED, EventKind.PURGED]
    assert (await store.get_hold(hold.id)).state == HoldState.DISCARDED


# ----------------------------------------------------------------- tokens


async def test_a_token_is_used_once_across_nodes(harness: Harness, store: Store) -> None:
    other_node = await harness.new_store()
    uses = [s.use_token("f7token", event(i, EventKind.FALSE_POSITIVE, actor=f"n{i}"))
            for i, s in enumerate([store, other_node] * 4)]
    assert sorted(await asyncio.gather(*uses)) == [False] * 7 + [True]
    assert await store.use_token("another", event(9, EventKind.FALSE_POSITIVE)) is True
    kinds = [r.kind for r in await all_records(store)]
    assert kinds == [EventKind.FALSE_POSITIVE] * 2


# ----------------------------------------------------------------- outbox


async def test_outbox_claim_lease_retry_sent_and_failed(harness: Harness, store: Store) -> None:
    other_node = await harness.new_store()
    first, second, future = note(n=1), note(n=2), later(note(n=3), 3600)
    await store.enqueue([first, second, future], event(0, EventKind.DECISION))
    now = T0 + timedelta(seconds=10)

    claimed = await store.claim_outbox("node-a", now, 1, lease_seconds=60)
    assert [c.id for c in claimed] == [first.id]  # oldest first
    assert claimed[0].lease_owner == "node-a" and claimed[0].lease_until == now + timedelta(
        seconds=60)
    both = await asyncio.gather(store.claim_outbox("node-a", now, 10, 60),
                                other_node.claim_outbox("node-b", now, 10, 60))
    assert sorted(c.id for batch in both for c in batch) == [second.id]  # leased once
    assert await store.claim_outbox("node-c", now + timedelta(seconds=30), 10, 60) == []
    # node-a died: its lease runs out and another node takes the item
    retaken = await other_node.claim_outbox("node-b", now + timedelta(seconds=61), 10, 60)

    assert sorted(c.id for c in retaken) == sorted([first.id, second.id])
    await store.outbox_failed(second.id, "550 no such user", None,  # gave up: FAILED
                              event(1, EventKind.NOTE_FAILED))
    retry_at = now + timedelta(minutes=5)
    await store.outbox_failed(first.id, "451 4.3.0 try later", retry_at,
                              event(2, EventKind.NOTE_FAILED))
    assert await store.claim_outbox("n", now + timedelta(minutes=4), 10, 60) == []
    again = await store.claim_outbox("n", retry_at, 10, 60)
    assert [(c.id, c.attempts, c.last_error) for c in again] == [
        (first.id, 1, "451 4.3.0 try later")]
    await store.outbox_sent(first.id, event(3, EventKind.NOTE_SENT))
    late = T0 + timedelta(days=1)
    assert [c.id for c in await store.claim_outbox("n", late, 10, 60)] == [future.id]
    with pytest.raises(StoreError, match="no outbox item"):
        await store.outbox_sent("o-unknown", event(4, EventKind.NOTE_SENT))
    kinds = [r.kind for r in await all_records(store)]
    assert kinds == [EventKind.DECISION, EventKind.NOTE_FAILED, EventKind.NOTE_FAILED,
                     EventKind.NOTE_SENT]


# ----------------------------------------------------------------- lifecycle


async def test_ping_says_the_store_accepts_writes(store: Store) -> None:
    assert await store.ping() is True


async def test_a_newer_schema_is_refused_with_a_clear_message(
    harness: Harness, store: Store
) -> None:
    await store.append([event(1)])
    harness.set_schema_version(SCHEMA_VERSION + 7)
    newer = await harness.new_store(open_it=False)
    with pytest.raises(SchemaError, match=rf"newer Grace Gateway \(schema {SCHEMA_VERSION + 7}\)"
                                          rf".*knows up to schema {SCHEMA_VERSION}"):
        await newer.open()
    with pytest.raises(SchemaError, match="newer"):
        await newer.migrate()


# ----------------------------------------------------------------- release lease


async def _releasing(store: Store, n: int = 20):
    raw = raw_message(n)
    hold = make_hold(raw)
    await store.create_hold(hold, raw, hold_event(hold))
    assert await store.transition(hold.id, [HoldState.HELD], HoldState.RELEASING,
                                  hold_event(hold, EventKind.RELEASE_REQUESTED))
    return hold


async def test_the_release_lease_goes_to_one_node_and_to_another_once_it_runs_out(
    harness: Harness, store: Store
) -> None:
    other_node = await harness.new_store()
    raw = raw_message(21)
    held = make_hold(raw)
    await store.create_hold(held, raw, hold_event(held))
    now = T0 + timedelta(minutes=1)
    assert await store.claim_forward(held.id, "a", now, 60) is None  # HELD: nothing to send
    hold = await _releasing(store)

    claims = await asyncio.gather(*(s.claim_forward(hold.id, name, now, 60)
                                    for s, name in [(store, "a"), (other_node, "b")] * 3))
    winners = [c for c in claims if c is not None]
    assert len(winners) == 1
    owner = winners[0].forward_owner
    loser_store, loser = (other_node, "b") if owner == "a" else (store, "a")
    assert (winners[0].forward_stage, winners[0].lease_until) == (
        ForwardStage.NONE, now + timedelta(seconds=60))
    seen = await loser_store.get_hold(hold.id)  # every node sees who forwards it
    assert (seen.forward_owner, seen.lease_until) == (owner, now + timedelta(seconds=60))

    assert await loser_store.claim_forward(hold.id, loser, now + timedelta(seconds=59), 60) \
        is None  # live lease
    assert await loser_store.claim_forward(hold.id, loser, now + timedelta(seconds=30), 60,
                                           steal_from="someone-else") is None
    taken = await loser_store.claim_forward(hold.id, loser, now + timedelta(seconds=61), 60)
    assert taken is not None and taken.forward_owner == loser  # ran out: taken over
    # The old owner learns it before it would send anything.
    assert await store.mark_forward(hold.id, owner, ForwardStage.DATA,
                                    now + timedelta(seconds=62), 60) is False
    assert await store.renew_forward(hold.id, owner, now + timedelta(seconds=62), 60) is False
    assert await store.release_forward(hold.id, owner) is False
    # A caller that knows the holder is dead takes a live lease over at once.
    stolen = await store.claim_forward(hold.id, "c", now + timedelta(seconds=63), 60,
                                       steal_from=loser)
    assert stolen is not None and stolen.forward_owner == "c"
    assert [r.kind for r in await all_records(store)] == [
        EventKind.DECISION, EventKind.DECISION, EventKind.RELEASE_REQUESTED]  # no records


async def test_the_forward_stage_is_recorded_for_whoever_takes_over(
    harness: Harness, store: Store
) -> None:
    other_node = await harness.new_store()
    hold = await _releasing(store)
    now = T0 + timedelta(minutes=1)
    assert await store.claim_forward(hold.id, "a", now, 60)
    assert await store.mark_forward(hold.id, "a", ForwardStage.DATA,
                                    now + timedelta(seconds=50), 60)  # extends the lease
    assert await other_node.claim_forward(hold.id, "b", now + timedelta(seconds=100), 60) is None
    seen = await other_node.get_hold(hold.id)
    assert (seen.forward_stage, seen.lease_until) == (
        ForwardStage.DATA, now + timedelta(seconds=110))
    assert await store.renew_forward(hold.id, "a", now + timedelta(seconds=100), 60)
    assert (await other_node.get_hold(hold.id)).forward_stage == ForwardStage.DATA  # untouched
    assert await store.mark_forward(hold.id, "a", ForwardStage.DELIVERED,
                                    now + timedelta(seconds=101), 60, "250 2.0.0 Ok: queued")
    later = now + timedelta(seconds=200)
    taken = await other_node.claim_forward(hold.id, "b", later, 60)
    assert (taken.forward_owner, taken.forward_stage, taken.forward_reply) == (
        "b", ForwardStage.DELIVERED, "250 2.0.0 Ok: queued")
    with pytest.raises(ValueError, match="owner"):
        await store.claim_forward(hold.id, "", later, 60)


async def test_giving_the_lease_up_means_nothing_was_sent(store: Store) -> None:
    hold = await _releasing(store)
    now = T0 + timedelta(minutes=1)
    assert await store.claim_forward(hold.id, "a", now, 60)
    assert await store.mark_forward(hold.id, "a", ForwardStage.DATA, now, 60)
    assert await store.release_forward(hold.id, "b") is False  # not b's to give up
    assert await store.release_forward(hold.id, "a") is True
    stored = await store.get_hold(hold.id)
    assert (stored.state, stored.forward_owner, stored.forward_stage, stored.lease_until) == (
        HoldState.RELEASING, "", ForwardStage.NONE, None)
    assert (await store.claim_forward(hold.id, "b", now, 60)).forward_stage == ForwardStage.NONE


async def test_transitions_clear_the_lease_and_closing_a_hold_sets_its_end(store: Store) -> None:
    hold = await _releasing(store)
    now = T0 + timedelta(minutes=1)
    await store.claim_forward(hold.id, "a", now, 60)
    await store.mark_forward(hold.id, "a", ForwardStage.DATA, now, 60)
    with pytest.raises(ValueError, match="forward_stage"):
        await store.transition(hold.id, [HoldState.RELEASING], HoldState.HELD,
                               hold_event(hold, EventKind.ESCALATED),
                               forward_stage=ForwardStage.NONE)
    with pytest.raises(ValueError, match="purged_at"):
        await store.transition(hold.id, [HoldState.RELEASING], HoldState.HELD,
                               hold_event(hold, EventKind.ESCALATED), purged_at=now)
    # Interrupted: back to a person; the next release starts from nothing sent.
    assert await store.transition(hold.id, [HoldState.RELEASING], HoldState.HELD,
                                  hold_event(hold, EventKind.ESCALATED))
    back = await store.get_hold(hold.id)
    assert (back.forward_owner, back.forward_stage, back.lease_until) == (
        "", ForwardStage.NONE, None)
    assert back.ended_at is None  # open again
    assert await store.mark_forward(hold.id, "a", ForwardStage.DATA, now, 60) is False
    assert await store.transition(hold.id, [HoldState.HELD], HoldState.RELEASING,
                                  hold_event(hold, EventKind.RELEASE_REQUESTED))
    assert (await store.claim_forward(hold.id, "b", now, 60)).forward_stage == ForwardStage.NONE
    ended = T0 + timedelta(minutes=7)
    assert await store.transition(hold.id, [HoldState.RELEASING], HoldState.RELEASED,
                                  hold_event(hold, EventKind.RELEASED, time=ended))
    closed = await store.get_hold(hold.id)
    assert (closed.ended_at, closed.forward_owner) == (ended, "")  # retention counts from it


# ----------------------------------------------------------------- retention


async def test_purgeable_holds_reach_every_closed_hold_in_batches(store: Store) -> None:
    """More closed holds than one batch, most of them long purged: each call pages on
    to the next ones due, and purged holds never come back."""
    ends = {}
    for n in range(13):
        raw = raw_message(100 + n)
        hold = make_hold(raw)
        await store.create_hold(hold, raw, hold_event(hold))
        ended = T0 + timedelta(hours=n % 5, minutes=n)  # out of creation order
        assert await store.transition(hold.id, [HoldState.HELD], HoldState.DISCARDED,
                                      hold_event(hold, EventKind.DISCARDED, time=ended),
                                      ended_at=ended)
        ends[hold.id] = ended
    open_hold = await _releasing(store, 140)
    kept_raw = raw_message(141)
    kept = make_hold(kept_raw)
    await store.create_hold(kept, kept_raw, hold_event(kept))
    cutoff = T0 + timedelta(hours=3, minutes=30)
    due = sorted((e, i) for i, e in ends.items() if e <= cutoff)
    assert 6 < len(due) < 13

    pages, after = [], None
    while True:
        page = await store.purgeable_holds(cutoff, after=after, limit=3)
        pages.append([h.id for h in page])
        if len(page) < 3:
            break
        after = (page[-1].ended_at, page[-1].id)
    assert [i for page in pages for i in page] == [i for _, i in due]
    assert all(len(page) <= 3 for page in pages)
    assert open_hold.id not in sum(pages, []) and kept.id not in sum(pages, [])

    first = due[0][1]
    assert await store.purge_message(first, event(0, EventKind.PURGED, hold_id=first))
    assert (await store.get_hold(first)).purged_at == T0
    rest = await store.purgeable_holds(cutoff, limit=100)
    assert [h.id for h in rest] == [i for _, i in due[1:]]
    for hold in rest:
        assert await store.purge_message(hold.id, event(1, EventKind.PURGED, hold_id=hold.id))
    assert await store.purgeable_holds(cutoff) == []
    later = await store.purgeable_holds(T0 + timedelta(days=1))
    assert sorted(h.id for h in later) == sorted(i for i, e in ends.items() if e > cutoff)


async def test_one_store_object_at_a_time_holds_an_exclusive_lock(
    harness: Harness, store: Store
) -> None:
    assert await store.try_exclusive("audit-retention") is True
    assert await store.try_exclusive("audit-retention") is True  # kept, not re-taken
    other_node = await harness.new_store()
    if harness.name == "postgresql":  # SQLite: one host; the lifecycle lock picks one
        assert await other_node.try_exclusive("audit-retention") is False
        assert await other_node.try_exclusive("another-job") is True
        await store.close()  # the holder stops: the lock is free
        assert await other_node.try_exclusive("audit-retention") is True
    else:
        assert await other_node.try_exclusive("audit-retention") is True
