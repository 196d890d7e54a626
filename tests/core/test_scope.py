"""Scope: which messages are support replies we judge, and why the others are not."""

from __future__ import annotations

import pytest

from gateway.config import Mode, ModesSettings, ScopeSettings
from gateway.headers import scan_headers
from gateway.scope import Envelope, decide_scope, is_internal, matches, reply_subject
from gateway.verdict import select_mode

SCOPE = ScopeSettings(
    support_senders=("support@acme.example", "*@support.acme.example"),
    internal_domains=("acme.example",),
)
CUSTOMER = "kim@customer.example"


def message(*headers: str, body: str = "Thanks, it works now.\n") -> bytes:
    base = {
        "From": "Dana <dana@support.acme.example>",
        "To": CUSTOMER,
        "Subject": "Re: VPN drops every hour",
        "In-Reply-To": "<q1@customer.example>",
        "Message-ID": "<r1@support.acme.example>",
    }
    for line in headers:
        name, _, value = line.partition(":")
        if value.strip():
            base[name] = value.strip()
        else:
            base.pop(name, None)
    head = "".join(f"{k}: {v}\r\n" for k, v in base.items())
    return (head + "\r\n" + body).encode()


def scope_of(raw: bytes, mail_from: str = "dana@support.acme.example",
             rcpts: tuple[str, ...] = (CUSTOMER,)):
    return decide_scope(scan_headers(raw), Envelope(mail_from, rcpts), SCOPE)


def test_support_reply_is_in_scope() -> None:
    decision = scope_of(message())
    assert decision.in_scope
    assert decision.reason == "support-reply"
    assert decision.sender == "dana@support.acme.example"


def test_header_from_can_make_the_sender() -> None:
    raw = message("From: Acme Support <support@acme.example>")
    assert scope_of(raw, mail_from="bounces+123@mailer.acme.example").in_scope


@pytest.mark.parametrize(
    ("headers", "mail_from", "rcpts", "reason"),
    [
        ((), "", (CUSTOMER,), "null-sender"),
        ((), "<>", (CUSTOMER,), "null-sender"),
        (("X-Grace-Gateway: note h123",), "dana@support.acme.example", (CUSTOMER,),
         "gateway-note"),
        (("Auto-Submitted: auto-replied",), "dana@support.acme.example", (CUSTOMER,),
         "auto-submitted:auto-replied"),
        (("List-Id: <news.acme.example>",), "dana@support.acme.example", (CUSTOMER,),
         "mailing-list"),
        (("From: ben@acme.example",), "ben@acme.example", (CUSTOMER,), "not-support-sender"),
        ((), "dana@support.acme.example", ("ops@acme.example", "jo@support.acme.example"),
         "internal-recipients-only"),
        (("In-Reply-To:", "Subject: VPN drops every hour"), "dana@support.acme.example",
         (CUSTOMER,), "not-a-reply"),
    ],
)
def test_out_of_scope_reasons(headers, mail_from, rcpts, reason) -> None:
    decision = scope_of(message(*headers), mail_from, rcpts)
    assert not decision.in_scope
    assert decision.reason == reason


def test_internal_cc_next_to_customer_stays_in_scope() -> None:
    assert scope_of(message(), rcpts=(CUSTOMER, "lead@acme.example")).in_scope


def test_auto_submitted_no_is_a_person() -> None:
    assert scope_of(message("Auto-Submitted: no")).in_scope


def test_auto_generated_or_bulk_replies_need_an_agent_comment() -> None:
    # Help desks differ in their headers (some send no X-Mailer at all): the body's
    # layout decides, so every such reply from a support sender is looked at.
    for headers in (
        ("Auto-Submitted: auto-generated", "X-Mailer: Zendesk Mailer"),
        ("Auto-Submitted: auto-generated", "Message-ID: <A1_2_sprut@zendesk.example>"),
        ("Auto-Submitted: auto-generated", "X-JIRA-FingerPrint: abc",
         "Subject: VET-2417 Lab results missing"),
        ("Precedence: bulk", "X-JIRA-FingerPrint: abc"),
        ("Precedence: bulk",),
    ):
        decision = scope_of(message(*headers))
        assert decision.in_scope and decision.needs_helpdesk_comment, headers
        assert decision.reason == "helpdesk-reply"


def test_list_and_junk_precedence_are_out() -> None:
    assert scope_of(message("Precedence: list")).reason == "precedence:list"
    assert scope_of(message("Precedence: junk")).reason == "precedence:junk"
    assert scope_of(message("Auto-Submitted: auto-notified")).reason == (
        "auto-submitted:auto-notified")


@pytest.mark.parametrize(
    ("subject", "is_reply"),
    [
        ("Re: Invoice", True),
        ("RE: Invoice", True),
        ("AW: Rechnung", True),
        ("SV: Faktura", True),
        ("Antw: Factuur", True),
        ("[Acme] Re: Invoice", True),
        ("[Acme] [#5120] RE: Invoice", True),
        ("Invoice", False),
        ("Regarding: invoice", False),
        ("Fwd: Invoice", False),
    ],
)
def test_reply_subjects(subject: str, is_reply: bool) -> None:
    prefixes = ScopeSettings().reply_prefixes
    assert reply_subject(subject, prefixes) is is_reply
    raw = message("In-Reply-To:", f"Subject: {subject}")
    assert scope_of(raw).in_scope is is_reply


def test_ticket_subject_with_threading_is_a_reply() -> None:
    assert scope_of(message("Subject: HELP-2231 Printer offline")).in_scope


def test_review_tag_detected_even_encoded() -> None:
    raw = message("Subject: =?utf-8?q?Re=3A_=5Breview=5D_Caf=C3=A9_order?=")
    decision = scope_of(raw)
    assert decision.in_scope and decision.review_tag


def test_pattern_matching_is_exact_domain() -> None:
    patterns = ("*@support.acme.example", "support@acme.example")
    assert matches("Dana@Support.Acme.Example", patterns)
    assert not matches("dana@evil-support.acme.example", patterns)
    assert not matches("dana@support.acme.example.evil", patterns)
    assert is_internal("jo@support.acme.example", ("acme.example",))
    assert not is_internal("jo@notacme.example", ("acme.example",))


def test_mode_selection_order() -> None:
    modes = ModesSettings(
        default=Mode.MONITOR,
        senders={"*@support.acme.example": Mode.ADVISE, "ann@support.acme.example": Mode.MONITOR},
        opt_in=("bob@acme.example",),
    )
    assert select_mode(modes, "ann@support.acme.example", review_tag=True) is Mode.ENFORCE
    assert select_mode(modes, "ann@support.acme.example", review_tag=False) is Mode.MONITOR
    assert select_mode(modes, "cy@support.acme.example", review_tag=False) is Mode.ADVISE
    assert select_mode(modes, "bob@acme.example", review_tag=False) is Mode.ENFORCE
    assert select_mode(modes, "support@acme.example", review_tag=False) is Mode.MONITOR
