"""`flask demo load` gives learner1 an entry with mentor1's feedback and one in mentor1's inbox."""

from accounts.models import find_user_by_email
from extensions import db
from logbook import services
from logbook.models import Entry


def test_demo_load_shows_the_whole_loop_and_is_idempotent(runner):
    for _ in range(2):
        assert runner.invoke(args=["demo", "load"]).exit_code == 0
    learner = find_user_by_email("learner1@demo.herstart.eu")
    mentor = find_user_by_email("mentor1@demo.herstart.eu")
    states = sorted(db.session.scalars(db.select(Entry.state).filter_by(user_id=learner.id)))
    assert states == ["feedback_given", "submitted"]
    inbox = services.inbox(mentor, learner.memberships[0].organisation)
    assert [w.days for w in inbox] == [2]
