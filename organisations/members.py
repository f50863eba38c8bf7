"""Staff pages of an organisation's members: the list with search, filters and sorting, one
member's roles and state, invitations (send, resend, revoke) and the CSV export."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts import members as accounts_members
from accounts.models import Role, User
from extensions import db, utcnow

from . import bp, member_list, services
from .csv_export import csv_response, csv_text
from .forms import ActionForm, InvitationForm, RoleForm
from .member_list import Query
from .views import staff_organisation


def state_labels() -> dict[str, str]:
    return {
        member_list.State.ACTIVE: _("Active"),
        member_list.State.DEACTIVATED: _("Deactivated"),
        member_list.State.QUIET: _("No activity for 30 days"),
        member_list.State.INVITED: _("Invited"),
    }


def sort_labels() -> dict[str, str]:
    return {"name": _("Name"), "joined": _("Joined"), "activity": _("Last activity")}


@bp.route("/<slug>/people", methods=["GET", "POST"])
@login_required
def people(slug):
    organisation = staff_organisation(slug)
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            created = services.invite(
                current_user, organisation, form.email.data, Role(form.role.data)
            )
        except accounts_members.AccountError as error:
            form.email.errors = [*form.email.errors, error.message]
        else:
            flash(_("Invitation sent to %(email)s.", email=created.invitation.email), "success")
            return redirect(url_for("organisations.people", slug=slug))
    query = Query.from_args(request.args)
    if query.state == member_list.State.INVITED:
        page = member_list.invitation_page(organisation, query)
    else:
        page = member_list.member_page(organisation, query)
    return render_template(
        "organisations/people.html",
        organisation=organisation,
        form=form,
        page=page,
        query=query,
        states=state_labels(),
        sorts=sort_labels(),
        open_invitations=member_list.open_invitation_count(organisation),
        action_form=ActionForm(),
        now=utcnow(),
    )


@bp.get("/<slug>/people.csv")
@login_required
def people_export(slug):
    organisation = staff_organisation(slug)
    query = Query.from_args(request.args)
    page = member_list.member_page(organisation, query, everyone=True)
    rows = [
        (
            m.name,
            m.email,
            ", ".join(m.roles),
            m.group or "",
            _("Deactivated") if m.deactivated_at else _("Active"),
            m.joined.date().isoformat(),
            m.last_activity.date().isoformat() if m.last_activity else "",
        )
        for m in page.rows
    ]
    header = (
        _("Name"),
        _("Email address"),
        _("Roles"),
        _("Cohort"),
        _("State"),
        _("Joined"),
        _("Last activity"),
    )
    text = csv_text(header, rows, str(get_locale()))
    return csv_response(f"{organisation.slug}-members.csv", text)


def _member(organisation, user_id: int):
    memberships = accounts_members.memberships_of(organisation, user_id)
    return db.session.get(User, user_id), memberships


@bp.get("/<slug>/people/<int:user_id>")
@login_required
def member(slug, user_id):
    organisation = staff_organisation(slug)
    person, memberships = _member(organisation, user_id)
    held = {m.role for m in memberships}
    form = RoleForm()
    form.role.choices = [c for c in form.role.choices if c.value not in held]
    return render_template(
        "organisations/member.html",
        organisation=organisation,
        person=person,
        memberships=memberships,
        deactivated=memberships[0].deactivated_at,
        form=form,
        action_form=ActionForm(),
        pairs=services.open_pairs_of(organisation, user_id),
    )


def _back(slug, user_id):
    return redirect(url_for("organisations.member", slug=slug, user_id=user_id))


@bp.post("/<slug>/people/<int:user_id>/roles")
@login_required
def member_add_role(slug, user_id):
    organisation = staff_organisation(slug)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose a role."), "error")
        return _back(slug, user_id)
    try:
        accounts_members.add_role(current_user, organisation, user_id, Role(form.role.data))
    except accounts_members.AccountError as error:
        flash(error.message, "error")
    else:
        flash(_("Role added."), "success")
    return _back(slug, user_id)


@bp.post("/<slug>/people/<int:user_id>/roles/<role>/remove")
@login_required
def member_remove_role(slug, user_id, role):
    organisation = staff_organisation(slug)
    if role not in {r.value for r in Role}:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            accounts_members.remove_role(current_user, organisation, user_id, Role(role))
        except accounts_members.AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("Role removed."), "success")
    return _back(slug, user_id)


@bp.post("/<slug>/people/<int:user_id>/deactivate")
@login_required
def member_deactivate(slug, user_id):
    organisation = staff_organisation(slug)
    if ActionForm().validate_on_submit():
        try:
            pairs = services.deactivate_member(current_user, organisation, user_id)
        except accounts_members.AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("Deactivated. Everything this person made is kept."), "success")
            if pairs:
                flash(
                    _(
                        "%(n)s open mentoring pair(s) ended; the other person was told by email.",
                        n=len(pairs),
                    ),
                    "info",
                )
    return _back(slug, user_id)


@bp.post("/<slug>/people/<int:user_id>/reactivate")
@login_required
def member_reactivate(slug, user_id):
    organisation = staff_organisation(slug)
    if ActionForm().validate_on_submit():
        try:
            accounts_members.reactivate(current_user, organisation, user_id)
        except accounts_members.AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("Reactivated. This person can open the organisation again."), "success")
    return _back(slug, user_id)


def _invitations(slug):
    return redirect(url_for("organisations.people", slug=slug, state="invited"))


@bp.post("/<slug>/invitations/<int:invitation_id>/resend")
@login_required
def invitation_resend(slug, invitation_id):
    organisation = staff_organisation(slug)
    if ActionForm().validate_on_submit():
        created = services.resend_invitation(current_user, organisation, invitation_id)
        flash(
            _(
                "A new invitation went to %(email)s. It works until %(date)s; "
                "the old link no longer works.",
                email=created.invitation.email,
                date=format_date(created.invitation.expires_at, "long"),
            ),
            "success",
        )
    return _invitations(slug)


@bp.post("/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
def invitation_revoke(slug, invitation_id):
    organisation = staff_organisation(slug)
    if ActionForm().validate_on_submit():
        accounts_members.revoke_invitation(current_user, organisation, invitation_id)
        flash(_("Invitation revoked. Its link no longer works."), "success")
    return _invitations(slug)
