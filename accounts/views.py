"""Signing in and out, sessions, password resets and one's own settings."""

import logging
from datetime import timedelta

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import joinedload

from extensions import db

from . import bp, services
from .context import (
    CONTRAST_COOKIE,
    COOKIE_AGE,
    LANGUAGE_COOKIE,
    ORG_SESSION_KEY,
    TEXT_SIZE_COOKIE,
    archived_page,
    safe_next,
)
from .forms import (
    ChangePasswordForm,
    DisplayForm,
    LoginForm,
    OrganisationSwitchForm,
    ProfileForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignOutEverywhereForm,
)
from .limits import per_account, per_address
from .models import User

logger = logging.getLogger(__name__)


def refuse(form, error: services.AccountError) -> None:
    """Put a service's refusal on the form: on its field, else at the top of the error summary."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def home():
    return url_for("dashboard.index")


def _remember_for() -> timedelta:
    return timedelta(days=current_app.config["REMEMBER_DAYS"])


def sign_in(user: User, *, remember: bool = False) -> None:
    """Sign in with a new session: nothing planted in the session before carries over (session
    fixation), and a remember cookie is only kept when the person said it is their computer."""
    session.clear()
    login_user(user, remember=remember, duration=_remember_for())
    if not remember:
        session["_remember"] = "clear"  # an old remember cookie in this browser goes too


def stay_signed_in(user: User) -> None:
    """After the person's session token changed: this session carries the new one, and a
    remember cookie is renewed when this browser had one."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=cookie in request.cookies, duration=_remember_for())


@bp.route("/login", methods=["GET", "POST"])
@per_address(failures_only=True)
@per_account(failures_only=True)
def login():
    if current_user.is_authenticated:
        return redirect(home())
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountError as error:
            refuse(form, error)
        else:
            sign_in(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data, home()))
    return render_template(
        "accounts/login.html", form=form, remember_days=current_app.config["REMEMBER_DAYS"]
    )


@bp.post("/logout")
def logout():
    """Signing out ends every session of the person, so a copied cookie is worth nothing."""
    if current_user.is_authenticated:
        services.end_sessions(current_user)
    logout_user()
    session.pop(ORG_SESSION_KEY, None)
    flash(_("You are signed out. See you next time."), "success")
    return redirect(url_for("accounts.login"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    if not SignOutEverywhereForm().validate_on_submit():
        abort(400)
    services.end_sessions(current_user)
    stay_signed_in(current_user._get_current_object())
    flash(_("You are signed out on every other computer and phone."), "success")
    return redirect(url_for("accounts.profile"))


def chosen_language():
    lang = request.cookies.get(LANGUAGE_COOKIE)
    return lang if lang in current_app.config["LANGUAGES"] else None


@bp.route("/reset", methods=["GET", "POST"])
@per_address()
@per_account()
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        # The same answer either way, so nobody can find out who has an account; the email is
        # sent after the answer, so a slow or stopped mail server changes nothing here either.
        flash(
            _(
                "If there is an account for that address, we have sent it a link. "
                "Check your email, also the spam folder."
            ),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/request_reset.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@per_address()
def reset(token):
    try:
        services.user_for_reset(token)
    except services.AccountError as error:
        flash(error.message, "error")
        return redirect(url_for("accounts.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except services.AccountError as error:
            flash(error.message, "error")
            return redirect(url_for("accounts.request_reset"))
        sign_in(user)
        flash(_("Your new password is saved."), "success")
        return redirect(home())
    return render_template("accounts/reset.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            refuse(form, error)
        else:
            stay_signed_in(current_user._get_current_object())
            flash(
                _("Your new password is saved. You are signed out on every other computer."),
                "success",
            )
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(
        obj=current_user if request.method == "GET" else None,
        language=current_user.language or _current_language(),
    )
    if form.validate_on_submit():
        services.update_profile(
            current_user,
            form.name.data,
            form.language.data,
            form.text_size.data,
            form.contrast.data,
        )
        services.share_with_partner(
            current_user,
            show_email=form.share_email_with_partner.data,
            phone=form.phone_for_partner.data or "",
        )
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=form, sign_out_form=SignOutEverywhereForm()
    )


def _current_language() -> str:
    return str(get_locale())


@bp.post("/settings/display")
def display():
    """Language, text size and contrast from the buttons on every page; remembered for good."""
    form = DisplayForm()
    if not form.validate_on_submit():
        abort(400)
    choice = {
        "language": form.language.data or None,
        "text_size": form.text_size.data or None,
        "contrast": form.contrast.data or None,
    }
    if current_user.is_authenticated:
        services.update_display(current_user, **choice)
    response = make_response(redirect(safe_next(form.next.data, url_for("dashboard.home"))))
    for cookie, value in (
        (LANGUAGE_COOKIE, choice["language"]),
        (TEXT_SIZE_COOKIE, choice["text_size"]),
        (CONTRAST_COOKIE, choice["contrast"]),
    ):
        if value:
            response.set_cookie(
                cookie,
                value,
                max_age=COOKIE_AGE,
                samesite="Lax",
                httponly=True,
                secure=current_app.config["SESSION_COOKIE_SECURE"],
            )
    return response


@bp.post("/account/organisation")
@login_required
def switch_organisation():
    form = OrganisationSwitchForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = form.organisation_id.data
    chosen = next((o for o in current_user.organisations if o.id == wanted), None)
    if chosen is None:
        abort(404)
    if chosen.is_archived:
        abort(archived_page(chosen))
    session[ORG_SESSION_KEY] = wanted
    return redirect(home())


def user_loader(user_id: str):
    """The person a session or remember cookie names, if it carries their current session token
    (sign-out, a new password or "sign out everywhere" change it) and their address is confirmed."""
    number, _colon, token = user_id.partition(":")
    if not number.isdigit() or not token:
        return None
    # One statement for the person, their memberships and organisations: every page reads them.
    user = db.session.get(User, int(number), options=[joinedload(User.memberships)])
    if not services.session_token_matches(user, token) or not user.is_confirmed:
        return None
    return user if user.is_active else None
