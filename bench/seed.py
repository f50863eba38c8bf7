"""Shared set-up for the benchmarks: an app on a throw-away database (SQLite in a temporary
folder, or a fresh schema on PostgreSQL when BENCH_DATABASE_URL is set), an organisation, and
members written in bulk with reading progress and logbook entries; `seed_programme` writes a
whole programme (learners, mentors, pairs, logbook, quizzes, outcomes) in bulk."""

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
        session["_user_id"] = user.get_id()  # the id and the session token, as a real sign-in
        session["_fresh"] = True


# A whole programme ---------------------------------------------------------------------------

SITUATIONS = ("employed", "self_employed", "looking", "looking", "looking", "not_looking")
FINANCING = ("none", "savings", "bank", "microcredit", "benefit_scheme", "other")
BATCH = 10_000


def _insert(model, rows) -> None:
    """Core inserts in batches (executemany on the table, not the ORM's bulk path, which
    splits the rows into thousands of statements)."""
    rows = list(rows)
    connection = db.session.connection()
    for start in range(0, len(rows), BATCH):
        connection.execute(model.__table__.insert(), rows[start : start + BATCH])


def _ids(column, where) -> list[int]:
    return list(db.session.scalars(sa.select(column).where(where).order_by(column)))


def seed_programme(
    organisation,
    *,
    learners: int = 20_000,
    mentors: int = 1_000,
    pairs: int = 10_000,
    entries: int = 200_000,
    attempts: int = 60_000,
    seed: int = 13,
) -> dict[str, int]:
    """One organisation's programme in bulk, joined over the last 18 months: learners with a
    status at entry, invitations, reading progress and quiz attempts on the installed course,
    intake surveys, mentors, pairs (charters, meetings, some ended with evaluations), logbook
    entries (some answered), departures and follow-up answers. Returns the row counts."""
    import random
    from datetime import timedelta

    from flask import current_app

    from accounts.models import Invitation, Membership, User
    from logbook.models import Entry, Message
    from mentoring.models import (
        CharterVersion,
        Evaluation,
        IntakeSurvey,
        Meeting,
        Mentorship,
    )
    from modules.models import SectionRead, SelfAssessment
    from outcomes.models import Departure, EntryStatus, FollowUp
    from quizzes.models import QuizAttempt

    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    org = organisation.id
    course = current_app.extensions["catalogue"].courses[0]
    modules = [(m.slug, [s.slug for s in m.sections]) for m in course.modules]
    counts: dict[str, int] = {}

    def ago(days: float):
        return now - timedelta(days=days)

    # People: learners joined over 18 months, mentors a little earlier.
    _insert(
        User,
        (
            {"email": f"p{n}@programme.bench", "name": f"Participant {n:05d}", "password_hash": "x"}
            for n in range(learners)
        ),
    )
    _insert(
        User,
        (
            {"email": f"m{n}@programme.bench", "name": f"Mentor {n:04d}", "password_hash": "x"}
            for n in range(mentors)
        ),
    )
    learner_ids = _ids(User.id, User.email.like("p%@programme.bench"))
    mentor_ids = _ids(User.id, User.email.like("m%@programme.bench"))
    joined = {i: ago(rng.uniform(0, 540)) for i in learner_ids}
    _insert(
        Membership,
        (
            {
                "user_id": i,
                "organisation_id": org,
                "role": "learner",
                "created_at": joined[i],
                "last_seen_at": ago(rng.uniform(0, 90)) if rng.random() < 0.7 else None,
                "group_label": f"Cohort {1 + i % 4}",
                "deactivated_at": now if rng.random() < 0.03 else None,
            }
            for i in learner_ids
        ),
    )
    _insert(
        Membership,
        (
            {"user_id": i, "organisation_id": org, "role": "mentor", "created_at": ago(600)}
            for i in mentor_ids
        ),
    )
    _insert(
        Invitation,
        (
            {
                "organisation_id": org,
                "email": f"p{n}@programme.bench",
                "role": "learner",
                "group_label": f"Cohort {1 + i % 4}",
                "token_hash": f"programme-invitation-{n}",
                "created_at": joined[i] - timedelta(days=3),
                "expires_at": joined[i] + timedelta(days=11),
                "accepted_at": joined[i],
            }
            for n, i in enumerate(learner_ids)
        ),
    )
    _insert(
        EntryStatus,
        (
            {
                "user_id": i,
                "organisation_id": org,
                "birth_year": rng.randint(1948, 1985) if rng.random() < 0.9 else None,
                "situation": rng.choice(SITUATIONS) if rng.random() < 0.9 else None,
                "benefit": "unemployment",
            }
            for i in learner_ids
            if rng.random() < 0.85
        ),
    )
    counts["learners"], counts["mentors"] = len(learner_ids), len(mentor_ids)

    # Reading progress: each learner got some way into the course, in order.
    all_sections = [(m, s) for m, sections in modules for s in sections]
    reads = []
    for i in learner_ids:
        for module, section in all_sections[: int(rng.random() ** 2 * (len(all_sections) + 1))]:
            reads.append(
                {
                    "user_id": i,
                    "course": course.slug,
                    "module": module,
                    "section": section,
                    "read_at": joined[i] + timedelta(days=rng.uniform(0, 30)),
                }
            )
    _insert(SectionRead, reads)
    counts["section_reads"] = len(reads)

    # Quiz attempts: one to four per (learner, module) until `attempts` are written.
    quiz_rows, assessments = [], []
    order = [(i, m) for i in learner_ids for m, _ in modules]
    rng.shuffle(order)
    for i, module in order:
        if len(quiz_rows) >= attempts:
            break
        scores = [rng.randint(2, 10) for _ in range(rng.randint(1, 4))]
        at = joined[i] + timedelta(days=rng.uniform(1, 60))
        for k, score in enumerate(scores):
            quiz_rows.append(
                {
                    "user_id": i,
                    "course": course.slug,
                    "module": module,
                    "state": "submitted",
                    "question_order": [],
                    "option_order": {},
                    "answers": {},
                    "score": score,
                    "passed": score >= 7,
                    "started_at": at + timedelta(hours=k),
                    "updated_at": at + timedelta(hours=k),
                    "submitted_at": at + timedelta(hours=k),
                }
            )
        passed = next((k for k, score in enumerate(scores) if score >= 7), None)
        assessments.append(
            {
                "user_id": i,
                "course": course.slug,
                "module": module,
                "attempts": len(scores),
                "first_score": scores[0],
                "last_score": scores[-1],
                "best_score": max(scores),
                "last_at": at,
                "passed_at": at + timedelta(hours=passed) if passed is not None else None,
            }
        )
    _insert(QuizAttempt, quiz_rows)
    _insert(SelfAssessment, assessments)
    counts["quiz_attempts"] = len(quiz_rows)

    # Intake surveys, pairs, charters, meetings, evaluations.
    mentees = learner_ids[: int(len(learner_ids) * 0.7)]
    _insert(
        IntakeSurvey,
        [{"user_id": i, "organisation_id": org, "role": "mentee"} for i in mentees]
        + [{"user_id": i, "organisation_id": org, "role": "mentor"} for i in mentor_ids],
    )
    paired = mentees[:pairs]
    states = ["active"] * 14 + ["accepted"] * 2 + ["ended"] * 3 + ["rematched"]
    pair_rows = []
    for n, i in enumerate(paired):
        state = rng.choice(states)
        started = joined[i] + timedelta(days=rng.uniform(3, 30))
        ended = (
            started + timedelta(days=rng.uniform(20, 200))
            if state in ("ended", "rematched")
            else None
        )
        pair_rows.append(
            {
                "organisation_id": org,
                "mentor_id": mentor_ids[n % len(mentor_ids)],
                "mentee_id": i,
                "state": state,
                "created_at": started,
                "started_at": started,
                "ended_at": min(ended, now) if ended else None,
                "end_reason": "Programme finished" if ended else None,
                "mentor_accepted_at": started,
                "mentee_accepted_at": started,
            }
        )
    _insert(Mentorship, pair_rows)
    pair_list = db.session.execute(
        sa.select(
            Mentorship.id,
            Mentorship.mentee_id,
            Mentorship.mentor_id,
            Mentorship.state,
            Mentorship.started_at,
        )
        .where(Mentorship.organisation_id == org)
        .order_by(Mentorship.id)
    ).all()
    charters, meetings, evaluations = [], [], []
    for pair_id, mentee, mentor, state, started in pair_list:
        signed = started + timedelta(days=2)
        charters.append(
            {
                "mentorship_id": pair_id,
                "version": 1,
                "state": "signed",
                "interval_days": rng.choice((7, 14, 14, 21, 28)),
                "goals": [],
                "mentor_learns": "",
                "created_at": started,
                "mentor_signed_at": signed,
                "mentee_signed_at": signed,
            }
        )
        last = started.date()
        for _ in range(rng.randint(0, 8)):
            last += timedelta(days=rng.randint(5, 30))
            if last > now.date():
                break
            meetings.append(
                {
                    "mentorship_id": pair_id,
                    "held_on": last,
                    "minutes": 60,
                    "manner": "online",
                    "topics": "",
                    "notes": "",
                }
            )
        if state == "ended":
            for user, side in ((mentee, "mentee"), (mentor, "mentor")):
                evaluations.append(
                    {
                        "mentorship_id": pair_id,
                        "user_id": user,
                        "side": side,
                        "usefulness": rng.randint(1, 4),
                        "learned": "",
                        "learned_from_other": "Something" if rng.random() < 0.5 else "",
                        "recommend": rng.random() < 0.8,
                    }
                )
    _insert(CharterVersion, charters)
    _insert(Meeting, meetings)
    _insert(Evaluation, evaluations)
    counts.update(pairs=len(pair_list), meetings=len(meetings), evaluations=len(evaluations))

    # Logbook entries: spread over the learners; the paired ones send theirs to the mentor.
    has_pair = {mentee for _, mentee, _, _, _ in pair_list}
    per_learner = max(1, entries // len(learner_ids))
    entry_rows = []
    for i in learner_ids:
        for k in range(per_learner):
            state, submitted = "draft", None
            if i in has_pair and rng.random() < 0.6:
                submitted = joined[i] + timedelta(days=rng.uniform(5, 120))
                submitted = min(submitted, now - timedelta(hours=1))
                state = "feedback_given" if rng.random() < 0.8 else "submitted"
            entry_rows.append(
                {
                    "user_id": i,
                    "organisation_id": org,
                    "course": course.slug,
                    "module": modules[k % len(modules)][0],
                    "key": f"assignment-{k}",
                    "text": "A few lines",
                    "version": 1,
                    "state": state,
                    "submitted_at": submitted,
                    "created_at": joined[i],
                    "updated_at": joined[i],
                }
            )
    _insert(Entry, entry_rows)
    answered = db.session.execute(
        sa.select(Entry.id, Entry.submitted_at).where(
            Entry.organisation_id == org, Entry.state == "feedback_given"
        )
    ).all()
    _insert(
        Message,
        (
            {
                "entry_id": entry_id,
                "kind": "feedback",
                "body": "Well done",
                "created_at": min(submitted + timedelta(hours=rng.expovariate(1 / 96)), now),
            }
            for entry_id, submitted in answered
        ),
    )
    counts.update(entries=len(entry_rows), feedback=len(answered))

    # Departures and follow-ups at leaving, +6 and +12 months.
    leavers = [i for i in learner_ids if rng.random() < 0.2]
    left_on = {i: (joined[i] + timedelta(days=rng.uniform(60, 200))).date() for i in leavers}
    leavers = [i for i in leavers if left_on[i] < now.date()]
    _insert(
        Departure,
        (
            {
                "user_id": i,
                "organisation_id": org,
                "left_on": left_on[i],
                "reason": rng.choice(("finished", "stopped")),
                "note": "",
            }
            for i in leavers
        ),
    )
    follow_ups = []
    for i in leavers:
        for moment, months in (("leaving", 0), ("month_6", 6), ("month_12", 12)):
            due = left_on[i] + timedelta(days=30 * months)
            if due > now.date():
                break
            answered_at = None if rng.random() < 0.35 else now
            situation = rng.choice(SITUATIONS) if answered_at else None
            follow_ups.append(
                {
                    "user_id": i,
                    "organisation_id": org,
                    "moment": moment,
                    "due_on": due,
                    "sent_at": now,
                    "expires_at": now + timedelta(days=60),
                    "token_hash": f"programme-follow-up-{i}-{moment}",
                    "answered_at": answered_at,
                    "situation": situation,
                    "business_registered": situation == "self_employed" and rng.random() < 0.7,
                    "started_trading": situation == "self_employed" and rng.random() < 0.5,
                    "financing": rng.sample(FINANCING, rng.randint(0, 2)) if answered_at else [],
                    "by_phone": False,
                }
            )
    _insert(FollowUp, follow_ups)
    counts.update(departures=len(leavers), follow_ups=len(follow_ups))
    db.session.commit()
    return counts
