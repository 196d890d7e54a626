"""The server's fast paths must answer exactly as aiosmtpd's own code would: the
MAIL/RCPT address parser is compared with aiosmtpd's on plain, odd and random
arguments (what the session would store, and the parameters it would read)."""

from __future__ import annotations

import random
import string

from aiosmtpd.smtp import SMTP

from gateway.server import _PLAIN_PATH, GatewaySMTP

FIXED = [
    "<kim@customer.example>", "<kim@customer.example> SIZE=100 BODY=8BITMIME", "<>",
    "<a@b>SIZE=5", "< a@b >", "<a.b+c@x-y.z>", '<"john doe"@x.example>', "<postmaster>",
    "<a..b@x>", "a@b", "<a@b.>", "<a@-b>", "<a@b> ", "<a@b>  X=1 ", "<a@b> (comment) X=1",
    "<jürgen@bücher.example> SMTPUTF8", "<@relay.example:a@b>", "<a@[127.0.0.1]>",
]


def _parse(cls: type, arg: str, limit: int = 0):
    server = cls.__new__(cls)
    server.local_part_limit = limit
    address, rest = cls._getaddr(server, arg)
    return address, None if rest is None else rest.split()


def _random_args(count: int) -> list[str]:
    rng = random.Random(7)
    chars = string.ascii_letters + string.digits + '.-_+@<>" ()=!#é\t'
    out = []
    for _ in range(count):
        out.append("<" + "".join(rng.choice(chars) for _ in range(rng.randint(0, 30))) + ">"
                   + rng.choice(["", " SIZE=1", "X", "  BODY=8BITMIME "]))
        out.append("<" + rng.choice(["ab", "a.b", "a-b", ".a", "a."]) + "@"
                   + rng.choice(["b.c", "b-c.d", "b..c", "-b.c", "b.c-", "b"]) + ">"
                   + rng.choice(["", " SIZE=1", "X", "\tA=1"]))
    return out


def test_address_parser_matches_aiosmtpd():
    args = FIXED + _random_args(3000)
    fast = sum(1 for a in args if _PLAIN_PATH.match(a.lstrip()))
    assert fast > 500  # the fast path really ran
    for arg in args:
        assert _parse(GatewaySMTP, arg) == _parse(SMTP, arg), arg


def test_local_part_limit_still_applies():
    arg = "<" + "a" * 70 + "@b.example>"
    assert _parse(GatewaySMTP, arg, limit=64) == (None, None) == _parse(SMTP, arg, limit=64)


def test_a_session_still_finds_every_command_and_auth_method():
    """GatewaySMTP.__dir__ lists only smtp_*/auth_* names (aiosmtpd introspects each
    new session with dir()); every command and AUTH mechanism must still be found."""
    import asyncio

    from gateway.config import Settings
    from gateway.server import GatewayHandler, Sessions

    async def build():
        return GatewaySMTP(GatewayHandler(None, Settings()), Settings(), Sessions())

    session = asyncio.run(build())
    every = [n for n in object.__dir__(session) if n.startswith("smtp_")]
    assert sorted(session._smtp_methods) == sorted(n[5:] for n in every)
    assert {"DATA", "MAIL", "RCPT", "EHLO", "AUTH", "QUIT"} <= set(session._smtp_methods)
    assert set(session._auth_methods) >= {"LOGIN", "PLAIN"}
