from . import Route, everyone, only


def _keys(world, make):
    from tests import credential_factories as cf

    cf.key_for(world.organisation)


def _certificate(world, make):
    from tests import credential_factories as cf

    _keys(world, make)
    cf.finish_course(world.learner)
    world.extra["credential"] = cf.certificate(world.learner, world.organisation).id


def _evaluated_pair(world, make):
    from extensions import db
    from mentoring.models import Mentorship
    from tests import credential_factories as cf

    _keys(world, make)
    pair = db.session.scalar(db.select(Mentorship).filter_by(mentor_id=world.people["mentor"].id))
    world.extra["pair"] = cf.evaluated_pair(pair).id


def _course_page(refused=404, learners="ok"):
    expect = only("learner", "other_learner", refused=refused)
    expect["learner"] = expect["other_learner"] = learners
    return expect


NOT_FINISHED = 409  # the page says what is still needed before the certificate
MENTOR = {"hours": "3", "learned": "Patience", "name": "Yusuf"}

ROUTES = [
    Route("credentials.course", "GET", "/certificates/course/test-course", _course_page()),
    Route(
        "credentials.course",
        "POST",
        "/certificates/course/test-course",
        _course_page(learners=NOT_FINISHED),
        data=lambda w: {"name": "Marianne"},
        setup=_keys,
    ),
    Route(
        "credentials.mentor",
        "GET",
        lambda w: f"/certificates/mentor/{w.extra['pair']}",
        only("mentor", refused=404),
        setup=_evaluated_pair,
    ),
    Route(
        "credentials.mentor",
        "POST",
        lambda w: f"/certificates/mentor/{w.extra['pair']}",
        only("mentor", refused=404),
        data=lambda w: MENTOR,
        setup=_evaluated_pair,
    ),
    Route(
        "credentials.badge",
        "GET",
        lambda w: f"/certificates/{w.extra['credential']}/badge.svg",
        only("learner", refused=404),
        setup=_certificate,
    ),
    Route(
        "credentials.pdf",
        "GET",
        lambda w: f"/certificates/{w.extra['credential']}/certificate.pdf",
        only("learner", refused=404),
        setup=_certificate,
    ),
    # Public: anyone shown a certificate checks it without an account.
    Route(
        "credentials.verify",
        "GET",
        lambda w: f"/verify/{w.extra['credential']}",
        everyone(),
        setup=_certificate,
    ),
    Route("credentials.check", "GET", "/verify", everyone()),
    Route("credentials.check", "POST", "/verify", everyone(), data=lambda w: {"token": "x.y.z"}),
    Route(
        "credentials.issuer",
        "GET",
        lambda w: f"/o/{w.organisation.slug}/credentials/issuer",
        everyone(),
        setup=_keys,
    ),
    Route(
        "credentials.public_key",
        "GET",
        lambda w: f"/o/{w.organisation.slug}/credentials/key",
        everyone(),
        setup=_keys,
    ),
    # Staff of the issuing organisation (and platform admins) see and withdraw.
    Route(
        "credentials.issued",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/certificates",
        only("staff", "admin"),
    ),
    Route(
        "credentials.revoke",
        "POST",
        lambda w: f"/certificates/{w.extra['credential']}/revoke",
        only("staff", "admin"),
        data=lambda w: {"reason": "Issued by mistake"},
        setup=_certificate,
    ),
]
