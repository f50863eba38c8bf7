"""The programme report's figures, each from a small hand-made data set with the numbers
written out; period boundaries, cohorts, suppression in place, a fixed number of statements."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from accounts.models import Invitation, Role
from extensions import db
from logbook.models import Entry, Message
from mentoring.models import (
    CharterVersion,
    Evaluation,
    IntakeSurvey,
    Meeting,
    Mentorship,
)
from modules.models import SectionRead, SelfAssessment
from organisations.reports.figures import Period
from organisations.reports.queries import build_report, cohorts, default_period
from organisations.reports.stats import median, percentile
from outcomes.models import Departure, EntryStatus, FollowUp
from quizzes.models import QuizAttempt

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
TODAY = date(2026, 7, 15)
COURSE = "test-course"
_tokens = itertools.count(1)


class Data:
    """Rows written straight into the tables, with the dates a test needs."""

    def __init__(self, make):
        self.make = make
        self.org = make.organisation()

    def learner(
        self,
        joined=datetime(2026, 3, 1, 12),
        *,
        org=None,
        birth_year=None,
        situation=None,
        group=None,
        last_seen=None,
        deactivated=False,
        status=True,
    ):
        org = org or self.org
        user = self.make.user(Role.LEARNER, org)
        membership = user.memberships[0]
        membership.created_at = joined
        membership.last_seen_at = last_seen
        membership.group_label = group
        if deactivated:
            membership.deactivated_at = datetime(2026, 6, 1)
        if status and (birth_year or situation):
            db.session.add(
                EntryStatus(
                    user_id=user.id,
                    organisation_id=org.id,
                    birth_year=birth_year,
                    situation=situation,
                )
            )
        db.session.commit()
        return user

    def mentor(self):
        return self.make.user(Role.MENTOR, self.org)

    def add(self, *rows):
        db.session.add_all(rows)
        db.session.commit()
        return rows[0] if len(rows) == 1 else rows

    def report(self, cohort=None, period=PERIOD):
        return build_report(self.org, period, cohort, today=TODAY)


def _invitation(org, at, role="learner", group=None):
    n = next(_tokens)
    return Invitation(
        organisation_id=org.id,
        email=f"invited{n}@example.org",
        role=role,
        group_label=group,
        token_hash=f"i{n}",
        created_at=at,
        expires_at=datetime(2026, 12, 1),
    )


def values(table):
    return [tuple(f.value for f in row.figures) for row in table.rows]


def column(table, index=0):
    return [row.figures[index].value for row in table.rows]


@pytest.fixture
def data(app, make):
    with app.test_request_context():
        yield Data(make)


# Who is counted -----------------------------------------------------------------------------


def test_first_and_last_day_of_the_period_count_the_days_around_them_do_not(data):
    data.learner(datetime(2026, 1, 1, 0, 0))
    data.learner(datetime(2026, 6, 30, 23, 59, 59))
    data.learner(datetime(2025, 12, 31, 23, 59, 59))
    data.learner(datetime(2026, 7, 1, 0, 0))
    mentor = data.mentor()
    mentor.memberships[0].created_at = datetime(2026, 3, 1)
    db.session.commit()

    joined = data.report().table("reach").rows[1].figures[0]

    assert (joined.value, joined.people, joined.suppressed) == (2, 2, True)


def test_reach_counts_invited_joined_started_and_active(data):
    org = data.org
    p1 = data.learner(birth_year=1980, situation="employed", last_seen=datetime(2026, 6, 1))
    p2 = data.learner(birth_year=1975, situation="looking", last_seen=datetime(2026, 5, 31, 23))
    p3 = data.learner(birth_year=1971, situation="looking", last_seen=datetime(2026, 7, 10))
    data.learner(birth_year=1961, situation="self_employed")
    p5 = data.learner(birth_year=1990, deactivated=True, last_seen=datetime(2026, 6, 15))
    data.learner()
    data.learner(org=data.make.organisation(), last_seen=datetime(2026, 6, 15))  # elsewhere
    for user in (p1, p2, p5):
        data.add(SectionRead(user_id=user.id, course=COURSE, module="first-module", section="x"))
    data.add(_attempt(p3, 5, datetime(2026, 3, 5)))
    invitations = [_invitation(org, datetime(2026, 1, 1 + n)) for n in range(7)]
    invitations.append(_invitation(org, datetime(2026, 2, 1), role="mentor"))
    invitations.append(_invitation(org, datetime(2025, 12, 31, 23)))
    data.add(*invitations)

    report = data.report()

    assert values(report.table("reach")) == [(7,), (6,), (4,), (3,)]
    assert values(report.table("reach_by_age")) == [
        (2, 2, 1),  # 45-54: born 1980 and 1975
        (1, 1, 1),  # 55-64: born 1971, 55 in 2026
        (1, 0, 0),  # 65+: born 1961
        (1, 1, 1),  # under 45
        (1, 0, 0),  # not given
    ]
    assert values(report.table("reach_by_situation")) == [
        (1, 1, 1),  # employed
        (1, 0, 0),  # self-employed
        (2, 2, 1),  # looking
        (0, 0, 0),
        (0, 0, 0),
        (2, 1, 1),  # not given: the deactivated one (no situation) and the one without status
    ]
    assert report.table("reach").rows[0].figures[0].suppressed is False


def test_a_cohort_counts_only_its_members_and_invitations(data):
    for _ in range(5):
        data.learner(group="Spring")
    data.learner(group="Autumn")
    data.learner()
    data.add(
        _invitation(data.org, datetime(2026, 2, 1), group="Spring"),
        _invitation(data.org, datetime(2026, 2, 1), group="Autumn"),
    )

    report = data.report(cohort="Spring")

    assert cohorts(data.org) == ["Autumn", "Spring"]
    assert values(report.table("reach"))[:2] == [(1,), (5,)]


def test_default_period_is_the_twelve_months_up_to_today():
    assert default_period(date(2026, 7, 15)) == Period(date(2025, 7, 16), date(2026, 7, 15))
    assert default_period(date(2028, 2, 29)).start == date(2027, 3, 1)


def test_a_small_group_hides_the_next_smallest_of_its_column(data):
    for _ in range(6):
        data.learner(birth_year=1975)
    data.learner(birth_year=1955)

    by_age = data.report().table("reach_by_age")
    joined = [row.figures[0] for row in by_age.rows]

    assert [f.value for f in joined] == [6, 0, 1, 0, 0]
    assert [f.suppressed for f in joined] == [True, False, True, False, False]
    assert joined[0].secondary and not joined[2].secondary


# Learning -----------------------------------------------------------------------------------


def _attempt(user, score, at, module="first-module", passed=None, state="submitted"):
    return QuizAttempt(
        user_id=user.id,
        course=COURSE,
        module=module,
        state=state,
        question_order=[],
        option_order={},
        score=score if state == "submitted" else None,
        passed=(score >= 7) if passed is None and state == "submitted" else passed,
        started_at=at,
        submitted_at=at if state == "submitted" else None,
    )


def _reads(user, *sections, module="first-module"):
    return [SectionRead(user_id=user.id, course=COURSE, module=module, section=s) for s in sections]


def _assessment(user, best, passed, module="first-module", first=None):
    return SelfAssessment(
        user_id=user.id,
        course=COURSE,
        module=module,
        attempts=1,
        first_score=best if first is None else first,
        best_score=best,
        last_score=best,
        passed_at=datetime(2026, 4, 1) if passed else None,
    )


ALL = ("first-steps", "second-steps", "third-steps")


def test_modules_started_finished_scores_and_pass_rate(data):
    q1, q2, q3, q4, q5, q6 = (data.learner() for _ in range(6))
    outsider = data.learner(datetime(2025, 6, 1))
    data.add(
        *_reads(q1, *ALL),
        _assessment(q1, 8, True, first=5),
        _attempt(q1, 8, datetime(2026, 3, 2, 10)),
        _attempt(q1, 5, datetime(2026, 3, 2, 9)),
        *_reads(q2, *ALL),
        _assessment(q2, 6, False),
        _attempt(q2, 6, datetime(2026, 3, 3)),
        *_reads(q3, "first-steps", "second-steps", "old-section"),  # 2 of 3 sections
        _assessment(q3, 7, True),
        _attempt(q3, 7, datetime(2026, 3, 3)),
        _assessment(q4, 9, True),
        _attempt(q4, 9, datetime(2026, 3, 3)),
        *_reads(q5, *ALL),
        _assessment(q5, 10, True, first=4),
        _attempt(q5, 4, datetime(2026, 3, 3)),
        _attempt(q5, 10, datetime(2026, 3, 4)),
        *_reads(q6, "first-steps", module="second-module"),
        _attempt(q6, None, datetime(2026, 3, 3), state="in_progress"),
        *_reads(outsider, *ALL),
        _assessment(outsider, 10, True),
        _attempt(outsider, 10, datetime(2026, 3, 3)),
    )

    modules = data.report().table("modules")

    assert [row.label for row in modules.rows] == ["First module", "Second module"]
    # first scores 4 5 6 7 9, best 6 7 8 9 10; q1, q3, q4 and q5 passed
    assert values(modules)[0] == (5, 2, 6, 8, 80.0)
    assert values(modules)[1] == (1, 0, None, None, None)
    assert [f.people for f in modules.rows[0].figures] == [5, 2, 5, 5, 5]


# Logbook and mentoring ---------------------------------------------------------------------


def _entry(org, user, submitted=None, state="feedback_given", key=None):
    return Entry(
        user_id=user.id,
        organisation_id=org.id,
        course=COURSE,
        module="first-module",
        key=key or f"k{next(_tokens)}",
        text="Private learner text",
        state=state,
        submitted_at=submitted,
    )


def _reply(entry, at, kind="feedback"):
    return Message(entry_id=entry.id, kind=kind, body="Private reply", created_at=at)


def test_logbook_feedback_days_and_share_answered_in_time(data):
    org = data.org
    m1, m2, m3, m4, m5 = (data.learner() for _ in range(5))
    june1 = datetime(2026, 6, 1, 10)
    e1, e2, e3, e4, e5 = data.add(*(_entry(org, m, june1) for m in (m1, m2, m3, m4, m5)))
    e6 = data.add(_entry(org, m1, datetime(2026, 7, 1, 10), state="submitted"))
    data.add(_entry(org, m2, datetime(2026, 7, 14, 10), state="submitted"))
    data.add(_entry(org, m3, None, state="draft"))
    data.add(_entry(org, m4, datetime(2026, 5, 1), state="draft"))  # taken back
    e10 = data.add(_entry(org, m5, datetime(2026, 6, 10, 10)))  # sent again after a reply
    data.add(
        _reply(e1, datetime(2026, 6, 2, 9)),  # 0 days
        _reply(e2, datetime(2026, 6, 1, 12), kind="answer"),  # the learner's, not feedback
        _reply(e2, datetime(2026, 6, 3, 10)),  # 2 days
        _reply(e3, datetime(2026, 6, 8, 11)),  # 7 days: still in time
        _reply(e4, datetime(2026, 6, 9, 10)),  # 8 days
        _reply(e5, datetime(2026, 6, 21, 10)),  # 20 days
        _reply(e10, datetime(2026, 6, 2)),  # before the latest sending
        _reply(e10, datetime(2026, 6, 13, 10)),  # 3 days
    )
    assert e6.state == "submitted"  # waiting 14 days on the 15th of July: late

    logbook = data.report().table("logbook")

    # answered after 0 2 3 7 8 20 days; in time 4 of 6 answered + 1 late
    assert values(logbook) == [(8,), (5.0,), (20,), (57.1,)]
    assert [row.figures[0].people for row in logbook.rows] == [5, 5, 5, 5]
    assert "7 days unless the pair agreed otherwise" in logbook.rows[3].label


def test_in_time_is_measured_against_the_reply_time_each_charter_promises(data):
    org = data.org
    quick, slow = data.learner(), data.learner()
    quick_pair, slow_pair = data.add(
        _pair(org, quick, data.mentor()), _pair(org, slow, data.mentor())
    )
    data.add(_charter(quick_pair, 1, 14, reply_days=3), _charter(slow_pair, 1, 14, reply_days=14))
    june1 = datetime(2026, 6, 1, 10)
    e1, e2 = data.add(_entry(org, quick, june1), _entry(org, slow, june1))
    # five days each: past the three days promised, within the fourteen
    data.add(_reply(e1, datetime(2026, 6, 6, 10)), _reply(e2, datetime(2026, 6, 6, 10)))
    data.add(_entry(org, quick, datetime(2026, 7, 10, 10), state="submitted"))  # 5 days: late
    data.add(_entry(org, slow, datetime(2026, 7, 10, 10), state="submitted"))  # not yet due

    logbook = data.report().table("logbook")

    assert logbook.rows[3].figures[0].value == 33.3  # 1 of 3 decided entries in time
    assert "unless the pair agreed otherwise" in logbook.rows[3].label


def _pair(org, mentee, mentor, state="active", started=datetime(2026, 5, 1), ended=None):
    return Mentorship(
        organisation_id=org.id,
        mentee_id=mentee.id,
        mentor_id=mentor.id,
        state=state,
        started_at=started,
        ended_at=ended,
    )


def _charter(pair, version, interval, signed=True, reply_days=7):
    at = datetime(2026, 5, 1) if signed else None
    return CharterVersion(
        mentorship_id=pair.id,
        version=version,
        state="signed" if signed else "draft",
        interval_days=interval,
        reply_days=reply_days,
        mentor_signed_at=at,
        mentee_signed_at=at,
    )


def _meetings(pair, *days):
    return [Meeting(mentorship_id=pair.id, held_on=day) for day in days]


def _survey(user, org, role="mentee"):
    return IntakeSurvey(user_id=user.id, organisation_id=org.id, role=role)


def test_matching_meetings_pair_health_and_evaluations(data):
    org = data.org
    m = [data.learner() for _ in range(7)]
    non_wanter = data.learner()
    waiting = data.learner()
    gone_quiet = data.learner(deactivated=True)
    departed = data.learner()
    before = data.learner(datetime(2025, 6, 1))
    mentors = [data.mentor() for _ in range(8)]
    data.add(
        *(_survey(u, org) for u in (*m, waiting, gone_quiet, departed, before)),
        _survey(non_wanter, org, role="mentor"),
        Departure(
            user_id=departed.id, organisation_id=org.id, left_on=date(2026, 6, 1), reason="stopped"
        ),
    )
    p1 = data.add(_pair(org, m[0], mentors[0]))
    p2 = data.add(_pair(org, m[1], mentors[1]))
    data.add(_pair(org, m[2], mentors[2], state="accepted", started=datetime(2026, 7, 10)))
    p4 = data.add(_pair(org, m[3], mentors[3]))
    p5 = data.add(_pair(org, m[4], mentors[4], state="ended", ended=datetime(2026, 6, 20)))
    p6 = data.add(_pair(org, m[5], mentors[5], state="rematched", ended=datetime(2026, 4, 20)))
    p7 = data.add(_pair(org, m[6], mentors[6], started=datetime(2026, 6, 1)))
    data.add(_pair(org, m[5], mentors[7], state="proposed", started=None))
    other = data.add(_pair(org, before, mentors[7]))
    data.add(
        _charter(p1, 1, 14),
        _charter(p4, 1, 7),
        _charter(p4, 2, 30, signed=False),  # not agreed yet: 7 days still holds
        _charter(p7, 1, 14),
        *_meetings(p1, date(2026, 5, 1), date(2026, 7, 10)),
        *_meetings(p2, date(2026, 5, 2)),
        *_meetings(p4, date(2026, 7, 1), date(2026, 7, 20)),  # the second one lies ahead
        *_meetings(p5, date(2026, 4, 1), date(2026, 4, 15), date(2026, 5, 1)),
        *_meetings(p7, date(2026, 6, 1), date(2026, 6, 15), date(2026, 7, 1), date(2026, 7, 8)),
        *_meetings(other, date(2026, 7, 1)),
        # m[0]'s entry has waited 14 days: their pair needs a check-in despite a recent meeting
        _entry(org, m[0], datetime(2026, 7, 1, 10), state="submitted"),
    )
    data.add(
        _evaluation(p5, m[4], "mentee", 4, True),
        _evaluation(p5, mentors[4], "mentor", 3, True, learned="How to price a service"),
        _evaluation(p6, m[5], "mentee", 2, False),
        _evaluation(p6, mentors[5], "mentor", 1, None, learned="   "),
        _evaluation(other, mentors[7], "mentor", 4, True, learned="Patience"),
    )

    report = data.report()

    # 10 wanted a mentor, 7 got one; waiting: m[5] (re-matched, a proposal open) and `waiting`
    assert values(report.table("matching")) == [(70.0,), (2,), (7,), (1,), (2,)]
    assert values(report.table("pair_health")) == [(1,), (1,), (2,), (1,), (2,)]
    assert values(report.table("evaluations")) == [(3.0,), (2.0,), (66.7,), (1,)]
    assert report.table("evaluations").rows[3].figures[0].suppressed


def _evaluation(pair, user, side, usefulness, recommend, learned=""):
    return Evaluation(
        mentorship_id=pair.id,
        user_id=user.id,
        side=side,
        usefulness=usefulness,
        learned="",
        learned_from_other=learned,
        recommend=recommend,
    )


# Outcomes -----------------------------------------------------------------------------------


def _follow_up(org, user, moment, situation=None, answered=True, **answer):
    return FollowUp(
        user_id=user.id,
        organisation_id=org.id,
        moment=moment,
        due_on=date(2026, 6, 1),
        expires_at=datetime(2026, 8, 1),
        token_hash=f"t{next(_tokens)}",
        answered_at=datetime(2026, 6, 2) if answered else None,
        situation=situation if answered else None,
        financing=answer.pop("financing", []),
        **answer,
    )


def test_outcomes_response_rates_businesses_and_financing(data):
    org = data.org
    o1 = data.learner(situation="employed")
    o2 = data.learner(situation="looking")
    o3 = data.learner(situation="looking")
    o4 = data.learner(situation="self_employed")
    o5 = data.learner()
    data.learner(birth_year=1970)  # a status without a situation
    before = data.learner(datetime(2025, 6, 1), situation="employed")
    data.add(
        _follow_up(
            org,
            o1,
            "leaving",
            "self_employed",
            business_registered=True,
            started_trading=True,
            financing=["savings", "bank"],
        ),
        _follow_up(org, o2, "leaving", "employed", financing=["none"]),
        _follow_up(org, o3, "leaving", "looking"),
        _follow_up(org, o4, "leaving", answered=False),
        _follow_up(
            org,
            o5,
            "leaving",
            "self_employed",
            business_registered=True,
            started_trading=False,
            financing=["microcredit", "savings"],
        ),
        _follow_up(
            org,
            o1,
            "month_6",
            "self_employed",
            business_registered=True,
            started_trading=True,
            financing=["bank"],
        ),
        _follow_up(org, o2, "month_6", answered=False),
        _follow_up(org, before, "leaving", "employed", financing=["other"]),
    )

    report = data.report()

    assert values(report.table("outcomes")) == [
        (1, 1, 0, 0),  # employed
        (1, 2, 1, 0),  # self-employed
        (2, 1, 0, 0),  # looking
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (2, 1, 1, 0),  # no answer
    ]
    assert values(report.table("in_work")) == [(50.0, 75.0, 100.0, None)]
    assert values(report.table("response_rates")) == [
        (5, 4, 80.0),
        (2, 1, 50.0),
        (0, 0, None),
    ]
    assert values(report.table("businesses")) == [(2, 1, 0), (1, 1, 0)]
    assert column(report.table("financing")) == [1, 2, 1, 1, 0, 0]


def test_the_share_in_work_is_hidden_when_it_gives_away_a_hidden_part(data):
    org = data.org
    people = [data.learner(situation="looking") for _ in range(9)]
    for person in people[:3]:
        data.add(_follow_up(org, person, "leaving", "employed"))
    for person in people[3:]:
        data.add(_follow_up(org, person, "leaving", "self_employed"))

    report = data.report()
    leaving = [row.figures[1] for row in report.table("outcomes").rows]
    share = report.table("in_work").rows[0].figures[1]

    assert [f.value for f in leaving] == [3, 6, 0, 0, 0, 0]
    assert leaving[0].suppressed and not leaving[0].secondary
    # 3 hidden, 6 shown, 9 answered: the share (100 %) would give the 3 away, so both hide
    assert leaving[1].secondary
    assert share.value == 100.0 and not share.suppressed


# Scale --------------------------------------------------------------------------------------


def _everything_for(data, count):
    org = data.org
    mentor = data.mentor()
    for n in range(count):
        user = data.learner(birth_year=1960 + n % 20, situation="looking", group="G")
        entry = data.add(_entry(org, user, datetime(2026, 4, 1)))
        pair = data.add(_pair(org, user, mentor, state="ended" if n % 2 else "active"))
        data.add(
            _reply(entry, datetime(2026, 4, 2 + n % 9)),
            _survey(user, org),
            _charter(pair, 1, 14),
            *_meetings(pair, date(2026, 5, 1 + n % 20)),
            *_reads(user, "first-steps"),
            _assessment(user, n % 11, n % 2 == 0),
            _attempt(user, n % 11, datetime(2026, 3, 3)),
            _evaluation(pair, user, "mentee", 1 + n % 4, n % 3 == 0),
            _follow_up(org, user, "leaving", "employed", financing=["bank"]),
        )


@pytest.mark.parametrize("cohort", [None, "G"])
def test_the_number_of_statements_does_not_grow_with_the_participants(
    data, count_statements, cohort
):
    from flask import g

    _everything_for(data, 10)
    with count_statements() as ten:
        small = data.report(cohort)
    _everything_for(data, 90)
    g.pop("hidden_courses", None)  # read once per request: this is a second request's report
    with count_statements() as hundred:
        large = data.report(cohort)

    assert ten.count == hundred.count
    assert column(small.table("reach"))[1] == 10 and column(large.table("reach"))[1] == 100


# Medians and percentiles -------------------------------------------------------------------


def test_median_of_grouped_counts():
    assert median({}) is None
    assert median({3: 1}) == 3
    assert median({1: 1, 2: 1, 9: 1}) == 2
    assert median({1: 2, 4: 2}) == 2.5


def test_ninetieth_percentile_takes_the_nearest_rank():
    assert percentile({n: 1 for n in range(1, 11)}, 90) == 9
    assert percentile({1: 1, 50: 1}, 90) == 50
    assert percentile({}, 90) is None
