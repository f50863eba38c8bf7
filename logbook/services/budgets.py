"""The learner's five budgets: stored as data with a version check (like entries; every save a
revision, nothing lost), turned into the core's rows, and handed to the plan as tables and checks.

Data per kind (amounts are whole cents):
- investment, financing: {"rows": [{"label", "amount"}]}
- operating: {"rows": [{"label", "group": turnover|cost_of_sales|fixed, "amounts": [3 ints]}]}
- cashflow: {"opening": int, "rows": [{"label", "group": receipt|payment, "vat_rate",
  "amounts": [12 ints]}]}
- personal: {"estimated_tax": int, "rows": [{"label", "group": cost|income, "amount"}]}
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from accounts.models import Organisation, User
from extensions import db, rows_changed, utcnow
from outbox.services import local_path

from .. import budgets as core
from ..models import Budget, BudgetRevision
from ..plan_parts import PlanCheck, PlanTable
from .common import LogbookError, _flush

logger = logging.getLogger(__name__)

ROW_GROUPS: dict[str, tuple[str, ...]] = {
    "investment": ("",),
    "financing": ("",),
    "operating": ("turnover", "cost_of_sales", "fixed"),
    "cashflow": ("receipt", "payment"),
    "personal": ("cost", "income"),
}
MAX_ROWS = 60
MAX_LABEL = 200


class BudgetConflict(LogbookError):
    """The save started from an older version: nothing was written; the typed data goes back."""

    def __init__(self, budget: Budget | None, mine: dict[str, Any]):
        super().__init__(
            _l(
                "This budget was changed elsewhere in the meantime. Your figures are below: "
                "check them and save again."
            )
        )
        self.budget = budget
        self.mine = mine


def budget_of(user_id: int, course: str, kind: str) -> Budget | None:
    return db.session.scalar(db.select(Budget).filter_by(user_id=user_id, course=course, kind=kind))


def budgets_of(user_id: int, course: str) -> dict[str, Budget]:
    rows = db.session.scalars(db.select(Budget).filter_by(user_id=user_id, course=course))
    return {budget.kind: budget for budget in rows}


def budget_revisions_of(budget: Budget) -> list[BudgetRevision]:
    return list(
        db.session.scalars(
            db.select(BudgetRevision)
            .filter_by(budget_id=budget.id)
            .order_by(BudgetRevision.version.desc())
        )
    )


def _amount(value: Any, allow_negative: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LogbookError(_l("An amount is not a whole number of cents."))
    if (value < 0 and not allow_negative) or abs(value) > core.MAX_CENTS:
        raise LogbookError(_l("An amount is out of range."))
    return value


def clean_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The data in its stored shape, refused when it is not (the forms already checked what the
    learner typed; this guards the store)."""
    if kind not in core.KINDS:
        raise LogbookError(_l("There is no such budget."))
    rows = data.get("rows", [])
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise LogbookError(_l("Too many rows."))
    clean_rows = []
    for row in rows:
        label = str(row.get("label", ""))[:MAX_LABEL]
        group = str(row.get("group", ""))
        if group not in ROW_GROUPS[kind]:
            raise LogbookError(_l("A row has no valid group."))
        clean: dict[str, Any] = {"label": label}
        if group:
            clean["group"] = group
        if kind in ("operating", "cashflow"):
            count = core.YEARS if kind == "operating" else core.MONTHS
            amounts = list(row.get("amounts", []))
            if len(amounts) != count:
                raise LogbookError(_l("A row has the wrong number of amounts."))
            clean["amounts"] = [_amount(a) for a in amounts]
        else:
            clean["amount"] = _amount(row.get("amount", 0))
        if kind == "cashflow":
            rate = row.get("vat_rate", 0)
            if rate not in core.VAT_RATES:
                raise LogbookError(_l("A row has a VAT rate that does not exist."))
            clean["vat_rate"] = rate
        clean_rows.append(clean)
    result: dict[str, Any] = {"rows": clean_rows}
    if kind == "cashflow":
        result["opening"] = _amount(data.get("opening", 0), allow_negative=True)
    if kind == "personal":
        result["estimated_tax"] = _amount(data.get("estimated_tax", 0))
    return result


def save_budget(
    user: User,
    organisation: Organisation,
    course: str,
    kind: str,
    data: dict[str, Any],
    base_version: int,
    now: datetime | None = None,
) -> Budget:
    """Save a new version, only if it starts from the version the database holds; otherwise
    BudgetConflict carries the learner's figures back. Every save is a revision."""
    data = clean_data(kind, data)
    now = now or utcnow()
    budget = budget_of(user.id, course, kind)
    current = budget.version if budget else 0
    if base_version != current:
        raise BudgetConflict(budget, data)
    if budget is None:
        budget = Budget(
            user_id=user.id,
            organisation_id=organisation.id,
            course=course,
            kind=kind,
            data=data,
            version=1,
            created_at=now,
            updated_at=now,
        )
        db.session.add(budget)
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            raise BudgetConflict(budget_of(user.id, course, kind), data) from None
    elif budget.data == data:
        return budget  # nothing changed: no new revision
    else:
        changed = rows_changed(
            db.update(Budget)
            .where(Budget.id == budget.id, Budget.version == base_version)
            .values(data=data, version=base_version + 1, updated_at=now)
        )
        db.session.refresh(budget)
        if changed != 1:
            raise BudgetConflict(budget, data)
    db.session.add(
        BudgetRevision(budget_id=budget.id, version=budget.version, data=data, created_at=now)
    )
    _flush()
    logger.info("budget saved budget=%s kind=%s version=%s", budget.id, kind, budget.version)
    return budget


# --- from data to the core's rows ---


def simple_rows(data: dict[str, Any], group: str = "") -> list[core.Row]:
    return [
        core.Row(row["label"], row["amount"])
        for row in data.get("rows", [])
        if row.get("group", "") == group
    ]


def operating_rows(data: dict[str, Any]) -> list[core.OperatingRow]:
    return [
        core.OperatingRow(row["label"], row["group"], tuple(row["amounts"]))
        for row in data.get("rows", [])
    ]


def cash_rows(data: dict[str, Any]) -> list[core.CashRow]:
    return [
        core.CashRow(row["label"], row["group"], tuple(row["amounts"]), row.get("vat_rate", 0))
        for row in data.get("rows", [])
    ]


@dataclass
class Figures:
    """Everything computed from a learner's budgets; missing budgets count as empty."""

    saved: set[str]
    investment: int
    financing: int
    gap: int
    years: list[core.OperatingYear]
    cash: core.CashFlow
    household: core.Household
    warnings: list[core.Warning] = field(default_factory=list)


def figures_of(data: dict[str, dict[str, Any]]) -> Figures:
    """The computed figures from each kind's data (as stored, or as typed before saving)."""
    empty: dict[str, Any] = {"rows": []}
    investment = simple_rows(data.get("investment", empty))
    financing = simple_rows(data.get("financing", empty))
    years = core.operating_years(operating_rows(data.get("operating", empty)))
    cashflow = data.get("cashflow", empty)
    cash = core.cash_flow(cashflow.get("opening", 0), cash_rows(cashflow))
    personal = data.get("personal", empty)
    home = core.household(
        simple_rows(personal, "cost"),
        simple_rows(personal, "income"),
        years[0].profit,
        personal.get("estimated_tax", 0),
    )
    warnings = (
        core.financing_warnings(investment, financing)
        + core.operating_warnings(years)
        + cash.warnings
    )
    if "personal" in data:
        warnings += core.household_warnings(home)
    return Figures(
        saved=set(data),
        investment=core.total(investment),
        financing=core.total(financing),
        gap=core.financing_gap(investment, financing),
        years=years,
        cash=cash,
        household=home,
        warnings=warnings,
    )


def learner_figures(user_id: int, course: str) -> Figures:
    return figures_of({kind: b.data for kind, b in budgets_of(user_id, course).items()})


# --- in plain words, and for the plan ---


def warning_sentence(warning: core.Warning, language: str) -> str:
    """A warning as the sentence the learner reads, in their language."""
    amount = core.format_amount(warning.amount or 0, language)
    with force_locale(language):
        if warning.code == "cash_runs_out":
            return str(_l("Your cash runs out in month %(month)s.", month=warning.month))
        if warning.code == "financing_short":
            return str(
                _l("Your financing is %(amount)s euro short of your investment.", amount=amount)
            )
        if warning.code == "below_break_even":
            return str(
                _l(
                    "Your turnover in year %(year)s is below break-even (%(amount)s euro).",
                    year=warning.year,
                    amount=amount,
                )
            )
        if warning.code == "no_margin":
            return str(
                _l(
                    "In year %(year)s your turnover leaves no margin to cover your fixed costs.",
                    year=warning.year,
                )
            )
        if warning.code == "household_short":
            return str(
                _l(
                    "Your household needs more than the business leaves you: %(amount)s euro "
                    "a month short.",
                    amount=amount,
                )
            )
    raise ValueError(warning.code)


def _money(cents: int | None, language: str) -> str:
    return "" if cents is None else core.format_amount(cents, language)


def _titles() -> dict[str, str]:
    return {
        "investment": str(_l("Investment budget")),
        "financing": str(_l("Financing budget")),
        "operating": str(_l("Operating budget")),
        "cashflow": str(_l("Cash-flow budget")),
        "personal": str(_l("Personal budget")),
    }


def tables_of(data: dict[str, dict[str, Any]], language: str) -> list[PlanTable]:
    """The saved budgets as tables with totals, amounts formatted for the reader's language."""
    figures = figures_of(data)
    m = lambda cents: _money(cents, language)  # noqa: E731
    tables = []
    with force_locale(language):
        titles = _titles()
        item, amount = str(_l("Item")), str(_l("Amount (euro)"))
        if "investment" in data:
            rows = [[r.label, m(r.amount)] for r in simple_rows(data["investment"])]
            rows.append([str(_l("Total investment")), m(figures.investment)])
            tables.append(
                PlanTable(titles["investment"], [item, amount], rows, frozenset({len(rows) - 1}))
            )
        if "financing" in data:
            rows = [[r.label, m(r.amount)] for r in simple_rows(data["financing"])]
            rows.append([str(_l("Total financing")), m(figures.financing)])
            rows.append([str(_l("Financing minus investment")), m(figures.gap)])
            notes = [
                warning_sentence(w, language)
                for w in figures.warnings
                if w.code == "financing_short"
            ]
            tables.append(
                PlanTable(
                    titles["financing"],
                    [item, amount],
                    rows,
                    frozenset({len(rows) - 2, len(rows) - 1}),
                    notes,
                )
            )
        if "operating" in data:
            years = figures.years
            columns = [item] + [str(_l("Year %(n)s", n=y.year)) for y in years]
            rows = [
                [str(_l("Turnover"))] + [m(y.turnover) for y in years],
                [str(_l("Cost of sales"))] + [m(y.cost_of_sales) for y in years],
                [str(_l("Gross margin"))] + [m(y.gross_margin) for y in years],
                [str(_l("Fixed costs"))] + [m(y.fixed_costs) for y in years],
                [str(_l("Profit before tax"))] + [m(y.profit) for y in years],
                [str(_l("Break-even turnover"))] + [m(y.break_even) for y in years],
            ]
            notes = [
                warning_sentence(w, language)
                for w in figures.warnings
                if w.code in ("below_break_even", "no_margin")
            ]
            tables.append(PlanTable(titles["operating"], columns, rows, frozenset({2, 4}), notes))
        if "cashflow" in data:
            months = figures.cash.months
            columns = [item] + [str(mo.month) for mo in months]
            rows = [
                [str(_l("Opening balance"))] + [m(mo.opening) for mo in months],
                [str(_l("Receipts incl. VAT"))] + [m(mo.receipts) for mo in months],
                [str(_l("Payments incl. VAT"))] + [m(mo.payments) for mo in months],
                [str(_l("VAT settled"))] + [m(mo.vat_settled) for mo in months],
                [str(_l("Closing balance"))] + [m(mo.closing) for mo in months],
            ]
            notes = [
                str(
                    _l(
                        "VAT of the fourth quarter, due after month 12: %(amount)s euro.",
                        amount=m(figures.cash.vat_due_after_year),
                    )
                )
            ] + [warning_sentence(w, language) for w in figures.cash.warnings]
            tables.append(PlanTable(titles["cashflow"], columns, rows, frozenset({4}), notes))
        if "personal" in data:
            home = figures.household
            rows = [[r.label, m(r.amount)] for r in simple_rows(data["personal"], "cost")]
            rows.append([str(_l("Household costs per month")), m(home.costs)])
            rows += [[r.label, m(r.amount)] for r in simple_rows(data["personal"], "income")]
            rows.append([str(_l("From the business per month")), m(home.from_business)])
            rows.append([str(_l("Left per month")), m(home.left)])
            costs_row = len(rows) - 3 - len(simple_rows(data["personal"], "income"))
            notes = [warning_sentence(w, language) for w in core.household_warnings(home)]
            tables.append(
                PlanTable(
                    titles["personal"],
                    [item, amount],
                    rows,
                    frozenset({costs_row, len(rows) - 1}),
                    notes,
                )
            )
    return tables


def _data_of(user: User, course: str) -> dict[str, dict[str, Any]]:
    return {kind: b.data for kind, b in budgets_of(user.id, course).items()}


def plan_tables(user: User, course: str, language: str) -> list[PlanTable]:
    """The learner's saved budgets as tables for the plan documents, in plan order."""
    return tables_of(_data_of(user, course), language)


def plan_checks(user: User, course: str, language: str) -> list[PlanCheck]:
    """What an adviser checks in the budgets, each with a link to where the learner fixes it."""
    data = _data_of(user, course)
    figures = figures_of(data)

    def link(kind: str) -> str:
        return local_path("logbook.budget", course_slug=course, kind=kind)

    with force_locale(language):
        titles = _titles()
        checks = [
            PlanCheck(
                str(_l("%(budget)s filled in", budget=titles[kind])),
                kind in data and bool(data[kind].get("rows")),
                link(kind),
            )
            for kind in core.KINDS
        ]
        short = [w for w in figures.warnings if w.code == "financing_short"]
        checks.append(
            PlanCheck(
                str(_l("Financing covers the investment")),
                not short,
                link("financing"),
                warning_sentence(short[0], language) if short else "",
            )
        )
        cash = figures.cash.warnings
        checks.append(
            PlanCheck(
                str(_l("Cash never below zero")),
                not cash,
                link("cashflow"),
                warning_sentence(cash[0], language) if cash else "",
            )
        )
        home = core.household_warnings(figures.household)
        checks.append(
            PlanCheck(
                str(_l("The business leaves enough for the household")),
                "personal" in data and not home,
                link("personal"),
                warning_sentence(home[0], language) if home else "",
            )
        )
    return checks
