"""The analysis process: one job at a time, read from a socket, answered on it.

The gateway process (`gateway.analysis_pool`) talks to each analysis process over
its own socketpair, with no threads on either side of the wire: a job is one
frame (the arguments pickled, the message's bytes sent after them as they are),
an answer is one frame (the result pickled).  The first frame a process sends
says whether it could compile the policies it was started with, so no job is
ever timed against a compile.

Frames: a job is `!QQ` (length of the pickled part, length of the raw bytes),
the pickled `(fn, kwargs, new_settings, data_arg)`, then the raw bytes, which
the process passes to `fn` as the keyword `data_arg`.  An answer is `!Q` and
its pickle: ("ok", result), ("error", detail, traceback) or ("unknown-settings",).

Settings travel once per process: the gateway sends their pickled bytes with the
first job that needs them (`new_settings`, by key) and a `SettingsRef` after
that.  Both sides keep the same few keys in the same first-in-first-out order;
a process that lost a key anyway answers "unknown-settings" and gets them again.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import socket
import struct
import threading
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from gateway.compliance.commitments import commitments_of
from gateway.config import ConfigError, Settings
from gateway.pipeline import Analysis, Analyzer
from gateway.prepared_note import NotePlan, Prepared, prepare
from gateway.scope import Envelope
from policies.engine import PolicySet

JOB_HEAD = struct.Struct("!QQ")
ANSWER_HEAD = struct.Struct("!Q")
#: Settings (pickled) each process keeps; the gateway mirrors this order.
SETTINGS_KEPT = 8


@dataclass(frozen=True, slots=True)
class SettingsRef:
    """Stands for settings the process already has (by the key of their bytes)."""

    key: bytes


#: Compiled policy sets in this process, by their configuration (a few at most).
_POLICIES: dict[bytes, PolicySet] = {}
#: Settings and their Analyzer in this process, by key.
_SETTINGS: OrderedDict[bytes, tuple[Settings, Analyzer | None]] = OrderedDict()


class UnknownSettings(Exception):
    """A job named settings this process does not hold (any more)."""


def keep_settings(key: bytes, blob: bytes) -> None:
    """Remember settings by key, forgetting the oldest beyond SETTINGS_KEPT."""
    if key in _SETTINGS:
        return
    if len(_SETTINGS) >= SETTINGS_KEPT:
        _SETTINGS.popitem(last=False)
    _SETTINGS[key] = (pickle.loads(blob), None)  # noqa: S301 - our own parent's bytes


def _resolve(value: Any) -> Any:
    if not isinstance(value, SettingsRef):
        return value
    try:
        return _SETTINGS[value.key][0]
    except KeyError:
        raise UnknownSettings from None


def analyzer(settings: Settings) -> Analyzer:
    """An Analyzer for `settings`; the policies are compiled once per configuration."""
    key = pickle.dumps(settings.policies)
    policies = _POLICIES.get(key)
    if policies is None:
        p = settings.policies
        policies = PolicySet.load(p.packs, p.rules, p.disable)
        if len(_POLICIES) >= 4:
            _POLICIES.pop(next(iter(_POLICIES)))
        _POLICIES[key] = policies
    return Analyzer(settings, policies=policies)


def _analyzer_for(value: Settings | SettingsRef) -> Analyzer:
    if not isinstance(value, SettingsRef):
        return analyzer(value)
    settings, known = _SETTINGS.get(value.key, (None, None))
    if settings is None:
        raise UnknownSettings
    if known is None:
        known = analyzer(settings)
        _SETTINGS[value.key] = (settings, known)
    return known


def analyse(settings: Settings | SettingsRef, raw: bytes, envelope: Envelope,
            received_at: datetime) -> Analysis:
    """The job the gateway sends for every in-scope message."""
    analysis = _analyzer_for(settings).analyse(raw, envelope, received_at)
    if analysis.reply is None:
        return analysis
    # Read here, not on the gateway's event loop (the audit record needs them).
    promised = commitments_of(analysis.reply, include_evidence=True)
    return replace(analysis, commitments=tuple(promised))


def analyse_and_prepare(settings: Settings | SettingsRef, raw: bytes, envelope: Envelope,
                        received_at: datetime, plan: NotePlan) -> tuple[Analysis, Prepared]:
    """`analyse`, then the hold record and note its verdict calls for (see
    gateway.prepared_note): one job instead of two for a held reply."""
    analysis = analyse(settings, raw, envelope, received_at)
    resolved = settings if isinstance(settings, Settings) else _resolve(settings)
    return analysis, prepare(resolved, analysis, raw, plan)


def info(settings: Settings) -> tuple[str, Any, Any]:
    """Compile the policies; report what the gateway needs of them."""
    try:
        compiled = analyzer(settings)
    except ConfigError as exc:
        return ("config-error", str(exc), None)
    except Exception as exc:  # noqa: BLE001 - reported to the starting gateway
        return ("error", f"{type(exc).__name__}: {exc}", None)
    pack = compiled.policies.pack
    rules = {"reply.unchecked": pack.rule("reply.unchecked")}
    return ("ok", compiled.policy_version, rules)


# ----------------------------------------------------------------- the process


def _recv_exact(sock: socket.socket, n: int) -> bytearray | None:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            return None
        got += k
    return buf


def _answer(sock: socket.socket, value: Any) -> None:
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an unpicklable result is the job's error
        payload = pickle.dumps(("error", f"the result could not be sent ({exc})", ""))
    sock.sendall(ANSWER_HEAD.pack(len(payload)) + payload)


def _run_job(meta: bytes, data: bytes) -> Any:
    fn, kwargs, new_settings, data_arg = pickle.loads(meta)  # noqa: S301 - our parent's
    for key, blob in new_settings:
        keep_settings(key, blob)
    try:
        args = {name: _resolve(value) for name, value in kwargs.items()}
        if data_arg:
            args[data_arg] = data
        return ("ok", fn(**args))
    except UnknownSettings:
        return ("unknown-settings",)
    except Exception as exc:  # noqa: BLE001 - reported to the gateway, which decides
        return ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=20))


def main(sock: socket.socket, parent: int, key: bytes, blob: bytes | None) -> None:
    """The analysis process: compile, say so, then answer jobs until the gateway
    closes its end of the socket (or dies)."""
    # The gateway decides when analysis stops; a Ctrl-C or a SIGTERM sent to the
    # whole process group must not kill a job in the middle of a drain.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if os.getppid() != parent:  # the gateway died while this process was starting
        os._exit(0)
    # A job that runs when the gateway dies would otherwise finish first.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                     name="parent-watch").start()
    sock.setblocking(True)
    ready: tuple[str, Any, Any] = ("ok", None, None)
    if blob is not None:
        keep_settings(key, blob)
        ready = info(_SETTINGS[key][0])
    # The compiled policies live as long as the process: keep the collector from
    # walking them again and again (each full collection visited all of them).
    gc.collect()
    gc.freeze()
    try:
        _answer(sock, ("ready", ready))
        while True:
            head = _recv_exact(sock, JOB_HEAD.size)
            if head is None:
                break
            meta_len, data_len = JOB_HEAD.unpack(head)
            meta = _recv_exact(sock, meta_len)
            data = _recv_exact(sock, data_len) if data_len else bytearray()
            if meta is None or data is None:
                break
            _answer(sock, _run_job(bytes(meta), bytes(data)))
    except OSError:
        pass  # the gateway closed its end or died: nothing is left to answer
    os._exit(0)


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)
