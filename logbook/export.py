"""The learner's text in Word: the tokens of the parser the page uses laid out as real Word
formatting (headings, lists, bold, italics, links), A4 and the document's language. The plan's
document itself is put together in plan_docx.py."""

from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from .render import URL_SCHEMES, markdown_tokens

# Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates, U+FFFE/F):
# python-docx refuses them, so the DOCX leaves them out and keeps everything else.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


# Word's language tag for each language of the platform (spelling check, hyphenation, screen
# readers); a language not listed is written as it is.
_WORD_LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}
_LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)


def _set_language(document, lang: str) -> None:
    """w:lang on the document's default run properties: every run is in the learner's language."""
    tag = _WORD_LANGUAGES.get(lang.split("_")[0].split("-")[0], lang.replace("_", "-"))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)


def _set_a4(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)


class _Writer:
    """The learner's text as Word paragraphs, from the tokens of the parser the page uses: what
    the page shows is what the document holds. Every character of a text token is written as it
    is; only the marks the parser read as formatting (`**`, `_`, `[...](...)`, `- `) become
    formatting instead."""

    def __init__(self, document):
        self.document = document
        self.lists: list[tuple[str, int | None]] = []  # (style, numId) per open list
        self.item_paragraphs = 0  # paragraphs written in the current list item
        self.heading: int | None = None
        self.quote = 0

    # -- blocks
    def write(self, text: str) -> None:
        tokens = markdown_tokens(text)
        if tokens is None:  # too costly to parse: the text as typed, in paragraphs
            for paragraph in re.split(r"\n[ \t]*\n\s*", text.strip()):
                self._text_paragraph(paragraph)
            return
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index) + 1

    def _block(self, tokens, index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            self.heading = min(int(token.tag[1]) + 2, 9)
        elif kind == "heading_close":
            self.heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append(self._new_list(kind, token))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_paragraphs = 0
        elif kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind == "inline":
            self._inline(self._paragraph(), token.children or [])
        elif kind in ("fence", "code_block"):
            self._text_paragraph(token.content.rstrip("\n"), code=True)
        elif kind == "table_open":
            return self._table(tokens, index)
        return index

    def _new_list(self, kind: str, token) -> tuple[str, int | None]:
        depth = min(len(self.lists) + 1, 3)
        suffix = "" if depth == 1 else f" {depth}"
        if kind == "bullet_list_open":
            return f"List Bullet{suffix}", None
        style = f"List Number{suffix}"
        return style, self._restarted_numbering(style, int(token.attrGet("start") or 1))

    def _restarted_numbering(self, style: str, start: int) -> int | None:
        """A new w:num for this list on the style's own numbering, starting at `start`: Word
        continues a numbering across every paragraph that shares its w:num, so each list gets
        its own and starts again at 1 (or where the learner started it)."""
        properties = self.document.styles[style].element.pPr
        if properties is None or properties.numPr is None or properties.numPr.numId is None:
            return None
        numbering = self.document.part.numbering_part.element
        shared = numbering.num_having_numId(properties.numPr.numId.val)
        num = numbering.add_num(shared.abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _paragraph(self):
        document = self.document
        if self.heading is not None:
            return document.add_heading(level=self.heading)
        if self.lists:
            style, num_id = self.lists[-1]
            self.item_paragraphs += 1
            if self.item_paragraphs == 1:
                paragraph = document.add_paragraph(style=style)
                if num_id is not None:
                    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                    numbering.get_or_add_ilvl().val = 0
                    numbering.get_or_add_numId().val = num_id
                return paragraph
            paragraph = document.add_paragraph()  # a later paragraph of the same item
            paragraph.paragraph_format.left_indent = Mm(6.35 * len(self.lists))
            return paragraph
        paragraph = document.add_paragraph()
        if self.quote:
            paragraph.paragraph_format.left_indent = Mm(10 * self.quote)
        return paragraph

    def _text_paragraph(self, text: str, code: bool = False) -> None:
        paragraph = self._paragraph()
        for number, line in enumerate(text.split("\n")):
            if number:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            if code:
                run.font.name = "Courier New"

    def _table(self, tokens, index: int) -> int:
        rows: list[list] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append((token.children or [], tokens[index - 1].type == "th_open"))
            index += 1
        width = max((len(row) for row in rows), default=0)
        if not width:
            return index
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, (children, header) in zip(row.cells, cells, strict=False):
                self._inline(cell.paragraphs[0], children, bold=header)
        return index

    # -- inline
    def _inline(self, paragraph, children, bold: bool = False) -> None:
        strong, emphasis = int(bold), 0
        link = None  # the w:hyperlink runs go into while a link is open

        def add(text: str, code: bool = False):
            run = paragraph.add_run(text)
            run.bold = bool(strong) or None
            run.italic = bool(emphasis) or None
            if code:
                run.font.name = "Courier New"
            if link is not None:
                run.font.color.rgb = _LINK_COLOUR
                run.font.underline = True
                link.append(run._r)
            return run

        for child in children:
            kind = child.type
            if kind == "text":
                add(child.content)
            elif kind == "code_inline":
                add(child.content, code=True)
            elif kind in ("softbreak", "hardbreak"):
                add("").add_break()
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "link_open":
                link = self._hyperlink(paragraph, str(child.attrGet("href") or ""))
            elif kind == "link_close":
                link = None
            elif kind == "image":  # no pictures in the document: the words that describe it
                add(child.content)
            elif child.content:
                add(child.content)

    def _hyperlink(self, paragraph, url: str):
        """A real w:hyperlink (python-docx has no API for one) with its relationship, or None
        for an address Word should not open (the page's cleaning drops those too)."""
        if url.split(":", 1)[0].lower() not in URL_SCHEMES:
            return None
        relationship = paragraph.part.relate_to(xml_safe(url), RT.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relationship)
        paragraph._p.append(hyperlink)
        return hyperlink


def _add_text(document, text: str) -> None:
    """The learner's Markdown as Word paragraphs: headings, lists, bold, italics, links."""
    _Writer(document).write(xml_safe(text))
