"""Every staff list sends the same number of SQL statements for an organisation of 10, 100 or
1,000 learners, mentors and pairs: counts are COUNT/GROUP BY queries, lists are paged, and the
health of pairs is ranked from columns and built in full only for the page's pairs."""

from __future__ import annotations

from accounts.models import Role, User
from extensions import db
from mentoring.models import MatchRound, Mentorship
from tests.staff_lists_seed import grow


def _pages(slug: str, pair_id: int, learner_id: int, round_id: int) -> list[str]:
    return [
        f"/organisations/{slug}/programme/rounds/{round_id}",
        f"/organisations/{slug}/programme/rounds/{round_id}?q=learner",
        f"/organisations/{slug}/programme/pairs/new",
        f"/organisations/{slug}/programme/pairs/new?mentee_q=learner&mentor_q=0",
        "/dashboard",
        f"/organisations/{slug}/programme",
        f"/organisations/{slug}/programme?q=learner&role=mentee&missing=2",
        f"/organisations/{slug}/programme/rounds",
        f"/organisations/{slug}/programme/pairs",
        f"/organisations/{slug}/programme/pairs?health=on_track&q=learner",
        f"/organisations/{slug}/programme/pairs/{pair_id}",
        f"/logbook/staff/{slug}/",
        f"/logbook/staff/{slug}/?entries=waiting&q=0",
        f"/logbook/staff/{slug}/learners/{learner_id}",
    ]


def test_every_staff_list_sends_as_many_statements_at_10_100_and_1000_rows(
    client, auth, make, count_statements
):
    organisation = make.organisation()
    auth.login(make.user(Role.STAFF, organisation))
    counts: dict[str, list[int]] = {}
    first = grow(organisation, 0, 10)[0]  # the same pair and learner at every size
    round_id = db.session.scalar(db.select(MatchRound.id))
    mentee = db.session.get(Mentorship, first).mentee_id
    pages = _pages(organisation.slug, first, mentee, round_id)
    for start, size in ((10, 10), (10, 100), (100, 1000)):
        if size > start:
            grow(organisation, start, size - start)
        for url in pages:
            assert client.get(url).status_code == 200, url  # warm: last-seen, caches
            with count_statements() as counter:
                response = client.get(url)
            assert response.status_code == 200, url
            counts.setdefault(url, []).append(counter.count)
    grown = {url: n for url, n in counts.items() if len(set(n)) > 1}
    assert not grown, f"statements grow with the organisation: {grown}"


def test_a_mentors_pages_send_as_many_statements_for_10_100_and_1000_mentees(
    client, auth, make, count_statements
):
    organisation = make.organisation()
    counts: dict[str, list[int]] = {}
    mentor = make.user(Role.MENTOR, organisation).id
    for start, size in ((0, 10), (10, 100), (100, 1000)):
        grow(organisation, start, size - start)
        db.session.execute(  # every pair now has the same mentor
            db.update(Mentorship)
            .where(Mentorship.organisation_id == organisation.id)
            .values(mentor_id=mentor)
        )
        db.session.commit()
        auth.login(db.session.get(User, mentor))
        for url in ("/dashboard", "/mentoring", "/mentor/"):
            warm = client.get(url)
            assert warm.status_code == 200, (url, warm.location)
            with count_statements() as counter:
                warm = client.get(url)
            assert warm.status_code == 200, (url, warm.location)
            counts.setdefault(url, []).append(counter.count)
    grown = {url: n for url, n in counts.items() if len(set(n)) > 1}
    assert not grown, f"statements grow with the mentees: {grown}"


def test_the_matching_pool_is_built_in_as_many_statements_for_10_100_and_1000_people(
    make, count_statements
):
    from mentoring.services.rounds import _pool

    organisation = make.organisation()
    counts, sizes = [], []
    for start, size in ((0, 10), (10, 100), (100, 1000)):
        grow(organisation, start, size - start)
        with count_statements() as counter:
            mentees, mentors, left, excluded = _pool(organisation)
        counts.append(counter.count)
        sizes.append(len(mentees))
    assert len(set(counts)) == 1, counts
    assert sizes == [0, 0, 0]  # every seeded learner has a pair or an open proposal
