"""What has not gone out, for platform admins: waiting and failed messages with their error."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from . import bp, services


def _admin_only() -> None:
    if not current_user.is_admin:
        abort(403)


@bp.get("/")
@login_required
def index():
    _admin_only()
    return render_template(
        "outbox/index.html", messages=services.waiting_and_failed(), counts=services.counts()
    )


@bp.post("/<int:message_id>/retry")
@login_required
def retry(message_id: int):
    _admin_only()
    if services.retry_failed(message_id):
        flash(_("The message is back in the queue."), "success")
    else:
        flash(_("That message is not failed, so there is nothing to retry."), "info")
    return redirect(url_for("outbox.index"))
