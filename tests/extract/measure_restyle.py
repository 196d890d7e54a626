"""Re-render every corpus case in every mail-client / help-desk style and measure
extraction on combinations the corpus does not contain (a script, not a test).

    python tests/extract/measure_restyle.py [-v]

dev and dev-b cases are rendered with each client style their generator knows
(Gmail UK/US, Apple, Thunderbird ISO/German, iPhone, Outlook classic/new/Mac,
Outlook HTML, Gmail HTML, Apple HTML, help-desk HTML, quoted-printable,
base64); dev-c cases with each of the five help desks, as multipart/alternative
and as HTML only.  Scored like measure_corpus.py: the author's words present,
no quoted/signature text, and customer_sent_at equal to the generator's time.
"""

from __future__ import annotations

import collections
import copy
import sys
from email import policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus_truth as ct  # noqa: E402
from measure import score  # noqa: E402
from measure_corpus import html_only  # noqa: E402

from gateway.extract import extract_reply  # noqa: E402

CLIENT_STYLES = [
    ("gmail-uk", "plain"),
    ("gmail-us", "plain"),
    ("apple", "plain"),
    ("tb-iso", "plain"),
    ("tb-de", "plain"),
    ("iphone", "plain"),
    ("outlook", "plain"),
    ("outlook-new", "plain"),
    ("outlook-mac", "plain"),
    ("outlook-html", "alternative"),
    ("outlook-html", "html"),
    ("gmail-html", "html"),
    ("gmail-uk", "alternative"),
    ("apple-html", "alternative"),
    ("helpdesk-html", "html"),
    ("gmail-uk", "qp"),
    ("outlook", "base64"),
]
TOOLS = ["zendesk", "freshdesk", "helpscout", "jsm", "intercom"]


def _signature(mod, c) -> list[str]:
    lines = mod.sig_lines(c) if hasattr(mod, "sig_lines") else mod.SIGS.get(c["frm"], [])
    out = [x for x in lines if x.strip() not in ("--", "")]
    if c.get("tool") == "intercom":
        out.append(f"{mod.first_name(c['frm'])} from {mod.brand(c)}")
    if c.get("disclaimer"):
        out.append(c["disclaimer"])
    return out


def run(folder: str, variants, verbose: bool) -> None:
    mod = ct._load_module(ct.CORPUS / folder)
    truths = {t.file: t for t in ct.load(folder)}
    counts: collections.Counter = collections.Counter()
    problems = []
    for i, c in enumerate(mod.ordered_cases(), 1):
        fname = mod.filename(i, c)
        truth = truths[fname]
        if truth.expect == "pass-through" or c.get("kind", "reply") != "reply" or c.get("inline"):
            continue
        for key, change, as_html in variants:
            c2 = copy.deepcopy(c)
            c2.update(change)
            try:
                msg = mod.build_message(c2)
            except Exception:  # noqa: BLE001 - the generator cannot render every combination
                counts[key + ("skipped",)] += 1
                continue
            raw = msg.as_bytes(policy=policy.SMTP)
            if as_html:
                raw = html_only(raw)
            reply = extract_reply(raw)
            t2 = copy.copy(truth)
            t2.signature = _signature(mod, c2)
            s = score(reply.text, t2)
            time_ok = reply.customer_sent_at == truth.customer_at
            counts[key + ("n",)] += 1
            counts[key + ("right",)] += s.right
            counts[key + ("time",)] += time_ok
            if not (s.right and time_ok):
                problems.append((key, fname, s.missing[:1], s.leaks[:2], reply.customer_sent_at))
    for key, _change, _html in variants:
        n = counts[key + ("n",)]
        if n:
            print(
                f"{folder:6} {' '.join(key):26} right {counts[key + ('right',)]:>3}/{n:<3} "
                f"time {counts[key + ('time',)]:>3}/{n:<3}"
            )
    if verbose:
        for p in problems:
            print("   ", *p)


def main() -> None:
    verbose = "-v" in sys.argv
    client_variants = [
        ((client, mime), {"client": client, "mime": mime, "attr": "gmail-uk"}, False)
        for client, mime in CLIENT_STYLES
    ]
    for folder in ("dev", "dev-b"):
        run(folder, client_variants, verbose)
    tool_variants = [
        ((tool, form), {"tool": tool}, form == "html-only")
        for tool in TOOLS
        for form in ("alternative", "html-only")
    ]
    run("dev-c", tool_variants, verbose)


if __name__ == "__main__":
    main()
