"""Property/fuzz suite over the parser and the policies (hypothesis).

Random MIME trees (missing or wrong boundaries, odd charsets and transfer
encodings, NUL bytes, 8-bit and encoded-word headers with CR/LF, bare CR/LF,
long lines) and byte-level mutations of them go through `extract_reply` and the
whole `Analyzer` (scope, extraction, every policy, verdict).  Properties:

* nothing raises, and no policy reports an error;
* the result stays inside the caps (decoded text, defects for breached caps):
  time per message is bounded by the caps, so the test asserts the caps, not a
  clock (the timings are printed for the record);
* the extreme inputs of issue 8 (1,000-deep nesting, 1 MB headers, 1,500
  parts ...) hit their cap and say so in `Reply.defects`.
"""

from __future__ import annotations

import functools
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.config import ScopeSettings, Settings
from gateway.extract import ExtractLimits, extract_reply
from gateway.pipeline import Analyzer
from gateway.scope import Envelope
from gateway.verdict import Action

from .kit import AGENT, CUSTOMER, malformed_messages

RECEIVED = datetime(2025, 3, 3, 10, 5, tzinfo=UTC)
ENVELOPE = Envelope(AGENT, (CUSTOMER,))
#: Smaller caps than the defaults, so random trees reach them.
LIMITS = ExtractLimits(max_message_bytes=4 * 1024 * 1024, max_header_bytes=256 * 1024,
                       max_parts=40, max_depth=8, max_decoded_bytes=256 * 1024)
SETTINGS = Settings(scope=ScopeSettings(support_senders=("*@support.acme.example",),
                                        internal_domains=("acme.example",)))


@functools.cache
def analyzer() -> Analyzer:
    limits = replace(SETTINGS.limits, max_parts=LIMITS.max_parts, max_depth=LIMITS.max_depth,
                     max_decoded_bytes=LIMITS.max_decoded_bytes,
                     max_header_bytes=LIMITS.max_header_bytes)
    return Analyzer(replace(SETTINGS, limits=limits))


# ----------------------------------------------------------------- strategies

EOL = st.sampled_from([b"\r\n", b"\r\n", b"\r\n", b"\n", b"\r"])
CHARSETS = st.sampled_from([
    b"utf-8", b"us-ascii", b"iso-8859-1", b"windows-1252", b"utf-16", b"utf-7", b"shift_jis",
    b"koi8-r", b"x-unknown", b"no-such-charset", b'"utf-8', b"utf-8\x00", b"", b"\xff\xfe",
    b"unicode-1-1-utf-7", b"idna", b"rot13",
])
ENCODINGS = st.sampled_from([b"7bit", b"8bit", b"binary", b"base64", b"quoted-printable",
                             b"x-uuencode", b"bogus", b""])
SUBTYPES = st.sampled_from([b"mixed", b"alternative", b"related", b"signed", b"report",
                            b"encrypted", b"digest", b"x-weird"])
LEAF_TYPES = st.sampled_from([b"text/plain", b"text/html", b"text/enriched", b"message/rfc822",
                              b"application/octet-stream", b"text/calendar", b"image/png",
                              b"text/x-unknown", b"", b"text"])
WORDS = st.sampled_from([
    b"Hi Kim,", b"sorry", b"per my last email", b"ASAP", b"we will fix it today", b"> quoted",
    b"On Mon, Kim <kim@customer.example> wrote:", b"-- ", b"=?utf-8?b?SGkNCkJjYzogeA==?=",
    b"<p>", b"</div>", b"<blockquote>", b"&amp;", b"=3D", b"=\r\n", b"\x00", b"\xff\xfe",
    "Grüße".encode(), "Grüße".encode("latin-1"), b"\t", b".", b"..", b"x" * 600,
    b"Sent from my phone", b"Best regards,", b"Maria",
])


@st.composite
def text_body(draw) -> bytes:
    eol = draw(EOL)
    lines = draw(st.lists(st.lists(WORDS, max_size=12).map(b" ".join), max_size=25))
    noise = draw(st.binary(max_size=64))
    return eol.join(lines) + noise


@st.composite
def header_value(draw) -> bytes:
    return draw(st.one_of(
        st.binary(max_size=80),
        st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.builds(lambda t: b"=?utf-8?b?" + __import__("base64").b64encode(t.encode()) + b"?=",
                  st.text(max_size=40)),
        st.builds(lambda t: b"=?iso-8859-1?q?" + t + b"?=", st.binary(max_size=30)),
        st.sampled_from([b"Re: hello", b"<a@b>", b"<>", b"(c):", b"x; name*", b"\"unterminated",
                         b"=?utf-8?b?SGkNCkJjYzogZXZpbEB4?=", b"a" * 2000]),
    ))


@st.composite
def extra_headers(draw) -> bytes:
    names = st.sampled_from([b"Subject", b"From", b"To", b"Cc", b"Content-Disposition",
                             b"Content-ID", b"X-Junk", b"References", b"Date", b"Reply-To",
                             b"X-Zendesk-Ticket", b"Auto-Submitted", b"Content-Type"])
    pairs = draw(st.lists(st.tuples(names, header_value(), EOL), max_size=4))
    return b"".join(n + b": " + v + e for n, v, e in pairs)


@st.composite
def leaf(draw) -> bytes:
    ctype = draw(LEAF_TYPES)
    params = b""
    if draw(st.booleans()):
        params += b"; charset=" + draw(CHARSETS)
    if draw(st.booleans()):
        params += b"; format=flowed; delsp=yes"
    head = b"Content-Type: " + ctype + params + b"\r\n"
    cte = draw(ENCODINGS)
    if cte:
        head += b"Content-Transfer-Encoding: " + cte + b"\r\n"
    if draw(st.integers(0, 4)) == 0:
        head += b"Content-Disposition: attachment; filename=x.txt\r\n"
    head += draw(extra_headers())
    body = draw(text_body())
    if cte == b"base64" and draw(st.booleans()):
        body = __import__("base64").encodebytes(body)
    return head + draw(EOL) + body


def multipart(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw) -> bytes:
        subtype = draw(SUBTYPES)
        boundary = draw(st.sampled_from([b"b1", b"=_b", b"--", b"a b", b"x" * 80, b""]))
        parts = draw(st.lists(children, max_size=4))
        style = draw(st.sampled_from(["ok", "no close", "no param", "wrong", "preamble"]))
        param = b"" if style == "no param" else b'; boundary="' + boundary + b'"'
        used = b"other" if style == "wrong" else boundary
        out = b"Content-Type: multipart/" + subtype + param + b"\r\n\r\n"
        if style == "preamble":
            out += b"This is a preamble --" + used + b" not a boundary\r\n"
        for part in parts:
            out += b"--" + used + b"\r\n" + part + b"\r\n"
        if style != "no close":
            out += b"--" + used + b"--\r\n"
        return out

    return build()


MIME = st.recursive(leaf(), multipart, max_leaves=12)


@st.composite
def message(draw) -> bytes:
    top = (b"From: Maria <" + AGENT.encode() + b">\r\nTo: " + CUSTOMER.encode() + b"\r\n"
           b"Subject: Re: " + draw(header_value()) + b"\r\n"
           b"In-Reply-To: <q@customer.example>\r\nMessage-ID: <f@support.acme.example>\r\n"
           b"Date: " + draw(st.sampled_from([b"Mon, 03 Mar 2025 09:00:00 +0000", b"garbage",
                                             b"Mon, 99 Foo 2025 25:61:61 +9999", b""]))
           + b"\r\n" + draw(extra_headers()) + b"MIME-Version: 1.0\r\n")
    return top + draw(MIME)


@st.composite
def mutated(draw) -> bytes:
    """A generated message, then a few byte-level edits (insert, delete, duplicate,
    flip, line-ending swaps)."""
    raw = bytearray(draw(message()))
    for _ in range(draw(st.integers(0, 6))):
        if not raw:
            break
        op = draw(st.sampled_from(["insert", "delete", "dup", "flip", "eol"]))
        at = draw(st.integers(0, len(raw) - 1))
        if op == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del raw[at:at + draw(st.integers(1, 64))]
        elif op == "dup":
            raw[at:at] = raw[at:at + draw(st.integers(1, 200))]
        elif op == "flip":
            raw[at] ^= 1 << draw(st.integers(0, 7))
        else:
            raw = bytearray(bytes(raw).replace(b"\r\n", draw(st.sampled_from([b"\n", b"\r"])),
                                               draw(st.integers(1, 5))))
    return bytes(raw)


# ----------------------------------------------------------------- properties


class Timings:
    def __init__(self, what: str) -> None:
        self.what = what
        self.seconds: list[float] = []
        self.sizes: list[int] = []

    def summary(self) -> str:
        s = sorted(self.seconds)
        return (f"{self.what}: {len(s)} inputs ({min(self.sizes)}-{max(self.sizes)} bytes); "
                f"per message mean {statistics.fmean(s) * 1000:.1f} ms, "
                f"p99 {s[int(len(s) * 0.99) - 1] * 1000:.1f} ms, max {s[-1] * 1000:.1f} ms")


def check_extract(raw: bytes) -> None:
    reply = extract_reply(raw, sender=AGENT, recipients=(CUSTOMER,), received_at=RECEIVED,
                          limits=LIMITS)
    assert isinstance(reply.text, str)
    assert len(reply.text) <= 2 * LIMITS.max_decoded_bytes
    assert all(isinstance(d, str) for d in reply.defects)
    assert not any(d.startswith("extract:error") for d in reply.defects), reply.defects


def check_analysis(raw: bytes) -> None:
    analysis = analyzer().analyse(raw, ENVELOPE, RECEIVED)
    assert analysis.action in set(Action)
    assert analysis.policy_errors == (), analysis.policy_errors
    if analysis.reply is not None:
        assert len(analysis.reply.text) <= 2 * LIMITS.max_decoded_bytes


FUZZ = settings(deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


def run_timed(check, strategy, examples: int, what: str, capsys) -> Timings:
    timings = Timings(what)
    analyzer().analyse(malformed_messages()["bare CR and LF"], ENVELOPE, RECEIVED)  # warm

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(raw: bytes) -> None:
        started = time.perf_counter()
        check(raw)
        timings.seconds.append(time.perf_counter() - started)
        timings.sizes.append(len(raw))

    run()
    with capsys.disabled():
        print(f"\n[fuzz] {timings.summary()}")
    return timings


def test_extract_reply_survives_random_mime(capsys):
    assert len(run_timed(check_extract, message(), 500, "extract_reply, random MIME",
                         capsys).seconds) >= 500


def test_extract_reply_survives_mutated_mime(capsys):
    assert len(run_timed(check_extract, mutated(), 500, "extract_reply, mutated MIME",
                         capsys).seconds) >= 500


def test_analyzer_survives_random_and_mutated_mime(capsys):
    strategy = st.one_of(message(), mutated())
    assert len(run_timed(check_analysis, strategy, 200, "Analyzer (scope+extract+policies)",
                         capsys).seconds) >= 200


def test_header_values_never_crash_the_header_scan(capsys):
    from gateway.headers import addresses, clean_text, decode_words, scan_headers

    @settings(FUZZ, max_examples=500)
    @given(st.lists(st.tuples(st.binary(max_size=20), header_value()), max_size=8), EOL)
    def run(pairs, eol) -> None:
        raw = b"".join(n + b": " + v + eol for n, v in pairs) + eol + b"body"
        view = scan_headers(raw, 4096)
        for _, value in view.fields:
            text = decode_words(value, 200)
            assert len(text) <= 200 and not any(ch in text for ch in "\r\n\x00")
            assert clean_text(value, 50) == clean_text(clean_text(value, 50), 50)
            addresses(value)

    run()


# ----------------------------------------------------------------- the extreme inputs

EXPECTED_DEFECT = {
    "nesting 1,000 deep": ("limit:depth", "limit:parts"),
    "1,500 parts": ("limit:parts",),
    "1 MB header (one line)": ("limit:header-bytes",),
    "1 MB header (folded Subject)": ("limit:header-bytes",),
}


@pytest.mark.parametrize("name", sorted(malformed_messages()))
def test_extreme_inputs_are_capped_and_recorded(name, capsys):
    raw = malformed_messages()[name]
    started = time.perf_counter()
    reply = extract_reply(raw, sender=AGENT, recipients=(CUSTOMER,), received_at=RECEIVED,
                          limits=LIMITS)
    extracted = time.perf_counter() - started
    analysis = analyzer().analyse(raw, ENVELOPE, RECEIVED)
    analysed = time.perf_counter() - started - extracted
    with capsys.disabled():
        print(f"\n[fuzz] {name}: {len(raw)} bytes, extract {extracted * 1000:.0f} ms, "
              f"analyse {analysed * 1000:.0f} ms, decision {analysis.action}, "
              f"defects {sorted(reply.defects)[:4]}")
    assert not any(d.startswith("extract:error") for d in reply.defects)
    assert analysis.policy_errors == ()
    for expected in EXPECTED_DEFECT.get(name, ()):
        if expected in reply.defects:
            break
    else:
        assert name not in EXPECTED_DEFECT, (name, reply.defects)
    if name in EXPECTED_DEFECT:
        # A breached cap is a recorded decision (hold or advise per on_breach).
        assert any(f.rule == "reply.unchecked" for f in analysis.findings)
