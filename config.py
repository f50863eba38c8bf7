"""Defaults, overridden by the environment, overridden again by a test config.

A setting with a bad value stops the start with one line naming the variable, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
DEVELOPMENT_SECRET = "dev-only-change-me"
MIN_SECRET_BYTES = 32
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class ConfigError(SystemExit):
    """A setting that cannot be used; the message says which and how to fix it."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(f"Herstart cannot start: {name} must be true or false, not {value!r}.")


def _int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ConfigError(
            f"Herstart cannot start: {name} must be a whole number of at least {minimum}, "
            f"not {value!r}."
        )
    return number


def _hosts(name: str) -> list[str] | None:
    """A comma list of host names (`herstart.example.org, .example.org`), or None when unset."""
    hosts = [host.strip().lower() for host in (os.environ.get(name) or "").split(",")]
    return [host for host in hosts if host] or None


def _database_url(instance_path: str) -> str:
    database = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{Path(instance_path) / 'herstart.sqlite'}"
    )
    if database.startswith("postgres://"):  # the scheme some hosts still hand out
        database = "postgresql://" + database.removeprefix("postgres://")
    if database.startswith("postgresql://"):
        database = "postgresql+psycopg://" + database.removeprefix("postgresql://")
    return database


def from_environment(instance_path: str) -> dict:
    """Settings for one app: every key can be set through an environment variable of that name."""
    env = os.environ.get
    https = env("PREFERRED_URL_SCHEME", "http") == "https"
    secure = _bool("SESSION_COOKIE_SECURE", https)
    return {
        "SECRET_KEY": env("SECRET_KEY", DEVELOPMENT_SECRET),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "DATABASE_CONNECT_TIMEOUT": _int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1),
        "DATABASE_STATEMENT_TIMEOUT_MS": _int("DATABASE_STATEMENT_TIMEOUT_MS", 15000, minimum=1),
        "DATABASE_BUSY_TIMEOUT_MS": _int("DATABASE_BUSY_TIMEOUT_MS", 5000, minimum=1),
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "PUBLIC_URL": (env("PUBLIC_URL") or "").rstrip("/") or None,
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        "TRUSTED_HOSTS": _hosts("TRUSTED_HOSTS"),
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 1024 * 1024, minimum=1024),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        # No time limits anywhere: a form left open over lunch still submits.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAIL_BACKEND": env("MAIL_BACKEND", "smtp" if env("MAIL_SERVER") else "console"),
        "MAIL_SERVER": env("MAIL_SERVER", "localhost"),
        "MAIL_PORT": _int("MAIL_PORT", 25, minimum=1),
        "MAIL_USERNAME": env("MAIL_USERNAME"),
        "MAIL_PASSWORD": env("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 10, minimum=1),
        "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", "Herstart <no-reply@herstart.local>"),
        "REDIS_URL": env("REDIS_URL") or None,
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Sign-in, joining and resets: per account (the address typed) and, generously, per
        # network address, so a classroom behind one router is never locked out.
        "RATELIMIT_AUTH": env("RATELIMIT_AUTH", "10 per minute;50 per hour"),
        "RATELIMIT_AUTH_ADDRESS": env("RATELIMIT_AUTH_ADDRESS", "60 per minute;600 per hour"),
        # How long "Is this your own computer?" keeps a person signed in.
        "REMEMBER_DAYS": _int("REMEMBER_DAYS", 14, minimum=1),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "nl"),
        "COURSES_ROOT": env("COURSES_ROOT", str(ROOT / "courses")),
        "HELP_ROOT": env("HELP_ROOT", str(ROOT / "content" / "help")),
        # Checked and rendered course and help content, by hash, so a worker starts in a blink.
        "CONTENT_CACHE_DIR": env("CONTENT_CACHE_DIR") or os.path.join(instance_path, "cache"),
        # Each organisation's credential signing key: outside the repository, never committed.
        "CREDENTIAL_KEYS_DIR": env("CREDENTIAL_KEYS_DIR") or os.path.join(instance_path, "keys"),
        "PASSWORD_METHOD": "scrypt",
        "INVITATION_DAYS": _int("INVITATION_DAYS", 14, minimum=1),
        # Pages that take a file (the member import: 5,000 rows, uploaded, pasted or signed for
        # the confirmation) have their own, larger limit; every other request keeps 1 MB.
        "MAX_UPLOAD_LENGTH": _int("MAX_UPLOAD_LENGTH", 16 * 1024 * 1024, minimum=1024),
        "RESET_HOURS": _int("RESET_HOURS", 24, minimum=1),
        # "Download my data": at most this many rows are built in the request, more by a job.
        "PRIVACY_INLINE_ROWS": _int("PRIVACY_INLINE_ROWS", 2000),
        "LOG_FORMAT": "json" if env("LOG_FORMAT", "").strip().lower() == "json" else "plain",
        "LOG_LEVEL": env("LOG_LEVEL", "INFO").strip().upper() or "INFO",
    }


def finish(settings: dict, debug: bool) -> None:
    """Complete the settings once the test config is in (values that depend on others), then
    refuse a start that would run unsafely."""
    if settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A database that is down or hangs answers within this, not after the OS gives up.
        options = dict(settings["SQLALCHEMY_ENGINE_OPTIONS"])
        settings["SQLALCHEMY_ENGINE_OPTIONS"] = options
        connect_args = options["connect_args"] = dict(options.get("connect_args", {}))
        connect_args.setdefault("connect_timeout", settings["DATABASE_CONNECT_TIMEOUT"])
    check_secret(settings, debug)
    check_public_url(settings, debug)


def check_public_url(settings: dict, debug: bool) -> None:
    """Links in emails are built from PUBLIC_URL, never from the request's Host header, so
    outside development it must be set; the Host headers accepted default to its host."""
    public_url = settings.get("PUBLIC_URL")
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ConfigError(
                "Herstart cannot start: PUBLIC_URL must be the site's address starting with "
                f"https:// or http://, such as https://herstart.example.org, not {public_url!r}."
            )
    if debug or settings.get("TESTING"):
        return
    if not public_url:
        raise ConfigError(
            "Herstart cannot start: PUBLIC_URL must be set to the site's address, such as "
            "https://herstart.example.org: links in emails are built from it."
        )
    from werkzeug.sansio.utils import host_is_trusted

    host = urlsplit(public_url).netloc
    if settings.get("TRUSTED_HOSTS") is None:
        settings["TRUSTED_HOSTS"] = [urlsplit(public_url).hostname]
    elif not host_is_trusted(host, settings["TRUSTED_HOSTS"]):
        raise ConfigError(
            f"Herstart cannot start: TRUSTED_HOSTS must include PUBLIC_URL's host {host!r}, "
            "or every page would be refused."
        )


def check_secret(settings: dict, debug: bool) -> None:
    """Outside debug and testing the signing key must be secret and long: with the public
    development key anyone who read the README could forge sessions and reset links."""
    if debug or settings.get("TESTING"):
        return
    key = settings.get("SECRET_KEY") or ""
    size = len(key.encode() if isinstance(key, str) else key)
    if key == DEVELOPMENT_SECRET or size < MIN_SECRET_BYTES:
        raise ConfigError(
            "Herstart cannot start: SECRET_KEY must be a secret of at least "
            f"{MIN_SECRET_BYTES} bytes, not the development default. Make one with:\n"
            '  python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
