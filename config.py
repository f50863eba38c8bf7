"""Defaults, overridden by the environment, overridden again by a test config."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str) -> dict:
    """Settings for one app: every key can be set through an environment variable of that name."""
    env = os.environ.get
    database = env("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'herstart.sqlite'}"
    if database.startswith("postgres://"):  # the scheme some hosts still hand out
        database = "postgresql://" + database.removeprefix("postgres://")
    if database.startswith("postgresql://"):
        database = "postgresql+psycopg://" + database.removeprefix("postgresql://")
    https = env("PREFERRED_URL_SCHEME", "http") == "https"
    return {
        "SECRET_KEY": env("SECRET_KEY", "dev-only-change-me"),
        "SQLALCHEMY_DATABASE_URI": database,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", https),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", https),
        # No time limits anywhere: a form left open over lunch still submits.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAIL_BACKEND": env("MAIL_BACKEND", "smtp" if env("MAIL_SERVER") else "console"),
        "MAIL_SERVER": env("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env("MAIL_PORT", "25")),
        "MAIL_USERNAME": env("MAIL_USERNAME"),
        "MAIL_PASSWORD": env("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", "Herstart <no-reply@herstart.local>"),
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_AUTH": env("RATELIMIT_AUTH", "10 per minute;50 per hour"),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "nl"),
        "COURSES_ROOT": env("COURSES_ROOT", str(ROOT / "courses")),
        "PASSWORD_METHOD": "scrypt",
        "INVITATION_DAYS": int(env("INVITATION_DAYS", "14")),
        "RESET_HOURS": int(env("RESET_HOURS", "24")),
    }
