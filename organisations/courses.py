"""Staff choose which installed courses their learners see."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from modules import services as modules

from . import bp
from .views import staff_organisation


@bp.route("/<slug>/courses", methods=["GET", "POST"])
@login_required
def courses(slug):
    organisation = staff_organisation(slug)
    installed = modules.catalogue().courses
    if request.method == "POST":
        chosen = set(request.form.getlist("course"))
        modules.set_offered(organisation.id, chosen & {c.slug for c in installed})
        flash(_("The courses on offer are saved."), "success")
        return redirect(url_for("organisations.courses", slug=slug))
    offered = {c.slug for c in modules.offered_courses(organisation.id)}
    return render_template(
        "organisations/courses.html",
        organisation=organisation,
        installed=installed,
        offered=offered,
    )
