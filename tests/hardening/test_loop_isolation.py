"""A hostile message does not stall the other sessions: its analysis runs in a worker
process with a time limit ([limits] parse_timeout); past the limit the worker is
replaced and the breach is a recorded decision (hold, per on_breach).  Meanwhile
other clients are served: their mail is answered while the hostile transaction
is still open, and the gateway's event loop keeps answering."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import pytest
from conftest import decisions, wait_until

from .kit import AGENT, CUSTOMER, OTHER_SENDER, RawSMTP, dot_stuff, plain, reply

TIME_LIMIT = 3.0


@pytest.fixture
def slow_gateway(make_gateway, analysis_pool):
    """A gateway on the session's analysis processes, with their time limit cut to
    TIME_LIMIT for this test (the pool reads it per job)."""
    gateway = make_gateway(limits={"parse_timeout": f"{TIME_LIMIT}s"})
    saved, analysis_pool.time_limit = analysis_pool.time_limit, TIME_LIMIT
    try:
        yield gateway
    finally:
        analysis_pool.time_limit = saved


def hostile() -> bytes:
    """Within every cap (6 MB of text < max_decoded_bytes), but seconds of policy work."""
    prose = b"I am sorry for the delay, we will look into it and get back to you soon.\r\n"
    return reply("hostile-load@support.acme.example", prose * (6_000_000 // len(prose)))


def test_other_sessions_are_served_while_a_hostile_message_is_analysed(
        slow_gateway, sink, capsys):
    gateway = slow_gateway
    raw = hostile()
    uploaded = threading.Event()
    outcome: dict = {}

    def send_hostile() -> None:
        with RawSMTP(gateway.port, timeout=120) as client:
            client.cmd("EHLO hostile.test")
            client.cmd(f"MAIL FROM:<{AGENT}>")
            client.cmd(f"RCPT TO:<{CUSTOMER}>")
            client.cmd("DATA")
            client.send(dot_stuff(raw))
            uploaded.set()
            started = time.monotonic()
            outcome["answer"] = client.reply()
            outcome["seconds"] = time.monotonic() - started
            outcome["done_at"] = time.monotonic()

    hostile_thread = threading.Thread(target=send_hostile)
    hostile_thread.start()
    assert uploaded.wait(60)
    time.sleep(0.3)  # the analysis is under way

    def one(i: int) -> tuple[float, float, int]:
        in_scope = i % 4 == 0
        message = (reply(f"ok{i}@support.acme.example", thread=f"t{i}@customer.example")
                   if in_scope else plain(f"other{i}@x"))
        started = time.monotonic()
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO other.test")
            code, _ = client.transaction(message, sender=AGENT if in_scope else OTHER_SENDER)
        return time.monotonic() - started, time.monotonic(), code

    # The event loop's own latency while the hostile analysis runs.
    lags = []
    with concurrent.futures.ThreadPoolExecutor(4) as workers:
        futures = [workers.submit(one, i) for i in range(24)]
        while not all(f.done() for f in futures):
            probe = time.monotonic()
            gateway.call(_nothing())
            lags.append(time.monotonic() - probe)
            time.sleep(0.02)
        results = [f.result() for f in futures]
    hostile_thread.join(120)

    code, text = outcome["answer"]
    others_out = [r for i, r in enumerate(results) if i % 4]
    others_in = [r for i, r in enumerate(results) if i % 4 == 0]
    with capsys.disabled():
        print(f"\n[loop] hostile reply ({len(raw) // 1_000_000} MB text): answered {code} after "
              f"{outcome['seconds']:.1f} s (parse_timeout {TIME_LIMIT:g} s)")
        print(f"[loop] meanwhile {len(others_out)} out-of-scope messages: max "
              f"{max(r[0] for r in others_out) * 1000:.0f} ms; {len(others_in)} in-scope: max "
              f"{max(r[0] for r in others_in) * 1000:.0f} ms; event loop round trip max "
              f"{max(lags) * 1000:.0f} ms over {len(lags)} probes")
    assert code == 250 and "held for review" in text, text
    assert all(r[2] == 250 for r in results)
    # Served while the hostile transaction was still open, not after it.
    assert max(r[1] for r in others_out) < outcome["done_at"]
    assert max(r[0] for r in others_out) < outcome["seconds"] / 2
    records = wait_until(lambda: [r for r in decisions(gateway.settings)
                                  if r["decision"] == "hold"])
    [held] = [r for r in records if r["message_id"].startswith("<hostile-load")]
    assert [f["rule"] for f in held["findings"]] == ["reply.unchecked"]


async def _nothing() -> None:
    return None
