"""Every table that points at a person is declared by a feature's privacy provider, with a
policy and a reason: a new model with a user reference fails here until it is declared."""

from __future__ import annotations

from extensions import db
from personal_data import Policy
from privacy.registry import declared_columns, declared_tables, providers


def _user_references() -> list[tuple[str, str, str]]:
    """(model, table, column) of every column with a foreign key to users.id."""
    found = []
    for mapper in db.Model.registry.mappers:
        table = mapper.local_table
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                found.append((mapper.class_.__name__, table.name, column.name))
    return sorted(found)


def test_every_user_reference_is_declared_by_a_provider(app):
    declared = declared_columns(providers())
    missing = [
        f"{model}.{column} (table {table})"
        for model, table, column in _user_references()
        if (table, column) not in declared
    ]
    assert not missing, (
        "These columns point at a person but no privacy provider declares them. Add a "
        "Table(Model, Policy..., reason, person_columns=(...)) to the PROVIDER in the model's "
        "package privacy.py (see personal_data.py), and list that PROVIDER in app.py "
        "_register_privacy_providers:\n  " + "\n  ".join(missing)
    )


def test_the_walk_finds_references(app):
    """The check above means something: it sees the logbook's and the pairs' references."""
    found = {(table, column) for _, table, column in _user_references()}
    assert {("logbook_entries", "user_id"), ("mentorships", "mentee_id")} <= found


def test_the_people_table_itself_is_declared(app):
    assert "users" in declared_tables(providers())


def test_declared_columns_exist_and_every_table_has_a_reason(app):
    wrong = []
    for provider in providers():
        for table in provider.tables:
            columns = set(table.model.__table__.columns.keys())
            named = (*table.person_columns, *table.text_columns, *table.identity_columns)
            wrong += [f"{table.name}.{c}" for c in named if c not in columns]
            if not table.reason.strip() or table.policy not in Policy:
                wrong.append(f"{table.name}: policy and reason")
    assert wrong == []


def test_each_table_is_declared_once_and_provider_names_are_distinct(app):
    names = [t.name for p in providers() for t in p.tables]
    assert len(names) == len(set(names))
    assert len({p.name for p in providers()}) == len(providers())
