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
from flask_mailman import EmailMessage

from extensions import db, limiter

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
    AcceptInvitationForm,
    ChangePasswordForm,
    DisplayForm,
    JoinForm,
    LoginForm,
    OrganisationSwitchForm,
    ProfileForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from .models import User, find_user_by_email


def auth_limit() -> str:
    return current_app.config["RATELIMIT_AUTH"]


def _refuse(form, error: services.AccountError) -> None:
    """Put a service's refusal on the form: on its field, else at the top of the error summary."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def _home():
    return url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_home())
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountError as error:
            _refuse(form, error)
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data, _home()))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    session.pop(ORG_SESSION_KEY, None)
    flash(_("You are signed out. See you next time."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/join/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def accept_invitation(token):
    try:
        invitation = services.open_invitation(token)
    except services.AccountError as error:
        return render_template("accounts/invitation_invalid.html", message=error.message), 410
    existing = find_user_by_email(invitation.email)
    if existing is not None:
        if current_user.is_authenticated and current_user.id == existing.id:
            if request.method == "POST":
                services.accept_invitation_as(current_user, token)
                flash(_("Welcome to %(name)s.", name=invitation.organisation.name), "success")
                return redirect(_home())
            return render_template("accounts/invitation_existing.html", invitation=invitation)
        flash(_("You already have an account. Sign in to accept the invitation."), "info")
        return redirect(url_for("accounts.login", next=request.path))
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(
                token, form.name.data, form.password.data, _chosen_language()
            )
        except services.AccountError as error:
            _refuse(form, error)
        else:
            login_user(user, remember=True)
            session[ORG_SESSION_KEY] = invitation.organisation_id
            flash(_("Welcome to Herstart, %(name)s.", name=user.name), "success")
            return redirect(_home())
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)


def _chosen_language():
    lang = request.cookies.get(LANGUAGE_COOKIE)
    return lang if lang in current_app.config["LANGUAGES"] else None


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def join():
    form = JoinForm(code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            user = services.join_with_code(
                form.code.data,
                form.email.data,
                form.name.data,
                form.password.data,
                _chosen_language(),
            )
        except services.AccountError as error:
            _refuse(form, error)
        else:
            login_user(user, remember=True)
            flash(_("Welcome to Herstart, %(name)s.", name=user.name), "success")
            return redirect(_home())
    return render_template("accounts/join.html", form=form)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = find_user_by_email(services.normalise_email(form.email.data))
        if user is not None:
            _send_reset(user)
        # The same answer either way, so nobody can find out who has an account.
        flash(
            _(
                "If there is an account for that address, we have sent it a link. "
                "Check your email, also the spam folder."
            ),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/request_reset.html", form=form)


def _send_reset(user) -> None:
    link = url_for("accounts.reset", token=services.reset_token(user), _external=True)
    hours = current_app.config["RESET_HOURS"]
    EmailMessage(
        subject=_("Choose a new password for Herstart"),
        body=render_template("accounts/email/reset.txt", user=user, link=link, hours=hours),
        to=[user.email],
    ).send()


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
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
        login_user(user)
        flash(_("Your new password is saved."), "success")
        return redirect(_home())
    return render_template("accounts/reset.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            _refuse(form, error)
        else:
            flash(_("Your new password is saved."), "success")
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
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form)


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
    wanted = int(form.organisation_id.data) if form.organisation_id.data.isdigit() else None
    chosen = next((o for o in current_user.organisations if o.id == wanted), None)
    if chosen is None:
        abort(404)
    if chosen.is_archived:
        abort(archived_page(chosen))
    session[ORG_SESSION_KEY] = wanted
    return redirect(_home())


def user_loader(user_id: str):
    """A deactivated account's sessions and remember cookies stop working at once."""
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.is_active else None
