"""ReDoS scan: every regular expression of the rule packs and of the policy and gateway
modules against adversarial inputs of 10 KB and 100 KB; the cost must grow linearly.

Run by tests/hardening/test_redos.py in a subprocess (a catastrophic pattern cannot
be interrupted inside `re`, so a time limit on the process is the only safe
bound); also usable by hand:

    python tests/hardening/redos_scan.py            # a table of the slowest
    python tests/hardening/redos_scan.py --json     # what the test reads
    python tests/hardening/redos_scan.py --only=kind.sarcasm   # the names holding this

Which regexes:
* every phrase list in the default pack (each rule's list-of-strings params), the
  way the policies run it: through a `policies.language.PhraseIndex` (each phrase
  tried at the words it can start with) for the lists the policies index, else as
  `policies.language.compile_phrases` compiles it (one regex per list);
* every `re.Pattern` bound at module level in `policies/*.py` and `gateway/**.py`.

Inputs per regex: runs of single characters (space, letters, digits, punctuation,
and the pattern's own literal characters), the pattern's own words repeated with
and without spaces, and mixed prose.  Module regexes that the code only ever
`.match`es or `.fullmatch`es at a position are timed that way (they never scan);
everything else is timed with `finditer` over the whole input (what `search`,
`findall`, `sub` and `split` cost).

Timing: CPU time of the scanning thread (other processes on the machine do not
inflate it), the best of a few runs; a regex over the limit is measured again
with more runs before it counts as failed.  A regex fails when its 100 KB cost is both above
an absolute floor and more than RATIO_LIMIT times its 10 KB cost: linear growth
gives 10, quadratic 100; measured linear scans reach 25-40 because 10 KB stays in
the CPU cache and 100 KB does not (10, 20, 50, 100, 200 KB: the step is between
20 and 50 KB, then it is linear again).  Also a failure: 10 KB slower than
SMALL_LIMIT_SECONDS, or 100 KB slower than LARGE_LIMIT_SECONDS whatever the ratio.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SMALL, LARGE = 10_000, 100_000
#: Every input is first tried at this size; slower than PROBE_LIMIT_SECONDS there
#: means super-linear for sure.  A plain regex scans 2 KB in well under 1 ms, but
#: the largest pack list (kind.sarcasm.frames, one alternation of ~250 frames)
#: takes 25 to 50 ms on a slow, busy 2-core machine while staying linear; a
#: quadratic regex that spends 0.2 s here spends 5 s at 10 KB, far past
#: SMALL_LIMIT_SECONDS, so the probe only needs to stop the hopeless early.
PROBE, PROBE_LIMIT_SECONDS = 2_000, 0.2
VERBOSE = "-v" in sys.argv
#: 100 KB scanned in less than this is fine whatever the ratio (noise dominates).
FLOOR_SECONDS = 0.05
RATIO_LIMIT = 60.0
#: A 10 KB input slower than this is a failure without trying 100 KB.
SMALL_LIMIT_SECONDS = 0.5
#: 100 KB slower than this fails even when it grows linearly (parse_timeout is 10 s).
LARGE_LIMIT_SECONDS = 5.0
#: Inputs timed at 100 KB per regex (the slowest at 10 KB).
WORST_KEPT = 2

_SINGLE = " aA1.-'(:<@\t\n,!\"_"
_PROSE = ("We are sorry, but per my last email: you should have read the manual. "
          "Please do the needful ASAP!!! I'll update you by 3pm (ref ABC-123). ")


@dataclass
class Result:
    name: str
    how: str
    input: str
    small: float
    large: float

    @property
    def ratio(self) -> float:
        return self.large / self.small if self.small > 0 else float("inf")

    @property
    def failed(self) -> bool:
        return (self.small > SMALL_LIMIT_SECONDS or self.large > LARGE_LIMIT_SECONDS
                or (self.large > FLOOR_SECONDS and self.ratio > RATIO_LIMIT))


# ----------------------------------------------------------------- which regexes


class IndexScan:
    """A pack list that the policies scan through a `PhraseIndex`, timed that way.

    One alternation of 300 sarcasm frames tried at every position of 10 KB of
    "the the ..." takes about half a second, which the policies never pay: the
    index tries each frame only at the words it can start with. `pattern` (all the
    phrases) is what the inputs are built from."""

    flags = 0

    def __init__(self, key: str, phrases: list[str]) -> None:
        from policies.language import PhraseIndex

        self.index = PhraseIndex({key: phrases}, origin=key)
        self.pattern = "|".join(phrases)

    def scan(self, text: str) -> None:
        from policies.language import _tokens

        _tokens.cache_clear()  # each run splits the text into words again, as a new reply does
        self.index.scan(text)


def pack_regexes() -> Iterator[tuple[str, re.Pattern[str] | IndexScan]]:
    from policies.engine import PolicySet
    from policies.language import PhraseIndex, compile_phrases

    policies = PolicySet.load()
    indexed = {
        key
        for policy in policies.policies
        for index in vars(policy).values()
        if isinstance(index, PhraseIndex)
        for key in index.keys
    }
    for rule_id, spec in sorted(policies.pack.rules.items()):
        for key, value in sorted(spec.params.items()):
            if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
                continue
            if f"{rule_id}/{key}" in indexed:
                yield f"pack:{rule_id}.{key}", IndexScan(f"{rule_id}/{key}", value)
                continue
            try:
                regex = compile_phrases(value, f"rules.{rule_id}.{key}")
            except ValueError:
                continue  # not a phrase list (the policy would refuse it too)
            if regex is not None:
                yield f"pack:{rule_id}.{key}", regex


def policy_regexes() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Regexes the policies compiled from the pack (phrase families, patterns with
    placeholders filled in): everything reachable from the policy objects."""
    from policies.engine import PolicySet

    seen: set[int] = set()
    #: PhraseIndex keeps one small regex per phrase, only ever `.match`ed at a word;
    #: the family's whole alternation (compile_phrases, scanned) covers them.
    skip = {"exact", "prefix", "suffix", "_candidates"}

    def walk(obj: object, path: str, depth: int) -> Iterator[tuple[str, re.Pattern[str]]]:
        if id(obj) in seen or depth > 5:
            return
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            yield path, obj
        elif isinstance(obj, dict):
            for key, value in list(obj.items())[:2000]:
                yield from walk(value, f"{path}[{key!r}]", depth + 1)
        elif isinstance(obj, list | tuple | set | frozenset):
            for i, value in enumerate(list(obj)[:2000]):
                yield from walk(value, f"{path}[{i}]", depth + 1)
        elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
            names = list(getattr(obj, "__dict__", {}))
            for cls in type(obj).__mro__:
                names += [n for n in getattr(cls, "__slots__", ()) if isinstance(n, str)]
            for name in dict.fromkeys(names):
                if name in skip:
                    continue
                value = getattr(obj, name, None)
                if value is not None and not callable(value) or isinstance(value, re.Pattern):
                    yield from walk(value, f"{path}.{name}", depth + 1)

    for policy in PolicySet.load().policies:
        yield from walk(policy, f"policy:{getattr(policy, 'name', type(policy).__name__)}", 0)


def module_regexes() -> Iterator[tuple[str, re.Pattern[str] | re.Pattern[bytes], str]]:
    import gateway
    import policies

    seen: set[int] = set()
    for package in (policies, gateway):
        names = [package.__name__] + [
            m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
        for name in names:
            if name.endswith("__main__"):
                continue
            try:
                module = importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a module that cannot import has no regexes here
                continue
            try:
                source = inspect.getsource(module)
            except (OSError, TypeError):
                source = ""
            for attr, value in sorted(vars(module).items()):
                if not isinstance(value, re.Pattern) or id(value) in seen:
                    continue
                seen.add(id(value))
                yield f"{name}.{attr}", value, usage(source, attr)


def usage(source: str, attr: str) -> str:
    """"match" when the module only anchors `attr` (.match/.fullmatch), else "scan"."""
    calls = set(re.findall(rf"\b{re.escape(attr)}\.(\w+)\(", source))
    if calls and calls <= {"match", "fullmatch"}:
        return "match"
    return "scan"


# ----------------------------------------------------------------- inputs


def literals(pattern: str) -> tuple[list[str], list[str]]:
    """(words, characters) that appear literally in a pattern's source."""
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{2,}", pattern)))
    chars = list(dict.fromkeys(c for c in pattern if c.isprintable() and not c.isalnum()))
    return words[:40], chars[:8]


def inputs(pattern: str) -> dict[str, Callable[[int], str]]:
    words, chars = literals(pattern)
    out: dict[str, Callable[[int], str]] = {}

    def run(unit: str) -> Callable[[int], str]:
        return lambda n: (unit * (n // len(unit) + 1))[:n]

    for ch in dict.fromkeys(_SINGLE + "".join(chars)):
        out[f"run {ch!r}"] = run(ch)
    out["prose"] = run(_PROSE)
    out["letters+space"] = run("a ")
    out["digits+colon"] = run("1:")
    out["caps+digits"] = run("AB12-")
    if words:
        out["own words"] = run(" ".join(words) + " ")
        out["own words joined"] = run("".join(words))
        out["own words, no end"] = run(" ".join(words[:3]) + " x ")
        for word in words[:4]:
            out[f"word {word!r}"] = run(word + " ")
    return out


# ----------------------------------------------------------------- timing


def timer(regex: re.Pattern, how: str) -> Callable[[str | bytes], float]:
    def once(text: str | bytes) -> float:
        started = time.thread_time()
        if how == "index":
            regex.scan(text)
        elif how == "match":
            regex.match(text)
            regex.match(text, len(text) // 2)
        else:
            for _ in regex.finditer(text):
                pass
        return time.thread_time() - started

    def best(text: str | bytes, runs: int = 2) -> float:
        return min(once(text) for _ in range(runs))

    return best


def scan_one(name: str, regex: re.Pattern, how: str) -> Result:
    if VERBOSE:
        print(f"... {name}", file=sys.stderr, flush=True)
    measure = timer(regex, how)
    is_bytes = isinstance(regex.pattern, bytes)
    pattern = regex.pattern.decode("latin-1") if is_bytes else regex.pattern
    made = {label: make for label, make in inputs(pattern).items()}

    def text(make: Callable[[int], str], n: int) -> str | bytes:
        value = make(n)
        return value.encode("latin-1", "replace") if is_bytes else value

    for label, make in made.items():
        if measure(text(make, PROBE), 1) > PROBE_LIMIT_SECONDS:
            small_time = measure(text(make, SMALL), 1)
            return Result(name, how, label, small_time, float("inf"))
    small = sorted(((measure(text(make, SMALL), 1), label) for label, make in made.items()),
                   reverse=True)
    worst: Result | None = None
    for small_time, label in small[:WORST_KEPT]:
        if small_time > SMALL_LIMIT_SECONDS:
            return Result(name, how, label, small_time, float("inf"))
        small_time = measure(text(made[label], SMALL))
        # Below FLOOR / RATIO_LIMIT at 10 KB even a quadratic regex stays under the
        # floor at 100 KB: one run is enough there.
        slow = small_time * RATIO_LIMIT > FLOOR_SECONDS
        large_time = measure(text(made[label], LARGE), 2 if slow else 1)
        candidate = Result(name, how, label, small_time, large_time)
        if candidate.failed and large_time != float("inf"):  # confirm: noise is not a bug
            candidate = Result(name, how, label, measure(text(made[label], SMALL), 7),
                               measure(text(made[label], LARGE), 4))
        if worst is None or candidate.large > worst.large:
            worst = candidate
        if candidate.failed:
            return candidate
    assert worst is not None
    return worst


def everything() -> list[tuple[str, re.Pattern, str]]:
    """(name, regex, how) for every regex to test, each pattern once."""
    found: dict[tuple[object, int, str], tuple[str, re.Pattern | IndexScan, str]] = {}
    for name, regex in pack_regexes():
        how = "index" if isinstance(regex, IndexScan) else "scan"
        found.setdefault((regex.pattern, regex.flags, how), (name, regex, how))
    for name, regex in policy_regexes():
        found.setdefault((regex.pattern, regex.flags, "scan"), (name, regex, "scan"))
    for name, regex, how in module_regexes():
        found.setdefault((regex.pattern, regex.flags, how), (name, regex, how))
    return list(found.values())


def scan(part: int = 0, parts: int = 1, only: str = "") -> list[Result]:
    return [scan_one(name, regex, how)
            for i, (name, regex, how) in enumerate(everything())
            if i % parts == part and only in name]


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    part, parts, only = 0, 1, ""
    for arg in argv:
        if arg.startswith("--part="):
            part, parts = (int(x) for x in arg.split("=", 1)[1].split("/"))
        elif arg.startswith("--only="):  # a part of the names, e.g. --only=kind.sarcasm
            only = arg.split("=", 1)[1]
    results = scan(part, parts, only)
    if "--json" in argv:
        print(json.dumps({"seconds": time.perf_counter() - started,
                          "results": [asdict(r) | {"ratio": r.ratio, "failed": r.failed}
                                      for r in results]}))
        return 0
    results.sort(key=lambda r: r.large, reverse=True)
    print(f"{len(results)} regexes in {time.perf_counter() - started:.1f} s; slowest:")
    for r in results[:25]:
        print(f"  {r.large * 1000:8.2f} ms @100KB  x{r.ratio:6.1f}  {r.how:5}  {r.name}"
              f"  [{r.input}]{'  FAILED' if r.failed else ''}")
    failed = [r for r in results if r.failed]
    for r in failed:
        print(f"FAILED {r.name} ({r.how}, {r.input}): 10 KB {r.small * 1000:.1f} ms, "
              f"100 KB {r.large * 1000:.1f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
