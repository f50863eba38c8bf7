"""Success stories: the author writes, sends and withdraws; staff of the organisation publish."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import organisation_by_slug, staff_refusal
from accounts.services import may_manage
from fields import takes_files

from . import bp, stories
from .forms import ActionForm, StoryForm
from .photos import PHOTO_MAX_BYTES, PhotoError, clean_photo
from .views import _errors_to, _organisation


def _photo_of(form: StoryForm):
    """The uploaded photo cleaned, None when none was chosen; PhotoError when it is wrong."""
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        return clean_photo(upload.read(PHOTO_MAX_BYTES + 1))
    finally:
        upload.close()  # a large upload is a temporary file: closed now, not when collected


def _save(form: StoryForm, organisation, story):
    """The story saved, or None with the errors on the form (what was typed stays in it)."""
    try:
        photo = _photo_of(form)
    except PhotoError as error:
        form.photo.errors = [*form.photo.errors, error.message]
        return None
    try:
        return stories.save_story(
            current_user,
            organisation,
            story,
            title=form.title.data or "",
            body=form.body.data or "",
            signature=form.signature.data or "",
            consent=form.consent.data,
            send="send" in request.form,
            photo=photo,
            remove_photo=form.remove_photo.data,
        )
    except stories.StoryError as error:
        _errors_to(form, error)
        return None


def _saved_message(story) -> str:
    if story.state == stories.StoryState.SUBMITTED:
        return _("Your story is saved and sent to the staff of your organisation.")
    return _("Your story is saved. Only you can see it until you send it to staff.")


@bp.get("/stories/")
@login_required
def my_stories():
    organisation = _organisation()
    return render_template(
        "network/my_stories.html",
        organisation=organisation,
        stories=stories.stories_of(current_user, organisation),
    )


@bp.route("/stories/new", methods=["GET", "POST"])
@login_required
@takes_files
def new_story():
    organisation = _organisation()
    form = StoryForm()
    if form.validate_on_submit():
        story = _save(form, organisation, None)
        if story is not None:
            flash(_saved_message(story), "success")
            return redirect(url_for("network.edit_story", story_id=story.id))
    return render_template(
        "network/edit_story.html", organisation=organisation, form=form, story=None
    )


@bp.route("/stories/<int:story_id>", methods=["GET", "POST"])
@login_required
@takes_files
def edit_story(story_id):
    organisation = _organisation()
    story = stories.own_story(current_user, story_id)
    if story.organisation_id != organisation.id:
        abort(404)
    form = StoryForm(obj=story)
    if form.validate_on_submit():
        saved = _save(form, organisation, story)
        if saved is not None:
            flash(_saved_message(saved), "success")
            return redirect(url_for("network.edit_story", story_id=story.id))
    return render_template(
        "network/edit_story.html",
        organisation=organisation,
        form=form,
        story=story,
        action_form=ActionForm(),
    )


@bp.post("/stories/<int:story_id>/withdraw")
@login_required
def withdraw_story(story_id):
    story = stories.own_story(current_user, story_id)
    if ActionForm().validate_on_submit():
        stories.withdraw(current_user, story)
        flash(_("You withdrew your consent. The story is no longer published."), "success")
    return redirect(url_for("network.edit_story", story_id=story.id))


@bp.post("/stories/<int:story_id>/delete")
@login_required
def delete_story(story_id):
    story = stories.own_story(current_user, story_id)
    if ActionForm().validate_on_submit():
        stories.delete_story(current_user, story)
        flash(_("Your story is deleted."), "success")
    return redirect(url_for("network.my_stories"))


# --- staff ------------------------------------------------------------------------------------


def _staff_organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    if not may_manage(current_user, organisation):
        abort(staff_refusal(organisation))
    return organisation


@bp.get("/o/<slug>/stories/manage")
@login_required
def staff_stories(slug):
    organisation = _staff_organisation(slug)
    return render_template(
        "network/staff_stories.html",
        organisation=organisation,
        stories=stories.stories_for_staff(current_user, organisation),
        form=ActionForm(),
    )


@bp.post("/o/<slug>/stories/<int:story_id>/publish")
@login_required
def publish_story(slug, story_id):
    organisation = _staff_organisation(slug)
    if ActionForm().validate_on_submit():
        try:
            story = stories.publish(current_user, organisation, story_id)
        except stories.StoryError as error:
            flash(error.message, "error")
        else:
            flash(_("The story “%(title)s” is published.") % {"title": story.title}, "success")
    return redirect(url_for("network.staff_stories", slug=slug))


@bp.post("/o/<slug>/stories/<int:story_id>/take-down")
@login_required
def take_down_story(slug, story_id):
    organisation = _staff_organisation(slug)
    if ActionForm().validate_on_submit():
        story = stories.take_down(current_user, organisation, story_id)
        flash(
            _("The story “%(title)s” is no longer published.") % {"title": story.title}, "success"
        )
    return redirect(url_for("network.staff_stories", slug=slug))
