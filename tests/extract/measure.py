"""Shared scoring for the extraction measurement scripts (not a test module).

A file's extraction is scored against the generator's case data (corpus_truth):

* recall: the share of the author's lines found in the extracted text
  (whitespace-normalised).  The closing sign-off (a valediction such as "Best
  regards," and a bare first name) is optional: dropping it is fine.
* leaks: lines of the quoted history or of the signature/disclaimer (not also
  in the author's words) that still appear in the extracted text.
* a file is "right" when recall is 1.0 and nothing leaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus_truth import Truth

_WS = re.compile(r"\s+")
_VALEDICTION = re.compile(
    r"^(best|kind|warm|many)?\s*(regards|wishes|thanks|cheers|thank you|best|all the best|"
    r"sincerely|speak soon|talk soon|take care)[,.!]?$",
    re.IGNORECASE,
)


def norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _author_lines(author: str) -> tuple[list[str], list[str]]:
    lines = [norm(ln) for ln in author.split("\n") if norm(ln)]
    optional: list[str] = []
    # a valediction followed only by short lines (name, team): all optional
    for v in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
        if _VALEDICTION.match(lines[v]):
            if all(len(x.split()) <= 6 and not re.search(r"[.?!]$", x) for x in lines[v + 1 :]):
                optional = lines[v:]
                lines = lines[:v]
            break
    # trailing sign-off: short lines without sentence punctuation, valedictions
    while lines:
        last = lines[-1]
        if _VALEDICTION.match(last) or (len(last.split()) <= 3 and not re.search(r"[.?!:]$", last)):
            optional.append(lines.pop())
        else:
            break
    return lines, optional


@dataclass
class Score:
    recall: float
    missing: list[str]
    leaks: list[str]
    #: the subset of `leaks` that comes from the quoted history (not the signature)
    quote_leaks: list[str]

    @property
    def right(self) -> bool:
        return self.recall == 1.0 and not self.leaks


def score(text: str, truth: Truth) -> Score:
    hay = norm(text)
    required, _optional = _author_lines(truth.author)
    # an author's line may have been unwrapped/joined: check by containment
    missing = [ln for ln in required if ln not in hay]
    recall = 1.0 if not required else 1 - len(missing) / len(required)
    author_n = norm(truth.author)
    leaks = []
    for block in truth.quoted:
        for ln in block.split("\n"):
            ln = norm(ln.lstrip(">").strip())
            if len(ln.split()) >= 4 and ln not in author_n and ln in hay:
                leaks.append(ln)
    quote_leaks = list(leaks)
    for ln in truth.signature:
        ln = norm(ln)
        if ln and ln not in author_n and re.search(r"(?<!\w)" + re.escape(ln) + r"(?!\w)", hay):
            leaks.append(ln)
    return Score(recall, missing, leaks, quote_leaks)
