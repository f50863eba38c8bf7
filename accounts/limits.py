"""Fair limits on signing in, joining and resets: counted per account (the address typed) so one
account under attack is protected whatever addresses the tries come from, and per network address
with a generous limit, so a classroom behind one router signs in fine. Both are kept in the
limiter's storage, which is Redis whenever more than one worker runs."""

from __future__ import annotations

import hashlib
import logging

from flask import current_app, request

from extensions import limiter

from .models import find_user_by_email

logger = logging.getLogger(__name__)


def _normalised_email() -> str:
    return request.form.get("email", "").strip().lower()


def account_key() -> str:
    """The account tried, hashed: the limiter's storage never holds an email address."""
    return "account:" + hashlib.sha256(_normalised_email().encode()).hexdigest()[:32]


def _account_limit() -> str:
    return current_app.config["RATELIMIT_AUTH"]


def _address_limit() -> str:
    return current_app.config["RATELIMIT_AUTH_ADDRESS"]


def _refused(response) -> bool:
    """A sign-in that did not go through: the form is shown again instead of a redirect."""
    return response.status_code not in (301, 302, 303)


def _account_limit_reached(_limit) -> None:
    user = find_user_by_email(_normalised_email()) if _normalised_email() else None
    logger.warning(
        "rate limit reached for an account endpoint=%s user=%s",
        request.endpoint,
        user.id if user else "-",
    )


def per_account(*, failures_only: bool = False):
    """At most RATELIMIT_AUTH tries per typed address (only refused ones when `failures_only`)."""
    return limiter.limit(
        _account_limit,
        key_func=account_key,
        methods=["POST"],
        deduct_when=_refused if failures_only else None,
        on_breach=_account_limit_reached,
    )


def per_address(*, failures_only: bool = False):
    """At most RATELIMIT_AUTH_ADDRESS tries per network address: generous, for classrooms."""
    return limiter.limit(
        _address_limit, methods=["POST"], deduct_when=_refused if failures_only else None
    )
