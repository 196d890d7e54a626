"""Separate the author's new lines from quoted history in a plain-text body.

Measured against the libraries (see tests/extract/eval_libraries.py and the
closing note of issue 3), the quote *detection* of email-reply-parser /
mail-parser-reply is fine on plain text, but none of them handles inline replies,
localised Outlook header blocks, help-desk layouts or gives back the quote
header, which the lateness rule needs.  So this is a small line classifier:

* "> " lines are quoted (any depth);
* an attribution ("On <date>, <name> wrote:", also wrapped over up to three
  lines and localised: Am … schrieb …:, Le … a écrit :, El … escribió:, Op …
  schreef …:, Il … ha scritto:, Em … escreveu:, Den … skrev:) starts a quote;
* an Outlook header block (From:/Sent:/To:/Subject: and its Von:/Gesendet:,
  De:/Envoyé:, Van:/Verzonden: ... forms, or Outlook for Mac's From:/Date:) or an
  "-----Original Message-----" line starts history that runs to the end;
* author lines *between* quoted blocks are kept (inline replies).

Every regex is applied to one line (or a join of at most three short lines) and
has bounded repetition, so cost is linear in the size of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LEAD = r"(?:on|am|le|el|op|il|em|den|på|dne|în|w\s+dniu|il\s+giorno|el\s+día)"
_WROTE = (
    r"(?:wrote|writes|has\s+written|schrieb|a\s+écrit|escribió|escribio|schreef|ha\s+scritto|"
    r"escreveu|skrev|napisał|napisal|napsal|kirjoitti|írta|yazdı|a\s+scris|написал(?:\(а\))?|"
    # present tense, as some clients write it: "W dniu ... pisze:", "Jane schreibt:"
    r"pisze|schreibt|écrit|escribe|scrive|escreve|schrijft|skriver|píše|kirjoittaa|пишет|"
    # Turkish, Chinese, Korean Gmail: "... şunu yazdı:", "... 寫道：", "...님이 작성:"
    r"yazdı|şunu\s+yazdı|寫道|写道|작성)"
)
_ATTR = re.compile(rf"^{_LEAD}\s.{{0,400}}?\s{_WROTE}(?:\s.{{0,200}}?)?\s*:\s*$", re.I | re.S)
#: "Jane Doe <jane@example.com> wrote:", "Jane schrieb am 3.3.2026 19:02:", "Quoting Jane:"
#: (no leading date) - trusted only directly above "> " lines.
_ATTR_BARE = re.compile(
    rf"^(?:.{{1,300}}?\s{_WROTE}|quoting\s.{{1,300}}?|.{{1,200}}?\s(?:schrieb\s+am|wrote\s+on|a\s+écrit\s+le|"
    rf"escribió\s+el|schreef\s+op)\s.{{1,120}}?"
    # the date first, then the verb, then the name (Nordic Gmail): "tir. 9. feb. 2027
    # kl. 07:05 skrev Jon Rise <jon@...>:"
    rf"|.{{1,120}}?\d{{1,2}}[:.]\d{{2}}\s{_WROTE}\s.{{1,200}}?"
    # Chinese and Korean put the verb last with no space before it ("... 上午9:12 寫道："),
    # Japanese Gmail has no verb at all: "2027年8月3日(火) 9:12 Sato Yuki <sato@...>:"
    rf"|.{{1,300}}?(?:寫道|写道|님이\s*작성)"
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日.{{0,40}}?\d{{1,2}}:\d{{2}}\s.{{1,200}}?<[^<>\s]+@[^<>\s]+>"
    # any language: a clock time, then an address in angle brackets, then the colon
    # ("чт, 5 мар. 2028 г. в 09:14, Иван <ivan@...>:", "Στις ... 9:14 π.μ., ο/η Nikos
    # <nikos@...> έγραψε:", "Pada tanggal ... pukul 09.14 Budi <budi@...> menulis:")
    rf"|.{{1,200}}?\d{{1,2}}[:.]\d{{2}}\b.{{1,200}}?<[^<>\s]+@[^<>\s]+>[^<>]{{0,60}}?)"
    rf"\s*[:：]\s*$",
    re.I | re.S,
)
_LEAD_START = re.compile(rf"^{_LEAD}\s", re.I)
_HAS_DATE_HINT = re.compile(r"\d|@")

_ORIGINAL = re.compile(
    r"^\s*[-_=*]{2,}\s*(?:original\s+message|ursprüngliche\s+nachricht|original-nachricht|"
    r"message\s+d'origine|message\s+original|mensaje\s+original|oorspronkelijk\s+bericht|"
    r"messaggio\s+originale|mensagem\s+original|ursprungligt\s+meddelande|oprindelig\s+meddelelse|"
    r"forwarded\s+message|weitergeleitete\s+nachricht|message\s+transféré|mensaje\s+reenviado|"
    r"doorgestuurd\s+bericht|messaggio\s+inoltrato)\s*[-_=*]{2,}\s*$",
    re.I,
)
#: Zoho Mail's attribution between dashes: "---- On Tue, 05 Mar 2028 09:14:00 +0000 Ana
#: <ana@...> wrote ----"; the history under it is not prefixed.
_DASHED_ATTR = re.compile(
    rf"^\s*-{{2,}}\s*{_LEAD}\s.{{1,300}}?\s{_WROTE}\s*-{{2,}}\s*$", re.I
)
_FORWARD_INTRO = re.compile(
    r"^\s*(?:begin\s+forwarded\s+message|anfang\s+der\s+weitergeleiteten\s+nachricht|"
    r"début\s+du\s+message\s+réexpédié|inicio\s+del\s+mensaje\s+reenviado)\s*:\s*$",
    re.I,
)
_H_FROM = re.compile(
    r"^\s*\*?(?:from|von|de|de\s+la|van|da|från|fra|od|от|від|gönderen|kimden|lähettäjä|feladó|"
    # Greek, Japanese, Chinese (both scripts), Korean, Croatian, Indonesian, Vietnamese,
    # Hebrew and Arabic Outlook; East Asian clients often write a full-width colon
    r"από|差出人|发件人|寄件者|寄件人|보낸\s*사람|šalje|dari|từ|מאת|من)\s*\*?\s*[:：]\s*\S",
    re.I,
)
_H_WHEN = re.compile(
    r"^\s*\*?(?:sent|date|gesendet|datum|envoyé|enviado|verzonden|inviato|data|skickat|"
    r"sendt|wysłano|wysłane|wysłany|odesláno|отправлено|tarih|gönderildi|lähetetty|"
    # Spanish and Portuguese ("Enviado el:", "Enviada em:"), Romanian, Hungarian, Slovak,
    # Croatian, Ukrainian, Greek, Japanese, Chinese, Korean, Indonesian, Vietnamese, Hebrew
    r"enviad[oa](?:\s+(?:el|em))?|trimis|elküldve|dátum|odoslané|poslano|надіслано|στάλθηκε|"
    r"送信日時|发送时间|寄件日期|发送日期|보낸\s*날짜|dikirim|đã\s+gửi|נשלח)\s*\*?\s*[:：]\s*\S",
    re.I,
)


def sent_value(line: str) -> str | None:
    """The time text of an Outlook block's "Sent:" line, in any language the block
    detection knows ("Gesendet:", "Envoyé :", "Gönderildi:"), else None.  One list
    serves both the detection and the reading of the customer's time."""
    if not _H_WHEN.match(line):
        return None
    cut = min((i for i in (line.find(":"), line.find("：")) if i >= 0), default=-1)
    return line[cut + 1 :].strip()


_H_OTHER = re.compile(
    r"^\s*\*?(?:to|an|à|a|para|aan|till|til|do|komu|кому|kime|vastaanottaja|subject|"
    r"betreff|objet|asunto|onderwerp|oggetto|ämne|emne|temat|předmět|тема|konu|kime|aihe|"
    r"cc|kopie|"
    # the same languages as the From and Sent lines above
    r"assunto|către|subiect|címzett|tárgy|predmet|prima|προς|θέμα|宛先|件名|收件人|"
    r"收件者|主题|主旨|받는\s*사람|제목|kepada|perihal|đến|chủ\s+đề|אל|נושא|إلى|الموضوع)"
    r"\s*\*?\s*[:：]",
    re.I,
)
_SEPARATOR = re.compile(r"^\s*(?:[-_=*~─━—–]\s*){8,}$")
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)")

MAX_ATTR_LINE = 400


def quote_depth(line: str) -> tuple[int, str]:
    """(number of leading '>' markers, the line without them)."""
    if line[:1] != ">" and line.lstrip(" \t")[:1] != ">":
        return 0, line
    m = _QUOTE_PREFIX.match(line)
    if not m:
        return 0, line
    return m.group(1).count(">"), line[m.end() :]


_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def attribution_at(lines: list[str], i: int, *, bare: bool = False) -> int:
    """Number of lines (1-3) forming an attribution starting at lines[i], else 0."""
    # Gmail wraps a right-to-left attribution (Hebrew, Arabic) in direction marks
    first = lines[i].strip().strip(_BIDI_MARKS)
    if not first or len(first) > MAX_ATTR_LINE or not (first[0].isalnum() or first[0] in "\"'<"):
        return 0
    if _LEAD_START.match(first):
        joined = first
        for n in range(1, 4):
            if joined.endswith(":") and _ATTR.match(joined):
                return n
            if i + n >= len(lines):
                break
            nxt = lines[i + n].strip()
            if not nxt or len(nxt) > MAX_ATTR_LINE or quote_depth(lines[i + n])[0]:
                break
            joined = joined + " " + nxt
        return 0
    if bare and first.endswith((":", "\uff1a")) and _ATTR_BARE.match(first):
        return 1
    return 0


def header_block_at(lines: list[str], i: int) -> int:
    """Length of an Outlook-style header block (From:/Sent:/To:/Subject:) at i, else 0."""
    if not _H_FROM.match(lines[i]):
        return 0
    when = other = False
    j = i + 1
    end = min(len(lines), i + 9)
    while j < end:
        line = lines[j]
        if not line.strip():
            break
        if _H_WHEN.match(line):
            when = True
        elif _H_OTHER.match(line):
            other = True
        elif _H_FROM.match(line):
            break  # a second From: starts another block
        elif not line[:1].isspace():
            # a folded header value (long To: list) continues on an indented line
            if not (when and other):
                return 0
            break
        j += 1
    return j - i if when and other else 0


_RULE_CHARS = frozenset("-_=*~─━—–")


def history_start(lines: list[str], i: int) -> bool:
    """Does unprefixed history (Outlook block, Original Message, forward) start at i?"""
    line = lines[i]
    first = line.lstrip()[:1]
    if not first:
        return False
    if first in _RULE_CHARS:
        return bool(_ORIGINAL.match(line) or _DASHED_ATTR.match(line)) or (
            bool(_SEPARATOR.match(line)) and _header_follows(lines, i + 1)
        )
    if not first.isalpha() and first != "*":
        return False
    if line.rstrip().endswith(":") and _FORWARD_INTRO.match(line):
        return True
    return header_block_at(lines, i) > 0


def _header_follows(lines: list[str], j: int) -> bool:
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and header_block_at(lines, j) > 0


@dataclass
class QuotedMessage:
    """The newest quoted message: its header text (for the time) and its body."""

    header: str = ""
    #: "attribution" ("On ... wrote:"), "outlook" (From/Sent block) or "".
    kind: str = ""
    body: list[str] = field(default_factory=list)


@dataclass
class Split:
    author: list[str]
    quoted: list[str]
    newest: QuotedMessage
    #: True when author lines were found after a quote (inline or bottom reply).
    inline: bool = False


def _is_sig_delimiter(line: str) -> bool:
    return line.rstrip() in ("--", "-- ", "—", "––") or line == "-- "


def split_quotes(lines: list[str]) -> Split:
    n = len(lines)
    kinds = [""] * n  # "q" quoted, "a" attribution, "" author candidate
    hist = n  # unprefixed history runs from here to the end
    i = 0
    while i < n:
        line = lines[i]
        depth, _ = quote_depth(line)
        if depth:
            kinds[i] = "q"
            i += 1
            continue
        if history_start(lines, i):
            hist = i
            break
        k = attribution_at(lines, i, bare=True)
        if k:
            j = i + k
            while j < n and not lines[j].strip():
                j += 1
            followed_by_quote = j < n and quote_depth(lines[j])[0] > 0
            if followed_by_quote:
                for t in range(i, i + k):
                    kinds[t] = "a"
                i += k
                continue
            joined = " ".join(x.strip() for x in lines[i : i + k])
            if _HAS_DATE_HINT.search(joined) and _LEAD_START.match(joined):
                hist = i  # an unprefixed quote (some clients do not add "> ")
                break
        i += 1

    _unwrap_false_quotes(lines, kinds, hist)
    # lazy continuation: an unprefixed lowercase line glued to a quoted line
    for t in range(1, hist):
        if kinds[t] == "" and kinds[t - 1] == "q" and lines[t][:1].islower():
            kinds[t] = "q"

    first_q = next((t for t in range(hist) if kinds[t]), hist)
    sig_before_quote = any(_is_sig_delimiter(lines[t]) for t in range(first_q))
    after = [t for t in range(first_q, hist) if kinds[t] == "" and lines[t].strip()]
    inline = bool(after) and not sig_before_quote
    author: list[str] = []
    quoted: list[str] = []
    if inline:
        for t in range(hist):
            if kinds[t]:
                quoted.append(lines[t])
                if author and author[-1].strip():
                    author.append("")
            elif lines[t].strip() or (author and author[-1].strip()):
                author.append(lines[t])
    else:
        author = lines[:first_q]
        quoted = lines[first_q:hist]
    quoted.extend(lines[hist:])
    newest = newest_quoted(lines, kinds, first_q, hist)
    return Split(author, quoted, newest, inline)


#: A line at least this long, directly followed by a one- or two-line "> " block and
#: then more text, was hard-wrapped before a ">" ("Members\n> Guests > Wi-Fi").
WRAPPED_LINE = 50


def _unwrap_false_quotes(lines: list[str], kinds: list[str], hist: int) -> None:
    t = 1
    while t < hist:
        if kinds[t] == "q" and kinds[t - 1] == "" and lines[t - 1].strip():
            prev = lines[t - 1].rstrip()
            end = t
            while end < hist and kinds[end] == "q":
                end += 1
            glued_after = end < hist and kinds[end] == "" and bool(lines[end].strip())
            # a menu path or a bracket left open at the wrap: "(Cards > Virtual card" then
            # "> Show details), which ...", even when a blank line follows
            mid_path = (
                end - t == 1
                and (" > " in prev or prev.count("(") > prev.count(")"))
                and not prev.endswith((".", "!", "?", ":"))
            )
            if (
                len(prev) >= WRAPPED_LINE
                and not prev.endswith(":")
                and end - t <= 2
                and (glued_after or mid_path)
                and quote_depth(lines[t])[0] == 1
            ):
                for k in range(t, end):
                    kinds[k] = ""
            t = end
        else:
            t += 1


def newest_quoted(lines: list[str], kinds: list[str], first_q: int, hist: int) -> QuotedMessage:
    """The message being answered: the first attribution plus its depth-1 lines,
    or the first unprefixed Outlook/Original-Message block."""
    if first_q < hist:
        region: list[str] = []
        for t in range(first_q, min(hist, first_q + MAX_MESSAGE_LINES)):
            if kinds[t] == "a":
                region.append(lines[t])
            elif kinds[t] == "q":
                depth, rest = quote_depth(lines[t])
                region.append(">" * (depth - 1) + " " + rest if depth > 1 else rest)
        return read_message(region)
    if hist < len(lines):
        return read_message(lines[hist:])
    return QuotedMessage()


#: Lines of the quoted message read for facts (its header is at the top).
MAX_MESSAGE_LINES = 1000


def read_message(region: list[str]) -> QuotedMessage:
    """Read one quoted message: an optional header at its top, then its own lines
    up to the next (older) nested header or quote."""
    region = region[:MAX_MESSAGE_LINES]
    i = 0
    while i < len(region) and (
        not region[i].strip()
        or _SEPARATOR.match(region[i])
        or _ORIGINAL.match(region[i])
        or _FORWARD_INTRO.match(region[i])
    ):
        i += 1
    header = ""
    kind = ""
    dashed = _DASHED_ATTR.match(region[i]) if i < len(region) else None
    if dashed is not None:
        header = region[i].strip().strip("-").strip()
        kind = "attribution"
        i += 1
    elif i < len(region):
        k = attribution_at(region, i, bare=True)
        if k:
            header = " ".join(x.strip() for x in region[i : i + k])
            kind = "attribution"
            i += k
        else:
            k = header_block_at(region, i)
            if k:
                header = "\n".join(x.strip() for x in region[i : i + k])
                kind = "outlook"
                i += k
    body: list[str] = []
    while i < len(region):
        line = region[i]
        if quote_depth(line)[0] or history_start(region, i) or attribution_at(region, i):
            break
        body.append(line)
        i += 1
    return QuotedMessage(header, kind, body)


#: "[Tobias] In two places: ...", "[AR]: Yes.", "RK: Yes." - an answer written into the
#: quoted message under the author's name tag (Outlook users answer "inline in
#: red" this way; the colour is lost in text, the tag is not).
_NAME_TAG = re.compile(
    r"[ \t]*(?:\[(?P<name>[^\]\n]{1,40})\][ \t]*:?|(?P<bare>[A-Z][\w.'-]{0,20}):)"
    r"[ \t]*(?P<rest>\S.*)?$"
)


def author_tags(display_name: str) -> frozenset[str]:
    """The tags an author may put before inline answers: first name, full name,
    initials ("Tobias", "Tobias Lindqvist", "TL"), lower-cased."""
    words = [w for w in re.split(r"[\s,]+", display_name.strip().strip("\"'")) if w]
    words = [w for w in words if w[:1].isalpha() and "@" not in w]
    if not words:
        return frozenset()
    tags = {words[0].lower(), " ".join(words).lower()}
    if len(words) >= 2:
        tags.add("".join(w[0] for w in words).lower())
    return frozenset(tags)


def tagged_answers(quoted: list[str], tags: frozenset[str]) -> tuple[list[str], list[str]]:
    """(the author's tagged answers, the quote without them).  An answer runs from
    its tag line to the next blank line; the tag itself is dropped."""
    if not tags:
        return [], quoted
    answers: list[str] = []
    rest: list[str] = []
    inside = 0
    for line in quoted:
        # an HTML quote comes out of html_to_text as "> " lines: one level is the
        # newest message itself; deeper tags are older answers, not this reply's
        depth, content = quote_depth(line)
        m = _NAME_TAG.match(content) if depth <= 1 else None
        if m and (m.group("name") or m.group("bare")).strip().lower() in tags:
            if answers:
                answers.append("")
            if m.group("rest"):
                answers.append(m.group("rest"))
            inside = depth + 1
            continue
        if inside and depth == inside - 1 and content.strip():
            answers.append(content)
            continue
        inside = 0
        rest.append(line)
    return answers, rest
