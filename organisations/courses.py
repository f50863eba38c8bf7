"""Staff choose which installed courses their learners see; taking one off asks first."""

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
    offered = {c.slug for c in modules.offered_courses(organisation.id)}
    if request.method == "POST":
        chosen = set(request.form.getlist("course")) & {c.slug for c in installed}
        dropped = [c for c in installed if c.slug in offered - chosen]
        if dropped and request.form.get("confirmed") != "yes":
            return render_template(
                "organisations/courses_confirm.html",
                organisation=organisation,
                chosen=sorted(chosen),
                dropped=[
                    (c, modules.learners_with_progress(organisation.id, c.slug)) for c in dropped
                ],
            )
        modules.set_offered(organisation.id, chosen)
        flash(_("The courses on offer are saved."), "success")
        return redirect(url_for("organisations.courses", slug=slug))
    return render_template(
        "organisations/courses.html",
        organisation=organisation,
        installed=installed,
        offered=offered,
    )
