"""The words a regular expression cannot match without: a cheap test before it.

Python's `re` tries a pattern that starts with a class or a word list at every
position of the text. A pattern such as `[\\w'-]{1,40}-side (issue|problem)`
costs that scan on every reply, though nearly no reply contains "-side ". If
every match of a pattern must contain one of a few literal strings, a substring
test on the lower-cased text rules it out first. The test never changes what
the pattern finds: a pattern is skipped only where it cannot match.

`required_literals` reads the pattern's parse tree (the standard library's
`re._parser`, the parser `re.compile` itself uses); `fold` makes a text
comparable with the literals under `re.IGNORECASE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

try:  # the parser `re.compile` uses; private, so any surprise disables the test
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python < 3.11 is not supported anyway
    _parser = None  # type: ignore[assignment]

#: Characters that `re.IGNORECASE` matches to an ASCII letter although
#: `str.lower()` does not turn them into it (found by testing every code point).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})

#: A literal shorter than this rules out too little to be worth a test.
_MIN_USEFUL = 3


class Haystack:
    """A text, folded once, to test sets of required literals against."""

    __slots__ = ("folded",)

    def __init__(self, text: str) -> None:
        self.folded = fold(text)

    def has_any(self, needs: frozenset[str]) -> bool:
        """Is one of `needs` (from `required_literals`) in the text?"""
        return any(word in self.folded for word in needs)


class Prefiltered:
    """A compiled pattern with a substring test in front of it.

    The pattern's top-level alternatives that need a literal ("confiden",
    "disclaimer") are searched only when one of those literals is in the text;
    the others always. `search` returns what `pattern.search` returns."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        needs: set[str] = set()
        rest: list[str] = []
        alternatives = top_alternatives(pattern.pattern)
        if (
            alternatives is None
            or pattern.flags & re.VERBOSE  # a "|" may sit in a comment
            or _BACKREFERENCE.search(pattern.pattern)  # "\1" counts groups across "|"
            or GLOBAL_FLAGS.match(pattern.pattern)  # "(?i)" must stay first
        ):
            alternatives = [pattern.pattern]
        for alternative in alternatives:
            found = required_literals(alternative)
            if found is None:
                rest.append(alternative)
            else:
                needs |= found
        # "errore" adds nothing beside "error"
        self._needs = tuple(sorted(w for w in needs if not any(v != w and v in w for v in needs)))
        self._rest = re.compile("|".join(rest), pattern.flags) if rest and needs else None
        self._all = not needs

    def search(self, text: str) -> re.Match[str] | None:
        if self._all:
            return self.pattern.search(text)
        folded = fold(text)
        if any(word in folded for word in self._needs):
            return self.pattern.search(text)
        return self._rest.search(text) if self._rest is not None else None


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
#: Inline flags for the whole pattern, which must stay at its start ("(?i)").
GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def top_alternatives(source: str) -> list[str] | None:
    """`source` split at its top-level `|`; None if it cannot be read."""
    out: list[str] = []
    depth = 0
    in_class = False
    class_start = 0  # where a "]" may close the class ("[]...]" and "[^]...]" hold one)
    start = 0
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            class_start = i + 1 + (source[i + 1 : i + 2] == "^")
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        return None
    out.append(source[start:])
    return out


def fold(text: str) -> str:
    """`text` lower-cased so that any ASCII literal that a case-insensitive
    pattern matches in it is a substring of the result."""
    return text.translate(_FOLD).lower()


@lru_cache(maxsize=8192)
def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings, one of which is in every match of `pattern`
    (compiled with `re.IGNORECASE`), or None when no useful set is known."""
    tree = parse(pattern)
    if tree is None:
        return None
    found = _required(tree)
    if not found or _quality(found)[0] < _MIN_USEFUL:
        return None
    return frozenset(found)


#: A repeat that can run this long makes a pattern costly at every start it
#: is tried at: it scans that far before it can fail.
LONG_RUN = 60


@lru_cache(maxsize=8192)
def has_long_run(pattern: str) -> bool:
    """Does `pattern` hold a repeat that can match `LONG_RUN` or more times
    ("[^.;:!?\\n]{3,120}?")? Such a gap, tried at each of many starts of a
    text that never ends a sentence ("your your your ..."), costs a scan of
    its whole length per start."""
    tree = parse(pattern)
    return tree is not None and _long_run(tree)


def _long_run(items: list) -> bool:
    for op, av in items:
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if av[1] >= LONG_RUN:
                return True
            inner = [list(av[2])]
        elif op is _c.SUBPATTERN:
            inner = [list(av[3])]
        elif op is _c.ATOMIC_GROUP:
            inner = [list(av)]
        elif op is _c.BRANCH:
            inner = [list(branch) for branch in av[1]]
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            inner = [list(av[1])]
        else:
            continue
        if any(_long_run(sub) for sub in inner):
            return True
    return False


def _quality(found: frozenset[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer literals."""
    return (min(len(s) for s in found), -len(found))


def _required(items: list) -> frozenset[str] | None:
    """The best requirement among the mandatory parts of one sequence."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or _quality(found) > _quality(best)):
            best = found

    def close_run() -> None:
        if run:
            consider(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            char = chr(av)
            if char.isascii():
                run.append(char.lower())
                continue
            close_run()
            continue
        close_run()
        if op is _c.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is _c.BRANCH:
            consider(_union(av[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
        elif op is _c.ATOMIC_GROUP:
            consider(_required(list(av)))
        # classes, anchors, look-arounds, back-references: nothing required
        # (a look-behind may read text before the scanned range)
    close_run()
    return best


def _union(alternatives: list) -> frozenset[str] | None:
    """One of the alternatives matches, so one of their requirements holds."""
    out: set[str] = set()
    for alternative in alternatives:
        found = _required(list(alternative))
        if not found:
            return None
        out |= found
    return frozenset(out)


#: How many partial readings of a phrase `second_words` follows before it gives up.
_MAX_STATES = 256


@lru_cache(maxsize=8192)
def second_words(pattern: str, guarded: bool) -> frozenset[str] | None:
    """The lower-case words that can follow a phrase's first word, or None.

    For a phrase matched where a word starts (see `PhraseIndex`), every match
    is that word, separators, then one of these as the next word of the text
    (or, where the phrase ends on it, as that word's part before an
    apostrophe: "much" of "much's"); so a phrase whose second word is not the
    text's next word need not be tried. `guarded`: the phrase is compiled with
    `(?!\\w)` after it, so a phrase that ends on its second word ends with
    the text's word. None when nothing is certain: the phrase is one word, or
    a class or a repeat stands where its first two words are."""
    tree = parse(pattern)
    if tree is None:
        return None
    try:
        states = walk_starts(
            tree, {("", "", "first")}, lambda s: s[2] != "done", _second_leaf, _MAX_STATES
        )
    except RecursionError:
        return None
    if states is None:
        return None
    out: set[str] = set()
    for _, second, phase in states:
        ended = phase == "done" or (phase == "second" and guarded and "'" not in second)
        if not ended or not _WORD.fullmatch(second):
            return None
        out.add(second)
    return frozenset(out)


#: One word as `language._TOKEN` reads it, in lower-case ASCII.
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")

#: (first word, second word, phase): "first" and "second" while reading that
#: word, "gap" between them, "done" once the second word has ended.
_State = tuple[str, str, str]


def _step(state: _State, char: str) -> _State | None:
    """`state` after one literal character; None: not a plain two-word start."""
    first, second, phase = state
    if phase == "done":
        return state
    if not char.isascii() and char.isalnum():
        return None  # a letter of another script: no ASCII word to file it under
    is_word = char.isascii() and (char.isalnum() or char == "'")
    if phase == "first":
        if is_word:
            return (first + char.lower(), second, phase)
        return (first, second, "gap") if first else None
    if phase == "gap":
        return (first, char.lower(), "second") if is_word else state
    if is_word:  # phase == "second"
        return (first, second + char.lower(), phase)
    return (first, second, "done")


def _second_leaf(op: object, av: object, active: set[_State]) -> set[_State] | None:
    """`walk_starts` leaf for `second_words`: literal characters (or a class of
    up to four), one step each; anything else stands where a word should be."""
    if op is _c.LITERAL:
        chars = [chr(av)]  # type: ignore[arg-type]
    elif op is _c.IN and all(kind is _c.LITERAL for kind, _ in av) and len(av) <= 4:  # type: ignore[union-attr, arg-type]
        chars = [chr(value) for _, value in av]  # type: ignore[union-attr]
    else:
        return None
    stepped = {_step(state, char) for state in active for char in chars}
    return None if None in stepped else stepped  # type: ignore[return-value]


def walk_starts(
    items: list,
    states: set,
    active: Callable[[tuple], bool],
    leaf: Callable[[object, object, set], set | None],
    limit: int,
) -> set | None:
    """Follow every reading of a parsed pattern (`re._parser`) from its start,
    as a set of states, until none is `active` any more.

    Look-arounds and anchors consume nothing and are passed over; groups,
    alternatives and optional parts ("x?") branch the readings; `leaf` steps
    the active states over any other element, or gives up (None). None too
    when the readings grow past `limit`. Shared by `second_words` and
    `language._first_words`, which differ only in their states and leaves."""
    for op, av in items:
        live = {s for s in states if active(s)}
        if not live:
            return states
        done = states - live
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.SUBPATTERN:
            sub = walk_starts(list(av[-1]), live, active, leaf, limit)
        elif op is _c.BRANCH:
            sub = set()
            for branch in av[1]:
                found = walk_starts(list(branch), live, active, leaf, limit)
                if found is None:
                    return None
                sub |= found
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            found = walk_starts(list(av[2]), live, active, leaf, limit)
            sub = None if found is None else live | found
        else:
            sub = leaf(op, av, live)
        if sub is None:
            return None
        states = done | sub
        if len(states) > limit:
            return None
    return states


def parse(pattern: str) -> list | None:
    """`pattern`'s parse tree (case-insensitive), or None if it cannot be read."""
    if _parser is None:
        return None
    try:
        return list(_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - unreadable here: callers then skip no work
        return None
