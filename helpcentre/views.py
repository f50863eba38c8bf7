"""Help pages for everyone, signed in or not: /help/, /help/<slug>, /help/search.

Help is public. Someone who cannot sign in needs it most, and the staff pages describe what
staff can do in Herstart, nothing secret (no data, no addresses, no settings of the instance).
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from accounts.context import current_organisation, safe_next
from extensions import limiter

from . import bp, search, services
from .forms import AccessibilityFeedbackForm
from .pages import ROLES, HelpLibrary

ASK_QUESTION_PATH = "/questions/new"  # the questions feature's page; a path, so no endpoint
MAX_QUERY = 200


def library() -> HelpLibrary:
    return current_app.extensions["help"]


def _language() -> str:
    return str(get_locale())


def _my_roles() -> list[str]:
    """The signed-in person's roles in the organisation they work in, in ROLES order."""
    if not current_user.is_authenticated:
        return []
    organisation = current_organisation()
    held = {str(r) for r in current_user.roles_in(organisation.id)} if organisation else set()
    return [role for role in ROLES if role in held]


@bp.app_template_global()
def help_title(slug: str) -> str | None:
    """The help page's title in the reader's language, for `help_link`; None if there is none."""
    page = library().page(slug, _language())
    return page.title if page else None


@bp.app_template_global()
def ask_question_path() -> str:
    return ASK_QUESTION_PATH


@bp.get("/")
def index():
    mine = _my_roles()
    order = mine + [role for role in ROLES if role not in mine]
    sections = [(role, library().for_role(role, _language())) for role in order]
    return render_template("helpcentre/index.html", sections=sections, mine=mine)


@bp.get("/search")
def search_page():
    query = (request.args.get("q") or "").strip()[:MAX_QUERY]
    results = search.search(library(), query, _language()) if query else []
    searched = bool(search.query_words(query))
    return render_template(
        "helpcentre/search.html", query=query, results=results, searched=searched
    )


@bp.route("/accessibility", methods=["GET", "POST"])
@limiter.limit("5 per minute;20 per hour", methods=["POST"])
def accessibility():
    """The accessibility statement (a help page) with the form to report a problem: public, so
    someone who cannot sign in can tell us why."""
    statement = library().page("accessibility", _language())
    if statement is None:
        abort(404)
    form = AccessibilityFeedbackForm()
    if request.method == "GET":
        # Nothing asked twice: the page the person came from and who they are, when known.
        form.page.data = safe_next(request.args.get("page"), "")[:500]
        if current_user.is_authenticated:
            form.name.data, form.email.data = current_user.name, current_user.email
    elif form.validate_on_submit():
        services.report_accessibility_problem(
            page=form.page.data or "",
            what=form.what.data or "",
            name=form.name.data or "",
            email=form.email.data or "",
            reporter=current_user if current_user.is_authenticated else None,
        )
        flash(_("Thank you. Your report is sent to the people who run Herstart."), "success")
        return redirect(url_for("helpcentre.accessibility"))
    return render_template(
        "helpcentre/accessibility.html", page=statement, language=_language(), form=form
    )


@bp.get("/<slug>")
def page(slug: str):
    found = library().page(slug, _language())
    if found is None:
        abort(404)
    return render_template("helpcentre/page.html", page=found, language=_language())
