"""Drive a real headless Chromium over the DevTools protocol, standard library only.

`--remote-debugging-pipe` makes Chromium read commands from fd 3 and write
answers and events to fd 4, as NUL-terminated JSON: no websocket library, no
open port.  `inspect_page` loads a file, collects console errors, exceptions and
log errors (a Content-Security-Policy violation lands there), measures elements
with a script run through the protocol (the page itself allows no scripts), and
saves a full-page screenshot.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
]


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageReport:
    errors: list[str] = field(default_factory=list)
    measured: Any = None
    screenshot: Path | None = None


class DevTools:
    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def plumb() -> None:  # in the child: fd 3 = commands in, fd 4 = answers out
            # Copy both ends above 4 first, so neither dup2 can clobber the other.
            commands = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 5)
            answers = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 5)
            os.dup2(commands, 3)  # dup2 targets are inheritable: they survive exec
            os.dup2(answers, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds are non-inheritable by default; only 3 and 4 pass
            preexec_fn=plumb,  # noqa: PLW1509 - single-threaded test helper
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == ident:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.monotonic() + timeout
        while True:
            event = self._read_message(deadline)
            self.events.append(event)
            if event.get("method") == method:
                return event


def _errors(events: list[dict[str, Any]]) -> list[str]:
    out = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            out.append("console: " + " ".join(str(a.get("value")) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            out.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            out.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")
    return out


def inspect_page(page: Path, measure_js: str, screenshot: Path, width: int = 1100) -> PageReport:
    """Load `page`, run `measure_js` (an expression returning JSON-able data), screenshot."""
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="grace-chromium-") as profile:
        tools = DevTools(binary, Path(profile))
        try:
            targets = tools.send("Target.getTargets")["targetInfos"]
            page_target = next(t for t in targets if t["type"] == "page")
            session = tools.send(
                "Target.attachToTarget", {"targetId": page_target["targetId"], "flatten": True}
            )["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                tools.send(f"{domain}.enable", session=session)
            tools.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            tools.events.clear()
            tools.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
            tools.wait_event("Page.loadEventFired")
            result = tools.send(
                "Runtime.evaluate",
                {"expression": measure_js, "returnByValue": True},
                session=session,
            )
            report = PageReport(errors=_errors(tools.events))
            report.measured = result.get("result", {}).get("value")
            height = tools.send(
                "Runtime.evaluate",
                {"expression": "document.documentElement.scrollHeight", "returnByValue": True},
                session=session,
            )["result"]["value"]
            tools.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": int(height), "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            shot = tools.send("Page.captureScreenshot", {"format": "png"}, session=session)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            report.screenshot = screenshot
            report.errors += [e for e in _errors(tools.events) if e not in report.errors]
            return report
        finally:
            tools.close()
