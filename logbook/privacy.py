"""Personal data of the logbook and the budgets (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import (
    Budget,
    BudgetRevision,
    Entry,
    EntryRead,
    HeldText,
    Message,
    MessageKind,
    Revision,
)


def _entries(user_id: int) -> list[dict]:
    entries = list(
        db.session.scalars(db.select(Entry).filter_by(user_id=user_id).order_by(Entry.id))
    )
    ids = [e.id for e in entries]
    revisions: dict[int, list] = {i: [] for i in ids}
    messages: dict[int, list] = {i: [] for i in ids}
    reads: dict[int, list] = {i: [] for i in ids}
    if ids:
        for r in db.session.scalars(
            db.select(Revision).where(Revision.entry_id.in_(ids)).order_by(Revision.version)
        ):
            revisions[r.entry_id].append(row(r, "version", "text", "created_at"))
        # The whole thread of the person's own entry is addressed to them.
        for m in db.session.scalars(
            db.select(Message).where(Message.entry_id.in_(ids)).order_by(Message.id)
        ):
            messages[m.entry_id].append(
                row(m, "kind", "body", "created_at", author=_name(m.author, user_id))
            )
        # The access log: who opened the entry and when (DESIGN.md section 4).
        for read in db.session.scalars(
            db.select(EntryRead).where(EntryRead.entry_id.in_(ids)).order_by(EntryRead.id)
        ):
            reads[read.entry_id].append(
                row(read, "read_at", reader=read.reader.name if read.reader else None)
            )
    return [
        row(
            e,
            "id",
            "course",
            "module",
            "key",
            "state",
            "text",
            "submitted_text",
            "submitted_at",
            "created_at",
            "updated_at",
            revisions=revisions[e.id],
            thread=messages[e.id],
            opened_by=reads[e.id],
        )
        for e in entries
    ]


def _name(author, user_id: int) -> str | None:
    if author is None:
        return None
    return "me" if author.id == user_id else author.name


def _written_on_others(user_id: int) -> list[dict]:
    """What a mentor wrote on a mentee's entries, and the mentee's answers to it; never the
    entry's own text, which is the mentee's."""
    mine = db.select(Message.entry_id).where(Message.author_id == user_id)
    query = (
        db.select(Message, Entry.course, Entry.key)
        .join(Entry, Entry.id == Message.entry_id)
        .where(Entry.user_id != user_id, Message.entry_id.in_(mine))
        .where((Message.author_id == user_id) | (Message.kind == MessageKind.ANSWER.value))
        .order_by(Message.id)
    )
    return [
        row(
            m,
            "entry_id",
            "kind",
            "body",
            "created_at",
            course=course,
            key=key,
            author=_name(m.author, user_id),
        )
        for m, course, key in db.session.execute(query)
    ]


def _budgets(user_id: int) -> list[dict]:
    budgets = list(
        db.session.scalars(db.select(Budget).filter_by(user_id=user_id).order_by(Budget.id))
    )
    history: dict[int, list] = {b.id: [] for b in budgets}
    if budgets:
        for r in db.session.scalars(
            db.select(BudgetRevision)
            .where(BudgetRevision.budget_id.in_(list(history)))
            .order_by(BudgetRevision.version)
        ):
            history[r.budget_id].append(row(r, "version", "data", "created_at"))
    return [
        row(
            b,
            "course",
            "kind",
            "data",
            "version",
            "created_at",
            "updated_at",
            revisions=history[b.id],
        )
        for b in budgets
    ]


def export(user_id: int) -> Export:
    held = db.session.scalars(db.select(HeldText).filter_by(user_id=user_id).order_by(HeldText.id))
    opened = db.session.scalars(
        db.select(EntryRead).filter_by(reader_id=user_id).order_by(EntryRead.id)
    )
    return {
        "entries": _entries(user_id),
        "written_on_mentees_entries": _written_on_others(user_id),
        "entries_i_opened": [row(r, "entry_id", "read_at") for r in opened],
        "held_texts": [row(h, "course", "key", "text", "created_at") for h in held],
        "budgets": _budgets(user_id),
    }


def erase(user_id: int) -> None:
    """The person's entries go with their revisions, threads and access log (the database
    cascades); what they wrote on someone else's entry stays under their anonymous account."""
    db.session.execute(db.delete(EntryRead).where(EntryRead.reader_id == user_id))
    for model in (Entry, HeldText, Budget):
        db.session.execute(db.delete(model).where(model.user_id == user_id))


_OWN_WORDS = "The person's own words: nobody else needs them once they have left."

PROVIDER = Provider(
    name="logbook",
    title=_l("Your logbook and budgets"),
    export=export,
    erase=erase,
    parts={
        "entries": _l("Your logbook entries"),
        "written_on_mentees_entries": _l("What you wrote on your mentees' entries"),
        "entries_i_opened": _l("Mentees' entries you opened"),
        "held_texts": _l("Text kept after you were signed out"),
        "budgets": _l("Your budgets"),
    },
    notes=(_l("Every version of every entry you wrote, the replies on it, and who opened it."),),
    tables=(
        Table(
            Entry,
            Policy.ERASE,
            _OWN_WORDS,
            person_columns=("user_id",),
            text_columns=("text", "submitted_text"),
        ),
        Table(
            Revision,
            Policy.ERASE,
            _OWN_WORDS,
            through="logbook_entries.user_id",
            text_columns=("text",),
        ),
        Table(
            Message,
            Policy.PSEUDONYMISE,
            "Erased with the learner's entry; a mentor's words on an entry of someone else "
            "stay, shown as written by a former participant.",
            person_columns=("author_id",),
            through="logbook_entries.user_id",
            text_columns=("body",),
        ),
        Table(
            EntryRead,
            Policy.ERASE,
            "An access log of the person's entries, or of their "
            "reading: no use once they have left.",
            person_columns=("reader_id",),
            through="logbook_entries.user_id",
        ),
        Table(
            HeldText, Policy.ERASE, _OWN_WORDS, person_columns=("user_id",), text_columns=("text",)
        ),
        Table(
            Budget, Policy.ERASE, _OWN_WORDS, person_columns=("user_id",), text_columns=("data",)
        ),
        Table(
            BudgetRevision,
            Policy.ERASE,
            _OWN_WORDS,
            through="logbook_budgets.user_id",
            text_columns=("data",),
        ),
    ),
)
