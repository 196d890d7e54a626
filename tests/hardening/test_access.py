"""Who may use the gateway, and what it echoes: allowed_clients, STARTTLS, AUTH over
TLS only, no open relay by configuration mistake, sanitised review notes, hold
ids and tokens that can never name a file outside the spool, private files."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import os
import re
import smtplib
import ssl
import stat
from pathlib import Path

import pytest
from conftest import audit_records, decisions, wait_until
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.cli import main as grace
from gateway.config import ConfigError, load_settings
from gateway.notes.tokens import TOKEN_LEN, TokenError, find_tokens, parse_token
from gateway.smtp_auth import hash_password, verify_password
from gateway.store.base import StoreError
from gateway.store.records import HOLD_ID_PATTERN
from gateway.store.spool import Spool

from .kit import (
    AGENT,
    CUSTOMER,
    EMPTY_BODY,
    OTHER_SENDER,
    RawSMTP,
    closed_by_peer,
    encoded_word,
    plain,
    reply,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "gateway.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("gateway.test")]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


def client_tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return context


def ehlo_keywords(text: str) -> set[str]:
    return {line.split()[0] for line in text.splitlines()[1:]}


# ----------------------------------------------------------------- who may connect


def test_refused_client_sees_554_before_it_can_say_anything(make_gateway, sink):
    gateway = make_gateway(server={"allowed_clients": ["192.0.2.0/24"]})
    with RawSMTP(gateway.port) as client:
        assert client.greeting[0] == 554 and "allowed_clients" in client.greeting[1]
        assert closed_by_peer(client.sock)
    assert sink.messages == []


def test_starttls_required_before_mail(make_gateway, sink, certificate):
    cert, key = certificate
    gateway = make_gateway(server={"tls_cert": str(cert), "tls_key": str(key),
                                   "require_starttls": True})
    with RawSMTP(gateway.port) as client:
        code, text = client.cmd("EHLO client.test")
        assert "STARTTLS" in ehlo_keywords(text)
        code, text = client.cmd(f"MAIL FROM:<{OTHER_SENDER}>")
        assert code == 530  # a policy answer, not a fault of ours
    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=30) as client:
        client.starttls(context=client_tls())
        assert client.sendmail(OTHER_SENDER, [CUSTOMER], plain("tls@x")) == {}
    assert len(sink.wait_for(1)) == 1


def test_auth_only_over_tls_and_required_when_users_are_configured(
        make_gateway, sink, certificate, password_hash):
    cert, key = certificate
    gateway = make_gateway(server={"tls_cert": str(cert), "tls_key": str(key),
                                   "auth_users": {"postfix": password_hash}})
    plain_auth = base64.b64encode(f"\0postfix\0{PASSWORD}".encode()).decode()
    with RawSMTP(gateway.port) as client:
        code, text = client.cmd("EHLO client.test")
        assert "AUTH" not in ehlo_keywords(text)  # never offered in clear text
        assert client.cmd(f"AUTH PLAIN {plain_auth}")[0] == 538
        assert client.cmd(f"MAIL FROM:<{OTHER_SENDER}>")[0] == 530
    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=30) as client:
        client.starttls(context=client_tls())
        client.ehlo("client.test")
        assert client.has_extn("auth")
        assert client.mail(OTHER_SENDER)[0] == 530  # authentication required
        with pytest.raises(smtplib.SMTPAuthenticationError) as wrong:
            client.login("postfix", "not the password")
        assert wrong.value.smtp_code == 535
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login("nobody", PASSWORD)
        assert client.login("postfix", PASSWORD)[0] == 235
        assert client.sendmail(OTHER_SENDER, [CUSTOMER], plain("auth@x")) == {}
    assert len(sink.wait_for(1)) == 1


def test_password_hashes_verify_and_are_salted(password_hash):
    assert verify_password(PASSWORD, password_hash)
    assert not verify_password(PASSWORD + "x", password_hash)
    assert hash_password(PASSWORD) != password_hash  # a fresh salt each time
    assert not verify_password(PASSWORD, "scrypt$16384$8$1$AAAA$BBBB")


@pytest.mark.parametrize(
    ("server", "named"),
    [
        ({"listen": "0.0.0.0:10025"}, "[server] listen"),
        ({"listen": "192.0.2.10:10025"}, "[server] listen"),
        ({"listen": "mail.example:10025"}, "[server] listen"),
        ({"listen": "0.0.0.0:10025", "require_starttls": True, "tls": True}, "auth_users"),
        ({"auth_users": {"postfix": None}}, "tls_cert"),
        ({"auth_users": {"postfix": "plaintext-password"}}, "auth_users"),
    ],
)
def test_an_open_relay_cannot_be_configured(tmp_path, certificate, password_hash, server,
                                            named):
    cert, key = certificate
    lines = ["[server]"]
    for name, value in server.items():
        if name == "tls":
            lines += [f'tls_cert = "{cert}"', f'tls_key = "{key}"']
        elif name == "auth_users":
            users = {u: (h or password_hash) for u, h in value.items()}
            lines.append("auth_users = { " + ", ".join(f'{u} = "{h}"' for u, h in users.items())
                         + " }")
        else:
            lines.append(f"{name} = {value!r}".replace("'", '"').replace("True", "true"))
    path = tmp_path / "exposed.toml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert named in str(info.value)


def test_an_exposed_listener_with_tls_and_auth_is_accepted(tmp_path, certificate,
                                                            password_hash):
    cert, key = certificate
    path = tmp_path / "exposed.toml"
    path.write_text(f'[server]\nlisten = "0.0.0.0:10025"\ntls_cert = "{cert}"\n'
                    f'tls_key = "{key}"\nrequire_starttls = true\n'
                    f'auth_users = {{ postfix = "{password_hash}" }}\n')
    settings = load_settings(path)
    assert settings.effective()["server"]["auth_users"] == {"postfix": "<set>"}


def test_listen_flag_cannot_open_the_gateway_either(tmp_path, capsys):
    path = tmp_path / "loopback.toml"
    path.write_text(f'[state]\ndir = "{tmp_path / "state"}"\n')
    assert grace(["serve", "--config", str(path), "--listen", "0.0.0.0:10025"]) == 2
    assert "[server] listen" in capsys.readouterr().err


# ----------------------------------------------------------------- what the note echoes

HOSTILE_SUBJECT = "Re: Hi\r\nBcc: evil@attacker.example\r\n\x00\x1b[2J" + "A" * 5000
HOSTILE_NAME = "Maria\r\nTo: victim@attacker.example\r\nX-Evil: 1"


def header_lines(raw: bytes) -> list[bytes]:
    head = raw.split(b"\r\n\r\n", 1)[0]
    return head.split(b"\r\n")


def test_the_review_note_never_echoes_raw_header_text(make_gateway, sink):
    gateway = make_gateway()
    raw = reply(
        "hostile@support.acme.example", EMPTY_BODY,
        subject=encoded_word(HOSTILE_SUBJECT),
        thread="q\x01\xc3\xa9@customer.example",  # C0 and 8-bit inside an id
        headers=b"X-Display: " + encoded_word(HOSTILE_NAME) + b"\r\n",
    ).replace(b"From: Maria Lopez", b"From: " + encoded_word(HOSTILE_NAME))
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(raw)
    assert code == 250 and "held" in text, text
    [note] = wait_until(lambda: sink.to(AGENT), timeout=20)
    lines = header_lines(note.data)
    names = [line.split(b":", 1)[0].lower() for line in lines if line[:1] not in b" \t"]
    assert b"bcc" not in names and b"x-evil" not in names
    assert names.count(b"to") == 1
    for line in lines:  # every header line: printable ASCII only, and short
        assert re.fullmatch(rb"[\t -~]*", line), line
        assert len(line) <= 998
    parsed = email.message_from_bytes(note.data, policy=email.policy.default)
    subject = str(parsed["subject"])
    assert "\r" not in subject and "\n" not in subject and "\x1b" not in subject
    assert len(subject) <= 250 and "Bcc: evil@attacker.example" in subject  # as text
    body = parsed.get_body(("plain",)).get_content()
    assert "\x00" not in body and "\x1b" not in body
    assert "\nBcc:" not in body and "\nX-Evil" not in body
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert not re.search(r"[\x00-\x1f]", record["subject"])


# ----------------------------------------------------------------- ids and tokens

BAD_IDS = [
    "../../etc/passwd", "/etc/passwd", "h" + "a" * 23 + "/", "h../../../../../../tmp/x",
    "h" + "a" * 24 + "\x00", "h" + "a" * 24 + "/../x", "H" + "A" * 24, "h" + "a" * 25,
    "h" + "ａ" * 24, "h" + "a" * 23 + "\n", ".h" + "a" * 24, "",
]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_hold_id_never_becomes_a_path(tmp_path, bad):
    spool = Spool(tmp_path / "spool")
    spool.ensure()
    with pytest.raises(StoreError):
        spool.path(bad)
    with pytest.raises(StoreError):
        spool.write(bad, b"x")
    with pytest.raises(StoreError):
        spool.read(bad)
    assert list((tmp_path / "spool").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spool"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_only_well_formed_hold_ids_name_spool_files(tmp_path_factory, text):
    spool = Spool(tmp_path_factory.getbasetemp() / "ids-spool")
    if re.fullmatch(HOLD_ID_PATTERN, text):
        assert spool.path(text).parent == spool.directory
    else:
        with pytest.raises(StoreError):
            spool.path(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3 * TOKEN_LEN)
       | st.builds(lambda k, s: k + s, st.sampled_from("rfnRFN"),
                   st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567ſıKİ/.\\%",
                           min_size=TOKEN_LEN - 1, max_size=TOKEN_LEN - 1)))
def test_tokens_parse_or_are_refused_never_crash(text):
    for candidate in [text, *find_tokens(text)]:
        try:
            token = parse_token(candidate)
        except TokenError:
            continue
        assert token.hold_id == "" or re.fullmatch(HOLD_ID_PATTERN, token.hold_id)


def test_the_store_refuses_traversal_ids(make_gateway, sink):
    gateway = make_gateway()
    store = gateway.server.store
    for bad in BAD_IDS[:6]:
        assert gateway.call(store.get_hold(bad)) is None
        with pytest.raises(StoreError):
            gateway.call(store.held_message(bad))


def test_the_cli_refuses_traversal_ids(make_gateway, sink, capsys):
    gateway = make_gateway()
    for action in (["show"], ["release", "--reason", "x"], ["discard", "--reason", "x"]):
        code = grace(["held", action[0], "../../etc/passwd", *action[1:], "--config",
                      gateway.settings.source])
        assert code == 2
        assert "is not a hold id" in capsys.readouterr().err


def test_a_release_mail_with_a_hostile_token_is_refused_not_deferred(make_gateway, sink):
    gateway = make_gateway()
    release = gateway.settings.release_address
    hostile = "r" + "ſ" * (TOKEN_LEN - 1)
    raw = (f"From: {AGENT}\r\nTo: {release}\r\nSubject: Release {hostile}\r\n"
           f"Message-ID: <rel@support.acme.example>\r\n\r\nrelease {hostile}\r\n"
           "../../etc/passwd\r\n").encode()
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(raw, sender=AGENT, rcpts=(release,))
    assert code == 250, text  # consumed and answered by mail, not retried forever
    refusals = wait_until(lambda: [r for r in audit_records(gateway.settings)
                                   if r.get("kind") == "release-refused"])
    assert refusals


# ----------------------------------------------------------------- private files


def test_state_and_spool_files_are_private_whatever_the_umask(make_gateway, sink):
    old = os.umask(0)
    try:
        gateway = make_gateway()
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO client.test")
            code, _ = client.transaction(reply("private@support.acme.example", EMPTY_BODY))
        assert code == 250
        wait_until(lambda: sink.to(AGENT), timeout=20)  # the note went out too
    finally:
        os.umask(old)
    state = gateway.settings.state.dir
    found = {}
    for path in [state, *state.rglob("*")]:
        found[str(path.relative_to(state))] = stat.S_IMODE(path.stat().st_mode)
    for name, mode in found.items():
        wanted = 0o700 if (state / name).is_dir() else 0o600
        assert mode == wanted, f"{name} has mode {mode:o}, expected {wanted:o}"
    assert any(name.startswith("spool/h") and name.endswith(".eml") for name in found)
    assert "grace.db" in found and "token-secret" in found
