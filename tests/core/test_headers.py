"""The cheap header scan: bounded, never raises, strips what could inject."""

from __future__ import annotations

from gateway.headers import addresses, clean_text, decode_words, scan_headers


def test_unfolds_and_finds_body() -> None:
    raw = b"Subject: a\r\n long\r\n\tsubject\r\nFrom: x@y.example\r\n\r\nbody\r\n"
    view = scan_headers(raw)
    assert view.get("subject") == "a long subject"
    assert view.get("FROM") == "x@y.example"
    assert raw[view.body_offset:] == b"body\r\n"
    assert not view.truncated


def test_lf_only_and_no_body() -> None:
    view = scan_headers(b"A: 1\nB: 2\n")
    assert view.get_all("b") == ["2"]
    assert view.body_offset == len(b"A: 1\nB: 2\n")


def test_header_limit_truncates_without_reading_the_rest() -> None:
    raw = b"X-Big: " + b"a" * 5000 + b"\r\nSubject: late\r\n\r\nbody"
    view = scan_headers(raw, limit=1000)
    assert view.truncated
    assert view.get("subject") is None


def test_garbage_does_not_raise() -> None:
    for raw in (b"", b"\r\n\r\n", b"\xff\xfe\x00:::\r\n", b":no name\r\n\r\n", b" \r\n cont"):
        scan_headers(raw)


def test_clean_text_strips_controls_and_caps() -> None:
    assert clean_text("Hi\r\nBcc: evil@x.example") == "Hi Bcc: evil@x.example"
    assert clean_text("a\u2028b\x00c") == "a b c"
    assert len(clean_text("x" * 5000, cap=200)) == 200


def test_encoded_word_with_crlf_is_neutralised() -> None:
    decoded = decode_words("=?utf-8?q?Hi=0D=0ABcc=3A_evil=40x=2Eexample?=")
    assert "\r" not in decoded and "\n" not in decoded
    assert decoded == "Hi Bcc: evil@x.example"


def test_addresses() -> None:
    assert addresses('"Dana, Support" <Dana@Support.Acme.Example>, kim@c.example') == [
        "dana@support.acme.example",
        "kim@c.example",
    ]
    assert addresses("undisclosed-recipients:;") == []
    assert addresses(None) == []
