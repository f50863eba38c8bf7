"""Staff read the programme report on one page: the period and cohort form, every section and
table with the numbers the report holds, "fewer than 5" for small groups; everyone else is
refused every report route and download."""

from __future__ import annotations

import re
from datetime import date

import lxml.html
import pytest
from flask_babel import force_locale

from accounts.models import Membership, Role
from extensions import db
from organisations.reports.figures import Figure, Kind, Period, Report, Table
from organisations.reports.queries import build_report, default_period

START, END = date(2026, 1, 1), date(2026, 6, 30)
ARGS = {"start": START.isoformat(), "end": END.isoformat()}
ONE_DECIMAL = (Kind.DAYS, Kind.SCORE)


@pytest.fixture
def org(make):
    return make.organisation("Job agency West")


@pytest.fixture
def staff(make, org, auth):
    person = make.user(Role.STAFF, org, name="Sam Staff")
    auth.login(person)
    return person


def the_report(org, cohort=None, start=START, end=END, language="en") -> Report:
    with force_locale(language):
        return build_report(org, Period(start, end), cohort, today=date.today())


def every_table(report: Report) -> list[Table]:
    return [t for s in report.sections for t in s.tables]


def agrees(
    text: str,
    figure: Figure,
    decimal: str = ".",
    grouping: str = ",",
    fewer="fewer than 5",
    none="–no data",
) -> bool:
    """Whether a written figure says what the Figure holds, read without the app's own code:
    "fewer than 5" for a small group, nothing or a dash for no data, else the number rounded
    (whole numbers, percentages with %, days and scores with one decimal)."""
    text = text.strip()
    if figure.suppressed:
        return text == fewer
    if figure.value is None:
        return text in ("", none)
    if figure.kind == Kind.PERCENT:
        if not text.endswith("%"):
            return False
        text = text[:-1]
    number = text.replace(grouping, "").replace(decimal, ".")
    pattern = r"-?\d+\.\d" if figure.kind in ONE_DECIMAL else r"-?\d+"
    if not re.fullmatch(pattern, number):
        return False
    tolerance = 0.05 if figure.kind in ONE_DECIMAL else 0.5
    return abs(float(number) - float(figure.value)) <= tolerance + 1e-9


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """Each table on the page by its caption: rows of cell texts (the header row first)."""
    tree = lxml.html.fromstring(html)
    return {
        t.find("caption").text_content().strip(): [
            [c.text_content().strip() for c in tr.xpath("th|td")] for tr in t.iter("tr")
        ]
        for t in tree.iter("table")
    }


def test_the_page_holds_every_section_and_the_numbers_of_the_report(client, org, staff):
    response = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS)
    assert response.status_code == 200
    report = the_report(org)
    tree = lxml.html.fromstring(response.text)
    assert [h.text_content() for h in tree.xpath("//section[@class='report-section']/h2")] == [
        s.title for s in report.sections
    ]
    tables = page_tables(response.text)
    wrong = []
    for table in every_table(report):
        rows = tables[table.caption]
        assert rows[0] == ["", *table.columns]
        for row, cells in zip(table.rows, rows[1:], strict=True):
            assert cells[0] == row.label
            wrong += [
                f"{table.key} {row.label}: {text!r} for {figure}"
                for text, figure in zip(cells[1:], row.figures, strict=True)
                if not agrees(text, figure)
            ]
    assert wrong == []


def test_small_groups_read_fewer_than_5_and_missing_figures_say_no_data(client, org, staff):
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    report = the_report(org)
    figures = [f for t in every_table(report) for r in t.rows for f in r.figures]
    if any(f.suppressed for f in figures):
        assert "fewer than 5" in page
    if any(f.value is None and not f.suppressed for f in figures):
        assert '<span class="visually-hidden">no data</span>' in page
    assert "A figure that rests on fewer than 5 people" in page


def test_tables_are_real_tables_with_headers_inside_the_scroll_wrapper(client, org, staff):
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    tree = lxml.html.fromstring(page)
    tables = tree.xpath("//table[contains(@class, 'report-numbers')]")
    assert tables
    for table in tables:
        assert table.getparent().get("class") == "table-scroll report-scroll"
        assert table.xpath("thead//th[@scope='col']") and table.xpath("tbody//th[@scope='row']")


def test_without_a_choice_the_page_shows_the_default_period(client, org, staff):
    page = client.get(f"/organisations/{org.slug}/reports").text
    period = default_period(date.today())
    tree = lxml.html.fromstring(page)
    assert tree.get_element_by_id("start").get("value") == period.start.isoformat()
    assert tree.get_element_by_id("end").get("value") == period.end.isoformat()
    assert tree.xpath("//section[@class='report-section']")


def test_a_cohort_can_be_chosen_and_an_unknown_one_is_refused(client, make, org, staff):
    learner = make.user(Role.LEARNER, org)
    db.session.execute(
        db.update(Membership)
        .where(Membership.user_id == learner.id)
        .values(group_label="Autumn 2026")
    )
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    assert '<option value="Autumn 2026">Autumn 2026</option>' in page
    chosen = client.get(
        f"/organisations/{org.slug}/reports", query_string={**ARGS, "cohort": "Autumn 2026"}
    ).text
    assert "<dt>Cohort</dt><dd>Autumn 2026</dd>" in chosen
    unknown = client.get(
        f"/organisations/{org.slug}/reports", query_string={**ARGS, "cohort": "Nobody's group"}
    )
    assert "Choose one of the options shown." in unknown.text
    assert 'class="report-section"' not in unknown.text


def test_a_start_after_the_end_is_refused_with_a_message(client, org, staff):
    response = client.get(
        f"/organisations/{org.slug}/reports",
        query_string={"start": "2026-06-30", "end": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "The last day must be the same as or after the first day." in response.text
    assert 'class="error-summary"' in response.text
    assert 'class="report-section"' not in response.text


@pytest.mark.parametrize(
    "start, end",
    [
        ("2026-02-30", "2026-06-30"),
        ("yesterday", "2026-06-30"),
        ("2026-01-01", "99999-01-01"),
        ("1066-10-14", "2026-06-30"),
        ("2026-01-01", "2026-06-30\x00"),
        ("", ""),
    ],
)
def test_nonsense_dates_are_refused_with_a_message_never_a_500(client, org, staff, start, end):
    response = client.get(
        f"/organisations/{org.slug}/reports", query_string={"start": start, "end": end}
    )
    assert response.status_code == 200
    assert 'class="error-message"' in response.text
    assert 'class="report-section"' not in response.text


def test_what_was_typed_stays_in_the_form(client, org, staff):
    page = client.get(
        f"/organisations/{org.slug}/reports", query_string={"start": "31-12-2026", "end": ""}
    ).text
    assert 'value="31-12-2026"' in page
    assert "Enter a real date from 2000 to 2099, for example 2026-09-30." in page
    assert "Enter the last day of the period." in page


def test_downloads_and_the_print_view_are_linked_with_the_same_choice(client, org, staff):
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    query = "start=2026-01-01&amp;end=2026-06-30"
    assert f"/organisations/{org.slug}/reports.xlsx?{query}" in page
    assert f"/organisations/{org.slug}/reports/print?{query}" in page
    for table in every_table(the_report(org)):
        assert f"/organisations/{org.slug}/reports/{table.key}.csv?{query}" in page


def test_the_per_person_file_is_linked_with_a_warning_only_when_it_exists(app, client, org, staff):
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    if "organisations.report_participants" in app.view_functions:
        assert "Holds names:" in page and "Download the per-person file (with names)" in page
    else:
        assert "Holds names:" not in page and "per-person file" not in page


def test_the_print_view_has_the_report_without_the_form(client, org, staff):
    response = client.get(f"/organisations/{org.slug}/reports/print", query_string=ARGS)
    assert response.status_code == 200
    assert 'name="start"' not in response.text
    tables = page_tables(response.text)
    assert set(tables) == {t.caption for t in every_table(the_report(org))}
    assert "Use your browser's Print command" in response.text


def test_downloads_with_a_bad_choice_are_a_bad_request(client, org, staff):
    bad = {"start": "2026-06-30", "end": "2026-01-01"}
    for tail in ("/reports.xlsx", "/reports/print"):
        assert client.get(f"/organisations/{org.slug}{tail}", query_string=bad).status_code == 400


def test_staff_find_the_report_from_their_people_page(client, org, staff):
    page = client.get(f"/organisations/{org.slug}/people").text
    assert f'href="/organisations/{org.slug}/reports">Programme report</a>' in page


def test_the_page_speaks_dutch_numbers_for_a_dutch_reader(client, org, staff):
    staff.language = "nl"
    page = client.get(f"/organisations/{org.slug}/reports", query_string=ARGS).text
    tables = page_tables(page)
    report = the_report(org, language="nl")
    wrong = [
        (text, figure)
        for table in every_table(report)
        for row, cells in zip(table.rows, tables[table.caption][1:], strict=True)
        for text, figure in zip(cells[1:], row.figures, strict=True)
        if not figure.suppressed
        and not agrees(text, figure, ",", ".", "minder dan 5", "–geen gegevens")
    ]
    assert '<html lang="nl"' in page
    assert wrong == []


# Who is refused ------------------------------------------------------------------------------

ROUTES = ("/reports", "/reports/print", "/reports.xlsx", "/reports/{key}.csv")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ["staff_other_org", "mentor", "learner", "anonymous"])
def test_only_the_organisations_staff_reach_the_report(client, make, auth, org, route, role):
    other = make.organisation()
    people = {
        "staff_other_org": lambda: make.user(Role.STAFF, other),
        "mentor": lambda: make.user(Role.MENTOR, org),
        "learner": lambda: make.user(Role.LEARNER, org),
    }
    if role in people:
        auth.login(people[role]())
    key = every_table(the_report(org))[0].key
    url = f"/organisations/{org.slug}{route.format(key=key)}"
    response = client.get(url, query_string=ARGS)
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == 403
    assert b"fewer than" not in response.data and b"Reach" not in response.data
