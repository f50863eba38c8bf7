"""Download my data: the page on which to ask for it, and the archive for its owner only."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from . import bp, registry, services
from .forms import AskForDataForm
from .jobs import enqueue_after_commit


@bp.get("/account/my-data")
@login_required
def my_data():
    return render_template(
        "privacy/my_data.html",
        form=AskForDataForm(),
        exports=services.exports_of(current_user.id),
        providers=registry.providers(),
        days=services.EXPORT_DAYS,
    )


@bp.post("/account/my-data")
@login_required
def ask_for_data():
    if not AskForDataForm().validate_on_submit():
        abort(400)
    export = services.request_export(current_user)
    if export.is_ready:
        flash(_("Your data is ready. Download it below."), "success")
    else:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        export_id = export.id

        @after_this_request
        def hand_to_worker(response):
            response.call_on_close(lambda: enqueue_after_commit(app, export_id))
            return response

        flash(_("We are putting your data together. We will tell you when it is ready."), "info")
    return redirect(url_for("privacy.my_data"))


@bp.get("/account/my-data/<int:export_id>/download")
@login_required
def download(export_id: int):
    try:
        export = services.archive_of(current_user.id, export_id)
    except services.Gone:
        abort(410)
    name = f"herstart-my-data-{export.ready_at:%Y-%m-%d}.zip"
    return Response(
        export.archive,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
