"""Quiz pages: start and history, one question per page, check, results, and a mentee's scores
for their mentor. Only the learner sees an attempt (404 to everybody else)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from accounts.models import User
from extensions import csrf, db
from modules import services as modules

from . import bp, services
from .forms import AnswerForm, BeginForm, SubmitForm
from .grading import grade_answers, sections_to_revisit
from .models import QuizAttempt


def _lang() -> str:
    return str(get_locale())


def _offered(course_slug: str, module_slug: str) -> services.Place:
    """The module if the person's organisation offers its course (admins see all), else 404."""
    organisation = current_organisation()
    course = modules.offered_course(
        course_slug, organisation.id if organisation else None, current_user.is_admin
    )
    module = course.module(module_slug) if course else None
    if module is None:
        abort(404)
    return services.Place(course, module)


def _attempt(attempt_id: int) -> tuple[QuizAttempt, services.Place]:
    try:
        attempt = services.attempt_for(current_user.id, attempt_id)
        return attempt, services.place_of(attempt)
    except services.AttemptNotFound:
        abort(404)


def _resume_url(attempt: QuizAttempt) -> str:
    """The first unanswered question, or the check page when every question has an answer."""
    number = attempt.first_unanswered_number()
    if number is None:
        return url_for("quizzes.check", attempt_id=attempt.id)
    return url_for("quizzes.question", attempt_id=attempt.id, number=number)


def number_words() -> dict[int, str]:
    return {
        0: _("zero"),
        1: _("one"),
        2: _("two"),
        3: _("three"),
        4: _("four"),
        5: _("five"),
        6: _("six"),
        7: _("seven"),
        8: _("eight"),
        9: _("nine"),
        10: _("ten"),
    }


@bp.get("/courses/<course_slug>/<module_slug>/quiz")
@login_required
def start(course_slug, module_slug):
    place = _offered(course_slug, module_slug)
    return render_template(
        "quizzes/start.html",
        place=place,
        open_attempt=services.open_attempt(current_user.id, place.course.slug, place.module.slug),
        history=services.submitted_attempts(current_user.id, place.course.slug, place.module.slug),
        form=BeginForm(),
        resume_url=_resume_url,
        lang=_lang(),
    )


@bp.post("/courses/<course_slug>/<module_slug>/quiz")
@login_required
def begin(course_slug, module_slug):
    place = _offered(course_slug, module_slug)
    if not BeginForm().validate_on_submit():
        abort(400)
    attempt = services.start_attempt(current_user.id, place.course, place.module)
    return redirect(_resume_url(attempt), code=303)


def _question_page(
    attempt, place, number: int, form: AnswerForm, error=None, status=200, kept=None
):
    """`kept`: an answer chosen before the session ended, shown chosen again but not saved."""
    quiz = place.module.quiz(_lang())
    question = quiz.question(attempt.question_order[number - 1])
    if question is None:  # the content changed under a running attempt
        abort(404)
    options = [o for o in (question.option(i) for i in attempt.option_order[question.id]) if o]
    if kept not in {o.id for o in options}:
        kept = None
    return (
        render_template(
            "quizzes/question.html",
            attempt=attempt,
            place=place,
            quiz=quiz,
            question=question,
            options=options,
            chosen=kept or (attempt.answers or {}).get(question.id),
            kept=kept,
            number=number,
            form=form,
            error=error,
            lang=_lang(),
        ),
        status,
    )


@bp.get("/quizzes/attempts/<int:attempt_id>/<int:number>")
@login_required
def question(attempt_id, number):
    attempt, place = _attempt(attempt_id)
    if attempt.submitted:
        return redirect(url_for("quizzes.results", attempt_id=attempt.id))
    if not 1 <= number <= attempt.total:
        abort(404)
    kept = request.args.get("chosen")
    return _question_page(attempt, place, number, AnswerForm(), kept=kept)


@bp.post("/quizzes/attempts/<int:attempt_id>/<int:number>")
@csrf.exempt  # the form checks its own token, so an answer sent after the session ended is kept
def answer(attempt_id, number):
    """Back, Next and Check all save the answer first: leaving never loses it."""
    form = AnswerForm()
    if not current_user.is_authenticated:
        # The session ended: nothing is saved, and the answer comes back after signing in.
        chosen = form.option.data if isinstance(form.option.data, str) else None
        back = url_for(
            "quizzes.question", attempt_id=attempt_id, number=number, chosen=chosen or None
        )
        flash(_("You were signed out, so your answer is not saved yet. Sign in to go on."), "info")
        return redirect(url_for("accounts.login", next=back), code=303)
    attempt, place = _attempt(attempt_id)
    if not 1 <= number <= attempt.total:
        abort(404)
    if attempt.submitted:
        flash(_("You already submitted this attempt, so its answers cannot change."), "info")
        return redirect(url_for("quizzes.results", attempt_id=attempt.id), code=303)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:  # open too long, or the session changed meanwhile
            kept = form.option.data if isinstance(form.option.data, str) else None
            return _question_page(attempt, place, number, form, kept=kept, status=400)
        abort(400)
    try:
        services.save_answer(
            current_user.id, attempt, number, form.question.data or "", form.option.data
        )
    except services.QuizError as error:
        if attempt.submitted:  # submitted meanwhile, from another tab
            flash(error.message, "info")
            return redirect(url_for("quizzes.results", attempt_id=attempt.id), code=303)
        return _question_page(attempt, place, number, form, error=error.message, status=400)
    move = request.form.get("move", "next")
    if move == "back":
        if number == 1:
            return redirect(
                url_for("quizzes.start", course_slug=attempt.course, module_slug=attempt.module),
                code=303,
            )
        target = url_for("quizzes.question", attempt_id=attempt.id, number=number - 1)
    elif move == "check" or number == attempt.total:
        target = url_for("quizzes.check", attempt_id=attempt.id)
    else:
        target = url_for("quizzes.question", attempt_id=attempt.id, number=number + 1)
    return redirect(target, code=303)


@bp.get("/quizzes/attempts/<int:attempt_id>/check")
@login_required
def check(attempt_id):
    attempt, place = _attempt(attempt_id)
    if attempt.submitted:
        return redirect(url_for("quizzes.results", attempt_id=attempt.id))
    unanswered = attempt.unanswered()
    form = SubmitForm(acknowledged=",".join(unanswered))
    quiz = place.module.quiz(_lang())
    return render_template(
        "quizzes/check.html",
        attempt=attempt,
        place=place,
        quiz=quiz,
        unanswered=unanswered,
        form=form,
        lang=_lang(),
    )


@bp.post("/quizzes/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id):
    attempt, place = _attempt(attempt_id)
    form = SubmitForm()
    if not form.validate_on_submit():
        abort(400)
    acknowledged = {q for q in (form.acknowledged.data or "").split(",") if q}
    try:
        services.submit_attempt(current_user.id, attempt, place.module.quiz("en"), acknowledged)
    except services.QuizError as error:
        if attempt.submitted:
            flash(error.message, "info")
            return redirect(url_for("quizzes.results", attempt_id=attempt.id), code=303)
        flash(error.message, "error")
        return redirect(url_for("quizzes.check", attempt_id=attempt.id), code=303)
    return redirect(url_for("quizzes.results", attempt_id=attempt.id), code=303)


@bp.get("/quizzes/attempts/<int:attempt_id>/results")
@login_required
def results(attempt_id):
    attempt, place = _attempt(attempt_id)
    if not attempt.submitted:
        return redirect(url_for("quizzes.check", attempt_id=attempt.id))
    quiz = place.module.quiz(_lang())
    grade = grade_answers(quiz, attempt.answers or {}, attempt.question_order)
    history = services.submitted_attempts(current_user.id, attempt.course, attempt.module)
    earlier = [a for a in history if a.id != attempt.id and a.submitted_at <= attempt.submitted_at]
    return render_template(
        "quizzes/results.html",
        attempt=attempt,
        place=place,
        quiz=quiz,
        grade=grade,
        earlier=earlier,
        best_before=max((a.score or 0 for a in earlier), default=None),
        revisit=sections_to_revisit(grade),
        words=number_words(),
        form=BeginForm(),
        lang=_lang(),
    )


@bp.get("/quizzes/mentees/<int:user_id>")
@login_required
def mentee_scores(user_id):
    """Scores and dates of submitted attempts, never the answers: the learner and their current
    mentor only."""
    organisation = current_organisation()
    learner = db.session.get(User, user_id)
    if learner is None or not services.may_see_scores(
        current_user.id, user_id, organisation.id if organisation else None
    ):
        abort(404)
    attempts = services.all_submitted(user_id)
    by_module: dict[tuple[str, str], list[QuizAttempt]] = {}
    for attempt in attempts:
        by_module.setdefault((attempt.course, attempt.module), []).append(attempt)
    courses = modules.offered_courses(organisation.id) if organisation else []
    return render_template(
        "quizzes/mentee_scores.html",
        learner=learner,
        courses=courses,
        by_module=by_module,
        own=learner.id == current_user.id,
        lang=_lang(),
    )
