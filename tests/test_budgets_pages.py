"""The budget pages: save and see the figures in plain words; nothing typed is ever lost."""

import pytest

from accounts.models import Role
from extensions import db
from logbook import services
from logbook.models import Budget, BudgetRevision
from tests.routes.logbook import COURSE, organisation_of

B = f"/logbook/{COURSE}/budgets"


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    return user


def _post(client, kind, rows, base=0, action="save", **extra):
    data = {"base_version": base, "action": action, **extra}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{index}-{key}"] = value
    return client.post(f"{B}/{kind}", data=data)


def _stored(kind):
    budget = db.session.scalar(db.select(Budget).filter_by(kind=kind))
    return budget.data if budget else None


def _cash_row(label, group, amounts, vat="0"):
    row = {"label": label, "group": group, "vat_rate": vat}
    row.update({f"month_{i + 1}": a for i, a in enumerate(amounts)})
    return row


def test_saving_the_investment_shows_its_total(client, learner):
    response = _post(
        client,
        "investment",
        [{"label": "Oven", "amount": "12.500"}, {"label": "Van", "amount": "7,500.50"}],
    )
    assert response.status_code == 302
    page = client.get(f"{B}/investment").get_data(as_text=True)
    assert "Total investment" in page and "20,000.50" in page
    assert _stored("investment")["rows"][0] == {"label": "Oven", "amount": 1250000}


def test_financing_short_of_the_investment_is_said_in_plain_words(client, learner):
    _post(client, "investment", [{"label": "Oven", "amount": "20000"}])
    _post(client, "financing", [{"label": "Own savings", "amount": "15000"}])
    page = client.get(f"{B}/financing").get_data(as_text=True)
    assert "Your financing is 5,000.00 euro short of your investment." in page


def test_cash_running_out_is_a_warning_with_the_month(client, learner):
    rows = [
        _cash_row("Sales", "receipt", ["", "", "", "500"] + ["3000"] * 8),
        _cash_row("Rent", "payment", ["1000"] * 12),
    ]
    assert _post(client, "cashflow", rows, opening="2500").status_code == 302
    page = client.get(f"{B}/cashflow").get_data(as_text=True)
    assert "Your cash runs out in month 3." in page
    overview = client.get(f"{B}/").get_data(as_text=True)
    assert "Lowest cash: -1,000.00 euro in month 4" in overview


def test_vat_is_settled_the_month_after_the_quarter(client, learner):
    rows = [_cash_row("Sales", "receipt", ["1000"] * 12, "21")]
    _post(client, "cashflow", rows)
    page = client.get(f"{B}/cashflow").get_data(as_text=True)
    assert "VAT of the fourth quarter, due after month 12: 630.00 euro." in page
    assert "-630.00" not in page and "630.00" in page


def test_dutch_amounts_are_parsed(client, learner):
    _post(client, "investment", [{"label": "Kassa", "amount": "1.250,50"}])
    assert _stored("investment")["rows"][0]["amount"] == 125050


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twaalf", "Enter an amount in euro, like 1250 or 1.250,50."),
        ("-50", "Enter an amount of zero or more"),
        ("1000000000000", "Enter an amount below one billion euro."),
    ],
)
def test_invalid_amounts_are_refused_and_every_typed_value_kept(client, learner, typed, message):
    rows = [{"label": "Oven", "amount": "12.500"}, {"label": "Van", "amount": typed}]
    response = _post(client, "investment", rows)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert f'value="{typed}"' in page and 'value="12.500"' in page and 'value="Van"' in page
    assert _stored("investment") is None


def test_a_row_with_an_amount_needs_a_name(client, learner):
    response = _post(client, "investment", [{"label": "", "amount": "300"}])
    assert response.status_code == 422
    assert "Give this row a name." in response.get_data(as_text=True)


def test_a_stale_version_is_refused_and_nothing_is_lost(client, learner):
    _post(client, "investment", [{"label": "Oven", "amount": "100"}])
    response = _post(client, "investment", [{"label": "Laptop", "amount": "900"}], base=0)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "changed elsewhere" in page and 'value="Laptop"' in page and 'value="900"' in page
    assert 'name="base_version" type="hidden" value="1"' in page
    assert _stored("investment")["rows"] == [{"label": "Oven", "amount": 10000}]
    assert (
        _post(client, "investment", [{"label": "Laptop", "amount": "900"}], base=1).status_code
        == 302
    )
    assert _stored("investment")["rows"] == [{"label": "Laptop", "amount": 90000}]


def test_every_save_is_kept_as_a_revision(client, learner):
    _post(client, "investment", [{"label": "Oven", "amount": "100"}])
    _post(client, "investment", [{"label": "Oven", "amount": "200"}], base=1)
    versions = db.session.scalars(db.select(BudgetRevision.version).order_by("version")).all()
    assert versions == [1, 2]
    page = client.get(f"{B}/investment/revisions/1").get_data(as_text=True)
    assert "100.00" in page


def test_add_rows_keeps_what_was_typed_and_saves_nothing(client, learner):
    response = _post(client, "investment", [{"label": "Oven", "amount": "100"}], action="more")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Oven"' in page and 'name="rows-3-amount"' in page
    assert _stored("investment") is None


def test_another_learner_sees_neither_budget_nor_versions(client, make, auth, learner):
    _post(client, "investment", [{"label": "Secret oven", "amount": "100"}])
    other = make.user(Role.LEARNER)
    auth.login(other)
    assert client.get(f"{B}/investment/revisions/1").status_code == 404
    assert "Secret oven" not in client.get(f"{B}/investment").get_data(as_text=True)


def test_household_short_of_what_the_business_leaves(client, learner):
    _post(
        client,
        "operating",
        [{"label": "Bread", "group": "turnover", "year_1": "24000", "year_2": "", "year_3": ""}],
    )
    _post(
        client,
        "personal",
        [{"label": "Rent", "group": "cost", "amount": "2500"}],
        estimated_tax="0",
    )
    page = client.get(f"{B}/personal").get_data(as_text=True)
    assert "Your household needs more than the business leaves you" in page  # 2,000 vs 2,500


def test_plan_tables_print_the_budgets_with_totals(learner):
    organisation = organisation_of(learner)
    services.save_budget(
        learner,
        organisation,
        COURSE,
        "investment",
        {"rows": [{"label": "Oven", "amount": 1250050}]},
        0,
    )
    tables = services.plan_tables(learner, COURSE, "nl")
    assert tables[0].rows[-1][1] == "12.500,50"
    assert tables[0].total_rows == frozenset({1})
    checks = {c.label: c.ok for c in services.plan_checks(learner, COURSE, "en")}
    assert checks["Investment budget filled in"] and not checks["Cash-flow budget filled in"]


def test_the_overview_lists_the_five_budgets_with_their_state(client, learner):
    _post(client, "investment", [{"label": "Oven", "amount": "100"}])
    page = client.get(f"{B}/").get_data(as_text=True)
    assert page.count("Not filled in yet") == 4
    assert "Total: 100.00 euro" in page


def test_the_logbook_links_to_the_budgets(client, learner):
    assert f'href="{B}/"' in client.get("/logbook/").get_data(as_text=True)


def test_the_page_works_without_script_and_loads_it_from_a_file(client, learner):
    page = client.get(f"{B}/cashflow").get_data(as_text=True)
    assert 'src="/static/js/budgets.js?v=' in page
    assert "<script>" not in page  # the CSP allows no inline script
    assert 'value="more"' in page and 'value="save"' in page


def test_a_dutch_learner_sees_amounts_in_dutch_style(client, make, auth):
    user = make.user(Role.LEARNER, language="nl")
    auth.login(user)
    _post(client, "investment", [{"label": "Kassa", "amount": "1,250.50"}])
    page = client.get(f"{B}/investment").get_data(as_text=True)
    assert 'value="1.250,50"' in page  # typed the English way, shown back the Dutch way
    assert _stored("investment")["rows"][0]["amount"] == 125050


def test_fixed_costs_without_margin_are_said_in_plain_words(client, learner):
    _post(
        client,
        "operating",
        [{"label": "Rent", "group": "fixed", "year_1": "12000", "year_2": "", "year_3": ""}],
    )
    page = client.get(f"{B}/operating").get_data(as_text=True)
    assert "In year 1 your turnover leaves no margin to cover your fixed costs." in page
