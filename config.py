"""Defaults, overridden by the environment, overridden again by a test config.

A setting with a bad value stops the start with one line naming the variable, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

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
    connect_timeout = _int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
    database = _database_url(instance_path)
    engine_options: dict = {"pool_pre_ping": True}
    if database.startswith("postgresql"):
        engine_options["connect_args"] = {"connect_timeout": connect_timeout}
    return {
        "SECRET_KEY": env("SECRET_KEY", DEVELOPMENT_SECRET),
        "SQLALCHEMY_DATABASE_URI": database,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "DATABASE_STATEMENT_TIMEOUT_MS": _int("DATABASE_STATEMENT_TIMEOUT_MS", 15000, minimum=1),
        "DATABASE_BUSY_TIMEOUT_MS": _int("DATABASE_BUSY_TIMEOUT_MS", 5000, minimum=1),
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "PUBLIC_URL": (env("PUBLIC_URL") or "").rstrip("/") or None,
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
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
        "RATELIMIT_AUTH": env("RATELIMIT_AUTH", "10 per minute;50 per hour"),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "nl"),
        "COURSES_ROOT": env("COURSES_ROOT", str(ROOT / "courses")),
        "PASSWORD_METHOD": "scrypt",
        "INVITATION_DAYS": _int("INVITATION_DAYS", 14, minimum=1),
        # A member import of 5,000 rows travels in one form field (pasted, or signed for the
        # confirmation); Flask's default of 500 kB per field would refuse it.
        "MAX_FORM_MEMORY_SIZE": 8 * 1024 * 1024,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "RESET_HOURS": _int("RESET_HOURS", 24, minimum=1),
        "LOG_FORMAT": "json" if env("LOG_FORMAT", "").strip().lower() == "json" else "plain",
        "LOG_LEVEL": env("LOG_LEVEL", "INFO").strip().upper() or "INFO",
    }


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
