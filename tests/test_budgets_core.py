"""The budgets' arithmetic against figures computed by hand."""

import pytest

from logbook.budgets import (
    AmountError,
    CashRow,
    OperatingRow,
    Row,
    break_even,
    cash_flow,
    financing_gap,
    financing_warnings,
    format_amount,
    household,
    household_warnings,
    operating_warnings,
    operating_years,
    parse_amount,
    total,
    vat_of,
)


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1250", 125000),
        ("1.250,50", 125050),
        ("1,250.50", 125050),
        ("1.250", 125000),
        ("1,250", 125000),
        ("12,5", 1250),
        ("12.50", 1250),
        ("€ 1.000.000", 100000000),
        ("", 0),
        ("0,99", 99),
    ],
)
def test_amounts_typed_in_dutch_or_english_style(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("twelve", "not_a_number"),
        ("12,345,67", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("1,2345", "not_a_number"),
        ("-5", "negative"),
        ("1000000000000", "too_large"),
        ("1.000.000.001", "too_large"),
    ],
)
def test_amounts_refused_with_a_reason(typed, reason):
    with pytest.raises(AmountError) as refused:
        parse_amount(typed)
    assert refused.value.reason == reason


def test_negative_amount_where_allowed():
    assert parse_amount("-1.000", allow_negative=True) == -100000


@pytest.mark.parametrize(
    ("cents", "language", "shown"),
    [(125050, "en", "1,250.50"), (125050, "nl", "1.250,50"), (-5, "nl", "-0,05")],
)
def test_format_amount(cents, language, shown):
    assert format_amount(cents, language) == shown


@pytest.mark.parametrize(
    ("investment", "financing", "gap"),
    [([], [], 0), ([1000_00, 500_00], [1500_00], 0), ([20000_00], [15000_00], -5000_00)],
)
def test_financing_gap(investment, financing, gap):
    rows_i = [Row("i", a) for a in investment]
    rows_f = [Row("f", a) for a in financing]
    assert financing_gap(rows_i, rows_f) == gap
    assert total(rows_i) == sum(investment)


def test_shortfall_is_a_warning_with_the_amount():
    warnings = financing_warnings([Row("van", 20000_00)], [Row("loan", 15000_00)])
    assert [(w.code, w.amount) for w in warnings] == [("financing_short", 5000_00)]


@pytest.mark.parametrize(
    ("turnover", "margin", "fixed", "expected"),
    [
        (100000_00, 40000_00, 20000_00, 50000_00),  # 20,000 / 0.4
        (90000_00, 30000_00, 10000_00, 30000_00),  # 10,000 / (1/3)
        (300_00, 100_00, 1_00, 3_00),
        (0, 0, 1000_00, None),  # no turnover
        (1000_00, 0, 1000_00, None),  # zero margin: no break-even
        (1000_00, -10_00, 1000_00, None),
    ],
)
def test_break_even(turnover, margin, fixed, expected):
    assert break_even(turnover, margin, fixed) == expected


def test_operating_years_and_below_break_even():
    rows = [
        OperatingRow("bread", "turnover", (40000_00, 60000_00, 80000_00)),
        OperatingRow("flour", "cost_of_sales", (20000_00, 30000_00, 40000_00)),
        OperatingRow("rent", "fixed", (24000_00, 24000_00, 24000_00)),
    ]
    years = operating_years(rows)
    assert [(y.gross_margin, y.profit) for y in years] == [
        (20000_00, -4000_00),
        (30000_00, 6000_00),
        (40000_00, 16000_00),
    ]
    assert years[0].break_even == 48000_00
    warnings = operating_warnings(years)
    assert [(w.code, w.year, w.amount) for w in warnings] == [("below_break_even", 1, 48000_00)]


def test_operating_budget_without_rows():
    years = operating_years([])
    assert [y.profit for y in years] == [0, 0, 0]
    assert operating_warnings(years) == []


@pytest.mark.parametrize(
    ("amount", "rate", "vat"), [(100_00, 21, 21_00), (10_05, 21, 2_11), (1_00, 9, 9), (500, 0, 0)]
)
def test_vat_of(amount, rate, vat):
    assert vat_of(amount, rate) == vat


def test_vat_settled_per_quarter_in_the_month_after():
    # receipts 1,000 a month at 21% (VAT 210), purchases 200 a month at 9% (VAT 18)
    rows = [
        CashRow("sales", "receipt", (1000_00,) * 12, 21),
        CashRow("stock", "payment", (200_00,) * 12, 9),
    ]
    result = cash_flow(0, rows)
    assert result.vat_per_quarter == [576_00] * 4  # 3 * (210 - 18)
    assert [m.vat_settled for m in result.months] == [0, 0, 0, 576_00, 0, 0, 576_00] + [0, 0] + [
        576_00,
        0,
        0,
    ]
    assert result.vat_due_after_year == 576_00
    # each month +1,210 -218 = +992; three settlements of 576
    assert result.months[-1].closing == 12 * 992_00 - 3 * 576_00
    assert result.warnings == []


def test_lowest_cash_month_and_cash_running_out():
    rows = [
        CashRow("sales", "receipt", (0, 0, 0, 500_00, 3000_00) + (3000_00,) * 7, 0),
        CashRow("rent", "payment", (1000_00,) * 12, 0),
    ]
    result = cash_flow(2500_00, rows)
    # closing: 1500, 500, -500, -1000, 1000, ...
    assert [m.closing for m in result.months[:5]] == [1500_00, 500_00, -500_00, -1000_00, 1000_00]
    assert (result.lowest, result.lowest_month) == (-1000_00, 4)
    assert [(w.code, w.month) for w in result.warnings] == [("cash_runs_out", 3)]


def test_vat_refund_raises_cash():
    rows = [CashRow("machine", "payment", (1000_00,) + (0,) * 11, 21)]
    result = cash_flow(2000_00, rows)
    assert result.months[3].vat_settled == -210_00
    assert result.months[3].closing == 2000_00 - 1210_00 + 210_00


def test_empty_cash_flow_keeps_the_opening_balance():
    result = cash_flow(100_00, [])
    assert (result.lowest, result.lowest_month, result.warnings) == (100_00, 1, [])


@pytest.mark.parametrize(
    ("costs", "other", "profit", "tax", "left"),
    [
        ([2000_00], [], 36000_00, 6000_00, 500_00),  # 30,000 / 12 = 2,500
        ([2000_00, 500_00], [800_00], 12000_00, 0, -700_00),
        ([], [], 0, 0, 0),
    ],
)
def test_household(costs, other, profit, tax, left):
    result = household([Row("c", c) for c in costs], [Row("o", o) for o in other], profit, tax)
    assert result.left == left
    assert bool(household_warnings(result)) == (left < 0)
