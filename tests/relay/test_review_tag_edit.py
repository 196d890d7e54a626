"""The review tag leaves the Subject by the smallest possible byte edit."""

from __future__ import annotations

import email
import email.policy

import pytest

from gateway.review_tag import strip_review_tag

HEAD = b"From: Maria <maria@support.acme.example>\r\nTo: kim@customer.example\r\n"
BODY = b"\r\nHello [review] stays in the body.\r\n"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (b"Subject: Re: [review] Your order\r\n", b"Subject: Re: Your order\r\n"),
        (b"Subject: [Review] Re: Your order\r\n", b"Subject: Re: Your order\r\n"),
        (b"Subject: Re: Your order [REVIEW]\r\n", b"Subject: Re: Your order\r\n"),
        (b"subject:Re: Your\r\n order [review]\r\n", b"subject:Re: Your\r\n order\r\n"),
        (b"Subject: Re: no tag here\r\n", b"Subject: Re: no tag here\r\n"),
    ],
)
def test_plain_subject(subject, expected):
    raw = HEAD + subject + BODY
    assert strip_review_tag(raw, "[review]") == HEAD + expected + BODY


def test_only_the_first_subject_field_and_never_the_body():
    raw = b"X-Subject: [review] x\r\n" + HEAD + b"Subject: Re: [review] a\r\n" + BODY
    out = strip_review_tag(raw, "[review]")
    assert out == b"X-Subject: [review] x\r\n" + HEAD + b"Subject: Re: a\r\n" + BODY


@pytest.mark.parametrize(
    "encoded",
    [
        b"=?utf-8?q?Re=3A_=5Breview=5D_Ihre_R=C3=BCckerstattung?=",
        b"=?UTF-8?B?UmU6IFtyZXZpZXddIElocmUgUsO8Y2tlcnN0YXR0dW5n?=",
    ],
)
def test_encoded_subject_is_decoded_edited_and_encoded_again(encoded):
    raw = HEAD + b"Subject: " + encoded + b"\r\nX-After: 1\r\n" + BODY
    out = strip_review_tag(raw, "[review]")
    parsed = email.message_from_bytes(out, policy=email.policy.default)
    assert parsed["Subject"] == "Re: Ihre Rückerstattung"
    assert out.startswith(HEAD + b"Subject: ")
    assert out.endswith(b"\r\nX-After: 1\r\n" + BODY)


def test_lf_only_messages_keep_their_line_endings():
    raw = b"From: a@b.example\nSubject: Re: [review] x\n\nbody\n"
    assert strip_review_tag(raw, "[review]") == b"From: a@b.example\nSubject: Re: x\n\nbody\n"


def test_empty_tag_or_no_subject_changes_nothing():
    raw = HEAD + BODY
    assert strip_review_tag(raw, "[review]") is raw
    assert strip_review_tag(HEAD + b"Subject: [review]\r\n" + BODY, "") == \
        HEAD + b"Subject: [review]\r\n" + BODY
