"""SMTP AUTH for a gateway that listens beyond loopback: a configured list of users.

Why so small: the gateway's only client is the organisation's own MTA (Postfix),
so one or two accounts in the config file are all it needs; a user database,
LDAP or SASL daemon would be attack surface with no use.  Passwords are kept
as scrypt hashes (`[server] auth_users`), never in clear; make one with

    python -m gateway.smtp_auth            # asks for the password twice

AUTH is only offered after STARTTLS (aiosmtpd's `auth_require_tls`), and a
listener that is not on loopback must have both (`gateway.config` refuses to
start otherwise), so a configuration mistake cannot make an open relay.

A scrypt check costs tens of milliseconds of CPU on the event loop; a successful
one is remembered (keyed by an HMAC of the credentials under a per-process
random key), so a client that reconnects pays it once.  Failed attempts are not
remembered: each costs the attacker a connection slot and `command_call_limit`
bounds AUTH per session.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import logging
import re
import secrets
import sys
from collections.abc import Mapping
from typing import Any

from aiosmtpd.smtp import AuthResult, LoginPassword

log = logging.getLogger(__name__)

#: scrypt parameters for new hashes (about 16 MiB and a few tens of ms per check).
SCRYPT_N, SCRYPT_R, SCRYPT_P, DKLEN = 2**14, 8, 1, 32
_HASH = re.compile(
    r"scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]{16,200})\$([A-Za-z0-9+/=]{16,200})"
)
_USER = re.compile(r"[A-Za-z0-9._@+-]{1,128}")
#: Successful checks remembered per process (bounded).
_REMEMBERED_MAX = 256


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash` for `[server] auth_users`."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P, dklen=DKLEN, maxmem=64 * 1024 * 1024)
    b64 = base64.b64encode
    return (f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}$"
            f"{b64(digest).decode()}")


def check_hash_format(value: object) -> str:
    """Config parser for one stored hash; ValueError says what is expected."""
    if not isinstance(value, str) or not _HASH.fullmatch(value):
        raise ValueError('a password hash "scrypt$N$r$p$salt$hash" made with '
                         "`python -m gateway.smtp_auth`")
    n, r, p = (int(x) for x in _HASH.fullmatch(value).groups()[:3])  # type: ignore[union-attr]
    if n < 2**10 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        raise ValueError("scrypt parameters N (a power of two >= 1024), r (1-64), p (1-16)")
    return value


def check_user(value: object) -> str:
    if not isinstance(value, str) or not _USER.fullmatch(value):
        raise ValueError("a user name of letters, digits and ._@+- (at most 128)")
    return value


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored scrypt hash (constant-time compare)."""
    m = _HASH.fullmatch(stored)
    if m is None:
        return False
    n, r, p = (int(x) for x in m.groups()[:3])
    try:
        salt, expected = base64.b64decode(m.group(4)), base64.b64decode(m.group(5))
        digest = hashlib.scrypt(password.encode("utf-8", "surrogateescape"), salt=salt,
                                n=n, r=r, p=p, dklen=len(expected),
                                maxmem=128 * 1024 * 1024)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


class Authenticator:
    """aiosmtpd `authenticator` callable over `[server] auth_users`."""

    def __init__(self, users: Mapping[str, str]) -> None:
        self.users = dict(users)
        self._key = secrets.token_bytes(32)
        self._remembered: set[bytes] = set()

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        try:
            user = auth_data.login.decode("utf-8")
            password = auth_data.password.decode("utf-8", "surrogateescape")
        except UnicodeDecodeError:
            return AuthResult(success=False, handled=False)
        stored = self.users.get(user)
        ok = stored is not None and self._check(user, password, stored)
        peer = getattr(session, "peer", None)
        if ok:
            log.info("AUTH %s accepted for %r", mechanism, user)
            return AuthResult(success=True, auth_data=user)
        log.warning("AUTH %s refused for %r from %s", mechanism, user[:64],
                    peer[0] if isinstance(peer, tuple) else peer)
        return AuthResult(success=False, handled=False)

    def _check(self, user: str, password: str, stored: str) -> bool:
        mark = hmac.new(self._key, b"\0".join(
            s.encode("utf-8", "surrogateescape") for s in (user, password, stored)),
            hashlib.sha256).digest()
        if mark in self._remembered:
            return True
        if not verify_password(password, stored):
            return False
        if len(self._remembered) >= _REMEMBERED_MAX:
            self._remembered.clear()
        self._remembered.add(mark)
        return True


def main(argv: list[str] | None = None) -> int:
    """Print a hash for `[server] auth_users` (password from the terminal or stdin)."""
    if sys.stdin.isatty():
        password = getpass.getpass("Password for the gateway's SMTP AUTH: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ; nothing was printed.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 12:
        print("Please use at least 12 characters; nothing was printed.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
