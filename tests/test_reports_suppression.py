"""Suppression of small groups: the primary rule on a figure, and secondary suppression where a
hidden count could be worked out from a total and the rest of its column or row."""

from __future__ import annotations

import pytest

from organisations.reports.figures import Figure, Kind, Row, Table
from organisations.reports.suppression import protect, protect_table


def people(*counts):
    return [Figure(n, n) for n in counts]


def hidden(grid):
    return [[f.suppressed for f in row] for row in grid]


@pytest.mark.parametrize(
    ("count", "suppressed"), [(0, False), (1, True), (4, True), (5, False), (120, False)]
)
def test_a_figure_resting_on_one_to_four_people_is_suppressed(count, suppressed):
    assert Figure(count, count).suppressed is suppressed


def test_a_share_is_suppressed_by_the_people_it_rests_on_not_by_its_value():
    assert Figure(80.0, 4, Kind.PERCENT).suppressed
    assert not Figure(2.0, 5, Kind.PERCENT).suppressed


def test_one_hidden_cell_in_a_column_hides_the_next_smallest():
    grid = protect([people(40), people(3), people(9), people(12)])

    assert hidden(grid) == [[False], [True], [True], [False]]
    assert grid[2][0].secondary and not grid[1][0].secondary


def test_two_hidden_cells_in_a_column_are_enough():
    grid = protect([people(40), people(3), people(2), people(12)])

    assert hidden(grid) == [[False], [True], [True], [False]]
    assert not any(f.secondary for row in grid for f in row)


def test_zeros_stay_shown_and_are_never_the_second_cell():
    grid = protect([people(0), people(3), people(0), people(7)])

    assert [row[0].value for row in grid] == [0, 3, 0, 7]
    assert hidden(grid) == [[False], [True], [False], [True]]


def test_nothing_more_to_hide_when_the_others_are_zero():
    grid = protect([people(0), people(3), people(0)])

    assert hidden(grid) == [[False], [True], [False]]


def test_a_column_without_hidden_cells_stays_as_it_is():
    grid = [people(10), people(0), people(7)]

    assert protect(grid) == tuple(tuple(row) for row in grid)


def test_columns_are_protected_one_by_one():
    grid = protect([people(2, 30), people(8, 6), people(9, 1)])

    assert hidden(grid) == [[True, False], [True, True], [False, True]]


def test_rows_that_add_up_are_protected_and_hiding_carries_on_until_nothing_gives_away():
    # Only rows: 3 hides 6 beside it. With columns too, 3 and 6 are alone in their columns, so
    # 30 and 20 below them are hidden as well; the second row then holds two hidden cells.
    grid = protect([people(3, 6, 50), people(30, 20, 40)], columns_add_up=False, rows_add_up=True)
    assert hidden(grid) == [[True, True, False], [False, False, False]]

    both = protect([people(3, 6, 50), people(30, 20, 40)], columns_add_up=True, rows_add_up=True)
    assert hidden(both) == [[True, True, False], [True, True, False]]


def test_shares_and_averages_take_no_part():
    grid = protect(
        [
            [Figure(3, 3), Figure(50.0, 3, Kind.PERCENT)],
            [Figure(40, 40), Figure(7.5, 40, Kind.SCORE)],
            [Figure(6, 6), Figure(12.5, 6, Kind.PERCENT)],
        ]
    )

    assert hidden(grid) == [[True, True], [False, False], [True, False]]


def test_ties_hide_the_first_of_the_smallest():
    grid = protect([people(2), people(9), people(9)])

    assert hidden(grid) == [[True], [True], [False]]


def test_protect_table_keeps_labels_and_marks_figures():
    table = Table(
        key="reach_by_age",
        title="Reach by age",
        caption="",
        columns=("Joined",),
        rows=(Row("45 to 54", (Figure(12, 12),)), Row("65 and over", (Figure(1, 1),))),
    )

    protected = protect_table(table)

    assert [row.label for row in protected.rows] == ["45 to 54", "65 and over"]
    assert [row.figures[0].suppressed for row in protected.rows] == [True, True]
    assert protected.key == "reach_by_age"
