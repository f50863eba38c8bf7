"""Issue 20: answering a match proposal and adding a theme show the error in place, GOV.UK
style, with what was typed kept, instead of a redirect and a flash that threw the text away."""

import re

from extensions import db
from mentoring import services
from mentoring.models import Mentorship
from tests import mentoring_factories as mf


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S)[1].strip()


def test_a_proposal_answer_without_a_choice_keeps_the_reason(client, auth, make):
    world = mf.programme(make)
    auth.login(world["mentee"])
    pair_id = world["pair"].id
    response = client.post(
        f"/mentoring/pairs/{pair_id}/answer", data={"reason": "I prefer someone nearby"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _title(html).startswith("Error: ")
    assert 'class="error-summary"' in html and 'href="#decision-0"' in html
    assert 'id="decision-error"' in html
    assert "I prefer someone nearby</textarea>" in html
    pair = db.session.get(Mentorship, pair_id)
    assert (pair.state, pair.declined_by_id) == ("proposed", None)


def test_a_proposal_answer_still_goes_through_when_complete(client, auth, make):
    world = mf.programme(make)
    auth.login(world["mentee"])
    response = client.post(
        f"/mentoring/pairs/{world['pair'].id}/answer", data={"decision": "accept"}
    )
    assert response.status_code == 302


def test_an_empty_theme_shows_the_error_beside_the_box(client, auth, make):
    world = mf.programme(make)
    auth.login(world["staff"])
    before = services.themes(world["org"])
    response = client.post(
        f"/organisations/{world['org'].slug}/programme/themes", data={"label": "  "}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _title(html).startswith("Error: ")
    assert 'href="#label"' in html and 'id="label-error"' in html
    assert services.themes(world["org"]) == before


def test_a_theme_already_on_the_list_keeps_what_was_typed(client, auth, make):
    world = mf.programme(make)
    auth.login(world["staff"])
    url = f"/organisations/{world['org'].slug}/programme/themes"
    existing = "Pricing"
    client.post(url, data={"label": existing})
    response = client.post(url, data={"label": existing})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This theme is already on the list." in html
    assert f'value="{existing}"' in html and 'id="label-error"' in html


def test_a_new_theme_is_added_and_the_page_says_so(client, auth, make):
    world = mf.programme(make)
    auth.login(world["staff"])
    url = f"/organisations/{world['org'].slug}/programme/themes"
    response = client.post(url, data={"label": "Pricing"}, follow_redirects=True)
    assert "Theme added: Pricing." in response.get_data(as_text=True)
    assert "Pricing" in services.themes(world["org"]).values()


# "Saved" announced after a redirect --------------------------------------------------------


def _notice(html: str) -> str:
    return re.search(r'<div class="notice notice--[^"]*"[^>]*>', html)[0]


def test_a_success_message_after_a_redirect_takes_focus_and_is_announced(client, auth, make):
    world = mf.programme(make)
    auth.login(world["staff"])
    url = f"/organisations/{world['org'].slug}/programme/themes"
    html = client.post(url, data={"label": "Pricing"}, follow_redirects=True).get_data(as_text=True)
    notice = _notice(html)
    assert "notice--success" in notice
    assert 'role="alert"' in notice and 'tabindex="-1"' in notice and "autofocus" in notice
    assert html.count("autofocus") == 1


def test_the_error_summary_keeps_the_focus_over_a_waiting_message(client, auth, make):
    world = mf.programme(make)
    auth.login(world["staff"])
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Saved before")]
    url = f"/organisations/{world['org'].slug}/programme/themes"
    html = client.post(url, data={"label": ""}).get_data(as_text=True)
    assert "Saved before" in html and "autofocus" not in _notice(html)
    assert re.search(r'<div class="error-summary"[^>]*autofocus', html)
