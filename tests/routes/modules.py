from . import Route, everyone, only, signed_in

C = "/courses/test-course"
M = f"{C}/first-module"
# Staff of another organisation belong to an organisation that does not offer the test course.
HIDDEN = {"staff_other_org": 404}


def _hide_from_other(world, make):
    from extensions import db
    from modules.models import HiddenCourse

    db.session.add(HiddenCourse(organisation_id=world.other_organisation.id, course="test-course"))
    db.session.commit()


def reader():
    return {**signed_in(), **HIDDEN}


ROUTES = [
    Route("modules.catalogue", "GET", "/courses/", everyone()),
    Route("modules.overview", "GET", f"{C}/", reader(), setup=_hide_from_other),
    Route("modules.course_books", "GET", f"{C}/books", reader(), setup=_hide_from_other),
    Route("modules.guide", "GET", f"{C}/your-situation", reader(), setup=_hide_from_other),
    Route("modules.module", "GET", f"{M}/", reader(), setup=_hide_from_other),
    Route("modules.section", "GET", f"{M}/first-steps", reader(), setup=_hide_from_other),
    Route("modules.mark_read", "POST", f"{M}/first-steps", reader(), setup=_hide_from_other),
    Route("modules.case", "GET", f"{M}/cases/the-bakery", reader(), setup=_hide_from_other),
    Route("modules.module_books", "GET", f"{M}/books", reader(), setup=_hide_from_other),
    Route("modules.print_module", "GET", f"{M}/print", reader(), setup=_hide_from_other),
    Route(
        "organisations.courses",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/courses",
        only("staff", "admin"),
    ),
    Route(
        "organisations.courses",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/courses",
        only("staff", "admin"),
        data=lambda w: {"course": "test-course"},
    ),
]
