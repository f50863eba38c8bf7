"""The members file as Excel writes it in Dutch and English settings, and every broken file with
the exact message staff read in the preview."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from accounts.models import Role
from organisations.csv_import import MAX_ROWS, TEMPLATE, parse

LANGUAGES = ["en", "nl"]


def read(data: bytes | str):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return parse(data, LANGUAGES, "nl")


def messages(parsed) -> list[str]:
    """Each problem as staff read it in the preview."""
    out = []
    for p in parsed.problems:
        if p.row:
            out.append(f"row {p.row}, column {p.column}: {p.message}")
        else:
            out.append(str(p.message))
    return out


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b"email,name,role,language\r\nann@example.org,Ann Jansen,learner,en\r\n", id="comma"
        ),
        pytest.param(
            "\ufeffe-mailadres;naam;rol;taal\r\n"
            "ann@example.org;Ann Jansen;deelnemer;Engels\r\n".encode(),
            id="dutch-excel-bom-semicolon",
        ),
        pytest.param(
            b'"E-mail","Name","Role","Language"\n'
            b'"ANN@example.org ","Ann   Jansen","Learner","en"\n',
            id="quoted-and-untidy",
        ),
        pytest.param(
            "Email address;Name;Role;Language\r\nann@example.org;Ann Jansen;learner;en\r\n".encode(
                "cp1252"
            ),
            id="windows-1252",
        ),
    ],
)
def test_what_excel_writes_is_read_the_same(app, data):
    parsed = read(data)
    assert messages(parsed) == []
    row = parsed.rows[0]
    assert (row.email, row.name, row.role, row.language) == (
        "ann@example.org",
        "Ann Jansen",
        Role.LEARNER,
        "en",
    )


def test_accents_survive_in_windows_1252_and_utf8(app):
    for encoding in ("cp1252", "utf-8-sig", "utf-8"):
        parsed = read("naam;e-mail;rol\r\nJosé Müller;jose@example.org;mentor\r\n".encode(encoding))
        assert parsed.rows[0].name == "José Müller"


def test_a_name_with_a_comma_in_quotes_and_a_cohort(app):
    parsed = read('email,name,role,cohort\r\nb@example.org,"Bakker, Bea",staff,Voorjaar 2027\r\n')
    assert (parsed.rows[0].name, parsed.rows[0].group, parsed.rows[0].role) == (
        "Bakker, Bea",
        "Voorjaar 2027",
        Role.STAFF,
    )


def test_an_empty_language_takes_the_organisation_default_and_empty_lines_are_skipped(app):
    parsed = read("email,name,role,language\r\na@example.org,A,learner,\r\n,,,\r\n\r\n")
    assert [(r.number, r.language) for r in parsed.rows] == [(2, "nl")]


def test_the_template_reads_without_problems(app):
    assert read(TEMPLATE).ok


HEADER = "email,name,role,language\r\n"
TOO_MANY = HEADER + "".join(f"p{n}@example.org,P {n},learner,en\r\n" for n in range(MAX_ROWS + 1))
TEMPLATE_HINT = "Fill in the template and try again."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            "email,name,role\r\nann@example.org,Ann,learner\r\n".encode("utf-16"),
            [
                "We cannot read the characters in this file. In Excel, choose “Save as” "
                "and then “CSV UTF-8 (comma delimited)”."
            ],
            id="wrong-encoding",
        ),
        pytest.param(b"", [f"The file is empty. {TEMPLATE_HINT}"], id="empty-file"),
        pytest.param(b" \r\n\r\n", [f"The file is empty. {TEMPLATE_HINT}"], id="only-blank-lines"),
        pytest.param(
            HEADER.encode(), [f"The file has no people in it. {TEMPLATE_HINT}"], id="header-only"
        ),
        pytest.param(
            b"email,name,language\r\nann@example.org,Ann,en\r\n",
            [
                "The first row must name the columns email, name and role "
                "(and language and cohort if you like). Missing: role."
            ],
            id="missing-column",
        ),
        pytest.param(
            (HEADER + "ann@example.org,Ann,teacher,en\r\n").encode(),
            ["row 2, column role: “teacher” is not a role we know. Use learner, mentor or staff."],
            id="unknown-role",
        ),
        pytest.param(
            (HEADER + "ann.example.org,Ann,learner,en\r\n").encode(),
            ["row 2, column email: “ann.example.org” is not an email address."],
            id="bad-email",
        ),
        pytest.param(
            (HEADER + ",Ann,learner,en\r\n").encode(),
            ["row 2, column email: enter an email address."],
            id="no-email",
        ),
        pytest.param(
            (HEADER + "ann@example.org,,learner,en\r\n").encode(),
            ["row 2, column name: enter the person's name."],
            id="no-name",
        ),
        pytest.param(
            (HEADER + "ann@example.org,Ann,learner,fr\r\n").encode(),
            ["row 2, column language: “fr” is not a language we offer. Use en, nl."],
            id="unknown-language",
        ),
        pytest.param(
            (
                HEADER
                + "ann@example.org,Ann,learner,en\r\nbob@example.org,Bob,mentor,en\r\n"
                + "ANN@example.org,Ann again,learner,en\r\n"
            ).encode(),
            ["row 4, column email: the same person and role are already on row 2."],
            id="duplicate-rows",
        ),
        pytest.param(
            TOO_MANY.encode(),
            ["The file has 5001 rows. Import at most 5000 rows at a time: split the file."],
            id="5001-rows",
        ),
        pytest.param(
            b"e-mail;naam;rol\r\nann@example.org;Ann;leraar\r\n;;\r\nbob@;Bob;mentor\r\n",
            [
                "row 2, column rol: “leraar” is not a role we know. Use learner, mentor or staff.",
                "row 4, column e-mail: “bob@” is not an email address.",
            ],
            id="dutch-headers-name-the-column-as-written",
        ),
    ],
)
def test_broken_files_say_exactly_what_is_wrong(app, data, expected):
    with force_locale("en"):
        assert messages(read(data)) == expected


def test_a_formula_looking_name_is_kept_as_text(app):
    """The import keeps what people typed; the export makes sure no spreadsheet runs it."""
    parsed = read(HEADER + 'eve@example.org,"=HYPERLINK(""http://x"",""y"")",learner,en\r\n')
    assert parsed.rows[0].name == '=HYPERLINK("http://x","y")'
