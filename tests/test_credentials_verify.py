"""/verify, signed out: a valid certificate, a tampered one, a withdrawn one and one signed with
another organisation's key, each said in plain words; and who may withdraw (issue 17)."""

from __future__ import annotations

import base64
import json

import pytest
from openbadgeslib.ob3 import OB3Signer, OpenBadgeCredential

from accounts.models import Role
from credentials import keys
from credentials.models import Credential
from extensions import db
from tests import credential_factories as cf

VALID = "This certificate is valid."
UNTRUSTED = "This certificate cannot be trusted: the signature does not match."


@pytest.fixture
def world(make):
    org = make.organisation("Werkplein Utrecht", slug="werkplein")
    other = make.organisation("Elsewhere", slug="elsewhere")
    learner = make.user(Role.LEARNER, org, name="Marianne")
    cf.key_for(org)
    cf.key_for(other)
    cf.finish_course(learner)
    row = cf.certificate(learner, org, name="Marianne de Vries")
    return {"org": org, "other": other, "learner": learner, "row": row}


def page(client, row) -> str:
    return client.get(f"/verify/{row.id}").get_data(as_text=True)


def tampered(token: str, **changes) -> str:
    """The same token with its payload changed and the original signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{body}.{signature}"


def test_a_valid_certificate_says_who_earned_what_from_whom_signed_out(client, world):
    html = page(client, world["row"])
    assert VALID in html
    assert "Marianne de Vries earned “Certificate: Test course” from Werkplein Utrecht" in html


def test_an_unknown_id_is_not_found(client, world):
    assert client.get("/verify/nothing-here").status_code == 404


def test_a_tampered_stored_credential_cannot_be_trusted(client, world):
    row = world["row"]
    row.jwt = tampered(row.jwt, name="Certificate: Medicine")
    db.session.commit()
    html = page(client, row)
    assert UNTRUSTED in html and VALID not in html and "Medicine" not in html


def test_a_withdrawn_certificate_says_when_and_why(client, auth, world, make):
    staff = make.user(Role.STAFF, world["org"])
    auth.login(staff)
    client.post(f"/certificates/{world['row'].id}/revoke", data={"reason": "Issued by mistake"})
    auth.logout()
    html = page(client, world["row"])
    assert "This certificate was withdrawn on" in html and "Issued by mistake" in html
    assert VALID not in html


def test_a_credential_signed_with_another_organisations_key_cannot_be_trusted(client, world):
    row = world["row"]
    claims = OpenBadgeCredential.from_jwt_payload(
        json.loads(base64.urlsafe_b64decode(row.jwt.split(".")[1] + "=="))
    )
    row.jwt = OB3Signer(keys.private_pem("elsewhere"), algorithm=keys.ALGORITHM).sign(claims)
    db.session.commit()
    assert UNTRUSTED in page(client, row)


def test_a_pasted_credential_is_checked_too(client, world):
    response = client.post("/verify", data={"token": world["row"].jwt})
    assert VALID in response.get_data(as_text=True)


def test_a_pasted_tampered_credential_cannot_be_trusted(client, world):
    token = tampered(world["row"].jwt, name="Certificate: Medicine")
    html = client.post("/verify", data={"token": token}).get_data(as_text=True)
    assert UNTRUSTED in html and VALID not in html


def test_a_pasted_credential_signed_by_another_organisation_cannot_be_trusted(client, world):
    row = world["row"]
    claims = OpenBadgeCredential.from_jwt_payload(
        json.loads(base64.urlsafe_b64decode(row.jwt.split(".")[1] + "=="))
    )
    forged = OB3Signer(keys.private_pem("elsewhere"), algorithm=keys.ALGORITHM).sign(claims)
    html = client.post("/verify", data={"token": forged}).get_data(as_text=True)
    assert UNTRUSTED in html and VALID not in html


def test_pasted_nonsense_is_not_confirmed(client, world):
    html = client.post("/verify", data={"token": "not.a.credential"}).get_data(as_text=True)
    assert "We cannot confirm this certificate" in html and VALID not in html


# Withdrawing -----------------------------------------------------------------------------------


def revoked_at(row):
    db.session.expire_all()
    return db.session.get(Credential, row.id).revoked_at


@pytest.mark.parametrize("who", ["learner", "mentor", "other_learner", "staff_other_org"])
def test_only_staff_of_the_issuing_organisation_may_withdraw(client, auth, world, make, who):
    people = {
        "learner": world["learner"],
        "mentor": make.user(Role.MENTOR, world["org"]),
        "other_learner": make.user(Role.LEARNER, world["org"]),
        "staff_other_org": make.user(Role.STAFF, world["other"]),
    }
    auth.login(people[who])
    response = client.post(f"/certificates/{world['row'].id}/revoke", data={"reason": "No"})
    assert response.status_code == 403
    assert revoked_at(world["row"]) is None


def test_signed_out_nobody_withdraws(client, world):
    response = client.post(f"/certificates/{world['row'].id}/revoke", data={"reason": "No"})
    assert "/login" in response.headers["Location"] and revoked_at(world["row"]) is None


def test_withdrawing_needs_a_reason(client, auth, world, make):
    auth.login(make.user(Role.STAFF, world["org"]))
    client.post(f"/certificates/{world['row'].id}/revoke", data={"reason": " "})
    assert revoked_at(world["row"]) is None


def test_staff_see_what_their_organisation_issued_and_others_do_not(client, auth, world, make):
    auth.login(make.user(Role.STAFF, world["org"]))
    assert "Marianne de Vries" in client.get("/organisations/werkplein/certificates").get_data(
        as_text=True
    )
    auth.login(make.user(Role.STAFF, world["other"]))
    assert client.get("/organisations/werkplein/certificates").status_code == 403
