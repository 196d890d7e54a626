"""Build small test messages with the email package (own wording, not the corpus)."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage, MIMEPart

AGENT = "Mina Okoye <mina@support.acme.example>"
CUSTOMER = "Tobias Lind <tobias@fjordbikes.example>"
DATE = "Wed, 11 Mar 2026 15:30:00 +0100"


def headers(
    msg: EmailMessage,
    *,
    subject: str,
    frm: str,
    to: str,
    date: str | None,
    extra: dict[str, str] | None,
) -> None:
    msg["From"] = frm
    msg["To"] = to
    msg["Subject"] = subject
    if date:
        msg["Date"] = date
    msg["Message-ID"] = "<reply-1@mail.acme.example>"
    msg["In-Reply-To"] = "<cust-1@mail.fjordbikes.example>"
    for key, value in (extra or {}).items():
        del msg[key]
        msg[key] = value


def plain(
    body: str,
    *,
    subject: str = "Re: Gear shifter",
    frm: str = AGENT,
    to: str = CUSTOMER,
    date: str | None = DATE,
    cte: str | None = None,
    charset: str = "utf-8",
    extra: dict[str, str] | None = None,
    crlf: bool = False,
) -> bytes:
    msg = EmailMessage()
    headers(msg, subject=subject, frm=frm, to=to, date=date, extra=extra)
    msg.set_content(body, charset=charset, cte=cte)
    return msg.as_bytes(policy=policy.SMTP if crlf else policy.default)


def html_only(
    html: str,
    *,
    subject: str = "Re: Gear shifter",
    frm: str = AGENT,
    to: str = CUSTOMER,
    date: str | None = DATE,
    extra: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    headers(msg, subject=subject, frm=frm, to=to, date=date, extra=extra)
    msg.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def alternative(
    text: str,
    html: str,
    *,
    subject: str = "Re: Gear shifter",
    frm: str = AGENT,
    to: str = CUSTOMER,
    date: str | None = DATE,
    extra: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    headers(msg, subject=subject, frm=frm, to=to, date=date, extra=extra)
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def with_attachment(text: str, data: bytes, filename: str = "invoice.pdf") -> bytes:
    msg = EmailMessage()
    headers(msg, subject="Re: Invoice", frm=AGENT, to=CUSTOMER, date=DATE, extra=None)
    msg.set_content(text)
    att = MIMEPart()
    att.set_content(
        data, maintype="application", subtype="pdf", disposition="attachment", filename=filename
    )
    msg.make_mixed()
    msg.attach(att)
    return msg.as_bytes()


def literal(head: str, body: bytes | str, *, nl: str = "\n") -> bytes:
    """A message from literal header lines and body (for odd encodings)."""
    head = nl.join(line.strip() for line in head.strip().splitlines())
    if isinstance(body, str):
        body = body.encode("utf-8")
    return head.encode("utf-8") + (nl + nl).encode() + body
