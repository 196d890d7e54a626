"""In-scope replies over real SMTP: clean ones forwarded, held ones kept on disk with
a review note to the author, advice forwarded with a note, the review tag removed."""

from __future__ import annotations

import email
import email.policy
import functools
import smtplib

from conftest import AGENT, CUSTOMER, LOOPBACK, audit_records, decisions, wait_until

from gateway.pipeline import Analyzer
from gateway.scope import Envelope

CLEAN_BODY = (
    "Hi Kim,\r\n\r\n"
    "Thank you for your patience. I have issued the refund of 40 EUR today; it will "
    "reach your card within 3 working days. If it has not arrived by Friday, reply "
    "here and I will chase it with the bank myself.\r\n\r\n"
    "Best regards,\r\nMaria\r\n"
)


def reply(subject: str = "Re: Your refund", body: str = CLEAN_BODY, msgid: str = "r1") -> bytes:
    return (
        f"From: Maria Lopez <{AGENT}>\r\n"
        f"To: Kim <{CUSTOMER}>\r\n"
        f"Subject: {subject}\r\n"
        "In-Reply-To: <q1@customer.example>\r\n"
        "References: <q1@customer.example>\r\n"
        f"Message-ID: <{msgid}@support.acme.example>\r\n"
        "Date: Mon, 03 Mar 2025 10:00:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{body}"
    ).encode()


EMPTY_BODY = "\r\n"  # reply.empty: a reply with no words of its own is held


def send(port: int, raw: bytes, sender: str = AGENT, rcpts=(CUSTOMER,)):
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(sender, ["BODY=8BITMIME"])
        for rcpt in rcpts:
            assert client.rcpt(rcpt)[0] == 250
        code, text = client.data(raw)
        return code, text.decode()


@functools.cache
def _policies():
    from policies.engine import PolicySet

    return PolicySet.load()


def analysed(gateway, raw: bytes):
    """What `grace check` would say (the default policies, this gateway's settings)."""
    analyzer = Analyzer(gateway.settings, policies=_policies())
    return analyzer.analyse(raw, Envelope(AGENT, (CUSTOMER,)))


def test_clean_reply_is_forwarded_unchanged(make_gateway, sink):
    gateway = make_gateway()
    raw = reply()
    assert analysed(gateway, raw).action == "forward"  # precondition: the policies agree
    code, text = send(gateway.port, raw)
    assert code == 250 and "forwarded" in text
    [got] = sink.wait_for(1)
    assert got.data == raw and got.rcpt_tos == (CUSTOMER,)
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "forward"
    assert record["mode"] == "enforce" and record["scope_reason"] == "support-reply"
    assert record["policy_version"] == _policies().version
    assert record["config_digest"] == gateway.settings.digest
    assert record["ms"] >= 0


def test_held_reply_stays_on_disk_and_the_author_gets_a_note(make_gateway, sink,
                                                             analysis_pool):
    gateway = make_gateway()
    raw = reply(body=EMPTY_BODY, msgid="held1")
    jobs = analysis_pool.jobs
    code, text = send(gateway.port, raw)
    assert code == 250 and "held for review as h" in text
    # the note was written with the verdict, in the same analysis job
    assert analysis_pool.jobs == jobs + 1
    hold_id = text.split("held for review as ", 1)[1].split(";", 1)[0]

    spool = gateway.settings.state.dir / "spool" / f"{hold_id}.eml"
    assert spool.read_bytes() == raw

    notes = wait_until(lambda: sink.to(AGENT))
    assert sink.to(CUSTOMER) == []  # the customer got nothing
    [note] = notes
    assert note.mail_from == "<>"  # RFC 3834: notes never start a loop
    parsed = email.message_from_bytes(note.data, policy=email.policy.default)
    assert parsed["Auto-Submitted"].startswith("auto-replied")
    assert parsed["X-Grace-Gateway"]
    assert AGENT in parsed["To"]

    records = wait_until(lambda: [r for r in audit_records(gateway.settings)
                                  if r.get("kind") == "note-sent"] and
                         audit_records(gateway.settings))
    kinds = [(r["kind"], r.get("decision")) for r in records]
    assert ("decision", "hold") in kinds and ("note-sent", None) in kinds
    hold = next(r for r in records if r.get("decision") == "hold")
    assert hold["hold_id"] == hold_id
    assert [f["rule"] for f in hold["findings"]] == ["reply.empty"]


def test_note_to_a_failing_next_hop_is_retried_and_the_hold_stands(make_gateway, sink):
    gateway = make_gateway()
    sink.mail_reply = "451 4.3.0 Not now"  # every MAIL refused: the note cannot go out
    code, text = send(gateway.port, reply(body=EMPTY_BODY, msgid="held2"))
    assert code == 250 and "held for review" in text  # the hold does not wait for the note
    failed = wait_until(lambda: [r for r in audit_records(gateway.settings)
                                 if r["kind"] == "note-failed"])
    assert failed and "Not now" in failed[0]["reason"]
    sink.mail_reply = ""
    assert wait_until(lambda: sink.to(AGENT), timeout=20)


def test_advise_mode_forwards_and_sends_a_note(make_gateway, sink, analysis_pool):
    gateway = make_gateway(modes={"default": "advise"})
    raw = reply(body=EMPTY_BODY, msgid="advise1")
    jobs = analysis_pool.jobs
    code, text = send(gateway.port, raw)
    assert code == 250 and "forwarded" in text
    assert analysis_pool.jobs == jobs + 1  # analysis and note in one job
    assert [m.data for m in wait_until(lambda: sink.to(CUSTOMER))] == [raw]
    [note] = wait_until(lambda: sink.to(AGENT))
    assert note.mail_from == "<>"
    [record] = decisions(gateway.settings)
    assert record["decision"] == "forward" and record["mode"] == "advise"
    assert record["extra"].get("note") is True


def test_monitor_mode_forwards_without_a_note(make_gateway, sink):
    gateway = make_gateway(modes={"default": "monitor"})
    raw = reply(body=EMPTY_BODY, msgid="monitor1")
    assert send(gateway.port, raw)[0] == 250
    assert [m.data for m in sink.wait_for(1)] == [raw]
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "forward" and record["mode"] == "monitor"
    assert [f["rule"] for f in record["findings"]] == ["reply.empty"]
    assert sink.to(AGENT) == []


def test_review_tag_forces_enforce_and_is_removed(make_gateway, sink):
    gateway = make_gateway(modes={"default": "monitor"})
    clean = reply(subject="Re: [review] Your refund", msgid="tag1")
    assert send(gateway.port, clean)[0] == 250
    [got] = sink.wait_for(1)
    assert got.data == clean.replace(b"Subject: Re: [review] Your refund",
                                     b"Subject: Re: Your refund")
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["mode"] == "enforce"

    # The tag wins over monitor mode: an empty reply is held, not forwarded.
    code, text = send(gateway.port, reply(subject="[review] Re: Your refund",
                                          body=EMPTY_BODY, msgid="tag2"))
    assert code == 250 and "held for review" in text
    assert sink.to(CUSTOMER) == [got]


def test_encoded_subject_review_tag_is_removed(make_gateway, sink):
    gateway = make_gateway()
    subject = "=?utf-8?q?Re=3A_=5Breview=5D_Ihre_R=C3=BCckerstattung?="
    raw = reply(subject=subject, msgid="tag3")
    assert send(gateway.port, raw)[0] == 250
    [got] = sink.wait_for(1)
    parsed = email.message_from_bytes(got.data, policy=email.policy.default)
    assert parsed["Subject"] == "Re: Ihre Rückerstattung"
    head, _, body = raw.partition(b"\r\n\r\n")
    got_head, _, got_body = got.data.partition(b"\r\n\r\n")
    assert got_body == body  # only the Subject line changed
    assert [line for line in got_head.split(b"\r\n") if not line.startswith(b"Subject:")] == \
        [line for line in head.split(b"\r\n") if not line.startswith(b"Subject:")]


def test_acme_config_snippet_puts_acme_mail_in_scope(tmp_path):
    from gateway.config import load_settings

    path = tmp_path / "acme.toml"
    path.write_text(
        '[scope]\nsupport_senders = ["support@acme.example", "*@support.acme.example"]\n'
        'internal_domains = ["acme.example"]\n', encoding="utf-8")
    settings = load_settings(path)
    analyzer = Analyzer(settings, policies=_policies())
    for sender in ("support@acme.example", AGENT):
        _, scope = analyzer.scope(reply(), Envelope(sender, (CUSTOMER,)))
        assert scope.in_scope and scope.reason == "support-reply"
    _, internal = analyzer.scope(reply(), Envelope(AGENT, ("boss@acme.example",)))
    assert not internal.in_scope


def test_hold_that_cannot_be_stored_is_deferred_and_the_session_survives(make_gateway, sink):
    gateway = make_gateway()
    spool = gateway.settings.state.dir / "spool"
    spool.mkdir(parents=True, exist_ok=True)
    spool.rmdir()
    spool.write_text("not a directory")  # a real fault: even root cannot write there
    raw = reply(body=EMPTY_BODY, msgid="nospool")
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(AGENT)
        client.rcpt(CUSTOMER)
        code, text = client.data(raw)
        assert code == 451 and b"could not store" in text
        spool.unlink()
        spool.mkdir(mode=0o700)  # the operator fixes the disk
        client.mail(AGENT)  # same session, next transaction: a clean envelope
        client.rcpt(CUSTOMER)
        code, text = client.data(raw)
        assert code == 250 and b"held for review" in text
    assert sink.to(CUSTOMER) == []
