"""Two hosts share one PostgreSQL store: a release one host is forwarding is left to
it by the other host's retry while its lease in the store is live, and finished
by the other host -- once -- after the lease ran out; what the first host
recorded about its forward decides what "finished" means."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import Sink
from store.storekit import T0, PostgresHarness, hold_event, make_hold, raw_message

from gateway.config import HostPort
from gateway.notes.actions import HoldActions
from gateway.relay import NextHop
from gateway.store import Store
from gateway.store.records import EventKind, ForwardStage, HoldState

#: Host A's name on its lease: another host (so it cannot be checked for liveness).
HOST_A = "host-a|a.example|4242|boot-of-host-a"


@pytest.fixture
async def shared(tmp_path: Path) -> AsyncIterator[tuple[PostgresHarness, Sink]]:
    harness = PostgresHarness(tmp_path)
    sink = Sink().start()
    try:
        yield harness, sink
    finally:
        sink.stop()
        await harness.close_all()


async def _host_b(harness: PostgresHarness, sink: Sink):
    settings = harness.settings
    settings = dataclasses.replace(settings, relay=dataclasses.replace(
        settings.relay, next_hop=HostPort("127.0.0.1", sink.port), connect_timeout=5,
        timeout=10))
    next_hop = NextHop(settings.relay.next_hop, helo_name="host-b", connect_timeout=5,
                       timeout=10, pool_size=0)
    store = await harness.new_store()  # host B's own connection pool
    return HoldActions(settings, store, next_hop, node="host-b"), next_hop


async def _released_by_host_a(store: Store, n: int) -> tuple[str, bytes]:
    """A hold whose release host A recorded and whose forward host A leased."""
    raw = raw_message(n)
    hold = make_hold(raw)
    await store.create_hold(hold, raw, hold_event(hold))
    started = T0 + timedelta(minutes=1)
    assert await store.transition(hold.id, (HoldState.HELD,), HoldState.RELEASING,
                                  hold_event(hold, EventKind.RELEASE_REQUESTED, time=started))
    assert await store.claim_forward(hold.id, HOST_A, started, 60)
    return hold.id, raw


async def test_a_live_lease_of_host_a_blocks_host_b_an_expired_one_lets_b_finish(
    shared: tuple[PostgresHarness, Sink],
) -> None:
    harness, sink = shared
    host_a = await harness.new_store()
    hold_id, raw = await _released_by_host_a(host_a, 1)
    host_b, next_hop = await _host_b(harness, sink)
    try:
        started = T0 + timedelta(minutes=1)
        # Host A keeps renewing while its next hop is slow: B leaves it alone.
        soon = started + timedelta(seconds=50)
        assert await host_a.renew_forward(hold_id, HOST_A, soon, 60)
        result = await host_b.finish_release(hold_id, soon + timedelta(seconds=30))
        assert result.outcome == "busy" and "host-a" in result.detail, result
        assert sink.messages == []
        assert (await host_b.store.get_hold(hold_id)).forward_owner == HOST_A

        # Host A stopped renewing (it died, or lost the database): its lease runs out,
        # and nothing it recorded says the next hop got anything, so B sends it, once.
        later = soon + timedelta(seconds=61)
        result = await host_b.finish_release(hold_id, later)
        assert result.ok, result
        assert [m.data for m in sink.wait_for(1)] == [raw]
        done = await host_a.get_hold(hold_id)
        assert (done.state, done.forward_owner, done.next_hop) == (
            HoldState.RELEASED, "", result.detail)
        # Host A comes back and finds it no longer holds the lease: it sends nothing.
        assert not await host_a.mark_forward(hold_id, HOST_A, ForwardStage.DATA, later, 60)
        again = await host_b.finish_release(hold_id, later + timedelta(minutes=5))
        assert again.outcome == "not-held"
        assert len(sink.messages) == 1
    finally:
        await next_hop.close()


async def test_host_b_never_resends_what_host_a_may_have_handed_over(
    shared: tuple[PostgresHarness, Sink],
) -> None:
    harness, sink = shared
    host_a = await harness.new_store()
    data_id, _ = await _released_by_host_a(host_a, 2)
    delivered_id, _ = await _released_by_host_a(host_a, 3)
    started = T0 + timedelta(minutes=1)
    assert await host_a.mark_forward(data_id, HOST_A, ForwardStage.DATA, started, 60)
    assert await host_a.mark_forward(delivered_id, HOST_A, ForwardStage.DELIVERED, started, 60,
                                     "250 2.0.0 Ok: queued as ON-HOST-A")
    host_b, next_hop = await _host_b(harness, sink)
    try:
        later = started + timedelta(minutes=5)
        interrupted = await host_b.finish_release(data_id, later)
        assert interrupted.outcome == "interrupted"
        held = await host_a.get_hold(data_id)
        assert held.state == HoldState.HELD and held.escalated_at == later  # a person decides
        recorded = await host_b.finish_release(delivered_id, later)
        assert recorded.ok and recorded.hold.next_hop == "250 2.0.0 Ok: queued as ON-HOST-A"
        assert sink.messages == []
    finally:
        await next_hop.close()
