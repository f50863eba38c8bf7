"""Small factories for test data: people, organisations and pairs, never the real course."""

from __future__ import annotations

import itertools

from accounts.models import Membership, Organisation, Role, User
from extensions import db, utcnow
from mentoring.models import Mentorship, PairState

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


class Factory:
    def organisation(self, name: str | None = None, **values) -> Organisation:
        n = next(_counter)
        organisation = Organisation(
            slug=values.pop("slug", f"org-{n}"), name=name or f"Organisation {n}", **values
        )
        db.session.add(organisation)
        db.session.commit()
        return organisation

    def user(
        self,
        role: Role | str | None = Role.LEARNER,
        organisation: Organisation | None = None,
        **values,
    ) -> User:
        n = next(_counter)
        user = User(
            email=values.pop("email", f"person{n}@example.org"),
            name=values.pop("name", f"Person {n}"),
            **values,
        )
        user.set_password(PASSWORD)
        db.session.add(user)
        if role is not None:
            organisation = organisation or self.organisation()
            db.session.add(Membership(user=user, organisation=organisation, role=Role(role).value))
        db.session.commit()
        return user

    def pair(
        self, mentor: User, mentee: User, organisation: Organisation, state=PairState.ACTIVE
    ) -> Mentorship:
        pair = Mentorship(
            mentor_id=mentor.id,
            mentee_id=mentee.id,
            organisation_id=organisation.id,
            state=PairState(state).value,
            started_at=utcnow(),
        )
        db.session.add(pair)
        db.session.commit()
        return pair
