"""Keyboard only: open the self-assessment from the module page, answer four questions, sign
out in the middle, come back to question five, finish, check, submit, read the results and
retake. axe-core runs on every page visited."""

from __future__ import annotations

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.errors import expect_error_summary
from tests.browser.keyboard import sign_in, tab_to
from tests.factories import PASSWORD

MODULE = "/courses/test-course/first-module/"


def _right_answers(app) -> dict[str, str]:
    """Question text -> the text of its right option, in English."""
    quiz = app.extensions["catalogue"].course("test-course").module("first-module").quiz("en")
    return {q.text: q.correct_option.text for q in quiz.questions}


def _choose(page, wanted: str) -> None:
    """Tab into the radio group, then arrow down to the wanted option (arrows select)."""
    labels = page.locator(".radios__label").all_inner_texts()
    tab_to(page, labels[0])
    page.keyboard.press("Space")
    for _ in range(labels.index(wanted)):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label(wanted)).to_be_checked()


def _answer(browser, page, answers: dict[str, str], number: int, button: str) -> None:
    expect(page.locator("legend .section-meta")).to_have_text(f"Question {number} of 10")
    browser.axe()
    question = page.get_by_role("heading", level=1).inner_text()
    _choose(page, answers[question])
    tab_to(page, button)
    page.keyboard.press("Enter")


def _open_quiz(browser, page) -> None:
    browser.goto(MODULE)
    tab_to(page, "Self-assessment: ten questions to test yourself")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-assessment")
    browser.axe()


def test_take_leave_resume_submit_review_and_retake_with_the_keyboard(browser, live_app, make):
    answers = _right_answers(live_app)
    organisation = make.organisation("Incubator West")
    learner = make.user(Role.LEARNER, organisation, email="quiz@example.org")
    page = browser.goto("/login")
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()

    _open_quiz(browser, page)
    tab_to(page, "Start the self-assessment")
    page.keyboard.press("Enter")
    for number in range(1, 5):
        _answer(browser, page, answers, number, "Save and next question")

    # Leave in the middle: sign out, sign in, and come back to question five.
    expect(page.locator("legend .section-meta")).to_have_text("Question 5 of 10")
    browser.axe()
    tab_to(page, "Sign out")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    _open_quiz(browser, page)
    expect(page.get_by_text("You answered 4 of 10 questions.")).to_be_visible()
    tab_to(page, "Continue where you left off")
    page.keyboard.press("Enter")

    for number in range(5, 10):
        _answer(browser, page, answers, number, "Save and next question")
    _answer(browser, page, answers, 10, "Save and check your answers")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before you submit"
    )
    expect(page.get_by_text("You answered every question.")).to_be_visible()
    browser.axe()
    tab_to(page, "Submit my answers")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(page.get_by_role("heading", name="You scored 10 out of 10")).to_be_visible()
    expect(page.get_by_text("Explanation of question 1.")).to_be_visible()
    browser.axe()

    tab_to(page, "Take the self-assessment again")
    page.keyboard.press("Enter")
    expect(page.locator("legend .section-meta")).to_have_text("Question 1 of 10")
    browser.axe()
    _open_quiz(browser, page)
    expect(page.get_by_role("link", name="Attempt 1")).to_be_visible()


def test_gaps_errors_and_the_mentors_view_pass_axe(browser, live_app, make):
    organisation = make.organisation("Incubator North")
    learner = make.user(Role.LEARNER, organisation, email="gaps@example.org", name="Gita")
    mentor = make.user(Role.MENTOR, organisation, email="mentor@example.org")
    make.pair(mentor, learner, organisation)
    page = browser.goto("/login")
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    browser.goto(MODULE + "quiz")
    tab_to(page, "Start the self-assessment")
    page.keyboard.press("Enter")
    expect(page.locator("legend .section-meta")).to_have_text("Question 1 of 10")
    browser.axe()

    # A tampered option id: the page says what is wrong, with an error summary.
    page.locator("#option-0").evaluate("el => { el.value = 'tampered'; el.checked = true; }")
    tab_to(page, "Save and next question")
    page.keyboard.press("Enter")
    expect_error_summary(page, "That answer is not one of the options")
    browser.axe()

    tab_to(page, "Save and go to the check page")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", level=2, name="You have not answered 10 questions")
    ).to_be_visible()
    browser.axe()
    tab_to(page, "Submit with unanswered questions")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You scored 0 out of 10")).to_be_visible()
    browser.axe()
    browser.goto(f"/quizzes/mentees/{learner.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-assessment scores")

    tab_to(page, "Sign out")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()
    sign_in(page, mentor.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    browser.goto(f"/quizzes/mentees/{learner.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment scores of Gita")
    expect(page.get_by_text("0 out of 10").first).to_be_visible()
