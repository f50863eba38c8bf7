"""The demo organisation and its people."""

from __future__ import annotations

from dataclasses import dataclass

from accounts import services
from accounts.models import Organisation, Role, User, find_user_by_email
from extensions import db

DEMO_PASSWORD = "herstart-demo"
ORG_SLUG = "demo"

PEOPLE = (
    ("staff@demo.herstart.eu", "Sanne de Vries", Role.STAFF, "nl"),
    ("mentor1@demo.herstart.eu", "Yusuf Demir", Role.MENTOR, "en"),
    ("mentor2@demo.herstart.eu", "Lotte Janssens", Role.MENTOR, "nl"),
    ("learner1@demo.herstart.eu", "Marianne Peeters", Role.LEARNER, "en"),
    ("learner2@demo.herstart.eu", "Henk Bakker", Role.LEARNER, "nl"),
    ("learner3@demo.herstart.eu", "Rosa Alvarez", Role.LEARNER, "en"),
)


@dataclass
class Cast:
    organisation: Organisation
    staff: User
    mentors: list[User]
    learners: list[User]

    def everyone(self):
        yield "staff", self.staff
        for mentor in self.mentors:
            yield "mentor", mentor
        for learner in self.learners:
            yield "learner", learner


def load() -> Cast:
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug=ORG_SLUG))
    if organisation is None:
        organisation = services.create_organisation(
            ORG_SLUG, "Herstart Demo", default_language="en", joining_by_code=True
        )
    found: dict[Role, list[User]] = {Role.STAFF: [], Role.MENTOR: [], Role.LEARNER: []}
    for email, name, role, language in PEOPLE:
        user = find_user_by_email(email)
        if user is None:
            user = services.create_user(
                email,
                name,
                DEMO_PASSWORD,
                organisation=organisation,
                role=role,
                language=language,
            )
        found[role].append(user)
    return Cast(organisation, found[Role.STAFF][0], found[Role.MENTOR], found[Role.LEARNER])
