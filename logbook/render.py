"""The logbook renders learner and mentor Markdown with the ground floor's renderer, which the
mentoring messages share (mentoring sits on a lower floor than the logbook)."""

from learner_markdown import (  # noqa: F401
    TooMuchWork,
    clean_html,
    markdown_html,
    plain_paragraphs,
    render_markdown,
)
