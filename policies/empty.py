"""`reply.empty`: a reply that carries no new words of its author.

A customer who gets only their own message back (or only a signature) learns
nothing and has to write again; hold it so the author can add the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policies.base import make_finding
from policies.pack import Pack
from policies.types import Finding, Reply, RuleSpec

_WORD = re.compile(r"\w{2,}")


@dataclass(frozen=True)
class EmptyReply:
    spec: RuleSpec
    name: str = "reply"

    def check(self, reply: Reply) -> Iterator[Finding]:
        if not self.spec.enabled:
            return
        minimum = int(self.spec.params.get("min_words", 1))
        if len(_WORD.findall(reply.text)) < minimum:
            yield make_finding(self.spec, reply.text, 0, len(reply.text))


def build(pack: Pack) -> EmptyReply:
    return EmptyReply(pack.rule("reply.empty"))
