"""Path (b) of the relay benchmark: the smallest correct pass-through relay.

    python tests/bench/baseline_relay.py --listen 127.0.0.1:PORT --relay 127.0.0.1:PORT

aiosmtpd in, aiosmtplib out (one next-hop connection per message, as the
library's `send` does), inside the DATA phase: 250 only after the next hop said
250, 451 when forwarding failed, the next hop's 5xx passed back.  No inspection,
no queue, no audit: what any Python relay costs at least.  Stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

import aiosmtplib
from aiosmtpd.smtp import SMTP


class Relay:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd
        options = [o for o in envelope.mail_options
                   if o.upper().startswith("BODY=") or o.upper() == "SMTPUTF8"]
        try:
            await aiosmtplib.send(
                envelope.original_content, sender=envelope.mail_from,
                recipients=envelope.rcpt_tos, mail_options=options,
                hostname=self.host, port=self.port, local_hostname="baseline.bench.test",
                start_tls=False, use_tls=False, timeout=120)
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600:
                return f"554 5.0.0 next hop rejected: {exc.message}"
            return f"451 4.3.0 next hop failed: {exc.message}"
        except Exception:  # noqa: BLE001 - refused, timeout: the client retries
            return "451 4.4.1 next hop unavailable"
        return "250 2.0.0 OK relayed"


def host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", required=True)
    ap.add_argument("--relay", required=True)
    args = ap.parse_args()
    relay = Relay(*host_port(args.relay))
    host, port = host_port(args.listen)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(relay, hostname="baseline.bench.test", enable_SMTPUTF8=True,
                     data_size_limit=64 * 1024 * 1024),
        host, port, backlog=1024)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
