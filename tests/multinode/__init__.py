"""Several gateway processes sharing one PostgreSQL store (a package, so its
conftest does not shadow tests/conftest.py)."""
