"""Who a report counts, defined once: the period's participants (see queries.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from accounts.models import Membership, Role

from .figures import Period

ACTIVE_DAYS = 30


def day_start(day: date) -> datetime:
    return datetime.combine(day, time())


@dataclass(frozen=True)
class Scope:
    organisation_id: int
    period: Period
    cohort: str | None
    today: date
    now: datetime  # the moment waiting times are measured to

    @property
    def reference(self) -> date:
        """The day "active" is measured at: the period's last day, or today if that is earlier."""
        return min(self.period.end, self.today)

    @property
    def active_since(self) -> datetime:
        """The first moment of the 30 days up to and including the reference day."""
        return day_start(self.reference - timedelta(days=ACTIVE_DAYS - 1))

    def in_period(self, column: Any) -> ColumnElement[bool]:
        """A moment on the period's first day up to and including its last day."""
        return (column >= day_start(self.period.start)) & (
            column < day_start(self.period.end + timedelta(days=1))
        )

    def membership_filter(self) -> list[ColumnElement[bool]]:
        """The learner memberships of the period's participants (deactivated ones too)."""
        where = [
            Membership.organisation_id == self.organisation_id,
            Membership.role == Role.LEARNER.value,
            self.in_period(Membership.created_at),
        ]
        if self.cohort is not None:
            where.append(Membership.group_label == self.cohort)
        return where

    def participants(self) -> Select:
        """The user ids of the period's participants, for `IN (...)`."""
        return select(Membership.user_id).where(*self.membership_filter())
