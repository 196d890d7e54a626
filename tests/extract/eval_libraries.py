"""Measure existing reply-parsing libraries on the corpus (a measurement script).

    python tests/extract/eval_libraries.py

Needs the optional libraries (not project dependencies):
    pip install quotequail mail-parser-reply email-reply-parser talon html2text

Each library gets the same decoded body the gateway would pick (text/plain, else
HTML converted to text; for libraries with an HTML mode, the HTML itself) and
its output is scored with measure.score against the generators' case data.
"""

from __future__ import annotations

import email
import statistics
import sys
import time
from email import policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus_truth  # noqa: E402
from measure import score  # noqa: E402


def bodies(raw: bytes) -> tuple[str | None, str | None]:
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    plain = html = None
    for part in msg.walk():
        if part.get_content_maintype() == "multipart" or part.get_filename():
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True) or b""
        text = payload.decode(part.get_content_charset() or "utf-8", "replace")
        if ctype == "text/plain" and plain is None:
            plain = text.replace("\r\n", "\n")
        elif ctype == "text/html" and html is None:
            html = text
    return plain, html


def html_to_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for node in tree.css("style, script, head"):
        node.decompose()
    for br in tree.css("br"):
        br.replace_with("\n")
    body = tree.body or tree.root
    return body.text(separator="\n") if body else ""


def lib_email_reply_parser(plain, html):
    from email_reply_parser import EmailReplyParser

    return EmailReplyParser.parse_reply(plain if plain is not None else html_to_text(html))


def lib_mail_parser_reply(plain, html):
    from mailparser_reply import EmailReplyParser

    parser = EmailReplyParser(languages=["en", "de", "fr", "es", "nl"])
    message = parser.read(plain if plain is not None else html_to_text(html))
    # .body is the newest reply without its signature and disclaimers
    return message.replies[0].body if message.replies else ""


def lib_quotequail(plain, html):
    import quotequail

    if plain is not None:
        parts = quotequail.quote(plain)
        return "\n".join(t for own, t in parts if own)
    parts = quotequail.quote_html(html)
    return html_to_text("".join(t for own, t in parts if own))


def lib_talon(plain, html):
    from talon import quotations
    from talon.signature.bruteforce import extract_signature

    if plain is not None:
        text = quotations.extract_from_plain(plain)
    else:
        text = html_to_text(quotations.extract_from_html(html))
    body, _sig = extract_signature(text)
    return body


def ours(plain, html, raw):
    from gateway.extract import extract_reply

    return extract_reply(raw).text


LIBS = {
    "email-reply-parser": lib_email_reply_parser,
    "mail-parser-reply": lib_mail_parser_reply,
    "quotequail": lib_quotequail,
    "talon": lib_talon,
    "gateway.extract": ours,
}


def main() -> None:
    import logging

    logging.disable(logging.WARNING)
    try:
        import talon

        talon.init()
    except ImportError:
        LIBS.pop("talon")
    header = (
        f"{'library':20} {'folder':6} {'right':>9} {'recall':>7} {'leaky':>6} {'q-leak':>6} "
        f"{'errors':>6} {'p50 ms':>7} {'p99 ms':>7}"
    )
    print(header)
    for name, fn in LIBS.items():
        for folder in corpus_truth.FOLDERS:
            truths = [t for t in corpus_truth.load(folder) if t.expect != "pass-through"]
            right = leaky = qleak = errors = 0
            recalls, times = [], []
            for t in truths:
                raw = t.path.read_bytes()
                plain, html = bodies(raw)
                t0 = time.perf_counter()
                try:
                    out = fn(plain, html, raw) if fn is ours else fn(plain, html)
                except Exception:  # noqa: BLE001 - measuring robustness
                    errors += 1
                    out = ""
                times.append((time.perf_counter() - t0) * 1000)
                s = score(out or "", t)
                right += s.right
                leaky += bool(s.leaks)
                qleak += bool(s.quote_leaks)
                recalls.append(s.recall)
            times.sort()
            print(
                f"{name:20} {folder:6} {right:>4}/{len(truths):<4} {statistics.mean(recalls):7.3f} "
                f"{leaky:6} {qleak:6} {errors:6} {statistics.median(times):7.2f} "
                f"{times[min(len(times) - 1, int(len(times) * 0.99))]:7.2f}"
            )


if __name__ == "__main__":
    main()
