"""Logbook pages, split by audience: the learner's own logbook and the mentor's side."""

from __future__ import annotations

from flask import abort
from flask_babel import get_locale
from flask_login import current_user

from accounts.context import current_organisation
from accounts.models import Role
from modules import services as modules
from modules.content import Assignment, Course

from .. import bp
from ..render import render_markdown


@bp.app_template_filter("logbook_markdown")
def logbook_markdown(text):
    return render_markdown(text)


def lang() -> str:
    return str(get_locale())


def organisation_as(role: Role):
    """The person's organisation if they hold `role` there: 404 without one, 403 without it."""
    organisation = current_organisation()
    if organisation is None:
        abort(404)
    if not current_user.has_role(organisation.id, role):
        abort(403)
    return organisation


def courses_of(organisation) -> list[Course]:
    return modules.offered_courses(organisation.id)


def course_of(organisation, course_slug: str) -> Course:
    course = next((c for c in courses_of(organisation) if c.slug == course_slug), None)
    if course is None:
        abort(404)
    return course


def assignment_of(course: Course, key: str, language: str) -> Assignment | None:
    for module in course.modules:
        assignment = module.assignments(language).get(key)
        if assignment is not None:
            return assignment
    return None


def titles_by_key(course: Course, language: str) -> dict[str, Assignment]:
    return {a.key: a for a in course.assignments(language)}
