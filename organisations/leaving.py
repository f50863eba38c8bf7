"""Staff pages of a learner's outcomes: mark leaving and undo it, record a follow-up answer given
on the phone, and the per-person file (the only export with names, chosen by staff)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import GROUP_MAX
from extensions import Invalid, utcnow
from outcomes import staff as outcomes
from outcomes.forms import FollowUpForm
from outcomes.models import LeavingReason, Moment

from . import bp
from .csv_export import csv_response, csv_text
from .forms import ActionForm
from .learners import learner_page, outcome_words
from .leaving_forms import LeavingForm
from .views import staff_organisation


def _back(slug, user_id):
    return redirect(
        url_for("organisations.learner", slug=slug, user_id=user_id, _anchor="outcomes")
    )


@bp.post("/<slug>/learners/<int:user_id>/leaving")
@login_required
def learner_leaving(slug, user_id):
    organisation = staff_organisation(slug)
    form = LeavingForm()
    if form.validate_on_submit():
        try:
            outcomes.mark_leaving(
                current_user,
                organisation,
                user_id,
                reason=LeavingReason(form.reason.data),
                left_on=form.left_on.data,
                note=form.note.data or "",
                today=utcnow().date(),
            )
        except Invalid as error:
            field = form._fields.get(error.field or "")
            if field is None:
                form.form_errors.append(error.message)
            else:
                field.errors = [*field.errors, error.message]
        else:
            flash(
                _("Leaving recorded. The follow-up questions go out when they are due."), "success"
            )
            return _back(slug, user_id)
    return learner_page(organisation, user_id, leaving_form=form)


@bp.post("/<slug>/learners/<int:user_id>/leaving/undo")
@login_required
def learner_leaving_undo(slug, user_id):
    organisation = staff_organisation(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        outcomes.undo_departure(current_user, organisation, user_id)
    except Invalid as error:
        flash(str(error.message), "error")
    else:
        flash(_("Leaving undone. The person takes part in the programme again."), "success")
    return _back(slug, user_id)


@bp.post("/<slug>/learners/<int:user_id>/follow-ups/<moment>")
@login_required
def learner_phone_answer(slug, user_id, moment):
    organisation = staff_organisation(slug)
    if moment not in {m.value for m in Moment}:
        abort(404)
    form = FollowUpForm(prefix=moment)
    if form.validate_on_submit():
        try:
            outcomes.record_phone_answer(
                current_user,
                organisation,
                user_id,
                Moment(moment),
                form.answer(),
                utcnow().date(),
            )
        except Invalid as error:
            flash(str(error.message), "error")
            return _back(slug, user_id)
        flash(_("Answer saved, marked as given by phone."), "success")
        return _back(slug, user_id)
    return learner_page(organisation, user_id, phone_forms={moment: form})


# The per-person file ---------------------------------------------------------------------------


def _day(name: str) -> date:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        abort(400)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


@bp.get("/<slug>/reports/participants.csv")
@login_required
def report_participants(slug):
    """Names, status at entry, leaving and follow-up answers of the learners who joined in the
    period: never logbook text, never quiz answers."""
    organisation = staff_organisation(slug)
    start, end = _day("start"), _day("end")
    if start > end:
        abort(400)
    cohort = " ".join(request.args.get("cohort", "").split())[:GROUP_MAX]
    rows = outcomes.participant_rows(current_user, organisation, start, end, cohort)
    words = outcome_words()
    header = [
        _("Name"),
        _("Email address"),
        _("Cohort"),
        _("Joined on"),
        _("Year of birth"),
        _("Situation at entry"),
        _("Benefit at entry"),
        _("Left on"),
        _("How they left"),
    ]
    for moment in Moment:
        label = words["moments"][moment.value]
        header += [
            _("%(moment)s: situation", moment=label),
            _("%(moment)s: business registered", moment=label),
            _("%(moment)s: registration number", moment=label),
            _("%(moment)s: started trading", moment=label),
            _("%(moment)s: financing", moment=label),
            _("%(moment)s: answered by phone", moment=label),
        ]
    lines = []
    for r in rows:
        line = [
            r.name,
            r.email,
            r.group or "",
            r.joined.date().isoformat(),
            r.birth_year or "",
            words["situations"].get(r.situation or "", ""),
            words["benefits"].get(r.benefit or "", ""),
            r.left_on.isoformat() if r.left_on else "",
            words["reasons"].get(r.leaving_reason or "", ""),
        ]
        for moment in Moment:
            f = r.follow_ups.get(moment.value)
            if f is None or f.answered_at is None:
                line += [""] * 6
                continue
            line += [
                words["situations"].get(f.situation or "", ""),
                _yes_no(f.business_registered),
                f.registration_number or "",
                _yes_no(f.started_trading),
                ", ".join(str(words["financing"].get(v, v)) for v in f.financing or []),
                _yes_no(f.by_phone),
            ]
        lines.append(line)
    filename = f"{organisation.slug}-participants-{start.isoformat()}-{end.isoformat()}.csv"
    return csv_response(filename, csv_text(header, lines, str(get_locale())))
