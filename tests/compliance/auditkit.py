"""Audit logs written by REAL gateway runs, shared by the compliance tests.

(Helpers and fixture bodies; `conftest.py` in this directory registers the fixtures.)

`real_log` starts a gateway (in-process, real SMTP on loopback, an aiosmtpd sink
as the next hop, a real SQLite store), sends replies that are forwarded, held,
released by mail, discarded by mail, reported as false positives, superseded by
a corrected reply, left on hold, plus out-of-scope mail, then stops it.  The
tests read that log through the `grace` command line.  Nothing here writes
audit rows by hand.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import importlib.util
import io
import re
import shutil
import smtplib
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

from gateway.config import Settings, load_settings


def _root_conftest() -> ModuleType:
    """tests/conftest.py (its fixtures and helpers), whatever name it was loaded under:
    every test directory's conftest is called `conftest`, so import by path."""
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve() == path:
            return module
    spec = importlib.util.spec_from_file_location("grace_tests_conftest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_root = _root_conftest()
AGENT, CUSTOMER, LOOPBACK = _root.AGENT, _root.CUSTOMER, _root.LOOPBACK
InProcessGateway, Sink = _root.InProcessGateway, _root.Sink
audit_records, base_config, free_port = _root.audit_records, _root.base_config, _root.free_port
wait_until, write_config = _root.wait_until, _root.write_config

OTHER_AGENT = "lee@support.acme.example"

CLEAN = (
    "Hi Kim,\r\n\r\nThank you for your patience. I have issued the refund of 40 EUR today. "
    "I'll update you by 3pm tomorrow with the bank's reference.\r\n\r\nBest regards,\r\nMaria\r\n"
)
RUDE = (
    "Hi Kim,\r\n\r\nAs I already told you, this is obviously your fault. "
    "Just read the manual.\r\n\r\nMaria\r\n"
)
JARGON = (
    "Hi Kim,\r\n\r\nThank you for your patience. Your ticket went to L2 and the SRE on call "
    "found the RCA; I'll update you by 15:00 UTC today with the details.\r\n\r\nMaria\r\n"
)
MARKUP = (
    "Hi Kim,\r\n\r\nThank you for your patience. I'll send the fixed "
    "<script>alert(1)</script> template by 4pm today.\r\n\r\nMaria\r\n"
)
EMPTY = "\r\n"
FORMULA_SUBJECT = '=HYPERLINK("http://evil.example","Re: refund")'


def reply(body: str, msgid: str, *, thread: str, subject: str = "Re: Your refund",
          sender: str = AGENT) -> bytes:
    return (
        f"From: <{sender}>\r\nTo: Kim <{CUSTOMER}>\r\nSubject: {subject}\r\n"
        f"In-Reply-To: <{thread}@customer.example>\r\nReferences: <{thread}@customer.example>\r\n"
        f"Message-ID: <{msgid}@support.acme.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body
    ).encode("utf-8")


def send(port: int, raw: bytes, sender: str = AGENT, rcpts: Sequence[str] = (CUSTOMER,)
         ) -> tuple[int, str]:
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(sender)
        for rcpt in rcpts:
            assert client.rcpt(rcpt)[0] == 250
        code, text = client.data(raw)
        return code, text.decode()


@dataclass
class RealLog:
    """A gateway's audit log plus what the test run did to produce it."""

    config: Path
    settings: Settings
    holds: dict[str, str] = field(default_factory=dict)  # outcome -> hold id
    message_ids: dict[str, str] = field(default_factory=dict)  # label -> Message-ID

    @property
    def db(self) -> Path:
        return self.settings.db_path

    def records(self) -> list[dict]:
        return audit_records(self.settings)

    def copy(self, target: Path, **overrides: dict) -> RealLog:
        """A copy of the state (database and spool) with its own config file."""
        state = target / "state"
        shutil.copytree(self.settings.state.dir, state,
                        ignore=shutil.ignore_patterns("grace.db*"))
        src = sqlite3.connect(self.db)  # a consistent copy, WAL included
        dst = sqlite3.connect(state / "grace.db")
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
        import tomllib

        data = tomllib.loads(self.config.read_text(encoding="utf-8"))
        data["state"]["dir"] = str(state)
        for section, values in overrides.items():
            data.setdefault(section, {}).update(values)
        path = write_config(target / "grace.toml", data)
        return RealLog(path, load_settings(path), dict(self.holds), dict(self.message_ids))


class Driver:
    """Sends mail through a running gateway and acts on its review notes by mail."""

    def __init__(self, gateway: InProcessGateway, sink: Sink) -> None:
        self.gateway, self.sink = gateway, sink

    def send(self, raw: bytes, sender: str = AGENT, rcpts: Sequence[str] = (CUSTOMER,)
             ) -> tuple[int, str]:
        return send(self.gateway.port, raw, sender, rcpts)

    def hold(self, msgid: str, thread: str, body: str = RUDE, sender: str = AGENT
             ) -> tuple[str, email.message.EmailMessage]:
        code, text = self.send(reply(body, msgid, thread=thread, sender=sender), sender=sender)
        assert code == 250 and "held for review as " in text, text
        hold_id = text.split("held for review as ", 1)[1].split(";", 1)[0]
        return hold_id, self.note(hold_id, sender)

    def note(self, hold_id: str, author: str = AGENT) -> email.message.EmailMessage:
        def find():
            for m in self.sink.to(author):
                msg = email.message_from_bytes(m.data, policy=email.policy.default)
                if msg.get("X-Grace-Gateway", "") == f"hold={hold_id}":
                    return msg
            return None

        note = wait_until(find, timeout=15)
        assert note is not None, f"no review note for {hold_id}"
        return note

    @staticmethod
    def address(note: email.message.EmailMessage, kind: str) -> str:
        body = note.get_body(preferencelist=("plain",)).get_content()
        return re.search(rf"grace-{kind}\+[a-z0-9]+@acme\.example", body).group(0)

    def expire(self, hold_id: str) -> None:
        """Run the gateway's timeout guard as if the hold's deadline had passed."""
        gateway = self.gateway
        hold = gateway.call(gateway.server.store.get_hold(hold_id))
        service = gateway.server.gateway.hooks.control
        report = gateway.call(service.tick(hold.deadline + timedelta(seconds=1)))
        assert hold_id in report.kept, report

    def control(self, to: str, body: str, sender: str = AGENT) -> str:
        raw = (
            f"From: <{sender}>\r\nTo: <{to}>\r\nSubject: Re: your note\r\n"
            f"Message-ID: <c{time.monotonic_ns()}@support.acme.example>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        ).encode()
        code, text = self.send(raw, sender=sender, rcpts=(to,))
        assert code == 250, text
        return text


@contextlib.contextmanager
def running_gateway(tmp: Path, loop, pool, **sections: dict) -> Iterator[tuple[Driver, Path]]:
    """A gateway on the tests' shared loop and analysis pool, relaying to a new sink."""
    sink = Sink().start()
    gateway = None
    try:
        config = write_config(tmp / "grace.toml",
                              base_config(tmp / "state", free_port(), sink.port, **sections))
        gateway = InProcessGateway(config, loop, pool).start()
        yield Driver(gateway, sink), config
    finally:
        if gateway is not None:
            gateway.stop()
        sink.stop()


def _wait_for_kinds(settings: Settings, wanted: dict[str, int]) -> None:
    def ready():
        kinds: dict[str, int] = {}
        for r in audit_records(settings):
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        return all(kinds.get(k, 0) >= n for k, n in wanted.items())

    assert wait_until(ready, timeout=20), f"audit log never had {wanted}"


@pytest.fixture(scope="session")
def real_log(tmp_path_factory: pytest.TempPathFactory, gateway_loop, analysis_pool) -> RealLog:
    tmp = tmp_path_factory.mktemp("real-log")
    log: RealLog
    with running_gateway(tmp, gateway_loop, analysis_pool,
                         holds={"on_timeout": "keep"}) as (drive, config):
        ids: dict[str, str] = {}
        holds: dict[str, str] = {}
        # Forwarded, with a commitment.
        assert drive.send(reply(CLEAN, "clean1", thread="t-clean"))[0] == 250
        ids["clean"] = "<clean1@support.acme.example>"
        # Forwarded with advice (clear.jargon), then the advice reported as wrong.
        assert drive.send(reply(JARGON, "jargon1", thread="t-jargon"))[0] == 250
        ids["jargon"] = "<jargon1@support.acme.example>"
        # Held, then released by the author with a reason.
        holds["released"], note = drive.hold("rude1", "t1")
        assert "released" in drive.control(Driver.address(note, "release"),
                                           "The customer asked for these exact words.")
        # Held, then discarded.
        holds["discarded"], note = drive.hold("rude2", "t2")
        assert "discarded" in drive.control(Driver.address(note, "release"),
                                            "discard\nI will write a new one.")
        # Held, then reported as a false positive (which releases it).
        holds["false-positive"], note = drive.hold("rude3", "t3", sender=OTHER_AGENT)
        drive.control(Driver.address(note, "false-positive"),
                      "It quotes the contract word for word.", sender=OTHER_AGENT)
        # Held, then superseded by a corrected reply in the same thread.
        holds["fixed"], _ = drive.hold("rude4", "t4")
        assert drive.send(reply(CLEAN, "fixed4", thread="t4"))[0] == 250
        # Held, and its time ran out ([holds] on_timeout = keep): the gateway's own
        # timeout guard runs at a moment past the hold's deadline.
        holds["expired"], _ = drive.hold("rude9", "t9")
        drive.expire(holds["expired"])
        # Held and left on hold (an empty reply).
        holds["open"], _ = drive.hold("empty5", "t5", body=EMPTY)
        # A subject a spreadsheet would run as a formula (CSV export must defuse it).
        assert drive.send(reply(CLEAN, "formula6", thread="t6", subject=FORMULA_SUBJECT))[0] \
            == 250
        ids["formula"] = "<formula6@support.acme.example>"
        # Markup in the author's words (the report must show it as text, never run it).
        assert drive.send(reply(MARKUP, "markup8", thread="t8"))[0] == 250
        ids["markup"] = "<markup8@support.acme.example>"
        # Out of scope: internal mail passes through untouched.
        assert drive.send(reply("Lunch at 12?", "internal7", thread="t7"),
                          rcpts=("boss@acme.example",))[0] == 250
        ids["internal"] = "<internal7@support.acme.example>"
        settings = load_settings(config)
        _wait_for_kinds(settings, {"released": 1, "discarded": 1, "superseded": 1,
                                   "false-positive": 1, "expired": 1, "note-sent": 6})
        log = RealLog(config, settings, holds, ids)
    return log


@pytest.fixture(scope="session")
def private_log(tmp_path_factory: pytest.TempPathFactory, gateway_loop, analysis_pool
                ) -> RealLog:
    """A gateway with every [audit] privacy switch on."""
    tmp = tmp_path_factory.mktemp("private-log")
    private = {"include_subject": False, "include_evidence": False,
               "pseudonymise_recipients": True}
    with running_gateway(tmp, gateway_loop, analysis_pool, audit=private) as (drive, config):
        assert drive.send(reply(CLEAN, "p-clean", thread="p1"))[0] == 250
        hold_id, note = drive.hold("p-rude", "p2")
        drive.control(Driver.address(note, "release"), "Agreed with the customer.")
        settings = load_settings(config)
        _wait_for_kinds(settings, {"released": 1, "note-sent": 1})
        return RealLog(config, settings, {"released": hold_id},
                       {"clean": "<p-clean@support.acme.example>"})


def grace(*args: str | Path) -> tuple[int, str, str]:
    """Run the `grace` command line in this process: (exit status, stdout, stderr)."""
    from gateway.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()
