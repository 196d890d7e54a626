"""Remove the review tag from a message's Subject with the smallest possible edit.

The tag ("[review]" by default) is the author's request to be checked; the
customer must not see it.  Everything except the Subject field stays byte for
byte as it arrived (re-serialising a message breaks DKIM and can alter MIME), and
inside the Subject only the tag and one neighbouring space go.  An RFC 2047
encoded Subject is decoded, edited and encoded again (that field only).  Pure.
"""

from __future__ import annotations

import re
from email.header import Header, decode_header, make_header

from gateway.headers import header_end

_NAME = re.compile(rb"subject[ \t]*:", re.I)


def _field_span(raw: bytes, limit: int) -> tuple[int, int, int] | None:
    """(field start, value start, field end incl. line break) of the first Subject."""
    end, _body, _truncated = header_end(raw, limit)
    pos = 0
    while pos < end:
        nl = raw.find(b"\n", pos, end + 2)
        line_end = end if nl < 0 else nl + 1
        if _NAME.match(raw, pos) and raw[pos:pos + 1] not in (b" ", b"\t"):
            value_start = _NAME.match(raw, pos).end()
            field_end = line_end
            while field_end < end and raw[field_end:field_end + 1] in (b" ", b"\t"):
                nl = raw.find(b"\n", field_end, end + 2)
                field_end = end if nl < 0 else nl + 1
            return pos, value_start, min(field_end, len(raw))
        if nl < 0:
            break
        pos = line_end
    return None


def _remove_plain(value: bytes, tag: bytes) -> bytes | None:
    index = value.lower().find(tag.lower())
    if index < 0:
        return None
    before, after = value[:index], value[index + len(tag):]
    if after.startswith(b" "):
        after = after[1:]
    elif before.endswith(b" ") and (after[:1] in (b"", b"\r", b"\n")):
        before = before[:-1]
    return before + after


def _remove_text(text: str, tag: str) -> str | None:
    index = text.lower().find(tag.lower())
    if index < 0:
        return None
    before, after = text[:index], text[index + len(tag):]
    if after.startswith(" "):
        after = after[1:]
    elif before.endswith(" ") and not after:
        before = before[:-1]
    return before + after


def strip_review_tag(raw: bytes, tag: str, header_limit: int = 1024 * 1024) -> bytes:
    """`raw` with `tag` removed from its Subject; `raw` itself when there is none."""
    if not tag:
        return raw
    span = _field_span(raw, header_limit)
    if span is None:
        return raw
    start, value_start, field_end = span
    field = raw[value_start:field_end]
    tag_bytes = tag.encode("utf-8")
    edited = _remove_plain(field, tag_bytes)
    if edited is not None:
        return raw[:value_start] + edited + raw[field_end:]
    if b"=?" not in field:
        return raw
    # Encoded-word Subject: decode, edit, encode this one field again.
    newline = b"\r\n" if field.endswith(b"\r\n") else b"\n"
    unfolded = re.sub(rb"\r?\n[ \t]", b" ", field).strip()
    try:
        text = str(make_header(decode_header(unfolded.decode("ascii", "replace"))))
    except Exception:  # noqa: BLE001 - undecodable: leave the message alone
        return raw
    edited_text = _remove_text(text, tag)
    if edited_text is None:
        return raw
    name = raw[start:value_start]
    try:
        edited_text.encode("ascii")
        encoded = edited_text
    except UnicodeEncodeError:
        encoded = Header(edited_text, "utf-8", header_name="Subject").encode(
            linesep=newline.decode("ascii")
        )
    return raw[:start] + name + b" " + encoded.encode("ascii") + newline + raw[field_end:]
