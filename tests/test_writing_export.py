"""The take-away keeps every character the learner typed: the DOCX (read back with python-docx)
lays out the parser's tokens, so `*`, `_` and backticks that are not formatting stay, and bold,
links and lists become real Word formatting. A4, in the learner's language."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from accounts.models import Role
from tests.routes.logbook import make_entry

INTACT = ("40 loaves * 3.50 euro * 6 days", "jan_de_vries@example.nl", "plan_v2.xlsx", "5*3")
TEXT = (
    "I bake 40 loaves * 3.50 euro * 6 days a week.\n\n"
    "Write to jan_de_vries@example.nl, the sheet is plan_v2.xlsx and 5*3 is fifteen.\n\n"
    "This is **really important** and _new_, see [the chamber](https://www.kvk.nl/start).\n\n"
    "1. rent\n2. ovens\n\nBetween the lists.\n\n1. flour\n2. salt\n"
)


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER, name="Marianne")
    make_entry(user, text=TEXT)
    auth.login(user)
    return user


def _docx(client, language="en"):
    response = client.get("/logbook/plan.docx", headers={"Accept-Language": language})
    assert response.status_code == 200
    return Document(io.BytesIO(response.data))


def _all_text(document):
    return "\n".join(p.text for p in document.paragraphs)


def test_the_docx_keeps_every_character_that_is_not_formatting(client, learner):
    text = _all_text(_docx(client))
    for needle in INTACT:
        assert needle in text


def test_the_markdown_export_keeps_the_text_exactly(client, learner):
    text = client.get("/logbook/export.md").get_data(as_text=True)
    assert TEXT.strip() in text


def test_the_docx_is_a4(client, learner):
    for section in _docx(client).sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)


@pytest.mark.parametrize("language, tag", [("en", "en-GB"), ("nl", "nl-NL")])
def test_the_docx_is_in_the_learners_language(client, learner, language, tag):
    styles = _docx(client, language).styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == tag


def test_bold_and_italics_are_real_runs(client, learner):
    paragraph = next(p for p in _docx(client).paragraphs if "really important" in p.text)
    assert paragraph.text == "This is really important and new, see the chamber."
    bold = [r.text for r in paragraph.runs if r.bold]
    italic = [r.text for r in paragraph.runs if r.italic]
    assert bold == ["really important"] and italic == ["new"]


def test_a_link_is_a_real_hyperlink(client, learner):
    paragraph = next(p for p in _docx(client).paragraphs if "really important" in p.text)
    (link,) = paragraph.hyperlinks
    assert link.text == "the chamber"
    assert link.address == "https://www.kvk.nl/start"


def test_each_numbered_list_starts_again_at_one(client, learner):
    document = _docx(client)
    numbers = {}
    for paragraph in document.paragraphs:
        if paragraph.text in ("rent", "ovens", "flour", "salt"):
            assert paragraph.style.name == "List Number"
            numbers[paragraph.text] = paragraph._p.pPr.numPr.numId.val
    assert numbers["rent"] == numbers["ovens"] != numbers["flour"] == numbers["salt"]
    numbering = document.part.numbering_part.element
    for key in ("rent", "flour"):
        num = numbering.num_having_numId(numbers[key])
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def test_a_numbered_list_may_start_where_the_learner_started_it(client, make, auth):
    user = make.user(Role.LEARNER)
    make_entry(user, text="3. third\n4. fourth")
    auth.login(user)
    document = _docx(client)
    paragraph = next(p for p in document.paragraphs if p.text == "third")
    num = document.part.numbering_part.element.num_having_numId(paragraph._p.pPr.numPr.numId.val)
    assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "3"


def test_a_text_too_costly_to_parse_is_written_as_typed(client, make, auth):
    user = make.user(Role.LEARNER)
    text = "[" * 2000 + " jan_de_vries@example.nl **not bold**"
    make_entry(user, text=text)
    auth.login(user)
    assert text in _all_text(_docx(client))


def test_a_link_to_a_script_is_not_a_hyperlink_and_stays_as_typed(client, make, auth):
    user = make.user(Role.LEARNER)
    make_entry(user, text="Click [here](javascript:alert(1)) now.")
    auth.login(user)
    paragraph = next(p for p in _docx(client).paragraphs if "Click" in p.text)
    assert paragraph.text == "Click [here](javascript:alert(1)) now." and not paragraph.hyperlinks


def test_the_print_view_is_a4_in_the_learners_language_with_headings_under_the_chapter(
    client, make, auth
):
    user = make.user(Role.LEARNER)
    make_entry(user, text="## Who I am\n\nA baker, jan_de_vries@example.nl.")
    auth.login(user)
    page = client.get("/logbook/print", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert '<html lang="nl"' in page
    assert 'class="logbook-print"' in page
    assert "<h4>Who I am</h4>" in page and "<h2>Who I am</h2>" not in page
    assert "jan_de_vries@example.nl" in page


def test_the_stylesheet_prints_the_plan_on_a4():
    from pathlib import Path

    css = Path(__file__).parent.parent.joinpath("static/css/herstart.css").read_text()
    plan_page = css.split("@page plan {", 1)[1].split("}", 1)[0]
    assert "size: A4;" in plan_page
    assert ".logbook-print { page: plan; }" in css
