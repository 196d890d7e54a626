"""`grace audit report` on a log written by a real gateway run, checked in Chromium."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .auditkit import AGENT, OTHER_AGENT, grace
from .chromium import chromium_binary, inspect_page

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


class _Tags(HTMLParser):
    """Every tag with its attributes, to check what the page would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def report(log, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    out = tmp_path / "report.html"
    code, stdout, err = grace("audit", "report", "--config", log.config, "--out", out, *args)
    return code, out.read_text(encoding="utf-8") if out.exists() else "", err


def test_html_report_is_self_contained(real_log, tmp_path):
    code, html, err = report(real_log, tmp_path)
    assert code == 0 and "Wrote the html report" in err
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    for tag, attrs in tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") ==
           "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) >= 5 and all(a.get("role") == "img" and a.get("aria-labelledby")
                                  for a in svgs)


def test_report_counts_what_happened(real_log, tmp_path):
    code, html, _ = report(real_log, tmp_path)
    assert code == 0
    text = re.sub(r"<[^>]+>", " ", html)
    text = " ".join(text.split())
    assert "hash chain checked out" in text
    # Holds and how they ended (the false-positive report released its hold too).
    for outcome in ("2 released", "1 fixed", "1 discarded", "1 expired", "1 still held"):
        assert outcome in text, outcome
    # Per-rule false-positive rate: kind.condescending held 5 replies: one released by
    # its author, one reported as a false positive -> 2 of 5.
    section = html[html.index("id='false-positives'"):html.index("id='senders'")]
    row = re.search(r"<tr><td>kind\.condescending</td>(.*?)</tr>", section).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells == ["5", "1", "1", "1", "40%", "0"]
    assert "kind.condescending: 40% of 5 holds disputed" in text
    # Senders with the most holds, by address (no --pseudonymise).
    assert f"{AGENT}: 5 holds" in text and f"{OTHER_AGENT}: 1 holds" in text
    # Commitments recorded from the forwarded replies.
    assert "I&#x27;ll update you by 3pm tomorrow" in html or "I'll update you by 3pm" in html
    assert "3pm tomorrow" in text and "15:00 UTC today" in text
    # The author's words are shown as text, never as markup.
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Decisions per day by mode.
    assert "Decisions per day in enforce mode" in text
    assert "Out-of-scope messages per day" in text


def test_pseudonymised_report_names_no_sender(real_log, tmp_path):
    code, html, _ = report(real_log, tmp_path, "--pseudonymise")
    assert code == 0
    assert AGENT not in html and OTHER_AGENT not in html
    assert re.search(r"person-[0-9a-f]{8}: 5 holds", html)


def test_text_report_for_the_terminal(real_log):
    code, out, _ = grace("audit", "report", "--config", real_log.config, "--format", "text")
    assert code == 0
    assert out.startswith("Grace Gateway audit report")
    assert "Hash chain: checked out" in out
    assert re.search(r"enforce\s+\d+\s+\(\d+ forward, 6 hold\)", out)
    assert re.search(r"kind\.condescending\s+#+\s+40% \(2 of 5; 1 fixed\)", out)
    assert "Commitments recorded: 5" in out


def test_empty_window_says_so_kindly(real_log, tmp_path):
    code, html, _ = report(real_log, tmp_path, "--since", "2999-01-01")
    assert code == 0 and "nothing to report yet" in html


@pytest.mark.skipif(chromium_binary() is None, reason="chromium not installed (.ci/run "
                    "installs it)")
def test_report_renders_in_headless_chromium(real_log, tmp_path):
    code, html, _ = report(real_log, tmp_path)
    assert code == 0
    measure = """JSON.stringify({
      charts: Array.from(document.querySelectorAll('svg.chart')).map(s => {
        const r = s.getBoundingClientRect();
        const bars = Array.from(s.querySelectorAll('rect.bar')).map(b => b.getBBox());
        return {id: s.id, width: r.width, height: r.height, bars: bars.length,
                visible: bars.filter(b => b.width > 0 && b.height > 0).length,
                title: (s.querySelector('title') || {}).textContent || ''};
      }),
      headings: Array.from(document.querySelectorAll('h2')).map(h => h.textContent),
      scripts: document.scripts.length,
    })"""
    shot = tmp_path / "report.png"
    page = inspect_page(tmp_path / "report.html", measure, shot)
    assert page.errors == []
    import json

    measured = json.loads(page.measured)
    assert measured["scripts"] == 0
    assert measured["headings"][:6] == [
        "Decisions per day, by mode", "Findings per value and rule", "Holds and how they ended",
        "False-positive rate per rule", "Senders with the most holds",
        "Commitments made to customers"]
    charts = {c["id"]: c for c in measured["charts"]}
    for ident in ("decisions-0", "values", "rules", "outcomes", "fp-rate", "senders"):
        chart = charts[ident]
        assert chart["width"] > 100 and chart["height"] > 20, chart
        assert chart["bars"] > 0 and chart["visible"] == chart["bars"], chart
        assert chart["title"]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    if os.environ.get("GRACE_KEEP_ARTIFACTS", "1") != "0":
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy2(shot, ARTIFACTS / "audit-report.png")
        shutil.copy2(tmp_path / "report.html", ARTIFACTS / "audit-report.html")
