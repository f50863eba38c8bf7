"""`flask demo load` gives the first demo learner one submitted attempt on module 1."""

from quizzes.models import QuizAttempt


def test_demo_load_gives_one_submitted_attempt_and_is_idempotent(app, runner):
    from extensions import db

    for _ in range(2):
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    attempts = db.session.scalars(db.select(QuizAttempt)).all()
    assert [(a.module, a.state, a.score) for a in attempts] == [("first-module", "submitted", 7)]
