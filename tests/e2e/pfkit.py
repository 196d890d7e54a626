"""A private, loopback-only Postfix instance wired to the gateway as deploy/ says.

The instance stands for an organisation's existing Postfix (`SITE_MAIN_CF`,
`SITE_MASTER_CF`: its own config and queue directories under a temp dir, loopback
high ports only, every delivery going to an aiosmtpd sink instead of the
Internet).  The gateway wiring is NOT written here: it is read from the files in
deploy/postfix/ and only their ports and paths are substituted, following
deploy/postfix/README.md step by step (append main.cf, append master.cf, copy
grace_transport and postmap it, check, start).

Sandbox notes (from /work/shared/harness): no syslog here, so `maillog_file` with
the postlogd service; every service runs with chroot = n; the temp dir is
chmod 755 so the postfix user can reach its queue.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
POSTFIX_BINARIES = ("postfix", "postconf", "postmap", "postqueue")

#: The deploy files use these; the test replaces exactly these and nothing else.
GATEWAY_PORT = "10025"
REINJECT_PORT = "10026"
CONFIG_DIR = "/etc/postfix"


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports below Linux's ephemeral range (32768+), so no
    outgoing connection takes one between now and the moment it is bound."""
    chosen: list[int] = []
    rng = random.Random()
    while len(chosen) < count:
        port = rng.randint(20000, 32000)
        if port in chosen:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        chosen.append(port)
    return chosen


def missing_binaries() -> list[str]:
    return [b for b in POSTFIX_BINARIES
            if shutil.which(b) is None and not Path("/usr/sbin", b).exists()]


def substitute(text: str, replacements: Mapping[str, str], *, source: str) -> str:
    """Replace each key, which must occur in `text` (a value renamed in deploy/
    fails loudly here instead of being silently left alone)."""
    for old, new in replacements.items():
        if old not in text:
            raise AssertionError(f"{source} no longer contains {old!r}; update the e2e test")
        text = text.replace(old, new)
    return text


def deploy_text(path: Path, replacements: Mapping[str, str]) -> str:
    """A deploy file with ports and paths replaced wherever they occur (settings
    and comments alike); those that occur nowhere in it are skipped."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        pattern = re.escape(old) if not old.isdigit() else rf"(?<![0-9]){old}(?![0-9])"
        text = re.sub(pattern, new, text)
    return text


@dataclass(frozen=True)
class Ports:
    client: int  # the site's smtpd, where mail enters
    gateway: int  # grace serve ([server] listen)
    reinject: int  # the 10026 listener
    sink: int  # the final destination of everything
    http: int  # the gateway's /healthz and /metrics


SITE_MAIN_CF = """\
# --- the site's own Postfix settings (a loopback-only stand-in) -------------
compatibility_level = 3.6
queue_directory = {root}/spool
data_directory = {root}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
myhostname = mx.acme.example
mydomain = acme.example
myorigin = $mydomain
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtp_bind_address = 127.0.0.1
smtp_dns_support_level = disabled
default_transport = smtp:[127.0.0.1]:{sink}
relay_transport = smtp:[127.0.0.1]:{sink}
local_transport = error:local delivery is off in this test
alias_maps =
alias_database =
# Retries only when the test flushes the queue (postqueue -f).
queue_run_delay = 300s
minimal_backoff_time = 300s
maximal_backoff_time = 600s

"""

SITE_MASTER_CF = """\
# --- the site's own services (Debian's list, chroot = n) --------------------
127.0.0.1:{client} inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n -  0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -  - trivial-rewrite
bounce    unix  - - n -  0 bounce
defer     unix  - - n -  0 bounce
trace     unix  - - n -  0 bounce
verify    unix  - - n -  1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -  - proxymap
proxywrite unix - - n -  1 proxymap
smtp      unix  - - n -  - smtp
relay     unix  - - n -  - smtp
showq     unix  n - n -  - showq
error     unix  - - n -  - error
retry     unix  - - n -  - error
discard   unix  - - n -  - discard
anvil     unix  - - n -  1 anvil
scache    unix  - - n -  1 scache
postlog   unix-dgram n - n - 1 postlogd

"""


class PrivatePostfix:
    """One Postfix instance under `root` (config in root/etc, queue in root/spool)."""

    def __init__(self, root: Path, ports: Ports) -> None:
        self.root = root
        self.ports = ports
        self.etc = root / "etc"
        self.spool = root / "spool"
        self.maillog = root / "maillog"
        self.started = False

    # ------------------------------------------------------------ set-up
    def _deploy(self, name: str) -> str:
        """A deploy/postfix file with only its ports and paths replaced."""
        path = DEPLOY / "postfix" / name
        return deploy_text(path, {
            GATEWAY_PORT: str(self.ports.gateway),
            REINJECT_PORT: str(self.ports.reinject),
            CONFIG_DIR: str(self.etc),
        })

    def write_config(self) -> None:
        self.root.chmod(0o755)
        for sub in ("etc", "spool", "data"):
            (self.root / sub).mkdir(exist_ok=True)
        shutil.chown(self.root / "data", "postfix", "postfix")
        values = {"root": self.root, "sink": self.ports.sink, "client": self.ports.client}
        # deploy/postfix/README.md, "Wire": append main.cf and master.cf ...
        (self.etc / "main.cf").write_text(
            SITE_MAIN_CF.format(**values) + self._deploy("main.cf"), encoding="utf-8")
        (self.etc / "master.cf").write_text(
            SITE_MASTER_CF.format(**values) + self._deploy("master.cf"), encoding="utf-8")
        # ... install the transport map and build it with postmap.
        (self.etc / "grace_transport").write_text(self._deploy("grace_transport"),
                                                  encoding="utf-8")
        self.run("postmap", "-c", str(self.etc), f"hash:{self.etc}/grace_transport")

    def run(self, *argv: str, timeout: float = 60.0, check: bool = True
            ) -> subprocess.CompletedProcess[str]:
        """Run a Postfix command (found in /usr/sbin even when that is not on PATH)."""
        program = shutil.which(argv[0]) or str(Path("/usr/sbin", argv[0]))
        result = subprocess.run([program, *argv[1:]], capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: "
                               f"{result.stdout}{result.stderr}\n{self.log_tail()}")
        return result

    def start(self) -> None:
        self.run("postfix", "-c", str(self.etc), "check")
        self.started = True
        self.run("postfix", "-c", str(self.etc), "start")

    def stop(self) -> None:
        if not self.started:
            return
        self.started = False
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.run("postfix", "-c", str(self.etc), "stop", check=False, timeout=60)
        pid_file = self.spool / "pid" / "master.pid"
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text().strip())
            end = time.monotonic() + 10
            while time.monotonic() < end and _alive(pid):
                time.sleep(0.1)
            if _alive(pid):  # `postfix stop` did not work: stop the master we started
                os.kill(pid, signal.SIGTERM)

    # ------------------------------------------------------------ inspection
    def postconf(self, *args: str) -> str:
        return self.run("postconf", "-c", str(self.etc), *args).stdout

    def warnings(self) -> list[str]:
        """Configuration warnings Postfix logged (unused or unknown parameters ...)."""
        return [line for line in self.log_lines() if "warning:" in line
                and ("parameter" in line or "master.cf" in line or "main.cf" in line)]

    def queue(self) -> list[dict]:
        """The messages in the queue (postqueue -j: one JSON object per message)."""
        out = self.run("postqueue", "-c", str(self.etc), "-j").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def flush(self) -> None:
        self.run("postqueue", "-c", str(self.etc), "-f")

    def log_lines(self) -> list[str]:
        try:
            return self.maillog.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def log_tail(self, n: int = 30) -> str:
        return "\n".join(self.log_lines()[-n:])

    def statuses(self, status: str) -> list[str]:
        return [line for line in self.log_lines() if f" status={status} " in line]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def gateway_config(root: Path, ports: Ports, *, mode: str = "enforce", workers: int = 2) -> Path:
    """deploy/grace.example.toml with the test's ports, state directory and mode."""
    path = DEPLOY / "grace.example.toml"
    text = substitute(path.read_text(encoding="utf-8"), {
        'listen = "127.0.0.1:10025"': f'listen = "127.0.0.1:{ports.gateway}"',
        'next_hop = "127.0.0.1:10026"': f'next_hop = "127.0.0.1:{ports.reinject}"',
        'listen = "127.0.0.1:10027"': f'listen = "127.0.0.1:{ports.http}"',
        'dir = "/var/lib/grace"': f'dir = "{root / "state"}"',
        'default = "monitor"': f'default = "{mode}"',
        "workers = 2": f"workers = {workers}",
        'retry_after = "1m"': 'retry_after = "2s"',
    }, source=str(path))
    out = root / "grace.toml"
    out.write_text(text, encoding="utf-8")
    return out
