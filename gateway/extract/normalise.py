"""Turn the author's lines into the final text the policies see.

Offsets of findings point into this text, so everything that changes the text
happens here, once: format=flowed soft breaks are joined (RFC 3676), hard-wrapped
lines (72-76 columns) are joined into their sentences, paragraph breaks are kept,
list items, greetings and short lines stay on their own line, odd whitespace
(NBSP, zero-width characters, tabs) becomes plain spaces.
"""

from __future__ import annotations

import re

_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦–—+]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s+\S")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: A plain-text table (a help article's steps pasted into a reply): columns set apart
#: by runs of spaces or tabs, often with a dashed rule under the header row.  Each row
#: is a unit of its own: joined as wrapped prose, a table reads as one endless sentence.
_COLUMN_GAP = re.compile(r"[^\s.!?:;,](?: {3,}|\t+ *)(?=\S)")
_RULE_ROW = re.compile(r"^\s*[-=]{3,}(?:\s+[-=]{3,})+\s*$")

#: A line is taken as hard-wrapped when the next line's first word would not
#: have fitted after it within this many columns.
WRAP_COLUMNS = 60
#: Lines shorter than this are never joined to the next one (greetings, names).
MIN_WRAPPED = 40


def unflow(lines: list[str], delsp: bool) -> list[str]:
    """Join RFC 3676 format=flowed soft line breaks (a line ending in a space)."""
    out: list[str] = []
    buf = ""
    for line in lines:
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line.rstrip() not in ("--",):
            buf += line[:-1] if delsp else line
            continue
        out.append(buf + line)
        buf = ""
    if buf:
        out.append(buf)
    return out


def clean_line(line: str) -> str:
    line = _ZERO_WIDTH.sub("", line)
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", line).strip()


def _joinable(line: str, nxt: str) -> bool:
    if len(line) < MIN_WRAPPED or not nxt:
        return False
    if _LIST_ITEM.match(nxt):
        return False
    if line.endswith(":") and len(line) < 60:
        return False
    first = nxt.split(" ", 1)[0]
    return len(line) + 1 + len(first) > WRAP_COLUMNS


def normalise(lines: list[str]) -> str:
    """Paragraphs separated by one blank line; wrapped lines joined."""
    rows = _table_rows(lines)
    # clean the whole text at once (regexes run in C once, not once per line)
    text = "\n".join(lines)
    text = _SPACES.sub(" ", _CONTROL.sub("", _ZERO_WIDTH.sub("", text)))
    paras: list[list[tuple[str, bool]]] = []
    cur: list[tuple[str, bool]] = []
    for number, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if line and number in rows:
            # a table row stands alone, as a paragraph of its own
            if cur:
                paras.append(cur)
            paras.append([(line, False)])
            cur = []
        elif line:
            cur.append((line, raw[:1] in (" ", "\t")))
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    out_paras: list[str] = []
    for par in paras:
        joined: list[str] = [par[0][0]]
        prev = par[0][0]
        in_item = bool(_LIST_ITEM.match(prev))
        for line, indented in par[1:]:
            item = bool(_LIST_ITEM.match(line))
            # an indented line under a list item continues that item
            if _joinable(prev, line) or (in_item and indented and not item):
                joined[-1] = joined[-1] + " " + line
            else:
                joined.append(line)
                in_item = item
            prev = line
        out_paras.append("\n".join(joined))
    return "\n\n".join(out_paras)


def _table_rows(lines: list[str]) -> set[int]:
    """Line numbers of a plain-text table's rows: a dashed rule with columns, and the
    lines with column gaps next to it or to each other (one gap alone may be prose)."""
    gaps = [bool(_COLUMN_GAP.search(line.strip())) for line in lines]
    rows: set[int] = set()
    for i, line in enumerate(lines):
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if _RULE_ROW.match(line) or (
            gaps[i] and any(gaps[j] or _RULE_ROW.match(lines[j]) for j in near)
        ):
            rows.add(i)
    return rows
