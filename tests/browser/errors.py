"""The error summary as a user meets it after a failed submit: it has the focus (so a screen
reader reads it first), it says what is wrong, and the title starts with "Error:"."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def expect_error_summary(page: Page, text: str) -> None:
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(text)
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^(Error|Fout): "))
