"""`grace audit export` (JSON Lines and CSV) on a log written by a real gateway run."""

from __future__ import annotations

import csv
import io
import json

from gateway.compliance.rows import COLUMNS

from .auditkit import FORMULA_SUBJECT, grace


def test_jsonl_export_has_every_record_in_chain_order(real_log, tmp_path):
    out = tmp_path / "audit.jsonl"
    code, stdout, err = grace("audit", "export", "--config", real_log.config,
                              "--format", "jsonl", "--out", out)
    assert code == 0 and stdout == ""
    records = real_log.records()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert f"Exported {len(records)} records" in err
    for row, record in zip(rows, records, strict=True):
        assert row["kind"] == record["kind"] and row["time"] == record["time"]
        assert row["message_id"] == record.get("message_id", "")
        assert row["decision"] == record.get("decision")
    # No half-written temp file is left beside the export.
    assert [p.name for p in tmp_path.iterdir()] == ["audit.jsonl"]


def test_csv_export_has_a_header_and_one_row_per_record(real_log):
    code, out, _ = grace("audit", "export", "--config", real_log.config, "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert tuple(table[0]) == COLUMNS
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in table[1:]]
    assert len(rows) == len(real_log.records())
    held = next(r for r in rows if r["hold_id"] == real_log.holds["released"]
                and r["kind"] == "decision")
    assert held["decision"] == "hold" and held["subject"] == "Re: Your refund"
    assert held["recipients"] == "kim@customer.example"
    assert set(held["rules"].split()) == {"kind.condescending", "humble.blame"}
    assert held["sender"].endswith("@support.acme.example")
    for row in rows:
        assert row["time"] and row["kind"]


def test_csv_defuses_spreadsheet_formulas_but_json_keeps_the_subject(real_log):
    _, out, _ = grace("audit", "export", "--config", real_log.config, "--format", "csv")
    rows = [dict(zip(COLUMNS, r, strict=True))
            for r in list(csv.reader(io.StringIO(out, newline="")))[1:]]
    [formula] = [r for r in rows if r["message_id"] == real_log.message_ids["formula"]]
    assert formula["subject"] == "'" + FORMULA_SUBJECT
    _, out, _ = grace("audit", "export", "--config", real_log.config, "--format", "jsonl")
    [row] = [json.loads(x) for x in out.splitlines()
             if json.loads(x)["message_id"] == real_log.message_ids["formula"]]
    assert row["subject"] == FORMULA_SUBJECT


def test_export_window(real_log):
    times = sorted(r["time"] for r in real_log.records())
    middle = times[len(times) // 2]
    _, out, _ = grace("audit", "export", "--config", real_log.config, "--format", "jsonl",
                      "--since", middle)
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all(r["time"] >= middle for r in rows)
    assert len(rows) == sum(t >= middle for t in times)


def test_export_to_a_missing_directory_fails_cleanly(real_log, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.csv"
    code, out, err = grace("audit", "export", "--config", real_log.config, "--format", "csv",
                           "--out", target)
    assert code == 2 and "cannot write" in err and str(target.parent) in err
    assert not target.exists()
