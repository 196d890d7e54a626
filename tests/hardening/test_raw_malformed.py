"""Each malformed input of issue 8 point 5, sent over a raw socket as an in-scope
reply: the answer is 250 (forwarded or held) or 451 (the client retries), never
a 5xx for a limit of ours below Postfix's, never a hang; the session stays usable."""

from __future__ import annotations

import time

import pytest

from gateway.server import LINE_LENGTH_LIMIT

from .kit import RawSMTP, malformed_messages, reply

INPUTS = {
    **malformed_messages(),
    "SMTP smuggling (bare LF dot LF)": reply(
        "smuggle@support.acme.example",
        b"Hi Kim,\r\n\n.\nMAIL FROM:<evil@x>\nRCPT TO:<victim@x>\nDATA\nevil\n.\r\n"),
    "only bare LF line ends": reply("lf@support.acme.example").replace(b"\r\n", b"\n"),
    f"one line over {LINE_LENGTH_LIMIT} bytes": reply("huge@support.acme.example",
                                                     b"y" * (LINE_LENGTH_LIMIT + 10) + b"\r\n"),
}

RESULTS: dict[str, tuple[int, str, float]] = {}


@pytest.mark.parametrize("name", list(INPUTS))
def test_malformed_input_gets_250_or_451(make_gateway, sink, name, capsys):
    gateway = make_gateway()
    started = time.monotonic()
    with RawSMTP(gateway.port, timeout=120) as client:  # a hang fails here, it never blocks
        client.cmd("EHLO client.test")
        code, text = client.transaction(INPUTS[name])
        seconds = time.monotonic() - started
        assert client.cmd("NOOP")[0] == 250  # the session is still usable
        assert client.cmd("RSET")[0] == 250
    with capsys.disabled():
        print(f"\n[raw] {name:40} {len(INPUTS[name]):>9} bytes -> {code} "
              f"({seconds:.2f} s) {text[:90]}")
    assert code in (250, 451), (code, text)
    if code == 451:
        assert "4." in text  # an enhanced status code and a reason
    if name.startswith("SMTP smuggling"):
        assert all("evil@x" not in m.mail_from for m in sink.messages)
