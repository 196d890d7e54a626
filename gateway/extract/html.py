"""HTML body to plain text, keeping what mail clients mark as quote or signature.

selectolax (lexbor) parses; a small iterative walk renders block structure as
lines.  Instead of deleting quoted history here, it is rendered the way a
plain-text client would show it: quoted lines get a "> " prefix, and a "-- "
delimiter goes before a marked signature.  The plain-text layer
(`gateway.extract.quotes`) then handles both kinds of body the same way, and can
still read the customer's time from the quote header.

Quote markers understood: any <blockquote> (Gmail `gmail_quote`, Apple
`type=cite`, Thunderbird, Freshdesk `freshdesk_quote`), Yahoo `yahoo_quoted`, and
the Outlook reply header (`divRplyFwdMsg`, `appendonsend`, new Outlook's
`mail-editor-reference-message-container`, the border-top divider
div that starts with From:/Von:/De:), after which everything is history.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_BLOCK = frozenset(
    "address article aside blockquote center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td th ul "
    "caption details summary".split()
)
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 ul ol table pre".split())
_SKIP = frozenset(
    "head style script title template noscript svg object iframe button select option "
    "-comment meta link".split()
)
_SIGNATURE_CLASSES = (
    "gmail_signature",
    "moz-signature",
    "signature",
    "fr-signature",
    "hs-signature",
    "x_gmail_signature",
    "yahoo-signature",
)
_SIGNATURE_IDS = (
    "signature",
    "appledisplaysignature",
    "ms-outlook-mobile-signature",
    "x_signature",
)
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|(?:^|;)\s*font-size\s*:\s*0(?:px)?\s*(?:;|$)"
    r"|max-height\s*:\s*0(?:px)?\s*[;!]",
    re.I,
)
_HEADER_LABEL = re.compile(r"^\s*(?:from|von|de|van|da|från|fra|od)\s*:", re.I)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

#: Nodes nested deeper than this are rendered as flat text (hostile input).
MAX_DEPTH = 200
#: lexbor's tree building is quadratic in the nesting of block elements (20 000
#: nested <div> take ~0.8 s): deeper HTML is not parsed but flattened.
MAX_BLOCK_NESTING = 400
_NESTING_TAGS = (
    "div|blockquote|section|article|aside|header|footer|nav|main|address|center|details|"
    "dialog|dir|dl|fieldset|figure|figcaption|form|menu|ol|ul|summary|hgroup|h[1-6]|pre|listing"
)
_NESTING = re.compile(rf"<(/?)(?:{_NESTING_TAGS})(?=[\s/>])", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|tr|h[1-6]|blockquote|table|ul|ol|hr|pre|section|article)\b[^>]{0,2000}>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")


def _classes(attrs: dict) -> list[str]:
    return (attrs.get("class") or "").lower().split()


def _is_hidden(attrs: dict) -> bool:
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN.search(style))


def _is_signature(attrs: dict) -> bool:
    classes = _classes(attrs)
    if any(c in _SIGNATURE_CLASSES for c in classes):
        return True
    ident = (attrs.get("id") or "").lower()
    return ident in _SIGNATURE_IDS or ident.startswith("applemailsignature")


def _starts_history(node, attrs: dict) -> bool:
    """Outlook's reply header: everything from here on is the quoted message."""
    ident = (attrs.get("id") or "").lower()
    if (
        ident.endswith("divrplyfwdmsg")
        or ident in ("appendonsend", "mail-editor-reference-message-container")
        or "outlookmessageheader" in _classes(attrs)
    ):
        return True
    style = (attrs.get("style") or "").lower().replace(" ", "")
    if node.tag == "div" and "border-top:solid" in style:
        try:
            text = node.text(deep=True)[:80]
        except Exception:  # noqa: BLE001
            return False
        return bool(_HEADER_LABEL.match(text))
    return False


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.quote = 0
        self.history = False  # after an Outlook reply header: all quoted

    def _prefix(self) -> str:
        depth = self.quote + (1 if self.history else 0)
        return ">" * depth + " " if depth else ""

    def text(self, s: str) -> None:
        s = _ZERO_WIDTH.sub("", s)
        s = _WS.sub(" ", s)
        if not s:
            return
        if not self.cur and s.startswith(" "):
            s = s[1:]
        if self.cur and self.cur[-1].endswith(" ") and s.startswith(" "):
            s = s[1:]
        if s:
            self.cur.append(s)

    def pre_text(self, s: str) -> None:
        parts = s.replace("\r\n", "\n").split("\n")
        for i, piece in enumerate(parts):
            if i:
                self.newline(force=True)
            if piece:
                self.cur.append(piece)

    def newline(self, force: bool = False) -> None:
        line = "".join(self.cur).strip()
        self.cur = []
        if line or force:
            self.lines.append((self._prefix() + line).rstrip() if line else self._prefix().rstrip())

    def blank(self) -> None:
        self.newline()
        blank = self._prefix().rstrip()
        if self.lines and self.lines[-1] != blank:
            self.lines.append(blank)


def _block_nesting(html: str) -> int:
    """Deepest nesting of block elements (a cheap scan, only run when needed)."""
    depth = deepest = 0
    for m in _NESTING.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _flatten(html: str) -> str:
    """Tag-stripping fallback for HTML too deep to parse safely."""
    import html as html_lib

    text = _BLOCK_TAG.sub("\n", html)
    text = _ANY_TAG.sub(" ", text)
    lines = (_WS.sub(" ", html_lib.unescape(line)).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(html: str, defects: list[str] | None = None) -> str:
    """Render HTML as plain text lines; quotes get "> ", signatures a "-- " line."""
    if html.count("<") > MAX_BLOCK_NESTING and _block_nesting(html) > MAX_BLOCK_NESTING:
        if defects is not None and "limit:html-depth" not in defects:
            defects.append("limit:html-depth")
        return _flatten(html)
    try:
        tree = LexborHTMLParser(html)
    except Exception:  # noqa: BLE001 - the parser is robust, but never trust it
        return _flatten(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    r = _Renderer()
    # iterative walk: (node, entering?, state-to-restore, depth)
    stack: list[tuple[object, bool, tuple, int]] = [(root, True, (), 0)]
    pre = 0
    while stack:
        node, entering, restore, depth = stack.pop()
        if not entering:
            tag, was_quote, opened_pre = restore
            if opened_pre:
                pre -= 1
            if tag in _PARAGRAPH:
                r.blank()
            elif tag in _BLOCK:
                r.newline()
            r.quote = was_quote
            continue
        tag = node.tag
        if tag == "-text":
            content = node.text_content or ""
            if pre:
                r.pre_text(content)
            else:
                r.text(content)
            continue
        if tag in _SKIP or tag is None:
            continue
        attrs = node.attributes or {}
        if _is_hidden(attrs):
            continue
        if tag == "br":
            r.newline(force=True)
            continue
        if tag == "img":
            alt = (attrs.get("alt") or "").strip()
            if alt and len(alt) < 80:
                r.text(f" {alt} ")
            continue
        if _starts_history(node, attrs) and not r.history:
            r.newline()
            r.history = True
        was_quote = r.quote
        if tag in _PARAGRAPH and "msonormal" not in _classes(attrs):
            r.blank()
        elif tag in _BLOCK:
            r.newline()
        if _is_signature(attrs) and not r.quote and not r.history:
            r.newline()
            r.lines.append("-- ")
        if tag == "blockquote" or "yahoo_quoted" in _classes(attrs):
            r.newline()
            r.quote += 1
        opened_pre = tag == "pre"
        if opened_pre:
            pre += 1
        stack.append((node, False, (tag, was_quote, opened_pre), depth))
        if depth >= MAX_DEPTH:
            # hostile nesting: render the rest of this subtree as flat text
            try:
                r.text(" " + node.text(deep=True) + " ")
            except Exception:  # noqa: BLE001
                pass
            continue
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, True, (), depth + 1))
    r.newline()
    out = "\n".join(r.lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n")
