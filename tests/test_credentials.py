"""The course certificate and the reverse mentor credential: issued only when the conditions
hold, signed so the library verifies it, the email never in plain text, downloads (issue 17)."""

from __future__ import annotations

import io
import os
import stat

import jwt as pyjwt
import pytest
from openbadgeslib.ob3 import OB3Verifier
from openbadgeslib.util import hash_email
from pypdf import PdfReader

from accounts.models import Role
from credentials import keys
from credentials.models import Credential
from extensions import db
from tests import credential_factories as cf

URL = "/certificates/course/test-course"


@pytest.fixture
def world(make):
    org = make.organisation("Werkplein Utrecht", slug="werkplein")
    learner = make.user(Role.LEARNER, org, name="Marianne", email="Marianne@Example.org")
    mentor = make.user(Role.MENTOR, org, name="Yusuf")
    cf.key_for(org)
    return {"org": org, "learner": learner, "mentor": mentor}


def count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Credential))


def test_a_learner_who_has_not_finished_is_refused_and_nothing_is_stored(client, auth, world):
    cf.finish_course(world["learner"], skip_last_assessment=True)
    auth.login(world["learner"])
    response = client.post(URL, data={"name": "Marianne de Vries"})
    assert response.status_code == 409
    assert "passed every self-assessment" in response.get_data(as_text=True)
    assert count() == 0


def test_the_page_says_what_is_still_needed_before_the_end(client, auth, world):
    auth.login(world["learner"])
    html = client.get(URL).get_data(as_text=True)
    assert "0 of 2 modules done" in html and "Make my certificate" not in html


def test_a_learner_who_finished_gets_a_certificate_with_the_name_they_chose(client, auth, world):
    cf.finish_course(world["learner"])
    auth.login(world["learner"])
    assert "Make my certificate" in client.get(URL).get_data(as_text=True)
    response = client.post(URL, data={"name": "Marianne de Vries"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Download the certificate to print (PDF)" in html
    row = db.session.scalar(db.select(Credential))
    assert (row.name, row.kind, row.user_id) == ("Marianne de Vries", "course", world["learner"].id)
    assert f"/verify/{row.id}" in html


def test_a_second_certificate_for_the_same_course_is_refused(client, auth, world):
    cf.finish_course(world["learner"])
    cf.certificate(world["learner"], world["org"])
    auth.login(world["learner"])
    assert client.post(URL, data={"name": "Again"}).status_code == 409
    assert count() == 1


def test_without_a_key_the_organisation_cannot_issue_and_says_so(client, auth, make):
    org = make.organisation()
    learner = make.user(Role.LEARNER, org)
    cf.finish_course(learner)
    auth.login(learner)
    response = client.post(URL, data={"name": "Marianne"})
    assert "cannot issue certificates yet" in response.get_data(as_text=True)
    assert count() == 0


def test_the_credential_verifies_with_the_library_and_holds_the_course(world):
    cf.finish_course(world["learner"])
    row = cf.certificate(world["learner"], world["org"])
    credential = OB3Verifier(keys.public_pem("werkplein")).verify(row.jwt)
    assert credential.issuer.name == "Werkplein Utrecht"
    assert credential.achievement.name == "Certificate: Test course"
    narrative = credential.achievement.criteria_narrative
    assert "Workload:" in narrative and "Assessment:" in narrative
    assert "Learning outcomes:" in narrative
    outcome = cf.course().modules[0].text("en").outcomes[0]
    assert outcome in narrative
    assert len(credential.results) == len(cf.course().modules)


def test_the_recipient_is_a_salted_hash_and_the_email_is_nowhere_in_the_row(world):
    cf.finish_course(world["learner"])
    row = cf.certificate(world["learner"], world["org"])
    payload = pyjwt.decode(row.jwt, options={"verify_signature": False})
    identity = next(i for i in payload["credentialSubject"]["identifier"] if i["hashed"])
    expected = "sha256$" + hash_email("marianne@example.org", row.salt).decode()
    assert identity["identityHash"] == expected
    stored = db.session.execute(db.select(Credential.__table__)).one()
    assert not any("example.org" in str(value).lower() for value in stored)
    assert "example.org" not in str(payload).lower()


def test_chosen_logbook_entries_are_evidence_and_say_read_by_mentor(client, auth, world):
    cf.finish_course(world["learner"])
    read = cf.sent_entry(world["learner"], world["org"], "My idea: a repair café", world["mentor"])
    auth.login(world["learner"])
    page = client.get(URL).get_data(as_text=True)
    assert "(read by mentor)" in page
    client.post(URL, data={"name": "Marianne", "evidence": [str(read.id)]})
    row = db.session.scalar(db.select(Credential))
    credential = OB3Verifier(keys.public_pem("werkplein")).verify(row.jwt)
    assert [(e.narrative, e.description) for e in credential.evidence] == [
        ("My idea: a repair café", "Read by mentor")
    ]


def test_someone_elses_entry_cannot_be_slipped_in_as_evidence(client, auth, world, make):
    other = make.user(Role.LEARNER, world["org"])
    theirs = cf.sent_entry(other, world["org"], "Not yours")
    cf.finish_course(world["learner"])
    auth.login(world["learner"])
    client.post(URL, data={"name": "Marianne", "evidence": [str(theirs.id)]})
    assert "Not yours" not in (db.session.scalar(db.select(Credential.jwt)) or "")


def test_the_pdf_is_a4_and_holds_the_name_and_the_verify_link(client, auth, world):
    cf.finish_course(world["learner"])
    row = cf.certificate(world["learner"], world["org"], name="Marianne de Vries")
    auth.login(world["learner"])
    response = client.get(f"/certificates/{row.id}/certificate.pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    assert "Marianne de Vries" in text
    assert f"/verify/{row.id}" in text.replace("\n", "")


def test_the_badge_carries_the_signed_credential(client, auth, world):
    cf.finish_course(world["learner"])
    row = cf.certificate(world["learner"], world["org"])
    auth.login(world["learner"])
    svg = client.get(f"/certificates/{row.id}/badge.svg").data
    assert OB3Verifier.extract_token_from_svg(svg) == row.jwt


@pytest.mark.parametrize("who", ["other_learner", "mentor", "staff"])
def test_nobody_else_downloads_a_learners_certificate(client, auth, world, make, who):
    cf.finish_course(world["learner"])
    row = cf.certificate(world["learner"], world["org"])
    people = {
        "other_learner": make.user(Role.LEARNER, world["org"]),
        "mentor": world["mentor"],
        "staff": make.user(Role.STAFF, world["org"]),
    }
    auth.login(people[who])
    assert client.get(f"/certificates/{row.id}/certificate.pdf").status_code == 404
    assert client.get(f"/certificates/{row.id}/badge.svg").status_code == 404


def test_the_dashboard_offers_the_certificate_once_finished(client, auth, world):
    auth.login(world["learner"])
    assert "Get your certificate" not in client.get("/dashboard").get_data(as_text=True)
    cf.finish_course(world["learner"])
    assert "Get your certificate" in client.get("/dashboard").get_data(as_text=True)


# The key ---------------------------------------------------------------------------------------


def test_make_key_stores_a_private_file_and_publishes_the_public_key(runner, client, make, config):
    make.organisation(slug="new-org")
    result = runner.invoke(args=["credentials", "make-key", "new-org"])
    assert result.exit_code == 0, result.output
    path = os.path.join(config["CREDENTIAL_KEYS_DIR"], "new-org.pem")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    jwk = client.get("/o/new-org/credentials/key").get_json()
    assert jwk["kid"] in result.output and "d" not in jwk


def test_make_key_never_replaces_a_key(runner, make):
    make.organisation(slug="new-org")
    runner.invoke(args=["credentials", "make-key", "new-org"])
    before = keys.public_pem("new-org")
    result = runner.invoke(args=["credentials", "make-key", "new-org"])
    assert result.exit_code != 0 and keys.public_pem("new-org") == before


# The reverse mentor credential -----------------------------------------------------------------


def test_a_mentor_whose_pair_completed_the_evaluation_gets_the_credential(
    client, auth, world, make
):
    pair = cf.evaluated_pair(make.pair(world["mentor"], world["learner"], world["org"]))
    auth.login(world["mentor"])
    url = f"/certificates/mentor/{pair.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'value="2"' in page  # 90 minutes of meetings, rounded to hours
    client.post(url, data={"name": "Yusuf B.", "hours": "12", "learned": "Patience, and retail"})
    row = db.session.scalar(db.select(Credential))
    credential = OB3Verifier(keys.public_pem("werkplein")).verify(row.jwt)
    assert credential.achievement.name == "Reverse mentor"
    assert "12 hours" in credential.achievement.criteria_narrative
    assert credential.evidence[0].narrative == "Patience, and retail"


def test_before_both_evaluations_the_mentor_is_refused(client, auth, world, make):
    pair = cf.evaluated_pair(make.pair(world["mentor"], world["learner"], world["org"]), both=False)
    auth.login(world["mentor"])
    url = f"/certificates/mentor/{pair.id}"
    response = client.post(url, data={"name": "Yusuf", "hours": "3", "learned": "Things"})
    assert response.status_code == 409 and count() == 0


def test_the_mentee_cannot_take_the_mentors_credential(client, auth, world, make):
    pair = cf.evaluated_pair(make.pair(world["mentor"], world["learner"], world["org"]))
    auth.login(world["learner"])
    url = f"/certificates/mentor/{pair.id}"
    assert client.post(url, data={"name": "X", "hours": "3", "learned": "Y"}).status_code == 404
    assert count() == 0


def test_the_mentors_dashboard_offers_the_credential_after_the_evaluation(
    client, auth, world, make
):
    pair = make.pair(world["mentor"], world["learner"], world["org"])
    auth.login(world["mentor"])
    assert "Reverse mentor" not in client.get("/dashboard").get_data(as_text=True)
    cf.evaluated_pair(pair)
    assert "Reverse mentor: Marianne" in client.get("/dashboard").get_data(as_text=True)


def test_the_demo_organisation_can_issue_certificates(runner):
    from demo.people import ORG_SLUG

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert keys.has_key(ORG_SLUG)
