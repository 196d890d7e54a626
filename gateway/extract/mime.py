"""MIME walk: from raw bytes to the one body part a person wrote, decoded to str.

Parsing uses compat32 (`BytesParser(policy=compat32)`): it is linear on huge
headers and tolerant of broken structure, where `policy.default` is neither.
Every step is wrapped: a problem becomes a defect string and extraction goes on
with what it has.  The caps in `ExtractLimits` are applied *before* parsing
(header bytes, multipart count, which also bounds nesting) and during the walk
(parts visited, depth, decoded size).
"""

from __future__ import annotations

import binascii
import codecs
import email.header
import email.utils
import re
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser

from gateway.extract.limits import ExtractLimits

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_PART_HEADER = re.compile(rb"(?im)^content-type:")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CRLF = re.compile(r"[\r\n]+[ \t]*")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CHARSET_NAME = re.compile(r"^[A-Za-z0-9_.:-]{1,40}$")


@dataclass
class Body:
    """The chosen body part, decoded; `kind` is "text/plain", "text/html" or ""."""

    kind: str = ""
    text: str = ""
    #: format=flowed (RFC 3676) plain text, and its DelSp parameter.
    flowed: bool = False
    delsp: bool = False
    #: The HTML alternative, when the plain part was chosen from multipart/alternative
    #: (help-desk layouts mark agents only there).
    html_alternative: str = ""


@dataclass
class ParsedMessage:
    headers: Message | None
    body: Body
    defects: list[str] = field(default_factory=list)


def _add(defects: list[str], defect: str) -> None:
    if defect not in defects:
        defects.append(defect)


# ----------------------------------------------------------------------------- headers


def header_str(msg: Message | None, name: str, limits: ExtractLimits, defects: list[str]) -> str:
    """A header's value, RFC 2047-decoded, unfolded, control characters removed.

    Never raises: an undecodable value is returned as well as it can be and a
    defect is recorded.
    """
    if msg is None:
        return ""
    try:
        raw = msg.get(name)
    except Exception:  # noqa: BLE001 - a header access must never escape
        _add(defects, f"header:unreadable:{name.lower()}")
        return ""
    if raw is None:
        return ""
    try:
        if isinstance(raw, email.header.Header):
            # compat32 wraps raw 8-bit header bytes in a Header("unknown-8bit")
            pieces = email.header.decode_header(raw)
        else:
            raw = _fix_8bit(str(raw)[: limits.max_header_value_chars])
            pieces = email.header.decode_header(_CRLF.sub(" ", raw))
        chunks = []
        for value, charset in pieces:
            if isinstance(value, bytes):
                if not charset or charset.lower() in ("unknown-8bit", "x-unknown"):
                    charset = "utf-8"
                chunks.append(_decode_bytes(value, charset, defects, f"header:{name.lower()}"))
            else:
                chunks.append(value)
        text = "".join(chunks)[: limits.max_header_value_chars]
    except Exception:  # noqa: BLE001
        _add(defects, f"header:undecodable:{name.lower()}")
        text = raw if isinstance(raw, str) else ""
    return " ".join(_CONTROL.sub(" ", text).split())


def _fix_8bit(value: str) -> str:
    """compat32 keeps raw 8-bit header bytes as surrogate escapes: read them as UTF-8."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        return value.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    return value


def address(
    msg: Message | None, name: str, limits: ExtractLimits, defects: list[str]
) -> tuple[str, str]:
    value = header_str(msg, name, limits, defects)
    if not value:
        return "", ""
    try:
        display, addr = email.utils.parseaddr(value)
    except Exception:  # noqa: BLE001
        _add(defects, f"header:unparsable:{name.lower()}")
        return "", ""
    return display.strip(), addr.strip()


def addresses(
    msg: Message | None, names: tuple[str, ...], limits: ExtractLimits, defects: list[str]
) -> list[tuple[str, str]]:
    values = [header_str(msg, n, limits, defects) for n in names]
    values = [v for v in values if v]
    if not values:
        return []
    try:
        return [(d.strip(), a.strip()) for d, a in email.utils.getaddresses(values)]
    except Exception:  # noqa: BLE001
        _add(defects, "header:unparsable:recipients")
        return []


# ----------------------------------------------------------------------------- charsets


def _decode_bytes(data: bytes, charset: str, defects: list[str], where: str) -> str:
    """Decode with the declared charset; fall back to UTF-8, then cp1252, then
    replacement characters.  Each fallback is a recorded defect."""
    charset = (charset or "").strip().strip("\"'").lower()
    declared_ok = False
    if charset and _CHARSET_NAME.match(charset):
        try:
            codecs.lookup(charset)
            declared_ok = True
        except LookupError:
            _add(defects, f"charset:unknown:{charset}")
    elif charset:
        _add(defects, f"charset:unknown:{charset[:40]}")
    if declared_ok:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            _add(defects, f"charset:invalid:{charset}:{where}")
        except Exception:  # noqa: BLE001 - exotic codecs can raise anything
            _add(defects, f"charset:invalid:{charset}:{where}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few stray bytes reads better as UTF-8 with replacement
    # characters than as cp1252 mojibake ("cafÃ©").
    valid = len(_UTF8_SEQ.findall(data))
    if valid:
        invalid = data.decode("utf-8", "replace").count("\ufffd")
        if invalid <= valid:
            return data.decode("utf-8", "replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _part_charset(part: Message, payload: bytes, is_html: bool) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        charset = None
    if not charset and is_html:
        m = _META_CHARSET.search(payload[:4096])
        if m:
            charset = m.group(1).decode("ascii", "replace")
    return charset or "us-ascii"


# ----------------------------------------------------------------------------- parse


def _split_header(raw: bytes) -> int:
    """Index where the header section ends (the blank line), or len(raw)."""
    if raw.startswith((b"\r\n", b"\n")):
        return 0
    m = _HEADER_END.search(raw)
    return m.start() if m else len(raw)


def parse(raw: bytes, limits: ExtractLimits) -> ParsedMessage:
    defects: list[str] = []
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise TypeError("extract_reply expects the message as bytes")
    raw = bytes(raw)
    if len(raw) > limits.max_message_bytes:
        _add(defects, "limit:message-bytes")
        raw = raw[: limits.max_message_bytes]

    head_end = _split_header(raw)
    if head_end > limits.max_header_bytes:
        _add(defects, "limit:header-bytes")
        cut = raw.rfind(b"\n", 0, limits.max_header_bytes)
        cut = cut if cut > 0 else limits.max_header_bytes
        raw = raw[:cut] + b"\n" + raw[head_end:]

    # Each part costs parse time, and each multipart container a level of the
    # parser's recursion: cap the number of parts (Content-Type headers) before
    # parsing, cutting the message where the cap is reached.
    for count, m in enumerate(_PART_HEADER.finditer(raw, min(head_end, len(raw))), 1):
        if count > limits.max_parts:
            _add(defects, "limit:parts")
            raw = raw[: m.start()]
            break

    msg: Message | None
    try:
        msg = BytesParser(policy=policy.compat32).parsebytes(raw)
    except (Exception, RecursionError) as exc:  # noqa: BLE001
        _add(defects, f"parse:error:{type(exc).__name__}")
        msg = None
    if msg is None:
        try:
            msg = BytesHeaderParser(policy=policy.compat32).parsebytes(raw)
        except (Exception, RecursionError):  # noqa: BLE001
            msg = None
        body_bytes = raw[head_end:].lstrip(b"\r\n")[: limits.max_decoded_bytes]
        text = _decode_bytes(body_bytes, "utf-8", defects, "body")
        return ParsedMessage(msg, Body("text/plain", text), defects)

    for d in getattr(msg, "defects", []) or []:
        _add(defects, f"mime:{type(d).__name__}")
    walker = _Walker(limits, defects)
    body = walker.choose(msg, 0) or Body()
    return ParsedMessage(msg, body, defects)


# ----------------------------------------------------------------------------- walk


def _lenient_base64(part: Message, fallback: bytes) -> bytes:
    """Decode broken base64 as far as it goes (the stdlib returns it undecoded)."""
    try:
        encoded = part.get_payload(decode=False)
        if not isinstance(encoded, str):
            return fallback
        data = re.sub(r"[^A-Za-z0-9+/]", "", encoded)
        data = (
            data[: len(data) - len(data) % 4]
            if len(data) % 4 == 1
            else data + "=" * (-len(data) % 4)
        )
        return binascii.a2b_base64(data)
    except (binascii.Error, ValueError):
        return fallback


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        return disposition == "attachment" or (
            bool(part.get_filename()) and disposition != "inline"
        )
    except Exception:  # noqa: BLE001
        return True


def _ctype(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:  # noqa: BLE001
        return "text/plain"


class _Walker:
    """Picks the body the author wrote: text/plain preferred over HTML in an
    alternative; the first body-bearing part of a mixed/related/report/signed
    container; attachments and attached messages are never the body."""

    def __init__(self, limits: ExtractLimits, defects: list[str]) -> None:
        self.limits = limits
        self.defects = defects
        self.visited = 0

    def _children(self, part: Message) -> list[Message]:
        try:
            payload = part.get_payload()
        except Exception:  # noqa: BLE001
            return []
        if not isinstance(payload, list):
            return []
        return [p for p in payload if isinstance(p, Message)]

    def _visit(self) -> bool:
        self.visited += 1
        if self.visited > self.limits.max_parts:
            _add(self.defects, "limit:parts")
            return False
        return True

    def choose(self, part: Message, depth: int) -> Body | None:
        if not self._visit():
            return None
        if depth > self.limits.max_depth:
            _add(self.defects, "limit:depth")
            return None
        ctype = _ctype(part)
        maintype, _, subtype = ctype.partition("/")
        if maintype == "multipart":
            children = self._children(part)
            if subtype == "alternative":
                return self._alternative(children, depth)
            if subtype == "encrypted":
                _add(self.defects, "mime:encrypted")
                return None
            for child in children:
                if _is_attachment(child):
                    continue
                body = self.choose(child, depth + 1)
                if body is not None and body.text.strip():
                    return body
            return None
        if maintype == "message":
            return None  # an attached or returned message is not the author's words
        if ctype in ("text/plain", "text/html") and not _is_attachment(part):
            return self._decode(part, ctype)
        if maintype == "text" and depth == 0 and ctype not in ("text/calendar",):
            return self._decode(part, "text/plain")  # text/enriched, text/x-unknown ...
        return None

    def _alternative(self, children: list[Message], depth: int) -> Body | None:
        found: dict[str, Body] = {}
        for child in children:
            if _is_attachment(child):
                continue
            body = self.choose(child, depth + 1)
            if body is not None and body.kind and body.text.strip() and body.kind not in found:
                found[body.kind] = body
        plain, html = found.get("text/plain"), found.get("text/html")
        if plain is not None:
            if html is not None:
                plain.html_alternative = html.text
            return plain
        return html

    def _decode(self, part: Message, kind: str) -> Body:
        try:
            payload = part.get_payload(decode=True)
        except Exception as exc:  # noqa: BLE001
            _add(self.defects, f"decode:error:{type(exc).__name__}")
            try:
                payload = str(part.get_payload()).encode("utf-8", "surrogateescape")
            except Exception:  # noqa: BLE001
                payload = b""
        if payload is None:
            payload = b""
        for d in getattr(part, "defects", []) or []:
            _add(self.defects, f"mime:{type(d).__name__}")
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "surrogateescape")
        if any(
            type(d).__name__.startswith("InvalidBase64") for d in getattr(part, "defects", []) or []
        ):
            payload = _lenient_base64(part, payload)
        if len(payload) > self.limits.max_decoded_bytes:
            _add(self.defects, "limit:decoded-size")
            payload = payload[: self.limits.max_decoded_bytes]
        charset = _part_charset(part, payload, kind == "text/html")
        text = _decode_bytes(payload, charset, self.defects, kind)
        flowed = delsp = False
        if kind == "text/plain":
            try:
                flowed = (part.get_param("format") or "").lower() == "flowed"
                delsp = (part.get_param("delsp") or "").lower() == "yes"
            except Exception:  # noqa: BLE001
                pass
        return Body(kind, text, flowed, delsp)
