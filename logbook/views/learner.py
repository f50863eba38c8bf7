"""The learner's logbook: overview, the entry editor with autosave, revisions, submission, the
thread with the mentor, and the take-away exports. Only the learner sees their own entries."""

from __future__ import annotations

from typing import NamedTuple

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import Role
from extensions import csrf, utcnow
from mentoring import services as mentoring
from modules.services import catalogue

from .. import bp, services
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
    entries = services.entries_of(current_user.id)
    reply_days = mentoring.reply_days_of(
        mentoring.current_mentorship(current_user.id, organisation.id)
    )
    return render_template(
        "logbook/index.html",
        courses=courses,
        entries=entries,
        expected_by={
            place: services.answer_expected_by(e.submitted_at, reply_days)
            for place, e in entries.items()
            if e.state == EntryState.SUBMITTED.value and e.submitted_at is not None
        },
        lang=lang(),
    )


def _render_entry(organisation, course, assignment, form, status=200, **extra):
    entry = services.entry_of(current_user.id, course.slug, assignment.key)
    pair = mentoring.current_mentorship(current_user.id, organisation.id)
    reply_days = mentoring.reply_days_of(pair)
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
        pair=pair,
        reply_days=reply_days,
        expected_by=(
            services.answer_expected_by(entry.submitted_at, reply_days)
            if entry and entry.state == EntryState.SUBMITTED.value and entry.submitted_at
            else None
        ),
        thread=services.thread_of(entry),
        reads=services.reads_of(entry),
        revisions=services.revisions_of(entry),
        lang=lang(),
        **extra,
    )
    return page, status


@bp.route("/logbook/<course_slug>/<key>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so a page left open too long keeps its text
def entry(course_slug, key):
    if not current_user.is_authenticated:
        if request.method == "POST":
            return _hold(course_slug, key)
        return current_app.login_manager.unauthorized()
    organisation, course, assignment = _entry_context(course_slug, key)
    form = EntryForm()
    if request.method == "GET":
        existing = services.entry_of(current_user.id, course.slug, assignment.key)
        if existing is not None:
            services.mark_read_for(current_user, existing)
            form.text.data, form.base_version.data = existing.text, existing.version
        else:
            form.text.data, form.base_version.data = assignment.template or "", 0
        extra = _held_back(organisation, course, assignment, existing, form)
        return _render_entry(organisation, course, assignment, form, **extra)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            form.form_errors.append(
                _(
                    "This page was open a long time, so for your safety nothing was saved. "
                    "Your text is still here: press Save again."
                )
            )
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


# Text saved after the session ended ------------------------------------------------------------

HELD_COOKIE = "herstart_held"
HELD_COOKIE_PATH = "/logbook/"


class Newer(NamedTuple):
    """The newer saved text shown beside the learner's own (the page's conflict panel)."""

    entry: object
    mine: str


def _hold(course_slug: str, key: str):
    """Save pressed after the session ended (no JavaScript): the text is kept on the server for
    the person the page was for, this browser gets a cookie to find it again, and the page
    shows the text and asks to sign in. After signing in the entry page saves it."""
    course = catalogue().course(course_slug)
    assignment = course and next((a for a in course.assignments(lang()) if a.key == key), None)
    if assignment is None:
        abort(404)
    form = EntryForm()
    form.validate()  # only to learn whether the page's CSRF token was good
    checked = "csrf_token" not in form.errors
    text, base = form.text.data or "", form.base_version.data
    writer = request.form.get("writer", "")
    token = None
    if writer.isdigit() and len(writer) < 10 and base is not None and 0 <= base < 2**31:
        try:
            token = services.hold_text(
                request.cookies.get(HELD_COOKIE),
                int(writer),
                course.slug,
                key,
                text,
                base,
                checked,
            )
        except (services.LogbookError, services.EntryNotFound):
            token = None
    entry_url = _entry_url(course, assignment)
    page = render_template(
        "logbook/entry_signed_out.html",
        course=course,
        assignment=assignment,
        text=text,
        held=token is not None,
        checked=checked,
        login_url=url_for("accounts.login", next=entry_url),
    )
    response = make_response(page)  # 200: the held text must commit with this request
    if token is not None:
        response.set_cookie(
            HELD_COOKIE,
            token,
            max_age=int(services.HOLD_FOR.total_seconds()),
            path=HELD_COOKIE_PATH,
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return response


def _held_back(organisation, course, assignment, existing, form) -> dict:
    """After signing in: text this browser held for this person is saved (or, when the post
    could not be trusted or another save came first, put back in the box to save by hand)."""
    token = request.cookies.get(HELD_COOKIE)
    if not token or (
        existing is not None and EntryState(existing.state) not in services.SAVE_MOVES
    ):
        return {}
    held = services.take_held_text(current_user, token, course.slug, assignment.key)
    if held is None:
        return {}
    current = existing.version if existing else 0
    if held.checked and held.base_version == current:
        services.save_entry(current_user, organisation, course.slug, assignment, held.text, current)
        flash(_("The text you wrote while you were signed out is saved."), "success")
        form.text.data, form.base_version.data = held.text, current + 1
        return {}
    form.text.data, form.base_version.data = held.text, current
    if existing is not None and held.base_version != current:
        return {"conflict": Newer(existing, held.text)}
    return {"held_back": True}


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
            autosave=True,
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
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        # The version the page showed: another tab's newer draft is never sent unseen.
        services.submit_entry(current_user, organisation, entry, form.base_version.data or 0)
    except services.EntryNotFound:
        abort(404)
    except services.LogbookError as error:
        flash(error.message, "error")
        return redirect(_entry_url(course, assignment))
    pair = mentoring.current_mentorship(current_user.id, organisation.id)
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
