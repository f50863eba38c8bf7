"""The business plan as a Word document: A4 in the learner's language, a cover, a table of
contents, the chapters in plan order (summary first) as Heading 1, the budgets as Word tables with
bold totals, the pages numbered, and what is still to write on the last page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .export import _WORD_LANGUAGES, _add_text, _set_a4, _set_language, xml_safe
from .plan_outline import Plan, PlanChapter, read_by
from .plan_parts import PlanTable

WIDE = 4  # a table with more columns than this prints in a smaller type, so it fits A4


def _field(paragraph, instruction: str, begin: bool = True, end: bool = True) -> None:
    """A Word field (PAGE, TOC) in the paragraph; Word fills in its value when it lays out."""
    if begin:
        run = paragraph.add_run()
        start = OxmlElement("w:fldChar")
        start.set(qn("w:fldCharType"), "begin")
        run._r.append(start)
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        paragraph.add_run()._r.append(text)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        paragraph.add_run()._r.append(separate)
    if end:
        finish = OxmlElement("w:fldChar")
        finish.set(qn("w:fldCharType"), "end")
        paragraph.add_run()._r.append(finish)


def _cover(document, plan: Plan) -> None:
    document.add_heading(xml_safe(plan.title), level=0)
    name = document.add_paragraph()
    name.add_run(xml_safe(plan.name)).font.size = Pt(20)
    if plan.author != plan.name:
        document.add_paragraph(xml_safe(plan.author))
    document.add_paragraph(f"{plan.labels['contact']}: {xml_safe(plan.email)}")
    document.add_paragraph(f"{plan.labels['date']}: {plan.date}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document, plan: Plan) -> None:
    """A real TOC field whose shown result is the list of chapters: it reads as it is, and
    Word adds the page numbers when the learner updates the field."""
    heading = document.add_paragraph()
    heading.add_run(plan.labels["contents"]).bold = True
    heading.runs[0].font.size = Pt(16)
    titles = [c.title for c in plan.chapters]
    if plan.missing:
        titles.append(plan.labels["still_to_write"])
    for number, title in enumerate(titles):
        paragraph = document.add_paragraph()
        if number == 0:
            _field(paragraph, r'TOC \o "1-1" \h \z \u', end=False)
        paragraph.add_run(xml_safe(title))
        if number == len(titles) - 1:
            _field(paragraph, "", begin=False)
    if not titles:
        _field(document.add_paragraph(), r'TOC \o "1-1" \h \z \u')


def _footer(document, plan: Plan) -> None:
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{plan.labels['page']} ")
        _field(paragraph, "PAGE")


def _table(document, table: PlanTable) -> None:
    document.add_heading(xml_safe(table.title), level=2)
    grid = document.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(7) if len(table.columns) > WIDE else None
    rows = [(table.columns, True)] + [
        (row, index in table.total_rows) for index, row in enumerate(table.rows)
    ]
    for cells, (values, bold) in zip(grid.rows, rows, strict=True):
        for column, (cell, value) in enumerate(zip(cells.cells, values, strict=False)):
            paragraph = cell.paragraphs[0]
            if column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(xml_safe(value))
            run.bold = bold or None
            if size:
                run.font.size = size
    for note in table.notes:
        document.add_paragraph().add_run(xml_safe(note)).italic = True


def _chapter(document, chapter: PlanChapter, plan: Plan) -> None:
    heading = document.add_heading(xml_safe(chapter.title), level=1)
    heading.paragraph_format.page_break_before = True
    if chapter.read:
        document.add_paragraph().add_run(xml_safe(read_by(chapter.read, plan.labels))).italic = True
    for part in chapter.parts:
        document.add_heading(xml_safe(part.title), level=2)
        _add_text(document, part.text)
    for table in chapter.tables:
        _table(document, table)


def as_docx(plan: Plan) -> bytes:
    document = Document()
    _set_a4(document)
    _set_language(document, plan.language)
    properties = document.core_properties
    properties.title = xml_safe(f"{plan.title}: {plan.name}")
    properties.author = xml_safe(plan.author)
    properties.language = _WORD_LANGUAGES.get(plan.language, plan.language)
    _cover(document, plan)
    _contents(document, plan)
    for chapter in plan.chapters:
        _chapter(document, chapter, plan)
    if plan.missing:
        heading = document.add_heading(plan.labels["still_to_write"], level=1)
        heading.paragraph_format.page_break_before = True
        document.add_paragraph(plan.labels["still_to_write_intro"])
        for item in plan.missing:
            document.add_paragraph(xml_safe(f"{item.chapter}: {item.title}"), style="List Bullet")
    _footer(document, plan)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
