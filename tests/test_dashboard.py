"""The dashboard's staff tools link to every staff page, and only staff see them."""

import pytest

from accounts.models import Role


@pytest.mark.parametrize("role, shown", [(Role.STAFF, True), (Role.LEARNER, False)])
def test_staff_find_the_logbook_progress_on_their_dashboard(client, auth, make, role, shown):
    organisation = make.organisation(slug="east")
    auth.login(make.user(role, organisation))
    page = client.get("/dashboard").get_data(as_text=True)
    assert ('href="/logbook/staff/east/"' in page) is shown
