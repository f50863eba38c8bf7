"""The providers of every feature, as app.py listed them (one line per feature)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app

from personal_data import Provider


def register(app, providers: Iterable[Provider]) -> None:
    app.extensions["privacy_providers"] = tuple(providers)


def providers() -> tuple[Provider, ...]:
    return current_app.extensions["privacy_providers"]


def declared_columns(found: Iterable[Provider]) -> set[tuple[str, str]]:
    """(table, column) of every column a provider says points at the person."""
    return {
        (table.name, column)
        for provider in found
        for table in provider.tables
        for column in table.person_columns
    }


def declared_tables(found: Iterable[Provider]) -> set[str]:
    return {table.name for provider in found for table in provider.tables}
