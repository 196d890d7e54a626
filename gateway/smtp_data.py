"""The DATA phase of the SMTP server, read in large pieces instead of line by line.

aiosmtpd reads a message one line at a time (an `await` and a bytearray per
line) and keeps the lines in a list until it joins them: for a 25 MB message
that is ~330 000 awaits and about 2.9x the message in memory at the peak, and
for every small message a Python loop per line on the hot path.  Here the body
is read in pieces of up to CHUNK bytes, the end (CRLF "." CRLF) is found with
`bytes.find`, and the pieces are joined once: about 2x the message at the peak,
and a handful of awaits per message.

The result is what aiosmtpd itself would hand the handler, byte for byte: lines
end only at CRLF (a bare LF is data, as since aiosmtpd 1.4.5, the SMTP
smuggling fix), a leading "." of each line is removed, the size counts the
stuffed bytes, a line longer than `line_length_limit` or a message larger than
`data_size_limit` is read to its end and answered with aiosmtpd's own `500` /
`552` (which `gateway.server` turns into what the gateway answers for them).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.smtp import MISSING, SMTP, syntax

log = logging.getLogger(__name__)

#: The end of the data: the CRLF ending the last line, ".", CRLF.
END = b"\r\n.\r\n"
#: Bytes asked of the stream at a time (it holds at most 2 x its limit anyway).
CHUNK = 256 * 1024

TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"
TOO_MUCH = "552 Error: Too much mail data"


class DataReader:
    """Reads one DATA body from a StreamReader (the bytes after the 354)."""

    def __init__(self, reader: asyncio.StreamReader, size_limit: int | None,
                 line_limit: int) -> None:
        self.reader = reader
        self.size_limit = size_limit or 0
        self.line_limit = line_limit

    async def read(self) -> tuple[bytes | None, str | None]:
        """(unstuffed body, None), or (None, error reply) once the whole message
        was read; (None, None) when the connection ended first."""
        chunks: list[bytes] = []
        kept = 0  # bytes in `chunks`
        consumed = 0  # stuffed bytes read so far (the body, then maybe the end)
        # The last bytes of the stream so far; the data starts at a line start, as
        # if right after a CRLF, so an empty message (just ".") is found too.
        tail = b"\r\n"
        line = 0  # length of the current line so far
        error: str | None = None
        while True:
            chunk = await self.reader.read(CHUNK)
            if not chunk:
                return None, None  # the client went away
            data = tail + chunk
            at = data.find(END)
            body_end = None
            if at >= 0:
                # The body ends after the CRLF of `END` (offsets in stream bytes).
                body_end = consumed - len(tail) + at + 2
                leftover = chunk[body_end + 3 - consumed:]
                chunk = chunk[: max(0, body_end - consumed)]
                data = tail + chunk
                if leftover:
                    self._unread(leftover)
            # Line lengths: only a line that spans pieces can exceed the limit
            # (a piece is never longer than the limit).
            first = data.find(b"\r\n", max(0, len(tail) - 1))
            if first < 0:
                line += len(chunk)
            else:
                line += first + 2 - len(tail)
                last = data.rfind(b"\r\n")
                if line > self.line_limit:
                    error = error or TOO_LONG
                line = len(data) - last - 2
            if line > self.line_limit:
                error = error or TOO_LONG
            consumed += len(chunk)
            # Up to 2 bytes read may be the end's "." and CR, not the body.
            size = body_end if body_end is not None else consumed - 2
            if self.size_limit and size > self.size_limit:
                error = error or TOO_MUCH
            if error is None:
                chunks.append(chunk)
                kept += len(chunk)
            else:
                chunks.clear()  # keep reading to the end, keep nothing
                kept = 0
            if body_end is not None:
                if error is None and body_end < kept:  # the end began in earlier pieces
                    chunks, kept = _trim(chunks, kept - body_end), body_end
                break
            tail = data[-4:]
        if error is not None:
            return None, error
        body = b"".join(chunks)
        chunks.clear()
        if body.startswith(b"."):
            body = body[1:]
        return body.replace(b"\r\n.", b"\r\n"), None  # no copy when nothing matches

    def _unread(self, data: bytes) -> None:
        """Put bytes read past the end back in front of the stream: a client that
        pipelines without PIPELINING.  (aiosmtpd itself uses this buffer.)"""
        buffer = getattr(self.reader, "_buffer", None)
        if isinstance(buffer, bytearray):
            buffer[:0] = data
        else:  # pragma: no cover - a StreamReader without the buffer we know
            log.warning("dropped %d bytes a client sent after its message", len(data))


def _trim(chunks: list[bytes], excess: int) -> list[bytes]:
    """Drop the last `excess` bytes of `chunks`."""
    while excess and chunks:
        last = chunks.pop()
        if len(last) > excess:
            chunks.append(last[: len(last) - excess])
            break
        excess -= len(last)
    return chunks


class LeanDataSMTP(SMTP):
    """aiosmtpd's SMTP whose DATA reads the message in large pieces (see above).

    Everything around the reading (the checks before the 354, the handler hook,
    the state after) is aiosmtpd's own logic, unchanged."""

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        if self._decode_data or self.line_length_limit < CHUNK:
            await super().smtp_DATA(arg)  # settings this reader does not cover
            return
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        assert self.envelope is not None  # noqa: S101 - aiosmtpd's own invariant
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        reader = DataReader(self._reader, self.data_size_limit, self.line_length_limit)
        try:
            body, error = await reader.read()
        except asyncio.CancelledError:
            log.info("Connection lost during DATA")
            self._writer.close()
            raise
        if body is None and error is None:
            self._writer.close()  # end of stream in the middle of the message
            return
        if error is not None:
            await self.push(error)
            self._set_post_data_state()
            return
        self.envelope.content = body
        self.envelope.original_content = body
        status: Any = MISSING
        if "DATA" in self._handle_hooks:
            status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)
