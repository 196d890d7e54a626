"""PostgreSQL for tests: a database per test run, a schema per test, and private
servers that a test may stop and start.

* `run_database()` creates `grace_test_<random>` on the shared server (default
  postgresql://postgres@127.0.0.1:5432/postgres, or $GRACE_TEST_PG) the first
  time a test asks, and drops it when the test process exits, so parallel runs
  never see each other's data.
* `new_schema()` gives each test its own schema in that database: a DSN whose
  search_path names it (creating a schema is far cheaper than a database), so
  child processes and `grace` subprocesses given the DSN see the same tables.
* `PrivateServer` is a throw-away PostgreSQL instance (initdb into a temporary
  directory, its own port) for tests that stop the database: stopping the shared
  server would break every other test running at the same time.  PostgreSQL
  refuses to run as root, so as root it runs as the `postgres` user.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest

SERVER = os.environ.get("GRACE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
START_HINT = ("start it with: pg_ctlcluster --skip-systemctl-redirect "
              "$(ls /etc/postgresql) main start")

_run_db: dict[str, str] = {}


def with_database(dsn: str, database: str, search_path: str | None = None) -> str:
    """`dsn` pointing at another database (and schema), as a postgresql:// URI."""
    parts = urlsplit(dsn)
    query = f"options={quote('-csearch_path=' + search_path, safe='')}" if search_path else ""
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, query, ""))


def admin(dsn: str = SERVER) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"the test PostgreSQL server {dsn} is not reachable ({exc}); {START_HINT}",
                    pytrace=False)


def run_database() -> str:
    """The DSN of this test process's own database (created on first use)."""
    if _run_db.get("pid") != str(os.getpid()):
        name = f"grace_test_{secrets.token_hex(4)}"
        with admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        _run_db.update(pid=str(os.getpid()), name=name)
        atexit.register(_drop_database, name, os.getpid())
    return with_database(SERVER, _run_db["name"])


def _drop_database(name: str, pid: int) -> None:
    if os.getpid() != pid:  # a forked child inherited the hook
        return
    with contextlib.suppress(psycopg.Error), psycopg.connect(
            SERVER, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def new_schema() -> str:
    """A DSN whose tables go to a new, empty schema of the run's database."""
    database = run_database()
    schema = f"t_{secrets.token_hex(6)}"
    with admin(database) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return with_database(database, urlsplit(database).path.lstrip("/"), schema)


def drop_schema(dsn: str) -> None:
    schema = dsn.rsplit("search_path%3D", 1)[-1]
    with admin(with_database(dsn, urlsplit(dsn).path.lstrip("/"))) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def fresh_database() -> tuple[str, str]:
    """(dsn, name) of a new database on the shared server; drop it with `drop_database`."""
    name = f"grace_test_{secrets.token_hex(4)}"
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(SERVER, name), name


def drop_database(name: str) -> None:
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ----------------------------------------------------------------- private servers


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).parent
    pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed",
                pytrace=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateServer:
    """A PostgreSQL instance of the test's own: initdb, start, stop, restart, remove."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="grace-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str, timeout: float = 60) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}): "
                               f"{result.stderr or result.stdout}\n{self.log_text()}")

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def start(self) -> PrivateServer:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
                   " -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running:
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def private_server():
    server = PrivateServer()
    try:
        yield server.start()
    finally:
        server.remove()
