"""The staff pages: the organisation's questions (open ones oldest first, with the days each
has waited), answering, and publishing to the FAQ with the asker's consent. Anybody who is not
staff of the question's organisation finds nothing (404)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from extensions import Invalid, utcnow
from notifications.services import mark_read

from . import bp, services
from .forms import TOPICS, AnswerForm, ConfirmForm, PublishForm
from .models import QuestionState
from .views import errors_to, page_number


def _staff_organisation():
    organisation = current_organisation()
    if organisation is None or not services.is_staff_of(current_user, organisation):
        abort(404)
    return organisation


@bp.get("/staff", defaults={"show": "open"})
@bp.get("/staff/<any(open, answered, published):show>")
@login_required
def staff(show):
    organisation = _staff_organisation()
    state = QuestionState(show)
    return render_template(
        "questions/staff.html",
        page=services.staff_page(organisation, state, page_number()),
        show=state,
        topics=TOPICS,
    )


def _question_page(question, answer_form=None, publish_form=None, status=200):
    if publish_form is None:
        publish_form = PublishForm(
            formdata=None,
            faq_question=question.faq_question or question.text,
            faq_answer=question.faq_answer or question.answer,
        )
    page = render_template(
        "questions/staff_question.html",
        question=question,
        days=max(0, (utcnow() - question.asked_at).days),
        answer_form=answer_form or AnswerForm(formdata=None),
        publish_form=publish_form,
        confirm_form=ConfirmForm(),
        topics=TOPICS,
    )
    return page, status


@bp.get("/staff/question/<int:question_id>")
@login_required
def staff_question(question_id):
    question = services.question_for_staff(current_user, question_id)
    mark_read(current_user.id, services.subject_of(question))
    return _question_page(question)


@bp.post("/staff/question/<int:question_id>/answer")
@login_required
def answer(question_id):
    question = services.question_for_staff(current_user, question_id)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            services.answer(current_user, question, form.answer.data)
        except Invalid as error:
            errors_to(form, error)
            return _question_page(question, answer_form=form, status=200 if error.field else 409)
        flash(_("Your answer is sent."), "success")
        return redirect(url_for("questions.staff_question", question_id=question.id))
    return _question_page(question, answer_form=form)


@bp.post("/staff/question/<int:question_id>/publish")
@login_required
def publish(question_id):
    question = services.question_for_staff(current_user, question_id)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            services.publish(current_user, question, form.faq_question.data, form.faq_answer.data)
        except Invalid as error:
            errors_to(form, error)
            return _question_page(question, publish_form=form, status=200 if error.field else 409)
        flash(
            _("The question and answer are in the FAQ, without the name of who asked."), "success"
        )
        return redirect(url_for("questions.staff_question", question_id=question.id))
    return _question_page(question, publish_form=form)


@bp.post("/staff/question/<int:question_id>/unpublish")
@login_required
def unpublish(question_id):
    question = services.question_for_staff(current_user, question_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.unpublish(current_user, question)
    flash(_("The question is taken out of the FAQ."), "success")
    return redirect(url_for("questions.staff_question", question_id=question.id))
