"""The review note: the product's face towards the person whose reply was held.

It follows the four values itself.  Urgent: it says at once what happened and
that one reply releases the message.  Kind: it speaks of the words, never of the
author.  Humble: it says the checks can be wrong and how to say so.  Clear: for
each rule, the exact words (quoted in the text part, highlighted in the HTML
part), the value, why it matters to the customer and a concrete rewrite; then
the exact ways out, and what happens if nobody acts.

Safety (research/protocol.md §4): everything echoed from the original goes
through `clean_text` (no CR/LF/C0 in headers, capped length); the note carries
`Auto-Submitted: auto-replied`, `X-Auto-Response-Suppress: All` and the marker
header so it never starts a loop and the gateway passes its own notes; the
original is attached as `message/rfc822` with 7bit/8bit encoding only (never
base64/QP).  The MIME is assembled here by hand so the attached original is
never re-serialised by the `email` package.

Pure: no I/O, the clock comes from the caller.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from urllib.parse import quote

from gateway.config import OnTimeout, Settings
from gateway.headers import HeaderView, clean_text, decode_words, header_end
from gateway.pipeline import Analysis
from gateway.scope import MARKER_HEADER, is_internal
from gateway.store.records import Hold
from policies.types import Finding, Severity, Value

#: Originals bigger than this are attached as their header section only.
MAX_ATTACHED_ORIGINAL = 10 * 1024 * 1024
SUBJECT_CAP = 140

VALUE_LABELS = {
    Value.URGENT: "Be Urgent",
    Value.KIND: "Be Kind",
    Value.HUMBLE: "Be Humble",
    Value.CLEAR: "Be Clear",
    Value.REPLY: "A complete reply",
}
_VALUE_ORDER = {Value.REPLY: 0, Value.KIND: 1, Value.HUMBLE: 2, Value.URGENT: 3, Value.CLEAR: 4}
#: Quotes shown per rule; more matches of the same rule are counted, not repeated.
MAX_QUOTES_PER_RULE = 3
_QUOTE_CAP = 240
#: Printable ASCII only: ids are echoed into the note's headers (a customer's
#: Message-ID in References must not bring control characters or non-ASCII).
MSGID = re.compile(r"<[!-;=?-~]{1,250}>")


# ------------------------------------------------------------------ the content


@dataclass(frozen=True)
class Quote:
    """One place in the reply: the words around it and the exact words."""

    before: str
    words: str
    after: str


@dataclass(frozen=True)
class RuleGroup:
    """All findings of one rule, shown once."""

    rule: str
    value: Value
    severity: Severity
    message: str
    why: str
    suggestion: str
    quotes: tuple[Quote, ...]
    more: int = 0
    #: The concrete example rewrite taken out of the suggestion ("e.g. ...").
    example: str = ""


@dataclass(frozen=True)
class NoteContent:
    """Everything the two renderers (text, HTML) need, already sanitised."""

    audience: str  # "author" | "reviewer"
    held: bool
    greeting_name: str
    author: str
    customers: tuple[str, ...]
    subject: str
    groups: tuple[RuleGroup, ...]
    release_address: str = ""
    report_address: str = ""
    hold_id: str = ""
    deadline: str = ""
    held_for: str = ""
    on_timeout: OnTimeout = OnTimeout.ESCALATE
    reviewers: tuple[str, ...] = ()
    token_expiry: str = ""
    attached: str = "full"  # "full" | "headers" | "none"
    extra: dict[str, str] = field(default_factory=dict)


def _neutral(message: str, evidence: str) -> str:
    """The rule's message without the evidence in it: the quote shows the words.

    Pack messages read '"{evidence}" reads as hostile.'.  The note shows the
    words once, as a "> " quote of the reply, and says "This wording reads as
    hostile." -- so the note never repeats hurtful words as its own.
    """
    if not evidence:
        return message
    out = message
    for quoted in (f'"{evidence}"', f"“{evidence}”", f"'{evidence}'", evidence):
        if quoted in out:
            out = out.replace(quoted, "\x00")
            break
    if "\x00" not in out:
        return message
    out = re.sub(r"^\x00", "This wording", out)
    out = re.sub(r"([.!?]\s+)\x00", r"\1This wording", out)
    return out.replace("\x00", "this wording")


_EG = re.compile(r"(?<!\s),?\s*\(?\be\.g\.,?\s+")  # (?<!\s): linear on long blanks
_QUOTED = re.compile(r"\"[^\"]{1,400}\"|“[^”]{1,400}”")


def split_example(suggestion: str) -> tuple[str, str]:
    """('Give a concrete time, or say when you will know more.', '"I'll update you by 3pm"').

    Pack suggestions read 'Do X, e.g. "..."'.  The note shows the advice and the
    example rewrite on lines of their own: shorter sentences, and the example
    can be copied as it is.
    """
    m = _EG.search(suggestion)
    if not m:
        return suggestion, ""
    head, rest = suggestion[: m.start()].rstrip(" ,;"), suggestion[m.end():]
    q = _QUOTED.match(rest)
    if q:
        example, tail = q.group(0), rest[q.end():]
    else:
        cut = re.search(r"[.;)](\s|$)", rest)
        example, tail = (rest[: cut.start()], rest[cut.end():]) if cut else (rest, "")
    tail = tail.lstrip(" )")
    if tail.startswith((",", ";")):
        head += tail.rstrip()
        tail = ""
    elif tail.startswith("."):
        tail = tail[1:].lstrip()
    head = head.rstrip(" ,;")
    if not head.endswith((".", "!", "?", ":")):
        head += "."
    if tail:
        head += " " + tail
    return head.strip(), example.strip()


def _quote(text: str, start: int, end: int) -> Quote | None:
    """The sentence or line around text[start:end], capped, split at the match."""
    if not (0 <= start <= end <= len(text)) or start == end:
        return None
    lo = max(0, start - 100)
    cut = max(text.rfind(ch, lo, start) for ch in ".!?\n")
    lo = cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + 100)
    stops = [i for i in (text.find(ch, end, hi) for ch in ".!?\n") if i >= 0]
    hi = min(stops) + (0 if text[min(stops)] == "\n" else 1) if stops else hi
    before = clean_text(text[lo:start], _QUOTE_CAP).lstrip()
    words = clean_text(text[start:end], _QUOTE_CAP)
    after = clean_text(text[end:hi], _QUOTE_CAP).rstrip()
    if text[start:start + 1].isspace():
        before += " "
    if lo > 0 and text[lo - 1] not in ".!?\n":
        before = "…" + before
    if hi < len(text) and text[hi - 1] not in ".!?\n":
        after += "…"
    # clean_text collapses edges; keep one space between the parts when the text had it
    if start > lo and text[start - 1].isspace() and before and not before.endswith(" "):
        before += " "
    if end < hi and text[end].isspace() and after and not after.startswith(" "):
        after = " " + after
    return Quote(before, words, after)


def group_findings(findings: Sequence[Finding], text: str) -> tuple[RuleGroup, ...]:
    """One group per rule, most important first: hold before advise, then value."""
    order: list[str] = []
    by_rule: dict[str, list[Finding]] = {}
    ranked = sorted(
        findings,
        key=lambda f: (f.severity != Severity.HOLD, _VALUE_ORDER.get(f.value, 9), f.start),
    )
    for f in ranked:
        if f.rule not in by_rule:
            order.append(f.rule)
            by_rule[f.rule] = []
        by_rule[f.rule].append(f)
    groups = []
    for rule in order:
        items = sorted(by_rule[rule], key=lambda f: f.start)
        first = items[0]
        suggestion, example = split_example(first.suggestion)
        severity = (
            Severity.HOLD if any(f.severity == Severity.HOLD for f in items) else Severity.ADVISE
        )
        quotes: list[Quote] = []
        seen: set[str] = set()
        more = 0
        for f in items:
            q = _quote(text, f.start, f.end) if text else None
            if q is None and f.evidence and f.evidence.strip():
                q = Quote("", clean_text(f.evidence, _QUOTE_CAP), "")
            if q is None:
                continue
            key = q.words.lower()
            if key in seen:
                more += 1
                continue
            seen.add(key)
            if len(quotes) < MAX_QUOTES_PER_RULE:
                quotes.append(q)
            else:
                more += 1
        groups.append(
            RuleGroup(
                rule=rule,
                value=first.value,
                severity=severity,
                message=clean_text(_neutral(first.message, first.evidence), 600),
                why=clean_text(first.why, 600),
                suggestion=clean_text(suggestion, 600),
                example=clean_text(example, 600),
                quotes=tuple(quotes),
                more=more,
            )
        )
    return tuple(groups)


# ------------------------------------------------------------------ helpers


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds % 86400 == 0 and seconds >= 86400:
        n, unit = seconds // 86400, "day"
    elif seconds >= 3600 and seconds % 3600 == 0:
        n, unit = seconds // 3600, "hour"
    elif seconds >= 3600:
        return f"{seconds / 3600:.1f} hours"
    elif seconds >= 60:
        n, unit = round(seconds / 60), "minute"
    else:
        n, unit = seconds, "second"
    return f"{n} {unit}" + ("" if n == 1 else "s")


def _when(moment: datetime, local: timezone | None) -> str:
    """'Tue 3 Mar 2026, 16:30 UTC (17:30 your time)'."""
    utc = moment.astimezone(UTC)
    text = f"{utc:%a} {utc.day} {utc:%b %Y}, {utc:%H:%M} UTC"
    if local is not None:
        there = moment.astimezone(local)
        offset = there.utcoffset() or timedelta(0)
        if offset:
            text += f" ({there:%H:%M} your time)"
    return text


def _local_zone(analysis: Analysis) -> timezone | None:
    sent = analysis.reply.sent_at if analysis.reply else None
    if sent is None or sent.tzinfo is None:
        return None
    offset = sent.utcoffset()
    return timezone(offset) if offset is not None else None


def _display_name(headers: HeaderView, author: str) -> str:
    raw = headers.get("from") or ""
    try:
        pairs = getaddresses([decode_words(raw, 300)])
    except Exception:  # noqa: BLE001 - a hostile From header just means no name
        return ""
    for name, addr in pairs:
        if addr.lower() == author.lower() or len(pairs) == 1:
            name = clean_text(name, 60).strip(" \"'")
            if name and "@" not in name:
                return name.split()[0] if "," not in name else name.split(",")[-1].split()[0]
    return ""


def _customers(analysis: Analysis, settings: Settings) -> tuple[str, ...]:
    rcpts = [clean_text(r, 200) for r in analysis.envelope.rcpt_tos]
    outside = [r for r in rcpts if not is_internal(r, settings.scope.internal_domains)]
    return tuple(outside or rcpts)


def message_ids(value: str | None, cap: int = 20) -> list[str]:
    """Well-formed `<id>` tokens from a Message-ID/References value (last `cap`)."""
    if not value:
        return []
    return MSGID.findall(value[:20000])[-cap:]


def plus_address(address: str, token: str) -> str:
    local, _, domain = address.rpartition("@")
    return f"{local}+{token}@{domain}"


def _address_list(items: Sequence[str], cap: int = 3) -> str:
    shown = list(items[:cap])
    if len(items) > cap:
        shown.append(f"{len(items) - cap} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


# ------------------------------------------------------------------ text part


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """One paragraph per line (mail clients wrap): hard-wrapped lines would be read
    back as separate sentences by anything that parses the note, ours included."""
    return (indent if first is None else first) + " ".join(text.split())


def _quote_lines(q: Quote) -> list[str]:
    return [f"> {q.before}**{q.words}**{q.after}"]


def _severity_text(group: RuleGroup, held: bool) -> str:
    if group.severity == Severity.HOLD:
        return "the reason it was held" if held else "would hold a reply in enforce mode"
    return "a suggestion only"


def _intro(c: NoteContent) -> list[str]:
    to = _address_list(c.customers) or "the customer"
    n = len(c.groups)
    things = "one thing" if n == 1 else f"{n} things"
    them = "it" if n == 1 else "them"
    if c.audience == "reviewer":
        return [
            f"A reply from {c.author} to {to} (subject: {c.subject}) has been on hold "
            f"for {c.held_for}, and it has not been fixed or sent yet. You are one of "
            "the reviewers for held replies, so you can decide what happens to it.",
            "To send it as it is, reply to this message with the reason in the first "
            'lines. To drop it, reply with the word "discard" on the first line and '
            "the reason below it; the author is told either way.",
        ]
    if c.held:
        return [
            f"Your reply to {to} (subject: {c.subject}) is on hold, so it has not "
            f"reached the customer yet. The gateway found {things} in it that the "
            f"customer could read differently from how you meant {them}. Each one is "
            "below, with a suggested rewrite.",
            "To send it unchanged, reply to this message and give a short reason in "
            "the first lines. These checks are automatic and can be wrong: if this "
            "one is, please send the reply as it is and tell us (see the ways out "
            "below).",
        ]
    return [
        f"Your reply to {to} (subject: {c.subject}) has been sent to the customer; "
        f"nothing needs doing now. The gateway noticed {things} that could read "
        f"differently from how you meant {them}, listed below for your next reply.",
        "These checks are automatic and can be wrong. If this one is, reply to this "
        "message with a line on why: that report helps us improve the check.",
    ]


def _ways_out(c: NoteContent) -> list[str]:
    lines: list[str] = []
    if not c.held:
        return []
    if c.audience == "reviewer":
        steps = [
            (
                "Send it as it is: reply to this message and write your reason in "
                "the first lines. The held reply goes to the customer unchanged.",
                c.release_address,
            ),
            (
                'Drop it: reply to this message with "discard" on the first line and '
                "the reason below it. The customer gets nothing from this copy, and "
                "the author is told.",
                "",
            ),
            (
                "The check was wrong: write to the address below with a line on why. "
                "The reply goes out unchanged, and the rule's report counts it as a "
                "false alarm.",
                c.report_address,
            ),
        ]
    else:
        steps = [
            (
                "Send a new version: change the wording and send it in the same "
                "conversation, as you normally would. The gateway checks it, and once "
                "it goes out the held copy is dropped, so the customer gets one "
                "reply only.",
                "",
            ),
            (
                "Send it as it is: reply to this message and write your reason in the "
                'first lines, for example "The customer asked for these exact words." '
                "The held reply goes to the customer unchanged, and your reason is "
                "kept in the audit log.",
                c.release_address,
            ),
            (
                "The check was wrong: write to the address below with a line on why. "
                "The reply goes out unchanged, and your report helps us improve the "
                "check.",
                c.report_address,
            ),
        ]
    for i, (text, address) in enumerate(steps, 1):
        lines.append(_wrap(text, "   ", f"{i}. "))
        if address:
            lines.append(f"   {address}")
        lines.append("")
    lines.append(_wrap(_timeout_sentence(c)))
    return lines


def _timeout_sentence(c: NoteContent) -> str:
    if c.audience == "reviewer":
        return (
            "It stays on hold until a reviewer or its author acts. The addresses in "
            f"this note work until {c.token_expiry}."
        )
    start = f"If nobody acts by {c.deadline}, "
    if c.on_timeout == OnTimeout.RELEASE:
        rest = (
            "the reply goes to the customer as it is, so they never wait longer "
            "than that."
        )
    elif c.on_timeout == OnTimeout.ESCALATE and c.reviewers:
        rest = (
            f"a reviewer ({_address_list(c.reviewers)}) is asked to look at it; "
            "it stays on hold until someone sends it or you send a new version."
        )
    elif c.on_timeout == OnTimeout.ESCALATE:
        rest = (
            "you get a reminder, and it stays on hold until you send it or send a new "
            "version."
        )
    elif c.reviewers:
        rest = "it stays on hold until you or a reviewer send it."
    else:
        rest = "it stays on hold until you send it or send a new version."
    return start + rest + f" The addresses in this note work until {c.token_expiry}."


def render_text(c: NoteContent) -> str:
    out: list[str] = [f"Hi {c.greeting_name}," if c.greeting_name else "Hello,", ""]
    for para in _intro(c):
        out += [_wrap(para), ""]
    heading = "What the gateway found" if len(c.groups) != 1 else "What the gateway found"
    out += [heading, "-" * len(heading), ""]
    for i, g in enumerate(c.groups, 1):
        out.append(f"{i}. {VALUE_LABELS.get(g.value, g.value)}: {g.rule} "
                   f"({_severity_text(g, c.held)})")
        out.append("")
        for q in g.quotes:
            out += _quote_lines(q)
            out.append("")
        if g.more:
            out += [_wrap(f"(This rule matched {g.more} more "
                          f"place{'s' if g.more != 1 else ''} in the reply.)", "   "), ""]
        out.append(_wrap(g.message, "   "))
        if g.why:
            out.append(_wrap("Why it matters: " + g.why, "   "))
        if g.suggestion:
            out.append(_wrap("Try instead: " + g.suggestion, "   "))
        if g.example:
            out.append(_wrap("For example: " + g.example, "   "))
        out.append("")
    ways = _ways_out(c)
    if ways:
        title = "What you can do"
        out += [title, "-" * len(title), "", *ways, ""]
    if c.attached == "full":
        out.append("The held reply is attached, exactly as it would be sent."
                   if c.held else "Your reply is attached, exactly as it was sent.")
    elif c.attached == "headers":
        out.append(_wrap("The held reply is too large to attach; its header section "
                         "is attached instead."))
    if c.hold_id:
        out.append(f"Reference: {c.hold_id}")
    out += ["", "-- ", "Grace Gateway, the reply check of your support team"]
    return "\r\n".join(out) + "\r\n"


# ------------------------------------------------------------------ HTML part

_CSS_BODY = (
    "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;"
    "line-height:1.5;color:#1f2328;max-width:680px"
)
_CSS_QUOTE = "margin:6px 0 8px 0;padding:4px 10px;border-left:3px solid #c8ccd1;color:#3a3f45"
_CSS_MARK = "background:#fff1a8;padding:0 2px"
_CSS_BOX = "background:#f3f6fa;border-radius:6px;padding:10px 14px"
_CSS_BUTTON = (
    "display:inline-block;padding:6px 12px;border-radius:5px;background:#2456c9;"
    "color:#ffffff;text-decoration:none"
)
_CSS_SMALL = "color:#57606a;font-size:13px"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _mailto(address: str, subject: str, body: str) -> str:
    return (
        "mailto:" + quote(address, safe="@+")
        + "?subject=" + quote(subject, safe="")
        + "&body=" + quote(body, safe="")
    )


def render_html(c: NoteContent) -> str:
    p: list[str] = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>Grace Gateway</title></head>',
        f'<body style="{_CSS_BODY}">',
        f"<p>{_e('Hi ' + c.greeting_name + ',' if c.greeting_name else 'Hello,')}</p>",
    ]
    intro = _intro(c)
    p.append(f"<p>{_e(intro[0])}</p>")
    if len(intro) > 1:
        p.append(f'<p style="{_CSS_BOX}">{_e(intro[1])}</p>')
    if c.held and c.release_address:
        reason = "Reason: " if c.audience == "author" else ""
        release = _mailto(c.release_address, "Release: " + c.subject, reason)
        report = _mailto(c.report_address, "The check was wrong: " + c.subject, "Why: ")
        p.append(
            f'<p><a style="{_CSS_BUTTON}" href="{_e(release)}">Send it as it is</a>'
            f' &nbsp; <a href="{_e(report)}">The check was wrong</a></p>'
        )
    p.append("<h3>What the gateway found</h3><ol>")
    for g in c.groups:
        p.append("<li>")
        p.append(
            f"<p><b>{_e(VALUE_LABELS.get(g.value, str(g.value)))}</b> · "
            f"<code>{_e(g.rule)}</code> · <span style=\"{_CSS_SMALL}\">"
            f"{_e(_severity_text(g, c.held))}</span></p>"
        )
        for q in g.quotes:
            p.append(
                f'<blockquote style="{_CSS_QUOTE}">{_e(q.before)}'
                f'<mark style="{_CSS_MARK}">{_e(q.words)}</mark>{_e(q.after)}</blockquote>'
            )
        if g.more:
            p.append(f'<p style="{_CSS_SMALL}">The same rule matched {g.more} more '
                     f"place{'s' if g.more != 1 else ''} in the reply.</p>")
        p.append(f"<p>{_e(g.message)}</p>")
        if g.why:
            p.append(f"<p><b>Why it matters:</b> {_e(g.why)}</p>")
        if g.suggestion:
            p.append(f"<p><b>Try instead:</b> {_e(g.suggestion)}</p>")
        if g.example:
            p.append(f"<p><b>For example:</b> <i>{_e(g.example)}</i></p>")
        p.append("</li>")
    p.append("</ol>")
    if c.held:
        p.append("<h3>What you can do</h3><ol>")
        text_steps = _ways_out(c)
        # Reuse the plain-text wording, one list item per numbered step.
        steps = "\n".join(text_steps).split("\n\n")
        for chunk in steps:
            chunk = chunk.strip()
            m = re.match(r"^\d+\.\s+(.*)$", chunk, re.S)
            if not m:
                continue
            body = " ".join(m.group(1).split())
            for address in (c.release_address, c.report_address):
                if address and body.endswith(address):
                    body = body[: -len(address)].rstrip()
                    subject = ("The check was wrong: " if address == c.report_address
                               else "Release: ") + c.subject
                    link = _mailto(address, subject, "")
                    body = f"{_e(body)}<br><a href=\"{_e(link)}\">{_e(address)}</a>"
                    break
            else:
                body = _e(body)
            p.append(f"<li><p>{body}</p></li>")
        p.append("</ol>")
        p.append(f"<p>{_e(_timeout_sentence(c))}</p>")
    small = []
    if c.attached == "full":
        small.append("The held reply is attached, exactly as it would be sent."
                     if c.held else "Your reply is attached, exactly as it was sent.")
    elif c.attached == "headers":
        small.append("The held reply is too large to attach; its header section is attached.")
    if c.hold_id:
        small.append(f"Reference: {c.hold_id}")
    small.append("Grace Gateway, the reply check of your support team")
    p.append(f'<p style="{_CSS_SMALL}">' + "<br>".join(_e(s) for s in small) + "</p>")
    p.append("</body></html>")
    return "\r\n".join(p) + "\r\n"


# ------------------------------------------------------------------ MIME


def _header(name: str, value: str) -> bytes:
    """One header line, RFC 2047-encoded when not ASCII, folded, CRLF-terminated."""
    value = clean_text(value)
    if value.isascii():
        encoded = Header(value, header_name=name).encode(splitchars=" ", maxlinelen=78)
    else:
        encoded = Header(value, "utf-8", header_name=name).encode(maxlinelen=78)
    return f"{name}: {encoded}".replace("\n", "\r\n").encode("ascii") + b"\r\n"


def _address_header(name: str, display: str, address: str) -> bytes:
    value = formataddr((clean_text(display, 80), clean_text(address, 320)))
    return f"{name}: {value}".encode() + b"\r\n"


def _ids_header(name: str, ids: Sequence[str]) -> bytes:
    if not ids:
        return b""
    return (f"{name}: " + "\r\n ".join(ids)).encode("ascii") + b"\r\n"


def _text_part(content_type: str, text: str) -> bytes:
    import quopri

    body = quopri.encodestring(text.replace("\r\n", "\n").encode("utf-8")).replace(b"\n", b"\r\n")
    return (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode("ascii") + body


def _boundary(*avoid: bytes) -> str:
    while True:
        b = "=_grace_" + secrets.token_hex(12)
        if not any(b.encode() in chunk for chunk in avoid):
            return b


def _crlf(data: bytes) -> bytes:
    return re.sub(rb"\r\n|\r|\n", b"\r\n", data)


def attachment_for(original: bytes) -> tuple[str, bytes]:
    """('full' | 'headers' | 'none', the part's bytes) for the original message.

    message/rfc822 may only be 7bit or 8bit (RFC 2046 §5.2.1): lines of at most
    998 octets and no NUL.  A larger or non-conforming original is attached as
    its header section (text/rfc822-headers) so the note still goes out.
    """
    body = _crlf(original)
    ok_lines = all(len(line) <= 998 for line in body.split(b"\r\n"))
    if len(body) <= MAX_ATTACHED_ORIGINAL and ok_lines and b"\x00" not in body:
        cte = "7bit" if body.isascii() else "8bit"
        head = (
            "Content-Type: message/rfc822\r\n"
            'Content-Disposition: attachment; filename="held-reply.eml"\r\n'
            f"Content-Transfer-Encoding: {cte}\r\n\r\n"
        )
        return "full", head.encode("ascii") + body
    end, _, _ = header_end(body, 1024 * 1024)
    headers = body[:end] + b"\r\n"
    if all(len(line) <= 998 for line in headers.split(b"\r\n")) and b"\x00" not in headers:
        cte = "7bit" if headers.isascii() else "8bit"
        head = (
            "Content-Type: text/rfc822-headers\r\n"
            'Content-Disposition: attachment; filename="held-reply-headers.txt"\r\n'
            f"Content-Transfer-Encoding: {cte}\r\n\r\n"
        )
        return "headers", head.encode("ascii") + headers
    return "none", b""


def _assemble(
    header_lines: Sequence[bytes], text: str, html_text: str, attachment: bytes
) -> bytes:
    alt_text = _text_part("text/plain", text)
    alt_html = _text_part("text/html", html_text)
    inner = _boundary(alt_text, alt_html)
    outer = _boundary(alt_text, alt_html, attachment, inner.encode())
    alt = (
        f'Content-Type: multipart/alternative; boundary="{inner}"\r\n\r\n'.encode()
        + f"--{inner}\r\n".encode() + alt_text + b"\r\n"
        + f"--{inner}\r\n".encode() + alt_html + b"\r\n"
        + f"--{inner}--\r\n".encode()
    )
    if attachment:
        head = b"".join(header_lines) + (
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/mixed; boundary="{outer}"\r\n\r\n'
        ).encode()
        body = (
            b"This is a message in MIME format.\r\n\r\n"
            + f"--{outer}\r\n".encode() + alt + b"\r\n"
            + f"--{outer}\r\n".encode() + attachment + b"\r\n"
            + f"--{outer}--\r\n".encode()
        )
        return head + body
    return b"".join(header_lines) + b"MIME-Version: 1.0\r\n" + alt


@dataclass(frozen=True)
class Note:
    """A composed note: its bytes plus what the caller records about it."""

    raw: bytes
    message_id: str
    to: tuple[str, ...]
    subject: str


def build_content(
    *,
    settings: Settings,
    analysis: Analysis,
    hold: Hold | None,
    release_token: str | None,
    report_token: str | None,
    now: datetime,
    audience: str = "author",
    attached: str = "full",
) -> NoteContent:
    from gateway.notes.tokens import token_expiry

    author = clean_text(analysis.scope.sender or (hold.author if hold else ""), 320)
    subject = decode_words(analysis.headers.get("subject") or "", SUBJECT_CAP) or "(no subject)"
    text = analysis.reply.text if analysis.reply else ""
    local = _local_zone(analysis) if audience == "author" else None
    held = hold is not None
    deadline = _when(hold.deadline, local) if hold else ""
    since = hold.created_at if hold else now
    return NoteContent(
        audience=audience,
        held=held,
        greeting_name=_display_name(analysis.headers, author) if audience == "author" else "",
        author=author,
        customers=_customers(analysis, settings),
        subject=subject,
        groups=group_findings(analysis.findings, text),
        release_address=(
            plus_address(settings.release_address, release_token) if release_token else ""
        ),
        report_address=(
            plus_address(settings.false_positive_address, report_token) if report_token else ""
        ),
        hold_id=hold.id if hold else "",
        deadline=deadline,
        held_for=_duration((now - since).total_seconds()),
        on_timeout=settings.holds.on_timeout,
        reviewers=tuple(settings.holds.reviewers),
        token_expiry=_when(token_expiry(now, settings.holds.token_ttl), local),
        attached=attached,
    )


def compose(
    *,
    settings: Settings,
    analysis: Analysis,
    original: bytes,
    hold: Hold | None,
    release_token: str | None,
    report_token: str | None,
    now: datetime,
    audience: str = "author",
    to: Sequence[str] | None = None,
) -> Note:
    """The note as a `Note` (bytes + id); see `compose_note`."""
    attached, attachment = attachment_for(original)
    content = build_content(
        settings=settings, analysis=analysis, hold=hold, release_token=release_token,
        report_token=report_token, now=now, audience=audience, attached=attached,
    )
    recipients = tuple(to) if to else (content.author,)
    if audience == "reviewer":
        subject = f"Held reply needs a reviewer: {content.subject}"
    elif content.held:
        subject = f"Not sent yet, your reply needs a quick look: {content.subject}"
    else:
        subject = f"Sent, with a tip for next time: {content.subject}"
    subject = clean_text(subject, 200)
    msg_id = make_msgid("grace", domain=settings.org_domain)
    original_id = message_ids(analysis.headers.get("message-id"), 1)
    refs = message_ids(analysis.headers.get("references")) + original_id
    refs = list(dict.fromkeys(refs))[-20:]
    if content.held and content.release_address:
        reply_to = content.release_address
    elif content.report_address:
        reply_to = content.report_address
    else:
        reply_to = ""
    marker = f"hold={hold.id}" if hold else "note"
    if audience == "reviewer":
        marker += "; escalation"
    lines = [
        _address_header("From", "Grace Gateway", settings.note_from),
        f"To: {', '.join(clean_text(r, 320) for r in recipients)}\r\n".encode(),
        _header("Subject", subject),
        f"Date: {format_datetime(now.astimezone(UTC))}\r\n".encode(),
        f"Message-ID: {msg_id}\r\n".encode(),
        _ids_header("In-Reply-To", original_id),
        _ids_header("References", refs),
        _address_header("Reply-To", "Grace Gateway", reply_to) if reply_to else b"",
        b"Auto-Submitted: auto-replied\r\n",
        b"X-Auto-Response-Suppress: All\r\n",
        f"{MARKER_HEADER}: {marker}\r\n".encode(),
    ]
    raw = _assemble(lines, render_text(content), render_html(content), attachment)
    return Note(raw=raw, message_id=msg_id, to=recipients, subject=subject)


def compose_note(
    *,
    settings: Settings,
    analysis: Analysis,
    original: bytes,
    hold: Hold | None,
    release_token: str | None,
    report_token: str | None,
    now: datetime,
) -> bytes:
    """The review note for one held (or forwarded-with-note) reply, as MIME bytes.

    To the author (analysis.scope.sender), From settings.note_from, Reply-To the
    release address with the release token (held) or the report address with
    the report token (forwarded), threaded to the original via In-Reply-To and
    References.  Send it with the null envelope sender `<>`; it needs 8BITMIME
    when the attached original has 8-bit bytes (see `needs_8bitmime`).
    """
    return compose(
        settings=settings, analysis=analysis, original=original, hold=hold,
        release_token=release_token, report_token=report_token, now=now,
    ).raw


def needs_8bitmime(raw: bytes) -> bool:
    """True when the note (through its attached original) has 8-bit bytes."""
    return not raw.isascii()


def text_part(raw: bytes) -> str:
    """The decoded text/plain part of a note (for tests and `grace held show`)."""
    from email import message_from_bytes, policy

    msg = message_from_bytes(raw, policy=policy.default)
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""
