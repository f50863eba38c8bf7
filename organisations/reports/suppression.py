"""Secondary suppression. A count below 5 is hidden by Figure.suppressed (primary suppression),
but where the cells of a column (or row) add up to a total shown elsewhere, one hidden cell
could be worked out as the total minus the shown cells. So whenever a line that adds up holds
exactly one hidden count, the next smallest shown count of that line is hidden too, until no
such line is left. Zeros are never hidden (an empty group shows nobody); shares, medians and
averages cannot be added up, so only counts take part. Pure: figures in, figures out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .figures import Figure, Kind, Row, Table

ADDABLE = (Kind.PEOPLE, Kind.COUNT)

Cell = tuple[int, int]


def _lines(height: int, width: int, columns_add_up: bool, rows_add_up: bool) -> list[list[Cell]]:
    lines: list[list[Cell]] = []
    if columns_add_up:
        lines += [[(r, c) for r in range(height)] for c in range(width)]
    if rows_add_up:
        lines += [[(r, c) for c in range(width)] for r in range(height)]
    return lines


def protect(
    grid: Sequence[Sequence[Figure]], *, columns_add_up: bool = True, rows_add_up: bool = False
) -> tuple[tuple[Figure, ...], ...]:
    """The grid with the figures that would give away a suppressed one marked `secondary`."""
    cells = {(r, c): f for r, row in enumerate(grid) for c, f in enumerate(row)}
    width = max((len(row) for row in grid), default=0)
    lines = _lines(len(grid), width, columns_add_up, rows_add_up)
    changed = True
    while changed:
        changed = False
        for line in lines:
            counts = [p for p in line if p in cells and cells[p].kind in ADDABLE]
            hidden = [p for p in counts if cells[p].suppressed and cells[p].people > 0]
            if len(hidden) != 1:
                continue
            shown = [p for p in counts if not cells[p].suppressed and cells[p].people > 0]
            if not shown:
                continue  # the others are all zero: the total is the hidden cell, hidden too
            smallest = min(shown, key=lambda p: (cells[p].people, p))
            cells[smallest] = replace(cells[smallest], secondary=True)
            changed = True
    return tuple(tuple(cells[(r, c)] for c in range(len(row))) for r, row in enumerate(grid))


def protect_table(table: Table, *, columns_add_up: bool = True, rows_add_up: bool = False) -> Table:
    grid = protect(
        [row.figures for row in table.rows], columns_add_up=columns_add_up, rows_add_up=rows_add_up
    )
    rows = tuple(Row(row.label, figures) for row, figures in zip(table.rows, grid, strict=True))
    return replace(table, rows=rows)
