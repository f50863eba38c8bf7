"""Moving through a page with the keyboard alone, as a person without a mouse does."""

from __future__ import annotations


def tab_to(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element's label or text contains `text`; fail if never."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el) return "";
                const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
                const aria = el.getAttribute("aria-label") || "";
                return [label, el.innerText || "", el.value || "", aria].join(" ");
            }"""
        )
        if text in focused:
            return
    raise AssertionError(f"{text!r} cannot be reached with the Tab key")


def sign_in(page, email: str, password: str) -> None:
    tab_to(page, "Email address")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
