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
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from policies.base import make_finding
from policies.language import (
    Found,
    PhraseIndex,
    Span,
    clauses,
    compile_phrases,
    is_negated,
    is_question,
    mask_quotes,
    normalise,
    quoted_spans,
    sentences,
    span_of,
)
from policies.pack import Pack, PackError
from policies.types import Finding, Reply, RuleSpec

_Pattern = re.Pattern[str]


@dataclass(frozen=True)
class _Family:
    """One phrase family of the pack: its scan key and its regex (for windows)."""

    key: str
    regex: _Pattern | None
    #: looked up in the one-pass scan (False: only ever searched in short windows)
    scanned: bool = True


#: The text being checked and its one-pass phrase scan.  Set for the duration
#: of `HumblePolicy.check` (a context variable: safe across threads and tasks);
#: lookups on any other string (a window cut from the text) use the regex.
_SCAN: contextvars.ContextVar[tuple[str, Found] | None] = contextvars.ContextVar(
    "humble_scan", default=None
)


def _phrases(spec: RuleSpec, key: str, scanned: bool = True) -> _Family:
    value = spec.params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of phrases")
    try:
        regex = compile_phrases(value, f"rules.{spec.id}.{key}")
    except ValueError as exc:
        raise PackError(str(exc)) from None
    return _Family(f"{spec.id}/{key}", regex, scanned)


def _any(fam: _Family, text: str, start: int, end: int) -> re.Match[str] | None:
    scan = _SCAN.get()
    if fam.scanned and scan is not None and scan[0] is text:
        return scan[1].first(fam.key, start, end)
    return fam.regex.search(text, start, end) if fam.regex is not None else None


def _iter(fam: _Family, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    scan = _SCAN.get()
    if fam.scanned and scan is not None and scan[0] is text:
        return iter(scan[1].within(fam.key, start, end))
    return fam.regex.finditer(text, start, end) if fam.regex is not None else iter(())


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
_FIRST_PERSON = re.compile(
    r"(?<![\w'])(?:we|we're|we've|we'd|we'll|i|i'm|i've|i'd|i'll|our|ours|my|us|let's)(?![\w'])",
    re.IGNORECASE,
)
#: A clause that opens a condition or an instruction to the reader.
_CONDITIONAL_OPENER = re.compile(
    r"^\W*(?:and\s+|so\s+|then\s+|but\s+)?(?:if|when|whenever|once|unless|until|before|after|"
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
    """.split()
)
_REQUEST_OPENER = re.compile(
    r"\W*(?:please|kindly|could\s+you|can\s+you|would\s+you|ask|tell|make\s+sure|ensure|"
    r"remind|let|get|have)\b",
    re.IGNORECASE,
)


#: "It's because ...", "this happened because ...": the failure is the topic.
_BECAUSE_LEAD = re.compile(
    r"\b(?:it's|it is|this is|that's|that is|it was|this was|that was|this happened|"
    r"it happened|that happened|which happened)\s+(?:all\s+|only\s+|just\s+|simply\s+|"
    r"purely\s+)?because\b",
    re.IGNORECASE,
)
#: "our carrier", "my colleague": a party word owned by us.
_OWNED = re.compile(r"\b(?:our|my)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: "your flight was cancelled": something that happened to their side.
_PASSIVE_TAIL = re.compile(r"\b(?:is|are|was|were|been|be|get|got)\s+\S*\s*$", re.IGNORECASE)
#: "I can assure you our servers ...": the "you" is not the subject.
_ASSURE_YOU = re.compile(r"\b(?:assure|tell|promise|remind|reassure|let|show)\s+you\b", re.I)
_CAUSE_NP_LEAD = re.compile(
    r"\s*(?:(?:the|a|an|some|all|this|that|one\s+of|someone\s+(?:at|in|on))\s+)?", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|be|being|get|got|gets|getting)\s+(?:\w+\s+)?"
    r"(?:\w+ed|sent|given|shown|told|sold|charged|issued|emailed|mailed|billed|put|set)\b",
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


def _negated(text: str, pos: int, scope_start: int, max_words: int) -> bool:
    return is_negated(text, pos, max(scope_start, pos - 12 * max_words), max_words=max_words)


#: After I/we: a stance or perception verb, so what follows has its own subject.
_STANCE = re.compile(
    r"\s+(?:(?:do\s+|really\s+|honestly\s+|still\s+)?(?:think|believe|suspect|guess|reckon|feel|"
    r"expect|assume|suppose|imagine|see|saw|can\s+see|could\s+see|found|noticed|checked|"
    r"'ve\s+(?:found|checked|seen|noticed|looked)|have\s+(?:found|checked|seen|noticed))|'m\s+"
    r"(?:afraid|sure|fairly\s+sure|fairly\s+confident|confident|told)|am\s+(?:afraid|sure)|"
    r"'d\s+(?:say|guess)|would\s+say)\b(?:\s+that)?",
    re.IGNORECASE,
)
_CONDITIONAL_ANY = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:if|whether|unless|in case|should)\b", re.IGNORECASE
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

    # -- who is the subject ------------------------------------------------
    def party_subject(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The customer-side reference that opens `text[start:end]`, if the first
        person-reference there is theirs ("Your team ...", "The pharmacy ...",
        "Someone at your reception ...") rather than ours ("We gave you ...")."""
        start = max(start, end - _WINDOW)
        party = _any(self.parties, text, start, end)
        if party is None:
            return None
        for ours in _FIRST_PERSON.finditer(text, start, party.start()):
            # "I think the end users ...", "we can see your admin ...": a
            # parenthetical about our view, not the subject of the clause
            if not _STANCE.match(text, ours.end(), end):
                return None
        # "our carrier", "my colleague": a party word owned by us
        if _OWNED.search(text[max(start, party.start() - 20) : party.start()]):
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
                return False
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
        if kind == "hedge":
            party = self.party_subject(text, m.end(), cl.end)
            if party is None or not self.person_party(text, party):
                return None
            act = _any(self.changes, text, party.end(), min(cl.end, party.end() + 60))
            if act is None or _negated(text, act.start(), cl.start, 5):
                return None
            return _Hit(cl.start, cl.end, "diagnosis")
        party = self.party_subject(text, cl.start, m.start())
        if party is None:
            return None
        if kind == "speculation":
            if _negated(text, m.start(), cl.start, max_words=5):
                return None
            return _Hit(cl.start, cl.end, "label")
        if not _near(text, party.end(), m.start()):
            return None
        if kind == "negative":
            if _negated(text, party.start(), cl.start, max_words=6):
                return None
            return _Hit(cl.start, cl.end, "diagnosis")
        if _PASSIVE.search(text, party.end(), m.start() + 1):
            return None  # "you were sent the wrong link": done to them
        if kind == "people" and not self.person_party(text, party):
            return None
        if _negated(text, m.start(), cl.start, max_words=8):
            return None
        return _Hit(cl.start, cl.end, "diagnosis")

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
            if _negated(text, m.start(), cl.start, max_words=6):
                continue
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
            if (
                _any(self.failures, text, s, m.start()) is None
                and _any(self.failures, text, cl.start, cl.end) is None
            ):
                continue
            if _negated(text, m.start(), cl.start, max_words=6):
                continue
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
                hit = self.predicate_hit(text, cl, m, kind)
                if hit is not None:
                    done.add(cl.start)
                    yield hit
        # 5. counterfactuals and accusations ("had you installed ...", "you put it there")
        for pattern in (self.counterfactuals, self.accusations):
            for m in _iter(pattern, text, s, e):
                cl = _clause_at(text, cls, m.start())
                if _negated(text, m.start(), cl.start, max_words=4):
                    continue
                yield _Hit(m.start(), m.end(), "label")
        # 6. a customer-side action given as the cause of a failure (named in
        # another clause of the sentence)
        because_lead = _BECAUSE_LEAD.search(text, s, e)
        if (
            len(cls) <= 12
            and _any(self.causal, text, s, e)
            and (because_lead or _any(self.failures, text, s, e))
        ):
            for cl in cls:
                if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                    continue
                if not because_lead and not any(
                    _any(self.failures, text, other.start, other.end)
                    for other in cls
                    if other is not cl
                ):
                    continue
                party = self.party_subject(text, cl.start, min(cl.end, cl.start + _WINDOW))
                if party is None or not self.person_party(text, party):
                    continue
                act = _any(self.past_actions, text, party.end(), cl.end)
                if act is None or act.start() - party.end() > 40:
                    continue
                if _PASSIVE_TAIL.search(text[party.end() : act.start()]):
                    continue  # passive: something happened to their side
                if _negated(text, act.start(), cl.start, max_words=5):
                    continue
                yield _Hit(cl.start, cl.end, "diagnosis")
        # 7. the door closed on them ("your firewall blocks us, so there's nothing more we can do")
        for m in _iter(self.closed_door, text, s, e):
            if self.party_near(text, max(s, m.start() - _WINDOW), m.start()):
                yield _Hit(m.start(), m.end(), "label")

    def check(
        self, text: str, masked: str, sents: Sequence[Span], open_reply: bool
    ) -> Iterator[Finding]:
        for sent in sents:
            if is_question(masked, sent.start, sent.end):
                continue
            cls = clauses(masked, sent.start, sent.end) or [sent]
            hits = list(self.hits(masked, sent, cls))
            if not hits:
                continue
            if _any(self.ownership, masked, sent.start, sent.end):
                continue
            if _any(self.openness, masked, sent.start, sent.end):
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


#: Words between "isn't" and what it denies: "isn't (going to be) (coming) from us".
_NOT_OURS_FILLER = re.compile(
    r"^\s*(?:(?:going\s+to|likely\s+to|possibly|have|be|been|coming|come|originating|originate|"
    r"originated|caused|due|down|to)\s+)*(?:from|on|with|in|at|by)?\s*",
    re.IGNORECASE,
)


class _Prejudge:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.ours = _phrases(spec, "our_side", scanned=False)
        self.claims = _phrases(spec, "clearing_claims")
        self.subject_claims = _phrases(spec, "health_claims")
        self.health_support = _phrases(spec, "health_support")
        self.infallibility = _phrases(spec, "infallibility_claims")
        self.elsewhere = _phrases(spec, "cause_elsewhere")
        self.not_ours = _phrases(spec, "not_ours")
        self.problem_subjects = _phrases(spec, "problem_subjects", scanned=False)
        self.openness_after = _phrases(spec, "openness_after")
        self.retractions = _phrases(spec, "retractions")

    def our_subject(self, text: str, start: int, end: int) -> bool:
        """Is the subject of `text[start:end]` (the words before the claim) our side?"""
        start = max(start, end - _WINDOW)
        head = _ASSURE_YOU.sub("", text[start:end])
        if re.search(r"\b(?:your|you|you're|yours)\b", head, re.IGNORECASE):
            return False
        return _any(self.ours, text, start, end) is not None

    def hits(self, text: str, sent: Span, cls: Sequence[Span]) -> Iterator[int]:
        s, e = sent.start, sent.end
        for m in _iter(self.claims, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if _negated(text, m.start(), cl.start, max_words=4):
                continue
            yield m.start()
        for m in _iter(self.not_ours, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            before = text[max(cl.start, m.start() - _WINDOW) : m.start()]
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
                continue
            yield m.start()
        for m in _iter(self.elsewhere, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if _negated(text, m.start(), cl.start, max_words=4):
                continue
            yield m.start()
        for m in _iter(self.subject_claims, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if not self.our_subject(text, cl.start, m.start()):
                continue
            if _any(self.health_support, text, s, e) is None:
                continue
            if _negated(text, m.start(), cl.start, max_words=3) and not re.match(
                r"(?:isn|aren|wasn|weren|not)\b", m.group(), re.IGNORECASE
            ):
                continue
            yield m.start()
        for m in _iter(self.infallibility, text, s, e):
            cl = _clause_at(text, cls, m.start())
            if _CONDITIONAL_ANY.match(text, cl.start, cl.end):
                continue
            if not self.our_subject(text, cl.start, m.start()):
                continue
            if _negated(text, m.start(), cl.start, max_words=3) and not re.match(
                r"(?:n't|not|never|no)\b", m.group(), re.IGNORECASE
            ):
                continue
            yield m.start()

    def check(self, text: str, masked: str, sents: Sequence[Span]) -> Iterator[Finding]:
        for idx, sent in enumerate(sents):
            if is_question(masked, sent.start, sent.end):
                continue
            cls = clauses(masked, sent.start, sent.end) or [sent]
            starts = sorted(set(self.hits(masked, sent, cls)))
            if not starts:
                continue
            first = starts[0]
            # a retraction before the claim ("I was too quick to say ...")
            if _any(self.retractions, masked, sent.start, first):
                continue
            # openness after the claim, in this sentence or an opening "But ..." next
            window_end = sent.end
            if idx + 1 < len(sents) and re.match(
                r"(?:but|however|that said|still|even so|mind you)\b",
                masked[sents[idx + 1].start :],
                re.IGNORECASE,
            ):
                window_end = sents[idx + 1].end
            if _any(self.openness_after, masked, first, window_end):
                continue
            cl = _clause_at(masked, cls, first)
            sp = _trim_connective(text, span_of(text, cl.start, cl.end))
            yield make_finding(self.spec, text, sp.start, sp.end)


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
        raw = normalise(text)
        quotes = quoted_spans(raw)
        masked = mask_quotes(raw, quotes) if quotes else raw
        token = _SCAN.set((masked, self._index.scan(masked)))
        try:
            return iter(list(self._check(text, masked, sentences(masked))))
        finally:
            _SCAN.reset(token)

    def _check(self, text: str, masked: str, sents: list[Span]) -> Iterator[Finding]:
        prejudged: list[Finding] = []
        if self._prejudge is not None and self._prejudge.spec.enabled:
            prejudged = list(self._prejudge.check(text, masked, sents))
        if self._blame is not None and self._blame.spec.enabled:
            open_reply = any(_any(self._blame.openness, masked, s.start, s.end) for s in sents)
            for finding in self._blame.check(text, masked, sents, open_reply):
                # "it can't have come from us and will be down to your bank": one
                # claim, reported once, as the prejudgement it starts from
                if not any(_same_sentence(sents, finding, p) for p in prejudged):
                    yield finding
        yield from prejudged


def _same_sentence(sents: Sequence[Span], a: Finding, b: Finding) -> bool:
    i = _bisect_spans(sents, a.start)
    return 0 <= i < len(sents) and sents[i].start <= b.start < sents[i].end


def build(pack: Pack) -> HumblePolicy:
    return HumblePolicy(pack)
