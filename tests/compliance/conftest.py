"""Fixtures of the compliance tests: audit logs written by real gateway runs."""

from .auditkit import private_log, real_log  # noqa: F401 - fixtures
