"""A budget's earlier versions: one looked up for its own learner, and restored as a new version
(like an entry's text: the version it replaces stays in the history)."""

from __future__ import annotations

import logging

from accounts.models import Organisation, User
from extensions import db

from ..models import Budget, BudgetRevision
from .budgets import budget_of, save_budget
from .common import EntryNotFound

logger = logging.getLogger(__name__)


def budget_revision_of(budget: Budget | None, version: int) -> BudgetRevision:
    """One saved version; a budget that is not the learner's has none (404, same as missing)."""
    revision = (
        None
        if budget is None
        else db.session.scalar(
            db.select(BudgetRevision).filter_by(budget_id=budget.id, version=version)
        )
    )
    if revision is None:
        raise EntryNotFound()
    return revision


def restore_budget(
    user: User,
    organisation: Organisation,
    course: str,
    kind: str,
    version: int,
    base_version: int,
) -> Budget:
    """An earlier version's figures become a new version, only from the version the page showed
    (BudgetConflict otherwise); every version in between is kept."""
    revision = budget_revision_of(budget_of(user.id, course, kind), version)
    budget = save_budget(user, organisation, course, kind, dict(revision.data), base_version)
    logger.info("budget restored budget=%s from=%s version=%s", budget.id, version, budget.version)
    return budget
