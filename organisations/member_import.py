"""Staff bring in a cohort from a spreadsheet: upload or paste, see what each row would do,
confirm. Between preview and confirmation the file travels back signed, so it cannot be changed
on the way and nothing is stored half-done."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeSerializer

from accounts.members import Outcome, plan_import
from fields import takes_files

from . import bp, csv_import, services
from .csv_export import csv_response
from .forms import ConfirmImportForm, ImportForm
from .views import staff_organisation


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="member-import")


def outcome_labels() -> dict[str, str]:
    return {
        Outcome.NEW_INVITATION: _("New invitation"),
        Outcome.ROLE_ADDED: _("Role added to an existing member"),
        Outcome.UNCHANGED: _("Unchanged: already done"),
        Outcome.ERROR: _("Error"),
    }


def _parse(organisation, data: bytes) -> csv_import.Parsed:
    return csv_import.parse(
        data, list(current_app.config["LANGUAGES"]), organisation.default_language or "en"
    )


def _uploaded(form: ImportForm) -> bytes:
    upload = form.file.data
    if upload is not None and getattr(upload, "filename", ""):
        return upload.read(csv_import.MAX_BYTES + 1)
    return (form.pasted.data or "").encode("utf-8")


@bp.route("/<slug>/people/import", methods=["GET", "POST"])
@login_required
@takes_files
def people_import(slug):
    organisation = staff_organisation(slug)
    form = ImportForm()
    if form.validate_on_submit():
        data = _uploaded(form)
        if not data.strip():
            form.file.errors = [_("Choose a CSV file, or paste the rows.")]
        else:
            parsed = _parse(organisation, data)
            text = csv_import.decode(data) or ""
            plan = plan_import(organisation, parsed.rows) if parsed.rows else None
            payload = (
                _signer().dumps({"o": organisation.id, "u": current_user.id, "t": text})
                if parsed.ok
                else ""
            )
            return render_template(
                "organisations/people_import_preview.html",
                organisation=organisation,
                parsed=parsed,
                plan=plan,
                outcomes=outcome_labels(),
                confirm_form=ConfirmImportForm(formdata=None, payload=payload),
            )
    return render_template(
        "organisations/people_import.html",
        organisation=organisation,
        form=form,
        max_rows=csv_import.MAX_ROWS,
    )


@bp.post("/<slug>/people/import/confirm")
@login_required
@takes_files
def people_import_confirm(slug):
    organisation = staff_organisation(slug)
    form = ConfirmImportForm()
    try:
        data = _signer().loads(form.payload.data or "") if form.validate_on_submit() else None
    except BadSignature:
        data = None
    if not data or data.get("o") != organisation.id or data.get("u") != current_user.id:
        flash(_("We could not read the confirmed file. Please upload it again."), "error")
        return redirect(url_for("organisations.people_import", slug=slug))
    parsed = _parse(organisation, data["t"].encode("utf-8"))
    if not parsed.ok:  # cannot happen for a signed preview; refuse rather than half-apply
        flash(_("The file has problems. Nothing was imported."), "error")
        return redirect(url_for("organisations.people_import", slug=slug))
    plan = services.import_members(current_user, organisation, parsed.rows)
    flash(
        _(
            "Import done: %(new)s invitations sent, %(added)s roles added, %(same)s unchanged.",
            new=plan.count(Outcome.NEW_INVITATION),
            added=plan.count(Outcome.ROLE_ADDED),
            same=plan.count(Outcome.UNCHANGED),
        ),
        "success",
    )
    return redirect(url_for("organisations.people", slug=slug))


@bp.get("/<slug>/people/import/template.csv")
@login_required
def people_import_template(slug):
    staff_organisation(slug)
    return csv_response("herstart-members-template.csv", csv_import.TEMPLATE)
