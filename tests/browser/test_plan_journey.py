"""The business plan journey in Dutch: a learner fills in the cash-flow (liquidity) budget with
JavaScript (the sum grows while typing) and without it (the button recalculates), sees the
warning that the cash runs out, writes the summary of the plan and downloads it as PDF and DOCX.
axe-core runs on every page visited."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import Role
from extensions import db
from logbook import services
from logbook.models import Budget
from tests.browser.conftest import Browser
from tests.browser.test_logbook_journey import sign_in
from tests.conftest import TEST_COURSES
from tests.routes.logbook import COURSE

SUMMARY_KEY = "plan-summary"
SUMMARY = {
    "en": ("Summary of my plan", "Write the summary of your plan, last."),
    "nl": ("Samenvatting van mijn plan", "Schrijf als laatste de samenvatting van je plan."),
}
SUMMARY_TEXT = "Ik bak brood voor de straat.\n\nWat ik nodig heb:\n- een oven\n- 5*3 broden"


@pytest.fixture
def config(config, tmp_path):
    """The test course with a summary chapter, fed by an assignment of its second module (the
    shared test course has no summary; the real course's is `launch-plan-summary`)."""
    root = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, root)
    course = root / COURSE
    text = (course / "course.yml").read_text()
    summary = "  - key: summary\n    title: {en: Summary, nl: Samenvatting}\n"
    (course / "course.yml").write_text(text.replace("modules:\n", summary + "modules:\n", 1))
    for language, (title, prompt) in SUMMARY.items():
        with (course / "02-second-module" / f"logbook.{language}.yml").open("a") as file:
            file.write(
                f"- key: {SUMMARY_KEY}\n  title: {title}\n  prompt: {prompt}\n"
                f"  guidance: {prompt}\n  minutes: 60\n  chapter: summary\n"
            )
    config["COURSES_ROOT"] = str(root)
    return config


@pytest.fixture
def learner(make):
    organisation = make.organisation("Werkplein Zuid")
    learner = make.user(Role.LEARNER, organisation, name="Marianne", language="nl")
    make.pair(make.user(Role.MENTOR, organisation, name="Yusuf"), learner, organisation)
    return learner


class BrowserWithoutJavaScript(Browser):
    """Pages seen with JavaScript switched off. axe-core cannot run in such a page (its timers
    never fire), so each page as it stands, scripts taken out, is checked in a second page."""

    def __init__(self, page, base_url, checker):
        super().__init__(page, base_url)
        self.checker = Browser(checker, base_url)

    def axe(self) -> None:
        self.page.wait_for_load_state("load")
        url = self.page.url
        html = re.sub(r"<script\b.*?</script>", "", self.page.content(), flags=re.S | re.I)
        html = re.sub(r"</?noscript>", "", html, flags=re.I)

        def as_seen(route):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        self.checker.page.route(url, as_seen)
        self.checker.page.goto(url)
        self.checker.page.unroute(url)
        self.checker.axe()
        self.checked.add(url)


@contextmanager
def browser_without_javascript(playwright_browser, live_app):
    """A second browser with JavaScript switched off; every page it visits is checked too."""
    base = live_app.config["BASE_URL"]
    context = playwright_browser.new_context(base_url=base, java_script_enabled=False)
    checking = playwright_browser.new_context(base_url=base)
    page = context.new_page()
    page.set_default_timeout(10_000)
    visitor = BrowserWithoutJavaScript(page, base, checking.new_page())
    try:
        yield visitor
    finally:
        context.close()
        checking.close()
    unchecked = [url for url in visitor.visited if url not in visitor.checked]
    assert not unchecked, "pages visited without an axe-core check:\n" + "\n".join(unchecked)


def open_cash_flow_budget(browser):
    page = browser.page
    page.get_by_role("link", name="Mijn logboek").first.click()
    browser.axe()
    page.get_by_role("link", name="Mijn begrotingen", exact=False).click()
    browser.axe()
    page.get_by_role("link", name="Liquiditeitsbegroting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Liquiditeitsbegroting")
    browser.axe()
    return page


def fill_row(page, n, label, kind, months):
    page.get_by_label(f"Post, regel {n}", exact=True).fill(label)
    page.get_by_label(f"Soort, regel {n}", exact=True).select_option(label=kind)
    for month, amount in enumerate(months, start=1):
        page.get_by_label(f"Maand {month}, regel {n}", exact=True).fill(amount)


def fill_cash_flow(page, opening):
    """Rent of 800 euro a month (968 with VAT), sales only from month 4."""
    page.get_by_label("Geld in kas en op de bank aan het begin van maand 1").fill(opening)
    fill_row(page, 1, "Verkoop brood", "Ontvangst", [""] * 3 + ["2.000"] * 9)
    fill_row(page, 2, "Huur bakkerij", "Uitgave", ["800"] * 12)


def save(browser):
    browser.page.get_by_role("button", name="Opslaan en opnieuw berekenen").click()
    expect(
        browser.page.get_by_text("Je begroting is opgeslagen en opnieuw berekend.")
    ).to_be_visible()
    browser.axe()


def write_summary(browser):
    page = browser.page
    page.get_by_role("link", name="Mijn logboek").first.click()
    browser.axe()
    page.get_by_role("link", name=SUMMARY["nl"][0]).click()
    browser.axe()
    page.get_by_label("Jouw tekst").fill(SUMMARY_TEXT)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_label("Jouw tekst")).to_have_value(SUMMARY_TEXT)
    browser.axe()


def download_plan(page):
    """Both plan documents downloaded from the logbook and read back: A4, in Dutch, the summary
    as typed and the cash-flow budget as a table."""
    texts = {}
    for suffix in ("pdf", "docx"):
        with page.expect_download() as download:
            page.locator(f'a[href$="/logbook/plan.{suffix}"]').first.click()
        texts[suffix] = download.value.path()
    pdf = PdfReader(str(texts["pdf"]))
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    document = Document(str(texts["docx"]))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    first_line = SUMMARY_TEXT.splitlines()[0]
    assert first_line in docx_text and " ".join(first_line.split()[:4]) in pdf_text
    assert "Liquiditeitsbegroting" in docx_text + cells and "Liquiditeitsbegroting" in pdf_text


def test_cash_flow_with_javascript_summary_and_the_plan(browser, live_app, learner):
    page = sign_in(browser, learner)
    open_cash_flow_budget(browser)
    fill_cash_flow(page, "1.000")
    # The sum of what is typed, per kind of row, grows as the learner types (Dutch style).
    total = page.locator("output.budget-live-total")
    expect(total).to_have_text("Ontvangst: 18.000,00 · Uitgave: 9.600,00")
    page.get_by_label("Maand 12, regel 2", exact=True).fill("1.000")
    expect(total).to_have_text("Ontvangst: 18.000,00 · Uitgave: 9.800,00")
    save(browser)
    expect(page.locator(".budget-warnings")).to_have_text("Je geld raakt op in maand 2.")
    budget = db.session.scalar(db.select(Budget).filter_by(user_id=learner.id, kind="cashflow"))
    assert budget.data["opening"] == 100000 and len(budget.data["rows"]) == 2

    write_summary(browser)
    entry = services.entry_of(learner.id, COURSE, SUMMARY_KEY)
    assert entry.text == SUMMARY_TEXT

    download_plan(browser.goto("/logbook/"))


def test_cash_flow_without_javascript_recalculates_on_the_button(
    playwright_browser, live_app, learner
):
    with browser_without_javascript(playwright_browser, live_app) as browser:
        page = sign_in(browser, learner)
        open_cash_flow_budget(browser)
        expect(page.locator(".budget-live")).to_be_hidden()  # only the script shows the sum
        fill_cash_flow(page, "5.000")
        save(browser)
        expect(page.get_by_text("Je geld raakt op in maand")).to_have_count(0)
        # Less money at the start: the button recalculates, and the warning shows.
        page.get_by_label("Geld in kas en op de bank aan het begin van maand 1").fill("1.000")
        save(browser)
        expect(page.locator(".budget-warnings")).to_have_text("Je geld raakt op in maand 2.")
        expect(
            page.get_by_label("Geld in kas en op de bank aan het begin van maand 1")
        ).to_have_value("1.000,00")
        browser.goto(f"/logbook/{COURSE}/budgets/")
        expect(page.get_by_text("Laagste saldo:", exact=False)).to_contain_text("in maand")
    budget = db.session.scalar(db.select(Budget).filter_by(user_id=learner.id, kind="cashflow"))
    assert budget.version == 2 and budget.data["opening"] == 100000
