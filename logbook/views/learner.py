"""The learner's logbook: overview, the entry editor with autosave, revisions, submission, the
thread with the mentor, and the take-away exports. Only the learner sees their own entries."""

from __future__ import annotations

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import Role
from extensions import utcnow
from mentoring import services as mentoring

from .. import bp, export, notify, services
from ..forms import EntryForm, ReplyForm, VersionForm
from ..models import EntryState
from . import assignment_of, course_of, courses_of, lang, organisation_as


def _entry_context(course_slug: str, key: str):
    organisation = organisation_as(Role.LEARNER)
    course = course_of(organisation, course_slug)
    assignment = assignment_of(course, key, lang())
    if assignment is None:
        abort(404)
    return organisation, course, assignment


def _entry_url(course, assignment, **values) -> str:
    return url_for("logbook.entry", course_slug=course.slug, key=assignment.key, **values)


@bp.get("/logbook/")
@login_required
def index():
    organisation = organisation_as(Role.LEARNER)
    courses = courses_of(organisation)
    return render_template(
        "logbook/index.html",
        courses=courses,
        entries=services.entries_of(current_user.id),
        notifications=services.unread_notifications(current_user.id),
        lang=lang(),
    )


def _render_entry(organisation, course, assignment, form, status=200, **extra):
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    page = render_template(
        "logbook/entry.html",
        course=course,
        assignment=assignment,
        module=course.module(assignment.module),
        entry=entry,
        state=EntryState(entry.state) if entry else None,
        form=form,
        version_form=VersionForm(base_version=entry.version if entry else 0),
        reply_form=extra.pop("reply_form", None) or ReplyForm(),
        pair=mentoring.current_mentorship(current_user.id, organisation.id),
        thread=services.thread_of(entry),
        reads=services.reads_of(entry),
        revisions=services.revisions_of(entry),
        lang=lang(),
        **extra,
    )
    return page, status


@bp.route("/logbook/<course_slug>/<key>", methods=["GET", "POST"])
@login_required
def entry(course_slug, key):
    organisation, course, assignment = _entry_context(course_slug, key)
    form = EntryForm()
    if request.method == "GET":
        existing = services.entry_of(current_user.id, course.slug, assignment.key)
        if existing is not None:
            services.mark_read_for(current_user, existing)
            form.text.data, form.base_version.data = existing.text, existing.version
        else:
            form.text.data, form.base_version.data = assignment.template or "", 0
        return _render_entry(organisation, course, assignment, form)
    if not form.validate_on_submit():
        return _render_entry(organisation, course, assignment, form, 400)
    text = form.text.data or ""
    if request.form.get("action") == "preview":
        return _render_entry(organisation, course, assignment, form, preview=text)
    try:
        services.save_entry(
            current_user, organisation, course.slug, assignment, text, form.base_version.data or 0
        )
    except services.Conflict as conflict:
        # Nothing was saved. The learner's text stays in the box, now based on the newer
        # version, so saving again keeps it on purpose; the newer text is shown beside it.
        newer = conflict.entry.version if conflict.entry else 0
        form.base_version.data, form.base_version.raw_data = newer, [str(newer)]
        return _render_entry(organisation, course, assignment, form, 409, conflict=conflict)
    except services.LogbookError as error:
        form.text.errors = [*form.text.errors, error.message]
        return _render_entry(organisation, course, assignment, form, 422)
    flash(_("Your entry is saved."), "success")
    return redirect(_entry_url(course, assignment))


@bp.post("/logbook/<course_slug>/<key>/autosave")
def autosave(course_slug, key):
    """The script's save: JSON in every case, so the page can keep the text when it fails."""
    if not current_user.is_authenticated:
        return jsonify(error=_("You are signed out. Your text is kept in this browser.")), 401
    organisation, course, assignment = _entry_context(course_slug, key)
    form = EntryForm()
    if not form.validate_on_submit():
        return jsonify(error=_("The page is out of date. Reload it to save.")), 400
    try:
        entry = services.save_entry(
            current_user,
            organisation,
            course.slug,
            assignment,
            form.text.data or "",
            form.base_version.data or 0,
        )
    except services.Conflict as conflict:
        return jsonify(
            conflict=True,
            version=conflict.entry.version if conflict.entry else 0,
            error=_(
                "This entry was changed in another window. Press Save to see both texts and choose."
            ),
        ), 409
    except services.LogbookError as error:
        return jsonify(error=str(error.message)), 422
    return jsonify(
        version=entry.version,
        message=_("Saved at %(time)s", time=format_time(utcnow(), "HH:mm")),
    )


@bp.get("/logbook/<course_slug>/<key>/revisions/<int:version>")
@login_required
def revision(course_slug, key, version):
    organisation, course, assignment = _entry_context(course_slug, key)
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    try:
        revision = services.revision_of(entry, version)
    except services.EntryNotFound:
        abort(404)
    return render_template(
        "logbook/revision.html",
        course=course,
        assignment=assignment,
        entry=entry,
        revision=revision,
        form=VersionForm(base_version=entry.version),
        can_edit=EntryState(entry.state) in services.SAVE_MOVES,
    )


@bp.post("/logbook/<course_slug>/<key>/revisions/<int:version>/restore")
@login_required
def restore(course_slug, key, version):
    organisation, course, assignment = _entry_context(course_slug, key)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.restore_revision(
            current_user,
            organisation,
            course.slug,
            assignment,
            version,
            form.base_version.data or 0,
        )
    except services.EntryNotFound:
        abort(404)
    except services.Conflict:
        flash(_("The entry changed since you opened that page. Look again, then restore."), "error")
        return redirect(_entry_url(course, assignment))
    except services.LogbookError as error:
        flash(error.message, "error")
        return redirect(_entry_url(course, assignment))
    flash(_("Version %(number)s is back as your current text.", number=version), "success")
    return redirect(_entry_url(course, assignment))


@bp.post("/logbook/<course_slug>/<key>/submit")
@login_required
def submit(course_slug, key):
    organisation, course, assignment = _entry_context(course_slug, key)
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    if not VersionForm().validate_on_submit():
        abort(400)
    try:
        services.submit_entry(current_user, organisation, entry)
    except services.EntryNotFound:
        abort(404)
    except services.LogbookError as error:
        flash(error.message, "error")
        return redirect(_entry_url(course, assignment))
    pair = mentoring.current_mentorship(current_user.id, organisation.id)
    notify.entry_submitted(entry, pair.mentor, assignment.title, organisation)
    flash(_("Sent to %(name)s. You will hear when they reply.", name=pair.mentor.name), "success")
    return redirect(_entry_url(course, assignment))


@bp.post("/logbook/<course_slug>/<key>/withdraw")
@login_required
def withdraw(course_slug, key):
    organisation, course, assignment = _entry_context(course_slug, key)
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    if not VersionForm().validate_on_submit():
        abort(400)
    try:
        services.withdraw_entry(current_user, entry)
    except services.EntryNotFound:
        abort(404)
    except services.LogbookError as error:
        flash(error.message, "error")
        return redirect(_entry_url(course, assignment))
    flash(_("You took the entry back. You can change it now."), "success")
    return redirect(_entry_url(course, assignment))


@bp.post("/logbook/<course_slug>/<key>/answer")
@login_required
def answer(course_slug, key):
    organisation, course, assignment = _entry_context(course_slug, key)
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    if entry is None:
        abort(404)
    reply_form = ReplyForm()
    if reply_form.validate_on_submit():
        try:
            services.answer_feedback(current_user, entry, reply_form.body.data)
        except services.LogbookError as error:
            reply_form.body.errors = [*reply_form.body.errors, error.message]
        else:
            flash(_("Your answer is added to the conversation."), "success")
            return redirect(_entry_url(course, assignment, _anchor="thread"))
    form = EntryForm(formdata=None, text=entry.text, base_version=entry.version)
    return _render_entry(organisation, course, assignment, form, 422, reply_form=reply_form)


# Take-away -----------------------------------------------------------------------------------


def _chapters():
    organisation = organisation_as(Role.LEARNER)
    return export.outline(courses_of(organisation), services.entries_of(current_user.id), lang())


@bp.get("/logbook/export.docx")
@login_required
def export_docx():
    body = export.as_docx(_chapters(), current_user.name)
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": 'attachment; filename="business-plan-draft.docx"'},
    )


@bp.get("/logbook/export.md")
@login_required
def export_md():
    body = export.as_markdown(_chapters(), current_user.name)
    return Response(
        body,
        mimetype="text/markdown",
        headers={"Content-Disposition": 'attachment; filename="business-plan-draft.md"'},
    )


@bp.get("/logbook/print")
@login_required
def print_view():
    return render_template(
        "logbook/print_view.html",
        chapters=_chapters(),
        title=export.title(),
    )
