"""The learner's five budgets: an overview with each one's key figure, and one form per budget
that saves and recalculates (nothing typed is ever lost: refused figures stay in their boxes).
Only the learner sees their own budgets."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import Role

from .. import bp, services
from ..budget_forms import BLANK_ROWS, FORMS, MAX_ROWS
from ..budgets import KINDS, MONTHS, VAT_RATES, format_amount
from ..forms import VersionForm
from . import course_of, lang, organisation_as

# The warnings each budget's page shows.
WARNINGS_OF = {
    "investment": ("financing_short",),
    "financing": ("financing_short",),
    "operating": ("below_break_even", "no_margin"),
    "cashflow": ("cash_runs_out",),
    "personal": ("household_short",),
}


def titles() -> dict[str, str]:
    return {
        "investment": _("Investment budget"),
        "financing": _("Financing budget"),
        "operating": _("Operating budget"),
        "cashflow": _("Cash-flow budget"),
        "personal": _("Personal budget"),
    }


def _money(cents: int | None) -> str:
    return "" if cents is None else format_amount(cents, lang())


def _typed(cents: int) -> str:
    """An amount as it goes back into a box: blank for zero, in the reader's style."""
    return "" if cents == 0 else format_amount(cents, lang())


def _rows_of_data(kind: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in data.get("rows", []):
        values: dict[str, Any] = {"label": row["label"]}
        if "group" in row:
            values["group"] = row["group"]
        if kind == "operating":
            values.update({f"year_{i + 1}": _typed(a) for i, a in enumerate(row["amounts"])})
        elif kind == "cashflow":
            values.update({f"month_{i + 1}": _typed(a) for i, a in enumerate(row["amounts"])})
            values["vat_rate"] = str(row["vat_rate"])
        else:
            values["amount"] = _typed(row["amount"])
        rows.append(values)
    return rows


def _form_of_budget(kind: str, budget):
    data = budget.data if budget else {}
    values: dict[str, Any] = {
        "base_version": budget.version if budget else 0,
        "rows": _rows_of_data(kind, data) + [{}] * BLANK_ROWS,
    }
    if kind == "cashflow":
        values["opening"] = _typed(data.get("opening", 0))
    if kind == "personal":
        values["estimated_tax"] = _typed(data.get("estimated_tax", 0))
    return FORMS[kind](data=values)


def _cents(field) -> int:
    return getattr(field, "cents", 0)


def _vat_rate(typed) -> int:
    """The row's VAT rate; a value not on the list (the field shows its own error) counts as the
    standard rate, so the figures can still be shown beside the error."""
    return int(typed) if typed in {str(rate) for rate in VAT_RATES} else VAT_RATES[0]


def _data_of_form(kind: str, form) -> tuple[dict[str, Any], bool]:
    """The form's rows as stored data (blank rows left out); False when a row with amounts has
    no name, which is marked on the row."""
    rows = []
    named = True
    for entry in form.rows:
        row = entry.form
        if kind == "operating":
            amounts = [_cents(row[f"year_{i}"]) for i in (1, 2, 3)]
            values: dict[str, Any] = {"amounts": amounts, "group": row.group.data}
        elif kind == "cashflow":
            amounts = [_cents(row[f"month_{i}"]) for i in range(1, MONTHS + 1)]
            values = {"amounts": amounts, "group": row.group.data}
            values["vat_rate"] = _vat_rate(row.vat_rate.data)
        else:
            amounts = [_cents(row.amount)]
            values = {"amount": amounts[0]}
            if kind == "personal":
                values["group"] = row.group.data
        label = (row.label.data or "").strip()
        if not label and not any(amounts):
            continue
        if not label:
            row.label.errors = [*row.label.errors, _("Give this row a name.")]
            named = False
        rows.append({"label": label, **values})
    data: dict[str, Any] = {"rows": rows}
    if kind == "cashflow":
        data["opening"] = _cents(form.opening)
    if kind == "personal":
        data["estimated_tax"] = _cents(form.estimated_tax)
    return data, named


def _context(course_slug: str, kind: str):
    if kind not in KINDS:
        abort(404)
    organisation = organisation_as(Role.LEARNER)
    return organisation, course_of(organisation, course_slug)


def _render(course, kind, form, status=200, typed=None, **extra):
    saved = {k: b.data for k, b in services.budgets_of(current_user.id, course.slug).items()}
    shown = {**saved, **({kind: typed} if typed is not None else {})}
    figures = services.figures_of(shown)
    warnings = [
        services.warning_sentence(w, lang())
        for w in figures.warnings
        if w.code in WARNINGS_OF[kind]
    ]
    budget = services.budget_of(current_user.id, course.slug, kind)
    revisions = services.budget_revisions_of(budget) if budget else []
    page = render_template(
        "logbook/budget.html",
        course=course,
        kind=kind,
        title=titles()[kind],
        form=form,
        figures=figures,
        warnings=warnings,
        budget=budget,
        revisions=revisions,
        revision_figures={
            r.version: services.figures_of({**saved, kind: r.data}) for r in revisions
        },
        tables=[t for t in services.tables_of(shown, lang()) if t.title == titles()[kind]],
        money=_money,
        months=range(1, MONTHS + 1),
        **extra,
    )
    return page, status


@bp.get("/logbook/<course_slug>/budgets/")
@login_required
def budgets(course_slug):
    organisation = organisation_as(Role.LEARNER)
    course = course_of(organisation, course_slug)
    saved = services.budgets_of(current_user.id, course.slug)
    figures = services.figures_of({k: b.data for k, b in saved.items()})
    return render_template(
        "logbook/budgets.html",
        course=course,
        kinds=KINDS,
        titles=titles(),
        saved=saved,
        figures=figures,
        warnings=[services.warning_sentence(w, lang()) for w in figures.warnings],
        money=_money,
    )


@bp.route("/logbook/<course_slug>/budgets/<kind>", methods=["GET", "POST"])
@login_required
def budget(course_slug, kind):
    organisation, course = _context(course_slug, kind)
    if request.method == "GET":
        form = _form_of_budget(kind, services.budget_of(current_user.id, course.slug, kind))
        return _render(course, kind, form)
    form = FORMS[kind]()
    if request.form.get("action") == "more":
        for _i in range(min(BLANK_ROWS, MAX_ROWS - len(form.rows))):
            form.rows.append_entry()
        return _render(course, kind, form)
    valid = form.validate_on_submit()
    data, named = _data_of_form(kind, form)
    if not (valid and named):
        if "csrf_token" in form.errors:
            form.form_errors.append(
                _(
                    "This page was open a long time, so for your safety nothing was saved. "
                    "Your figures are still here: press Save again."
                )
            )
        return _render(course, kind, form, 422)
    try:
        services.save_budget(
            current_user, organisation, course.slug, kind, data, form.base_version.data or 0
        )
    except services.BudgetConflict as conflict:
        # Nothing was saved. The figures stay in their boxes, now based on the newer version,
        # so saving again keeps them on purpose.
        newer = conflict.budget.version if conflict.budget else 0
        form.base_version.data, form.base_version.raw_data = newer, [str(newer)]
        form.form_errors.append(str(conflict.message))
        return _render(course, kind, form, 409)
    except services.LogbookError as error:
        form.form_errors.append(str(error.message))
        return _render(course, kind, form, 422)
    flash(_("Your budget is saved and recalculated."), "success")
    return redirect(url_for("logbook.budget", course_slug=course.slug, kind=kind))


def _budget_url(course, kind):
    return url_for("logbook.budget", course_slug=course.slug, kind=kind)


@bp.get("/logbook/<course_slug>/budgets/<kind>/revisions/<int:version>")
@login_required
def budget_revision(course_slug, kind, version):
    """One saved version of a budget as tables (every save is kept), and a button to restore it."""
    organisation, course = _context(course_slug, kind)
    budget = services.budget_of(current_user.id, course.slug, kind)
    try:
        revision = services.budget_revision_of(budget, version)
    except services.EntryNotFound:
        abort(404)
    return render_template(
        "logbook/budget_revision.html",
        course=course,
        kind=kind,
        title=titles()[kind],
        budget=budget,
        revision=revision,
        tables=services.tables_of({kind: revision.data}, lang()),
        form=VersionForm(base_version=budget.version),
    )


@bp.post("/logbook/<course_slug>/budgets/<kind>/revisions/<int:version>/restore")
@login_required
def budget_restore(course_slug, kind, version):
    organisation, course = _context(course_slug, kind)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.restore_budget(
            current_user, organisation, course.slug, kind, version, form.base_version.data or 0
        )
    except services.EntryNotFound:
        abort(404)
    except services.BudgetConflict:
        flash(
            _("The budget changed since you opened that page. Look again, then restore."), "error"
        )
        return redirect(_budget_url(course, kind))
    except services.LogbookError as error:
        flash(error.message, "error")
        return redirect(_budget_url(course, kind))
    flash(_("Version %(number)s is back as your current budget.", number=version), "success")
    return redirect(_budget_url(course, kind))
