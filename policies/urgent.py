"""Be Urgent: acknowledge, say what happens next, say when.

Four rules, each decided from the structure of the author's words rather than
from fixed sentences:

- `urgent.vague-followup`: a promise of a future action (judged with the
  subject of its own "will"/"'ll": "Thanks for your patience, WE'll keep you
  posted"; a verb coordinated after it shares it: "I'll ask the chef and get
  back to you") by us, or by a third party whose act reaches the customer,
  whose only timing is vague ("soon", "once the vendor replies", "when things
  calm down") or absent, in a reply with no concrete, forward-looking time
  anywhere (`policies.timeexpr`).
- `urgent.deflection`: the customer is sent to another party or channel (told
  to contact or ask one, or told that one handles it, is better placed, is the
  right contact, that it sits with or falls to one) and no clause says what WE
  are doing.  A refusal ("we can't see reseller tickets") is a hand-off only
  when its sentence names where to go instead.  The frames are pack patterns
  with {party}/{other}/{channel}/{named} noun-phrase placeholders.
- `urgent.late-no-acknowledgement`: the reply goes out after the response target
  and no sentence acknowledges the wait: an apology or "I know" about OUR
  answering ("sorry for taking until Wednesday to answer", "my slow reply",
  "nobody replied"), the customer's waiting ("you've been waiting", "your
  patience"), or owning it ("we should have answered on Friday").  An apology
  about the problem ("sorry the update took so long to install") is not one.
- `urgent.no-next-step`: every clause moves nothing: thanks, receipt, sympathy,
  status ("it's being looked at"), words passed on, design explained, a
  reaction, a pleasantry, or a report of the past.  Any act of ours (ahead, in
  progress, or done and delivering something), step for the customer,
  resolution, scheduled event, or statement that may be the answer asked for,
  keeps the rule silent: a false hold costs more than a miss.

Pasted machine output (logs, traces, command output) is not the author's prose
and is not read (`language.mask_machine_text`).  Everything is linear in the
text; see `tests/bench/bench_policies.py` for the cost.  Vocabulary (verbs of
following up, of contacting, party and channel nouns) names kinds of words and
lives in the pack, where an organisation may extend it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache

from policies.base import make_finding
from policies.language import (
    EXCLAMATIVE_BEFORE,
    HYPOTHETICAL,
    Actor,
    Span,
    _first_words,
    actor_of,
    clauses,
    find_negation,
    imperative_verb,
    is_request,
    mask_machine_text,
    normalise,
    sentences,
    trie_alternation,
    with_start_guard,
)
from policies.pack import Pack, PackError
from policies.timeexpr import TimeKind, find_times, is_past_clause
from policies.types import Finding, Reply, RuleSpec

# --------------------------------------------------------------------- shared analysis


class SentenceMemo:
    """Results of a clause-level judgement, keyed by the sentence's text and the
    clause's place in it.  Such a judgement reads only its own sentence, so it is
    worked out on the sentence alone and reused wherever the same sentence comes
    back (a long list of identical steps, a pasted template).  Bounded."""

    __slots__ = ("_store",)

    def __init__(self) -> None:
        self._store: dict[tuple[str, int, int], bool] = {}

    def get(self, cl: Clause, judge: Callable[[str, Clause], bool]) -> bool:
        sent = cl.sentence
        text = sent.text
        key = (text, cl.span.start - sent.start, cl.span.end - sent.start)
        found = self._store.get(key)
        if found is None:
            local = Clause(Span(text, 0, len(text)), Span(cl.span.text, key[1], key[2]), text=text)
            found = bool(judge(text, local))
            if len(self._store) >= 4096:
                self._store.clear()
            self._store[key] = found
        return found


#: A contrast that corrects a noun between commas: ", not a photocopy,", ", not the
#: green one." (the clause's own verb is not denied).
_NOUN_CONTRAST = re.compile(
    r",\s*not\s+(?:a|an|the|your|our|any|just|only|one|copies|photocopies|scans)\b"
    r"(?:\s+[\w-]+){0,3}?\s*(?=[,;.!?)]|$)",
    re.IGNORECASE,
)


class Clause:
    """One clause of the author's text, with who acts, negation and request-ness.

    The three facts are worked out on first use: most replies are decided by
    their first forward-moving clause or their first concrete time, so most
    clauses of a long reply are never asked.
    """

    __slots__ = ("sentence", "span", "_text", "_actor", "_negated", "_request")

    def __init__(
        self,
        sentence: Span,
        span: Span,
        actor: Actor | None = None,
        negated: bool | None = None,
        request: bool | None = None,
        *,
        text: str = "",
    ) -> None:
        self.sentence = sentence
        self.span = span
        self._text = text
        self._actor = actor
        self._negated = negated
        self._request = request

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            self._actor = actor_of(self._text, self.span.start, self.span.end)
        return self._actor

    @property
    def negated(self) -> bool:
        if self._negated is None:
            s, e = self.span.start, self.span.end
            neg = find_negation(self._text, s, e)
            while neg is not None:
                # "We need your original ID card, not a photocopy": a noun corrected,
                # the verb not denied; look for a negation past the contrast
                contrast = _NOUN_CONTRAST.search(self._text, max(s, neg.start - 3), e)
                if contrast is None or contrast.start() > neg.start:
                    break
                neg = find_negation(self._text, contrast.end(), e)
            self._negated = neg is not None
        return self._negated


    @property
    def request(self) -> bool:
        if self._request is None:
            self._request = is_request(self._text, self.span.start, self.span.end)
        return self._request


_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|howdy|g'day|kia\s+ora|dear|good\s+(?:morning|afternoon|evening)|greetings|"
    r"morning|afternoon)\b[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
#: The words before a sign-off: "with kind", "best", "warmest" (shared by both
#: sign-off patterns).
_SIGN_OFF_WITH = r"(?:with\s+(?=kind|best|warm|many))?"
_SIGN_OFF_ADJ = r"(?:kind(?:est)?|best|warm(?:est)?|many|with)"
_SIGN_OFF = re.compile(
    r"(?:" + _SIGN_OFF_WITH + _SIGN_OFF_ADJ + r"?\s*(?:regards|"
    r"wishes|thanks|thank\s+you|"
    r"cheers|sincerely|best|all\s+the\s+best|take\s+care|speak\s+soon|talk\s+soon|ta)"
    r"(?:\s+again)?[,.!]*)$",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"(?:[A-Z][\w'.\-]*)(?:\s+[A-Z][\w'.\-]*){0,3}\s*,?$")


#: A greeting that ends in "!" or ".": "Hi there!", "Hello Sam!" (names kept
#: case-sensitive, so "Hey you idiot!" is not a greeting).
_GREETING_EXCLAIMED = re.compile(
    r"(?i:hi|hello|hey|hiya|dear|good\s+(?:morning|afternoon|evening)|greetings)"
    r"(?:\s+(?i:there|all|again|everyone|team|folks))?(?:\s+[A-Z][\w'.-]*){0,2}\s*[!.,]+$"
)


#: A receipt said in one or two capitalised words, "Noted.", "Received.", "Well
#: Received!": the whole of a reply, not a name signing it.
_RECEIPT_WORD_LINE = re.compile(
    r"(?i:(?:duly\s+|well\s+)?(?:noted|rec(?:ei|ie|i)ved|acknowledged|understood))\s*[.!]*"
)


def _is_furniture(sent: Span) -> bool:
    """Greetings, sign-offs and name lines: not part of what the reply says."""
    t = sent.text.strip()
    if (_GREETING.match(t) or _GREETING_EXCLAIMED.match(t)) and len(t) < 50:
        return True
    if _SIGN_OFF.match(t):
        return True
    return bool(_NAME_LINE.fullmatch(t)) and len(t) < 40 and not _RECEIPT_WORD_LINE.fullmatch(t)


def analyse(text: str) -> list[Clause]:
    """Every clause of the author's text with who acts, negation and request-ness."""
    out: list[Clause] = []
    for sent in sentences(text):
        if _is_furniture(sent):
            continue
        for cl in clauses(text, sent.start, sent.end):
            out.append(Clause(sent, cl, text=text))
    return out


def _words_re(items: Iterable[str]) -> str:
    """An alternation of phrases (spaces match any whitespace), longest first."""
    alts = sorted({str(i).strip().lower() for i in items if str(i).strip()}, key=len, reverse=True)
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)


def _list(spec: RuleSpec, key: str, default: Iterable[str] = ()) -> list[str]:
    value = spec.params.get(key, list(default))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of strings")
    return value


def _compile_alternatives(spec: RuleSpec, key: str, patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex from a pack list of regular expressions."""
    try:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)
    except re.error as exc:
        raise PackError(f"rules.{spec.id}.{key}: a pattern does not compile: {exc}") from None


def _number(spec: RuleSpec, key: str, default: float) -> float:
    value = spec.params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PackError(f"rules.{spec.id}.{key}: expected a number")
    return float(value)


# --------------------------------------------------------------------- our own actions

#: Future markers that make a clause look ahead.
_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|gonna|intend\s+to|plan\s+to|aim\s+to|hope\s+to|expect\s+to|"
    r"about\s+to)\b|'ll\b",
    re.IGNORECASE,
)
#: "I'm checking", "we are rolling back", "our team is looking into it".
_PROGRESSIVE = re.compile(
    r"\b(?:am|are|is|'m|'re)\s+(?:now\s+|currently\s+|still\s+|also\s+|already\s+|actively\s+"
    r"|personally\s+|right\s+now\s+)?(?P<verb>(?:[a-z]+-)?[a-z]+ing)\b",
    re.IGNORECASE,
)
#: Perfect or simple past of an action: "I've opened", "I rang", "we have sent".
_PERFECT = re.compile(
    r"\b(?:have|has|'ve|had)\s+(?:now\s+|just\s+|already\s+|also\s+|personally\s+)?"
    r"(?P<verb>(?:[a-z]+-)?[a-z]+(?:ed|en|t|un|ung|one|ook|ade|ent|ote|oke|ave|ound|ew|ought|aught|old|ot|"
    r"aid|eld|ilt|uck))\b",
    re.IGNORECASE,
)
_SIMPLE_PAST = re.compile(
    r"\b(?:i|we)\s+(?:also\s+|just\s+|already\s+|personally\s+)?"
    r"(?P<verb>(?:[a-z]+-)?[a-z]+ed|sent|rang|wrote|spoke|called|gave|told|took|made|put|set|got|forwarded|"
    r"passed|raised|opened|filed|logged|asked|emailed|phoned|contacted|shared|moved|walked|"
    r"submitted|escalated|checked|reset|approved|copied|issued|booked|rebooked|refunded)\b",
    re.IGNORECASE,
)
#: "let me check", "let us look" (not "let me know": that asks the reader).
_LET_ME = re.compile(r"\blet\s+(?:me|us)\s+(?!know\b)(?P<verb>[a-z]+)", re.IGNORECASE)
#: "I can escalate it", "we can send a courier": an offer of our own action.
_WE_CAN = re.compile(
    r"\b(?:i|we)\s+(?:can|could)\s+(?:also\s+|certainly\s+|easily\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)

#: Verbs that state a feeling, a belief or a need rather than an action.
STATIVE_VERBS = frozenset(
    """
    be am is are was were been being need needs needed want wanted require like love
    appreciate appreciated hope hoped understand understood know knew think thought believe
    believed see saw seen feel felt sorry afraid apologise apologize apologising apologizing
    regret value valued get getting got totally realise realize recognise recognize
    suggest suggested recommend recommended advise advised wish wished agree agreed
    imagine imagined trust guess mean meant hear heard only just remember
    notice noticed find found seem seemed wonder wondered assume assumed expect expected
    have had has would should might must may aware happy glad delighted pleased
    sure certain unable able thank thanks thanked welcome looking waiting hoping
    wondering thinking feeling understanding appreciating noted receiving received recieved recived
    seeing hearing experiencing having getting bear
    """.split()
)


def _our_action(text: str, cl: Clause, *, past: bool = True) -> Span | None:
    """The verb of an action WE take in this clause (ahead, in progress or, with
    `past`, done), or None.  Feelings, beliefs, needs and negated verbs are not
    actions: "I'm sorry", "we understand", "we can't help", "we'll need"."""
    if cl.actor is not Actor.WE:
        return None
    span = _our_action_verb(text, cl, past)
    if span is None or find_negation(text, cl.span.start, span.end) is not None:
        return None
    return span


_WE_TOKEN = re.compile(r"\b(?:i|we|our|us|me|let)\b|\b(?:i|we)'\w+", re.IGNORECASE)
_OTHER_SUBJECT = re.compile(
    r"\b(?:you|they|it|he|she|this|that|which|who|some|many|several|other|these|those|the|an?|"
    r"all|most|your|their|he|she|his|her|its)\b",
    re.IGNORECASE,
)


def _we_just_before(text: str, start: int, pos: int) -> bool:
    """Is a we/I/our word the nearest subject before `pos` (within 6 words)?
    "I understand you are waiting" -> no; "our team is checking" -> yes."""
    last = None
    for m in _WE_TOKEN.finditer(text, start, pos + 6):
        if m.start() <= pos:
            last = m
    if last is None:
        return False
    between = text[last.end() : pos]
    if _OTHER_SUBJECT.search(between):
        return False
    return len(between.split()) <= 6


def _our_action_verb(text: str, cl: Clause, past: bool) -> Span | None:
    s, e = cl.span.start, cl.span.end
    patterns: list[re.Pattern[str]] = [_LET_ME, _PROGRESSIVE, _WE_CAN]
    if past:
        patterns += [_PERFECT, _SIMPLE_PAST]
    for pat in patterns:
        for m in pat.finditer(text, s, e):
            verb = m.group("verb").lower().rsplit("-", 1)[-1]  # "re-checked" is "checked"
            if verb in STATIVE_VERBS or verb in ("going",) and pat is _PROGRESSIVE:
                continue
            if pat is not _SIMPLE_PAST and not _we_just_before(
                text, max(s, m.start() - 80), m.start()
            ):
                continue
            return Span(m.group(), m.start(), m.end())
    m = _FUTURE.search(text, s, e)
    if m:
        nxt = _NEXT_WORD.match(text, m.end(), e)
        if nxt:
            verb = nxt.group(1).lower()
            if verb in ("be", "have") and _BE_HAVE_ACTION.match(text, m.end(), e):
                return Span(m.group(), m.start(), m.end())
            if _ACTIVE_PHRASAL.match(text, m.end(), e):
                return Span(m.group(), m.start(), m.end())  # "I'll find out where he is"
            if verb not in STATIVE_VERBS:
                return Span(m.group(), m.start(), m.end())
    return None


# --------------------------------------------------------------------- vague follow-up

#: What a promise of follow-up or action looks like after "will"/"'ll": a verb
#: or verb phrase (regular expressions, matched at the verb).
_DEFAULT_FOLLOWUP_VERBS = [
    "update",
    "contact",
    "call",
    "ring",
    "phone",
    "e-?mail",
    "write",
    "reply",
    "respond",
    "revert",
    "get back",
    "get (?:in touch|it|this|that|them|someone|an? \\w+)",
    "get (?:\\w+ ){1,3}?(?:booked|sorted|fixed|done|sent|arranged|scheduled|replaced|repaired|"
    "refunded|resolved|processed|shipped|delivered|moving|going|out|back|over|across)",
    "attend",
    "inspect",
    "drop (?:by|round|in)",
    "pop (?:round|over|in|by)",
    "collect",
    "come back",
    "come (?:out|round|over|by)",
    "circle back",
    "follow[ -]up",
    "follow(?!\\s+(?:up|on|the|these|those|this|that|your|our|its|their|it|them|suit)\\b)",
    "let you know",
    "let (?:you|them) know",
    "keep (?:you|them) (?:posted|updated|informed|in the loop)",
    "be in (?:touch|contact)",
    "be back",
    "reach (?:out|you)",
    "send",
    "share",
    "forward",
    "confirm",
    "inform",
    "notify",
    "tell",
    "advise",
    "look (?:at|into|in to|over)",
    "have a (?:\\w+ )?look",
    "take a (?:\\w+ )?look",
    "check",
    "investigate",
    "review",
    "chase",
    "ping",
    "fix",
    "resolve",
    "sort",
    "repair",
    "replace",
    "refund",
    "credit",
    "ship",
    "dispatch",
    "deliver",
    "arrive",
    "issue",
    "process",
    "publish",
    "release",
    "deploy",
    "land",
    "reflect",
    "patch",
    "escalate",
    "schedule",
    "arrange",
    "book",
    "visit",
    "dig",
    "go (?:through|over)",
    "test",
    "assess",
    "decide",
    "report",
    "hear",
    "pick (?:it|this|that|them) up",
    "raise",
    "have (?:someone|somebody|an? (?:engineer|technician|agent|courier|expert))",
    # "I'll have one of our techs give you a holler"
    "have (?:one\\s+of\\s+(?:our|my|the)\\s+[\\w-]+|(?:our|my)\\s+[\\w-]+) "
    "(?:give|call|ring|contact|visit|come|pop|drop|get|send|look|check|email|e-mail|text|phone|"
    "reach)",
    "give (?:you|them) a (?:holler|shout|call|ring|bell|buzz|tinkle)",
    "holler (?:back|at (?:you|ya|y'all|them))",
    "drop (?:you|them)",
    "post",
    "text",
    "message",
    "loop",
    "touch base",
    "pass (?:it|this|that|them|your)? ?(?:on|back)",
    "return",
    "give (?:you|them)",
    "provide",
    "revert back",
    "work on",
    "re-?publish",
    "re-?issue",
    "re-?send",
    "be re-\\w+",
    "be (?:dispatched|shipped|sent|reviewed|processed|issued|published|"
    "communicated|refunded|credited|resolved|fixed|released|deployed|updated|contacted|"
    "investigated|looked at|handled|scheduled|repaired|replaced|delivered|posted|emailed|called|"
    "actioned|completed|done|approved|amended|corrected|applied|progressed|prioriti[sz]ed|"
    "picked up|dealt with|addressed|reinstated|restored|expedited)",
]

#: Any look-ahead: enough, with a vague time word, to make it a vague promise.
#: After "will": a trouble foretold ("give you trouble", "cause problems") or a case
#: kept open ("keep the case open until we find the cause"), no follow-up awaited.
_TROUBLE_OR_KEPT_OPEN = re.compile(
    r"\s*(?:give|cause|create|bring)\s+(?:you\s+)?(?:\w+\s+)?(?:trouble|problems?|issues?|headaches?|"
    r"grief|difficult(?:y|ies)|conflicts?)\b"
    r"|\s*keep\s+(?:the|your|this|that)\s+(?:[\w-]+\s+)?(?:job|case|ticket|claim|file|complaint|"
    r"request|report)\s+open\b",
    re.IGNORECASE,
)
#: A purpose clause: "so (that) we can get this sorted quickly".
_PURPOSE_SO_WE_CAN = re.compile(
    r"\bso(?:\s+that)?\s+(?:we|i|you|they|it|this)\s+(?:can|could|may|might)\b", re.IGNORECASE
)
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|shall|should|would|going\s+to|gonna|hope|hoping|expect|aim|plan|intend|"
    r"(?:is|are)\s+being|to\s+be|can|promise|(?:working|striving|trying|endeavou?ring)\s+to)\b|'ll\b",
    re.IGNORECASE,
)
#: A cadence: "every week", "each month", "daily", "every Monday".
_ROUTINE = re.compile(
    r"\b(?:every|each)\s+(?:single\s+)?(?:day|week|month|year|morning|evening|night|hour|"
    r"quarter|fortnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(?:daily|weekly|monthly|"
    r"fortnightly|quarterly|annually|yearly|nightly|hourly)\b"
    # a standing arrangement in force now: "I've changed the number, so the team will
    # ring that one from now on" (how things are done, not a follow-up awaited)
    r"|\bfrom\s+(?:now|here|this\s+point|today)\s+on(?:wards?|\s+in|\s+out)?\b|\bhenceforth\b",
    re.IGNORECASE,
)
#: The customer's step first, then what follows from it: "Please bring it to any
#: clinic, and reception will refund it to your card" (it happens when they come).
_THEIR_STEP_FIRST = re.compile(
    # a short lead naming the matter: "For this request(,) please write to ..."
    r"\s*(?:(?:for|with|about|regarding|on)\s+(?:this|that|these|those|the|your|such|any)\s+"
    r"(?:[\w-]+\s+){0,3}?[\w-]+\s*,?\s+(?=please\b|kindly\b|just\b|simply\b))?"
    r"(?:please\s+|kindly\s+|just\s+|simply\s+)?(?:bring|send|take|drop|post|return|upload|show|hand|"
    r"pop|e-?mail|forward|reply|call|ring|phone|come|write|contact|message|text|fill|complete|"
    # sent by a messaging app or attached: "WhatsApp us the photos and we'll assess"
    r"submit|whats-?app|dm|sms|viber|telegram|wechat|imessage|share|attach|mail|fax)\b(?:[^.;!?]|\.(?=\w)){0,160}?(?:,?\s+and|,)\s+(?:then\s+)?"
    r"(?:the\s+|our\s+|a\s+)?[\w-]+(?:\s+will|\s*'ll)\b",
    re.IGNORECASE,
)
#: People, not a device: "settled among the tenants themselves".
_PEOPLE_THEMSELVES = re.compile(
    r"\b(?:tenants|residents|neighbours|neighbors|members|guests|parties|owners|families|"
    r"households|teams|people|players|parents|students|users|customers|clients|drivers|"
    r"riders|hosts|buyers|sellers|landlords|flatmates|housemates|colleagues)\s+themselves\b",
    re.IGNORECASE,
)
#: A thing's own setting: "... is controlled by the iPad itself".
_DEVICE_ITSELF = re.compile(
    r"(?:the\s+|your\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:itself|themselves)\b", re.IGNORECASE
)
#: A redirect that ends at another party's own place: "... is their tracking page".
_THEIR_PLACE = re.compile(r"(?:\btheir|'s)\s*$", re.IGNORECASE)
#: A planned fix or delivery in the passive: "is scheduled for", "are planned for".
_PLANNED_FOR = re.compile(
    r"\b(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:scheduled|planned|slated|pencilled\s+in|"
    r"penciled\s+in|queued|earmarked|lined\s+up|targeted)\s+(?:for|in)\b",
    re.IGNORECASE,
)
_NOUN_USE_BEFORE = re.compile(
    r"(?:'s\s+(?:[\w-]+\s+and\s+)?|\b(?:name|address|number)\s+and\s+|\b(?:your|their|his|her|its|"
    r"the|an?|new|old|work|personal|contact)\s+)$",
    re.IGNORECASE,
)
#: After "ask": a party, then the document or item to get from them.
_ASK_FOR_ITEM = re.compile(
    r"\s+(?:your|the|their)\s+(?:[\w'-]+\s+){0,3}?for\s+(?:a|an|the|your|their|a\s+copy\s+of)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:printout|print-out|copy|letter|statement|receipt|invoice|certificate|"
    r"report|note|form|prescription|code|number|reference|document|paperwork|proof|record|records|"
    r"confirmation|summary|quote|estimate)\b",
    re.IGNORECASE,
)
#: After "ask": the party asked, then "to" ("ask your IT provider to ...", "ask them to").
_ASKED_PARTY_TO = r"\s+(?:them|him|her|(?:the|your|their)\s+(?:[\w'-]+\s+){0,3}?)to\s+"
#: After "ask": a party, a precise change to let our service through, and the
#: customer's retry with us: "ask your IT provider to allow outbound traffic on port
#: 443 to sync.example in the firewall, then try again".  The fix is named and the
#: matter comes back to our product (not "ask your IT team to look into it").
_ASK_TO_ALLOW_THEN_RETRY = re.compile(
    _ASKED_PARTY_TO + r"(?:allow|allow-?list|"
    r"whitelist|unblock|open|permit|grant|enable|add)\s+(?:[^.;!?\n]|\.(?=\w)){1,160}?(?:,\s*|\s+and\s+)"
    r"(?:then\s+)?(?:try|retry|re-?try|re-?run|re-?sync|sync|test|log\s+in|sign\s+in)\b",
    re.IGNORECASE,
)
#: After "ask": a party, what they are to do, and its proof brought back to us:
#: "ask your bank to cancel the dispute and forward me their confirmation email"
#: (we stay in it and finish it; not "ask your bank to look into it").
_ASK_THEN_BACK_TO_US = re.compile(
    _ASKED_PARTY_TO + r"[^.;!?\n]{1,120}?"
    r"(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:forward|send|email|e-mail|pass|show)\s+(?:me|us|it\s+to\s+(?:me|us))\s+"
    r"(?:the|their|its|his|her|a|that)\s+(?:[\w-]+\s+){0,2}?(?:confirmation|letter|email|e-mail|"
    r"reference|receipt|note|reply|screenshot|proof|statement)\b",
    re.IGNORECASE,
)
#: After "ask": a party, then a check of that party's own standing: "ask the centre
#: to confirm their membership", "ask the fitter to show you his registration card".
_ASK_THEIR_OWN = re.compile(
    r"\s+(?:them\s+|him\s+|her\s+|(?:the|your|any|each|a)\s+(?:[\w'-]+\s+){0,3}?)(?:to\s+(?:confirm|show(?:\s+you)?|prove|"
    r"give\s+you)|whether|if)\s+(?:that\s+)?(?:their|its|his|her|they(?:'re|\s+are|\s+have)|"
    r"it(?:'s|\s+is|\s+has)|he(?:'s|\s+is|\s+has)|she(?:'s|\s+is|\s+has))\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:membership|member|registered|registration|accredited|accreditation|licen[cs]ed?|"
    r"insured|insurance|certified|certificate|certification|qualified|qualifications?|"
    r"approved|listed|credentials?|card|id)\b",
    re.IGNORECASE,
)
#: "..., please | liaise with ...": a request opening after a comma or semicolon.
_PLEASE_MID = re.compile(
    r"[,;:\u2014\u2013]\s*(?:so\s+|and\s+|but\s+|then\s+)?(?:please|kindly|pls)\s+(?:just\s+|do\s+)?",
    re.IGNORECASE,
)
#: Whoever is reached "directly" or "themselves" is someone else: "direct all complaints
#: to the tutor directly", "sort it with the host themselves".
_PARTY_DIRECTLY = re.compile(
    r"(?:\s+[\w'-]+){0,6}?\s+(?:to|with)\s+(?:the|your|their|that|this|each)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?!(?:app|site|website|page|form|portal|link|account|settings)\b)[\w'-]+\s+"
    r"(?:directly|themselves|himself|herself|in\s+person)\b",
    re.IGNORECASE,
)
#: Our own line, number or desk after a verb of contact: "call our roadside line at
#: (720) 555-0188", "ring our out-of-hours number on 0800 ...", "pop into our front desk"
#: (not a switchboard, which only routes them on, nor a named person of ours).
_OUR_CHANNEL = re.compile(
    r"\s+(?:directly\s+|straight\s+)?(?:in(?:to)?\s+|at\s+|by\s+)?our\s+(?:own\s+)?"
    # (another department's line is another team: "ring our accounts line to discuss it")
    r"(?:(?!switchboard\b|accounts?\b|billing\b|finance\b|sales\b|payroll\b|hr\b|legal\b|"
    r"purchasing\b|procurement\b|collections\b|credit\b|lettings\b|logistics\b|facilities\b|"
    r"underwriting\b|claims?\b|complaints?\b|compliance\b|privacy\b|data\b)"
    r"[\w/&'-]+\s+){0,3}?(?:line|helpline|help\s+line|hotline|number|"
    r"phone|desk|help\s*desk|counter|reception)\b"
    r"(?:\s+(?:on|at)\s+\+?\(?\d[\d()\s.-]{5,20}\d\b)?",
    re.IGNORECASE,
)
#: Words that send the caller on from that line: "... and ask to be put through to
#: accounts", "... and they will transfer you to the lender".
_ROUTED_ON = re.compile(
    r"\b(?:put|transferr?(?:ed)?|passed|connected|redirected|referred)\s+(?:you\s+)?"
    r"(?:through\s+|on\s+|across\s+)?to\b|\bask\s+for\s+(?!me\b)",
    re.IGNORECASE,
)
#: A department named bare after a verb of contact: "you'll need to call accounts",
#: "speak to sales about it" (another team, though no "the" or "team" is said).
_BARE_DEPARTMENT = re.compile(
    r"\s+(?:directly\s+)?(?:accounts|billing|finance|sales|payroll|hr|legal|purchasing|"
    r"procurement|collections|credit\s+control|lettings|logistics|facilities|underwriting|"
    r"accounts\s+(?:payable|receivable))(?=\s*(?:[.,;:!?)]|$|\s(?:about|on|for|and|directly|"
    r"instead|please|then|first|to\s+(?:sort|fix|deal|check|get)|re\b|regarding)))",
    re.IGNORECASE,
)
#: A condition opening the sentence before the customer's step.
_LEAD_CONDITION = re.compile(r"\s*(?:if|when|once|should)\s[^,;.!?]{1,80},\s*", re.IGNORECASE)
#: The customer's step said as a need: "you'll need to | ring them", "you just have to".
_YOU_NEED_TO = re.compile(
    r"\s*(?:so\s+)?(?:you(?:'ll|\s+will|'d|\s+would)?\s+(?:just\s+|first\s+)?(?:need|have)\s+to|"
    r"you\s+(?:just\s+|first\s+)?(?:should|must|can)|all\s+you\s+(?:need\s+to|have\s+to)\s+do\s+is)"
    r"\s+(?:just\s+|first\s+)?",
    re.IGNORECASE,
)
#: "Leave it with me and I'll ...", "Bear with us and ...": waiting, not a step.
_WAITING_VERBS = frozenset(
    "leave bear give hang hold sit wait stay rest trust let allow keep".split()
)
_GIVE_US = re.compile(r"\s+(?:us|me|it|this)\b", re.IGNORECASE)
#: The clause after the customer's step: "(Type your note ...) and | we'll print it".
_AND_BEFORE = re.compile(r"\band\s*(?:then\s*)?$", re.IGNORECASE)
_THEN_WILL = re.compile(
    r"\s*(?:then\s+)?(?:we|i|(?:the|our|a)\s+[\w-]+|[\w-]+)\s*(?:will|'ll)\b", re.IGNORECASE
)
#: The customer's own outcome as the condition: "if it still fails, I'll ...".
_CUSTOMER_CONDITION = re.compile(
    r"\b(?:(?:once|when|after|as\s+soon\s+as)\s+you(?:'ve|\s+have)?\s+(?!hear\b|get\s+(?:our|my|the)\s+"
    r"(?:reply|update|answer)\b)\w+"
    # "... will confirm in writing before you pay anything": timed by their own step
    r"|before\s+you(?:'ve|\s+have)?\s+(?:pay|buy|book|sign|commit|travel|arrive|leave|renew|"
    r"order|collect|start|move|fly|check\s+in|set\s+off)"
    r"|(?:if|should|in\s+case)\s+(?:you|it\s+(?:still|doesn't|does\s+not|happens|fails|"
    r"recurs|comes)|that\s+(?:doesn't|does\s+not|fails)|this\s+(?:doesn't|does\s+not|fails|"
    r"happens)|the\s+(?:problem|issue|error|fault)\s+(?:persists|comes\s+back|returns|"
    r"recurs|continues)))\b"
    # "send me the period and the two amounts, and I'll go through them with you"
    r"|\b(?:send|forward|email|e-mail|give|tell|share|upload)\s+(?:me|us)\b[^.;!?\n]{0,80}?"
    r",?\s+and\s+(?:i|we)(?:'ll|\s+will)\b"
    # "... will be processed once we receive the case number": what they send us next
    r"|\b(?:once|when|as\s+soon\s+as|after)\s+(?:we|i)(?:'ve|\s+have)?\s+(?:receive|received|"
    r"get|got|have)\s+(?:the|your)\s+(?:[\w-]+\s+){0,3}?(?:number|photos?|pictures?|forms?|"
    r"documents?|receipts?|details|logs?|screenshots?|reference|id|proof|statement|report|"
    r"signature|copy|confirmation|reply|answer)\b(?!\s+(?:from|by)\s+(?:the|our|their|its)\b)"
    # "we'll pay ... when the claim comes in": their claim or parcel reaching us
    r"|\b(?:when|once|as\s+soon\s+as|after)\s+(?:the|your)\s+(?:[\w-]+\s+){0,2}?(?:claim|claims|"
    r"form|forms|receipt|receipts|documents?|application|return|parcel|photos?|evidence|invoice)\s+"
    r"(?:comes?\s+in|arrives?|reaches\s+(?:us|me)|lands?|is\s+(?:submitted|received|in))\b",
    re.IGNORECASE,
)
_AFTER_MODAL = re.compile(
    r"\s*(?:\w+ly\s+|also\s+|then\s+|now\s+|still\s+|just\s+|try\s+(?:to\s+|and\s+)?|"
    r"personally\s+|definitely\s+|certainly\s+|aim\s+to\s+|be\s+in\s+a\s+position\s+to\s+|"
    r"be\s+able\s+to\s+)?"
    # "we will be following this up": the progressive future, judged at its verb
    r"(?:be\s+(?=[a-z]+ing\b))?",
    re.IGNORECASE,
)
#: A third party's future action that reaches the customer: "someone will call
#: YOU", "YOUR refund will be issued", "the replacement will ship".
_TO_CUSTOMER = re.compile(
    r"\b(?:you|your|yours|u)\b|\b(?:replacement|refund|fix|patch|update|answer|decision|"
    r"reply|response|engineer|technician|courier|parcel|order|delivery)\b",
    re.IGNORECASE,
)
_PASSIVE_FUTURE = re.compile(
    r"\b(?:will|shall|should|'ll)\s+(?:\w+ly\s+)?(?:be\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)


#: "Directly" meaning "soon" (US South, older British): "the pharmacist'll sign off
#: on it directly", "someone'll ring you back directly", "he'll be round directly";
#: not "straight" ("send it directly to your GP", "contact the surgery directly").
_DIALECT_SOON = re.compile(
    r"\b(?:back|over|round|around|out|along|there|here|(?:on|to|at)\s+(?:it|that|this|them))"
    r"\s+(?P<soon>directly)(?=\s*(?:[.!;,]|$|\s+(?:and|but|so|then|now)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VagueFollowup:
    spec: RuleSpec
    followup: re.Pattern[str]
    #: What makes a "will" no follow-up the customer waits for (pack params):
    #: an automatic action of a system ("the portal will send a reminder"), an
    #: automatic message ("we'll send a confirmation link"), an immediate act
    #: ("... automatically"), and a sanction conditional on the customer's
    #: conduct ("if this continues, we'll suspend your access": kind.hostile's).
    not_followup: NotFollowup = field(default_factory=lambda: NotFollowup.default())
    #: `_promise` per (sentence, clause) text: a long list of the same lines costs
    #: one judgement, not one per line.
    memo: SentenceMemo = field(default_factory=lambda: SentenceMemo(), compare=False, repr=False)

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        times = find_times(norm)
        if any(t.kind is TimeKind.CONCRETE for t in times):
            return
        vague = [t.span for t in times if t.kind is TimeKind.VAGUE]
        vague += [
            Span(m.group("soon"), m.start("soon"), m.end("soon"))
            for m in _DIALECT_SOON.finditer(norm)
        ]
        reported: list[tuple[int, int]] = []
        no_time: Clause | None = None
        for cl in cls:
            s, e = cl.span.start, cl.span.end
            notice = _SAYING_LEAD.match(norm, s, e) or _ASSURED_LEAD.match(norm, s, e)
            if notice is not None and s < notice.end() < e:
                # "Kindly be informed that the refund ... will be credited in due time": a
                # notice, not a request; the statement after it decides
                s = notice.end()
                cl = Clause(cl.sentence, Span(norm[s:e], s, e), text=norm)
            promise = self.memo.get(cl, self._promise)
            if promise and _ROUTINE.search(norm, s, e):
                promise = False  # "will send one FPS every week": a routine, its cadence given
            if cl.actor is Actor.YOU and cl.request and not promise and not _spliced_future(
                norm, s, e
            ):
                continue  # "send it whenever you can": the customer's timing
            in_clause = [v for v in vague if s <= v.start and v.end <= e]
            if in_clause and not promise:
                # "you can edit them afterwards": the customer's own later step;
                # "afterwards" explains an order of events unless it times a promise
                in_clause = [
                    v
                    for v in in_clause
                    if not _WEAK_VAGUE.fullmatch(norm, v.start, v.end)
                    and not (cl.actor is Actor.YOU and _YOU_ABLE.search(norm, s, e))
                ]
                if in_clause and _CONDITION_OPENS.match(norm, s, e):
                    # "If Daisy gets a different problem later, that would be looked at
                    # separately": the vague word times the condition, not a promise
                    in_clause = []
            if in_clause and not promise and _PURPOSE_SO_WE_CAN.search(
                norm, max(cl.sentence.start, s - 14), e
            ):
                in_clause = []  # "(keep it civil) so we can get this sorted quickly": the
                # vague word is in the purpose of a request, not the timing of a promise
            if in_clause and (
                promise or _LOOKS_AHEAD.search(norm, cl.sentence.start, cl.sentence.end)
            ):
                for v in in_clause:
                    reported.append((v.start, v.end))
                continue
            if (
                promise
                and no_time is None
                and not _CUSTOMER_CONDITION.search(norm, cl.sentence.start, cl.sentence.end)
                and not self._their_step_first(norm, cl)
            ):
                no_time = cl
        for start, end in reported[:3]:
            yield make_finding(self.spec, text, start, end)
        if not reported and no_time is not None:
            sp = no_time.span
            end = sp.end
            while end > sp.start and text[end - 1] in ".!?;,":
                end -= 1
            yield make_finding(
                self.spec,
                text,
                sp.start,
                end,
                message=str(self.spec.params.get("message_no_time", self.spec.message)),
            )

    @staticmethod
    def _their_step_first(norm: str, cl: Clause) -> bool:
        """ "Please bring it to any clinic, and reception will refund it"; "Type your
        note at checkout and we'll print it on a card": the promise happens when the
        customer takes their step, which opens the sentence."""
        s, e = cl.sentence.start, cl.span.end
        semi = norm.rfind(";", s, cl.span.start)
        if semi >= 0:
            s = semi + 1  # "That's a known bug; update to 3.2.1 and it'll sort it": the step
            # opens its own part of the sentence
            while s < e and norm[s] == " ":
                s += 1
        lead = _LEAD_CONDITION.match(norm, s, e)
        if lead is not None:
            s = lead.end()  # "If it's not there either, reply to this email and I'll send it"
        need = _YOU_NEED_TO.match(norm, s, e)
        if need is not None:
            s = need.end()  # "You'll need to ring their desk and they'll sort it": their step
        if _THEIR_STEP_FIRST.match(norm, s, e):
            return True
        if cl.span.start == s or not _AND_BEFORE.search(norm, s, cl.span.start):
            return False
        if not _THEN_WILL.match(norm, cl.span.start, e):
            return False
        verb = imperative_verb(norm, s, cl.span.start)
        if verb is None or norm[s : verb.start].strip(" ,"):
            return False
        if verb.text.lower() == "give":  # "give us a day and": waiting; "give them a ring": a step
            return _GIVE_US.match(norm, verb.end, e) is None
        return verb.text.lower() not in _WAITING_VERBS

    def _promise(self, norm: str, cl: Clause) -> bool:
        """A future action by us or a third party on the customer's matter.

        Each "will"/"'ll"/"going to" is judged with its OWN subject (the words
        just before it), not the clause's first word: in "Thanks for your
        patience, we'll keep you posted" the promise is ours; in "Kindly wait,
        our team will update you" too.  A verb coordinated after the first one
        shares its subject ("I'll have a word with the chef and get back to you").
        """
        s, e = cl.span.start, cl.span.end
        if _HEARING.search(norm, s, e) and not _negated_before(norm, cl, e):
            return True  # "you'll hear from us", "expect to hear from our claims team"
        for m in _SHOULD_CONTACT.finditer(norm, s, e):
            if _local_actor(norm, s, m.start(), cl.actor) is not Actor.YOU and (
                find_negation(norm, max(s, m.start() - 12), m.end()) is None
            ):
                return True  # "someone from logistics should be in touch": an expected contact
        lead = _ELIDED_LEAD.match(norm, s, e)
        if lead and self.followup.match(norm, lead.end(), e) and cl.sentence.start < s:
            # "I'll see what I can do | and let you know": the modal of the clause before
            for m in _FUTURE.finditer(norm, cl.sentence.start, s):
                if _local_actor(norm, cl.sentence.start, m.start(), Actor.NONE) is Actor.WE:
                    return True
        if _TO_FOLLOW.search(norm, s, e):
            return True  # "more details to follow": the writer's promise, verb elided
        if _PLANNED_FOR.search(norm, s, e) and not _negated_before(norm, cl, e):
            return True  # "a fix is scheduled for an upcoming release": planned, with its timing
        if _PRESENT_PROMISE.search(norm, s, e) and _WHEN_THEY.search(
            norm, cl.sentence.start, cl.sentence.end
        ):
            return True  # "as soon as they answer me I come back to you": a promise, said
            # in the present as many writers of English as a second language say it
        if _present_return_timed(norm, s, e) and not _negated_before(norm, cl, e):
            return True
        if cl.actor is Actor.WE:
            m = _LET_ME.search(norm, s, e)
            if m and self.followup.match(norm, m.start("verb"), e):
                return True
            if _COME_BACK.search(norm, s, e):
                return True
        for m in _FUTURE.finditer(norm, s, e):
            actor = _local_actor(norm, s, m.start(), cl.actor)
            if actor is Actor.YOU or actor is Actor.NONE:
                continue  # the customer's own action or outcome
            if _NOTHING_BEFORE.search(norm, max(s, m.start() - 40), m.start()):
                continue  # "nothing further will come out of your account": an assurance
            if find_negation(norm, max(s, m.start() - 12), min(e, m.end() + 12)) is not None:
                continue  # "we won't be able to", "I'll not"
            nxt = _AFTER_MODAL.match(norm, m.end(), e)
            if nxt is None:
                continue
            if actor is not Actor.WE and _ABILITY.search(nxt.group()):
                continue  # "they'll be able to look into it": their ability (a hand-off)
            if _reduced_relative(norm, s, m.start(), nxt.end(), e):
                continue  # "along with the wiring our engineer will use": describes a thing
            verbs = [nxt.end(), *(c.end() for c in _COORDINATED.finditer(norm, nxt.end(), e))]
            if self.not_followup.excludes(norm, cl.sentence, s, m.start(), nxt.end(), e):
                continue  # automatic, immediate, or a sanction: nothing the customer awaits
            if _IN_MIND.match(norm, nxt.end(), e):
                continue  # "we'll take it into account": noted, nothing to wait for
            if _TROUBLE_OR_KEPT_OPEN.match(norm, nxt.end(), e):
                continue  # "that setup will give you trouble": a prediction; "we'll keep
                # the case open until ...": a state kept, no act the customer awaits
            for pos in verbs:
                if self.followup.match(norm, pos, e):
                    # "the committee will forward it to ...": a process, not a promise to them
                    if actor is not Actor.OTHER or _TO_CUSTOMER.search(norm, s, e):
                        return True
                    if _REACHES_CUSTOMER.match(norm, pos, e):
                        return True  # "they'll be in contact", "someone will call"
                    if _ON_THE_MATTER.match(norm, pos, e):
                        return True  # "the team will look into it": the customer's matter
                elif actor is Actor.WE and pos == nxt.end() and _own_future_act(norm, pos, e):
                    return True  # "we'll courier it across to you": any act of ours ahead
        return False


def _spliced_future(norm: str, s: int, e: int) -> bool:
    """A request, a comma, then a statement with its own subject and "will": "Kindly
    exercise patience, your funds will be reversed as soon as possible"."""
    for m in _FUTURE.finditer(norm, s, e):
        comma = norm.rfind(",", s, m.start())
        if comma >= 0 and _local_actor(norm, comma + 1, m.start(), Actor.NONE) not in (
            Actor.YOU,
            Actor.NONE,
        ):
            return True
    return False


#: A subject that is nothing at all: "nothing more will come out", "no further letters will".
_NOTHING_BEFORE = re.compile(
    r"\b(?:(?:nothing|none|nobody|no\s+one|no-one)(?:\s+(?:more|further|else))?"
    r"|no\s+(?:more|further|other)\s+[\w-]+"
    r"(?:\s+[\w-]+)?)\s*$",
    re.IGNORECASE,
)
#: Someone will be heard from: a promise of contact whoever makes it.
_HEARING = re.compile(
    r"\b(?:you(?:'ll|\s+will|\s+should)|expect\s+to|you\s+can\s+expect\s+to)\s+(?:\w+ly\s+)?"
    r"(?:hear|(?:get|receive)\s+(?:a\s+|an\s+)?(?:call|reply|response|update|email|answer|"
    r"news|word))\b"
    r"(?:\s+back)?(?:\s+from\s+(?:us|me|our|the|someone|somebody|a\s+\w+|them|him|her)\b)?"
    # "you will be contacted once it is treated", "you'll be notified": contact to come
    r"|\byou(?:'ll|\s+will|\s+shall|\s+should|\s+would)\s+(?:\w+ly\s+|then\s+|also\s+)?be\s+"
    r"(?:contacted|called|rung|phoned|notified|informed|updated|emailed|e-mailed|messaged|"
    r"texted|advised|told|sent\s+(?:an?\s+)?(?:update|email|e-mail|reply|answer|message))\b",
    re.IGNORECASE,
)
#: Someone "should" contact the customer: a promise of contact, said as an expectation.
_SHOULD_CONTACT = re.compile(
    r"\b(?:should|ought\s+to)\s+(?:\w+ly\s+|also\s+)?(?:be\s+in\s+(?:touch|contact)|"
    r"get\s+(?:back\s+to\s+you|in\s+touch)|contact\s+you|call\s+you|ring\s+you|"
    r"reach\s+out|come\s+back\s+to\s+you|follow\s+up\s+with\s+you)\b",
    re.IGNORECASE,
)
#: Where a coordinated clause starts: "and let you know" (its modal is elided).
_ELIDED_LEAD = re.compile(r"\s*(?:and\s+|then\s+|and\s+then\s+)?(?:also\s+)?", re.IGNORECASE)
#: "... and get back to you", "... then update you": a second verb, same subject.
_COORDINATED = re.compile(
    r"\b(?:and|then|or|and\s+then)\s+(?:\w+ly\s+|also\s+|then\s+)?(?=[a-z])", re.IGNORECASE
)
#: A third party's future verb that itself reaches the customer.
_REACHES_CUSTOMER = re.compile(
    r"(?:be\s+in\s+(?:touch|contact)|get\s+in\s+(?:touch|contact)|contact|call|ring|phone|"
    r"e-?mail|write|reply|respond|update|let\s+you\s+know|reach\s+out|follow\s+up|come\s+back|"
    r"get\s+back|visit|text|message|"
    # a visit reaches the customer too: "someone will pop round"
    r"(?:pop|drop|come|call)\s+(?:round|over|by|in|out)|attend|inspect)\w*\b"
    # information that "will follow" reaches the reader: "further details will follow"
    r"|follow\b(?!\s+(?:up|on|the|these|those|this|that|your|our|its|their|it|them|suit)\b)",
    re.IGNORECASE,
)
_ABILITY = re.compile(r"\b(?:able|position)\s+to\b", re.IGNORECASE)
#: A third party's future act on the customer's matter itself: "the team will
#: look into it", "engineering will fix the issue".
_ON_THE_MATTER = re.compile(
    r"(?:look\s+(?:at|into|in\s+to|over)|investigate|review|check|fix|resolve|sort|repair|patch|"
    r"assess|dig\s+into|work\s+on|pick)\s+(?:out\s+)?(?:it|this|that|the\s+(?:issue|problem|fault|"
    r"matter|case|bug|error|request|query)|your\s+\w+)\b",
    re.IGNORECASE,
)
#: "More details to follow", "a full update to follow by ...": a promise whose
#: verb is elided (not "the steps to follow:").
_TO_FOLLOW = re.compile(
    r"\b(?:more|further|full|additional|an?|the\s+(?:full|final))\s+(?:\w+\s+){0,2}?"
    r"(?:details?|information|info|update|updates|news|answer|reply|response|explanation|"
    r"report|results?|quote|estimate)\s+(?:is\s+|are\s+|will\s+)?to\s+follow\b(?!\s*[:\u2014-])"
    r"(?!\s+(?:below|here))",
    re.IGNORECASE,
)
#: Verbs whose "will" happens inside this very e-mail, or is no act at all.
_IN_THIS_EMAIL = frozenset(
    """
    explain attach include add outline summarise summarize list show describe answer clarify
    say admit put leave stop start begin repeat quote copy paste point note mention need
    bear
    """.split()
)
_BELOW = re.compile(r"[^.;\n]{0,40}\b(?:below|here|in\s+this\s+(?:e-?mail|message|reply))\b", re.I)
_VERB_AT = re.compile(r"([a-z][a-z'-]*)", re.IGNORECASE)


#: A thing and then the subject of a "will" that describes it, the relative pronoun
#: left out: "the wiring our engineer will use", "the parts we'll need".
_THING_THEN_SUBJECT = re.compile(
    r"\b(?:the|a|an|any|all|some|those|these|which)\s+(?:[\w-]+\s+)?(?P<head>[a-z][\w-]*)\s+"
    r"(?:that\s+|which\s+)?(?:i|we|they|he|she|(?:our|the|their|your|this|that)\s+(?:[\w-]+\s+)?"
    r"[\w-]+)\s*$",
    re.IGNORECASE,
)
#: Heads that time or frame the clause, not a thing described: "in the meantime we will".
_FRAME_HEADS = frozenset(
    """
    meantime meanwhile moment time being interim end start beginning while way case event
    morning afternoon evening night day week month year weekend mean minute hour
    """.split()
)
#: Words that cannot end a noun phrase: "passed the photos to the team who will".
_NOT_A_HEAD = frozenset(
    """
    i we they you he she it our the their your to for of with from by on in at into onto about
    over under via and or but is are was were be been has have had do does did
    """.split()
)
_WHO_SUBJECT = re.compile(r"\b(?:who|whom)\s*$", re.IGNORECASE)
#: Words that open a clause of time or condition before the thing: "once the part arrives we".
_SUBORDINATOR = re.compile(
    r"\b(?:once|when|whenever|after|before|until|till|if|unless|as\s+soon\s+as|since|because|"
    r"while|whilst|so|and|but|then)\b",
    re.IGNORECASE,
)
#: The verb's object is the thing before it (a gap): the clause ends or a preposition follows.
_GAP_AFTER = re.compile(
    r"[a-z][\w'-]*(?:\s+(?:up|out|in|on|off))?\s*(?:[.,;:!?)\u2014]|$|\s+(?:to|for|on|at|in|with|"
    r"when|while|during|from)\b)",
    re.IGNORECASE,
)


def _reduced_relative(norm: str, s: int, modal: int, verb: int, e: int) -> bool:
    """Is the "will" at `modal` inside a relative clause that describes a thing
    ("It gives you the answer, along with the wiring our engineer will use")?"""
    lo = max(s, modal - 60)
    m = _THING_THEN_SUBJECT.search(norm, lo, modal)
    if m is None or m.group("head").lower() in _FRAME_HEADS:
        return False
    if m.group("head").lower() in _NOT_A_HEAD or _WHO_SUBJECT.search(norm, lo, modal):
        return False
    if _SUBORDINATOR.search(norm, m.start(), modal):
        return False
    return _GAP_AFTER.match(norm, verb, e) is not None


def _own_future_act(norm: str, pos: int, end: int) -> bool:
    """Is the word at `pos` (after our "will") an action still to come?"""
    m = _VERB_AT.match(norm, pos, end)
    if m is None:
        return False
    verb = m.group(1).lower()
    if _ACTIVE_PHRASAL.match(norm, pos, end):
        return True  # "we'll find out what happened"
    if verb in STATIVE_VERBS or verb in _IN_THIS_EMAIL or verb.endswith("ly"):
        return False
    return not _BELOW.match(norm, m.end(), end)


_WE_RIGHT_BEFORE = re.compile(r"(?<![\w'])(?:i|we)\s*$", re.IGNORECASE)
_SUBJECT_STOP = re.compile(
    r"[,;:(\u2014\u2013]|\b(?:and|but|so|that|which|who|because|as|if|once|when)\s", re.I
)


def _local_actor(norm: str, clause_start: int, pos: int, default: Actor) -> Actor:
    """Who is the subject of the verb group at `pos` ("... our team will ...")?"""
    lo = max(clause_start, pos - 60)
    window = norm[lo:pos]
    last = None
    for last in _SUBJECT_STOP.finditer(window):  # noqa: B007 - the last one is wanted
        continue
    if last is not None:
        lo += last.end()
    if not norm[lo:pos].strip():
        # "'ll" right after a pronoun ("we'll"): the pronoun is the subject
        head = norm[max(clause_start, pos - 12) : pos + 1]
        if _PRONOUN_END.search(head.rstrip("'")):
            return Actor.WE
        # an elided subject ("... and will update you"): the clause's own subject,
        # read after a thanks or a short request that opens it ("Thank you, we ...")
        start = clause_start
        lead = _THANKS_PREFIX.match(norm, clause_start, pos)
        if lead:
            start = lead.end()
        return actor_of(norm, start, pos) if start < pos else default
    if _WE_RIGHT_BEFORE.search(norm, lo, pos):
        return Actor.WE  # "once you forward it to me I'll submit it": the pronoun at the modal
    actor = actor_of(norm, lo, pos + 8)
    if actor is Actor.YOU:
        thing = _YOUR_THING.match(norm, lo, pos)
        if thing and thing.group("head").lower() not in _PARTY_HEADS:
            return Actor.OTHER  # "your refund will be issued": the matter, acted on
    return actor


_PRONOUN_END = re.compile(r"\b(?:i|we)$", re.IGNORECASE)
#: A subject that is a thing of the customer's: "your replacement card", "your claim".
_YOUR_THING = re.compile(
    r"\s*(?:and\s+|so\s+|then\s+)?your\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)\s*$", re.IGNORECASE
)

#: Vague words that only order events ("you can edit them afterwards"): vague
#: timing only when they time a promise.
#: A clause that is a condition: "If it happens again later, ...", "Should it recur soon, ...".
_CONDITION_OPENS = re.compile(
    r"\s*(?:and\s+|but\s+|so\s+)?(?:if|unless|in\s+case|should|whether)\s", re.IGNORECASE
)
_WEAK_VAGUE = re.compile(r"afterwards?|thereafter|later\s+on|after", re.IGNORECASE)
#: The customer's ability or permission, not a promise: "you can change it later".
_YOU_ABLE = re.compile(
    r"\byou(?:'re|\s+are)?\s+(?:can|could|may|might|able\s+to|free\s+to|welcome\s+to)\b",
    re.IGNORECASE,
)
_DEFAULT_SYSTEM_SUBJECTS = """
system systems portal portals app apps application website site platform software tool form
page server servers installer updater scheduler bot chatbot account dashboard workflow status
balance tracking data figures readings totals screen display feed chart graph
""".split()
_DEFAULT_AUTOMATIC_MESSAGES = """
confirmation verification activation validation receipt receipts reminder reminders
notification notifications alert alerts otp one-time passcode reset-link magic-link
auto-reply autoreply acknowledgement acknowledgment
""".split()
_DEFAULT_IMMEDIATE_WORDS = [
    "automatically", "immediately", "instantly", "straight away", "right away", "at once",
    "there and then", "on the spot", "in real time", "in real-time",
]
_DEFAULT_SANCTION_VERBS = """
suspend restrict block ban bar close terminate disable revoke freeze lock limit withdraw
cancel remove deactivate blacklist charge fine escalate report throttle cut
""".split()
_DEFAULT_RECORD_NOUNS = "ticket case thread conversation request query enquiry inquiry".split()
#: The customer's conduct as the condition of a sanction: "if this continues",
#: "unless we hear back", "any further messages like that".
_CONDUCT_CONDITION = re.compile(
    r"\b(?:if|unless|should|in\s+case|any\s+(?:further|more)|another|next\s+time|again|"
    r"continues?|keeps?\s+(?:on|happening)|persists?)\b",
    re.IGNORECASE,
)


#: A standing rule, not an act ahead: "... in line with our privacy policy".
_BY_POLICY = re.compile(
    r"\b(?:in\s+(?:line|accordance)\s+with|according\s+to|as\s+per|under)\s+(?:our|the|your|"
    r"applicable|current)\s+(?:\w+\s+)?(?:policy|policies|terms|law|laws|regulations?|gdpr|"
    r"contract|agreement|rules)\b",
    re.IGNORECASE,
)
#: "now" closing the promised act: it is under way as they read ("I'll run a line
#: test from our end now", "we'll book the engineer right now"), nothing to wait
#: for.  Only at the clause's end: "we'll now pass it on" is a step in a story,
#: and "for now", "from now on", "by now" time nothing.
_NOW_CLOSING = re.compile(
    r"(?<!\bfor\s)(?<!\bfrom\s)(?<!\bby\s)(?<!\buntil\s)(?<!\btill\s)(?<!\bthan\s)"
    r"\b(?:right\s+|straight\s+)?now[\s.!;,)]*$",
    re.IGNORECASE,
)
#: A person of ours as the subject: "I", "we", "our team" (they act, not a system).
_OURS_BEFORE = re.compile(r"\b(?:i|we|our\s+(?:team|staff|engineers?|agents?|colleagues?))\b",
                          re.IGNORECASE)
#: "it will work on your plan", "the adapter will fit any socket": what a thing can do.
_CAPABILITY = re.compile(
    r"(?:work|run|function|fit|connect|operate|play)\s+(?:fine\s+|perfectly\s+|properly\s+|"
    r"normally\s+|just\s+)?(?:on|with|in|for)\s+(?:your|the|all|any|every|most|both)\b",
    re.IGNORECASE,
)
#: ... said of a thing, not of a person who will do the work ("our team will work on ...").
_THING_SUBJECT = re.compile(
    r"\b(?:it|this|that|which|(?:the|your|this|that|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?!(?:team|teams|engineer|engineers|technician|technicians|staff|agent|agents|crew|"
    r"colleague|colleagues|department|partner|partners|people)\b)[\w-]+)$",
    re.IGNORECASE,
)
#: A passive at the verb: "be processed", "be dealt with" (someone acts on the subject).
_PASSIVE_AT = re.compile(r"be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|one|ealt)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NotFollowup:
    """Classes of "will" that promise nothing the customer is waiting for."""

    system_subject: re.Pattern[str]
    automatic: re.Pattern[str]
    immediate: re.Pattern[str]
    sanction: re.Pattern[str]
    #: closing or merging the support record itself: "we'll close this ticket once ..."
    housekeeping: re.Pattern[str] | None = None

    @classmethod
    def build(
        cls,
        systems: Iterable[str],
        automatic: Iterable[str],
        immediate: Iterable[str],
        sanctions: Iterable[str],
        records: Iterable[str] = (),
    ) -> NotFollowup:
        def heads(items: Iterable[str]) -> str:
            return trie_alternation(
                {w for i in items for w in (i.lower(), i.lower().replace("-", " ")) if w.strip()}
            )

        return cls(
            # the head of the subject just before "will": "the portal", "our booking system"
            re.compile(r"\b(?:" + heads(systems) + r")\s*$", re.IGNORECASE),
            re.compile(r"\b(?:" + heads(automatic) + r")\b", re.IGNORECASE),
            re.compile(r"\b(?:" + heads(immediate) + r")\b", re.IGNORECASE),
            re.compile(r"(?:" + heads(sanctions) + r")\b", re.IGNORECASE),
            re.compile(
                r"(?:close|archive|merge|mark|tag|set)\s+(?:this|the|your|our)\s+(?:\w+\s+)?(?:"
                + heads(records)
                + r")\b",
                re.IGNORECASE,
            )
            if any(str(r).strip() for r in records)
            else None,
        )

    @classmethod
    def default(cls) -> NotFollowup:
        return cls.build(
            _DEFAULT_SYSTEM_SUBJECTS,
            _DEFAULT_AUTOMATIC_MESSAGES,
            _DEFAULT_IMMEDIATE_WORDS,
            _DEFAULT_SANCTION_VERBS,
            _DEFAULT_RECORD_NOUNS,
        )

    def excludes(self, norm: str, sent: Span, s: int, modal: int, verb: int, e: int) -> bool:
        """Is the "will" at `modal` (its verb at `verb`) no follow-up?"""
        lo = max(s, modal - 40)
        if self.system_subject.search(norm[lo:modal].rstrip(), 0) and not _PASSIVE_AT.match(
            norm, verb, e
        ):
            # "the portal will email you a reminder" (not "your application will be
            # processed": the thing is acted on by someone, a promise)
            return True
        act_end = min(e, verb + 120)
        if self.immediate.search(norm, verb, act_end) or self.automatic.search(
            norm, verb, act_end
        ):
            return True  # "we'll send a confirmation link", "... automatically"
        if _NOW_CLOSING.search(norm, verb, e):
            return True  # "I'll run a line test from our end now": under way, no wait
        if _WHILE_YOU_WAIT.match(norm, e, sent.end):
            return True  # "we'll swap it at no cost | while you wait": done on their visit
        if _BY_POLICY.search(norm, verb, act_end):
            return True  # "your data will be handled in line with our privacy policy": a rule
        if self.automatic.search(norm, lo, modal) and not _OURS_BEFORE.search(norm, lo, modal):
            return True  # "the vaccination reminders will come by text": automatic messages
        if _CAPABILITY.match(norm, verb, e) and _THING_SUBJECT.search(norm[lo:modal].rstrip()):
            return True  # "the CM1000 is on our list, so it will work on your plan": what it can do
        if self.housekeeping is not None and self.housekeeping.match(norm, verb, e):
            return True  # "we'll close this ticket once you confirm": the record, not the matter
        # "if this continues, we'll restrict your access": a threat
        return bool(
            self.sanction.match(norm, verb, e)
            and _CONDUCT_CONDITION.search(norm, sent.start, sent.end)
        )


#: Done during the customer's own visit, in the clause after the act: "(we'll swap
#: it) while you wait", "(we'll re-fit it) while you're in store".
_WHILE_YOU_WAIT = re.compile(
    r"[\s,]*(?:while|whilst)\s+you(?:\s+|'re\s+|\s+are\s+)(?:wait|here|in(?:\s+(?:store|the\s+shop|"
    r"branch|clinic))?)\s*(?:[.!;,]|$)",
    re.IGNORECASE,
)


# --------------------------------------------------------------------- deflection


class WordDispatch:
    """Many regular expressions matched in one pass over a text's words.

    One alternation of 40 patterns costs the regex engine 40 attempts at every
    word (about 1.5 ms per KB); here each pattern is filed under the words it can
    start with (`language._first_words`), and each word of the text tries only
    the patterns filed under it.  Patterns that could start anywhere are scanned
    as one alternation.  Contractions ("that's") also try their "'s" part.

    `gated` patterns open with a noun phrase that must end in one of `heads`
    ("your ... bank", "the ... forum"): they are only tried where such a head (or
    a possessive "x's") follows within `reach` words, so a text of a thousand
    "your"s costs a set lookup per word, not nine regex attempts.
    """

    def __init__(
        self,
        patterns: Iterable[str],
        gated: Iterable[bool] = (),
        heads: Iterable[str] = (),
        reach: int = 7,
    ) -> None:
        self.exact: dict[str, list[tuple[re.Pattern[str], bool]]] = {}
        self.prefix: dict[str, list[tuple[re.Pattern[str], bool]]] = {}
        self.heads = frozenset(h.lower() for head in heads for h in re.split(r"[\s-]", head) if h)
        self.reach = reach
        anywhere: list[str] = []
        flags = list(gated)
        for k, p in enumerate(patterns):
            try:
                compiled = re.compile(p, re.IGNORECASE)
            except re.error as exc:
                raise PackError(f"urgent rules: a pattern does not compile: {exc}") from None
            gate = k < len(flags) and flags[k]
            starts = _first_words(p)
            if starts is None or "" in starts[0] or "" in starts[1]:
                anywhere.append(p)
                continue
            for w in starts[0]:
                self.exact.setdefault(w, []).append((compiled, gate))
            for w in starts[1]:
                self.prefix.setdefault(w, []).append((compiled, gate))
        self.prefix_lengths = sorted({len(w) for w in self.prefix})
        self.anywhere = (
            re.compile("|".join(f"(?:{p})" for p in anywhere), re.IGNORECASE) if anywhere else None
        )
        #: candidates per lower-case word, filled as words are met
        self._cache: dict[str, list[tuple[re.Pattern[str], bool]]] = {}

    def _candidates(self, low: str) -> list[tuple[re.Pattern[str], bool]]:
        cached = self._cache.get(low)
        if cached is not None:
            return cached
        found = list(self.exact.get(low, ()))
        for n in self.prefix_lengths:
            if n > len(low):
                break
            found.extend(self.prefix.get(low[:n], ()))
        if len(self._cache) < 50_000:  # bounded: a text of random tokens can't grow it
            self._cache[low] = found
        return found

    def matches(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """Every match starting at a word (or a contraction) of `text[start:end]`,
        in text order; matches of different patterns may overlap."""
        return _dispatch_matches(self, text, start, end)

    def _scan(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        toks = list(_DISPATCH_TOKEN.finditer(text, start, end))
        # for the gate: index of the nearest head noun at or after each token
        nearest = [len(toks) + self.reach] * (len(toks) + 1)
        for k in range(len(toks) - 1, -1, -1):
            low = toks[k].group().lower()
            is_head = low in self.heads or low.endswith("'s")
            nearest[k] = k if is_head else nearest[k + 1]
        out: list[re.Match[str]] = []
        for k, tok in enumerate(toks):
            word = tok.group()
            positions = [(tok.start(), word.lower())]
            cut = word.find("'")
            if cut > 0:
                positions.append((tok.start() + cut, word[cut:].lower()))
            near = nearest[k] - k <= self.reach
            for pos, low in positions:
                for pattern, gate in self._candidates(low):
                    if gate and not near:
                        continue
                    m = pattern.match(text, pos, end)
                    if m is not None:
                        out.append(m)
        if self.anywhere is not None:
            out.extend(self.anywhere.finditer(text, start, end))
        out.sort(key=lambda m: (m.start(), -m.end()))
        return out


@lru_cache(maxsize=256)
def _dispatch_matches(
    dispatch: WordDispatch, text: str, start: int, end: int
) -> list[re.Match[str]]:
    """Memoised: deflection and no-next-step both ask about the same clauses."""
    return dispatch._scan(text, start, end)


_DISPATCH_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

_DEFAULT_CONTACT_VERBS = [
    "contact",
    "call",
    "ring",
    "phone",
    "email",
    "e-mail",
    "write to",
    "reach out",
    "get in touch",
    "speak to",
    "speak with",
    "talk to",
    "ask",
    "approach",
    "raise",
    "log",
    "submit",
    "file",
    "post",
    "visit",
    "go to",
    "go through",
    "check with",
    "take this up",
    "take it up",
    "consult",
    "apply to",
    "apply through",
    "request",
    "open a ticket",
    "lodge",
    "message",
    "chat with",
    "have a word",
    "direct",
    "refer",
    "take that up",
    "take the matter up",
    "bring it up",
    "bring this up",
    "resend",
    "re-send",
    "report",
    "use",
    "give them a ring",
    "give them a call",
    "give them a shout",
    "give them a bell",
    "appeal",
    "complain",
    "dispute",
    "contest",
    "claim",
    "try",
    "route",
    "redirect",
    "resubmit",
    "re-submit",
    "chase",
    "pass",
    "pass on",
    "forward",
    "hand over",
    "liaise with",
    "turn to",
    "coordinate with",
    "co-ordinate with",
    "coordinate directly with",
    "fill in",
    "fill out",
    "complete",
    "get onto",
    "get on to",
    "get hold of",
]

_IRREGULAR = {
    "get": ["gets", "getting", "got"],
    "go": ["goes", "going", "went"],
    "take": ["takes", "taking", "took"],
    "have": ["has", "having", "had"],
    "write": ["writes", "writing", "wrote"],
    "speak": ["speaks", "speaking", "spoke"],
}


def _inflect(phrase: str) -> list[str]:
    """'get in touch' -> also 'getting in touch', 'gets in touch', 'got in touch'."""
    head, _, rest = phrase.partition(" ")
    forms = _IRREGULAR.get(head)
    if forms is None:
        stem = head[:-1] if head.endswith("e") else head
        double = head + head[-1] if _CVC.fullmatch(head) else stem
        forms = [
            head + ("es" if head.endswith(("s", "sh", "ch")) else "s"),
            double + "ing",
            (head + "d") if head.endswith("e") else (double + "ed"),
        ]
    return [phrase] + [f"{f} {rest}".strip() for f in forms]


#: "Contact your bank", "raise a ticket in the portal", "post it on the forum".
_US = re.compile(
    r"^\s*(?:back\s+)?(?:to\s+|with\s+)?(?:us|me|this\s+(?:email|thread|address|team|inbox)|"
    r"our\s+support\s+team\s+here|here)\b",
    re.IGNORECASE,
)
_NOT_REDIRECT_CONTEXT = re.compile(
    r"\b(?:reply|respond|answer|write\s+back|get\s+back)\s+(?:to\s+)?(?:this|me|us|here)\b"
    r"|\blet\s+(?:me|us)\s+know\b|\bcontact\s+(?:me|us)\b|\bcall\s+(?:me|us)\b"
    r"|\b(?:email|ring|phone|message|text)\s+(?:me|us)\b|\bcheck\s+(?:whether|if|that|the|your)\b"
    r"|\blog(?:ging|ged|s)?\s+(?:back\s+)?(?:in|out|on|off|into)\b"
    # "please go through them slowly": reading the steps, not a channel
    r"|\bgo\s+through\s+(?:them|it|this|these|those|each|every|all|the\s+(?:steps|list|"
    r"instructions|guide|form|checklist|settings|options))\b"
    # "ask your previous vet to email us her records": a request for what we need
    r"|\bask\s+(?:[\w'\-]+\s+){1,6}?to\s+(?:e-?mail|send|forward|transfer|share|post|fax|upload)\s+"
    r"(?:it\s+|them\s+|this\s+)?(?:over\s+)?(?:to\s+)?(?:us|me)\b"
    # "then submit the graduation form again": the customer's own task, retried
    r"|\b(?:submit|resubmit|send|upload|complete|fill\s+(?:in|out))\s+(?:[\w'\-]+\s+){0,4}?again\b"
    # "pull the error logs and email them over": things sent to us
    r"|\b(?:e-?mail|send|forward|text|message|post|ping|pop)\s+(?:it|them|this|that|these|those|'em)"
    r"\s+(?:over|across|through|back)\b(?!\s+to\s+(?!me\b|us\b))"
    # "you can claim for them": what is claimed, not whom to go to
    r"|\b(?:claim|apply|ask)\s+for\s+(?:them|it|those|these|this|that|all|both|each)\b"
    r"(?!\s+(?:from|with|through|via|at)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deflection:
    spec: RuleSpec
    redirect: WordDispatch
    contact: re.Pattern[str]
    party: re.Pattern[str]
    channel: re.Pattern[str]
    #: Verbs whose object is always someone to contact ("speak to whoever fitted
    #: it", "raise this with your SI"): any noun phrase after them that is not
    #: us is another party, whatever its head noun (pack `party_contact_verbs`).
    person_verbs: re.Pattern[str] | None = None
    memo: SentenceMemo = field(default_factory=lambda: SentenceMemo(), compare=False, repr=False)

    def redirects(self, norm: str, cl: Clause) -> bool:
        """Does the clause send the customer elsewhere?  (memoised per sentence text)"""
        return self.memo.get(cl, lambda text, local: self._redirect(text, local) is not None)

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        if any(
            _acting(norm, cl) or _we_act_inside(norm, cl) or _acting_after_purpose(norm, cl)
            for cl in cls
        ):
            return
        if _OURS_DONE_OR_PRESENT.search(norm):
            return  # "Done on our side: ...", "once I have the number, I file both refunds"
        for cl in cls:
            if self.redirects(norm, cl):
                if _KEEPS_US.search(norm, cl.sentence.start, cl.sentence.end):
                    continue  # "call 000 first and then me on ...": we stay in it
                if _THEIR_CHOICE.match(norm, cl.sentence.start, cl.span.end):
                    continue  # "If you do (take it with you), ask the plumber to cap the valve":
                    # advice for a step they may choose, not this matter sent elsewhere
                if _IF_IT_DOES_NOT_SUIT.search(
                    norm, cl.sentence.start, cl.span.start
                ) and _TO_RESCHEDULE.search(norm, cl.span.start, cl.sentence.end):
                    continue  # "the plumber is booked for Monday; if that doesn't suit, phone
                    # the repairs line to move it": our booking stands, the call only moves it
                if _AT_NO_COST.search(norm, cl.span.start, cl.span.end):
                    continue  # "a technician can move it for you free of charge": help
                    # promised at no cost to them is a service we arrange, not a hand-off
                if HYPOTHETICAL.search(norm, cl.sentence.start, cl.span.end):
                    continue  # "if the ring is ever stolen, report it to the police": what to
                    # do should something happen, not this matter sent elsewhere
                if _THEY_COME.search(norm, cl.span.end, cl.sentence.end) and any(
                    t.kind is TimeKind.CONCRETE
                    and cl.span.end <= t.span.start < cl.sentence.end
                    for t in find_times(norm)
                ):
                    continue  # "call the night dockmaster and he will come to A-31 within
                    # 30 minutes": help that comes to them, at a time
                start, end = cl.span.start, cl.span.end
                while end > start and text[end - 1] in ".!?;,":
                    end -= 1
                yield make_finding(self.spec, text, start, end)
                return

    def _redirect(self, norm: str, cl: Clause) -> Span | None:
        s, e = cl.span.start, cl.span.end
        for m in self.redirect.matches(norm, s, e):
            if _negated_before(norm, cl, m.start()):
                continue
            if m.start() > 0 and norm[m.start() - 1] in "\"\u201c'" and _QUOTE_CLOSE.match(
                norm, m.end()
            ):
                continue  # 'turn on "Approve availability changes"': a label, quoted
            if (
                _WE_SUBJECT.match(norm, s, e)
                and not _WE_OR_NOT.match(m.group())
                and not _NOT_OUR_ACT.match(norm, s, e)
            ):
                continue  # "I'll raise a case with them": our action, not a hand-off
            if _OFFER_BEFORE.search(norm, max(s, m.start() - _SCOPE), m.start()):
                continue  # "happy to go through it with your team": our offer
            if _ASKS_WHETHER.search(norm, max(s, m.start() - 150), m.start()):
                continue  # "could you tell us whether the inverter is connected by Wi-Fi":
                # what we ask them about, not where we send them
            if EXCLAMATIVE_BEFORE.search(norm, max(s, m.start() - 40), m.start()):
                continue  # "I understand how important it is for a practice to ...": sympathy
            if _REFUSAL.match(m.group()) and not self._elsewhere(norm, cl.sentence, m):
                continue  # "we don't support that plugin, but here is a setting": no hand-off
            if _BEST_CHOICE.match(m.group()) and not self._elsewhere(norm, cl.span, m):
                continue  # "the 16:15 is your best option": a choice, no one to go to
            if _GENERIC_PEOPLE.search(norm, max(s, m.start() - 40), m.start()):
                continue  # "lots of customers open a dispute before ...": a report
            dev = _DEVICE_ITSELF.match(norm, m.end(), e)
            if dev is not None and not _PEOPLE_THEMSELVES.search(dev.group()):
                continue  # "the sleep timer is controlled by the iPad itself": a setting of
                # the device, not someone to turn to
            if (
                (
                    _NAVIGATION.match(norm, m.end(), e)
                    and not _THEIR_PLACE.search(m.group())
                    and not _NEW_TICKET.match(m.group())
                )
                or _GO.match(m.group())
                and (imperative_verb(norm, s, e) or Span("", -1, -1)).start == m.start()
            ):
                continue  # "Go to Settings > Billing": navigation, not a hand-off
            return Span(m.group(), m.start(), m.end())
        return self._contact_redirect(norm, cl)

    def _person_contact(self, norm: str, pos: int, end: int) -> bool:
        """ "speak to whoever fitted it", "raise this with your SI": a verb of
        contacting a person, then a noun phrase that is not us."""
        if self.person_verbs is None:
            return False
        pm = self.person_verbs.match(norm, pos, end)
        if pm is None:
            return False
        if _ANY_PARTY.match(norm, pm.end(), end) is not None:
            return True
        # a named organisation or person: "please contact Expedia", "speak to Lenovo"
        named = _NAMED_PARTY.match(norm, pm.end(), end)
        return named is not None and not _OUR_DESK.match(named.group("name"))

    def _elsewhere(self, norm: str, sent: Span, refusal: re.Match[str]) -> bool:
        """Does the sentence of a refusal also name where to go instead?  Not a
        party we act on ourselves: "we don't support routers bought elsewhere, but
        I've checked your line" sends them to no line."""
        for pat in (self.party, self.channel):
            for p in pat.finditer(norm, sent.start, sent.end):
                if refusal.start() <= p.start() < refusal.end():
                    continue
                lead = _CLAUSE_LEAD_BEFORE.search(norm, max(sent.start, p.start() - 80), p.start())
                if lead is not None and not _NOT_OUR_ACT.match(norm, lead.start(1), p.start()):
                    continue  # "..., but I've checked your line": our act on it
                return True
        return False

    def _recipient(self, verb: str, after: str) -> bool:
        """Is another party named after the contact verb as the one reached?  After a
        verb of sending, a party after "for" or "of" is whom the thing is about:
        "email the names and seat preferences for your group of 24" (to us)."""
        if not _SEND_VERB.fullmatch(verb):
            return self.party.search(after) is not None or self.channel.search(after) is not None
        for pat in (self.party, self.channel):
            for p in pat.finditer(after):
                if _ABOUT_BEFORE.search(after, max(0, p.start() - 40), p.start()) is None:
                    return True
        return False

    def _only_when(self, norm: str, s: int, e: int) -> bool:
        """Is the clause only the time of a step, its object the thing just named
        ("(dry the earbuds) before you use them again")?  Not when it names another
        party: "Before you contact your bank, check the amount" still sends them."""
        if _WHEN_YOU_OPEN.match(norm, s, e) is None:
            return False
        return not any(
            _BARE_PRONOUN.fullmatch(p.group()) is None for p in self.party.finditer(norm, s, e)
        )

    def _contact_redirect(self, norm: str, cl: Clause) -> Span | None:
        s, e = cl.span.start, cl.span.end
        # The customer is told to go somewhere: a request/imperative (or advice)
        # whose verb is a contacting verb and whose object is not us.
        told = (
            cl.actor is Actor.YOU and not self._only_when(norm, s, e)
            or cl.request
            or _ADVICE.search(norm, s, e)
            or _GROUP_OBLIGED.search(norm, s, e)
        )
        # "Our centre does not manage that contract, please liaise with the vendor": a
        # request after a comma, inside a clause that opened with another subject
        mid = "," in norm[s:e] or ";" in norm[s:e]
        please = list(_PLEASE_MID.finditer(norm, s, e)) if mid else []
        if told or please:
            asked: re.Match[str] | None | bool = False  # not searched yet
            for cm in self.contact.finditer(norm, s, e):
                lead = next((p for p in please if p.end() == cm.start()), None)
                if lead is not None:
                    pass  # "..., please liaise with": the negation before the comma is not its
                elif not told:
                    continue  # only the verb right after "..., please"
                elif _negated_before(norm, cl, cm.start()):
                    continue
                if _NOT_REDIRECT_CONTEXT.match(norm, cm.start(), e):
                    continue
                if _FORM_VERB.fullmatch(cm.group()):
                    form = _FORM_ELSEWHERE.match(norm, cm.end(), e)
                    if (
                        form is None
                        or not _FORM_STEP_VERB.fullmatch(cm.group())
                        or _FORM_AS_STEP.search(form.group())
                        or _BEFORE_AN_EVENT.match(norm, form.end(), cl.sentence.end)
                    ):
                        continue  # "fill in the attached form", "complete the steps": a form
                        # for us or a task; "the online check-in form (before you arrive)": a
                        # step of their own; only a form on our website sends the matter off
                if asked is False:  # once per clause, not once per contact word
                    asked = _ASKED_TO_SEND_US.search(norm, cl.sentence.start, cl.sentence.end)
                if asked and asked.start() <= cm.start() < asked.end():
                    continue  # "ask your old vet to email her records to records@ourvets": to us
                if _SEND_VERB.fullmatch(cm.group()) and _EVIDENCE_TO_ADDRESS.match(
                    norm, cm.end(), e
                ):
                    continue  # "please email the two photos of the display to repairs@..."
                if _NOUN_USE_BEFORE.search(norm, max(s, cm.start() - 40), cm.start()):
                    continue  # "change Mr Yamada's name and email to ...": a noun, not a verb
                if _PURPOSE_LEAD.fullmatch(norm, s, cm.start()):
                    continue  # "To claim, go to Claims > New claim": the goal, not a hand-off
                if not _verb_position(norm, cl, cm.start()):
                    continue  # "you'll get it by email": a noun, not the customer's action
                if _NOT_A_CONTACT_FORM.match(norm, cm.start(), e):
                    continue  # "images and files", "try restarting the service": no contact
                if _REPORTED_BEFORE.search(norm, max(s, cm.start() - 30), cm.start()):
                    continue  # "your query has been raised with the team": done, by us
                if cm.group()[:1].isupper() and cm.start() > s:
                    continue  # "export Reports > Payroll": a screen's name, not a verb
                after = norm[cm.end() : e]
                if cm.group().lower() in ("ask", "asking") and (
                    _ASK_FOR_ITEM.match(after) or _ASK_THEIR_OWN.match(after)
                ):
                    continue  # "ask your doctor's practice for the printout": a paper to get
                    # for us, not the matter handed over
                if cm.group().lower() in ("ask", "asking") and (
                    _ASK_TO_ALLOW_THEN_RETRY.match(norm, cm.end(), cl.sentence.end)
                    or _ASK_THEN_BACK_TO_US.match(norm, cm.end(), cl.sentence.end)
                ):
                    continue  # "ask your IT provider to allow port 443 ..., then try again",
                    # "ask your bank to cancel the dispute and forward me their confirmation"
                if _HANDOFF_VERB.fullmatch(cm.group()) and not _HANDOFF_OBJECT.match(after):
                    continue  # "your theory pass letter": a noun before a bare noun, no verb
                if _HANDOFF_VERB.fullmatch(cm.group()) and not _TO_SOMEONE.match(after):
                    continue  # "could you forward the invoice": to us; "... to your bank": away
                if _NAVIGATION.match(after) and _NAV_VERB.match(cm.group()):
                    continue  # "go to Settings > Billing": a step in our product
                goal = _GOAL_BEFORE.search(norm, cl.sentence.start, cm.start())
                if goal is not None and self.channel.match(goal.group("noun")):
                    continue  # "To get into the patient portal, use 'Forgot password' on the
                    # portal login page": the place they want to reach, not a hand-off
                if _US.match(after):
                    continue
                own = _OUR_CHANNEL.match(after)
                if own is not None:
                    # "call our roadside line at (720) 555-0188": our own line, as good as
                    # "call us", unless it only routes them on ("... and ask to be put
                    # through to accounts")
                    rest = after[own.end() : own.end() + 120]
                    if not self.party.search(rest) and not _ROUTED_ON.search(rest):
                        continue
                if (
                    not self._recipient(cm.group(), after[:120])
                    and not _PARTY_DIRECTLY.match(after)
                    and not self._person_contact(norm, cm.start(), e)
                    and not _BARE_DEPARTMENT.match(after)
                    and not (
                        # "Your IT team owns sign-in, so please pass the code to them"
                        _TO_THEM.match(after)
                        and self.party.search(norm, cl.sentence.start, cm.start())
                    )
                ):
                    continue
                return Span(cm.group(), cm.start(), cm.end())
        return None


#: A clause of ours before a party it acts on: "..., but I've checked | your line",
#: "and we've called | the courier" (the subject opens the clause: after a comma,
#: a conjunction or the sentence start, with no other clause break before the party).
_CLAUSE_LEAD_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\b(?:but|and|so)\s+)((?:i|we)(?:'ve|'ll|'m|'re|\s+have|\s+will|\s+am|\s+are)?"
    r"\s+(?:\w+ly\s+|also\s+|just\s+|already\s+)?(?!(?:can't|cannot|don't|do\s+not|not|won't|"
    r"aren't|am\s+not|are\s+not)\b)[a-z]+(?:ed|t)\b[^,;.!?]{0,60})$",
    re.IGNORECASE,
)
#: Evidence to send straight to an address: "email the two photos of the display to
#: repairs@...", "send scans of both pages to claims@..." -- information for whoever
#: handles the matter, not the matter sent away (a party named before the address,
#: "... to your insurer at claims@...", still is).
_EVIDENCE_TO_ADDRESS = re.compile(
    r"\s+(?:(?:the|your|a|an|any|both|all|some|copies\s+of|a\s+copy\s+of|scans\s+of|"
    r"(?:two|three|four|five|\d))\s+){1,2}(?:[\w'-]+\s+){0,3}?(?:photos?|pictures?|images?|"
    r"screenshots?|videos?|scans?|copies|copy|receipts?|readings?|documents?|forms?|"
    r"certificates?|invoices?|statements?|proof|evidence|pages?)\b[^.;!?\n@]{0,80}?\s+to\s+"
    r"[\w.\-]{1,64}@[\w\-]{1,63}\.",
    re.IGNORECASE,
)
#: A condition that our arrangement may not suit them, and a call to move it:
#: "if that doesn't suit, phone the repairs line to move it", "if the slot is no
#: good, ring the depot to rearrange".
_IF_IT_DOES_NOT_SUIT = re.compile(
    r"\b(?:if|should)\s+(?:that|this|it|the\s+[\w-]+|those|these)\s+(?:time\s+|date\s+|day\s+|slot\s+)?"
    r"(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not|isn't|is\s+not|is\s+no|'s\s+no|"
    r"can't|cannot)\s+(?:\w+\s+)?(?:suit|work|convenient|good|possible|make\s+it|do)\b",
    re.IGNORECASE,
)
_TO_RESCHEDULE = re.compile(
    r"\bto\s+(?:move|change|rearrange|re-arrange|reschedule|re-schedule|rebook|re-book|swap|"
    r"bring\s+forward|put\s+back)\b",
    re.IGNORECASE,
)
#: A third party asked to send something to us: "ask Riverside Vets to email her
#: vaccination history to records@harbourvets.example" (an address, us or me).
_ASKED_TO_SEND_US = re.compile(
    r"\bask\s+(?:[\w'\-]+\s+){1,6}?to\s+(?:e-?mail|send|forward|transfer|share|post|fax|upload)\s+"
    r"[^.;!?\n]{1,100}?\s+to\s+(?:us|me|our\b|[\w.+-]+@)",
    re.IGNORECASE,
)
#: A condition on the customer's own later choice: "If you do, ...", "When you move out, ...".
_THEIR_CHOICE = re.compile(
    r"\s*(?:and\s+|but\s+)?(?:if|when|once|should)\s+you\s+(?:do|did|move\s+out|"
    r"leave|move\s+house|sell\s+(?:it|the\s+\w+)|take\s+(?:it|them)\s+with\s+you)\b",
    re.IGNORECASE,
)
#: A question put to the customer, its content still open at the redirect phrase:
#: "Could you tell us your router model and whether it is connected by Wi-Fi",
#: "can you confirm if your account is managed by your IT team" (a fact we need,
#: no hand-off).  Not "ask ... whether": that sends them to someone.  No comma or
#: stop after "whether/if": "tell us if you're stuck, otherwise ..." ends the question.
_ASKS_WHETHER = re.compile(
    r"\b(?:tell|let\s+(?:us|me)\s+know|confirm|check\s+for\s+(?:us|me))\b[^.;:!?\n]{0,60}?"
    r"\b(?:whether|if)\b[^.;:,!?\n]{0,80}$",
    re.IGNORECASE,
)
#: The closing quote of a label: 'the "Approve availability changes" setting'.
_QUOTE_CLOSE = re.compile(r"[^\"\u201d'\n]{0,40}[\"\u201d']")
#: A clause that opens with a purpose: "To claim, ...", "In order to appeal, ...".
_PURPOSE_LEAD = re.compile(r"\s*(?:in\s+order\s+)?to\s+", re.IGNORECASE)
#: "... and he will come to the berth": the party named goes to the customer.
_THEY_COME = re.compile(
    r"\b(?:and|who)\s+(?:he|she|they|someone)\s+(?:will|'ll|can)\s+(?:come|be\s+(?:there|with\s+you)|"
    r"call\s+(?:you|round)|visit|attend|arrive)\b",
    re.IGNORECASE,
)
#: A promise in the present tense, with a moment it waits for (`_WHEN_THEY`).
_PRESENT_PROMISE = re.compile(
    r"\b(?:i|we)\s+(?:come|get|revert|write|reply|return)\s+back\s+to\s+you\b"
    r"|\b(?:i|we)\s+(?:inform|update|notify)\s+you\s+(?:as\s+soon\s+as|once|when)\b",
    re.IGNORECASE,
)
_WHEN_THEY = re.compile(r"\b(?:as\s+soon\s+as|once|when|after)\s+(?:they|he|she|it|the)\b",
                        re.IGNORECASE)
#: The same present-tense promise with its time right after it: "I return to you
#: soon", "We revert to you shortly", "I come back to you on short term". (Not "we
#: usually get back to you within a day": a habit, with a word between.) The time
#: itself is whatever `timeexpr` reads as one, not a list of its own.
_PRESENT_RETURN = re.compile(
    r"(?:\b(?:i|we)\s+(?:(?:come|get|write)\s+back|revert|return)\s+(?:back\s+)?(?:to\s+you\b)?"
    # "(we look into it) and come back to you on short term": the subject elided
    r"|\band\s+(?:(?:come|get|write)\s+back|revert|return)\s+(?:back\s+)?to\s+you\b)"
    r"\s*(?P<word>(?:very|on|by|at|before|around|until)\s+)?",
    re.IGNORECASE,
)


def _present_return_timed(norm: str, s: int, e: int) -> bool:
    """A present-tense return promise with a time right after it (see _PRESENT_RETURN)."""
    for m in _PRESENT_RETURN.finditer(norm, s, e):
        for t in find_times(norm):
            if t.span.start in (m.start("word"), m.end()) and t.kind is not TimeKind.PAST:
                return True
    return False


#: "your best option", "the best bet": a redirect only with a party or channel.
_BEST_CHOICE = re.compile(r"(?:your|the)\s+best\s+(?:bet|option)", re.IGNORECASE)
#: "Lots of customers open a dispute ...": what people in general do, not an order.
_GENERIC_PEOPLE = re.compile(
    r"\b(?:lots\s+of|a\s+lot\s+of|many|most|plenty\s+of|other)\s+(?:[\w-]+\s+)?(?:customers|"
    r"people|users|clients|members|buyers|sellers|riders|guests|owners|patients|students|"
    r"tenants|travell?ers|drivers)\s+(?:\w+ly\s+|also\s+|still\s+)?$",
    re.IGNORECASE,
)
#: "To get into the patient portal, ...": the channel is where the reader wants to be.
_GOAL_BEFORE = re.compile(
    r"\bto\s+(?:get\s+(?:back\s+)?(?:into|in\s+to|onto|to)|log\s*(?:in(?:to)?|on)(?:\s+to)?|"
    r"sign\s+in(?:to)?(?:\s+to)?|access|reach|open|use)\s+(?:the|your|our)\s+(?:[\w-]+\s+)?"
    r"(?P<noun>[\w-]+)",
    re.IGNORECASE,
)
#: What we did or do, said without "will": a "done on our side" list, or a
#: present-tense act ("I file both refunds the same day", as many writers put it).
_OURS_DONE_OR_PRESENT = re.compile(
    r"\b(?:done|handled|actioned|sorted|completed)\s+(?:on|from|at)\s+our\s+(?:side|end)\b"
    r"|\b(?:once|when|as\s+soon\s+as|after)\s+(?:i|we)\s+(?:have|get|receive|see)\b[^.;!?\n]{0,60}?"
    r"[,\s]\s*(?:i|we)\s+(?:then\s+|also\s+|immediately\s+)?(?:file|send|process|refund|book|"
    r"arrange|order|block|cancel|transfer|submit|forward|escalate|reimburse|credit|issue|replace|"
    r"reissue)\s+(?:both|the|your|it|them|this|that|a|an)\b"
    # "I've checked and your NIN is already linked to your account": checked, and answered
    r"|\b(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|also\s+)?(?:checked|looked|confirmed|verified)\b"
    r"[^.;!?\n]{0,30}?,?\s+and\s+(?:it|your|the|this|that)\b[^.;!?\n]{0,60}?\b(?:is|are|'s|was|"
    r"were)\s+(?:already\s+|now\s+|all\s+)?(?:linked|active|activated|set\s+up|verified|"
    r"connected|registered|correct|in\s+place|complete|approved|valid)\b",
    re.IGNORECASE,
)


#: A purpose phrase opening a clause before its subject: "to save you waiting, | I've
#: put a note on your file", "so you don't have to explain again, | I've logged it".
_PURPOSE_OPENER = re.compile(
    r"\s*(?:but\s+|and\s+|so\s+)?(?:(?:in\s+order\s+)?to|so(?:\s+that)?)\s+[^,;.!?]{1,60},\s*"
    r"(?=(?:i|we)\b|(?:i|we)'\w+)",
    re.IGNORECASE,
)
#: Help promised at no cost to the customer: "free of charge", "at no extra cost".
_AT_NO_COST = re.compile(
    r"\b(?:free\s+of\s+charge|at\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)|"
    r"(?:for|at)\s+no\s+(?:extra\s+)?charge)\b",
    re.IGNORECASE,
)


def _acting_after_purpose(norm: str, cl: Clause) -> bool:
    """Our action after a purpose phrase that opens the clause: the actor of "to save
    you waiting, I've put a note on your file" is read from "you" in the purpose, so
    the clause is read again from its real subject ("I've put a note ...")."""
    m = _PURPOSE_OPENER.match(norm, cl.span.start, cl.span.end)
    if m is None:
        return False
    rest = Clause(cl.sentence, Span(norm[m.end() : cl.span.end], m.end(), cl.span.end), text=norm)
    return _acting(norm, rest)


def _acting(norm: str, cl: Clause) -> bool:
    """An action of ours in the clause, not words we said before ("as I already
    explained on the phone" is no work of ours on the matter)."""
    action = _our_action(norm, cl)
    if action is None or _SAID.search(action.text):
        return False
    if _LOOKED.search(action.text):
        # "I've looked at the job": a look at the matter before handing it on is no
        # work of ours on it, unless a real act follows ("... and rebooked the truck")
        return _THEN_ACTED.search(norm, action.end, cl.span.end) is not None
    return True


_THEN_ACTED = re.compile(
    r"\b(?:and|then)\s+(?:have\s+|'ve\s+|also\s+|already\s+)*(?!(?:looked|checked|reviewed|read|"
    r"examined|noticed|found|seen|saw|confirmed)\b)(?:[a-z]+ed|sent|made|put|set|got|rang|spoke|wrote|"
    r"paid|rebuilt|rerun|re-run|begun|began)\b",
    re.IGNORECASE,
)
_LOOKED = re.compile(
    r"\b(?:looked|checked|reviewed|read|examined|had\s+a\s+(?:look|check)|gone\s+through|"
    r"went\s+through)\b",
    re.IGNORECASE,
)
#: Verbs of saying: our earlier words, not something we do for the customer now.
_SAID = re.compile(
    r"\b(?:explained|told|said|mentioned|wrote|stated|noted|pointed|answered|replied|"
    r"informed|advised|clarified|repeated)\b",
    re.IGNORECASE,
)


#: Verbs that hand something on: a redirect only with "to <someone>" after them.
_HANDOFF_VERB = re.compile(r"pass(?:\s+on)?|forward|hand\s+over", re.IGNORECASE)
_SEND_VERB = re.compile(r"e-?mail|send|forward|post|upload|mail", re.IGNORECASE)
_TO_SOMEONE = re.compile(
    r"(?:\s+[\w'-]+){0,5}?\s+(?:on\s+|over\s+|along\s+)?to\s+\w", re.IGNORECASE
)
#: "... pass the error code | to them": the party named earlier in the sentence.
_TO_THEM = re.compile(r"(?:\s+[\w'-]+){0,4}?\s+(?:on\s+)?to\s+(?:them|him|her)\b", re.IGNORECASE)
#: The redirect's own sentence keeps us in it: "call 000 first and then me on
#: 07 ...", "ring them and copy me in", "... and keep me posted".
_KEEPS_US = re.compile(
    r"\b(?:then|and|also|or)\s+(?:(?:call|ring|phone|text|e-?mail|message|contact|tell|update|"
    r"copy|cc)\s+)?(?:me|us)\s+(?:on|at|in|back|directly|here|via|by)\b"
    r"|\b(?:copy|cc|loop|keep)\s+(?:me|us)\s+(?:in|posted|updated|informed)\b"
    # "ring the trade desk and ask for me": the call comes back to the writer
    r"|\bask\s+(?:for\s+me|to\s+(?:speak|talk)\s+(?:to|with)\s+me|for\s+(?:me|my\s+\w+)\s+by\s+name)\b"
    r"|\b(?:mention|give|quote)\s+(?:them\s+)?my\s+name\b"
    # "next time you're in, ask for Jimmy": at our own counter, one of ours
    r"|\bnext\s+time\s+you(?:'re|\s+are)\s+(?:back\s+)?in(?=\s*[,.;])"
    r"|\bnext\s+time\s+you\s+(?:come|pop|drop|stop|call)\s+(?:in|by|round)\b"
    # "reply to this email or call 514 555 0142": both ways reach us
    r"|\breply\s+(?:to\s+)?(?:this|my|our)\s+(?:e-?mail|message)\s+or\s+(?:call|ring|phone)\b"
    # "we charge the excess to your card, and you then claim it back from your card
    # provider": how a process runs, our part in it first
    r"|\bwe\s+(?:charge|refund|deduct|bill|pay|send|release|pre-?authori[sz]e|issue)\b"
    r"[^.;!?]{0,80}?,?\s+and\s+(?:then\s+you|you\s+then)\b"
    # "repair visits are done by our service partner, and we book and pay for them"
    r"|\band\s+we\s+(?:\w+\s+(?:and\s+)?)?(?:book|pay|arrange|organi[sz]e|handle|cover|manage|"
    r"schedule|chase|coordinate|deal\s+with|take\s+care)\b"
    # "if it stays on, call our breakdown line on 0800 ...": our own line, as the fallback
    r"|\bif\s+(?:it|this|that|the\s+[\w-]+)\s+[^.;,]{0,40},\s*(?:please\s+)?(?:call|ring|phone)\s+our\s+"
    r"(?:[\w/-]+\s+){0,2}?(?:line|helpline|hotline|number)\s+on\b"
    # "if he seems weak before then, call 0113 496 0321 straight away": a number with
    # no one else named, as the safety net should things change
    r"|\b(?:if|in\s+case|should(?!\s+you\b))\s+(?!you\s+(?:want|wish|need|would\s+like|'d\s+like|"
    r"prefer)\b)[^.;]{0,120}?,\s*"
    # (the one of ours may be named: "call our pharmacist, Mr Femi Ogunleye, on 01 555 0142")
    r"(?:please\s+)?(?:call|ring|phone)\s+(?:us\s+|our\s+[\w-]+(?:\s+[\w-]+)?"
    r"(?:,\s*[^,.;!?\d]{1,40},)?\s+)?(?:on\s+)?\+?\d[\d -]{6,}",
    re.IGNORECASE,
)
#: After a verb of contacting a person: any noun phrase that is not us ("your
#: payment processor", "the photographer", "whoever fitted it").
_ANY_PARTY = re.compile(
    r"\s+(?:directly\s+|straight\s+)?"
    r"(?:(?:your|their|the)\s+(?!(?:steps?|settings?|form|page|link|instructions|guide|manual|"
    r"app|article|docs|documentation|section|above|below|following|same)\b)[\w'\-]+"
    r"|whoever|whomever|someone|somebody|anyone)\b",
    re.IGNORECASE,
)
#: A capitalised name right after a verb of contacting a person.
_NAMED_PARTY = re.compile(
    r"\s+(?:directly\s+)?(?P<name>(?-i:[A-Z][\w&'\-]*[a-z][\w&'\-]*|[A-Z]{2,6}\b))", re.IGNORECASE
)
#: Names that are our own desk, or no party at all: "contact Support", "call Monday".
_OUR_DESK = re.compile(
    r"(?:support|help|helpdesk|service|services|customer|care|us|me|team|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|tomorrow)\b",
    re.IGNORECASE,
)
_DEFAULT_PARTY_CONTACT_VERBS = [
    "contact", "speak to", "speak with", "talk to", "get in touch with", "reach out to",
    "check with", "take it up with", "take this up with", "take that up with",
    "take the matter up with", "raise it with", "raise this with", "raise that with",
    "consult", "approach", "chase", "have a word with", "chat with", "write to", "go back to",
    "turn to", "coordinate with", "co-ordinate with", "coordinate directly with",
    "liaise with", "liaise directly with",
]

#: A new support record opened somewhere else: "open a ticket through the app in
#: the Help section" sends them to another channel, wherever that channel sits.
_NEW_TICKET = re.compile(
    r"(?:open|opening|create|creating|raise|raising|log|logging|submit|submitting|file|filing|"
    r"lodge|lodging)\s+(?:a|an)\s+(?:new\s+|separate\s+|support\s+|formal\s+|service\s+)*"
    r"(?:ticket|case)\b",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"[^.;]{0,40}(?:\s>\s|\b(?:settings|page|menu|tab|screen|app(?!\s+store)|dashboard|"
    r"section|option|options|steps|list|folder|file|setup|wizard)\b)"
    # a sign-in page by its address: "go to http://login.hiveco.example"
    r"|\s*(?:https?://)?(?:login|signin|sign-in|my|account|accounts|portal|wifi|guest)\.[\w-]+\.[\w.-]+"
    r"|\s*(?:https?://)?[\w.-]+\.[a-z]{2,}/(?:login|signin|sign-in|account|settings|profile)\b",
    re.IGNORECASE,
)
_VERB_OPENER = re.compile(
    r"(?:\b(?:please|kindly|pls|just|to|and|or|then|try|tried|trying|you|suggest|recommend|"
    r"advise|best|could|can|would|will|should|must|'ll|need|needs|have|has|first|also|"
    r"simply|directly|off|consider|considering|recommend|suggest|worth)\s+(?:\w+\s+)?)$|^\s*$",
    re.IGNORECASE,
)


_BARE_PRONOUN = re.compile(r"them|him|her|it", re.IGNORECASE)
#: "... for | your group", "... of | the team": whom the thing is about, not its recipient.
_ABOUT_BEFORE = re.compile(
    r"\b(?:for|of|about|regarding|concerning)\s+(?:(?:the|your|their|a|an|this|that)\s+)?"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: What follows a verb of handing on: "pass it on", "forward the invoice", "pass along";
#: not a bare noun ("theory pass letter": "pass" is a noun there).
_HANDOFF_OBJECT = re.compile(
    r"(?:\s+(?:on|along|over|back|across|straight|directly))?\s+(?:it|them|this|that|these|those|the|"
    r"your|a|an|all|any|our|my|his|her|their|him|me|us|every|each|both|some|everything|on|along|over)\b",
    re.IGNORECASE,
)
#: A clause that only says when: "before you use them again", "once you get home".
_WHEN_YOU_OPEN = re.compile(
    r"\s*(?:before|after|once|until|till|when|whenever|while|as\s+soon\s+as)\s+you\b",
    re.IGNORECASE,
)


def _verb_position(norm: str, cl: Clause, pos: int) -> bool:
    """Is the word at `pos` used as the clause's verb (imperative, after a modal
    or an advice opener) rather than as a noun ("by email", "the call")?"""
    before = norm[max(cl.span.start, pos - _SCOPE) : pos]
    if _NOUN_BEFORE.search(before):
        return False
    if _OFFER_BEFORE.search(before):
        return False  # "happy to go through it on a call": our offer
    imp = imperative_verb(norm, cl.span.start, cl.span.end)
    if imp is not None and imp.start == pos:
        return True
    return bool(_VERB_OPENER.search(before))


#: A rule for a whole group the customer belongs to: "Students should contact
#: their department office", "Tenants need to report repairs to their landlord".
_GROUP_OBLIGED = re.compile(
    r"\b(?:students|users|customers|clients|staff|employees|members|players|parents|tenants|"
    r"residents|patients|guests|applicants|owners|pupils|learners|subscribers|holders|"
    r"policyholders|drivers|sellers|buyers|merchants|teachers|colleagues|anyone|everyone|"
    r"people)\b(?:\s+[\w'-]+){0,5}?\s+(?:should|must|need\s+to|have\s+to|are\s+(?:\w+ly\s+)?"
    r"(?:asked|requested|required|expected|advised|encouraged|invited)\s+to|(?:will|would)\s+need\s+to)\s+"
    r"(?!be\s+able\b|now\b)",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"\b(?:i|we)(?:'d|\s+would)?\s+(?:\w+ly\s+)?(?:suggest|recommend|advise|encourage|urge)\b|\bbest\s+to\b"
    # "you're best off speaking to the venue coordinator", "you'd be better off asking"
    r"|\byou(?:'re|\s+are|'d\s+be|\s+would\s+be|'ll\s+be|\s+will\s+be)\s+(?:\w+ly\s+)?(?:best|better)\s+off\b"
    r"|\bhave\s+you\s+tried\b|\byou\s+(?:may|might|could|can|should|will|'ll|would)\b"
    r"|\byou(?:'ll|\s+will|'d|\s+would)?\s+(?:need|have|want)\s+to\b|\bit's\s+best\b"
    r"|\b(?:the|your)\s+(?:best|quickest|fastest|easiest|simplest|right|only|usual)\s+"
    r"(?:route|way|option|bet|thing|course|step|approach)\s+(?:is|would\s+be|will\s+be)\b"
    r"|\bworth\s+\w+ing\b"
    # "Best thing is to post it up on the owners' forum", "the thing to do is ring them"
    r"|\bbest\s+thing\s+(?:is|would\s+be|'d\s+be|to\s+do\s+(?:is|would\s+be))\s+(?:to\s+)?(?=\w)"
    r"|\bthe\s+thing\s+to\s+do\s+(?:is|would\s+be)\b"
    # "I think it is better you ask your IT administrator"
    r"|\b(?:it\s+is|it's|it\s+would\s+be|it'd\s+be)\s+(?:better|best|wiser)\s+(?:that\s+|if\s+)?you\b",
    re.IGNORECASE,
)
#: Who or what the customer is sent to: another organisation, person or
#: channel.  Head nouns (pack params `party_nouns`, `channel_nouns`); the noun
#: phrase is built around them in `party_pattern`.
_DEFAULT_PARTY_NOUNS = """
trainer trainers coach coaches
bank banks provider providers admin admins administrator administrators helpdesk help-desk
lab labs laboratory
manager managers publisher retailer reseller resellers landlord operator operators carrier
carriers courier couriers insurer insurers vendor vendors supplier suppliers airline airlines
hotel hotels agency agent agents office offices department departments dept team teams council
gp surgery branch company partner partners desk school university employer accountant
accountants pharmacy pharmacist store shop seller merchant dealer distributor installer
installers technician engineer network isp registrar host developer developers maintainer
authority authorities officer representative rep switchboard helpline hotline line queue owner
organisation organization contact person people staff broker embassy consulate police doctor
clinic hospital practice faculty library registry counter centre center hr finance accounts
billing payroll legal procurement manufacturer maker lender landlady letting venue organiser
organizer box-office coordinator co-ordinator colleagues users members customers players
community group board forum club union association insurance utility
restaurant restaurants cafe venue venues salon gym garage dentist vet vets optician
solicitor solicitors lawyer lawyers notary ombudsman regulator court tribunal landlady
letting-agent estate-agent builder builders plumber electrician electricians contractor
contractors surveyor assessor adjuster underwriter broker brokers lender lenders creditor
creditors platform marketplace studio brand brands dealership franchise franchisee
franchisees station airport railway port customs ministry government hmrc irs dvla police
station ward nursery college colleges campus housing association society charity trust
scheme fund pension-provider payroll-provider bureau author moderators moderator
tutor tutors teacher teachers instructor instructors lecturer lecturers
neighbour neighbours neighbor neighbors hosts landlords
branches stores shops clinics centres centers pharmacies hospitals outlet outlets showroom
showrooms counters dealers dealerships retailers sellers merchants
""".split()
#: Head nouns of another party, for "your bank will ..." (their side) vs "your
#: refund will ..." (the matter itself).
_PARTY_HEADS = frozenset(
    w for n in _DEFAULT_PARTY_NOUNS for w in (n, *n.split("-")) if n
) | frozenset("it team it-team".split())
_DEFAULT_CHANNEL_NOUNS = """
portal forum forums community discord slack reddit github tracker knowledge-base kb faq
help-centre help-center docs documentation website web-site site form web-form ticket tickets
self-service hotline helpline switchboard number app-store marketplace chat inbox mailbox
group groups board boards channel tool
""".split()


def _heads(nouns: Iterable[str]) -> str:
    """An alternation of head nouns as a prefix tree (`language.trie_alternation`):
    the regex engine then tries a handful of branches at each word, not all of
    them.  "help-desk" also matches "help desk"."""
    return trie_alternation(nouns)


#: Bounded, anchored pieces: an unbounded `[\w.]+@` tried at every character of
#: a long token would make the scan quadratic.
_EMAIL = r"(?<![\w.\-])[\w.\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,4}"
_PHONE = r"(?<![\d])\d[\d ]{6,18}\d\b"


def party_pattern(party_nouns: Iterable[str], *, ours: bool = True, contacts: bool = True) -> str:
    """A noun phrase naming another party: "your bank", "the hotel's front desk",
    "our billing department" (another team of ours counts when `ours`), "them",
    and with `contacts` an e-mail address or a phone number."""
    dets = r"your|their|the|an?|his|her|its|that|this" + (r"|our" if ours else "")
    return (
        r"(?:\b(?:"
        + dets
        + r")\s+(?:own\s+)?(?-i:IT)\b"  # "your IT team": IT, not the pronoun "it"
        + r"|\b(?:"
        + dets
        + r")\s+(?:own\s+)?(?:[\w'\-]+\s+){0,4}?(?:"
        + _heads(party_nouns)
        + r")\b|\b(?:the|your|their|that|this)\s+[\w\-]+'s\s+(?:\w+\s+)?[\w\-]+"
        + r"|\b(?:them|him|her)\b"
        + (r"|" + _EMAIL + r"|" + _PHONE if contacts else "")
        + r")"
    )


#: Words before "number" that make it an identifier to type, not a line to call:
#: "sign in with your card number and PIN", "quote your order number".
_ID_NUMBER_WORDS = (
    "card account order reference ref membership member customer policy ticket case tracking "
    "booking serial model invoice library registration id claim pin loyalty"
).split()


def channel_pattern(channel_nouns: Iterable[str]) -> str:
    nouns = list(channel_nouns)
    heads = [n for n in nouns if n.lower() != "number"]
    alternatives = [r"\b(?:" + _heads(heads) + r")\b"] if heads else []
    if len(heads) < len(nouns):
        # fixed-width look-behinds, one per word (Python's look-behind needs a fixed width)
        alternatives.append("".join(rf"(?<!\b{w}\s)" for w in _ID_NUMBER_WORDS) + r"\bnumber\b")
    alternatives.append(r"https?://\S+")
    return "(?:" + "|".join(alternatives) + ")"


#: A named organisation or person: capitalised words ("Amazon", "Tallis Logistics").
_NAMED = r"\b(?-i:[A-Z][\w&'\-]*[a-z][\w&'\-]*)(?:\s+(?-i:[A-Z&])[\w&'\-]*){0,3}"
_OTHER_PARTY = re.compile(party_pattern(_DEFAULT_PARTY_NOUNS), re.IGNORECASE)
_CHANNEL = re.compile(channel_pattern(_DEFAULT_CHANNEL_NOUNS), re.IGNORECASE)


#: "We can't help with that", "I don't handle refunds": a refusal is a hand-off
#: only when the same sentence says where to go instead.
_REFUSAL = re.compile(
    r"(?:we|i)(?:'m|'re|\s+am|\s+are)?\s+(?:can't|cannot|can\s+not|are\s+unable|am\s+unable|don't|"
    r"do\s+not|not|unable|only)\b",
    re.I,
)
#: "I'm afraid you'll ...", "I think you'd ...": the writer's voice, not our act.
_NOT_OUR_ACT = re.compile(
    r"\s*(?:(?:so|and|also|then|now|but)\s*,?\s+)?(?:i|we)(?:'m|\s+am|'re|\s+are|'d|\s+would)?\s+"
    r"(?:\w+ly\s+)?(?:afraid|sorry|think|believe|guess|suspect|say|suggest|recommend|advise|"
    r"understand|know|see|feel|fear|reckon|expect|encourage|urge)\b",
    re.IGNORECASE,
)
_WE_SUBJECT = re.compile(
    r"\s*(?:(?:so|and|also|then|now|today|meanwhile)\s*,?\s+)?(?:i|we|let\s+(?:me|us))(?:'\w+)?\b",
    re.IGNORECASE,
)


#: How far back (characters) negation and verb context are looked for: a
#: negation's scope is short, and a bound keeps huge clauses linear.
_SCOPE = 80


def _negated_before(norm: str, cl: Clause, pos: int) -> bool:
    """A negation between the clause start and `pos` ("no need to raise a ticket")."""
    return find_negation(norm, max(cl.span.start, pos - _SCOPE), pos) is not None


# --------------------------------------------------------------------- lateness

#: "sorry for the delay to your parcel": the delay of the problem, not of us.
_PROBLEM_DELAY = re.compile(
    r"\bdelay(?:s|ed)?\s+(?:to|of|with|on|in)\s+(?:your|the)\s+(?!reply|response|answer)",
    re.IGNORECASE,
)

# How a reply acknowledges OUR delay, as structure: an apology (or "I know /
# I realise") whose object is our answering (a response verb of ours, "my
# reply", "your message" as the thing answered) together with what made it late
# (long, until, days, didn't, sooner ...); or the customer's waiting itself
# ("you've been waiting", "your patience", "kept you waiting").  An apology for
# the problem ("sorry the update took so long to install", "sorry about the
# delay to your parcel") names no answering of ours, so it is not one.
_APOLOGY = re.compile(
    r"\b(?:sorry|apolog\w*|forgive|regret\w*|my\s+bad|excuse\s+(?:me|us))\b", re.I
)
_AWARE_OF = re.compile(
    r"\b(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:\w+ly\s+|do\s+|fully\s+|well\s+)?(?:know|realise|realize|"
    r"appreciate|recognise|recognize|aware|understand|acknowledge|admit)\b",
    re.IGNORECASE,
)
_RESPONSE_VERB = (
    r"(?:repl(?:y|ied|ying)|respond(?:ed|ing)?|answer(?:ed|ing)?|get(?:ting)?\s+back|got(?:ten)?\s+back|"
    r"c[oa]me\s+back|coming\s+back|wr(?:ite|ote|itten|iting)(?:\s+back)?|revert(?:ed|ing)?|"
    r"follow(?:ed|ing)?\s+up|look(?:ed|ing)?\s+(?:at|into)|pick(?:ed|ing)?\s+(?:this|it|that)\s+up|"
    r"deal(?:t|ing)?\s+with|return(?:ed|ing)?\s+(?:to\s+)?(?:you|your)|tak(?:e|en|ing)\s+(?:this|it)\s+on|"
    r"g[eo]t(?:ting)?\s+(?:round\s+|around\s+)?to\s+(?:this|it|that|your))"
)
_OUR_RESPONSE = re.compile(
    # I/we answering, in any tense or negated: "I didn't answer", "we've only now looked"
    r"\b(?:i|we)(?:'ve|'d|'m|'re|\s+have|\s+had|\s+am|\s+are|\s+was|\s+were|\s+did|\s+do)?"
    r"(?:\s+(?:not|never|only|just|finally|now|still|also|n't))*(?:n't)?\s+"
    r"(?:\w+\s+)?" + _RESPONSE_VERB + r"\b"
    # "sorry for taking so long to reply", "sorry for not replying": ours by the apology
    r"|\b(?:to|for|about|in|not)\s+(?:\w+\s+){0,6}?" + _RESPONSE_VERB + r"\b"
    # our answer as a noun; the customer's message as the thing answered; hearing from us
    r"|\b(?:my|our|this|the)\s+(?:\w+\s+)?(?:reply|response|answer|turn-?around|follow-?up)\b"
    r"|\b" + _RESPONSE_VERB + r"\s+(?:to\s+)?(?:your|you\s+about)\b"
    r"|\bhe(?:ar|ard|aring)\s+(?:back\s+)?from\s+(?:us|me)\b"
    # "this took longer than it should", "it's taken us a week": our handling took time
    r"|\b(?:this|it|that)(?:'s|\s+has|\s+had)?\s+(?:\w+\s+)?(?:took|taken|taking|take)\s+"
    r"(?:(?:me|us)\s+)?(?:(?:far|much|way|a\s+lot|rather|a\s+bit)\s+)?(?:longer|so\s+long|too\s+long|"
    r"a\s+while|ages|some\s+time|until|till|"
    r"(?:a\s+few|several|\w+)\s+(?:days|weeks|hours)|(?:most|all|half|much)\s+of\s+(?:the\s+|a\s+)?"
    r"(?:day|morning|afternoon|evening|week|weekend))\b|\b(?:took|taken|taking|take)\s+(?:me|us)\b"
    r"|\bno(?:body|\s+one|-one)\s+" + _RESPONSE_VERB + r"\b"
    # "sorry I've been so slow coming back to you", "we were late in answering": our slowness
    r"|\b(?:slow|late|tardy)\s+(?:in\s+|to\s+|at\s+|with\s+)?" + _RESPONSE_VERB + r"\b"
    # "left unanswered", "your email got buried", "slipped through the net"
    r"|\b(?:unanswered|unacknowledged|without\s+(?:a\s+|an\s+)?(?:reply|response|answer))\b"
    r"|\byour\s+(?:\w+\s+)?(?:message|email|e-mail|mail|request|ticket|query|note)\s+(?:got|was|has\s+been|"
    r"had\s+been|went)\s+(?:\w+\s+)?(?:buried|lost|missed|overlooked|stuck|misfiled|mislaid|"
    r"unanswered)\b|\bslipped\s+through\b"
    r"|\byour\s+(?:\w+\s+)?(?:message|email|e-mail|mail|request|ticket|query|note)\s+(?:has\s+been\s+|was\s+)?"
    r"(?:sat|sitting|languish\w*|waiting)\b"
    # "it sat in our queue", "your question waited in my inbox": our handling
    r"|\b(?:sat|sitting|stuck|waited|waiting|languish\w*|lingered|buried|lost)\s+(?:\w+\s+)?"
    r"(?:in|on|at\s+the\s+bottom\s+of)\s+(?:our|my)\s+(?:\w+\s+)?(?:queue|inbox|backlog|pile|list)\b"
    # "we should have answered you on Friday": owning the lateness
    r"|\b(?:i|we)\s+(?:really\s+)?(?:should|ought\s+to)\s+have\s+(?:\w+\s+)?"
    + _RESPONSE_VERB
    + r"\b",
    re.IGNORECASE,
)
#: What made it late (or long): with our answering, an acknowledgement.
_DELAY_WORD = re.compile(
    r"\b(?:delay\w*|late|later|slow\w*|long|longer|sooner|earlier|until|till|overdue|took|taken|"
    r"taking|take|ago|days?|weeks?|hours|while|wait\w*|belated\w*|finally|only\s+now|since|"
    r"backlog|missed|overlooked|not|never|no(?:body|\s+one|-one)|\w+n't|unanswered|unacknowledged|"
    r"buried|lost|stuck|slipped|only|tardy|sluggish|lengthy|sat|sitting|should|ought|chas\w+)\b",
    re.IGNORECASE,
)
#: Late-meaning words strong enough without an apology: "this reply is overdue".
_STRONG_DELAY = re.compile(
    r"\b(?:overdue|belated\w*|late|slow\w*|so\s+long|longer\s+than|later\s+than|ago|only\s+now|"
    r"sooner|earlier)\b",
    re.IGNORECASE,
)
#: The customer's wait itself.
_THEIR_WAIT = re.compile(
    r"\b(?:you|you've|you'd|you\s+have|you\s+had)\s+(?:\w+\s+){0,3}?wait(?:ed|ing)?\b"
    # waiting somewhere ("at the airport", "in line"): the problem, not our answer
    r"(?!\s+(?:at|outside|in\s+(?:line|a\s+queue\s+at)|on\s+the\s+(?:phone|line|platform|tarmac))\b)"
    r"|\b(?:kept|keep|keeping|left|leave|leaving)\s+you\s+(?:waiting|hanging|in\s+the\s+dark|"
    r"without\s+(?:an?\s+)?(?:answer|reply|response|update|news))\b"
    r"|\byour\s+(?:\w+\s+)?(?:patience|wait|waiting)\b|\b(?:the|this|that)\s+(?:\w+\s+)?wait\b"
    r"|\b(?:for|while)\s+waiting\b|\bwaiting\s+(?:so|this|that)\s+long\b"
    r"|\byou(?:'ve|\s+have|\s+had)?\s+(?:been\s+|had\s+to\s+)?(?:chas(?:e|ed|ing)|follow(?:ed|ing)?\s+up|"
    r"ask(?:ed|ing)?\s+(?:again|twice|more\s+than\s+once)|hang(?:ing)?\s+on|hold(?:ing)?\s+on)\b"
    r"|\bbear(?:ing)?\s+with\s+(?:us|me)\b|\b(?:radio\s+silence|(?:our|my)\s+silence)\b",
    re.IGNORECASE,
)
#: "Sorry for the delay", "apologies for the wait": the apology's own object.
_DELAY_NOUN = re.compile(
    r"\b(?:the|this|that|our|my|any|such\s+a|a)\s+(?:[\w-]+\s+){0,2}(?:delay|delays|wait|holdup|"
    r"hold-up|silence)\b",
    re.IGNORECASE,
)
#: "We should have answered you on Friday": owning that the answer is late.
_OWN_LATENESS = re.compile(
    r"\b(?:i|we|you)\s+(?:really\s+)?(?:should|ought\s+to)\s+have\s+(?:\w+\s+)?(?:"
    + _RESPONSE_VERB
    + r"|heard\s+(?:back\s+)?from\s+(?:us|me))\b"
    # the passive: "your message should have been answered on Friday"
    r"|\b(?:should|ought\s+to)\s+have\s+been\s+(?:\w+\s+)?(?:answered|replied\s+to|"
    r"responded\s+to|dealt\s+with|picked\s+up|looked\s+at|handled|seen\s+to)\b"
    # "only just seen this", "I'm only now getting to your email": we came to it late
    r"|\bonly\s+(?:just\s+|now\s+)(?:(?:seen|seeing|got|getting|read|reading|picked\s+up|"
    r"picking\s+up|spotted|noticed|opened|found)\s+(?:this|your|it)\b|(?:got|getting|come|coming)"
    r"\s+(?:round\s+|back\s+)?to\s+(?:this|your|it)\b)",
    re.IGNORECASE,
)
_FUTURE_ONLY = re.compile(r"\b(?:will|shall|going\s+to)\b|'ll\b", re.IGNORECASE)


def acknowledges_delay(norm: str, start: int, end: int) -> bool:
    """Does the sentence `norm[start:end]` acknowledge that we answered late?"""
    if _PROBLEM_DELAY.search(norm, start, end) and not _OUR_RESPONSE.search(norm, start, end):
        return False  # "sorry about the delay to your parcel"
    if _THEIR_WAIT.search(norm, start, end) or _OWN_LATENESS.search(norm, start, end):
        return True
    apology = _APOLOGY.search(norm, start, end) is not None
    if apology and _DELAY_NOUN.search(norm, start, end):
        return True
    ours = _OUR_RESPONSE.search(norm, start, end)
    if ours is None:
        return False
    if apology or _AWARE_OF.search(norm, start, end):
        return _DELAY_WORD.search(norm, start, end) is not None
    # no apology: "this reply is overdue", "you should have heard from us days ago"
    return bool(_STRONG_DELAY.search(norm, start, end)) and not _FUTURE_ONLY.search(
        norm, start, end
    )


#: How much of a long first sentence the lateness finding cites.
_OPENING_CHARS = 100


def _fmt_delay(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rem = divmod(minutes, 24 * 60)
    hours, mins = divmod(rem, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    parts.append(f"{hours} h")
    if mins:
        parts.append(f"{mins} min")
    return " ".join(parts)


def _fmt_hours(hours: float) -> str:
    return f"{hours:g} h"


@dataclass(frozen=True)
class LateNoAck:
    spec: RuleSpec
    target: timedelta
    urgent_target: timedelta
    acks: re.Pattern[str] | None

    def check(self, reply: Reply, text: str, norm: str) -> Iterator[Finding]:
        if reply.sent_at is None or reply.customer_sent_at is None:
            return
        try:
            delay = reply.sent_at - reply.customer_sent_at
        except TypeError:  # naive vs aware: extraction should not produce it
            return
        target = self.urgent_target if reply.customer_urgency else self.target
        if delay <= target:
            return
        sents = [s for s in sentences(text) if not _is_furniture(s)]
        if any(acknowledges_delay(norm, s.start, s.end) for s in sents):
            return
        if self.acks is not None:  # the organisation's own phrases (pack)
            for m in self.acks.finditer(norm):
                if not _PROBLEM_DELAY.search(norm, m.start(), min(len(norm), m.end() + 40)):
                    return
        # the evidence is the reply's opening, where an acknowledgement belongs:
        # its first sentence, cut to a dozen words when it runs long
        first = sents[0] if sents else Span(text, 0, len(text))
        end = first.end
        if end - first.start > _OPENING_CHARS:
            cut = text.rfind(" ", first.start, first.start + _OPENING_CHARS)
            end = cut if cut > first.start else first.start + _OPENING_CHARS
        yield make_finding(
            self.spec,
            text,
            first.start,
            end,
            delay=_fmt_delay(delay),
            target=_fmt_hours(target.total_seconds() / 3600),
        )


# --------------------------------------------------------------------- no next step

_PLEASANTRY = re.compile(
    r"\s*(?:please\s+)?(?:have\s+a\s+(?:great|good|nice|lovely|wonderful|blessed|beautiful|fab|"
    r"fabulous|fantastic|pleasant|happy|restful|relaxing|brilliant|super)|take\s+care|stay\s+safe|"
    r"(?:pass|send|give)\s+(?:on\s+)?(?:our|my)\s+(?:\w+\s+)?(?:wishes|regards|love|thanks|"
    r"congratulations)|say\s+(?:hi|hello)|good\s+luck|best\s+of\s+luck|"
    r"enjoy|hope\s+this\s+helps|(?:i|we)\s+(?:trust|hope)\s+(?:that\s+)?(?:this|the\s+above)\s+"
    r"(?:is\s+(?:satisfactory|helpful|of\s+help|clear)|helps|clarifies|explains)|let\s+(?:me|us)\s+know\s+if\s+(?:you\s+(?:have|need)|there's|"
    r"there\s+is|i\s+can|we\s+can)\s+(?:any|anything)|(?:please\s+)?(?:do\s+not|don't)\s+"
    r"hesitate|feel\s+free\s+to\s+(?:contact|reach|get\s+in\s+touch|reply)|please\s+(?:note|accept"
    r"|be\s+assured|rest\s+assured|know|be\s+aware)|rest\s+assured|bear\s+with|thanks|thank\s+you|many\s+thanks|"
    r"cheers|welcome"
    # "Wishing you both the best", "Best wishes to you and Milo", "All the best"
    r"|(?:(?:i'm|we're|i\s+am|we\s+are)\s+)?wishing\s+(?:you|your\s+\w+|him|her|them)\b"
    r"|(?:all\s+the\s+best|best\s+wishes|warm(?:est)?\s+wishes|get\s+well\s+soon)\b"
    # the opening formula: "Greetings of the day", "Warm greetings from the Acme team!"
    r"|good\s+(?:day|morning|afternoon|evening)(?:\s+(?:to\s+you|sir|ma'am|madam|ma|mam|maam|boss|"
    r"all|everyone|team|dear|(?-i:[A-Z])[\w'-]*))?\s*[.!]*\s*$"
    r"|(?:(?:warm|warmest|season's|seasons|festive|hearty)\s+)?greetings"
    r"(?:\s+(?:of\s+the\s+(?:day|season)|from\s+[^.!?\n]{1,60}))?\s*[.!]*\s*$)",
    re.IGNORECASE,
)
_YOU_CAN = re.compile(
    r"\byou(?:'ll|\s+will|\s+can|\s+could|\s+may|\s+should)\s+(?:now\s+|also\s+|then\s+|still\s+|"
    r"be\s+able\s+to\s+|just\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_SCHEDULED = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|is\s+due\s+to|are\s+due\s+to|is\s+scheduled|are\s+scheduled"
    r"|is\s+expected\s+to|are\s+expected\s+to)\b"
    r"|\bshould\s+(?:\w+ly\s+)?(?:arrive|reach|appear|show|be\s+(?:back|fixed|resolved|live|"
    r"available|restored|visible|working|active|ready|done|complete)|clear|drop|land|update|"
    r"sync|work|resolve)\b",
    re.IGNORECASE,
)
_YOU_STATIVE = frozenset(
    "see be have feel know understand need want like agree notice find imagine appreciate".split()
)


#: Our past action that changed something for the customer: the matter moved.
#: ("I've added your comments to our feedback" or "we looked into it" did not.)
_RESOLVED = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have|\s+has)?\s+(?:now\s+|just\s+|already\s+|also\s+)?"
    r"(?:corrected|re-?issued|fixed|reset|refunded|re-?booked|unlocked|re-?opened|restored|"
    r"re-?enabled|enabled|credited|cancell?ed|updated|changed|removed|replaced|re-?sent|"
    r"approved|extended|renewed|merged|recovered|reinstated|waived|upgraded|re-?activated|"
    r"activated|released|deployed|rolled\s+back|applied|issued|booked|arranged|scheduled|"
    r"created|amended|adjusted|unblocked|whitelisted|allow-?listed|resolved|repaired|"
    r"regenerated|re-?generated|reversed|voided|deleted|moved|migrated|granted|assigned)\b"
    # a passive resolution in the past, and working again: "it was replaced at 09:40"
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?(?:fixed|resolved|restored|replaced|repaired|corrected|"
    r"refunded|reversed|re-?issued|re-?sent|re-?enabled|unlocked|unblocked|reinstated|credited)\b"
    r"|\b(?:works?|working|runs?|running|loads?|syncs?)\s+(?:normally\s+|fine\s+|properly\s+)?"
    r"again\b"
    r"|\b(?:is|are|has\s+been|have\s+been|'s)\s+(?:now\s+|all\s+)?(?:fixed|resolved|restored|"
    r"live|unlocked|back\s+(?:up|online|to\s+normal)|working(?:\s+again)?(?!\s+(?:\w+ly\s+|hard\s+|flat\s+out\s+|round\s+the\s+clock\s+|away\s+)?"
    r"(?:on|through|to|with|towards?)\b)|done|sorted|"
    r"corrected|active|enabled|available)\b"
    r"|^\s*(?:all\s+)?(?:done|fixed|sorted|resolved)\b",
    re.IGNORECASE,
)
#: Someone can now act: "She can download the new PDF from her page now".
_CAN_ACT = re.compile(
    r"\b(?:can|may)\s+(?:now\s+|then\s+|also\s+|still\s+)?(?:download|use|log|sign|access|view|"
    r"open|pay|book|print|submit|upload|continue|start|restart|try|join|install|enter|complete|"
    r"collect|pick|cancel|change|edit|export|import|track|follow|find|see\s+it|get|claim|"
    r"return|resume|retry|re-?run|select|choose|reply|call|contact|go\s+ahead)\b",
    re.IGNORECASE,
)
_PATH_OR_LINK = re.compile(r"\s>\s|https?://\S+|\bwww\.\S+", re.IGNORECASE)


class Role(StrEnum):
    """What one clause does for the customer, as far as `urgent.no-next-step` cares."""

    FORWARD = "forward"  # an action, a step, a resolution, a scheduled event, an answer
    EMPTY = "empty"  # thanks, receipt, sympathy, status, passing on, by-design, pleasantry
    CONTENT = "content"  # a statement of fact we can't rule out as the answer asked for


_LEADS = (
    r"(?:(?:and|but|so|also|again|once\s+again|first(?:ly)?|ok(?:ay)?|oh|well|just|"
    r"(?:hi|hello|hey|hiya|kia\s+ora|dear|oi|ola|ol\u00e1|hola|bonjour|hallo|howdy|g'day|"
    r"good\s+(?:morning|afternoon|evening)|(?:morning|afternoon|evening)(?=\s*,|\s+(?-i:[A-Z])))"
    # "Hey there,", "Hi all,", "Dear Alex and Morgan,": who is greeted
    r"(?:\s+(?:there|all|everyone|folks|y'all|team|guys))?"
    r"(?:\s+(?:(?:and|&)\s+)?(?-i:[A-Z])[\w'\-]*\.?){0,3}|"
    r"really|very|truly|meanwhile|in\s+the\s+meantime|for\s+now|unfortunately|sadly)[,\s]+)*"
)
#: An answer to a yes/no or "what is" question: what follows it is the answer.
_ANSWER_MARK = re.compile(
    r"\s*(?:yes|yep|yeah|no|nope|correct|that's\s+right|good\s+news|great\s+news|"
    r"short\s+answer|in\s+short|to\s+answer\s+your\s+question|the\s+answer\s+is|absolutely|"
    r"of\s+course|indeed)\b\s*[,:;.!\u2014\u2013-]?\s*",
    re.IGNORECASE,
)
#: Thanks and appreciation as the clause's point ("Thanks for the photos",
#: "we really appreciate your patience", "much appreciated").
_THANKS_CLAUSE = re.compile(
    r"\s*" + _LEADS + r"(?:(?:many|huge|big|a\s+big|a\s+huge|special|massive)\s+)?"
    r"(?:thanks|thank\s+(?:you|u)|thanking\s+you|thx|ty|cheers|ta|much\s+appreciated|appreciated|appreciate|"
    r"(?:we|i)(?:'m|\s+am|'re|\s+are)?\s+(?:\w+ly\s+|so\s+|very\s+|really\s+|also\s+)*"
    r"(?:appreciate|value|grateful|thankful|thank))\b",
    re.IGNORECASE,
)
#: The reader addressed, before or after the thanks of a receipt: "Noted sir.",
#: "Received with thanks, ma'am."
_ADDRESSED = r"(?:sir|ma'?am|madam|maam|mam|mate|boss|dear|bab|hun|love|my\s+friend)"
#: Receipt and acknowledgement: the message arrived, was read, noted or filed.
_RECEIPT_HEAD = re.compile(
    r"\s*" + _LEADS + r"(?:noted|duly\s+noted|rec(?:ei|ie|i)ved|well\s+rec(?:ei|ie|i)ved|"
    r"understood|got\s+it|acknowledged|confirming\s+receipt|message\s+rec(?:ei|ie|i)ved|roger|ack|acked|"
    r"thanks|thank\s+you|"
    # "Point taken.": the Noted of many voices
    r"points?\s+taken|(?:point|message)\s+(?:well\s+)?understood)\b"
    # "Noted sir.", "Received with thanks, ma'am.": the reader addressed
    r"(?:\s*,?\s*" + _ADDRESSED + r")?"
    r"(?:\s*[,.!]*\s*(?:thanks|thank\s+you|with\s+thanks|cheers|many\s+thanks)?[,.!]*\s*)"
    r"(?:\s*,?\s*" + _ADDRESSED + r"[.!]*)?\s*$"
    r"|\s*" + _LEADS + r"(?:noted|duly\s+noted|rec(?:ei|ie|i)ved|well\s+rec(?:ei|ie|i)ved|"
    r"understood|got\s+it|acknowledged|message\s+rec(?:ei|ie|i)ved)\b\s*[,.;:!\u2014\u2013-]"
    # "noted 👍 thx for letting us know": a receipt word, then only thanks
    r"|\s*" + _LEADS
    + r"(?:noted|duly\s+noted|well\s+noted|rec(?:ei|ie|i)ved|got\s+it|understood)\s*\W{0,4}\s*"
    r"(?:with\s+(?:many\s+)?)?(?:thanks|thank\s+you|thx|ty|cheers|ta)\b"
    # "Understood that the sensors are still late", "Noted that you'd like ...": the
    # customer's words restated as received
    r"|\s*" + _LEADS + r"(?:noted|duly\s+noted|understood|acknowledged|"
    r"(?:well\s+)?rec(?:ei|ie|i)ved|got\s+it)\s+(?:that|how|why|what|your)\b"
    # "(We confirm) the receipt of your hearing aids": the rest of a saying lead
    r"|\s*(?:the\s+)?(?:safe\s+)?receipt\s+of\b",
    re.IGNORECASE,
)
_RECEIPT = re.compile(
    r"\b(?:acknowledge|confirm(?:ing)?)\s+(?:the\s+)?receipt\b"
    r"|\b(?:we|i)\s+(?:refer|write\s+in\s+(?:reply|response))\s+to\s+your\s+(?:\w+\s+){0,2}?"
    r"(?:correspondence|letter|e-?mail|message|complaint|enquiry|inquiry|query)\b"
    r"|\b(?:we|i)(?:'ve|\s+have|\s+had)?\s+(?:\w+ly\s+|now\s+|also\s+)?(?:rec(?:ei|ie|i)ved|got|noted|logged|"
    r"recorded|registered|filed|acknowledged|read|taken\s+note|made\s+a\s+note|"
    r"(?:gone|read|looked)\s+(?:through|over))\b"
    r"|\b(?:has|have|had)\s+been\s+(?:\w+ly\s+)?(?:rec(?:ei|ie|i)ved|logged|recorded|registered|noted|filed|"
    r"acknowledged|read|passed|forwarded|shared|escalated|raised|referred|"
    r"added|flagged|reported|relayed|sent\s+on|fed\s+back)\b"
    r"|\b(?:is|are|was|were)\s+(?:now\s+|duly\s+|well\s+|properly\s+|carefully\s+)?(?:rec(?:ei|ie|i)ved|logged|recorded|registered|noted|in\s+(?:the|our)\s+"
    r"queue|on\s+(?:file|record)|with\s+(?:our|the|us|me)\b)"
    # "They're in the claim file now", "we have your complaint on file"
    r"|\b(?:is|are|'s|'re)\s+(?:now\s+|safely\s+)?in\s+(?:the|our|your)\s+(?:\w+\s+)?(?:file|folder|"
    r"record|records|system)\b"
    r"|\b(?:we|i)\s+(?:have|'ve\s+got|hold)\s+your\s+(?:\w+\s+)?(?:complaint|request|query|concern|"
    r"feedback|claim|case|details)\s+on\s+(?:file|record)\b"
    r"|\b(?:i|we)\s+(?:note|acknowledge|recognise|recognize)\s+your\s+(?:\w+\s+)?(?:dissatisfaction|"
    r"comments?|concerns?|complaint|feedback|frustration|points?|remarks|displeasure|disappointment)\b"
    r"|\b(?:case|ticket|reference|ref|complaint|request|incident|claim)\s+"
    r"(?:reference\s+|number\s+|no\.?\s+|id\s+|ref\s+)?(?:is|number|:|#)"
    # "your message has reached us", "is reached to us" (a learner's English)
    r"|\b(?:has|have|is|are|was)\s+(?:\w+ly\s+)?reached\s+(?:to\s+)?(?:us|me|our\s+(?:team|desk|inbox))\b"
    # our own record was touched: "Ticket updated", "notes amended"
    r"|\b(?:case|ticket|record|records|notes?|file|log|request|complaint|claim|report|query|"
    r"enquiry|inquiry|feedback)\s+(?:has\s+been\s+|was\s+|is\s+)?"
    r"(?:updated|amended|annotated|noted|tagged|recorded|logged|registered|filed)\b",
    re.IGNORECASE,
)
#: A verb that makes what follows "and" a statement of its own ("and check-in
#: opens at 15:00"), not a second object of the receipt ("we received your
#: message and the attached photos").
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|would|should|may|might|must|does|do|did|"
    r"opens?|opened|starts?|started|runs?|ran|closes?|closed|arrives?|arrived|ships?|shipped|"
    r"goes|went|takes?|took|needs?|needed)\b|'(?:s|re|ll|ve|d)\b",
    re.IGNORECASE,
)
#: "... and" joining a second statement to a receipt.
_AND_THEN = re.compile(
    r"\sand\s(?=(?:the|your|our|it|its|this|[\w-]+\s(?:is|are|opens?|starts?|runs?|closes?|"
    r"arrives?))\b)",
    re.IGNORECASE,
)
#: Sympathy, apology, understanding, valuing the customer: feelings, not steps.
_SYMPATHY = with_start_guard(re.compile(
    r"\b(?:sorry|apolog\w*|regret\w*|unfortunate(?:ly)?|frustrat\w*|annoy\w*|stressful|"
    r"inconvenien\w*|disappoint\w*|upsetting|worrying|must\s+(?:be|have\s+been)|"
    r"sounds?\s+(?:like|as\s+if|as\s+though)|what\s+a\s+(?:\w+\s+)?(?:shame|pity|nuisance|pain|"
    r"headache|nightmare|mess|ordeal|week|weekend|day|time)|"
    r"(?:that's|that\s+is|it's|it\s+is)\s+(?:a|such\s+a)\s+(?:\w+\s+)?(?:shame|pity|nuisance|pain|"
    r"hassle|bummer|drag|headache|nightmare)\b|(?:exhausting|draining|tiring|"
    r"gruelling|grueling|miserable|horrible|rough|tough|nightmare|ordeal|painful|disruptive)|"
    r"sounds?\s+(?:\w+\s+)?(?:hard|"
    r"difficult|awful|terrible|stressful|frustrating|annoying|confusing|worrying)|"
    r"(?:we|i)\s+(?:\w+ly\s+)?(?:understand|hear\s+you|get\s+it(?=\s*[.!,;]|\s*$)|get\s+(?:how|why|that\s+this|what\s+a)|can\s+(?:\w+ly\s+)?(?:see|imagine|"
    r"understand)|see\s+(?:how|why|what\s+you)|know\s+how|empathi[sz]e|feel\s+for)|"
    r"important\s+to\s+us|matters?\s+to\s+us|(?:very|really|extremely|most)\s+seriously|"
    r"thinking\s+of\s+(?:you|him|her|them)|(?:our\s+)?thoughts\s+are\s+with|"
    # condolence: "her loss must leave a very quiet house", "a long and loving life"
    r"(?:her|his|their)\s+(?:\w+\s+)?loss\b|\byour\s+loss(?=\s*[.,;!]|\s+must\b)|"
    r"(?:long|full|happy|loving|wonderful)\s+(?:and\s+\w+\s+)?"
    r"life\s+together|"
    r"nobody'?s\s+idea\s+of|not\s+(?:anyone|everyone)'?s\s+idea\s+of|"
    r"take\s+(?:\w+\s+){0,3}seriously|(?:we|i)\s+(?:\w+ly\s+)?value|valued|"
    # "glad to hear ...", and relief over them or theirs: "so glad your dog is safe"
    r"(?:glad|happy|pleased|delighted|relieved)\s+(?:to\s+hear|you|your|that)|means\s+a\s+lot|"
    r"matters?\s+(?:\w+\s+)?(?:to|for)|(?:an?\s+)?(?:important|key|big|vital|essential|crucial|"
    r"huge|central)\s+part\s+of|(?:you|your\s+\w+)\s+(?:\w+ly\s+)?(?:care|cared|cares)|"
    r"(?:helpful|useful|great|good|nice|lovely|valuable|interesting)\s+to\s+(?:hear|know|get|"
    r"receive|have|see|learn)|\bnot\s+(?:the\s+)?(?:service|standard|experience|level)\s+"
    r"(?:of\s+\w+\s+)?(?:we|that\s+we|you\s+(?:should|deserve))|falls?\s+short\s+of|"
    r"not\s+(?:acceptable|good\s+enough)|"
    # "That ain't the kind of memory we want folks taking home", "not the sort of
    # welcome we like to give": the experience regretted, in any trade's words
    r"(?:not|ain't|isn't|wasn't)\s+(?:quite\s+)?(?:the|a)\s+(?:kind|sort|type)\s+of\s+(?:[\w'-]+\s+){1,2}?"
    r"(?:(?:that|which)\s+)?(?:we|i)\s+(?:\w+\s+)?(?:want|like|hope|expect|aim|mean)|"
    # "Things like that can't be replaced": the loss felt with them, not an answer
    r"(?:things|something|some\s+things|memories|keepsakes)\s+(?:like\s+(?:that|those|this|these)\s+)?"
    r"(?:can't|cannot|can\s+never|could\s+never)\s+(?:ever\s+)?be\s+replaced(?=\s*[.!]*\s*$)|"
    r"(?:is|are|'s|was)\s+(?:\w+ly\s+|so\s+|very\s+)?(?:valuable|invaluable|"
    r"important|helpful|useful|precious)\s+(?:to|for)\s+(?:us|our|me|the\s+team)|"
    r"(?:is|are|was|were)\s+(?:\w+ly\s+|very\s+much\s+|much\s+|so\s+)?appreciated|"
    r"a\s+lot\s+to\s+(?:deal\s+with|handle|cope\s+with|take\s+in|go\s+through)|"
    r"(?:our|my)\s+(?:thoughts|hearts|condolences|sympathies)\s+(?:are|go)\s+(?:out\s+)?(?:with|to)\s+you|"
    r"(?:at|in|during)\s+(?:this|such\s+a)\s+(?:difficult|sad|hard|tough|painful|trying|stressful)\s+time|"
    r"(?:a\s+)?(?:right|real|total|proper|royal)\s+pain|"
    # "I know it's a worry when there's a charge hanging over you"
    r"(?:it's|it\s+is|that's|that\s+is|must\s+be|can\s+be)\s+(?:such\s+)?(?:a\s+)?(?:real\s+|big\s+|"
    r"right\s+|proper\s+|huge\s+|constant\s+)?worry\b|"
    r"(?:hard|difficult|tough)\s+to\s+(?:deal|cope|live)\s+with|"
    # "Your satisfaction is our top priority"
    r"(?:satisfaction|experience|happiness|safety|comfort)\s+(?:is|remains)\s+(?:always\s+)?(?:our|a)\s+"
    r"(?:top\s+|number\s+one\s+|highest\s+|first\s+|main\s+)?priority|"
    # "Nobody should have to wedge a chair behind the door"
    r"(?:nobody|no\s+one|no-one)\s+should\s+(?:ever\s+)?(?:have\s+to|need\s+to)|"
    # "It is never our intention for a customer to feel rushed"
    r"(?:is|'s|was)\s+(?:never|not|certainly\s+not|by\s+no\s+means)\s+(?:our|my)\s+"
    r"(?:intention|aim|wish|goal)|"
    # "It is never welcome at month end", "the last thing anyone wants"
    r"(?:is|'s|are|'re|was)\s+never\s+(?:\w+\s+)?(?:welcome|nice|fun|pleasant|easy|ideal|great|"
    r"good\s+news|what\s+you\s+want)|(?:the\s+)?last\s+thing\s+(?:anyone|anybody|you|a\s+\w+|"
    r"any\s+\w+)\s+(?:wants|needs|expects)|(?:nobody|no\s+one|no\s+business|no\s+practice|no\s+shop)\s+"
    r"(?:wants|likes|enjoys|needs)|"
    r"helps?\s+(?:us|our\s+team|the\s+team)\s+(?:to\s+)?(?:make|build|keep|shape|serve|deliver|"
    r"provide|offer|design)\b|"
    r"(?:appreciates?|values?|welcomes?|loves?|enjoys?)\s+(?:hearing|getting|"
    r"receiving|your|feedback|comments|customers|suggestions|ideas)|helps?\s+(?:us\s+)?(?:to\s+)?(?:improve|get\s+better|learn|do\s+better|"
    r"understand|grow|shape|guide|inform))\b",
    re.IGNORECASE,
))
#: "We understand / I can see / I realise ...": what follows restates the
#: customer's situation; it is understanding, not an answer.
_UNDERSTAND_HEAD = re.compile(
    r"\s*" + _LEADS + r"(?:we|i)\s+(?:\w+ly\s+|do\s+|can\s+|fully\s+|totally\s+|also\s+)*"
    r"(?:understand|realise|realize|appreciate|recognise|recognize|gather|know|see|hear|"
    r"acknowledge|sympathi[sz]e|empathi[sz]e)\b(?!\s+(?:to|from)\b)",
    re.IGNORECASE,
)
#: A verb of saying that only introduces the statement after it: "I can confirm
#: that ...", "just to let you know ...": the rest of the clause decides.
_SAYING_LEAD = re.compile(
    r"\s*"
    + _LEADS
    + r"(?:(?:we|i)\s+(?:can|could|would\s+like\s+to|'d\s+like\s+to|want\s+to|wanted\s+to|"
    r"just\s+want(?:ed)?\s+to)\s+(?:\w+ly\s+)?(?:confirm|assure\s+you|tell\s+you|let\s+you\s+know|"
    r"inform\s+you|advise(?:\s+you)?|say|update\s+you)|(?:please|kindly|pls)\s+(?:do\s+)?note|"
    r"kindly\s+be\s+(?:advised|informed|aware)|(?:just\s+)?to\s+(?:let\s+you\s+know|"
    r"confirm|update\s+you)|please\s+be\s+(?:advised|informed|aware)|"
    # "(Just so) you know, ...", "FYI": the statement after it decides
    r"(?:(?:just\s+)?so\s+)?you\s+know(?=\s*,)|(?:just\s+)?so\s+you(?:'re|\s+are)\s+aware(?=\s*,)|"
    r"for\s+your\s+(?:information|info)|fyi|(?:we|i)\s+(?:confirm|"
    r"assure\s+you))\s*(?:that\b)?\s*,?\s*",
    re.IGNORECASE,
)
#: "Rest assured (that) your amount will be reversed ...": an assurance, not a request
#: whose timing is the customer's (the promise after it is judged).
_ASSURED_LEAD = re.compile(
    r"\s*(?:(?:please|kindly|pls)\s+)?(?:rest|be)\s+assured\s*(?:that\b)?\s*,?\s*", re.IGNORECASE
)
#: "Thanks Priya, ...", "Thank you!": a thanks that opens a clause; the rest decides.
_THANKS_PREFIX = re.compile(
    r"\s*(?:many\s+)?(?:thanks|thank\s+you|cheers)(?:\s+(?-i:[A-Z])[\w'\-]*)?\s*[,!.:;\u2014\u2013-]\s*",
    re.IGNORECASE,
)
#: "Thanks for reaching out about your March 4 statement": what follows "for" is
#: what they are thanked for (its dates are theirs), unless ", I've ..." turns to us.
_THANKS_FOR = re.compile(
    r"\s*" + _LEADS + r"(?:(?:many|huge|big|a\s+big|special)\s+)?(?:thanks|thank\s+(?:you|u)|"
    r"cheers|ta)(?:\s+(?:so\s+|very\s+|ever\s+){1,3}much)?\s+for\b",
    re.IGNORECASE,
)
#: "... and for taking the time to write": the rest of a thanks.
_FOR_FRAGMENT = re.compile(
    r"\s*(?:and\s+)?(?:also\s+)?for\s+(?:\w+ing|your|the|all|such|this|that|being)\b",
    re.IGNORECASE,
)
#: Sign-offs with a name, and name or brand lines: "Kind regards, Support".
_SIGN_OFF_NAMED = re.compile(
    r"\s*" + _SIGN_OFF_WITH + r"(?:" + _SIGN_OFF_ADJ + r"\s+|yours\s+)?"
    r"(?:regards|wishes|thanks|cheers|"
    r"sincerely|faithfully|truly|best|ng[a\u0101]\s+mihi|mahalo|warmly|respectfully|"
    # in the writers' own languages: Irish, Dutch, Polish, Portuguese, German, Nordic
    r"sl[a\u00e1]n|groetjes|(?:met\s+)?vriendelijke\s+groet(?:en)?|pozdrawiam|abra[c\u00e7]os|"
    r"atenciosamente|cumprimentos|(?:liebe|viele|beste)\s+gr[\u00fcu](?:\u00df|ss)e|hilsen|"
    r"h[\u00e4a]lsningar|terveisin)\b[\s,.!]*"
    r"(?:from\s+(?-i:[A-Z])[\w'.\-]*\s*|the\s+(?:[\w'-]+\s+){0,3}?team,?\s*|(?-i:[A-Z])[\w'.\-]*,?\s*){0,6}"
    r"[.!]?\s*$",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(
    r"\s*(?:[A-Z][\w'.&\-]*|&|of|and|the|for)(?:\s+(?:[A-Z][\w'.&\-]*|&|of|and|the|for)){0,5}\s*$"
)
#: A verb written in capitals: a sentence shouted, not a title ("LESSONS ARE
#: NON-REFUNDABLE once started" vs "Customer Care Team").
_SHOUTED_VERB = re.compile(
    r"\b(?:ARE|IS|WAS|WERE|WILL|WON'T|CAN|CANNOT|CAN'T|MUST|HAVE|HAS|DO|DOES|DON'T|DOESN'T|"
    r"SHOULD|NEEDS?)\b"
)
#: Status without a step: someone is aware, it is being looked at, under review.
#: We see the problem too: "Yep, seeing the same elevated error rates on our
#: dashboards", "can see the consignment's been held up at the depot" (status).
_SEEING_PROBLEM = re.compile(
    r"\s*(?:(?:yes|yep|yeah|ok|okay|right|hi)\b[\s,!.]*)?(?:(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+)?"
    r"(?:can\s+)?(?:see|seeing|see\s+that|noticed|spotted)\b(?=[^.;!?]{0,80}?\b(?:errors?|"
    r"issues?|problems?|delays?|delayed|held\s+up|stuck|failing|failed|failures?|outages?|down|"
    r"elevated|spikes?|missing|not\s+(?:arrived|working|loading|syncing)|timeouts?|slow)\b)",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\b(?:aware|on\s+(?:it|the\s+case)|in\s+(?:progress|hand)|"
    # "the matter is receiving attention", "it is being attended to"
    r"(?:receiving\s+(?:\w+\s+)?attention|being\s+attended\s+to)(?=\s*[.!]*\s*$)|"
    # "your order is still in 'Processing' status"
    r"(?:is|are)\s+(?:still\s+|currently\s+)(?:in|at|on|under)\s+['\"]?[\w -]{1,30}?['\"]?\s+"
    r"(?:status|stage)(?=\s*[.!]*\s*$)|"
    # "Your query is currently with our underwriting team"
    r"(?:is|are)\s+(?:currently\s+|now\s+|still\s+)?with\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}?(?:team|"
    r"department|underwriters?|specialists?|engineers?|desk|dispensary|pharmacy|warehouse|lab|"
    r"workshop|depot)\b|under\s+(?:review|investigation|"
    r"consideration|discussion|process|processing|verification|evaluation|assessment|examination|"
    r"observation|scrutiny)|known\s+(?:to\s+(?:us|me|the\s+team|our\s+\w+)|about)\b|being\s+(?:\w+ly\s+)?(?:looked\s+(?:at|into)|investigated|"
    r"reviewed|handled|worked\s+on|dealt\s+with|considered|checked|processed|assessed|"
    # Nigerian and Indian English: "your complaint is still being treated/attended to"
    r"escalated|treated|attended\s+to|actioned|followed\s+up)|(?:look|looking|looked)\s+into\b|(?:look|looking|looked)\s+at\s+(?:it|this|that|the\s+(?:matter|"
    r"issue|problem|case)|your\s+(?:case|issue|query|request|report))|"
    # ("checking that the bank acknowledged it": a named check, "that" opening what we check)
    r"(?:investigat|review|check|work)(?:ing|e|es|s|ed)?\s+(?:on\s+)?(?:it|this|"
    r"that(?!\s+(?:the|your|our|their|its|it|they|we|you|he|she|there|a|an|every|all|each|no)\b)"
    r"|the\s+"
    r"(?:matter|issue|problem|case|cause)|your\s+(?:case|issue|query|request|report))|"
    r"continu\w+\s+to\s+(?:investigate|look|monitor|work)|still\s+(?:investigating|looking|"
    r"checking|working)|known\s+(?:issue|problem|bug|limitation)|"
    r"(?:'re|\s+are|'m|\s+am|'s|\s+is)\s+(?:\w+ly\s+|now\s+|still\s+|actively\s+)?(?:investigating|"
    r"looking\s+into\s+it|looking\s+at\s+it|working\s+on\s+it)|"
    # "our engineers are working hard on it", "working round the clock on a fix"
    r"working\s+(?:\w+\s+){0,3}?on\s+(?:it|this|that|a\s+(?:fix|solution|resolution)|the\s+(?:issue|"
    r"problem|fix|matter))(?=\s*(?:[.!;,]|$))|on\s+(?:our|my|the\s+team's|their)\s+"
    r"radar|(?:on|in)\s+(?:our|the)\s+(?:list|roadmap|backlog|agenda|to-do\s+list)|"
    # "the booking page is down for all members at the moment": an outage told, no step
    r"(?:is|are|'s|'re)\s+(?:currently\s+|still\s+|temporarily\s+)?(?:down|offline|unavailable|"
    r"out\s+of\s+(?:service|action|order))(?=\s*(?:[.!;,]|$)|\s+(?:for\s+(?:all|every|some|many|"
    r"most)\w*|at\s+the\s+moment|right\s+now|currently|today|again)[^.;!?]{0,40}[.!]?\s*$)|"
    # "your order is currently in production": where it stands, nothing ahead
    r"(?:is|are|'s|'re)\s+(?:currently|still|now)\s+(?:in\s+(?:production|manufacturing|the\s+works|"
    r"the\s+print\s+queue)|being\s+(?:made|printed|prepared|built|produced|manufactured|packed))"
    r"(?=\s*(?:[.!;,]|$))|"
    # "your sofa's in production", "your handset is in transit (at our depot)": where the
    # customer's goods stand, said with no date (not "the fix is in production": live)
    r"your\s+(?:[\w-]+\s+){0,3}?[\w-]+(?:\s+(?:is|are)|'s|'re)\s+(?:currently\s+|still\s+|now\s+)?"
    r"in\s+(?:production|manufacture|manufacturing|transit|the\s+works)"
    r"(?:\s+(?:at|in|with)\s+(?:our|the)\s+(?:[\w-]+\s+)?[\w-]+)?(?=\s*[.!]*\s*$)|"
    # "we're experiencing a high volume of requests", "due to higher than usual demand":
    # our own load, told instead of a step
    r"(?:experiencing|receiving|seeing|handling|dealing\s+with|getting|facing|due\s+to|"
    r"because\s+of|owing\s+to)\s+(?:an?\s+|the\s+)?(?:(?:very|unusually|exceptionally|extremely|"
    r"particularly|really|currently)\s+)?(?:high|heavy|large|huge|increased|record|unprecedented|"
    r"higher(?:\s+than\s+(?:usual|normal|expected|average))?)\s+(?:call\s+|e-?mail\s+|contact\s+|"
    r"support\s+)?(?:volumes?|numbers?|levels?|amounts?|demand)\b|"
    r"(?:is|are)\s+(?:still\s+|currently\s+)(?:considering|reviewing|assessing|evaluating|weighing|"
    r"deciding\s+on)\b|"
    # "there is nothing wrong with our system here", "it has run without any complaints":
    # our side's health, not an answer or a step
    r"(?:there\s+is|there's)\s+nothing\s+wrong\s+(?:with|on|in|at)\s+(?:our|the)\s|"
    r"(?:has|have)\s+(?:run|worked|performed|operated)\s+without\s+(?:any|a\s+single)\s+"
    r"(?:complaints?|problems?|issues?|errors?|faults?)\b|"
    # "our network is performing normally in your area": health, not a step
    r"(?:is|are|'s|'re)\s+(?:currently\s+|still\s+|now\s+)?(?:performing|working|running|"
    r"operating|functioning|behaving)\s+(?:normally|fine|correctly|properly|as\s+(?:expected|"
    r"designed|intended|normal))\b|"
    r"(?:'re|\s+are|'m|\s+am)\s+(?:now\s+|currently\s+)?reading\s+(?:it|this|your)\b|"
    # "the status of your repair is currently 'awaiting parts'", "your claim is on hold":
    # a waiting state told, nothing ahead (not "awaiting your signature": their step; not
    # "waiting for an administrator to approve it": who must act next, named)
    r"(?:is|are|remains?|'s)\s+(?:still\s+|currently\s+|now\s+)?(?:(?:set|marked|showing|shown|"
    r"listed)\s+(?:to\s+|as\s+)?)?[:'\"\u2018\u201c]?\s?(?:awaiting|waiting\s+(?:for|on)|on\s+hold)"
    r"\b(?!\s+(?:you|your)\b)(?![^.;!?]{0,40}?\b(?:to\s+(?!(?:the|our|your|a|an)\b)[a-z]+|from\s+"
    r"(?:you|your)\b))[^.;!?'\"\u2019\u201d]{0,40}(?=['\"\u2019\u201d]?\s*[.!]*\s*$)|"
    r"(?:is|are|remains?|'s)\s+(?:still\s+|currently\s+|now\s+)?(?:ongoing|open|pending|unresolved|"
    r"outstanding|in\s+(?:a\s+|the\s+)?(?:pending|processing|queued|waiting)\s+(?:state|status|stage))|"
    # "the node is still syncing on our side": a process of ours still under way
    r"(?:is|are|'s|'re)\s+still\s+(?!being\b)[a-z]+ing(?=\s*(?:[.!;,]|$)|\s+(?:on|at)\s+"
    r"(?:our|my|the)\s+(?:side|end)\b|\s+in\s+the\s+background\b)|"
    # where the matter sits, untouched: "your car is still with us in the workshop"
    r"(?:is|are|'s|remains?)\s+(?:still\s+|currently\s+|now\s+)?(?:with\s+(?:us|me|our\s+\w+|"
    r"the\s+(?:team|workshop|engineers?|lab))|in\s+(?:the|our)\s+(?:queue|workshop|lab|pipeline))"
    r"(?=\s*(?:[.!;,]|$)|\s+(?:in|at|for)\s)|"
    r"(?:showing|shown|listed|marked|flagged)\s+as\s+(?:still\s+)?(?:pending|open|in\s+progress|"
    r"processing|under\s+review|outstanding)|(?:is|are|'s)\s+(?:\w+ly\s+)?(?:a\s+)?known(?=\s*(?:[.!;,]|$))|"
    # "while we work through this": the wait, said with thanks
    r"while\s+(?:we|i|the\s+team|our\s+team)\s+(?:\w+\s+)?(?:work|look|dig)\s+(?:through|into|on|at)\s+"
    r"(?:it|this|that)(?=\s*(?:[.!;,]|$))|"
    r"remains?\s+(?:\w+\s+)?(?:with|under|in)\b|"
    # "we'll bear that in mind": noted, nothing done
    r"(?:bear|keep|kept|bore|borne)\s+(?:\w+\s+){0,3}?in\s+mind|(?:take|taken|taking|took)\s+"
    r"(?:\w+\s+){0,3}?(?:into\s+(?:account|consideration)|on\s+board)|"
    # "we're monitoring the situation", "keeping a close eye on it": watching, not acting
    r"monitor(?:ing|s|ed)?(?:\s+(?:it|this|that|things|the\s+(?:situation|matter|issue|case|"
    r"problem)))?(?:\s+\w+ly)?(?=\s*[.!,;]|\s*$)|(?:keep|keeping|kept)\s+(?:a\s+)?"
    r"(?:close\s+)?eye\s+on)\b",
    re.IGNORECASE,
)
#: An elliptic "and neither is ..." that only extends the clause before it.
_NEITHER_IS = re.compile(
    r"\s*(?:and\s+)?(?:neither|nor)\s+(?:is|are|was|were|has|have|does|did|should|would)\b",
    re.IGNORECASE,
)
#: "(Thanks for your patience) while we finish migrating the servers": the wait
#: the thanks is for, not a step.
_WHILE_WE = re.compile(
    r"\s*while\s+(?:we|i|the\s+team|our\s+team)\s+(?:finish|complete|carry\s+out|work\s+on)\b",
    re.IGNORECASE,
)
#: The matter or the customer's words handed on inside our organisation.
_PASSED_ON = re.compile(
    r"\b(?:passed|forwarded|shared|sent|escalated|raised|referred|added|flagged|reported|relayed|"
    r"fed|brought|logged|put|transmitted|conveyed|communicated|handed)\s+(?:on\s+|back\s+|along\s+)?(?:(?:all\s+)?(?:your|the|this|that|"
    r"these|those|it|them)\s+)?(?:\w+\s+)?(?:feedback|comments?|concerns?|suggestions?|"
    r"request|query|queries|complaint|message|email|e-mail|mail|case|issue|report|thoughts|"
    r"views|points?|observations?|enquiry|inquiry|ticket|note|letter|remarks|ideas?|it|"
    r"this|that|them)\b"
    # "I've let the team know how you feel": our own people told, nothing more
    r"|\b(?:let|made|make)\s+(?:the|our|my)\s+(?:\w+\s+){0,2}?(?:team|teams|colleagues|manager|"
    r"managers|department|staff|engineers|developers|people)\s+(?:know|aware)\b",
    re.IGNORECASE,
)
#: After a passing-on: more recipients ("... and our operations manager") ...
_ALSO_TOLD = re.compile(
    r"\s*(?:and\s+|as\s+well\s+as\s+|also\s+)?(?:to\s+|with\s+)?(?:our|the|my|your|their)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:team|teams|manager|managers|supervisor|supervisors|lead|leads|"
    r"department|colleagues?|staff|head|director|depot|office|branch|store|crew|people)"
    r"(?:\s+(?:too|as\s+well))?\s*[.,;!]*\s*$",
    re.IGNORECASE,
)
#: ... or their awareness as its purpose ("so they can see exactly what happened",
#: "so that the team are aware", "for them to know how you feel").
_SO_THEY_SEE = re.compile(
    r"\s*(?:so\s+(?:that\s+)?|in\s+order\s+that\s+)?(?:they|he|she|the\s+(?:\w+\s+)?team|everyone)\s+"
    r"(?:can|could|will|'ll|are|is|were|was|'re|'s)\s+(?:\w+ly\s+|all\s+|fully\s+)?(?:see|know|read|hear|"
    r"understand|learn|aware|informed|in\s+the\s+loop)\b(?:\s+(?:exactly\s+)?(?:what|how|about|of|"
    r"that|the|your)\b[^.;!?]{0,80})?\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: The product behaves as intended: an explanation of design, not an answer.
_BY_DESIGN = re.compile(
    r"\b(?:designed|by\s+design|as\s+intended|intended\s+behaviou?r|expected\s+behaviou?r|"
    r"working\s+as\s+(?:expected|intended|designed)|works\s+as\s+(?:expected|intended|designed)|"
    r"(?:has|have)\s+always\s+(?:worked|been|behaved)|always\s+works?\s+(?:that|this)\s+way|"
    r"how\s+(?:it|the\s+\w+)\s+(?:is\s+meant\s+to\s+work|works))\b",
    re.IGNORECASE,
)
#: Commiseration said as a saying, and our regard for them: "There's nothing worse
#: than a chilly hallway in January", "Nobody wants soggy bread", "we sure appreciate
#: you", "we always want to make it better".
_COMMISERATION = re.compile(
    r"\s*" + _LEADS + r"(?:(?:there(?:'s|\s+is)\s+|it's\s+|is\s+)?nothing(?:'s|\s+is)?\s+(?:worse|"
    r"more\s+(?:frustrating|annoying|stressful|upsetting|irritating|disappointing))\s+than"
    r"|(?:nobody|no-one|no\s+one)\s+(?:likes|wants|enjoys|needs)"
    r"|(?:that's|that\s+is|it's|it\s+is)\s+the\s+last\s+thing\s+(?:you|anyone|anybody)\s+(?:need|want)s?"
    r"|(?:we|i)\s+(?:sure\s+|really\s+|truly\s+|do\s+|so\s+|genuinely\s+)?(?:appreciate|value|love)"
    r"\s+(?:you|your\s+(?:custom|business|loyalty|support|patience|understanding))\b"
    r"|(?:we|i)\s+(?:always|constantly|continually|really)\s+(?:want|wish|aim|try|strive|look|hope)"
    r"\s+to\s+(?:make\s+(?:it|things|them|this|[\w-]+)\s+(?:even\s+)?better|improve|do\s+better|"
    r"get\s+better)\b)[^;:]*$",
    re.IGNORECASE,
)
#: A commiseration said of the whole ordeal: "(Waiting an hour past your slot ...) is
#: not how anybody wants to kick off a trip", "that's no way to start a holiday",
#: "isn't what anyone needs on a Monday".
_NO_WAY_TO = re.compile(
    r"\b(?:is|was|'s|isn't|wasn't)\s+(?:not\s+|never\s+)?(?:exactly\s+|really\s+|quite\s+)?"
    r"(?:how|what)\s+(?:anybody|anyone|any\s+of\s+us|nobody|no\s+one|no-one|you|a\s+(?:family|person|"
    r"customer))\s+(?:\w+\s+)?(?:wants?|needs?|hopes?|expects?|likes?|deserves?|plans?)\b"
    r"|\b(?:is|was|'s)\s+(?:no|not\s+a|hardly\s+a|not\s+the)\s+(?:way|start|welcome|"
    r"experience)\s+(?:to|for|anyone|anybody|we\s+want)\b",
    re.IGNORECASE,
)
#: The reason we value their feedback, given after it: "Comments like yours are very
#: important for us, because | the seating map is one of the tools our venues use".
_FEEDBACK_REASON = re.compile(
    r"\b(?:feedback|comments?|suggestions?|input|views?|reports?)\s+(?:like\s+(?:yours|this)\s+)?"
    r"(?:is|are)\s+(?:\w+\s+)?(?:important|valuable|invaluable|helpful|useful|precious)\b"
    r"[^.;]{0,30}?,?\s*(?:because|as|since)\s*$",
    re.IGNORECASE,
)
#: A standing promise to get better, which commits to nothing: "Our team is
#: always working to improve our recipes", "We're constantly striving to do better".
_ALWAYS_IMPROVING = re.compile(
    r"\s*(?:we|our\s+(?:[\w-]+\s+)?(?:team|teams|company|staff|people|chefs|engineers|developers))"
    r"(?:'re|\s+are|\s+is)\s+(?:always|constantly|continually|continuously|forever)\s+"
    r"(?:working|striving|looking|trying|aiming)\s+(?:to|for|at|on)\s+"
    r"(?:\w+\s+){0,3}?(?:improv\w*|better|enhanc\w*)\b[^,;]*$",
    re.IGNORECASE,
)
#: How bad it is for them, and nothing else: "that's a real pain with winter coming",
#: "waiting in for a visit that turns up late is genuinely maddening", "dat nuh nice".
_FEELS_BAD = re.compile(
    r"\s*(?:(?:and|but|oh|honestly),?\s+)?(?:"
    r"(?:that's|that\s+is|this\s+is|it's|it\s+is|what|dat(?:'s)?|such)\s+(?:a|an|such\s+a)?\s*(?:real\s+|right\s+|"
    r"total\s+|proper\s+|massive\s+|huge\s+|bit\s+of\s+a\s+)?(?:pain|nuisance|hassle|bother|drag|shame|pity|"
    r"headache|nightmare|letdown|let-down|worry)\b"
    r"|(?:dat|that|dis|this)\s+(?:nuh|nah|no|not|nae)\s+(?:\w+\s+)?(?:nice|good|fun|right|fair)\b"
    r"|[^.;,!?]{3,120}?\b(?:is|was|are|were|must\s+be|must\s+have\s+been)\s+(?:\w+ly\s+|so\s+|really\s+|very\s+)?"
    r"(?:maddening|frustrating|infuriating|exasperating|upsetting|stressful|worrying|disappointing|"
    r"not\s+on|not\s+good\s+enough|unacceptable|embarrassing|"
    # "being double-charged is not a good look for us", "that's a poor show on our part"
    r"not\s+(?:a\s+)?(?:good|great)\s+look|(?:a\s+)?(?:bad|poor|terrible|awful)\s+(?:look|show))\b"
    r")[^;,]{0,60}?[.!]*\s*$",
    re.IGNORECASE,
)
#: What the customer means to us, said instead of doing anything: "Your safety matters
#: a great deal to us", "your business is important to us", "customers like you are
#: our priority".
_WE_VALUE = re.compile(
    r"\s*(?:(?:and|but|please\s+know\s+that|rest\s+assured(?:\s+that)?)\s+)?(?:your\s+(?:[\w-]+\s+){0,2}?"
    r"(?:safety|business|custom|satisfaction|experience|feedback|comfort|trust|wellbeing|well-being|"
    r"peace\s+of\s+mind|time|loyalty)|you|customers\s+like\s+you)\s+(?:truly\s+|really\s+|genuinely\s+)?"
    r"(?:matters?|(?:is|are)\s+(?:\w+\s+)?(?:important|valuable|precious|valued)|(?:is|are)\s+(?:always\s+)?"
    r"our\s+(?:top\s+|first\s+|number\s+one\s+|highest\s+)?priority)\b"
    r"(?:\s+(?:a\s+great\s+deal|a\s+lot|so\s+much|hugely|greatly|deeply|enormously))?"
    r"(?:\s+to\s+(?:us|me|our\s+(?:team|company)|(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,2}))?\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: A note taken for later, and nothing done now: "We will take note for future
#: improvement", "we'll keep your comments on file for next time".
_NOTED_AHEAD = re.compile(
    r"\s*(?:(?:and|but|so)\s+)?(?:we|i)(?:'ll|\s+will|\s+shall|\s+would)\s+(?:\w+ly\s+|also\s+|certainly\s+)?"
    r"(?:take|make|keep)\s+(?:a\s+|good\s+|due\s+|careful\s+)?(?:notes?|(?:it|this|that|them|your\s+\w+)\s+"
    r"(?:on\s+(?:file|record)|in\s+mind))"
    r"(?:\s+of\s+(?:it|this|that|them|your\s+\w+))?"
    r"(?:\s+(?:for|to\s+(?:help|guide))\s+(?:the\s+|our\s+)?(?:future|next\s+time|improvement)(?:\s+\w+)?)?\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: Sympathy in the form of a remark on how bad it looks: "The crazing on the
#: transom does look nasty" (a reaction, not an assessment such as "looks worn").
_LOOKS_BAD = re.compile(
    r"\b(?:(?:does|do|did)\s+look|looks?|looked|sounds?|sounded)\s+(?:really\s+|very\s+|pretty\s+|"
    r"quite\s+|properly\s+|absolutely\s+)?(?:nasty|awful|painful|sore|grim|horrible|horrid|"
    r"terrible|miserable|frustrating|annoying|rough|dreadful)\b(?=\s*[.!]*\s*$)",
    re.IGNORECASE,
)
#: Reactions and hopes: "Interesting", "That's odd", "Hopefully it settles".
_REACTION = re.compile(
    r"\s*" + _LEADS + r"(?:interesting|strange|odd|weird|curious|hmm|wow|oh\s+no|"
    r"(?:that's|that\s+is|this\s+is|how)\s+(?:\w+\s+)?(?:odd|strange|weird|unusual|curious|"
    r"interesting|surprising|unexpected|useful|helpful|good\s+to\s+know)|hopefully|"
    r"(?:(?:i|we)\s+)?hope\b(?!\s+to\b)|(?:it's|it\s+is|that's|that\s+is|what)\s+(?:a|an|such\s+a)\s+(?:really\s+|very\s+)?"
    r"(?:great|good|lovely|brilliant|fantastic|interesting|excellent|neat|smart|clever|fair)\s+"
    r"(?:idea|suggestion|point|question|shout|thought)(?=\s*[.!]*\s*$)|(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+"
    r"(?:never|not|no|hardly)\s+(?:\w+\s+)?(?:fun|nice|ideal|great|good|pleasant)|"
    r"(?:good|great|nice|lovely)\s+to\s+hear\s+from\s+you|good\s+luck|best\s+of\s+luck|"
    r"(?:ah|aha|oh)\b[\s,]+[^.!?]{0,60}?,\s*(?:yes|of\s+course|i\s+see|right)(?=\s*[.!]*\s*$)|"
    r"(?:i|we)\s+(?:haven't|have\s+not|had\s+not|hadn't)\s+"
    r"(?:\w+\s+)?(?:seen|come\s+across|heard\s+of))\b"
    # an exclamation: "What a state to find at the back door.", "What a nightmare that
    # must have been!", "Such a rotten start to the week."
    r"|\s*" + _LEADS + r"(?:what|such)\s+(?:a|an)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+"
    r"(?:\s+(?:to|for|on|that|this|it|you)\b[^.!?,;\u2014\u2013]{0,60})?\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: Our past action that delivered something (not just filed or passed on words).
_OUR_DONE = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have|'d|\s+had)?\s+(?:\w+ly\s+|now\s+|just\s+|already\s+|also\s+|"
    r"personally\s+|then\s+)?(?P<verb>(?:[a-z]+-)?[a-z]+(?:ed|en|t)|sent|rang|wrote|spoke|gave|told|took|made|"
    r"put|set|got|ran|did|paid|built|sold|won|held|kept|left|brought|bought|found|switched|cut|"
    r"shut|shipped|redid|rebuilt|re-?sent|re-?ran|re-?run|reissued|re-?issued)\b"
    r"(?:\s+(?P<part>off|on|up|out|back|over|down|through))?",
    re.IGNORECASE,
)
#: Verbs of our past that move nothing by themselves.
_IDLE_PAST = frozenset(
    """
    received recieved recived got noted logged recorded registered filed acknowledged read seen
    looked checked
    reviewed investigated considered discussed understood heard noticed been had tried wanted
    needed meant thought felt hoped wondered asked spoken spoke talked passed forwarded shared
    escalated raised referred added flagged reported relayed fed brought put made taken took
    kept left learnt learned realised realized found explained apologised apologized
    mentioned said told written wrote replied answered contacted emailed called phoned rang
    let documented captured minuted catalogued cataloged informed notified alerted gone
    transmitted conveyed communicated handed
    """.split()
)
#: The matter reached a done state (any subject): "the refund went through".
_COMPLETED = re.compile(
    # (not "I've gone through your messages": our reading, the next words an object)
    r"\b(?:went|gone|go(?:es)?)\s+through\b(?!\s+(?:all\s+|every\w*\s+|each\s+|the\s+|your\s+|"
    r"it\b|them\b|this\b|that\b|those\b|these\b))"
    # "the claim went out to Cigna this morning"
    r"|\b(?:went|gone|goes)\s+out\s+to\s+(?!you\b)\w"
    r"|\b(?:arrived|cleared|landed|succeeded|completed|"
    r"settled)\b|\b(?:is|are|was|were|has\s+been|have\s+been|'s|'re)\s+(?:now\s+|all\s+|already\s+|"
    r"fully\s+)?(?:paid|confirmed|approved|booked|covered|included|valid|correct|up\s+to\s+date|"
    r"in\s+place|on\s+its\s+way|on\s+the\s+way|ready|open|closed|cancell?ed|refunded|credited|"
    r"reversed|processed|issued|sent|delivered|shipped|dispatched|posted|accepted|renewed|"
    r"extended|unblocked|re-?enabled|back\b)",
    re.IGNORECASE,
)
#: Our own record of their matter said to exist, and no more: "your smart meter
#: complaint is open and assigned", "the case is logged on our system".  Only the
#: record: "your claim is approved" or "the branch is open" are answers.
_RECORD_OPEN = re.compile(
    r"\b(?:complaint|case|ticket|request|claim|enquiry|inquiry|query|report|dispute|appeal|"
    r"incident|job|reference)s?\b(?:\s+(?:no\.?|number|ref\.?|#)?\s*[\w#-]*\d[\w-]*)?"
    r"\s+(?:is|are|has\s+been|have\s+been|'s|remains?)\s+(?:now\s+|still\s+|currently\s+|already\s+)?"
    r"(?:open|opened|logged|registered|recorded|assigned|on\s+file)\b"
    r"(?:\s+and\s+(?:open|opened|logged|registered|recorded|assigned)\b)?"
    r"(?=\s*(?:[.!;,]|$)|\s+(?:on|in)\s+(?:our|the)\s+(?:system|queue|records?)\b)",
    re.IGNORECASE,
)
#: Nothing more is needed from the customer: a resolution said as such.
_NOTHING_NEEDED = re.compile(
    r"\bnothing\s+(?:\w+\s+){0,2}?(?:needed|required|outstanding|to\s+(?:do(?!\s+with)|pay|worry)|"
    r"(?:more|else|further)\s+(?:for\s+you\s+)?to\s+do|you\s+need|needs?\s+to\s+be\s+done)"
    r"|\bno\s+(?:further\s+|more\s+)?(?:action|steps?)\s+(?:is\s+|are\s+)?(?:needed|required|"
    r"necessary|on\s+your\s+(?:side|part|end))"
    r"|\b(?:you|u)\s+(?:don't|do\s+not|won't|will\s+not|shouldn't|needn't)\s+(?:need|have)\s+to\b"
    r"|\bno\s+need\s+(?:for\s+you\s+)?to\b"
    r"|\b(?:you're|you\s+are)\s+(?:all\s+)?(?:set|sorted|good\s+to\s+go|covered)\b"
    r"|\byou\s+(?:should|will)\s+(?:now\s+)?have\s+(?:everything|all)\b",
    re.IGNORECASE,
)


#: The author giving up on helping: "sorry I can't be more help", "there's
#: nothing more we can do", "nothing for us to fix here".
_GAVE_UP = re.compile(
    r"\b(?:i|we)\s*(?:can't|cannot|can\s+not|am\s+unable\s+to|are\s+unable\s+to"
    r"|'m\s+unable\s+to|'re\s+unable\s+to)\s+(?:be\s+(?:of\s+)?(?:any\s+)?(?:more|further|much"
    r"|any\s+more)\s+(?:help|use|assistance)|help\s+(?:you\s+)?(?:any\s+)?(?:further|more))\b"
    r"|\bnothing\s+(?:more\s+|else\s+|further\s+)?(?:that\s+)?(?:we|i)\s+(?:can|could)\s+(?:do|offer)\b"
    r"|\bnothing\s+for\s+(?:us|me)\s+to\s+(?:fix|do|change|repair|look\s+at|investigate)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NoNextStep:
    """A reply moves nothing forward when EVERY clause is one of the things that
    move nothing: thanks, receipt, sympathy, status ("we're aware", "it's being
    looked at"), words passed on, an explanation of design, a reaction, a
    pleasantry, or a report of the past.  Any clause that acts, gives a step,
    states a resolution or schedules something is forward movement; and any other
    statement of fact may be the complete answer the customer asked for, so it
    also keeps the rule silent (a false hold costs more than a miss) -- unless the
    author says they cannot help further ("Sorry I can't be more help"): then the
    facts are not the answer, and only a step moves the reply forward."""

    spec: RuleSpec
    deflection: Deflection | None = None

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        if not cls:
            return  # nothing of the author's: reply.empty's business
        # "Sorry I can't be more help": the author says the facts given are not
        # the answer, so only a step (ours or theirs) moves the reply forward
        gave_up = _GAVE_UP.search(norm) is not None
        for cl in cls:
            if self.deflection is not None and self.deflection.redirects(norm, cl):
                return  # the reply sends them somewhere: urgent.deflection judges that
            role = self.role(norm, cl)
            if role is Role.FORWARD or (role is not Role.EMPTY and not gave_up):
                return
        first = cls[0].sentence
        last = cls[-1].sentence
        end = last.end if last.end - first.start <= 300 else first.end
        yield make_finding(self.spec, text, first.start, end)

    @staticmethod
    def role(norm: str, cl: Clause) -> Role:
        s, e = cl.span.start, cl.span.end
        if e - s > _LONG_CLAUSE:
            # receipts, thanks and sympathy are short; a clause this long says
            # something (and judging it piece by piece would cost a scan per class)
            return Role.CONTENT
        if _FRIENDLY_CLOSE.match(norm, s, e):
            return Role.EMPTY  # "No dramas.", "Sweet as.": not an answer "No"
        mark = _ANSWER_MARK.match(norm, s, e)
        if mark and mark.end() < e:
            body = Clause(
                cl.sentence,
                Span(norm[mark.end() : e], mark.end(), e),
                cl.actor,
                cl.negated,
                cl.request,
            )
            inner = NoNextStep.role(norm, body)
            # "Yes, your payment arrived on 3 June": the answer itself.  "Yes, we're
            # aware of it": still only status.
            if (
                inner is Role.EMPTY
                and _is_past(norm, body)
                and not _SEEING_PROBLEM.match(norm, mark.end(), e)
            ):
                return Role.CONTENT
            return inner
        if _FOREIGN_COURTESY.search(norm, s, e) and not _ENGLISH_STEP_WORD.search(norm, s, e):
            return Role.EMPTY  # "¡muchas gracias por escribirnos!", "¡Que tengas un buen día!"
        if _SIGN_OFF_NAMED.match(norm, s, e):
            # furniture the sentence filter left, before "Thanks," is read as a lead:
            # "Thanks, the team", "Yours sincerely, Fiona MacLeod, Officer"
            return Role.EMPTY
        lead = _THANKS_PREFIX.match(norm, s, e) or _SAYING_LEAD.match(norm, s, e)
        if lead and lead.end() < e:
            rest = Span(norm[lead.end() : e], lead.end(), e)
            return NoNextStep.role(
                norm,
                # the request-ness of the rest is its own: "Kindly note | your request is ..."
                Clause(cl.sentence, rest, actor_of(norm, rest.start, e), cl.negated, text=norm),
            )
        head = (
            _UNDERSTAND_HEAD.match(norm, s, e)
            or _SYMPATHY_HEAD.match(norm, s, e)
            or _THANKS_FOR.match(norm, s, e)
        )
        if head:
            # "We're sorry to hear your box arrived damaged": the problem restated;
            # but "Sorry about that, I've re-sent it" goes on to act
            turn = _COMMA_WE.search(norm, head.end(), e)
            if turn is None:
                return Role.EMPTY
            rest = Span(norm[turn.start(1) : e], turn.start(1), e)
            return NoNextStep.role(norm, Clause(cl.sentence, rest, text=norm))
        if _LEADS_ONLY.match(norm, s, e):
            return Role.EMPTY  # "Once again,": the rest of its sentence decides
        if _NEITHER_IS.match(norm, s, e):
            return Role.EMPTY  # "(... is not acceptable), and neither is being talked over"
        lead_for = _FOR_FRAGMENT.match(norm, s, e)
        if lead_for and not norm[cl.sentence.start : s].strip():
            # "For the extra 2 tables, I will check with the banquet team ...": a
            # topic that opens its sentence; what follows the comma decides
            comma = norm.find(",", lead_for.end(), e)
            if comma != -1 and norm[comma + 1 : e].strip():
                rest = Span(norm[comma + 1 : e], comma + 1, e)
                return NoNextStep.role(norm, Clause(cl.sentence, rest, text=norm))
        if lead_for or _DANGLING.match(norm, s, e):
            return Role.EMPTY  # "..., and for taking the time", "Your status is currently:"
        if _TITLE_LINE.match(norm, s, e) and not _SHOUTED_VERB.search(norm, s, e):
            return Role.EMPTY  # a name or brand line the sentence filter left (not a
            # statement in capitals: "LESSONS ARE NON-REFUNDABLE" says something)
        if _BACKGROUND.match(norm, s, e) and _is_past(norm, cl):
            return Role.EMPTY  # "... wasn't ready | when you arrived": the situation, told back
        tail = _SITUATION_TAIL.match(norm, s, e)
        if (
            s > cl.sentence.start
            and tail is not None
            # "... so when you log back in | it'll open where you left off": the
            # clause has its own main clause, an outcome ahead, not the situation
            and not _OWN_OUTCOME.search(norm, tail.end(), e)
            and "," not in norm[s:e]
            and not cl.request
            and not _moves_forward(norm, cl)
        ):
            # "... the app crashes | when you open the map.": a clause that only
            # completes the situation its main clause told back
            return Role.EMPTY
        if _open_offer(norm, s, e):
            return Role.EMPTY  # "Should you have any further questions, do not hesitate ..."
        if not cl.negated and _elided_done(norm, s, e):
            return Role.FORWARD  # "got it, resent the activation email just now"
        if _FEELING_WITH_THEIR_DATE.match(norm, s, e):
            # "That must be stressful with payday tomorrow": the date is the customer's
            # deadline, told back with the feeling; nothing of ours happens on it
            return Role.EMPTY
        if e - s < 80 and _COURTESY.search(norm, s, e) and " and " not in norm[s:e]:
            return Role.EMPTY  # "We've popped a note on your file": no step, however done
        if _moves_forward(norm, cl):
            return Role.FORWARD
        if _FIX_GOT_MADE.search(norm, s, e) or (
            _WE_ADDED.search(norm, s, e) and _WAS_MISSING.search(norm, cl.sentence.start, s)
        ):
            # "(your number was missing from our list,) so I've added it now", "(your
            # reports) helped us get the contractor to replace the door sensor": the
            # matter put right, the answer; not "added" as passed on, "got" as received
            return Role.CONTENT
        receipt = _RECEIPT.search(norm, s, e)
        joined = receipt and _AND_THEN.search(norm, receipt.end(), e)
        if joined and joined.end() < e and _FINITE_VERB.search(norm, joined.end(), e):
            # "Your booking reference is QX7731 and check-in opens at 15:00": the
            # receipt, then a fact of its own that may be the answer
            rest = Span(norm[joined.end() : e], joined.end(), e)
            actor = actor_of(norm, rest.start, e)
            inner = NoNextStep.role(norm, Clause(cl.sentence, rest, actor, cl.negated, text=norm))
            if inner is not Role.EMPTY:
                return inner
        if (
            _RECEIPT_HEAD.match(norm, s, e)
            or _COMMISERATION.match(norm, s, e)
            or _NO_WAY_TO.search(norm, cl.sentence.start, cl.sentence.end)
            or _FEEDBACK_REASON.search(norm, cl.sentence.start, s)
            or _THANKS_CLAUSE.match(norm, s, e)
            or _ALWAYS_IMPROVING.match(norm, s, e)
            or _LOOKS_BAD.search(norm, s, e)
            or _FEELS_BAD.match(norm, s, e)
            or _WE_VALUE.match(norm, s, e)
            or _NOTED_AHEAD.match(norm, s, e)
            or receipt
            or _SYMPATHY.search(norm, s, e)
            or _STATUS.search(norm, s, e)
            or _WHILE_WE.match(norm, s, e)
            or _SEEING_PROBLEM.match(norm, s, e)
            or _PASSED_ON.search(norm, s, e)
            or _REACTION.match(norm, s, e)
            or _PLEASANTRY.match(norm, s, e)
            or _COURTESY.search(norm, s, e)
            or _NOT_THE_CAUSE.search(norm, s, e)
            or _BY_DESIGN.search(norm, cl.sentence.start, cl.sentence.end)
        ):
            return Role.EMPTY
        if s > cl.sentence.start and _PASSED_ON.search(norm, cl.sentence.start, s) and (
            _ALSO_TOLD.match(norm, s, e) or _SO_THEY_SEE.match(norm, s, e)
        ):
            # "I've shared your email with our depot team | and our operations manager |
            # so they can see what happened": more people told, nothing more
            return Role.EMPTY
        if _DONE_FOR_THEM.search(norm, s, e):
            return Role.CONTENT  # "the refund went back to your card this morning": the answer
        if _TRACKING.search(norm, s, e):
            return Role.CONTENT  # "it left our warehouse on Monday, tracking JD0146...": traceable
        if _ASKS_READER.search(norm, s, e) and norm[s:e].rstrip(" \"')\u201d\u2019").endswith("?"):
            return Role.FORWARD  # "When did you last restart the router?": their answer is the step
        if _EXPLAINS.search(norm, s, e):
            return Role.CONTENT  # "the line marked IDD is for the calls to Malaysia": the answer
        if _ATTACHED.search(norm, s, e):
            return Role.CONTENT  # "the QR code is in the PDF I attached": the answer, delivered
        if _is_past(norm, cl):
            return Role.EMPTY  # "The shipment left Rotterdam on Friday": status only
        return Role.CONTENT




#: A fix we got someone to make: "(helped us) get the contractor to replace the
#: sensor", "we had the engineer swap the meter on Tuesday".
_FIX_GOT_MADE = re.compile(
    r"\b(?:get|got|gotten|had)\s+(?:the|our|your|their)\s+(?:[\w'-]+\s+){0,2}?(?:to\s+)?(?:replace|"
    r"fix|repair|swap|install|reconnect|restore|unblock|mend|reset|change)\b",
    re.IGNORECASE,
)
#: Our adding, after the sentence said it was missing (`_WAS_MISSING`): a gap put right.
_WE_ADDED = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+|now\s+|already\s+)?added\s+(?:it|them|you|him|her|"
    r"your\s+[\w-]+)\b(?!\s+(?:to\s+)?(?:a\s+|the\s+)?(?:note|notes|file)\b)",
    re.IGNORECASE,
)
_WAS_MISSING = re.compile(
    r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?missing\b|\b(?:wasn't|weren't|was\s+not|were\s+not|"
    r"isn't|aren't)\s+(?:on|in|listed|included)\b|\bleft\s+off\b",
    re.IGNORECASE,
)


#: Something given with the reply: "the QR code is in the PDF I attached".
_ATTACHED = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+)?(?:attached|enclosed)\b"
    r"|\b(?:in|on|see)\s+the\s+(?:attached|enclosed)\s+\w",
    re.IGNORECASE,
)
#: A present-tense explanation of what something is or means: "... is for the calls to
#: Malaysia", "that code means the card was declined".
_EXPLAINS = re.compile(
    r"\b(?:is|are)\s+(?:just\s+|simply\s+|only\s+)?(?:for|the\s+(?:charge|fee|cost|amount|"
    r"payment|refund)\s+for)\s+(?:the|your|a|an)\b|\b(?:means|stands\s+for|refers\s+to)\b",
    re.IGNORECASE,
)
#: A friendly close on its own: "Sweet as.", "Too easy!", "No dramas.", "No worries."
_FRIENDLY_CLOSE = re.compile(
    r"\s*(?:sweet\s+as|too\s+easy|no\s+dramas|no\s+worries|all\s+good|no\s+probs?|"
    r"no\s+problem)\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: A tracking number given: the customer can follow the parcel themselves.
_TRACKING = re.compile(
    r"\btracking(?:\s+(?:number|no\.?|code|id|reference|ref))?\s*(?:is\s+)?[:#]?\s*"
    r"(?-i:[A-Z0-9][A-Z0-9-]{7,})\b",
    re.IGNORECASE,
)
#: Greetings, thanks and wishes in the customer's language inside an English reply.
_FOREIGN_COURTESY = re.compile(
    r"\b(?:gracias|obrigad[oa]|merci|grazie|danke|que\s+tengas?|que\s+tenga|buen\s+fin\s+de\s+semana|"
    r"feliz\s+\w+|bonne\s+(?:journ[ée]e|soir[ée]e|semaine)|buona\s+(?:giornata|serata)|"
    r"un\s+(?:abrazo|saludo|beso)|saludos|cordialmente|atentamente|bom\s+dia|boa\s+tarde|"
    r"buen(?:os|as)?\s+(?:d[ií]as|tardes|noches)|qu[ée]\s+gusto|"
    # thanks in other languages, in English replies: Swahili, Arabic, Hindi, Malay,
    # Filipino, Japanese, Hawaiian, Zulu, Afrikaans, Hausa
    r"asante(?:\s+sana)?|shukran|dhanyavaad|terima\s+kasih|salamat(?:\s+po)?|arigato|mahalo|"
    r"ngiyabonga|siyabonga|dankie|nagode)\b",
    re.IGNORECASE,
)
#: ... unless the clause also says something in English that could be a step.
_ENGLISH_STEP_WORD = re.compile(
    r"\b(?:we|i|you|will|'ll|please|can|could|send|call|reply|refund|book|check)\b", re.IGNORECASE
)
#: A question put to the reader: "Did you restart it?", "When did your team last log in?"
_ASKS_READER = re.compile(
    r"\b(?:did|do|does|have|has|had|are|were|is|was|can|could|will|would)\s+(?:you|your\s+[\w-]+)\b",
    re.IGNORECASE,
)
#: A past act that settled the matter for them: "the refund went back to your card",
#: "the fee was waived".  It may be the whole answer.
_DONE_FOR_THEM = re.compile(
    r"\b(?:went\s+(?:back\s+)?(?:to|into|onto)\s+your|credited\s+(?:to|back\s+to)\s+your"
    # sent on a date: "your refund of Rs 4,000 went out on 3 March"
    r"|(?:refund|payment|credit|reimbursement|transfer|cheque|check|replacement)\b[^.;:!?]{0,30}?"
    r"\b(?:went|was\s+sent|has\s+gone|was\s+paid|was\s+posted)\s+out\s+(?:on|at|yesterday|today|"
    r"this|last)\b"
    r"|(?:was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:refunded|credited|reversed|released"
    r"|restored|reinstated|fixed|repaired|delivered|replaced|waived|approved|unblocked|unlocked"
    r"|reissued|re-issued|rebooked|re-booked|corrected|amended|cancell?ed|emailed|e-mailed))\b"
    # one of ours put it right: "the engineer fixed it at 4pm", "our technician repaired
    # the boiler this morning" (the fix done, the answer)
    r"|\b(?:the|our)\s+(?:[\w-]+\s+)?(?:engineers?|technicians?|team|plumbers?|electricians?|"
    r"mechanics?|fitters?|installers?|developers?|staff)\s+(?:\w+ly\s+|have\s+|has\s+)?(?:fixed|"
    r"repaired|replaced|restored|reconnected|unblocked|mended|sorted(?:\s+out)?|reset)\s+"
    r"(?:it|them|the|your|this|that)\b"
    # our team's fix out: "our developers released a fix at 3:40 PM today"
    r"|\b(?:released|deployed|shipped|pushed|rolled\s+out|applied|installed)\s+(?:a|the|an)\s+"
    r"(?:\w+\s+)?(?:fix|patch|update|correction|hotfix)\b"
    # our own act that settled it: "I've taken the surgery fee off his invoice"
    r"|\b(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+|now\s+|already\s+)?(?:taken|knocked|deducted|"
    r"waived|refunded|credited|reversed|corrected|amended|reissued|re-issued|rebooked|re-booked|"
    r"reinstated|restored|unblocked|unlocked|repaired|replaced)\s+(?!(?:a\s+)?(?:note|look)\b)",
    re.IGNORECASE,
)

#: Courtesies and notes to file that move nothing: "we've popped a note on your
#: file", "your feedback is passed to the product team", "I remain at your
#: disposal", "that's never the experience we want for you".
_COURTESY = with_start_guard(re.compile(
    r"\b(?:popped|put|left|added|made|placed)\s+a\s+note\s+(?:on|to|in|against)\s+your\s+"
    r"(?:file|account|record|booking|ticket|case)\b"
    r"|\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:passed|transmitted|conveyed|relayed)\s+(?:on\s+)?to\b"
    # "your comments have gone to our kitchen team", "... been sent to the buyers"
    r"|\b(?:has|have|'ve|has\s+been|have\s+been|was|were)\s+(?:gone|went|sent|forwarded|given)\s+"
    r"(?:on\s+|over\s+|straight\s+)?to\s+(?:our|the)\s+(?:[\w'-]+\s+){0,2}?(?:team|teams|department|"
    r"manager|managers|buyers?|chefs?|kitchen|colleagues|staff|head\s+office|management)\b"
    r"|\bnoted\s+(?:re|on|about)\b|\b(?:has|have)\s+come\s+through\s+to\b"
    r"|\b(?:updated|annotated|amended)\s+your\s+(?:case\s+|account\s+|ticket\s+)?(?:notes?|file|record|records)\b"
    r"|\bsending\s+(?:you\s+)?(?:all\s+the\s+)?(?:good|positive)\s+vibes\b"
    r"|\b(?:it's|it\s+has|has)\s+come\s+through\s+(?:fine|ok|okay|safely|all\s+right)\b"
    r"|\bheard\s+you\s+loud\s+and\s+clear\b|\bthanks\s+for\s+being\s+(?:a\s+)?part\s+of\b"
    r"|\b(?:been\s+)?added\s+to\s+(?:your|the)\s+(?:notes|file|record|account|reservation|booking)\b"
    r"|\b(?:we|i)\s+note\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:unhappy|disappointed|dissatisfied|frustrated|upset)\b"
    r"|\b(?:it's|it\s+is)\s+on\s+(?:the|our)\s+radar\b"
    r"|\b(?:taken|taking)\s+(?:good\s+|due\s+|careful\s+)?note\s+of\b"
    r"|\b(?:remain|am|are)\s+at\s+your\s+(?:entire\s+|full\s+|complete\s+)?disposal\b"
    r"|\b(?:that's|that\s+is|this\s+is)\s+(?:never|not)\s+the\s+experience\s+(?:we|i)\s+want\b"
    r"|\b(?:your\s+satisfaction|you)\s+(?:is|are)\s+(?:very\s+|so\s+)?(?:dear|important)\s+to\s+us\b"
    r"|\bappreciate\s+you\s+(?:flagging|raising|reporting|letting\s+us\s+know|telling\s+us)\b"
    r"|\b(?:we|i)\s+always\s+(?:try|strive|aim|endeavou?r)\s+to\s+(?:improve|do\s+better|get\s+better)\b",
    re.IGNORECASE,
))

#: An open offer of more help: a generic need ("any further questions", "anything
#: else") with a way to reach us ("contact us", "let us know", "we're happy to
#: help").  Nothing specific moves: boilerplate, not a step.
_GENERIC_NEED = re.compile(
    r"\b(?:any|further|other|additional|more)\s+(?:other\s+|further\s+|more\s+)?(?:questions?|"
    r"quer(?:y|ies)|concerns?|issues?|problems?|help|assistance|support|information|info|"
    r"clarifications?|comments?|feedback)\b|\banything\s+(?:else|further|more)\b"
    r"|\banything\s+(?:(?:we|i)\s+can|you\s+need)\b",
    re.IGNORECASE,
)
_REACH_US = re.compile(
    r"\b(?:contact|reach\s+out|get\s+in\s+touch|let\s+(?:us|me)\s+know|reply|respond|call|"
    r"ring|e-?mail|write|ask|drop\s+(?:us|me)|give\s+(?:us|me)\s+a|come\s+back|get\s+back|"
    r"hesitate|(?:here|happy|glad|pleased|available|delighted)\s+to\s+(?:help|assist)|"
    r"feel\s+free)\b",
    re.IGNORECASE,
)
#: ... unless the offer carries a promise or a concrete way: "... and I'll call you".
_OFFER_MORE = re.compile(
    r"\d|\b(?:i|we)(?:'ll|\s+will)\s+(?!be\s+(?:\w+ly\s+)?(?:happy|glad|pleased|delighted)\b)",
    re.IGNORECASE,
)


#: A subordinate clause of the customer's situation: "when you arrived", "after
#: your parcel left the depot" (its sentence's main clause decides).
_BACKGROUND = re.compile(
    r"\s*(?:when|while|as|after|before|since|because|once|by\s+the\s+time)\s+(?:you|your\s+[\w-]+|"
    r"they|he|she|the\s+customer)\b",
    re.IGNORECASE,
)


#: A trailing clause of when the problem happens: "(the app crashes) when you
#: open the map", "(it freezes) every time your kids log in".
#: An outcome ahead after a "when you ..." clause: "it'll open", "your balance will show".
_OWN_OUTCOME = re.compile(
    r"\b(?:it|this|that|they|everything|the\s+[\w-]+|your\s+[\w-]+)(?:'ll|\s+will|\s+should)"
    r"\s+(?!not\b)[a-z]+",
    re.IGNORECASE,
)
_SITUATION_TAIL = re.compile(
    r"\s*(?:when|whenever|while|every\s+time|each\s+time)\s+(?:you|your\s+[\w-]+|they|he|she|"
    r"there(?:'s|\s+is|\s+are)|the\s+customer|(?:every|any|most|many|all|each|a|an)\s+[\w-]+)\b",
    re.IGNORECASE,
)


#: The condition of an open offer on its own: "If you have any other questions,".
_GENERIC_CONDITION = re.compile(
    r"\s*(?:and\s+|but\s+)?(?:if|should|in\s+case|whenever)\s+(?:you\s+)?(?:have|need|require|"
    r"there\s+(?:is|are)|there's)\s+(?:any|further|other|additional|more|anything)\b"
    r"[^.;!?]{0,40}[,.!]?\s*",
    re.IGNORECASE,
)


def _open_offer(norm: str, s: int, e: int) -> bool:
    """Is the clause an open offer of more help and nothing else?"""
    cond = _GENERIC_CONDITION.match(norm, s, e)
    if cond and cond.end() == e and _GENERIC_NEED.search(norm, s, e):
        return True
    return (
        e - s <= 200
        and _GENERIC_NEED.search(norm, s, e) is not None
        and _REACH_US.search(norm, s, e) is not None
        and _OFFER_MORE.search(norm, s, e) is None
    )


_IN_MIND = re.compile(
    r"\b(?:(?:bear|keep|kept|bore|borne)\s+(?:\w+\s+){0,3}?in\s+mind|(?:take|taken|taking|took)\s+"
    r"(?:\w+\s+){0,3}?(?:into\s+(?:account|consideration)|on\s+board)"
    # "we'll take note for future improvement", "we have made a note of it"
    r"|(?:take|taken|taking|took|make|made|making)\s+(?:a\s+|good\s+|due\s+|careful\s+|full\s+){0,2}"
    r"notes?(?!\s+(?:on|in)\s+(?:your|the)\s+(?:account|file|booking|record|ticket|case)\b))\b",
    re.I,
)
#: A clause of nothing but openers: "Once again," (split off its sentence).
_LEADS_ONLY = re.compile(r"\s*" + _LEADS + r"[\s,.;:!\u2014\u2013-]*$", re.IGNORECASE)

#: Characters (about 80 words) beyond which a clause is not an empty one.
_LONG_CLAUSE = 500


def _is_past(norm: str, cl: Clause) -> bool:
    """A report of what happened: past tense, or a perfect ("has reached")."""
    s, e = cl.span.start, cl.span.end
    e = _before_rule_condition(norm, s, e)
    return is_past_clause(norm, s, e) or (
        _PERFECT_REPORT.search(norm, s, e) is not None and not _FUTURE.search(norm, s, e)
    )


#: A trailing condition of when a standing rule applies: "(Deposits are
#: non-returnable) after the hire has started", "(is final) once the order has shipped".
_RULE_CONDITION = re.compile(
    r"\s(?:after|once|when|whenever|if|as\s+soon\s+as|unless)\s+(?=\w)", re.IGNORECASE
)
#: A present statement: "are non-returnable", "is final", "can't be changed".
_PRESENT_HEAD = re.compile(
    r"\b(?:is|are|isn't|aren't|remains?|stays?|cannot|can't|can\s+not|won't|doesn't|don't)\b",
    re.IGNORECASE,
)


def _before_rule_condition(norm: str, s: int, e: int) -> int:
    """Where a present statement stops before its trailing condition, else `e`.
    The condition's perfect ("after the hire has started") says when the rule
    applies, not what happened: "Deposits are non-returnable after the hire has
    started" is the policy, a complete answer, while "Your parcel was returned
    after the driver had called" stays a report of the past (its head is past)."""
    if not any(w in norm[s:e] for w in (" has ", " have ", "'s ", "'ve ")):
        return e  # the perfect is the only reading this corrects (cheap test first)
    cond = _RULE_CONDITION.search(norm, s, e)
    if cond is None or not _PRESENT_HEAD.search(norm, s, cond.start()):
        return e
    if is_past_clause(norm, s, cond.start()) or _PERFECT_REPORT.search(norm, s, cond.start()):
        return e  # "It has been on hold since ... / was refused once ...": the head reports
    return cond.start()


_PERFECT_REPORT = re.compile(
    r"\b(?:has|have|had|'s|'ve)\s+(?:\w+ly\s+|now\s+|already\s+|just\s+|also\s+)?(?:been\s+)?"
    r"[a-z]+(?:ed|en|t)\b",
    re.IGNORECASE,
)
#: "(We're) sorry to hear / sorry that / sorry about": sympathy about the problem.
_SYMPATHY_HEAD = re.compile(
    r"\s*"
    # Possessive: "so/very/really/truly" are both leads and intensifiers, and
    # trying every split of "so so so ..." between the two is O(n^2) per match.
    + _LEADS
    + "+"
    + r"(?:(?:i'm|i\s+am|we're|we\s+are|we\s+were|i\s+was)\s+)?(?:so\s+|very\s+|really\s+|"
    r"truly\s+|terribly\s+|genuinely\s+|sincerely\s+)*sorry\s+(?:to\s+(?:hear|see|learn|read|find|"
    r"discover|know)|that|"
    # "Sorry it's back", "sorry this has happened again": the problem, told back
    r"(?:it|this)(?:'s|\s+is|\s+has|\s+was|\s+keeps)|"
    r"about|for|your|the)\b"
    # "I hear you", "mi hear yuh": understanding, nothing more
    r"|\s*(?:i|we|mi)\s+(?:totally\s+|really\s+|completely\s+)?hear\s+(?:you|yuh|ya|u)(?=\s*[,.!;]|\s*$)",
    re.IGNORECASE,
)
#: A feeling about the customer's plight, then only the date it falls on: "That must
#: be really stressful with payday tomorrow", "it'll be a worry with the frost due
#: tonight" (not "..., so I'll call you at 9": a clause of its own).
_FEELING_WITH_THEIR_DATE = re.compile(
    r"\s*(?:(?:and|oh|honestly|so)\s+)?(?:that|this|it)(?:'s|\s+is|'ll\s+be|\s+will\s+be|"
    r"\s+must\s+(?:be|feel)|\s+would\s+be|'d\s+be|\s+sounds)\s+"
    r"(?:(?:really|so|very|incredibly|extra|particularly|especially|such|a|an|real|huge|big|"
    r"massive|proper)\s+){0,3}"
    r"(?:stressful|worrying|frustrating|upsetting|nerve-?wracking|unsettling|distressing|"
    r"tough|hard|difficult|awful|horrible|rough|scary|daunting|maddening|annoying|"
    r"worry|pain|headache|nightmare|stress|blow|nuisance|hassle|concern|shame)\b"
    r"\s+(?:with|given|ahead\s+of|before|so\s+close\s+to|this\s+close\s+to|on\s+top\s+of)\s+"
    r"[^,;:!?]{1,80}?[.!]*\s*$",
    re.IGNORECASE,
)
_COMMA_WE = re.compile(
    r"[,;]\s+((?:so\s+|and\s+)?(?:i|we)(?:'ve|'ll|'m|'re|\s)\s*\w)", re.IGNORECASE
)
#: A clause that stops at its verb: "Your ticket status is currently:" (the value follows).
_DANGLING = re.compile(
    r"[^.;:!?]{0,80}?\b(?:is|are|was|were|reads|says|shows)(?:\s+(?:currently|now|still|as\s+follows))?\s*[:.\u2014-]?\s*$",
    re.IGNORECASE,
)


#: A reminder set to act for the reader: "I've made a note to call you on Monday",
#: "I've set myself a reminder to chase the depot", "I've diarised to check the meter".
_NOTE_TO_ACT = re.compile(
    r"\b(?:(?:made|make|put|set|added|left|popped|written|wrote)\s+(?:myself\s+|ourselves\s+)?"
    r"(?:a\s+)?(?:diary\s+|calendar\s+)?(?:note|reminder|alert)|diari[sz]ed(?:\s+it)?)"
    r"(?:\s+(?:for|to)\s+(?:myself|ourselves|me|us))?\s+to\s+(?:call|ring|phone|e-?mail|contact|"
    r"check|chase|update|follow\s+up|send|book|visit|text|message|review|look|test|confirm|"
    r"get\s+back|come\s+back|write)\b"
    # a note or instruction that sets someone else to act: "I've added a note for
    # the driver to ring your mobile", "we've left instructions for the courier to
    # leave it with a neighbour", "a note on the job for the engineer to bring ..."
    r"|\b(?:made|put|added|left|popped|written|wrote|sent|passed|attached|given)\s+"
    r"(?:(?:a|an|the)\s+)?(?:clear\s+|special\s+|delivery\s+)?(?:note|instructions?|message|"
    r"memo|request)s?\s+(?:(?:on|to|in|against)\s+(?:the|your|our)\s+[\w-]+\s+)?"
    r"(?:for|to)\s+(?:the|our|your)\s+(?:[\w-]+\s+){0,2}?to\s+(?!be\b)[a-z]+",
    re.IGNORECASE,
)


#: A result clause whose negation is the good news after our act: "... so nothing's
#: been lost", "... so that no one else can use it", "... so you won't be charged".
_GOOD_RESULT = re.compile(
    # (one space or a comma before "so", not a run: linear on a text of spaces)
    r"(?:,\s*|\s)so(?:\s+that)?\s+(?=(?:nothing|no\s+one|no-one|nobody|none|"
    r"you\s+(?:won't|will\s+not|don't|do\s+not|needn't|shouldn't|aren't|won't\s+need)|"
    r"(?:it|they|there)\s*(?:won't|will\s+not|doesn't|isn't|'s\s+no|is\s+no|are\s+no))\b)",
    re.IGNORECASE,
)


def _moves_forward(norm: str, cl: Clause) -> bool:
    """An action of ours ahead or done, a step for the customer, a resolution,
    or something scheduled to happen."""
    s, e = cl.span.start, cl.span.end
    if _NOTHING_NEEDED.search(norm, s, e):
        return True  # "nothing more is needed from you": resolved
    action = _our_action(norm, cl, past=False)
    if action is not None:
        status = _STATUS.search(norm, s, e)
        if (
            status is None or not (status.start() <= action.end and action.start <= status.end())
        ) and not _only_in_mind(norm, action.end + 1, e):
            return True  # "I'm re-running the export"; not "we're looking into it"
    negated = cl.negated
    if negated:
        tail = _GOOD_RESULT.search(norm, s, e)
        if tail is not None and find_negation(norm, s, tail.start()) is None:
            negated = False  # "I've held your slot so nothing's been lost": the "nothing"
            # is the good result of our act, not our act denied
    if not negated:
        if _our_done(norm, cl):
            return True
        if _NOTE_TO_ACT.search(norm, s, e):
            return True  # "I've made a note to call you on Monday": a plan, said as done
        if _RESOLVED.search(norm, s, e) and not _PASSED_ON.search(norm, s, e):
            return True
        done = _COMPLETED.search(norm, s, e)
        if done is not None and _RECORD_OPEN.search(norm, s, e) is None:
            return True
        if _CAN_ACT.search(norm, s, e):
            return True
        if _PATH_OR_LINK.search(norm, s, e):
            return True
    if cl.request or cl.actor is Actor.YOU and imperative_verb(norm, s, e):
        if not _PLEASANTRY.match(norm, s, e) and not cl.negated:
            return True
        if cl.negated and _DONT.search(norm, s, e):
            return True  # "please don't start a new game yet" is a step too
    m = _YOU_CAN.search(norm, s, e)
    if m and m.group("verb").lower() not in _YOU_STATIVE and not cl.negated:
        return True
    if m and m.group("verb").lower() == "see" and _WILL.search(m.group()):
        return True  # "you'll see the credit on your April invoice"
    if (
        cl.actor is not Actor.YOU
        and not cl.negated
        and _SCHEDULED.search(norm, s, e)
        and not _in_mind_only(norm, s, e)  # "we'll bear that in mind": nothing happens
    ):
        return True
    if _NO_ACTION_NEEDED.search(norm, s, e):
        return True
    if not cl.negated and _PASSIVE_DUTY.search(norm, s, e):
        return True  # "the form must be submitted before Friday": a step, said in the passive
    return not cl.negated and _dated_ahead(norm, s, e)


_PASSIVE_DUTY = re.compile(
    r"\b(?:must|needs?\s+to|has\s+to|have\s+to)\s+be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)\b",
    re.IGNORECASE,
)


#: What puts a concrete time ahead: "is due Thursday", "goes out tonight at 22:00".
_AHEAD = re.compile(
    r"\b(?:will|shall|going|gonna|due|scheduled|expected|booked|planned|set\s+for|arriv\w*|"
    # a promise of when: "they've promised an engineer on site within 4 hours"
    r"promised|committed\s+to|tomorrow|tonight|by|until|from)\b|'ll\b"
    # a dispatch in the present for today: "your replacement goes out in today's post",
    # "it ships today" (not "it shipped today": done, and told by _our_done)
    r"|\b(?:goes\s+out|go\s+out|ships|leaves\s+(?:us|our\s+[\w-]+)|(?:is|are)\s+(?:dispatched|posted|"
    r"shipped|sent\s+out))\b(?=[^.;!?\n]{0,40}?\btoday)",
    re.IGNORECASE,
)


def _dated_ahead(norm: str, s: int, e: int) -> bool:
    """Something happens at a concrete time still to come: "your order is with the
    courier and is due Thursday" is status AND when: the "say when" of the value."""
    if not _AHEAD.search(norm, s, e):
        return False
    return any(t.kind is TimeKind.CONCRETE for t in find_times(norm[s:e]))


def _only_in_mind(norm: str, pos: int, end: int) -> bool:
    """Is the verb at `pos` "bear in mind" / "take into account" with no act
    coordinated after it ("... and adjust the invoice by Friday")?"""
    m = _IN_MIND.match(norm, pos, min(end, pos + 60))
    if m is None:
        return False
    for c in _COORDINATED.finditer(norm, m.end(), min(end, m.end() + 40)):
        if _own_future_act(norm, c.end(), end):
            return False
    return True


def _in_mind_only(norm: str, s: int, e: int) -> bool:
    """Does `norm[s:e]` "bear in mind" / "take into account" and do nothing more?"""
    m = _IN_MIND.search(norm, s, e)
    return m is not None and _only_in_mind(norm, m.start(), e)


def _we_act_inside(norm: str, cl: Clause) -> bool:
    """An act of ours anywhere in the clause, judged by its own subject: "Whether
    the fault lies with your contractor or with us, we'll reprint the cards"."""
    s, e = cl.span.start, cl.span.end
    for m in _FUTURE.finditer(norm, s, e):
        if _local_actor(norm, s, m.start(), Actor.NONE) is not Actor.WE:
            continue
        if find_negation(norm, max(s, m.start() - 12), min(e, m.end() + 12)) is not None:
            continue
        nxt = _AFTER_MODAL.match(norm, m.end(), e)
        if nxt is not None and _own_future_act(norm, nxt.end(), e):
            return True
    return False


def _our_done(norm: str, cl: Clause) -> bool:
    """A past action of ours that delivered something: "I sent the PUK codes",
    "we've switched off the lock"; not "we've logged your query", "I've passed
    your comments on", "we looked into it"."""
    if cl.actor is not Actor.WE:
        return False
    s, e = cl.span.start, cl.span.end
    for m, coordinated in _our_done_verbs(norm, s, e):
        verb = m.group("verb").lower().rsplit("-", 1)[-1]  # "re-pointed" is "pointed"
        before = _WORD_BEFORE.search(norm, max(s, m.start() - 30), m.start())
        if not coordinated and before and before.group(1).lower() not in _CLAUSE_LINKS:
            continue  # "the feedback we've collected": a relative clause, not our act
        if verb in _IDLE_PAST or verb in STATIVE_VERBS:
            if verb in _RAISED_THING and _A_SETTING.match(norm, m.end(), e):
                return True  # "I've raised the limit", "we've put the price back": done
            if verb in _RAISED_THING and _MONEY_TO_THEM.match(norm, m.end(), e):
                return True  # "I've raised a full credit of $62.10 to your account": money
                # on its way to them, not a request passed on ("raised a refund request")
            if verb in _HANDED and not _PASSED_ON.search(norm, m.start(), e):
                return True  # "I've forwarded the signed contract to your solicitor"
            if verb in _ASKED and _ASKED_TO.match(norm, m.end(), e):
                return True  # "I've asked the depot to re-send it"
            if verb == "asked" and _ASKED_FOR_RECORD.match(norm, m.end(), e):
                return True  # "I've asked the courier for the GPS record": evidence sought
            continue
        return True
    return False


#: Idle verbs (a ticket raised, a note put on file) that are acts on a setting.
_RAISED_THING = frozenset("raised put".split())
_A_SETTING = re.compile(
    r"\s+(?:the|your|its|their|our)\s+(?:\w+\s+)?(?:limit|limits|cap|quota|threshold|timeout|"
    r"allowance|priority|credit\s+limit|price|rate|speed|size|retention|ceiling|budget)\b",
    re.IGNORECASE,
)
#: Money put to the customer's account by the idle verbs: "raised a credit of
#: $62.10", "put a refund through", "raised a credit note" (not "raised a refund
#: request/ticket/claim", which only passes it on).
_MONEY_TO_THEM = re.compile(
    r"\s+(?:a|an|the|your|their)\s+(?:[\w-]+\s+)?(?:credit|refund|rebate|reimbursement|"
    r"goodwill\s+payment|compensation\s+payment|payment|credit\s+note|adjustment)\b"
    r"(?!\s+(?:request|ticket|case|claim|query|application|form)s?\b)",
    re.IGNORECASE,
)
#: Chat style with the subject left out: "got it 👍 resent the email", "Noted,
#: updated your address": our past act at the head of the clause, with an object.
_ELIDED_DONE = re.compile(
    r"\s*(?:(?:got\s+it|noted|ok(?:ay)?|np|no\s+(?:problem|worries)|sure|done|right|all\s+good|"
    r"cheers|thanks|ta|just|also|and)\b[^\w\n]{0,6})*"
    r"(?P<verb>(?:re-?)?[a-z]{2,}ed|re-?sent|sent|reset|set|put|gave|made|paid|re-?ran|cut|shut)"
    r"\s+(?:it|them|the|your|a|an|this|that|those|these|you|over|back|up|off|on|out)\b",
    re.IGNORECASE,
)


def _elided_done(norm: str, s: int, e: int) -> bool:
    m = _ELIDED_DONE.match(norm, s, e)
    if m is None:
        return False
    verb = m.group("verb").lower().rsplit("-", 1)[-1]
    if verb in _IDLE_PAST or verb in STATIVE_VERBS:
        if verb == "asked" and _ASKED_FOR_RECORD.match(norm, m.end("verb"), e):
            return True  # "asked the landlord for a copy of the certificate"
        return verb in _HANDED and not _PASSED_ON.search(norm, m.start("verb"), e)
    return True


_HANDED = frozenset(
    "passed forwarded shared added brought put sent let transmitted conveyed handed".split()
)
#: "... and refunded £45": a verb that shares the subject of an earlier one.
_AND_DONE = re.compile(
    r"\b(?:and|then|and\s+then|also)\s+(?:\w+ly\s+|also\s+|then\s+)?(?P<verb>(?:[a-z]+-)?[a-z]+ed|sent|gave|made|"
    r"put|set|paid|switched|cut|shut|built|rebuilt|re-?sent|re-?ran|re-?run|ran|took)\b",
    re.IGNORECASE,
)


def _our_done_verbs(norm: str, s: int, e: int) -> Iterator[tuple[re.Match[str], bool]]:
    """Our past verbs in `norm[s:e]` (match, coordinated), with the ones
    coordinated after them ("we've received it and refunded you")."""
    for m in _OUR_DONE.finditer(norm, s, e):
        yield m, False
        for c in _AND_DONE.finditer(norm, m.end(), e):
            yield c, True


_WORD_BEFORE = re.compile(r"\b([a-z']+)\s+$", re.IGNORECASE)
#: Words after which "I/we" starts a clause of its own (not a relative clause).
_CLAUSE_LINKS = frozenset(
    """
    and so but then also now today yesterday already just since because as when once after
    before if that which this morning afternoon evening night week earlier later meanwhile
    finally first next therefore thus hence yes no ok okay still here
    """.split()
)
_ASKED = frozenset("asked told".split())
#: Right after "asked": a third party asked for a record or evidence, which we will
#: then have ("... the shop for the CCTV footage", "... the bank for a payment trace");
#: not for news ("... the team for an update"), which only passes the question on.
_ASKED_FOR_RECORD = re.compile(
    r"\s+(?:the|our|your|their|its|his|her)\s+(?:[\w'-]+\s+){0,3}?for\s+(?:the|a|an|their|its|"
    r"his|her|any|all\s+the|copies\s+of\s+the|a\s+copy\s+of\s+the)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:record|records|footage|log|logs|trace|report|photos?|images?|recording|recordings|"
    r"data|history|statement|proof|evidence|receipt|invoice|copy|details|readings?|scan|scans)\b",
    re.IGNORECASE,
)
#: Right after "asked"/"told": "... the depot to re-send it" (matched, never searched).
_ASKED_TO = re.compile(
    r"\s{1,20}(?:\w+\s{1,20}){1,4}?to\s{1,20}(?!you\b|us\b|me\b)[a-z]+", re.IGNORECASE
)
_NOT_THE_CAUSE = re.compile(
    r"\b(?:isn't|is\s+not|wasn't|was\s+not|aren't|are\s+not|not)\s+(?:the\s+(?:\w+\s+)?cause|"
    r"to\s+blame|at\s+fault|responsible)\b|\b(?:not|never|in\s+no\s+way|nothing\s+to\s+do\s+with)\s+"
    r"(?:\w+\s+)?(?:caused\s+by|due\s+to|down\s+to|the\s+result\s+of|related\s+to)\b|\b(?:there's|there\s+is|there\s+was)\s+no\s+"
    r"(?:\w+\s+)?(?:fault|bug|defect|error|problem|issue)\s+(?:in|with|on)\b"
    # the origin placed away from us: "wouldn't be coming from our side", "is on your end"
    r"|(?:\bnot|n't|\bnever)\s+(?:\w+\s+){0,4}?(?:from|on|at|with|in)\s+(?:our|my)\s+"
    r"(?:side|end|platform|system|systems|network|servers?|infrastructure)\b"
    r"|\b(?:is|are|'s|'re|lies|lie|sits?)\s+(?:\w+ly\s+)?(?:on|at|with|from)\s+your\s+"
    r"(?:side|end)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------- inline patterns

_NEXT_WORD = re.compile(
    r"\s*(?:\w+ly\s+|also\s+|then\s+|now\s+|still\s+|just\s+)?([a-z']+)", re.IGNORECASE
)

#: A stative verb made an act by its particle: "I'll find out where he is", "we'll
#: see to it", "I'll get hold of the driver" (not "we'll find that ...").
_ACTIVE_PHRASAL = re.compile(
    r"\s*(?:\w+ly\s+|also\s+|then\s+|now\s+|just\s+)?(?:find\s+out|see\s+(?:to|about)|"
    r"get\s+(?:hold\s+of|in\s+touch\s+with|on\s+to|onto)|track\s+(?:\w+\s+)?down)\b",
    re.IGNORECASE,
)
_BE_HAVE_ACTION = re.compile(
    r"\s*(?:be\s+(?:in\s+touch|back|sending|calling|checking|looking|there|"
    r"contacting|in\s+contact|monitoring|watching)|have\s+(?:a\s+look|someone|"
    r"it|this|that|the|your|an?\s+\w+\s+(?:out|sent|with)))",
    re.IGNORECASE,
)

_HEAR_FROM_US = re.compile(r"\b(?:hear|receive|get)\b.{0,30}\b(?:us|me)\b", re.IGNORECASE)

_COME_BACK = re.compile(
    r"\b(?:if|once|when)\s+(?:i|we)\s+(?:came|come|got|get)\s+back\b", re.IGNORECASE
)

_CVC = re.compile(r"[^aeiou]*[aeiou][bdgmnprt]")

_WE_OR_NOT = re.compile(r"(?:we|i|not)\b", re.IGNORECASE)

_GO = re.compile(r"go\b", re.IGNORECASE)

_NAV_VERB = re.compile(r"go|went|visit|head|open|check", re.IGNORECASE)

#: A contact verb's form that tells nobody to contact anyone: the third-person
#: "-s" form (a plural noun in "images and files"), and "try" of an action
#: ("try restarting the service"), not of a place ("try the helpline").
#: Verbs of filling in a form: a hand-off only when the form sits on a website.
_FORM_VERB = re.compile(r"fill(?:s|ing|ed)?\s+(?:in|out)|complet(?:e|es|ed|ing)", re.IGNORECASE)
#: ... said as a step for them ("fill in", "completing"), not a report ("you completed it").
_FORM_STEP_VERB = re.compile(r"fill(?:ing)?\s+(?:in|out)|complet(?:e|ing)", re.IGNORECASE)
#: A form on our website, an online or web form: the matter sent to a channel of its
#: own ("the form on our website", "the online request form"), not a paper for us.
_FORM_ELSEWHERE = re.compile(
    r"\s+(?:the|our|an?)\s+(?:[\w-]+\s+){0,2}?(?:(?:online|web|website|internet)\s+"
    r"(?:[\w-]+\s+){0,2}?form|web-?form|e-form)\b"
    r"|\s+(?:the|our|an?)\s+(?:[\w-]+\s+){0,3}?form\s+(?:on|at|via|through|in)\s+(?:the|our)\s+"
    r"(?:[\w-]+\s+)?(?:website|web\s*site|site|portal|app|help\s+cent(?:re|er)|web\s*page|"
    r"support\s+page)\b"
    r"|\s+(?:the|our|an?)\s+(?:[\w-]+\s+){0,3}?form\s+(?:on|at)\s+(?:https?://|www\.)",
    re.IGNORECASE,
)
#: Forms that are a step of the customer's own visit or stay, not a request sent off.
_FORM_AS_STEP = re.compile(
    r"\b(?:check-?in|consent|health|medical|pre-?(?:arrival|visit|appointment|registration)|intake)\b",
    re.IGNORECASE,
)
#: "... before you arrive", "ahead of your appointment": a step timed to an event.
_BEFORE_AN_EVENT = re.compile(
    r"[^.;!?]{0,60}?\b(?:before|ahead\s+of|prior\s+to|in\s+advance\s+of)\s+(?:you|your|the)\b",
    re.IGNORECASE,
)
_NOT_A_CONTACT_FORM = re.compile(
    r"[a-z]+(?<!s)s\b|tr(?:y|ied|ying|ies)\s+(?:\w+ing|to|again|it|this|that|and|once|"
    r"(?:a|an)\s+(?:different|new|fresh|hard|soft|quick|full))\b"
    # "try them on again", "try the boots on for size": a fitting, no one to contact
    r"|tr(?:y|ied|ying|ies)\s+(?:it|them|these|those|(?:the|your)\s+[\w-]+)\s+on"
    r"(?=\s+(?:again|for|once|and|at\s+home|now|before|first)\b|\s*[.,;!]|\s*$)"
    # "use the invoice number as the reference": a value to enter, no one to contact
    r"|use\s+(?:the|your|this|that|our)\s+(?:[\w-]+\s+){0,2}?(?:number|reference|code|name|address|"
    r"e-?mail|id|password|date)\s+as\b"
    # "please use the campus VPN client instead", "rejoin using your full NetID@... address",
    # "use your college ID rather than your email": a tool or credential to do the step
    # with, whatever party noun stands before it as a modifier ("campus", "office",
    # "library"); not "your bank's app" (another party's own channel)
    r"|us(?:e|ing)\s+(?:the|your|a|an|this|that|our|my)\s+(?:(?![\w@.-]*'s\b)[\w@.'-]+\s+){0,3}?"
    r"(?:client|app|application|browser|software|program|programme|installer|password|passcode|"
    r"pin|login|log-in|username|user\s+name|credentials|[\w-]*id|address|card|key|cable|charger|"
    r"adapter|plug|socket|connection|version|driver|link|button|shortcut|device|laptop|computer|"
    r"pc|profile|certificate|token|vpn|wi-?fi)"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:to|for|rather|instead|and|or|when|while|on|in|with|from|as|if|"
    r"so|until|each|every|not)\b)"
    # "try the same steps on a lab PC": steps to repeat, no one to contact
    r"|tr(?:y|ied|ying|ies)\s+(?:(?:the|these|those|this|that|your|my|our)\s+)?(?:same\s+|above\s+|"
    r"following\s+|previous\s+)?(?:steps?|fix(?:es)?|instructions|workaround|solution|method|"
    r"procedure|process|trick|suggestions?)\b"
    # "you can use them on the Lumina": points or vouchers spent on a thing
    r"|us(?:e|ed|ing)\s+(?:them|it|these|those|both|all\s+of\s+them)\s+(?:on|towards?|against|"
    r"in|at\s+checkout)\b"
    # "get onto the guest network", "get on to the 9:40 ferry": a place or system to
    # join, not someone to contact (as "get onto your local club" is)
    r"|g(?:et|ets|etting|ot)\s+on(?:to|\s+to)\s+(?:the|your|a|an|our|their|this|that)\s+"
    r"(?:[\w@.:'-]+\s+){0,3}?(?:network|wi-?fi|wifi|site|website|portal|app|platform|server|vpn|"
    r"system|train|bus|coach|ferry|plane|flight|boat|ship|list|waiting\s+list|waitlist|call|page|"
    r"roof|ladder|course|plan|tariff|road|motorway|floor|stage|pitch|track|grid|meter|register|"
    r"rota|scheme)\b",
    re.IGNORECASE,
)
#: A passive or perfect before a contact verb: a report of what was done.
_REPORTED_BEFORE = re.compile(
    r"\b(?:been|was|were)\s+(?:\w+ly\s+|already\s+|now\s+|just\s+|also\s+)?"
    # "has been duly noted and | passed to the relevant department": done, by us
    r"(?:\w+ed\s+and\s+(?:\w+ly\s+)?)?$",
    re.IGNORECASE,
)

_NOUN_BEFORE = re.compile(
    r"\b(?:by|via|an?|the|your|our|their|per|through|over|of|in|on|for)\s+$", re.IGNORECASE
)

_OFFER_BEFORE = re.compile(
    r"\b(?:happy|glad|able|like|love|offer|pleased|willing|(?<!feel\s)free)\s+to\s+$", re.IGNORECASE
)

_DONT = re.compile(r"\b(?:don't|do\s+not|never)\b", re.IGNORECASE)

_WILL = re.compile(r"\b(?:will|'ll)\b", re.IGNORECASE)

_NO_ACTION_NEEDED = re.compile(
    r"\bno\s+(?:action|further\s+action)\s+is\s+(?:needed|required)\b", re.IGNORECASE
)


# --------------------------------------------------------------------- the policy


@dataclass(frozen=True)
class UrgentPolicy:
    vague: VagueFollowup
    deflection: Deflection
    late: LateNoAck
    next_step: NoNextStep
    #: At most `max_chars` of the author's text are read (pack param `max_chars`
    #: of urgent.no-next-step).  The rules are linear and pasted machine output is
    #: skipped, so the whole of a 100 KB reply is judged inside the time budget; a
    #: violation in a long reply's tail is still found.  The bound is for absurd
    #: sizes only.
    max_chars: int = 200_000
    name: str = "urgent"

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text[: self.max_chars]
        # pasted logs and command output are not the author's prose (same offsets)
        norm = mask_machine_text(normalise(text))
        cls = analyse(norm)
        if self.late.spec.enabled:
            yield from self.late.check(reply, text, norm)
        if not cls:
            return
        if self.vague.spec.enabled:
            yield from self.vague.check(text, norm, cls)
        if self.deflection.spec.enabled:
            yield from self.deflection.check(text, norm, cls)
        if self.next_step.spec.enabled:
            yield from self.next_step.check(text, norm, cls)


def _person_verbs(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """The phrases of contacting a person, every inflection ("raise this with",
    "spoke to"), matched where a contact verb was found; the object follows."""
    forms = {f for p in phrases if p.strip() for f in _inflect(p.strip().lower())}
    if not forms:
        return None
    return re.compile(r"(?:" + trie_alternation(forms) + r")\b", re.IGNORECASE)


_PARTICIPLES = {
    "send": "sent", "resend": "resent", "re-send": "re-sent", "give": "given", "tell": "told",
    "write": "written", "get": "got", "do": "done", "take": "taken", "hear": "heard",
    "forward": "forwarded", "ship": "shipped", "pay": "paid", "put": "put", "set": "set",
}


def _gerunds(verbs: Iterable[str]) -> list[str]:
    """ "contacting", "sending": the -ing form of every one-word follow-up verb,
    for the progressive future ("they'll be contacting you")."""
    out = set()
    for v in verbs:
        if not re.fullmatch(r"[a-z][a-z-]*", v):
            continue
        if v.endswith("e") and not v.endswith("ee"):
            out.add(v[:-1] + "ing")
        elif _CVC.fullmatch(v) and len(v) <= 4:
            out.add(v + v[-1] + "ing")
        else:
            out.add(v + "ing")
    return sorted(out, key=len, reverse=True)


def _passives(verbs: Iterable[str]) -> list[str]:
    """ "be provided", "be shared", "be sent": the passive of every one-word
    follow-up verb of the pack, so "An update will be provided" is a promise
    as much as "we'll provide an update"."""
    out = set()
    for v in verbs:
        if not re.fullmatch(r"[a-z][a-z-]*", v):
            continue
        if v in _PARTICIPLES:
            part = _PARTICIPLES[v]
        elif v.endswith("e"):
            part = v + "d"
        elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
            part = v[:-1] + "ied"
        else:
            part = v + "ed"
        out.add(part)
    return [r"be\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(out, key=len, reverse=True)) + r")"]


#: Patterns that open with one of these noun phrases are tried only near a head noun.
_PLACE_LED = ("{party}", "{other}", "{channel}")


def build(pack: Pack) -> UrgentPolicy:
    vague = pack.rule("urgent.vague-followup")
    followup = _list(vague, "followup_verbs", _DEFAULT_FOLLOWUP_VERBS)
    defl = pack.rule("urgent.deflection")
    redirect = _list(defl, "redirect_patterns")
    contact = _list(defl, "contact_verbs", _DEFAULT_CONTACT_VERBS)
    party_nouns = _list(defl, "party_nouns", _DEFAULT_PARTY_NOUNS)
    channel_nouns = _list(defl, "channel_nouns", _DEFAULT_CHANNEL_NOUNS)
    places = {
        "{party}": party_pattern(party_nouns, contacts=False),
        "{other}": party_pattern(party_nouns, ours=False, contacts=False),
        "{channel}": channel_pattern(channel_nouns),
        "{named}": _NAMED,
    }

    def expand(pattern: str) -> str:
        for key, value in places.items():
            pattern = pattern.replace(key, value)
        return pattern

    late = pack.rule("urgent.late-no-acknowledgement")
    acks = _list(late, "acknowledgement_patterns", [])
    try:
        redirect_re = WordDispatch(
            [expand(p) for p in redirect],
            gated=[p.lstrip("(?:").startswith(_PLACE_LED) for p in redirect],
            heads=[*party_nouns, *channel_nouns],
        )
        ack_re = re.compile("|".join(f"(?:{p})" for p in acks), re.I) if acks else None
    except re.error as exc:
        raise PackError(f"urgent rules: a pattern does not compile: {exc}") from None
    deflection = Deflection(
        defl,
        redirect_re,
        re.compile(
            r"\b(?:" + trie_alternation(f for c in contact for f in _inflect(c)) + r")\b",
            re.IGNORECASE,
        ),
        re.compile(party_pattern(party_nouns), re.IGNORECASE),
        re.compile(places["{channel}"], re.IGNORECASE),
        _person_verbs(_list(defl, "party_contact_verbs", _DEFAULT_PARTY_CONTACT_VERBS)),
    )
    not_followup = NotFollowup.build(
        _list(vague, "system_subjects", _DEFAULT_SYSTEM_SUBJECTS),
        _list(vague, "automatic_messages", _DEFAULT_AUTOMATIC_MESSAGES),
        _list(vague, "immediate_words", _DEFAULT_IMMEDIATE_WORDS),
        _list(vague, "sanction_verbs", _DEFAULT_SANCTION_VERBS),
        _list(vague, "record_nouns", _DEFAULT_RECORD_NOUNS),
    )
    return UrgentPolicy(
        vague=VagueFollowup(
            vague,
            _compile_alternatives(
                vague, "followup_verbs", [*followup, *_passives(followup), *_gerunds(followup)]
            ),
            not_followup,
        ),
        deflection=deflection,
        late=LateNoAck(
            late,
            timedelta(hours=_number(late, "target_hours", 24)),
            timedelta(hours=_number(late, "urgent_target_hours", 4)),
            ack_re,
        ),
        next_step=NoNextStep(pack.rule("urgent.no-next-step"), deflection),
        max_chars=int(_number(pack.rule("urgent.no-next-step"), "max_chars", 200_000)),
    )


# The patterns above that try many words at each word start, behind a look-ahead for
# their first words (`language.with_start_guard`): the same matches, found faster
# (chosen by timing each with and without it on the corpus replies).
for _name in (
    "_OUR_DESK", "_REACHES_CUSTOMER", "_RECEIPT", "_NOT_THE_CAUSE", "_GREETING",
    "_PRESENT_PROMISE", "_LET_ME", "_TRACKING", "_PROBLEM_DELAY",
):
    globals()[_name] = with_start_guard(globals()[_name])
del _name
