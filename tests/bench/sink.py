"""A discarding aiosmtpd sink: the next hop when Postfix's `smtp-sink` is missing.

    python tests/bench/sink.py --listen 127.0.0.1:PORT

Answers 250 to everything and keeps nothing.  Stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from aiosmtpd.smtp import SMTP


class Discard:
    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd
        return "250 2.0.0 Ok: discarded"


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", required=True)
    args = ap.parse_args()
    host, _, port = args.listen.rpartition(":")
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Discard(), hostname="sink.bench.test", enable_SMTPUTF8=True,
                     data_size_limit=0),
        host.strip("[]"), int(port), backlog=1024)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
