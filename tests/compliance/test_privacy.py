"""The [audit] privacy switches, end to end: a gateway with include_subject = false,
include_evidence = false and pseudonymise_recipients = true writes records without
subjects, without the customer-facing words, and without readable recipient
addresses; search, export and report show no more than the log holds."""

from __future__ import annotations

import csv
import io
import re
import sqlite3

from gateway.compliance.rows import COLUMNS

from .auditkit import AGENT, CUSTOMER, grace


def audit_bodies(log) -> list[bytes]:
    conn = sqlite3.connect(log.db)
    try:
        return [bytes(b) for (b,) in conn.execute("SELECT body FROM audit ORDER BY id")]
    finally:
        conn.close()


def test_records_carry_no_subject_no_evidence_no_customer_address(private_log):
    records = private_log.records()
    assert {r["kind"] for r in records} >= {"decision", "note-sent", "released"}
    for record in records:
        assert "subject" not in record
        for finding in record.get("findings", ()):
            assert set(finding) == {"rule", "value", "severity"}
        for commitment in record.get("extra", {}).get("commitments", ()):
            assert "sentence" not in commitment and commitment["when"]
    for body in audit_bodies(private_log):
        assert CUSTOMER.encode() not in body
        assert b"Re: Your refund" not in body and b"already told you" not in body
    customer = {tuple(r["recipients"]) for r in records
                if r["kind"] in ("decision", "released")}
    # One customer, one stable pseudonym (reports can still count per customer).
    assert len(customer) == 1 and re.fullmatch(r"anon:[0-9a-f]{16}", next(iter(customer))[0])
    # Staff addresses are not personal data of the customer: kept readable.
    assert any(r["sender"] == AGENT for r in records)


def test_export_and_report_show_no_more_than_the_log(private_log, tmp_path):
    _, out, _ = grace("audit", "export", "--config", private_log.config, "--format", "csv")
    rows = [dict(zip(COLUMNS, r, strict=True))
            for r in list(csv.reader(io.StringIO(out, newline="")))[1:]]
    assert rows and all(r["subject"] == "" for r in rows)
    assert CUSTOMER not in out
    report = tmp_path / "r.html"
    code, _, _ = grace("audit", "report", "--config", private_log.config, "--out", report)
    html = report.read_text(encoding="utf-8")
    assert code == 0 and CUSTOMER not in html
    assert "(words not recorded)" in html and "3pm tomorrow" in html
