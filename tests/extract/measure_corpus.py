"""Measure extraction on the corpus against the generators' case data (a script, not a test).

    python tests/extract/measure_corpus.py [-v] [--html-only]

For every in-scope file of each corpus folder it checks that the extracted text
holds the author's words and none of the quoted history or signature
(measure.score), and, for files with a quoted customer message, that
`customer_sent_at` equals the generator's time.  It prints per-folder numbers and
timing (ms per message, p50/p99), and with -v every file that is not right.
With --html-only every multipart/alternative message is first rewritten to its
HTML part alone, to measure the HTML path on the same cases.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus_truth  # noqa: E402
from measure import score  # noqa: E402

from gateway.extract import extract_reply  # noqa: E402


def p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.99))]


def html_only(raw: bytes) -> bytes:
    """The message with its multipart/alternative body replaced by the HTML part."""
    import email
    from email import policy

    msg = email.message_from_bytes(raw, policy=policy.compat32)
    if msg.get_content_type() != "multipart/alternative":
        return raw
    html = next((p for p in msg.get_payload() if p.get_content_type() == "text/html"), None)
    if html is None:
        return raw
    del msg["Content-Type"]
    del msg["Content-Transfer-Encoding"]
    msg["Content-Type"] = html["Content-Type"]
    msg["Content-Transfer-Encoding"] = html["Content-Transfer-Encoding"] or "7bit"
    msg.set_payload(html.get_payload())
    return msg.as_bytes()


def main() -> None:
    verbose = "-v" in sys.argv
    only_html = "--html-only" in sys.argv
    all_times: list[float] = []
    print(
        f"{'folder':6} {'right':>9} {'recall':>7} {'leaky':>6} {'time found':>11} "
        f"{'time right':>11} {'late found/right':>17} {'p50 ms':>7} {'p99 ms':>7}"
    )
    for folder in corpus_truth.FOLDERS:
        truths = corpus_truth.load(folder)
        right = leaky = t_total = t_found = t_right = late_total = late_found = late_right = 0
        recalls, times = [], []
        problems = []
        for t in truths:
            raw = t.path.read_bytes()
            if only_html:
                raw = html_only(raw)
            t0 = time.perf_counter()
            reply = extract_reply(raw)
            times.append((time.perf_counter() - t0) * 1000)
            if t.expect == "pass-through":
                continue
            s = score(reply.text, t)
            right += s.right
            leaky += bool(s.leaks)
            recalls.append(s.recall)
            if not s.right:
                problems.append((t.file, s.missing[:3], s.leaks[:3]))
            if t.customer_at is not None:
                t_total += 1
                late = "urgent.late-no-acknowledgement" in t.rules
                late_total += late
                if reply.customer_sent_at is not None:
                    t_found += 1
                    late_found += late
                    ok = reply.customer_sent_at == t.customer_at
                    t_right += ok
                    late_right += late and ok
                    if not ok:
                        problems.append(
                            (t.file, f"time {reply.customer_sent_at} != {t.customer_at}", [])
                        )
                else:
                    problems.append((t.file, f"time not found (expected {t.customer_at})", []))
        all_times.extend(times)
        times.sort()
        n = len(recalls)
        print(
            f"{folder:6} {right:>4}/{n:<4} {statistics.mean(recalls):7.3f} {leaky:6} "
            f"{t_found:>5}/{t_total:<5} {t_right:>5}/{t_total:<5} "
            f"{late_found:>7}/{late_right}/{late_total:<7} "
            f"{statistics.median(times):7.2f} {p99(times):7.2f}"
        )
        if verbose:
            for p in problems:
                print("   ", *p)
    all_times.sort()
    print(
        f"all messages: n={len(all_times)} p50={statistics.median(all_times):.2f} ms "
        f"p99={all_times[min(len(all_times) - 1, int(len(all_times) * 0.99))]:.2f} ms"
    )


if __name__ == "__main__":
    main()
