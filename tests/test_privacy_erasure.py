"""Erasure through the providers (the account deletion page and its grace period come next):
no table keeps the person's name, address or own words; the funder's record and the partner's
words stay."""

from __future__ import annotations

from sqlalchemy import JSON, String, Text, cast

from extensions import db, utcnow
from mentoring.models import Mentorship, PairMessage
from modules.models import SelfAssessment
from notifications.models import Notification
from outcomes.models import EntryStatus, age_band
from personal_data import FORMER_PARTICIPANT
from privacy.erasure import erase_person
from tests.factories import PASSWORD
from tests.test_privacy_export import world  # noqa: F401 (the fixture)

OWN_WORDS = (
    "MY-LOGBOOK-TEXT",
    "MY-SECOND-VERSION",
    "MY-ANSWER",
    "MY-PAIR-MESSAGE",
    "MY-MEETING-NOTE",
    "MY-EVALUATION",
    "MY-QUIZ-ANSWER",
    "MY-KVK-NUMBER",
    "MY-BUDGET-ROW",
    "Twenty-five years in retail purchasing.",
)


def _everywhere(needle: str) -> list[str]:
    """`table.column` of every text column, in every table, that holds `needle`."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | Text | JSON):
                continue
            text = cast(column, String) if isinstance(column.type, JSON) else column
            query = db.select(db.func.count()).select_from(table).where(text.ilike(f"%{needle}%"))
            if db.session.scalar(query):
                found.append(f"{table.name}.{column.name}")
    return found


def test_nothing_of_the_person_is_left(world):  # noqa: F811
    mentee = world["mentee"]
    name, email = mentee.name, mentee.email
    assert _everywhere("MY-LOGBOOK-TEXT") and _everywhere(email)  # the scan sees them before
    erase_person(mentee.id)
    db.session.commit()
    left = {needle: _everywhere(needle) for needle in (name, email, *OWN_WORDS)}
    assert {needle: where for needle, where in left.items() if where} == {}


def test_the_funders_record_and_the_partners_words_stay(world):  # noqa: F811
    mentee, mentor = world["mentee"], world["mentor"]
    erase_person(mentee.id)
    db.session.commit()
    assert db.session.scalar(db.select(SelfAssessment).filter_by(user_id=mentee.id))
    kept = db.session.scalar(db.select(EntryStatus).filter_by(user_id=mentee.id))
    assert (kept.birth_year, kept.age_band) == (None, age_band(1968, utcnow().year))
    pair = db.session.scalar(db.select(Mentorship).filter_by(mentee_id=mentee.id))
    assert pair.mentee.name == FORMER_PARTICIPANT
    bodies = db.session.scalars(db.select(PairMessage.body).filter_by(pair_id=pair.id))
    assert list(bodies) == ["MENTORS-REPLY-TO-ME"]
    told = db.session.scalars(
        db.select(Notification.params).filter_by(user_id=mentor.id, kind="message_received")
    )
    assert {p["name"] for p in told} == {FORMER_PARTICIPANT, world["other_learner"].name}


def test_the_erased_account_cannot_sign_in(world):  # noqa: F811
    mentee = world["mentee"]
    erase_person(mentee.id)
    db.session.commit()
    assert not mentee.check_password(PASSWORD) and not mentee.is_active


def test_a_staff_members_erasure_keeps_the_organisations_data(world):  # noqa: F811
    """Only their identity goes: the check-in they wrote and the pairs they ran stay."""
    staff, mentee = world["staff"], world["mentee"]
    name, email = staff.name, staff.email
    erase_person(staff.id)
    db.session.commit()
    assert _everywhere("STAFF-CHECKIN-NOTE")
    assert db.session.scalar(db.select(Mentorship).filter_by(mentee_id=mentee.id))
    assert _everywhere(mentee.email) and _everywhere("MY-LOGBOOK-TEXT")
    assert {needle: _everywhere(needle) for needle in (name, email) if _everywhere(needle)} == {}


def test_the_mentor_reads_a_former_participant_in_their_own_language(client, auth, world):  # noqa: F811
    """Stored once in English, shown in the reader's language on pages and notifications."""
    erase_person(world["mentee"].id)
    db.session.commit()
    auth.login(world["mentor"])
    dutch = {"Accept-Language": "nl"}
    for url in ("/mentoring", "/notifications/"):
        html = client.get(url, headers=dutch).get_data(as_text=True)
        assert "een oud-deelnemer" in html and FORMER_PARTICIPANT not in html, url


def test_the_erased_person_still_counts_in_their_age_band(world):  # noqa: F811
    from tests.test_privacy_purge import _reach

    mentee = world["mentee"]
    band = age_band(1968, utcnow().year)
    before = _reach(world["org"]).by_age[band].joined
    erase_person(mentee.id)
    db.session.commit()
    assert before >= 1 and _reach(world["org"]).by_age[band].joined == before
