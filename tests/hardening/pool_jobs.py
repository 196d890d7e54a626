"""Jobs for the analysis-pool tests: module-level, so an analysis process can
import them by name."""

from __future__ import annotations

import os
import time


def echo(value: object) -> object:
    return value


def sleep_then(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def die() -> None:
    os._exit(3)


def fail(text: str) -> None:
    raise ValueError(text)


def my_pid() -> int:
    return os.getpid()


def size_of(blob: bytes) -> int:
    return len(blob)
