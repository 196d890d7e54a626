"""Audit events from gateway facts: the [audit] privacy settings decide what is
hashed into the log for ever (pure, no store needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gateway.audit_events import (
    AuditPrivacy,
    checkpoint_event,
    decision_event,
    derive_pseudonym_key,
    hold_event,
    outbox_event,
    pseudonymise,
)
from gateway.config import AuditSettings, Mode
from gateway.store.chain import seal
from gateway.store.records import Decision, EventKind, HoldState
from policies.types import Finding, Severity, Value

NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
KEY = derive_pseudonym_key("token secret, long enough")
FINDING = Finding(
    rule="kind.dismissive", value=Value.KIND, severity=Severity.HOLD,
    message="'Whatever' brushes the customer off.", suggestion="Say what you will do next.",
    evidence="Whatever", start=0, end=8, why="The customer feels dismissed.",
)


def decide(privacy: AuditPrivacy, **overrides):
    facts = dict(
        time=NOW, decision=Decision.HOLD, mail_from="maria@support.acme.example",
        rcpt_tos=["Kim@Customer.example", "ops@customer.example"], privacy=privacy,
        message_id=" <r1@support.acme.example> ", subject="Re: VPN drops every hour",
        scope_reason="support-reply", mode=Mode.ENFORCE, findings=[FINDING],
        hold_id="h" + "a" * 24, next_hop="", ms=12.34567, policy_version="default@1",
        config_digest="c0ffee", node="gw1:123",
    )
    facts.update(overrides)
    return decision_event(**facts)


def test_default_privacy_keeps_everything_the_issue_lists() -> None:
    ev = decide(AuditPrivacy())
    assert ev.kind == EventKind.DECISION and ev.decision == Decision.HOLD
    assert ev.message_id == "<r1@support.acme.example>"
    assert ev.recipients == ("Kim@Customer.example", "ops@customer.example")
    assert ev.subject == "Re: VPN drops every hour"
    assert ev.mode == "enforce" and ev.scope_reason == "support-reply" and ev.ms == 12.346
    assert ev.findings == ({
        "rule": "kind.dismissive", "value": "kind", "severity": "hold",
        "message": "'Whatever' brushes the customer off.", "evidence": "Whatever",
        "start": 0, "end": 8,
    },)
    seal(1, "0" * 64, ev)  # JSON-able as it is


def test_privacy_switches_remove_subject_evidence_and_addresses() -> None:
    settings = AuditSettings(include_subject=False, include_evidence=False,
                             pseudonymise_recipients=True)
    ev = decide(AuditPrivacy.from_settings(settings, KEY))
    assert ev.subject is None
    assert ev.findings == ({"rule": "kind.dismissive", "value": "kind", "severity": "hold"},)
    kim, ops = ev.recipients
    assert kim.startswith("anon:") and len(kim) == len("anon:") + 16
    assert kim == pseudonymise("kim@customer.example", KEY)  # same customer, same pseudonym
    assert kim != ops and kim != pseudonymise("kim@customer.example", derive_pseudonym_key("x"))
    body, _ = seal(1, "0" * 64, ev)
    for secret in (b"customer.example", b"VPN", b"Whatever"):
        assert secret not in body


def test_pseudonyms_need_a_key_and_a_null_sender_is_recorded() -> None:
    with pytest.raises(ValueError, match="key"):
        AuditPrivacy(pseudonymise_recipients=True)
    with pytest.raises(ValueError):
        derive_pseudonym_key("")
    ev = decide(AuditPrivacy(), mail_from="", decision=Decision.PASS, mode=None,
                subject="x" * 5000, findings=[])
    assert ev.sender == "<>" and ev.mode == "" and len(ev.subject) == 998


def test_follow_up_events_carry_the_hold_and_its_rules() -> None:
    from .storekit import make_hold, note, raw_message

    hold = make_hold(raw_message(1), state=HoldState.RELEASED)
    privacy = AuditPrivacy(pseudonymise_recipients=True, key=KEY)
    ev = hold_event(EventKind.RELEASED, hold, time=NOW, privacy=privacy,
                    actor="maria@support.acme.example", reason="customer asked twice",
                    next_hop="250 2.0.0 Ok")
    assert (ev.kind, ev.hold_id, ev.message_id) == (EventKind.RELEASED, hold.id, hold.message_id)
    assert ev.extra == {"rules": ["kind.dismissive"]}
    assert ev.recipients == (pseudonymise("kim@customer.example", KEY),)
    item = note(hold.id)
    sent = outbox_event(EventKind.NOTE_SENT, item, time=NOW, privacy=privacy,
                        message_id=hold.message_id, next_hop="250 ok")
    assert sent.sender == "<>" and sent.recipients == item.rcpt_tos
    assert sent.extra["outbox_id"] == item.id and sent.extra["attempt"] == 1
    checkpoint = checkpoint_event(time=NOW, retain_days=90)
    assert checkpoint.kind == EventKind.CHECKPOINT and checkpoint.extra == {"retain_days": 90}
