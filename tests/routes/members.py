"""Route inventory of the staff pages for members, the CSV import and the learners overview:
staff of the organisation and platform admins only; everyone else is refused."""

from __future__ import annotations

from accounts import invitations
from accounts.models import Membership, Role
from extensions import db

from . import Route, only

STAFF = only("staff", "admin")


def org(tail=""):
    return lambda w: f"/organisations/{w.organisation.slug}{tail}"


def person(tail=""):
    return lambda w: f"/organisations/{w.organisation.slug}/people/{w.learner.id}{tail}"


def invitation(action):
    return lambda w: (
        f"/organisations/{w.organisation.slug}/invitations/{w.extra['invitation_id']}/{action}"
    )


def _invited(world, make):
    created = invitations.create_invitation(
        world.people["staff"], world.organisation, "invited@example.org", Role.LEARNER
    )
    db.session.commit()
    world.extra["invitation_id"] = created.invitation.id


def _second_role(world, make):
    db.session.add(
        Membership(user=world.learner, organisation=world.organisation, role=Role.MENTOR.value)
    )
    db.session.commit()


def _deactivated(world, make):
    for m in world.learner.memberships:
        m.deactivated_at = m.created_at
    db.session.commit()


CSV = "email,name,role\r\nnew.person@example.org,New Person,learner\r\n"

ROUTES = [
    Route("organisations.people_export", "GET", org("/people.csv"), STAFF),
    Route("organisations.member", "GET", person(), STAFF),
    Route(
        "organisations.member_add_role",
        "POST",
        person("/roles"),
        STAFF,
        data=lambda w: {"role": "mentor"},
    ),
    Route(
        "organisations.member_remove_role",
        "POST",
        person("/roles/mentor/remove"),
        STAFF,
        setup=_second_role,
    ),
    Route("organisations.member_deactivate", "POST", person("/deactivate"), STAFF),
    Route(
        "organisations.member_reactivate", "POST", person("/reactivate"), STAFF, setup=_deactivated
    ),
    Route("organisations.invitation_resend", "POST", invitation("resend"), STAFF, setup=_invited),
    # The staff member revokes it first, so the admin after them finds no such invitation.
    Route(
        "organisations.invitation_revoke",
        "POST",
        invitation("revoke"),
        {**STAFF, "admin": 404},
        setup=_invited,
    ),
    Route("organisations.people_import", "GET", org("/people/import"), STAFF),
    Route(
        "organisations.people_import",
        "POST",
        org("/people/import"),
        STAFF,
        data=lambda w: {"pasted": CSV},
    ),
    Route(
        "organisations.people_import_confirm",
        "POST",
        org("/people/import/confirm"),
        STAFF,
        data=lambda w: {"payload": "not-signed"},
    ),
    Route("organisations.people_import_template", "GET", org("/people/import/template.csv"), STAFF),
    Route("organisations.learners", "GET", org("/learners"), STAFF),
    Route("organisations.learners_export", "GET", org("/learners.csv"), STAFF),
    Route(
        "organisations.learner",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/learners/{w.learner.id}",
        STAFF,
    ),
]
