"""Be Urgent: acknowledge, say what happens next, say when.

Four rules, each decided from the structure of the author's words rather than
from fixed sentences:

- `urgent.vague-followup`: a clause in which WE (or a named third party) promise
  a future action, whose only timing is vague ("soon", "once the vendor replies")
  or absent, in a reply with no concrete, forward-looking time anywhere
  (`policies.timeexpr`).
- `urgent.deflection`: the customer is sent to another party or channel
  (contact your bank, raise a ticket in the portal, X is handled by Y) and no
  clause says what WE are doing (our own action as subject: future, in progress
  or done).
- `urgent.late-no-acknowledgement`: the reply goes out after the response target
  and no sentence acknowledges the wait (an apology about the problem is not an
  acknowledgement of the delay).
- `urgent.no-next-step`: no clause moves anything forward: no action of ours
  ahead or in progress, no step for the customer, nothing scheduled to happen.

Vocabulary (verbs of following up, of contacting, stative verbs) is generic and
lives in the pack where an organisation may want to extend it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from policies.base import make_finding
from policies.language import (
    Actor,
    Span,
    actor_of,
    clauses,
    find_negation,
    imperative_verb,
    is_request,
    normalise,
    sentences,
)
from policies.pack import Pack, PackError
from policies.timeexpr import TimeKind, find_times
from policies.types import Finding, Reply, RuleSpec

# --------------------------------------------------------------------- shared analysis


@dataclass(frozen=True, slots=True)
class Clause:
    sentence: Span
    span: Span
    actor: Actor
    negated: bool
    request: bool


_GREETING = re.compile(
    r"(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|morning|afternoon)\b"
    r"[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:(?:kind(?:est)?|best|warm(?:est)?|many|with)?\s*(?:regards|wishes|thanks|thank\s+you|"
    r"cheers|sincerely|best|all\s+the\s+best|take\s+care|speak\s+soon|talk\s+soon|ta)"
    r"(?:\s+again)?[,.!]*)$",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"(?:[A-Z][\w'.\-]*)(?:\s+[A-Z][\w'.\-]*){0,3}\s*,?$")


def _is_furniture(sent: Span) -> bool:
    """Greetings, sign-offs and name lines: not part of what the reply says."""
    t = sent.text.strip()
    if _GREETING.match(t) and len(t) < 50:
        return True
    if _SIGN_OFF.match(t):
        return True
    return bool(_NAME_LINE.fullmatch(t)) and len(t) < 40


def analyse(text: str) -> list[Clause]:
    """Every clause of the author's text with who acts, negation and request-ness."""
    out: list[Clause] = []
    for sent in sentences(text):
        if _is_furniture(sent):
            continue
        for cl in clauses(text, sent.start, sent.end):
            out.append(
                Clause(
                    sentence=sent,
                    span=cl,
                    actor=actor_of(text, cl.start, cl.end),
                    negated=find_negation(text, cl.start, cl.end) is not None,
                    request=is_request(text, cl.start, cl.end),
                )
            )
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
    r"|personally\s+|right\s+now\s+)?(?P<verb>[a-z]+ing)\b",
    re.IGNORECASE,
)
#: Perfect or simple past of an action: "I've opened", "I rang", "we have sent".
_PERFECT = re.compile(
    r"\b(?:have|has|'ve|had)\s+(?:now\s+|just\s+|already\s+|also\s+|personally\s+)?"
    r"(?P<verb>[a-z]+(?:ed|en|t|un|ung|one|ook|ade|ent|ote|oke|ave|ound|ew|ought|aught|old|ot))\b",
    re.IGNORECASE,
)
_SIMPLE_PAST = re.compile(
    r"\b(?:i|we)\s+(?:also\s+|just\s+|already\s+|personally\s+)?"
    r"(?P<verb>[a-z]+ed|sent|rang|wrote|spoke|called|gave|told|took|made|put|set|got|forwarded|"
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
    wondering thinking feeling understanding appreciating noted receiving received
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
_OTHER_SUBJECT = re.compile(r"\b(?:you|they|it|he|she|this|that|which|who)\b", re.IGNORECASE)


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
            verb = m.group("verb").lower()
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
    "come back",
    "come (?:out|round|over)",
    "circle back",
    "follow[ -]up",
    "let you know",
    "let (?:you|them) know",
    "keep (?:you|them) (?:posted|updated|informed|in the loop)",
    "be in touch",
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
    "have a look",
    "take a look",
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
    "investigated|looked at|handled|scheduled|repaired|replaced|delivered|posted|emailed|called)",
]

#: Any look-ahead: enough, with a vague time word, to make it a vague promise.
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|shall|should|would|going\s+to|gonna|hope|hoping|expect|aim|plan|intend|"
    r"(?:is|are)\s+being|to\s+be|can|promise)\b|'ll\b",
    re.IGNORECASE,
)
#: The customer's own outcome as the condition: "if it still fails, I'll ...".
_CUSTOMER_CONDITION = re.compile(
    r"\b(?:if|should|in\s+case)\s+(?:you|it\s+(?:still|doesn't|does\s+not|happens|fails|"
    r"recurs|comes)|that\s+(?:doesn't|does\s+not|fails)|this\s+(?:doesn't|does\s+not|fails|"
    r"happens)|the\s+(?:problem|issue|error|fault)\s+(?:persists|comes\s+back|returns|"
    r"recurs|continues))\b",
    re.IGNORECASE,
)
_AFTER_MODAL = re.compile(
    r"\s*(?:\w+ly\s+|also\s+|then\s+|now\s+|still\s+|just\s+|try\s+(?:to\s+|and\s+)?|"
    r"personally\s+|definitely\s+|certainly\s+|aim\s+to\s+)?",
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


@dataclass(frozen=True)
class VagueFollowup:
    spec: RuleSpec
    followup: re.Pattern[str]

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        times = find_times(norm)
        if any(t.kind is TimeKind.CONCRETE for t in times):
            return
        vague = [t.span for t in times if t.kind is TimeKind.VAGUE]
        reported: list[tuple[int, int]] = []
        no_time: Clause | None = None
        for cl in cls:
            s, e = cl.span.start, cl.span.end
            if cl.actor is Actor.YOU and cl.request:
                continue  # "send it whenever you can": the customer's timing
            promise = self._promise(norm, cl)
            in_clause = [v for v in vague if s <= v.start and v.end <= e]
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

    def _promise(self, norm: str, cl: Clause) -> bool:
        """A future action by us or a third party on the customer's matter."""
        s, e = cl.span.start, cl.span.end
        if cl.negated or cl.actor is Actor.NONE:
            return False
        if cl.actor is Actor.YOU and not _HEAR_FROM_US.search(norm, s, e):
            return False  # the customer's own action; "you'll hear from us" is ours
        if cl.actor is Actor.WE:
            m = _LET_ME.search(norm, s, e)
            if m and self.followup.match(norm, m.start("verb"), e):
                return True
            if _COME_BACK.search(norm, s, e):
                return True
        for m in _FUTURE.finditer(norm, s, e):
            nxt = _AFTER_MODAL.match(norm, m.end(), e)
            if nxt and self.followup.match(norm, nxt.end(), e):
                # "the committee will forward it to ...": a process, not a promise to them
                return cl.actor is not Actor.OTHER or bool(_TO_CUSTOMER.search(norm, s, e))
        return False


# --------------------------------------------------------------------- deflection

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
    r"|\b(?:email|ring|phone|message|text)\s+(?:me|us)\b|\bcheck\s+(?:whether|if|that|the|your)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deflection:
    spec: RuleSpec
    redirect: re.Pattern[str]
    contact: re.Pattern[str]

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        if any(_our_action(norm, cl) for cl in cls):
            return
        for cl in cls:
            hit = self._redirect(norm, cl)
            if hit is not None:
                start, end = cl.span.start, cl.span.end
                while end > start and text[end - 1] in ".!?;,":
                    end -= 1
                yield make_finding(self.spec, text, start, end)
                return

    def _redirect(self, norm: str, cl: Clause) -> Span | None:
        s, e = cl.span.start, cl.span.end
        for m in self.redirect.finditer(norm, s, e):
            if _negated_before(norm, cl, m.start()):
                continue
            if _WE_SUBJECT.match(norm, s, e) and not _WE_OR_NOT.match(m.group()):
                continue  # "I'll raise a case with them": our action, not a hand-off
            if _OFFER_BEFORE.search(norm, max(s, m.start() - _SCOPE), m.start()):
                continue  # "happy to go through it with your team": our offer
            if (
                _NAVIGATION.match(norm, m.end(), e)
                or _GO.match(m.group())
                and (imperative_verb(norm, s, e) or Span("", -1, -1)).start == m.start()
            ):
                continue  # "Go to Settings > Billing": navigation, not a hand-off
            return Span(m.group(), m.start(), m.end())
        # The customer is told to go somewhere: a request/imperative (or advice)
        # whose verb is a contacting verb and whose object is not us.
        if cl.actor is Actor.YOU or cl.request or _ADVICE.search(norm, s, e):
            for cm in self.contact.finditer(norm, s, e):
                if _negated_before(norm, cl, cm.start()):
                    continue
                if _NOT_REDIRECT_CONTEXT.match(norm, cm.start(), e):
                    continue
                if not _verb_position(norm, cl, cm.start()):
                    continue  # "you'll get it by email": a noun, not the customer's action
                after = norm[cm.end() : e]
                if _NAVIGATION.match(after) and _NAV_VERB.match(cm.group()):
                    continue  # "go to Settings > Billing": a step in our product
                if _US.match(after):
                    continue
                if not _OTHER_PARTY.search(after[:120]) and not _CHANNEL.search(after[:120]):
                    continue
                return Span(cm.group(), cm.start(), cm.end())
        return None


_NAVIGATION = re.compile(
    r"[^.;]{0,40}(?:\s>\s|\b(?:settings|page|menu|tab|screen|app|dashboard|"
    r"section|option|options|steps|list|folder|file|setup|wizard)\b)",
    re.IGNORECASE,
)
_VERB_OPENER = re.compile(
    r"(?:\b(?:please|kindly|pls|just|to|and|or|then|try|tried|trying|you|suggest|recommend|"
    r"advise|best|could|can|would|will|should|must|'ll|need|needs|have|has|first|also|"
    r"simply|directly)\s+(?:\w+\s+)?)$|^\s*$",
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


_ADVICE = re.compile(
    r"\b(?:i'd|i\s+would|we'd|we\s+would)\s+(?:suggest|recommend|advise)\b|\bbest\s+to\b"
    r"|\bhave\s+you\s+tried\b|\byou\s+(?:may|might|could|can|should|will|'ll|would)\b"
    r"|\byou(?:'ll|\s+will)?\s+need\s+to\b|\byou\s+have\s+to\b|\bit's\s+best\b",
    re.IGNORECASE,
)
#: Who or what the customer is sent to: another organisation, person or channel.
_OTHER_PARTY = re.compile(
    r"\b(?:your|their|the|an?|our|his|her)\s+(?:[\w'\-]+\s+){0,4}?(?:bank|provider|admin|"
    r"administrator|administrators|it|helpdesk|help\s+desk|service\s+desk|manager|publisher|"
    r"retailer|reseller|resellers|landlord|operator|carrier|courier|insurer|vendor|supplier|"
    r"airline|hotel|agency|office|department|dept|team|council|gp|surgery|branch|company|"
    r"partner|desk|school|university|employer|accountant|pharmacy|store|shop|seller|"
    r"merchant|dealer|distributor|installer|technician|engineer|network|isp|registrar|host|"
    r"developer|maintainer|authority|officer|representative|rep|switchboard|helpline|hotline|"
    r"line|queue|owner|organisation|organization|contact|person|people|staff|agent|broker|"
    r"embassy|consulate|police|doctor|clinic|hospital|practice|faculty|library|registry|"
    r"point|counter|centre|center)\b"
    r"|\b(?:them|him|her)\b|[\w.\-]+@[\w.\-]+|\b\d[\d ]{6,}\d\b",
    re.IGNORECASE,
)
_CHANNEL = re.compile(
    r"\b(?:portal|forum|community|discord|slack|reddit|github|issue\s+tracker|knowledge\s*base|"
    r"faq|help\s+cent(?:re|er)|docs|documentation|website|web\s+site|site|form|ticket|"
    r"self-service|hotline|helpline|switchboard|number|app\s+store|marketplace)\b"
    r"|https?://\S+",
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

_DELAY_ACK_DEFAULT = [
    r"(?:sorry|apolog\w*|regret)\b[^.!?\n]{0,60}\b(?:delay(?:ed)?|wait(?:ing)?|slow|late|"
    r"long(?:er)?|belated|silence|sooner|earlier|getting\s+back|get\s+back|reply(?:ing)?|"
    r"respond(?:ing)?|response|kept\s+you)",
    r"\b(?:thanks?|thank\s+you|grateful)\b[^.!?\n]{0,40}\b(?:patience|patient|waiting|"
    r"bearing\s+with|bear\s+with)\b",
    r"\b(?:took|taken|taking)\b[^.!?\n]{0,40}\b(?:longer|so\s+long|a\s+while|too\s+long|"
    r"ages|some\s+time)\b",
    r"\b(?:slow|late|belated|delayed)\s+(?:reply|response|answer)\b",
    r"\bkeep(?:ing)?\s+you\s+waiting\b|\bkept\s+you\s+waiting\b",
    r"\b(?:should|could)\s+have\s+(?:replied|answered|responded|written|got(?:ten)?\s+back|"
    r"come\s+back)\b",
    r"\bonly\s+(?:now|just)\s+(?:getting|got|replying|answering)\b",
]
#: "sorry for the delay to your parcel": the delay of the problem, not of us.
_PROBLEM_DELAY = re.compile(
    r"\bdelay(?:s|ed)?\s+(?:to|of|with|on|in)\s+(?:your|the)\s+(?!reply|response|answer)",
    re.IGNORECASE,
)


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
    acks: re.Pattern[str]

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
        for m in self.acks.finditer(norm):
            if not _PROBLEM_DELAY.search(norm, m.start(), min(len(norm), m.end() + 40)):
                return
        sents = [s for s in sentences(text) if not _is_furniture(s)]
        first = sents[0] if sents else Span(text, 0, len(text))
        yield make_finding(
            self.spec,
            text,
            first.start,
            first.end,
            delay=_fmt_delay(delay),
            target=_fmt_hours(target.total_seconds() / 3600),
        )


# --------------------------------------------------------------------- no next step

_PLEASANTRY = re.compile(
    r"\s*(?:please\s+)?(?:have\s+a\s+(?:great|good|nice|lovely|wonderful)|take\s+care|stay\s+safe|"
    r"enjoy|hope\s+this\s+helps|let\s+(?:me|us)\s+know\s+if\s+(?:you\s+(?:have|need)|there's|"
    r"there\s+is|i\s+can|we\s+can)\s+(?:any|anything)|(?:please\s+)?(?:do\s+not|don't)\s+"
    r"hesitate|feel\s+free\s+to\s+(?:contact|reach|get\s+in\s+touch|reply)|please\s+(?:note|accept"
    r"|be\s+assured|rest\s+assured)|rest\s+assured|bear\s+with|thanks|thank\s+you|many\s+thanks|"
    r"cheers|welcome)",
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
    r"|\b(?:is|are|has\s+been|have\s+been|'s)\s+(?:now\s+|all\s+)?(?:fixed|resolved|restored|"
    r"live|unlocked|back\s+(?:up|online|to\s+normal)|working(?:\s+again)?|done|sorted|"
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


@dataclass(frozen=True)
class NoNextStep:
    spec: RuleSpec
    deflection: Deflection | None = None

    def check(self, text: str, norm: str, cls: list[Clause]) -> Iterator[Finding]:
        if not cls:
            return  # nothing of the author's: reply.empty's business
        for cl in cls:
            if self._forward(norm, cl):
                return
            if self.deflection is not None and self.deflection._redirect(norm, cl):
                return  # the reply sends them somewhere: urgent.deflection judges that
        first = cls[0].sentence
        last = cls[-1].sentence
        end = last.end if last.end - first.start <= 300 else first.end
        yield make_finding(self.spec, text, first.start, end)

    @staticmethod
    def _forward(norm: str, cl: Clause) -> bool:
        s, e = cl.span.start, cl.span.end
        if _our_action(norm, cl, past=False):
            return True
        if not cl.negated and (
            _RESOLVED.search(norm, s, e)
            or _CAN_ACT.search(norm, s, e)
            or _PATH_OR_LINK.search(norm, s, e)
        ):
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
        if cl.actor is not Actor.YOU and not cl.negated and _SCHEDULED.search(norm, s, e):
            return True
        return bool(_NO_ACTION_NEEDED.search(norm, s, e))


# --------------------------------------------------------------------- inline patterns

_NEXT_WORD = re.compile(
    r"\s*(?:\w+ly\s+|also\s+|then\s+|now\s+|still\s+|just\s+)?([a-z']+)", re.IGNORECASE
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

_NOUN_BEFORE = re.compile(
    r"\b(?:by|via|an?|the|your|our|their|per|through|over|of|in|on|for)\s+$", re.IGNORECASE
)

_OFFER_BEFORE = re.compile(
    r"\b(?:happy|glad|able|like|love|offer|pleased|willing|free)\s+to\s+$", re.IGNORECASE
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
    #: Only the first `max_chars` of the author's text are read clause by clause
    #: (pack param `max_chars` of urgent.no-next-step): keeps a pasted 100 KB log
    #: inside the time budget; a support reply's substance comes first.
    max_chars: int = 20_000
    name: str = "urgent"

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text[: self.max_chars]
        norm = normalise(text)
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


def build(pack: Pack) -> UrgentPolicy:
    vague = pack.rule("urgent.vague-followup")
    followup = _list(vague, "followup_verbs", _DEFAULT_FOLLOWUP_VERBS)
    defl = pack.rule("urgent.deflection")
    redirect = _list(defl, "redirect_patterns")
    contact = _list(defl, "contact_verbs", _DEFAULT_CONTACT_VERBS)
    late = pack.rule("urgent.late-no-acknowledgement")
    acks = _list(late, "acknowledgement_patterns", _DELAY_ACK_DEFAULT)
    try:
        redirect_re = re.compile("|".join(f"(?:{p})" for p in redirect) or r"(?!x)x", re.I)
        ack_re = re.compile("|".join(f"(?:{p})" for p in acks), re.I)
    except re.error as exc:
        raise PackError(f"urgent rules: a pattern does not compile: {exc}") from None
    deflection = Deflection(
        defl,
        redirect_re,
        re.compile(
            r"\b(?:" + _words_re(f for c in contact for f in _inflect(c)) + r")\b",
            re.IGNORECASE,
        ),
    )
    return UrgentPolicy(
        vague=VagueFollowup(vague, _compile_alternatives(vague, "followup_verbs", followup)),
        deflection=deflection,
        late=LateNoAck(
            late,
            timedelta(hours=_number(late, "target_hours", 24)),
            timedelta(hours=_number(late, "urgent_target_hours", 4)),
            ack_re,
        ),
        next_step=NoNextStep(pack.rule("urgent.no-next-step"), deflection),
        max_chars=int(_number(pack.rule("urgent.no-next-step"), "max_chars", 20_000)),
    )
