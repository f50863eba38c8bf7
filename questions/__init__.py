"""Questions: a learner or mentor asks their organisation, its staff answer, and with the
asker's consent publish the question and answer, without the asker's name, in the
organisation's FAQ."""

from flask import Blueprint

bp = Blueprint("questions", __name__, url_prefix="/questions")

from . import views, views_staff  # noqa: E402,F401


@bp.app_template_filter("plain_text")
def _plain_text(text):
    """Text as it was typed, in paragraphs and lines; never Markdown, never HTML."""
    from markupsafe import Markup

    from learner_markdown import plain_paragraphs

    return Markup(plain_paragraphs(text or ""))  # noqa: S704 (escaped by plain_paragraphs)
