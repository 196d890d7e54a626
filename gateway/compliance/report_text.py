"""The audit report for the terminal (`grace audit report --format text`).  Pure."""

from __future__ import annotations

from gateway.compliance.report import (
    DECISION_ORDER,
    MODE_ORDER,
    OUTCOME_ORDER,
    VALUE_ORDER,
    ReportData,
    human_duration,
    percent,
)

_WIDTH = 30


def _bar(value: float, peak: float) -> str:
    if peak <= 0 or value <= 0:
        return ""
    return "#" * max(1, round(_WIDTH * value / peak))


def _lines(items: list[tuple[str, float, str]]) -> list[str]:
    if not items:
        return ["  (none)"]
    peak = max(v for _, v, _ in items)
    width = min(40, max(len(label) for label, _, _ in items))
    return [
        f"  {label[:width]:<{width}}  {_bar(v, peak):<{_WIDTH}}  {shown}"
        for label, v, shown in items
    ]


def render_text(data: ReportData) -> str:
    start = data.since or data.first
    end = data.until or data.last
    fmt = "%Y-%m-%d %H:%M"
    out = [
        "Grace Gateway audit report",
        f"Period: {start.strftime(fmt) if start else '-'} to "
        f"{end.strftime(fmt) if end else '-'} UTC; {data.records:,} records read.",
    ]
    if data.chain_ok is not None:
        state = "checked out" if data.chain_ok else "FAILED its check"
        out.append(f"Hash chain: {state}: {data.chain_detail}")
    if data.empty:
        out.append("There are no records in this period, so there is nothing to report yet.")
        return "\n".join(out) + "\n"

    out += ["", "Decisions by mode"]
    modes = [m for m in MODE_ORDER if m in data.modes] + sorted(set(data.modes) - set(MODE_ORDER))
    for mode in modes:
        counts: dict[str, int] = {}
        for per_mode in data.per_bucket.values():
            for decision, n in per_mode.get(mode, {}).items():
                counts[decision] = counts.get(decision, 0) + n
        shown = ", ".join(
            f"{n:,} {d}" for d, n in sorted(counts.items(), key=lambda kv: _order(kv[0]))
        )
        out.append(f"  {mode:<13} {data.modes[mode]:>8,}  ({shown})")
    unit = "day" if data.bucket_days == 1 else "week"
    out += ["", f"Decisions per {unit} (all modes)"]
    out += _lines(
        [
            (
                str(day),
                float(total := sum(sum(m.values()) for m in per_mode.values())),
                f"{total:,}",
            )
            for day, per_mode in data.per_bucket.items()
        ]
    )

    out += ["", "Replies with findings, per value"]
    values = [v for v in VALUE_ORDER if v in data.values] + sorted(
        set(data.values) - set(VALUE_ORDER)
    )
    out += _lines([(v, float(data.values[v]), f"{data.values[v]:,}") for v in values])
    out += ["", "Replies with findings, per rule"]
    out += _lines([(r.rule, float(r.replies), f"{r.replies:,}") for r in data.rules if r.replies])

    out += ["", f"Holds: {data.holds:,}; median time on hold {human_duration(data.median_on_hold)}"]
    out += _lines(
        [
            (
                o,
                float(data.outcomes[o]),
                f"{data.outcomes[o]:,}"
                + (
                    f"  (median {human_duration(data.median_by_outcome[o])})"
                    if o in data.median_by_outcome
                    else ""
                ),
            )
            for o in OUTCOME_ORDER
            if data.outcomes.get(o)
        ]
    )

    out += ["", "Disputed holds per rule (released by a person or reported false positive)"]
    held = sorted(
        (r for r in data.rules if r.holds), key=lambda r: (-(r.false_positive_rate or 0), r.rule)
    )
    out += _lines(
        [
            (
                r.rule,
                (r.false_positive_rate or 0) * 100,
                f"{percent(r.false_positive_rate)} ({r.disputed} of {r.holds}; "
                f"{r.fixed} fixed)",
            )
            for r in held
        ]
    )
    out.append("  A release does not prove a rule wrong; read this as where to look first.")

    who = "pseudonymised" if data.pseudonymised else "by address"
    out += ["", f"Senders with the most holds ({who})"]
    out += _lines([(s, float(n), f"{n:,}") for s, n in data.top_senders])

    out += ["", f"Commitments recorded: {data.commitments_total:,}"]
    for c in list(reversed(data.commitments))[:20]:
        facts = [c.when] if c.when else []
        facts += [f"due {c.due[:16].replace('T', ' ')} UTC"] if c.due else []
        when = f" [{', '.join(facts)}]" if facts else ""
        status = " (held)" if c.decision == "hold" else ""
        text = c.text or "(words not recorded)"
        out.append(f"  {c.time.strftime(fmt)}  {c.sender or '-'}: {text}{when}{status}")
    if data.commitments_total > 20:
        out.append(f"  ... {data.commitments_total - 20:,} more in the HTML report or export.")
    return "\n".join(out) + "\n"


def _order(decision: str) -> tuple[int, str]:
    try:
        return DECISION_ORDER.index(decision), decision
    except ValueError:
        return len(DECISION_ORDER), decision
