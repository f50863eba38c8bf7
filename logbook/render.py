"""The logbook renders learner and mentor Markdown with the ground floor's renderer, which the
mentoring messages share (mentoring sits on a lower floor than the logbook)."""

from learner_markdown import (  # noqa: F401
    URL_SCHEMES,
    TooMuchWork,
    clean_html,
    markdown_html,
    markdown_tokens,
    plain_paragraphs,
    render_markdown,
)
