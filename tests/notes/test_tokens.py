"""Release tokens: signed, bound to one hold and author, expiring, short enough for an
address, and the secret made once with mode 0600."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest
from notekit import AGENT, NOW, settings

from gateway.config import ConfigError
from gateway.notes.tokens import (
    TOKEN_LEN,
    TokenError,
    TokenKind,
    TokenSigner,
    find_tokens,
    load_secret,
    parse_token,
    token_expiry,
)
from gateway.store.records import new_id

SECRET = b"0123456789abcdef-test"


def signer(ttl: float = 86400.0) -> TokenSigner:
    return TokenSigner(SECRET, ttl)


def test_issued_tokens_verify_and_name_their_hold():
    hold_id = new_id("h")
    release, report = signer().issue_for_hold(hold_id, AGENT, NOW)
    assert release != report and len(release) == len(report) == TOKEN_LEN
    r, f = parse_token(release), parse_token(report)
    assert (r.kind, f.kind) == (TokenKind.RELEASE, TokenKind.REPORT)
    assert r.hold_id == f.hold_id == hold_id
    signer().verify(r, AGENT, NOW + timedelta(hours=1))
    signer().verify(f, AGENT.upper(), NOW)  # addresses compare case-insensitively


def test_token_fits_an_address_local_part_and_survives_lower_casing():
    token, _ = signer().issue_for_hold(new_id("h"), AGENT, NOW)
    # the longest default control address: grace-false-positive+TOKEN
    assert len("grace-false-positive+") + len(token) <= 64
    assert token == token.lower() and token.isalnum()
    parsed = parse_token(token.upper())  # some systems upper-case local parts
    signer().verify(parsed, AGENT, NOW)


@pytest.mark.parametrize("position", [1, 20, 27, TOKEN_LEN - 1])
def test_a_changed_character_is_a_forgery(position):
    token, _ = signer().issue_for_hold(new_id("h"), AGENT, NOW)
    char = "a" if token[position] != "a" else "b"
    forged = token[:position] + char + token[position + 1:]
    with pytest.raises(TokenError) as err:
        signer().verify(parse_token(forged), AGENT, NOW)
    assert err.value.reason == "forged"


def test_token_for_another_author_or_key_is_forged():
    token, _ = signer().issue_for_hold(new_id("h"), AGENT, NOW)
    with pytest.raises(TokenError, match="signature"):
        signer().verify(parse_token(token), "someone@support.acme.example", NOW)
    with pytest.raises(TokenError, match="signature"):
        TokenSigner(b"another-secret-of-16+", 86400).verify(parse_token(token), AGENT, NOW)


def test_token_of_one_hold_does_not_name_another():
    first, second = new_id("h"), new_id("h")
    token, _ = signer().issue_for_hold(first, AGENT, NOW)
    assert parse_token(token).hold_id == first != second
    # Splicing the other hold's id into the token breaks the signature.
    spliced = token[0] + second[1:] + token[25:]
    with pytest.raises(TokenError, match="signature"):
        signer().verify(parse_token(spliced), AGENT, NOW)


def test_tokens_expire_after_the_ttl():
    s = signer(ttl=3600)
    token = parse_token(s.issue_for_hold(new_id("h"), AGENT, NOW)[0])
    s.verify(token, AGENT, NOW + timedelta(minutes=59))
    with pytest.raises(TokenError) as err:
        s.verify(token, AGENT, NOW + timedelta(minutes=61))
    assert err.value.reason == "expired"
    assert token_expiry(NOW, 3600) == NOW + timedelta(hours=1)


def test_malformed_tokens_are_refused_before_any_lookup():
    for text in ("", "r123", "x" * TOKEN_LEN, "r" + "1" * (TOKEN_LEN - 1)):
        with pytest.raises(TokenError) as err:
            parse_token(text)
        assert err.value.reason == "malformed"


def test_find_tokens_in_a_quoted_note():
    release, report = signer().issue_for_hold(new_id("h"), AGENT, NOW)
    text = (f"Reason: customer asked\n> grace-release+{release}@acme.example\n"
            f"> grace-false-positive+{report}@acme.example\n> again {release}")
    assert find_tokens(text) == [release, report]


def test_note_report_tokens_are_bound_to_message_and_author():
    token = signer().issue_for_note("<m1@x>", AGENT, NOW)
    parsed = parse_token(token)
    assert parsed.kind == TokenKind.NOTE_REPORT and parsed.hold_id == ""
    signer().verify(parsed, AGENT, NOW)
    assert signer().issue_for_note("<m2@x>", AGENT, NOW) != token


def test_secret_is_generated_once_with_mode_0600(tmp_path):
    cfg = settings(state={"dir": str(tmp_path / "state")}, holds={"secret": ""})
    first = load_secret(cfg)
    path = tmp_path / "state" / "token-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32 and load_secret(cfg) == first
    # The same secret means tokens issued before a restart still verify after it.
    token = TokenSigner(first, 3600).issue_for_hold(new_id("h"), AGENT, NOW)[0]
    TokenSigner(load_secret(cfg), 3600).verify(parse_token(token), AGENT, NOW)


def test_a_short_configured_secret_is_a_config_error():
    with pytest.raises(ConfigError, match=r"\[holds\] secret"):
        load_secret(settings(holds={"secret": "short"}))
