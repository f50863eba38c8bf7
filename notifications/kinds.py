"""Every kind of event that reaches the notification centre, with the sentence it shows.

Features push their events down with `services.notify(kind, ...)`; this table is the one place
that names them, so the preferences page and the digest know every kind.
"""

from __future__ import annotations

import enum
from typing import Any

from flask_babel import lazy_gettext as _l


class Kind(enum.StrEnum):
    ENTRY_SUBMITTED = "entry_submitted"  # to the mentor
    FEEDBACK_GIVEN = "feedback_given"  # to the learner
    FEEDBACK_ANSWERED = "feedback_answered"  # to the mentor: the learner answered the feedback
    MESSAGE_RECEIVED = "message_received"  # to the other person of the pair
    INTRODUCTION = "introduction"  # to both, when both said yes
    PROPOSAL_TO_ANSWER = "proposal_to_answer"  # to both: staff proposed a pair
    CHARTER_TO_SIGN = "charter_to_sign"  # to the other person of the pair
    MEETING_PROPOSED = "meeting_proposed"  # to the other person of the pair
    MEETING_ANSWERED = "meeting_answered"  # accepted or another time suggested
    MEETING_REMINDER = "meeting_reminder"  # the day before
    MEETING_TO_LOG = "meeting_to_log"  # after the date
    MEETING_LOGGED = "meeting_logged"  # to the other person of the pair
    CHECKIN_DUE = "checkin_due"  # to staff
    EVALUATION_OPEN = "evaluation_open"  # to both, when the pair ended
    DATA_EXPORT_READY = "data_export_ready"  # to the person who asked for their data
    QUESTION_ASKED = "question_asked"  # to the organisation's staff
    QUESTION_ANSWERED = "question_answered"  # to the person who asked
    NETWORK_MESSAGE = "network_message"  # to a participant written to through the network
    STORY_PUBLISHED = "story_published"  # to the author, when staff published their story
    ACCESSIBILITY_FEEDBACK = "accessibility_feedback"  # to platform admins: a problem reported


class Frequency(enum.StrEnum):
    AT_ONCE = "at_once"
    DAILY = "daily"
    WEEKLY = "weekly"
    APP_ONLY = "app_only"


DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)

# What the centre says; `params` of the notification fill the placeholders (names, titles).
MESSAGES: dict[Kind, Any] = {
    Kind.ENTRY_SUBMITTED: _l("%(name)s sent you a logbook entry: %(title)s"),
    Kind.FEEDBACK_GIVEN: _l("%(name)s replied to your logbook entry: %(title)s"),
    Kind.FEEDBACK_ANSWERED: _l("%(name)s answered your feedback on: %(title)s"),
    Kind.MESSAGE_RECEIVED: _l("New message from %(name)s"),
    Kind.INTRODUCTION: _l("Meet %(name)s, your mentoring partner"),
    Kind.PROPOSAL_TO_ANSWER: _l("A mentoring proposal is waiting for your answer"),
    Kind.CHARTER_TO_SIGN: _l("%(name)s asks you to sign your mentoring agreement"),
    Kind.MEETING_PROPOSED: _l("%(name)s proposes a meeting on %(when)s"),
    Kind.MEETING_ANSWERED: _l("%(name)s answered your meeting proposal for %(when)s"),
    Kind.MEETING_REMINDER: _l("Reminder: you meet %(name)s on %(when)s"),
    Kind.MEETING_TO_LOG: _l("How did your meeting with %(name)s go? Log it"),
    Kind.MEETING_LOGGED: _l("%(name)s logged your meeting of %(when)s"),
    Kind.CHECKIN_DUE: _l("The pair %(name)s needs a check-in"),
    Kind.EVALUATION_OPEN: _l("Your mentoring has ended: tell us how it went"),
    Kind.DATA_EXPORT_READY: _l("Your data is ready to download until %(when)s"),
    Kind.QUESTION_ASKED: _l("%(name)s asked a question"),
    Kind.QUESTION_ANSWERED: _l("Your question has been answered"),
    Kind.NETWORK_MESSAGE: _l("%(name)s wrote to you through the network"),
    Kind.STORY_PUBLISHED: _l("Your story is published: %(title)s"),
    Kind.ACCESSIBILITY_FEEDBACK: _l("Accessibility problem reported on %(page)s: %(what)s"),
}

# How each kind reads on the preferences page.
LABELS: dict[Kind, object] = {
    Kind.ENTRY_SUBMITTED: _l("A mentee sends me a logbook entry"),
    Kind.FEEDBACK_GIVEN: _l("My mentor replies to my logbook entry"),
    Kind.FEEDBACK_ANSWERED: _l("A mentee answers my feedback"),
    Kind.MESSAGE_RECEIVED: _l("A new message from my mentoring partner"),
    Kind.INTRODUCTION: _l("An introduction to my new mentoring partner"),
    Kind.PROPOSAL_TO_ANSWER: _l("A mentoring proposal to answer"),
    Kind.CHARTER_TO_SIGN: _l("An agreement to sign"),
    Kind.MEETING_PROPOSED: _l("A meeting proposed to me"),
    Kind.MEETING_ANSWERED: _l("An answer to my meeting proposal"),
    Kind.MEETING_REMINDER: _l("A reminder the day before a meeting"),
    Kind.MEETING_TO_LOG: _l("A meeting to log after it took place"),
    Kind.MEETING_LOGGED: _l("My partner logged a meeting"),
    Kind.CHECKIN_DUE: _l("A pair needs a check-in (staff)"),
    Kind.EVALUATION_OPEN: _l("The closing evaluation opens"),
    Kind.DATA_EXPORT_READY: _l("My data is ready to download"),
    Kind.QUESTION_ASKED: _l("A learner or mentor asks a question (staff)"),
    Kind.QUESTION_ANSWERED: _l("My question has been answered"),
    Kind.NETWORK_MESSAGE: _l("A message from another participant through the network"),
    Kind.STORY_PUBLISHED: _l("My success story is published"),
    Kind.ACCESSIBILITY_FEEDBACK: _l("Someone reports a problem with accessibility (admins)"),
}

# Unless a person chose otherwise, every kind is emailed at once.
DEFAULT_FREQUENCY = Frequency.AT_ONCE
