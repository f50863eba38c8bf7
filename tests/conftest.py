"""Fixtures shared by every test: an app per test on SQLite or PostgreSQL, a real SMTP server."""

from __future__ import annotations

import functools
import hashlib
import os
import socket
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from werkzeug.routing.rules import Rule

import i18n
from app import create_app
from extensions import db
from tests.factories import Factory

ROOT = Path(__file__).resolve().parent.parent
TEST_COURSES = ROOT / "tests" / "data" / "courses"
TEST_HELP = ROOT / "tests" / "data" / "help"


def _content_cached(load):
    """`load(root)` once per content: the same files (names and bytes) under the same root give
    the same frozen catalogue or help library, so each test's fresh app reuses the first parse.
    A test that copies or edits content changes the key; a refusal (an exception) is not kept."""
    kept: dict = {}

    @functools.wraps(load)
    def cached(root):
        root = Path(root)
        digest = hashlib.sha256()
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
        key = (str(root.resolve()), digest.hexdigest())
        if key not in kept:
            kept[key] = load(root)
        return kept[key]

    return cached


def _builder_cached(compile_builder):
    """Werkzeug compiles two URL builders per rule from generated Python source, the larger
    part of `create_app`. A builder is a pure function of the rule's text and parsed trace
    (it reaches its converters through the rule it is bound to), so every app's rule with the
    same text shares the first compile. Rules with defaults (resolved into the code) are not
    shared."""
    kept: dict = {}

    @functools.wraps(compile_builder)
    def cached(self, append_unknown=True):
        if self.defaults:
            return compile_builder(self, append_unknown)
        key = (self.rule, tuple(self._trace), append_unknown)
        if key not in kept:
            kept[key] = compile_builder(self, append_unknown)
        return kept[key]

    return cached


class SharedTemplateCode(BytecodeCache):
    """Jinja's compiled templates kept in memory for every app of the process: a fresh app
    renders its first page without lexing, parsing and compiling each template again. Jinja
    checks each entry against the template's source, so an edited template compiles anew."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = SharedTemplateCode()


def _fast_commits(dbapi_connection, _record) -> None:
    """A test database need not survive a power cut: commits skip the wait for the disk
    (SQLite's fsync, PostgreSQL's WAL flush). What is committed, and when, stays the same."""
    cursor = dbapi_connection.cursor()
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor.execute("PRAGMA synchronous = OFF")
    else:
        cursor.execute("SET synchronous_commit = off")
        dbapi_connection.commit()
    cursor.close()


def _share_startup_work() -> None:
    """Each test keeps its own app; what every app would parse and compile the same is done once
    per process instead (tests that prove content loading still load what they wrote)."""
    import helpcentre.pages
    import modules.content

    modules.content.load_catalogue = _content_cached(modules.content.load_catalogue)
    helpcentre.pages.load_library = _content_cached(helpcentre.pages.load_library)
    Rule._compile_builder = _builder_cached(Rule._compile_builder)  # type: ignore[method-assign]
    sa.event.listen(sa.Engine, "connect", _fast_commits)


_share_startup_work()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Collects what the test SMTP server receives."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def clear(self):
        self.messages.clear()

    def last_body(self) -> str:
        return self.messages[-1].get_body(preferencelist=("plain",)).get_content()


class MailServer:
    """A real SMTP server on a fixed port that a test can stop (the mail server is down) and
    start again; aiosmtpd's controller cannot restart, so each start makes a new one."""

    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        if self.controller is None:
            self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture(scope="session")
def smtp():
    """(server, mailbox): `server.stop()` and `server.start()` take the mail server down and up."""
    mailbox = Mailbox()
    server = MailServer(mailbox)
    server.start()
    yield server, mailbox
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    i18n.compile_all()


def _database_url(tmp_path_factory, worker: str) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.getbasetemp() / f'test-{worker}.sqlite'}"
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"test_{worker}_{os.getpid()}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id):
    url = _database_url(tmp_path_factory, worker_id)
    cache = tmp_path_factory.mktemp("content-cache")
    app = create_app({**_config(url, mail_port=25), "CONTENT_CACHE_DIR": str(cache)})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    if url.startswith("postgresql"):
        schema = url.rsplit("%3D", 1)[1]
        engine = sa.create_engine(url.split("?")[0])
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def blank_database_url(tmp_path):
    """A database with no tables, for migrations to build: a new schema of TEST_DATABASE_URL,
    dropped afterwards, or else a new SQLite file. Dispose the app's engine before the end."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    schema = f"migrated_{os.getpid()}"
    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def _config(url: str, mail_port: int) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_METHOD": "pbkdf2:sha256:1000",
        "COURSES_ROOT": str(TEST_COURSES),
        "HELP_ROOT": str(TEST_HELP),
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": mail_port,
        "SERVER_NAME": "herstart.test",
    }


@pytest.fixture(scope="session")
def content_cache(tmp_path_factory) -> Path:
    """One content cache per test process: keyed by the content's hash, so shared safely."""
    return tmp_path_factory.mktemp("content-cache")


@pytest.fixture
def config(database_url, smtp, tmp_path, content_cache) -> dict:
    """The test config; a test may change it before asking for `app`. Signing keys for
    certificates go to the test's own folder, the content cache to the process's, never to
    instance/."""
    return {
        **_config(database_url, smtp[0].port),
        "CREDENTIAL_KEYS_DIR": str(tmp_path / "keys"),
        "CONTENT_CACHE_DIR": str(content_cache),
    }


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production, so `g` never leaks between
    requests; the test's own session is expired afterwards so it reads what the request wrote."""

    def open(self, *args, **kwargs):
        # Buffered, so the response is closed as a server closes it: the outbox delivers then.
        kwargs.setdefault("buffered", True)
        # What the test set up through services is its own unit of work: it commits first.
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


def empty_database() -> None:
    """Every row of every table deleted, children first, in one transaction; PostgreSQL gets
    all the statements in one round trip (TRUNCATE is far slower on small tables)."""
    deletes = [f'DELETE FROM "{table.name}"' for table in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("; ".join(deletes))
        else:
            for delete in deletes:
                conn.exec_driver_sql(delete)


@pytest.fixture
def app(config):
    app = create_app(config)
    app.test_client_class = FreshContextClient
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    with app.app_context():
        yield app
        db.session.remove()
        empty_database()
        db.engine.dispose()


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args):
        self.count += 1


@pytest.fixture
def count_statements(app):
    """`with count_statements() as counter: ...` then `counter.count`: SQL statements sent."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        counter = StatementCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


@pytest.fixture
def mailbox(smtp):
    box = smtp[1]
    box.clear()
    return box


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(app) -> Factory:
    return Factory()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user):
        """Sign in without the form: the login form has its own tests."""
        with self.client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True

    def logout(self):
        with self.client.session_transaction() as session:
            session.clear()


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)
