"""`grace eval`: measure the checks against labelled mail, the way the gateway runs them.

Two kinds of input:

* a **message set**: a folder with `labels.jsonl` (one JSON object per message:
  file, envelope, expect forward|hold|pass-through, values, rules; the corpus
  format of /work/shared/corpus).  Every message goes through the same
  `Analyzer` as `grace serve` and `grace check`, with the label's envelope, in
  enforce mode, and "now" = the message's own Date header (labelled sets are
  old mail; the receipt time of the original is what the Date says).
* a **sentences file** (`*.jsonl` rows {text, rule, label: violation|clean}):
  each text is judged as the author's own words of a reply (no extraction); a
  violation row counts as found when its rule fires at hold level, a clean row
  ("near miss") counts as flagged when its rule fires at hold level.

The metrics are plain functions of the outcomes, so the CLI and the tests share
them.  Nothing here sends or records anything.
"""

from __future__ import annotations

import email.utils
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from gateway.config import Mode, ModesSettings, ScopeSettings, Settings
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from policies.engine import PolicySet
from policies.types import Finding, Reply, Severity

VALUES = ("urgent", "kind", "humble", "clear")
#: Rules judged on a whole reply; sentence fragments are not labelled for them.
MESSAGE_LEVEL_RULES = frozenset(
    {
        "urgent.no-next-step",
        "urgent.vague-followup",
        "urgent.late-no-acknowledgement",
        "reply.empty",
    }
)
EXPECTS = ("forward", "hold", "pass-through")

#: The corpus's organisation (its README): the default scope when no --config is given.
CORPUS_SCOPE = ScopeSettings(
    support_senders=("support@acme.example", "*@support.acme.example"),
    internal_domains=("acme.example",),
)

#: Acceptance targets from issue 3, printed next to the numbers.
TARGETS = {
    "hold_precision": 0.95,
    "hold_recall": 0.92,
    "value_f1": 0.90,
    "false_hold_rate": 0.03,
    "pass_through": 1.0,
    "sentence_recall": 0.85,
    "near_miss_rate": 0.05,
}


class EvalError(ValueError):
    """Bad input for eval (missing files, malformed labels): the message says where."""


# ----------------------------------------------------------------------------- settings


def eval_settings(settings: Settings | None) -> Settings:
    """The settings eval judges with: the given config (or the corpus scope when
    none), always in enforce mode - eval measures the hold decision."""
    base = settings if settings is not None else replace(Settings(), scope=CORPUS_SCOPE)
    return replace(base, modes=ModesSettings(default=Mode.ENFORCE))


# ----------------------------------------------------------------------------- message sets


@dataclass(frozen=True)
class Label:
    file: str
    mail_from: str
    rcpt_to: tuple[str, ...]
    expect: str
    values: tuple[str, ...]
    rules: tuple[str, ...]
    format: str = ""
    why: str = ""


@dataclass(frozen=True)
class Outcome:
    """What the gateway decided for one labelled message."""

    set_name: str
    label: Label
    action: str
    findings: tuple[Finding, ...] = ()
    scope_reason: str = ""
    error: str = ""

    @property
    def hold_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.HOLD)

    @property
    def hold_rules(self) -> frozenset[str]:
        return frozenset(f.rule for f in self.hold_findings)

    @property
    def hold_values(self) -> frozenset[str]:
        return frozenset(str(f.value) for f in self.hold_findings)


def read_labels(folder: Path) -> list[Label]:
    path = folder / "labels.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read it ({exc.strerror})") from None
    labels = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            envelope = row.get("envelope") or {}
            label = Label(
                file=str(row["file"]),
                mail_from=str(envelope.get("mail_from", "")),
                rcpt_to=tuple(str(r) for r in envelope.get("rcpt_to", [])),
                expect=str(row["expect"]),
                values=tuple(str(v) for v in row.get("values", [])),
                rules=tuple(str(r) for r in row.get("rules", [])),
                format=str(row.get("format", "")),
                why=str(row.get("why", "")),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvalError(f"{path}:{number}: not a valid label ({exc})") from None
        if label.expect not in EXPECTS:
            raise EvalError(
                f"{path}:{number}: expect must be one of {', '.join(EXPECTS)}, got {label.expect!r}"
            )
        labels.append(label)
    if not labels:
        raise EvalError(f"{path}: no labels")
    return labels


def _received_at(raw: bytes) -> datetime:
    """The message's own Date (labelled mail is judged as of when it was sent)."""
    head = raw[:65536].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    for line in head.decode("latin-1").splitlines():
        if line[:5].lower() == "date:":
            try:
                dt = email.utils.parsedate_to_datetime(line[5:].strip())
            except (TypeError, ValueError, IndexError):
                break
            if dt is not None:
                return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return datetime.now(UTC)


def run_message_set(analyzer: Analyzer, folder: Path) -> list[Outcome]:
    outcomes = []
    for label in read_labels(folder):
        path = folder / label.file
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise EvalError(f"{path}: cannot read it ({exc.strerror})") from None
        envelope = Envelope(label.mail_from, label.rcpt_to)
        try:
            analysis: Analysis = analyzer.analyse(raw, envelope, received_at=_received_at(raw))
        except Exception as exc:  # noqa: BLE001 - one broken message must not end the run
            outcomes.append(
                Outcome(folder.name, label, "error", error=f"{type(exc).__name__}: {exc}")
            )
            continue
        outcomes.append(
            Outcome(
                folder.name,
                label,
                str(analysis.action),
                tuple(analysis.findings),
                analysis.scope.reason,
            )
        )
    return outcomes


# ----------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SetMetrics:
    n: int
    #: confusion[expected][predicted] over forward / hold / pass-through (+ error)
    confusion: dict[str, Counter]
    hold: PRF
    values: dict[str, PRF]
    #: rule -> (labelled files where it fired, labelled files)
    rule_recall: dict[str, tuple[int, int]]
    #: rule -> files where it fired at hold level without being labelled
    rule_extra: dict[str, int]
    clean: int
    false_holds: int
    pass_total: int
    pass_ok: int
    errors: int

    @property
    def false_hold_rate(self) -> float:
        return self.false_holds / self.clean if self.clean else 0.0

    @property
    def pass_through_rate(self) -> float:
        return self.pass_ok / self.pass_total if self.pass_total else 1.0


def message_metrics(outcomes: Sequence[Outcome]) -> SetMetrics:
    confusion: dict[str, Counter] = {e: Counter() for e in EXPECTS}
    tp = fp = fn = 0
    value_counts = {v: [0, 0, 0] for v in VALUES}
    rule_recall: dict[str, list[int]] = {}
    rule_extra: Counter = Counter()
    clean = false_holds = pass_total = pass_ok = errors = 0
    for o in outcomes:
        expect, got = o.label.expect, o.action
        confusion[expect][got] += 1
        errors += got == "error"
        held = got == "hold"
        if expect == "hold":
            tp += held
            fn += not held
        elif held:
            fp += 1
        if expect == "forward":
            clean += 1
            false_holds += held
        if expect == "pass-through":
            pass_total += 1
            pass_ok += got == "pass-through"
        fired_values = o.hold_values if held else frozenset()
        for v in VALUES:
            want, have = v in o.label.values, v in fired_values
            value_counts[v][0] += want and have
            value_counts[v][1] += have and not want
            value_counts[v][2] += want and not have
        fired_rules = o.hold_rules if held else frozenset()
        for rule in o.label.rules:
            hit = rule_recall.setdefault(rule, [0, 0])
            hit[1] += 1
            hit[0] += rule in fired_rules
        for rule in fired_rules - set(o.label.rules):
            rule_extra[rule] += 1
    return SetMetrics(
        n=len(outcomes),
        confusion=confusion,
        hold=PRF(tp, fp, fn),
        values={v: PRF(*c) for v, c in value_counts.items()},
        rule_recall={r: (h[0], h[1]) for r, h in sorted(rule_recall.items())},
        rule_extra=dict(sorted(rule_extra.items())),
        clean=clean,
        false_holds=false_holds,
        pass_total=pass_total,
        pass_ok=pass_ok,
        errors=errors,
    )


# ----------------------------------------------------------------------------- sentences


#: Sentence labels as corpora write them: a near-miss is a clean sentence that looks
#: like a violation.
_SENTENCE_LABELS = {"violation": "violation", "clean": "clean", "near-miss": "clean",
                    "near_miss": "clean", "nearmiss": "clean"}


@dataclass(frozen=True)
class SentenceOutcome:
    text: str
    rule: str
    label: str  # "violation" | "clean"
    note: str
    hold_rules: frozenset[str]
    evidence: tuple[tuple[str, str], ...] = ()  # (rule, evidence) of hold findings
    error: str = ""

    @property
    def flagged(self) -> bool:
        return self.rule in self.hold_rules


@dataclass
class SentenceMetrics:
    #: rule -> (violations found, violations)
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: rule -> (near misses flagged by their rule, near misses)
    near_miss: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: rule -> clean rows where another hold-level rule fired (message-level rules
    #: excluded: the fragments were not labelled for them, see the corpus README)
    clean_other_hold: dict[str, int] = field(default_factory=dict)
    errors: int = 0


def run_sentences(policies: PolicySet, path: Path) -> list[SentenceOutcome]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read it ({exc.strerror})") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, rule, label = str(row["text"]), str(row["rule"]), str(row["label"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}:{number}: not a sentence row ({exc})") from None
        label = _SENTENCE_LABELS.get(label.strip().lower(), "")
        if not label:
            raise EvalError(f"{path}:{number}: label must be violation or clean (or near-miss), "
                            f"got {row['label']!r}")
        reply = Reply(text=text, subject="Re: your message", source_part="text/plain")
        try:
            result = policies.check(reply)
        except Exception as exc:  # noqa: BLE001
            out.append(
                SentenceOutcome(
                    text,
                    rule,
                    label,
                    str(row.get("note", "")),
                    frozenset(),
                    error=f"{type(exc).__name__}: {exc}",
                )
            )
            continue
        holds = [f for f in result.findings if f.severity == Severity.HOLD]
        out.append(
            SentenceOutcome(
                text,
                rule,
                label,
                str(row.get("note", "")),
                frozenset(f.rule for f in holds),
                tuple((f.rule, f.evidence) for f in holds),
                error="; ".join(result.errors) if result.errors else "",
            )
        )
    if not out:
        raise EvalError(f"{path}: no sentence rows")
    return out


def sentence_metrics(outcomes: Iterable[SentenceOutcome]) -> SentenceMetrics:
    m = SentenceMetrics()
    recall: dict[str, list[int]] = {}
    near: dict[str, list[int]] = {}
    for o in outcomes:
        m.errors += bool(o.error)
        bucket = recall if o.label == "violation" else near
        counts = bucket.setdefault(o.rule, [0, 0])
        counts[1] += 1
        counts[0] += o.flagged
        if o.label == "clean" and (o.hold_rules - {o.rule} - MESSAGE_LEVEL_RULES):
            m.clean_other_hold[o.rule] = m.clean_other_hold.get(o.rule, 0) + 1
    m.recall = {r: (c[0], c[1]) for r, c in sorted(recall.items())}
    m.near_miss = {r: (c[0], c[1]) for r, c in sorted(near.items())}
    return m


# ----------------------------------------------------------------------------- inputs


def discover(paths: Sequence[Path]) -> list[tuple[str, Path]]:
    """[(kind, path)] with kind "messages" or "sentences"; a folder without
    labels.jsonl stands for its sub-folders that have one, plus its sentence files."""
    found: list[tuple[str, Path]] = []
    for path in paths:
        if path.is_dir():
            if (path / "labels.jsonl").is_file():
                found.append(("messages", path))
                continue
            subs = sorted(
                p for p in path.iterdir() if p.is_dir() and (p / "labels.jsonl").is_file()
            )
            sentence_files = sorted(p for p in path.glob("*.jsonl") if _is_sentences(p))
            if not subs and not sentence_files:
                raise EvalError(
                    f"{path}: no labels.jsonl here or in its sub-folders, and no sentences file"
                )
            found.extend(("messages", p) for p in subs)
            found.extend(("sentences", p) for p in sentence_files)
        elif path.is_file() and path.suffix == ".jsonl":
            if path.name == "labels.jsonl":
                found.append(("messages", path.parent))
            else:
                found.append(("sentences", path))
        else:
            raise EvalError(
                f"{path}: expected a folder with labels.jsonl or a sentences .jsonl file"
            )
    return found


def _is_sentences(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(first, dict) and {"text", "rule", "label"} <= set(first)
