"""The directory: who opted in, my own listing, and messages between participants."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from extensions import NotAllowed
from learner_markdown import render_markdown
from mentoring.vocabulary import SECTORS

from . import bp, services
from .forms import ActionForm, ListingForm, MessageForm, SearchForm


def _organisation():
    """The organisation the participant works in; 403 for anyone who is not a participant."""
    organisation = current_organisation()
    try:
        return services.require_participant(current_user, organisation)
    except NotAllowed:
        abort(403)


def _errors_to(form, error) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        form.form_errors.append(error.message)
    else:
        field.errors = [*field.errors, error.message]


@bp.app_template_filter("network_markdown")
def network_markdown(text):
    """Rendered and cleaned exactly like logbook text: the same renderer."""
    return render_markdown(text)


@bp.get("/network/")
@login_required
def index():
    organisation = _organisation()
    form = SearchForm(request.args)
    regions = services.regions(organisation)
    form.region.choices = [("", _("Any region"))] + [(r, r) for r in regions]
    valid = form.validate()
    page = services.directory(
        current_user,
        organisation,
        words=(form.q.data or "") if valid else "",
        region=(form.region.data or "") if valid else "",
        sector=(form.sector.data or "") if valid else "",
        number=request.args.get("page", 1, type=int),
    )
    filters = {
        key: value for key, value in request.args.items() if key in ("q", "region", "sector")
    }
    return render_template(
        "network/index.html",
        organisation=organisation,
        form=form,
        page=page,
        filters=filters if valid else {},
        mine=services.listing_of(current_user, organisation),
        sectors=SECTORS,
    )


@bp.route("/network/me", methods=["GET", "POST"])
@login_required
def me():
    organisation = _organisation()
    listing = services.listing_of(current_user, organisation)
    form = ListingForm(obj=listing)
    if form.validate_on_submit():
        try:
            services.save_listing(
                current_user,
                organisation,
                region=form.region.data or "",
                sector=form.sector.data or "",
                offer=form.offer.data or "",
                looking_for=form.looking_for.data or "",
                show_email=form.show_email.data,
            )
        except services.NetworkError as error:
            _errors_to(form, error)
        else:
            flash(
                _("You are in the network. Others in %(org)s can find you and write to you.")
                % {"org": organisation.name}
                if listing is None
                else _("Your details in the network are saved."),
                "success",
            )
            return redirect(url_for("network.index"))
    return render_template(
        "network/me.html",
        organisation=organisation,
        form=form,
        listing=listing,
        leave_form=ActionForm(),
    )


@bp.post("/network/me/leave")
@login_required
def leave():
    organisation = _organisation()
    if ActionForm().validate_on_submit() and services.leave(current_user, organisation):
        flash(_("You have left the network. Nobody finds you there any more."), "success")
    return redirect(url_for("network.me"))


@bp.route("/network/people/<int:person_id>/write", methods=["GET", "POST"])
@login_required
def write(person_id):
    organisation = _organisation()
    person = services.correspondent(current_user, organisation, person_id)
    listing = services.listing_of(person, organisation)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            services.send_message(current_user, organisation, person.id, form.body.data or "")
        except services.NetworkError as error:
            _errors_to(form, error)
        else:
            flash(_("Your message has been sent to %(name)s.") % {"name": person.name}, "success")
            return redirect(url_for("network.conversation", person_id=person.id))
    return render_template(
        "network/write.html", organisation=organisation, person=person, listing=listing, form=form
    )


@bp.get("/network/messages")
@login_required
def messages():
    organisation = _organisation()
    return render_template(
        "network/messages.html",
        organisation=organisation,
        threads=services.threads(current_user, organisation),
    )


@bp.get("/network/messages/<int:person_id>")
@login_required
def conversation(person_id):
    organisation = _organisation()
    person, messages = services.conversation(current_user, organisation, person_id)
    try:
        services.correspondent(current_user, organisation, person.id)
        can_answer = True
    except services.NotFound:
        can_answer = False
    return render_template(
        "network/conversation.html",
        organisation=organisation,
        person=person,
        messages=messages,
        can_answer=can_answer,
        form=MessageForm(formdata=None),
    )
