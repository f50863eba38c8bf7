"""Issuing and revoking credentials, and what a person can collect. Services flush; the
request commits. Only the person it is for collects a credential; only staff revoke."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, Role, User
from accounts.services import may_manage
from extensions import Invalid, NotAllowed, NotFound, db, flush, utcnow
from logbook.models import Entry, Message, MessageKind
from logbook.services.common import title_of
from mentoring.models import CLOSED_STATES, Evaluation, Meeting, Mentorship
from modules import services as modules
from modules.content import Course
from outbox.services import external_url, local_path
from quizzes.grading import OUT_OF, PASS_MARK

from . import building, keys
from .models import Credential, CredentialKind, new_public_id

logger = logging.getLogger(__name__)

NO_KEY = _l("Your organisation cannot issue certificates yet. Please ask its staff to set this up.")
NOT_FINISHED = _l(
    "You get the certificate once you have read every section and passed every "
    "self-assessment of the course."
)
ALREADY = _l("You already have this certificate.")
NOT_EVALUATED = _l(
    "This credential is for mentors whose mentoring has ended and whose closing evaluation "
    "both of you have filled in."
)
NAME_NEEDED = _l("Write the name to print on your certificate.")
HOURS_NEEDED = _l("Write how many hours you gave, as a whole number from 1 to 2000.")
LEARNED_NEEDED = _l("Write in a few words what you learned.")
REASON_NEEDED = _l("Write why the certificate is withdrawn.")
NAME_MAX = 80
LEARNED_MAX = 2000
REASON_MAX = 500


class CredentialError(Invalid):
    """A refusal the person can act on; `field` names the form field it belongs to."""


def issuer_id(organisation: Organisation) -> str:
    return external_url("credentials.issuer", slug=organisation.slug)


def verify_url(credential_id: str) -> str:
    return external_url("credentials.verify", credential_id=credential_id)


def _issuer(organisation: Organisation) -> building.Issuer:
    return building.issuer_of(
        issuer_id(organisation), organisation.name, external_url("dashboard.home")
    )


def _sign(organisation: Organisation, credential) -> str:
    pem = keys.private_pem(organisation.slug)
    if pem is None:
        logger.warning("credential refused: no key organisation=%s", organisation.id)
        raise CredentialError(NO_KEY)
    from openbadgeslib.ob3 import OB3Signer  # imported when used: a leaner start

    return OB3Signer(pem, algorithm=keys.ALGORITHM).sign(credential)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > NAME_MAX:
        raise CredentialError(NAME_NEEDED, field="name")
    return name


def _current(user_id: int, organisation_id: int, subject: str) -> Credential | None:
    return db.session.scalar(
        db.select(Credential)
        .filter_by(user_id=user_id, organisation_id=organisation_id, subject=subject)
        .where(Credential.revoked_at.is_(None))
        .limit(1)
    )


# The course certificate ------------------------------------------------------------------------


def course_subject(course: Course) -> str:
    return f"course:{course.slug}"


def has_finished(user: User, course: Course) -> bool:
    progress = modules.course_progress(user.id, course)
    return bool(course.modules) and progress.modules_done == len(course.modules)


def is_learner_of(user: User, organisation: Organisation, course: Course) -> bool:
    return user.has_role(organisation.id, Role.LEARNER) and course in modules.offered_courses(
        organisation.id
    )


def course_certificate(user: User, organisation: Organisation, course: Course):
    return _current(user.id, organisation.id, course_subject(course))


@dataclass(frozen=True)
class EvidenceChoice:
    entry_id: int
    title: str
    read_by_mentor: bool


def evidence_choices(
    user: User, organisation: Organisation, course: Course, language: str
) -> list[EvidenceChoice]:
    """The learner's sent logbook entries: the ones that can go on the certificate."""
    entries = db.session.scalars(
        db.select(Entry)
        .filter_by(user_id=user.id, organisation_id=organisation.id, course=course.slug)
        .where(Entry.submitted_text.is_not(None))
        .order_by(Entry.id)
    ).all()
    reviewed = set(
        db.session.scalars(
            db.select(Message.entry_id).where(
                Message.entry_id.in_([e.id for e in entries]),
                Message.kind == MessageKind.FEEDBACK.value,
            )
        )
    )
    return [EvidenceChoice(e.id, title_of(e, language), e.id in reviewed) for e in entries]


def issue_course_certificate(
    user: User,
    organisation: Organisation,
    course: Course,
    *,
    name: str,
    evidence_ids: list[int],
    language: str,
) -> Credential:
    if not is_learner_of(user, organisation, course):
        raise NotFound()
    if not has_finished(user, course):
        raise CredentialError(NOT_FINISHED)
    subject = course_subject(course)
    if _current(user.id, organisation.id, subject) is not None:
        raise CredentialError(ALREADY)
    name = _clean_name(name)
    chosen = {int(i) for i in evidence_ids}
    choices = evidence_choices(user, organisation, course, language)
    texts = dict(
        db.session.execute(
            db.select(Entry.id, Entry.submitted_text).where(Entry.id.in_(chosen))
        ).all()
    )
    evidence = [
        building.EvidenceItem(c.title, texts.get(c.entry_id) or "", c.read_by_mentor)
        for c in choices
        if c.entry_id in chosen
    ]
    credential_id, salt, now = new_public_id(), secrets.token_hex(16), utcnow()
    with force_locale(language):
        badge = building.course_credential(
            credential_url=verify_url(credential_id),
            issuer=_issuer(organisation),
            course=course,
            language=language,
            identities=building.recipient(user.email, salt, name),
            evidence=evidence,
            pass_mark=PASS_MARK,
            out_of=OUT_OF,
            issued_at=now,
        )
    return _store(user, organisation, CredentialKind.COURSE, subject, badge, salt, name, language)


def _store(user, organisation, kind, subject, badge, salt, name, language) -> Credential:
    row = Credential(
        id=badge.id.rsplit("/", 1)[-1],
        user_id=user.id,
        organisation_id=organisation.id,
        kind=kind.value,
        subject=subject,
        name=name,
        title=badge.achievement.name[:200],
        language=language,
        salt=salt,
        jwt=_sign(organisation, badge),
        issued_at=badge.issuance_date.replace(tzinfo=None),
    )
    db.session.add(row)
    flush(CredentialError, ALREADY)
    logger.info(
        "credential issued credential=%s kind=%s organisation=%s", row.id, kind, organisation.id
    )
    return row


# The reverse mentor credential ------------------------------------------------------------------


def pair_subject(pair: Mentorship) -> str:
    return f"pair:{pair.id}"


def evaluated_pair(user: User, pair_id: int) -> Mentorship:
    """The mentor's own pair, ended, with both closing evaluations in; else not found/refused."""
    pair = db.session.get(Mentorship, pair_id)
    if pair is None or pair.mentor_id != user.id:
        raise NotFound()
    if pair.state not in CLOSED_STATES or _evaluations(pair.id) < 2:
        raise CredentialError(NOT_EVALUATED)
    return pair


def _evaluations(pair_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(Evaluation.id)).filter_by(mentorship_id=pair_id)
    )


def meeting_hours(pair: Mentorship) -> int | None:
    """The hours of the meetings the pair logged with a length; None when none has one."""
    minutes = db.session.scalar(
        db.select(db.func.sum(Meeting.minutes)).filter_by(mentorship_id=pair.id)
    )
    return max(1, round(minutes / 60)) if minutes else None


def what_mentor_learned(pair: Mentorship) -> str:
    """The mentor's own answer in the evaluation, as a starting point for the form."""
    return (
        db.session.scalar(
            db.select(Evaluation.learned_from_other).filter_by(
                mentorship_id=pair.id, user_id=pair.mentor_id
            )
        )
        or ""
    )


def mentor_credential(user: User, pair: Mentorship) -> Credential | None:
    return _current(user.id, pair.organisation_id, pair_subject(pair))


def issue_mentor_credential(
    user: User, pair_id: int, *, name: str, hours: int | None, learned: str, language: str
) -> Credential:
    pair = evaluated_pair(user, pair_id)
    subject = pair_subject(pair)
    if _current(user.id, pair.organisation_id, subject) is not None:
        raise CredentialError(ALREADY)
    name = _clean_name(name)
    if hours is None or not 1 <= int(hours) <= 2000:
        raise CredentialError(HOURS_NEEDED, field="hours")
    learned = (learned or "").strip()
    if not learned or len(learned) > LEARNED_MAX:
        raise CredentialError(LEARNED_NEEDED, field="learned")
    organisation = pair.organisation
    credential_id, salt, now = new_public_id(), secrets.token_hex(16), utcnow()
    with force_locale(language):
        badge = building.mentor_credential(
            credential_url=verify_url(credential_id),
            issuer=_issuer(organisation),
            identities=building.recipient(user.email, salt, name),
            hours=int(hours),
            learned=learned,
            issued_at=now,
        )
    kind = CredentialKind.REVERSE_MENTOR
    return _store(user, organisation, kind, subject, badge, salt, name, language)


# Reading and revoking ---------------------------------------------------------------------------


def own_credential(user: User, credential_id: str) -> Credential:
    row = db.session.get(Credential, credential_id)
    if row is None or row.user_id != user.id:
        raise NotFound()
    return row


def issued_by(organisation: Organisation) -> list[Credential]:
    return list(
        db.session.scalars(
            db.select(Credential)
            .filter_by(organisation_id=organisation.id)
            .order_by(Credential.issued_at.desc())
        )
    )


def revoke(staff: User, credential_id: str, reason: str) -> Credential:
    row = db.session.get(Credential, credential_id)
    if row is None:
        raise NotFound()
    if not may_manage(staff, row.organisation):
        raise NotAllowed()
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > REASON_MAX:
        raise CredentialError(REASON_NEEDED, field="reason")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        row.revoke_reason = reason
        row.revoked_by_id = staff.id
        flush(CredentialError, ALREADY)
        logger.info("credential revoked credential=%s by=%s", row.id, staff.id)
    return row


@dataclass(frozen=True)
class Offer:
    title: str
    url: str
    credential: Credential | None


def offers_for(user: User, organisation: Organisation, language: str) -> list[Offer]:
    """Finished courses and evaluated pairs: collected or waiting to be collected."""
    offers: list[Offer] = []
    if user.has_role(organisation.id, Role.LEARNER):
        for course in modules.offered_courses(organisation.id):
            if has_finished(user, course):
                offers.append(
                    Offer(
                        course.title(language),
                        local_path("credentials.course", slug=course.slug),
                        course_certificate(user, organisation, course),
                    )
                )
    if user.has_role(organisation.id, Role.MENTOR):
        pairs = db.session.scalars(
            db.select(Mentorship)
            .filter_by(mentor_id=user.id, organisation_id=organisation.id)
            .where(Mentorship.state.in_(CLOSED_STATES))
        ).all()
        for pair in pairs:
            if _evaluations(pair.id) >= 2:
                offers.append(
                    Offer(
                        str(_l("Reverse mentor: %(name)s", name=pair.mentee.name)),
                        local_path("credentials.mentor", pair_id=pair.id),
                        mentor_credential(user, pair),
                    )
                )
    return offers
