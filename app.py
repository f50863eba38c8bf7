"""The application factory: configuration, extensions, blueprints, CLI and errors. Wiring only."""

from __future__ import annotations

import os

from flask import Flask, render_template, request
from flask_babel import format_date, format_datetime, format_time, format_timedelta, get_locale
from flask_login import current_user
from flask_wtf.csrf import CSRFError

import config
import i18n
from extensions import babel, csrf, db, limiter, login_manager, mail, migrate

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    _init_extensions(app)
    _load_content(app)
    _register_blueprints(app)
    _register_cli(app)
    _register_errors(app)
    _register_request_hooks(app)
    return app


def _init_extensions(app: Flask) -> None:
    from accounts.context import select_locale
    from accounts.views import user_loader

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=i18n.translation_directories(),
        default_timezone="Europe/Amsterdam",
    )
    login_manager.init_app(app)
    login_manager.user_loader(user_loader)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to see this page.")


def _load_content(app: Flask) -> None:
    """Course files are parsed and rendered once here; invalid content stops the start."""
    import sys
    from pathlib import Path

    from modules.content import Catalogue, ContentError, load_catalogue

    try:
        app.extensions["catalogue"] = load_catalogue(Path(app.config["COURSES_ROOT"]))
    except ContentError as error:
        if sys.argv[1:3] == ["courses", "check"]:  # the one command that must run to say why
            app.extensions["catalogue"] = Catalogue()
            return
        raise SystemExit(
            f"Herstart cannot start: the course content has errors.\n{error}"
        ) from None


def _register_blueprints(app: Flask) -> None:
    import accounts

    # Models of every feature must be known before migrations or create_all look at metadata.
    import accounts.models  # noqa: F401
    import dashboard
    import logbook
    import mentoring
    import mentoring.models  # noqa: F401
    import modules
    import organisations
    import quizzes

    for package in (accounts, dashboard, organisations, mentoring, modules, quizzes, logbook):
        app.register_blueprint(package.bp)


def _register_cli(app: Flask) -> None:
    from accounts.cli import users_cli
    from demo.cli import demo_cli
    from mentoring.cli import mentoring_cli
    from modules.cli import courses_cli
    from quizzes.cli import quizzes_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(courses_cli)
    app.cli.add_command(mentoring_cli)
    app.cli.add_command(i18n.i18n_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(quizzes_cli)


def _register_errors(app: Flask) -> None:
    def page(status: int):
        def handler(error):
            if status == 500:
                db.session.rollback()
            return render_template(f"errors/{status}.html", error=error), status

        return handler

    for status in (403, 404, 405, 410, 429, 500):
        app.register_error_handler(status, page(status))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(400)
    def bad_request(error):
        return render_template("errors/400.html"), 400


def _register_request_hooks(app: Flask) -> None:
    from accounts.context import current_organisation, display_settings, role_label
    from accounts.forms import DisplayForm

    app.add_template_filter(role_label, "role_label")
    app.add_template_global(lambda endpoint: endpoint in app.view_functions, "has_endpoint")
    for helper in (format_date, format_datetime, format_time, format_timedelta):
        app.add_template_global(helper)
    app.add_template_global(role_label, "role_label")

    @app.context_processor
    def layout():
        return {
            "organisation": current_organisation(),
            "display": display_settings(),
            "display_form": DisplayForm(),
            "locale": str(get_locale()),
            "current_user": current_user,
            "request_path": request.full_path.rstrip("?"),
        }

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if current_user.is_authenticated:  # personal pages: never from a shared computer's cache
            response.headers.setdefault("Cache-Control", "no-store")
        return response
