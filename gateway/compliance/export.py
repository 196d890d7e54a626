"""Streaming export of audit rows as JSON Lines or CSV.

Rows are written as they are read, so a million records cost one store batch of
memory.  CSV has a header row and the `rows.COLUMNS` columns; list columns are
joined with a space.  Text cells that a spreadsheet would run as a formula
(starting with = + - @ or a tab/CR) get a leading apostrophe, the usual defence
against CSV injection: a subject line is written by whoever sent the mail.
"""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterable
from enum import StrEnum
from typing import TextIO

from gateway.compliance.rows import COLUMNS, Row


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Columns the gateway writes itself (numbers, times, hashes): never defused.
_OWN_COLUMNS = {"id", "time", "kind", "ms", "config_digest", "hash"}
_TEXT_INDEXES = tuple(i for i, c in enumerate(COLUMNS) if c not in _OWN_COLUMNS)


def _defuse(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class RowWriter:
    """Writes rows to a text stream in one format; `write` one row at a time."""

    def __init__(self, out: TextIO, fmt: ExportFormat) -> None:
        self.out = out
        self.format = ExportFormat(fmt)
        self.count = 0
        self._csv = None
        if self.format is ExportFormat.CSV:
            self._csv = csv.writer(out, lineterminator="\r\n")
            self._csv.writerow(COLUMNS)

    def write(self, row: Row) -> None:
        if self._csv is not None:
            cells = row.cells()
            for i in _TEXT_INDEXES:
                if cells[i].startswith(_FORMULA_START):
                    cells[i] = "'" + cells[i]
            self._csv.writerow(cells)
        else:
            self.out.write(
                json.dumps(row.as_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
            )
        self.count += 1


async def export_rows(rows: AsyncIterable[Row], out: TextIO, fmt: ExportFormat) -> int:
    """Write every row; returns how many were written."""
    writer = RowWriter(out, fmt)
    async for row in rows:
        writer.write(row)
    out.flush()
    return writer.count
