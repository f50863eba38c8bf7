"""Mentoring pages for mentees and mentors: intake, proposals, why we were matched, charter,
meetings and the closing evaluation. Only the two people of a pair see its pages (404 to
everybody else, staff included: they never read the charter or the meeting notes)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from extensions import db, utcnow
from notifications.services import mark_read

from . import bp, services, views_messages, vocabulary
from .forms import (
    AnswerForm,
    CharterForm,
    ConfirmForm,
    EvaluationForm,
    MeetingForm,
    intake_answers,
    intake_data,
    intake_form,
)
from .models import CharterState, CharterVersion, PairState
from .services.evaluation import EVALUATION_NOT_OPEN, evaluation_is_open
from .services.intake import matching_needs, unmatched_advice


@bp.app_template_global("mentoring_words")
def mentoring_words() -> dict:
    return vocabulary.words()


@bp.app_template_filter("isodate")
def isodate(value: str):
    from datetime import date

    return date.fromisoformat(value)


@bp.app_template_filter("labels")
def labels(keys, table) -> str:
    """Stored keys (themes, time slots...) as their words, joined with commas."""
    return ", ".join(str(table.get(key, key)) for key in keys or ())


def _organisation():
    organisation = current_organisation()
    if organisation is None:
        abort(404)
    return organisation


def _pair(pair_id: int):
    try:
        return services.pair_for(current_user, pair_id)
    except services.PairNotFound:
        abort(404)


def _errors_to(form, error: services.MentoringError) -> None:
    field = form._fields.get(error.field or "")
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


@bp.route("/mentoring/intake", methods=["GET", "POST"])
@login_required
def intake():
    organisation = _organisation()
    themes = services.themes(organisation)
    roles = [role.value for role in services.survey_roles(current_user, organisation)]
    survey = services.survey_of(current_user.id, organisation.id)
    if survey is not None:
        form = intake_form(themes, roles, data=intake_data(survey))
    else:
        # Nothing asked twice (WCAG 3.3.7): the language chosen for Herstart is ticked already.
        spoken = [lang for lang in (str(get_locale()),) if lang in vocabulary.LANGUAGES]
        form = intake_form(themes, roles, data={"languages": spoken} if spoken else None)
    if form.validate_on_submit():
        try:
            services.save_survey(current_user, organisation, intake_answers(form, themes))
        except services.PermissionDenied:
            abort(403)
        except services.MentoringError as error:
            _errors_to(form, error)
        else:
            flash(
                _("Thank you. Your answers are saved; you can change them at any time."), "success"
            )
            return redirect(url_for("mentoring.index"))
    return render_template(
        "mentoring/intake.html",
        form=form,
        survey=survey,
        organisation=organisation,
        matching_needs=matching_needs(),
    )


@bp.get("/mentoring")
@login_required
def index():
    organisation = _organisation()
    pairs = services.pairs_of(current_user, organisation.id)
    return render_template(
        "mentoring/index.html",
        organisation=organisation,
        survey=services.survey_of(current_user.id, organisation.id),
        waiting=[p for p in pairs if p.state == PairState.PROPOSED.value],
        current=[p for p in pairs if p.is_current],
        past=[p for p in pairs if p.state in ("ended", "rematched", "declined")],
        unread=services.unread_counts(current_user),
        unmatched=unmatched_advice(current_user, organisation),
    )


@bp.route("/mentoring/pairs/<int:pair_id>")
@login_required
def pair(pair_id, message_form=None, answer_form=None):
    pair = _pair(pair_id)
    side = pair.side_of(current_user.id)
    now = utcnow()
    is_open = services.is_open(pair)  # once it is over, nothing more of the other person
    why = services.why_matched(pair, side) if is_open else None
    explanation = why.explanation if why else None
    mark_read(current_user.id, f"pair:{pair.id}")
    return render_template(
        "mentoring/pair.html",
        pair=pair,
        side=side,
        is_open=is_open,
        why=why,
        other=pair.other(current_user.id),
        other_survey=services.partner_survey(current_user, pair),
        explanation=explanation,
        themes=services.themes(pair.organisation),
        answered=services.has_answered(pair, current_user.id),
        answer_form=answer_form or AnswerForm(formdata=None),
        charter=services.current_charter(pair),
        meetings=services.meetings_of(pair),
        health=services.health_of(pair, now) if pair.is_current else None,
        sign_form=ConfirmForm(),
        **views_messages.conversation(current_user, pair, message_form),
        planned=services.meeting_proposals(pair),
    )


_pair_page = pair  # the views below name their pair `pair`


@bp.post("/mentoring/pairs/<int:pair_id>/answer")
@login_required
def answer(pair_id):
    pair = _pair(pair_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        # The pair page again, the error beside the choice and the reason typed still in its box.
        return _pair_page(pair_id=pair.id, answer_form=form)
    accept = form.decision.data == "accept"
    try:
        services.answer_proposal(current_user, pair, accept, form.reason.data or "")
    except services.MentoringError as error:
        if error.field is not None:
            _errors_to(form, error)
            return _pair_page(pair_id=pair.id, answer_form=form)
        flash(error.message, "error")
    else:
        if not accept:
            flash(
                _("You declined. Thank you; staff will look for a better match for you."),
                "success",
            )
        elif pair.state == PairState.ACCEPTED.value:
            flash(
                _("You both said yes. Plan your kick-off meeting and write your charter together."),
                "success",
            )
        else:
            flash(_("Thank you. We are waiting for the other person's answer."), "success")
    return redirect(url_for("mentoring.pair", pair_id=pair.id))


def _charter_data(charter: CharterVersion | None) -> dict | None:
    if charter is None:
        return None
    from datetime import date

    goals = []
    for goal in charter.goals:
        by = goal.get("by") or None
        goals.append({**goal, "by": date.fromisoformat(by) if by else None})
    goals += [{}] * (3 - len(goals))
    return {
        "interval_days": str(charter.interval_days),
        "reply_days": str(charter.reply_days),  # replies
        "manner": charter.manner,
        "goals": goals[:3],
        "mentor_learns": charter.mentor_learns,
    }


@bp.route("/mentoring/pairs/<int:pair_id>/charter", methods=["GET", "POST"])
@login_required
def charter(pair_id):
    pair = _pair(pair_id)
    current = services.current_charter(pair)
    data = _charter_data(current)
    form = CharterForm(data=data) if data else CharterForm()
    if form.validate_on_submit():
        goals = [
            {
                "goal": g.goal.data or "",
                "measure": g.measure.data or "",
                "by": g.by.data.isoformat() if g.by.data else "",
            }
            for g in form.goals
        ]
        try:
            saved = services.write_charter(
                current_user,
                pair,
                interval_days=int(form.interval_days.data),
                manner=form.manner.data,
                goals=goals,
                mentor_learns=form.mentor_learns.data or "",
                reply_days=int(form.reply_days.data),  # replies
            )
        except services.MentoringError as error:
            if error.field == "goals-0-goal":
                form.goals[0].goal.errors = [*form.goals[0].goal.errors, error.message]
            else:
                _errors_to(form, error)
        else:
            if current is not None and saved.id == current.id:
                message = _("You signed version %(n)s of the charter.", n=saved.version)
                if saved.state == CharterState.SIGNED.value:
                    message += " " + _("You both signed it: this is your agreement.")
            else:
                message = _("Charter saved and signed by you. We asked your partner to sign it.")
            flash(message, "success")
            return redirect(url_for("mentoring.pair", pair_id=pair.id))
    return render_template(
        "mentoring/charter.html",
        pair=pair,
        form=form,
        current=current,
        versions=services.charter_versions(pair),
        side=pair.side_of(current_user.id),
        sign_form=ConfirmForm(),
    )


@bp.post("/mentoring/pairs/<int:pair_id>/charter/<int:version>/sign")
@login_required
def sign_charter(pair_id, version):
    pair = _pair(pair_id)
    charter = db.session.scalar(
        db.select(CharterVersion).filter_by(mentorship_id=pair.id, version=version)
    )
    if charter is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.sign_charter(current_user, charter)
        except services.MentoringError as error:
            flash(error.message, "error")
        else:
            flash(_("You signed the charter."), "success")
    return redirect(url_for("mentoring.pair", pair_id=pair.id))


@bp.route("/mentoring/pairs/<int:pair_id>/meetings/new", methods=["GET", "POST"])
@login_required
def log_meeting(pair_id):
    from .views_meetings import planned_data, planned_meeting

    pair = _pair(pair_id)
    planned = planned_meeting(pair)  # `?proposal=`: a meeting planned here, details filled in
    form = MeetingForm(data=planned_data(planned)) if planned else MeetingForm()
    first = not services.meetings_of(pair)
    if form.validate_on_submit():
        try:
            meeting = services.log_meeting(
                current_user,
                pair,
                held_on=form.held_on.data,
                minutes=form.minutes.data,
                manner=form.manner.data,
                topics=form.topics.data or "",
                notes=form.notes.data or "",
            )
            if planned:
                services.log_planned_meeting(current_user, planned, meeting)
        except services.MentoringError as error:
            _errors_to(form, error)
        else:
            flash(_("Meeting saved."), "success")
            return redirect(url_for("mentoring.pair", pair_id=pair.id))
    return render_template(
        "mentoring/log_meeting.html", pair=pair, form=form, first=first, planned=planned
    )


@bp.route("/mentoring/pairs/<int:pair_id>/evaluation", methods=["GET", "POST"])
@login_required
def evaluation(pair_id):
    pair = _pair(pair_id)
    form = EvaluationForm()
    is_open = evaluation_is_open(pair)
    if not is_open and request.method == "POST":
        flash(str(EVALUATION_NOT_OPEN), "error")
        return redirect(url_for("mentoring.evaluation", pair_id=pair.id))
    if form.validate_on_submit():
        recommend = {"yes": True, "no": False}.get(form.recommend.data or "")
        try:
            services.submit_evaluation(
                current_user,
                pair,
                usefulness=int(form.usefulness.data),
                learned=form.learned.data or "",
                learned_from_other=form.learned_from_other.data or "",
                recommend=recommend,
            )
        except services.MentoringError as error:
            _errors_to(form, error)
        else:
            flash(_("Thank you for your evaluation."), "success")
            return redirect(url_for("mentoring.evaluation", pair_id=pair.id))
    mine, theirs = services.evaluations_for(current_user, pair)
    return render_template(
        "mentoring/evaluation.html",
        pair=pair,
        form=form,
        mine=mine,
        theirs=theirs,
        other=pair.other(current_user.id),
        is_open=is_open,
    )
