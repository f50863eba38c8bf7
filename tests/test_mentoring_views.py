"""Pages of the programme: what each person sees and what they never see (DESIGN.md section 4)."""

import re
from datetime import date

import pytest

from accounts.models import Role
from extensions import db
from mentoring import services
from mentoring.models import IntakeSurvey, Meeting, Mentorship
from tests import mentoring_factories as mf


@pytest.fixture
def world(make):
    return mf.programme(make)


def page(client, auth, user, url):
    auth.login(user)
    return client.get(url)


def test_the_intake_keeps_what_was_typed_when_the_role_is_missing(client, auth, world):
    auth.login(world["other_learner"])
    response = client.post(
        "/mentoring/intake", data={"region": "Zwolle", "want_finance": "3", "hobbies": "chess"}
    )
    html = response.get_data(as_text=True)
    assert "Choose whether you want a mentor" in html
    assert 'value="Zwolle"' in html and 'value="chess"' in html
    assert (
        db.session.scalar(db.select(IntakeSurvey).filter_by(user_id=world["other_learner"].id))
        is None
    )


def test_the_intake_is_saved_and_shown_again(client, auth, world):
    auth.login(world["other_learner"])
    client.post(
        "/mentoring/intake",
        data={"role": "mentee", "want_finance": "3", "offers": ["sales"], "languages": ["nl"]},
    )
    html = client.get("/mentoring/intake").get_data(as_text=True)
    survey = services.survey_of(world["other_learner"].id, world["org"].id)
    assert (survey.wants, survey.offers) == ({"finance": 3}, ["sales"])
    assert re.search(r'<input checked[^>]*value="sales"', html)


def test_the_mentee_reads_why_they_were_matched(client, auth, world):
    html = page(client, auth, world["mentee"], f"/mentoring/pairs/{world['pair'].id}").get_data(
        as_text=True
    )
    assert "Yusuf can help with 2 of your 2 themes: Social media, Finance and bookkeeping." in html
    assert "you both volunteer: the food bank" in html
    assert "We did not use age, gender or origin" in html


def test_the_mentor_sees_the_parts_that_explain_the_match_only(client, auth, world):
    html = page(client, auth, world["mentor"], f"/mentoring/pairs/{world['pair'].id}").get_data(
        as_text=True
    )
    assert "Twenty-five years in retail purchasing." in html  # the introduction is for the match
    assert "knitting" not in html  # a hobby they do not share stays private


@pytest.mark.parametrize("role", ["other_learner", "other_mentor", "staff", "staff_other_org"])
@pytest.mark.parametrize("tail", ["", "/charter", "/meetings/new", "/evaluation"])
def test_only_the_two_people_reach_the_pairs_pages(client, auth, world, role, tail):
    response = page(client, auth, world[role], f"/mentoring/pairs/{world['pair'].id}{tail}")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["other_mentor", "staff"])
def test_others_cannot_answer_or_log_for_a_pair(client, auth, world, role):
    auth.login(world[role])
    pair_id = world["pair"].id
    client.post(f"/mentoring/pairs/{pair_id}/answer", data={"decision": "decline"})
    client.post(
        f"/mentoring/pairs/{pair_id}/meetings/new",
        data={"held_on": "2026-01-05", "manner": "online"},
    )
    pair = db.session.get(Mentorship, pair_id)
    assert (pair.state, pair.declined_by_id) == ("proposed", None)
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_accept_charter_and_kick_off_through_the_pages(client, auth, world):
    pair_id = world["pair"].id
    auth.login(world["mentee"])
    client.post(f"/mentoring/pairs/{pair_id}/answer", data={"decision": "accept"})
    auth.login(world["mentor"])
    response = client.post(f"/mentoring/pairs/{pair_id}/answer", data={"decision": "accept"})
    assert "You both said yes" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(
        f"/mentoring/pairs/{pair_id}/charter",
        data={"interval_days": "14", "manner": "online", "goals-0-goal": "Open a web shop"},
    )
    auth.login(world["mentee"])
    client.post(f"/mentoring/pairs/{pair_id}/charter/1/sign")
    client.post(
        f"/mentoring/pairs/{pair_id}/meetings/new",
        data={"held_on": date.today().isoformat(), "manner": "online", "notes": "Our secret plan"},
    )
    pair = db.session.get(Mentorship, pair_id)
    assert pair.state == "active"
    assert services.agreed_charter(pair).state == "signed"


def test_a_charter_without_a_goal_is_refused_and_keeps_the_rest(client, auth, world):
    services.answer_proposal(world["mentee"], world["pair"], True)
    services.answer_proposal(world["mentor"], world["pair"], True)
    auth.login(world["mentee"])
    html = client.post(
        f"/mentoring/pairs/{world['pair'].id}/charter",
        data={"interval_days": "7", "manner": "online", "mentor_learns": "Retail buying"},
    ).get_data(as_text=True)
    assert "Write at least one goal of the mentee." in html
    assert "Retail buying" in html


def test_staff_see_status_dates_and_signatures_never_text_or_notes(client, auth, world):
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    mf.signed_charter(pair)
    mf.meeting(pair, notes="Our secret plan")
    auth.login(world["staff"])
    for url in (
        f"/organisations/{world['org'].slug}/programme/pairs",
        f"/organisations/{world['org'].slug}/programme/pairs/{pair.id}",
    ):
        html = client.get(url).get_data(as_text=True)
        assert "Our secret plan" not in html and "Kick-off" not in html
        assert "Open a web shop" not in html and "How a shop buys" not in html
    assert "Signed by both" in html and format(date.today(), "%Y") in html


def test_staff_see_the_breakdown_runner_up_and_why_unmatched(client, auth, make, world):
    waiting = make.user(Role.LEARNER, world["org"], name="Rosa")
    services.add_theme(world["staff"], world["org"], "Bookkeeping")
    mf.survey(waiting, world["org"], wants={"bookkeeping": 3}, languages=["es"])
    round_ = services.run_matching_round(world["staff"], world["org"])
    html = page(
        client,
        auth,
        world["staff"],
        f"/organisations/{world['org'].slug}/programme/rounds/{round_.id}",
    ).get_data(as_text=True)
    assert "Rosa" in html and "no mentor offers Bookkeeping" in html
    assert "no shared language" in html


def test_staff_record_a_check_in_and_see_the_pair_in_the_health_list(client, auth, world):
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    auth.login(world["staff"])
    client.post(
        f"/organisations/{world['org'].slug}/programme/pairs/{pair.id}",
        data={"light": "amber", "note": "Slow start", "next_action": "Call Marianne"},
    )
    html = client.get(f"/organisations/{world['org'].slug}/programme/pairs").get_data(as_text=True)
    assert "Marianne with Yusuf" in html and "Too early to tell" in html
    assert [c.light for c in services.checkins_of(pair)] == ["amber"]


def test_staff_of_another_organisation_are_refused_and_nothing_changes(client, auth, world):
    auth.login(world["staff_other_org"])
    slug = world["org"].slug
    response = client.post(f"/organisations/{slug}/programme/rounds")
    client.post(
        f"/organisations/{slug}/programme/pairs/{world['pair'].id}/end", data={"reason": "x"}
    )
    assert response.status_code == 403
    assert len(services.rounds_of(world["org"])) == 1
    assert db.session.get(Mentorship, world["pair"].id).state == "proposed"


def test_dashboards_show_what_is_waiting(client, auth, world):
    html = page(client, auth, world["mentee"], "/dashboard").get_data(as_text=True)
    assert "A mentoring proposal is waiting for your answer" in html
    html = page(client, auth, world["staff"], "/dashboard").get_data(as_text=True)
    assert "2 people without an intake survey" in html


def test_the_pages_speak_dutch(client, auth, world):
    auth.login(world["mentee"])
    client.post("/settings/display", data={"language": "nl", "next": "/dashboard"})
    html = client.get(f"/mentoring/pairs/{world['pair'].id}").get_data(as_text=True)
    assert "Waarom we Yusuf voorstellen" in html
    assert "Financiën en boekhouding" in html


def test_approving_emails_both_people_in_their_language(client, auth, make, mailbox, world):
    newcomer = make.user(Role.LEARNER, world["org"], name="Henk", language="nl")
    other_mentor = world["other_mentor"]
    mf.survey(newcomer, world["org"])
    mf.survey(other_mentor, world["org"], "mentor")
    round_ = services.run_matching_round(world["staff"], world["org"])
    auth.login(world["staff"])
    client.post(f"/organisations/{world['org'].slug}/programme/rounds/{round_.id}/approve")
    subjects = sorted(str(m["Subject"]) for m in mailbox.messages)
    assert subjects == [
        "A mentoring proposal is waiting for your answer",
        "Er wacht een mentorvoorstel op je antwoord",
    ]
