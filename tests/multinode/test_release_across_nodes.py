"""A hold made on node A, released by the author's reply to the review note that
enters through node B: the held bytes come out of the shared database, are
forwarded once, and the same release mail sent again through node C changes
nothing (the token is single-use across nodes)."""

from __future__ import annotations

import email
import email.policy
import smtplib

import psycopg
import pytest
from conftest import LOOPBACK, wait_until

from .loadkit import AGENT, CUSTOMER, reply


def send(port: int, raw: bytes, rcpts=(CUSTOMER,), sender: str = AGENT) -> tuple[int, str]:
    with smtplib.SMTP(LOOPBACK, port, timeout=60) as client:
        client.ehlo("client.test")
        client.mail(sender, ["BODY=8BITMIME"])
        for rcpt in rcpts:
            code, text = client.rcpt(rcpt)
            assert code == 250, text
        code, text = client.data(raw)
        return code, text.decode()


def answer_to(note_raw: bytes, words: str) -> tuple[str, bytes]:
    """The author's mail client answering the note: to its Reply-To, note quoted."""
    note = email.message_from_bytes(note_raw, policy=email.policy.default)
    to = note["Reply-To"].addresses[0].addr_spec
    body = note.get_body(preferencelist=("plain",))
    quoted = "\r\n".join("> " + line for line in (body.get_content() if body else "")
                         .splitlines())
    raw = (
        f"From: <{AGENT}>\r\nTo: <{to}>\r\nSubject: Re: {note['Subject']}\r\n"
        f"In-Reply-To: {note['Message-ID']}\r\nReferences: {note['Message-ID']}\r\n"
        "Message-ID: <answer-1@support.acme.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{words}\r\n\r\nGrace Gateway wrote:\r\n{quoted}\r\n"
    ).encode()
    return to, raw


def hold_records(dsn: str, hold_id: str) -> list[tuple[str, str]]:
    """(kind, node) of the hold's records, in chain order (notes' records left out)."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT kind, convert_from(body, 'UTF8')::jsonb ->> 'node' FROM audit"
            " WHERE hold_id = %s AND kind NOT IN ('note-sent', 'note-failed') ORDER BY id",
            (hold_id,)).fetchall()
    return [(kind, node or "") for kind, node in rows]


@pytest.mark.slow
def test_a_hold_from_node_a_is_released_through_node_b_once(pg_dsn, start_nodes, sink):
    node_a, node_b, node_c = start_nodes(pg_dsn, 3)
    raw = reply(1, "hold", run="release")
    code, text = send(node_a.port, raw)
    assert code == 250 and "held for review as h" in text, text
    hold_id = text.split("held for review as ", 1)[1].split(";", 1)[0]
    notes = wait_until(lambda: [m for m in sink.to(AGENT) if hold_id.encode() in m.data])
    assert notes, "the review note did not reach the author"
    assert not sink.to(CUSTOMER)

    to, release = answer_to(notes[0].data, "release\r\nThe customer asked for exactly this.")
    assert to.startswith("grace-release+")
    code, text = send(node_b.port, release, rcpts=(to,))
    assert code == 250 and "released" in text, text

    delivered = sink.to(CUSTOMER)
    assert [m.data for m in delivered] == [raw]  # the exact bytes, once
    assert delivered[0].mail_from == AGENT
    records = hold_records(pg_dsn, hold_id)
    assert [kind for kind, _ in records] == ["decision", "release-requested", "released"]
    decided_by, released_by = records[0][1], records[2][1]
    assert decided_by and released_by and decided_by != released_by  # two nodes, one chain

    # The same release mail again, through a third node: nothing more goes out.
    code, text = send(node_c.port, release, rcpts=(to,))
    assert code == 250 and "reused" in text, text
    assert len(sink.to(CUSTOMER)) == 1
    refused = [kind for kind, _ in hold_records(pg_dsn, hold_id)][3:]
    assert refused == ["release-refused"]
    with psycopg.connect(pg_dsn) as conn:
        state = conn.execute("SELECT state FROM holds WHERE id = %s", (hold_id,)).fetchone()
    assert state == ("released",)
