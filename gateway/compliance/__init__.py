"""Compliance auditing over the audit log: search, export, report, retention, backtest.

Everything here reads the log through the narrow `Store` interface (`records()`
streams in id order, in batches), so it works the same on SQLite and PostgreSQL
and keeps constant memory however long the log is.  The pure parts (filters,
row flattening, aggregation, rendering) take plain record data and do no I/O.
"""
