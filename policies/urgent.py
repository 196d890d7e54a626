"""Be Urgent: placeholder until the rules land (see issue 3). Finds nothing yet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policies.pack import Pack
from policies.types import Finding, Reply


@dataclass(frozen=True)
class UrgentPolicy:
    pack: Pack
    name: str = "urgent"

    def check(self, reply: Reply) -> Iterator[Finding]:
        return iter(())


def build(pack: Pack) -> UrgentPolicy:
    return UrgentPolicy(pack)
