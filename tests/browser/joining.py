"""Joining as a person does it: the join form (from a code or an invitation) filled and sent."""

from __future__ import annotations

from playwright.sync_api import Page

PASSWORD = "a long enough password"


def send_join_form(page: Page, name: str, email: str = "", password: str = PASSWORD) -> None:
    """Fill the join form open on `page` and send it with Enter. An invitation's form has no
    email field (the invitation names the address): leave `email` out there."""
    page.get_by_label("Your name").fill(name)
    if email:
        page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("Type the password again").fill(password)
    page.get_by_label("Type the password again").press("Enter")
