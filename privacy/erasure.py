"""Erasing a person: every provider applies its tables' policies, then the person's name and
address are replaced wherever other people's rows mention them. The account row stays as an
anonymous id the kept records (the funder's participant record) point at; `flask privacy purge`
(the next round) removes it when the organisation's retention period ends.

Not wired to a page yet: "Delete my account" with its grace period calls `erase_person`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import JSON, String, cast, or_

from accounts.models import User
from extensions import db
from personal_data import FORMER_PARTICIPANT, Provider

from . import registry

logger = logging.getLogger(__name__)

LAST = "account"  # the account is pseudonymised last: other providers find rows by its address


def erase_person(user_id: int) -> None:
    """Apply every provider's erasure to the person, then redact their identity elsewhere."""
    user = db.session.get(User, user_id)
    if user is None:
        return
    name, email = user.name, user.email
    found = registry.providers()
    for provider in sorted(found, key=lambda p: p.name == LAST):
        if provider.erase is not None:
            provider.erase(user_id)
    db.session.flush()
    redacted = redact(found, [email, name])
    logger.info("person erased user=%s rows_redacted=%s", user_id, redacted)


def redact(found: tuple[Provider, ...], words: list[str]) -> int:
    """Replace each of `words` (whole words, any case) in every declared text and identity
    column of other tables. Returns how many rows changed."""
    words = [w for w in words if w and w.strip() and w != FORMER_PARTICIPANT]
    if not words:
        return 0
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), flags=re.IGNORECASE
    )
    changed = 0
    for provider in found:
        for table in provider.tables:
            if table.name == "users":
                continue
            for name in (*table.text_columns, *table.identity_columns):
                changed += _redact_column(table.model, name, words, pattern)
    db.session.flush()
    return changed


def _redact_column(model, name: str, words: list[str], pattern: re.Pattern) -> int:
    column = getattr(model, name)
    is_json = isinstance(column.type, JSON)
    text = cast(column, String) if is_json else column
    query = db.select(model).where(or_(*(text.ilike(f"%{w}%") for w in words)))
    changed = 0
    for obj in db.session.scalars(query):
        before = getattr(obj, name)
        after = _replace(before, pattern)
        if after != before:
            setattr(obj, name, after)
            changed += 1
    return changed


def _replace(value: Any, pattern: re.Pattern) -> Any:
    if isinstance(value, str):
        return pattern.sub(FORMER_PARTICIPANT, value)
    if isinstance(value, dict):
        return {k: _replace(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, pattern) for v in value]
    return value
