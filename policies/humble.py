"""Be Humble: don't pre-judge, don't shift blame -- it could be our mistake.

* `humble.blame` -- the fault is put on the customer, their people or a
  partner: a fault label aimed at them ("user error", "that's on you", "the
  mistake was your manager's"), a customer-side subject with an error
  predicate ("your team didn't update the card", "the pharmacy entered the
  dose incorrectly"), a speculation that assigns the cause ("someone at your
  reception will have deleted it", "you must have misconfigured"), or a
  customer-side action given as the cause of a failure ("the sensors fell
  because your technicians mounted them on painted surfaces").
* `humble.prejudge` -- our side is cleared before the cause is known: "this is
  not a bug", "nothing wrong with our system", "it works on our end, so it
  can't be us", "our gateway never drops messages", "it'll be your connection".

Structure decides, the pack gives the vocabulary.  What clears a sentence:

* negation over the fault ("it's not your fault", "you didn't break
  anything", "none of this is down to you", "this isn't user error");
* ownership in the same sentence ("that's on us", "our form should have
  caught it", "poor design on our part");
* openness to our side ("it could still be our load balancer, so we're
  checking it too", "I can't rule out our sync client") -- in the same
  sentence for fault labels and for prejudgements (after the claim: "I haven't
  looked yet, but it isn't us" is still a prejudgement), anywhere in the reply
  for a diagnosis that points at the customer;
* questions ("could someone have changed the setting?"), conditional
  instructions ("if you skip step 3, ..."), the customer's own words in quotes.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from policies.base import make_finding
from policies.language import (
    EXCLAMATIVE_BEFORE,
    Found,
    PhraseIndex,
    Span,
    author_view,
    clauses,
    compile_phrases,
    imperative_verb,
    is_negated,
    is_question,
    sentences,
    span_of,
    trie_alternation,
    with_start_guard,
)
from policies.pack import Pack, PackError
from policies.types import Finding, Reply, RuleSpec

_Pattern = re.Pattern[str]

#: "Thank you" just before a party word: "you" is thanked for what they did
#: ("Thank you for flagging the wrong price"), not named as its doer.
_THANKED = re.compile(r"\bthank(?:-|\s+)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Family:
    """One phrase family of the pack: its scan key and its regex (for windows)."""

    key: str
    patterns: tuple[str, ...]
    #: looked up in the one-pass scan (False: only ever searched in short windows)
    scanned: bool = True

    @functools.cached_property
    def regex(self) -> _Pattern | None:
        """The family as one regex, compiled when first needed: a scanned family
        is found by the scan and needs it only for text cut from the reply."""
        return compile_phrases(self.patterns, f"rules.{self.key.replace('/', '.')}")


#: The text being checked and its one-pass phrase scan.  Set for the duration
#: of `HumblePolicy.check` (a context variable: safe across threads and tasks);
#: lookups on any other string (a window cut from the text) use the regex.
_SCAN: contextvars.ContextVar[tuple[str, Found, str] | None] = contextvars.ContextVar(
    "humble_scan", default=None
)


def _phrases(spec: RuleSpec, key: str, scanned: bool = True) -> _Family:
    value = spec.params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of phrases")
    family = _Family(f"{spec.id}/{key}", tuple(value), scanned)
    if not scanned:
        try:
            family.regex  # noqa: B018 - compiled (and checked) now; the scan checks the rest
        except ValueError as exc:
            raise PackError(str(exc)) from None
    return family


#: A denial just before an ownership phrase: "not on us", "isn't our fault",
#: "never really our doing" (but "not entirely on us" owns a part).
_DENIED_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\bnor)\s+(?:(?!(?:just|only|entirely|all|solely|wholly|"
    r"completely|fully)\b)\w+\s+)?$",
    re.IGNORECASE,
)


def _any(fam: _Family, text: str, start: int, end: int) -> re.Match[str] | None:
    scan = _SCAN.get()
    if fam.scanned and scan is not None and scan[0] is text:
        return scan[1].first(fam.key, start, end)
    return fam.regex.search(text, start, end) if fam.regex is not None else None


def _has(text: str, start: int, end: int, *needles: str) -> bool:
    """Does `text[start:end]` contain any of the lower-case `needles`?  A cheap
    gate (a substring search) before a regex that would scan every character."""
    scan = _SCAN.get()
    low = scan[2] if scan is not None and scan[0] is text else text.lower()
    return any(low.find(n, start, end) >= 0 for n in needles)


def _iter(fam: _Family, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    scan = _SCAN.get()
    if fam.scanned and scan is not None and scan[0] is text:
        return iter(scan[1].within(fam.key, start, end))
    return fam.regex.finditer(text, start, end) if fam.regex is not None else iter(())


#: What a supplier does to a customer's thing: sent, shipped, routed, billed.
#: A careless passive of these blames whoever serves them, most likely us.
_SERVICE_ACT = re.compile(
    r"\b(?:sent|shipped|delivered|routed|re-?routed|misrouted|dispatched|forwarded|posted"
    r"|charged|billed|invoiced|processed|loaded|unloaded|transferred|redirected|mislabell?ed|misdirected"
    r"|left\s+off|left\s+behind|packed|picked|mislaid|misplaced"
    r"|collected|picked\s+up|dropped\s+off|handled|booked|cancell?ed|refunded|allocated|assigned)\b",
    re.IGNORECASE,
)
#: An emphatic "did" after the subject grants the act ("you did call us").
_EMPHATIC_DID = re.compile(r"\s+did\s+(?!not\b|n't\b)[a-z]+", re.IGNORECASE)
_SO_LINK = re.compile(r"\b(?:so|therefore|hence|which\s+means|meaning|thus)\b", re.IGNORECASE)


def _clause_at(text: str, cls: Sequence[Span], pos: int) -> Span:
    i = _bisect_spans(cls, pos)
    if 0 <= i < len(cls) and cls[i].start <= pos < cls[i].end:
        return cls[i]
    return cls[i] if 0 <= i < len(cls) else (cls[-1] if cls else Span("", pos, pos))


def _bisect_spans(cls: Sequence[Span], pos: int) -> int:
    lo, hi = 0, len(cls)
    while lo < hi:
        mid = (lo + hi) // 2
        if cls[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


#: First-person words: a clause whose first person-reference is one of these
#: is about us, not the customer.
#: What follows is a check still to be made, not a claim: "I'll check at 09:00
#: that the download works from our side", "we're testing whether it works for us".
#: How far a claim is read for a pending check around it (bounded: linear cost).
_CLAIM_SPAN = 200
_CLAUSE_MARK = re.compile(r"[,;]")


def _claim_end(text: str, start: int, end: int) -> int:
    """Where the clause-like stretch of a claim starting at `start` ends (the next
    comma or semicolon, else `end`)."""
    m = _CLAUSE_MARK.search(text, start, end)
    return m.start() if m else end


_TO_BE_CHECKED = re.compile(
    r"(?:(?:'ll|\bwill|\bshall|\bgoing\s+to|\bto|\blet\s+(?:me|us))\s+(?:also\s+|then\s+|still\s+|"
    r"now\s+|personally\s+|first\s+)?(?:check|confirm|verify|test|make\s+sure|ensure|see|find\s+out|"
    r"double-check)|\b(?:checking|confirming|verifying|testing))\b"
    r"(?:[^.;:!?]|(?<=\d)[.:](?=\d)){0,60}?\b(?:that|whether|if)\b"
    r"(?:[^.;:!?]|(?<=\d)[.:](?=\d)){0,60}$",
    re.IGNORECASE,
)

_FIRST_PERSON = re.compile(
    r"(?<![\w'])(?:we|we're|we've|we'd|we'll|i|i'm|i've|i'd|i'll|our|ours|my|us|let's)(?![\w'])",
    re.IGNORECASE,
)
#: A clause that opens a condition or an instruction to the reader.
_CONDITIONAL_OPENER = re.compile(
    r"\W*(?:and\s+|so\s+|then\s+|but\s+)?(?:if|when|whenever|once|unless|until|before|after|"
    r"in case)\s+you(?!\s+had\b)",
    re.IGNORECASE,
)
#: Words that can follow the head of a subject noun phrase.
_AFTER_SUBJECT = frozenset(
    """
    is are was were has have had will would can could should must may might did does do
    didn't doesn't don't isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't
    can't couldn't shouldn't who that which at in on from of and or managing using
    clearly evidently obviously probably apparently just simply still also then never
    always all both themselves itself himself herself got get gets set put left made took
    gave sent chose broke forgot ran cut hit kept let shut wrote sold bought brought went
    are just entering sending using says said told reports reported confirms confirmed
    claims claimed shows showed notes noted thinks thought
    """.split()
)
#: Nouns that a role word can modify ("your partner API key", "the staff
#: rota"): then the phrase is a thing of theirs, not a person.
_THING_NOUNS = frozenset(
    """
    key keys account accounts card cards number numbers address code codes settings
    setting system systems login logins password passwords portal app apps email emails
    phone phones server servers network networks list lists rota rotas page pages
    record records file files data details profile profiles id ids token tokens link
    links form forms booking bookings order orders invoice invoices payment payments
    plan plans room rooms area areas badge badges laptop laptops device devices
    machine machines router routers firewall firewalls proxy portal room wifi
    holiday holidays hours closure closures strike strikes fee fees charge charges rules
    policy policies terms rate rates transfer transfers loan loans notice notices
    discount discounts visa visas finance grant grants licence licences license licenses
    name names field fields entry entries row rows column columns value values
    run runs batch batches lot lots stock
    """.split()
)
#: Journeys and consignments: what arrives or leaves late, not anyone who acts.
_JOURNEY_NOUNS = frozenset(
    """
    flight flights train trains bus buses ferry ferries plane planes coach coaches connection
    connections parcel parcels package packages delivery deliveries shipment shipments
    consignment luggage bag bags suitcase suitcases
    """.split()
)
#: "your (connecting) train ...": a thing of theirs heads the sentence.
_THING_AFTER_YOUR = re.compile(
    r"your\s+(?:[\w-]+\s+)?(?:"
    + "|".join(sorted(_THING_NOUNS | _JOURNEY_NOUNS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_REQUEST_OPENER = re.compile(
    r"\W*(?:please|kindly|could\s+you|can\s+you|would\s+you|ask|tell|make\s+sure|ensure|"
    # "let ..." asks, but "let's face it", "let's be honest" only lead in to a verdict
    r"remind|let(?!(?:'s|\s+us)\s+(?:face\s+it|be\s+(?:honest|frank|real|clear|straight|fair)))"
    r"|get|have)\b",
    re.IGNORECASE,
)


#: "It's because ...", "this happened because ...": the failure is the topic.
_BECAUSE_LEAD = re.compile(
    r"\b(?:it's|it is|this is|that's|that is|it was|this was|that was|this happened|"
    r"it happened|that happened|which happened|this happens|it happens|that happens|"
    r"this keeps happening|it keeps happening|happened|occurred|started|began|arose|"
    r"came\s+about)\s+"
    r"(?:all\s+|only\s+|just\s+|simply\s+|usually\s+|"
    r"mostly\s+|always\s+|"
    r"purely\s+)?because\b"
    r"|\bthe\s+(?:only\s+|real\s+|main\s+)?reason\b[^.;!?]{0,80}?\b(?:is|was)\s+(?:that|because)\b",
    re.IGNORECASE,
)
#: "our carrier", "my colleague": a party word owned by us.
_OWNED = re.compile(r"\b(?:our|my)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: "your flight was cancelled": something that happened to their side.
_PASSIVE_TAIL = re.compile(r"\b(?:is|are|was|were|been|be|get|got)\s+\S*\s*$", re.IGNORECASE)
#: "I can assure you our servers ...": the "you" is not the subject.
_ASSURE_YOU = re.compile(r"\b(?:assure|tell|promise|remind|reassure|let|show)\s+you\b", re.I)
_CAUSE_NP_LEAD = re.compile(
    r"\s*(?:(?:the|a|an|some|all|this|that|one\s+of|someone\s+(?:at|in|on)|how|the\s+way)\s+)?",
    re.IGNORECASE,
)
_GERUND_AFTER = re.compile(r"\s+(?:\w+ly\s+)?[a-z]{2,}ing\b(?<!thing)", re.IGNORECASE)
#: "This was caused by ...": the subject is the problem being discussed.
_DEICTIC_SUBJECT = re.compile(
    r"\W*(?:and\s+|but\s+|so\s+)?(?:this|that|it|which)\s+(?:was|is|has\s+been|had\s+been|were)?\s*"
    r"(?:all\s+|entirely\s+|clearly\s+|obviously\s+|probably\s+|likely\s+|definitely\s+)?$",
    re.IGNORECASE,
)
#: ", not the app itself", ", not us": a contrast that sets our side against theirs.
_CONTRAST_NOT = re.compile(r",\s*not\s+(?:the|our|us|ours|with\s+us)\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|be|being|get|got|gets|getting)\s+(?:\w+\s+)?"
    r"(?:\w+ed|sent|given|shown|told|sold|charged|issued|emailed|mailed|billed|put|set|paid|made|"
    r"done|kept|left|taken|brought|bought|sent|held|met|seen|known)\b",
    re.IGNORECASE,
)


def _near(text: str, start: int, end: int, words: int = 5) -> bool:
    """At most `words` words between a subject and its predicate."""
    if end - start > 12 * (words + 1):
        return False
    return len(re.findall(r"[\w']+", text[start:end])) <= words


#: How far back a rule looks for a clause's subject, a negation or a party:
#: support sentences are short, and a bound keeps the cost linear in the text.
_WINDOW = 120
#: Only a possessive noun phrase between a party and a predicate: "your husband's account, ".
_POSSESSIVE_NP = re.compile(r"\s+[\w-]+'s\s+[\w-]+(?:\s+[\w-]+)?[\s,]*")
#: A copula right before a party: "which is | your husband's account".
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+$|'s\s+$", re.IGNORECASE)
#: The reader themselves: "you", "your", "yours".
_READER = re.compile(
    r"\b(?:you|your|yours|yourself|yourselves|you're|you've|you'd)\b", re.IGNORECASE
)
#: A purchase made with us: "you bought through us", "you ordered it from us".
#: Or a standing relationship with us: "because you already insure Smudge with us",
#: "since you bank with us", "as you have a policy with us".
_BOUGHT_FROM_US = re.compile(
    r"\byou\s+(?:\w+\s+)?(?:bought|ordered|paid|booked|purchased|signed\s+up|subscribed)\s+"
    r"(?:it\s+|them\s+|this\s+)?(?:through|from|with|via)\s+us\b"
    r"|\byou\s+(?:already\s+|still\s+|also\s+)?(?:insure|bank|shop|buy|order|book|subscribe|"
    r"have\s+(?:a|an|your|the)|hold\s+(?:a|an|your|the))\s+(?:[\w'-]+\s+)?(?:[\w'-]+\s+)?"
    r"(?:with|through|from|via)\s+us\b",
    re.IGNORECASE,
)
#: A preposition right before "you/your": they are its object, not the actor.
_OBJECT_OF_PREP = re.compile(
    r"\b(?:to|into|onto|in|on|at|from|with|for|of|about|under|against)\s+$", re.IGNORECASE
)
#: A consequence frame inside a fault label: "..., which is why / that's what ...".
_WHY_OR_WHAT = re.compile(r"\b(?:why|what)\b", re.IGNORECASE)
#: The state a thing was in when it reached the customer: "broken when it arrived".
_ON_ARRIVAL = re.compile(
    r"\s+(?:\w+\s+)?(?:when|as)\s+(?:it|they)\s+(?:arrived|was\s+delivered|were\s+delivered|"
    r"got\s+to\s+you|reached\s+you)\b|\s+(?:\w+\s+)?(?:on\s+arrival|in\s+transit|in\s+the\s+post)\b",
    re.IGNORECASE,
)
#: An auxiliary or copula right before a hedge: "are probably", "'s likely", "will surely".
_AUX_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|am|be|been|will|would|has|have|had|can|could|should|may|might)"
    r"|'s|'re|'m|'ll|'d|'ve)\s+$",
    re.IGNORECASE,
)


#: A negated act whose object is "anything ... wrong" clears the reader: "you didn't
#: set anything up wrong", "you haven't done anything incorrectly".
_CLEARED_ACT = re.compile(
    r"\b(?:anything|any\s+(?:of\s+)?[\w'-]+)\b[^.;:!?]{0,40}?"
    r"\b(?:wrong(?:ly)?|incorrect(?:ly)?|improper(?:ly)?|by\s+mistake|in\s+error|amiss)\b",
    re.IGNORECASE,
)


#: An error manner right after a negative predicate: the negation denies the
#: error ("wasn't filled in incorrectly"), not the act.
_NEGATED_ERROR = re.compile(
    r"\s+(?:[\w'-]+\s+){0,3}?(?:incorrect(?:ly)?|wrong(?:ly)?|improperly|badly|by\s+mistake|"
    r"in\s+error|carelessly)\b",
    re.IGNORECASE,
)


def _negated(text: str, pos: int, scope_start: int, max_words: int) -> bool:
    return is_negated(text, pos, max(scope_start, pos - 12 * max_words), max_words=max_words)


#: After I/we: a stance or perception verb, so what follows has its own subject.
_STANCE = re.compile(
    r"\s+(?:(?:do\s+|really\s+|honestly\s+|still\s+)?(?:think|believe|suspect|guess|reckon|feel|"
    r"expect|assume|suppose|imagine|see|saw|can\s+see|could\s+see|found|noticed|checked|"
    r"'ve\s+(?:found|checked|seen|noticed|looked)|have\s+(?:found|checked|seen|noticed))|'m\s+"
    r"(?:afraid|sure|fairly\s+sure|fairly\s+confident|confident|told)|am\s+(?:afraid|sure)|"
    r"(?:afraid|sure|fairly\s+sure|fairly\s+confident|confident|certain)|"
    r"'d\s+(?:say|guess)|would\s+say"
    # "let's face it, your installer ...", "let's be honest, ...": a lead-in, not our act
    r"|face\s+it|be\s+(?:honest|frank|real|clear|straight|fair))\b(?:\s+that)?",
    re.IGNORECASE,
)
#: "Our records show (that) ...": our evidence, then their side as the subject.
_OUR_EVIDENCE = re.compile(
    r"\s+(?:[\w-]+\s+){1,2}(?:show|shows|showed|shown|indicate|indicates|indicated|suggest|"
    r"suggests|suggested|confirm|confirms|confirmed|say|says|said)\b(?:\s+that)?",
    re.IGNORECASE,
)
_CONDITIONAL_ANY = re.compile(
    r"\W*(?:and\s+|so\s+|but\s+)?(?:if|whether|unless|in case|should)\b", re.IGNORECASE
)


#: Irregular past tenses and participles of verbs that can describe what
#: someone did ("set", "cut", "put"); regular ones end in -ed.  Grammar, not
#: rule vocabulary, so it lives here rather than in the pack.
_IRREGULAR_PAST = frozenset(
    """
    set put cut hit let shut sent left made took gave given chose chosen broke broken forgot
    forgotten ran kept wrote written sold bought brought went gone got gotten threw thrown tore
    torn lost did done swapped upset reset spent paid laid lent lit led meant met read sat stood
    told thought understood won wound drove driven rode ridden rang rung began begun fell fallen
    froze frozen stole stolen hid hidden shook shaken spoke spoken wore worn drew drawn
    overrode overridden overwrote overwritten mistook mistaken misread misled withdrew withdrawn
    knew known saw seen found caught taught sought bent built burnt dealt dug fed fled held hung
    overtook rewrote run
    """.split()
)
#: Words ending in -ed/-en that are not past forms of a verb.
_NOT_PAST = frozenset(
    """
    need speed seed feed bed red shed wed weed greed breed bleed creed deed heed steed sled shred
    hundred kindred naked wicked sacred rugged ragged wretched crooked beloved indeed proceed
    succeed exceed embed tweed reed ted ed bred aged learned dogged jagged even often open
    seven eleven token kitchen garden golden wooden women children citizen screen green seen
    between listen then when been chicken oven heaven haven linen omen specimen
    """.split()
)


def _is_past(word: str) -> bool:
    """Is `word` a past tense or participle ("deleted", "set", "pulled")?"""
    w = word.lower()
    if w in _IRREGULAR_PAST:
        return True
    return len(w) > 3 and w.endswith("ed") and w not in _NOT_PAST


_WORD_RE = re.compile(r"[A-Za-z][\w'-]*")
#: Reflexive words that stress who did it ("you deleted it yourself").
#: "... isn't in the check-in report", "wasn't on the inventory": absent from a record.
_IN_A_RECORD = re.compile(
    r"\s+(?:in|on|listed\s+(?:in|on)|mentioned\s+in|recorded\s+(?:in|on))\s+(?:the|our|your)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:report|inventory|list|record|records|invoice|statement|contract|"
    r"agreement|notes|log|schedule|file|quote|order|booking)\b",
    re.IGNORECASE,
)
#: What the customer went through, not did: "you'll have been waiting since Monday".
_ENDURED = frozenset(
    "waiting wondering hoping expecting worrying feeling trying looking thinking struggling "
    "suffering getting chasing dealing living coping".split()
)
_YET = re.compile(r"\byet\b", re.IGNORECASE)
#: A message whose sender is denied: "That email did not come from us".
_FAKE_MESSAGE = re.compile(
    r"\b(?:that|this|the|these|those)\s+(?:\w+\s+)?(?:emails?|e-mails?|messages?|letters?|texts?|sms|"
    r"calls?|links?|invoices?)\s+(?:did\s+not|didn't|does\s+not|doesn't|was\s+not|wasn't|were\s+not|"
    r"weren't)\s+(?:come|sent|written)\s+(?:from|by)\s+(?:us|our\b)",
    re.IGNORECASE,
)
#: Remedies the customer applied, and a fault that came back after them.
_REMEDIES = frozenset(
    "cleaned treated fixed repaired washed wiped removed replaced reset restarted rebooted "
    "bled descaled scrubbed sprayed".split()
)
_RECURRED = re.compile(
    r"\b(?:come|came|comes|coming)\s+back\b|\breturn(?:s|ed)?\b|\brecur(?:s|red)?\b|\bagain\b",
    re.IGNORECASE,
)
#: Verbs of a standing role, not of an act that went wrong.
_STANDING_ROLES = frozenset(
    "decides decide sets set handles handle controls control processes process approves approve "
    "manages manage issues issue holds hold owns own runs run releases release".split()
)
#: Cover granted in the sentence: "under your liability cover", "it is covered".
_COVER_GRANTED = re.compile(
    r"\bunder\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?cover\b"
    r"|(?<!not\s)(?<!n't\s)\b(?:is|are|'s|'re)\s+(?:fully\s+|also\s+)?covered\b"
    r"|\b(?:policy|plan|insurance|warranty|cover)\s+(?:also\s+|fully\s+)?covers\b",
    re.IGNORECASE,
)
_REFLEXIVE = re.compile(r"\b(?:yourself|yourselves|themselves|himself|herself)\b", re.IGNORECASE)
#: Acts a reflexive does not turn into blame ("you fixed it yourself").
_GOOD_ACTS = frozenset(
    "fixed solved resolved sorted found managed handled repaired restored recovered "
    "figured worked helped tried did saved backed".split()
)
#: After a fault word: the verb that places it ("is", "happened", "lies" ...).
_PLACE_VERB = re.compile(
    r"\s+(?:[\w'-]+\s+){0,4}?(?:is|was|are|were|lies|lay|sits|sat|rests|happened|occurred|arose|"
    r"originated|originates|came|comes|started|starts|stems|stemmed|must\s+be|has\s+to\s+be|"
    r"will\s+be|'s)\s+(?:\w+ly\s+|only\s+|all\s+|very\s+much\s+)?(?:coming\s+|originating\s+|"
    r"happening\s+|occurring\s+|arising\s+)?"
    r"(?=(?:on|at|from|in|with)\b)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"(?:the|a|an|some|all|those|these|one\s+of\s+the)\s+", re.IGNORECASE)
#: "due to", "because of" right before a fault word: "due to a mistake from your side".
_CAUSE_BEFORE = re.compile(
    r"\b(?:due\s+to|because\s+of|caused\s+by|result\s+of|down\s+to|owing\s+to)\s+"
    r"(?:an?\s+|the\s+|some\s+)?(?:[\w'-]+\s+)?$",
    re.IGNORECASE,
)
#: Participles that make the agent of a passive the cause ("introduced by").
_CAUSAL_PARTICIPLES = frozenset(
    "caused introduced created triggered made done started produced committed generated "
    "sparked prompted brought set".split()
)
#: Participles that, in the present ("prices are set by your retailer", "the
#: fitting is done by your installer"), say who arranges something, not who
#: caused a fault.
_ARRANGED = frozenset("made done set created produced generated brought started".split())
#: A modal between a subject and its predicate: permission, advice or the
#: future ("you can ignore", "your staff will need to"), not a past fault.
_MODAL_BETWEEN = re.compile(
    r"\b(?:can|could|may|might|should|shall|will|would|need\s+to|needs\s+to|'ll|'d\s+(?!have))\b"
    r"(?!\s+have\b)",
    re.IGNORECASE,
)
#: Reporting and contact verbs: what the customer told us is not a cause.
_REPORTING = frozenset(
    "called said told asked wrote mentioned reported emailed e-mailed contacted explained "
    "described noticed saw spotted flagged raised rang phoned messaged replied answered noted "
    "pointed observed remarked stated suggested confirmed advised agreed certified documented "
    "recorded indicated verified".split()
)
#: Noticing and reporting: what a cleft's agent did that is no fault.
_NOTICED = _REPORTING | frozenset(
    "spotted found caught noticed flagged fixed solved helped".split()
)
#: Finite verbs: a party after one of them is not the clause's subject
#: ("£38 is on its way to the card you booked with").
_FINITE = frozenset(
    "is are was were 's 're has have had will would can could should may might must do does "
    "did".split()
)
#: One or two words after "your" that end like a person's role.
_PERSON_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+)?[\w-]*(?:man|men|woman|women|person|people|ist|ists|ician|icians|"
    r"folk|folks)\b(?!')",
    re.IGNORECASE,
)
#: Words ending like a person ("-ist") that name things: "list", "checklist", "wrist".
_NOT_PERSON_IST = re.compile(
    r"(?:list|lists|wrist|wrists|twist|twists|mist|fist|gist|exist|assist|insist|resist|"
    r"persist|consist|hoist|hoists|heist|joist|joists|moist|schist)$",
    re.IGNORECASE,
)
#: "if you'd kept", "had your team read": hindsight about their act ...
_COUNTERFACTUAL = re.compile(
    r"\bif\s+(?:you|your\s+[\w'-]+(?:\s+[\w'-]+){0,2})(?:'d|\s+had)(?:n't|\s+not)?"
    r"(?:\s+(?:just|only|actually|simply|"
    r"bothered\s+to|taken\s+the\s+time\s+to))?\s+([a-z]+)"
    r"|\bhad\s+(?:you|your\s+[\w-]+)\s+(?:just\s+|only\s+|actually\s+|simply\s+)?([a-z]+)",
    re.IGNORECASE,
)
#: ... with the consequence spelled out.
_CONSEQUENCE = re.compile(
    r"\b(?:wouldn't|would\s+not|would\s+never|would've"
    r"|would\s+(?:surely\s+|certainly\s+|definitely\s+|probably\s+|likely\s+)?have"
    r"|could\s+have\s+been\s+avoided"
    r"|could've\s+been\s+avoided)\b"
    # contracted: "..., you'd have known the car deck closes early"
    r"|\b(?:you|they|he|she|we|it)['\u2019]d\s+(?:never\s+|surely\s+|certainly\s+|have\s+)?"
    r"(?:have|'ve)\b",
    re.IGNORECASE,
)
#: "if your staff ... checked": the reader's side, then their act in the simple
#: past (group 1), shared by the two hindsight patterns below.
_IF_THEIR_SIDE = r"\bif\s+(?:you|your\s+[\w-]+(?:\s+[\w-]+)?)\s+"
_SIMPLE_PAST_ACT = r"([a-z]+ed|read|kept|took|paid|did|put|set|sent|left|gave|made|wrote)\b"
#: The same hindsight in the simple past, for a habit ("if your staff checked
#: their inbox more than once a week, this wouldn't happen"): blame only with
#: the plain consequence that the trouble would not exist.
_HABIT_COUNTERFACTUAL = re.compile(
    _IF_THEIR_SIDE
    + r"(?:just\s+|only\s+|actually\s+|simply\s+|ever\s+)?"
    + _SIMPLE_PAST_ACT
    # the habit they are said to lack, inside the condition
    + r"[^.;:!?\n]{0,60}?\b(?:more\s+than|more\s+often|properly|correctly|regularly|on\s+time"
    r"|in\s+time|as\s+(?:instructed|told|asked|advised|agreed)|once\s+in\s+a\s+while"
    r"|now\s+and\s+then|for\s+once|every\s+(?:day|week|month|morning|night)|faster|quicker"
    r"|sooner|more\s+quickly|more\s+carefully|earlier)\b"
    r"[^.;:!?\n]{0,60}?\b(?:this|it|that|none\s+of\s+this|the\s+(?:[\w-]+\s+)?(?:problem|issue|fault|error"
    r"|penalty|fee|charge|surcharge|fine)(?:\s+(?:for|of|on|in)\s+[\w-]+(?:\s+[\w-]+)?)?)"
    r"\s+(?:wouldn't|would\s+not|would\s+never)\s+(?:happen|occur|keep\s+happening"
    r"|apply|be\s+(?:a\s+problem|an\s+issue|happening))\b(?!\s+to\b)",
    re.IGNORECASE,
)
#: ... or with a trouble that "wouldn't keep" recurring ("if your staff stopped
#: flushing paper towels, the drains wouldn't keep blocking").
_RECURRING_COUNTERFACTUAL = re.compile(
    _IF_THEIR_SIDE
    + r"(?:just\s+|only\s+|actually\s+|simply\s+)?"
    + _SIMPLE_PAST_ACT
    + r"[^.;:!?\n]{0,80}?\b(?:wouldn't|would\s+not)\s+keep\s+(?:on\s+)?[a-z]+ing\b",
    re.IGNORECASE,
)
_NOT_HAD = re.compile(r"hadn't|had\s+not", re.IGNORECASE)
#: Acts that help us; "if you hadn't <act>" thanks them for it.
_HELPFUL_ACTS = frozenset(
    "told reported flagged mentioned sent contacted called rang emailed e-mailed written wrote "
    "noticed spotted caught warned asked raised shared let alerted chased pushed".split()
)
#: What happens to someone rather than what they do.
_EXPERIENCED = frozenset("received got gotten seen heard had been known felt noticed".split())
#: "the hotel's fault": the possessor of a fault word.
_POSSESSOR = re.compile(
    r"(?<![\w-])([\w-]+)'s\s+(?:own\s+)?(?:doing|fault|mistake|error|blunder)\b", re.I
)
_CONDITION_WORD = re.compile(r"\b(?:if|unless|whether|in\s+case)\b", re.IGNORECASE)
_WHEN_LINK = re.compile(r"\bwhen\b", re.IGNORECASE)
#: Past acts that only a person does ("promised", "filed", "deleted"), unlike
#: events that happen to things ("reached", "arrived").
_PERSON_ACTS = frozenset(
    """
    promised told gave sold booked ordered entered filed submitted approved cancelled canceled
    parked signed agreed offered quoted typed keyed chose picked selected installed configured
    uploaded deleted removed changed moved dropped disabled reset revoked switched unplugged
    disconnected overwrote edited renamed forgot ignored skipped missed broke wired fitted
    mounted mislabelled mislabeled misconfigured hard-coded hardcoded rejected declined refused
    """.split()
)
#: "your sales rep promised a ...": your + a noun + a past verb with an object.
_YOUR_AGENT = re.compile(
    r"\W*(?:(?:because|since|as|so|and|but)\s+)?(your\s+(?:[\w-]+\s+)?([\w-]+))\s+([a-z]+)"
    r"(?=\s+(?:the|a|an|our|your|their|it|them|this|that|all|every)\b)",
    re.IGNORECASE,
)
_YOUR_NP = re.compile(r"your\s+(?:[\w-]+\s+)??[\w-]+(?=\s+[a-z]+\s)", re.IGNORECASE)
_ACT_HEADS = re.compile(r"(?:is|are|was|were|has|have|had)\b", re.IGNORECASE)
#: After an act, ending its clause: done late ("delivered late", "turned up an hour
#: late", "arrived too late"), not a time of day ("late on Friday").
_LATE_ACT = re.compile(
    r"(?:[ \t]{1,3}[\w'-]{1,30}){0,3}?[ \t]{1,3}(?:(?:too|very|so)[ \t]{1,3})?late"
    r"[ \t]{0,3},?[ \t]{0,3}$",
    re.IGNORECASE,
)


#: Between a clause and the link that follows it: ", and ".
_LINK_GAP = re.compile(r"[ \t,]{0,4}(?:and[ \t]{1,3})?", re.IGNORECASE)


#: The next word: "team" after "your box office".
_NEXT_WORD = re.compile(r"[ \t]{1,3}([\w-]+)\b(?!['\u2019])")
#: The first word after a subject, past an adverb or two.
_NEXT_VERB = re.compile(r"\s+(?:\w+ly\s+|just\s+|then\s+){0,2}([a-z]+)\b(?!')", re.IGNORECASE)


#: Verbs after "why didn't you ..." that ask about a state or a wish, not an act.
_NOT_AN_ACT = frozenset(
    "be want wish like mind know think expect hear receive get see find manage agree".split()
)


class _SimpleMatch:
    """A match-like span (start/end/group) for a word found by hand."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


#: "they" opening a clause: the people named before it.
_PRONOUN_SUBJECT = re.compile(
    r"\W*(?:(?:because|since|as|so|and|but|which\s+is\s+why|that's\s+why)\s+)?(they|he|she)\b",
    re.IGNORECASE,
)
#: Our side named after an act: "by us", "in our system", "at our depot".
_OURS_AFTER = re.compile(r"\b(?:by|in|on|at|within|from)\s+(?:our|us|me|my)\b", re.IGNORECASE)
_THEIR_SIDE = re.compile(r"\b(?:on|at|by)\s+your\s+(?:side|end)\b", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|whom)\s+$", re.IGNORECASE)
#: "...; it is done with an online form": where a thing is done instead, not a cause.
_DONE_ELSEWHERE = re.compile(
    r"[;,:]?\s*(?:it|this|that|they)\s*(?:is|'s|are|'re)\s+(?:done|handled|made|set\s+up|found|managed"
    r"|requested|booked|arranged)\s+(?:with|in|through|via|on|from|under|by)\b",
    re.IGNORECASE,
)
_THAN_BEFORE = re.compile(r"\bthan\s+$", re.IGNORECASE)
_BECAUSE_ANY = re.compile(r"\b(?:because|since|as\s+a\s+result\s+of)\b", re.IGNORECASE)
#: A loss the customer suffered, given as the reason for what we do about it.
_HARM_SUFFERED = re.compile(
    r"\b(?:lost|lose|losing)\s+(?:(?:a|an|the|half\s+a|a\s+whole|so\s+much|a\s+lot\s+of)\s+)?"
    r"(?:time|money|pay|wages|earnings|income|sleep|days?|mornings?|afternoons?|hours|shifts?|"
    r"business|sales|work)\b"
    r"|\b(?:had|have|having)\s+to\s+take\s+(?:time|a\s+day|the\s+day|a\s+morning|leave)\s+off\b",
    re.IGNORECASE,
)
_AND_BEFORE = re.compile(r"\band\s*$", re.IGNORECASE)
_TO_CHECK_BEFORE = re.compile(
    # ("I can confirm the issue is not ...", "able to confirm": told as settled, not to be checked)
    r"\b(?:to\s+)?(?:(?<!can\s)(?<!\bi\s)(?<!\bwe\s)(?<!able\sto\s)(?<!happy\sto\s)confirm|check|verify|make\s+sure|establish|find\s+out|see)\s+(?:whether\s+|if\s+|that\s+)?"
    r"(?:it|this|that|the\s+[\w-]+|they)?\s*$",
    re.IGNORECASE,
)
#: An intransitive failure with no one acting: "had not updated", "hasn't synced".
_ITSELF_FAILED = re.compile(
    r"\b(?:had|has|have|hadn't|hasn't|haven't)\s+(?:not\s+|never\s+)?(?:updated|synced|charged|loaded|"
    r"refreshed|restarted)\b",
    re.IGNORECASE,
)
_BARE_QUANTITY = re.compile(
    r"\s+(?:any|all|none|either|both|one)(?=\s*(?:[.,;!?]|$|\s+(?:in|of|yet|so\s+far|this|since|"
    r"last|until)\b))",
    re.IGNORECASE,
)
#: "has not changed" with nothing changed after it: a state ("your plan has not changed").
_UNCHANGED = re.compile(
    r"(?:has|have|had|did|does|do)(?:\s+not|n't)\s+(?:been\s+)?chang", re.IGNORECASE
)
_OBJECT_AFTER = re.compile(
    r"\s+(?:the|your|their|its|it|them|a|an|any|anything|his|her)\b", re.IGNORECASE
)
_US_WORD = re.compile(r"\b(?:us|our|we)\b", re.IGNORECASE)
#: "because" (or "since") right before a subject.
_BECAUSE_BEFORE = re.compile(r"(?:\b(?:because|since|cos|coz|cuz)|'cause)\s+$", re.IGNORECASE)
#: A dialect negative right before a negative word: "ain't nothing wrong" is one denial.
_CONCORD_BEFORE = re.compile(r"\b(?:ain't|aint)\s+$", re.IGNORECASE)
_NEGATIVE_WORD = re.compile(r"(?:nothing|nowt|no|nobody|none)\b", re.IGNORECASE)
#: The reader or their people as the actors before a verdict: "your family carrying ...".
_THEIR_PERSON = re.compile(
    r"\b(?:you|y'all|your\s+(?:[\w-]+\s+)?(?:family|kids|children|lads|guests|friends|staff|team|"
    r"crew|builders?|movers|helpers|workers|people|lot|tenants|housemates|flatmates|contractors?|"
    r"installers?|electricians?|plumbers?|neighbours?|neighbors?|partner|husband|wife|son|"
    r"daughter|dog|dogs))\s+(?:[\w']+ly\s+)?[a-z]+(?:ed|ing)\b",
    re.IGNORECASE,
)
#: A possibility, not a verdict: "that could mean ...", "it may be that ...", "perhaps ...".
_TENTATIVE = re.compile(
    r"\b(?:(?:could|might|may)\s+(?:well\s+|also\s+|just\s+)?(?:mean|be\s+that|indicate|suggest|"
    r"point\s+to|be\s+because)|perhaps|possibly|maybe)\b",
    re.IGNORECASE,
)
#: Causal links the clause splitter keeps inside a clause: spoken "coz"/"'cause", and
#: "that's why/how" after the act ("you ran them over rocks, that's how the edges got gouged").
_INNER_LINK = re.compile(
    r"(?:\b(?:cos|coz|cuz)|'cause)\s+|,\s*(?:(?:and\s+)?(?:that's|that\s+is|which\s+is|which\s+was|"
    r"that\s+was)\s+(?:why|how)\b)",
    re.IGNORECASE,
)


def _split_at_links(text: str, cls: Sequence[Span]) -> list[Span]:
    """`cls` with each clause cut again at a causal link inside it, so the act and
    the failure it is given as the cause of are read as two clauses."""
    out: list[Span] = []
    for cl in cls:
        start = cl.start
        for m in _INNER_LINK.finditer(text, cl.start, cl.end):
            if m.start() > start and text[start : m.start()].strip():
                out.append(span_of(text, start, m.start()))
                start = m.end()
        out.append(span_of(text, start, cl.end) if start != cl.start else cl)
    return out


#: A negative act right after the subject: "never synced", "didn't renew".
_NEGATIVE_ACT = re.compile(
    r"\s+(?:\w+ly\s+|just\s+|still\s+)?(?:never|didn't|did\s+not|hasn't|haven't|hadn't|has\s+not|"
    r"have\s+not|had\s+not|failed\s+to|forgot\s+to|neglected\s+to|omitted\s+to)\s+"
    # "haven't been wearing them": the progressive, not the passive ("hasn't been sent")
    r"(?:actually\s+|properly\s+|even\s+|ever\s+|bothered\s+to\s+|been\s+(?=[a-z]+ing\b))?([a-z]+)",
    re.IGNORECASE,
)
#: A present-tense act right after the subject of a "because" clause
#: ("because they share accounts"); states and modals are not acts.
_PRESENT_ACT = re.compile(
    r"\s+(?:\w+ly\s+|just\s+|still\s+|keep\s+|keeps\s+)?(?!(?:are|is|have|has|need|needs|want|wants|"
    r"use|uses|can|could|will|would|should|may|might|must|do|does|get|gets|like|likes|live|lives|"
    r"work|works|own|owns|hold|holds|pay|pays)\b)([a-z]+(?:s|ing)?)\b",
    re.IGNORECASE,
)
#: A step not done, in the present, right after the subject: "(you) aren't wearing",
#: "(you're) not applying", "(your staff) don't load" (with a manner, see below).
_NOT_DONE_PROPERLY = re.compile(
    r"(?:'re|\u2019re|'s|\u2019s)?\s+(?:\w+ly\s+|just\s+|still\s+)?"
    r"(?:(?:aren't|are\s+not|isn't|is\s+not|ain't|not)\s+"
    r"(?:\w+ly\s+|always\s+|even\s+)?(?P<ing>[a-z]+ing)|(?:don't|do\s+not|doesn't|does\s+not)\s+"
    r"(?:\w+ly\s+|always\s+|even\s+)?(?P<base>[a-z]+))\b",
    re.IGNORECASE,
)
#: How the step should be done: "properly", "as directed", "often enough".
_IMPROPER_MANNER = re.compile(
    r"\b(?:properly|correctly|the\s+right\s+way|often\s+enough|as\s+(?:directed|instructed|shown|"
    r"advised|prescribed|trained|recommended|explained)|right(?=\s*(?:[,;.!]|$)))",
    re.IGNORECASE,
)
#: "-ing" forms of what happens to someone: "not getting it properly" is no act.
_EXPERIENCED_ING = frozenset(
    "getting receiving seeing hearing having knowing feeling noticing needing wanting liking "
    "understanding being nothing something anything thing".split()
)
#: "didn't break anything": the negative act clears them.
_NOTHING_WRONG = re.compile(r"\s+(?:anything|a\s+thing|nothing|any\s+of\s+(?:it|this))\b", re.I)
#: Base forms of what happens to someone (a negative of these is no fault).
_EXPERIENCED_BASE = frozenset(
    "receive received get got see saw hear heard have had know knew feel felt notice need want "
    "like "
    "realise realize understand understood".split()
)
#: Words that may stand before a clause's subject.
_LEAD_WORDS = frozenset(
    """
    so and but then also just clearly obviously evidently probably apparently honestly frankly
    unfortunately sadly basically simply presumably surely yes well now again still in fact
    the this that these those one some all of their his her its a an
    """.split()
)
#: Words after which a new subject starts ("because your team ...").
_SUBJECT_OPENERS = frozenset(
    "because since so as after when that why which and but while once until if show shows "
    "showed indicate indicates indicated suggest suggests suggested confirm confirms confirmed "
    "reveal reveals revealed prove proves proved see saw".split()
)
#: Error predicates that say only that something was wrong, not who did it:
#: with a bare third party as subject they are news, not blame.
_WEAK_PREDICATE = re.compile(
    r"(?:the\s+wrong|incorrect|improperly|instead\s+of|malformed|mistakenly|carelessly)\b", re.I
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|your|their|its|our|my|his|her|this|that|these|those)\s+$", re.IGNORECASE
)
#: Party words that are the customer's own ("your ...", "someone ...").
_THEIRS = re.compile(
    r"(?:you|your|yours|yourself|yourselves|you've|you'd|you're|someone|somebody|"
    r"whoever|the customer|the user|the client)\b",
    re.IGNORECASE,
)
#: Negative predicates that are a failure whoever the subject is.
_FAILED_TO = re.compile(
    r"(?:failed|forgot|neglected|omitted)\s+to\b|(?:should|could|ought\s+to)\s+have\b|too\s+late"
    r"|past\s+the",
    re.IGNORECASE,
)
#: "(someone) in your finance office": where a person is.
_WHERE_THEIRS = re.compile(r"\s+(?:in|at|on|from)\s+(?:your|the)\s+(?:[\w-]+\s+)?[\w-]+", re.I)
#: A consequence spelled out after an act ("..., and that sets the alarm off").
_CONSEQUENCE_LINK = re.compile(
    r"\b(?:and\s+that(?:'s|\s+is)?|which\s+(?:is\s+what|sets|causes|caused|triggers|triggered|"
    r"breaks|broke|means|meant)|that's\s+(?:why|what)|causing|triggering|so\s+the)\b",
    re.IGNORECASE,
)
#: Words in -ing that are not gerunds.
_NOT_GERUNDS = frozenset(
    "nothing something anything everything thing morning evening during building ceiling "
    "bring king ring string spring wing sing sting swing cling sibling wedding pudding".split()
)
#: A possibility in a clause ("it could be on your side") keeps it open.
_POSSIBILITY = re.compile(
    r"\b(?:could|might|may|possibly|perhaps|maybe|probably|likely|unlikely|whether)\b",
    re.IGNORECASE,
)
#: "was introduced by", "were caused by": a passive with its agent.
_PASSIVE_BY = re.compile(
    r"\s+(?:[\w'-]+\s+){0,4}?(?:was|were|has\s+been|have\s+been|had\s+been|got|gets|is|are)\s+"
    r"(?:\w+ly\s+)?([a-z][\w-]*)\s+by\s+",
    re.IGNORECASE,
)


#: "your" before a passive: the thing it happened to is theirs.
_THEIR_THING_BEFORE = re.compile(r"\byour\b", re.IGNORECASE)

#: "was wiped by (one of) ...": a passive participle and its agent.
_PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|got|gets|is|are|being)\s+(?:\w+ly\s+)?"
    r"([a-z][\w-]+)(\s+(?:(?:far|much|way|so|too|a\s+bit|rather)\s+){0,2}(?:deep|deeply|shallow|tight|"
    r"tightly|loose|loosely|high|low|close|hard|wrong|wrongly|incorrectly|badly|poorly|"
    r"carelessly|roughly)\b)?\s+by\s+(?:(?:one|some|any|several|two|three|a\s+couple|each|all)\s+of\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    #: "label": a fault label ("user error"), cleared only in its own sentence;
    #: "diagnosis": cleared by openness anywhere in the reply.
    kind: str


# --------------------------------------------------------------------- humble.blame


class _Blame:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.parties = _phrases(spec, "parties", scanned=False)
        self.fault_labels = _phrases(spec, "fault_labels")
        self.cause_links = _phrases(spec, "cause_links")
        self.failures = _phrases(spec, "failures")
        self.error_predicates = _phrases(spec, "error_predicates")
        self.thing_error_predicates = _phrases(spec, "thing_error_predicates")
        self.negative_predicates = _phrases(spec, "negative_predicates")
        self.speculation = _phrases(spec, "speculation")
        self.counterfactuals = _phrases(spec, "counterfactuals")
        self.accusations = _phrases(spec, "accusations")
        self.closed_door = _phrases(spec, "closed_door")
        self.causal = _phrases(spec, "causal_connectives")
        self.past_actions = _phrases(spec, "past_actions", scanned=False)
        self.hedges = _phrases(spec, "hedges")
        self.changes = _phrases(spec, "changes", scanned=False)
        self.ownership = _phrases(spec, "ownership")
        self.openness = _phrases(spec, "openness")
        self.certainty = _phrases(spec, "certainty")
        self.their_side = _phrases(spec, "their_side", scanned=False)
        self.fault_nouns = _phrases(spec, "fault_nouns")
        self.lesson = _phrases(spec, "lesson_markers")
        self.nobody_did = _phrases(spec, "nobody_did")
        self.deictic = _phrases(spec, "deictic")
        self.rhetorical = _phrases(spec, "rhetorical_questions")
        self.duty = _phrases(spec, "duty_markers")
        self.careless = _phrases(spec, "careless_passives")
        self.careless_causes = _phrases(spec, "careless_causes")
        self.consequences = _phrases(spec, "consequence_links", scanned=False)
        self.certain_verdicts = _phrases(spec, "certain_verdicts")

    # -- who is the subject ------------------------------------------------
    def party_subject(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The customer-side reference that opens `text[start:end]`, if the first
        person-reference there is theirs ("Your team ...", "The pharmacy ...",
        "Someone at your reception ...") rather than ours ("We gave you ...")."""
        start = max(start, end - _WINDOW)
        party = _any(self.parties, text, start, end)
        # "Thank you for flagging the wrong price": the one thanked, not the one
        # at fault (but "Thank you, you misconfigured it" names them next)
        if party is not None and _THANKED.search(text, max(0, party.start() - 12), party.start()):
            party = _any(self.parties, text, party.end(), end)
        if party is None:
            return None
        for ours in _FIRST_PERSON.finditer(text, start, party.start()):
            # "I think the end users ...", "we can see your admin ...": a
            # parenthetical about our view, not the subject of the clause
            if not _STANCE.match(text, ours.end(), end) and not _OUR_EVIDENCE.match(
                text, ours.end(), end
            ):
                return None
        # "our carrier", "my colleague": a party word owned by us
        if _OWNED.search(text[max(start, party.start() - 20) : party.start()]):
            return None
        # "The terminals store punches offline": the word is the verb of a plural subject
        if party.group()[:1].islower() and party.group().lower() not in _PERSONAL_PARTIES and (
            _PLURAL_SUBJECT_BEFORE.search(text, max(start, party.start() - 40), party.start())
        ):
            return None
        return party

    def person_party(self, text: str, party: re.Match[str]) -> bool:
        """Is the party a person or group of people ("you", "your technicians",
        "someone at your reception") rather than a thing of theirs ("your
        flight", "your partner API key")?"""
        word = party.group().lower()
        if word in ("your", "the customer's", "their"):
            tail = text[party.end() : party.end() + 40]
            nxt = _any(self.parties, tail, 0, len(tail))
            if nxt is None or len(tail[: nxt.start()].split()) > 2:
                # a role the list lacks, known by its ending ("your handyman",
                # "your receptionist", "your optician")
                role = _PERSON_NOUN.match(tail)
                if role is None or _NOT_PERSON_IST.search(role.group()):
                    return False  # "your allergy list", "your wrist": "-ist" but no person
                end = party.end() + role.end()
            else:
                end = party.end() + nxt.end()
        else:
            end = party.end()
        # the role word must head its noun phrase: "partner" in "your partner
        # API key" is a modifier
        follower = re.match(r"\s*([\w']+)", text[end : end + 30])
        if follower is None:
            return True
        nxt_word = follower.group(1)
        if nxt_word.lower() in _AFTER_SUBJECT:
            return True
        return not ((nxt_word.isupper() and len(nxt_word) > 1) or nxt_word.lower() in _THING_NOUNS)

    def predicate_hit(self, text: str, cl: Span, m: re.Match[str], kind: str) -> _Hit | None:
        """A hit when predicate `m` of clause `cl` has a customer-side subject."""
        if _ON_ARRIVAL.match(text, m.end(), max(cl.end, m.end() + 40)):
            return None  # "the seal on yours was broken when it arrived": so before it reached them
        if kind == "hedge":
            party = self.party_subject(text, m.end(), cl.end)
            if party is None or not self.person_party(text, party):
                # the hedge after its subject: "Your roommate probably downloaded something"
                party = self.party_subject(text, cl.start, m.start())
                if (
                    party is None
                    or not self.person_party(text, party)
                    or self.party_np_end(text, party) != m.start() - 1
                ):
                    return None
            if _AUX_BEFORE.search(text, max(cl.start, m.start() - 12), m.start()):
                return None  # "y'all are probably up to your ears ...": the hedge qualifies
                # its own clause's verb, not a customer's act named later
            act = _any(self.changes, text, party.end(), min(cl.end, party.end() + 60))
            if act is None or _negated(text, act.start(), cl.start, 5):
                return None
            return _Hit(cl.start, cl.end, "diagnosis")
        party = self.party_subject(text, cl.start, m.start())
        if party is None:
            return None
        if _THAN_BEFORE.search(text, max(cl.start, party.start() - 8), party.start()):
            return None  # "much longer than you should have waited": our apology
        if _POSSESSIVE_NP.fullmatch(text, party.end(), m.start()) and _COPULA_BEFORE.search(
            text, max(cl.start, party.start() - 12), party.start()
        ):
            return None  # "applied to ..., which is your husband's account, instead of yours":
            # their thing named, nobody's act (but "because your team's spreadsheet wasn't
            # formatted properly" is their act)
        if kind == "speculation":
            if _negated(text, m.start(), cl.start, max_words=5):
                return None
            if _EFFORT_PUT.match(text, m.end(), cl.end):
                return None  # "your team clearly put a lot of work into the bid": praise
            last = re.findall(r"[\w']+", m.group())[-1]
            progressive = (
                last.lower().endswith("ing")
                and " been " in m.group().lower()
                and last.lower() not in _ENDURED
            )
            if not _is_past(last) and not progressive:
                return None  # "you will have it within 2 hours" (but "must have been pulling")
            if _SAVES_THEM_WORK.match(text, m.end(), min(len(text), cl.end + 80)):
                return None  # "your engineer will have installed the update already, so you
                # can skip step 2": a guess that spares them a step, no fault in it
            return _Hit(cl.start, cl.end, "label")
        if not _near(text, party.end(), m.start()) and not self.long_object(text, party, m):
            return None
        if kind == "people" and m.group().lower().endswith("ing") and re.search(
            r",\s*$", text[max(cl.start, m.start() - 3) : m.start()]
        ):
            return None  # "..., ignoring any weeks with no pay": a participle, not their act
        if kind == "negative":
            if _negated(text, party.start(), cl.start, max_words=6):
                return None
            if m.group().lower().startswith("never") and _WILL_BEFORE.search(
                text, max(cl.start, m.start() - 12), m.start()
            ):
                return None  # "the system is yours and will never lock again": a promise
                # about what won't happen, no one's failing
            if _UNCHANGED.match(m.group()) and not _OBJECT_AFTER.match(text, m.end(), cl.end):
                return None  # "your dose has not changed": a state, no one's act
            if _TURNED_UP.match(text, m.start(), cl.end) and not self.person_party(text, party):
                return None  # "your parcel hasn't turned up": a thing not found yet, news
            if _REFUSED.match(m.group()) and not self.person_party(text, party):
                return None  # "your key wouldn't open the door": a thing failing, no one's refusal
            if (
                _ACTIVE_NEGATIVE.match(m.group())
                and _thing_head(text, party.end(), m.start())
                and not _OBJECT_AFTER.match(text, m.end(), cl.end)
                and not _THEIR_PERSON.search(text, cl.start, cl.end)
            ):
                return None  # "your allergy list didn't sync", "your card details didn't
                # save": a thing of theirs failing by itself, no one's act
            if _BARE_QUANTITY.match(text, m.end(), cl.end):
                return None  # "you haven't used any in April": a count of their allowance
            if _CLEARED_ACT.search(text, m.start(), cl.end):
                return None  # "you didn't set anything up wrong": cleared, not blamed
            if _NEGATED_ERROR.match(text, m.end(), cl.end):
                return None  # "your timesheet wasn't filled in incorrectly": cleared
            if _WHICH_BEFORE.search(
                text, max(cl.start, party.start() - 12), party.start()
            ) and _CONSENT.search(m.group()):
                return None  # "the swap of milk for oat milk, which you didn't approve": our act
            # "the supplier hasn't confirmed": a bare third party that has not
            # acted yet is news, not a fault pinned on the customer
            if (
                not _THEIRS.match(party.group())
                and not _FAILED_TO.match(m.group())
                and _any(self.certainty, text, cl.start, cl.end) is None
            ):
                return None
            return _Hit(cl.start, cl.end, "diagnosis")
        if _PASSIVE.search(text, party.end(), m.start() + 1):
            return None  # "you were sent the wrong link": done to them
        if _MODAL_BETWEEN.search(text, party.end(), m.start()):
            return None  # "you can ignore the red digits": advice, not a fault
        if kind == "people" and not self.person_party(text, party):
            return None
        if _DETERMINER_BEFORE.search(text, max(cl.start, m.start() - 8), m.start()):
            return None  # "reported the broken intercom": an adjective, not an act
        if _WEAK_PREDICATE.match(m.group()) and not _THEIRS.match(party.group()):
            return None  # "the courier had the wrong flat number": not the customer's doing
        if _negated(text, m.start(), cl.start, max_words=8):
            return None
        return _Hit(cl.start, cl.end, "diagnosis")

    def long_object(self, text: str, party: re.Match[str], m: re.Match[str]) -> bool:
        """ "Your electrician wired the export meter's CT clamp backwards": a
        past verb right after the subject, then its object, then the error
        word -- the object may be longer than the usual five words."""
        np_end = self.party_np_end(text, party)
        verb = _NEXT_VERB.match(text, np_end, m.start())
        if verb is None or not _is_past(verb.group(1)) or verb.group(1).lower() in _REPORTING:
            return False
        between = text[verb.end() : m.start()]
        return (
            len(re.findall(r"[\w']+", between)) <= 8
            and not re.search(
                r"[,;:]|\b(?:and|but|so|because|which|who|that|when)\b", between, re.I
            )
        )

    def new_arrangement(self, text: str, cl: Span, m: re.Match[str]) -> bool:
        """After "from now on" / "going forward", a clause with no person of
        theirs acting and no past act ("any top-up placed before 12:00 joins your
        next drop instead of going as its own order", "orders will skip the
        Monday run") tells how our service will work: no lesson drawn from a fault."""
        if _PAST_AUX.search(text, cl.start, m.end()):
            return False
        for party in _iter(self.parties, text, cl.start, m.start()):
            if self.person_party(text, party):
                return False
        return True

    def is_instruction(self, text: str, cl: Span) -> bool:
        """An instruction or request to the reader ("please ask customers to
        insert their card instead of tapping") assigns no fault."""
        return bool(_REQUEST_OPENER.match(text, cl.start, cl.end))

    def party_near(self, text: str, start: int, end: int) -> bool:
        for m in _iter(self.parties, text, start, end):
            before = text[max(0, m.start() - 20) : m.start()]
            if not re.search(r"\b(?:our|my)\s+(?:\w+\s+)?$", before, re.IGNORECASE):
                return True
        return False

    # -- the cues ------------------------------------------------------------
    def hits(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        s, e = sent.start, sent.end
        # 1. fault labels that name the customer's side themselves
        for m in _iter(self.fault_labels, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _negated(text, m.start(), cl.start, max_words=6) and not _NEGATED_WHO.search(
                text, max(cl.start, m.start() - 60), m.start()
            ):
                continue  # (but "students who don't back up have only themselves to blame":
                # the negation is the relative clause's, not the label's)
            if _CONDITION_WORD.search(text, cl.start, m.start()):
                continue  # "we'll bill you only if the fault is on your side"
            if _HOW_BEFORE.search(text, max(cl.start, m.start() - 40), m.start()):
                continue  # "I know how awkward that is with your team": sympathy
            own = _POSSESSOR.search(m.group())
            # "the hotel's fault" blames a party; "the machine's fault" a thing
            # ("your caterer's mistake" is theirs whoever the caterer is)
            if (
                own is not None
                and not m.group().lower().startswith("your")
                and self.parties.regex is not None
                and not self.parties.regex.fullmatch(own.group(1))
            ):
                continue
            if m.group().lower().endswith(" your") and self.party_at(text, m.end() - 4, e) is None:
                tail = text[m.end() : m.end() + 12].lower()
                if not re.match(r"\s+(?:own\s+)?(?:side|end)\b", tail):
                    continue  # "it's on your card now": a thing of theirs, not them
            if (
                re.match(r"(?:it|this|that)\b", m.group(), re.IGNORECASE)
                and re.search(r"\bas\s+$", text[max(s, m.start() - 4) : m.start()], re.I)
                and not re.search(r"\b(?:side|end)\b", text[m.start() : m.end() + 12], re.I)
            ):
                continue  # "when the filter is ticked, as it is on your account": a comparison
            if (
                _WHY_OR_WHAT.search(m.group())
                and m.group()[:5].lower() == "your "
                and _THING_AFTER_YOUR.match(m.group())
            ):
                continue  # "your train arrived late, which is why you missed the check-in":
                # a thing of theirs, not their people, is the cause
            if _WHY_OR_WHAT.search(m.group()) and _OBJECT_OF_PREP.search(
                text, max(cl.start, m.start() - 8), m.start()
            ):
                continue  # "it was attached to your policy record but not linked ...,
                # which is why the status did not change": their thing, not their act
            if (
                _DUTY_PLACED.match(m.group())
                and _any(self.failures, text, s, e) is None
                and _any(self.fault_nouns, text, s, e) is None
            ):
                continue  # "the inspection is booked by the exporter's agent, so it sits with
                # your clearing agent rather than with us": a task placed, no fault in sight
            yield _Hit(m.start(), m.end(), "label")
        # 2. cause links: "<failure> ... caused by / down to / stems from <party>"
        for m in _iter(self.cause_links, text, s, e):
            cl = _clause_at(text, cls, m.start())
            # the party must head what follows the link: "caused by your
            # warehouse", not "caused by the delay to your parcel"
            lead = _CAUSE_NP_LEAD.match(text, m.end(), e)
            np_start = lead.end() if lead else m.end()
            party = _any(self.parties, text, np_start, min(e, np_start + 40))
            if party is None or party.start() != np_start:
                continue
            follower = re.match(r"\s+([\w-]+)", text[party.end() : party.end() + 30])
            if follower is not None and (
                follower.group(1).lower() in _THING_NOUNS
                or follower.group(1).lower() in _JOURNEY_NOUNS
            ):
                continue  # "due to the bank holiday", "came from a supplier run with a weak
                # ball end": the party word modifies a thing
            if (
                _any(self.failures, text, s, m.start()) is None
                and _any(self.failures, text, cl.start, cl.end) is None
                and _any(self.error_predicates, text, s, e) is None
                and not _CONTRAST_NOT.search(text, m.end(), e)
                and not _DEICTIC_SUBJECT.match(text, cl.start, m.start())
                # "triggered by you moving the money": the party acting
                and not _GERUND_AFTER.match(text, self.party_np_end(text, party))
                and _any(self.certainty, text, s, e) is None
            ):
                continue
            if _negated(text, m.start(), cl.start, max_words=6):
                continue
            if _COVER_GRANTED.search(text, s, e):
                continue  # "under your liability cover, because the water came from your
                # flat": the source, given as the reason we pay
            yield _Hit(cl.start, cl.end, "label")
        # 3. a customer-side subject with an error predicate: people for most
        # predicates, their things too for a few ("misconfigured"); then
        # predicates that carry their own negation ("didn't update");
        # 4. speculation that assigns the cause ("will have deleted", "looks
        # like someone on your end deleted ...")
        done: set[int] = set()
        for fam, kind in (
            (self.error_predicates, "people"),
            (self.thing_error_predicates, "things"),
            (self.negative_predicates, "negative"),
            (self.speculation, "speculation"),
            (self.hedges, "hedge"),
        ):
            for m in _iter(fam, text, s, e):
                cl = _clause_at(text, cls, m.start())
                if cl.start in done or self.is_instruction(text, cl):
                    continue
                if kind != "speculation" and _CONDITIONAL_OPENER.match(text, cl.start, cl.end):
                    continue
                if kind == "negative" and _YET.search(text, m.end(), cl.end):
                    continue  # "... had not approved the export yet": pending, not a failing
                if kind == "things" and _CONDITION_WORD.search(text, cl.start, m.start()):
                    continue  # "if the guest was at fault, the deposit covers it": not asserted
                if kind == "negative" and _NOTHING_WRONG.match(text, m.end(), cl.end):
                    continue  # "you didn't cancel anything": cleared
                hit = self.predicate_hit(text, cl, m, kind)
                if hit is not None:
                    done.add(cl.start)
                    yield hit
        # 5a. any hindsight with its consequence ("if you'd kept the receipt, we
        # wouldn't be in this position")
        cf = _COUNTERFACTUAL.search(text, s, e) if _has(text, s, e, "'d", "had") else None
        if cf is not None and _CONSEQUENCE.search(text, s, e):
            verb = (cf.group(1) or cf.group(2) or "").lower()
            # "if you hadn't told us, we'd never have found it" thanks them
            thanks = _NOT_HAD.search(cf.group()) is not None and verb in _HELPFUL_ACTS
            if _is_past(verb) and verb not in _EXPERIENCED and not thanks:
                yield _Hit(cf.start(), cf.end(), "label")
        if _has(text, s, e, "would"):
            habit = _HABIT_COUNTERFACTUAL.search(text, s, e) or _RECURRING_COUNTERFACTUAL.search(
                text, s, e
            )
            if habit is not None and habit.group(1).lower() not in _EXPERIENCED:
                yield _Hit(habit.start(), habit.end(), "label")
        # 5. counterfactuals and accusations ("had you installed ...", "you put it there")
        for pattern in (self.counterfactuals, self.accusations):
            for m in _iter(pattern, text, s, e):
                cl = _clause_at(text, cls, m.start())
                if _negated(text, m.start(), cl.start, max_words=4):
                    continue
                if pattern is self.accusations and _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                    continue  # "if you dropped it, the warranty still covers it"
                if pattern is self.accusations and _TENTATIVE.search(text, s, m.start()):
                    # "That could mean someone at home switched it off": one possible
                    # cause, cleared by openness to ours anywhere in the reply
                    yield _Hit(m.start(), m.end(), "diagnosis")
                    continue
                yield _Hit(m.start(), m.end(), "label")
        # 6. a customer-side action given as the cause of a failure
        yield from self.causal_acts(text, sent, cls)
        # 7. the door closed on them ("your firewall blocks us, so there's nothing more we can do")
        # ... or before naming their side ("we can't be held responsible for what
        # your electrician did")
        for m in _iter(self.closed_door, text, s, e):
            if self.party_near(text, max(s, m.start() - _WINDOW), m.start()) or (
                text[m.end() : m.end() + 5].lower() == " for "
                and self.party_near(text, m.end(), _clause_at(text, cls, m.end()).end)
            ):
                yield _Hit(m.start(), m.end(), "label")
        yield from self.certain_acts(text, sent, cls)
        yield from self.placed_faults(text, sent, cls)
        yield from self.passive_agents(text, sent, cls)
        yield from self.asserted_agents(text, sent, cls)
        yield from self.careless_passives(text, sent, cls)
        yield from self.careless_cause_hits(text, sent, cls)
        # 15. a duty their people are said to skip ("if your drivers charged the
        # tablets like they're supposed to, ..."): "they" stands for them
        for m in _iter(self.duty, text, s, e):
            if any(
                c.start < m.start() and self._has_person(text, c) for c in cls
            ) and not _negated(text, m.start(), _clause_at(text, cls, m.start()).start, 3):
                yield _Hit(m.start(), m.end(), "label")
                break
        # 16. their people's doing, then a verdict with certainty ("with your family
        # carrying boxes out to the car, that's almost certainly where the two went astray")
        for m in _iter(self.certain_verdicts, text, s, e):
            if _negated(text, m.start(), s, 4):
                continue
            who = _THEIR_PERSON.search(text, s, m.start())
            if (
                who is not None
                and not _OURS_WORD.search(text, s, m.start())
                # what the verdict explains is a failure: "... where the boxes went astray"
                and _any(self.failures, text, m.end(), e) is not None
            ):
                yield _Hit(who.start(), m.end(), "label")
                break
        # 12. nobody on their side did what they should ("nobody on your side read the notes")
        for m in _iter(self.nobody_did, text, s, e):
            if not _negated(text, m.start(), _clause_at(text, cls, m.start()).start, 4):
                yield _Hit(m.start(), m.end(), "label")
        # 13. a lesson for next time over an error predicate, whatever its subject
        lesson = _any(self.lesson, text, s, e)
        if lesson is not None or _has(text, s, e, "next time"):
            avoided = _LESSON_FAULT.search(text, s, e)
            if avoided is not None and (
                re.search(r"\b(?:you|your|yours)\b", text[s:e], re.IGNORECASE)
                or not _OURS_WORD.search(text, s, e)
            ):
                # "next time, double-check the age before booking, then such mismatches
                # will not happen": the tip says whose step was missing
                yield _Hit(s, e, "label")
                return
        if lesson is not None:
            for fam in (self.negative_predicates, self.error_predicates):
                for m in _iter(fam, text, s, e):
                    cl = _clause_at(text, cls, m.start())
                    if _CONDITIONAL_ANY.match(text, cl.start, cl.end) or self.is_instruction(
                        text, cl
                    ):
                        continue
                    if fam is self.error_predicates and _negated(text, m.start(), cl.start, 6):
                        continue
                    if fam is self.error_predicates and self.new_arrangement(text, cl, m):
                        continue
                    yield _Hit(cl.start, cl.end, "label")
                    break

    def causal_acts(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """6. A customer-side act given as the cause of a failure named in another
        clause: "the sensors fell because your technicians mounted them on
        painted surfaces", "the report is blank because your manager never
        synced the tablet", "players get banned because they share accounts".
        A negative act ("never synced") is a failure in itself."""
        s, e = sent.start, sent.end
        because_lead = (
            _BECAUSE_LEAD.search(text, s, e) if _has(text, s, e, "because", "reason") else None
        )
        if len(cls) > 12:
            return
        cls = _split_at_links(text, cls)
        # "the sync broke when your admin revoked our token, no question about
        # it": "when" gives a cause with certainty, or when a failure meets a
        # disruptive act of their people ("the sync broke when your IT
        # department blocked our domain")
        when_only = False
        if because_lead is None and _any(self.causal, text, s, e) is None:
            if not _has(text, s, e, "when"):
                return
            if _any(self.certainty, text, s, e) is None:
                when = _WHEN_LINK.search(text, s, e)
                if when is None or _any(self.failures, text, s, when.start()) is None:
                    return
                when_only = True
                cls = [span_of(text, s, when.start()), span_of(text, when.start(), e)]
        if because_lead is not None and because_lead.group().lower().startswith("the"):
            # "the reason the guests couldn't check in is that your night
            # manager ...": what follows "is that" is the clause to read
            cls = [*cls, span_of(text, because_lead.end(), e)]
        # a failure denied is none ("..., so no bookings are lost"), and one we
        # found or fixed thanks to them is their help ("because you checked the
        # meter, we caught the fault early")
        failure_in = [
            any(not _negated(text, f.start(), c.start, max_words=4)
                and not _FOUND_BY_US.search(text, c.start, f.start())
                for f in _iter(self.failures, text, c.start, c.end))
            for c in cls
        ]
        earlier_person = False
        for idx, cl in enumerate(cls):
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if _HARM_SUFFERED.search(text, cl.start, cl.end):
                continue  # "because you lost time from work, I've logged it": their loss
            if _BOUGHT_FROM_US.search(text, cl.start, cl.end):
                continue  # "but you bought through us, so I've opened a claim": our duty
            party = self.party_subject(text, cl.start, min(cl.end, cl.start + _WINDOW))
            person = party is not None and self.person_party(text, party)
            if not person:
                # "because your DBA dropped the standby database": a role the
                # list lacks, acting on something
                agent = _YOUR_AGENT.match(text, cl.start, cl.end)
                if agent is not None and (
                    agent.group(2).lower() not in _THING_NOUNS
                    and agent.group(3).lower() in _PERSON_ACTS
                ):
                    party = _YOUR_NP.match(text, agent.start(1))
                    person = party is not None
            if not person:
                # "... your players ... because they share accounts": the pronoun
                # stands for the customer-side people named before it
                pron = _PRONOUN_SUBJECT.match(text, cl.start, cl.end)
                if pron is None or not earlier_person:
                    if party is not None and self.person_party(text, party):
                        earlier_person = True
                    earlier_person = earlier_person or self._has_person(text, cl)
                    continue
                party = pron
            earlier_person = True
            if _CONCESSIVE_WHO.match(text, party.start(), cl.end) and not text[
                max(s, party.start() - 30) : party.start()
            ].strip().lower().endswith(("because", "since", "as", "cos")):
                continue  # "whoever fitted it, you shouldn't be out of pocket": no matter who
            pronoun = party.re is _PRONOUN_SUBJECT
            np_end = party.end() if pronoun else self.party_np_end(text, party)
            if _RELATIVE_BEFORE.search(text, max(cl.start, party.start() - 8), party.start()):
                continue  # "the antique white that you chose with me": a description, not a cause
            if _EMPHATIC_DID.match(text, np_end, cl.end):
                continue  # "since you did call the depot on day two, ...": credit, not blame
            act = _any(self.past_actions, text, np_end, cl.end)
            if (
                act is not None
                and not _ACT_HEADS.match(act.group())
                and not _is_past(act.group().split()[0])
            ):
                act = None  # "red" in "the red route" is no past act
            if act is None or act.start() - np_end > 12:
                # any past act right after the subject ("overrode", "hung up")
                nxt = _NEXT_VERB.match(text, np_end, cl.end)
                if nxt is not None and _is_past(nxt.group(1)):
                    act = _SimpleMatch(text, nxt.start(1), nxt.end(1))
            if _GENERIC_YOU.match(text, party.start(), cl.end):
                continue  # "because you cannot trust what you don't see": anyone, a maxim
            negative = _NEGATIVE_ACT.match(text, np_end, cl.end)
            # "because you aren't wearing them properly": a step not done the right way,
            # a failing in itself like a negative act
            improper = None if negative is not None else _NOT_DONE_PROPERLY.match(
                text, np_end, cl.end
            )
            if improper is not None and (
                (improper.group("base") or "").lower() in _EXPERIENCED_BASE
                or (improper.group("ing") or "").lower() in _EXPERIENCED_ING
                or not _IMPROPER_MANNER.search(text, improper.end(), cl.end)
            ):
                improper = None
            failing = negative if negative is not None else improper
            present = None
            if (
                act is None
                and negative is None
                and _BECAUSE_BEFORE.search(text, max(s, party.start() - 12), party.start())
            ):
                present = _PRESENT_ACT.match(text, np_end, cl.end)
            if negative is not None:
                verb = negative.group(1).lower()
                if verb in _EXPERIENCED_BASE or verb in _EXPERIENCED:
                    continue
                if party.re is not _PRONOUN_SUBJECT and not _THEIRS.match(party.group()):
                    continue  # "the supplier hasn't confirmed": news, not their fault
                if _NOTHING_WRONG.match(text, negative.end(), cl.end):
                    continue  # "you didn't break anything"
                if _YET.search(text, negative.end(), cl.end):
                    continue  # "your distribution company had not approved the export yet": pending
                if not (
                    because_lead
                    or _BECAUSE_BEFORE.search(text, max(s, party.start() - 12), party.start())
                    or any(f for j, f in enumerate(failure_in) if j != idx)
                ):
                    continue
                start_act = negative.start()
            elif improper is not None:
                if party.re is not _PRONOUN_SUBJECT and not _THEIRS.match(party.group()):
                    continue  # "the supplier isn't packing them properly": news of a third party
                if not (
                    because_lead
                    or _BECAUSE_BEFORE.search(text, max(s, party.start() - 12), party.start())
                    or any(f for j, f in enumerate(failure_in) if j != idx)
                ):
                    continue
                start_act = improper.start()
            elif act is not None:
                if act.start() - np_end > 40 or len(text[np_end : act.start()].split()) > 3:
                    continue  # the act must follow its subject
                head = act.group().split()[0].lower()
                if head not in ("is", "are", "was", "were", "has", "have", "had") and not _is_past(
                    head
                ):
                    continue  # "you should have everything you need": not a past act
                if head in _REPORTING or act.group().split()[-1].lower() in _REPORTING:
                    continue  # "you called our service 'a joke'", "your vet has confirmed":
                    # what they told us
                if head in _REMEDIES and _RECURRED.search(text, s, act.start()):
                    continue  # "the mould came back so soon after you cleaned it": it returned
                    # despite their fix, which caused nothing
                if _PASSIVE_TAIL.search(text[party.end() : act.start()]) or (
                    _BE_CONTRACTED.match(text, party.end(), act.start())
                    and head.endswith("ed")
                ):
                    continue  # passive: something happened to their side ("you're only
                    # charged once")
                if head in ("got", "gotten") and _RECEIVED_GOOD.match(text, act.end(), cl.end):
                    continue  # "you've got a full credit back": what they received
                being = _BEING_DONE.match(text, act.start(), cl.end)
                if being is not None and (
                    _is_past(being.group(1)) or being.group(1).lower().endswith("en")
                ):
                    continue  # "a crew is being sent now": passive, done for them, no act
                if (
                    _PROGRESSIVE.match(act.group())
                    and _SO_LEAD.search(text, max(s, cl.start - 12), party.start())
                    and not any(failure_in[idx + 1 :])
                    and _any(self.certainty, text, cl.start, cl.end) is None
                ):
                    continue  # "..., so the contractor is inspecting both on Monday": a clause
                    # led by "so" is what follows from the failure, not its cause (a cause
                    # there could only explain a failure named after it)
                start_act = act.start()
            elif present is not None:
                start_act = present.start()
            else:
                continue
            first = _WORD_RE.match(text, start_act)
            if (
                first is not None
                and first.group().lower() in _PAYMENT_EVENTS
                and _BANK_PARTY.search(text, party.start(), start_act)
            ):
                continue  # "locked because your bank reversed the payment": a payment event
                # their bank reported, no one's fault
            if (
                failing is None
                and not because_lead
                and not any(f for j, f in enumerate(failure_in) if j != idx)
                # "the florist you chose delivered late, which is why ...": an act done
                # late is a failure in itself, when the sentence makes it the cause
                and not (act is not None and self.late_cause(text, act.end(), cl.end, e))
            ):
                continue
            if when_only and (
                act is None
                or self.changes.regex is None
                or not self.changes.regex.match(text, act.start(), min(cl.end, act.start() + 30))
                or not _THEIRS.match(party.group())
            ):
                continue  # "... when your staff opened the door": no disruptive act
            head = text[cl.start : party.start()]
            # "Looking at the history, one of your managers ...": a lead-in
            # phrase before a comma is not part of the subject
            head = head[max(head.rfind(","), head.rfind(":")) + 1 :]
            before = re.findall(r"[\w']+", head.lower())
            for i in range(len(before) - 1, -1, -1):
                if before[i] in _SUBJECT_OPENERS:
                    before = before[i + 1 :]
                    break
            if any(w in _FINITE or w.endswith(("'s", "'re")) for w in before):
                continue  # the party is not the subject of its clause
            if any(w not in _LEAD_WORDS for w in before):
                continue  # "thank you so much for the detailed ...": not a subject
            if failing is None and _negated(text, start_act, cl.start, max_words=5):
                continue
            if failing is not None and _negated(text, party.start(), cl.start, max_words=4):
                continue
            if failing is None and _DONE_RIGHT.search(text, start_act, cl.end):
                continue  # "you entered the address correctly": done right, no cause
            if failing is None and _OUR_REMEDY_NEXT.match(text, cl.end, e):
                continue  # "the store packed your order, so I've phoned them myself": our
                # follow-up, not a failure they caused
            if (
                idx > 0
                and _RESULT_LEAD.search(text, max(s, cl.start - 16), party.start())
                and not any(failure_in[idx + 1 :])
                and _any(self.certainty, text, cl.start, cl.end) is None
                and not (act is not None and self.late_cause(text, act.end(), cl.end, e))
            ):
                continue  # "the storm delayed the ferry, which is why you missed the
                # connection": their act is what followed the failure, not its cause
            if _SO_LEAD.search(
                text, max(s, cl.start - 12), party.start()
            ) and _OUR_RULE_BEFORE.search(text, s, cl.start):
                continue  # "under our rules ..., so the driver took them back": the act
                # follows from our rule
            yield _Hit(cl.start, cl.end, "diagnosis")

    def late_cause(self, text: str, pos: int, cl_end: int, end: int) -> bool:
        """Does the act that ends at `pos` end its clause done late ("delivered
        late"), with a consequence link right after the clause ("which is why
        ...", "and that's why ...")?"""
        if self.consequences.regex is None or not _LATE_ACT.match(text, pos, cl_end):
            return False
        gap = _LINK_GAP.match(text, cl_end, end)
        at = gap.end() if gap is not None else cl_end
        return self.consequences.regex.match(text, at, end) is not None

    def certain_acts(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """ "Your team clearly left the room in that state, so the cleaning fee
        stands", "your front desk obviously doesn't know how to take a delivery":
        a person of theirs, a word of certainty, then their act, given as the
        reason for a failure or a charge (or a failing in itself: "clearly
        didn't ...").  Praise stays praise ("your team clearly put a lot of
        work into the bid, so we've shortlisted it")."""
        for cl in cls:
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            party = self.party_subject(text, cl.start, min(cl.end, cl.start + _WINDOW))
            if party is None or not self.person_party(text, party):
                continue
            head = text[cl.start : party.start()]
            head = head[max(head.rfind(","), head.rfind(":")) + 1 :]
            # "The restaurant's waiter ...": the owner before the person is part of the subject
            head = _OWNER_BEFORE.sub("", head)
            if any(w not in _LEAD_WORDS for w in re.findall(r"[\w']+", head.lower())):
                continue  # the party is not the subject of its clause
            np_end = self.party_np_end(text, party)
            owned = _OWNED_PERSON.match(text, np_end, cl.end)
            if owned is not None and self.parties.regex is not None:
                # "The shop's cashier", "the merchant's POS operator": the person is the subject
                for g in (1, 2):
                    if owned.group(g) and self.parties.regex.fullmatch(owned.group(g)):
                        np_end = owned.end(g)
                        break
            sure = _CERTAIN_ACT.match(text, np_end, cl.end)
            if sure is None:
                continue
            verb = sure.group("verb").lower()
            negative = sure.group("neg") is not None
            if sure.group("prog") is not None:
                # "aren't logging out properly, which is why ...": a step not done, and
                # either how it should be done or what it led to (not "you clearly
                # aren't happy", "you clearly aren't getting the support you need")
                rest = text[sure.end() : sent.end]
                why = _CERTAIN_CONSEQUENCE.search(rest)
                if not verb.endswith("ing") or (
                    not _PROPER_MANNER.search(text, sure.end(), cl.end)
                    and (why is None or _GOOD_RESULT.match(rest, why.end()))
                ):
                    continue
            elif not negative and not _is_past(verb):
                continue  # "you clearly know the product well"
            if _EFFORT_PUT.match(text, sure.end(), cl.end):
                continue  # "you obviously put so much care into it": praise
            if not negative and _GOOD_MANNER.search(text, sure.end(), cl.end):
                continue  # "your optician clearly measured your PD carefully, so ...": praise
            rest = text[sure.end() : sent.end]
            why = _CERTAIN_CONSEQUENCE.search(rest)
            if (
                not negative
                and (why is None or _GOOD_RESULT.match(rest, why.end()))
                and not _DAMAGE_STATE.search(text, sure.end(), cl.end)
            ):
                continue
            if negative and _NOTHING_WRONG.match(text, sure.end(), cl.end):
                continue  # "you clearly didn't break anything"
            yield _Hit(cl.start, cl.end, "label")
            return

    def _has_person(self, text: str, cl: Span) -> bool:
        party = self.party_subject(text, cl.start, min(cl.end, cl.start + _WINDOW))
        return party is not None and self.person_party(text, party)

    def party_np_end(self, text: str, party: re.Match[str]) -> int:
        """Where the customer-side noun phrase that starts at `party` ends
        ("your front desk", "the customer's admin", "somebody in your office")."""
        if party.group().lower() in ("someone", "somebody", "anyone", "anybody", "whoever"):
            where = _WHERE_THEIRS.match(text, party.end())
            return where.end() if where else party.end()
        if party.group().lower() in ("your", "the customer's", "their"):
            tail = text[party.end() : party.end() + 40]
            nxt = _any(self.parties, tail, 0, len(tail))
            if nxt is not None and len(tail[: nxt.start()].split()) <= 2:
                end = party.end() + nxt.end()
                # a role named by two party words: "your box office team", "your
                # front desk staff", "your site office manager"
                head = _NEXT_WORD.match(text, end, end + 30)
                if (
                    head is not None
                    and self.parties.regex is not None
                    and self.parties.regex.fullmatch(head.group(1))
                ):
                    end = head.end()
                return end
        return party.end()

    def party_at(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        """A customer-side person that starts at `pos` (after an optional article)."""
        lead = _ARTICLE.match(text, pos, end)
        start = lead.end() if lead else pos
        if self.parties.regex is None:
            return None
        party = self.parties.regex.match(text, start, min(end, start + 60))
        if party is None or not self.person_party(text, party):
            return None
        if _OWNED.search(text[max(0, start - 20) : start]):
            return None
        return party

    def placed_faults(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """8-9. A fault placed on their side: "the mismatch is on your end", "the
        problem lies with your accounts team", "arose due to a mistake from
        your side", "the error was introduced by your team's changes"."""
        s, e = sent.start, sent.end
        # What a clause says once, not once per fault noun in it: a run-on piece can
        # hold hundreds ("the crash the crash ..."), and each search reads the clause.
        read: dict[tuple[int, int], tuple[bool, int | None]] = {}
        for m in _iter(self.fault_nouns, text, s, e):
            cl = _clause_at(text, cls, m.start())
            known = read.get((cl.start, cl.end))
            if known is None:
                hedged = bool(
                    _POSSIBILITY.search(text, cl.start, cl.end)
                    or _CONDITIONAL_ANY.match(text, cl.start, cl.end)
                )
                cond = _CONDITION_WORD.search(text, cl.start, cl.end)
                known = read[(cl.start, cl.end)] = (hedged, cond.end() if cond else None)
            hedged, cond_end = known
            if hedged:
                continue
            if cond_end is not None and cond_end <= m.start():
                continue  # "we'll bill you only if the fault is on your side"
            target = None
            place = _PLACE_VERB.match(text, m.end(), cl.end)
            if place is not None:
                target = (
                    self.their_side.regex.match(text, place.end(), cl.end)
                    if (self.their_side.regex is not None)
                    else None
                )
                link = re.match(r"(?:with|on)\s+", text[place.end() : place.end() + 6], re.I)
                if target is None and link is not None:
                    # "the outage is on your network team", "lies with your installer"
                    at = place.end() + link.end()
                    target = self.party_at(text, at, cl.end)
                    if target is not None and not re.match(
                        r"(?:you|your)\b", text[at : at + 5], re.IGNORECASE
                    ):
                        target = None
            elif _CAUSE_BEFORE.search(text[max(cl.start, m.start() - 30) : m.start()]):
                gap = re.match(r"\s+(?:made\s+)?", text[m.end() : m.end() + 8])
                at = m.end() + (gap.end() if gap else 0)
                if self.their_side.regex is not None:
                    target = self.their_side.regex.match(text, at, cl.end)
            if target is None:
                by = _PASSIVE_BY.match(text, m.end(), cl.end)
                if by is not None and by.group(1).lower() in _CAUSAL_PARTICIPLES:
                    party = self.party_at(text, by.end(), cl.end)
                    if party is not None and re.match(
                        r"(?:your|you|the customer|the user|the client|someone|somebody)\b",
                        text[by.end() : by.end() + 20].lstrip(),
                        re.IGNORECASE,
                    ):
                        target = party
            if target is None:
                continue
            if _negated(text, target.start(), cl.start, max_words=8):
                continue
            yield _Hit(cl.start, cl.end, "label")
            return

    def passive_agents(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """ "The data was wiped by one of your admins", "the setting got changed
        by someone at your office": a disruptive act in the passive, with a
        customer-side person as its agent.  A diagnosis: openness anywhere in
        the reply clears it."""
        s, e = sent.start, sent.end
        if self.changes.regex is None or not _has(text, s, e, " by "):
            return
        for m in _PASSIVE_AGENT.finditer(text, s, e):
            part = m.group(1)
            careless = m.group(2) is not None  # "set far too deep by your landscaper"
            if (
                not careless
                and part.lower() not in _CAUSAL_PARTICIPLES
                and not self.changes.regex.fullmatch(part)
            ):
                continue
            if (
                not careless
                and part.lower() in _ARRANGED
                and m.group(0)[:3].lower() in ("is ", "are")
            ):
                continue  # "tariffs are set by your retailer": who decides, not a fault
            cl = _clause_at(text, cls, m.start())
            at = m.end()
            if not _THEIRS.match(text, at, cl.end):
                continue  # "by your admin", "by someone at your office", "by one of your ..."
            party = self.party_at(text, at, cl.end) or (
                _THEIRS.match(text, at, cl.end) if text[at : at + 4].lower() != "your" else None
            )
            if party is None:
                continue
            if _negated(text, m.start(), cl.start, max_words=5) or _POSSIBILITY.search(
                text, cl.start, m.start()
            ):
                continue
            yield _Hit(cl.start, cl.end, "diagnosis")
            return

    def asserted_agents(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """10-11. A customer-side person asserted as the agent: with certainty
        ("someone in your building clearly pulled the plug"), with a reflexive
        ("you deleted the folder yourself"), or pointed at ("that's your front
        desk double-clicking Save", "it was your son who bought the coins, not a
        fault with the store")."""
        s, e = sent.start, sent.end
        # certainty, or our side set against theirs (", not our system")
        certain = (
            _any(self.certainty, text, s, e) is not None
            or _CONTRAST_NOT.search(text, s, e) is not None
        )
        if certain and self.changes.regex is not None:
            for m in self.changes.regex.finditer(text, s, e):
                cl = _clause_at(text, cls, m.start())
                party = self.party_subject(text, cl.start, m.start())
                if party is None or not self.person_party(text, party):
                    continue
                if not _near(text, self.party_np_end(text, party), m.start(), 4):
                    continue
                if _PASSIVE_TAIL.search(text[party.end() : m.start()]):
                    continue
                if _negated(text, m.start(), cl.start, 6) or self.is_instruction(text, cl):
                    continue
                yield _Hit(cl.start, cl.end, "label")
                return
        for r in _REFLEXIVE.finditer(text, s, e) if _has(text, s, e, "sel") else ():
            cl = _clause_at(text, cls, r.start())
            party = self.party_subject(text, cl.start, r.start())
            if party is None or not self.person_party(text, party):
                continue
            verb = _WORD_RE.search(text, self.party_np_end(text, party), r.start())
            while verb is not None and verb.group().lower().endswith("ly"):
                verb = _WORD_RE.search(text, verb.end(), r.start())
            if verb is None or not _is_past(verb.group()) or verb.group().lower() in _GOOD_ACTS:
                continue
            if _negated(text, verb.start(), cl.start, 6) or self.is_instruction(text, cl):
                continue
            yield _Hit(cl.start, cl.end, "label")
            return
        for m in _iter(self.deictic, text, s, e):
            cl = _clause_at(text, cls, m.start())
            spaced = text[m.end() : m.end() + 1] == " "
            party = self.party_at(text, m.end() + 1, cl.end) if spaced else None
            if party is None:
                continue
            nxt = _WORD_RE.search(text, self.party_np_end(text, party), cl.end)
            if nxt is None or nxt.start() - self.party_np_end(text, party) > 2:
                continue
            word = nxt.group().lower()
            if word.endswith("ing") and word not in _NOT_GERUNDS:
                context = certain or self.fault_context(text, s, e)
            elif word in ("who", "that"):
                # "it is your tenants who keep propping the door open, and that
                # sets the alarm off": the cleft names them as the agent
                verb = _WORD_RE.search(text, nxt.end(), cl.end)
                if verb is not None and verb.group().lower() in _NOTICED:
                    continue  # "it was your daughter who spotted the bug"
                if verb is not None and verb.group().lower() in _STANDING_ROLES:
                    continue  # "it's your bank that decides when it clears": how it works
                context = verb is not None and (
                    self.fault_context(text, s, e)
                    or certain
                    or _CONSEQUENCE_LINK.search(text, verb.end(), e) is not None
                    # "it's your contractor who cut the fibre": a disruptive act
                    or (
                        self.changes.regex is not None
                        and self.changes.regex.fullmatch(verb.group()) is not None
                    )
                )
            else:
                continue
            if not context or _negated(text, party.start(), cl.start, 4):
                continue
            if _POSSIBILITY.search(text, cl.start, cl.end):
                continue
            yield _Hit(cl.start, cl.end, "label")
            return

    def careless_passives(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """14. An agentless passive that asserts a careless act on a thing of
        theirs: "the file was clearly uploaded without being checked", "your
        form was filled in incorrectly".  It needs certainty or "your" in the
        clause; a first person ("at our warehouse"), an agent ("by the
        courier"), a negation, a condition or a possibility leaves it alone."""
        s, e = sent.start, sent.end
        for m in _iter(self.careless, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _FIRST_PERSON.search(text, cl.start, cl.end):
                continue
            if _has(text, m.end(), cl.end, " by "):
                continue  # an agent: the passive-agent frame judges it
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end) or _POSSIBILITY.search(
                text, cl.start, cl.end
            ):
                continue
            if _negated(text, m.start(), cl.start, max_words=5):
                continue
            if _SERVICE_ACT.search(m.group()):
                continue  # "your bag was sent on to Amsterdam by mistake": our act, not theirs
            certain = _any(self.certainty, text, cl.start, cl.end) is not None
            if (
                not certain
                and not _THEIR_THING_BEFORE.search(text, cl.start, m.start())
                and not _THEIR_SIDE.search(m.group())
            ):
                continue  # "... filled in incorrectly on your end" names their side itself
            yield _Hit(cl.start, cl.end, "label" if certain else "diagnosis")
            return

    def careless_cause_hits(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """15. A careless act on their side, told as fact, made the cause of
        the fault: "the instructions were clearly not followed, which is why
        the symptoms came back", "the session was missed because Aarav wasn't
        paying attention".  Our own subject ("our crew wasn't ..."), a
        condition or a possibility ("may have been dropped") leaves it alone."""
        s, e = sent.start, sent.end
        for m in _iter(self.careless_causes, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _FIRST_PERSON.search(text, cl.start, m.start()) or _OURS_AFTER.search(
                text, m.end(), cl.end
            ):
                continue  # "... wasn't closed out in our system": our failure
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end) or _POSSIBILITY.search(
                text, cl.start, cl.end
            ):
                continue
            if _ITSELF_FAILED.search(m.group()):
                continue  # "the carer's phone had not updated": a device that failed by itself
            linked = _any(self.consequences, text, m.end(), e) is not None or (
                _BECAUSE_ANY.search(text, s, m.start()) is not None
            )
            if linked:
                yield _Hit(cl.start, cl.end, "label")
                return

    def _third_party_after_owning(
        self, text: str, sents: Sequence[Span], k: int, hits: Sequence[_Hit]
    ) -> bool:
        """ "We let you down ... Their engineer was sent to the wrong address": once the
        reply owns the failure, a fault placed on a third party (our supplier) is an
        explanation, not blame on the customer's side."""
        if any(_READER.search(text, h.start, h.end) for h in hits):
            return False
        return any(self._owned(text, p.start, p.end) for p in sents[:k])

    def _open(self, text: str, sent: Span, cls: Sequence[Span]) -> bool:
        """Does the sentence stay open to our side ("we'll treat this as a defect if
        ...")?  "We can't treat this as a defect" refuses it, so it does not."""
        for m in _iter(self.openness, text, sent.start, sent.end):
            cl = _clause_at(text, cls, m.start())
            if not _negated(text, m.start(), cl.start, max_words=4):
                return True
        return False

    def _owned(self, text: str, start: int, end: int) -> bool:
        """Does the sentence own the fault?  "That's on us" does; "..., not on
        us" and "it isn't our fault" deny it, so they clear nothing ("not
        entirely on us" still owns a part)."""
        for m in _iter(self.ownership, text, start, end):
            if not _DENIED_BEFORE.search(text, max(start, m.start() - 24), m.start()):
                return True
        return False

    def rhetorical_hits(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[_Hit]:
        """A question that accuses: "Did nobody on your side check the import
        file?", "Why didn't your team test it first?".  When its subject is
        "your <noun>", the noun must be people ("why didn't your router ..."
        asks about a thing)."""
        for m in _iter(self.rhetorical, text, sent.start, sent.end):
            your = re.search(r"\byour\b", m.group(), re.IGNORECASE)
            bare = re.search(
                r"\b(?:nobody|no\s+one|no-one|none|anyone|anybody|someone|somebody|you)\b",
                text[m.start() : m.start() + (your.start() if your else len(m.group()))],
                re.IGNORECASE,
            )
            if bare is None and your is not None:
                party = _any(self.parties, text, m.start() + your.start(), m.end())
                if party is None or not self.person_party(text, party):
                    continue
            verb = m.group().split()[-1].lower()
            if verb in _EXPERIENCED_BASE or verb in _EXPERIENCED or verb in _NOT_AN_ACT:
                continue  # "why didn't you get the reminder?": what happened to them
            cl = _clause_at(text, cls, m.start())
            yield _Hit(cl.start, cl.end, "label")
            return

    def fault_context(self, text: str, s: int, e: int) -> bool:
        """Does the sentence speak of a failure or a fault ("not a fault with the store")?"""
        return (
            _any(self.failures, text, s, e) is not None
            or _any(self.fault_nouns, text, s, e) is not None
            or _any(self.error_predicates, text, s, e) is not None
        )

    def anchors(self) -> tuple[str, ...]:
        """The scanned families one of which every blame cue needs in its sentence."""
        fams = (
            self.fault_labels, self.cause_links, self.error_predicates,
            self.thing_error_predicates, self.negative_predicates, self.speculation,
            self.hedges, self.counterfactuals, self.accusations, self.closed_door, self.causal,
            self.fault_nouns, self.lesson, self.nobody_did, self.deictic, self.certainty,
            self.rhetorical, self.careless, self.duty, self.careless_causes,
            self.certain_verdicts,
        )  # fmt: skip
        return tuple(f.key for f in fams if f.scanned)

    def check(
        self, text: str, masked: str, sents: Sequence[Span], open_reply: bool
    ) -> Iterator[Finding]:
        scan = _SCAN.get()
        found = scan[1] if scan is not None and scan[0] is masked else None
        keys = self.anchors()
        for k, sent in enumerate(sents):
            if (
                found is not None
                and not found.any_in(keys, sent.start, sent.end)
                and not _has(
                    masked, sent.start, sent.end,
                    "sel", "would", "reason", ", not ", " by ", "when", "next time",
                    "'d have", "\u2019d have", "'d never", "\u2019d never",
                )
            ):
                continue  # no cue of any blame frame in this sentence
            cls = clauses(masked, sent.start, sent.end) or [sent]
            if is_question(masked, sent.start, sent.end):
                # a question assigns no fault unless it is an accusation
                hits = list(self.rhetorical_hits(masked, sent, cls))
            else:
                hits = list(self.hits(masked, sent, cls))
            if not hits:
                continue
            if self._owned(masked, sent.start, sent.end):
                continue
            if k > 0 and self._third_party_after_owning(masked, sents, k, hits):
                continue
            if self._open(masked, sent, cls):
                continue
            if open_reply and all(h.kind == "diagnosis" for h in hits):
                continue
            hit = min(hits, key=lambda h: h.start)
            sp = span_of(text, hit.start, hit.end)
            sp = _trim_connective(text, sp)
            yield make_finding(self.spec, text, sp.start, sp.end)


_LEADING_CONNECTIVE = re.compile(
    r"(?:and|but|so|because|since|as|which|who|then|or|although|though)\s+", re.IGNORECASE
)


def _trim_connective(text: str, sp: Span) -> Span:
    m = _LEADING_CONNECTIVE.match(text, sp.start, sp.end)
    if m and m.end() < sp.end:
        return span_of(text, m.end(), sp.end)
    return sp


# --------------------------------------------------------------------- humble.prejudge

#: "on Acme's side", "at Northwind's end": a side named by its owner.
_NAMED_SIDE = re.compile(r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}'s\s+(?:side|end)\b")
#: "your settings are all correct": the customer's side cleared, so "elsewhere"
#: may well be ours.
_THEIRS_CLEARED = re.compile(
    r"\byour\b[^.;!?]{0,60}?\b(?:is|are|was|were|look|looks|looked)\s+(?:all\s+|both\s+|"
    r"perfectly\s+|completely\s+)?(?:correct|fine|ok|okay|right|good|in\s+order|valid)\b",
    re.IGNORECASE,
)
#: "how awkward (that is)": an exclamative right before a fault label's subject.
_HOW_BEFORE = re.compile(r"\bhow\s+(?:[\w-]+\s+){1,2}$", re.IGNORECASE)
#: "The printers", "the app": a definite subject (the reply's own things, unless "your").
_DEFINITE_SUBJECT = re.compile(
    r"\W*(?:(?:so|and|but|hence|therefore)\s+)?(?:the|this|that|these|those)\s+"
    r"(?:[\w-]+\s+){0,2}(?:(?:on|in|of|for)\s+(?:the|this|that|each|every)\s+[\w-]+\s+)?$",
    re.I,
)
#: A clause whose subject is only a pronoun: "and they're", "it's", "both are".
_BARE_PRONOUN = re.compile(
    r"\W*(?:and\s+|but\s+|so\s+)?(?:they|it|these|those|both|all\s+of\s+them|each\s+of\s+them|"
    r"everything)(?:\s+(?:are|is|were|was|all|both|still))?\s*",
    re.IGNORECASE,
)
#: The subject of a conclusion drawn from a track record, only a pronoun:
#: "..., so it's working properly", "so they are fine".
_SO_PRONOUN = re.compile(r"\b(?:so|therefore|hence),?\s+(?:it|they|that)\s*$", re.IGNORECASE)
#: "our (standard) policy", "our advice": what we decide, not a part of our side
#: that could have caused the problem.
_NOT_A_THING = re.compile(
    r"our\s+(?:standard\s+|usual\s+|normal\s+|general\s+|current\s+)?(?:policy|policies|practice|"
    r"intention|aim|goal|plan|recommendation|advice|preference|approach|decision|call|rule|"
    r"rules|offer|price|prices|rate|rates|terms|hours|opening|view|opinion|understanding)\b",
    re.IGNORECASE,
)
_ASSURANCE = re.compile(
    r"\b(?:rest\s+assured|(?:i|we)\s+can\s+(?:assure|confirm|guarantee)|assure\s+you|i\s+promise|"
    r"let\s+me\s+stop\s+you)\b",
    re.IGNORECASE,
)
_SORRY_THAT = re.compile(r"\b(?:sorry|apologi[sz]e)\b(?:\s+that)?\s+(?:\w+\s+){0,3}$", re.I)
_THEIR_THING = re.compile(r"\byour\b", re.IGNORECASE)
_OURS_WORD = re.compile(r"\b(?:our|ours|we|us)\b", re.IGNORECASE)
#: The author's own test as evidence: "I tested it on my machine", "works on my end".
_MY_TEST = re.compile(
    r"\bi\s+(?:\w+ly\s+)?(?:tested|tried|checked|ran|reproduced|repeated)\b|\b(?:on|from)\s+my\s+"
    r"(?:machine|laptop|computer|pc|phone|end|side|account|browser|device|test\s+\w+)\b",
    re.IGNORECASE,
)
#: "..., so it must be the connecting airline": the cause placed elsewhere.
_CONCLUSION_ELSEWHERE = re.compile(
    r"\b(?:so|which\s+means|therefore|hence)\s+(?:it|this|that|the\s+[\w-]+)\s+"
    r"(?:must|has\s+to|will|'ll|is\s+going\s+to)\s+(?:have\s+)?be(?:en)?\b"
    # "our warehouse never ships damaged items, so this happened after delivery": the
    # harm placed after it left us
    r"|\b(?:so|which\s+means|therefore|hence)\s+(?:it|this|that|the\s+[\w-]+)\s+"
    r"(?:must\s+have\s+|will\s+have\s+)?(?:happened|occurred|went\s+missing|got\s+(?:damaged|lost|"
    r"broken)|broke|was\s+(?:damaged|lost|broken|done|caused))\s+(?:after|in\s+transit|during\s+"
    r"(?:delivery|transit|shipping)|somewhere\s+else|elsewhere|at\s+your|on\s+your|once)\b"
    # "refunds never fail from our end, so please check with your wallet provider": the
    # cause handed to someone else
    r"|\b(?:so|therefore|hence)\s+(?:please\s+|you'll\s+(?:need|have)\s+to\s+|you\s+(?:will\s+)?"
    r"(?:need|have)\s+to\s+)?(?:check|take\s+it\s+up|take\s+this\s+up|speak|talk|raise\s+it|"
    r"follow\s+(?:it\s+)?up)\s+with\s+(?!(?:our|us|me|my)\b)",
    re.IGNORECASE,
)
#: "... on our side", "... from our end" right after the act: the claim is about us.
_ON_OUR_SIDE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:on|at|from|in)\s+our\s+(?:side|end)\b", re.IGNORECASE
)
#: "never leave", "don't lose", "can't charge": a claim that something never happens.
_NEVER_ACT = re.compile(
    r"\b(?:never|doesn't|does\s+not|don't|do\s+not|can't|cannot|won't|will\s+not)\s+(?:ever\s+)?[a-z]+",
    re.IGNORECASE,
)
#: How a reply names its own organisation: a help desk's "[Brand]" subject
#: tag, "Thank you for contacting Brand", "the Brand team".
_SUBJECT_TAG = re.compile(r"^\s*\[([^\]\[]{2,40})\]")
_SELF_NAME = re.compile(
    r"\b(?:contacting|choosing|welcome\s+to|thanks\s+for\s+choosing|here\s+at|on\s+behalf\s+of)\s+"
    r"((?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,3})"
    r"|\b(?:the|our)\s+((?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2})\s+(?:team|support)\b"
)
_GENERIC_NAMES = frozenset("support customer customers team us the our".split())


#: Second-level labels under which the organisation's own label sits ("acme.co.uk").
_SECOND_LEVEL = frozenset("co com org net ac gov edu ltd plc ne or go".split())


def _org_label(sender: str) -> str:
    """The organisation's own label of a sender address: "acme" for
    "dana@support.acme.example" or "help@acme.co.uk"; "" when unsure."""
    domain = sender.rpartition("@")[2].lower().strip(". ")
    labels = [x for x in domain.split(".") if x][:-1]  # without the top-level label
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    label = labels[-1] if labels else ""
    return label if len(label) >= 3 and label.isalpha() and label not in _GENERIC_NAMES else ""


def our_names(reply: Reply) -> re.Pattern[str] | None:
    """A regex for the names the reply uses for our own organisation, or None.

    In "the late arrival was in no way caused by Skylark Air" the brand is our
    side as much as "us" is; the brand comes from the help desk's subject tag
    or from the reply's own "Thank you for contacting Skylark Air"."""
    names: set[str] = set()
    tag = _SUBJECT_TAG.match(reply.subject or "")
    if tag:
        names.add(tag.group(1).strip())
    for m in _SELF_NAME.finditer(reply.text[:5000]):
        name = (m.group(1) or m.group(2) or "").strip()
        if name and name.lower() not in _GENERIC_NAMES:
            names.add(name)
    org = _org_label(reply.sender)
    if org:
        names.add(org)  # "it isn't Acme Play": our own company, from our own address
    names = {n for n in names if len(n) >= 3}
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?:the\s+)?(?:" + alts + r")\b", re.IGNORECASE)


#: A past act in a clause ("was entered", "had been", "didn't"): something happened.
_PAST_AUX = re.compile(
    r"\b(?:was|were|wasn't|weren't|had|hadn't|did|didn't|has\s+been|have\s+been|got|'d)\b",
    re.IGNORECASE,
)
#: "turned up", "turn out": arrived or proved so, no act ("your parcel hasn't turned up")
_TURNED_UP = re.compile(r"\S*\s+(?:\w+\s+)?turn(?:ed|s)?\s+(?:up|out|round|around)\b", re.I)
#: "you're (only) charged": "be" attached to the subject, then a participle: passive
_BE_CONTRACTED = re.compile(r"(?:'re|\u2019re)\s+(?:\w+ly\s+|only\s+|just\s+)?$", re.I)
#: what is received: "got a full credit back", "got your refund", "got the upgrade free"
_RECEIVED_GOOD = re.compile(
    r"\s+(?:(?:a|an|the|your|some|all|both|every)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:credit|refund|voucher|discount|replacement|upgrade|reimbursement|compensation|"
    r"money|deposit|points|bonus|gift|coupon|rebate)s?\b",
    re.IGNORECASE,
)
#: After a person of theirs: certainty, then their act ("clearly left", "obviously
#: didn't bother", "evidently doesn't know how to").
_CERTAIN_ACT = re.compile(
    r"\s+(?:just\s+|simply\s+|very\s+)?(?:clearly|obviously|evidently|plainly|definitely)\s+"
    r"(?:(?P<neg>didn't|did\s+not|doesn't|does\s+not|don't|do\s+not|never|hasn't|haven't|"
    r"wasn't|weren't|can't|couldn't|failed\s+to|forgot\s+to|neglected\s+to|"
    # "your nurses clearly aren't logging out properly": a step not being done
    # (the verb must then be "-ing", see certain_acts)
    r"(?P<prog>aren't|isn't|are\s+not|is\s+not|ain't|aint))\s+)?"
    # (a whole word: "won't" is no "won", "can't" no "can")
    r"(?P<verb>[a-z]+)\b(?!['\u2019])",
    re.IGNORECASE,
)
#: What their act is said to have led to: "so the fee stands", "which is why nobody came".
_CERTAIN_CONSEQUENCE = re.compile(
    r"\b(?:so(?!\s+(?:much|many|far|well|hard|long|quickly|carefully|kindly|nicely))|hence|"
    r"therefore|which\s+is\s+why|that's\s+why|that\s+is\s+why|which\s+(?:is\s+what\s+)?"
    r"(?:caused|led\s+to|meant|explains)"
    # "..., and that's what's drawing the roaches": what their act brings on
    r"|(?:that's|that\s+is|which\s+is|this\s+is)\s+what(?:'s|\s+is|\s+was)\s+[a-z]+ing)\b",
    re.IGNORECASE,
)
#: "you" as anyone, in a maxim: "you cannot trust what you don't see", "you can't
#: fix what you can't measure".
_GENERIC_YOU = re.compile(
    r"you\s+(?:can't|cannot|can\s+not|don't|do\s+not|won't|never)\s+[a-z]+\s+"
    r"(?:what|anything|something|a\s+\w+|the\s+\w+)\s+(?:that\s+)?you\s+"
    r"(?:can't|cannot|can\s+not|don't|do\s+not|haven't|have\s+not|never)\b",
    re.IGNORECASE,
)
#: Who holds a thing, not who caused a fault: "the money sits with them, not with
#: us", "your parcel is with the courier, not us" (the subject right before the verb).
_HOLDER_OF_THING = re.compile(
    r"\b(?:the|your|this|that)\s+(?:[\w-]+\s+)?(?:money|funds|payment|payout|refund|cash|balance|"
    r"deposit|parcel|package|box|boxes|order|goods|item|items|documents?|paperwork|keys?|"
    r"car|vehicle|device|phone|laptop)\s+$",
    re.IGNORECASE,
)
#: A guess about their side followed by the step it spares them: "..., so you can
#: skip step 2", "..., so you don't need to do it again".
_SAVES_THEM_WORK = re.compile(
    r"[^.;!?\n]{0,60}?[,;]?\s+(?:so|which\s+means|meaning)\s+(?:you\s+(?:can|could|may)\s+"
    r"(?:\w+\s+)?(?:skip|ignore|leave|go\s+straight|jump|move\s+on)|you\s+(?:don't|do\s+not|"
    r"won't|will\s+not|shouldn't|needn't)\s+(?:need\s+to|have\s+to)?|there's\s+no\s+need)\b",
    re.IGNORECASE,
)
#: What a bank or card issuer does to a payment: an event, not an error.
_PAYMENT_EVENTS = frozenset(
    "reversed refunded recalled disputed declined returned bounced rejected charged".split()
)
_BANK_PARTY = re.compile(
    r"\b(?:bank|banks|card\s+issuer|issuer|card\s+provider|building\s+society|credit\s+union|"
    r"payment\s+provider|paypal)\b",
    re.IGNORECASE,
)
#: Our side finding or mending the failure named after it: "we caught the fault
#: early", "I was able to trace the leak", "our engineer spotted the crack".
_FOUND_BY_US = re.compile(
    r"\b(?:we|i|our\s+(?:\w+\s+)?(?:team|engineers?|technicians?|staff|fitters?|agents?))"
    r"(?:'ve|\s+have|\s+had|\s+were\s+able\s+to|\s+was\s+able\s+to|\s+could)?\s+"
    r"(?:then\s+|quickly\s+|finally\s+)?"
    r"(?:caught|spotted|found|noticed|traced|located|identified|pinpointed|diagnosed|fixed|"
    r"repaired|cleared|resolved|catch|spot|find|notice|trace|locate|identify|pinpoint|"
    r"diagnose|fix|repair|clear|resolve)\b",
    re.IGNORECASE,
)
#: A good result after the link: "so we've shortlisted it", "so the launch went well".
_GOOD_RESULT = re.compile(
    r"(?:\s+\w+){0,4}?\s+(?:we've|we\s+have|i've|i\s+have|well|great|smoothly|perfectly|"
    r"beautifully|shortlisted|approved|accepted|won|thanks?)\b",
    re.IGNORECASE,
)
#: A state of damage or mess left behind: "in that state", "like that", "a mess".
_DAMAGE_STATE = re.compile(
    r"\b(?:in\s+(?:that|this|such\s+a|a)\s+(?:state|condition|mess)|like\s+that|a\s+(?:mess|tip|state)|"
    r"damaged|dirty|filthy|broken|unlocked|open\s+overnight|"
    # an act that is itself the error: "clearly keyed in the amount twice",
    # "obviously charged your card two times", "gave your key to the wrong guest"
    r"twice|two\s+times|by\s+mistake|in\s+error|the\s+wrong\s+\w+|"
    # done wrong: "clearly measured your PD wrong" (not "knew something was wrong")
    r"wrongly|incorrectly|(?<!\bwas\s)(?<!\bis\s)(?<!\bwere\s)(?<!\bare\s)(?<!'s\s)(?<!went\s)"
    r"(?<!\bgo\s)(?<!goes\s)(?<!gone\s)(?<!thing\s)(?<!what\s)wrong(?!\s+(?:with|about)\b))\b",
    re.IGNORECASE,
)
#: A good manner after their act: "(clearly measured your PD) carefully": praise.
_GOOD_MANNER = re.compile(
    r"\b(?<!not\s)(?:carefully|accurately|correctly|properly|precisely|thoroughly|meticulously|"
    r"(?<!as\s)well|(?<!turned\s)right(?=\s*(?:[,;.!]|$))|(?:a|an|such\s+a)\s+(?:great|good|brilliant|fantastic|"
    r"lovely|excellent|superb|amazing|thorough|careful|neat|tidy|fine|grand)\s+(?:job|work))\b",
    re.IGNORECASE,
)
#: A manner that says how a step should have been done: "(aren't logging out) properly".
_PROPER_MANNER = re.compile(
    r"\b(?:properly|correctly|right|securely|fully|as\s+(?:trained|shown|instructed|agreed))\b",
    re.IGNORECASE,
)
#: "the merchant's POS operator", "the hotel's night porter": a person of theirs
#: named through whose they are (the owner, then at most one modifier word).
_OWNER_BEFORE = re.compile(r"(?<![\w-])[\w-]+'s\s+(?:[\w-]+\s+)?$")
#: "'s cashier" after a party of theirs ("the shop's cashier"): the person it owns.
_OWNED_PERSON = re.compile(r"'s\s+([\w-]+)(?:\s+([\w-]+))?")
#: Effort put in: "(clearly put) a lot of work into", "so much care into".
_EFFORT_PUT = re.compile(
    r"\s+(?:(?:a\s+lot|lots|a\s+great\s+deal|so\s+much|real|great|huge|serious|some)\s+(?:of\s+)?)"
    r"(?:work|effort|care|thought|time|love|energy|hours|heart)\s+(?:into|in)\b",
    re.IGNORECASE,
)
#: Said without looking: "I can tell you that much without even looking",
#: "I'd bet on it without checking", "no need to even look".
_UNSEEN = re.compile(
    r"\b(?<!can't\s)(?<!cannot\s)(?<!couldn't\s)(?:tell|say|promise|guarantee|assure|bet|swear)\s+"
    r"(?:you\s+)?(?:(?:that|this|it|on\s+it)\s+)?(?:much\s+|now\s+|straight\s+off\s+)?without\s+"
    r"(?:even\s+|actually\s+|ever\s+|so\s+much\s+as\s+)?(?:looking|checking|having\s+(?:looked|checked)|"
    r"testing|investigating|digging|opening\s+(?:it|the))\b"
    r"|\bno\s+need\s+(?:for\s+me\s+|for\s+us\s+)?to\s+(?:even\s+)?(?:look|check|test|investigate)\b",
    re.IGNORECASE,
)
#: A denial or a clean bill before it: "isn't broken", "is fine", "not the issue".
_DENIED_HERE = re.compile(
    r"\b(?:isn't|is\s+not|aren't|are\s+not|wasn't|was\s+not|can't\s+be|cannot\s+be|won't\s+be)\s+"
    r"(?:\w+\s+)?(?:broken|faulty|the\s+(?:problem|issue|cause|culprit)|down\s+to|at\s+fault|wrong|"
    r"ours|us|our\s+\w+)\b|\b(?:is|are|'s|'re)\s+(?:absolutely\s+|perfectly\s+|completely\s+)?"
    r"(?:fine|working|ok|okay|healthy)\b|\bnothing\s+wrong\b",
    re.IGNORECASE,
)
#: "whoever fitted it, ...": a concessive, whoever it was, before the main clause
_CONCESSIVE_WHO = re.compile(r"(?:whoever|no\s+matter\s+who)\s+[^,.;:!?]{1,40},", re.IGNORECASE)
#: A refusal ("wouldn't let", "refused to sign for"): only a person refuses.
#: "didn't sync", "hadn't updated": an active verb negated (not "wasn't formatted").
_ACTIVE_NEGATIVE = re.compile(
    r"(?:didn't|did\s+not|hasn't|has\s+not|haven't|have\s+not|hadn't|had\s+not|never)\s",
    re.IGNORECASE,
)
#: A bare pronoun placed with a party: "it sits with your agent" (a task or a fault).
_DUTY_PLACED = re.compile(
    r"(?:it|this|that|which)(?:'s|\s+is|\s+was)?\s+(?:sits|sat|lies|lay|rests|falls)\b",
    re.IGNORECASE,
)
#: A thing we were sent, so theirs: "the bite registration we got", "the files we received".
_WE_RECEIVED = re.compile(
    r"\b(?:we|i)(?:'ve|\s+have|'d|\s+had)?\s+(?:got|received|were\s+sent|was\s+sent|"
    r"were\s+given|was\s+given)(?:\s+from\s+(?:you|them|the\s+\w+))?\s*$",
    re.IGNORECASE,
)
#: A fault found in one part, not theirs: "only the monitoring link has dropped".
_ONLY_A_PART_FAILED = re.compile(
    r"[,;:\u2014\u2013-]\s*(?:but\s+)?(?:only|just)\s+(?:the|our|its|one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:has|have|had|is|was|are|were)\s+(?:been\s+)?(?:dropped|down|failed|broken|stopped|"
    r"disconnected|offline|lost|faulty|failing|dropping)\b",
    re.IGNORECASE,
)


def _thing_head(text: str, start: int, end: int) -> bool:
    """Is the last word before `end` (the head of the subject) a thing
    ("your allergy list", "your card details"), not a person or group?"""
    words = re.findall(r"[\w-]+", text[start:end])
    return bool(words) and words[-1].lower() in _THING_NOUNS


_REFUSED = re.compile(r"(?:wouldn't|would\s+not|refused\s+to)\s", re.IGNORECASE)
#: An act done right: "entered the address correctly", "packed it properly".
_DONE_RIGHT = re.compile(
    r"\b(?<!not\s)(?:correctly|properly|right(?=\s*[,;.!]|\s+the\s+first)|perfectly|"
    r"carefully|securely|safely|"
    # "packed it in a padded box", "in bubble wrap": packed with care
    r"in\s+(?:a\s+)?(?:padded|double-walled|reinforced|sturdy|rigid|bubble-?wrap(?:ped)?|foam)\b|"
    r"as\s+(?:asked|instructed|requested|agreed))\b",
    re.IGNORECASE,
)
#: What follows the clause is our own remedy: ", so I've phoned them myself".
_OUR_REMEDY_NEXT = re.compile(
    r"\W*(?:so|and)\s+(?:i|we)(?:'ve|\s+have|'ll|\s+will|\s+just)?\s+(?:already\s+|now\s+|also\s+)?"
    r"(?:phoned|called|rung|rang|contacted|emailed|chased|asked|rebooked|re-booked|arranged|refunded|"
    r"credited|replaced|resent|re-sent|sent|booked|checked|raised|escalated|spoken|messaged)\b",
    re.IGNORECASE,
)
#: A relative clause with its own negation, right before a label: "who don't back up before
#: an update".
_NEGATED_WHO = re.compile(
    # ("that" only after a plural noun: "but that doesn't mean it's on your end" is no relative)
    r"(?:\bwho|\b[a-z]{3,}s\s+that)\s+(?:don't|doesn't|didn't|do\s+not|does\s+not|did\s+not|never|won't|can't)"
    r"\s+[^,;:.!?]{1,50}$",
    re.IGNORECASE,
)
#: "will never", "'ll never": what is promised not to happen (not "should never").
_WILL_BEFORE = re.compile(r"(?:\bwill|'ll|\u2019ll|\bshall)\s+$", re.IGNORECASE)
#: "is being sent", "are being replaced": a passive progressive, done to or for them.
_BEING_DONE = re.compile(r"(?:is|are|was|were|'s|'re)\s+being\s+([a-z]+)\b", re.IGNORECASE)
#: "is inspecting", "are running": an act in progress (or arranged), not a past act.
_PROGRESSIVE = re.compile(r"(?:is|are)\s+[a-z]+ing\b", re.IGNORECASE)
#: A clause led by "so": what follows from what came before.
_SO_WORDS = r"so|therefore|hence|thus"
_SO_LEAD = re.compile(rf"\b(?:{_SO_WORDS})\b", re.IGNORECASE)
#: A link that makes its clause the result of what came before: "which is why", "so".
_RESULT_LEAD = re.compile(
    rf"\b(?:why|{_SO_WORDS}|consequently|as\s+a\s+result)\b", re.IGNORECASE
)
#: A rule or policy of ours given before it: "under our food safety rules", "our policy".
_OUR_RULE_BEFORE = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,3}?(?:rules?|polic(?:y|ies)|terms|procedures?|guidelines?|"
    r"regulations|standards)\b",
    re.IGNORECASE,
)
#: What a lesson says it would have avoided, or whose thing it explains.
_LESSON_FAULT = re.compile(
    r"\b(?:then|and|so)\s+(?:such|this|these|that|those|the\s+same|it)(?:\s+[\w-]+){0,3}?\s+(?:will\s+not|"
    r"won't|shouldn't|should\s+not|wouldn't|would\s+not|can't|cannot)\s+(?:happen|occur|recur|arise|"
    r"come\s+up)"
    r"|\b(?:this|that)(?:'s|\s+is)\s+why\s+(?:yours|your)\b",
    re.IGNORECASE,
)
#: Parties that are people by their pronoun ("the measurements you gave": "you" acts).
_PERSONAL_PARTIES = frozenset(
    "you your yours they their he she his her someone somebody anyone anybody whoever".split()
)
#: A determiner and a plural noun right before a word: that word is their verb.
_PLURAL_SUBJECT_BEFORE = re.compile(
    r"\b(?:the|these|those|our|all|both|some|many|most)\s+(?:[a-z-]+\s+)?[a-z-]{3,}[^s\W]s\s+$",
    re.IGNORECASE,
)
#: "..., which you didn't approve": a relative clause about something done to them ...
_WHICH_BEFORE = re.compile(r"\b(?:which|that)\s+$", re.IGNORECASE)
#: ... that needed their consent, so the fault named is ours.
_CONSENT = re.compile(
    r"\b(?:approve|ask|order|want|request|agree|choose|authori[sz]e|expect|book|accept|sign)",
    re.IGNORECASE,
)
#: "isn't a | Brightwater | problem": the denial before our name, the fault after it.
_NOT_A = re.compile(
    r"\b(?:isn't|is\s+not|wasn't|was\s+not|'s\s+not|aren't|are\s+not)\s+(?:a|an)\s+", re.IGNORECASE
)
_FAULT_NOUN = r"(?:problem|issue|fault|error|bug|defect|failure|mistake)"
_FAULT_WITH = re.compile(_FAULT_NOUN + r"\s+(?:with|in|on|of|from)\s+", re.IGNORECASE)
_FAULT_AFTER_NAME = re.compile(r"\s+" + _FAULT_NOUN + r"s?\b", re.IGNORECASE)
#: The noun phrase a clearing claim is about, when it may be the customer's:
#: "your integration", "the file (you sent)", "in your setup".
#: "not something we can do / offer": what we can do, not who caused it.
_WE_CAN = re.compile(
    r"\s+(?:can|could|are\s+able\s+to|offer|provide|support|sell|allow|stock|ship)\b", re.I
)
#: "That's not the service you should get from us", "not the standard we aim
#: for": a standard we failed to meet (an apology), not a cause cleared.
_STANDARD_MISSED = re.compile(
    r"\s+(?:that\s+)?(?:(?:you|customers|our\s+customers|anyone|any\s+customer)\s+"
    r"(?:should|deserve|expect|'d\s+expect|would\s+expect|are\s+entitled\s+to|ought\s+to)"
    r"|(?:we|i)\s+(?:want|aim|strive|try|mean|expect|hope|like)\s+(?:(?:you|customers)\s+)?(?:to|for)\b)",
    re.I,
)
_THEIR_NP = re.compile(
    r"\s*(?:(?:in|with|on|at|of|from)\s+)?(?:(?P<your>your|the\s+customer's)\s+\S|"
    r"(?:the|this|that|these|those)\s+(?P<first>[\w-]+)(?:\s+(?P<second>[\w-]+))?)",
    re.IGNORECASE,
)
#: "... the file you sent", "the sheet your team exported": theirs by what they did.
_THEY_MADE = re.compile(
    r"\s*(?:[\w-]+\s+){1,3}?(?:you|your\s+[\w-]+)\s+(?:sent|uploaded|attached|shared|provided|"
    r"exported|submitted|emailed|forwarded|used|made|created|wrote|filled|supplied|gave)\b",
    re.IGNORECASE,
)


#: Words between "isn't" and what it denies: "isn't (going to be) (coming) from us".
_NOT_OURS_FILLER = re.compile(
    r"^\s*(?:(?:going\s+to|likely\s+to|possibly|have|be|been|coming|come|originating|originate|"
    r"originated|caused|due|down|to|anything|something|related|connected|linked|do\s+with|"
    r"lie|lies|lay|rest|rests|sit|sits|stem|stems|be\s+found)\s+)*"
    r"(?:from|on|with|in|at|by|to)?\s*",
    re.IGNORECASE,
)


#: Who or what keeps a claim open from the next sentence: us, or a possibility.
_NEXT_OPENNESS = re.compile(
    r"\b(?:we|we're|we've|we'll|we'd|our|us|i|i'm|i've|i'll|i'd|could|might|may|possible|"
    r"possibly|rule\s+out|sure|certain)\b",
    re.IGNORECASE,
)
#: The customer's right to claim, conceded: "you're entitled to put a claim in".
_CLAIM_PROCEDURE = re.compile(
    r"\b(?:entitled\s+to|welcome\s+to|free\s+to|(?:can|may)\s+still)\s+(?:put|make|file|lodge|"
    r"submit|raise|send)\s+(?:in\s+)?(?:a|your|an)\s+(?:claim|complaint|appeal)\b",
    re.IGNORECASE,
)
#: What keeps the cause itself open in that sentence: ours named, or a possibility.
_CAUSE_KEPT_OPEN = re.compile(
    r"\b(?:we|we're|we've|we'll|we'd|our|us|could|might|may|possible|possibly|rule\s+out)\b",
    re.IGNORECASE,
)
#: A claim that carries its own negation ("isn't something we caused").
_SELF_NEGATED = re.compile(r"(?:isn't|is\s+not|wasn't|was\s+not|'s\s+not|not)\b", re.I)
#: "not" inside the subject: "the codes not arriving", "the card not working".
_GERUND_NOT = re.compile(r"\bnot\s+[a-z]+ing\b", re.IGNORECASE)
#: "This isn't a bug" / "not a defect": a verdict that may come after the cause.
_CAUSE_SHOWN = re.compile(r".*\b(?:bug|defect|regression|glitch|fault|error)\b", re.IGNORECASE)
#: "expected behaviour", "correct behaviour": a verdict that the design explains.
_BY_DESIGN_CLAIM = re.compile(
    r".*\b(?:expected|intended|normal|correct|standard|designed)\s+(?:behaviou?r|function)",
    re.IGNORECASE,
)
#: "... rather than in | <our side>": the cause placed away from us.
_RATHER_THAN = re.compile(r"\brather\s+than\s+(?:in|with|on|at|from|by|down\s+to)\s+(?:the\s+)?",
                          re.IGNORECASE)
#: A verdict said as certain: "will be in", "is definitely", "must be".
_CERTAIN_PLACE = re.compile(
    r"\b(?:will|'ll|must|has\s+to|is\s+going\s+to)\s+(?:\w+ly\s+)?be\b|\b(?:is|are|lies|sits)\s+"
    r"(?:definitely|clearly|certainly|obviously|squarely)\b",
    re.IGNORECASE,
)
#: Where an explanation starts after a verdict: a colon or a dash.
_EXPLANATION = re.compile(r"[:\u2014\u2013]|\s-\s")
#: Something concrete in an explanation: a quoted label, a menu path, a number.
_CONCRETE = re.compile(r"[\"\u201c][^\"\u201d]{2,40}[\"\u201d]|\S\s+>\s+\S|\d")


#: Our own fault admitted after a denial: "which we should have warned you about".
_OUR_FAULT_AFTER = re.compile(
    r"\b(?:we|i)\s+should\s+have\b|\b(?:our|my)\s+(?:own\s+)?(?:mistake|fault|error|oversight|slip)\b"
    r"|\b(?:that's|that\s+is|this\s+is)\s+on\s+us\b|\bwe\s+(?:got|messed)\s+(?:it|this|that)\s+"
    r"(?:wrong|up)\b"
    # "it's a known issue in our iPad app": the cause named as ours
    r"|\b(?:it's|it\s+is|this\s+is|that's|that\s+is)\s+(?:(?:a|an|the)\s+)?(?:known\s+)?"
    r"(?:issue|bug|problem|fault|defect|glitch|error)\s+(?:in|with|on|affecting)\s+our\b",
    re.IGNORECASE,
)
#: "isn't a bug you caused", "not an error your team made", "not a fault on your
#: side": the denial clears the reader, not us.
_THEIR_DOING_AFTER = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:you|you've|your\s+[\w-]+(?:\s+[\w-]+)?)\s+"
    r"(?:\w+ly\s+|have\s+|had\s+|did\s+)?(?:caused|made|created|introduced|triggered|did|"
    r"broke|set\s+off|brought\s+on)\b"
    r"|\s+(?:on|from|by|at)\s+your\s+(?:side|end|part)\b|\s+of\s+yours\b",
    re.IGNORECASE,
)


def _cause_given(text: str, pos: int, end: int) -> bool:
    """After a denial ("our system didn't create the duplicate"), does the
    sentence go on to show the cause, concretely, after a colon or a dash
    ("...: row 41 of the CSV you imported on 3 May is there twice")?  Then the
    verdict comes with its evidence, not before the cause is known."""
    shown = _EXPLANATION.search(text, pos, end)
    return shown is not None and _CONCRETE.search(text, shown.end(), end) is not None
#: What the verdict is about, before its explanation: "in the scheduler", "with the export".
_VERDICT_SCOPE = re.compile(
    r"[ \t]{1,3}(?:in|with|on|at|of)[ \t]{1,3}(?:the|this|that|your|our)[ \t]{1,3}"
    r"(?:[\w-]+[ \t]{1,3}){0,2}?[\w-]+(?=[ \t]{0,3}[:\u2014-])",
    re.IGNORECASE,
)
#: What to do about it: "untick it", "switch it off", "set it to ...".
_FIX_STEP = re.compile(
    r"\b(?:untick|tick|switch|turn|set|change|clear|select|choose|click|open|enable|disable|"
    r"remove|add|update|use)\b",
    re.IGNORECASE,
)
#: "It's not the app, it's our server: ... the fault is ours": the denial only
#: moves the cause to another part of our own side, so nothing is cleared.
_OURS_INSTEAD = re.compile(
    r"\s*(?:[,;:\u2014\u2013]|\s-)\s*(?:but\s+|rather\s+)?(?:it's|it\s+is|it\s+was|that's|"
    r"the\s+(?:problem|issue|fault|cause)\s+(?:is|was|'s))\s+(?:actually\s+|really\s+)?"
    r"(?:(?:on|with|in|at|down\s+to)\s+)?(?:our|us|ours|me|my)\b"
    r"(?!\s+(?:partner|supplier|courier|carrier|bank|provider|vendor|host|contractor)s?(?:'s)?\b)",
    re.IGNORECASE,
)
#: "... the fault is ours", "that one's on us": our side named as the cause.
_FAULT_OURS = re.compile(
    r"\b(?:fault|mistake|error|problem|blame)\s+(?:is|was|lies|lay)\s+(?:entirely\s+|all\s+|squarely\s+)?"
    r"(?:ours|with\s+us|on\s+us|mine)\b|\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:all\s+)?on\s+us\b",
    re.IGNORECASE,
)
#: "It isn't your fault, and it wasn't our courier's either": both sides cleared.
_THEIRS_DENIED = re.compile(
    r"\b(?:isn't|is\s+not|wasn't|was\s+not|'s\s+not|not)\s+(?:your|yours)\b"
    r"(?:\s+(?:fault|doing|mistake|error))?",
    re.IGNORECASE,
)
#: "... or yours", "nor yours": both sides cleared, the cause is elsewhere.
_BOTH_SIDES = re.compile(
    r"[\w'-]*(?:\s+[\w'-]+){0,2}?\s+(?:or|nor)\s+(?:yours|you|your\s+\w+|the\s+customer's)\b",
    re.IGNORECASE,
)


#: A sentence that opens by putting the cause on the reader's side, right after a
#: health claim of ours: "(Our servers are fine.) Issue's on your side.", "The
#: fault is with your router."  (A pronoun must name their side or end: "It's with
#: your bank now" is where a refund is, not a cause.)
_THEIRS_NEXT = re.compile(
    r"\s{0,10}(?:(?:so|and)\s+)?(?:(?:(?:the|this|that)\s+)?(?:issue|problem|fault|error|cause|culprit|"
    r"trouble)(?:['\u2019]s|\s+(?:is|lies|sits|must\s+be|will\s+be|has\s+to\s+be))\s+"
    r"(?:(?:definitely|clearly|certainly|obviously|squarely|all|just|only)\s+)?(?:on|at|with|in)"
    r"\s+your\b|(?:it|this|that)(?:['\u2019]s|\s+(?:is|must\s+be|will\s+be|has\s+to\s+be))\s+"
    r"(?:(?:definitely|clearly|certainly|obviously|squarely|all|just|only)\s+)?(?:on|at)\s+your\s+"
    r"(?:own\s+)?(?:side|end)\b(?!\s+now\b))",
    re.IGNORECASE,
)
#: Asking for the reader's setup to reproduce the fault on ours: "Which Android
#: version are you on, so we can match it?", "send the model so I can reproduce it".
#: Our own result is then a starting point, not a verdict.
_TO_REPRODUCE = re.compile(
    r"\b(?:so(?:\s+that)?|and|then)\s+(?:we|i)\s+can\s+(?:try\s+to\s+|then\s+)?(?:"
    r"(?:reproduce|replicate|recreate)\b|(?:match|mirror)\s+(?:it|that|this|them|your\s+(?:[\w-]+\s+)?"
    r"(?:setup|set-up|version|device|phone|configuration|config|settings|environment|browser|"
    r"model|build|system|os))\b)|\bto\s+(?:try\s+to\s+)?(?:reproduce|replicate|recreate)\s+"
    r"(?:it|this|that|the|your)\b",
    re.IGNORECASE,
)

#: A claim ending in the cause itself, and the symptom after it: in "it can't be the
#: cause of the blurry images" the images are what went wrong, not the thing cleared.
_SYMPTOM_AFTER_CAUSE = re.compile(r"\b(?:cause|reason|source|culprit)\s*$", re.IGNORECASE)
_SYMPTOM_OF = re.compile(r"\s+(?:of|for|behind)\s", re.IGNORECASE)
#: Help offered with the reader's own thing after a claim: "..., but happy to help you
#: look into your file" keeps their side open, not ours.
_LOOKING_VERB = re.compile(r"\b(?:look|looking|check|checking|test|testing|inspect|review)$", re.I)
_THEIRS_LOOKED_AT = re.compile(
    r"(?:\s+(?:into|at|over|through|for))?\s+(?:your|the\s+customer's)\b", re.IGNORECASE
)

#: Opens a clause with a subject of its own: "..., while the others are fine".
_CONTRAST_SUBORDINATOR = re.compile(r"\b(?:while|whilst|whereas)\s+", re.IGNORECASE)


class _Prejudge:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.ours = _phrases(spec, "our_side", scanned=False)
        self.claims = _phrases(spec, "clearing_claims")
        self.subject_claims = _phrases(spec, "health_claims")
        self.health_support = _phrases(spec, "health_support")
        self.infallibility = _phrases(spec, "infallibility_claims")
        self.causal = _phrases(spec, "causal_denials")
        self.strong_claims = _phrases(spec, "strong_health_claims")
        self.elsewhere = _phrases(spec, "cause_elsewhere")
        self.not_ours = _phrases(spec, "not_ours")
        self.problem_subjects = _phrases(spec, "problem_subjects", scanned=False)
        self.openness_after = _phrases(spec, "openness_after")
        self.retractions = _phrases(spec, "retractions")
        self.openness_before = _phrases(spec, "openness_before", scanned=False)
        self.narrowing = _phrases(spec, "narrowing", scanned=False)
        self.contrast_ours = _phrases(spec, "contrast_ours")
        self.conclusions = _phrases(spec, "conclusions")
        self.cause_attribution = _phrases(spec, "cause_attribution", scanned=False)
        self.reputation = _phrases(spec, "reputation")
        self.track_record = _phrases(spec, "track_record")
        self.proof_denials = _phrases(spec, "proof_denials")
        self.proof_elsewhere = _phrases(spec, "proof_elsewhere")
        things = spec.params.get("their_things", [])
        self.their_things = (
            re.compile(trie_alternation(things), re.IGNORECASE) if things else None
        )

    def about_their_thing(self, text: str, pos: int, end: int) -> bool:
        """Is the noun phrase at `pos` (right after a clearing claim) the
        customer's ("your integration", "the file you sent", "the spreadsheet")?
        Then the claim clears them, not us."""
        m = _THEIR_NP.match(text, pos, min(end, pos + 80))
        if m is None:
            return False
        if m.group("your"):
            return True
        if _THEY_MADE.match(text, m.end("first") - len(m.group("first")), min(end, pos + 80)):
            return True
        if self.their_things is None:
            return False
        # the head noun: "the file", "the import file"
        heads = [m.group("first")] + ([m.group("second")] if m.group("second") else [])
        return any(self.their_things.fullmatch(h) for h in heads) and not any(
            self.ours.regex is not None and self.ours.regex.fullmatch("the " + h) for h in heads
        )

    def our_subject(self, text: str, start: int, end: int, sent_start: int | None = None) -> bool:
        """Is the subject of `text[start:end]` (the words before the claim) our
        side?  A bare pronoun ("... our proxy servers, and they're healthy")
        stands for what the sentence named before it (from `sent_start`)."""
        start = max(start, end - _WINDOW)
        head = _ASSURE_YOU.sub("", text[start:end])
        if re.search(r"\b(?:your|you|you're|yours)\b", head, re.IGNORECASE):
            return False
        if _WE_RECEIVED.search(head):
            return False  # "The bite registration we got was spot on": theirs, praised
        # a contrast clause has its own subject: in "we haven't seen one array
        # underperform while the others are fine" the claim is about "the others"
        # (theirs), not "we"
        subs = list(_CONTRAST_SUBORDINATOR.finditer(text, start, end))
        if subs:
            start = subs[-1].end()
        if _any(self.ours, text, start, end) is not None:
            return True
        if sent_start is None or sent_start >= start or not _BARE_PRONOUN.fullmatch(head):
            return False
        before = text[max(sent_start, start - _WINDOW) : start]
        if re.search(r"\b(?:your|you|you're|yours)\b", before, re.IGNORECASE):
            return False
        return re.search(r"\b(?:our|ours)\s+[\w-]+", before, re.IGNORECASE) is not None

    def _ours_in_clause(self, text: str, cl: Span, names: re.Pattern[str] | None) -> bool:
        """Does the clause name our side: "our ...", "we", "the X we used", our name?"""
        if _OURS_WORD.search(text, cl.start, cl.end) or _any(self.ours, text, cl.start, cl.end):
            return True
        return names is not None and names.search(text, cl.start, cl.end) is not None

    def hits(
        self,
        text: str,
        sent: Span,
        cls: Sequence[Span],
        names: re.Pattern[str] | None = None,
        fix_end: int | None = None,
    ) -> Iterator[int]:
        """Offsets of the claims in `sent` that clear our side; `names` is how
        the reply names our organisation (see `our_names`); the fix for a shown
        cause may come in the next sentence (up to `fix_end`)."""
        s, e = sent.start, sent.end
        if _FAKE_MESSAGE.search(text, s, e):
            return  # "That email did not come from us": a warning about a fake, not a cause
        unseen = _UNSEEN.search(text, s, e)
        if unseen is not None and _DENIED_HERE.search(text, s, unseen.start()):
            # "The timer isn't broken, I can tell you that much without even looking":
            # ruled out, and said to be ruled out before anyone looked
            yield s
            return
        for m in _iter(self.claims, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if (
                _negated(text, m.start(), cl.start, max_words=4)
                and not (
                    _SELF_NEGATED.match(m.group())
                    and _GERUND_NOT.search(text, cl.start, m.start())
                )
                and not (
                    # "Ain't nothing wrong with our skis": negative concord, one denial
                    _CONCORD_BEFORE.search(text, max(cl.start, m.start() - 12), m.start())
                    and _NEGATIVE_WORD.match(m.group())
                )
            ):
                continue  # ("the codes not arriving isn't ...": the "not" is the subject's)
            if _CAUSE_SHOWN.match(m.group()) and self.cause_shown(text, m.end(), e, fix_end):
                continue  # "This isn't a bug: <the cause, shown, and the fix>"
            if _BY_DESIGN_CLAIM.match(m.group()) and _cause_given(text, m.end(), e):
                continue  # "This is correct behaviour: the support must end at 25 km/h (EN 15194)"
            if _THEIR_DOING_AFTER.match(text, m.end(), e):
                continue  # "This isn't a bug you caused": cleared for them, not for us
            if _OUR_FAULT_AFTER.search(text, m.end(), e):
                continue  # "it wasn't a fault as such: ... maintenance, which we should have warned
                # you about": the cause is owned, not cleared
            if (
                _THEIR_THING.search(text, cl.start, m.start())
                and not _OURS_WORD.search(text, cl.start, m.start())
                and not _OURS_WORD.search(m.group())
            ):
                continue  # "your router can't be faulty": their thing, not ours (but
                # "the weight on your delivery is not our error" clears us all the same)
            det = re.search(r"\b(?:the|this|that)\s*$", m.group(), re.IGNORECASE)
            at = m.start() + det.start() if det else m.end()
            symptom = _SYMPTOM_AFTER_CAUSE.search(m.group()) and _SYMPTOM_OF.match(
                text, m.end(), cl.end
            )
            if not symptom and self.about_their_thing(text, at, cl.end):
                continue  # "nothing wrong with the file you sent": cleared for them
            yield m.start()
        for m in _iter(self.not_ours, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            before = text[max(cl.start, m.start() - _WINDOW) : m.start()]
            if _SORRY_THAT.search(before):
                continue  # "I'm sorry that wasn't on the booking page": an apology
            subj = None
            for found in _iter(self.problem_subjects, before, 0, len(before)):
                subj = found  # the last one: the subject nearest the denial
            if subj is None or not re.fullmatch(
                r"\s*(?:\w+ly\s+|just\s+|still\s+|also\s+)*", before[subj.end() :]
            ):
                continue
            tail = _NOT_OURS_FILLER.sub("", text[m.end() : min(cl.end, m.end() + 60)], count=1)
            found = _any(self.ours, tail, 0, len(tail))
            if found is None or found.start() > 0:
                if (names is None or not names.match(tail)) and not (
                    # "Rest assured, the problem isn't on Acme's side": an
                    # assurance over a named side is a claim about ours
                    _NAMED_SIDE.match(tail) and _ASSURANCE.search(text, s, m.start())
                ):
                    continue
            elif self.narrowing.regex is not None and self.narrowing.regex.search(
                tail, found.end(), found.end() + 40
            ):
                continue  # "it wasn't our booking system as such: ..."
            elif _NOT_A_THING.match(tail, found.start()):
                continue  # "this is not our standard policy": a rule, not a cause
            elif _IN_A_RECORD.match(text, m.end(), cl.end):
                continue  # "the stain, which isn't in the check-in report": missing from a record
            elif _WE_CAN.match(tail, found.end()):
                continue  # "that's not something we can do on this plan": a limit
            elif _STANDARD_MISSED.match(tail, found.end()):
                continue  # "that's not the service you should get from us": sorry
            elif _DONE_ELSEWHERE.match(text, cl.end, e):
                continue  # "the freeze is not in the app; it is done with a form": how-to
            elif _OURS_INSTEAD.match(tail, found.end()) or _FAULT_OURS.search(text, m.end(), e):
                continue  # "it's not the app, it's our server: the fault is ours": owned
            elif _BOTH_SIDES.match(tail, found.end()) or _THEIRS_DENIED.search(
                text, max(s, m.start() - _WINDOW), m.start()
            ):
                continue  # "it wasn't our courier's doing or yours: the depot flooded"
            yield m.start()
        for m in _iter(self.elsewhere, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if EXCLAMATIVE_BEFORE.search(text, max(cl.start, m.start() - 40), m.start()):
                continue  # "how stressful it must be with your audit": sympathy
            # (a denial before a comma is its own: "Sure not our system one, must be your line")
            comma = text.rfind(",", cl.start, m.start())
            if _negated(text, m.start(), max(cl.start, comma + 1), max_words=4):
                continue
            if not _THEIR_THING.search(m.group()) and _THEIRS_CLEARED.search(text, s, m.start()):
                continue  # "your settings are correct, so the problem is elsewhere": maybe ours
            yield m.start()
        for m in _iter(self.subject_claims, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if not self.our_subject(text, cl.start, m.start(), s):
                # "Rest assured the meter is accurate": an assurance makes any
                # subject that isn't theirs ours; so does a track record ("the
                # printers are fine; we've never had this complaint before")
                head = text[max(cl.start, m.start() - _WINDOW) : m.start()]
                vouched = _ASSURANCE.search(text, s, m.start()) or (
                    _DEFINITE_SUBJECT.match(head)
                    and (_any(self.reputation, text, s, e) or self.record_as_proof(text, s, m))
                ) or (
                    # "We've had no other complaints about the pay machine, so it's
                    # working properly": a pronoun for the thing the record was about
                    _SO_PRONOUN.search(text, max(s, cl.start - 12), m.start()) is not None
                    and self.record_as_proof(text, s, m)
                    and not _THEIR_THING.search(text, s, m.start())
                )
                if not vouched or re.search(
                    r"\b(?:you|your|yours|you're)\b", _ASSURE_YOU.sub("", head), re.IGNORECASE
                ):
                    continue
            if (
                _any(self.health_support, text, s, e) is None
                and not _any(self.reputation, text, s, e)
                and not self.record_as_proof(text, s, m)
                # "Our servers are fine. Issue's on your side.": the next sentence
                # draws the conclusion the health claim was said for
                and (fix_end is None or _THEIRS_NEXT.match(text, e, fix_end) is None)
            ):
                continue
            if _negated(text, m.start(), cl.start, max_words=3) and not re.match(
                r"(?:isn|aren|wasn|weren|not)\b", m.group(), re.IGNORECASE
            ):
                continue
            if _ONLY_A_PART_FAILED.search(text, m.end(), e):
                continue  # "the system itself is running fine; only the monitoring link has
                # dropped": the fault found in a part, not put on their side
            yield m.start()
        for m in _iter(self.conclusions, text, s, e):
            if (
                _OURS_WORD.search(text, s, m.start())
                or _MY_TEST.search(text, s, m.start())
                or _any(self.ours, text, s, m.start())
            ):
                yield m.start()  # evidence from our side, then the cause put on theirs
        for m in _iter(self.strong_claims, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end) or _negated(
                text, m.start(), cl.start, max_words=3
            ):
                continue
            # "the online classroom is definitely not the issue, thousands of students
            # use it every day": a record of use makes the thing cleared ours (looked
            # for only when the subject is not plainly ours)
            ours = self.our_subject(text, cl.start, m.start()) or (
                _DEFINITE_SUBJECT.match(text[max(cl.start, m.start() - _WINDOW) : m.start()])
                is not None
                and _any(self.track_record, text, s, e) is not None
            )
            if ours and not _cause_given(text, m.end(), e):
                yield m.start()
        if names is not None:
            # "so this isn't a Brightwater problem": our own name as the owner of the fault
            for m in _NOT_A.finditer(text, s, e):
                n = names.match(text, m.end(), e)
                if n is None or not _FAULT_AFTER_NAME.match(text, n.end(), e):
                    # "this is not a problem with LotusCloud POS": the fault, then our name
                    w = _FAULT_WITH.match(text, m.end(), e)
                    if w is None or names.match(text, w.end(), e) is None:
                        continue
                cl = _clause_at(text, cls, m.start())
                if not _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                    yield m.start()
        for m in _RATHER_THAN.finditer(text, s, e):
            # "the problem will be in the imported marks rather than in Acme Learn"
            if not _CERTAIN_PLACE.search(text, s, m.start()):
                continue
            ours = self.ours.regex.match(text, m.end(), e) if self.ours.regex is not None else None
            if ours is not None or (names is not None and names.match(text, m.end(), e)):
                yield m.start()
        for m in _iter(self.causal, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            # "the marks in your reception can't be down to us": whatever the subject,
            # the denial names us
            names_us = _US_WORD.search(m.group()) is not None
            if not names_us and (
                not self._ours_in_clause(text, cl, names)
                or _THEIR_THING.search(text, cl.start, m.start())
            ):
                continue
            if _cause_given(text, m.end(), e):
                continue  # "We didn't cause any charges: the £5 is the card fee": shown
            yield m.start()  # "the vaccine we used has never caused this reaction"
        for m in _iter(self.infallibility, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if not self.our_subject(text, cl.start, m.start()):
                continue
            if _AND_BEFORE.search(text, max(s, cl.start - 8), cl.start) and imperative_verb(
                text, s, cl.start
            ):
                continue  # "write notes on one line, and the app won't crash": a step's result
            if _negated(text, m.start(), cl.start, max_words=3) and not re.match(
                r"(?:n't|not|never|no)\b", m.group(), re.IGNORECASE
            ):
                continue
            yield m.start()
        # "Skylark flights don't lose bags, so it must be the connecting
        # airline": infallibility of a subject that isn't theirs, then the
        # cause placed elsewhere
        conclusion = (
            _CONCLUSION_ELSEWHERE.search(text, s, e)
            if _has(text, s, e, "so ", "therefore", "hence", "means")
            else None
        )
        if conclusion is not None:
            # "our drivers never leave parcels unsigned, so it must have been
            # collected at your end": any "never" about our side, then the cause
            # placed elsewhere
            for m in _NEVER_ACT.finditer(text, s, conclusion.start()):
                cl = _clause_at(text, cls, m.start())
                # ("payments never bounce on our side, so ...": our side named after it)
                if self.our_subject(text, cl.start, m.start()) or _ON_OUR_SIDE.match(
                    text, m.end(), cl.end
                ):
                    yield m.start()
                    break
            for m in _iter(self.infallibility, text, s, e):
                cl = _clause_at(text, cls, m.start())
                head = text[max(cl.start, m.start() - _WINDOW) : m.start()]
                if re.search(r"\b(?:you|your|you're)\b", head, re.IGNORECASE):
                    continue
                if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                    continue
                yield m.start()
                break

    def cause_shown(self, text: str, pos: int, end: int, fix_end: int | None = None) -> bool:
        """After "This isn't a bug:" (or "... a bug in the scheduler:"), does the
        sentence show the cause: a long explanation naming something concrete (a
        quoted label, a menu path, a number) and what to do, here or in the next
        sentence?  Then the verdict comes after the cause is known."""
        rest = text[pos : min(end, pos + 400)]
        where = _VERDICT_SCOPE.match(rest)
        if where is not None:
            rest = rest[where.end() :]  # "in the scheduler", "with the export"
        if not rest.lstrip().startswith((":", "\u2014", "-")) and not rest.startswith(" -"):
            return False
        fix = text[pos : min(max(end, fix_end or end), pos + 600)]
        return (
            len(_WORD_RE.findall(rest)) >= 12
            and _CONCRETE.search(rest) is not None
            and _FIX_STEP.search(fix) is not None
        )

    def record_as_proof(self, text: str, start: int, claim: re.Match[str]) -> bool:
        """ "Our meters are tested before they leave the depot, so the reading is
        correct": a track record earlier in the sentence, drawn on by a "so"."""
        rec = _any(self.track_record, text, start, claim.start())
        return rec is not None and _SO_LINK.search(text, rec.end(), claim.start()) is not None

    def proof_hits(self, text: str, sents: Sequence[Span], idx: int, cls: Sequence[Span]) -> (
        Iterator[int]
    ):
        """ "Our presses are calibrated daily, so the colour shift must be your
        monitor": a track record (a routine, a rating, years in the trade) in
        this sentence or the next to it, offered as proof for a verdict that
        clears our side or puts the cause on the reader's."""
        sent = sents[idx]
        lo = sents[idx - 1].start if idx > 0 else sent.start
        hi = sents[idx + 1].end if idx + 1 < len(sents) else sent.end
        if _any(self.track_record, text, lo, hi) is None:
            return
        s, e = sent.start, sent.end
        for m in _iter(self.proof_denials, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            head = _ASSURE_YOU.sub("", text[max(cl.start, m.start() - _WINDOW) : m.start()])
            if re.search(r"\b(?:you|your|yours|you're)\b", head, re.IGNORECASE):
                continue  # "your router wasn't the problem": cleared for them
            yield m.start()
        for m in _iter(self.proof_elsewhere, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if _negated(text, m.start(), cl.start, max_words=4):
                continue
            yield m.start()

    def contrast_hits(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[int]:
        """ "The issue lies with your provider, not with us": a cause placed
        elsewhere, then our side set against it."""
        attr = self.cause_attribution.regex
        if attr is None:
            return
        for m in _iter(self.contrast_ours, text, sent.start, sent.end):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            a = attr.search(text, sent.start, m.start())
            if a is not None and not _HOLDER_OF_THING.search(text, sent.start, a.start()):
                yield m.start()

    def check(
        self,
        text: str,
        masked: str,
        sents: Sequence[Span],
        names: re.Pattern[str] | None = None,
    ) -> Iterator[Finding]:
        for finding, _weak in self.check_all(text, masked, sents, names):
            yield finding

    def check_all(
        self,
        text: str,
        masked: str,
        sents: Sequence[Span],
        names: re.Pattern[str] | None = None,
    ) -> Iterator[tuple[Finding, bool]]:
        """Findings, each with `weak` = True when the only claim is a contrast
        ("..., not us") that a blame finding in the same sentence also covers."""
        scan = _SCAN.get()
        found = scan[1] if scan is not None and scan[0] is masked else None
        keys = tuple(
            f.key
            for f in (
                self.claims, self.not_ours, self.elsewhere, self.subject_claims,
                self.strong_claims, self.infallibility, self.causal, self.contrast_ours,
                self.conclusions,
                self.proof_denials, self.proof_elsewhere,
            )
            if f.scanned
        )  # fmt: skip
        for idx, sent in enumerate(sents):
            if (
                found is not None
                and not found.any_in(keys, sent.start, sent.end)
                and not _has(
                    masked, sent.start, sent.end,
                    "so ", "therefore", "hence", "means", "rather than",
                )
            ):
                continue  # no cue of any clearing claim in this sentence
            if is_question(masked, sent.start, sent.end):
                continue
            cls = clauses(masked, sent.start, sent.end) or [sent]
            nxt_end = sents[idx + 1].end if idx + 1 < len(sents) else None
            starts = sorted(set(self.hits(masked, sent, cls, names, nxt_end)))
            if not starts:
                starts = sorted(set(self.proof_hits(masked, sents, idx, cls)))
            weak = not starts
            if weak:
                starts = sorted(set(self.contrast_hits(masked, sent, cls)))
            # a check still to be made: "I'll check tomorrow that it works from our side"
            starts = [
                st for st in starts
                # "I've asked our engineers to confirm it played no part": to be checked
                if not _TO_CHECK_BEFORE.search(masked, max(sent.start, st - 40), st)
                and not _TO_BE_CHECKED.search(masked, max(sent.start, st - _WINDOW), st)
                and not _TO_BE_CHECKED.search(
                    masked, max(sent.start, st - _WINDOW),
                    _claim_end(masked, st, min(sent.end, st + _CLAIM_SPAN)))
            ]
            if not starts:
                continue
            first = starts[0]
            # a retraction before the claim ("I was too quick to say ...")
            if _any(self.retractions, masked, sent.start, first):
                continue
            # an epistemic negation before it ("that doesn't prove it's not us")
            if _any(self.openness_before, masked, sent.start, first):
                continue
            # our result offered as a start, with their setup asked for to reproduce
            # it: "It works on our test phones. Which version are you on, so we can
            # match it?"
            if _TO_REPRODUCE.search(masked, first, sent.end) or (
                idx + 1 < len(sents)
                and _TO_REPRODUCE.search(masked, sents[idx + 1].start, sents[idx + 1].end)
            ):
                continue
            # openness after the claim, in this sentence or an opening "But ..." next
            window_end = sent.end
            if idx + 1 < len(sents) and re.match(
                r"(?:but|however|that said|still|even so|mind you)\b",
                masked[sents[idx + 1].start :],
                re.IGNORECASE,
            ):
                window_end = sents[idx + 1].end
            opened = _any(self.openness_after, masked, first, window_end)
            if (
                opened is not None
                and _LOOKING_VERB.search(opened.group())
                and _THEIRS_LOOKED_AT.match(masked, opened.end(), window_end)
                and not _OURS_WORD.search(masked, opened.start(), window_end)
            ):
                opened = None  # "..., but happy to help you look into your file": theirs
            if opened is not None and (
                opened.start() < sent.end
                # "That said, the tenant is entitled to a test": the next
                # sentence keeps the claim open only if it speaks of us or of
                # what could still be the cause
                or (
                    _NEXT_OPENNESS.search(masked, sent.end, window_end) is not None
                    # "Still, you're entitled to put a claim in, and I'll make sure it's
                    # looked at": the claim's handling promised, the cause left closed
                    and not (
                        _CLAIM_PROCEDURE.search(masked, sent.end, window_end)
                        and not _CAUSE_KEPT_OPEN.search(masked, sent.end, window_end)
                    )
                )
            ):
                continue
            cl = _clause_at(masked, cls, first)
            sp = _trim_connective(text, span_of(text, cl.start, cl.end))
            yield make_finding(self.spec, text, sp.start, sp.end), weak


# --------------------------------------------------------------------- the policy


class HumblePolicy:
    """The two Be Humble rules, compiled once from the pack."""

    name = "humble"

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        rules = pack.rules
        self._blame = _Blame(rules["humble.blame"]) if "humble.blame" in rules else None
        self._prejudge = _Prejudge(rules["humble.prejudge"]) if "humble.prejudge" in rules else None
        families: dict[str, list[str]] = {}
        for part in (self._blame, self._prejudge):
            if part is None:
                continue
            for fam in vars(part).values():
                if isinstance(fam, _Family) and fam.scanned:
                    rule_id, _, key = fam.key.partition("/")
                    families[fam.key] = list(pack.rules[rule_id].params.get(key, []))
        try:
            self._index = PhraseIndex(families, "rules")
        except ValueError as exc:
            raise PackError(str(exc)) from None

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text
        if not text.strip():
            return iter(())
        raw, masked, quotes = author_view(text)
        token = _SCAN.set((masked, self._index.scan(masked), masked.lower()))
        try:
            return iter(list(self._check(text, masked, sentences(masked), reply)))
        finally:
            _SCAN.reset(token)

    def _check(
        self, text: str, masked: str, sents: list[Span], reply: Reply | None = None
    ) -> Iterator[Finding]:
        prejudged: list[tuple[Finding, bool]] = []
        if self._prejudge is not None and self._prejudge.spec.enabled:
            names = our_names(reply) if reply is not None else None
            prejudged = list(self._prejudge.check_all(text, masked, sents, names))
        blamed: list[Finding] = []
        if self._blame is not None and self._blame.spec.enabled:
            open_reply = any(_any(self._blame.openness, masked, s.start, s.end) for s in sents)
            for finding in self._blame.check(text, masked, sents, open_reply):
                # "it can't have come from us and will be down to your bank": one
                # claim, reported once, as the prejudgement it starts from (but "Your
                # receptionist gave us the wrong date, so the mix-up is on your side":
                # the claim starts from their person's act, which is the blame)
                if not any(
                    _same_sentence(sents, finding, p)
                    and not (p.start == finding.start and self._person_first(masked, finding))
                    for p, weak in prejudged
                    if not weak
                ):
                    blamed.append(finding)
                    yield finding
        for p, weak in prejudged:
            # "that's down to your developers, not us": the blame is the claim
            if weak and any(_same_sentence(sents, b, p) for b in blamed):
                continue
            if any(b.start == p.start and self._person_first(masked, b) for b in blamed):
                continue  # the same words, found as blame above
            yield p

    def _person_first(self, masked: str, finding: Finding) -> bool:
        """Does the finding open with a person of the customer's side ("Your
        receptionist gave us the wrong date, so ...")?  Then a claim that starts
        from it is blame, not a prejudgement ("The second charge can't have come
        from us and will be down to your bank" starts from our side)."""
        if self._blame is None:
            return False  # blame switched off: nothing to hand the claim to
        party = self._blame.party_subject(masked, finding.start, finding.end)
        return (
            party is not None
            and not masked[finding.start : party.start()].strip()
            and self._blame.person_party(masked, party)
        )


def _same_sentence(sents: Sequence[Span], a: Finding, b: Finding) -> bool:
    i = _bisect_spans(sents, a.start)
    return 0 <= i < len(sents) and sents[i].start <= b.start < sents[i].end


def build(pack: Pack) -> HumblePolicy:
    return HumblePolicy(pack)


# The patterns above that try many words at each word start, behind a look-ahead for
# their first words (`language.with_start_guard`): the same matches, found faster
# (chosen by timing each with and without it on the corpus replies).
for _name in (
    "_THEIRS", "_DENIED_BEFORE", "_TO_BE_CHECKED", "_WEAK_PREDICATE", "_FAILED_TO",
    "_LEADING_CONNECTIVE", "_SELF_NEGATED", "_ACT_HEADS", "_UNCHANGED",
    "_THEIR_THING_BEFORE", "_CONSEQUENCE",
):
    globals()[_name] = with_start_guard(globals()[_name])
del _name
