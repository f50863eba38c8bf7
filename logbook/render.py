"""Learner and mentor Markdown: rendered with markdown, then cleaned with nh3 (it is untrusted)."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code",
    "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """Safe HTML from untrusted Markdown; raw HTML in the text is cleaned like the rest."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return Markup(clean_html(html))  # noqa: S704 (cleaned by nh3 just above)
