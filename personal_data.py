"""What every feature says about the personal data it holds (like Moodle's privacy providers).

Each feature package that stores something about a person has a `privacy.py` with one
`PROVIDER`: the tables that hold personal data, the columns that point at the person, which
columns are free text or identify someone, what happens to each table when the person's account
is erased, and a function that returns the person's rows as JSON-ready dicts. `privacy/` collects
the providers (listed once in app.py) to build "Download my data" and, next, erasure.

This module is on the ground floor so every feature can declare its provider without importing
`privacy/`, which sits on the top floor.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext

# What a pseudonymised person is called wherever their name was. Stored in English (one value
# to find and compare); every page and email shows it in its reader's language (`shown`).
FORMER_PARTICIPANT = "a former participant"


def shown(value: Any) -> Any:
    """Jinja's `finalize`: each printed value, with an erased person's name in the reader's
    language. Any other value is printed as it is."""
    if value == FORMER_PARTICIPANT and isinstance(value, str):
        return gettext("a former participant")
    return value


class Policy(enum.StrEnum):
    """What erasing a person's account does to the rows of a table."""

    ERASE = "erase"  # the rows are deleted
    PSEUDONYMISE = "pseudonymise"  # the rows stay, without the person's identity or free text
    KEEP_FOR_AUDIT = "keep_for_audit"  # kept under a random id until the retention period ends


@dataclass(frozen=True)
class Table:
    """One table with personal data. `person_columns` point at users.id (every foreign key to it
    must be listed somewhere: tests/test_privacy_registry.py checks); a table that reaches the
    person through a parent row names the parent in `through` instead."""

    model: type
    policy: Policy
    reason: str  # one line: why this policy
    person_columns: tuple[str, ...] = ()
    through: str = ""  # such as "logbook_entries.user_id"
    text_columns: tuple[str, ...] = ()  # what people wrote in their own words
    identity_columns: tuple[str, ...] = ()  # names, email addresses, phone numbers

    @property
    def name(self) -> str:
        return self.model.__tablename__  # type: ignore[attr-defined]


Rows = list[dict[str, Any]]
# The person's data of one feature: part name (a JSON key, such as "entries") -> rows.
Export = dict[str, Rows]


@dataclass(frozen=True)
class Provider:
    """One feature's declaration. `export(user_id)` returns only what the person may see: their
    own rows, and of shared threads the parts that are theirs or addressed to them.
    `erase(user_id)` applies the tables' policies; None until the erasure round builds it."""

    name: str  # the JSON file's name in the download: "logbook" -> logbook.json
    title: Any  # a lazy gettext string: the heading on the overview page
    tables: tuple[Table, ...]
    export: Callable[[int], Export]
    erase: Callable[[int], None] | None = None
    notes: tuple[Any, ...] = field(default=())  # lazy strings shown under the heading
    parts: dict[str, Any] = field(default_factory=dict)  # part name -> lazy label


def row(obj: Any, *columns: str, **extra: Any) -> dict[str, Any]:
    """A model row as a JSON-ready dict of the named columns (plus `extra` values)."""
    values = {name: getattr(obj, name) for name in columns}
    values.update(extra)
    return {key: jsonable(value) for key, value in values.items()}


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
