"""Load for several gateway nodes: in-scope replies that forward or hold, sent over
SMTP (aiosmtplib) with bounded concurrency, spread over the nodes.

A client that gets a 4xx keeps the message and tries again, the way Postfix
does (`retry_4xx`); every attempt's answer is kept, so a test can say "clients
got 451" and "every message was finally accepted once".
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiosmtplib

LOOPBACK = "127.0.0.1"
AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"

CLEAN = (
    "Hi Kim,\r\n\r\n"
    "Thank you for your patience. I have issued the refund of {n} EUR today; it will "
    "reach your card within 3 working days. If it has not arrived by Friday, reply "
    "here and I will chase it with the bank myself.\r\n\r\n"
    "Best regards,\r\nMaria\r\n"
)
#: No words of the author's own (`reply.empty`): held in enforce mode.
EMPTY = "\r\n"

_MSGID = re.compile(rb"^Message-ID:\s*<([^>]+)>", re.I | re.M)


def reply(n: int, kind: str, run: str = "load") -> bytes:
    """Reply number `n`: "forward" (clean) or "hold" (empty: reply.empty)."""
    body = CLEAN.format(n=n) if kind == "forward" else EMPTY
    return (
        f"From: Maria Lopez <{AGENT}>\r\n"
        f"To: Kim <{CUSTOMER}>\r\n"
        f"Subject: Re: Your refund, case {n}\r\n"
        f"In-Reply-To: <q{n}@customer.example>\r\n"
        f"References: <q{n}@customer.example>\r\n"
        f"Message-ID: <{run}-{n}@support.acme.example>\r\n"
        "Date: Mon, 03 Mar 2025 10:00:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{body}"
    ).encode()


def message_id(raw: bytes) -> str:
    m = _MSGID.search(raw)
    return m.group(1).decode() if m else ""


@dataclass
class Sent:
    """One message's story: every answer it got, the last one final."""

    n: int
    kind: str
    node: int
    answers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def final(self) -> tuple[int, str]:
        return self.answers[-1] if self.answers else (0, "never sent")

    @property
    def accepted(self) -> bool:
        return self.final[0] == 250

    @property
    def deferrals(self) -> int:
        return sum(1 for code, _ in self.answers if 400 <= code < 500)


@dataclass
class Progress:
    done: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def tick(self) -> None:
        self.done += 1
        self.changed.set()

    async def wait_done(self, count: int, timeout: float = 300.0) -> None:
        end = time.monotonic() + timeout
        while self.done < count:
            self.changed.clear()
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"only {self.done} of {count} messages done")
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                pass


async def _send_one(client: aiosmtplib.SMTP, raw: bytes, rcpts: Sequence[str],
                    sender: str) -> tuple[int, str]:
    try:
        _, text = await client.sendmail(sender, list(rcpts), raw,
                                        mail_options=["BODY=8BITMIME"])
        return 250, text
    except aiosmtplib.SMTPRecipientsRefused as exc:
        first = exc.recipients[0]
        return first.code, first.message
    except aiosmtplib.SMTPResponseException as exc:
        return exc.code, exc.message


async def drive(
    ports: Sequence[int],
    messages: Sequence[tuple[str, bytes]],
    *,
    per_node: int = 6,
    retry_4xx: bool = False,
    retry_delay: float = 0.5,
    deadline: float = 600.0,
    progress: Progress | None = None,
) -> list[Sent]:
    """Send `messages` ((kind, raw) pairs), message i through node i % len(ports),
    `per_node` sessions per node at a time.  Returns one `Sent` per message."""
    sent = [Sent(n, kind, n % len(ports)) for n, (kind, _) in enumerate(messages)]
    queues: list[asyncio.Queue[int]] = [asyncio.Queue() for _ in ports]
    for item in sent:
        queues[item.node].put_nowait(item.n)
    end = time.monotonic() + deadline

    async def worker(node: int) -> None:
        client: aiosmtplib.SMTP | None = None
        try:
            while not queues[node].empty():
                item = sent[queues[node].get_nowait()]
                raw = messages[item.n][1]
                while time.monotonic() < end:
                    try:
                        if client is None:
                            client = aiosmtplib.SMTP(hostname=LOOPBACK, port=ports[node],
                                                     timeout=60, local_hostname="client.test")
                            await client.connect()
                        code, text = await _send_one(client, raw, (CUSTOMER,), AGENT)
                    except (aiosmtplib.SMTPException, OSError) as exc:
                        code, text = 421, f"connection trouble: {exc}"
                    item.answers.append((code, text))
                    if code >= 400 and client is not None:
                        client.close()
                        client = None
                    if not (400 <= code < 500 and retry_4xx):
                        break
                    await asyncio.sleep(retry_delay)
                if progress is not None:
                    progress.tick()
        finally:
            if client is not None:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()

    await asyncio.gather(*(worker(node) for node in range(len(ports))
                           for _ in range(per_node)))
    return sent
