"""Personal data of the mentoring programme (see personal_data.py).

A pair is shared by two people: each gets the pair's agreements, planned meetings and messages
(addressed to them), their own evaluation and the notes of meetings they logged themselves; never
the partner's private notes or evaluation, the matching scores or what staff wrote about the pair.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import (
    MEMBER_DEACTIVATED,
    CharterVersion,
    CheckIn,
    CoordinatorNote,
    Evaluation,
    IntakeSurvey,
    MatchProposal,
    MatchRound,
    Meeting,
    MeetingProposal,
    Mentorship,
    PairMessage,
)

SURVEY_COLUMNS = (
    "role",
    "wants",
    "offers",
    "languages",
    "manner",
    "region",
    "availability",
    "studied_at",
    "hobbies",
    "volunteering",
    "home_town",
    "sector",
    "introduction",
    "capacity",
    "created_at",
    "updated_at",
)


def _pairs(user_id: int) -> list[Mentorship]:
    query = (
        db.select(Mentorship)
        .where(or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id))
        .order_by(Mentorship.id)
    )
    return list(db.session.scalars(query))


def _pair_row(pair: Mentorship, user_id: int, note: str | None) -> dict:
    side = pair.side_of(user_id)
    return row(
        pair,
        "id",
        "state",
        "created_at",
        "started_at",
        "ended_at",
        organisation=pair.organisation.name,
        my_side=side,
        partner=pair.other(user_id).name,
        i_accepted_at=pair.mentor_accepted_at if side == "mentor" else pair.mentee_accepted_at,
        my_decline_reason=pair.decline_reason if pair.declined_by_id == user_id else None,
        note_from_staff_to_us_both=note,
    )


def export(user_id: int) -> Export:
    pairs = _pairs(user_id)
    ids = [p.id for p in pairs]
    surveys = db.session.scalars(db.select(IntakeSurvey).filter_by(user_id=user_id))
    data: Export = {"intake_surveys": [row(s, *SURVEY_COLUMNS) for s in surveys]}
    notes = {
        n.mentorship_id: n.note
        for n in db.session.scalars(
            db.select(CoordinatorNote).where(CoordinatorNote.mentorship_id.in_(ids))
        )
    }
    data["pairs"] = [_pair_row(p, user_id, notes.get(p.id)) for p in pairs]
    in_pairs = {
        "charters": (CharterVersion, CharterVersion.mentorship_id),
        "meetings": (Meeting, Meeting.mentorship_id),
        "planned_meetings": (MeetingProposal, MeetingProposal.mentorship_id),
        "messages": (PairMessage, PairMessage.pair_id),
    }
    found = {
        part: list(db.session.scalars(db.select(model).where(column.in_(ids)).order_by(model.id)))
        for part, (model, column) in in_pairs.items()
    }
    data["charters"] = [
        row(
            c,
            "mentorship_id",
            "version",
            "state",
            "interval_days",
            "manner",
            "goals",
            "mentor_learns",
            "reply_days",
            "created_at",
            "mentor_signed_at",
            "mentee_signed_at",
        )
        for c in found["charters"]
    ]
    data["meetings"] = [
        row(
            m,
            "mentorship_id",
            "held_on",
            "minutes",
            "manner",
            "topics",
            "is_kickoff",
            "created_at",
            logged_by_me=m.logged_by_id == user_id,
            # The notes of a meeting the partner logged are their words: read on the pair page.
            notes=m.notes if m.logged_by_id == user_id else None,
        )
        for m in found["meetings"]
    ]
    data["planned_meetings"] = [
        row(
            p,
            "mentorship_id",
            "starts_at",
            "minutes",
            "place",
            "topic",
            "note",
            "state",
            "created_at",
            "answered_at",
            proposed_by_me=p.proposed_by_id == user_id,
        )
        for p in found["planned_meetings"]
    ]
    data["messages"] = [
        row(m, "pair_id", "body", "created_at", "read_at", sent_by_me=m.sender_id == user_id)
        for m in found["messages"]
    ]
    evaluations = db.session.scalars(db.select(Evaluation).filter_by(user_id=user_id))
    data["my_evaluations"] = [
        row(
            e,
            "mentorship_id",
            "side",
            "usefulness",
            "learned",
            "learned_from_other",
            "recommend",
            "created_at",
        )
        for e in evaluations
    ]
    # Staff: the fact of their work, not what they wrote about other people's pairs.
    checkins = db.session.scalars(db.select(CheckIn).filter_by(staff_id=user_id))
    data["check_ins_i_recorded"] = [
        row(c, "mentorship_id", "light", "created_at") for c in checkins
    ]
    rounds = db.session.scalars(db.select(MatchRound).filter_by(run_by_id=user_id))
    data["matching_rounds_i_ran"] = [row(r, "id", "created_at") for r in rounds]
    return data


def erase(user_id: int) -> None:
    """The person's answers, messages and notes go; the pair's record stays for the report,
    and the partner keeps their own words (their partner now an anonymous account)."""
    ids = [p.id for p in _pairs(user_id)]
    db.session.execute(db.delete(IntakeSurvey).where(IntakeSurvey.user_id == user_id))
    db.session.execute(db.delete(PairMessage).where(PairMessage.sender_id == user_id))
    db.session.execute(
        db.update(Meeting).where(Meeting.logged_by_id == user_id).values(notes="", topics="")
    )
    db.session.execute(
        db.update(Evaluation)
        .where(Evaluation.user_id == user_id)
        .values(learned="", learned_from_other="")
    )
    if ids:
        db.session.execute(
            db.update(Mentorship)
            .where(Mentorship.id.in_(ids), Mentorship.end_reason != MEMBER_DEACTIVATED)
            .values(end_reason=None)
        )
        db.session.execute(
            db.update(Mentorship).where(Mentorship.id.in_(ids)).values(decline_reason=None)
        )
        db.session.execute(
            db.update(MeetingProposal)
            .where(MeetingProposal.replaces_id.is_not(None))
            .where(MeetingProposal.mentorship_id.in_(ids))
            .values(replaces_id=None)
        )
        db.session.execute(db.delete(MeetingProposal).where(MeetingProposal.mentorship_id.in_(ids)))


_PAIR_RECORD = (
    "Kept under a random id: that a pair existed, when and how it ended counts in the funder's "
    "report; reasons typed in free text are erased."
)

PROVIDER = Provider(
    name="mentoring",
    title=_l("Your mentoring"),
    export=export,
    erase=erase,
    parts={
        "intake_surveys": _l("Your intake survey"),
        "pairs": _l("Your mentoring pairs"),
        "charters": _l("Your mentoring agreements"),
        "meetings": _l("Your meetings"),
        "planned_meetings": _l("Meetings you planned"),
        "messages": _l("Your messages"),
        "my_evaluations": _l("Your closing evaluations"),
        "check_ins_i_recorded": _l("Check-ins you recorded"),
        "matching_rounds_i_ran": _l("Matching rounds you ran"),
    },
    notes=(
        _l(
            "Notes of a meeting your partner logged, their evaluation and what staff wrote "
            "about your pair are not included: they are other people's words."
        ),
    ),
    tables=(
        Table(
            IntakeSurvey,
            Policy.ERASE,
            "Answers for matching only: no use once the person has left.",
            person_columns=("user_id",),
            text_columns=(
                "studied_at",
                "hobbies",
                "volunteering",
                "home_town",
                "introduction",
                "region",
            ),
        ),
        Table(
            MatchRound,
            Policy.PSEUDONYMISE,
            "The round stays for the organisation; its ids lead to an anonymous account.",
            person_columns=("run_by_id",),
        ),
        Table(
            MatchProposal,
            Policy.PSEUDONYMISE,
            "Ids and scores of a round's suggestion, kept for the round's record; the ids lead "
            "to an anonymous account.",
            person_columns=("mentee_id", "mentor_id", "swapped_from_id", "decided_by_id"),
        ),
        Table(
            Mentorship,
            Policy.KEEP_FOR_AUDIT,
            _PAIR_RECORD,
            person_columns=("mentor_id", "mentee_id", "proposed_by_id", "declined_by_id"),
            text_columns=("end_reason", "decline_reason"),
        ),
        Table(
            CharterVersion,
            Policy.PSEUDONYMISE,
            "The partner signed it too: it stays for them without the writer's link.",
            person_columns=("written_by_id",),
            through="mentorships.mentee_id",
            text_columns=("goals", "mentor_learns"),
        ),
        Table(
            Meeting,
            Policy.PSEUDONYMISE,
            "Dates count for pair health and reports; notes the person wrote are erased.",
            person_columns=("logged_by_id",),
            through="mentorships.mentee_id",
            text_columns=("topics", "notes"),
        ),
        Table(
            CheckIn,
            Policy.PSEUDONYMISE,
            "The organisation's record of its pairs: the staff "
            "member's identity is removed, the note stays.",
            person_columns=("staff_id",),
            through="mentorships.mentee_id",
            text_columns=("note", "next_action"),
        ),
        Table(
            Evaluation,
            Policy.PSEUDONYMISE,
            "The usefulness score counts in reports under a "
            "random id; what the person wrote is erased.",
            person_columns=("user_id",),
            text_columns=("learned", "learned_from_other"),
        ),
        Table(
            CoordinatorNote,
            Policy.PSEUDONYMISE,
            "Staff's note to a pair stays without the writer's link.",
            person_columns=("written_by_id",),
            through="mentorships.mentee_id",
            text_columns=("note",),
        ),
        Table(
            PairMessage,
            Policy.PSEUDONYMISE,
            "The person's messages are erased; the partner's stay, to 'a former participant'.",
            person_columns=("sender_id",),
            through="mentorships.mentee_id",
            text_columns=("body",),
        ),
        Table(
            MeetingProposal,
            Policy.ERASE,
            "Planned meetings of the person's pairs have no use once they have left.",
            person_columns=("proposed_by_id",),
            through="mentorships.mentee_id",
            text_columns=("place", "topic", "note"),
        ),
    ),
)
