"""Journey: staff import a spreadsheet of ten people through the preview, deactivate a mentor
(whose pair ends), and find a learner's progress. axe-core runs on every page visited."""

from playwright.sync_api import expect

from accounts.models import Invitation, Role
from extensions import db
from mentoring.models import MEMBER_DEACTIVATED, Mentorship
from modules.models import SectionRead
from tests.browser.test_mentoring_journey import sign_in

CSV = "e-mailadres;naam;rol;taal;groep\r\n" + "".join(
    f"cohort{n}@example.org;Cohort {n};{'mentor' if n % 5 == 0 else 'deelnemer'};nl;Najaar\r\n"
    for n in range(10)
)


def test_staff_import_a_cohort_deactivate_one_and_follow_a_learner(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation, name="Sanne")
    learner = make.user(Role.LEARNER, organisation, name="Lena Learner")
    mentor = make.user(Role.MENTOR, organisation, name="Mo Mentor")
    pair = make.pair(mentor, learner, organisation)
    for section in ("first-steps", "second-steps"):
        db.session.add(
            SectionRead(
                user_id=learner.id, course="test-course", module="first-module", section=section
            )
        )
    db.session.commit()

    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/people")
    page.get_by_role("link", name="Import people from a spreadsheet").click()
    browser.axe()
    page.get_by_label("A CSV file").set_input_files(
        {"name": "cohort.csv", "mimeType": "text/csv", "buffer": ("\ufeff" + CSV).encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.get_by_text("New invitations: 10")).to_be_visible()
    browser.axe()
    assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 0
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("Import done: 10 invitations sent")).to_be_visible()
    browser.axe()
    assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 10

    page.get_by_label("Search by name or email address").fill("mo mentor")
    page.get_by_role("button", name="Show").click()
    browser.axe()
    page.get_by_role("link", name="Mo Mentor").click()
    browser.axe()
    page.get_by_role("button", name="Deactivate Mo Mentor").click()
    expect(page.get_by_text("Everything this person made is kept")).to_be_visible()
    browser.axe()
    db.session.expire_all()
    assert db.session.get(Mentorship, pair.id).end_reason == MEMBER_DEACTIVATED

    page.get_by_role("link", name="Back to the members").click()
    browser.axe()
    page.get_by_role("link", name="Learners and their progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learners and their progress")
    browser.axe()
    page.get_by_role("link", name="Lena Learner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena Learner")
    expect(page.get_by_role("cell", name="2 of 3")).to_be_visible()
    browser.axe()
