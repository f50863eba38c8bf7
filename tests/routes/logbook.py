"""Route inventory of the logbook: the learner's own pages (learners only, each their own
entries), the mentor's pages (mentors only; an entry only to the mentee's current mentor).
Also the small helpers the logbook tests share to build entries in a given state."""

from __future__ import annotations

from accounts.models import User
from extensions import db
from logbook import services
from logbook.models import Entry, EntryState
from modules.services import catalogue

from . import LOGIN, OK, ROLES, Route

COURSE = "test-course"
E = f"/logbook/{COURSE}/first-plan"


def assignment(key: str = "first-plan", lang: str = "en"):
    course = catalogue().course(COURSE)
    return next(a for a in course.assignments(lang) if a.key == key)


def organisation_of(user: User):
    return user.memberships[0].organisation


def make_entry(user: User, state=EntryState.DRAFT, key="first-plan", text="My plan", mentor=None):
    """An entry carried to `state` through the services, as a learner and mentor would."""
    organisation = organisation_of(user)
    entry = services.save_entry(user, organisation, COURSE, assignment(key), text, 0)
    state = EntryState(state)
    if state is EntryState.DRAFT:
        return entry
    services.submit_entry(user, organisation, entry)
    if state is EntryState.SUBMITTED:
        return entry
    services.give_feedback(mentor, entry.id, "Good start")
    if state is EntryState.FEEDBACK_GIVEN:
        return entry
    services.save_entry(user, organisation, COURSE, assignment(key), text + " and more", 1)
    return db.session.get(Entry, entry.id)


def _draft(world, make):
    world.extra["entry"] = make_entry(world.learner)


def _submitted(world, make):
    world.extra["entry"] = make_entry(
        world.learner, EntryState.SUBMITTED, mentor=world.people["mentor"]
    )


def _feedback(world, make):
    world.extra["entry"] = make_entry(
        world.learner, EntryState.FEEDBACK_GIVEN, mentor=world.people["mentor"]
    )


def _expect(ok: tuple[str, ...], refused: dict[str, object], anonymous=LOGIN):
    expect = {role: (OK if role in ok else 403) for role in ROLES}
    expect.update({"anonymous": anonymous, "admin": 404, **refused})
    return expect


# Learner pages: each learner reaches their own logbook; the platform admin has no organisation.
LEARNERS = _expect(("learner", "other_learner"), {})
# Pages of one learner's entry: another learner has no such entry.
OWN_ENTRY = _expect(("learner",), {"other_learner": 404})
MENTORS = _expect(("mentor", "other_mentor"), {})
# One entry on the mentor's side: only the mentee's current mentor.
CURRENT_MENTOR = _expect(("mentor",), {"other_mentor": 404})


def entry_url(tail=""):
    return lambda w: f"/mentor/entries/{w.extra['entry'].id}{tail}"


ROUTES = [
    Route("logbook.index", "GET", "/logbook/", LEARNERS),
    Route("logbook.entry", "GET", E, LEARNERS),
    # Saving after the session ended shows the text again and asks to sign in (nothing lost).
    Route(
        "logbook.entry",
        "POST",
        E,
        _expect(("learner", "other_learner"), {}, anonymous=OK),
        data=lambda w: {"text": "x", "base_version": 0},
    ),
    Route(
        "logbook.autosave",
        "POST",
        f"{E}/autosave",
        _expect(("learner", "other_learner"), {}, anonymous=401),
        data=lambda w: {"text": "x", "base_version": 0},
    ),
    Route("logbook.revision", "GET", f"{E}/revisions/1", OWN_ENTRY, setup=_draft),
    Route(
        "logbook.restore",
        "POST",
        f"{E}/revisions/1/restore",
        OWN_ENTRY,
        data=lambda w: {"base_version": 1},
        setup=_draft,
    ),
    Route("logbook.submit", "POST", f"{E}/submit", OWN_ENTRY, setup=_draft),
    Route("logbook.withdraw", "POST", f"{E}/withdraw", OWN_ENTRY, setup=_submitted),
    Route(
        "logbook.answer",
        "POST",
        f"{E}/answer",
        OWN_ENTRY,
        data=lambda w: {"body": "Thank you"},
        setup=_feedback,
    ),
    Route("logbook.export_docx", "GET", "/logbook/export.docx", LEARNERS),
    Route("logbook.export_md", "GET", "/logbook/export.md", LEARNERS),
    Route("logbook.print_view", "GET", "/logbook/print", LEARNERS),
    Route("logbook.mentor_home", "GET", "/mentor/", MENTORS),
    # Whoever may manage the organisation: its staff and platform admins (status, never text).
    Route(
        "logbook.staff_overview",
        "GET",
        lambda w: f"/logbook/staff/{w.organisation.slug}/",
        _expect(("staff",), {"admin": OK}),
        setup=_submitted,
    ),
    Route(
        "logbook.staff_learner",
        "GET",
        lambda w: f"/logbook/staff/{w.organisation.slug}/learners/{w.learner.id}",
        _expect(("staff",), {"admin": OK}),
        setup=_submitted,
    ),
    Route("logbook.mentor_entry", "GET", entry_url(), CURRENT_MENTOR, setup=_submitted),
    Route(
        "logbook.reply",
        "POST",
        entry_url("/reply"),
        CURRENT_MENTOR,
        data=lambda w: {"body": "Well done"},
        setup=_submitted,
    ),
]
