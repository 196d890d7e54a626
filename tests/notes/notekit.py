"""Builders shared by the notes tests: replies, analyses, holds, note parsing."""

from __future__ import annotations

import email
import email.policy
import hashlib
from datetime import UTC, datetime, timedelta

from gateway.config import Settings, settings_from_mapping
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from gateway.store.records import Hold, HoldState, new_id

AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"
REVIEWER = "lead@acme.example"
COLLEAGUE = "sam@acme.example"
NOW = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)

HELD_BODY = (
    "Hi Kim,\r\n\r\n"
    "This is clearly user error on your side. Please calm down and read the manual.\r\n\r\n"
    "Maria\r\n"
)
CLEAN_BODY = (
    "Hi Kim,\r\n\r\n"
    "Thank you for your patience. I have issued the refund of 40 EUR today; it will reach "
    "your card within 3 working days. If it has not arrived by Friday, reply here and I "
    "will chase it with the bank myself.\r\n\r\n"
    "Maria\r\n"
)


def reply_bytes(
    body: str = HELD_BODY,
    *,
    subject: str = "Re: Printer offline",
    msgid: str = "r1@support.acme.example",
    in_reply_to: str = "q1@customer.example",
    references: str = "q0@customer.example q1@customer.example",
    sender: str = AGENT,
    extra_headers: str = "",
) -> bytes:
    refs = " ".join(f"<{r}>" for r in references.split())
    return (
        f"From: Maria Lopez <{sender}>\r\n"
        f"To: Kim <{CUSTOMER}>\r\n"
        f"Subject: {subject}\r\n"
        f"In-Reply-To: <{in_reply_to}>\r\n"
        f"References: {refs}\r\n"
        f"Message-ID: <{msgid}>\r\n"
        "Date: Tue, 03 Mar 2026 15:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        f"{extra_headers}"
        "\r\n"
        f"{body}"
    ).encode()


def settings(**sections: dict) -> Settings:
    data: dict[str, dict] = {
        "scope": {"support_senders": ["*@support.acme.example"],
                  "internal_domains": ["acme.example"]},
        "holds": {"reviewers": [REVIEWER], "secret": "test-secret-0123456789"},
    }
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return settings_from_mapping(data, "<test>", "digest")


def analyse(cfg: Settings, raw: bytes, now: datetime = NOW) -> Analysis:
    return Analyzer(cfg).analyse(raw, Envelope(AGENT, (CUSTOMER,)), received_at=now)


def hold_for(analysis: Analysis, raw: bytes, cfg: Settings, now: datetime = NOW) -> Hold:
    headers = analysis.headers
    return Hold(
        id=new_id("h"),
        state=HoldState.HELD,
        created_at=now,
        deadline=now + timedelta(seconds=cfg.holds.timeout),
        message_id=headers.get("message-id") or "",
        author=analysis.scope.sender,
        mail_from=AGENT,
        rcpt_tos=(CUSTOMER,),
        subject=headers.get("subject") or "",
        thread_ids=("<q0@customer.example>", "<q1@customer.example>"),
        rules=tuple(dict.fromkeys(f.rule for f in analysis.findings)),
        mode="enforce",
        size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_of(raw: bytes) -> str:
    msg = parse(raw)
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(raw: bytes) -> str:
    msg = parse(raw)
    part = msg.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
