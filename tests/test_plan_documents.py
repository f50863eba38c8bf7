"""The business plan as documents, read back: the DOCX with python-docx, the PDF with pypdf. A4,
the learner's language, a cover, the summary first and the chapters in plan order, the budgets as
tables with totals, every character kept, bold and links real, the mentor's reading, and what is
still to write listed once at the end."""

import io
import re
import time

import pytest
from babel.dates import format_date
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from accounts.models import Role
from extensions import utcnow
from tests.plan_helpers import FINANCE, INTACT, SUMMARY, course_with_summary, plan_learner

A4 = (595.28, 841.89)  # points


@pytest.fixture
def config(config, tmp_path):
    config["COURSES_ROOT"] = course_with_summary(tmp_path)
    return config


@pytest.fixture
def learner(make, auth):
    user = plan_learner(make)
    auth.login(user)
    return user


def _docx(client, language="en"):
    response = client.get("/logbook/plan.docx", headers={"Accept-Language": language})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="business-plan.docx"'
    return Document(io.BytesIO(response.data))


def _pdf(client, language="en"):
    response = client.get("/logbook/plan.pdf", headers={"Accept-Language": language})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    return PdfReader(io.BytesIO(response.data))


def _pdf_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


# --- DOCX ---


def test_the_docx_is_a4_with_a_cover_and_numbered_pages(client, learner):
    document = _docx(client)
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
    cover = [p.text for p in document.paragraphs[:5]]
    assert cover[:2] == ["Business plan", "Marianne de Bakker"]
    assert "Contact: marianne@example.nl" in cover
    assert any(re.match(r"Date: \w+ \d{1,2}, \d{4}$", line) for line in cover)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


@pytest.mark.parametrize("language, tag", [("en", "en-GB"), ("nl", "nl-NL")])
def test_the_docx_is_in_the_learners_language(client, learner, language, tag):
    document = _docx(client, language)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == tag
    assert document.core_properties.language == tag
    chapters = _headings(document, 1)
    assert chapters[0] == ("Summary" if language == "en" else "Samenvatting")
    if language == "nl":  # the date in the learner's language
        today = format_date(utcnow().date(), "long", locale="nl")  # "3 december 2026"
        assert any(p.text.endswith(today) for p in document.paragraphs[:5])


def test_the_summary_comes_first_then_the_chapters_in_plan_order(client, learner):
    document = _docx(client)
    assert _headings(document, 1) == ["Summary", "The idea", "The financial plan", "Still to write"]
    text = [p.text for p in document.paragraphs]
    assert text.index(SUMMARY) < text.index("I bake 40 loaves * 3.50 euro * 6 days a week.")
    assert text.index(FINANCE) > text.index("I bake 40 loaves * 3.50 euro * 6 days a week.")


def test_the_contents_are_a_word_field_that_reads_without_updating(client, learner):
    document = _docx(client)
    body = document.element.body.xml
    assert 'TOC \\o "1-1"' in body
    text = [p.text for p in document.paragraphs]
    contents = text.index("Contents")
    assert text[contents + 1 : contents + 5] == _headings(document, 1)


def test_the_assignment_titles_are_sub_headings_and_the_prompts_are_left_out(client, learner):
    document = _docx(client)
    titles = _headings(document, 2)
    assert titles[:3] == [
        "Assignment second-notes",
        "Assignment first-plan",
        "Assignment second-plan",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Write about" not in text and "Not written yet" not in text


def test_the_docx_keeps_every_character(client, learner):
    text = "\n".join(p.text for p in _docx(client).paragraphs)
    for needle in INTACT:
        assert needle in text


def test_bold_and_links_are_real_in_the_docx(client, learner):
    document = _docx(client)
    paragraph = next(p for p in document.paragraphs if "really important" in p.text)
    assert [r.text for r in paragraph.runs if r.bold] == ["really important"]
    (link,) = paragraph.hyperlinks
    assert link.address == "https://www.kvk.nl/start"
    targets = [r.target_ref for r in document.part.rels.values() if r.reltype == RT.HYPERLINK]
    assert targets == ["https://www.kvk.nl/start"]


def test_numbered_lists_start_again_in_the_docx(client, learner):
    document = _docx(client)
    ids = {
        p.text: p._p.pPr.numPr.numId.val
        for p in document.paragraphs
        if p.text in ("rent", "ovens", "flour", "salt")
    }
    assert ids["rent"] == ids["ovens"] != ids["flour"] == ids["salt"]


def test_the_budgets_are_word_tables_with_bold_totals(client, learner):
    document = _docx(client)
    assert len(document.tables) == 5
    investment = document.tables[0]
    rows = [[c.text for c in row.cells] for row in investment.rows]
    assert rows[0] == ["Item", "Amount (euro)"]
    assert rows[-1] == ["Total investment", "12,500.50"]
    total = investment.rows[-1].cells[0].paragraphs[0].runs[0]
    assert total.bold
    assert not investment.rows[1].cells[0].paragraphs[0].runs[0].bold
    financing = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert ["Total financing", "12,500.50"] in financing
    headings = _headings(document, 2)
    assert headings.index("Investment budget") > headings.index("Assignment second-plan")


def test_the_mentors_reading_is_noted_on_the_chapter_only(client, learner):
    paragraphs = _docx(client).paragraphs
    read = [n for n, p in enumerate(paragraphs) if p.text.startswith("Read by my mentor")]
    assert len(read) == 1
    assert paragraphs[read[0]].text.startswith("Read by my mentor Sanne Jansen on ")
    chapter = paragraphs[read[0] - 1]
    assert (chapter.text, chapter.style.name) == ("The financial plan", "Heading 1")


def test_no_mentor_line_without_feedback(client, make, auth):
    auth.login(plan_learner(make, feedback=False))
    text = "\n".join(p.text for p in _docx(client).paragraphs)
    assert "Read by my mentor" not in text


def test_what_is_still_to_write_is_listed_once_at_the_end(client, learner):
    document = _docx(client)
    text = [p.text for p in document.paragraphs]
    assert text.count("The idea: Assignment first-notes") == 1
    assert text.index("The idea: Assignment first-notes") > text.index("Still to write")
    assert "Assignment first-notes" not in _headings(document, 2)


def test_a_learner_who_wrote_nothing_gets_a_cover_and_the_list_to_write(client, make, auth):
    auth.login(make.user(Role.LEARNER))
    document = _docx(client)
    assert _headings(document, 1) == ["Still to write"]
    assert document.tables == []


# --- PDF ---


def test_the_pdf_is_a4_in_the_learners_language_with_a_cover(client, learner):
    reader = _pdf(client, "nl")
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 0), round(float(box.height), 0)) == (595, 842)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    cover = reader.pages[0].extract_text()
    assert "Marianne de Bakker" in cover and "marianne@example.nl" in cover


def test_the_pdf_has_the_summary_first_and_numbered_pages(client, learner):
    reader = _pdf(client)
    text = _flat(_pdf_text(reader))
    order = [
        text.index(t)
        for t in (SUMMARY, "I bake 40 loaves", FINANCE, "The idea: Assignment first-notes")
    ]
    assert order == sorted(order)
    assert "Page 3" in reader.pages[2].extract_text()
    contents = reader.pages[1].extract_text()
    assert "Summary" in contents and re.search(r"Summary\W+3", _flat(contents))


def test_the_pdf_keeps_every_character(client, learner):
    text = _flat(_pdf_text(_pdf(client)))
    for needle in INTACT:
        assert needle in text


def test_the_pdf_keeps_bold_links_and_numbered_lists(client, learner):
    reader = _pdf(client)
    uris = [
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/A")
    ]
    assert "https://www.kvk.nl/start" in uris
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("Bold" in name for name in fonts)
    page = next(p.extract_text() for p in reader.pages if "Between the lists" in p.extract_text())
    assert re.search(r"rent\novens\nBetween the lists\.\nflour\nsalt", page)
    markers = re.findall(r"^(\d+)\. ?$", page, re.MULTILINE)
    assert markers == ["1", "2", "1", "2"]


def test_the_pdf_has_the_budget_tables_the_mentor_and_the_list_once(client, learner):
    text = _flat(_pdf_text(_pdf(client)))
    assert "Total investment 12,500.50" in text
    assert text.count("Read by my mentor Sanne Jansen on") == 1
    assert text.count("Assignment first-notes") == 1
    assert "Not written yet" not in text


def test_a_full_plan_becomes_a_pdf_quickly(client, learner):
    _pdf(client)  # the first one loads WeasyPrint and the fonts
    started = time.process_time()  # CPU time: the machine may be busy with other work
    _pdf(client)
    assert time.process_time() - started < 2


def test_without_weasyprint_the_learner_gets_a_page_not_an_error(client, learner, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'pango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    response = client.get("/logbook/plan.pdf")
    assert response.status_code == 503
    assert "The PDF cannot be made right now" in response.text
    assert "/logbook/plan.docx" in response.text


# --- Markdown and print view follow the same outline ---


def test_the_markdown_and_the_print_view_follow_the_same_chapters(client, learner):
    markdown = client.get("/logbook/export.md").get_data(as_text=True)
    chapters = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert chapters == ["Contents", "Summary", "The idea", "The financial plan", "Still to write"]
    assert re.findall(r"^### (.+)$", markdown, re.MULTILINE)[:3] == [
        "Assignment second-notes",
        "Assignment first-plan",
        "Assignment second-plan",
    ]
    assert "| **Total investment** | **12,500.50** |" in markdown
    page = client.get("/logbook/print").get_data(as_text=True)
    titles = re.findall(r'<h2 id="chapter-\d+-title">([^<]+)</h2>', page)
    assert titles == ["Summary", "The idea", "The financial plan"]
    assert '<a href="/logbook/test-course/first-notes">The idea: Assignment first-notes</a>' in page


def test_the_logbook_links_to_the_plan_downloads_and_the_checklist(client, learner):
    page = client.get("/logbook/").get_data(as_text=True)
    for link in (
        "/logbook/plan.docx",
        "/logbook/plan.pdf",
        "/logbook/print",
        "/logbook/plan/ready",
    ):
        assert f'href="{link}"' in page
    assert "export.docx" not in page


@pytest.mark.parametrize("who", ["mentor", "staff", "other_learner"])
def test_no_one_else_gets_the_learners_plan(client, make, auth, who):
    learner = plan_learner(make)
    organisation = learner.memberships[0].organisation
    role = {"mentor": Role.MENTOR, "staff": Role.STAFF, "other_learner": Role.LEARNER}[who]
    auth.login(make.user(role, organisation))
    for path in ("/logbook/plan.docx", "/logbook/plan.pdf", "/logbook/export.md", "/logbook/print"):
        response = client.get(path)
        if who == "other_learner":  # their own, empty plan
            assert response.status_code == 200 and b"Marianne" not in response.data
        else:
            assert response.status_code == 403


def test_control_characters_do_not_break_the_pdf(client, make, auth):
    from tests.routes.logbook import make_entry

    user = make.user(Role.LEARNER, name="Mari\x1fanne")
    make_entry(user, text="A vertical\x0b tab and a unit\x1f separator, jan_de_vries@example.nl.")
    auth.login(user)
    text = _flat(_pdf_text(_pdf(client)))
    assert "jan_de_vries@example.nl" in text
