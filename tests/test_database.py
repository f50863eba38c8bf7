"""What the database itself guarantees, and how pages answer when it is down or hangs."""

import socket
import time

import pytest

from app import create_app
from extensions import db
from tests.conftest import free_port

SERVED = {"PROPAGATE_EXCEPTIONS": False}  # errors become pages, as for a real visitor


def dialect() -> str:
    return db.engine.dialect.name


def test_sqlite_enforces_foreign_keys_writes_through_wal_and_waits_for_locks(app):
    if dialect() != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "busy_timeout")
        }
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000}


def test_postgresql_gives_up_on_a_statement_that_hangs(app):
    if dialect() != "postgresql":
        pytest.skip("PostgreSQL only")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "15s"
    assert db.engine.url.query.get("connect_timeout") is None  # it comes from the settings
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["connect_timeout"] == 5


@pytest.fixture
def hanging_port():
    """A port that accepts connections (the kernel completes them) and never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


@pytest.fixture(params=["down", "hanging"])
def unreachable(request, config):
    """An app whose PostgreSQL is down (nothing listens) or hangs (accepts, never answers),
    and a client signed in to it, so the first thing each page does is load the person."""
    port = free_port() if request.param == "down" else request.getfixturevalue("hanging_port")
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/test"
    timeout = 2
    unreachable_app = create_app(
        {**config, **SERVED, "SQLALCHEMY_DATABASE_URI": url, "DATABASE_CONNECT_TIMEOUT": timeout}
    )
    client = unreachable_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:token"  # any signed-in session: the loader must reach the database
        session["_fresh"] = True
    yield client, timeout
    with unreachable_app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "language, heading",
    [
        ("en", "Herstart cannot reach its database just now"),
        ("nl", "Herstart kan zijn database nu niet bereiken"),
    ],
)
def test_without_its_database_a_page_answers_at_once_with_its_own_page(
    unreachable, language, heading
):
    client, timeout = unreachable
    started = time.monotonic()
    response = client.get("/dashboard", headers={"Accept-Language": language})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert heading in response.get_data(as_text=True)
    assert elapsed < timeout + 1.5  # one connect timeout, not two, and not the OS's 30 s
