"""The application factory: configuration, extensions, blueprints, CLI and errors. Wiring only."""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from flask import Flask, current_app, g, has_request_context, render_template, request, url_for
from flask_babel import (
    force_locale,
    format_date,
    format_datetime,
    format_time,
    format_timedelta,
    get_locale,
)
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError
from werkzeug.exceptions import SecurityError

import config
import fields
import i18n
import logs
import static_files
from extensions import DomainError, babel, csrf, db, limiter, login_manager, mail
from personal_data import shown

logger = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)

PLAIN = "text/plain; charset=utf-8"
KEPT_COOKIE = "herstart_kept"  # set by autosave.js while this browser keeps typed text
SENT_COOKIE = "herstart_sent"  # read by autosave.js: the address of the form just saved
HSTS = "max-age=31536000"  # a year; no includeSubDomains: other sites may share the domain


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = fields.UploadAwareRequest
    # `<int:...>` matches only what a database id can hold, so a huge id is a 404, not a 500.
    app.url_map.converters["int"] = fields.BoundedIntegerConverter
    app.config.update(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    config.finish(app.config, app.debug)
    os.makedirs(app.instance_path, exist_ok=True)
    logs.configure(app.config["LOG_FORMAT"], app.config["LOG_LEVEL"])
    _trust_proxies(app)

    _init_extensions(app)
    static_files.init_app(app)
    _load_content(app)
    _register_blueprints(app)
    _register_cli(app)
    _register_errors(app)
    _register_request_hooks(app)
    _register_unit_of_work(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies the client's address, scheme and host come from their
    X-Forwarded-* headers (so rate limits count people, not the proxy); never trusted otherwise."""
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )


def _init_extensions(app: Flask) -> None:
    from accounts.context import select_locale
    from accounts.views import user_loader

    db.init_app(app)
    with app.app_context():
        _database_guarantees(app, db.engine)
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


def _database_guarantees(app: Flask, engine) -> None:
    """SQLite enforces foreign keys, writes through WAL and waits for a lock instead of failing;
    PostgreSQL gives up on a statement that hangs, so a stuck database answers at once."""
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA busy_timeout = {int(app.config['DATABASE_BUSY_TIMEOUT_MS'])}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def sqlite_begin(connection):
            """A request that may write (any POST) takes SQLite's write lock when it begins,
            waiting for it up to the busy timeout. Begun as a reader, two writers at the same
            instant deadlock and one fails at once with "database is locked" (the busy timeout
            cannot help). Everything else keeps the driver's own deferred transactions."""
            if (
                has_request_context()
                and request.method not in ("GET", "HEAD", "OPTIONS")
                and not g.get("unit_of_work_done")  # after the commit, reading a page is all
            ):
                connection.exec_driver_sql("BEGIN IMMEDIATE")

    elif engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def statement_timeout(dbapi_connection, _record):
            timeout = int(app.config["DATABASE_STATEMENT_TIMEOUT_MS"])
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {timeout}")
            dbapi_connection.commit()


def _load_content(app: Flask) -> None:
    """Course and help files are checked and rendered once, kept in a cache file by their hash
    (modules/cache.py), and served from memory; invalid content stops the start."""
    import sys
    from pathlib import Path

    import helpcentre
    import modules
    from helpcentre.pages import HelpContentError, HelpLibrary, load_library
    from modules.cache import cached
    from modules.content import Catalogue, ContentError, load_catalogue

    cache = Path(app.config["CONTENT_CACHE_DIR"])
    courses = Path(app.config["COURSES_ROOT"])
    code: tuple[Path, ...] = (Path(modules.__file__).parent,)
    try:
        app.extensions["catalogue"] = cached(
            "courses", courses, cache, code, lambda: load_catalogue(courses)
        )
    except ContentError as error:
        if sys.argv[1:3] == ["courses", "check"]:  # the one command that must run to say why
            app.extensions["catalogue"] = Catalogue()
            return
        raise SystemExit(
            f"Herstart cannot start: the course content has errors.\n{error}"
        ) from None
    help_root = Path(app.config["HELP_ROOT"])
    code += (Path(helpcentre.__file__).parent,)
    try:
        app.extensions["help"] = cached(
            "help", help_root, cache, code, lambda: load_library(help_root)
        )
    except HelpContentError as error:
        if sys.argv[1:3] == ["help", "check"]:
            app.extensions["help"] = HelpLibrary()
            return
        raise SystemExit(f"Herstart cannot start: the help pages have errors.\n{error}") from None


def _register_blueprints(app: Flask) -> None:
    import accounts

    # Models of every feature must be known before migrations or create_all look at metadata.
    import accounts.models  # noqa: F401
    import admin
    import credentials
    import credentials.models  # noqa: F401
    import dashboard
    import helpcentre
    import logbook
    import mentoring
    import mentoring.models  # noqa: F401
    import modules
    import network
    import network.models  # noqa: F401
    import notifications
    import notifications.models  # noqa: F401
    import organisations
    import outbox
    import outbox.models  # noqa: F401
    import outcomes
    import outcomes.models  # noqa: F401
    import privacy
    import privacy.notice
    import questions
    import questions.models  # noqa: F401
    import quizzes

    blueprints = (
        accounts,
        outbox,
        notifications,
        dashboard,
        organisations,
        admin,
        mentoring,
        outcomes,
        modules,
        quizzes,
        logbook,
        helpcentre,
        credentials,
        privacy,
        privacy.notice,
        questions,
        network,
    )
    for package in blueprints:
        app.register_blueprint(package.bp)
    # Panels of the dashboard's siblings on the faces floor, handed in here.
    app.extensions.setdefault("dashboard_panels", []).append(network.dashboard_panel)
    privacy.notice.listen()  # joining records the version of the notice the person saw
    _register_privacy_providers(app)


def _register_privacy_providers(app: Flask) -> None:
    """Every feature with personal data declares it in its `privacy.py` (personal_data.py);
    a new one is one line here. tests/test_privacy_registry.py names any table left out."""
    import accounts.privacy
    import credentials.privacy
    import logbook.privacy
    import mentoring.privacy
    import modules.privacy
    import network.privacy
    import notifications.privacy
    import outbox.privacy
    import outcomes.privacy
    import privacy.notice.privacy
    import privacy.privacy
    import questions.privacy
    import quizzes.privacy
    from privacy.registry import register

    register(
        app,
        (
            accounts.privacy.PROVIDER,
            modules.privacy.PROVIDER,
            quizzes.privacy.PROVIDER,
            logbook.privacy.PROVIDER,
            mentoring.privacy.PROVIDER,
            outcomes.privacy.PROVIDER,
            notifications.privacy.PROVIDER,
            outbox.privacy.PROVIDER,
            privacy.privacy.PROVIDER,
            privacy.notice.privacy.PROVIDER,
            credentials.privacy.PROVIDER,
            questions.privacy.PROVIDER,
            network.privacy.PROVIDER,
        ),
    )


def _register_cli(app: Flask) -> None:
    from accounts.cli import users_cli
    from admin.cli import orgs_cli
    from credentials.cli import credentials_cli
    from demo.cli import demo_cli
    from helpcentre.cli import help_cli
    from mentoring.cli import mentoring_cli
    from modules.cli import courses_cli
    from notifications.cli import notifications_cli
    from organisations.cli import programme_cli
    from outbox.cli import mail_cli
    from privacy.cli import privacy_cli
    from quizzes.cli import quizzes_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(orgs_cli)
    app.cli.add_command(courses_cli)
    app.cli.add_command(mentoring_cli)
    app.cli.add_command(i18n.i18n_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(quizzes_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(programme_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(help_cli)
    app.cli.add_command(credentials_cli)
    app.cli.add_command(privacy_cli)
    from migrating import db_cli  # Flask-Migrate itself is imported when `flask db` runs

    app.cli.add_command(db_cli)


def _register_errors(app: Flask) -> None:
    def page(status: int):
        def handler(error):
            return render_template(f"errors/{status}.html", error=error), status

        return handler

    for status in (403, 404, 405, 410):
        app.register_error_handler(status, page(status))

    @app.errorhandler(429)
    def too_many(error):
        logger.warning("rate limit reached: %s", error.description)
        return render_template("errors/429.html", error=error), 429

    @app.errorhandler(413)
    def too_large(error):
        """Refused before the body is read; the page needs no form data, so it is bare."""
        logger.warning("request refused: larger than MAX_CONTENT_LENGTH")
        return _bare_error_page("413"), 413

    @app.errorhandler(DomainError)
    def refused(error: DomainError):
        """A service's refusal that no view turned into a form message."""
        if error.status in (403, 404):
            return render_template(f"errors/{error.status}.html", error=error), error.status
        return render_template("errors/refused.html", message=error.message), error.status

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        """The page the form was on (this site only), to go back to, signing in first if the
        session ended: the text typed there is put back (static/js/autosave.js)."""
        referrer = urlsplit(request.referrer or "")
        back = None
        if referrer.netloc == request.host and referrer.path.startswith("/"):
            back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        return render_template("errors/csrf.html", back=back), 400

    @app.errorhandler(400)
    def bad_request(error):
        if isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no links to build
            from flask_babel import gettext as _

            logger.warning("request refused: host not in TRUSTED_HOSTS")
            return _("This site does not answer at this address."), 400, {"Content-Type": PLAIN}
        return render_template("errors/400.html"), 400

    @app.errorhandler(500)
    def server_error(error):
        """Rendered without touching the database: it may be the database that failed."""
        original = getattr(error, "original_exception", None)
        database = isinstance(original, DBAPIError) and not isinstance(original, IntegrityError)
        return _bare_error_page("unavailable" if database else "500"), 503 if database else 500


def _bare_error_page(name: str) -> str:
    """An error page in the person's language chosen from the request alone, with no database."""
    from accounts.context import LANGUAGE_COOKIE

    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone; the page must still render
        logger.warning("rollback failed while rendering an error page")
    g.bare_page = True
    # Nobody is loaded: loading the person would reach the database that just failed.
    g._login_user = login_manager.anonymous_user()
    languages = current_app.config["LANGUAGES"]
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    language = cookie if cookie in languages else request.accept_languages.best_match(languages)
    with force_locale(language or current_app.config["BABEL_DEFAULT_LOCALE"]):
        return render_template(f"errors/{name}.html")


def _mark_error_page() -> str:
    """Called by the error summary: the page's title then starts with "Error:" (base.html)."""
    g.page_has_errors = True
    return ""


def _register_request_hooks(app: Flask) -> None:
    from accounts.context import current_organisation, display_settings, role_label
    from accounts.services import may_manage

    app.add_template_filter(role_label, "role_label")
    app.add_template_global(lambda endpoint: endpoint in app.view_functions, "has_endpoint")
    for helper in (format_date, format_datetime, format_time, format_timedelta):
        app.add_template_global(helper)
    app.add_template_global(role_label, "role_label")
    app.add_template_global(may_manage, "may_manage")
    app.add_template_global(_mark_error_page, "mark_error_page")
    app.jinja_env.finalize = shown  # an erased person's name in the reader's language

    @app.context_processor
    def layout():
        if not has_request_context():  # an email rendered by a CLI command or a worker
            return {}
        if g.get("bare_page"):  # an error page that must not reach the database
            return {"locale": str(get_locale())}
        return {
            "organisation": current_organisation(),
            "display": display_settings(),
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
        if app.config["PREFERRED_URL_SCHEME"] == "https":
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if current_user.is_authenticated:  # personal pages: never from a shared computer's cache
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.after_request
    def form_sent(response):
        """A form was saved (a POST answered with a redirect, not to sign-in) while this browser
        keeps typed text (static/js/autosave.js): the next page's script forgets that form's."""
        if (
            request.method == "POST"
            and response.status_code in (302, 303)
            and request.cookies.get(KEPT_COOKIE)
            and urlsplit(response.location or "").path != url_for("accounts.login")
        ):
            response.set_cookie(
                SENT_COOKIE, request.path, max_age=600, samesite="Lax", secure=request.is_secure
            )
        return response


def _register_unit_of_work(app: Flask) -> None:
    """One transaction per request: commit once when the response succeeds and no service
    refused, roll back otherwise; the outbox delivers what the committed work queued."""
    from outbox.delivery import deliver_after_commit
    from outbox.services import forget_queued, queued_in_this_unit_of_work

    @app.after_request
    def finish_unit_of_work(response):
        if response.status_code >= 400 or g.get("unit_of_work_doomed"):
            db.session.rollback()
            g.unit_of_work_done = True
            forget_queued()
            return response
        try:
            db.session.commit()
            g.unit_of_work_done = True
        except IntegrityError:  # a parallel request won a unique rule at the last moment
            db.session.rollback()
            forget_queued()
            logger.warning("commit refused by a unique rule; the request's work is undone")
            from flask_babel import gettext as _

            message = _("That was just changed by someone else. Please look again.")
            return app.make_response((render_template("errors/refused.html", message=message), 409))
        queued = queued_in_this_unit_of_work()
        if queued:
            response.call_on_close(lambda: deliver_after_commit(app, queued))
        return response

    @app.teardown_request
    def end_unit_of_work(error):
        if error is not None:
            db.session.rollback()
            forget_queued()
