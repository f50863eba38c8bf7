"""Meetings planned ahead, for the two people of a pair: propose, accept, suggest another time,
cancel, and the invitation for one's own calendar. Everybody else gets 404."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fields import INT_MAX

from . import bp, services
from .calendar import local_date, local_to_utc
from .forms import ConfirmForm, OtherTimeForm, ProposeMeetingForm
from .models import MeetingState
from .views import _errors_to, _pair


def _proposal(pair, proposal_id: int):
    try:
        return services.meeting_proposal_for(current_user, pair, proposal_id)
    except services.PairNotFound:
        abort(404)


def _back(pair):
    return redirect(url_for("mentoring.pair", pair_id=pair.id) + "#planned-heading")


@bp.route("/mentoring/pairs/<int:pair_id>/meetings/propose", methods=["GET", "POST"])
@login_required
def propose_meeting(pair_id):
    pair = _pair(pair_id)
    if not pair.is_current:
        flash(_("This is possible only while your pair is running."), "error")
        return redirect(url_for("mentoring.pair", pair_id=pair.id))
    form = ProposeMeetingForm()
    if form.validate_on_submit():
        try:
            services.propose_meeting(
                current_user,
                pair,
                starts_at=local_to_utc(form.day.data, form.time.data),
                minutes=int(form.minutes.data),
                place=form.place.data or "",
                topic=form.topic.data or "",
            )
        except services.MentoringError as error:
            _errors_to(form, error)
        else:
            flash(
                _("Your proposal is sent to %(name)s.", name=pair.other(current_user.id).name),
                "success",
            )
            return _back(pair)
    return render_template(
        "mentoring/propose_meeting.html", pair=pair, form=form, other=pair.other(current_user.id)
    )


@bp.post("/mentoring/pairs/<int:pair_id>/meetings/<int:proposal_id>/accept")
@login_required
def accept_meeting(pair_id, proposal_id):
    pair = _pair(pair_id)
    proposal = _proposal(pair, proposal_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.accept_meeting(current_user, proposal)
        except services.MentoringError as error:
            flash(error.message, "error")
        else:
            flash(
                _("You accepted. You both get an invitation for your calendar by email."),
                "success",
            )
    return _back(pair)


@bp.route(
    "/mentoring/pairs/<int:pair_id>/meetings/<int:proposal_id>/other-time",
    methods=["GET", "POST"],
)
@login_required
def suggest_other_time(pair_id, proposal_id):
    pair = _pair(pair_id)
    proposal = _proposal(pair, proposal_id)
    if proposal.state != MeetingState.PROPOSED.value:
        flash(_("This meeting proposal has already been answered or cancelled."), "error")
        return _back(pair)
    form = OtherTimeForm()
    if form.validate_on_submit():
        try:
            services.suggest_other_time(
                current_user,
                proposal,
                starts_at=local_to_utc(form.day.data, form.time.data),
                note=form.note.data or "",
            )
        except services.MentoringError as error:
            _errors_to(form, error)
        else:
            flash(
                _("Your suggestion is sent to %(name)s.", name=pair.other(current_user.id).name),
                "success",
            )
            return _back(pair)
    return render_template(
        "mentoring/suggest_other_time.html",
        pair=pair,
        proposal=proposal,
        form=form,
        other=pair.other(current_user.id),
    )


@bp.post("/mentoring/pairs/<int:pair_id>/meetings/<int:proposal_id>/cancel")
@login_required
def cancel_meeting(pair_id, proposal_id):
    pair = _pair(pair_id)
    proposal = _proposal(pair, proposal_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.cancel_meeting(current_user, proposal)
        except services.MentoringError as error:
            flash(error.message, "error")
        else:
            flash(_("The meeting is cancelled."), "success")
    return _back(pair)


@bp.get("/mentoring/pairs/<int:pair_id>/meetings/<int:proposal_id>.ics")
@login_required
def meeting_ics(pair_id, proposal_id):
    pair = _pair(pair_id)
    proposal = _proposal(pair, proposal_id)
    if proposal.state not in (MeetingState.ACCEPTED.value, MeetingState.LOGGED.value):
        abort(404)
    return Response(
        services.meeting_ics(proposal, method="PUBLISH"),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="meeting-{proposal.id}.ics"'},
    )


def planned_meeting(pair):
    """The accepted meeting `?proposal=` names, to log with its planned details filled in."""
    proposal_id = request.args.get("proposal", type=int)
    if proposal_id is None or not 0 < proposal_id <= INT_MAX:  # a database id, or nothing
        return None
    try:
        proposal = services.meeting_proposal_for(current_user, pair, proposal_id)
    except services.PairNotFound:
        return None
    return proposal if proposal.state == MeetingState.ACCEPTED.value else None


def planned_data(proposal) -> dict:
    return {
        "held_on": local_date(proposal.starts_at),
        "minutes": proposal.minutes,
        "manner": "online" if proposal.is_video else "in_person",
        "topics": proposal.topic,
    }
