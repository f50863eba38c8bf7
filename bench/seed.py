"""Shared set-up for the benchmarks: an app on a throw-away database (SQLite in a temporary
folder, or a fresh schema on PostgreSQL when BENCH_DATABASE_URL is set), an organisation, and
members written in bulk with reading progress and logbook entries."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from app import create_app  # noqa: E402
from extensions import db, utcnow  # noqa: E402


@contextmanager
def bench_app():
    """(app, database name) with every table created; dropped again afterwards."""
    url = os.environ.get("BENCH_DATABASE_URL")
    schema = None
    folder = tempfile.TemporaryDirectory()
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        schema = f"bench_{os.getpid()}"
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        url = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{folder.name}/bench.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "locmem",
            "SERVER_NAME": "herstart.bench",
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        with app.app_context():
            db.create_all()
            yield app, db.engine.dialect.name
            db.session.remove()
            if schema is None:
                db.engine.dispose()
    finally:
        if schema:
            with app.app_context():
                db.engine.dispose()
            engine = sa.create_engine(url.split("?")[0])
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
        folder.cleanup()


def organisation_with_staff():
    from accounts.models import Membership, Organisation, Role, User

    organisation = Organisation(slug="bench", name="Bench organisation")
    staff = User(email="staff@bench.example", name="Staff", password_hash="x")
    db.session.add_all([organisation, staff])
    db.session.flush()
    db.session.add(Membership(user=staff, organisation=organisation, role=Role.STAFF.value))
    db.session.commit()
    return organisation, staff


def seed_members(organisation, count: int, entries_per_learner: int = 10) -> None:
    """`count` learners in bulk, each with a few sections read and logbook entries."""
    from accounts.models import Membership, User
    from logbook.models import Entry
    from modules.models import SectionRead

    now = utcnow()
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        db.session.execute(
            sa.insert(User),
            [
                {
                    "email": f"learner{start + n}@bench.example",
                    "name": f"Learner {start + n:05d}",
                    "password_hash": "x",
                }
                for n in range(size)
            ],
        )
        ids = db.session.scalars(
            sa.select(User.id)
            .where(User.email.like("learner%@bench.example"))
            .order_by(User.id)
            .offset(start)
        ).all()
        db.session.execute(
            sa.insert(Membership),
            [
                {
                    "user_id": i,
                    "organisation_id": organisation.id,
                    "role": "learner",
                    "created_at": now,
                    "last_seen_at": now if i % 3 else None,
                }
                for i in ids
            ],
        )
        db.session.execute(
            sa.insert(SectionRead),
            [
                {
                    "user_id": i,
                    "course": "herstart",
                    "module": "mindset",
                    "section": f"s{k}",
                    "read_at": now,
                }
                for i in ids
                for k in range(i % 4)
            ],
        )
        if entries_per_learner:
            db.session.execute(
                sa.insert(Entry),
                [
                    {
                        "user_id": i,
                        "organisation_id": organisation.id,
                        "course": "herstart",
                        "module": "mindset",
                        "key": f"k{k}",
                        "text": "",
                        "version": 0,
                        "state": "draft",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in ids
                    for k in range(entries_per_learner)
                ],
            )
        db.session.commit()


def analyse() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give them soon after."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
