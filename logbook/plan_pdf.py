"""The business plan as a PDF: the print template of the same outline laid out by WeasyPrint
(A4, numbered pages, a contents page with page numbers, the document's language)."""

from __future__ import annotations

import logging

from flask import render_template

from .export import xml_safe
from .plan_outline import Plan, plan_html, read_by

logger = logging.getLogger(__name__)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Pango library it draws text with is not installed on this server."""


def plan_pdf_html(plan: Plan) -> str:
    html = render_template(
        "logbook/plan_pdf.html", plan=plan, plan_html=plan_html, read_by=read_by, links=False
    )
    return xml_safe(html)  # control characters would garble the PDF's text; the rest is kept


def as_pdf(plan: Plan, base_url: str | None = None) -> bytes:
    """The PDF's bytes; raises PdfUnavailable when the server cannot make PDFs."""
    try:
        from weasyprint import HTML  # imported late: loading Pango takes a moment
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        logger.warning("plan pdf unavailable: %s", type(error).__name__)
        raise PdfUnavailable(str(error)) from error
    return HTML(string=plan_pdf_html(plan), base_url=base_url).write_pdf()
