"""How a report's figures are written: rounded once (here), then as page text, CSV cells and
workbook cells. Suppressed figures are the words "fewer than 5" in the reader's language
everywhere; a missing figure is a dash on the page and an empty cell in a file."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import TYPE_CHECKING

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..csv_export import csv_text
from .figures import SMALLEST_GROUP, Figure, Kind, Report, Table

if TYPE_CHECKING:  # openpyxl is imported by the functions that write a workbook, not at start
    from openpyxl.worksheet.worksheet import Worksheet

WHOLE = (Kind.PEOPLE, Kind.COUNT)
ONE_DECIMAL = (Kind.DAYS, Kind.SCORE)
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def fewer_than() -> str:
    return _("fewer than %(n)s", n=SMALLEST_GROUP)


def rounded(figure: Figure) -> int | float | None:
    """The number as every format shows it: whole people, counts and percentages; days and
    scores with one decimal. None when there is nothing to show or it is suppressed."""
    if figure.value is None or figure.suppressed:
        return None
    if figure.kind in ONE_DECIMAL:
        return round(float(figure.value), 1)
    return int(round(figure.value))


def figure_text(figure: Figure) -> str:
    """A figure as page text in the reader's language: "1,234", "2.5", "73%"."""
    if figure.suppressed:
        return fewer_than()
    number = rounded(figure)
    if number is None:
        return ""
    if figure.kind == Kind.PERCENT:
        return format_percent(number / 100, "#,##0%")
    if figure.kind in ONE_DECIMAL:
        return format_decimal(number, "#,##0.0")
    return format_decimal(number, "#,##0")


def figure_html(figure: Figure) -> Markup:
    """A table cell's content: the number, "fewer than 5", or a dash that says "no data"."""
    if rounded(figure) is None and not figure.suppressed:
        return Markup(
            '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>'
        ).format(_("no data"))
    return escape(figure_text(figure))


def csv_cell(figure: Figure) -> str:
    """A number a spreadsheet reads as one in the reader's settings: no thousands separator,
    the decimal sign of the language (the separator follows it, see csv_export)."""
    if figure.suppressed:
        return fewer_than()
    number = rounded(figure)
    if number is None:
        return ""
    if figure.kind in ONE_DECIMAL:
        text = format_decimal(number, "0.0")
    else:
        text = str(number)
    return text + "%" if figure.kind == Kind.PERCENT else text


def table_csv(table: Table, locale: str) -> str:
    header = ("", *table.columns)
    rows = ((row.label, *(csv_cell(f) for f in row.figures)) for row in table.rows)
    return csv_text(header, rows, locale)


# The workbook -----------------------------------------------------------------------------

_FORMATS = {Kind.PEOPLE: "0", Kind.COUNT: "0", Kind.DAYS: "0.0", Kind.SCORE: "0.0"}
PERCENT_FORMAT = "0%"
BOLD = {"bold": True}  # openpyxl Font arguments
TITLE = {"bold": True, "size": 14}


def _alignment(**kwargs):
    from openpyxl.styles import Alignment

    return Alignment(**kwargs)


def _put(sheet: Worksheet, row: int, column: int, value, font: dict | None = None):
    """Text is always text: a label that starts with "=" must never become a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        from openpyxl.styles import Font

        cell.font = Font(**font)
    return cell


def _figure_cell(sheet: Worksheet, row: int, column: int, figure: Figure) -> None:
    if figure.suppressed:
        _put(sheet, row, column, fewer_than()).alignment = _alignment(horizontal="right")
        return
    number = rounded(figure)
    if number is None:
        return
    if figure.kind == Kind.PERCENT:
        cell = _put(sheet, row, column, number / 100)
        cell.number_format = PERCENT_FORMAT
    else:
        cell = _put(sheet, row, column, number)
        cell.number_format = _FORMATS[figure.kind]


def _widths(sheet: Worksheet, widths: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 60)


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique without regard to case."""
    base = _NOT_IN_SHEET_NAME.sub(" ", title).strip(" '") or "Sheet"
    name, n = base[:SHEET_NAME_MAX], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _about_sheet(sheet: Worksheet, report: Report, organisation_name: str, made: date) -> None:
    _put(sheet, 1, 1, _("Programme report"), TITLE)
    facts = (
        (_("Organisation"), organisation_name),
        (_("First day"), report.period.start),
        (_("Last day"), report.period.end),
        (_("Cohort"), report.cohort or _("Everyone")),
        (_("Made on"), made),
        (
            _("Small groups"),
            _(
                'A figure that rests on fewer than %(n)s people is shown as "%(words)s", so '
                "nobody can be recognised.",
                n=SMALLEST_GROUP,
                words=fewer_than(),
            ),
        ),
    )
    for n, (label, value) in enumerate(facts, start=3):
        _put(sheet, n, 1, label, BOLD)
        cell = _put(sheet, n, 2, value)
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
            cell.alignment = _alignment(horizontal="left")
        else:
            cell.alignment = _alignment(wrap_text=True, vertical="top")
    _widths(sheet, {1: max(len(str(label)) for label, _value in facts), 2: 60})


def _table_sheet(sheet: Worksheet, table: Table, section_title: str) -> None:
    _put(sheet, 1, 1, table.title, TITLE)
    _put(sheet, 2, 1, f"{section_title}: {table.caption}")
    header_row = 3
    widths = {1: max([len(r.label) for r in table.rows] + [12])}
    for n, column in enumerate(table.columns, start=2):
        _put(sheet, header_row, n, column, BOLD).alignment = _alignment(
            horizontal="right", wrap_text=True
        )
        widths[n] = max(len(column), len(fewer_than()))
    for r, row in enumerate(table.rows, start=header_row + 1):
        _put(sheet, r, 1, row.label)
        for c, figure in enumerate(row.figures, start=2):
            _figure_cell(sheet, r, c, figure)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    _widths(sheet, widths)


def report_workbook(report: Report, organisation_name: str, made: date) -> bytes:
    """The whole report for a funder: what it covers first, then one sheet per table."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.creator = "Herstart"
    workbook.properties.title = _("Programme report")
    about = workbook.active
    taken: set[str] = set()
    about.title = sheet_name(_("About this report"), taken)
    _about_sheet(about, report, organisation_name, made)
    for section in report.sections:
        for table in section.tables:
            sheet = workbook.create_sheet(sheet_name(table.title, taken))
            _table_sheet(sheet, table, section.title)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def period_text(report: Report) -> str:
    return _(
        "%(start)s to %(end)s",
        start=format_date(report.period.start, "long"),
        end=format_date(report.period.end, "long"),
    )
