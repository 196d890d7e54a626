"""Relay semantics over real SMTP: exact bytes, 250 only after the next hop's 250,
4xx when the next hop cannot take it, 5xx passed back, per-recipient results."""

from __future__ import annotations

import smtplib

import pytest
from conftest import CUSTOMER, LOOPBACK, decisions, wait_until

OTHER_SENDER = "billing@elsewhere.example"


def plain_message(subject: str = "Invoice 42", body: bytes = b"Hello,\r\nsee attached.\r\n",
                  sender: str = OTHER_SENDER) -> bytes:
    return (
        f"From: Billing <{sender}>\r\nTo: {CUSTOMER}\r\nSubject: {subject}\r\n"
        f"Message-ID: <{abs(hash(subject + str(body)))}@elsewhere.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode() + body


def send(port: int, raw: bytes, sender: str = OTHER_SENDER, rcpts=(CUSTOMER,),
         mail_options=(), rcpt_options=()):
    """One transaction with smtplib; returns (code, text) of the final answer."""
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        client.ehlo("client.test")
        code, text = client.mail(sender, list(mail_options))
        assert code == 250, text
        for rcpt in rcpts:
            code, text = client.rcpt(rcpt, list(rcpt_options))
            if code != 250:
                return code, text.decode()
        code, text = client.data(raw)
        return code, text.decode()


def test_out_of_scope_mail_arrives_byte_identical(make_gateway, sink):
    gateway = make_gateway()
    body = (
        "Grüße aus Köln — ça va?\r\n"
        ".a line that starts with a dot\r\n"
        "..two dots\r\n"
        + "x" * 5000 + "\r\n"
        "trailing spaces   \r\n"
        "\tand a tab\r\n"
    ).encode("utf-8")
    raw = plain_message(body=body)
    code, text = send(gateway.port, raw, mail_options=("BODY=8BITMIME",))
    assert code == 250 and "next hop said: 250" in text and "SINK1" in text
    [got] = sink.wait_for(1)
    assert got.data == raw
    assert got.mail_from == OTHER_SENDER and got.rcpt_tos == (CUSTOMER,)
    assert "BODY=8BITMIME" in got.mail_options

    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "pass-through"
    assert record["scope_reason"] == "not-support-sender"
    assert record["next_hop"].startswith("250")
    assert record["config_digest"] == gateway.settings.digest


def test_null_sender_and_utf8_address_pass_through(make_gateway, sink):
    gateway = make_gateway()
    raw = plain_message(subject="Undelivered Mail Returned to Sender")
    assert send(gateway.port, raw, sender="")[0] == 250
    utf8_rcpt = "jürgen@beispiel.example"
    code, _ = send(gateway.port, raw, rcpts=(utf8_rcpt,), mail_options=("SMTPUTF8",))
    assert code == 250
    bounce, utf8 = sink.wait_for(2)
    assert bounce.mail_from == "<>" and bounce.data == raw
    assert utf8.rcpt_tos == (utf8_rcpt,) and "SMTPUTF8" in utf8.mail_options


def test_dsn_parameters_are_accepted_not_555(make_gateway, sink):
    gateway = make_gateway()
    raw = plain_message(subject="DSN please")
    code, text = send(gateway.port, raw, mail_options=("RET=HDRS", "ENVID=QQ314159"),
                      rcpt_options=("NOTIFY=SUCCESS,FAILURE", f"ORCPT=rfc822;{CUSTOMER}"))
    assert code == 250, text
    [got] = sink.wait_for(1)
    assert got.data == raw
    assert not any(o.startswith(("RET=", "ENVID=")) for o in got.mail_options)


def test_next_hop_down_defers_then_retry_goes_through(make_gateway, sink):
    gateway = make_gateway()
    sink.stop()
    raw = plain_message(subject="Retry me")
    code, text = send(gateway.port, raw)
    assert code == 451, text
    assert "nothing was delivered" in text
    deferred = wait_until(lambda: decisions(gateway.settings))
    assert [d["decision"] for d in deferred] == ["deferred"]
    assert "unreachable" in deferred[0]["next_hop"]

    sink.start()
    code, text = send(gateway.port, raw)  # what the client (Postfix) does: retry
    assert code == 250, text
    assert [m.data for m in sink.wait_for(1)] == [raw]
    records = wait_until(lambda: len(decisions(gateway.settings)) == 2
                         and decisions(gateway.settings))
    assert [d["decision"] for d in records] == ["deferred", "pass-through"]


@pytest.mark.parametrize(
    ("where", "reply", "expect_code", "expect_decision"),
    [
        ("data", "452 4.3.1 Insufficient system storage", 451, "deferred"),
        ("data", "554 5.7.1 Message refused by policy", 554, "rejected"),
        ("mail", "451 4.3.0 Try again later", 451, "deferred"),
        ("mail", "553 5.7.1 Sender not allowed", 553, "rejected"),
    ],
)
def test_next_hop_answers_are_passed_back(make_gateway, sink, where, reply, expect_code,
                                          expect_decision):
    gateway = make_gateway()
    if where == "data":
        sink.data_reply = reply
    else:
        sink.mail_reply = reply
    code, text = send(gateway.port, plain_message(subject=f"Answer {reply}"))
    assert code == expect_code, text
    assert reply.split(" ", 1)[1] in text  # the next hop's words reach the client
    assert sink.messages == []
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == expect_decision


def test_one_recipient_deferred_means_nothing_is_sent(make_gateway, sink):
    gateway = make_gateway()
    second = "sam@customer.example"
    sink.rcpt_replies[second] = "450 4.2.1 Mailbox busy"
    code, text = send(gateway.port, plain_message(subject="Two recipients"),
                      rcpts=(CUSTOMER, second))
    assert code == 451 and second in text
    assert sink.messages == []
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "deferred"
    assert any(second in r for r in record["extra"]["refused"])


def test_all_recipients_refused_is_passed_back_as_5xx(make_gateway, sink):
    gateway = make_gateway()
    sink.rcpt_replies[CUSTOMER] = "550 5.1.1 No such user"
    code, text = send(gateway.port, plain_message(subject="Nobody home"))
    assert code == 550 and "No such user" in text
    assert sink.messages == []


def test_some_recipients_refused_permanently_defers_everything(make_gateway, sink):
    gateway = make_gateway()
    second = "gone@customer.example"
    sink.rcpt_replies[second] = "550 5.1.1 No such user"
    code, text = send(gateway.port, plain_message(subject="One gone"),
                      rcpts=(CUSTOMER, second))
    assert code == 451 and second in text and "No such user" in text
    assert sink.messages == []  # not half-delivered


def test_reused_connection_closed_by_next_hop_is_retried(make_gateway, sink):
    gateway = make_gateway()
    first, second = plain_message(subject="first"), plain_message(subject="second")
    assert send(gateway.port, first)[0] == 250
    # The next hop restarts: the pooled connection is dead.
    sink.stop()
    sink.start()
    assert send(gateway.port, second)[0] == 250
    assert [m.data for m in sink.wait_for(2)] == [first, second]


def test_too_many_recipients_get_452(make_gateway, sink):
    gateway = make_gateway(server={"max_recipients": 2})
    rcpts = [f"c{i}@customer.example" for i in range(3)]
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(OTHER_SENDER)
        answers = [client.rcpt(r)[0] for r in rcpts]
        assert answers == [250, 250, 452]
        assert client.data(plain_message(subject="many"))[0] == 250
    [got] = sink.wait_for(1)
    assert got.rcpt_tos == tuple(rcpts[:2])


def test_session_stays_usable_across_transactions(make_gateway, sink):
    gateway = make_gateway()
    sink.data_reply = "451 4.3.0 busy"
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=30) as client:
        first = plain_message(subject="one")
        try:
            client.sendmail(OTHER_SENDER, [CUSTOMER], first)
        except smtplib.SMTPDataError as exc:
            assert exc.smtp_code == 451
        else:
            pytest.fail("expected a 451")
        sink.data_reply = ""
        second = plain_message(subject="two")
        assert client.sendmail(OTHER_SENDER, [CUSTOMER], second) == {}
    assert [m.data for m in sink.wait_for(1)] == [second]


def test_lost_answer_after_data_is_a_deferral_that_may_duplicate(make_gateway, sink):
    gateway = make_gateway()
    sink.drop_after_data = True  # the next hop got the bytes, then the line dropped
    code, text = send(gateway.port, plain_message(subject="Lost answer"))
    assert code == 451 and "duplicate is possible" in text
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "deferred" and record["extra"]["maybe_delivered"] is True


def test_mail_to_the_release_address_is_never_forwarded(make_gateway, sink):
    gateway = make_gateway()
    release = gateway.settings.release_address  # grace-release@acme.example
    raw = plain_message(subject="Re: release please", sender="maria@support.acme.example")
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail("maria@support.acme.example")
        assert client.rcpt(release)[0] == 250
        # Ordinary recipients wait for their own transaction.
        assert client.rcpt(CUSTOMER)[0] == 452
        code, text = client.data(raw)
    assert code == 250, text  # consumed: a request without a token is answered by mail
    answers = wait_until(lambda: sink.to("maria@support.acme.example"))
    assert answers and all(m.mail_from == "<>" for m in answers)
    assert not any(release in m.rcpt_tos or CUSTOMER in m.rcpt_tos for m in sink.messages)


def test_a_line_beyond_our_limit_is_a_451_not_a_bounce(make_gateway, sink):
    from gateway.server import LINE_LENGTH_LIMIT

    gateway = make_gateway()
    raw = plain_message(subject="Huge line", body=b"y" * (LINE_LENGTH_LIMIT + 10) + b"\r\n")
    code, text = send(gateway.port, raw)
    assert code == 451 and "longer than this gateway accepts" in text
    assert sink.messages == []
