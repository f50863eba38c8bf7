"""What the budgets hand to the business plan: tables to print and checks an adviser makes.

The budgets (logbook/budgets*) build these; the plan documents and the readiness page
(logbook/plan*) only render them, so neither needs to know how the other works.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlanTable:
    """A budget as a real table: the first column holds the row labels, amounts are already
    formatted for the reader's language; `total_rows` are indexes of rows printed in bold."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    total_rows: frozenset[int] = frozenset()
    notes: list[str] = field(default_factory=list)  # plain-word warnings ("Your cash runs out...")


@dataclass(frozen=True)
class PlanCheck:
    """One line of the readiness checklist: what an adviser checks, whether it holds, and a
    local link to where the learner fixes it."""

    label: str
    ok: bool
    link: str
    hint: str = ""
