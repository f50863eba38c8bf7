"""The asker's pages: ask, read one's own questions and answers, the FAQ consent, and the
organisation's FAQ for its members."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from extensions import Invalid
from notifications.services import mark_read

from . import bp, services
from .forms import TOPICS, AskForm, ConsentForm
from .models import Topic


def errors_to(form, error: Invalid) -> None:
    """A service's refusal beside the field it is about, else at the top of the form."""
    field = form._fields.get(error.field or "")
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def page_number() -> int:
    return request.args.get("page", 1, type=int) or 1


@bp.get("/")
@login_required
def index():
    organisation = current_organisation()
    return render_template(
        "questions/index.html",
        page=services.own_page(current_user, page_number()),
        may_ask=services.asking_role(current_user, organisation) is not None,
        is_staff=organisation is not None and services.is_staff_of(current_user, organisation),
        topics=TOPICS,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Asked in the organisation the person is working in (the one chosen in the header)."""
    organisation = current_organisation()
    if organisation is None:
        abort(404)
    if services.asking_role(current_user, organisation) is None:
        abort(403)
    form = AskForm()
    if request.method == "GET" and request.args.get("topic") in set(Topic):
        form.topic.data = request.args["topic"]
    if form.validate_on_submit():
        try:
            question = services.ask(
                current_user, organisation, form.text.data, form.topic.data, form.consent.data
            )
        except Invalid as error:
            errors_to(form, error)
        else:
            flash(
                _(
                    "Your question is sent to %(org)s. You get a message when it is answered.",
                    org=organisation.name,
                ),
                "success",
            )
            return redirect(url_for("questions.question", question_id=question.id))
    return render_template("questions/new.html", form=form)


@bp.get("/<int:question_id>")
@login_required
def question(question_id):
    question = services.question_for_asker(current_user, question_id)
    mark_read(current_user.id, services.subject_of(question))
    return render_template(
        "questions/question.html",
        question=question,
        form=ConsentForm(formdata=None, consent=question.consent),
        topics=TOPICS,
    )


@bp.post("/<int:question_id>/consent")
@login_required
def consent(question_id):
    question = services.question_for_asker(current_user, question_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    taken_out = services.set_consent(current_user, question, form.consent.data)
    if taken_out:
        flash(_("Your question is no longer in the FAQ."), "success")
    elif form.consent.data:
        flash(_("Thank you. Staff may publish your question without your name."), "success")
    else:
        flash(_("Your question stays between you and the staff."), "success")
    return redirect(url_for("questions.question", question_id=question.id))


@bp.get("/faq")
@login_required
def faq():
    """The organisation's FAQ, for its members: the published wording, never who asked."""
    organisation = current_organisation()
    if organisation is None:
        abort(404)
    return render_template(
        "questions/faq.html",
        page=services.faq_page(organisation, page_number()),
        may_ask=services.asking_role(current_user, organisation) is not None,
    )
