"""Nothing lost on any form: what a person typed survives a lost session. Meeting notes and a
question are kept in the browser (autosave.js, `data-keep`) and put back with a message after
signing in again or a reload, and forgotten once saved; a quiz answer sent after the session
ended comes back chosen after signing in (the server passes it through the sign-in's `next`).
axe-core runs on every page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from extensions import db
from modules.services import catalogue
from quizzes import services as quizzes
from tests.browser.test_logbook_journey import sign_in
from tests.factories import PASSWORD

PUT_BACK = "We put back the text you typed."
NOTES = "We talked about prices for the bakery.\nNext time: the flyer."


@pytest.fixture
def config(config):
    """CSRF on, as in production: a form sent after the session ended meets its refusal."""
    return {**config, "WTF_CSRF_ENABLED": True}


def _pair(make):
    organisation = make.organisation("Job agency West")
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    return learner, mentor, make.pair(mentor, learner, organisation)


def _session_ends(page) -> None:
    """The session cookie is gone (expired, or cleared); the browser's storage stays."""
    page.context.clear_cookies()


def _sign_in_here(page, user) -> None:
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state("load")


def test_meeting_notes_come_back_after_the_session_ended_and_go_once_saved(browser, live_app, make):
    _, mentor, pair = _pair(make)
    form_path = f"/mentoring/pairs/{pair.id}/meetings/new"
    page = sign_in(browser, mentor, path=form_path)
    page.get_by_label("Private notes of the two of you").fill(NOTES)
    _session_ends(page)
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The page was open too long")
    browser.axe()

    page.get_by_role("link", name="Sign in again and go back to the page").click()
    browser.axe()
    _sign_in_here(page, mentor)  # the sign-in form leads back to the form
    expect(page.get_by_label("Private notes of the two of you")).to_have_value(NOTES)
    expect(page.get_by_role("status").filter(has_text=PUT_BACK)).to_be_visible()
    browser.axe()

    page.get_by_label("Date of the meeting").fill("2026-11-30")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Meeting saved.")).to_be_visible()
    browser.axe()
    browser.goto(form_path)  # saved: nothing is put back any more
    expect(page.get_by_label("Private notes of the two of you")).to_have_value("")
    expect(page.get_by_text(PUT_BACK)).to_have_count(0)


def test_a_quiz_answer_sent_after_the_session_ended_is_chosen_again_after_signing_in(
    browser, live_app, make
):
    organisation = make.organisation("Incubator West")
    learner = make.user(Role.LEARNER, organisation)
    course = catalogue().course("test-course")
    attempt = quizzes.start_attempt(learner.id, course, course.module("first-module"))
    db.session.commit()
    question_path = f"/quizzes/attempts/{attempt.id}/1"
    page = sign_in(browser, learner, path=question_path)
    wanted = page.locator(".radios__label").nth(2).inner_text()
    page.get_by_label(wanted).check()
    _session_ends(page)
    page.get_by_role("button", name="Save and next question").click()
    expect(page.get_by_text("your answer is not saved yet. Sign in to go on.")).to_be_visible()
    browser.axe()

    _sign_in_here(page, learner)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        page.locator("h1.quiz-question__text").inner_text()
    )
    expect(page.get_by_label(wanted)).to_be_checked()
    expect(page.get_by_text("We put back the answer you chose.")).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Save and next question").click()
    expect(page.locator("legend .section-meta")).to_have_text("Question 2 of 10")
    browser.axe()
    db.session.refresh(attempt)
    assert len(attempt.answers) == 1


def test_a_question_comes_back_after_a_reload_and_can_be_removed(browser, live_app, make):
    learner, _, _ = _pair(make)
    page = sign_in(browser, learner, path="/questions/new")
    page.get_by_label("Your question").fill("How do I register my business name?")
    page.reload()
    expect(page.get_by_label("Your question")).to_have_value("How do I register my business name?")
    expect(page.get_by_role("status").filter(has_text=PUT_BACK)).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Remove the text we put back").click()
    expect(page.get_by_label("Your question")).to_have_value("")
    expect(page.get_by_label("Your question")).to_be_focused()
    page.reload()
    browser.axe()
    expect(page.get_by_label("Your question")).to_have_value("")
    expect(page.get_by_text(PUT_BACK)).to_have_count(0)


def test_a_message_to_the_partner_comes_back_after_the_session_ended(browser, live_app, make):
    learner, _, pair = _pair(make)
    pair_path = f"/mentoring/pairs/{pair.id}"
    page = sign_in(browser, learner, path=pair_path)
    page.get_by_label("Your message").fill("Can we meet on Thursday?")
    _session_ends(page)
    page.get_by_role("button", name="Send", exact=True).click()
    browser.axe()
    sign_in(browser, learner, path=pair_path)
    expect(page.get_by_label("Your message")).to_have_value("Can we meet on Thursday?")
    expect(page.get_by_role("status").filter(has_text=PUT_BACK)).to_be_visible()
    browser.axe()


def test_the_accessibility_statement_and_its_form_from_the_footer(browser, live_app, make):
    """Anonymous: the footer link fills in the page; a missing answer is an error in place
    with the focus on the summary and the text kept; the report is then sent."""
    make.user(None, is_admin=True)
    page = browser.goto("/login")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    browser.axe()
    expect(page.get_by_label("On which page? (optional)")).to_have_value("/login")
    page.get_by_label("Your name (optional)").fill("Henk")
    page.get_by_role("button", name="Send my report").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_label("Your name (optional)")).to_have_value("Henk")
    browser.axe()
    page.get_by_label("What went wrong?").fill("The sign-in button is hard to find.")
    page.get_by_role("button", name="Send my report").click()
    expect(page.get_by_text("Thank you. Your report is sent")).to_be_visible()
    browser.axe()
