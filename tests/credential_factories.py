"""Test data for credentials: a finished course, a key per organisation, an issued certificate."""

from __future__ import annotations

from datetime import date

from accounts.models import Organisation, User
from credentials import keys, services
from extensions import db, utcnow
from logbook.models import Entry, EntryState, Message, MessageKind
from mentoring.models import Evaluation, Meeting, Mentorship, PairState
from modules import services as modules


def course():
    return modules.catalogue().course("test-course")


def finish_course(user: User, skip_last_assessment: bool = False) -> None:
    """Fast-forward: every section read and every self-assessment passed."""
    c = course()
    for module in c.modules:
        for section in module.sections:
            modules.mark_read(user.id, c, module, section.slug)
        if skip_last_assessment and module is c.modules[-1]:
            continue
        modules.record_self_assessment(user.id, c.slug, module.slug, 9, True)
    db.session.commit()


def key_for(organisation: Organisation) -> str:
    return keys.make_key(organisation.slug)


def certificate(user: User, organisation: Organisation, name: str = "Marianne de Vries", **kw):
    row = services.issue_course_certificate(
        user,
        organisation,
        course(),
        name=name,
        evidence_ids=kw.get("evidence_ids", []),
        language=kw.get("language", "en"),
    )
    db.session.commit()
    return row


def sent_entry(user: User, organisation: Organisation, text: str, mentor: User | None = None):
    """A logbook entry the learner sent; with `mentor`, one the mentor replied to."""
    assignment = course().assignments("en")[0]
    entry = Entry(
        user_id=user.id,
        organisation_id=organisation.id,
        course="test-course",
        module=assignment.module,
        key=assignment.key,
        text=text,
        submitted_text=text,
        submitted_at=utcnow(),
        state=(EntryState.FEEDBACK_GIVEN if mentor else EntryState.SUBMITTED).value,
    )
    db.session.add(entry)
    db.session.flush()
    if mentor is not None:
        db.session.add(
            Message(
                entry_id=entry.id, author_id=mentor.id, kind=MessageKind.FEEDBACK.value, body="Good"
            )
        )
    db.session.commit()
    return entry


def evaluated_pair(pair: Mentorship, both: bool = True, minutes: int | None = 90) -> Mentorship:
    """End the pair, log a meeting of `minutes`, and file the closing evaluation(s)."""
    pair.state = PairState.ENDED.value
    pair.ended_at = utcnow()
    if minutes:
        db.session.add(Meeting(mentorship_id=pair.id, held_on=date.today(), minutes=minutes))
    sides = [("mentor", pair.mentor_id), ("mentee", pair.mentee_id)][: 2 if both else 1]
    for side, user_id in sides:
        db.session.add(
            Evaluation(
                mentorship_id=pair.id,
                user_id=user_id,
                side=side,
                usefulness=4,
                learned="A web shop",
                learned_from_other="How people of 45+ weigh a risk",
            )
        )
    db.session.commit()
    return pair
