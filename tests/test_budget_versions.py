"""A budget's saved versions: listed with their date and key figure, and restored as a new
version (the replaced figures stay in the history); only the learner's own, never by a GET."""

import pytest

from accounts.models import Role
from extensions import db
from logbook.models import Budget, BudgetRevision
from tests.routes.logbook import COURSE

B = f"/logbook/{COURSE}/budgets"


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    return user


def _save(client, amount, base):
    data = {"base_version": base, "action": "save", "rows-0-label": "Oven", "rows-0-amount": amount}
    assert client.post(f"{B}/investment", data=data).status_code == 302


def _current():
    budget = db.session.scalar(db.select(Budget).filter_by(kind="investment"))
    db.session.refresh(budget)
    return budget


def _history():
    rows = db.session.scalars(db.select(BudgetRevision).order_by(BudgetRevision.version))
    return [(r.version, r.data["rows"][0]["amount"]) for r in rows]


@pytest.fixture
def two_versions(client, learner):
    _save(client, "1000", 0)
    _save(client, "2500", 1)


def test_the_budget_page_lists_each_version_with_its_total(client, two_versions):
    page = client.get(f"{B}/investment").get_data(as_text=True)
    assert "Saved versions" in page
    assert "Total: 1,000.00 euro" in page and "Total: 2,500.00 euro" in page
    assert f'href="{B}/investment/revisions/1"' in page


def test_an_old_version_offers_a_restore_button_and_the_current_one_does_not(client, two_versions):
    old = client.get(f"{B}/investment/revisions/1").get_data(as_text=True)
    current = client.get(f"{B}/investment/revisions/2").get_data(as_text=True)
    assert "Restore this version" in old and f"{B}/investment/revisions/1/restore" in old
    assert "Restore this version" not in current and "This is your current budget." in current


def test_restoring_brings_back_the_old_amounts_and_keeps_the_replaced_version(client, two_versions):
    response = client.post(f"{B}/investment/revisions/1/restore", data={"base_version": 2})
    assert response.status_code == 302
    assert _current().version == 3
    assert _current().data["rows"] == [{"label": "Oven", "amount": 100000}]
    assert _history() == [(1, 100000), (2, 250000), (3, 100000)]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Version 1 is back as your current budget." in page


def test_restoring_from_an_out_of_date_page_changes_nothing(client, two_versions):
    _save(client, "4000", 2)
    response = client.post(f"{B}/investment/revisions/1/restore", data={"base_version": 2})
    assert response.status_code == 302
    assert _current().version == 3 and _current().data["rows"][0]["amount"] == 400000
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The budget changed since you opened that page." in page


def test_a_version_that_does_not_exist_is_not_found(client, two_versions):
    assert (
        client.post(f"{B}/investment/revisions/9/restore", data={"base_version": 2}).status_code
        == 404
    )
    assert client.get(f"{B}/investment/revisions/9").status_code == 404
    assert _current().version == 2


def test_a_get_never_restores(client, two_versions):
    assert client.get(f"{B}/investment/revisions/1/restore").status_code == 405
    client.get(f"{B}/investment/revisions/1")
    assert _current().version == 2 and _history() == [(1, 100000), (2, 250000)]


@pytest.mark.parametrize("role", [Role.LEARNER, Role.MENTOR, Role.STAFF])
def test_nobody_else_sees_or_restores_the_learners_versions(client, make, auth, two_versions, role):
    auth.login(make.user(role))
    restore = client.post(f"{B}/investment/revisions/1/restore", data={"base_version": 2})
    seen = client.get(f"{B}/investment/revisions/1")
    assert restore.status_code in (403, 404) and seen.status_code in (403, 404)
    assert "Oven" not in seen.get_data(as_text=True)
    assert _current().version == 2 and _history() == [(1, 100000), (2, 250000)]


def test_signed_out_nobody_restores(client, auth, two_versions):
    auth.logout()
    response = client.post(f"{B}/investment/revisions/1/restore", data={"base_version": 2})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _current().version == 2
