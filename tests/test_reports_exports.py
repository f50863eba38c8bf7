"""The report's downloads hold the page's numbers: each table as a CSV that Excel opens in English
and Dutch settings, the whole report as one workbook, small groups as "fewer than 5", no names."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from flask_babel import force_locale

from accounts.models import Role
from extensions import utcnow
from organisations.reports import exports
from organisations.reports.figures import Figure, Kind, Period, Report, Row, Section, Table
from tests.test_reports_page import ARGS, agrees, every_table, the_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def org(make):
    return make.organisation("Job agency West")


@pytest.fixture
def staff(make, org, auth):
    person = make.user(Role.STAFF, org, name="Sam Staff")
    auth.login(person)
    return person


def download_csv(client, org, key, **args) -> tuple[str, list[list[str]]]:
    response = client.get(f"/organisations/{org.slug}/reports/{key}.csv", query_string=args)
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel it is UTF-8
    text = response.data.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    return delimiter, list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_each_csv_holds_the_numbers_of_its_table(client, org, staff):
    wrong = []
    for table in every_table(the_report(org)):
        delimiter, rows = download_csv(client, org, table.key, **ARGS)
        assert delimiter == ","
        assert rows[0] == ["", *table.columns]
        assert [r[0] for r in rows[1:]] == [row.label for row in table.rows]
        wrong += [
            f"{table.key} {row.label}: {cell!r} for {figure}"
            for row, cells in zip(table.rows, rows[1:], strict=True)
            for cell, figure in zip(cells[1:], row.figures, strict=True)
            if not agrees(cell, figure, grouping="\x00")  # no thousands separator at all
        ]
    assert wrong == []


def test_a_dutch_reader_gets_semicolons_and_decimal_commas(client, org, staff):
    staff.language = "nl"
    with force_locale("nl"):
        fewer = exports.fewer_than()
    for table in every_table(the_report(org)):
        delimiter, rows = download_csv(client, org, table.key, **ARGS)
        assert delimiter == ";"
        for row, cells in zip(table.rows, rows[1:], strict=True):
            for cell, figure in zip(cells[1:], row.figures, strict=True):
                if figure.suppressed:
                    assert cell == fewer
                else:
                    assert agrees(cell, figure, decimal=",", grouping="\x00"), (cell, figure)


def test_small_groups_read_fewer_than_5_in_the_csv(client, org, staff):
    found = False
    for table in every_table(the_report(org)):
        _delimiter, rows = download_csv(client, org, table.key, **ARGS)
        found = found or any("fewer than 5" in cell for row in rows for cell in row)
    suppressed = any(
        f.suppressed for t in every_table(the_report(org)) for r in t.rows for f in r.figures
    )
    assert found == suppressed


def test_an_unknown_table_is_not_found(client, org, staff):
    response = client.get(f"/organisations/{org.slug}/reports/no-such-table.csv", query_string=ARGS)
    assert response.status_code == 404


def workbook(client, org, **args) -> openpyxl.Workbook:
    response = client.get(f"/organisations/{org.slug}/reports.xlsx", query_string=args)
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith('-2026-01-01-2026-06-30.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(response.data))


def test_the_workbook_opens_with_what_it_covers(client, org, staff):
    book = workbook(client, org, **ARGS)
    about = book.worksheets[0]
    facts = {row[0]: row[1] for row in about.iter_rows(min_row=3, values_only=True) if row[0]}
    assert about["A1"].value == "Programme report"
    assert facts["Organisation"] == "Job agency West"
    assert facts["First day"].date() == date(2026, 1, 1)
    assert facts["Last day"].date() == date(2026, 6, 30)
    assert facts["Cohort"] == "Everyone"
    assert facts["Made on"].date() == utcnow().date()
    assert 'shown as "fewer than 5"' in facts["Small groups"]


def test_each_table_has_a_sheet_with_the_numbers_of_the_page(client, org, staff):
    book = workbook(client, org, **ARGS)
    tables = every_table(the_report(org))
    assert len(book.worksheets) == 1 + len(tables)
    wrong = []
    for sheet, table in zip(book.worksheets[1:], tables, strict=True):
        assert sheet["A1"].value == table.title and sheet["A1"].font.b
        header = [c.value for c in sheet[3]][1:]
        assert header == list(table.columns) and all(c.font.b for c in sheet[3][1:])
        assert sheet.freeze_panes == "B4"
        assert all(sheet.column_dimensions[c].width for c in "AB")
        for row, cells in zip(table.rows, sheet.iter_rows(min_row=4), strict=True):
            assert cells[0].value == row.label
            for cell, figure in zip(cells[1:], row.figures, strict=True):
                if not sheet_agrees(cell, figure):
                    wrong.append(f"{table.key} {row.label}: {cell.value!r} for {figure}")
    assert wrong == []


def sheet_agrees(cell, figure: Figure) -> bool:
    if figure.suppressed:
        return cell.value == "fewer than 5"
    if figure.value is None:
        return cell.value is None
    if not isinstance(cell.value, int | float):
        return False
    if figure.kind == Kind.PERCENT:
        return "%" in cell.number_format and abs(cell.value * 100 - figure.value) <= 0.5 + 1e-9
    tolerance = 0.05 if figure.kind in (Kind.DAYS, Kind.SCORE) else 0.5
    return abs(cell.value - figure.value) <= tolerance + 1e-9


def test_downloads_hold_no_names(client, make, org, staff):
    make.user(Role.LEARNER, org, name="Zelda Quist", email="zelda.quist@example.org")
    make.user(Role.MENTOR, org, name="Mo Mentor")
    texts = [client.get(f"/organisations/{org.slug}/reports.xlsx", query_string=ARGS).data]
    for table in every_table(the_report(org)):
        texts.append(
            client.get(f"/organisations/{org.slug}/reports/{table.key}.csv", query_string=ARGS).data
        )
    book = openpyxl.load_workbook(io.BytesIO(texts[0]))
    cells = " ".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r
    )
    for name in ("Zelda", "zelda.quist", "Mo Mentor", "Sam Staff"):
        assert name not in cells
        assert all(name.encode() not in text for text in texts[1:])


# The workbook itself ---------------------------------------------------------------------------


def tiny_report(label: str) -> Report:
    table = Table(
        "t", "A table", "Its caption", ("People",), (Row(label, (Figure(12, 12),)),), None
    )
    return Report(
        1,
        Period(date(2026, 1, 1), date(2026, 1, 31)),
        "=cmd|' /C calc'!A0",
        [Section("s", "S", (table,))],
    )


def test_a_label_that_looks_like_a_formula_stays_text(app):
    with app.test_request_context():
        content = exports.report_workbook(
            tiny_report('=HYPERLINK("http://x")'), "Org", date(2026, 2, 1)
        )
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.worksheets[1]["A4"].data_type == "s"
    assert book.worksheets[1]["A4"].value == '=HYPERLINK("http://x")'
    cohort = [r for r in book.worksheets[0].iter_rows(min_row=3) if r[0].value == "Cohort"][0][1]
    assert cohort.data_type == "s"


def test_sheet_names_follow_excels_rules():
    taken: set[str] = set()
    long = "Logbook and mentoring: feedback days / charter [all pairs]?"
    first, second = exports.sheet_name(long, taken), exports.sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
