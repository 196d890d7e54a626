"""A held message sent again (our 250 was lost, so the client retries) is answered
250 without a second hold or note, and audited as a `duplicate` decision.  Only
the very same message counts: same Message-ID, same bytes, same envelope."""

from __future__ import annotations

import threading
import time

from conftest import decisions, wait_until

from gateway.cli import main as grace
from gateway.store.records import HoldState

from .kit import AGENT, CUSTOMER, EMPTY_BODY, RawSMTP, reply


def held(tag: str, body: bytes = EMPTY_BODY) -> bytes:
    return reply(f"{tag}@support.acme.example", body, thread=f"{tag}-q@customer.example")


def send(port: int, raw: bytes, rcpts=(CUSTOMER,)) -> tuple[int, str]:
    with RawSMTP(port) as client:
        client.cmd("EHLO client.test")
        return client.transaction(raw, rcpts=rcpts)


def holds_of(gateway):
    return gateway.call(gateway.server.store.list_holds())


def test_the_same_held_message_again_is_not_held_twice(make_gateway, sink):
    gateway = make_gateway()
    raw = held("again")
    code, first = send(gateway.port, raw)
    assert code == 250 and "held for review" in first
    [hold] = holds_of(gateway)
    code, second = send(gateway.port, raw)
    assert code == 250 and f"already held for review as {hold.id}" in second
    assert holds_of(gateway) == [hold]
    records = wait_until(lambda: len(decisions(gateway.settings)) == 2
                         and decisions(gateway.settings))
    assert [r["decision"] for r in records] == ["hold", "duplicate"]
    assert records[1]["hold_id"] == hold.id and "sent it again" in records[1]["reason"]
    wait_until(lambda: sink.to(AGENT), timeout=20)
    time.sleep(1.5)  # time for a second note, if there were one
    assert len(sink.to(AGENT)) == 1  # one review note
    assert sink.to(CUSTOMER) == []


def test_two_copies_at_once_make_one_hold(make_gateway, sink):
    gateway = make_gateway()
    raw = held("twins")
    answers: list[tuple[int, str]] = []
    threads = [threading.Thread(target=lambda: answers.append(send(gateway.port, raw)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [code for code, _ in answers] == [250, 250, 250]
    assert len(holds_of(gateway)) == 1
    assert sum("already held" in text for _, text in answers) == 2


def test_a_changed_message_or_envelope_is_a_new_hold(make_gateway, sink):
    gateway = make_gateway()
    raw = held("variant")
    assert send(gateway.port, raw)[0] == 250
    # Same Message-ID, other bytes (an edited copy): judged again.
    assert "already" not in send(gateway.port, held("variant", b"\r\n\r\n"))[1]
    # Same bytes, one more recipient: another transaction.
    answer = send(gateway.port, raw, rcpts=(CUSTOMER, "sam@customer.example"))[1]
    assert "already" not in answer
    assert len(holds_of(gateway)) == 3


def test_a_resend_after_the_hold_was_discarded_is_not_held_again(make_gateway, sink):
    gateway = make_gateway()
    raw = held("discarded")
    assert send(gateway.port, raw)[0] == 250
    [hold] = holds_of(gateway)
    assert grace(["held", "discard", hold.id, "--reason", "not needed", "--config",
                  gateway.settings.source]) == 0
    code, text = send(gateway.port, raw)
    assert code == 250 and f"already held for review as {hold.id}" in text
    [after] = holds_of(gateway)
    assert after.state == HoldState.DISCARDED
    assert sink.to(CUSTOMER) == []  # the discarded reply never went out
