"""Benchmark reply extraction (a script, not a test).

    python tests/bench/bench_extract.py [--rounds N] [--cpu]

Prints ms per message (p50/p99) over every corpus message, a 100 KB reply in
plain, wrapped, HTML and help-desk form, and the growth of cost with size for
hostile shapes (doubling the input should roughly double the time: a ratio near
2.0 is linear, near 4.0 would be quadratic).  Budget from issue 3: the whole
pipeline p99 < 10 ms per typical reply, < 200 ms for a 100 KB reply.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from gateway.extract import extract_reply

CORPUS = Path("/work/shared/corpus")
HEAD = (
    b"From: Mina Okoye <mina@support.acme.example>\nTo: t@fjordbikes.example\nSubject: Re: Export\n"
    b"Date: Wed, 11 Mar 2026 15:30:00 +0100\nMIME-Version: 1.0\n"
)
SENTENCE = (
    "We checked the export service logs between 09:00 and 09:40 UTC and the job stopped because "
    "the storage token expired; I renewed it and will confirm by 16:00 CET. "
)


#: Wall clock by default; --cpu measures this process's CPU time instead, which
#: other load on a shared machine disturbs far less.
CLOCK = time.perf_counter


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = CLOCK()
        fn()
        out.append((CLOCK() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def plain_100k(size: int = 100_000) -> bytes:
    body = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
    quote = (
        "\n\nOn Wed, 11 Mar 2026 at 14:05, Tobias <t@fjordbikes.example> wrote:\n> Export broken.\n"
    )
    return (
        HEAD
        + b"Content-Type: text/plain; charset=utf-8\n\n"
        + (body + "\n\n-- \nMina" + quote).encode()
    )


def wrapped_100k(size: int = 100_000) -> bytes:
    paras = [textwrap.fill(SENTENCE * 6, 72) for _ in range(size // (len(SENTENCE) * 6) + 1)]
    return HEAD + b"Content-Type: text/plain\n\n" + "\n\n".join(paras).encode()[:size]


def html_100k(size: int = 100_000) -> bytes:
    para = f"<p>{SENTENCE * 4}</p>"
    quote = (
        '<div class="gmail_quote"><div class="gmail_attr">On Wed, 11 Mar 2026 at 14:05, T '
        "wrote:</div>"
        "<blockquote>Export broken</blockquote></div>"
    )
    return (
        HEAD
        + b"Content-Type: text/html\n\n"
        + (para * (size // len(para) + 1))[:size].encode()
        + quote.encode()
    )


def helpdesk_100k(size: int = 100_000) -> bytes:
    entries = []
    for i in range(size // 400 + 1):
        who = "Tobias Lind" if i % 2 else "Lena Brook"
        entries.append(
            "----------------------------------------------\n\n"
            f"{who}, May 4, 2026, 10:{i % 60:02d} CEST\n\n{SENTENCE * 2}\n"
        )
    body = (
        "##- Please type your reply above this line -##\n\nYour request (7734) has been "
        "updated.\n\n"
        "----------------------------------------------\n\nLena Brook, May 4, 2026, 16:10 "
        "CEST\n\nFixed.\n\n" + "\n".join(entries)
    )[:size]
    return (
        HEAD.replace(b"Date: Wed, 11 Mar 2026", b"Date: Mon, 04 May 2026")
        + b"X-Mailer: Zendesk Mailer\n\n"
        + body.encode()
    )


HOSTILE: dict[str, Callable[[int], bytes]] = {
    "many '>' lines": lambda n: HEAD + b"\n" + b"text\n> quoted\n" * (n // 14),
    "many 'On ...' lines": lambda n: (
        HEAD + b"\n" + b"On Tue, 3 Mar 2026 at 10:00, someone\n" * (n // 38)
    ),
    "many From: lines": lambda n: HEAD + b"\n" + b"From: x\n" * (n // 8),
    "one long line": lambda n: HEAD + b"\n" + b"a" * n,
    "spaces + @": lambda n: HEAD + b"\n" + b"a@ " * (n // 3),
    "nested <div>": lambda n: (
        HEAD + b"Content-Type: text/html\n\n" + b"<div>" * (n // 11) + b"x" + b"</div>" * (n // 11)
    ),
    "nested <blockquote>": lambda n: (
        HEAD + b"Content-Type: text/html\n\n" + b"<blockquote>" * (n // 12)
    ),
    "unclosed <b>": lambda n: HEAD + b"Content-Type: text/html\n\n" + b"<b>" * (n // 3),
    "multipart parts": lambda n: (
        HEAD
        + b'Content-Type: multipart/mixed; boundary="B"\n\n'
        + b"--B\nContent-Type: text/plain\n\nx\n" * (n // 32)
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="measure CPU time instead of wall time")
    args = ap.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    print(f"clock: {'process CPU time' if args.cpu else 'wall time'}")

    files = sorted(CORPUS.glob("*/*.eml"))
    if files:
        raws = [p.read_bytes() for p in files]
        for raw in raws:  # warm up imports and caches
            extract_reply(raw)
        times = []
        for _ in range(args.rounds):
            for raw in raws:
                t0 = CLOCK()
                extract_reply(raw)
                times.append((CLOCK() - t0) * 1000)
        print(
            f"corpus ({len(files)} messages x {args.rounds}): p50 {pct(times, 0.5):.2f} ms  "
            f"p99 {pct(times, 0.99):.2f} ms  max {max(times):.2f} ms"
        )
    for name, make in (
        ("plain", plain_100k),
        ("wrapped 72", wrapped_100k),
        ("html", html_100k),
        ("zendesk", helpdesk_100k),
    ):
        raw = make()
        t = timed(lambda raw=raw: extract_reply(raw), args.rounds * 2)
        print(f"100 KB {name:11}: p50 {statistics.median(t):7.2f} ms  max {max(t):7.2f} ms")
    print("growth with size (time at 200 KB / time at 100 KB; ~2 is linear):")
    for name, make in HOSTILE.items():
        small = min(timed(lambda m=make: extract_reply(m(100_000)), 3))
        big = min(timed(lambda m=make: extract_reply(m(200_000)), 3))
        ratio = big / max(small, 1e-6)
        print(f"  {name:22} 100 KB {small:8.2f} ms   200 KB {big:8.2f} ms   ratio {ratio:4.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
