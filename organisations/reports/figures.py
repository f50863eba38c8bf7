"""The shape of a programme report, shared by the queries that fill it and the page, charts and
exports that show it. A figure knows how many people stand behind it, so the one suppression
rule (fewer than 5 people) is applied here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# A figure resting on fewer people than this is shown as "fewer than 5", everywhere.
SMALLEST_GROUP = 5


class Kind(StrEnum):
    PEOPLE = "people"  # a number of people
    COUNT = "count"  # a number of things (entries, meetings)
    DAYS = "days"
    PERCENT = "percent"  # 0..100
    SCORE = "score"  # a quiz score or an evaluation average


@dataclass(frozen=True)
class Figure:
    """One number and the number of people it rests on (for a count of people: itself)."""

    value: float | int | None  # None: nothing to show (no data)
    people: int
    kind: Kind = Kind.PEOPLE
    # Hidden although large enough: it would give away a suppressed figure of its row or column
    # (see suppression.py).
    secondary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.secondary or 0 < self.people < SMALLEST_GROUP


@dataclass(frozen=True)
class Row:
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Table:
    """One table of the report: shown as a table, optionally as a chart, and exported as CSV and
    as a sheet of the workbook. `key` names the CSV file and the sheet."""

    key: str
    title: str
    caption: str
    columns: tuple[str, ...]  # headers of the figure columns (the row label column comes first)
    rows: tuple[Row, ...]
    chart: str | None = None  # "bar" or "line"


@dataclass(frozen=True)
class Section:
    key: str  # reach, learning, mentoring, outcomes
    title: str
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Period:
    start: date  # first day counted
    end: date  # last day counted (inclusive)


@dataclass
class Report:
    organisation_id: int
    period: Period
    cohort: str | None  # a group label, or every member
    sections: list[Section] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return next(t for s in self.sections for t in s.tables if t.key == key)
