"""`flask orgs` for scripted set-up: create, list, invite-staff, archive; one unit of work per
command, the same audit entries as the console, a clear message and nothing kept on a refusal."""

from accounts.models import AuditEntry, Invitation, Organisation, Role
from extensions import db
from modules.models import HiddenCourse


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def orgs(runner, *args):
    result = runner.invoke(args=["orgs", *args])
    db.session.expire_all()
    return result


def test_create_with_a_join_code_and_every_course(runner):
    result = orgs(runner, "create", "--name", "Job agency West", "--slug", "west", "--join-code")
    assert result.exit_code == 0, result.output
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug="west"))
    assert f"Join code: {organisation.join_code}" in result.output
    assert count(HiddenCourse) == 0
    assert db.session.scalar(db.select(AuditEntry.action)) == "organisation_created"


def test_create_refuses_a_taken_short_name_and_keeps_nothing(runner, make):
    make.organisation(slug="west")
    result = orgs(runner, "create", "--name", "Second", "--slug", "west")
    assert result.exit_code == 1
    assert "Another organisation already has this short name" in result.output
    assert (count(Organisation), count(AuditEntry)) == (1, 0)


def test_create_refuses_an_unknown_course(runner):
    result = orgs(runner, "create", "--name", "W", "--slug", "w", "--course", "no-such-course")
    assert result.exit_code == 1 and "no-such-course" in result.output
    assert count(Organisation) == 0


def test_list_shows_members_per_role_and_the_state(runner, make):
    organisation = make.organisation("Job agency West", slug="west")
    make.user(Role.LEARNER, organisation)
    make.user(Role.STAFF, organisation)
    result = orgs(runner, "list")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("west\t"))
    assert line.split("\t")[1:6] == ["Job agency West", "1", "0", "1", "0"]
    assert line.endswith("\topen")


def test_invite_staff_emails_the_link_after_the_commit(runner, make, mailbox):
    admin = make.user(None, is_admin=True, name="Ada Admin", email="ada@example.org")
    organisation = make.organisation("Job agency West", slug="west")
    result = orgs(runner, "invite-staff", "west", "Coord@Example.org")
    assert result.exit_code == 0, result.output
    invitation = db.session.scalar(db.select(Invitation))
    assert (invitation.email, invitation.role, invitation.invited_by_id) == (
        "coord@example.org",
        Role.STAFF.value,
        admin.id,
    )
    assert mailbox.messages[-1]["To"] == "coord@example.org"
    assert "/join/" in result.output and "Ada Admin" in mailbox.last_body()
    assert db.session.scalar(db.select(AuditEntry.organisation_id)) == organisation.id


def test_invite_staff_with_two_admins_asks_which_one(runner, make, mailbox):
    make.user(None, is_admin=True)
    make.user(None, is_admin=True, email="ada@example.org")
    make.organisation(slug="west")
    result = orgs(runner, "invite-staff", "west", "coord@example.org")
    assert result.exit_code == 1 and "--by" in result.output and count(Invitation) == 0
    result = orgs(runner, "invite-staff", "west", "coord@example.org", "--by", "ada@example.org")
    assert result.exit_code == 0, result.output


def test_invite_staff_to_an_unknown_organisation_is_refused(runner, make):
    make.user(None, is_admin=True)
    result = orgs(runner, "invite-staff", "nowhere", "coord@example.org")
    assert result.exit_code == 1
    assert "no organisation with the short name 'nowhere'" in result.output


def test_archive_and_restore(runner, make):
    organisation = make.organisation(slug="west")
    assert orgs(runner, "archive", "west").exit_code == 0
    assert db.session.get(Organisation, organisation.id).is_archived
    again = orgs(runner, "archive", "west")
    assert again.exit_code == 1 and "already archived" in again.output
    assert orgs(runner, "archive", "west", "--restore").exit_code == 0
    assert not db.session.get(Organisation, organisation.id).is_archived
    assert [e.action for e in db.session.scalars(db.select(AuditEntry))] == [
        "organisation_archived",
        "organisation_restored",
    ]


def test_by_must_name_an_administrator(runner, make):
    make.user(Role.STAFF, email="staff@example.org")
    make.organisation(slug="west")
    result = orgs(runner, "archive", "west", "--by", "staff@example.org")
    assert result.exit_code == 1 and "not a platform administrator" in result.output
