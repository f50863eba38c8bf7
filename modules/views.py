"""Course pages: catalogue, overview, module, sections, case studies, book club and print."""

from flask import abort, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from accounts.context import current_organisation
from accounts.models import Role

from . import bp, services, times
from .markup import GUIDE_PAGE

for helper in (times.duration, times.module_time, times.reading_time, times.logbook_time):
    bp.add_app_template_global(helper)


def _lang() -> str:
    return str(get_locale())


def _offered_course(course_slug: str):
    """The course if the person's organisation offers it (admins see every course), else 404."""
    organisation = current_organisation()
    course = services.offered_course(
        course_slug, organisation.id if organisation else None, current_user.is_admin
    )
    if course is None:
        abort(404)
    return course


def _module(course, module_slug: str):
    module = course.module(module_slug)
    if module is None:
        abort(404)
    return module


@bp.get("/")
def catalogue():
    organisation = current_organisation() if current_user.is_authenticated else None
    if current_user.is_authenticated and organisation is None and not current_user.is_admin:
        courses = []
    elif organisation is None:
        courses = list(services.catalogue().courses)
    else:
        courses = services.offered_courses(organisation.id)
    progress = (
        {c.slug: services.course_progress(current_user.id, c) for c in courses}
        if current_user.is_authenticated
        else {}
    )
    return render_template(
        "modules/catalogue.html", courses=courses, progress=progress, lang=_lang()
    )


@bp.get("/<course_slug>/")
@login_required
def overview(course_slug):
    course = _offered_course(course_slug)
    progress = services.course_progress(current_user.id, course)
    return render_template("modules/overview.html", course=course, progress=progress, lang=_lang())


@bp.get("/<course_slug>/books")
@login_required
def course_books(course_slug):
    course = _offered_course(course_slug)
    return render_template("modules/course_books.html", course=course, lang=_lang())


@bp.get(f"/<course_slug>/{GUIDE_PAGE}")
@login_required
def guide(course_slug):
    """The course's "your situation" guide: the rules of each starting situation."""
    course = _offered_course(course_slug)
    guide = course.guide(_lang())
    if guide is None:
        abort(404)
    return render_template("modules/guide.html", course=course, guide=guide, lang=_lang())


@bp.get("/<course_slug>/<module_slug>/")
@login_required
def module(course_slug, module_slug):
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    progress = services.course_progress(current_user.id, course).of(module.slug)
    return render_template(
        "modules/module.html",
        course=course,
        module=module,
        progress=progress,
        lang=_lang(),
        writes_logbook=_writes_logbook(course),
    )


def _writes_logbook(course) -> bool:
    """Only a learner of an organisation that offers the course can open its logbook pages, so
    only they get the links: mentors, staff and admins would meet a dead end."""
    organisation = current_organisation()
    return (
        organisation is not None
        and current_user.has_role(organisation.id, Role.LEARNER)
        and services.offered_course(course.slug, organisation.id, False) is not None
    )


@bp.get("/<course_slug>/<module_slug>/<section_slug>")
@login_required
def section(course_slug, module_slug, section_slug):
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    section = module.section(section_slug)
    if section is None:
        abort(404)
    progress = services.course_progress(current_user.id, course).of(module.slug)
    return render_template(
        "modules/section.html",
        course=course,
        module=module,
        section=section,
        progress=progress,
        lang=_lang(),
    )


@bp.post("/<course_slug>/<module_slug>/<section_slug>")
@login_required
def mark_read(course_slug, module_slug, section_slug):
    """'Mark as read and continue': records the section, then goes to the next step."""
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    if module.section(section_slug) is None:
        abort(404)
    services.mark_read(current_user.id, course, module, section_slug)
    following = module.next_section(section_slug)
    if following is not None:
        return redirect(
            url_for(
                "modules.section",
                course_slug=course.slug,
                module_slug=module.slug,
                section_slug=following.slug,
            )
        )
    return redirect(
        url_for(
            "modules.module",
            course_slug=course.slug,
            module_slug=module.slug,
            _anchor="after-reading",
        )
    )


@bp.get("/<course_slug>/<module_slug>/cases/<case_slug>")
@login_required
def case(course_slug, module_slug, case_slug):
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    case = module.case(case_slug)
    if case is None:
        abort(404)
    return render_template(
        "modules/case.html", course=course, module=module, case=case, lang=_lang()
    )


@bp.get("/<course_slug>/<module_slug>/books")
@login_required
def module_books(course_slug, module_slug):
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    return render_template("modules/module_books.html", course=course, module=module, lang=_lang())


@bp.get("/<course_slug>/<module_slug>/print")
@login_required
def print_module(course_slug, module_slug):
    course = _offered_course(course_slug)
    module = _module(course, module_slug)
    return render_template("modules/print_module.html", course=course, module=module, lang=_lang())
