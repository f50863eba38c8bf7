"""Helpers the account tests share: reading links out of emails, joining with a code."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.factories import PASSWORD

JOINER_PASSWORD = "a long enough password"


def emailed_link(mailbox, marker: str, index: int = -1) -> str:
    """The absolute link containing `marker` in an email the test server received."""
    body = mailbox.messages[index].get_body(preferencelist=("plain",)).get_content()
    return next(line.strip() for line in body.splitlines() if marker in line)


def path_of(link: str) -> str:
    return urlsplit(link).path


def join_with_code(client, code: str, email: str, name: str = "Piet", **extra):
    return client.post(
        "/join",
        data={
            "code": code,
            "name": name,
            "email": email,
            "password": JOINER_PASSWORD,
            "confirm": JOINER_PASSWORD,
        },
        **extra,
    )


def sign_in(client, email: str, password: str = PASSWORD, **form):
    return client.post("/login", data={"email": email, "password": password, **form})
