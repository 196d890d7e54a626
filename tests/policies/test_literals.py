"""The fast paths of the rules find exactly what the plain patterns find.

Each shortcut (a substring test before a regex, phrases filed under their second
word, a look-ahead for the words a pattern starts with) may only skip work that
cannot find anything. These tests hold each shortcut against the slow way on
many sentences, the near-misses of the rules' own tests among them, and on
texts built to catch the edge cases: apostrophes after a word, and letters that
`re.IGNORECASE` reads as ASCII ones ("İ", "ı", "ſ").
"""

from __future__ import annotations

import re

import pytest
from test_wider_wording import NEAR_MISSES, VIOLATIONS

import policies.timeexpr as timeexpr
from policies.engine import PolicySet
from policies.language import (
    PhraseIndex,
    _tokens,
    start_guard,
    with_start_guard,
)
from policies.literals import (
    Haystack,
    Prefiltered,
    fold,
    has_long_run,
    required_literals,
    second_words,
    top_alternatives,
)

EDGE_TEXTS = [
    "So much's changed since then, so much detail to go on.",
    "SO MUCH DETAIL. So ınformatıve. ſo much ſerious work. İt is SUİT YOUR needs?",
    "It would suit your needs better, the other plan might suit your standards better.",
    "Three days of silence, a 4.5-star rating and 99% uptime;"
    " that's a bank-side issue rather than ours.",
    "Not my problem.  So, there's no confusion: the clue is in the name!",
    "We'll be in touch at 15:00, or by half three, or at ten o'clock, or 17h30 CET.",
    "",
    "a",
    "so",
    "so much",
    # phrases with a long gap, tried only where their literal (" what ") is
    "Your cat chewed through the charging cable, and that's what broke it.",
    "Your router sat on the floor, so we can't be expected to cover it.",
    "your " * 40 + "and that is what caused the crash",
    "your " * 40,
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return EDGE_TEXTS + [text for _, text in VIOLATIONS] + [text for _, text in NEAR_MISSES]


@pytest.fixture(scope="module")
def indexes() -> list[PhraseIndex]:
    """The phrase indexes of the built-in policies (thousands of phrases)."""
    policies = PolicySet.load()
    found = [
        index
        for policy in policies.policies
        for index in vars(policy).values()
        if isinstance(index, PhraseIndex)
    ]
    assert len(found) >= 2, "the policies build fewer phrase indexes than before"
    return found


# --------------------------------------------------------------- required literals


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(the )?[\w'&-]{1,40} (would|might|may) suit your", {" suit your"}),
        (r"(detail|information)s? rather than", {" rather than"}),
        (r"(soon|later)", {"soon", "later"}),
        (r"(soon|)", None),  # an empty alternative needs nothing
        (r"[\w]{1,40}", None),
        (r"ab", None),  # too short to rule anything out
        (r"(?<=because )it", None),  # a look-behind may read before the scanned range
    ],
)
def test_required_literals(pattern, expected):
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == expected


def test_a_match_always_holds_one_of_its_literals(texts, indexes):
    patterns = [alt for index in indexes for alts in index.nonword.values() for alt, _ in alts]
    patterns += [r"(soon|shortly) after", r"suit your", r"so much (detail|information)"]
    checked = 0
    for pattern in patterns:
        needs = required_literals(pattern)
        if needs is None:
            continue
        compiled = re.compile(pattern, re.IGNORECASE)
        for text in texts:
            if compiled.search(text):
                checked += 1
                assert Haystack(text).has_any(needs), (pattern, text)
    assert checked >= 5


def test_fold_reads_letters_as_ignorecase_does():
    for odd, plain in (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k")):
        assert re.fullmatch(plain, odd, re.IGNORECASE)
        assert plain in fold(odd)


# -------------------------------------------------------------------- second words


@pytest.mark.parametrize(
    "pattern,guarded,expected",
    [
        ("so much (detail|information)", True, {"much"}),
        ("(so|so that) (it's|it is) easier", True, {"that", "it's", "it"}),
        ("'ll be (back|in touch)", True, {"be"}),
        ("so much", True, {"much"}),  # the word ends with the text's word
        ("so much", False, None),  # it might run on: "so muchness"
        ("so much's", True, None),  # an apostrophe word at the end may run on
        (r"so (?:[\w'&-]{1,40} )?shouldn't", True, None),  # a class where the word is
        ("so", True, None),  # one word
        ("café au lait", True, None),  # no ASCII word to file it under
    ],
)
def test_second_words(pattern, guarded, expected):
    found = second_words(pattern, guarded)
    assert (None if found is None else set(found)) == expected


def _scan_slowly(index: PhraseIndex, text: str) -> dict[str, list[tuple[int, int, str]]]:
    """`PhraseIndex.scan` without a shortcut: every phrase filed under each word
    tried at that word, and every phrase without a word in one alternation."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for low, pos in _tokens(text, 0, len(text)):
        for key, item, offset in index._candidates_for(low):
            m = item.match(text, pos + offset, len(text))
            if m is not None:
                out.setdefault(key, []).append((m.start(), m.end(), m.group()))
    for key, alts in index.nonword.items():
        have = {(s, e) for s, e, _ in out.get(key, [])}
        whole = re.compile("|".join(alt for alt, _ in alts), re.IGNORECASE)
        for m in whole.finditer(text):
            if (m.start(), m.end()) not in have:
                out.setdefault(key, []).append((m.start(), m.end(), m.group()))
    for found in out.values():
        found.sort(key=lambda hit: (hit[0], hit[1]))
    return out


def test_phrase_index_finds_what_trying_every_phrase_finds(texts, indexes):
    found = 0
    for index in indexes:
        for text in texts:
            slow = _scan_slowly(index, text)
            fast = index.scan(text)
            for key in index.keys:
                got = [(m.start(), m.end(), m.group()) for m in fast.within(key, 0, len(text))]
                assert got == slow.get(key, []), (key, text)
                found += len(got)
    assert found >= 50


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"your [^.;:!?\n]{3,120}? that's what broke", True),
        (r"your (?=[^.]{0,80}why)", True),  # a look-ahead scans too
        (r"(a|b[^.]*)c", True),  # unbounded, inside a branch
        (r"your [^.]*+ broke", True),  # possessive runs scan as far
        (r"your (?>[^.]{1,80}) broke", True),  # and so do atomic groups
        (r"your (?:[\w'&-]{1,40} )?[\w'&-]{1,40} broke", False),  # a word, not a gap
        (r"so much detail", False),
    ],
)
def test_has_long_run(pattern, expected):
    assert has_long_run(pattern) is expected


def test_costly_phrases_are_gated_by_their_literals(indexes):
    """The phrases with a long gap that start at "your" are kept out of the
    buckets and carry the literals they need (else the gate is dead code and
    "your your your ..." costs seconds again)."""
    gated = [
        member
        for index in indexes
        for plan in index._plans_for("your")
        for member in plan[3]
    ]
    assert len(gated) >= 3
    for _, _, item, needs, _ in gated:
        assert has_long_run(item.pattern)
        assert needs == required_literals(item.pattern)


# -------------------------------------------------------------------- prefiltered


def test_top_alternatives_respects_groups_classes_and_escapes():
    assert top_alternatives(r"a|b(c|d)|[|]x|\||[]|]y|[^]|]z") == [
        "a", "b(c|d)", "[|]x", r"\|", "[]|]y", "[^]|]z",
    ]
    assert top_alternatives("a(b|c") is None
    assert top_alternatives("a)|b") is None


def test_prefiltered_search_is_the_pattern_search(texts):
    pattern = re.compile(
        r"confiden|in\s+error|d[uů]v[eě]rn|avis\s|^\[|shared\s+with|errore", re.IGNORECASE
    )
    fast = Prefiltered(pattern)
    samples = texts + [
        "[ABC123-XY12]",
        "Tento e-mail je DŮVĚRNÝ.",
        "Sent IN   ERROR",
        "This is CONFİDENTIAL",
        "shared with you",
        "nothing here",
    ]
    hits = 0
    for text in samples:
        want = pattern.search(text)
        got = fast.search(text)
        assert (want and want.span()) == (got and got.span()), text
        hits += want is not None
    assert hits >= 5


# --------------------------------------------------------------------- start guard


def test_start_guard_covers_words_and_digits():
    guard = start_guard([r"\b(?:by|at)\s+\d{1,2}", r"(?<![\w:])[01]?\d:\d{2}", "noon"])
    assert guard is not None
    compiled = re.compile(guard, re.IGNORECASE)
    for start in ("by 5", "at 9", "9:30", "09:30", "Noon"):
        assert compiled.match(start), start
    assert not compiled.match("tomorrow")
    assert start_guard([r"[a-z]+ed", "noon"]) is None  # a class of letters: any word


def test_guards_change_no_match(texts):
    samples = texts + ["Back by 5pm, at 17h30, 0930 hrs or by noon tomorrow, or at 9."]
    for alternatives, guarded in (
        (timeexpr._CONCRETE_ALTERNATIVES, timeexpr._CONCRETE),
        (timeexpr._VAGUE_ALTERNATIVES, timeexpr._VAGUE),
    ):
        plain = re.compile(r"\b(?=\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
        assert guarded.pattern != plain.pattern  # the guard is there
        found = 0
        for text in samples:
            want = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in guarded.finditer(text)] == want, text
            found += len(want)
        assert found >= 10


def test_with_start_guard_keeps_case_sensitive_patterns():
    sensitive = re.compile(r"Dear|Hello")
    assert with_start_guard(sensitive) is sensitive
    insensitive = re.compile(r"\b(?:dear|hello)\s+team", re.IGNORECASE)
    guarded = with_start_guard(insensitive)
    assert guarded is not insensitive
    for text in ("DEAR TEAM", "hello  team", "Dearest team", "oh hello team"):
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in insensitive.finditer(text)
        ]


def test_word_runs_count_what_split_counts():
    """The length rules count words with one regex (`clear._WORD_RUN`) instead of
    a loop over `str.split()`: the same count, on runs of every kind."""
    import random

    from policies.clear import _WORD_RUN

    rng = random.Random(7)
    alphabet = "ab1 _-.'\t\n\u00a0\u00e9\u0663\u2014"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        want = sum(1 for w in text.split() if any(c.isalnum() for c in w))
        assert len(_WORD_RUN.findall(text)) == want, repr(text)
