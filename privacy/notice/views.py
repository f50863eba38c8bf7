"""The notice: public per organisation, edited by its staff, shown again once it changed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import organisation_by_slug, safe_next, staff_refusal
from accounts.services import may_manage
from extensions import Invalid

from . import bp, services
from .forms import ContinueForm, NoticeForm


def _organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None or organisation.is_archived:
        abort(404)
    return organisation


@bp.get("/o/<slug>/privacy")
def public(slug):
    """Anyone may read it, before joining too."""
    notice = services.current_notice(_organisation(slug))
    return render_template("notice/public.html", notice=notice)


def _staff_organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    if not may_manage(current_user, organisation):
        abort(staff_refusal(organisation))
    return organisation


@bp.route("/organisations/<slug>/privacy-notice", methods=["GET", "POST"])
@login_required
def edit(slug):
    organisation = _staff_organisation(slug)
    notice = services.current_notice(organisation)
    form = NoticeForm()
    if request.method == "GET":
        form.text_en.data = notice.texts["en"]
        form.text_nl.data = notice.texts["nl"]
    if form.validate_on_submit():
        try:
            version = services.save_notice(
                current_user, organisation, form.text_en.data, form.text_nl.data
            )
        except Invalid as error:
            form.form_errors.append(str(error.message))
        else:
            message = _(
                "Version %(version)s of your privacy notice is saved. Everyone in your "
                "organisation sees it the next time they sign in.",
                version=version,
            )
            flash(message, "success")
            return redirect(url_for("notice.edit", slug=slug))
    return render_template("notice/edit.html", form=form, notice=notice)


@bp.route("/privacy-notice/changed", methods=["GET", "POST"])
@login_required
def changed():
    """The interstitial after sign-in: a newer notice of one of the person's organisations."""
    form = ContinueForm()
    wanted = request.form.get("next") if request.method == "POST" else request.args.get("next")
    target = safe_next(wanted, url_for("dashboard.index"))
    organisation = services.changed_for(current_user.id)
    if organisation is None:
        return redirect(target)
    if form.validate_on_submit():
        services.record_seen(current_user.id, organisation)
        return redirect(target)
    form.next.data = target
    notice = services.current_notice(organisation)
    return render_template("notice/changed.html", form=form, notice=notice)
