"""The notification centre's pages: the list, mark read, and email preferences. Every POST
carries the CSRF token (checked for the whole app); an item of somebody else is not found."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from . import bp, services
from .forms import chosen, preferences_form


@bp.get("/")
@login_required
def index():
    page = services.page_of(current_user.id, request.args.get("page", 1, type=int) or 1)
    return render_template("notifications/index.html", page=page, form=FlaskForm())


@bp.post("/<int:item_id>/read")
@login_required
def read(item_id):
    services.mark_item_read(current_user.id, item_id)
    return redirect(url_for("notifications.index", page=request.form.get("page", 1, type=int)))


@bp.post("/read")
@login_required
def read_all():
    if services.mark_all_read(current_user.id):
        flash(_("Everything is marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = preferences_form(services.preferences_of(current_user.id))
    if form.validate_on_submit():
        services.save_preferences(current_user.id, chosen(form))
        flash(_("Your email settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form)
