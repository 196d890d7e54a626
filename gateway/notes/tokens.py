"""Release and report tokens: short, HMAC-signed, bound to one hold and action.

A token travels in an e-mail address (`grace-release+TOKEN@acme.example`), so it
must be short (an address local part is at most 64 octets), case-insensitive
(some mail systems lower-case addresses) and self-contained (no lookup table:
the store only remembers which tokens were used).  Layout, all lower-case
base32 without padding, 43 characters:

    kind (1) | subject (24) | issued (5) | mac (13)

* kind: `r` release a hold, `f` report a false positive on a hold (and release
  it), `n` report a false positive on a reply that was forwarded with a note.
* subject: the hold id without its `h` prefix; for `n` a digest of the reply's
  Message-ID and author (the report is matched to the audited decision).
* issued: minutes since 2020-01-01 UTC.  The token expires `[holds] token_ttl`
  after that, so shortening the TTL in the config also shortens old tokens.
* mac: HMAC-SHA256 over (kind, subject, issued, author), truncated to 65 bits.
  Guessing is an online attack that costs one mail per try and is audited.

Who may use a token is decided at use time: the hold's author or a configured
reviewer (`[holds] reviewers`).  Single use: a hold token works only while the
hold is HELD (the store's compare-and-set moves it out of HELD exactly once); a
report token is also marked used in the store (`Store.use_token`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from gateway.config import ConfigError, Settings

log = logging.getLogger(__name__)

_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_B32 = "abcdefghijklmnopqrstuvwxyz234567"
_SUBJECT_LEN = 24
_ISSUED_LEN = 5
_MAC_LEN = 13
TOKEN_LEN = 1 + _SUBJECT_LEN + _ISSUED_LEN + _MAC_LEN
#: A token anywhere in text (address, subject, body); kinds r/f/n.
#: ASCII only: under re.I alone, [a-z] also matches "ſ" and "ı", which then break parsing.
TOKEN_RE = re.compile(rf"(?<![a-z2-7])[rfn][a-z2-7]{{{TOKEN_LEN - 1}}}(?![a-z2-7])",
                      re.I | re.A)
SECRET_FILE = "token-secret"
MIN_SECRET_LEN = 16


class TokenKind(StrEnum):
    RELEASE = "r"
    REPORT = "f"
    NOTE_REPORT = "n"

    @property
    def reports(self) -> bool:
        return self in (TokenKind.REPORT, TokenKind.NOTE_REPORT)


class TokenError(ValueError):
    """A token that cannot be used; `reason` is a short machine-readable word."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(detail or reason)


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token; `verify` must succeed before anything trusts it."""

    text: str
    kind: TokenKind
    subject: str
    issued_at: datetime

    @property
    def id(self) -> str:
        """The id the store records when the token is used (never the token itself)."""
        return "t" + hashlib.sha256(self.text.encode("ascii")).hexdigest()[:32]

    @property
    def hold_id(self) -> str:
        """The hold a `r`/`f` token is for ("" for a note report)."""
        return "" if self.kind == TokenKind.NOTE_REPORT else "h" + self.subject

    def expires_at(self, ttl_seconds: float) -> datetime:
        return self.issued_at + timedelta(seconds=ttl_seconds)


def _b32_int(value: int, length: int) -> str:
    out = []
    for _ in range(length):
        out.append(_B32[value & 31])
        value >>= 5
    if value:
        raise ValueError("value too large for the token field")
    return "".join(reversed(out))


def _int_b32(text: str) -> int:
    value = 0
    for char in text:
        value = value * 32 + _B32.index(char)
    return value


def _minutes(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("token times must be timezone-aware")
    return int((moment - _EPOCH).total_seconds() // 60)


def note_subject(message_id: str, author: str) -> str:
    """The 24-character subject of a note-report token for one forwarded reply."""
    digest = hashlib.sha256(
        f"grace-note\n{message_id.strip()}\n{author.strip().lower()}".encode()
    ).digest()
    return base64.b32encode(digest[:15]).decode("ascii").lower()


class TokenSigner:
    """Issues and verifies tokens with one secret."""

    def __init__(self, secret: bytes, ttl_seconds: float) -> None:
        if len(secret) < MIN_SECRET_LEN:
            raise ValueError(f"the token secret must be at least {MIN_SECRET_LEN} bytes")
        self._key = hashlib.sha256(b"grace-token-key\n" + secret).digest()
        self.ttl = ttl_seconds

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenSigner:
        return cls(load_secret(settings), settings.holds.token_ttl)

    def _mac(self, kind: str, subject: str, issued: str, author: str) -> str:
        msg = f"grace-token/1\n{kind}\n{subject}\n{issued}\n{author.strip().lower()}"
        digest = hmac.new(self._key, msg.encode("utf-8"), hashlib.sha256).digest()
        return base64.b32encode(digest[:10]).decode("ascii").lower()[:_MAC_LEN]

    def issue(self, kind: TokenKind, subject: str, author: str, now: datetime) -> str:
        if not re.fullmatch(rf"[a-z2-7]{{{_SUBJECT_LEN}}}", subject):
            raise ValueError(f"token subject must be {_SUBJECT_LEN} base32 characters")
        issued = _b32_int(max(_minutes(now), 0), _ISSUED_LEN)
        return kind.value + subject + issued + self._mac(kind.value, subject, issued, author)

    def issue_for_hold(self, hold_id: str, author: str, now: datetime) -> tuple[str, str]:
        """(release token, report token) for a hold."""
        if not hold_id.startswith("h"):
            raise ValueError(f"not a hold id: {hold_id!r}")
        subject = hold_id[1:]
        return (
            self.issue(TokenKind.RELEASE, subject, author, now),
            self.issue(TokenKind.REPORT, subject, author, now),
        )

    def issue_for_note(self, message_id: str, author: str, now: datetime) -> str:
        """The report token for a reply that was forwarded with a note (no hold)."""
        return self.issue(TokenKind.NOTE_REPORT, note_subject(message_id, author), author, now)

    def verify(self, token: Token, author: str, now: datetime) -> None:
        """Raise TokenError("forged") or TokenError("expired"); None when valid.

        `author` is the hold's (or the forwarded reply's) author from our records:
        a token for another hold or author fails exactly like a forged one.
        """
        body = token.text
        issued = body[1 + _SUBJECT_LEN : 1 + _SUBJECT_LEN + _ISSUED_LEN]
        expected = self._mac(token.kind.value, token.subject, issued, author)
        if not hmac.compare_digest(expected, body[-_MAC_LEN:]):
            raise TokenError("forged", "the token's signature does not match")
        if now >= token.expires_at(self.ttl):
            raise TokenError("expired", "the token has expired")
        if token.issued_at > now + timedelta(minutes=5):
            raise TokenError("forged", "the token was issued in the future")


def parse_token(text: str) -> Token:
    """Parse a token's layout (no signature check).  TokenError("malformed") if bad."""
    text = text.strip().lower()
    if len(text) != TOKEN_LEN or not TOKEN_RE.fullmatch(text):
        raise TokenError("malformed", "not a Grace Gateway token")
    kind = TokenKind(text[0])
    subject = text[1 : 1 + _SUBJECT_LEN]
    issued = _int_b32(text[1 + _SUBJECT_LEN : 1 + _SUBJECT_LEN + _ISSUED_LEN])
    return Token(text, kind, subject, _EPOCH + timedelta(minutes=issued))


def find_tokens(text: str) -> list[str]:
    """Every token-shaped string in `text` (lower case, in order, no repeats)."""
    seen: dict[str, None] = {}
    for m in TOKEN_RE.finditer(text):
        seen.setdefault(m.group(0).lower(), None)
    return list(seen)


# ------------------------------------------------------------------ the secret


def load_secret(settings: Settings) -> bytes:
    """[holds] secret, else the generated secret in the state dir (made once, 0600).

    Several gateway nodes sharing one store must share the secret: set it in the
    config there.  Blocking file I/O: call at start-up, not on the event loop.
    """
    configured = settings.holds.secret
    if configured:
        if len(configured) < MIN_SECRET_LEN:
            raise ConfigError(
                settings.source,
                "[holds] secret",
                f"at least {MIN_SECRET_LEN} characters (or leave it empty to have one "
                "generated)",
            )
        return configured.encode("utf-8")
    return _state_secret(settings.state.dir / SECRET_FILE)


def _state_secret(path: Path) -> bytes:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    secret = secrets.token_hex(32).encode("ascii")
    try:
        os.write(fd, secret)
        os.fsync(fd)
    finally:
        os.close(fd)
    log.info("generated a new token secret in %s (mode 0600)", path)
    return secret


def _read_secret(path: Path) -> bytes:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        log.warning("token secret %s is readable by others (mode %o); fixing to 0600", path, mode)
        os.chmod(path, 0o600)
    secret = path.read_bytes().strip()
    if len(secret) < MIN_SECRET_LEN:
        # Another process is writing it right now (created, not yet written): retry.
        import time

        for _ in range(50):
            time.sleep(0.01)
            secret = path.read_bytes().strip()
            if len(secret) >= MIN_SECRET_LEN:
                break
        else:
            raise ConfigError(
                str(path), "token secret file", f"at least {MIN_SECRET_LEN} characters",
                "too short or empty",
            )
    return secret


def token_expiry(issued: datetime, ttl_seconds: float) -> datetime:
    """When tokens issued at `issued` stop working (for the note's wording)."""
    minutes = max(_minutes(issued), 0)
    return _EPOCH + timedelta(minutes=minutes, seconds=ttl_seconds)
