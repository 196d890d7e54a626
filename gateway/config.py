"""Configuration: one TOML file, validated completely before the gateway starts.

A gateway that starts on a typo can hold or leak mail, so every key is checked:
an unknown key or a bad value raises `ConfigError` naming the file, the key and
what was expected (the CLI turns it into exit status 2).  With no file at all the
embedded defaults apply: listen on 127.0.0.1:10025, relay to 127.0.0.1:10026,
state under `$GRACE_HOME` else `./var`, nothing in scope (a plain relay).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import re
import socket
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(ValueError):
    """A configuration problem; str() is a complete, user-facing sentence."""

    def __init__(self, origin: str, key: str, expected: str, got: object = None) -> None:
        self.origin, self.key, self.expected, self.got = origin, key, expected, got
        shown = "" if got is None else f", got {got!r}"
        super().__init__(f"{origin}: {key}: expected {expected}{shown}")


class Mode(StrEnum):
    ENFORCE = "enforce"
    ADVISE = "advise"
    MONITOR = "monitor"


class OnTimeout(StrEnum):
    ESCALATE = "escalate"
    RELEASE = "release"
    KEEP = "keep"


class OnBreach(StrEnum):
    HOLD = "hold"
    PASS = "pass"


@dataclass(frozen=True, slots=True)
class HostPort:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


# ----------------------------------------------------------------- value parsers
# Each parser takes the raw TOML value and returns the typed value, or raises
# ValueError whose text says what was expected.


def parse_host_port(raw: object) -> HostPort:
    expected = 'a "host:port" string such as "127.0.0.1:10025" or "[::1]:10025"'
    if not isinstance(raw, str):
        raise ValueError(expected)
    m = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\]:(\d{1,5})|([^:\[\]\s]+):(\d{1,5})", raw.strip())
    if not m:
        raise ValueError(expected)
    host = m.group(1) or m.group(3)
    port = int(m.group(2) or m.group(4))
    if not 0 < port < 65536:
        raise ValueError("a port between 1 and 65535")
    return HostPort(host, port)


def _int(minimum: int = 0, maximum: int | None = None) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(f"an integer >= {minimum}")
        if raw < minimum or (maximum is not None and raw > maximum):
            bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            raise ValueError(f"an integer {bound}")
        return raw

    return parse


_SIZE_UNITS = {
    "": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3
}


def parse_size(raw: object) -> int:
    """Bytes, as an integer or a string such as "50MB" / "512k"."""
    expected = 'a size in bytes: an integer or a string such as "50MB"'
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw
    if isinstance(raw, str):
        m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG][bB]?)?\s*", raw)
        if m:
            return int(m.group(1)) * _SIZE_UNITS[(m.group(2) or "").lower()]
    raise ValueError(expected)


_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(raw: object) -> float:
    """Seconds, as a number or a string such as "90s", "30m", "2h", "7d", "1h30m"."""
    expected = 'a duration: seconds as a number, or a string such as "30s", "15m", "2h", "7d"'
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0:
        return float(raw)
    if isinstance(raw, str):
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhdw])", raw.strip().lower())
        if parts and re.fullmatch(r"(\s*\d+(?:\.\d+)?\s*[smhdw])+\s*", raw.lower()):
            return float(sum(float(n) * _DURATION_UNITS[u] for n, u in parts))
    raise ValueError(expected)


def _bool(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise ValueError("true or false")
    return raw


def _str(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError("a string")
    return raw


def _enum(kind: type[StrEnum]) -> Callable[[object], StrEnum]:
    def parse(raw: object) -> StrEnum:
        try:
            return kind(raw)
        except ValueError:
            raise ValueError("one of " + ", ".join(m.value for m in kind)) from None

    return parse


def _list(item: Callable[[object], Any]) -> Callable[[object], tuple[Any, ...]]:
    def parse(raw: object) -> tuple[Any, ...]:
        if not isinstance(raw, list):
            raise ValueError("a list")
        out = []
        for i, value in enumerate(raw):
            try:
                out.append(item(value))
            except ValueError as exc:
                raise ValueError(f"{exc} (item {i + 1}: {value!r})") from None
        return tuple(out)

    return parse


_HOSTNAME = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}")


def _syntax_only(address: str) -> str:
    """Validate with email-validator (syntax only, no DNS) and normalise.

    Special-use names (`corp.local`, `mail.test`, `localhost`) are refused by the
    library as undeliverable on the Internet, yet they are everyday internal
    domains; the address is accepted when it is valid with a neutral domain and
    its own domain is a well-formed host name.
    """
    try:
        return validate_email(
            address, check_deliverability=False, globally_deliverable=False,
            test_environment=True,
        ).normalized
    except EmailNotValidError as exc:
        local, _, domain = address.strip().rpartition("@")
        if "special-use or reserved" not in str(exc) or not _HOSTNAME.fullmatch(domain.lower()):
            raise
        normal = validate_email(
            f"{local}@example.com", check_deliverability=False, globally_deliverable=False
        ).normalized
        return normal.rpartition("@")[0] + "@" + domain.lower()


def parse_address(raw: object) -> str:
    """An e-mail address, syntax only (no DNS), normalised."""
    if not isinstance(raw, str):
        raise ValueError("an e-mail address")
    try:
        return _syntax_only(raw)
    except EmailNotValidError as exc:
        raise ValueError(f"an e-mail address ({exc})") from None


def parse_domain(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError("a domain name")
    domain = raw.strip().lower().lstrip("@")
    try:
        _syntax_only(f"x@{domain}")
    except EmailNotValidError as exc:
        raise ValueError(f"a domain name such as acme.example ({exc})") from None
    return domain


def parse_sender_pattern(raw: object) -> str:
    """An address ("support@acme.example") or a domain pattern ("*@support.acme.example")."""
    if isinstance(raw, str) and raw.strip().startswith("*@"):
        return "*@" + parse_domain(raw.strip()[2:])
    try:
        return parse_address(raw).lower()
    except ValueError:
        raise ValueError(
            'an address such as "support@acme.example" or a pattern such as '
            '"*@support.acme.example"'
        ) from None


def parse_network(raw: object) -> IPNetwork:
    try:
        return ipaddress.ip_network(str(raw), strict=False) if isinstance(raw, str) else _fail()
    except ValueError:
        raise ValueError('a network in CIDR form such as "127.0.0.0/8" or "::1/128"') from None


def _fail() -> IPNetwork:
    raise ValueError


def _path(raw: object) -> Path:
    if not isinstance(raw, str) or not raw:
        raise ValueError("a file or directory path")
    return Path(raw).expanduser()


def _optional(parse: Callable[[object], Any]) -> Callable[[object], Any]:
    def inner(raw: object) -> Any:
        if raw == "":
            return None
        return parse(raw)

    return inner


def _mode_map(raw: object) -> Mapping[str, Mode]:
    if not isinstance(raw, dict):
        raise ValueError('a table of sender pattern = "enforce" | "advise" | "monitor"')
    out = {}
    for pattern, mode in raw.items():
        out[parse_sender_pattern(pattern)] = _enum(Mode)(mode)
    return out


def _auth_users(raw: object) -> Mapping[str, str]:
    from gateway.smtp_auth import check_hash_format, check_user

    if not isinstance(raw, dict):
        raise ValueError('a table of user name = "scrypt$..." password hash')
    return {check_user(user): check_hash_format(value) for user, value in raw.items()}


def _table(raw: object) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError("a table")
    return raw


def _opt(parse: Callable[[object], Any], help_: str = "") -> Any:
    """Field metadata: the parser for the TOML value (and a one-line help text)."""
    return {"parse": parse, "help": help_}


# ----------------------------------------------------------------- sections

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


@dataclass(frozen=True)
class ServerSettings:
    listen: HostPort = field(
        default=HostPort("127.0.0.1", 10025), metadata=_opt(parse_host_port)
    )
    hostname: str = field(default_factory=socket.getfqdn, metadata=_opt(_str))
    #: At least Postfix's message_size_limit plus headroom: a smaller limit bounces mail.
    max_message_size: int = field(default=64 * 1024 * 1024, metadata=_opt(parse_size))
    max_recipients: int = field(default=1000, metadata=_opt(_int(1)))
    allowed_clients: tuple[IPNetwork, ...] = field(
        default=LOOPBACK, metadata=_opt(_list(parse_network))
    )
    #: Processes sharing the port (SO_REUSEPORT); 0 = one per CPU core.
    workers: int = field(default=0, metadata=_opt(_int(0, 256)))
    #: Client inactivity timeout; it also bounds DATA upload + processing.
    timeout: float = field(default=600.0, metadata=_opt(parse_duration))
    #: Per-message processing deadline; exceeded -> 451 (the client retries).
    processing_deadline: float = field(default=120.0, metadata=_opt(parse_duration))
    max_connections: int = field(default=200, metadata=_opt(_int(1)))
    #: Per-session cap on each SMTP command other than MAIL, RCPT, DATA and RSET
    #: (NOOP, VRFY, EXPN, HELP, EHLO, AUTH ...); over it: 421 and disconnect.
    #: Transactions are never capped: Postfix reuses a connection for thousands.
    #: 0 = off.
    command_call_limit: int = field(default=100, metadata=_opt(_int(0)))
    tls_cert: Path | None = field(default=None, metadata=_opt(_optional(_path)))
    tls_key: Path | None = field(default=None, metadata=_opt(_optional(_path)))
    require_starttls: bool = field(default=False, metadata=_opt(_bool))
    #: SMTP AUTH users (name = scrypt hash from `python -m gateway.smtp_auth`);
    #: when set, AUTH (over TLS only) is required before MAIL.
    auth_users: Mapping[str, str] = field(default_factory=dict, metadata=_opt(_auth_users))


@dataclass(frozen=True)
class RelaySettings:
    next_hop: HostPort = field(
        default=HostPort("127.0.0.1", 10026), metadata=_opt(parse_host_port)
    )
    connect_timeout: float = field(default=30.0, metadata=_opt(parse_duration))
    #: Per-command timeout towards the next hop (Postfix waits up to 600 s after DATA).
    timeout: float = field(default=120.0, metadata=_opt(parse_duration))
    #: Connections kept open to the next hop for reuse.
    pool_size: int = field(default=8, metadata=_opt(_int(0, 1000)))
    #: Name used in EHLO towards the next hop; empty = [server] hostname.
    helo_name: str = field(default="", metadata=_opt(_str))


@dataclass(frozen=True)
class StateSettings:
    #: Holds the audit database, the hold spool and the token secret (mode 0700).
    dir: Path = field(
        default_factory=lambda: Path(os.environ.get("GRACE_HOME") or "./var"),
        metadata=_opt(_path),
    )


@dataclass(frozen=True)
class ScopeSettings:
    support_senders: tuple[str, ...] = field(
        default=(), metadata=_opt(_list(parse_sender_pattern))
    )
    internal_domains: tuple[str, ...] = field(default=(), metadata=_opt(_list(parse_domain)))
    review_tag: str = field(default="[review]", metadata=_opt(_str))
    #: Subject prefixes that mark a reply (case-insensitive, before the colon).
    reply_prefixes: tuple[str, ...] = field(
        default=("re", "aw", "sv", "antw", "vs", "rv", "res", "r", "rif", "odp", "ynt", "ref"),
        metadata=_opt(_list(_str)),
    )


@dataclass(frozen=True)
class ModesSettings:
    default: Mode = field(default=Mode.ENFORCE, metadata=_opt(_enum(Mode)))
    #: Per-sender or per-pattern ("*@domain") mode overrides.
    senders: Mapping[str, Mode] = field(default_factory=dict, metadata=_opt(_mode_map))
    #: Senders who opted in to review: their replies are checked in enforce mode.
    opt_in: tuple[str, ...] = field(default=(), metadata=_opt(_list(parse_sender_pattern)))


@dataclass(frozen=True)
class HoldsSettings:
    timeout: float = field(default=7200.0, metadata=_opt(parse_duration))
    on_timeout: OnTimeout = field(default=OnTimeout.ESCALATE, metadata=_opt(_enum(OnTimeout)))
    #: May release or discard any hold (by mail or CLI); receive escalations.
    reviewers: tuple[str, ...] = field(default=(), metadata=_opt(_list(parse_address)))
    #: Release tokens expire after this long.
    token_ttl: float = field(default=7 * 86400.0, metadata=_opt(parse_duration))
    #: HMAC secret for release tokens; empty = generated once, kept in the state dir.
    secret: str = field(default="", metadata=_opt(_str))
    #: Held message bodies are deleted this many days after the hold ended.
    retain_days: int = field(default=30, metadata=_opt(_int(0)))


@dataclass(frozen=True)
class AuditSettings:
    #: Audit records older than this are pruned behind a checkpoint; 0 = keep all.
    retain_days: int = field(default=0, metadata=_opt(_int(0)))
    include_evidence: bool = field(default=True, metadata=_opt(_bool))
    include_subject: bool = field(default=True, metadata=_opt(_bool))
    pseudonymise_recipients: bool = field(default=False, metadata=_opt(_bool))
    #: Record every out-of-scope pass-through too (false = count them only).
    record_out_of_scope: bool = field(default=True, metadata=_opt(_bool))


@dataclass(frozen=True)
class NotesSettings:
    enabled: bool = field(default=True, metadata=_opt(_bool))
    #: Sender shown on review notes; empty = grace@<first internal domain>.
    from_address: str = field(default="", metadata=_opt(_optional(parse_address)))
    #: Replies to this address (with +TOKEN) release a hold; empty = grace-release@<domain>.
    release_address: str = field(default="", metadata=_opt(_optional(parse_address)))
    #: Replies here (with +TOKEN) release and report a false positive.
    false_positive_address: str = field(default="", metadata=_opt(_optional(parse_address)))
    #: Failed notes are retried this many times, with growing delays, before escalation.
    max_attempts: int = field(default=20, metadata=_opt(_int(1)))
    retry_after: float = field(default=60.0, metadata=_opt(parse_duration))


@dataclass(frozen=True)
class PoliciesSettings:
    #: Extra TOML packs layered over the default pack, in order.
    packs: tuple[Path, ...] = field(default=(), metadata=_opt(_list(_path)))
    disable: tuple[str, ...] = field(default=(), metadata=_opt(_list(_str)))
    #: Inline rule overrides: [policies.rules."kind.hostile"] severity = "advise".
    rules: Mapping[str, Any] = field(default_factory=dict, metadata=_opt(_table))


class Backend(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


@dataclass(frozen=True)
class StoreSettings:
    backend: Backend = field(default=Backend.SQLITE, metadata=_opt(_enum(Backend)))
    #: PostgreSQL connection string (backend = "postgresql").
    dsn: str = field(default="", metadata=_opt(_str))
    pool_size: int = field(default=10, metadata=_opt(_int(1, 1000)))
    #: SQLite file; empty = <state dir>/grace.db.
    path: Path | None = field(default=None, metadata=_opt(_optional(_path)))


@dataclass(frozen=True)
class HttpSettings:
    #: /healthz and /metrics on a separate loopback port; empty = off.
    listen: HostPort | None = field(default=None, metadata=_opt(_optional(parse_host_port)))


@dataclass(frozen=True)
class LimitsSettings:
    """Caps on hostile content; a breach is a recorded decision, never a crash."""

    #: Message bytes the checks read; larger in-scope replies are "unchecked".
    max_message_bytes: int = field(default=64 * 1024 * 1024, metadata=_opt(parse_size))
    max_header_bytes: int = field(default=1024 * 1024, metadata=_opt(parse_size))
    max_parts: int = field(default=500, metadata=_opt(_int(1)))
    max_depth: int = field(default=30, metadata=_opt(_int(1, 500)))
    max_decoded_bytes: int = field(default=16 * 1024 * 1024, metadata=_opt(parse_size))
    parse_timeout: float = field(default=10.0, metadata=_opt(parse_duration))
    on_breach: OnBreach = field(default=OnBreach.HOLD, metadata=_opt(_enum(OnBreach)))


@dataclass(frozen=True)
class Settings:
    server: ServerSettings = field(default_factory=ServerSettings)
    relay: RelaySettings = field(default_factory=RelaySettings)
    state: StateSettings = field(default_factory=StateSettings)
    scope: ScopeSettings = field(default_factory=ScopeSettings)
    modes: ModesSettings = field(default_factory=ModesSettings)
    holds: HoldsSettings = field(default_factory=HoldsSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    notes: NotesSettings = field(default_factory=NotesSettings)
    policies: PoliciesSettings = field(default_factory=PoliciesSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    #: Where the settings came from ("<embedded defaults>" or a file path).
    source: str = "<embedded defaults>"
    #: SHA-256 of the file's bytes (or of "" for the defaults), for the audit log.
    digest: str = hashlib.sha256(b"").hexdigest()

    # Derived values -----------------------------------------------------------
    @property
    def org_domain(self) -> str:
        domains = self.scope.internal_domains
        return domains[0] if domains else "localhost.localdomain"

    @property
    def note_from(self) -> str:
        return self.notes.from_address or f"grace@{self.org_domain}"

    @property
    def release_address(self) -> str:
        return self.notes.release_address or f"grace-release@{self.org_domain}"

    @property
    def false_positive_address(self) -> str:
        return self.notes.false_positive_address or f"grace-false-positive@{self.org_domain}"

    @property
    def db_path(self) -> Path:
        return self.store.path or self.state.dir / "grace.db"

    @property
    def workers(self) -> int:
        return self.server.workers or os.cpu_count() or 1

    def with_overrides(
        self, *, listen: HostPort | None = None, relay: HostPort | None = None
    ) -> Settings:
        """Command-line flags win over the file."""
        out = self
        if listen is not None:
            out = replace(out, server=replace(out.server, listen=listen))
            check_exposure(out, "--listen")
        if relay is not None:
            out = replace(out, relay=replace(out.relay, next_hop=relay))
        return out

    def effective(self) -> dict[str, Any]:
        """The settings as plain data (for `grace config check` and the audit)."""

        def plain(obj: Any) -> Any:
            if isinstance(obj, HostPort):  # "127.0.0.1:10025", as written in the file
                return str(obj)
            if hasattr(obj, "__dataclass_fields__"):
                return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
            if isinstance(obj, Mapping):
                return {str(k): plain(v) for k, v in obj.items()}
            if isinstance(obj, tuple | list):
                return [plain(v) for v in obj]
            if isinstance(obj, StrEnum):
                return obj.value
            if isinstance(obj, HostPort | Path | ipaddress.IPv4Network | ipaddress.IPv6Network):
                return str(obj)
            return obj

        out = plain(self)
        if out["holds"]["secret"]:
            out["holds"]["secret"] = "<set>"
        out["server"]["auth_users"] = {user: "<set>" for user in out["server"]["auth_users"]}
        if out["store"]["dsn"]:
            dsn = out["store"]["dsn"]
            out["store"]["dsn"] = re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", dsn)
        return out


_SECTIONS: dict[str, type] = {
    f.name: f.default_factory  # type: ignore[misc]
    for f in fields(Settings)
    if f.name not in ("source", "digest")
}


def _build_section(kind: type, data: object, origin: str, section: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(origin, f"[{section}]", "a table")
    known = {f.name: f for f in fields(kind)}
    values = {}
    for key, raw in data.items():
        spec = known.get(key)
        if spec is None or "parse" not in spec.metadata:
            raise ConfigError(
                origin, f"[{section}] {key}", "one of the keys " + ", ".join(sorted(known))
            )
        try:
            values[key] = spec.metadata["parse"](raw)
        except ValueError as exc:
            raise ConfigError(origin, f"[{section}] {key}", str(exc), raw) from None
    return kind(**values)


def settings_from_mapping(data: Mapping[str, Any], origin: str, digest: str) -> Settings:
    unknown = set(data) - set(_SECTIONS)
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(origin, f"[{key}]", "one of the sections " + ", ".join(_SECTIONS))
    sections = {
        name: _build_section(kind, data[name], origin, name)
        for name, kind in _SECTIONS.items()
        if name in data
    }
    settings = Settings(**sections, source=origin, digest=digest)
    _check_consistency(settings, origin)
    return settings


def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"; any other name counts as exposed."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def check_exposure(s: Settings, origin: str) -> None:
    """A listener beyond loopback must require STARTTLS and AUTH: the next hop relays
    for the gateway, so an open listener would be an open relay."""
    server = s.server
    if server.auth_users and server.tls_cert is None:
        raise ConfigError(origin, "[server] auth_users",
                          "tls_cert and tls_key to be set (AUTH is only offered over TLS)")
    if is_loopback_host(server.listen.host):
        return
    if not server.require_starttls:
        raise ConfigError(
            origin, "[server] listen",
            "a loopback address, or require_starttls = true with tls_cert/tls_key and "
            "auth_users (a listener beyond loopback would otherwise be an open relay)",
            str(server.listen))
    if not server.auth_users:
        raise ConfigError(
            origin, "[server] auth_users",
            f"at least one user, because [server] listen ({server.listen}) is not on "
            "loopback (an exposed listener must require AUTH)")


def _check_consistency(s: Settings, origin: str) -> None:
    if (s.server.tls_cert is None) != (s.server.tls_key is None):
        raise ConfigError(origin, "[server] tls_cert/tls_key", "both set, or neither")
    if s.server.require_starttls and s.server.tls_cert is None:
        raise ConfigError(origin, "[server] require_starttls", "tls_cert and tls_key to be set")
    check_exposure(s, origin)
    if s.store.backend == Backend.POSTGRESQL and not s.store.dsn.startswith(
        ("postgresql://", "postgres://")
    ):
        raise ConfigError(
            origin, "[store] dsn", 'a "postgresql://..." connection string', s.store.dsn
        )
    if s.server.processing_deadline >= s.server.timeout:
        raise ConfigError(
            origin,
            "[server] processing_deadline",
            f"less than [server] timeout ({s.server.timeout:g} s)",
            s.server.processing_deadline,
        )


def load_settings(path: Path | str | None = None) -> Settings:
    """Read and validate a config file; None = embedded defaults."""
    if path is None:
        return Settings()
    path = Path(path)
    origin = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(origin, "file", "an existing, readable TOML file", "not found") from None
    except OSError as exc:
        raise ConfigError(origin, "file", "a readable TOML file", exc.strerror) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(origin, "file", "UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(origin, "file", f"valid TOML ({exc})") from None
    return settings_from_mapping(data, origin, hashlib.sha256(raw).hexdigest())


def settings_json(settings: Settings) -> str:
    return json.dumps(settings.effective(), indent=2, sort_keys=True)
