"""Help-desk layouts: find the newest agent comment and read the ticket history.

Zendesk, Help Scout, Jira Service Management and Intercom send an agent's comment
with the ticket's earlier messages below (or, for Intercom, a transcript after
it), each headed by its author and time.  Only the newest agent comment is the
author's words; the customer's time and urgency come from the newest *customer*
entry of the history.  Freshdesk quotes like a mail client ("On Tue, 21 Apr at
8:10 AM , Name<addr> wrote:"), so the generic quote splitter handles its body;
it is still recognised here so the Reply says which help desk sent it.

The help desk is recognised from its headers (X-Mailer, X-Zendesk-*, X-JIRA-*,
Message-ID domains) or its marker lines, and the history entries from the tool's
header shapes, on one line ("Name, Apr 21, 2026, 10:05 CEST", "Name · Thu 23 Apr
2026, 08:20") or two ("Name replied:" / "Name commented:" / "Name (Brand)"
followed by a time).  Both the text/plain layout and the text rendered from the
HTML layout are understood.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from gateway.extract.signature import fold

ZENDESK, FRESHDESK, HELPSCOUT, JIRA, INTERCOM = (
    "zendesk",
    "freshdesk",
    "helpscout",
    "jira",
    "intercom",
)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?"
_CLOCK = r"\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?"
_OFFSET = r"(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?)"
#: "CEST", "+0200", "GMT+2", or one of them in brackets: "(GMT+01:00)"
_ZONE = rf"(?:\s?(?:{_OFFSET}|\({_OFFSET}\)))?"
#: The time shapes the five tools print in their history (plus common variants).
WHEN = (
    rf"(?:{_DAY},?\s)?(?:{_MONTH}\s\d{{1,2}},?\s\d{{4}}|\d{{1,2}}\s{_MONTH},?\s\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/(?:{_MONTH}|\d{{1,2}})/\d{{2,4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})"
    rf",?\s(?:at\s)?{_CLOCK}{_ZONE}"
)
_WHEN_LINE = re.compile(rf"^\s*({WHEN})\s*$")
_NAME_WHEN = re.compile(
    rf"^\s*(?P<name>[^\W\d][^,·•|]{{0,80}}?)\s*(?:,|·|•|\||\s-\s)\s*(?P<when>{WHEN})\s*$"
)
_VERB = re.compile(
    r"^\s*(?P<name>[^\W\d][^.,;:!?]{0,80}?)\s+(?P<verb>replied|commented|started\s+the\s+conversation|"
    r"raised\s+this\s+request|created\s+this\s+request|sent\s+a\s+message|added\s+a\s+note|forwarded)"
    r"\s*:\s*$",
    re.I,
)
_NAME_ORG = re.compile(r"^\s*(?P<name>[^\W\d][^()]{0,80}?)\s*\((?P<org>[^()]{1,80})\)\s*$")

#: "##- Please type your reply above this line -##", in any language Zendesk prints it
#: ("##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##"): the frame is the mark.
_ZENDESK_MARKER = re.compile(r"^\s*##-\s*\S.{3,120}?\s*-##\s*$", re.I)
_HELPSCOUT_MARKER = re.compile(r"^\s*##\s*reply\s+above\s+this\s+line\s*##\s*$", re.I)
_JIRA_MARKER = re.compile(r"^\s*reply\s+above\s+this\s+line\.?\s*$", re.I)
_JIRA_RULE = re.compile(r"^\s*(?:[—–]-?){3,}[—–]?\s*$")
_INTERCOM_HISTORY = re.compile(r"^\s*earlier\s+in\s+this\s+conversation\s*:?\s*$", re.I)
_SEPARATOR = re.compile(r"^\s*(?:[-_=*~─━—–]\s*){8,}$")
_FURNITURE = re.compile(
    r"^\s*(?:your\s+request\s+\(?#?[\w.-]+\)?\s+has\s+been\s+updated.*|to\s+add\s+additional\s+comments.*"
    r"|reply\s+above\s+this\s+line\.?|##.*reply.*above\s+this\s+line.*##|##-\s*\S.{3,120}?\s*-##"
    r"|here'?s\s+a\s+reminder\s+of\s+what.*"
    r"|earlier\s+in\s+this\s+conversation:?)\s*$",
    re.I,
)
#: The ticket's own header above the comments: "Ticket SM-2044: Hold on a book" (its
#: number), "Status: Open | Priority: Normal" (short key-value pairs); not a sentence
#: such as "Status: we are still waiting for the courier".
_META_VALUE = r"[ \t]*[^\s|:]+(?:[ \t]+[^\s|:]+){0,3}[ \t]*"
_TICKET_META = re.compile(
    r"^\s*(?:(?:ticket|request|case|ref|reference)[ \t]*(?:#|no\.?|number)?[ \t]*(?=[\w-]*\d)[\w-]+"
    r"[ \t]*:.*|(?:status|priority|assignee|assigned\s+to|group|type|requester|department|"
    rf"category|channel)[ \t]*:{_META_VALUE}(?:\|[ \t]*\w[\w ]{{0,29}}:{_META_VALUE})*)$",
    re.I,
)
_ADMIN_LINE = re.compile(r"^\s*([^\W\d][\w'’-]*(?:\s[^\W\d][\w'’-]*)?)\s+from\s+\S.{0,60}$")
_UPDATED = re.compile(r"request\s+\(?#?[\w.-]+\)?\s+has\s+been\s+updated", re.I)
_CUSTOMER_VERBS = ("started the conversation", "raised this request", "created this request")

# The help desk speaking, not an agent: a receipt for a new request, or a
# satisfaction survey.  Both are short and say so in a few set ways.
_RECEIPT = re.compile(
    r"\b(?:we(?:'ve|\s+have)?|i(?:'ve|\s+have)?)\s+(?:\w+\s+)?received\s+your\s+"
    r"(?:\w+\s+)?(?:request|ticket|message|e-?mail|enquiry|inquiry|query|case)\b"
    r"|\byour\s+(?:\w+\s+)?(?:request|ticket|message|e-?mail|enquiry|inquiry|query|case)\s+has\s+been\s+"
    r"(?:received|logged|created|opened|registered)\b",
    re.I,
)
_TICKET_REF = re.compile(
    r"#\s?\d|\b(?:ticket|request|case|reference|ref)\b[^.\n]{0,40}?\b[a-z]{0,8}-?\d{2,}",
    re.I,
)
_SURVEY = re.compile(
    r"\bhow\s+would\s+you\s+rate\b|\brate\s+(?:the|our|your)\s+(?:\w+\s+)?(?:support|service|"
    r"experience|conversation)\b|\b(?:customer\s+)?satisfaction\s+survey\b",
    re.I,
)
_NOTICE_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)*(?:ticket|request|case)\s+(?:received|created|opened|logged)\b"
    r"|\bhow\s+would\s+you\s+rate\b",
    re.I,
)
#: Longer than this, a message is more than a receipt or a survey.
NOTICE_MAX_WORDS = 120


def is_notification(subject: str, text: str) -> bool:
    """A help desk's own receipt or survey (not an agent's comment on a ticket)."""
    if len(text.split()) > NOTICE_MAX_WORDS:
        return False
    if _SURVEY.search(text) or _NOTICE_SUBJECT.search(subject):
        return True
    return bool(_RECEIPT.search(text) and _TICKET_REF.search(text))


@dataclass
class Entry:
    """One history item: who wrote it, when (as printed), what, and their role."""

    author: str
    when: str
    lines: list[str] = field(default_factory=list)
    verb: str = ""
    org: str = ""
    role: str = ""  # "agent" | "customer"


@dataclass
class Layout:
    name: str
    #: The layout shows the newest entry is an agent's comment.
    comment: bool
    author: list[str]
    history: list[str]
    entries: list[Entry]
    #: Printed name of the comment's author, if the layout gives it.
    comment_author: str = ""


def detect(headers: Mapping[str, str], text: str, html: str = "") -> str | None:
    """The help desk that sent the message, from headers first, then layout."""
    mailer = headers.get("x-mailer", "").lower()
    mid = headers.get("message-id", "").lower()
    keys = headers.get("_keys", "").lower()
    if "zendesk" in mailer or "x-zendesk-" in keys or "zendesk" in mid:
        return ZENDESK
    if "x-jira-" in keys or "@atlassian.jira" in mid:
        return JIRA
    if "freshdesk" in mid or "x-freshdesk" in keys or "freshdesk" in mailer:
        return FRESHDESK
    if "helpscout" in mid or "x-helpscout" in keys or "help scout" in mailer:
        return HELPSCOUT
    if (
        "intercom" in mid
        or "x-intercom" in keys
        or "intercom" in headers.get("reply-to", "").lower()
    ):
        return INTERCOM
    head = text[:3000]
    for line in head.split("\n", 40)[:40]:
        if _ZENDESK_MARKER.match(line):
            return ZENDESK
        if _HELPSCOUT_MARKER.match(line):
            return HELPSCOUT
    low = text[-3000:].lower()
    if "powered by jira service management" in low:
        return JIRA
    if "we run on intercom" in low:
        return INTERCOM
    if "freshdesk_quote" in html[-20000:] or "fd_tkt_identifier" in html[-5000:]:
        return FRESHDESK
    return None


def _entry_at(lines: list[str], i: int) -> tuple[Entry, int] | None:
    """A history entry header starting at lines[i]: (entry, lines consumed)."""
    line = lines[i]
    if not line.strip() or len(line) > 200:
        return None
    m = _NAME_WHEN.match(line)
    if m:
        name, org = _split_org(m.group("name"))
        return Entry(name, m.group("when"), org=org), 1
    m = _VERB.match(line)
    if m and len(m.group("name").split()) <= 6:
        name, org = _split_org(m.group("name"))
        when, used = _next_when(lines, i + 1)
        return Entry(name, when, verb=" ".join(m.group("verb").lower().split()), org=org), 1 + used
    # "Name (Org)" or "Name" on one line, the time on the next non-blank line
    if len(line.split()) <= 8 and not line.rstrip().endswith((".", "?", "!", ":")):
        when, used = _next_when(lines, i + 1)
        if when:
            name, org = _split_org(line.strip())
            return Entry(name, when, org=org), 1 + used
    return None


def _split_org(name: str) -> tuple[str, str]:
    m = _NAME_ORG.match(name)
    if m:
        return m.group("name").strip(), m.group("org").strip()
    m = re.match(r"^(?P<name>.+?)\s+from\s+(?P<org>.+)$", name.strip())
    if m:
        return m.group("name").strip(), m.group("org").strip()
    return name.strip(), ""


def _next_when(lines: list[str], j: int) -> tuple[str, int]:
    used = 0
    while j < len(lines) and not lines[j].strip() and used < 2:
        j += 1
        used += 1
    if j < len(lines):
        m = _WHEN_LINE.match(lines[j])
        if m:
            return m.group(1), used + 1
    return "", 0


def _scan_entries(lines: list[str], start: int, stop: int) -> list[tuple[int, int, Entry]]:
    """[(index, header length, entry)] for every history header in lines[start:stop]."""
    found = []
    i = start
    while i < stop:
        hit = _entry_at(lines, i)
        if hit:
            entry, used = hit
            found.append((i, used, entry))
            i += used
        else:
            i += 1
    return found


def _fill(lines: list[str], found: list[tuple[int, int, Entry]], stop: int) -> None:
    for k, (i, used, entry) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else stop
        body = lines[i + used : end]
        while body and (not body[-1].strip() or _SEPARATOR.match(body[-1])):
            body.pop()
        entry.lines = body


def _footer_start(lines: list[str], start: int) -> int:
    """Where the help desk's footer begins: the first legal/footer line of the
    trailing run of footer, separator, blank and short lines (scanned backwards,
    so the cost is the footer's length, not the message's)."""
    from gateway.extract.signature import is_legal

    footer = len(lines)
    i = len(lines) - 1
    while i >= start:
        s = lines[i].strip()
        if not s or _SEPARATOR.match(s):
            i -= 1
            continue
        if is_legal(s):
            footer = i
        elif len(s.split()) > 3:
            break
        i -= 1
    if footer == len(lines):
        return footer
    while footer > start and (not lines[footer - 1].strip() or _SEPARATOR.match(lines[footer - 1])):
        footer -= 1
    return footer


def split(name: str, lines: list[str], *, sender_display: str = "") -> Layout | None:
    """Split a help-desk body into the newest comment and the history (None for
    Freshdesk and unknown layouts: the generic quote splitter handles those)."""
    if name == ZENDESK:
        return _zendesk(lines, sender_display)
    if name == HELPSCOUT:
        return _headed(HELPSCOUT, lines, _HELPSCOUT_MARKER)
    if name == JIRA:
        return _jira(lines)
    if name == INTERCOM:
        return _intercom(lines)
    return None


def _after_marker(lines: list[str], marker: re.Pattern[str]) -> int:
    for i, line in enumerate(lines[:60]):
        if marker.match(line):
            return i + 1
    return 0


def _zendesk(lines: list[str], sender_display: str) -> Layout:
    start = _after_marker(lines, _ZENDESK_MARKER)
    stop = _footer_start(lines, start)
    found = _scan_entries(lines, start, stop)
    _fill(lines, found, stop)
    intro = lines[start : found[0][0]] if found else lines[start:stop]
    intro_text = "\n".join(intro)
    updated = bool(_UPDATED.search(intro_text))
    own_words = [
        ln
        for ln in intro
        if ln.strip()
        and not _FURNITURE.match(ln)
        and not _SEPARATOR.match(ln)
        and not _TICKET_META.match(ln)
    ]
    if found and (updated or not own_words):
        # the first entry is the new comment
        _i, _used, first = found[0]
        first.role = "agent"
        history = [x for (_, _, e) in found[1:] for x in [e.author + ", " + e.when, *e.lines, ""]]
        return Layout(
            ZENDESK,
            True,
            first.lines,
            history + lines[stop:],
            [e for (_, _, e) in found[1:]],
            comment_author=first.author,
        )
    # a survey, an acknowledgement or a side conversation: the intro is the
    # message, and it is not an agent's comment on the ticket
    body = [ln for ln in intro if not _FURNITURE.match(ln)]
    history = [x for (_, _, e) in found for x in [e.author + ", " + e.when, *e.lines, ""]]
    return Layout(ZENDESK, False, body, history + lines[stop:], [e for (_, _, e) in found])


def _headed(name: str, lines: list[str], marker: re.Pattern[str]) -> Layout:
    start = _after_marker(lines, marker)
    stop = _footer_start(lines, start)
    found = _scan_entries(lines, start, stop)
    _fill(lines, found, stop)
    end = found[0][0] if found else stop
    author = lines[start:end]
    while author and (not author[-1].strip() or _SEPARATOR.match(author[-1])):
        author.pop()
    history = lines[end:]
    return Layout(name, True, author, history, [e for (_, _, e) in found])


def _jira(lines: list[str]) -> Layout:
    start = 0
    for i, line in enumerate(lines[:20]):
        if _JIRA_MARKER.match(line):
            start = i + 1
            break
        if _JIRA_RULE.match(line) and i < 5:
            start = i + 1
    stop = _footer_start(lines, start)
    found = _scan_entries(lines, start, stop)
    _fill(lines, found, stop)
    # the first "<agent> commented:" without a time is the new comment
    if found and not found[0][2].when and found[0][2].verb == "commented":
        _i, _used, first = found[0]
        first.role = "agent"
        history_entries = [e for (_, _, e) in found[1:]]
        history = lines[found[1][0] :] if len(found) > 1 else lines[stop:]
        return Layout(
            JIRA, True, first.lines, history, history_entries, comment_author=first.author
        )
    end = found[0][0] if found else stop
    comment = bool(found) and found[0][2].verb == "commented"
    return Layout(JIRA, comment, lines[start:end], lines[end:], [e for (_, _, e) in found])


def _intercom(lines: list[str]) -> Layout:
    hist = next((i for i, ln in enumerate(lines) if _INTERCOM_HISTORY.match(ln)), None)
    if hist is None:
        stop = _footer_start(lines, 0)
        return Layout(INTERCOM, True, lines[:stop], lines[stop:], [])
    author = lines[:hist]
    while author and (not author[-1].strip() or _SEPARATOR.match(author[-1])):
        author.pop()
    # Intercom signs the reply "<First name> from <Brand>" on its own line
    comment_author = ""
    signature: list[str] = []
    if author:
        m = _ADMIN_LINE.match(author[-1])
        if m:
            comment_author = m.group(1)
            signature = [author.pop()]
    stop = _footer_start(lines, hist + 1)
    found = _scan_entries(lines, hist + 1, stop)
    _fill(lines, found, stop)
    return Layout(
        INTERCOM,
        True,
        author,
        signature + lines[hist:],
        [e for (_, _, e) in found],
        comment_author=comment_author,
    )


# ----------------------------------------------------------------------------- roles


def _core(name: str) -> str:
    name = re.sub(r"\(.*?\)", " ", name)
    name = re.split(r"\s+from\s+", name, maxsplit=1)[0]
    name = re.sub(r"^(?:dr|mr|mrs|ms|prof)\.?\s+", "", name.strip(), flags=re.I)
    return fold(name.strip(" \"'"))


def assign_roles(entries: list[Entry], *, agents: set[str], customers: set[str]) -> None:
    """Mark each entry agent or customer.  Unknown authors count as customers:
    a later customer time can only make a reply look *less* late, so a wrong
    guess never causes a false lateness hold."""
    agents_c = {_core(a) for a in agents if a}
    customers_c = {_core(c) for c in customers if c}
    for e in entries:
        if e.role:
            continue
        core = _core(e.author)
        if e.verb in _CUSTOMER_VERBS:
            e.role = "customer"
        elif (
            e.org
            or core in agents_c
            or re.search(r"\b(?:support|team|helpdesk|service\s+desk)\b", core)
        ):
            e.role = "agent"
        elif core in customers_c:
            e.role = "customer"
        else:
            e.role = "customer"


_HTML_AGENT = re.compile(r"<strong>([^<>]{1,80})</strong>\s*\(([^()<>]{1,80})\)")


def agents_from_html(html: str) -> set[str]:
    """Zendesk's HTML marks agents "<strong>Name</strong> (Brand)"; its text part does not."""
    if not html:
        return set()
    return {m.group(1).strip() for m in _HTML_AGENT.finditer(html[:500_000])}
