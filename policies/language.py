"""A small, fast, offset-preserving toolkit for reading support replies.

Every rule judges language *structure* (who acts, what is negated, what is asked
for) rather than fixed sentences, and every finding must point at exact
characters of `Reply.text`.  So everything here works on the original string and
returns `Span`s (start/end offsets into it); nothing rewrites the text except
`normalise`, which keeps the length, so offsets stay valid.

Why not an NLP library: pysbd takes about 2-4 ms per 900 characters and syntok
about 1 ms, against a 10 ms budget for *all* rules; spaCy-size models cost
hundreds of MB per process.  The regular expressions below are compiled once at
import, have no nested quantifiers, and scan each text in linear time.

All functions are pure and thread-safe.  Vocabulary (verb and noun lists) is
deliberately generic: it names kinds of words, never sentences of a corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from re import _constants as _re_c

from policies.literals import (
    GLOBAL_FLAGS,
    Haystack,
    fold,
    has_long_run,
    required_literals,
    second_words,
    top_alternatives,
    walk_starts,
)
from policies.literals import parse as parse_pattern

__all__ = [
    "Actor",
    "Span",
    "actor_of",
    "clauses",
    "find_negation",
    "first_word",
    "has_word",
    "imperative_verb",
    "is_negated",
    "is_question",
    "is_request",
    "mask_machine_text",
    "iter_clauses",
    "normalise",
    "quoted_spans",
    "sentences",
    "trie_alternation",
    "span_of",
    "words",
]


@dataclass(frozen=True, slots=True)
class Span:
    """`text[start:end]` of some source string; `text` is kept for convenience."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def span_of(source: str, start: int, end: int) -> Span:
    """The `Span` for `source[start:end]`, trimmed of surrounding whitespace."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return Span(source[start:end], start, end)


# --------------------------------------------------------------------- normalise

#: One character in, one character out: offsets into the result are offsets into
#: the original.  Curly quotes and apostrophes, primes, non-breaking and other
#: exotic spaces, the Unicode hyphens.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        # menu path separators as ">": "Settings \u203a Maintenance", "Menu \u2192 Export"
        "\u203a": ">",
        "\u2192": ">",
        "\u25b8": ">",
        "\u276f": ">",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
    }
)


def normalise(text: str) -> str:
    """Straight quotes/apostrophes and plain spaces; the SAME length as `text`.

    Rules match on `normalise(reply.text)` and cut evidence from `reply.text`
    with the same offsets.  Dashes (– —) are kept: they separate clauses.
    Southern US "y'all" reads as "you" and Scots negation ("cannae", "wasnae")
    as standard English, each rewrite as long as the words it replaces.
    """
    out = text.translate(_NORMALISE)
    if "'all" in out:
        # Southern US "y'all" is the reader: read it as "you" ("your" for "y'all's")
        out = _YALL.sub(_as_you, out)
    return standard_negation(out)


_YALL = re.compile(r"\b([Yy])'all(?:('s)\b|\b)")


def _as_you(m: re.Match[str]) -> str:
    """ "y'all" -> "you  ", "y'all's" -> "your   ": the same length, offsets unchanged."""
    return m.group(1) + ("our   " if m.group(2) else "ou  ")


#: Scots and Northern English negation, written as standard English of the same
#: length so offsets stay put: "it cannae be our side", "it wasnae us",
#: "they wouldnae have gone off", "I dinnae think so".
_NAE = re.compile(
    r"\b(?:(?P<can>cannae|cannee)|(?P<do>dinnae|dinnee)|(?P<aux>is|was|were|are|did|does|would|could|"
    r"should|have|has|had|must|need)(?:nae|nee))\b",
    re.IGNORECASE,
)


def _nae_repl(m: re.Match[str]) -> str:
    if m.group("can"):
        return "cannot"
    if m.group("do"):
        return "do not"
    return m.group("aux") + "n't"


def standard_negation(text: str) -> str:
    """`text` with Scots negation ("cannae", "wasnae", "dinnae") in standard
    spelling, each replacement as long as the word it replaces."""
    low = text.lower()
    if "nae" not in low and "nee" not in low:
        return text
    return _NAE.sub(_nae_repl, text)


# --------------------------------------------------------------------- words

#: A word: letters/digits, joined by inner apostrophes, hyphens, dots, colons,
#: slashes or @ ("don't", "INC-2231", "3.4.1", "10:30", "a.m", "ops@acme").  Each
#: repetition must consume a separator first, so the match is linear.
_WORD = re.compile(r"\w+(?:['\u2019\-./:@&]\w+)*")


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word tokens of `text[start:end]` with offsets into `text`."""
    end = len(text) if end is None else end
    return [Span(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _head_words(text: str, start: int, end: int | None, n: int) -> list[Span]:
    """The first `n` word tokens of `text[start:end]` (no scan of the rest)."""
    out = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        out.append(Span(m.group(), m.start(), m.end()))
        if len(out) >= n:
            break
    return out


def first_word(text: str, start: int = 0, end: int | None = None) -> Span | None:
    m = _WORD.search(text, start, len(text) if end is None else end)
    return Span(m.group(), m.start(), m.end()) if m else None


def has_word(text: str, vocabulary: Iterable[str]) -> bool:
    """True when any whole word (case-insensitive) of `text` is in `vocabulary`."""
    vocab = vocabulary if isinstance(vocabulary, (set, frozenset)) else set(vocabulary)
    return any(m.group().lower() in vocab for m in _WORD.finditer(text))


# --------------------------------------------------------------------- sentences

#: Abbreviations after which a full stop does not end a sentence (lower case,
#: without the final dot).
ABBREVIATIONS = frozenset(
    """
    e.g eg i.e ie etc vs v cf approx appx ca est no nos nr num tel ext fig figs
    mr mrs ms dr prof st sr jr mt ft inc ltd co corp plc dept div gov univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun a.m p.m am pm u.s u.k e.u al ref refs min mins max hr hrs
    sec secs vol vols pp pg para sec resp incl excl esp w.r.t wrt attn
    """.split()
)

#: Candidate sentence ends: a run of terminal punctuation with any closing
#: quotes/brackets, or a line break.
_TERMINAL = re.compile(r"[.!?\u2026]+[\"')\]\u201d\u2019]*|\n")
_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u2023\u25e6\u2043>]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")
#: A number that opens its line: the "." after it marks a list item ("1. Open ...").
_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\(?\d{1,2}$")
_LAST_TOKEN = re.compile(r"([\w.]+)$")


#: Words that open a sentence even in lower case (a subject or a greeting word).
_LOWER_STARTER = re.compile(
    r"(?:i|i'm|i'll|i've|i'd|you|you're|you'll|we|we're|we'll|we've|they|he|she|it|it's|its|"
    r"this|that|there|here|if|any|please|thanks|thank|let|sorry|hope|ok|okay|yes|no|your|our|my)\b"
)


_NUMBER_AFTER_DOT = re.compile(r"\.\s*[#\d]")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Does the token ending just before `text[dot] == '.'` look like an abbreviation?"""
    m = _LAST_TOKEN.search(text, max(0, dot - 20), dot)
    if not m:
        return False
    token = m.group(1).lower().strip(".")
    if token in ("no", "nos"):
        # "request no. 88120455" abbreviates; "The answer is no. Please ..." ends
        return _NUMBER_AFTER_DOT.match(text, dot) is not None
    if token in ABBREVIATIONS:
        return True
    # A single letter ("J. Smith", "Appendix B. shows") or dotted initials ("U.S.")
    # (a number is no initial: "under 1.0. If you see ..." ends at the dot)
    return len(token) == 1 and token.isalpha() or (
        "." in token and len(token) <= 5 and not token.replace(".", "").isdigit()
    )


def sentences(text: str) -> list[Span]:
    """Sentences of `text`, as trimmed spans, bullets stripped.

    Memoised per text (every policy splits the same reply), so the result is
    a fresh list over shared immutable spans.

    A sentence ends at . ! ? (or …) followed by whitespace and a capital, digit,
    quote or bracket (not after an abbreviation or an initial), at a blank line,
    and at a single line break when the next line is a bullet or the line before
    is short (greetings, list items, headings) or ends with a colon.  Long lines
    that simply wrap (72-column plain text) are joined.  Decimals, versions,
    times (7:00pm), URLs and e-mail addresses contain no whitespace after their
    dots and are never split. A run of more than `LONGEST_SENTENCE` characters
    without an end is cut into pieces at spaces.
    """
    return list(_sentences(text))


#: A "sentence" longer than this is pasted text or a run-on with no stops (the
#: longest real one in the corpora and the blind sets is under 600 characters).
#: It is cut at a space before this length: the rules look back and ahead within
#: a sentence from each phrase they find, so one 12 KB "sentence" of "bug bug
#: bug ..." cost seconds, quadratic in its length.
LONGEST_SENTENCE = 1000


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    start = 0
    n = len(text)

    def emit(s: int, e: int) -> None:
        m = _BULLET.match(text, s, e)
        if m:
            s = m.end()
        while e - s > LONGEST_SENTENCE:
            cut = text.rfind(" ", s + LONGEST_SENTENCE // 2, s + LONGEST_SENTENCE)
            if cut < 0:
                cut = s + LONGEST_SENTENCE
            add(s, cut)
            s = cut
        add(s, e)

    def add(s: int, e: int) -> None:
        sp = span_of(text, s, e)
        if sp.text and any(ch.isalnum() for ch in sp.text):
            out.append(sp)

    for m in _TERMINAL.finditer(text):
        if m.group() == "\n":
            nl = m.start()
            if nl < start:
                continue
            line_start = text.rfind("\n", 0, nl) + 1
            prev_line = text[max(line_start, start) : nl].strip()
            full_prev = text[line_start:nl].strip()
            if _PARA_BREAK.match(text, nl):
                emit(start, nl)
                start = nl + 1
                continue
            nxt = nl + 1
            if not prev_line:
                start = max(start, nxt)
                continue
            boundary = (
                bool(_BULLET.match(text, nxt))
                or len(full_prev) < 45
                or full_prev.endswith((":", ";"))
                or _BULLET.match(text, line_start) is not None
            )
            if boundary:
                emit(start, nl)
                start = nxt
            continue
        end = m.end()
        # what follows the terminal run
        j = end
        while j < n and text[j] in " \t":
            j += 1
        if j >= n:
            emit(start, end)
            start = end
            continue
        if j == end and text[j] != "\n":
            continue  # no whitespace after it: 3.4.1, acme.example, 7:00p.m.x
        nxt_ch = text[j]
        if nxt_ch == "\n":
            emit(start, end)
            start = end
            continue
        punct = m.group()
        if punct == "." and _LIST_NUMBER.search(text, max(0, m.start() - 6), m.start()):
            continue  # "1. In your phone's Messages app, ...": a list number, not an end
        if nxt_ch.islower() and not (
            # chat style, all in lower case: "press the key symbol. you land at 13:30"
            punct in (".", "!", "?")
            and _LOWER_STARTER.match(text, j)
            and not _abbreviation_before(text, m.start())
        ):
            continue  # "approx. ten", "e.g. the", "... and then"
        if punct.rstrip("\"')]\u201d\u2019") == "." and _abbreviation_before(text, m.start()):
            # "Dr. Patel", "no. 5", but a real end after "etc." before a capital
            # is rare enough in support mail to accept.
            continue
        emit(start, end)
        start = end
    if start < n:
        emit(start, n)
    return tuple(out)


# --------------------------------------------------------------------- clauses

#: Clause separators: ; : dashes (spaced), and coordinating words that start a
#: new predicate.  ", and"/", so"/", but" always; bare "and"/"but"/"so" only
#: when a subject pronoun follows ("... and I'll call you").
#: After a bare "and"/"or", a new clause starts only with a subject pronoun:
#: "... and I'll call you" splits, "the invoice and the receipt" does not.
_PRONOUN_AHEAD = r"(?=(?:i|we|you|they|he|she|it|our|their|my|there|let)\b)"
#: The alternatives that open with whitespace start only where a run of it
#: starts (`(?<!\s)`): tried inside a long run of spaces they would each rescan
#: the rest of it, O(n^2).
_CLAUSE_SEP = re.compile(
    # every separator starts with a space or one of these marks: the look-ahead
    # skips the other positions before the alternatives are tried (1.6 times faster)
    r"(?=[\s;:,\u2014])(?<!\s)(?:\s*;\s*"
    r"|(?<!\bre)\s*:\s+"  # not "your email re: the rental return"
    r"|\s+[\u2013\u2014-]{1,2}\s+"
    r"|,?\s+(?:but|although|though|whereas|because|unless)\s+"
    r"|\s+(?:and|so|or|then)\s+" + _PRONOUN_AHEAD
    + r"|\s+(?=(?:once|when|if|until|after|before|while)\s+" + _PRONOUN_AHEAD + "))"
    r"|\u2014"
    r"|,\s+(?:and|so|then|or|therefore|thus|hence|consequently)\s+"
    r"|,\s+(?=(?:which|who)\s)"
    r"|,\s+(?=(?:as|once|when|if|while|since|until|after|before)\s)",
    re.IGNORECASE,
)
#: A clause that opens with one of these ends at its first comma ("If the
#: engineers find anything, we'll let you know" -> two clauses).
_SUBORDINATE_OPENER = re.compile(
    r"(?:if|when|whenever|once|as\s+soon\s+as|after|before|until|till|since|because|"
    r"although|though|while|whilst|unless|as|given\s+that|seeing\s+(?:as|that)|now\s+that)"
    r"\b[^,]{1,120},\s*",
    re.IGNORECASE,
)


def clauses(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """See `_clauses` (memoised: several rules split the same sentences)."""
    return list(_clauses(text, start, len(text) if end is None else end))


@lru_cache(maxsize=4096)
def _clauses(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Split `text[start:end]` (usually one sentence) into clauses, as spans.

    A clause is the unit for "who acts" and for negation scope: in "No need to
    raise a ticket; I've opened one" the negation covers only the first clause.
    Commas alone do not split ("Please, Dana, send ..." stays one clause).
    """
    out: list[Span] = []

    def add(s: int, e: int) -> None:
        sp = span_of(text, s, e)
        if not sp.text:
            return
        m = _SUBORDINATE_OPENER.match(text, sp.start, sp.end)
        if m and m.end() < sp.end:
            out.append(span_of(text, sp.start, m.end()))
            sp = span_of(text, m.end(), sp.end)
        if sp.text:
            out.append(sp)

    pos = start
    for m in _CLAUSE_SEP.finditer(text, start, end):
        if m.start() > pos:
            add(pos, m.start())
        pos = m.end()
    add(pos, end)
    return tuple(out)


# --------------------------------------------------------------------- negation

_NEGATION = re.compile(
    # "no." before a number is "number" ("request no. 88120455"), not a negation; nor is
    # a price of nothing ("upgraded at no extra cost", "no charge"): the act stands
    r"\b(?:not|no(?!\.\s*\d)(?!\s+(?:extra\s+|additional\s+|further\s+)?(?:cost|charge|fee)s?\b)"
    r"|never|nothing|none|nobody|neither|nor|without|cannot|hardly|"
    r"no-one|noone|nowhere|\w+n't|\w+n\u2019t)\b",
    re.IGNORECASE,
)


def find_negation(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The first negation cue in `text[start:end]`: not, n't, no, never, nothing,
    none (of), nobody, neither, nor, without, cannot, hardly."""
    m = _NEGATION.search(text, start, len(text) if end is None else end)
    return Span(m.group(), m.start(), m.end()) if m else None


def is_negated(text: str, pos: int, scope_start: int, max_words: int = 6) -> bool:
    """Is the word at `pos` inside the scope of a negation cue?

    The scope is the clause (from `scope_start`, usually `clauses()`'s span
    start) and at most `max_words` words before `pos`: "it's not your fault",
    "none of this is down to you", "no need to raise a ticket".
    """
    window = words(text, scope_start, pos)[-max_words:]
    if not window:
        return False
    return _NEGATION.search(text, window[0].start, pos) is not None


# --------------------------------------------------------------------- who acts


class Actor(StrEnum):
    """Who does the action of a clause."""

    WE = "we"  # I, we, our team, let me ...
    YOU = "you"  # you, your team, imperatives and requests to the reader
    OTHER = "other"  # a third party: the bank, Sam, engineering, it
    NONE = "none"  # no clear subject (fragments, "Thanks!")


_WE = frozenset(
    "i i'm i'll i've i'd we we're we'll we've we'd me us our my let's ours myself ourselves".split()
)
#: ("yuh": Caribbean spelling of "you"; not "yu", a common surname)
_YOU = frozenset("you you're you'll you've you'd your yours yourself yourselves u ur yuh".split())
#: After "your", these nouns mean the customer's own people act ("your team
#: changed ..."); any other noun is a thing of theirs ("your refund will ...").
_YOUR_PEOPLE = frozenset(
    """
    team teams staff admin admins administrator administrators it users user colleagues
    colleague manager managers technician technicians engineer engineers developer
    developers people company organisation organization department office side end
    employees employee agent agents reception receptionist site devs ops accountant
    own
    """.split()
)
#: Words that may open a clause before its subject ("So, I'll ...", "Also we ...").
_LEAD = frozenset(
    """
    so and but also then now ok okay sure yes no right well meanwhile hence thus
    however anyway anyhow in the meantime first firstly second secondly next
    finally lastly today tomorrow tonight later just still already meanwhile
    unfortunately fortunately sadly happily luckily honestly frankly alternatively
    otherwise additionally again as a for from after before once when
    """.split()
)
#: Auxiliaries and very common verbs: where a subject noun phrase ends.
_AUX = frozenset(
    """
    will would shall should can could may might must is are was were be been am
    has have had do does did 'll 's 're 've 'd need needs needed handles handle
    handled runs run manages manage managed sets set owns own issues issue
    approves approve makes make processes process controls control sits goes go
    deals dealt looks look takes take
    """.split()
)


def actor_of(text: str, start: int = 0, end: int | None = None) -> Actor:
    """See `_actor_of` (memoised: several rules ask about the same clause)."""
    return _actor_of(text, start, len(text) if end is None else end)


#: The words before a predicate that make it an exclamative: "(I know) how
#: stressful it | must be", "how important it | is for a practice to ...":
#: sympathy, never a claim or a hand-off.  Searched in a window ending at it.
EXCLAMATIVE_BEFORE = re.compile(r"\bhow\s+(?:\w+\s+){1,2}(?:it|this|that)\s+$", re.IGNORECASE)


#: "Kindly note that", "Please be advised that": a frame for a statement, not a request.
_NOTE_LEAD = re.compile(
    r"\s*(?:please|kindly|pls|plz)\s+(?:do\s+)?(?:note|be\s+(?:advised|informed|aware)|find)"
    r"(?:\s+that)?\s+(?=\S)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _actor_of(text: str, start: int, end: int) -> Actor:
    """Who acts in the clause `text[start:end]` (a heuristic, no parser).

    Imperatives and "could you / please" requests are the reader's action (YOU).
    Otherwise the subject is the noun phrase before the first auxiliary or common
    verb; it is WE when it holds I/we/our/my ("Sam on our team will call"), YOU
    when it holds you/your, else OTHER.  "Kindly note that ..." only frames
    what follows: the clause after it decides.
    """
    framed = _NOTE_LEAD.match(text, start, end)
    if framed is not None and framed.end() < end:
        return _actor_of(text, framed.end(), end)
    toks = _head_words(text, start, end, 16)
    i = 0
    while i < len(toks) and toks[i].lower in _LEAD and i < 4:
        i += 1
    toks = toks[i:]
    if not toks:
        return Actor.NONE
    head = toks[0].lower
    if head in ("please", "kindly", "pls", "plz"):
        return Actor.YOU
    if head == "let" and len(toks) > 2 and toks[1].lower in ("me", "us"):
        # "let me check" is our action; "let me know" asks the reader
        return Actor.YOU if toks[2].lower == "know" else Actor.WE
    if head in _WE or head.startswith(("i'", "we'")):
        return Actor.WE
    if head in _YOU or head.startswith("you'"):
        if head == "your" and len(toks) > 1 and toks[1].lower not in _YOUR_PEOPLE:
            # "Your refund is being processed": a thing of theirs, not them acting
            for tok in toks[1:4]:
                if tok.lower in _YOUR_PEOPLE:
                    return Actor.YOU
            return Actor.OTHER
        return Actor.YOU
    if head in ("could", "can", "would", "will", "are", "do", "did", "have") and len(toks) > 1:
        second = toks[1].lower
        if second in _YOU:
            return Actor.YOU
        if second in _WE:
            return Actor.WE
        if head == "will" and second not in ("it", "this", "that", "there", "they", "he", "she"):
            return Actor.WE  # "Will revert once I hear back": the writer, subject dropped
    if imperative_verb(text, start, end) is not None:
        return Actor.YOU
    for tok in toks[:8]:
        low = tok.lower
        if low in _AUX or low.endswith(("'ll", "'s", "'re", "'ve", "'d")) and low not in _WE:
            break
        if low in _WE:
            return Actor.WE
        if low in _YOU:
            return Actor.YOU
    return Actor.OTHER


# --------------------------------------------------------------------- requests

#: Base-form verbs that open an instruction or request in support mail.  They
#: name kinds of action, not sentences; an organisation can add its own via the
#: rule packs that use them.
IMPERATIVE_VERBS = frozenset(
    """
    send attach share forward provide upload email mail post paste copy export
    grab capture record collect gather include submit supply enclose give tell
    let describe explain confirm check verify ensure make try retry restart
    reboot reset reinstall install uninstall update upgrade downgrade clear
    delete remove re-add readd add enable disable turn switch toggle change set
    adjust tweak configure reconfigure redo re-run rerun run open close go
    navigate click tap select choose pick log sign refresh reload flush purge
    power unplug plug disconnect reconnect connect re-sync resync sync roll
    revert rollback save apply follow use contact call ring reach raise file
    log visit read review look see note keep leave wait hold do fix repair
    re-upload reupload re-enter reenter re-sign re-link relink re-pair repair
    pair unpair cycle give clean download move rename replace swap test
    double-check doublecheck recheck re-check allow block whitelist allow-list
    approach ask speak write text phone get put take start stop pause resume
    mark edit fill complete print scan drop bring pop reply respond answer book pay
    sign wait keep stay come bear generate regenerate create rotate revoke renew enter
    type press drag import head scroll expand collapse tick untick uncheck grant assign
    invite cancel accept decline approve reject quit launch charge insert eject mount
    unmount unlock lock map link unlink subscribe unsubscribe opt swipe long-press
    double-click right-click hover search find filter sort bookmark archive
    activate deactivate validate authorise authorize reauthorise reauthorize
    re-authorise re-authorize extend ignore disregard skip pack ship flatten convert
    resize crop compress split merge combine duplicate re-save resave re-export
    re-import reimport re-send resend forget rejoin join reseat tighten loosen
    recharge re-enable reenable allowlist unblock mute unmute zoom flip flick
    """.split()
)
#: Finite verbs after a sentence-initial word show that word is a noun subject.
_NOUN_USE = frozenset(
    """
    is are was were has have had can will would should may might must need needs do does
    did isn't aren't wasn't weren't hasn't haven't can't won't shouldn't doesn't don't
    didn't 's 're seem seems look looks
    """.split()
)
#: Words that start an object: after them, the first word was a verb.
_OBJECT_START = frozenset(
    "you it the a an your us me them this that these those all any my our his her their "
    "each every some one both".split()
)
#: After a word that may be a verb: a plural noun, a comparison and a finite verb
#: make the word part of a subject ("Sync errors like this often come from ...",
#: "Reset problems such as this one tend to ..."), not an instruction.
_NOUN_COMPOUND_SUBJECT = re.compile(
    r"\s+[a-z]+s\s+(?:like\s+(?:this|these|that|those|yours)|of\s+this\s+(?:kind|sort|type)|"
    r"such\s+as\s+(?:this|these)(?:\s+one)?)\s+(?:(?:often|usually|normally|typically|commonly|"
    r"sometimes|mostly|generally|nearly\s+always|almost\s+always|always)\s+)?(?:come|mean|happen|"
    r"tend|occur|appear|arise|stem|show|clear|are|can|will|may|might|should|do|don't|go)\b",
    re.IGNORECASE,
)
_SOFTENERS = frozenset(
    "please kindly pls plz just jus also then now first next simply quickly so and "
    "maybe perhaps".split()
)
_QUESTION_REQUEST = re.compile(
    r"\b(?:could|can|would|will|might)\s+(?:you|u)\b(?:\s+(?:please|kindly|possibly|also|just|"
    r"quickly|perhaps|maybe|both))*"
    r"|\b(?:any|is\s+there\s+(?:any|a))\s+chance\s+(?:that\s+)?(?:you|u)\b"
    r"|\bwould\s+you\s+(?:mind|be\s+able)\b"
    # "Mind forwarding the resort's email?", "Do you mind sending it again?"
    r"|(?<!n't\s)(?<!not\s)(?<!never\s)\bmind\s+[a-z]+ing\b(?=[^.!\n]*\?)"
    r"|\b(?:are|were)\s+you\s+able\s+to\b"
    r"|\bis\s+it\s+possible\s+(?:for\s+you\s+)?to\b"
    r"|\bdo\s+you\s+(?:have|happen\s+to\s+have|still\s+have|know)\b"
    r"|\bwould\s+it\s+be\s+(?:possible|okay|ok)\b",
    re.IGNORECASE,
)
_STATEMENT_REQUEST = re.compile(
    r"\b(?:please|kindly|pls|plz)\b"
    r"|\b(?:we|i)(?:'d|\s+would|'ll|\s+will|\s+do|\s+still)?\s+(?:just\s+|only\s+|also\s+|now\s+)?"
    r"(?:need|require|want)\b"
    r"|\b(?:we|i)(?:'d|\s+would)\s+(?:like|love|appreciate)\b"
    r"|\b(?:we|i)\s+(?:would\s+)?(?:\w+ly\s+)?(?:ask|request)\s+that\s+you\b"
    # "May we request a screenshot ...?", "we request you to send ..."
    r"|\bmay\s+(?:we|i)\s+(?:kindly\s+)?(?:request|ask\s+(?:you\s+)?(?:for|to))\b"
    r"|\b(?:we|i)\s+(?:would\s+)?(?:kindly\s+)?request\s+(?:you\s+to|for)\b"
    r"|\b(?:it|this|that)(?:'d|\s+would|'ll|\s+will|\s+might|\s+could)\s+(?:really\s+|also\s+|"
    r"greatly\s+)?(?:help|be\s+(?:really\s+|very\s+|so\s+|super\s+|hugely\s+|most\s+)?(?:great|helpful|"
    r"useful|wonderful|good|ideal|handy))\b"
    r"|\bwould\s+(?:really\s+|also\s+|greatly\s+)?(?:help|be\s+(?:really\s+|very\s+|so\s+|super\s+|"
    r"hugely\s+|most\s+)?(?:great|helpful|useful|wonderful))\b"
    r"|\bif\s+you\s+(?:could|can|would)\b"
    # "If you send over the logs, I can dig in": the condition is the request
    r"|\bif\s+you\s+(?:just\s+)?(?:send|share|forward|attach|upload|e-?mail|provide|pass|drop|give)\b"
    r"|\bwe\s+(?:still\s+)?(?:need|require)\b"
    r"|\b(?:is|are)\s+(?:needed|required)\b"
    r"|\byou(?:'ll|\s+will|'d|\s+would)?\s+(?:just\s+|only\s+|simply\s+|also\s+|still\s+)?"
    r"(?:need|have)\s+to\b"
    r"|\bmake\s+sure\b",
    re.IGNORECASE,
)
#: "please note", "please accept our apologies" ... use "please" without asking
#: the reader to do anything.
_PLEASE_FORMULA = re.compile(
    r"\bplease\s+(?:note|find|be\s+(?:assured|aware|advised)|accept|bear\s+with|rest\s+assured|"
    r"don't\s+hesitate|do\s+not\s+hesitate|feel\s+free|let\s+(?:me|us)\s+know\s+if)\b",
    re.IGNORECASE,
)


#: A condition on something that may never happen: "if it's ever stolen", "in the
#: unlikely event that", "should the alarm ever go off".
HYPOTHETICAL = re.compile(
    r"\b(?:if|should|in\s+case|whenever)\s+[^.;!?]{0,60}?\bever\b"
    r"|\bin\s+the\s+(?:unlikely\s+|rare\s+)?event\s+(?:that|of)\b",
    re.IGNORECASE,
)

#: What a bare "Need ..." at the start of a clause asks for: "Need the logs".
_NEED_OBJECT = re.compile(
    r"\s+(?:the|your|a|an|some|any|all|those|these|more|one|two|three|copies|screenshots?|"
    r"logs?|photos?|details)\b",
    re.IGNORECASE,
)
_THANK_BEFORE = re.compile(r"\bthank(?:s|\s+you)\s+$", re.IGNORECASE)


def imperative_verb(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """See `_imperative_verb` (memoised: several rules ask about the same clause)."""
    return _imperative_verb(text, start, len(text) if end is None else end)


#: Prepositions that open a place said before an instruction ("In the app tap ...").
_PLACE_LEADS = frozenset("in on from under inside within at".split())
#: Determiners: a word after one is a noun, not a verb ("the file", "your log").
DETERMINERS = frozenset("the your a an this that these those my our their his her its".split())


@lru_cache(maxsize=4096)
def _imperative_verb(text: str, start: int, end: int) -> Span | None:
    """The verb that opens an instruction in `text[start:end]`, if it is one.

    "Please restart the hub", "Just reboot everything", "Then clear the cache"
    -> the verb; "Restarting the hub fixed it", "We restart nightly" -> None.
    """
    toks = _head_words(text, start, end, 14)
    i = 0
    while i < len(toks) and toks[i].lower in _SOFTENERS and i < 3:
        i += 1
    if i >= len(toks):
        return None
    if toks[i].lower not in IMPERATIVE_VERBS and toks[i].lower != "have":
        # a short lead-in before the verb: "For now, flatten ...", "In Chrome, open ..."
        for j in range(i + 1, min(len(toks), i + 7)):
            between = text[toks[j - 1].end : toks[j].start]
            if "," in between:
                i = j
                while i < len(toks) and toks[i].lower in _SOFTENERS and i < j + 2:
                    i += 1
                break
        else:
            # a place said first without a comma: "In the console go to Policies",
            # "On the next screen tick Save" (a determiner's noun, then the verb)
            if toks[i].lower in _PLACE_LEADS:
                for j in range(i + 2, min(len(toks), i + 5)):
                    if toks[j].lower in IMPERATIVE_VERBS and toks[j - 1].lower not in DETERMINERS:
                        if text[toks[i].end : toks[j].start].count(" ") <= 4:
                            i = j
                        break
        if i >= len(toks):
            return None
    tok = toks[i]
    low = tok.lower
    if low == "have" and i + 2 < len(toks) and toks[i + 1].lower == "a":
        # "have a word with", "have a look at", "have a go"
        return tok if toks[i + 2].lower in ("word", "look", "go", "try", "chat") else None
    if low not in IMPERATIVE_VERBS:
        return None
    if _NOUN_COMPOUND_SUBJECT.match(text, tok.end, end):
        return None  # "Sync errors like this often come from ...": a noun, a statement
    # "Log files are ...", "Split shifts are ...", "Check-in closes at": a noun,
    # not a verb, when a finite verb follows within two words.
    if i + 1 < len(toks):
        nxt = toks[i + 1].lower
        if nxt in _NOUN_USE:
            return None
        if nxt not in _OBJECT_START and i + 2 < len(toks) and toks[i + 2].lower in _NOUN_USE:
            return None
    return tok


def is_question(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does `text[start:end]` end with a question mark (ignoring closing quotes)?"""
    end = len(text) if end is None else end
    tail = text[start:end].rstrip(" \t\n\"')\u201d\u2019")
    return tail.endswith("?")


def is_request(text: str, start: int = 0, end: int | None = None) -> bool:
    """See `_is_request` (memoised: several rules ask about the same clause)."""
    return _is_request(text, start, len(text) if end is None else end)


@lru_cache(maxsize=4096)
def _is_request(text: str, start: int, end: int) -> bool:
    """Does `text[start:end]` ask the READER to do or provide something?

    Requests: "could you / can you / would you mind ...", "please ...", "kindly
    ...", imperatives ("Send the logs"), needs ("we'll need the invoice", "it
    would help to see ..."), "if you could ...".  Not requests: "please note",
    "please accept our apologies", our own statements and promises.
    """
    end = len(text) if end is None else end
    if _QUESTION_REQUEST.search(text, start, end):
        return True
    lead = first_word(text, start, end)
    if lead is not None and _PLEASE_FORMULA.match(text, lead.start, end):
        return False  # "Please note ...", "Please accept our apologies ..."
    if lead is not None and lead.text.lower() == "need" and _NEED_OBJECT.match(text, lead.end, end):
        return True  # "Need the error logs from ...": "I need", its subject dropped
    for m in _STATEMENT_REQUEST.finditer(text, start, end):
        word = m.group().lower()
        if word in ("please", "kindly") and _PLEASE_FORMULA.match(text, m.start(), end):
            continue
        if word == "kindly" and _THANK_BEFORE.search(
            text, max(start, m.start() - 12), m.start()
        ):
            continue  # "thank you kindly"
        return True
    return imperative_verb(text, start, end) is not None


# --------------------------------------------------------------------- quotes

_QUOTED = re.compile(
    r"\"[^\"\n]{1,200}\"|\u201c[^\u201d\n]{1,200}\u201d|(?<!\w)'[^'\n]{1,80}'(?!\w)"
)


def quoted_spans(text: str) -> list[Span]:
    """Stretches in quotation marks: names of buttons/settings ("Save as"), or
    someone else's words ('useless') that the author only reports."""
    return [Span(m.group(), m.start(), m.end()) for m in _QUOTED.finditer(text)]


def iter_clauses(text: str) -> Iterator[tuple[Span, Span]]:
    """(sentence, clause) pairs for the whole text, in order."""
    for sent in sentences(text):
        for cl in clauses(text, sent.start, sent.end):
            yield sent, cl


# --------------------------------------------------------------------- quoted words / phrase lists
# (appended for the kind/humble rules; generic enough for any rule)


@lru_cache(maxsize=16)
def author_view(text: str) -> tuple[str, str, tuple[Span, ...]]:
    """(normalised, quote-masked, quoted spans) of a reply's text, memoised: the
    tone rules read the same reply, and the quote scan is the costly part."""
    raw = normalise(text)
    quotes = tuple(quoted_spans(raw))
    return raw, (mask_quotes(raw, quotes) if quotes else raw), quotes


def mask_quotes(text: str, spans: Iterable[Span] | None = None) -> str:
    """`text` with the inside of every quoted stretch replaced by spaces (same length).

    Someone else's words that the author only reports ('You called it "useless"',
    a button named "DELETE ALL") must not count as the author's own tone, but the
    quote marks stay, so offsets and sentence ends are unchanged.
    """
    out = list(text)
    for sp in quoted_spans(text) if spans is None else spans:
        for i in range(sp.start + 1, sp.end - 1):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)


_SHORTHANDS = {
    # At most 40 characters: unbounded, "{w}th" costs O(n^2) on a run of dashes
    # (every dash is a word start for the guard) -- minutes for 100 KB.
    "{w}": r"[\w'&-]{1,40}",
    "{w?}": r"(?:[\w'&-]{1,40} )?",
    "{gap}": r"[^.;:!?\n]{0,40}?",
}


def _expand_shorthands(pattern: str) -> str:
    for key, value in _SHORTHANDS.items():
        pattern = pattern.replace(key, value)
    return pattern


#: A quantified group that is itself quantified: "(a+)+", "(\w+\s?)*" ...
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


def compile_phrases(patterns: Iterable[str], origin: str = "phrases") -> re.Pattern[str] | None:
    """One case-insensitive regex, on word boundaries, for a pack's phrase list.

    Entries are small regular expressions ("per my (last|previous) email") with
    three shorthands, so pack authors need no backslashes: `{w}` is one word,
    `{w?}` an optional word with its following space ("the {w?}manual"), and
    `{gap}` up to 40 characters inside one clause.  A bad entry raises ValueError
    naming `origin` and the entry; so does a quantified group inside another
    quantifier, which could backtrack catastrophically.  None for an empty list.
    """
    items = [
        _expand_shorthands(p.strip()) for p in patterns if isinstance(p, str) and p.strip()
    ]
    for p in items:
        if _NESTED_QUANTIFIER.search(p):
            raise ValueError(f"{origin}: {p!r} nests a quantifier inside a quantified group")
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{origin}: {p!r} is not a valid pattern: {exc}") from None
    if not items:
        return None

    def tail(p: str) -> str:
        guard = r"(?!\w)" if re.search(r"[\w)?*+]$", p) and not p.endswith("\\)") else ""
        return "(?:" + p + ")" + guard

    # One shared word-start guard in front of the alternation, then the phrases
    # grouped by their first character behind a one-character look-ahead: at
    # each word the engine tries the few phrases that can start there, not all.
    # A class ("[a-z]+ed") starts a word too: unguarded, it is tried at every
    # position of a long word, O(n^2) (PhraseIndex guards it the same way).
    worded = [p for p in items if re.match(r"[\w(\\\[]", p)]
    other = [tail(p) for p in items if not re.match(r"[\w(\\\[]", p)]
    parts = []
    if worded:
        groups: dict[str, list[str]] = {}
        anywhere: list[str] = []
        for p in worded:
            firsts = _first_chars(p)
            if firsts is None:
                anywhere.append(tail(p))
                continue
            for ch in sorted(firsts):
                groups.setdefault(ch, []).append(tail(p))
        branches = [
            "(?=" + re.escape(ch) + ")(?:" + "|".join(alts) + ")"
            for ch, alts in sorted(groups.items())
        ]
        branches.extend(anywhere)
        parts.append(r"(?:(?<![\w'])|(?='))(?:" + "|".join(branches) + ")")
    parts.extend(other)
    return re.compile("|".join(parts), re.IGNORECASE)


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case characters a match of `pattern` can start with, or None
    when that is not a short list (a class like \\w, or anything)."""
    c = _re_c

    def first(items: list, depth: int = 0) -> tuple[frozenset[str] | None, bool]:
        """(first chars, can be empty) of a sequence of parsed items."""
        out: set[str] = set()
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                out.add(chr(av).lower())
                return frozenset(out), False
            if op is c.IN:
                chars = set()
                for kind, val in av:
                    if kind is c.LITERAL:
                        chars.add(chr(val).lower())
                    elif kind is c.RANGE and val[1] - val[0] < 30:
                        chars.update(chr(x).lower() for x in range(val[0], val[1] + 1))
                    elif kind is c.NEGATE:
                        return None, False
                    else:
                        return None, False
                out.update(chars)
                return frozenset(out), False
            if op is c.SUBPATTERN:
                sub, empty = first(list(av[-1]), depth + 1)
                if sub is None:
                    return None, False
                out.update(sub)
                if not empty:
                    return frozenset(out), False
                continue
            if op is c.BRANCH:
                any_empty = False
                for branch in av[1]:
                    sub, empty = first(list(branch), depth + 1)
                    if sub is None:
                        return None, False
                    out.update(sub)
                    any_empty = any_empty or empty
                if not any_empty:
                    return frozenset(out), False
                continue
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                lo, _hi, sub_items = av
                sub, empty = first(list(sub_items), depth + 1)
                if sub is None:
                    return None, False
                out.update(sub)
                if lo > 0 and not empty:
                    return frozenset(out), False
                continue
            return None, False
        return frozenset(out), True

    tree = parse_pattern(pattern)
    if tree is None:
        return None
    try:
        chars, empty = first(tree)
    except Exception:  # noqa: BLE001 - any surprise: no grouping for this phrase
        return None
    if chars is None or empty or not chars:
        return None
    return chars


# --------------------------------------------------------------------- phrase index


class Found:
    """Matches of a `PhraseIndex` in one text, by family, in text order."""

    __slots__ = ("_by_key", "_merged", "_starts")

    def __init__(self, by_key: dict[str, list[re.Match[str]]]) -> None:
        self._by_key = by_key
        self._starts = {k: [m.start() for m in v] for k, v in by_key.items()}
        self._merged: dict[tuple[str, ...], list[int]] = {}

    def any_in(self, keys: tuple[str, ...], start: int, end: int) -> bool:
        """Does any family of `keys` have a match starting in [start, end)?  One
        bisect, so a rule can skip the sentences where none of its cues occur."""
        starts = self._merged.get(keys)
        if starts is None:
            starts = sorted(x for k in keys for x in self._starts.get(k, ()))
            self._merged[keys] = starts
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def within(self, key: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Matches of family `key` that start at or after `start` and end by `end`."""
        matches = self._by_key.get(key)
        if not matches:
            return []
        starts = self._starts[key]
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end) if end is not None else len(starts)
        return [m for m in matches[lo:hi] if end is None or m.end() <= end]

    def first(self, key: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        matches = self._by_key.get(key)
        if not matches:
            return None
        starts = self._starts[key]
        for i in range(bisect_left(starts, start), len(starts)):
            m = matches[i]
            if end is not None and m.start() >= end:
                return None
            if end is None or m.end() <= end:
                return m
        return None

    def last(self, key: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        found = self.within(key, start, end)
        return found[-1] if found else None


_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


class SearchAhead:
    """`pattern.search(text, pos, end)` for positions that only rise, as a loop
    over the matches of a phrase in one sentence asks it.

    Searching to the sentence's end from each of n matches is quadratic in a
    sentence that never ends ("thanks for thanks for ..." over 10 KB took
    seconds). The answer for a later position is the last answer while that
    still starts at or after it: a match attempt at a position does not
    depend on where the search began (`re` lets look-behinds and `\\b` see
    the text before `pos`), and none started between the two positions."""

    __slots__ = ("pattern", "text", "end", "_pos", "_found")

    def __init__(self, pattern: re.Pattern[str], text: str, end: int) -> None:
        self.pattern = pattern
        self.text = text
        self.end = end
        self._pos = -1
        self._found: re.Match[str] | None = None

    def __call__(self, pos: int) -> re.Match[str] | None:
        found = self._found
        if self._pos < 0 or pos < self._pos or (found is not None and found.start() < pos):
            found = self._found = self.pattern.search(self.text, pos, self.end)
        self._pos = pos
        return found


@lru_cache(maxsize=8)
def _tokens(text: str, start: int, end: int) -> tuple[tuple[str, int], ...]:
    """(lower-case word, offset) for the words of `text[start:end]`; memoised, so
    the policies that scan the same reply tokenise it once."""
    low = text[start:end].lower()
    if len(low) == end - start:  # lower() kept every offset (it nearly always does)
        return tuple([(m.group(), m.start() + start) for m in _TOKEN.finditer(low)])
    return tuple([(m.group().lower(), m.start()) for m in _TOKEN.finditer(text, start, end)])


class PhraseIndex:
    """Many phrase families scanned in one pass over a text.

    Scanning 60 families of 30 phrases with one regex each costs about 1 ms
    per KB (the engine tries every phrase at every position).  Here each
    phrase is filed under the words it can start with, and one pass over the
    text's words tries only the phrases filed under that word: linear in the
    text, and fast for a typical reply.  Phrase syntax as `compile_phrases`.
    """

    def __init__(self, families: dict[str, list[str]], origin: str = "phrases") -> None:
        self.exact: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.prefix: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.anywhere: list[tuple[str, re.Pattern[str]]] = []
        nonword: dict[str, list[str]] = {}
        #: phrases that start at an apostrophe inside a token, by that suffix
        self.suffix: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.keys = tuple(families)
        for key, patterns in families.items():
            for raw in patterns:
                if not isinstance(raw, str):
                    continue
                p = _expand_shorthands(raw.strip())
                if not p:
                    continue
                # the checks of `compile_phrases`, on each phrase as it is compiled
                if _NESTED_QUANTIFIER.search(p):
                    raise ValueError(
                        f"{origin}.{key}: {p!r} nests a quantifier inside a quantified group"
                    )
                guard = r"(?!\w)" if re.search(r"[\w)?*+]$", p) and not p.endswith("\\)") else ""
                try:
                    item = re.compile("(?:" + p + ")" + guard, re.IGNORECASE)
                except re.error as exc:
                    raise ValueError(
                        f"{origin}.{key}: {p!r} is not a valid pattern: {exc}"
                    ) from None
                starts = _first_words_cached(p)
                if starts is None:
                    # starts with a class ("[a-z]+ed"): scanned as a regex
                    nonword.setdefault(key, []).append(
                        r"(?:(?<![\w'])|(?='))(?:" + p + ")" + guard
                    )
                    continue
                words_, prefixes = starts
                if "" in words_ or any(w.startswith("'") for w in prefixes):
                    nonword.setdefault(key, []).append("(?:" + p + ")" + guard)
                else:
                    # "'s not", "'ll be": tried at the apostrophe of a token
                    # ("it's", "we'll") instead of by a scan of the whole text
                    for w in words_:
                        if w.startswith("'"):
                            self.suffix.setdefault(w, []).append((key, item))
                words_ = {w for w in words_ if w and not w.startswith("'")}
                prefixes = {w for w in prefixes if w and not w.startswith("'")}
                for w in words_:
                    self.exact.setdefault(w, []).append((key, item))
                for w in prefixes:
                    self.prefix.setdefault(w, []).append((key, item))
        self.prefix_lengths = sorted({len(w) for w in self.prefix})
        #: per lower-case word, the phrases that can start at it, as `_Plan`s;
        #: filled as words are met
        self._plans: dict[str, tuple[_Plan, ...]] = {}
        #: per key, its phrases that no word indexes, each with the literals one
        #: of which every match contains (None: always tried); see `_nonword`
        self.nonword: dict[str, tuple[tuple[str, frozenset[str] | None], ...]] = {
            key: tuple((alt, required_literals(alt)) for alt in alts)
            for key, alts in nonword.items()
        }
        self._nonword_cache: dict[tuple[str, tuple[int, ...]], re.Pattern[str]] = {}

    def scan(self, text: str, start: int = 0, end: int | None = None) -> Found:
        end = len(text) if end is None else end
        by_key: dict[str, list[re.Match[str]]] = {}
        cache = self._plans
        tokens = _tokens(text, start, end)
        last = len(tokens) - 1
        hay: Haystack | None = None
        #: per set of required literals, whether the text holds one (`_Gated`)
        present: dict[frozenset[str], bool] = {}
        for i, (low, pos) in enumerate(tokens):
            plans = cache.get(low)
            if plans is None:
                plans = self._plans_for(low)
            if not plans:
                continue
            after = _next_words(tokens[i + 1][0]) if i < last else ()
            for offset, anyway, by_next, gated in plans:
                at = pos + offset
                hits = anyway.hits(text, at, end) if anyway is not None else []
                for word in after:
                    bucket = by_next.get(word)
                    if bucket is not None:
                        more = bucket.hits(text, at, end)
                        if more:
                            hits = _merge(hits, more) if hits else more
                for order, key, item, needs, nexts in gated:
                    alive = present.get(needs)
                    if alive is None:
                        if hay is None:
                            hay = Haystack(text[start:end])
                        alive = present[needs] = hay.has_any(needs)
                    if not alive or (nexts is not None and not any(w in nexts for w in after)):
                        continue
                    m = item.match(text, at, end)
                    if m is not None:
                        hits = _merge(hits, [(order, key, m)]) if hits else [(order, key, m)]
                for _, key, m in hits:
                    if key in by_key:
                        by_key[key].append(m)
                    else:
                        by_key[key] = [m]
        for key, alts in self.nonword.items():
            if hay is None:
                hay = Haystack(text[start:end])
            pattern = self._nonword(key, alts, hay)
            if pattern is None:
                continue
            have = {(m.start(), m.end()) for m in by_key.get(key, ())}
            for m in pattern.finditer(text, start, end):
                if (m.start(), m.end()) not in have:
                    by_key.setdefault(key, []).append(m)
        for matches in by_key.values():
            matches.sort(key=lambda m: (m.start(), m.end()))
        return Found(by_key)

    def _nonword(
        self, key: str, alts: tuple[tuple[str, frozenset[str] | None], ...], hay: Haystack
    ) -> re.Pattern[str] | None:
        """One alternation of the phrases of `key` that can match in the text, or
        None. A phrase whose every literal is missing from the text cannot match,
        so leaving it out finds exactly what the whole alternation finds."""
        alive = tuple(
            i
            for i, (_, needs) in enumerate(alts)
            if needs is None or hay.has_any(needs)
        )
        if not alive:
            return None
        pattern = self._nonword_cache.get((key, alive))
        if pattern is None:
            if len(self._nonword_cache) >= 4096:  # many phrases without a word: all of them
                alive = tuple(range(len(alts)))
                pattern = self._nonword_cache.get((key, alive))
            if pattern is None:
                pattern = re.compile("|".join(alts[i][0] for i in alive), re.IGNORECASE)
                self._nonword_cache[(key, alive)] = pattern
        return pattern

    def _plans_for(self, low: str) -> tuple[_Plan, ...]:
        """The phrases that can start at `low`, by offset in the word, remembered
        per word.

        Most words start no phrase, and a word such as "so" starts dozens: one
        alternation of them all, tried at every "so", cost more than the rest of
        the scan. So each phrase whose second word is certain ("so much detail")
        is filed under that word too and tried only where the text's next word
        is one of them (`literals.second_words`); the rest are tried anyway.
        Each group is tried as a `_Bucket`, and the matches of one word are kept
        in the phrases' original order.

        A phrase with a long gap ("your [^.]{3,120}? that's what broke") costs a
        scan of the gap at every word it is filed under; in a text that never
        ends a sentence ("your your your ...") that made one 100 KB reply take
        seconds. Such a phrase, when every match of it holds one of a few
        literals (" what "), is kept out of the buckets and tried alone, only in
        texts that hold one of them (`literals.has_long_run`)."""
        by_offset: dict[int, list[tuple[int, str, re.Pattern[str]]]] = {}
        for order, (key, item, offset) in enumerate(self._candidates_for(low)):
            by_offset.setdefault(offset, []).append((order, key, item))
        plans: list[_Plan] = []
        for offset, members in by_offset.items():
            anyway: list[tuple[int, str, re.Pattern[str]]] = []
            by_next: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
            gated: list[_Gated] = []
            for member in members:
                pattern = member[2].pattern
                nexts = second_words(pattern, pattern.endswith(_GUARD))
                needs = required_literals(pattern) if has_long_run(pattern) else None
                if needs is not None:
                    gated.append((*member, needs, nexts))
                elif nexts is None:
                    anyway.append(member)
                else:
                    for word in nexts:
                        by_next.setdefault(word, []).append(member)
            plans.append((
                offset,
                _Bucket(anyway) if anyway else None,
                {word: _Bucket(group) for word, group in by_next.items()},
                tuple(gated),
            ))
        if len(self._plans) < 50_000:
            self._plans[low] = tuple(plans)
        return tuple(plans)

    def _candidates_for(self, low: str) -> tuple[tuple[str, re.Pattern[str], int], ...]:
        """The phrases that can start at a word (each once), remembered per word,
        each with its offset in the word: 0, or the apostrophe of "it's" for a
        phrase that starts with "'s"."""
        found = [(k, item, 0) for k, item in self.exact.get(low, ())]
        for n in self.prefix_lengths:
            if n > len(low):
                break
            found.extend((k, item, 0) for k, item in self.prefix.get(low[:n], ()))
        cut = low.find("'")
        if cut > 0 and self.suffix:
            found.extend((k, item, cut) for k, item in self.suffix.get(low[cut:], ()))
        unique: dict[tuple[str, int, int], tuple[str, re.Pattern[str], int]] = {}
        for cand in found:
            unique.setdefault((cand[0], id(cand[1]), cand[2]), cand)
        return tuple(unique.values())


#: The guard `PhraseIndex` puts after a phrase that ends on a word.
_GUARD = r"(?!\w)"

#: Phrases per chunk of a bucket (see `_Bucket`).
_CHUNK = 8

#: (order among the word's phrases, key, phrase)
_Member = tuple[int, str, re.Pattern[str]]
#: (order, key, phrase, literals one of which its every match holds, the next
#: words it can follow with, or None for any)
_Gated = tuple[int, str, re.Pattern[str], frozenset[str], "frozenset[str] | None"]
#: (offset in the word, phrases tried at every such word, phrases by the next
#: word, costly phrases tried only in texts that hold their literals)
_Plan = tuple[int, "_Bucket | None", dict[str, "_Bucket"], tuple[_Gated, ...]]


def _merge(
    hits: list[tuple[int, str, re.Match[str]]], more: list[tuple[int, str, re.Match[str]]]
) -> list[tuple[int, str, re.Match[str]]]:
    """Both lists in the phrases' original order, each phrase once (a phrase
    filed under "we've" and "we" is found through both for the word "we've")."""
    by_order = {hit[0]: hit for hit in hits}
    for hit in more:
        by_order.setdefault(hit[0], hit)
    return [by_order[order] for order in sorted(by_order)]


def _next_words(token: str) -> tuple[str, ...]:
    """The words a phrase's second word is filed under that can match `token`:
    the token, and its part before an apostrophe ("much" of "much's"), with
    the letters that `re.IGNORECASE` reads as ASCII ones folded."""
    if not token.isascii():
        token = fold(token)
    cut = token.find("'")
    return (token, token[:cut]) if cut > 0 else (token,)


def _alternation(members: tuple[_Member, ...]) -> re.Pattern[str] | None:
    """One regex that matches where any of `members` matches, or None when
    there are too few for it to save a call."""
    if len(members) < 3:
        return None
    return re.compile("|".join("(?:" + m[2].pattern + ")" for m in members), re.IGNORECASE)


class _Bucket:
    """Phrases tried together at a word. An alternation rules the whole group
    out in one regex call; past it, one per chunk of `_CHUNK`, so only the
    phrases of a chunk that matched are tried one by one. The alternations are
    compiled when the bucket is first tried: most words of a plan are never
    the next word of a text, and compiling all of them cost seconds."""

    __slots__ = ("members", "_first", "_chunks")

    def __init__(self, members: list[_Member]) -> None:
        self.members = tuple(members)
        self._first: re.Pattern[str] | None = None
        self._chunks: tuple[tuple[re.Pattern[str] | None, tuple[_Member, ...]], ...] | None = None

    def _build(self) -> tuple[tuple[re.Pattern[str] | None, tuple[_Member, ...]], ...]:
        members = self.members
        self._first = _alternation(members)
        if len(members) <= _CHUNK:
            chunks: tuple[tuple[re.Pattern[str] | None, tuple[_Member, ...]], ...] = (
                (None, members),
            )
        else:
            chunks = tuple(
                (_alternation(members[i : i + _CHUNK]), members[i : i + _CHUNK])
                for i in range(0, len(members), _CHUNK)
            )
        self._chunks = chunks
        return chunks

    def hits(self, text: str, at: int, end: int) -> list[tuple[int, str, re.Match[str]]]:
        """(order, key, match) of the bucket's phrases that match at `at`."""
        chunks = self._chunks
        if chunks is None:
            chunks = self._build()
        first = self._first
        if first is not None and first.match(text, at, end) is None:
            return []
        hits = []
        for pre, members in chunks:
            if pre is not None and pre.match(text, at, end) is None:
                continue
            for order, key, item in members:
                m = item.match(text, at, end)
                if m is not None:
                    hits.append((order, key, m))
        return hits


@lru_cache(maxsize=4096)
def _first_words_cached(pattern: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """`_first_words`, remembered per pattern (the same phrase lists are indexed
    by several policies and packs in one process)."""
    found = _first_words(pattern)
    return None if found is None else (frozenset(found[0]), frozenset(found[1]))


def _first_words(pattern: str) -> tuple[set[str], set[str]] | None:
    """The words a match of `pattern` can start with: (whole words, prefixes of
    words).  None when that is not a short list (it starts with a class)."""
    tree = parse_pattern(pattern)
    if tree is None:
        return None
    try:
        # a state: (prefix so far, "open" | "ended" | "prefix")
        states = walk_starts(tree, {("", "open")}, lambda s: s[1] == "open", _first_leaf, 300)
    except Exception:  # noqa: BLE001 - unreadable here: try it everywhere
        return None
    if states is None:
        return None
    words_: set[str] = set()
    prefixes: set[str] = set()
    for p, kind in states:
        if kind == "prefix":
            if not p:
                return None
            prefixes.add(p)
        else:
            words_.add(p)
    return words_, prefixes


def _first_leaf(op: object, av: object, active: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """`walk_starts` leaf for `_first_words`: a word character extends the word,
    any other character ends it; a short class of characters branches; any
    other element leaves a prefix."""
    if op is _re_c.LITERAL:
        ch = chr(av).lower()  # type: ignore[arg-type]
        if ch.isalnum() or ch == "'":
            return {(p + ch, "open") for p, _ in active}
        return {(p, "ended") for p, _ in active}
    if op is _re_c.IN:
        chars: list[str] | None = []
        for kind, val in av:  # type: ignore[union-attr]
            if kind is _re_c.LITERAL:
                chars.append(chr(val))  # type: ignore[union-attr]
            else:
                chars = None
                break
        if chars is not None and not any(ch.isalnum() or ch == "'" for ch in chars):
            return {(p, "ended") for p, _ in active}
        if chars is not None and len(chars) <= 4:
            return {(p + ch.lower(), "open") for p, _ in active for ch in chars}
    return {(p, "prefix") for p, _ in active}


def clause_at(text: str, start: int, end: int, pos: int) -> Span:
    """The clause of the sentence `text[start:end]` that holds offset `pos`.

    Uses the memoised split, so asking once per phrase match costs a bisect,
    not a re-split: rules stay linear even on one 100 KB "sentence".
    """
    parts = _clauses(text, start, end)
    lo, hi = 0, len(parts)
    while lo < hi:
        mid = (lo + hi) // 2
        if parts[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo and parts[lo - 1].start <= pos < parts[lo - 1].end:
        return parts[lo - 1]
    return span_of(text, start, end) if not parts else parts[max(lo - 1, 0)]


# --------------------------------------------------------------------- pasted machine text
# (appended for the urgent/clear rules; generic enough for any rule)

#: A line that opens like a log record, a stack frame, a shell prompt or a
#: traceback: "2026-03-11 09:14:02 ERROR ...", "[09:14:02]", "at com.acme.Sync(",
#: 'File "sync.py", line 4', "$ systemctl status", "Caused by: ...".
_MACHINE_HEAD = re.compile(
    r"[ \t]*(?:\[?\d{4}[-/.]\d{2}[-/.]\d{2}(?:[T ]\d{1,2}:\d{2})?|\[?\d{1,2}:\d{2}:\d{2}"
    r"|\[?(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|NOTICE)\b[\]:]?"
    r"|at\s+[\w$.<>]+\(|File\s+\"|Traceback\b|Caused\s+by:|Exception\s+in\b|[$#>]\s+\S"
    r"|>>>\s|[{}\[\]]\s*$|<\??/?[\w:-]+[\s>])"
)
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
#: Tokens that are not words of prose: key=value, paths, long numbers, hex ids.
_TECH_TOKEN = re.compile(
    # bounded repeats: a 100 KB "token" of underscores must not cost O(n^2)
    r"=|[/\\][\w.-]{1,128}[/\\]|[{}\[\]<>|]|\d{4,}|\b[0-9a-f]{8,}\b|(?<![\w.])\w{1,64}\.\w{1,64}\("
    r"|::|->|==",
    re.IGNORECASE,
)
_SYMBOLS = frozenset("{}[]()<>=;/\\|_$#@*%&^~`")
_SYMBOL = re.compile("[" + re.escape("".join(sorted(_SYMBOLS))) + "]")


def _machine_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _MACHINE_HEAD.match(line):
        return True
    symbols = len(_SYMBOL.findall(stripped))  # one C scan, not a Python loop per character
    if symbols >= 6 and symbols > 0.12 * len(stripped):
        return True
    tokens = stripped.split()
    if len(tokens) >= 4:
        # a short run of letters is no technical token (no symbol, digit or
        # 8-character hex id): the regex is spared for the others
        tech = sum(1 for t in tokens if not (len(t) < 8 and t.isalpha()) and _TECH_TOKEN.search(t))
        return tech >= 0.4 * len(tokens)
    return False


@lru_cache(maxsize=8)
def mask_machine_text(text: str) -> str:
    """`text` with pasted machine output blanked out (same length, newlines kept).

    Agents paste log records, stack traces, command output and config into
    replies.  Those lines are not the author's prose: a wrapped log is one
    "sentence" of hundreds of words to a sentence splitter, its ERROR is no
    jargon, and a rule that reads it only wastes time.  A line is machine text
    when it opens like a log record, a stack frame, a prompt or markup, when
    symbols make up much of it, or when most of its tokens are key=value pairs,
    paths, long numbers or hex ids; everything between ``` fences is too.  The
    rest keeps its offsets, so evidence cut from the original text still fits.
    """
    if not text:
        return text
    out: list[str] = []
    fenced = False
    changed = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        fence = _FENCE.match(body) is not None
        # a fence closed at the end of the code line ("... > out.txt ```"), as reflowed
        # mail often leaves it, ends the block too
        closes = fenced and not fence and body.rstrip().endswith(("```", "~~~"))
        if fence or fenced or _machine_line(body):
            out.append(" " * len(body) + line[len(body) :])
            changed = changed or bool(body.strip())
            if fence:
                fenced = not fenced
                if fenced and body.strip() not in ("```", "~~~") and body.rstrip().endswith(
                    ("```", "~~~")
                ) and len(body.strip()) > 3:
                    fenced = False  # "```ls -la```": opened and closed on one line
            elif closes:
                fenced = False
        else:
            out.append(line)
    return "".join(out) if changed else text


def start_guard(alternatives: Iterable[str]) -> str | None:
    """A look-ahead that holds wherever one of `alternatives` can match: the
    words their matches start with, as a prefix tree, and a digit for those
    that start with one ("15:00"). Put in front of the alternation, it lets the
    engine leave a position after a test or two instead of trying every
    alternative there, and finds the same matches. None when an alternative
    can start with anything else (a class of letters, say)."""
    starts: set[str] = set()
    digit = False
    for alternative in alternatives:
        found = _first_words_cached(alternative)
        if found is None:
            if not _starts_with_digit(alternative):
                return None
            digit = True
            continue
        words_, prefixes = found
        if "" in words_ or "" in prefixes:
            return None
        starts |= words_ | prefixes
    parts = ([r"\d"] if digit else []) + ([trie_alternation(starts)] if starts else [])
    return "(?=" + "|".join(parts) + ")" if parts else None


def with_start_guard(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` (case-insensitive) with `start_guard` of its top-level
    alternatives in front: the same matches, found faster where the engine
    would otherwise try dozens of words at every word start. Unchanged when no
    guard can be built, or when case matters (the guard's words are lower-case)."""
    alternatives = top_alternatives(pattern.pattern)
    if not pattern.flags & re.IGNORECASE or alternatives is None:
        return pattern
    if GLOBAL_FLAGS.match(pattern.pattern) or pattern.flags & re.VERBOSE:
        return pattern  # global flags must stay first; a "|" may sit in a comment
    guard = start_guard(alternatives)
    if guard is None:
        return pattern
    return re.compile(guard + "(?:" + pattern.pattern + ")", pattern.flags)



def _starts_with_digit(pattern: str) -> bool:
    """Does every match of `pattern` start with a digit (after look-arounds)?"""
    def digits_only(av: list) -> bool:
        for kind, value in av:
            if kind is _re_c.CATEGORY and value is _re_c.CATEGORY_DIGIT:
                continue
            if kind is _re_c.LITERAL and chr(value).isdigit():
                continue
            if kind is _re_c.RANGE and all(chr(v).isdigit() for v in value):
                continue
            return False
        return True

    def first(items: list) -> bool:
        for i, (op, av) in enumerate(items):
            if op in (_re_c.AT, _re_c.ASSERT, _re_c.ASSERT_NOT):
                continue
            if op in (_re_c.MAX_REPEAT, _re_c.MIN_REPEAT) and av[0] == 0:
                # "[01]?\d": a digit whether the optional part is there or not
                return first(list(av[2])) and first(items[i + 1 :])
            if op is _re_c.LITERAL:
                return chr(av).isdigit()
            if op is _re_c.IN:
                return digits_only(av)
            if op is _re_c.SUBPATTERN:
                return first(list(av[-1]))
            if op is _re_c.BRANCH:
                return all(first(list(branch)) for branch in av[1])
            if op in (_re_c.MAX_REPEAT, _re_c.MIN_REPEAT) and av[0] >= 1:
                return first(list(av[2]))
            return False
        return False

    tree = parse_pattern(pattern)
    try:
        return tree is not None and first(tree)
    except RecursionError:  # unreadable here: no guard
        return False


def trie_alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a prefix tree ("b(?:ank|oard)s?" rather
    than "bank|banks|board|boards"), so the engine tries a handful of branches at
    each position instead of every word.  A hyphen also matches a space or
    nothing ("help-desk": "help desk", "helpdesk"), and a space any whitespace.
    Case is left to the caller's
    flags; wrap the result in word boundaries as needed."""
    trie: dict[str, dict] = {}
    for word in {w.strip().lower() for w in words if w and w.strip()}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = []
        for ch in sorted(node):
            if ch == "":
                continue
            piece = {"-": r"[\s-]?", " ": r"\s+"}.get(ch) or re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie) or r"(?!x)x"


# Defined above the guard's helpers, guarded here: "could you" is tried only where
# one of its first words starts (4 times faster on a typical reply).
_QUESTION_REQUEST = with_start_guard(_QUESTION_REQUEST)
_SUBORDINATE_OPENER = with_start_guard(_SUBORDINATE_OPENER)
