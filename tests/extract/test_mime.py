"""MIME walk, transfer encodings, charsets, headers, and the caps on hostile input."""

from __future__ import annotations

import base64
import quopri

import pytest
from mailbuild import literal, plain, with_attachment

from gateway.extract import ExtractLimits, extract_reply

HEAD = """
From: Mina Okoye <mina@support.acme.example>
To: Tobias Lind <tobias@fjordbikes.example>
Subject: Re: Saddle
Date: Wed, 11 Mar 2026 15:30:00 +0100
Message-ID: <r1@mail.acme.example>
In-Reply-To: <c1@mail.fjordbikes.example>
MIME-Version: 1.0
"""
WORDS = "Grüße from Zoë: the £30 refund (€35) is on its way — it arrives by Friday."


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-15", "windows-1252"])
def test_transfer_encodings_and_charsets(cte: str, charset: str) -> None:
    words = WORDS if charset != "iso-8859-15" else WORDS.replace("—", "-")
    reply = extract_reply(plain(words, cte=cte, charset=charset))
    assert reply.text == words
    assert reply.defects == ()


def test_quoted_printable_soft_breaks_and_long_lines() -> None:
    long = (
        "This sentence is long enough that quoted-printable must break it with a soft line break "
        * 3
    )
    body = quopri.encodestring(long.encode()).decode()
    raw = literal(
        HEAD
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable",
        body,
    )
    assert extract_reply(raw).text == long.strip()


def test_broken_base64_is_best_effort_with_a_defect() -> None:
    good = base64.b64encode(b"The part ships today.").decode()
    raw = literal(
        HEAD + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
        good[:-3] + "!!*",
    )
    reply = extract_reply(raw)
    assert reply.text.startswith("The part ships")
    assert any(d.startswith("mime:") for d in reply.defects)


def test_unknown_charset_falls_back_with_a_defect() -> None:
    raw = literal(
        HEAD + "Content-Type: text/plain; charset=x-made-up", "Caf\xe9 au lait".encode("latin-1")
    )
    reply = extract_reply(raw)
    assert reply.text == "Café au lait"
    assert "charset:unknown:x-made-up" in reply.defects


def test_8bit_text_labelled_ascii_reads_as_utf8() -> None:
    raw = literal(HEAD + "Content-Type: text/plain; charset=us-ascii", "Zoë’s order".encode())
    reply = extract_reply(raw)
    assert reply.text == "Zoë’s order"
    assert any(d.startswith("charset:invalid:us-ascii") for d in reply.defects)


def test_no_content_type_defaults_to_plain() -> None:
    raw = literal("From: a@support.acme.example\nSubject: Re: x", "Just text.")
    assert extract_reply(raw).text == "Just text."


def test_attachment_is_never_the_body() -> None:
    reply = extract_reply(with_attachment("The invoice is attached.", b"%PDF-1.4 you idiot"))
    assert reply.text == "The invoice is attached."


def test_attached_message_is_not_the_authors() -> None:
    raw = literal(
        HEAD + 'Content-Type: multipart/mixed; boundary="b"',
        "--b\nContent-Type: text/plain\n\nSee the forwarded complaint.\n"
        "--b\nContent-Type: message/rfc822\n\nFrom: x@y\nSubject: rude\n\nYOU ARE ALL "
        "USELESS\n--b--\n",
    )
    reply = extract_reply(raw)
    assert reply.text == "See the forwarded complaint."


def test_related_and_nested_alternative() -> None:
    raw = literal(
        HEAD + 'Content-Type: multipart/mixed; boundary="m"',
        '--m\nContent-Type: multipart/related; boundary="r"\n\n'
        '--r\nContent-Type: multipart/alternative; boundary="a"\n\n'
        "--a\nContent-Type: text/plain; charset=utf-8\n\nNested plain words.\n"
        "--a\nContent-Type: text/html; charset=utf-8\n\n<p>Nested HTML words.</p>\n--a--\n"
        "--r\nContent-Type: image/png\nContent-ID: <logo>\n\nPNG\n--r--\n--m--\n",
    )
    reply = extract_reply(raw)
    assert reply.text == "Nested plain words."
    assert reply.source_part == "text/plain"


def test_subject_rfc2047_decoded_and_line_breaks_removed() -> None:
    raw = literal(
        "From: a@support.acme.example\nSubject: "
        "=?utf-8?q?Re:_Gr=C3=BC=C3=9Fe=0D=0ABcc:_x@evil.example?=",
        "Body.",
    )
    reply = extract_reply(raw)
    assert reply.subject == "Re: Grüße Bcc: x@evil.example"
    assert "\n" not in reply.subject and "\r" not in reply.subject


def test_raw_8bit_header_is_read_as_utf8() -> None:
    raw = "From: Zoë <z@support.acme.example>\nSubject: Re: Café\n\nBody.".encode()
    assert extract_reply(raw).subject == "Re: Café"


def test_sender_and_recipients_come_from_the_envelope() -> None:
    reply = extract_reply(
        plain("Hi."), sender="bounce@acme.example", recipients=["a@x.example", "b@y.example"]
    )
    assert reply.sender == "bounce@acme.example"
    assert reply.recipients == ("a@x.example", "b@y.example")
    assert extract_reply(plain("Hi.")).sender == "mina@support.acme.example"


# ------------------------------------------------------------------ limits


def test_header_cap() -> None:
    raw = b"From: a@support.acme.example\nSubject: " + b"x" * 300_000 + b"\n\nThe body survives."
    reply = extract_reply(raw, limits=ExtractLimits(max_header_bytes=64 * 1024))
    assert "limit:header-bytes" in reply.defects
    assert reply.text == "The body survives."


def test_part_cap() -> None:
    parts = "".join(f"--B\nContent-Type: text/plain\n\npart {i}\n" for i in range(300))
    raw = literal(HEAD + 'Content-Type: multipart/mixed; boundary="B"', parts + "--B--\n")
    reply = extract_reply(raw, limits=ExtractLimits(max_parts=50))
    assert "limit:parts" in reply.defects
    assert reply.text == "part 0"


def test_deep_nesting_never_raises_recursion_error() -> None:
    body = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(3000)
    )
    raw = literal(
        HEAD.replace("MIME-Version: 1.0\n", "MIME-Version: 1.0"),
        body + "Content-Type: text/plain\n\ndeep\n",
    )
    reply = extract_reply(raw)
    assert any(d.startswith("limit:") for d in reply.defects)


def test_depth_cap() -> None:
    body = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(30))
    raw = literal(
        HEAD.strip() + "\n" + body.split("\n\n", 1)[0],
        body.split("\n\n", 1)[1] + "Content-Type: text/plain\n\ndeep words\n",
    )
    reply = extract_reply(raw, limits=ExtractLimits(max_depth=10))
    assert "limit:depth" in reply.defects


def test_decoded_size_cap() -> None:
    raw = plain("word " * 50_000)
    reply = extract_reply(raw, limits=ExtractLimits(max_decoded_bytes=10_000))
    assert "limit:decoded-size" in reply.defects
    assert 9_000 < len(reply.text) <= 10_000


def test_message_size_cap() -> None:
    raw = plain("word " * 50_000)
    reply = extract_reply(raw, limits=ExtractLimits(max_message_bytes=20_000))
    assert "limit:message-bytes" in reply.defects


def test_bad_limits_are_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="max_parts"):
        ExtractLimits(max_parts=0)


def test_non_bytes_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="bytes"):
        extract_reply("a string")  # type: ignore[arg-type]
