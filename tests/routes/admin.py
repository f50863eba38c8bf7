"""Route inventory of the platform console: platform administrators only, everyone else refused
(403), and anonymous visitors sent to sign in."""

from . import Route, only

ADMINS = only("admin")


def org(tail=""):
    return lambda w: f"/admin/organisations/{w.other_organisation.slug}{tail}"


def person(tail=""):
    return lambda w: f"/admin/people/{w.people['other_learner'].id}{tail}"


ROUTES = [
    Route("admin.index", "GET", "/admin/", ADMINS),
    Route("admin.new_organisation", "GET", "/admin/organisations/new", ADMINS),
    Route(
        "admin.new_organisation",
        "POST",
        "/admin/organisations/new",
        ADMINS,
        data=lambda w: {"name": "", "slug": "Not A Slug"},
    ),
    Route("admin.organisation", "GET", org(), ADMINS),
    Route("admin.organisation", "POST", org(), ADMINS, data=lambda w: {"name": ""}),
    Route("admin.invite_staff", "POST", org("/invite"), ADMINS, data=lambda w: {"email": "x"}),
    # The first admin's press archives; each later role is refused before it reaches the service.
    Route("admin.archive", "POST", org("/archive"), ADMINS),
    Route("admin.restore", "POST", org("/restore"), ADMINS),
    Route("admin.people", "GET", "/admin/people?q=person", ADMINS),
    Route("admin.person", "GET", person(), ADMINS),
    Route("admin.send_reset", "POST", person("/reset"), ADMINS),
    Route("admin.deactivate", "POST", person("/deactivate"), ADMINS),
    Route("admin.reactivate", "POST", person("/reactivate"), ADMINS),
    Route("admin.audit", "GET", "/admin/audit", ADMINS),
]
