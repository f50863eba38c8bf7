"""Every change to a logbook, split by audience. Each function checks permission, changes the
session and flushes; the request commits. Callers use `services.<name>` from here."""

from ..models import SAVE_MOVES
from .common import (
    Conflict,
    EntryNotFound,
    LogbookError,
    check_length,
    entries_of,
    entry_of,
    mark_read_for,
    move_entry,
    reads_of,
    revision_of,
    revisions_of,
    thread_of,
)
from .learner import (
    FOLD_WINDOW,
    HOLD_FOR,
    answer_feedback,
    hold_text,
    restore_revision,
    save_entry,
    submit_entry,
    take_held_text,
    withdraw_entry,
)
from .mentor import (
    MENTOR_VISIBLE,
    Waiting,
    entry_for_mentor,
    give_feedback,
    inbox,
    people,
    record_read,
    shared_entries_of,
)
from .staff import EntryStatus, entry_statuses
from .waits import answer_expected_by, days_waited, waiting_days_by_learner

__all__ = [
    "SAVE_MOVES",
    "Conflict",
    "EntryNotFound",
    "EntryStatus",
    "FOLD_WINDOW",
    "HOLD_FOR",
    "LogbookError",
    "MENTOR_VISIBLE",
    "Waiting",
    "answer_expected_by",
    "answer_feedback",
    "check_length",
    "days_waited",
    "entries_of",
    "entry_for_mentor",
    "entry_of",
    "entry_statuses",
    "give_feedback",
    "hold_text",
    "inbox",
    "mark_read_for",
    "move_entry",
    "people",
    "reads_of",
    "record_read",
    "restore_revision",
    "revision_of",
    "revisions_of",
    "save_entry",
    "shared_entries_of",
    "submit_entry",
    "take_held_text",
    "thread_of",
    "waiting_days_by_learner",
    "withdraw_entry",
]
