"""The staff side of outcomes: a learner's outcomes on their staff page, marking leaving and
undoing it, answers given by phone, and the per-person file."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from accounts.models import Membership, Role
from extensions import db, utcnow
from logbook.models import Entry
from outcomes.models import Departure, EntryStatus, FollowUp, LeavingReason, Moment
from outcomes.services import follow_up_for, link_expiry, record_departure

TODAY = utcnow().date()
MARKER = "MARKER-LOGBOOK-TEXT about my bakery"


@pytest.fixture
def world(make):
    org = make.organisation()
    other_org = make.organisation()
    people = {
        "staff": make.user(Role.STAFF, org, name="Sanne Staff"),
        "learner": make.user(Role.LEARNER, org, name="Marianne Learner"),
        "other_learner": make.user(Role.LEARNER, org),
        "mentor": make.user(Role.MENTOR, org),
        "staff_other_org": make.user(Role.STAFF, other_org),
    }
    make.pair(people["mentor"], people["learner"], org)
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=people["learner"].id))
    membership.created_at = datetime(2025, 9, 1)
    db.session.commit()
    return {"org": org, **people}


def url(world, tail=""):
    return f"/organisations/{world['org'].slug}/learners/{world['learner'].id}{tail}"


def page(client, auth, world) -> str:
    auth.login(world["staff"])
    response = client.get(url(world))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def left(world, days_ago=0, reason=LeavingReason.FINISHED) -> Departure:
    departure = record_departure(
        world["learner"],
        world["org"],
        reason=reason,
        left_on=TODAY - timedelta(days=days_ago),
        note="Found a job",
        recorded_by=world["staff"],
    )
    db.session.commit()
    return departure


def emailed(departure: Departure, moment: Moment) -> FollowUp:
    """A follow-up as the follow-up command sends it: with a link that works for 60 days."""
    follow_up = follow_up_for(departure, moment)
    follow_up.expires_at = link_expiry(follow_up.sent_at)
    db.session.commit()
    return follow_up


def outcome_rows() -> tuple[int, int]:
    db.session.commit()
    return (
        db.session.scalar(db.select(db.func.count(Departure.id))),
        db.session.scalar(db.select(db.func.count(FollowUp.id))),
    )


PHONE = {
    "leaving-situation": "self_employed",
    "leaving-business_registered": "yes",
    "leaving-registration_number": "KVK 1234 5678",
    "leaving-started_trading": "no",
    "leaving-financing": ["savings", "microcredit"],
}


# The learner's page -------------------------------------------------------------------------


def test_staff_see_the_status_at_entry(client, auth, world):
    db.session.add(
        EntryStatus(
            user_id=world["learner"].id,
            organisation_id=world["org"].id,
            birth_year=1968,
            situation="looking",
            benefit="unemployment",
        )
    )
    html = page(client, auth, world)
    assert "Programme outcomes" in html
    assert "1968" in html and "Unemployed and looking for work" in html
    assert "Unemployment benefit" in html


def test_a_status_at_entry_not_given_says_so(client, auth, world):
    html = page(client, auth, world)
    assert html.count("not given") == 3
    assert "This person has not left the programme." in html


def test_the_mentor_never_sees_the_status_at_entry(client, auth, world):
    db.session.add(
        EntryStatus(user_id=world["learner"].id, organisation_id=world["org"].id, birth_year=1961)
    )
    auth.login(world["mentor"])
    response = client.get(url(world))
    assert response.status_code == 403
    assert "1961" not in response.get_data(as_text=True)


# Leaving --------------------------------------------------------------------------------------


def test_staff_mark_leaving_and_the_page_shows_it(client, auth, world):
    auth.login(world["staff"])
    response = client.post(
        url(world, "/leaving"),
        data={"reason": "stopped", "left_on": "2026-01-15", "note": "Health reasons"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    departure = db.session.scalar(db.select(Departure))
    assert (departure.reason, departure.left_on, departure.note) == (
        "stopped",
        date(2026, 1, 15),
        "Health reasons",
    )
    assert departure.recorded_by_id == world["staff"].id
    assert "Stopped before the end" in html and "Sanne Staff" in html


def test_the_leaving_form_offers_today(client, auth, world):
    assert f'value="{TODAY.isoformat()}"' in page(client, auth, world)


def test_a_leaving_date_in_the_future_is_refused(client, auth, world):
    auth.login(world["staff"])
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = client.post(
        url(world, "/leaving"), data={"reason": "finished", "left_on": tomorrow, "note": "Kept"}
    )
    html = response.get_data(as_text=True)
    assert "The date of leaving cannot be in the future." in html
    assert 'value="Kept"' in html  # what was typed stays
    assert outcome_rows() == (0, 0)


def test_a_leaving_date_before_joining_is_refused(client, auth, world):
    auth.login(world["staff"])
    response = client.post(
        url(world, "/leaving"), data={"reason": "finished", "left_on": "2025-08-31"}
    )
    assert "cannot be before the person joined" in response.get_data(as_text=True)
    assert outcome_rows() == (0, 0)


def test_leaving_without_a_reason_is_refused(client, auth, world):
    auth.login(world["staff"])
    response = client.post(url(world, "/leaving"), data={"left_on": TODAY.isoformat()})
    assert "Choose whether the person finished or stopped." in response.get_data(as_text=True)
    assert outcome_rows() == (0, 0)


def test_a_found_departure_says_it_was_found_automatically(client, auth, world):
    record_departure(world["learner"], world["org"], reason=LeavingReason.FINISHED, left_on=TODAY)
    assert "found automatically" in page(client, auth, world)


def test_undo_takes_back_leaving_and_its_unanswered_follow_ups(client, auth, world):
    emailed(left(world), Moment.LEAVING)
    auth.login(world["staff"])
    response = client.post(url(world, "/leaving/undo"), follow_redirects=True)
    assert "Leaving undone." in response.get_data(as_text=True)
    assert outcome_rows() == (0, 0)
    assert "Mark leaving" in page(client, auth, world)


def test_undo_is_refused_once_a_follow_up_was_answered(client, auth, world):
    departure = left(world)
    auth.login(world["staff"])
    client.post(url(world, "/follow-ups/leaving"), data=PHONE)
    response = client.post(url(world, "/leaving/undo"), follow_redirects=True)
    assert "Leaving cannot be undone" in response.get_data(as_text=True)
    assert db.session.get(Departure, departure.id) is not None


# Answers given by phone -----------------------------------------------------------------------


def test_a_phone_answer_is_stored_as_given_by_phone_by_the_staff_member(client, auth, world):
    left(world)
    auth.login(world["staff"])
    response = client.post(url(world, "/follow-ups/leaving"), data=PHONE, follow_redirects=True)
    follow_up = db.session.scalar(db.select(FollowUp))
    assert (follow_up.by_phone, follow_up.answered_by_id) == (True, world["staff"].id)
    assert (follow_up.situation, follow_up.registration_number) == (
        "self_employed",
        "KVK 1234 5678",
    )
    assert follow_up.financing == ["savings", "microcredit"]
    assert "by phone, recorded by Sanne Staff" in response.get_data(as_text=True)


def test_an_emailed_follow_up_can_be_answered_by_phone(client, auth, world):
    follow_up = emailed(left(world, days_ago=200), Moment.MONTH_6)
    auth.login(world["staff"])
    client.post(url(world, "/follow-ups/month_6"), data={"month_6-situation": "employed"})
    db.session.refresh(follow_up)
    assert (follow_up.situation, follow_up.by_phone) == ("employed", True)


def test_a_moment_not_yet_due_has_no_phone_form_and_is_refused(client, auth, world):
    left(world)
    html = page(client, auth, world)
    assert "/follow-ups/leaving" in html and "/follow-ups/month_6" not in html
    response = client.post(
        url(world, "/follow-ups/month_6"), data={"month_6-situation": "employed"}
    )
    assert response.status_code == 302
    assert outcome_rows() == (1, 0)


def test_a_moment_is_answered_once(client, auth, world):
    left(world)
    auth.login(world["staff"])
    client.post(url(world, "/follow-ups/leaving"), data=PHONE)
    client.post(url(world, "/follow-ups/leaving"), data={"leaving-situation": "employed"})
    assert db.session.scalar(db.select(FollowUp.situation)) == "self_employed"


def test_a_phone_answer_without_a_situation_keeps_the_form(client, auth, world):
    left(world)
    auth.login(world["staff"])
    response = client.post(
        url(world, "/follow-ups/leaving"), data={"leaving-registration_number": "KBO 42"}
    )
    html = response.get_data(as_text=True)
    assert "Choose the situation that fits you best." in html
    assert 'value="KBO 42"' in html
    assert outcome_rows() == (1, 0)


def test_an_unknown_moment_is_not_found(client, auth, world):
    left(world)
    auth.login(world["staff"])
    assert client.post(url(world, "/follow-ups/month_99"), data=PHONE).status_code == 404


def test_staff_cannot_mark_someone_who_is_not_a_learner(client, auth, world):
    auth.login(world["staff"])
    response = client.post(
        f"/organisations/{world['org'].slug}/learners/{world['mentor'].id}/leaving",
        data={"reason": "finished", "left_on": TODAY.isoformat()},
    )
    assert response.status_code == 404
    assert outcome_rows() == (0, 0)


# Refusals ------------------------------------------------------------------------------------

REFUSED = {"staff_other_org": 403, "mentor": 403, "other_learner": 403, "learner": 403}


def _routes(world):
    slug = world["org"].slug
    return [
        ("post", url(world, "/leaving"), {"reason": "finished", "left_on": TODAY.isoformat()}),
        ("post", url(world, "/leaving/undo"), {}),
        ("post", url(world, "/follow-ups/leaving"), PHONE),
        (
            "get",
            f"/organisations/{slug}/reports/participants.csv?start=2020-01-01&end=2030-01-01",
            {},
        ),
    ]


@pytest.mark.parametrize("route", range(4), ids=["leaving", "undo", "phone", "participants"])
@pytest.mark.parametrize("role", [*REFUSED, "anonymous"])
def test_everyone_but_staff_is_refused(client, auth, world, role, route):
    if route == 1:  # undo needs a leaving to undo
        left(world)
    before = outcome_rows()
    if role != "anonymous":
        auth.login(world[role])
    method, target, data = _routes(world)[route]
    response = getattr(client, method)(target, data=data)
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == REFUSED[role]
    assert outcome_rows() == before
    assert "Marianne Learner" not in response.get_data(as_text=True)


# The per-person file ---------------------------------------------------------------------------


def joined(make, world, name, on: datetime, group=None, role=Role.LEARNER):
    person = make.user(role, world["org"], name=name)
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=person.id))
    membership.created_at, membership.group_label = on, group
    db.session.commit()
    return person


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    text = response.get_data().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def participants(client, auth, world, **args):
    auth.login(world["staff"])
    return client.get(
        f"/organisations/{world['org'].slug}/reports/participants.csv", query_string=args
    )


def test_the_per_person_file_holds_the_learners_of_the_period(client, auth, world, make):
    anna = joined(make, world, "Anna", datetime(2026, 3, 1, 9), group="Spring")
    joined(make, world, "Bram", datetime(2026, 2, 28, 23, 59), group="Spring")  # before
    joined(make, world, "Carla", datetime(2026, 3, 31, 23, 59))  # last day: in
    joined(make, world, "Dirk", datetime(2026, 4, 1))  # after
    joined(make, world, "Mentor Mo", datetime(2026, 3, 5), role=Role.MENTOR)  # not a learner
    db.session.add(
        EntryStatus(
            user_id=anna.id,
            organisation_id=world["org"].id,
            birth_year=1966,
            situation="looking",
            benefit="social_assistance",
        )
    )
    rows = read_csv(participants(client, auth, world, start="2026-03-01", end="2026-03-31"))
    assert [r["Name"] for r in rows] == ["Anna", "Carla"]
    anna_row = rows[0]
    assert (anna_row["Cohort"], anna_row["Joined on"], anna_row["Year of birth"]) == (
        "Spring",
        "2026-03-01",
        "1966",
    )
    assert anna_row["Situation at entry"] == "Unemployed and looking for work"
    assert anna_row["Benefit at entry"] == "Social assistance"


def test_the_per_person_file_holds_leaving_and_answers(client, auth, world, make):
    anna = joined(make, world, "Anna", datetime(2025, 1, 10), group="Spring")
    departure = record_departure(
        anna, world["org"], reason=LeavingReason.STOPPED, left_on=date(2025, 3, 1)
    )
    from outcomes.models import Financing, Situation
    from outcomes.services import Answer, record_answer

    record_answer(
        follow_up_for(departure, Moment.LEAVING),
        Answer(Situation.SELF_EMPLOYED, True, "KVK 99", False, [Financing.BANK]),
        by=world["staff"],
    )
    record_answer(follow_up_for(departure, Moment.MONTH_6), Answer(Situation.EMPLOYED), by=anna)
    row = read_csv(participants(client, auth, world, start="2025-01-01", end="2025-01-31"))[0]
    assert (row["Left on"], row["How they left"]) == ("2025-03-01", "Stopped before the end")
    assert row["At leaving: situation"] == "Self-employed (my own business)"
    assert row["At leaving: registration number"] == "KVK 99"
    assert row["At leaving: financing"] == "A bank loan"
    assert row["At leaving: answered by phone"] == "Yes"
    assert row["Six months later: situation"] == "Employed"
    assert row["Six months later: answered by phone"] == "No"
    assert row["Twelve months later: situation"] == ""


def test_the_cohort_narrows_the_file(client, auth, world, make):
    joined(make, world, "Anna", datetime(2026, 3, 1), group="Spring")
    joined(make, world, "Carla", datetime(2026, 3, 2), group="Autumn")
    response = participants(
        client, auth, world, start="2026-03-01", end="2026-03-31", cohort="Autumn"
    )
    assert [r["Name"] for r in read_csv(response)] == ["Carla"]


def test_the_per_person_file_never_holds_logbook_text(client, auth, world, make):
    anna = joined(make, world, "Anna", datetime(2026, 3, 1))
    db.session.add(
        Entry(
            user_id=anna.id,
            organisation_id=world["org"].id,
            course="starting",
            module="01-mindset",
            key="why",
            text=MARKER,
            submitted_text=MARKER,
            submitted_at=datetime(2026, 3, 2),
            state="submitted",
        )
    )
    response = participants(client, auth, world, start="2026-03-01", end="2026-03-31")
    assert [r["Name"] for r in read_csv(response)] == ["Anna"]
    assert "MARKER-LOGBOOK-TEXT" not in response.get_data().decode("utf-8-sig")


def test_the_per_person_file_uses_semicolons_for_dutch_settings(client, auth, world, make):
    joined(make, world, "Anna", datetime(2026, 3, 1))
    world["staff"].language = "nl"
    text = participants(client, auth, world, start="2026-03-01", end="2026-03-31").get_data()
    assert text.decode("utf-8-sig").splitlines()[1].startswith("Anna;")


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"start": "2026-03-01"},
        {"start": "yesterday", "end": "2026-03-31"},
        {"start": "2026-04-01", "end": "2026-03-01"},
    ],
)
def test_the_per_person_file_needs_a_period(client, auth, world, args):
    assert participants(client, auth, world, **args).status_code == 400


def test_the_per_person_file_costs_the_same_statements_for_3_and_30_learners(
    client, auth, world, make, count_statements
):
    def statements(n: int) -> int:
        for i in range(n):
            person = joined(make, world, f"Person {n}-{i}", datetime(2026, 5, 1 + n // 10))
            departure = record_departure(
                person, world["org"], reason=LeavingReason.FINISHED, left_on=date(2026, 6, 1)
            )
            emailed(departure, Moment.LEAVING)
        day = f"2026-05-{1 + n // 10:02d}"
        auth.login(world["staff"])
        db.session.commit()
        with count_statements() as counter:
            rows = read_csv(participants(client, auth, world, start=day, end=day))
        assert len(rows) == n
        return counter.count

    assert statements(3) == statements(30)
