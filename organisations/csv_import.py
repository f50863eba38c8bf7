"""Reading a members file as Excel writes it in Dutch and English settings: UTF-8 with or without
BOM (or Windows-1252), comma or semicolon, quoted fields, headers in English or Dutch. Pure: no
database, no request; every problem is "row N, column X: message" for the preview."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from accounts.members import ImportRow
from accounts.models import EMAIL_MAX, GROUP_MAX, NAME_MAX, Role

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

# Header names as people write them, lower-cased without spaces, hyphens or underscores.
HEADERS = {
    "email": ("email", "emailadres", "emailaddress", "mail", "mailadres"),
    "name": ("name", "naam", "fullname", "volledigenaam"),
    "role": ("role", "rol"),
    "language": ("language", "taal", "lang"),
    "group": ("cohort", "group", "groep", "cohortgroup", "cohortgroep", "label"),
}
REQUIRED = ("email", "name", "role")
ROLES = {
    "learner": Role.LEARNER,
    "deelnemer": Role.LEARNER,
    "cursist": Role.LEARNER,
    "lerende": Role.LEARNER,
    "mentee": Role.LEARNER,
    "mentor": Role.MENTOR,
    "staff": Role.STAFF,
    "medewerker": Role.STAFF,
    "staf": Role.STAFF,
}
LANGUAGE_NAMES = {
    "english": "en",
    "engels": "en",
    "dutch": "nl",
    "nederlands": "nl",
}
TEMPLATE = "email,name,role,language,cohort\r\nann@example.org,Ann Jansen,learner,nl,Spring\r\n"


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet's row number (the header is row 1)
    column: str | None  # the column's header as written in the file
    message: object  # a lazy string, shown in the staff member's language


@dataclass
class Parsed:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def decode(data: bytes) -> str | None:
    """The text of the file, or None when it is not UTF-8 or Windows-1252 (such as UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _key(header: str) -> str | None:
    plain = "".join(c for c in header.strip().lower() if c.isalnum())
    return next((k for k, names in HEADERS.items() if plain in names), None)


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _fatal(message) -> Parsed:
    return Parsed(problems=[Problem(None, None, message)])


def parse(data: bytes, languages: list[str], default_language: str) -> Parsed:
    if len(data) > MAX_BYTES:
        return _fatal(_l("The file is larger than 5 MB. Split it into smaller files."))
    text = decode(data)
    if text is None:
        return _fatal(
            _l(
                "We cannot read the characters in this file. In Excel, choose "
                "“Save as” and then “CSV UTF-8 (comma delimited)”."
            )
        )
    if not text.strip():
        return _fatal(_l("The file is empty. Fill in the template and try again."))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error:
        return _fatal(_l("We cannot read this file as CSV. Fill in the template and try again."))
    header, records = records[0], records[1:]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        if key and key not in columns:
            columns[key] = index
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        return _fatal(
            _l(
                "The first row must name the columns email, name and role "
                "(and language and cohort if you like). Missing: %(columns)s.",
                columns=", ".join(missing),
            )
        )
    numbered = [(n, r) for n, r in enumerate(records, start=2) if any(c.strip() for c in r)]
    if len(numbered) > MAX_ROWS:
        return _fatal(
            _l(
                "The file has %(count)s rows. Import at most %(max)s rows at a time: "
                "split the file.",
                count=len(numbered),
                max=MAX_ROWS,
            )
        )
    if not numbered:
        return _fatal(_l("The file has no people in it. Fill in the template and try again."))
    names = {k: header[i].strip() for k, i in columns.items()}
    parsed = Parsed()
    seen: dict[tuple[str, Role], int] = {}
    for number, record in numbered:
        row = _row(number, record, columns, names, languages, default_language, parsed.problems)
        if row is None:
            continue
        first = seen.setdefault((row.email, row.role), number)
        if first != number:
            parsed.problems.append(
                Problem(
                    number,
                    names["email"],
                    _l("the same person and role are already on row %(row)s.", row=first),
                )
            )
            continue
        parsed.rows.append(row)
    return parsed


def _row(number, record, columns, names, languages, default_language, problems) -> ImportRow | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return record[index].strip() if index is not None and index < len(record) else ""

    before = len(problems)

    def problem(key: str, message) -> None:
        problems.append(Problem(number, names[key], message))

    email = cell("email").lower()
    if not email:
        problem("email", _l("enter an email address."))
    elif len(email) > EMAIL_MAX:
        problem("email", _l("an email address can be at most 254 characters."))
    else:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            problem("email", _l("“%(value)s” is not an email address.", value=email))
    name = " ".join(cell("name").split())
    if not name:
        problem("name", _l("enter the person's name."))
    elif len(name) > NAME_MAX:
        problem("name", _l("a name can be at most %(max)s characters.", max=NAME_MAX))
    role = ROLES.get(cell("role").lower())
    if role is None:
        problem(
            "role",
            _l(
                "“%(value)s” is not a role we know. Use learner, mentor or staff.",
                value=cell("role"),
            ),
        )
    language = cell("language").lower()
    language = LANGUAGE_NAMES.get(language, language) or default_language
    if language not in languages:
        problem(
            "language",
            _l(
                "“%(value)s” is not a language we offer. Use %(languages)s.",
                value=cell("language"),
                languages=", ".join(languages),
            ),
        )
    group = cell("group")
    if len(group) > GROUP_MAX:
        problem("group", _l("a cohort can be at most %(max)s characters.", max=GROUP_MAX))
    if len(problems) > before:
        return None
    return ImportRow(number, email, name, role, language, group)
