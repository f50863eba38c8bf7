"""Staff bring in a cohort from a spreadsheet: preview, confirm, all or nothing, never twice;
the invitations go out after the commit. The CSV exports never let a spreadsheet run a cell."""

from __future__ import annotations

import re

import pytest

from accounts.models import Invitation, Membership, Role
from extensions import db
from organisations.csv_export import safe_cell

CSV = (
    "email;name;role;language;cohort\r\n"
    "ann@example.org;Ann Jansen;learner;nl;Spring\r\n"
    "bob@example.org;Bob de Vries;mentor;en;Spring\r\n"
)


@pytest.fixture
def org(make):
    return make.organisation()


@pytest.fixture
def staff(make, org, auth):
    person = make.user(Role.STAFF, org)
    auth.login(person)
    return person


def preview(client, org, text: str, as_file=False):
    url = f"/organisations/{org.slug}/people/import"
    if as_file:
        import io

        data = {"file": (io.BytesIO(text.encode("utf-8-sig")), "people.csv")}
        return client.post(url, data=data, content_type="multipart/form-data")
    return client.post(url, data={"pasted": text})


def confirm(client, org, page_text: str):
    payload = re.search(r'name="payload" type="hidden" value="([^"]*)"', page_text)
    if payload is None:
        payload = re.search(r'id="payload" name="payload" type="hidden" value="([^"]*)"', page_text)
    return client.post(
        f"/organisations/{org.slug}/people/import/confirm", data={"payload": payload.group(1)}
    )


def invitations():
    return db.session.scalars(db.select(Invitation).order_by(Invitation.email)).all()


def test_preview_shows_each_rows_outcome_and_changes_nothing(client, org, staff, make, mailbox):
    make.user(Role.LEARNER, org, email="bob@example.org")  # a member already: gets a new role
    page = preview(client, org, CSV, as_file=True).text
    assert "New invitation" in page and "Role added to an existing member" in page
    assert invitations() == [] and mailbox.messages == []


def test_confirming_invites_in_one_go_and_emails_after_the_commit(
    client, org, staff, make, mailbox
):
    bob = make.user(Role.LEARNER, org, email="bob@example.org")
    response = confirm(client, org, preview(client, org, CSV).text)
    assert response.status_code == 302
    assert [(i.email, i.role, i.group_label, i.name) for i in invitations()] == [
        ("ann@example.org", "learner", "Spring", "Ann Jansen")
    ]
    roles = db.session.scalars(db.select(Membership.role).filter_by(user_id=bob.id)).all()
    assert sorted(roles) == ["learner", "mentor"]
    assert [m["To"] for m in mailbox.messages] == ["ann@example.org"]


def test_importing_the_same_file_again_changes_nothing(client, org, staff, make, mailbox):
    make.user(Role.LEARNER, org, email="bob@example.org")
    confirm(client, org, preview(client, org, CSV).text)
    mailbox.clear()
    page = preview(client, org, CSV).text
    assert "Unchanged: 2" in page
    confirm(client, org, page)
    assert len(invitations()) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(Membership)) == 3
    assert mailbox.messages == []


def test_a_file_with_one_bad_row_applies_nothing(client, org, staff, mailbox):
    bad = CSV + "carl@example.org;Carl;teacher;en;Spring\r\n"
    page = preview(client, org, bad).text
    assert "Row 4, column role:" in page and "Nothing has been imported" in page
    assert 'name="payload"' not in page.replace('name="payload" type="hidden" value=""', "")
    assert invitations() == [] and mailbox.messages == []


def test_a_tampered_confirmation_is_refused_and_applies_nothing(client, org, staff):
    page = preview(client, org, CSV).text
    payload = re.search(r'name="payload" type="hidden" value="([^"]*)"', page).group(1)
    response = client.post(
        f"/organisations/{org.slug}/people/import/confirm",
        data={"payload": payload[:-3] + "abc"},
        follow_redirects=True,
    )
    assert "We could not read the confirmed file" in response.text
    assert invitations() == []


def test_too_many_rows_are_refused_with_a_clear_message(client, org, staff):
    rows = "".join(f"p{n}@example.org;P {n};learner;en;\r\n" for n in range(5001))
    page = preview(client, org, "email;name;role;language;cohort\r\n" + rows).text
    assert "The file has 5001 rows. Import at most 5000 rows at a time" in page
    assert invitations() == []


def test_nothing_chosen_asks_for_a_file(client, org, staff):
    page = client.post(f"/organisations/{org.slug}/people/import", data={}).text
    assert "Choose a CSV file, or paste the rows." in page


def test_the_template_downloads_and_reads_back(client, org, staff):
    response = client.get(f"/organisations/{org.slug}/people/import/template.csv")
    assert response.mimetype == "text/csv"
    assert response.data.decode("utf-8-sig").startswith("email,name,role,language,cohort")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Ann = Anna", "Ann = Anna"),
    ],
)
def test_a_cell_that_looks_like_a_formula_is_exported_as_text(cell, safe):
    assert safe_cell(cell) == safe


def test_the_member_export_is_excel_ready_and_never_runs_a_formula(client, org, staff, make):
    make.user(Role.LEARNER, org, name='=HYPERLINK("http://x","y")', email="eve@example.org")
    response = client.get(f"/organisations/{org.slug}/people.csv")
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    text = response.data.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"",""y"")",eve@example.org,learner' in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_the_export_in_dutch_uses_semicolons_as_dutch_excel_does(client, org, staff, make):
    staff.language = "nl"
    db.session.commit()
    make.user(Role.LEARNER, org, email="eve@example.org", name="Eve")
    text = client.get(f"/organisations/{org.slug}/people.csv").data.decode("utf-8-sig")
    assert "Eve;eve@example.org;" in text


def test_an_import_never_lets_a_deactivated_member_back_in(client, org, staff, make):
    bob = make.user(Role.LEARNER, org, email="bob@example.org")
    for m in bob.memberships:
        m.deactivated_at = m.created_at
    db.session.commit()
    confirm(client, org, preview(client, org, CSV).text)
    states = db.session.scalars(
        db.select(Membership.deactivated_at).filter_by(user_id=bob.id)
    ).all()
    assert len(states) == 2 and all(states)
