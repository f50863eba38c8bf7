"""Course pages, reading progress and resuming, for a learner of an organisation."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from accounts.models import Role
from app import create_app
from extensions import db
from modules import services
from modules.models import HiddenCourse, SectionRead
from tests.conftest import FreshContextClient, StatementCounter

C = "/courses/test-course"
M1 = f"{C}/first-module"


@pytest.fixture
def learner(make, auth):
    organisation = make.organisation()
    user = make.user(Role.LEARNER, organisation)
    auth.login(user)
    return user


def page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url, text",
    [
        ("/courses/", "Test course"),
        (f"{C}/", "Module 1: First module"),
        (f"{M1}/", "After this module you can"),
        (f"{M1}/second-steps", "Section 2 of 3"),
        (f"{M1}/cases/the-bakery", "The bakery had too many orders"),
        (f"{M1}/books", "A real book 1"),
        (f"{C}/books", "Module 2: Second module"),
        (f"{M1}/print", "Text of Third steps"),
    ],
)
def test_every_course_page_renders_for_a_learner(client, learner, url, text):
    assert text in page(client, url)


def test_pages_speak_dutch(client, learner):
    html = page(client, f"{M1}/second-steps", **{"Accept-Language": "nl"})
    assert "Tweede stappen" in html and "Sectie 2 van 3" in html


def test_section_page_has_previous_next_and_contents(client, learner):
    html = page(client, f"{M1}/second-steps")
    assert 'rel="prev" href="/courses/test-course/first-module/first-steps"' in html
    assert 'rel="next" href="/courses/test-course/first-module/third-steps"' in html
    assert '<span aria-current="page">Second steps</span>' in html


def test_module_page_is_one_document_one_stylesheet_and_no_script(client, learner):
    html = page(client, f"{M1}/first-steps")
    assert html.count('rel="stylesheet"') == 1
    assert "<script" not in html


def test_anonymous_visitors_are_sent_to_sign_in_but_may_see_the_catalogue(client):
    assert client.get("/courses/").status_code == 200
    response = client.get(f"{M1}/first-steps")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_course_the_organisation_does_not_offer_is_not_found(client, learner):
    organisation_id = learner.memberships[0].organisation_id
    db.session.add(HiddenCourse(organisation_id=organisation_id, course="test-course"))
    db.session.commit()
    assert client.get(f"{M1}/first-steps").status_code == 404
    assert "Test course" not in page(client, "/courses/")


def test_staff_choose_the_courses_on_offer(client, auth, make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation)
    auth.login(make.user(Role.STAFF, organisation))
    client.post(f"/organisations/{organisation.slug}/courses", data={"confirmed": "yes"})
    assert services.offered_courses(organisation.id) == []
    auth.login(learner)
    assert client.get(f"{C}/").status_code == 404


def test_unticking_a_course_asks_first_and_counts_learners_with_progress(client, auth, make):
    organisation = make.organisation()
    for n in range(2):
        reader = make.user(Role.LEARNER, organisation)
        db.session.add(
            SectionRead(user_id=reader.id, course="test-course", module="m", section=f"s{n}")
        )
    make.user(Role.LEARNER, organisation)  # has not started
    auth.login(make.user(Role.STAFF, organisation))
    page = client.post(f"/organisations/{organisation.slug}/courses", data={}).text
    assert "Test course: 2 learners have progress in it." in page
    assert [c.slug for c in services.offered_courses(organisation.id)] == ["test-course"]


def test_mark_as_read_and_continue_goes_to_the_next_section(client, learner):
    response = client.post(f"{M1}/first-steps")
    assert response.headers["Location"].endswith(f"{M1}/second-steps")
    assert db.session.scalar(db.select(SectionRead.section)) == "first-steps"


def test_last_section_returns_to_the_module_page_and_counts_once(client, learner):
    client.post(f"{M1}/third-steps")
    response = client.post(f"{M1}/third-steps")
    assert response.headers["Location"].endswith(f"{M1}/#after-reading")
    assert db.session.scalar(db.select(db.func.count()).select_from(SectionRead)) == 1


def test_module_state_moves_from_not_started_to_done(client, learner):
    course = services.catalogue().course("test-course")
    module = course.module("first-module")
    assert services.course_progress(learner.id, course).of(module.slug).state == "not_started"
    for section in module.sections:
        client.post(f"{M1}/{section.slug}")
    assert services.course_progress(learner.id, course).of(module.slug).state == "in_progress"
    services.record_self_assessment(learner.id, course.slug, module.slug, 7, passed=True)
    assert services.course_progress(learner.id, course).of(module.slug).state == "done"
    assert "Done" in page(client, f"{C}/")


def test_a_failed_self_assessment_does_not_undo_a_pass(learner):
    row = services.record_self_assessment(learner.id, "test-course", "first-module", 8, True)
    row = services.record_self_assessment(learner.id, "test-course", "first-module", 3, False)
    assert (row.best_score, row.last_score, row.attempts) == (8, 3, 2)
    assert row.passed_at is not None


def test_the_first_score_stays_the_first_attempts_for_reports(learner):
    services.record_self_assessment(learner.id, "test-course", "first-module", 4, False)
    row = services.record_self_assessment(learner.id, "test-course", "first-module", 9, True)
    assert (row.first_score, row.best_score) == (4, 9)


def test_continue_where_you_left_off_after_signing_out_and_in(client, auth, learner):
    client.post(f"{M1}/first-steps")
    client.post(f"{M1}/second-steps")
    auth.logout()
    auth.login(learner)
    html = page(client, "/dashboard")
    assert "Continue where you left off" in html
    assert f'href="{M1}/third-steps"' in html


def test_a_new_learner_is_invited_to_start(client, learner):
    html = page(client, "/dashboard")
    assert "Start the course" in html and f'href="{M1}/first-steps"' in html


def test_after_every_section_the_next_step_is_the_self_assessment(client, learner):
    course = services.catalogue().course("test-course")
    for module in course.modules:
        for section in module.sections:
            client.post(f"{C}/{module.slug}/{section.slug}")
    assert "Take the self-assessment of module 1" in page(client, "/dashboard")


def _course_with(tmp_path: Path, modules: int) -> Path:
    source = Path(__file__).parent / "data" / "courses"
    root = tmp_path / f"courses-{modules}"
    shutil.copytree(source, root)
    course = root / "test-course"
    names = ["01-first-module", "02-second-module"]
    for n in range(3, modules + 1):
        name = f"{n:02d}-module-{n}"
        shutil.copytree(course / "02-second-module", course / name)
        for path in (course / name).glob("logbook.*.yml"):
            path.write_text(path.read_text().replace("second-", f"m{n}-"))
        names.append(name)
    text = (course / "course.yml").read_text()
    head = text[: text.index("modules:")]
    (course / "course.yml").write_text(head + "modules:\n" + "".join(f"  - {n}\n" for n in names))
    return root


@pytest.mark.parametrize("url", ["/courses/", f"{C}/", f"{M1}/", f"{M1}/first-steps", "/dashboard"])
def test_statements_per_page_do_not_grow_with_modules_or_reads(tmp_path, config, make, url):
    counts = []
    for modules in (2, 6):
        app = create_app({**config, "COURSES_ROOT": str(_course_with(tmp_path, modules))})
        app.test_client_class = FreshContextClient
        with app.app_context():
            organisation = make.organisation()
            learner = make.user(Role.LEARNER, organisation)
            for _ in range(modules):  # more learners, and more reading, as the data grows
                make.user(Role.LEARNER, organisation)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = learner.get_id()
            course = app.extensions["catalogue"].course("test-course")
            for module in course.modules:
                for section in module.sections:
                    client.post(f"{C}/{module.slug}/{section.slug}")
            counter = StatementCounter()
            event.listen(db.engine, "before_cursor_execute", counter)
            assert client.get(url).status_code == 200
            event.remove(db.engine, "before_cursor_execute", counter)
            counts.append(counter.count)
            db.session.remove()
            db.engine.dispose()  # this app's own engine: close its connections now, not at GC
    assert counts[0] == counts[1], counts


def test_demo_learner_is_half_way_through_module_one(runner):
    from accounts.models import find_user_by_email

    runner.invoke(args=["demo", "load"])
    runner.invoke(args=["demo", "load"])
    learner = find_user_by_email("learner1@demo.herstart.eu")
    course = services.catalogue().course("test-course")
    progress = services.course_progress(learner.id, course)
    assert progress.of("first-module").read == {"first-steps"}
    assert progress.next_step()[1] == "second-steps"
