"""Two hosts share one PostgreSQL store: a release one host has started is not
forwarded a second time by the other host's retry, unless it was abandoned."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from conftest import Sink
from store.storekit import T0, PostgresHarness, hold_event, make_hold, raw_message

from gateway.config import HostPort
from gateway.notes.actions import HoldActions
from gateway.notes.claims import Claims
from gateway.relay import NextHop
from gateway.store.records import EventKind, HoldState


async def test_retry_leaves_a_fresh_release_to_the_host_that_started_it(tmp_path: Path) -> None:
    harness = PostgresHarness(tmp_path)
    sink = Sink().start()
    try:
        settings = harness.settings
        settings = dataclasses.replace(
            settings, relay=dataclasses.replace(settings.relay, next_hop=HostPort(
                "127.0.0.1", sink.port), connect_timeout=5, timeout=10))
        store = await harness.new_store()
        raw = raw_message(1)
        hold = make_hold(raw)
        await store.create_hold(hold, raw, hold_event(hold))
        # Host A recorded the release intent and is forwarding (its claim file is
        # in A's own state directory, which host B cannot see).
        started = T0 + timedelta(minutes=1)
        intent = hold_event(hold, EventKind.RELEASE_REQUESTED, time=started)
        assert await store.transition(hold.id, (HoldState.HELD,), HoldState.RELEASING, intent,
                                      updated_at=started)

        next_hop = NextHop(settings.relay.next_hop, helo_name="host-b", connect_timeout=5,
                           timeout=10, pool_size=0)
        host_b = HoldActions(settings, store, next_hop, node="host-b",
                             claims=Claims(tmp_path / "host-b" / "forwarding"))
        soon = started + timedelta(seconds=30)
        result = await host_b.finish_release(hold.id, soon, retry=True)
        assert result.outcome == "busy"
        assert sink.messages == []
        assert (await store.get_hold(hold.id)).state == HoldState.RELEASING

        # Long after any forward could still be running, host A is presumed gone.
        later = started + timedelta(hours=1)
        result = await host_b.finish_release(hold.id, later, retry=True)
        assert result.ok, result
        assert [m.data for m in sink.wait_for(1)] == [raw]
        assert (await store.get_hold(hold.id)).state == HoldState.RELEASED
        await next_hop.close()
    finally:
        sink.stop()
        await harness.close_all()
