"""The ways out of a hold, over real SMTP on loopback: the note reaches the author,
a reply to it releases the held bytes once, a corrected reply supersedes the hold,
bad release mail changes nothing but gets a clear answer, reviewers discard, and
the timeout guard escalates or releases as configured (time driven by the test)."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from conftest import LOOPBACK, audit_records, wait_until
from notekit import (
    AGENT,
    CLEAN_BODY,
    COLLEAGUE,
    CUSTOMER,
    REVIEWER,
    parse,
    reply_bytes,
    text_of,
)

from gateway.store.records import HoldState

OTHER_AGENT = "joe@support.acme.example"


def send(port: int, raw: bytes, sender: str = AGENT, rcpts=(CUSTOMER,)) -> tuple[int, str]:
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(sender, ["BODY=8BITMIME"])
        for rcpt in rcpts:
            code, text = client.rcpt(rcpt)
            assert code == 250, text
        code, text = client.data(raw)
        return code, text.decode()


def service(gateway):
    svc = gateway.server.gateway.hooks.control
    assert svc is not None and hasattr(svc, "tick")
    return svc


def hold_of(gateway, hold_id: str):
    return gateway.call(gateway.server.store.get_hold(hold_id))


def held(gateway, sink, raw: bytes, sender: str = AGENT):
    """Send a reply that the gateway holds; return (hold id, the note as received)."""
    code, text = send(gateway.port, raw, sender)
    assert code == 250 and "held for review as h" in text, text
    hold_id = text.split("held for review as ", 1)[1].split(";", 1)[0]
    notes = wait_until(lambda: [m for m in sink.to(sender)
                                if hold_id in parse(m.data).get("X-Grace-Gateway", "")])
    assert notes, "no review note reached the author"
    return hold_id, notes[0]


def answer_to(
    note_raw: bytes, body: str, *, sender: str = AGENT, to: str | None = None,
    subject: str | None = None,
) -> tuple[str, bytes]:
    """A mail client's reply to the note: to its Reply-To, the note quoted below."""
    note = parse(note_raw)
    to = to or note["Reply-To"].addresses[0].addr_spec
    quoted = "\r\n".join("> " + line for line in text_of(note_raw).splitlines())
    raw = (
        f"From: <{sender}>\r\nTo: <{to}>\r\n"
        f"Subject: {subject or 'Re: ' + note['Subject']}\r\n"
        f"In-Reply-To: {note['Message-ID']}\r\nReferences: {note['Message-ID']}\r\n"
        f"Message-ID: <ans-{abs(hash(body)) % 10**9}-{sender}>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{body}\r\n\r\nOn Tue, 3 Mar 2026 at 15:01, Grace Gateway <grace@acme.example> "
        f"wrote:\r\n{quoted}\r\n"
    ).encode()
    return to, raw


def kinds(gateway, hold_id: str) -> list[dict]:
    """The hold's records, without the outbox's note-sent/note-failed ones."""
    return [r for r in audit_records(gateway.settings) if r.get("hold_id") == hold_id
            and r["kind"] not in ("note-sent", "note-failed")]


def answers(sink, address: str, marker: str = "answer") -> list:
    return [m for m in sink.to(address)
            if parse(m.data).get("X-Grace-Gateway", "").startswith(marker)]


@pytest.fixture
def gateway(make_gateway):
    gw = make_gateway(holds={"reviewers": [REVIEWER]})
    return gw


# ------------------------------------------------------------------ release by reply


def test_reply_to_the_note_releases_the_original_byte_identical_once(gateway, sink):
    raw = reply_bytes()
    hold_id, note = held(gateway, sink, raw)
    assert note.mail_from in ("", "<>")  # RFC 3834: notes use the null sender
    assert not sink.to(CUSTOMER)

    to, release = answer_to(note.data, "The customer asked for exactly this wording.")
    assert to.startswith("grace-release+")
    code, text = send(gateway.port, release, rcpts=(to,))
    assert code == 250 and "released" in text, text

    [delivered] = sink.to(CUSTOMER)
    assert delivered.data == raw  # byte-identical, Message-ID kept
    assert delivered.mail_from == AGENT and delivered.rcpt_tos == (CUSTOMER,)
    assert not sink.to(to)  # the release mail itself is consumed, never forwarded

    events = kinds(gateway, hold_id)
    assert [e["kind"] for e in events] == ["decision", "release-requested", "released"]
    requested, released = events[1], events[2]
    assert requested["actor"] == AGENT
    assert "asked for exactly this wording" in requested["reason"]
    assert "Grace Gateway" not in requested["reason"]  # the quoted note is not the reason
    assert released["next_hop"].startswith("250") and "SINK" in released["next_hop"]
    assert hold_of(gateway, hold_id).state == HoldState.RELEASED
    # The author is told it went out.
    assert wait_until(lambda: [m for m in answers(sink, AGENT)
                               if "Done:" in text_of(m.data)])

    # The same release mail again (a client retry, or a second reply): nothing more.
    code, text = send(gateway.port, release, rcpts=(to,))
    assert code == 250 and "reused" in text
    assert len(sink.to(CUSTOMER)) == 1
    refused = [e for e in kinds(gateway, hold_id) if e["kind"] == "release-refused"]
    assert refused and refused[-1]["extra"]["refusal"] == "reused"
    assert wait_until(lambda: [m for m in answers(sink, AGENT)
                               if "Nothing more to do" in text_of(m.data)])


def test_token_in_the_body_works_when_the_client_ignores_reply_to(gateway, sink):
    raw = reply_bytes(msgid="r-body@support.acme.example")
    hold_id, note = held(gateway, sink, raw)
    # Sent to the bare release address: the token is found in the quoted note.
    to, release = answer_to(note.data, "Release please, the customer needs it today.",
                            to="grace-release@acme.example")
    code, text = send(gateway.port, release, rcpts=(to,))
    assert code == 250 and "released" in text, text
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]


# ------------------------------------------------------------------ the fix path


def test_corrected_reply_supersedes_the_hold(gateway, sink):
    bad = reply_bytes(msgid="r-bad@support.acme.example")
    hold_id, _ = held(gateway, sink, bad)
    good = reply_bytes(CLEAN_BODY, msgid="r-good@support.acme.example")
    code, text = send(gateway.port, good)
    assert code == 250 and "forwarded" in text, text
    assert [m.data for m in sink.to(CUSTOMER)] == [good]
    hold = wait_until(lambda: (h := hold_of(gateway, hold_id)).state == HoldState.SUPERSEDED
                      and h)
    assert hold and hold.actor == AGENT
    [superseded] = [e for e in kinds(gateway, hold_id) if e["kind"] == "superseded"]
    assert superseded["extra"]["superseded_by"] == "<r-good@support.acme.example>"
    # Its time limit passing later does not send the old copy.
    gateway.call(service(gateway).tick(hold.deadline + timedelta(hours=1)))
    assert [m.data for m in sink.to(CUSTOMER)] == [good]
    # A release of the superseded copy is refused.
    to, release = answer_to(parse_note(sink, hold_id).data, "send it anyway")
    code, text = send(gateway.port, release, rcpts=(to,))
    assert "closed" in text and [m.data for m in sink.to(CUSTOMER)] == [good]


def parse_note(sink, hold_id):
    return next(m for m in sink.messages if f"hold={hold_id}" in
                parse(m.data).get("X-Grace-Gateway", ""))


# ------------------------------------------------------------------ refusals


def _refused(gateway, sink, hold_id: str, requester: str, code: str) -> None:
    assert not sink.to(CUSTOMER), "nothing may be forwarded"
    assert hold_of(gateway, hold_id).state == HoldState.HELD
    records = [r for r in audit_records(gateway.settings) if r["kind"] == "release-refused"]
    assert records and records[-1]["extra"]["refusal"] == code
    assert records[-1]["actor"] == requester
    got = wait_until(lambda: answers(sink, requester))
    assert got, "the requester gets an answer"
    answer = parse(got[-1].data)
    assert answer["Auto-Submitted"] == "auto-replied" and got[-1].mail_from in ("", "<>")
    assert "Nothing was" in text_of(got[-1].data)


def test_forged_token_changes_nothing(gateway, sink):
    hold_id, note = held(gateway, sink, reply_bytes())
    to, _ = answer_to(note.data, "x")
    local, domain = to.split("@")
    forged = local[:-3] + ("aaa" if not local.endswith("aaa") else "bbb") + "@" + domain
    _, raw = answer_to(note.data, "Release it", to=forged)
    code, text = send(gateway.port, raw, rcpts=(forged,))
    assert code == 250 and "forged" in text
    _refused(gateway, sink, hold_id, AGENT, "forged")


def test_token_of_another_authors_hold_is_refused(gateway, sink):
    mine, _ = held(gateway, sink, reply_bytes(msgid="mine@support.acme.example"))
    theirs, their_note = held(
        gateway, sink, reply_bytes(msgid="theirs@support.acme.example", sender=OTHER_AGENT,
                                   in_reply_to="q9@customer.example",
                                   references="q9@customer.example"),
        sender=OTHER_AGENT)
    to, raw = answer_to(their_note.data, "Release", sender=AGENT)
    code, text = send(gateway.port, raw, rcpts=(to,))
    assert "not-permitted" in text
    assert hold_of(gateway, mine).state == HoldState.HELD
    _refused(gateway, sink, theirs, AGENT, "not-permitted")


def test_release_from_someone_else_is_refused_with_a_kind_answer(gateway, sink):
    hold_id, note = held(gateway, sink, reply_bytes())
    to, raw = answer_to(note.data, "Looks fine to me", sender=COLLEAGUE)
    code, text = send(gateway.port, raw, sender=COLLEAGUE, rcpts=(to,))
    assert code == 250 and "not-permitted" in text
    _refused(gateway, sink, hold_id, COLLEAGUE, "not-permitted")
    body = " ".join(text_of(answers(sink, COLLEAGUE)[-1].data).split())
    assert AGENT in body and REVIEWER in body  # who can release it instead


def test_expired_token_is_refused(make_gateway, sink):
    gateway = make_gateway(holds={"reviewers": [REVIEWER], "token_ttl": "0s"})
    hold_id, note = held(gateway, sink, reply_bytes())
    to, raw = answer_to(note.data, "Release")
    code, text = send(gateway.port, raw, rcpts=(to,))
    assert "expired" in text
    _refused(gateway, sink, hold_id, AGENT, "expired")


def test_mail_without_a_token_and_automatic_mail(gateway, sink):
    raw = (f"From: <{AGENT}>\r\nTo: <grace-release@acme.example>\r\nSubject: release\r\n"
           "Message-ID: <nt@x>\r\n\r\nplease release my reply\r\n").encode()
    code, text = send(gateway.port, raw, rcpts=("grace-release@acme.example",))
    assert "no-token" in text
    assert wait_until(lambda: answers(sink, AGENT))
    # An out-of-office reply to the release address is recorded, never answered.
    before = len(sink.messages)
    auto = (f"From: <{AGENT}>\r\nTo: <grace-release@acme.example>\r\nSubject: Away\r\n"
            "Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n").encode()
    code, text = send(gateway.port, auto, rcpts=("grace-release@acme.example",))
    assert code == 250 and "automatic" in text
    assert len(sink.messages) == before


# ------------------------------------------------------------------ report, discard


def test_report_false_positive_releases_and_records_each_rule(gateway, sink):
    raw = reply_bytes()
    hold_id, note = held(gateway, sink, raw)
    report = text_of(note.data).split("grace-false-positive+", 1)[1].split("@", 1)[0]
    to = f"grace-false-positive+{report}@acme.example"
    _, mail = answer_to(note.data, "These are quotes from the customer's own ticket.", to=to)
    code, text = send(gateway.port, mail, rcpts=(to,))
    assert code == 250 and "released" in text, text
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]
    hold = hold_of(gateway, hold_id)
    fps = [e for e in kinds(gateway, hold_id) if e["kind"] == "false-positive"]
    assert sorted(e["findings"][0]["rule"] for e in fps) == sorted(hold.rules)
    assert all(e["actor"] == AGENT and "customer's own ticket" in e["reason"] for e in fps)
    requested = [e for e in kinds(gateway, hold_id) if e["kind"] == "release-requested"]
    assert requested[0]["extra"]["false_positive"] is True


def test_reviewer_discards_by_keyword(gateway, sink):
    hold_id, note = held(gateway, sink, reply_bytes())
    to, raw = answer_to(note.data, "discard\r\nWe called the customer instead.",
                        sender=REVIEWER)
    code, text = send(gateway.port, raw, sender=REVIEWER, rcpts=(to,))
    assert code == 250 and "discarded" in text, text
    hold = hold_of(gateway, hold_id)
    assert hold.state == HoldState.DISCARDED and hold.actor == REVIEWER
    assert hold.reason == "We called the customer instead."
    assert not sink.to(CUSTOMER)
    told = wait_until(lambda: [m for m in answers(sink, AGENT)
                               if "decided not to send it" in " ".join(
                                   text_of(m.data).split())])
    assert told


def test_forwarded_note_report_records_false_positive_without_a_hold(make_gateway, sink):
    gateway = make_gateway(modes={"default": "advise"})
    raw = reply_bytes(msgid="adv@support.acme.example")
    code, text = send(gateway.port, raw)
    assert code == 250 and "forwarded" in text
    note = wait_until(lambda: [m for m in sink.to(AGENT)
                               if parse(m.data).get("X-Grace-Gateway") == "note"])[0]
    to, mail = answer_to(note.data, "wrong\r\nThis is the customer's own wording.")
    assert to.startswith("grace-false-positive+n")
    code, text = send(gateway.port, mail, rcpts=(to,))
    assert code == 250 and "false-positive report recorded" in text, text
    fps = [r for r in audit_records(gateway.settings) if r["kind"] == "false-positive"]
    assert fps and all(r["message_id"] == "<adv@support.acme.example>" for r in fps)
    assert {r["findings"][0]["rule"] for r in fps} >= {"kind.hostile"}
    assert len(sink.to(CUSTOMER)) == 1  # the reply went out once, at the start
    code, text = send(gateway.port, mail, rcpts=(to,))
    assert "reused" in text


# ------------------------------------------------------------------ the time limit


def test_timeout_release_forwards_once_with_an_audit_record(make_gateway, sink):
    gateway = make_gateway(holds={"on_timeout": "release", "timeout": "30m"})
    raw = reply_bytes()
    hold_id, _ = held(gateway, sink, raw)
    hold = hold_of(gateway, hold_id)
    svc = service(gateway)
    report = gateway.call(svc.tick(hold.deadline - timedelta(seconds=1)))
    assert not report.released and not sink.to(CUSTOMER)
    report = gateway.call(svc.tick(hold.deadline + timedelta(seconds=1)))
    assert report.released == [hold_id]
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]
    gateway.call(svc.tick(hold.deadline + timedelta(hours=1)))
    assert len(sink.to(CUSTOMER)) == 1
    events = kinds(gateway, hold_id)
    assert [e["kind"] for e in events] == ["decision", "expired", "released"]
    assert events[1]["actor"] == "system" and "30 minutes" in events[1]["reason"]


def test_timeout_escalate_notifies_reviewers_once_and_keeps_the_hold(gateway, sink):
    raw = reply_bytes()
    hold_id, _ = held(gateway, sink, raw)
    hold = hold_of(gateway, hold_id)
    svc = service(gateway)
    report = gateway.call(svc.tick(hold.deadline + timedelta(seconds=5)))
    assert report.escalated == [hold_id]
    assert hold_of(gateway, hold_id).state == HoldState.HELD
    escalation = wait_until(lambda: [m for m in sink.to(REVIEWER)
                                     if "escalation" in parse(m.data)["X-Grace-Gateway"]])
    assert escalation and "Held reply needs a reviewer" in parse(escalation[0].data)["Subject"]
    assert "> **calm down**" in text_of(escalation[0].data)  # the exact words, for reviewers
    reminder = wait_until(lambda: [m for m in sink.to(AGENT)
                                   if "Still on hold" in parse(m.data)["Subject"]])
    assert reminder
    again = gateway.call(svc.tick(hold.deadline + timedelta(hours=1)))
    assert not again.escalated  # once only
    assert not sink.to(CUSTOMER)
    [escalated] = [e for e in kinds(gateway, hold_id) if e["kind"] == "escalated"]
    assert escalated["actor"] == "system" and REVIEWER in escalated["reason"]
    # The reviewer releases it from the escalation note.
    to, mail = answer_to(escalation[0].data, "release\r\nFine as it is.", sender=REVIEWER)
    code, text = send(gateway.port, mail, sender=REVIEWER, rcpts=(to,))
    assert "released" in text, text
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]
    assert hold_of(gateway, hold_id).actor == REVIEWER


def test_timeout_keep_only_records(make_gateway, sink):
    gateway = make_gateway(holds={"on_timeout": "keep", "timeout": "1h"})
    hold_id, _ = held(gateway, sink, reply_bytes())
    hold = hold_of(gateway, hold_id)
    report = gateway.call(service(gateway).tick(hold.deadline + timedelta(minutes=1)))
    assert report.kept == [hold_id]
    assert hold_of(gateway, hold_id).state == HoldState.HELD and not sink.to(CUSTOMER)
    assert [e["kind"] for e in kinds(gateway, hold_id)] == ["decision", "expired"]


def test_a_newer_held_version_replaces_the_older_one(gateway, sink):
    old_id, _ = held(gateway, sink, reply_bytes(msgid="v1@support.acme.example"))
    new_raw = reply_bytes(body="Hi Kim,\r\n\r\nCalm down, it's user error.\r\n",
                          msgid="v2@support.acme.example")
    new_id, _ = held(gateway, sink, new_raw)
    assert hold_of(gateway, old_id).state == HoldState.SUPERSEDED
    assert hold_of(gateway, new_id).state == HoldState.HELD
    # Releasing the newer one sends only it.
    to, mail = answer_to(parse_note(sink, new_id).data, "Fine as it is")
    send(gateway.port, mail, rcpts=(to,))
    assert [m.data for m in sink.to(CUSTOMER)] == [new_raw]


def test_held_bodies_are_purged_after_retention_with_a_record(make_gateway, sink):
    gateway = make_gateway(holds={"retain_days": 2})
    hold_id, note = held(gateway, sink, reply_bytes())
    to, mail = answer_to(note.data, "ok to send")
    send(gateway.port, mail, rcpts=(to,))
    hold = hold_of(gateway, hold_id)
    assert hold.state == HoldState.RELEASED
    svc = service(gateway)
    assert gateway.call(svc.lifecycle.purge(hold.ended_at + timedelta(days=1))) == []
    assert gateway.call(svc.lifecycle.purge(hold.ended_at + timedelta(days=2, hours=1))) \
        == [hold_id]
    with pytest.raises(Exception, match="purged|not|gone|held"):
        gateway.call(gateway.server.store.held_message(hold_id))
    [purged] = [e for e in kinds(gateway, hold_id) if e["kind"] == "purged"]
    assert purged["actor"] == "system" and "2 days" in purged["reason"]
    assert hold_of(gateway, hold_id).state == HoldState.RELEASED  # the row stays
