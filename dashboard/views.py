"""The role-aware home page. Each panel's data comes from its own file in this package."""

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from accounts.context import archived_organisations, current_organisation
from accounts.forms import OrganisationSwitchForm
from accounts.models import Role

from . import bp, panels


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    return render_template("dashboard/home.html")


@bp.get("/dashboard")
@login_required
def index():
    organisation = current_organisation()
    roles = current_user.roles_in(organisation.id) if organisation else set()
    return render_template(
        "dashboard/index.html",
        organisation=organisation,
        archived=[] if organisation else archived_organisations(),
        roles=roles,
        Role=Role,
        switch_form=OrganisationSwitchForm(),
        panels=panels.for_person(current_user, organisation, roles),
    )
