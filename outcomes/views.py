"""Pages of the outcomes feature: the status at entry (after joining, and from the profile), the
follow-up questions through the emailed one-time link, and the same questions in the app."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation, safe_next
from accounts.limits import per_address
from accounts.models import Role
from extensions import Invalid, utcnow

from . import bp, services
from .forms import ConfirmForm, EntryStatusForm, FollowUpForm
from .services import LinkState


def _learner_organisation():
    """The current organisation, where the person is a learner; nobody else has these pages."""
    organisation = current_organisation()
    if organisation is None or not current_user.has_role(organisation.id, Role.LEARNER):
        abort(404)
    return organisation


# Status at entry ---------------------------------------------------------------------------------


@bp.route("/about-you", methods=["GET", "POST"])
@login_required
def about_you():
    organisation = _learner_organisation()
    status = services.entry_status_of(current_user.id, organisation.id)
    if request.method == "GET" and status is not None:
        form = EntryStatusForm(
            data={
                "birth_year": status.birth_year,
                "situation": status.situation or "",
                "benefit": status.benefit or "",
            },
            next=request.args.get("next", ""),
        )
    else:
        form = EntryStatusForm(next=request.args.get("next", ""))
    onward = safe_next(form.next.data, url_for("accounts.profile"))
    if form.validate_on_submit():
        saved = services.save_entry_status(current_user, organisation, **form.answers())
        if saved is None:
            flash(_("Nothing was filled in, so nothing is kept."), "info")
        else:
            flash(
                _("Thank you. Your answers are saved; you can change them at any time."), "success"
            )
        return redirect(onward)
    return render_template(
        "outcomes/about_you.html",
        form=form,
        status=status,
        onward=onward,
        withdraw_form=ConfirmForm(),
        organisation=organisation,
    )


@bp.post("/about-you/withdraw")
@login_required
def withdraw_about_you():
    organisation = _learner_organisation()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if services.withdraw_entry_status(current_user, organisation):
        flash(_("Your answers are deleted."), "success")
    return redirect(url_for("accounts.profile"))


# The follow-up through the emailed link ---------------------------------------------------------


def _closed(template: str, status: int, follow_up=None):
    return render_template(f"outcomes/{template}.html", follow_up=follow_up), status


@bp.route("/follow-up/<token>", methods=["GET", "POST"])
@per_address()
def follow_up_link(token):
    follow_up = services.follow_up_by_token(token)
    if follow_up is None:
        return _closed("link_invalid", 404)
    signed_in = current_user._get_current_object() if current_user.is_authenticated else None
    state = services.link_state(follow_up, signed_in, utcnow())
    if state is LinkState.SOMEONE_ELSE:
        return _closed("link_someone_else", 403)
    if state is LinkState.ANSWERED:
        return _closed("link_answered", 410, follow_up)
    if state is LinkState.EXPIRED:
        return _closed("link_expired", 410, follow_up)
    if state is LinkState.CLOSED:
        return _closed("link_invalid", 404)
    form = FollowUpForm()
    if form.validate_on_submit():
        try:
            services.record_answer(follow_up, form.answer(), by=signed_in)
        except Invalid:  # answered in another tab a moment ago
            return _closed("link_answered", 410, follow_up)
        return redirect(url_for("outcomes.thank_you"))
    return render_template("outcomes/follow_up_link.html", form=form, follow_up=follow_up)


@bp.get("/thank-you")
def thank_you():
    return render_template("outcomes/thank_you.html")


# The same questions in the app ------------------------------------------------------------------


@bp.get("/follow-up")
@login_required
def follow_ups():
    return _follow_ups_page()


def _follow_ups_page(answering=None, form=None):
    """Each open follow-up with its own form (prefixed, so ids stay unique on the page); the one
    just sent with errors keeps what was typed."""
    pairs = [
        (f, form if f is answering else FollowUpForm(formdata=None, prefix=f"f{f.id}"))
        for f in services.open_follow_ups(current_user.id)
    ]
    return render_template("outcomes/follow_ups.html", follow_ups=pairs)


@bp.post("/follow-up/<int:follow_up_id>/answer")
@login_required
def answer_in_app(follow_up_id):
    follow_up = services.own_follow_up(current_user, follow_up_id)
    if follow_up.answered_at is not None:
        flash(_("These questions have already been answered. Thank you."), "info")
        return redirect(url_for("outcomes.follow_ups"))
    form = FollowUpForm(prefix=f"f{follow_up.id}")
    if form.validate_on_submit():
        services.record_answer(follow_up, form.answer(), by=current_user._get_current_object())
        flash(_("Thank you. Your answers are saved."), "success")
        return redirect(url_for("outcomes.follow_ups"))
    return _follow_ups_page(follow_up, form)
