"""SQL both databases understand for what the report needs beyond standard SQL: whole days
between two moments."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer


class days_between(FunctionElement[int]):  # noqa: N801 (used like an SQL function)
    """Whole days from `start` to `end` (dates or timestamps), rounded down: 6 days and 23 hours
    is 6 days, as pair health counts them."""

    type = Integer()
    name = "days_between"
    inherit_cache = True


@compiles(days_between, "sqlite")
def _sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    # Whole seconds, then integer division: no floating-point error at exact day boundaries.
    return (
        f"((CAST(strftime('%s', {end}) AS INTEGER)"
        f" - CAST(strftime('%s', {start}) AS INTEGER)) / 86400)"
    )


@compiles(days_between, "postgresql")
def _postgresql(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"CAST(floor(EXTRACT(EPOCH FROM (CAST({end} AS TIMESTAMP)"
        f" - CAST({start} AS TIMESTAMP))) / 86400) AS INTEGER)"
    )


class calendar_days(FunctionElement[int]):  # noqa: N801 (used like an SQL function)
    """Days from the day of `start` to the day of `end`, whatever the time of day: as
    `(end.date() - start.date()).days` counts them."""

    type = Integer()
    name = "calendar_days"
    inherit_cache = True


@compiles(calendar_days, "sqlite")
def _sqlite_days(element: calendar_days, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    # Midnights are whole and half days in Julian days: the difference is exact.
    return f"CAST(julianday(date({end})) - julianday(date({start})) AS INTEGER)"


@compiles(calendar_days, "postgresql")
def _postgresql_days(element: calendar_days, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"
