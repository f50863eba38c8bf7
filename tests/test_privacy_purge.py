"""`flask privacy purge` removes what outlived its period, once, and nothing within it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.models import Invitation, Membership, Role, User
from extensions import db, utcnow
from logbook.models import EntryRead
from modules.models import SelfAssessment
from outcomes.models import EntryStatus
from privacy.deletion import erase_due
from privacy.models import DataExport, DeletionRequest, ExportState
from privacy.purge import purge, years_before
from tests.routes.logbook import make_entry

YEAR = timedelta(days=366)


def _invitation(org, expires_at, n):
    return Invitation(
        organisation_id=org.id,
        email=f"invited{n}@example.org",
        name=f"Invited person {n}",
        role="learner",
        token_hash=f"purge-{n}",
        created_at=expires_at - timedelta(days=14),
        expires_at=expires_at,
    )


def _erased(make, org, years_ago):
    """A learner erased `years_ago` years ago, with the participant record kept for the funder."""
    person = make.user(Role.LEARNER, org)
    db.session.add_all(
        [
            EntryStatus(user_id=person.id, organisation_id=org.id, birth_year=1965),
            SelfAssessment(
                user_id=person.id, course="test-course", module="01", attempts=1, best_score=8
            ),
        ]
    )
    now = utcnow()
    db.session.add(
        DeletionRequest(user_id=person.id, requested_at=now, erase_after=now - timedelta(days=1))
    )
    db.session.commit()
    erase_due()
    asked = db.session.scalar(db.select(DeletionRequest).filter_by(user_id=person.id))
    asked.erased_at = years_before(now, years_ago)
    db.session.commit()
    return person


def _export(user, expires_at):
    export = DataExport(
        user_id=user.id,
        state=ExportState.READY.value,
        ready_at=utcnow(),
        expires_at=expires_at,
        archive=b"zip",
        size=3,
    )
    db.session.add(export)
    return export


@pytest.fixture
def world(make):
    org = make.organisation(retention_years=5)
    learner, mentor = make.user(Role.LEARNER, org), make.user(Role.MENTOR, org)
    now = utcnow()
    db.session.add_all(
        [
            _invitation(org, now - timedelta(days=31), 1),  # expired over a month ago
            _invitation(org, now + timedelta(days=5), 2),  # still open
            _invitation(org, now - 6 * YEAR, 3),  # past the retention period
            _invitation(org, now - timedelta(days=1), 4),  # expired, staff may still resend it
        ]
    )
    entry = make_entry(learner, text="x")
    db.session.add_all(
        [
            EntryRead(entry_id=entry.id, reader_id=mentor.id, read_at=now - 6 * YEAR),
            EntryRead(entry_id=entry.id, reader_id=mentor.id, read_at=now - 4 * YEAR),
        ]
    )
    old, fresh = _export(learner, now - timedelta(hours=1)), _export(mentor, now + YEAR)
    db.session.commit()
    return {
        "org": org,
        "long_ago": _erased(make, org, 6),
        "recently": _erased(make, org, 4),
        "old_export": old,
        "fresh_export": fresh,
    }


def _kept(person):
    return [
        db.session.scalar(db.select(db.func.count()).select_from(m).filter_by(user_id=person.id))
        for m in (Membership, EntryStatus, SelfAssessment)
    ]


def test_purge_removes_what_outlived_its_period_and_says_so(runner, world):
    output = runner.invoke(args=["privacy", "purge"]).output
    assert "2 addresses of expired invitations" in output
    assert "1 invitations past the retention period" in output
    assert "1 access-log rows past the retention period" in output
    assert "1 participant records past the retention period" in output
    assert "1 data downloads past their date" in output
    assert _kept(world["long_ago"]) == [0, 0, 0]


def test_nothing_within_its_period_is_touched(runner, world):
    runner.invoke(args=["privacy", "purge"])
    kept = db.session.execute(
        db.select(Invitation.token_hash, Invitation.email, Invitation.name).order_by(Invitation.id)
    ).all()
    # The expired one stays for the reports' "invited" figure, without its address and name.
    assert kept == [
        ("purge-1", "", None),
        ("purge-2", "invited2@example.org", "Invited person 2"),
        ("purge-4", "invited4@example.org", "Invited person 4"),
    ]
    assert len(db.session.scalars(db.select(EntryRead)).all()) == 1
    assert _kept(world["recently"]) == [1, 1, 1]
    fresh = db.session.get(DataExport, world["fresh_export"].id)
    assert fresh.state == ExportState.READY.value and fresh.archive == b"zip"


def test_run_twice_it_removes_once(runner, world):
    runner.invoke(args=["privacy", "purge"])
    second = runner.invoke(args=["privacy", "purge"]).output
    assert [line.split(" ", 1)[0] for line in second.strip().splitlines()] == ["0"] * 6


def test_the_organisations_own_period_counts(runner, world):
    world["org"].retention_years = 3
    db.session.commit()
    removed = purge()
    assert removed["participant records past the retention period"] == 2
    assert removed["invitations past the retention period"] == 1
    assert removed["access-log rows past the retention period"] == 2


def test_the_anonymous_account_row_stays_for_the_pairs_that_point_at_it(runner, world):
    runner.invoke(args=["privacy", "purge"])
    person = db.session.get(User, world["long_ago"].id)
    assert person is not None and "@" not in person.name


# The retention setting ----------------------------------------------------------------------


def test_staff_see_and_change_the_period(client, auth, make):
    org = make.organisation()
    auth.login(make.user(Role.STAFF, org))
    url = f"/organisations/{org.slug}/retention"
    assert 'value="5"' in client.get(url).get_data(as_text=True)
    client.post(url, data={"years": "7"})
    db.session.refresh(org)
    assert org.retention_years == 7


def test_a_period_out_of_bounds_is_refused(client, auth, make):
    org = make.organisation()
    auth.login(make.user(Role.STAFF, org))
    page = client.post(f"/organisations/{org.slug}/retention", data={"years": "0"})
    assert "Enter a whole number from 1 to 30." in page.get_data(as_text=True)
    db.session.refresh(org)
    assert org.retention_years == 5


@pytest.mark.parametrize("who", ["learner", "staff_other_org"])
def test_others_cannot_change_it(client, auth, make, who):
    org, other = make.organisation(), make.organisation()
    person = make.user(Role.LEARNER, org) if who == "learner" else make.user(Role.STAFF, other)
    auth.login(person)
    assert (
        client.post(f"/organisations/{org.slug}/retention", data={"years": "1"}).status_code == 403
    )
    db.session.refresh(org)
    assert org.retention_years == 5


def test_staff_find_it_on_the_members_page(client, auth, make):
    org = make.organisation(retention_years=7)
    auth.login(make.user(Role.STAFF, org))
    page = client.get(f"/organisations/{org.slug}/people").get_data(as_text=True)
    assert "for 7 years" in page and f"/organisations/{org.slug}/retention" in page


# What the reports still count after a purge --------------------------------------------------


def _reach(org):
    from organisations.reports.figures import Period
    from organisations.reports.reach import reach_counts
    from organisations.reports.scope import Scope

    now = utcnow()
    recent = Period((now - 2 * YEAR).date(), (now + YEAR).date())
    return reach_counts(Scope(org.id, recent, None, now.date(), now))


def test_the_invited_figure_is_the_same_after_the_purge(world):
    before = _reach(world["org"]).invited
    purge()
    assert before == 3 and _reach(world["org"]).invited == 3


def test_staff_no_longer_see_an_invitation_whose_address_was_removed(client, auth, world, make):
    purge()
    auth.login(make.user(Role.STAFF, world["org"]))
    page = client.get(f"/organisations/{world['org'].slug}/people?state=invited")
    html = page.get_data(as_text=True)
    assert "invited2@example.org" in html and "Invited person 1" not in html
