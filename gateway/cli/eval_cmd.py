"""`grace eval PATH... [--show]`: how well the checks do on labelled mail.

Exit status: 0 every acceptance target is met, 1 some target is missed, 2 bad
input or configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.cli import EXIT_ATTENTION, EXIT_OK, EXIT_USAGE
from gateway.config import load_settings
from gateway.evaluate import (
    EXPECTS,
    TARGETS,
    VALUES,
    EvalError,
    Outcome,
    SentenceMetrics,
    SentenceOutcome,
    SetMetrics,
    discover,
    eval_settings,
    message_metrics,
    run_message_set,
    run_sentences,
    sentence_metrics,
)
from gateway.pipeline import Analyzer
from policies.pack import PackError

_DESCRIPTION = """\
Measure the checks on labelled mail, exactly as `grace serve` would judge it
(same scope, extraction, policies and verdict; enforce mode).

PATH is a message set - a folder with labels.jsonl, as in the shared corpus -,
a folder of such sets (each is reported, then all together), or a sentences
file (.jsonl rows {text, rule, label}), each text judged as the author's own
words.  Without --config the corpus's organisation is assumed:
support_senders = ["support@acme.example", "*@support.acme.example"],
internal_domains = ["acme.example"].

Printed per set: the hold-decision confusion matrix, hold precision/recall/F1,
precision/recall/F1 per value, recall per rule, false holds on clean replies,
pass-through correctness; for sentences, recall per rule and the near-miss flag
rate.  --show lists every miss with its evidence.

Each message is judged as of its own Date header (labelled mail is old mail).
Exit status: 0 every acceptance target of issue 3 is met, 1 some target is
missed, 2 bad input or configuration."""


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "eval",
        parents=[common],
        help="measure the checks on labelled message sets and sentence files",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="folder with labels.jsonl, folder of such folders, or sentences .jsonl",
    )
    parser.add_argument(
        "--show",
        action="store_true",
        help="list every miss: false holds with the rule and evidence that fired, "
        "missed holds with the expected rules",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run_eval)


# ----------------------------------------------------------------------------- text


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def render_set(name: str, m: SetMetrics) -> list[str]:
    out = [f"== {name} ({m.n} messages) =="]
    cols = [*EXPECTS, *(["error"] if m.errors else [])]
    out.append("hold decision (rows: expected, columns: decided)")
    out.append("  " + " " * 14 + "".join(f"{c:>14}" for c in cols))
    for expect in EXPECTS:
        row = m.confusion[expect]
        out.append(f"  {expect:14}" + "".join(f"{row.get(c, 0):>14}" for c in cols))
    hold_ok = (
        m.hold.precision >= TARGETS["hold_precision"] and m.hold.recall >= TARGETS["hold_recall"]
    )
    out.append(
        f"hold: precision {m.hold.precision:.3f}  recall {m.hold.recall:.3f}  "
        f"F1 {m.hold.f1:.3f}   (target P>={TARGETS['hold_precision']}, "
        f"R>={TARGETS['hold_recall']}: {_mark(hold_ok)})"
    )
    out.append(
        f"per value{'':6}{'P':>7}{'R':>7}{'F1':>7}  files   (target F1>={TARGETS['value_f1']})"
    )
    for v in VALUES:
        p = m.values[v]
        out.append(
            f"  {v:13}{p.precision:7.3f}{p.recall:7.3f}{p.f1:7.3f}  {p.tp + p.fn:5}   "
            f"{_mark(p.f1 >= TARGETS['value_f1'])}"
        )
    out.append("recall per rule (files where the labelled rule fired at hold level)")
    for rule, (hit, total) in m.rule_recall.items():
        out.append(f"  {rule:34}{hit:>3}/{total:<3} {hit / total if total else 1:.2f}")
    if m.rule_extra:
        extra = ", ".join(f"{r} {n}" for r, n in m.rule_extra.items())
        out.append(f"fired at hold level without a label: {extra}")
    out.append(
        f"false holds on clean replies: {m.false_holds}/{m.clean} = {_pct(m.false_hold_rate)}"
        f"   (target <= {_pct(TARGETS['false_hold_rate'])}: "
        f"{_mark(m.false_hold_rate <= TARGETS['false_hold_rate'])})"
    )
    out.append(
        f"pass-through correct: {m.pass_ok}/{m.pass_total}   "
        f"(target all: {_mark(m.pass_ok == m.pass_total)})"
    )
    if m.errors:
        out.append(f"errors: {m.errors} message(s) could not be analysed")
    return out


def _evidence(o: Outcome, only_hold: bool = True) -> list[str]:
    findings = o.hold_findings if only_hold else o.findings
    return [
        f'      {f.rule} [{f.severity}]: "{" ".join(f.evidence.split())[:140]}"' for f in findings
    ]


def render_misses(outcomes: Sequence[Outcome]) -> list[str]:
    out: list[str] = []
    for o in outcomes:
        lab = o.label
        where = f"{o.set_name}/{lab.file}"
        if o.action == "error":
            out += [f"  ERROR {where}: {o.error}"]
        elif lab.expect != "hold" and o.action == "hold":
            out += [f"  FALSE HOLD {where} (expected {lab.expect}; {lab.format})", *_evidence(o)]
        elif lab.expect == "hold" and o.action != "hold":
            out += [
                f"  MISSED HOLD {where} -> {o.action} ({o.scope_reason}); expected "
                f"{', '.join(lab.rules)}",
                f"      why: {lab.why[:200]}",
                *_evidence(o, only_hold=False),
            ]
        elif lab.expect == "pass-through" and o.action != "pass-through":
            out += [f"  NOT PASSED THROUGH {where} -> {o.action} ({o.scope_reason})"]
        elif lab.expect == "forward" and o.action != "forward":
            out += [f"  WRONG DECISION {where} -> {o.action} ({o.scope_reason}); expected forward"]
        elif lab.expect == "hold":
            missing = sorted(set(lab.rules) - o.hold_rules)
            extra = sorted(o.hold_rules - set(lab.rules))
            if missing or extra:
                out += [
                    f"  RULES {where}: held, but missing {missing or '-'}, extra {extra or '-'}",
                    f"      why: {lab.why[:200]}",
                    *_evidence(o),
                ]
    return out


def render_sentences(name: str, m: SentenceMetrics) -> list[str]:
    total = sum(t for _, t in m.recall.values()) + sum(t for _, t in m.near_miss.values())
    out = [
        f"== {name} ({total} sentences, judged as the author's own words) ==",
        f"  {'rule':34}{'recall':>14}{'near misses flagged':>22}{'other hold rule':>17}",
    ]
    for rule in sorted(set(m.recall) | set(m.near_miss)):
        hit, n = m.recall.get(rule, (0, 0))
        flag, c = m.near_miss.get(rule, (0, 0))
        r = hit / n if n else 1.0
        f = flag / c if c else 0.0
        ok = r >= TARGETS["sentence_recall"] and f <= TARGETS["near_miss_rate"]
        out.append(
            f"  {rule:34}{hit:>4}/{n:<3}{r:6.2f}{flag:>11}/{c:<3}{_pct(f):>7}"
            f"{m.clean_other_hold.get(rule, 0):>17}   {_mark(ok)}"
        )
    out.append(
        f"  (targets: recall >= {TARGETS['sentence_recall']}, near misses flagged <= "
        f"{_pct(TARGETS['near_miss_rate'])}; 'other hold rule': clean rows where a different "
        "fragment-level rule fired at hold level)"
    )
    if m.errors:
        out.append(f"  errors: {m.errors} row(s) raised in a policy")
    return out


def render_sentence_misses(outcomes: Sequence[SentenceOutcome]) -> list[str]:
    out = []
    for o in outcomes:
        if o.label == "violation" and not o.flagged:
            fired = ", ".join(sorted(o.hold_rules)) or "nothing"
            out.append(f'  MISSED {o.rule}: "{o.text}" (fired: {fired}; note: {o.note})')
        elif o.label == "clean" and o.flagged:
            ev = "; ".join(f'{r}: "{e}"' for r, e in o.evidence if r == o.rule)
            out.append(f'  FLAGGED NEAR MISS {o.rule}: "{o.text}" -> {ev} (note: {o.note})')
        if o.error:
            out.append(f'  ERROR {o.rule}: "{o.text}": {o.error}')
    return out


# ----------------------------------------------------------------------------- json


def set_as_dict(name: str, m: SetMetrics) -> dict[str, object]:
    return {
        "set": name,
        "messages": m.n,
        "confusion": {e: dict(m.confusion[e]) for e in EXPECTS},
        "hold": {
            "precision": m.hold.precision,
            "recall": m.hold.recall,
            "f1": m.hold.f1,
            "tp": m.hold.tp,
            "fp": m.hold.fp,
            "fn": m.hold.fn,
        },
        "values": {
            v: {"precision": p.precision, "recall": p.recall, "f1": p.f1}
            for v, p in m.values.items()
        },
        "rule_recall": {r: {"fired": h, "labelled": t} for r, (h, t) in m.rule_recall.items()},
        "rule_extra": m.rule_extra,
        "false_holds": {"held": m.false_holds, "clean": m.clean, "rate": m.false_hold_rate},
        "pass_through": {"correct": m.pass_ok, "total": m.pass_total},
        "errors": m.errors,
    }


def sentences_as_dict(name: str, m: SentenceMetrics) -> dict[str, object]:
    return {
        "sentences": name,
        "recall": {r: {"found": h, "violations": n} for r, (h, n) in m.recall.items()},
        "near_miss": {r: {"flagged": f, "clean": c} for r, (f, c) in m.near_miss.items()},
        "clean_other_hold": m.clean_other_hold,
        "errors": m.errors,
    }


# ----------------------------------------------------------------------------- run


def _set_ok(m: SetMetrics) -> bool:
    return (
        m.hold.precision >= TARGETS["hold_precision"]
        and m.hold.recall >= TARGETS["hold_recall"]
        and all(p.f1 >= TARGETS["value_f1"] for p in m.values.values())
        and m.false_hold_rate <= TARGETS["false_hold_rate"]
        and m.pass_ok == m.pass_total
        and not m.errors
    )


def _sentences_ok(m: SentenceMetrics) -> bool:
    recall_ok = all(h / n >= TARGETS["sentence_recall"] for h, n in m.recall.values() if n)
    near_ok = all(f / c <= TARGETS["near_miss_rate"] for f, c in m.near_miss.values() if c)
    return recall_ok and near_ok and not m.errors


def run_eval(args: argparse.Namespace) -> int:
    config = getattr(args, "config", None)
    try:
        inputs = discover(args.paths)
        settings = eval_settings(load_settings(config) if config else None)
        analyzer = Analyzer(settings)
    except (EvalError, PackError) as exc:
        print(f"grace eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    text: list[str] = []
    report: list[dict[str, object]] = []
    all_outcomes: list[Outcome] = []
    ok = True
    sets = 0
    try:
        for kind, path in inputs:
            if kind == "messages":
                outcomes = run_message_set(analyzer, path)
                all_outcomes.extend(outcomes)
                sets += 1
                metrics = message_metrics(outcomes)
                ok = ok and _set_ok(metrics)
                text += render_set(path.name, metrics)
                if args.show:
                    misses = render_misses(outcomes)
                    text += ["misses:", *(misses or ["  none"])]
                report.append(set_as_dict(path.name, metrics))
            else:
                souts = run_sentences(analyzer.policies, path)
                smetrics = sentence_metrics(souts)
                ok = ok and _sentences_ok(smetrics)
                text += render_sentences(path.name, smetrics)
                if args.show:
                    misses = render_sentence_misses(souts)
                    text += ["misses:", *(misses or ["  none"])]
                report.append(sentences_as_dict(path.name, smetrics))
            text.append("")
    except EvalError as exc:
        print(f"grace eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if sets > 1:
        combined = message_metrics(all_outcomes)
        ok = ok and _set_ok(combined)
        text += render_set("all message sets together", combined)
        text.append("")
        report.append(set_as_dict("all", combined))
    text.append(
        f"policies {analyzer.policy_version}; acceptance targets (issue 3): "
        f"{'all met' if ok else 'some MISSED'}"
    )
    if args.format == "json":
        print(
            json.dumps(
                {"results": report, "targets_met": ok, "policies": analyzer.policy_version},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print("\n".join(text))
    return EXIT_OK if ok else EXIT_ATTENTION


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - convenience
    from gateway.cli import main as cli_main

    return cli_main(["eval", *(argv or [])])
