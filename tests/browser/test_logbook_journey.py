"""Journeys through the logbook: the learner writes with autosave, reloads and finds the text,
submits; the mentor finds it in the inbox and replies; the learner sees the reply and the "read
by" line. Also: a lost session loses no text, and no payload in entries or replies runs a script.
axe-core runs on every page visited."""

from pathlib import Path

from playwright.sync_api import expect

from accounts.models import Role
from extensions import db
from logbook import services
from logbook.models import EntryState
from tests.factories import PASSWORD
from tests.routes.logbook import E, assignment, make_entry

PAYLOADS = [
    line
    for line in (Path(__file__).parents[1] / "data" / "xss_payloads.txt").read_text().splitlines()
    if line.strip()
]


def sign_in(browser, user, path="/login"):
    page = browser.goto(path)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state("load")
    browser.axe()
    return page


def sign_out(browser):
    browser.page.get_by_role("button", name="Sign out").click()
    expect(browser.page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()


def _people(make):
    organisation = make.organisation("Job agency West")
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    make.pair(mentor, learner, organisation)
    return learner, mentor


def test_write_autosave_submit_reply_and_read(browser, live_app, make):
    learner, mentor = _people(make)

    page = sign_in(browser, learner)
    page.get_by_role("link", name="My logbook").first.click()
    browser.axe()
    page.get_by_role("link", name="Assignment first-plan").click()
    browser.axe()
    page.get_by_label("Your text").fill("## My bakery\n\nBread for the whole street.")
    expect(page.get_by_text("Saved at ")).to_be_visible()
    browser.axe()
    page.reload()
    browser.axe()
    expect(page.get_by_label("Your text")).to_have_value(
        "## My bakery\n\nBread for the whole street."
    )
    page.get_by_role("button", name="Send to my mentor").click()
    expect(page.get_by_text("Sent to Yusuf")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, mentor)
    page.get_by_role("link", name="My mentees").first.click()
    browser.axe()
    row = page.get_by_role("row", name="Assignment first-plan")
    expect(row).to_contain_text("Marianne")
    expect(row).to_contain_text("0 days")
    row.get_by_role("link").click()
    browser.axe()
    expect(page.get_by_text("Bread for the whole street.")).to_be_visible()
    page.get_by_label("Your reply").fill("Who buys **bread** at 7?")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("Your feedback is sent to Marianne.")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, learner)  # the dashboard's "New for you" leads to the reply
    page.get_by_role("link", name="Yusuf replied to your logbook entry", exact=False).click()
    browser.axe()
    expect(page.locator("#thread strong", has_text="bread")).to_be_visible()
    expect(page.get_by_text("Read by Yusuf on")).to_be_visible()
    expect(page.get_by_text("Feedback received").first).to_be_visible()


def test_a_lost_session_keeps_the_text_and_saves_it_after_signing_in(browser, live_app, make):
    learner, _ = _people(make)
    page = sign_in(browser, learner)
    browser.goto(E)
    page.context.clear_cookies()  # the session ends while the learner types
    page.get_by_label("Your text").fill("Words typed after the session ended")
    expect(page.get_by_text("Your text is kept in this browser")).to_be_visible()
    sign_in(browser, learner, path=E)  # the sign-in form leads back to the entry
    expect(page.get_by_label("Your text")).to_have_value("Words typed after the session ended")
    expect(page.get_by_text("Saved at ")).to_be_visible()
    entry = services.entry_of(learner.id, "test-course", "first-plan")
    assert entry.text == "Words typed after the session ended"


def test_no_payload_runs_a_script_or_opens_a_dialog(browser, live_app, make):
    learner, mentor = _people(make)
    entry = make_entry(learner, EntryState.SUBMITTED, text="\n\n".join(PAYLOADS))
    for payload in PAYLOADS[:20]:
        services.give_feedback(mentor, entry.id, payload)
    db.session.commit()  # services only flush; the served app reads what was committed
    page = sign_in(browser, mentor)
    page.add_init_script("window.__xss = 0; window.alert = () => { window.__xss += 1; };")
    for path in (f"/mentor/entries/{entry.id}",):
        browser.goto(path)
        page.mouse.move(200, 300)
        page.mouse.move(400, 500)
        assert page.evaluate("window.__xss") == 0
    sign_out(browser)
    page = sign_in(browser, learner)
    for path in (E, "/logbook/print", f"{E}/revisions/1"):
        browser.goto(path)
        page.mouse.move(200, 300)
        assert page.evaluate("window.__xss") == 0
    assert browser.dialogs == []


def test_conflict_preview_revisions_print_and_staff_pages_in_dutch(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    learner = make.user(Role.LEARNER, organisation, name="Marianne", language="nl")
    staff = make.user(Role.STAFF, organisation, name="Sanne", language="nl")
    entry = make_entry(learner, text="Eerste versie")
    db.session.commit()  # services only flush; the served app reads what was committed
    page = sign_in(browser, learner)
    browser.goto(E)
    # Another device saves meanwhile; this page still holds version 1.
    services.save_entry(learner, organisation, "test-course", assignment(), "Van de telefoon", 1)
    db.session.commit()  # that device's request commits its own unit of work
    page.get_by_label("Jouw tekst").fill("Van de laptop")
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.get_by_role("heading", name="Voorbeeld (nog niet opgeslagen)")).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Er is niets overschreven.", exact=False)).to_be_visible()
    expect(page.get_by_text("Van de telefoon")).to_be_visible()
    expect(page.get_by_label("Jouw tekst")).to_have_value("Van de laptop")
    browser.axe()
    page.get_by_role("button", name="Opslaan").click()  # keep mine, on purpose
    expect(page.get_by_text("Je logboekstuk is opgeslagen.")).to_be_visible()
    browser.axe()
    page.get_by_role("link", name="Versie 1,", exact=False).click()
    browser.axe()
    page.get_by_role("button", name="Deze versie terugzetten").click()
    expect(page.get_by_label("Jouw tekst")).to_have_value("Eerste versie")
    browser.axe()
    browser.goto("/logbook/print")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ondernemingsplan")
    sign_out_nl(browser)
    sign_in(browser, staff)
    browser.goto(f"/logbook/staff/{organisation.slug}/")
    browser.axe()
    page.get_by_role("link", name="Marianne", exact=False).click()
    expect(page.get_by_role("table")).to_contain_text("Concept")
    browser.axe()
    expect(page.get_by_text("Eerste versie")).to_have_count(0)
    assert entry.id


def sign_out_nl(browser):
    browser.page.get_by_role("button", name="Afmelden").click()
    browser.page.wait_for_load_state("load")
    browser.axe()


def test_the_editor_works_with_the_keyboard_alone(browser, live_app, make):
    from tests.browser.keyboard import tab_to

    learner, _ = _people(make)
    page = sign_in(browser, learner)
    browser.goto(E)
    tab_to(page, "Your text")
    page.keyboard.press("Control+A")
    page.keyboard.type("Typed without a mouse")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your entry is saved.")).to_be_visible()
    browser.axe()
    assert services.entry_of(learner.id, "test-course", "first-plan").text == (
        "Typed without a mouse"
    )


def _kept_in_browser(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('logbook:'))")


def test_signing_out_sends_the_waiting_text_then_clears_the_browser(browser, live_app, make):
    learner, _ = _people(make)
    page = sign_in(browser, learner)
    browser.goto(E)
    page.get_by_label("Your text").fill("Typed just before signing out")
    sign_out(browser)  # sooner than the autosave would have sent it
    entry = services.entry_of(learner.id, "test-course", "first-plan")
    assert entry.text == "Typed just before signing out"
    assert _kept_in_browser(page) == []


def test_text_kept_while_offline_is_sent_when_signing_out_from_another_page(
    browser, live_app, make
):
    learner, _ = _people(make)
    page = sign_in(browser, learner)
    browser.goto(E)
    page.context.set_offline(True)
    page.get_by_label("Your text").fill("Written on the train")
    expect(page.get_by_text("Not saved: you may be signed out or offline")).to_be_visible()
    page.context.set_offline(False)
    browser.goto("/logbook/")
    assert len(_kept_in_browser(page)) == 1
    sign_out(browser)
    entry = services.entry_of(learner.id, "test-course", "first-plan")
    assert entry.text == "Written on the train"
    assert _kept_in_browser(page) == []
