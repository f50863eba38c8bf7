"""Where am I (COGA): the pages of joining with a code say which step of three they are."""

import re

from tests.accounts_helpers import emailed_link, path_of

PASSWORD = "a long enough password"


def _step(html: str) -> str:
    return re.search(r'<p class="step-caption">(.*?)</p>', html)[1]


def test_joining_says_step_1_2_and_3_of_3(client, make, mailbox):
    make.organisation("Job agency West", join_code="WEST-2026")
    assert _step(client.get("/join?code=WEST-2026").get_data(as_text=True)) == "Step 1 of 3"
    sent = client.post(
        "/join",
        data={
            "code": "WEST-2026",
            "name": "Piet",
            "email": "piet@example.org",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
        follow_redirects=True,
    )
    assert _step(sent.get_data(as_text=True)) == "Step 2 of 3"
    confirm = client.get(path_of(emailed_link(mailbox, "/confirm/")))
    assert _step(confirm.get_data(as_text=True)) == "Step 3 of 3"


def test_the_step_is_said_in_dutch_too(client, make):
    make.organisation("Job agency West", join_code="WEST-2026")
    page = client.get("/join?code=WEST-2026", headers={"Accept-Language": "nl"})
    assert _step(page.get_data(as_text=True)) == "Stap 1 van 3"
