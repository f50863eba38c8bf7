"""Mentoring: intake surveys, matching rounds, pairs, charters, meetings, check-ins, evaluations.

A pair (`Mentorship`) is what other features ask about; the programme grows around it. Every
review, version, meeting and check-in is its own row.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Organisation, User
from extensions import db, utcnow

from .health import DEFAULT_REPLY_DAYS


class PairState(enum.StrEnum):
    PROPOSED = "proposed"  # approved by staff, waiting for both people to accept
    DECLINED = "declined"  # one of them said no, with a reason
    ACCEPTED = "accepted"  # both said yes; the kick-off meeting is next
    ACTIVE = "active"  # the kick-off has been held
    ENDED = "ended"
    REMATCHED = "rematched"  # ended because the pair did not fit; never proposed again


PAIR_TRANSITIONS: dict[PairState, frozenset[PairState]] = {
    PairState.PROPOSED: frozenset({PairState.ACCEPTED, PairState.DECLINED, PairState.ENDED}),
    PairState.DECLINED: frozenset(),
    PairState.ACCEPTED: frozenset({PairState.ACTIVE, PairState.ENDED, PairState.REMATCHED}),
    PairState.ACTIVE: frozenset({PairState.ENDED, PairState.REMATCHED}),
    PairState.ENDED: frozenset(),
    PairState.REMATCHED: frozenset(),
}

# The mentor may read a mentee's submitted logbook entries only in these states.
CURRENT_STATES = (PairState.ACCEPTED.value, PairState.ACTIVE.value)
# A person in one of these has a pair or a proposal to answer: not matched again meanwhile.
TAKEN_STATES = (PairState.PROPOSED.value, *CURRENT_STATES)
# The same rule in SQL, for the partial unique index: one open pair per mentee per organisation.
_OPEN = text("state IN (" + ", ".join(f"'{state}'" for state in TAKEN_STATES) + ")")
CLOSED_STATES = (PairState.ENDED.value, PairState.REMATCHED.value)
# The end reason of a pair whose mentor or mentee staff deactivated in the organisation.
MEMBER_DEACTIVATED = "member deactivated"


class SurveyRole(enum.StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    BOTH = "both"


class ProposalState(enum.StrEnum):
    PROPOSED = "proposed"  # waiting for staff
    APPROVED = "approved"  # became a Mentorship
    DROPPED = "dropped"  # staff said no, or a newer round replaced it


PROPOSAL_TRANSITIONS: dict[ProposalState, frozenset[ProposalState]] = {
    ProposalState.PROPOSED: frozenset({ProposalState.APPROVED, ProposalState.DROPPED}),
    ProposalState.APPROVED: frozenset(),
    ProposalState.DROPPED: frozenset(),
}


class CharterState(enum.StrEnum):
    DRAFT = "draft"  # nobody signed yet
    SIGNED_BY_ONE = "signed_by_one"
    SIGNED = "signed"  # both signed: this is the pair's agreement
    SUPERSEDED = "superseded"  # a newer version replaced it


CHARTER_TRANSITIONS: dict[CharterState, frozenset[CharterState]] = {
    CharterState.DRAFT: frozenset({CharterState.SIGNED_BY_ONE, CharterState.SUPERSEDED}),
    CharterState.SIGNED_BY_ONE: frozenset({CharterState.SIGNED, CharterState.SUPERSEDED}),
    CharterState.SIGNED: frozenset({CharterState.SUPERSEDED}),
    CharterState.SUPERSEDED: frozenset(),
}


class TrafficLight(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class Theme(db.Model):
    """One entry of the organisation's shared list of themes; default themes have no label of
    their own (their label is translated), themes staff add carry the label they typed."""

    __tablename__ = "mentoring_themes"
    __table_args__ = (UniqueConstraint("organisation_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(60))
    label: Mapped[str | None] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)


class MatchingSettings(db.Model):
    __tablename__ = "mentoring_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    weights: Mapped[dict] = mapped_column(JSON)
    threshold: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class IntakeSurvey(db.Model):
    __tablename__ = "intake_surveys"
    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id"),
        Index("ix_intake_surveys_organisation_role", "organisation_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(10))
    wants: Mapped[dict] = mapped_column(JSON, default=dict)  # theme slug -> priority 1..3
    offers: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    manner: Mapped[str] = mapped_column(String(12), default="either")
    region: Mapped[str] = mapped_column(String(80), default="")
    availability: Mapped[list] = mapped_column(JSON, default=list)
    studied_at: Mapped[str] = mapped_column(String(120), default="")
    hobbies: Mapped[str] = mapped_column(String(200), default="")
    volunteering: Mapped[str] = mapped_column(String(120), default="")
    home_town: Mapped[str] = mapped_column(String(80), default="")
    sector: Mapped[str] = mapped_column(String(30), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()

    @property
    def is_mentor(self) -> bool:
        return self.role in (SurveyRole.MENTOR.value, SurveyRole.BOTH.value)

    @property
    def is_mentee(self) -> bool:
        return self.role in (SurveyRole.MENTEE.value, SurveyRole.BOTH.value)


class MatchRound(db.Model):
    __tablename__ = "matching_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    run_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    weights: Mapped[dict] = mapped_column(JSON)
    threshold: Mapped[float] = mapped_column(Float)
    mentee_count: Mapped[int] = mapped_column(default=0)
    mentor_count: Mapped[int] = mapped_column(default=0)
    # [{"mentee_id": .., "reasons": [{"code": ..}, ..]}]
    unmatched: Mapped[list] = mapped_column(JSON, default=list)

    proposals: Mapped[list[MatchProposal]] = relationship(
        back_populates="round", order_by="MatchProposal.id", cascade="all, delete-orphan"
    )


class MatchProposal(db.Model):
    """A pair the round suggests; staff approve, swap or drop it. Staff-only."""

    __tablename__ = "matching_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("matching_rounds.id", ondelete="CASCADE"), index=True
    )
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    components: Mapped[dict] = mapped_column(JSON)
    runner_up: Mapped[dict | None] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), default=ProposalState.PROPOSED.value)
    swapped_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    decided_at: Mapped[datetime | None]
    mentorship_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentorships.id", ondelete="SET NULL"), index=True
    )

    round: Mapped[MatchRound] = relationship(back_populates="proposals")
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])


class Mentorship(db.Model):
    __tablename__ = "mentorships"
    # A mentee has at most one pair or proposal to answer per organisation: two staff pairing the
    # same mentee at once get one pair, and the other request is refused.
    __table_args__ = (
        Index(
            "ix_mentorships_one_open_per_mentee",
            "organisation_id",
            "mentee_id",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        Index("ix_mentorships_organisation_state", "organisation_id", "state"),  # pairs by state
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(12), default=PairState.PROPOSED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(500))
    # The score's components when the pair was proposed: the source of every explanation.
    components: Mapped[dict | None] = mapped_column(JSON)
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    mentor_accepted_at: Mapped[datetime | None]
    mentee_accepted_at: Mapped[datetime | None]
    declined_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    meeting_reminded_at: Mapped[datetime | None]
    checkin_reminded_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id])

    @property
    def ended_by_deactivation(self) -> bool:
        return self.end_reason == MEMBER_DEACTIVATED

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES

    def side_of(self, user_id: int) -> str | None:
        if user_id == self.mentor_id:
            return "mentor"
        if user_id == self.mentee_id:
            return "mentee"
        return None

    def other(self, user_id: int) -> User:
        return self.mentee if user_id == self.mentor_id else self.mentor


class CharterVersion(db.Model):
    __tablename__ = "charter_versions"
    __table_args__ = (UniqueConstraint("mentorship_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    state: Mapped[str] = mapped_column(String(14), default=CharterState.DRAFT.value)
    interval_days: Mapped[int] = mapped_column(default=14)
    manner: Mapped[str] = mapped_column(String(12), default="either")
    # [{"goal": .., "measure": .., "by": "2026-03-01" or ""}]
    goals: Mapped[list] = mapped_column(JSON, default=list)
    mentor_learns: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    mentor_signed_at: Mapped[datetime | None]
    mentee_signed_at: Mapped[datetime | None]
    # replies: the days the mentor answers a submitted logbook entry in (health.REPLY_DAYS)
    reply_days: Mapped[int] = mapped_column(default=DEFAULT_REPLY_DAYS, server_default="7")

    mentorship: Mapped[Mentorship] = relationship()


class Meeting(db.Model):
    __tablename__ = "mentoring_meetings"
    # A pair's last meeting (its health) without reading its others.
    __table_args__ = (Index("ix_mentoring_meetings_pair_held", "mentorship_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    minutes: Mapped[int | None]
    manner: Mapped[str] = mapped_column(String(12), default="online")
    topics: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")  # the pair's own: never shown to staff
    is_kickoff: Mapped[bool] = mapped_column(default=False)
    logged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CheckIn(db.Model):
    __tablename__ = "mentoring_checkins"
    __table_args__ = (Index("ix_mentoring_checkins_pair_created", "mentorship_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    light: Mapped[str] = mapped_column(String(6))
    note: Mapped[str] = mapped_column(Text, default="")
    next_action: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # flow: no check-in needed until this day, as the staff member chose (None: older check-ins)
    next_check_in_on: Mapped[date | None]  # flow

    staff: Mapped[User | None] = relationship()


class Evaluation(db.Model):
    """One side's closing evaluation; the other side sees it only once both have answered."""

    __tablename__ = "mentoring_evaluations"
    __table_args__ = (UniqueConstraint("mentorship_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(8))
    usefulness: Mapped[int]  # 1 (not useful) .. 4 (very useful)
    learned: Mapped[str] = mapped_column(Text, default="")
    learned_from_other: Mapped[str] = mapped_column(Text, default="")
    recommend: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- intro ---


class CoordinatorNote(db.Model):
    """What staff wrote to both people when they paired them by hand: shown on the pair page in
    place of a matching score's level."""

    __tablename__ = "mentoring_coordinator_notes"

    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- messages ---


class PairMessage(db.Model):
    """One message between the two people of a pair. Only they read it: staff see a count and
    the last date. With exactly two people, `read_at` is when the recipient first saw it."""

    __tablename__ = "pair_messages"
    __table_args__ = (Index("ix_pair_messages_pair_created", "pair_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"))
    sender_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    sender: Mapped[User | None] = relationship()


# --- meetings ---


class MeetingState(enum.StrEnum):
    PROPOSED = "proposed"  # waiting for the other person's answer
    ACCEPTED = "accepted"  # both agreed: in both calendars
    SUPERSEDED = "superseded"  # the other person suggested another time: a newer proposal counts
    CANCELLED = "cancelled"
    LOGGED = "logged"  # held, and logged as a Meeting


MEETING_TRANSITIONS: dict[MeetingState, frozenset[MeetingState]] = {
    MeetingState.PROPOSED: frozenset(
        {MeetingState.ACCEPTED, MeetingState.SUPERSEDED, MeetingState.CANCELLED}
    ),
    MeetingState.ACCEPTED: frozenset({MeetingState.LOGGED, MeetingState.CANCELLED}),
    MeetingState.SUPERSEDED: frozenset(),
    MeetingState.CANCELLED: frozenset(),
    MeetingState.LOGGED: frozenset(),
}

MEETING_LENGTHS = (30, 45, 60, 90, 120)  # minutes


def new_meeting_uid() -> str:
    """The calendar event's UID: the same in every invitation and cancellation of the meeting."""
    import secrets

    return f"meeting-{secrets.token_hex(16)}@herstart"


class MeetingProposal(db.Model):
    """A planned meeting one person proposes and the other accepts or answers with another time
    (a new row that supersedes this one). Accepted, it goes into both calendars as an .ics."""

    __tablename__ = "mentoring_meeting_proposals"
    __table_args__ = (Index("ix_meeting_proposals_state_starts", "state", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The proposal this one answers with another time, if it is a counter-proposal.
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentoring_meeting_proposals.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime]  # naive UTC, like every time we store
    minutes: Mapped[int] = mapped_column(default=60)
    place: Mapped[str] = mapped_column(String(300))  # an address or a video link
    topic: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")  # with another time suggested
    state: Mapped[str] = mapped_column(String(12), default=MeetingState.PROPOSED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]  # the reminder the day before went out
    ask_to_log_at: Mapped[datetime | None]  # after the time passed, both were asked to log it
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentoring_meetings.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_meeting_uid)
    ics_sequence: Mapped[int] = mapped_column(default=0)  # raised when the event is cancelled

    mentorship: Mapped[Mentorship] = relationship()
    proposed_by: Mapped[User | None] = relationship()

    @property
    def is_video(self) -> bool:
        return self.place.strip().lower().startswith(("http://", "https://"))

    @property
    def has_started(self) -> bool:
        return self.starts_at <= utcnow()
