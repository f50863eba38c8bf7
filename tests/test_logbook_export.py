"""The take-away: the business plan as DOCX (read back with python-docx), as Markdown and as a
print page, every entry in plan-chapter order under its assignment's title, without prompts."""

import io

import pytest
from docx import Document

from accounts.models import Role
from tests.routes.logbook import make_entry

TEXTS = {
    "first-plan": "## Who I am\n\nA baker of **thirty** years.\n\n- bread\n- cakes",
    "first-notes": "Notes on the first module.",
    "second-plan": "The plan for the shop.",
    "second-notes": "Last words.",
}


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER, name="Marianne")
    for key in ("second-notes", "first-plan", "second-plan", "first-notes"):  # written out of order
        make_entry(user, key=key, text=TEXTS[key])
    auth.login(user)
    return user


def _docx(client, path="/logbook/plan.docx"):
    response = client.get(path)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return Document(io.BytesIO(response.data))


def test_the_docx_holds_every_entry_in_chapter_order_without_prompts(client, learner):
    document = _docx(client)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Business plan"
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters == ["The idea", "The financial plan"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"Assignment {k}" for k in TEXTS]
    for needle in ("A baker of thirty years.", "bread", "Last words."):
        assert needle in paragraphs
    assert "Write about first-plan." not in paragraphs
    assert "(Not written yet.)" not in paragraphs


def test_the_old_word_address_leads_to_the_plan(client, learner):
    response = client.get("/logbook/export.docx")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/logbook/plan.docx")


def test_the_docx_uses_word_lists_and_headings_for_the_markdown(client, learner):
    document = _docx(client)
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["bread"] == "List Bullet"
    assert styles["Who I am"].startswith("Heading")


def test_the_markdown_export_in_order(client, learner):
    text = client.get("/logbook/export.md").get_data(as_text=True)
    assert text.startswith("# Business plan")
    order = [text.index(TEXTS[k]) for k in TEXTS]
    assert order == sorted(order)


def test_the_print_view(client, learner):
    page = client.get("/logbook/print").get_data(as_text=True)
    assert '<h1 id="plan-title">Business plan</h1>' in page
    assert "<strong>thirty</strong>" in page


def test_the_export_in_dutch(client, learner):
    text = client.get("/logbook/export.md", headers={"Accept-Language": "nl"}).get_data(
        as_text=True
    )
    assert "## Het idee" in text and "### Opdracht first-plan" in text


def test_with_several_courses_each_heading_names_its_course(app):
    from logbook.plan_outline import chapters_of
    from modules.services import catalogue

    course = catalogue().course("test-course")
    one = chapters_of(course, "en")
    two = chapters_of(course, "en", prefix=f"{course.title('en')}: ")
    assert one[0].title == "The idea"
    assert two[0].title == f"{course.title('en')}: The idea"


def test_control_characters_are_left_out_of_the_docx_and_the_rest_is_kept(client, make, auth):
    user = make.user(Role.LEARNER, name="Mari\x1fanne")
    make_entry(user, text="A vertical\x0b tab and a unit\x1f separator.\n\n- still a list")
    auth.login(user)
    paragraphs = [p.text for p in _docx(client).paragraphs]
    assert "A vertical tab and a unit separator." in paragraphs
    assert "still a list" in paragraphs and "Marianne" in paragraphs
