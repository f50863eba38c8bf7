"""Extension objects, unbound: create_app() binds them, so no module imports the app."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Named constraints, so migrations can alter them on every database.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address)
mail = Mail()


def utcnow():
    """Naive UTC now: the one clock every model default and service uses."""
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None)


# The domain errors: services raise them, `app.py` turns them into pages in one place, and a
# request that raised one keeps none of its changes (the unit of work rolls back).


class DomainError(Exception):
    """A refusal the person can act on; `field` names the form field it belongs to."""

    status = 409

    def __init__(self, message: object = "", field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        _doom_unit_of_work()


class NotFound(DomainError):
    """Not there, or not this person's to see: the same answer for both (404)."""

    status = 404


class NotAllowed(DomainError):
    """The signed-in person may not do this (403)."""

    status = 403


class Invalid(DomainError):
    """The change cannot be made like that now; the message says why (409 when uncaught)."""


def _doom_unit_of_work() -> None:
    from flask import g, has_app_context

    if has_app_context():
        g.unit_of_work_doomed = True


def flush(refusal: type[DomainError], message: object) -> None:
    """Send this unit of work's changes to the database without committing. A unique rule that
    a parallel request broke first becomes `refusal(message)`, and the unit of work is undone."""
    from sqlalchemy.exc import IntegrityError

    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise refusal(message) from error


def rows_changed(statement) -> int:
    """Run a conditional UPDATE in this unit of work and say how many rows it changed: the way
    a service makes sure that of two requests at the same instant exactly one wins."""
    from typing import cast

    from sqlalchemy import CursorResult

    result = db.session.execute(statement.execution_options(synchronize_session=False))
    return cast(CursorResult, result).rowcount
