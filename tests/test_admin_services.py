"""The console's services in accounts: organisations created, changed, archived and restored,
accounts switched off and on; each action leaves one audit entry and one log line."""

import logging

import pytest

from accounts import organisations
from accounts.models import AuditAction, AuditEntry, Organisation, Role
from accounts.organisations import OrganisationError
from accounts.services import PermissionDenied, may_manage
from extensions import db


def audit_trail() -> list[tuple[str, int | None, int | None, int | None]]:
    rows = db.session.execute(
        db.select(
            AuditEntry.action, AuditEntry.actor_id, AuditEntry.organisation_id, AuditEntry.user_id
        ).order_by(AuditEntry.id)
    )
    return [tuple(row) for row in rows]


@pytest.fixture
def admin(make):
    return make.user(None, is_admin=True)


def create(admin, **values):
    fields = {"name": "Job agency West", "slug": "job-agency-west", "language": "nl"}
    return organisations.create_organisation(admin, **{**fields, "join_code": True, **values})


def test_create_keeps_what_was_chosen_and_records_it(admin):
    organisation = create(admin)
    assert (organisation.name, organisation.slug, organisation.default_language) == (
        "Job agency West",
        "job-agency-west",
        "nl",
    )
    assert len(organisation.join_code) == 14 and organisation.join_code.isupper()
    assert audit_trail() == [("organisation_created", admin.id, organisation.id, None)]


@pytest.mark.parametrize(
    "values, field",
    [
        ({"slug": "Job Agency"}, "slug"),
        ({"slug": "-west"}, "slug"),
        ({"slug": "a" * 61}, "slug"),
        ({"name": "   "}, "name"),
        ({"language": "fr"}, "language"),
    ],
)
def test_create_refuses_bad_values_on_their_field(admin, values, field):
    with pytest.raises(OrganisationError) as refused:
        create(admin, **values)
    assert refused.value.field == field


def test_a_taken_short_name_is_refused(admin, make):
    make.organisation(slug="job-agency-west")
    with pytest.raises(OrganisationError, match="already has this short name"):
        create(admin)


def test_only_platform_admins_may_act(make):
    staff = make.user(Role.STAFF)
    with pytest.raises(PermissionDenied):
        create(staff)


def test_edit_changes_name_language_and_join_code_not_the_short_name(admin):
    organisation = create(admin, join_code=False)
    organisations.edit_organisation(
        admin, organisation, name="West Works", language="en", join_code=True
    )
    code = organisation.join_code
    organisations.edit_organisation(
        admin, organisation, name="West Works", language="en", join_code=True
    )
    assert (organisation.name, organisation.slug, organisation.join_code) == (
        "West Works",
        "job-agency-west",
        code,
    )
    organisations.edit_organisation(
        admin, organisation, name="West Works", language="en", join_code=False
    )
    assert organisation.join_code is None
    assert [a for a, *_ in audit_trail()].count("organisation_edited") == 3


def test_archive_and_restore_keep_everything_and_are_recorded(admin, make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation)
    organisations.archive_organisation(admin, organisation)
    db.session.commit()
    assert organisation.is_archived
    with pytest.raises(OrganisationError, match="already archived"):
        organisations.archive_organisation(admin, organisation)
    db.session.rollback()
    organisations.restore_organisation(admin, organisation)
    assert not organisation.is_archived
    assert learner.has_role(organisation.id, Role.LEARNER)
    assert db.session.get(Organisation, organisation.id) is not None
    assert [a for a, *_ in audit_trail()] == ["organisation_archived", "organisation_restored"]


def test_restoring_an_open_organisation_is_refused(admin, make):
    with pytest.raises(OrganisationError, match="not archived"):
        organisations.restore_organisation(admin, make.organisation())


def test_deactivate_and_reactivate_keep_the_account_and_are_recorded(admin, make):
    person = make.user(Role.LEARNER)
    organisations.deactivate_account(admin, person)
    db.session.commit()
    assert not person.is_active and person.memberships
    with pytest.raises(OrganisationError, match="already switched off"):
        organisations.deactivate_account(admin, person)
    db.session.rollback()
    organisations.reactivate_account(admin, person)
    assert person.is_active
    assert audit_trail() == [
        (AuditAction.ACCOUNT_DEACTIVATED, admin.id, None, person.id),
        (AuditAction.ACCOUNT_REACTIVATED, admin.id, None, person.id),
    ]


def test_an_admin_cannot_switch_off_their_own_account(admin):
    with pytest.raises(OrganisationError, match="your own account"):
        organisations.deactivate_account(admin, admin)


def test_each_action_logs_one_line_with_ids_and_no_names(admin, make, caplog):
    person = make.user(Role.LEARNER, name="Anna Secret", email="anna@example.org")
    with caplog.at_level(logging.INFO, logger="accounts.organisations"):
        organisation = create(admin, name="Secret Agency")
        organisations.deactivate_account(admin, person)
    lines = [r.getMessage() for r in caplog.records if r.name == "accounts.organisations"]
    assert lines == [
        f"organisation created organisation={organisation.id} by={admin.id}",
        f"account deactivated user={person.id} by={admin.id}",
    ]


@pytest.mark.parametrize(
    "who, archived, allowed",
    [
        ("staff", False, True),
        ("staff", True, False),
        ("admin", False, True),
        ("admin", True, True),
        ("learner", False, False),
        ("staff_other_org", False, False),
    ],
)
def test_one_rule_decides_who_manages_an_organisation(make, who, archived, allowed):
    organisation = make.organisation()
    people = {
        "staff": lambda: make.user(Role.STAFF, organisation),
        "learner": lambda: make.user(Role.LEARNER, organisation),
        "staff_other_org": lambda: make.user(Role.STAFF),
        "admin": lambda: make.user(None, is_admin=True),
    }
    person = people[who]()
    if archived:
        organisations.archive_organisation(None, organisation)
    assert may_manage(person, organisation) is allowed
