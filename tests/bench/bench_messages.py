"""The benchmark's messages (~3 KB each), written for the benchmark.

Each kind is a template with `@@SEQ@@` markers, replaced per message so every
message has its own Message-ID, thread ids and ticket number (nothing can be
served from a cache, and holds never supersede each other).  Line ends are CRLF.

* `out`   — out of scope: a billing notice from a non-support sender.
* `clean` — an in-scope support reply (text + HTML, quoted question, signature)
            that the default policies forward without a finding.
* `hold`  — the same shape, but condescending and blaming: held, with a note.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

SEQ = b"@@SEQ@@"

AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"
BILLING = "billing@acme.example"

#: Envelope sender per kind (the recipient is always CUSTOMER).
SENDERS = {"out": BILLING, "clean": AGENT, "hold": AGENT}

_OUT_BODY = (
    "Hello Kim,\n\n"
    "this is your monthly statement for account ACC-@@SEQ@@. The invoice is attached to "
    "your customer portal and will be collected by direct debit on the 15th.\n\n"
) + "".join(
    f"  {month:<10} subscription, 12 seats          {amount:>8} EUR\n"
    for month, amount in [("January", "240.00"), ("February", "240.00"), ("March", "264.00"),
                          ("April", "264.00"), ("May", "264.00"), ("June", "264.00")]
) + (
    "\nIf any line looks wrong, answer this message and our billing team will look at "
    "it within two working days. Payment terms and the price list are in the portal "
    "under Billing > Documents.\n\n"
) * 10 + "Acme Billing\nAcme Ltd, 1 Example Street, Example City\n"

_CLEAN_TEXT = (
    "Hi Kim,\n\n"
    "Thank you for sending the export log from this morning, it helped a lot. The "
    "nightly export for your workspace stopped at 02:10 because the storage token "
    "had expired. I renewed the token and restarted the export at 09:30; it "
    "finished at 09:41 and the file is now in your dashboard under Reports > "
    "Exports (ticket @@SEQ@@).\n\n"
    "The token now renews itself every 30 days, so this should not happen "
    "again. I will check tomorrow's run at 08:00 and write to you by 10:00 "
    "either way.\n\n"
    "Best regards,\n"
    "Maria Lopez\n"
    "Acme Support | +1 555 0100 | support.acme.example\n\n"
    "On @@QDATE@@, Kim <kim@customer.example> wrote:\n"
    "> Hello, our nightly export did not arrive this morning and we need the file\n"
    "> for a report at noon. The log says something about a token. Can you help?\n"
    "> Kim\n"
    ">\n"
    "> --\n"
    "> Kim Berg | Data Team | Customer Example Ltd\n"
    "> This message and any attachments are confidential and intended only for the\n"
    "> addressee. If you received it by mistake, please tell the sender and delete it.\n"
    "> Customer Example Ltd, 2 Sample Road, Sample Town, registered in Example County.\n"
)

_CLEAN_HTML = (
    "<html><body>\n<p>Hi Kim,</p>\n"
    "<p>Thank you for sending the export log from this morning, it helped a lot. The "
    "nightly export for your workspace stopped at 02:10 because the storage token had "
    "expired. I renewed the token and restarted the export at 09:30; it finished at "
    "09:41 and the file is now in your dashboard under <b>Reports &gt; Exports</b> "
    "(ticket @@SEQ@@).</p>\n"
    "<p>The token now renews itself every 30 days, so this should not happen again. "
    "I will check tomorrow's run at 08:00 and write to you by 10:00 either "
    "way.</p>\n"
    "<p>Best regards,<br>Maria Lopez<br>Acme Support</p>\n"
    "<blockquote>Hello, our nightly export did not arrive this morning and we need the "
    "file for a report at noon. The log says something about a token. Can you help? "
    "Kim<br>--<br>Kim Berg | Data Team | Customer Example Ltd<br>This message and any "
    "attachments are confidential and intended only for the addressee. If you received "
    "it by mistake, please tell the sender and delete it.</blockquote>\n</body></html>\n"
)

_HOLD_TEXT = (
    "Hi Kim,\n\n"
    "As I already told you twice, this is obviously your own fault. The export "
    "stopped because your team let the storage token expire, which anyone who had "
    "read the manual would have known. Read the documentation before you write to "
    "us again (ticket @@SEQ@@).\n\n"
    "I renewed the token and restarted the export; it finished at 09:41 and the "
    "file is in your dashboard under Reports > Exports.\n\n"
    "Maria Lopez\n"
    "Acme Support | +1 555 0100 | support.acme.example\n\n"
    "On @@QDATE@@, Kim <kim@customer.example> wrote:\n"
    "> Hello, our nightly export did not arrive this morning and we need the file\n"
    "> for a report at noon. The log says something about a token. Can you help?\n"
    "> Kim\n"
    ">\n"
    "> --\n"
    "> Kim Berg | Data Team | Customer Example Ltd\n"
    "> This message and any attachments are confidential and intended only for the\n"
    "> addressee. If you received it by mistake, please tell the sender and delete it.\n"
    "> Customer Example Ltd, 2 Sample Road, Sample Town, registered in Example County.\n"
)

_HOLD_HTML = (
    "<html><body>\n<p>Hi Kim,</p>\n"
    "<p>As I already told you twice, this is obviously your own fault. The export "
    "stopped because your team let the storage token expire, which anyone who had read "
    "the manual would have known. Read the documentation before you write to us again "
    "(ticket @@SEQ@@).</p>\n"
    "<p>I renewed the token and restarted the export; it finished at 09:41 and the file "
    "is in your dashboard under Reports &gt; Exports.</p>\n"
    "<p>Maria Lopez<br>Acme Support</p>\n"
    "<blockquote>Hello, our nightly export did not arrive this morning and we need the "
    "file for a report at noon. The log says something about a token. Can you help? "
    "Kim<br>--<br>Kim Berg | Data Team | Customer Example Ltd<br>This message and any "
    "attachments are confidential and intended only for the addressee. If you received "
    "it by mistake, please tell the sender and delete it.</blockquote>\n</body></html>\n"
)


def _support_reply(text: str, html: str) -> str:
    return (
        f"From: Maria Lopez <{AGENT}>\n"
        f"To: Kim <{CUSTOMER}>\n"
        "Subject: Re: Nightly export missing (ticket @@SEQ@@)\n"
        "Date: @@DATE@@\n"
        "Message-ID: <reply-@@SEQ@@@support.acme.example>\n"
        "In-Reply-To: <question-@@SEQ@@@customer.example>\n"
        "References: <question-@@SEQ@@@customer.example>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="=_alt_@@SEQ@@"\n'
        "\n"
        "--=_alt_@@SEQ@@\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
        f"{text}\n"
        "--=_alt_@@SEQ@@\n"
        "Content-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
        f"{html}\n"
        "--=_alt_@@SEQ@@--\n"
    )


def _out_message() -> str:
    return (
        f"From: Acme Billing <{BILLING}>\n"
        f"To: Kim <{CUSTOMER}>\n"
        "Subject: Your statement ACC-@@SEQ@@\n"
        "Date: @@DATE@@\n"
        "Message-ID: <statement-@@SEQ@@@billing.acme.example>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
        f"{_OUT_BODY}"
    )


def dated(template: bytes, now: datetime | None = None) -> bytes:
    """Fill in the Date header (now) and the quoted question's date (two hours earlier):
    a reply dated long ago would be judged late."""
    now = now or datetime.now(UTC)
    quoted = (now - timedelta(hours=2)).strftime("%a, %d %b %Y at %H:%M")
    return template.replace(b"@@DATE@@", format_datetime(now).encode()).replace(
        b"@@QDATE@@", quoted.encode())


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


TEMPLATES: dict[str, bytes] = {
    "out": crlf(_out_message()),
    "clean": crlf(_support_reply(_CLEAN_TEXT, _CLEAN_HTML)),
    "hold": crlf(_support_reply(_HOLD_TEXT, _HOLD_HTML)),
}


def message(kind: str, seq: int) -> bytes:
    """One message of `kind` (CRLF, not dot-stuffed) with its own ids."""
    return dated(TEMPLATES[kind]).replace(SEQ, b"%d" % seq)


def big_template(size: int, kind: str = "out") -> bytes:
    """A `kind` template padded with a base64 attachment to about `size` bytes
    (the `@@SEQ@@` markers kept)."""
    head, _, body = dated(TEMPLATES[kind]).partition(b"\r\n\r\n")
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"
    pad = line * (max(0, size - len(head) - len(body) - 300) // len(line))
    if kind == "out":
        return head + b"\r\n\r\n" + body + pad
    # in scope: the reply (multipart/alternative) and an attachment in multipart/mixed
    head = head.replace(b"multipart/alternative", b"multipart/mixed").replace(
        b"=_alt_", b"=_mix_")
    return (
        head + b"\r\n\r\n--=_mix_" + SEQ + b"\r\n"
        b'Content-Type: multipart/alternative; boundary="=_alt_' + SEQ + b'"\r\n\r\n'
        + body + b"\r\n--=_mix_" + SEQ + b"\r\n"
        b'Content-Type: application/octet-stream; name="export.log"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + pad
        + b"--=_mix_" + SEQ + b"--\r\n"
    )
