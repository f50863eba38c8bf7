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


def cookie(client, name: str) -> str | None:
    """The value of a cookie the site set in this client, wherever the test client filed it."""
    for domain in ("herstart.test", "localhost"):
        found = client.get_cookie(name, domain=domain)
        if found is not None:
            return found.value
    return None


def client_with_cookie(app, name: str, value: str):
    """A new browser holding a copy of one cookie: what someone who copied it would have."""
    other = app.test_client()
    other.set_cookie(name, value, domain="herstart.test")
    return other


def reaches_dashboard(client) -> bool:
    response = client.get("/dashboard")
    return response.status_code == 200
