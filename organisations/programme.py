"""Staff pages of the mentoring programme: intake overview, weights, matching rounds with their
proposals, pairs by health, check-ins, re-matching and ending pairs. Staff see a pair's status,
dates and counts; never the charter's text or the meetings' notes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from accounts.models import User
from extensions import db, utcnow
from logbook import services as logbook
from mentoring import services
from mentoring.matching import COMPONENTS
from mentoring.models import MatchProposal, MatchRound, Mentorship
from mentoring.services.followup import CHECKIN_DEFAULT_WEEKS
from paging import PER_PAGE, Page

from . import bp, pair_lists
from .programme_forms import (
    ActionForm,
    CheckInForm,
    EndPairForm,
    PairByHandForm,
    SwapForm,
    ThemeForm,
    weights_form,
)
from .views import staff_organisation


def _people(ids) -> dict[int, User]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}


def _round(organisation, round_id: int) -> MatchRound:
    found = db.session.get(MatchRound, round_id)
    if found is None or found.organisation_id != organisation.id:
        abort(404)
    return found


def _proposal(organisation, proposal_id: int) -> MatchProposal:
    found = db.session.get(MatchProposal, proposal_id)
    if found is None or found.round.organisation_id != organisation.id:
        abort(404)
    return found


def _pair(organisation, pair_id: int) -> Mentorship:
    found = db.session.get(Mentorship, pair_id)
    if found is None or found.organisation_id != organisation.id:
        abort(404)
    return found


@bp.get("/<slug>/programme")
@login_required
def programme_overview(slug, theme_form=None):
    organisation = staff_organisation(slug)
    queries = pair_lists.list_queries(
        request.args, "page", "missing", keep={"q": None, "role": services.SURVEY_ROLES}
    )
    return render_template(
        "organisations/programme_overview.html",
        organisation=organisation,
        query=queries["page"],
        counts=services.intake_counts(organisation),
        surveys=services.survey_page(organisation, queries["page"]),
        missing=services.without_survey_page(organisation, queries["missing"]),
        themes=services.themes(organisation),
        theme_form=theme_form or ThemeForm(formdata=None),
    )


@bp.post("/<slug>/programme/themes")
@login_required
def programme_add_theme(slug):
    organisation = staff_organisation(slug)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            services.add_theme(current_user, organisation, form.label.data)
        except services.MentoringError as error:
            field = form._fields.get(error.field or "")
            if field is None:
                flash(error.message, "error")
                return redirect(url_for("organisations.programme_overview", slug=slug))
            field.errors = [*field.errors, error.message]
        else:
            flash(_("Theme added: %(label)s.", label=form.label.data), "success")
            return redirect(url_for("organisations.programme_overview", slug=slug))
    # The page again, the error beside the box and the name typed still in it.
    return programme_overview(slug, theme_form=form)


@bp.get("/<slug>/programme/people/<int:user_id>")
@login_required
def programme_survey(slug, user_id):
    organisation = staff_organisation(slug)
    survey = services.survey_of(user_id, organisation.id)
    if survey is None:
        abort(404)
    return render_template(
        "organisations/programme_survey.html",
        organisation=organisation,
        survey=survey,
        themes=services.themes(organisation),
    )


@bp.route("/<slug>/programme/weights", methods=["GET", "POST"])
@login_required
def programme_weights(slug):
    organisation = staff_organisation(slug)
    weights, threshold = services.matching_settings(organisation)
    form = weights_form(data={**weights, "threshold": round(threshold * 100)})
    if form.validate_on_submit():
        try:
            services.save_matching_settings(
                current_user,
                organisation,
                {c: form[c].data for c in COMPONENTS},
                form.threshold.data / 100,
            )
        except services.MentoringError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Matching weights saved. They count from the next round."), "success")
            return redirect(url_for("organisations.programme_rounds", slug=slug))
    return render_template(
        "organisations/programme_weights.html",
        organisation=organisation,
        form=form,
        components=COMPONENTS,
    )


@bp.get("/<slug>/programme/rounds")
@login_required
def programme_rounds(slug):
    organisation = staff_organisation(slug)
    query = pair_lists.list_queries(request.args, "page")["page"]
    return render_template(
        "organisations/programme_rounds.html",
        organisation=organisation,
        rounds=services.round_page(organisation, query),
        form=ActionForm(),
    )


@bp.post("/<slug>/programme/rounds")
@login_required
def programme_run_round(slug):
    organisation = staff_organisation(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    round_ = services.run_matching_round(current_user, organisation)
    flash(
        _(
            "Matching round done: %(n)s proposals, %(u)s people unmatched.",
            n=len(round_.proposals),
            u=len(round_.unmatched),
        ),
        "success",
    )
    return redirect(url_for("organisations.programme_round", slug=slug, round_id=round_.id))


@bp.get("/<slug>/programme/rounds/<int:round_id>")
@login_required
def programme_round(slug, round_id):
    organisation = staff_organisation(slug)
    round_ = _round(organisation, round_id)
    queries = pair_lists.list_queries(request.args, "page", "unmatched", keep={"q": None})
    proposals, waiting = services.proposal_page(round_, queries["page"])
    start = queries["unmatched"].offset
    unmatched = Page(
        round_.unmatched[start : start + PER_PAGE], len(round_.unmatched), queries["unmatched"]
    )
    ids = [p.mentee_id for p in proposals.rows] + [p.mentor_id for p in proposals.rows]
    ids += [(p.runner_up or {}).get("mentor_id") for p in proposals.rows]
    ids += [u["mentee_id"] for u in unmatched.rows]
    return render_template(
        "organisations/programme_round.html",
        organisation=organisation,
        round=round_,
        query=queries["page"],
        proposals=proposals,
        waiting=waiting,
        unmatched=unmatched,
        people=_people(ids),
        themes=services.themes(organisation),
        components=COMPONENTS,
        form=ActionForm(),
    )


@bp.post("/<slug>/programme/rounds/<int:round_id>/approve")
@login_required
def programme_approve_round(slug, round_id):
    organisation = staff_organisation(slug)
    round_ = _round(organisation, round_id)
    if ActionForm().validate_on_submit():
        try:
            count = services.approve_round(current_user, round_)
        except services.MentoringError as error:
            flash(str(error.message), "error")  # as text: it names a person
        else:
            flash(_("%(n)s proposals approved and sent to both people.", n=count), "success")
    return redirect(url_for("organisations.programme_round", slug=slug, round_id=round_.id))


@bp.post("/<slug>/programme/proposals/<int:proposal_id>/approve")
@login_required
def programme_approve(slug, proposal_id):
    organisation = staff_organisation(slug)
    proposal = _proposal(organisation, proposal_id)
    if ActionForm().validate_on_submit():
        try:
            services.approve_proposal(current_user, proposal)
        except services.MentoringError as error:
            flash(error.message, "error")
        else:
            flash(
                _(
                    "Approved: %(mentee)s and %(mentor)s can now accept.",
                    mentee=proposal.mentee.name,
                    mentor=proposal.mentor.name,
                ),
                "success",
            )
    return redirect(url_for("organisations.programme_round", slug=slug, round_id=proposal.round_id))


@bp.post("/<slug>/programme/proposals/<int:proposal_id>/drop")
@login_required
def programme_drop(slug, proposal_id):
    organisation = staff_organisation(slug)
    proposal = _proposal(organisation, proposal_id)
    if ActionForm().validate_on_submit():
        try:
            services.drop_proposal(current_user, proposal)
        except services.MentoringError as error:
            flash(error.message, "error")
        else:
            flash(_("Proposal dropped."), "success")
    return redirect(url_for("organisations.programme_round", slug=slug, round_id=proposal.round_id))


@bp.route("/<slug>/programme/proposals/<int:proposal_id>/swap", methods=["GET", "POST"])
@login_required
def programme_swap(slug, proposal_id):
    organisation = staff_organisation(slug)
    proposal = _proposal(organisation, proposal_id)
    candidates = services.swap_candidates(proposal)
    form = SwapForm()
    form.mentor_id.choices = [
        SelectChoice(c.mentor.id, f"{c.mentor.name} ({round(c.components['total'] * 100)})")
        for c in candidates
    ]
    if form.validate_on_submit():
        try:
            services.swap_proposal(current_user, proposal, form.mentor_id.data)
        except services.MentoringError as error:
            form.mentor_id.errors = [*form.mentor_id.errors, error.message]
        else:
            flash(_("Mentor swapped."), "success")
            return redirect(
                url_for("organisations.programme_round", slug=slug, round_id=proposal.round_id)
            )
    return render_template(
        "organisations/programme_swap.html",
        organisation=organisation,
        proposal=proposal,
        form=form,
        candidates=candidates,
    )


@bp.route("/<slug>/programme/pairs/new", methods=["GET", "POST"])
@login_required
def programme_pair_by_hand(slug):
    organisation = staff_organisation(slug)
    form = PairByHandForm()
    search = pair_lists.list_queries(
        request.args, "page", keep={"mentee_q": None, "mentor_q": None}
    )["page"]
    for field, text, wants in (
        (form.mentee_id, search.get("mentee_q"), ("mentee", "both")),
        (form.mentor_id, search.get("mentor_q"), ("mentor", "both")),
    ):
        try:  # the person already chosen stays on the list, wherever the search led
            chosen = int(request.form.get(field.name) or request.args.get(field.name) or 0)
        except ValueError:
            chosen = 0
        if not 0 < chosen < 2**31:  # an id that cannot exist (a huge or negative number)
            chosen = 0
        field.choices = [
            SelectChoice(i, name)
            for i, name in services.pick_people(organisation, wants, text, chosen or None)
        ]
    if form.validate_on_submit():
        try:
            pair = services.pair_by_hand(
                current_user,
                organisation,
                form.mentee_id.data,
                form.mentor_id.data,
                note=form.note.data or "",
            )
        except services.MentoringError as error:
            field = form._fields.get(error.field or "")
            if field is not None:
                field.errors = [*field.errors, error.message]
            else:
                form.form_errors.append(error.message)
        else:
            flash(_("Pair proposed. Both people can now accept or decline."), "success")
            return redirect(url_for("organisations.programme_pair", slug=slug, pair_id=pair.id))
    return render_template(
        "organisations/programme_pair_by_hand.html",
        organisation=organisation,
        form=form,
        search=search,
    )


@bp.get("/<slug>/programme/pairs")
@login_required
def programme_pairs(slug):
    organisation = staff_organisation(slug)
    queries = pair_lists.list_queries(
        request.args,
        pair_lists.RUNNING,
        pair_lists.PAST,
        pair_lists.WAITING,
        keep={"q": None, "health": pair_lists.HEALTHS},
    )
    running = pair_lists.running_page(organisation, queries[pair_lists.RUNNING], utcnow())
    return render_template(
        "organisations/programme_pairs.html",
        organisation=organisation,
        query=queries[pair_lists.RUNNING],
        running=running,
        # How many messages and when the last, one statement for the page; never the text.
        messages=services.message_summaries(s.pair.id for s in running.rows),
        past=pair_lists.past_page(organisation, queries[pair_lists.PAST]),
        averages=pair_lists.evaluation_averages(organisation),
        waiting=pair_lists.waiting_page(organisation, queries[pair_lists.WAITING]),
    )


@bp.route("/<slug>/programme/pairs/<int:pair_id>", methods=["GET", "POST"])
@login_required
def programme_pair(slug, pair_id):
    organisation = staff_organisation(slug)
    pair = _pair(organisation, pair_id)
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            services.record_checkin(
                current_user,
                pair,
                form.light.data,
                form.note.data,
                form.next_action.data,
                weeks=int(form.next_check_in.data or CHECKIN_DEFAULT_WEEKS),
            )
        except services.MentoringError as error:
            field = form.next_check_in if error.field == "next_check_in" else form.light
            field.errors = [*field.errors, error.message]
        else:
            flash(_("Check-in saved."), "success")
            return redirect(url_for("organisations.programme_pair", slug=slug, pair_id=pair.id))
    now = utcnow()
    waits = logbook.waiting_days_by_learner(organisation.id, [pair.mentee_id], now)
    status = next(iter(services.pair_statuses(organisation, now, waits, pair_ids=[pair.id])), None)
    charter = services.current_charter(pair)
    return render_template(
        "organisations/programme_pair.html",
        organisation=organisation,
        pair=pair,
        status=status,
        charter=charter,
        meeting_dates=[m.held_on for m in services.meetings_of(pair)],
        messages=services.message_summary(pair),
        checkins=services.checkins_of(pair),
        form=form,
        end_form=EndPairForm(formdata=None),
    )


def _end(slug, pair_id, rematch: bool):
    organisation = staff_organisation(slug)
    pair = _pair(organisation, pair_id)
    form = EndPairForm()
    if not form.validate_on_submit():
        flash(_("Write why the pair ends."), "error")
        return redirect(url_for("organisations.programme_pair", slug=slug, pair_id=pair.id))
    try:
        if rematch:
            round_ = services.rematch_pair(current_user, pair, form.reason.data)
        else:
            services.end_pair(current_user, pair, form.reason.data)
    except services.MentoringError as error:
        flash(error.message, "error")
        return redirect(url_for("organisations.programme_pair", slug=slug, pair_id=pair.id))
    if rematch:
        flash(_("The pair has ended and a new matching round has run."), "success")
        return redirect(url_for("organisations.programme_round", slug=slug, round_id=round_.id))
    flash(_("The pair has ended. Both people can now fill in the evaluation."), "success")
    return redirect(url_for("organisations.programme_pairs", slug=slug))


@bp.post("/<slug>/programme/pairs/<int:pair_id>/end")
@login_required
def programme_end_pair(slug, pair_id):
    return _end(slug, pair_id, rematch=False)


@bp.post("/<slug>/programme/pairs/<int:pair_id>/rematch")
@login_required
def programme_rematch(slug, pair_id):
    return _end(slug, pair_id, rematch=True)
