"""The route inventory: every URL rule with who may reach it. One file per feature adds its rows.

Roles walked for every route:
  anonymous, learner, other_learner (same organisation, not the learner whose data it is),
  mentor (the learner's current mentor), other_mentor (same organisation, not paired),
  staff (of the learner's organisation), staff_other_org, admin (platform admin).
Expectations: OK (reached: any status below 400 that is not a redirect to sign in),
LOGIN (redirected to sign in), or a refusal status such as 403 or 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts.models import Organisation, Role, User

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "mentor",
    "other_mentor",
    "staff",
    "staff_other_org",
    "admin",
)
OK = "ok"
LOGIN = "login"


@dataclass
class World:
    """The people every inventory row can refer to; features hang their own objects on `extra`."""

    organisation: Organisation
    other_organisation: Organisation
    people: dict[str, User]
    extra: dict = field(default_factory=dict)

    @property
    def learner(self) -> User:
        return self.people["learner"]


def build_world(make) -> World:
    organisation = make.organisation("Home organisation", join_code="HOME-CODE")
    other = make.organisation("Other organisation")
    people = {
        "learner": make.user(Role.LEARNER, organisation),
        "other_learner": make.user(Role.LEARNER, organisation),
        "mentor": make.user(Role.MENTOR, organisation),
        "other_mentor": make.user(Role.MENTOR, organisation),
        "staff": make.user(Role.STAFF, organisation),
        "staff_other_org": make.user(Role.STAFF, other),
        "admin": make.user(None, is_admin=True),
    }
    make.pair(people["mentor"], people["learner"], organisation)
    return World(organisation, other, people)


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    path: str | Callable[[World], str]
    expect: dict[str, object]
    data: Callable[[World], dict] | None = None
    # Builds what the route needs (an entry, an attempt...) before the walk.
    setup: Callable[[World, object], None] | None = None

    def url(self, world: World) -> str:
        return self.path(world) if callable(self.path) else self.path


def everyone(expect=OK) -> dict[str, object]:
    return dict.fromkeys(ROLES, expect)


def signed_in(anonymous=LOGIN) -> dict[str, object]:
    return {**everyone(OK), "anonymous": anonymous}


def only(*roles: str, refused=403, anonymous=LOGIN) -> dict[str, object]:
    expect = {role: (OK if role in roles else refused) for role in ROLES}
    expect["anonymous"] = OK if "anonymous" in roles else anonymous
    return expect
