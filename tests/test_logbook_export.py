"""The take-away: "My business plan: first draft" as DOCX (read back with python-docx), as
Markdown and as a print page, every entry in module order."""

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


def test_the_docx_holds_every_entry_in_module_order(client, learner):
    response = client.get("/logbook/export.docx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "My business plan: first draft"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"Assignment {k}" for k in TEXTS]
    for needle in ("Write about first-plan.", "A baker of thirty years.", "bread", "Last words."):
        assert needle in paragraphs
    where = [paragraphs.index(t) for t in ("Notes on the first module.", "The plan for the shop.")]
    assert where == sorted(where)


def test_the_docx_uses_word_lists_and_headings_for_the_markdown(client, learner):
    document = Document(io.BytesIO(client.get("/logbook/export.docx").data))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["bread"] == "List Bullet"
    assert styles["Who I am"].startswith("Heading")


def test_the_markdown_export_in_order(client, learner):
    text = client.get("/logbook/export.md").get_data(as_text=True)
    assert text.startswith("# My business plan: first draft")
    order = [text.index(TEXTS[k]) for k in TEXTS]
    assert order == sorted(order)


def test_the_print_view(client, learner):
    page = client.get("/logbook/print").get_data(as_text=True)
    assert "<h1>My business plan: first draft</h1>" in page
    assert "<strong>thirty</strong>" in page


def test_the_export_in_dutch(client, learner):
    text = client.get("/logbook/export.md", headers={"Accept-Language": "nl"}).get_data(
        as_text=True
    )
    assert text.startswith("# Mijn ondernemingsplan: eerste versie")


def test_with_several_courses_each_heading_names_its_course(app):
    from logbook import export
    from modules.services import catalogue

    course = catalogue().course("test-course")
    one = export.outline([course], {}, "en")
    two = export.outline([course, course], {}, "en")
    assert one[0].heading == "Module 1: " + course.modules[0].text("en").title
    assert two[0].heading == f"{course.title('en')}: {one[0].heading}"


def test_control_characters_are_left_out_of_the_docx_and_the_rest_is_kept(client, make, auth):
    user = make.user(Role.LEARNER, name="Mari\x1fanne")
    make_entry(user, text="A vertical\x0b tab and a unit\x1f separator.\n\n- still a list")
    auth.login(user)
    response = client.get("/logbook/export.docx")
    assert response.status_code == 200
    paragraphs = [p.text for p in Document(io.BytesIO(response.data)).paragraphs]
    assert "A vertical tab and a unit separator." in paragraphs
    assert "still a list" in paragraphs and "Marianne" in paragraphs
