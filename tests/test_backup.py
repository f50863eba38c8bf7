"""`flask db backup PATH` makes a copy that opens and holds the data, while people keep writing."""

import os
import shutil
import sqlite3
import subprocess
import threading

import pytest
import sqlalchemy as sa

from extensions import db
from outbox.models import OutboxMessage


def outbox_rows(conn, count: int) -> None:
    conn.execute(
        OutboxMessage.__table__.insert(),
        [
            {"recipient": "a@example.org", "subject": "s", "body": "x" * 2000, "template": "t"}
            | {"language": "en"}
            for _ in range(count)
        ],
    )


class Writers:
    """Threads that insert rows in small transactions until stopped: people using the site."""

    def __init__(self, app, threads: int = 2):
        self.app = app
        self.stop = threading.Event()
        self.started = threading.Barrier(threads + 1)
        self.written = 0
        self.threads = [threading.Thread(target=self.write) for _ in range(threads)]

    def write(self) -> None:
        with self.app.app_context():
            self.started.wait()
            while not self.stop.is_set():
                with db.engine.begin() as conn:
                    outbox_rows(conn, 5)
                self.written += 5

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        self.started.wait()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def count_rows() -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(OutboxMessage.__table__))


def test_sqlite_copy_passes_the_integrity_check_while_writes_go_on(app, runner, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's online backup; the PostgreSQL path has its own test")
    with db.engine.begin() as conn:
        outbox_rows(conn, 2000)  # some megabytes, so the copy takes a while
    target = tmp_path / "backup.sqlite"
    with Writers(app) as writers:
        before = count_rows()
        result = runner.invoke(args=["db", "backup", str(target)])
        during = writers.written
    after = count_rows()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = copy.execute("SELECT count(*) FROM outbox_messages").fetchone()[0]
    finally:
        copy.close()
    assert before <= copied <= after  # one moment's data, whole
    assert during > 0 and after > before  # people did write while it ran
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite"]  # no -wal, no .partial


@pytest.fixture
def restore_database():
    """A scratch database on the test server to restore into; dropped afterwards."""
    server = os.environ["TEST_DATABASE_URL"]
    name = f"restore_{os.getpid()}"
    engine = sa.create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


def pg_dump_major() -> int:
    output = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout
    return int(output.split()[-1].split(".")[0]) if output else 0


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_postgresql_dump_restores_with_pg_restore(app, runner, make, tmp_path, request):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (set TEST_DATABASE_URL)")
    with db.engine.connect() as conn:
        server_major = int(conn.exec_driver_sql("SHOW server_version_num").scalar()) // 10000
    if pg_dump_major() < server_major:
        pytest.skip(f"pg_dump {pg_dump_major()} cannot dump a PostgreSQL {server_major} server")
    make.user(email="anna@example.org")
    db.session.commit()
    target = tmp_path / "herstart.dump"
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 0, result.output
    restored = request.getfixturevalue("restore_database")
    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={restored}", str(target)],
        check=True,
        capture_output=True,
    )
    schema = db.engine.url.query["options"].rsplit("=", 1)[1]
    engine = sa.create_engine(restored.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        emails = conn.exec_driver_sql(f'SELECT email FROM "{schema}".users').scalars().all()
    engine.dispose()
    assert emails == ["anna@example.org"]


def test_a_failed_backup_leaves_nothing_behind(app, runner, tmp_path):
    target = tmp_path / "missing-folder" / "backup"
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 1
    assert "The backup could not be written" in result.output
    assert not target.parent.exists()
