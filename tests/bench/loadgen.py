"""Bounded asyncio SMTP load generator with per-transaction latency (a script).

    python tests/bench/loadgen.py --server 127.0.0.1:PORT --kind clean \
        [--count 1000] [--conc 10] [--new-conn] [--size BYTES] [--seq-base N] \
        [--timeout 120] [--json]

Sends COUNT messages of one kind (tests/bench/bench_messages.py: out, clean,
hold) over CONC concurrent sessions, each with its own ids.  Latency is per
transaction, from MAIL FROM to the final reply after the dot (plus connect,
greeting and EHLO with --new-conn, which opens one connection per message).
Reports msgs/s, p50/p95/p99/max, and what the 250 answers said (passed on /
forwarded / held), so the bench can check that the intended path ran.

Raw asyncio streams, no SMTP library: the generator stays cheap.  Stops after
COUNT messages or TIMEOUT seconds, whichever is first.  Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_messages import CUSTOMER, SENDERS, SEQ, TEMPLATES, big_template, dated  # noqa: E402

_DOT = re.compile(rb"(?m)^\.")


def wire(raw: bytes) -> bytes:
    """CRLF, dot-stuffed, with the terminating dot."""
    if not raw.endswith(b"\r\n"):
        raw += b"\r\n"
    return _DOT.sub(b"..", raw) + b".\r\n"


def categorise(text: str) -> str:
    low = text.lower()
    for word in ("held", "forwarded", "passed on", "relayed"):
        if word in low:
            return word
    return "other-250"


class Client:
    def __init__(self, host: str, port: int, rtimeout: float, sender: str) -> None:
        self.host, self.port, self.rtimeout = host, port, rtimeout
        self.mail = b"MAIL FROM:<%s> BODY=8BITMIME\r\n" % sender.encode()
        self.rcpt = b"RCPT TO:<%s>\r\n" % CUSTOMER.encode()
        self.r: asyncio.StreamReader | None = None
        self.w: asyncio.StreamWriter | None = None

    async def reply(self) -> tuple[int, str]:
        assert self.r is not None  # noqa: S101
        while True:
            line = await asyncio.wait_for(self.r.readline(), self.rtimeout)
            if not line:
                raise ConnectionError("server closed the connection")
            if line[3:4] != b"-":
                return int(line[:3]), line.decode("latin-1").strip()

    async def cmd(self, data: bytes, want: int) -> str:
        assert self.w is not None  # noqa: S101
        self.w.write(data)
        code, text = await self.reply()
        if code != want:
            raise RuntimeError(text[:120])
        return text

    async def open(self) -> None:
        self.r, self.w = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port, limit=1 << 20), self.rtimeout)
        code, text = await self.reply()
        if code != 220:
            raise RuntimeError(text)
        await self.cmd(b"EHLO load.bench.test\r\n", 250)

    def close(self) -> None:
        if self.w is not None:
            self.w.close()
        self.r = self.w = None

    async def send(self, payload: bytes) -> str:
        await self.cmd(self.mail, 250)
        await self.cmd(self.rcpt, 250)
        await self.cmd(b"DATA\r\n", 354)
        return await self.cmd(payload, 250)


async def run(args: argparse.Namespace) -> dict:
    host, _, port = args.server.rpartition(":")
    template = wire(big_template(args.size, args.kind) if args.size
                    else dated(TEMPLATES[args.kind]))
    sender = SENDERS[args.kind]
    state = {"next": 0, "lat": [], "fail": 0, "errors": {}, "answers": {}}
    deadline = time.monotonic() + args.timeout

    async def worker() -> None:
        c = Client(host.strip("[]"), int(port), args.read_timeout, sender)
        while state["next"] < args.count and time.monotonic() < deadline:
            seq = state["next"]
            state["next"] += 1
            payload = template.replace(SEQ, b"%d" % (args.seq_base + seq))
            t0 = time.perf_counter()
            try:
                if c.w is None:
                    await c.open()
                text = await c.send(payload)
                state["lat"].append(time.perf_counter() - t0)
                kind = categorise(text)
                state["answers"][kind] = state["answers"].get(kind, 0) + 1
                if args.new_conn:
                    assert c.w is not None  # noqa: S101
                    c.w.write(b"QUIT\r\n")
                    c.close()
            except Exception as e:  # noqa: BLE001 - counted; start over on a new connection
                state["fail"] += 1
                key = (type(e).__name__ + ": " + str(e))[:100]
                state["errors"][key] = state["errors"].get(key, 0) + 1
                c.close()
        if c.w is not None:
            try:
                c.w.write(b"QUIT\r\n")
                await asyncio.wait_for(c.w.drain(), 5)
            except Exception:  # noqa: BLE001
                pass
            c.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(args.conc)))
    elapsed = time.perf_counter() - t0
    lat = sorted(state["lat"])

    def pct(q: float) -> float | None:
        return round(1000 * lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else None

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "ok": len(lat), "fail": state["fail"], "wanted": args.count,
        "elapsed_s": round(elapsed, 3), "msgs_per_s": round(len(lat) / elapsed, 1),
        "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        "payload_bytes": len(template),
        "timed_out": len(lat) + state["fail"] < args.count,
        "loadgen_cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
        "errors": state["errors"], "answers": state["answers"],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", required=True, help="HOST:PORT (loopback only)")
    ap.add_argument("--kind", choices=sorted(TEMPLATES), default="out")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--conc", type=int, default=10)
    ap.add_argument("--size", type=int, default=0,
                    help="pad each message with an attachment to about this many bytes")
    ap.add_argument("--seq-base", type=int, default=0, help="first message number")
    ap.add_argument("--timeout", type=float, default=120, help="overall limit, s")
    ap.add_argument("--read-timeout", type=float, default=120, help="per reply, s")
    ap.add_argument("--new-conn", action="store_true", help="one connection per message")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    if args.server.rpartition(":")[0].strip("[]") not in ("127.0.0.1", "localhost", "::1"):
        ap.error("loopback targets only")
    r = asyncio.run(run(args))
    if args.json:
        print(json.dumps(r))
    else:
        print(f"loadgen: {r['ok']} ok, {r['fail']} failed in {r['elapsed_s']}s = "
              f"{r['msgs_per_s']} msg/s; latency ms p50 {r['p50_ms']} p95 {r['p95_ms']} "
              f"p99 {r['p99_ms']} max {r['max_ms']}")
        print("  answers:", r["answers"])
        for k, v in r["errors"].items():
            print(f"  {v}x {k}")
    return 0 if r["fail"] == 0 and not r["timed_out"] else 1


if __name__ == "__main__":
    sys.exit(main())
