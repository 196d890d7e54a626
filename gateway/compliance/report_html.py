"""The audit report as one self-contained HTML file.  Pure: ReportData -> str.

No scripts, external fonts, stylesheets or images: a Content-Security-Policy
meta tag forbids every outside fetch, so what the file shows is what the file
holds.  Charts are inline SVG with titles and descriptions; each chart has its
numbers in a table beside it, so the report reads the same with a screen reader,
in print, and with colours switched off.  The report's own words follow the
four values: say what the numbers mean plainly, and say what they cannot prove.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from gateway.compliance import svg
from gateway.compliance.report import (
    DECISION_ORDER,
    MODE_ORDER,
    OUTCOME_ORDER,
    VALUE_ORDER,
    ReportData,
    human_duration,
    percent,
)
from gateway.store.chain import parse_iso

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a;
  background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #d9d9d9; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
p.lead { color: #404040; margin-top: 0; }
figure { margin: 1rem 0; }
figcaption { color: #404040; font-size: .9rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid #e6e6e6; padding: .25rem .6rem; text-align: left;
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #f5f7fa; border-left: 4px solid #0072b2; padding: .5rem .8rem; }
.warn { background: #fdf3ec; border-left: 4px solid #d55e00; padding: .5rem .8rem; }
.ok { background: #eef7f2; border-left: 4px solid #009e73; padding: .5rem .8rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.facts dt { color: #404040; }
dl.facts dd { margin: 0; font-weight: 600; }
details summary { cursor: pointer; color: #0060a0; }
code { font-size: .9em; }
@media print { details { display: block; } details > summary { display: none; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
#: Commitments listed openly; the rest (up to report.MAX_COMMITMENTS) fold away.
_COMMITMENTS_SHOWN = 25


def _fmt_time(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "–"


def _fmt_due(text: str) -> str:
    try:
        return _fmt_time(parse_iso(text)) if text else "–"
    except ValueError:
        return text


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _table(
    head: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()
) -> str:
    out = ["<table><thead><tr>"]
    out += [
        f'<th scope="col"{" class=n" if i in numeric else ""}>{escape(h)}</th>'
        for i, h in enumerate(head)
    ]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        out += [
            f'<td{" class=n" if i in numeric else ""}>{escape(str(cell))}</td>'
            for i, cell in enumerate(row)
        ]
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _numbers(table: str) -> str:
    return f"<details><summary>The numbers behind this chart</summary>{table}</details>"


def _period(data: ReportData) -> str:
    start = data.since or data.first
    end = data.until or data.last
    return f"{_fmt_time(start)} to {_fmt_time(end)}"


def _summary(data: ReportData) -> str:
    decided = sum(data.decisions.values())
    held = data.decisions.get("hold", 0)
    ended = sum(data.outcomes.get(k, 0) for k in ("released", "fixed", "discarded"))
    parts = [
        f"<p>In this period the gateway made {_n(decided, 'decision')}. "
        f"It held {_n(held, 'reply', 'replies')} for the author to review"
        + (f"; {_n(ended, 'hold')} ended with a release, a fix or a discard" if ended else "")
        + (
            f", and the median time on hold was {human_duration(data.median_on_hold)}."
            if data.median_on_hold is not None
            else "."
        )
        + "</p>"
    ]
    if data.chain_ok is True:
        parts.append(
            "<p class='ok'>The audit log's hash chain checked out: "
            f"{escape(data.chain_detail)}</p>"
        )
    elif data.chain_ok is False:
        parts.append(
            '<p class="warn"><strong>The audit log failed its integrity check:</strong> '
            f"{escape(data.chain_detail)}. Run <code>grace audit verify</code> for details; "
            "the numbers below may not be complete.</p>"
        )
    facts = [
        ("Period", _period(data)),
        ("Records read", f"{data.records:,}"),
        ("Decisions", f"{decided:,}"),
        ("Held", f"{held:,}"),
        ("Median time on hold", human_duration(data.median_on_hold)),
        ("Commitments recorded", f"{data.commitments_total:,}"),
        ("Report made", _fmt_time(data.generated)),
    ]
    parts.append(
        '<dl class="facts">'
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        + "</dl>"
    )
    return "".join(parts)


def _bucket_label(day: object, size: int) -> str:
    text = day.strftime("%b %d")  # type: ignore[attr-defined]
    return text if size == 1 else f"wk {text}"


def _decisions(data: ReportData) -> str:
    unit = "day" if data.bucket_days == 1 else "week"
    out = [f"<h2 id='decisions'>Decisions per {unit}, by mode</h2>"]
    if not data.decisions:
        return out[0] + "<p>No decisions were recorded in this period.</p>"
    out.append(
        f"<p class='lead'>One column per {unit}, coloured by what happened to the message. "
        "Mail that was out of scope passed through untouched and is shown on its own.</p>"
    )
    buckets = list(data.per_bucket)
    labels = [_bucket_label(d, data.bucket_days) for d in buckets]
    decisions = [d for d in DECISION_ORDER if d in data.decisions]
    decisions += sorted(set(data.decisions) - set(decisions))
    modes = [m for m in MODE_ORDER if m in data.modes] + sorted(set(data.modes) - set(MODE_ORDER))
    for i, mode in enumerate(modes):
        series = [
            (d, [data.per_bucket[b].get(mode, {}).get(d, 0) for b in buckets]) for d in decisions
        ]
        total = data.modes[mode]
        title = f"Decisions per {unit} in {mode} mode" if mode in MODE_ORDER[:3] else (
            f"Out-of-scope messages per {unit}"
        )
        desc = (
            f"{total:,} decisions in total: "
            + ", ".join(f"{sum(c):,} {d}" for d, c in series if sum(c))
            + "."
        )
        chart = svg.stacked_columns(f"decisions-{i}", title, desc, labels, series)
        table = _table(
            ["Date", *decisions, "Total"],
            (
                [str(b), *(c[j] for _, c in series), sum(c[j] for _, c in series)]
                for j, b in enumerate(buckets)
                if any(c[j] for _, c in series)
            ),
            numeric=range(1, len(decisions) + 2),
        )
        out.append(
            f"<figure><h3>{escape(title)}</h3>{chart}"
            f"<figcaption>{escape(desc)}</figcaption>{_numbers(table)}</figure>"
        )
    return "".join(out)


def _findings(data: ReportData) -> str:
    out = ["<h2 id='findings'>Findings per value and rule</h2>"]
    if not data.rules:
        return out[0] + "<p>No rule fired on any reply in this period.</p>"
    out.append(
        "<p class='lead'>How many replies each value and each rule found something in. "
        "One reply can have findings under several values.</p>"
    )
    values = [v for v in VALUE_ORDER if v in data.values]
    values += sorted(set(data.values) - set(values))
    items = [(v, data.values[v], v) for v in values]
    desc = "; ".join(f"{v}: {n:,} replies" for v, n, _ in items) + "."
    out.append(
        "<figure><h3>Replies with findings, per value</h3>"
        + svg.horizontal_bars("values", "Replies with findings, per value", desc, items)
        + f"<figcaption>{escape(desc)}</figcaption></figure>"
    )
    rules = sorted(data.rules, key=lambda r: (-r.replies, r.rule))
    items = [(r.rule, r.replies, r.value) for r in rules if r.replies]
    desc = "; ".join(f"{r}: {n:,}" for r, n, _ in items[:20]) + "."
    table = _table(
        ["Rule", "Value", "Replies", "Holds"],
        ((r.rule, r.value, r.replies, r.holds) for r in rules),
        numeric=(2, 3),
    )
    out.append(
        "<figure><h3>Replies with findings, per rule</h3>"
        + svg.horizontal_bars("rules", "Replies with findings, per rule", desc, items)
        + f"<figcaption>Colours follow the rule's value.</figcaption>{_numbers(table)}</figure>"
    )
    return "".join(out)


def _holds(data: ReportData) -> str:
    out = ["<h2 id='holds'>Holds and how they ended</h2>"]
    if not data.holds and not data.outcomes:
        return out[0] + "<p>Nothing was held in this period.</p>"
    out.append(
        "<p class='lead'><em>Released</em>: sent on unchanged by the author or a reviewer (or "
        "by the gateway when the hold timed out). <em>Fixed</em>: the author sent a corrected "
        "reply instead. <em>Discarded</em>: nobody sent it. <em>Expired</em>: the hold's time "
        "ran out and it was escalated or kept.</p>"
    )
    outcomes = [o for o in OUTCOME_ORDER if data.outcomes.get(o)]
    items = [(o, data.outcomes[o], o) for o in outcomes]
    suffix = [
        f"(median {human_duration(data.median_by_outcome[o])})"
        if o in data.median_by_outcome
        else ""
        for o in outcomes
    ]
    desc = ", ".join(f"{n:,} {o}" for o, n, _ in items) + (
        f". Median time on hold: {human_duration(data.median_on_hold)}."
    )
    out.append(
        "<figure><h3>How holds ended</h3>"
        + svg.horizontal_bars("outcomes", "How holds ended", desc, items, suffix=suffix)
        + f"<figcaption>{escape(desc)}</figcaption></figure>"
    )
    if data.holds_before_period:
        out.append(
            f"<p>{_n(data.holds_before_period, 'hold')} ended in this period but began "
            "before it; they are counted above but have no time on hold.</p>"
        )
    return "".join(out)


def _false_positives(data: ReportData) -> str:
    out = ["<h2 id='false-positives'>False-positive rate per rule</h2>"]
    rules = [r for r in data.rules if r.holds or r.advice_reports]
    if not rules:
        return out[0] + "<p>No rule caused a hold in this period, so there is nothing to rate.</p>"
    out.append(
        "<p class='lead'>The share of a rule's holds that people disputed: released unchanged "
        "by a person, or reported as a false positive. A release does not prove the rule was "
        "wrong, and a reply that was not released may still have been fine; this is the best "
        "signal the log has, so please read it as a hint about where to look.</p>"
    )
    rules.sort(key=lambda r: (-(r.false_positive_rate or 0), -r.holds, r.rule))
    held = [r for r in rules if r.holds]
    items = [(r.rule, round((r.false_positive_rate or 0) * 100), r.value) for r in held]
    suffix = [f"% ({r.disputed} of {r.holds})" for r in held]
    desc = "; ".join(
        f"{r.rule}: {percent(r.false_positive_rate)} of {r.holds} holds disputed"
        for r in rules if r.holds
    ) + "."
    table = _table(
        ["Rule", "Holds", "Released by a person", "Reported false positive", "Fixed", "Rate",
         "Reports on advice (not held)"],
        ((r.rule, r.holds, r.released, r.reported, r.fixed, percent(r.false_positive_rate),
          r.advice_reports) for r in rules),
        numeric=(1, 2, 3, 4, 5, 6),
    )
    out.append(
        "<figure><h3>Disputed holds per rule (%)</h3>"
        + svg.horizontal_bars("fp-rate", "Disputed holds per rule, in percent", desc, items,
                              suffix=suffix)
        + f"<figcaption>{escape(desc)}</figcaption>{_numbers(table)}</figure>"
    )
    return "".join(out)


def _senders(data: ReportData) -> str:
    out = ["<h2 id='senders'>Senders with the most holds</h2>"]
    if not data.top_senders:
        return out[0] + "<p>No sender had a reply held in this period.</p>"
    note = (
        "Senders are shown as pseudonyms (this report's own random key: the same person has "
        "the same pseudonym within this report only)."
        if data.pseudonymised
        else "Shown by address. Use <code>--pseudonymise</code> when the report is shared "
        "beyond the people who may see who wrote what."
    )
    out.append(
        "<p class='lead'>Many holds usually point to a rule that does not fit someone's work, "
        f"or to someone who would welcome help, rarely to carelessness. {note}</p>"
    )
    items = [(s, n, "hold") for s, n in data.top_senders]
    desc = "; ".join(f"{s}: {n} holds" for s, n in data.top_senders) + "."
    out.append(
        "<figure><h3>Holds per sender (top 10)</h3>"
        + svg.horizontal_bars("senders", "Holds per sender, top 10", desc, items)
        + f"<figcaption>{escape(desc)}</figcaption></figure>"
    )
    return "".join(out)


def _commitments(data: ReportData) -> str:
    out = ["<h2 id='commitments'>Commitments made to customers</h2>"]
    if not data.commitments:
        return out[0] + (
            "<p>No commitments were recorded in this period. The gateway records a time a "
            "reply promises (\"I'll update you by 3pm\") when it checks that reply; replies "
            "out of scope, or a log written with commitments switched off, have none.</p>"
        )
    shown = len(data.commitments)
    more = (
        f" The newest {shown:,} of {data.commitments_total:,} are listed."
        if data.commitments_total > shown
        else ""
    )
    out.append(
        "<p class='lead'>Times that support replies promised to customers, so that each "
        f"promise can be checked against what happened next.{more}</p>"
    )
    rows = [
        (
            _fmt_time(c.time),
            c.sender,
            c.text or "(words not recorded)",
            c.when,
            _fmt_due(c.due),
            {"forward": "sent", "hold": "held"}.get(c.decision, c.decision),
            c.message_id,
        )
        for c in reversed(data.commitments)
    ]
    head = ["Written", "By", "Commitment", "Time named", "Due", "Reply", "Message-ID"]
    out.append(_table(head, rows[:_COMMITMENTS_SHOWN]))
    if len(rows) > _COMMITMENTS_SHOWN:
        out.append(
            f"<details><summary>{len(rows) - _COMMITMENTS_SHOWN:,} earlier commitments"
            f"</summary>{_table(head, rows[_COMMITMENTS_SHOWN:])}</details>"
        )
    return "".join(out)


def _about(data: ReportData) -> str:
    kinds = ", ".join(f"{k}: {v:,}" for k, v in sorted(data.kinds.items()))
    return (
        "<h2 id='about'>About these numbers</h2>"
        "<p>Everything here is counted from the gateway's audit log, one record per decision "
        "and one per later event (note sent, released, discarded, ...). The report reads the "
        "log; it changes nothing. Days are UTC days. Times on hold run from the hold's "
        "decision to the record that ended it.</p>"
        f"<p>Records by kind: {escape(kinds) or 'none'}.</p>"
    )


def render_html(data: ReportData) -> str:
    title = "Grace Gateway audit report"
    body = [
        f"<h1>{title}</h1>",
        f"<p class='lead'>{escape(_period(data))}</p>",
    ]
    if data.empty:
        body.append(
            "<p class='note'>The audit log has no records in this period, so there is nothing "
            "to report yet. Check the dates, or the <code>--config</code> that names the "
            "log.</p>"
        )
    else:
        body += [
            "<nav aria-label='Sections'><p>"
            "<a href='#decisions'>Decisions</a> · <a href='#findings'>Findings</a> · "
            "<a href='#holds'>Holds</a> · <a href='#false-positives'>False positives</a> · "
            "<a href='#senders'>Senders</a> · <a href='#commitments'>Commitments</a>"
            "</p></nav>",
            _summary(data),
            _decisions(data),
            _findings(data),
            _holds(data),
            _false_positives(data),
            _senders(data),
            _commitments(data),
        ]
    body.append(_about(data))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{_CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}: {escape(_period(data))}</title>"
        f"<style>{_CSS}</style></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>\n"
    )
