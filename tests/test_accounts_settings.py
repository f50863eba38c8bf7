"""Language, text size and contrast: chosen once, kept everywhere."""

from accounts.models import Role, User
from extensions import db


def test_locale_follows_the_browser_when_nothing_is_chosen(client):
    page = client.get("/login", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert 'lang="nl"' in page.get_data(as_text=True)


def test_cookie_beats_the_browser(client):
    client.post("/settings/display", data={"language": "nl", "next": "/login"})
    page = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="nl"' in page
    assert "Aanmelden" in page


def test_persons_choice_beats_the_cookie(client, auth, make):
    auth.login(make.user(language="en"))
    client.set_cookie("lang", "nl")
    assert 'lang="en"' in client.get("/dashboard").get_data(as_text=True)


def test_organisation_default_when_the_browser_says_nothing(client, auth, make):
    organisation = make.organisation(default_language="nl")
    auth.login(make.user(Role.LEARNER, organisation))
    page = client.get("/dashboard", headers={"Accept-Language": ""}).get_data(as_text=True)
    assert 'lang="nl"' in page


def test_display_choices_are_saved_on_the_profile(client, auth, make):
    user = make.user()
    auth.login(user)
    client.post("/settings/display", data={"text_size": "larger", "next": "/dashboard"})
    client.post("/settings/display", data={"contrast": "high", "next": "/dashboard"})
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'class="text-larger contrast-high"' in page
    saved = db.session.get(User, user.id)
    assert (saved.text_size, saved.contrast) == ("larger", "high")


def test_anonymous_display_choice_is_a_cookie(client):
    client.post("/settings/display", data={"text_size": "large", "next": "/login"})
    assert 'class="text-large contrast-normal"' in client.get("/login").get_data(as_text=True)


def test_display_refuses_unknown_values_and_foreign_redirects(client):
    assert client.post("/settings/display", data={"text_size": "huge"}).status_code == 400
    response = client.post(
        "/settings/display", data={"language": "nl", "next": "https://evil.example"}
    )
    assert "evil" not in response.headers["Location"]


def test_profile_keeps_what_was_typed_when_the_name_is_too_long(client, auth, make):
    user = make.user(name="Anna")
    auth.login(user)
    response = client.post(
        "/account/profile",
        data={"name": "x" * 81, "language": "nl", "text_size": "large", "contrast": "normal"},
    )
    assert "x" * 81 in response.get_data(as_text=True)
    assert db.session.get(User, user.id).name == "Anna"


def test_profile_saves_every_setting(client, auth, make):
    user = make.user(name="Anna")
    auth.login(user)
    client.post(
        "/account/profile",
        data={"name": "Anna B", "language": "nl", "text_size": "large", "contrast": "high"},
    )
    saved = db.session.get(User, user.id)
    assert (saved.name, saved.language, saved.text_size, saved.contrast) == (
        "Anna B",
        "nl",
        "large",
        "high",
    )
