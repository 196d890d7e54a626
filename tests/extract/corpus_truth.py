"""Ground truth for extraction measurements, read from the corpus generators.

Each corpus folder ships `build.py` with the case data (the author's own words,
the quoted customer text, the signature and the customer's message time).  This
module imports those generators in place (read-only; it never calls their
`build()`), so a *measurement script* can check what `extract_reply` returns
against what the author wrote.  It is not used by the tests' assertions on the
product's behaviour, only for measuring.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

CORPUS = Path("/work/shared/corpus")


@dataclass
class Truth:
    folder: str
    file: str
    path: Path
    expect: str
    rules: list[str]
    fmt: str
    author: str
    quoted: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    customer_at: datetime | None = None
    kind: str = "reply"


def _load_module(folder: Path):
    name = f"_corpus_build_{folder.name.replace('-', '_')}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, folder / "build.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _signature(mod, c) -> list[str]:
    lines: list[str] = []
    if hasattr(mod, "sig_lines"):
        try:
            lines = list(mod.sig_lines(c))
        except (KeyError, TypeError):
            lines = []
    elif hasattr(mod, "SIGS"):
        lines = list(mod.SIGS.get(c.get("frm"), []))
    if c.get("tool") == "intercom" and hasattr(mod, "first_name"):
        lines.append(f"{mod.first_name(c['frm'])} from {mod.brand(c)}")
    if c.get("disclaimer"):
        lines.append(c["disclaimer"])
    return [ln for ln in lines if ln.strip() not in ("--", "-- ", "")]


def load(folder_name: str) -> list[Truth]:
    import json

    folder = CORPUS / folder_name
    mod = _load_module(folder)
    labels = {}
    for line in (folder / "labels.jsonl").read_text().splitlines():
        if line.strip():
            lab = json.loads(line)
            labels[lab["file"]] = lab
    out = []
    for i, c in enumerate(mod.ordered_cases(), 1):
        fname = mod.filename(i, c)
        lab = labels[fname]
        author = mod.author_text(c) if hasattr(mod, "author_text") else c.get("body", "")
        quoted: list[str] = []
        if c.get("cust_text"):
            quoted.append(c["cust_text"])
        if c.get("older"):
            quoted.append(c["older"][2])
        for q, _a in c.get("inline") or []:
            quoted.append(q)
        cust_at = c.get("cust_at")
        if "hist" in c:
            quoted.extend(t for _k, _dt, t in c["hist"])
            newest = mod.newest_customer(c) if c["hist"] else None
            cust_at = newest[1] if newest else None
        out.append(
            Truth(
                folder=folder_name,
                file=fname,
                path=folder / fname,
                expect=lab["expect"],
                rules=lab["rules"],
                fmt=lab["format"],
                author=author or "",
                quoted=quoted,
                signature=_signature(mod, c),
                customer_at=cust_at,
                kind=c.get("kind", "reply"),
            )
        )
    return out


FOLDERS = ("dev", "dev-b", "dev-c")
