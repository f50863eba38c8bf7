"""The intake says what matching needs, from the same rules the filters use, and a person left
unmatched by a round reads why and what to change (issue 14, fix the flow)."""

import pytest

from mentoring import services
from mentoring.matching import FILTERS
from mentoring.services.intake import FILTER_NEEDS, matching_needs
from tests import mentoring_factories as mf


@pytest.fixture
def world(make):
    return mf.programme(make)


def test_every_hard_filter_says_what_it_needs_or_why_the_intake_cannot_help():
    assert set(FILTER_NEEDS) == set(FILTERS)


def test_the_intake_page_states_what_matching_needs(client, auth, world):
    auth.login(world["other_learner"])
    html = client.get("/mentoring/intake").get_data(as_text=True)
    assert "What we need to match you" in html
    assert "At least one theme you want to learn" in html
    for sentence in matching_needs():
        assert str(sentence) in html
    # Before the fix the page said "Only the first question is needed", which was not true.
    assert "Only the first question is needed" not in html


def unmatched_page(client, auth, world, **answers):
    mf.survey(world["other_learner"], world["org"], **answers)
    services.run_matching_round(world["staff"], world["org"])
    auth.login(world["other_learner"])
    return client.get("/mentoring").get_data(as_text=True)


def test_no_shared_language_is_explained_with_what_to_add(client, auth, world):
    html = unmatched_page(client, auth, world, languages=["de"])
    assert "You were not matched in the last round" in html
    assert "No mentor speaks one of your languages." in html
    assert "Add another language you can speak" in html
    assert 'href="/mentoring/intake"' in html


def test_themes_no_mentor_offers_are_named(client, auth, world):
    html = unmatched_page(client, auth, world, wants={"sales": 3})
    assert "No mentor offers these themes: Sales" in html


def test_no_mentor_in_the_region_for_in_person(client, auth, world):
    html = unmatched_page(client, auth, world, manner="in_person", region="Zwolle")
    assert "No mentor who meets in person lives in your region." in html


def test_a_matched_person_reads_no_such_notice(client, auth, world):
    auth.login(world["mentee"])
    assert "You were not matched" not in client.get("/mentoring").get_data(as_text=True)
