"""The five budgets of a business plan as pure arithmetic: no Flask, no database.

Every amount is a whole number of euro cents (int); floats never appear. Amounts a learner types
go through `parse_amount`. Warnings are data (`Warning("cash_runs_out", month=4)`); the view
layer turns them into sentences in the reader's language.

VAT rates are the Dutch ones (21, 9, 0 percent). Belgian rates (21, 12, 6, 0) are a later
per-course setting; only `VAT_RATES` would change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("investment", "financing", "operating", "cashflow", "personal")
VAT_RATES = (21, 9, 0)
MONTHS = 12
YEARS = 3
MAX_CENTS = 10**9 * 100  # a billion euro: anything above is a typing slip


# --- typed amounts ---


class AmountError(ValueError):
    """A typed amount that is not one; `reason` is "not_a_number", "negative" or "too_large"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_ALLOWED = re.compile(r"^-?[0-9.,]+$")


def parse_amount(text: str, allow_negative: bool = False) -> int:
    """Cents from an amount typed in Dutch ("1.250,50") or English ("1,250.50") style, or plain.

    Rule: when both "." and "," occur, the last one is the decimal mark. When only one occurs,
    it marks thousands if it occurs more than once or is followed by exactly three digits
    ("1.250" is 1250 euro), otherwise it is the decimal mark ("12,5" is 12.50 euro).
    An empty box is zero."""
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if cleaned.lower().startswith("eur"):
        cleaned = cleaned[3:]
    if cleaned == "":
        return 0
    if not _ALLOWED.match(cleaned):
        raise AmountError("not_a_number")
    negative = cleaned.startswith("-")
    digits = cleaned.lstrip("-")
    whole, fraction = _split_decimal(digits)
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 2:
        raise AmountError("not_a_number")
    cents = int(whole) * 100 + int(fraction.ljust(2, "0") or "0")
    if negative and cents:
        if not allow_negative:
            raise AmountError("negative")
        cents = -cents
    if abs(cents) > MAX_CENTS:
        raise AmountError("too_large")
    return cents


def _split_decimal(digits: str) -> tuple[str, str]:
    """Whole part without thousands marks, and the fraction digits."""
    if "." in digits and "," in digits:
        mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        other = "," if mark == "." else "."
        whole, _, fraction = digits.rpartition(mark)
        return whole.replace(other, ""), fraction
    mark = "." if "." in digits else "," if "," in digits else ""
    if not mark:
        return digits, ""
    head, _, tail = digits.rpartition(mark)
    if digits.count(mark) > 1 or len(tail) == 3:
        groups = digits.split(mark)
        if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
            raise AmountError("not_a_number")
        return "".join(groups), ""
    return head, tail


def format_amount(cents: int, language: str = "en") -> str:
    """ "1,250.50" in English, "1.250,50" in Dutch; a minus sign in front when negative."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}"
    if language == "nl":
        return f"{sign}{grouped.replace(',', '.')},{rest:02d}"
    return f"{sign}{grouped}.{rest:02d}"


# --- rows ---


@dataclass(frozen=True)
class Row:
    """A line of the investment, financing or personal budget."""

    label: str
    amount: int


@dataclass(frozen=True)
class OperatingRow:
    """A line of the operating budget with an amount for each of the three years.
    `group` is "turnover", "cost_of_sales" or "fixed"."""

    label: str
    group: str
    amounts: tuple[int, ...]


@dataclass(frozen=True)
class CashRow:
    """A line of the cash-flow budget: twelve monthly amounts excluding VAT, and its VAT rate.
    `group` is "receipt" or "payment"."""

    label: str
    group: str
    amounts: tuple[int, ...]
    vat_rate: int = 0


@dataclass(frozen=True)
class Warning:
    """Something that needs attention, as data: the view turns it into a sentence."""

    code: str
    month: int | None = None
    year: int | None = None
    amount: int | None = None


# --- investment and financing ---


def total(rows: list[Row]) -> int:
    return sum(row.amount for row in rows)


def financing_gap(investment: list[Row], financing: list[Row]) -> int:
    """Financing minus investment: negative is a shortfall, positive money left over."""
    return total(financing) - total(investment)


def financing_warnings(investment: list[Row], financing: list[Row]) -> list[Warning]:
    gap = financing_gap(investment, financing)
    if gap < 0:
        return [Warning("financing_short", amount=-gap)]
    return []


# --- operating budget ---


@dataclass(frozen=True)
class OperatingYear:
    year: int
    turnover: int
    cost_of_sales: int
    gross_margin: int
    fixed_costs: int
    profit: int  # before tax
    break_even: int | None  # the turnover at which profit is zero; None without a margin


def _year_sum(rows: list[OperatingRow], group: str, index: int) -> int:
    return sum(
        row.amounts[index] for row in rows if row.group == group and index < len(row.amounts)
    )


def break_even(turnover: int, gross_margin: int, fixed_costs: int) -> int | None:
    """Fixed costs divided by the gross-margin ratio, in cents rounded half up; None when
    there is no turnover or no positive margin (no turnover ever breaks even)."""
    if turnover <= 0 or gross_margin <= 0:
        return None
    return (2 * fixed_costs * turnover + gross_margin) // (2 * gross_margin)


def operating_years(rows: list[OperatingRow]) -> list[OperatingYear]:
    years = []
    for index in range(YEARS):
        turnover = _year_sum(rows, "turnover", index)
        cost = _year_sum(rows, "cost_of_sales", index)
        fixed = _year_sum(rows, "fixed", index)
        margin = turnover - cost
        years.append(
            OperatingYear(
                year=index + 1,
                turnover=turnover,
                cost_of_sales=cost,
                gross_margin=margin,
                fixed_costs=fixed,
                profit=margin - fixed,
                break_even=break_even(turnover, margin, fixed),
            )
        )
    return years


def operating_warnings(years: list[OperatingYear]) -> list[Warning]:
    """A year whose turnover is below break-even, or that has costs but no margin at all."""
    warnings = []
    for year in years:
        if year.break_even is not None and year.turnover < year.break_even:
            warnings.append(Warning("below_break_even", year=year.year, amount=year.break_even))
        elif year.break_even is None and year.fixed_costs > 0:
            warnings.append(Warning("no_margin", year=year.year))
    return warnings


# --- cash-flow budget ---


def vat_of(amount: int, rate: int) -> int:
    """VAT in cents on an amount excluding VAT, rounded half up (away from zero)."""
    sign = -1 if amount < 0 else 1
    return sign * ((abs(amount) * rate * 2 + 100) // 200)


@dataclass(frozen=True)
class CashMonth:
    month: int
    opening: int
    receipts: int  # including VAT charged
    vat_charged: int
    payments: int  # including VAT paid
    vat_paid: int
    vat_settled: int  # paid to the tax office (positive) or received back (negative)
    closing: int


@dataclass(frozen=True)
class CashFlow:
    months: list[CashMonth]
    vat_per_quarter: list[int]  # charged minus paid, quarters 1 to 4
    vat_due_after_year: int  # the fourth quarter, settled after month 12
    lowest: int
    lowest_month: int
    warnings: list[Warning] = field(default_factory=list)


def cash_flow(opening: int, rows: list[CashRow]) -> CashFlow:
    """Twelve months of cash. VAT of each quarter is settled with the tax office in the month
    after it (months 4, 7 and 10); the fourth quarter's is shown as due after month 12.
    The lowest cash position is the lowest closing balance (the first month if tied)."""
    charged = [0] * MONTHS
    paid = [0] * MONTHS
    receipts = [0] * MONTHS
    payments = [0] * MONTHS
    for row in rows:
        for index, amount in enumerate(row.amounts[:MONTHS]):
            vat = vat_of(amount, row.vat_rate)
            if row.group == "receipt":
                receipts[index] += amount + vat
                charged[index] += vat
            else:
                payments[index] += amount + vat
                paid[index] += vat
    quarters = [sum(charged[q * 3 : q * 3 + 3]) - sum(paid[q * 3 : q * 3 + 3]) for q in range(4)]
    months = []
    balance = opening
    for index in range(MONTHS):
        settled = quarters[index // 3 - 1] if index in (3, 6, 9) else 0
        closing = balance + receipts[index] - payments[index] - settled
        months.append(
            CashMonth(
                month=index + 1,
                opening=balance,
                receipts=receipts[index],
                vat_charged=charged[index],
                payments=payments[index],
                vat_paid=paid[index],
                vat_settled=settled,
                closing=closing,
            )
        )
        balance = closing
    lowest_month = min(months, key=lambda m: m.closing)
    warnings = []
    short = next((m for m in months if m.closing < 0), None)
    if short is not None:
        warnings.append(Warning("cash_runs_out", month=short.month, amount=lowest_month.closing))
    return CashFlow(
        months=months,
        vat_per_quarter=quarters,
        vat_due_after_year=quarters[3],
        lowest=lowest_month.closing,
        lowest_month=lowest_month.month,
        warnings=warnings,
    )


# --- personal budget ---


@dataclass(frozen=True)
class Household:
    costs: int  # per month
    other_income: int  # per month: a partner's wage, a benefit
    from_business: int  # per month
    left: int  # per month: negative means the household is short


def household(
    costs: list[Row], other_income: list[Row], profit_year_one: int, estimated_tax: int
) -> Household:
    """What the business leaves the household each month: the first year's profit before tax
    minus the yearly tax the learner estimates, divided by twelve (rounded down). Costs and other
    income are monthly amounts. This is the simplest honest rule: the learner enters the tax
    because it depends on their whole situation, which this page cannot know."""
    from_business = (profit_year_one - estimated_tax) // MONTHS
    cost_total = total(costs)
    income_total = total(other_income)
    return Household(
        costs=cost_total,
        other_income=income_total,
        from_business=from_business,
        left=from_business + income_total - cost_total,
    )


def household_warnings(result: Household) -> list[Warning]:
    if result.left < 0:
        return [Warning("household_short", amount=-result.left)]
    return []
