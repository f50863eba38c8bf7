"""What a learner sees of issue 16's content code: honest times and the "your situation" guide."""

import shutil
from pathlib import Path

import pytest

from accounts.models import Role
from extensions import db
from modules.models import HiddenCourse

TEST_COURSES = Path(__file__).parent / "data" / "courses"
C = "/courses/test-course"
GUIDE = f"{C}/your-situation"


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER, make.organisation())
    auth.login(user)
    return user


@pytest.fixture
def copied_courses(tmp_path, config) -> Path:
    """The test course in tmp_path, used by the app the test asks for after changing it."""
    root = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, root)
    config["COURSES_ROOT"] = str(root)
    return root / "test-course"


def page(client, url, language="en") -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


# Times ----------------------------------------------------------------------------------------


def test_module_page_gives_reading_time_and_logbook_time_apart(client, learner):
    html = page(client, f"{C}/second-module/")
    assert (
        "About 40 minutes to read and do the self-assessment. The logbook assignments take "
        "about 2½ hours, spread over one or two weeks." in html
    )
    assert "(about 1½ hours)" in html and "(about 60 minutes)" in html


def test_logbook_time_is_left_out_while_an_assignment_has_no_estimate(client, learner):
    html = page(client, f"{C}/first-module/")
    assert "About 30 minutes to read and do the self-assessment." in html
    assert "logbook assignments take" not in html


def test_course_overview_gives_both_times_per_module(client, learner):
    html = page(client, f"{C}/")
    assert (
        "about 40 minutes to read and do the self-assessment · "
        "about 2½ hours for the logbook assignments" in html
    )


def test_catalogue_gives_the_reading_time_and_the_logbook_time_once_known(
    copied_courses, app, client, learner
):
    assert "2 modules: about 70 minutes to read and do the self-assessments." in page(
        client, "/courses/"
    )
    assert "logbook assignments take" not in page(client, "/courses/")
    logbook = copied_courses / "01-first-module/logbook.en.yml"
    logbook.write_text(
        logbook.read_text().replace(
            "  guidance: Take your time with first-plan.",
            "  guidance: Take your time with first-plan.\n  minutes: 45",
        )
    )
    app.extensions["catalogue"] = _reloaded(copied_courses)
    assert (
        "The logbook assignments take about 4 hours more, spread over the weeks you take."
        in page(client, "/courses/")
    )


def test_times_in_dutch(client, learner):
    html = page(client, f"{C}/second-module/", "nl")
    assert (
        "Ongeveer 40 minuten om te lezen en de zelftoets te maken. De logboekopdrachten kosten "
        "ongeveer 2½ uur, verdeeld over een of twee weken." in html
    )


def test_logbook_shows_each_assignments_own_estimate(client, learner):
    assert "This assignment takes about 45 minutes." in page(
        client, "/logbook/test-course/first-notes"
    )
    assert "This assignment takes" not in page(client, "/logbook/test-course/first-plan")
    assert "(about 60 minutes)" in page(client, "/logbook/")


# The guide ------------------------------------------------------------------------------------


def test_guide_page_lists_its_sections_under_which_fits_you(client, learner):
    html = page(client, GUIDE)
    assert "<h1>Your situation</h1>" in html and "Which fits you?" in html
    assert '<a href="#i-have-a-job">I have a job</a>' in html
    assert '<h2 id="i-receive-a-benefit" tabindex="-1">I receive a benefit</h2>' in html
    assert '<a href="#i-receive-a-benefit">when you receive a benefit</a>' in html


def test_guide_in_dutch_keeps_the_section_slugs_the_author_wrote(client, learner):
    html = page(client, GUIDE, "nl")
    assert "<h1>Jouw situatie</h1>" in html and "Wat past bij jou?" in html
    assert '<a href="#ik-heb-een-baan">Ik heb een baan</a>' in html
    assert '<a href="#i-receive-a-benefit">Ik heb een uitkering</a>' in html


def test_course_page_and_module_one_link_to_the_guide_module_two_does_not(client, learner):
    link = f'<a href="{GUIDE}">Your situation</a>'
    assert link in page(client, f"{C}/")
    assert link in page(client, f"{C}/first-module/")
    assert link not in page(client, f"{C}/second-module/")


def test_guide_shows_the_date_its_rules_were_checked(copied_courses, app, client, learner):
    guide = copied_courses / "guide.en.md"
    guide.write_text(guide.read_text().replace("---\n", "---\nchecked: 2026-12-01\n", 1))
    app.extensions["catalogue"] = _reloaded(copied_courses)
    assert "were checked on December 1, 2026." in page(client, GUIDE)


def test_untranslated_guide_is_shown_in_english_with_a_note(copied_courses, app, client, learner):
    (copied_courses / "guide.nl.md").unlink()
    app.extensions["catalogue"] = _reloaded(copied_courses)
    html = page(client, GUIDE, "nl")
    assert "<h1>Your situation</h1>" in html
    assert "Dit deel is nog niet vertaald en staat daarom in het Engels." in html


def test_a_course_without_a_guide_has_no_guide_page(copied_courses, app, client, learner):
    for path in copied_courses.glob("guide.*.md"):
        path.unlink()
    app.extensions["catalogue"] = _reloaded(copied_courses)
    assert client.get(GUIDE).status_code == 404
    assert "your-situation" not in page(client, f"{C}/")


def test_guide_of_a_course_not_on_offer_is_not_found(client, learner):
    organisation_id = learner.memberships[0].organisation_id
    db.session.add(HiddenCourse(organisation_id=organisation_id, course="test-course"))
    assert client.get(GUIDE).status_code == 404


def test_guide_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(GUIDE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def _reloaded(course: Path):
    from modules.content import load_catalogue

    return load_catalogue(course.parent)
