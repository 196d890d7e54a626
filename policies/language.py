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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

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
    "iter_clauses",
    "normalise",
    "quoted_spans",
    "sentences",
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
    """
    return text.translate(_NORMALISE)


# --------------------------------------------------------------------- words

#: A word: letters/digits, joined by inner apostrophes, hyphens, dots, colons,
#: slashes or @ ("don't", "INC-2231", "3.4.1", "10:30", "a.m", "ops@acme").  Each
#: repetition must consume a separator first, so the match is linear.
_WORD = re.compile(r"\w+(?:['\u2019\-./:@&]\w+)*")


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word tokens of `text[start:end]` with offsets into `text`."""
    end = len(text) if end is None else end
    return [Span(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


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
_LAST_TOKEN = re.compile(r"([\w.]+)$")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Does the token ending just before `text[dot] == '.'` look like an abbreviation?"""
    m = _LAST_TOKEN.search(text, max(0, dot - 20), dot)
    if not m:
        return False
    token = m.group(1).lower().strip(".")
    if token in ABBREVIATIONS:
        return True
    # A single letter ("J. Smith", "Appendix B. shows") or dotted initials ("U.S.")
    return len(token) == 1 and token.isalpha() or ("." in token and len(token) <= 5)


def sentences(text: str) -> list[Span]:
    """Sentences of `text`, as trimmed spans, bullets stripped.

    A sentence ends at . ! ? (or …) followed by whitespace and a capital, digit,
    quote or bracket (not after an abbreviation or an initial), at a blank line,
    and at a single line break when the next line is a bullet or the line before
    is short (greetings, list items, headings) or ends with a colon.  Long lines
    that simply wrap (72-column plain text) are joined.  Decimals, versions,
    times (7:00pm), URLs and e-mail addresses contain no whitespace after their
    dots and are never split.
    """
    out: list[Span] = []
    start = 0
    n = len(text)

    def emit(s: int, e: int) -> None:
        m = _BULLET.match(text, s, e)
        if m:
            s = m.end()
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
        if nxt_ch.islower():
            continue  # "approx. ten", "e.g. the", "... and then"
        if punct.rstrip("\"')]\u201d\u2019") == "." and _abbreviation_before(text, m.start()):
            # "Dr. Patel", "no. 5", but a real end after "etc." before a capital
            # is rare enough in support mail to accept.
            continue
        emit(start, end)
        start = end
    if start < n:
        emit(start, n)
    return out


# --------------------------------------------------------------------- clauses

#: Clause separators: ; : dashes (spaced), and coordinating words that start a
#: new predicate.  ", and"/", so"/", but" always; bare "and"/"but"/"so" only
#: when a subject pronoun follows ("... and I'll call you").
_PRONOUN_AHEAD = r"(?=(?:i|we|you|they|he|she|it|our|your|their|my|the|this|that|there|let)\b)"
_CLAUSE_SEP = re.compile(
    r"\s*;\s*"
    r"|\s*:\s+"
    r"|\s+[\u2013\u2014-]{1,2}\s+|\u2014"
    r"|,?\s+(?:but|although|though|whereas|because|unless)\s+"
    r"|,\s+(?:and|so|which|who|then|or)\s+"
    r"|,\s+(?=(?:as|once|when|if|while|since|until|after|before)\s)"
    r"|\s+(?:and|so|or|then)\s+" + _PRONOUN_AHEAD
    + r"|\s+(?=(?:once|when|if|until|after|before|while)\s+" + _PRONOUN_AHEAD + ")",
    re.IGNORECASE,
)
#: A clause that opens with one of these ends at its first comma ("If the
#: engineers find anything, we'll let you know" -> two clauses).
_SUBORDINATE_OPENER = re.compile(
    r"(?:if|when|whenever|once|as\s+soon\s+as|after|before|until|till|since|because|"
    r"although|though|while|whilst|unless|as)\b[^,]{1,120},\s*",
    re.IGNORECASE,
)


def clauses(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split `text[start:end]` (usually one sentence) into clauses, as spans.

    A clause is the unit for "who acts" and for negation scope: in "No need to
    raise a ticket; I've opened one" the negation covers only the first clause.
    Commas alone do not split ("Please, Dana, send ..." stays one clause).
    """
    end = len(text) if end is None else end
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
    return out


# --------------------------------------------------------------------- negation

_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot|hardly|"
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
_YOU = frozenset("you you're you'll you've you'd your yours yourself yourselves u ur".split())
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
    """Who acts in the clause `text[start:end]` (a heuristic, no parser).

    Imperatives and "could you / please" requests are the reader's action (YOU).
    Otherwise the subject is the noun phrase before the first auxiliary or common
    verb; it is WE when it holds I/we/our/my ("Sam on our team will call"), YOU
    when it holds you/your, else OTHER.
    """
    toks = words(text, start, end)
    i = 0
    while i < len(toks) and toks[i].lower in _LEAD and i < 4:
        i += 1
    toks = toks[i:]
    if not toks:
        return Actor.NONE
    head = toks[0].lower
    if head in ("please", "kindly", "pls", "plz"):
        return Actor.YOU
    if head in _WE or head.startswith(("i'", "we'")):
        return Actor.WE
    if head in _YOU or head.startswith("you'"):
        return Actor.YOU
    if head in ("could", "can", "would", "will", "are", "do", "did", "have") and len(toks) > 1:
        second = toks[1].lower
        if second in _YOU:
            return Actor.YOU
        if second in _WE:
            return Actor.WE
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
    pair unpair reboot cycle give clean download move rename replace swap test
    double-check doublecheck recheck re-check allow block whitelist allow-list
    approach ask speak write text phone get put take start stop pause resume
    disable mark edit fill complete print scan drop bring pop have
    """.split()
)
_SOFTENERS = frozenset(
    "please kindly pls plz just also then now first next simply quickly so and "
    "maybe perhaps".split()
)
_QUESTION_REQUEST = re.compile(
    r"\b(?:could|can|would|will|might)\s+(?:you|u)\b(?:\s+(?:please|kindly|possibly|also|just|"
    r"quickly|perhaps|maybe|both))*"
    r"|\bwould\s+you\s+(?:mind|be\s+able)\b"
    r"|\b(?:are|were)\s+you\s+able\s+to\b"
    r"|\bis\s+it\s+possible\s+(?:for\s+you\s+)?to\b"
    r"|\bdo\s+you\s+(?:have|happen\s+to\s+have|still\s+have|know)\b"
    r"|\bwould\s+it\s+be\s+(?:possible|okay|ok)\b",
    re.IGNORECASE,
)
_STATEMENT_REQUEST = re.compile(
    r"\b(?:please|kindly|pls|plz)\b"
    r"|\b(?:we|i)(?:'d|\s+would|'ll|\s+will|\s+do|\s+still)?\s+(?:need|require|want)\b"
    r"|\b(?:we|i)(?:'d|\s+would)\s+(?:like|love|appreciate)\b"
    r"|\b(?:it|this|that)(?:'d|\s+would|'ll|\s+will|\s+might|\s+could)\s+(?:really\s+|also\s+|"
    r"greatly\s+)?(?:help|be\s+(?:great|helpful|useful|wonderful|good|ideal|handy))\b"
    r"|\bwould\s+(?:really\s+|also\s+|greatly\s+)?(?:help|be\s+(?:great|helpful|useful|wonderful))\b"
    r"|\bif\s+you\s+(?:could|can|would)\b"
    r"|\bwe\s+(?:still\s+)?(?:need|require)\b"
    r"|\b(?:is|are)\s+(?:needed|required)\b"
    r"|\byou(?:'ll|\s+will|'d|\s+would)?\s+(?:need|have)\s+to\b"
    r"|\bmake\s+sure\b",
    re.IGNORECASE,
)
#: "please note", "please accept our apologies" ... use "please" without asking
#: the reader to do anything.
_PLEASE_FORMULA = re.compile(
    r"\bplease\s+(?:note|be\s+(?:assured|aware|advised)|accept|bear\s+with|rest\s+assured|"
    r"don't\s+hesitate|do\s+not\s+hesitate|feel\s+free|let\s+(?:me|us)\s+know\s+if)\b",
    re.IGNORECASE,
)


def imperative_verb(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The verb that opens an instruction in `text[start:end]`, if it is one.

    "Please restart the hub", "Just reboot everything", "Then clear the cache"
    -> the verb; "Restarting the hub fixed it", "We restart nightly" -> None.
    """
    toks = words(text, start, end)
    i = 0
    while i < len(toks) and toks[i].lower in _SOFTENERS and i < 3:
        i += 1
    if i >= len(toks):
        return None
    tok = toks[i]
    low = tok.lower
    if low not in IMPERATIVE_VERBS:
        return None
    # "Log files are ..." / "Check-in closes at": a noun, not a verb, when a
    # verb-like word follows directly.
    if i + 1 < len(toks) and toks[i + 1].lower in ("is", "are", "was", "were", "has", "have"):
        return None
    return tok


def is_question(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does `text[start:end]` end with a question mark (ignoring closing quotes)?"""
    end = len(text) if end is None else end
    tail = text[start:end].rstrip(" \t\n\"')\u201d\u2019")
    return tail.endswith("?")


def is_request(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does `text[start:end]` ask the READER to do or provide something?

    Requests: "could you / can you / would you mind ...", "please ...", "kindly
    ...", imperatives ("Send the logs"), needs ("we'll need the invoice", "it
    would help to see ..."), "if you could ...".  Not requests: "please note",
    "please accept our apologies", our own statements and promises.
    """
    end = len(text) if end is None else end
    if _QUESTION_REQUEST.search(text, start, end):
        return True
    for m in _STATEMENT_REQUEST.finditer(text, start, end):
        word = m.group().lower()
        if word in ("please", "kindly") and _PLEASE_FORMULA.match(text, m.start(), end):
            continue
        return True
    return imperative_verb(text, start, end) is not None


# --------------------------------------------------------------------- quotes

_QUOTED = re.compile(r"\"[^\"\n]{1,200}\"|\u201c[^\u201d\n]{1,200}\u201d|(?<!\w)'[^'\n]{1,80}'(?!\w)")


def quoted_spans(text: str) -> list[Span]:
    """Stretches in quotation marks: names of buttons/settings ("Save as"), or
    someone else's words ('useless') that the author only reports."""
    return [Span(m.group(), m.start(), m.end()) for m in _QUOTED.finditer(text)]


def iter_clauses(text: str) -> Iterator[tuple[Span, Span]]:
    """(sentence, clause) pairs for the whole text, in order."""
    for sent in sentences(text):
        for cl in clauses(text, sent.start, sent.end):
            yield sent, cl
