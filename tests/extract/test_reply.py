"""Reply-level facts (sent_at, urgency), the final normalised text, and never raising."""

from __future__ import annotations

import email
import random
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mailbuild import literal, plain

from gateway.extract import extract_reply

RECEIVED = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)


def test_sent_at_is_the_date_header_when_sane() -> None:
    reply = extract_reply(
        plain("Hi.", date="Wed, 11 Mar 2026 15:30:00 +0100"), received_at=RECEIVED
    )
    assert reply.sent_at == datetime(2026, 3, 11, 15, 30, tzinfo=timezone(timedelta(hours=1)))
    assert reply.defects == ()


def test_sent_at_falls_back_to_receipt_time() -> None:
    missing = extract_reply(plain("Hi.", date=None), received_at=RECEIVED)
    assert missing.sent_at == RECEIVED and "date:missing" in missing.defects
    garbage = extract_reply(
        literal("From: a@support.acme.example\nDate: next Tuesday-ish", "Hi."), received_at=RECEIVED
    )
    assert garbage.sent_at == RECEIVED and "date:unparsable" in garbage.defects
    future = extract_reply(
        plain("Hi.", date="Fri, 11 Mar 2033 15:30:00 +0000"), received_at=RECEIVED
    )
    assert future.sent_at == RECEIVED and "date:insane" in future.defects
    naive = extract_reply(plain("Hi.", date=None), received_at=datetime(2026, 3, 11, 15, 0))
    assert naive.sent_at == RECEIVED


def test_quoted_time_without_zone_is_read_in_the_replys_zone() -> None:
    body = (
        "Fixed.\n\nOn Wed, Mar 11, 2026 at 9:05 AM Tobias <t@fjordbikes.example> wrote:\n> Help\n"
    )
    reply = extract_reply(plain(body, date="Wed, 11 Mar 2026 10:00:00 -0400"))
    assert reply.customer_sent_at == datetime(
        2026, 3, 11, 9, 5, tzinfo=timezone(timedelta(hours=-4))
    )
    assert (reply.sent_at - reply.customer_sent_at) == timedelta(minutes=55)


def test_our_own_forwarded_message_is_not_the_customers_time() -> None:
    """An agent forwards our earlier confirmation above the customer's message:
    the forwarded block is ours (another address of our organisation), so its
    three-week-old date is not when the customer wrote."""
    body = (
        "Refunded today.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Acme Billing <billing@acme.example>\n"
        "Date: Mon, 16 Feb 2026 at 18:31\n"
        "Subject: Your plan is cancelled\n"
        "To: Tobias <t@fjordbikes.example>\n\n"
        "Your plan is cancelled.\n\n"
        "On Wed, Mar 11, 2026 at 9:05 AM Tobias <t@fjordbikes.example> wrote:\n> Refund me\n"
    )
    reply = extract_reply(plain(body, date="Wed, 11 Mar 2026 10:00:00 -0400"),
                          sender="maria@support.acme.example")
    assert reply.customer_sent_at is None or reply.customer_sent_at.date().isoformat() == (
        "2026-03-11")
    # ... while a forwarded message from someone else still dates the customer's
    other = extract_reply(plain(body.replace("billing@acme.example", "ops@fjordbikes.example"),
                                date="Wed, 11 Mar 2026 10:00:00 -0400"),
                          sender="maria@support.acme.example")
    assert other.customer_sent_at is not None
    assert other.customer_sent_at.date().isoformat() == "2026-02-16"


def test_urgency_from_the_subject_and_a_custom_word_list() -> None:
    body = (
        "On it.\n\nOn Wed, 11 Mar 2026 at 14:05, Tobias <t@fjordbikes.example> wrote:\n"
        "> Payroll is stuck.\n"
    )
    raw = plain(body, subject="Re: PRODUCTION outage")
    assert extract_reply(raw).customer_urgency == ("production", "outage")
    assert extract_reply(raw, urgency_words=["stuck", "payroll"]).customer_urgency == (
        "payroll",
        "stuck",
    )
    assert extract_reply(raw, urgency_words=[]).customer_urgency == ()


def test_urgency_words_in_the_authors_own_text_do_not_count() -> None:
    reply = extract_reply(plain("This is not urgent, the outage is over.", subject="Re: Question"))
    assert reply.customer_urgency == ()


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    body = (
        "Hi Tobias,\n\nI checked the controller logs from 09:00 to 09:40 UTC and the firmware\n"
        "update stopped at 62 percent because the battery dropped below the\nsafe level.\n\n"
        "Steps:\n1. Charge the battery to 80 percent.\n2. Start the update again from the\n"
        "   Settings > Firmware screen.\n- Keep the bike switched on.\n\nMina\n"
    )
    text = extract_reply(plain(body)).text
    assert text == (
        "Hi Tobias,\n\nI checked the controller logs from 09:00 to 09:40 UTC and the firmware "
        "update stopped "
        "at 62 percent because the battery dropped below the safe level.\n\n"
        "Steps:\n1. Charge the battery to 80 percent.\n2. Start the update again from the Settings "
        "> "
        "Firmware screen.\n- Keep the bike switched on."
    )


def test_format_flowed_soft_breaks() -> None:
    raw = literal(
        "From: a@support.acme.example\nSubject: Re: x\nContent-Type: text/plain; charset=utf-8; "
        "format=flowed",
        "The courier collects the bike \ntomorrow at 10:00.\n\nShort line.\n",
    )
    assert (
        extract_reply(raw).text == "The courier collects the bike tomorrow at 10:00.\n\nShort line."
    )


def test_text_is_normalised() -> None:
    body = "Hi\u00a0Tobias,\r\n\r\n\r\n\r\nThe\u200b part\tships   today.\r\n"
    text = extract_reply(plain(body, crlf=True)).text
    assert text == "Hi Tobias,\n\nThe part ships today."


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    reply = extract_reply(raw)
    assert isinstance(reply.text, str)
    assert not any(d.startswith("extract:error") for d in reply.defects)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_messages_never_raise(seed: int) -> None:
    rng = random.Random(seed)
    base = bytearray(_SAMPLE)
    for _ in range(rng.randint(1, 30)):
        op = rng.random()
        pos = rng.randrange(len(base))
        if op < 0.4:
            base[pos] = rng.randrange(256)
        elif op < 0.7:
            del base[pos : pos + rng.randint(1, 40)]
        else:
            base[pos:pos] = rng.choice(
                [
                    b"\n--b\n",
                    b"=?utf-8?b?",
                    b"Content-Type: multipart/mixed; boundary=b\n",
                    b"\r\n\r\n",
                    b"<blockquote>",
                    b"> ",
                    b"On Tue, 3 Mar",
                    b"\xff\xfe",
                ]
            )
    reply = extract_reply(bytes(base))
    assert not any(d.startswith("extract:error") for d in reply.defects)


_SAMPLE = (
    b"From: Mina <mina@support.acme.example>\nTo: t@x.example\nSubject: =?utf-8?q?Re:_Caf=C3=A9?=\n"
    b"Date: Wed, 11 Mar 2026 15:30:00 +0100\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
    b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    b"Hi,=0A=0AFixed at 10:00.\n\nOn Wed, 11 Mar 2026 at 14:05, T <t@x.example> wrote:\n> help\n"
    b"--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    b"PHA+Rml4ZWQ8L3A+PGJsb2NrcXVvdGU+aGVscDwvYmxvY2txdW90ZT4=\n--b--\n"
)


def test_sample_is_a_valid_message() -> None:
    assert email.message_from_bytes(_SAMPLE).is_multipart()
    assert extract_reply(_SAMPLE).text == "Hi,\n\nFixed at 10:00."


def test_default_urgency_words_mirror_the_default_pack() -> None:
    from gateway.extract import DEFAULT_URGENCY_WORDS
    from policies.pack import load_pack

    spec = load_pack().rule("urgent.late-no-acknowledgement")
    assert tuple(spec.params["urgency_words"]) == DEFAULT_URGENCY_WORDS


def test_rows_of_a_plain_text_table_stay_apart() -> None:
    """Aligned columns are a table, not hard-wrapped prose: joined, its rows read as
    one endless sentence."""
    table = (
        "Step  In the app                                    What you should see\n"
        "----  --------------------------------------------  ----------------------------------\n"
        "1     Tap Profile (bottom right), then Family       A list with only your name\n"
        "2     Tap Add family member                         A form asking for name and birthday\n"
        "3     Enter the details and tap Save                The child appears under Family\n"
    )
    body = "Hi Sunita,\n\nHere is how to add the children:\n\n" + table + "\nBest,\nMina\n"
    reply = extract_reply(plain(body))
    rows = [line for line in reply.text.split("\n") if line.startswith(("1 ", "2 ", "3 "))]
    assert len(rows) == 3
    assert all(len(row) < 90 for row in rows)


def test_prose_with_one_wide_gap_is_still_joined() -> None:
    body = (
        "Hi Sunita,\n\nI have moved the booking to Friday at 10:00, and the reminder will go\n"
        "to your phone the evening before.   The receipt is in the app under Bookings.\n"
    )
    reply = extract_reply(plain(body))
    assert "will go to your phone" in reply.text
