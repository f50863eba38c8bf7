"""The mentor's side: current mentees with their progress, the inbox of entries waiting for
feedback, reading an entry and replying. A mentor sees only entries their current mentees
submitted; drafts, other mentors' mentees and ended pairs answer 404."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import Role
from mentoring import services as mentoring
from modules import services as modules

from .. import bp, services
from ..forms import ReplyForm
from ..models import EntryState
from . import courses_of, lang, organisation_as, titles_by_key


@bp.get("/mentor/")
@login_required
def mentor_home():
    organisation = organisation_as(Role.MENTOR)
    pairs = mentoring.current_mentorships_of_mentor(current_user.id, organisation.id)
    mentee_ids = [p.mentee_id for p in pairs]
    mentees = services.people(mentee_ids)  # one query, not one per pair
    courses = courses_of(organisation)
    progress = {c.slug: modules.progress_of_many(mentee_ids, c) for c in courses}
    titles = {c.slug: titles_by_key(c, lang()) for c in courses}
    return render_template(
        "logbook/mentor_home.html",
        pairs=pairs,
        mentees=mentees,
        courses=courses,
        progress=progress,
        inbox=services.inbox(current_user, organisation),
        shared=services.shared_entries_of(mentee_ids, organisation),
        titles=titles,
        unread=mentoring.unread_counts(current_user),  # messages, one query for every pair
    )


def _entry_page(entry, reply_form, status=200):
    organisation = organisation_as(Role.MENTOR)
    course = next((c for c in courses_of(organisation) if c.slug == entry.course), None)
    assignment = titles_by_key(course, lang()).get(entry.key) if course else None
    page = render_template(
        "logbook/mentor_entry.html",
        entry=entry,
        state=EntryState(entry.state),
        course=course,
        assignment=assignment,
        thread=services.thread_of(entry),
        reply_form=reply_form,
    )
    return page, status


def _entry_for_mentor(entry_id: int):
    organisation_as(Role.MENTOR)
    try:
        return services.entry_for_mentor(current_user, entry_id)
    except services.EntryNotFound:
        abort(404)


@bp.get("/mentor/entries/<int:entry_id>")
@login_required
def mentor_entry(entry_id):
    entry = _entry_for_mentor(entry_id)
    services.record_read(entry, current_user)
    return _entry_page(entry, ReplyForm())


@bp.post("/mentor/entries/<int:entry_id>/reply")
@login_required
def reply(entry_id):
    entry = _entry_for_mentor(entry_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            services.give_feedback(current_user, entry.id, form.body.data)
        except services.LogbookError as error:
            form.body.errors = [*form.body.errors, error.message]
        else:
            flash(_("Your feedback is sent to %(name)s.", name=entry.user.name), "success")
            return redirect(url_for("logbook.mentor_home"))
    return _entry_page(entry, form, 422)
