"""Never lose a word: the version check, revisions and restoring, the length limit."""

from datetime import timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from logbook import services
from logbook.models import MAX_LENGTH, Entry, Revision
from tests.routes.logbook import COURSE, E, assignment, make_entry


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    return user


def _save(client, text, base, **extra):
    return client.post(E, data={"text": text, "base_version": base, "action": "save", **extra})


def _autosave(client, text, base):
    return client.post(f"{E}/autosave", data={"text": text, "base_version": base})


def _revisions() -> list[tuple[int, str]]:
    return list(db.session.execute(db.select(Revision.version, Revision.text).order_by("version")))


def test_a_new_entry_starts_from_the_template(client, learner):
    page = client.get(E).get_data(as_text=True)
    assert "## My answer" in page
    assert 'name="base_version" type="hidden" value="0"' in page


def test_saving_keeps_the_text_and_a_revision(client, learner):
    response = _save(client, "My first idea", 0)
    assert response.status_code == 302
    assert "My first idea" in client.get(E).get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Revision.id))) == 1


def test_two_saves_from_the_same_version_the_second_is_refused_with_both_texts(client, learner):
    assert _save(client, "Written in tab one", 0).status_code == 302
    response = _save(client, "Written in tab two", 0)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Written in tab one" in page and "Written in tab two" in page
    entry = db.session.scalar(db.select(Entry))
    assert (entry.text, entry.version) == ("Written in tab one", 1)


def test_after_a_conflict_saving_again_keeps_the_learners_choice(client, learner):
    _save(client, "Tab one", 0)
    page = _save(client, "Tab two", 0).get_data(as_text=True)
    assert 'name="base_version" type="hidden" value="1"' in page
    assert _save(client, "Tab two", 1).status_code == 302
    assert [r.text for r in db.session.scalars(db.select(Revision).order_by(Revision.version))] == [
        "Tab one",
        "Tab two",
    ]


def test_autosave_conflict_answers_409_and_saves_nothing(client, learner):
    assert (
        client.post(f"{E}/autosave", data={"text": "One", "base_version": 0}).json["version"] == 1
    )
    response = client.post(f"{E}/autosave", data={"text": "Two", "base_version": 0})
    assert response.status_code == 409 and response.json["conflict"]
    assert db.session.scalar(db.select(Entry.text)) == "One"


def test_autosave_says_when_it_saved(client, learner):
    response = client.post(f"{E}/autosave", data={"text": "Hello", "base_version": 0})
    assert response.json["message"].startswith("Saved at ")


def test_autosave_when_signed_out_answers_json_so_the_page_keeps_the_text(client, make):
    response = client.post(f"{E}/autosave", data={"text": "Hello", "base_version": 0})
    assert response.status_code == 401
    assert "kept in this browser" in response.json["error"]
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0


def test_too_long_an_entry_is_refused_and_the_text_stays_in_the_form(client, learner):
    text = "word " * (MAX_LENGTH // 5) + "the end"
    response = _save(client, text, 0)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at most 50,000 characters" in page
    assert "the end</textarea>" in page
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0


def test_preview_shows_the_rendered_text_and_saves_nothing(client, learner):
    response = client.post(
        E, data={"text": "**bold idea**", "base_version": 0, "action": "preview"}
    )
    page = response.get_data(as_text=True)
    assert "<strong>bold idea</strong>" in page and "**bold idea**</textarea>" in page
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0


def test_earlier_versions_are_listed_and_one_can_be_restored(client, learner):
    _save(client, "First words", 0)
    _save(client, "Second words", 1)
    page = client.get(E).get_data(as_text=True)
    assert "Version 1," in page and "Version 2," in page
    assert "First words" in client.get(f"{E}/revisions/1").get_data(as_text=True)
    client.post(f"{E}/revisions/1/restore", data={"base_version": 2})
    entry = db.session.scalar(db.select(Entry))
    assert (entry.text, entry.version) == ("First words", 3)


def test_restoring_from_an_out_of_date_page_is_refused(client, learner):
    _save(client, "First words", 0)
    _save(client, "Second words", 1)
    response = client.post(f"{E}/revisions/1/restore", data={"base_version": 1})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Entry.text)) == "Second words"


def test_saving_the_same_text_makes_no_new_revision(app, make):
    learner = make.user(Role.LEARNER)
    make_entry(learner, text="Same")
    organisation = learner.memberships[0].organisation
    services.save_entry(learner, organisation, COURSE, assignment(), "Same", 1)
    assert db.session.scalar(db.select(db.func.count(Revision.id))) == 1


def test_the_entry_page_speaks_dutch(client, learner):
    page = client.get(E, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Opslaan" in page and "De opdracht" in page and "Schrijf over first-plan." in page


def test_autosaves_a_moment_apart_fold_into_one_revision(client, learner):
    for base, text in enumerate(["One", "One two", "One two three"]):
        assert _autosave(client, text, base).json["version"] == base + 1
    assert _revisions() == [(3, "One two three")]
    assert "Version 3," in client.get(E).get_data(as_text=True)


def test_an_explicit_save_keeps_its_own_revision_between_autosaves(client, learner):
    _autosave(client, "One", 0)
    assert _save(client, "One two", 1).status_code == 302
    _autosave(client, "One two three", 2)
    _autosave(client, "One two three four", 3)
    assert _revisions() == [(1, "One"), (2, "One two"), (4, "One two three four")]


def test_save_pressed_after_an_autosave_keeps_that_revision(client, learner):
    _autosave(client, "Autosaved, then Save pressed", 0)
    assert _save(client, "Autosaved, then Save pressed", 1).status_code == 302
    _autosave(client, "Typed on", 1)
    assert _revisions() == [(1, "Autosaved, then Save pressed"), (2, "Typed on")]


def test_autosaves_further_apart_than_a_few_minutes_keep_separate_revisions(app, make):
    learner = make.user(Role.LEARNER)
    organisation, start = learner.memberships[0].organisation, utcnow()
    for base, (text, minutes) in enumerate([("One", 0), ("Two", 4), ("Three", 6)]):
        at = start + timedelta(minutes=minutes)
        services.save_entry(learner, organisation, COURSE, assignment(), text, base, at, True)
    assert services.FOLD_WINDOW == timedelta(minutes=5)
    assert _revisions() == [(2, "Two"), (3, "Three")]


def test_a_save_logs_one_line_with_ids_and_never_the_text(app, make, caplog):
    learner = make.user(Role.LEARNER)
    organisation = learner.memberships[0].organisation
    with caplog.at_level("INFO", logger="logbook"):
        entry = services.save_entry(learner, organisation, COURSE, assignment(), "Secret plan", 0)
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("logbook")]
    assert lines == [f"logbook entry saved entry={entry.id} version=1 autosave=False"]
