"""Learner and mentor Markdown (logbook entries, replies, messages between the two people of a
pair): parsed by markdown-it-py, then cleaned with nh3 (it is untrusted).

markdown-it-py parses CommonMark in linear time (Python-Markdown took 10 s on 4,000 unmatched
`[`). Linear is not yet cheap: in pure Python, 50,000 `[` still cost it a second. So every rule
the parser runs is counted, and a text that needs more than WORK_LIMIT steps (no real entry
comes near it; only a pile of Markdown marks does) is shown as plain paragraphs instead. Either
way the writer's words are all there, and no text holds a worker for long.

Raw HTML is never parsed (`html` off): it comes out as text. nh3 then keeps only the tags below.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code",
    "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Steps one text may take: a step is a place the parser tries (a character position for
# inline rules, a line for block rules, which count BLOCK_STEPS). A 50,000 character entry of
# ordinary prose, lists and tables takes about 15,000; 50,000 `*a` would take 75,000.
WORK_LIMIT = 20_000
BLOCK_STEPS = 4
# Checked before parsing, as no entry written by hand comes near them: a table is read in one
# go (bounded by its lines and `|`), and each `[` may start a link whose label is read again
# for every `[` inside it, the costliest step there is.
LINE_LIMIT = 3_000
PIPE_LIMIT = 3_000
BRACKET_LIMIT = 1_000
_WORK = "herstart_work_left"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")


class TooMuchWork(Exception):
    """The text needs more parsing than any real entry: it is shown as plain text."""


_RUN = re.compile(r"\*+|_+")


def _counted(rule: Callable[..., Any], steps: int) -> Callable[..., Any]:
    """The rule, charging `steps` to the text's budget each time it runs."""

    def counted_rule(state, *args):
        env = state.env
        left = env[_WORK] - steps
        if left < 0:
            raise TooMuchWork
        env[_WORK] = left
        return rule(state, *args)

    return counted_rule


def _counted_emphasis(rule: Callable[..., Any]) -> Callable[..., Any]:
    """Emphasis makes a token per mark of a run in one go: a long run is charged before."""

    def emphasis(state, silent):
        run = _RUN.match(state.src, state.pos)
        if run is not None:
            left = state.env[_WORK] - len(run.group())
            if left < 0:
                raise TooMuchWork
            state.env[_WORK] = left
        return rule(state, silent)

    return emphasis


# A bare web address as learners paste it: from http(s):// or www. up to a space, without the
# punctuation that ends the sentence around it.
_BARE_URL = re.compile(r"(?<![\w@/.])(?:https?://|www\.)[^\s<>\"]*[^\s<>\"'.,:;!?()\[\]]")


def _linkify(state) -> None:
    """Bare web addresses in the text become links (learners paste them; nobody types the
    `[words](address)` syntax). The words stay exactly as typed, and text already inside a link
    is left alone. Linear in the text: one regular expression pass per text token."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        inside = 0
        for token in block.children:
            inside += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type != "text" or inside or not _BARE_URL.search(token.content):
                children.append(token)
                continue
            children += _split_at_addresses(state.md, token)
        block.children = children


def _split_at_addresses(md: MarkdownIt, token: Token) -> list[Token]:
    tokens, position, text = [], 0, token.content

    def plain(content: str) -> None:
        if content:
            tokens.append(Token("text", "", 0, content=content, level=token.level))

    for match in _BARE_URL.finditer(text):
        address = match.group()
        href = md.normalizeLink(address if "://" in address else "https://" + address)
        if not md.validateLink(href):
            continue
        plain(text[position : match.start()])
        tokens.append(
            Token("link_open", "a", 1, attrs={"href": href}, markup="linkify", info="auto")
        )
        tokens.append(Token("text", "", 0, content=address, level=token.level + 1))
        tokens.append(Token("link_close", "a", -1, markup="linkify", info="auto"))
        position = match.end()
    plain(text[position:])
    return tokens


def _parser() -> MarkdownIt:
    # CommonMark with GitHub's tables (learners write budgets as tables). No HTML. Learners
    # write without syntax: a single line break is a line break (`breaks`), a line starting
    # with a dash is a list even right under a sentence (CommonMark already lets a list
    # interrupt a paragraph), and a pasted web address becomes a link (_linkify above;
    # markdown-it's own linkify needs a library we do not carry).
    parser = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True}
    )
    parser.enable("table").disable(["html_block", "html_inline"])
    # Each chain tries its rules in order until one matches, so its first rule runs once for
    # every place tried: inline, each character position (again for links inside links); block,
    # each line start (again for lists inside lists). Counting those runs counts the work; a
    # block place costs about four inline ones.
    chains = ((parser.block.ruler, "table", BLOCK_STEPS), (parser.inline.ruler, "text", 1))
    for ruler, first, steps in chains:
        names = ruler.get_active_rules()
        assert names[0] == first, names  # the count relies on it
        for rule in list(ruler.__rules__):
            if rule.name == first:
                ruler.at(rule.name, _counted(rule.fn, steps), {"alt": list(rule.alt)})
            elif rule.name == "emphasis":
                ruler.at(rule.name, _counted_emphasis(rule.fn), {"alt": list(rule.alt)})
    parser.core.ruler.push("herstart_linkify", _linkify)
    return parser


PARSER = _parser()


def clean_html(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def plain_paragraphs(text: str) -> str:
    """The text as it was typed, in paragraphs at its blank lines, each line on its own: no
    Markdown at all."""
    paragraphs = (p.strip() for p in _PARAGRAPHS.split(text.replace("\r\n", "\n")))
    return "".join(
        "<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>\n" for p in paragraphs if p
    )


def markdown_html(text: str) -> tuple[str, bool]:
    """(HTML, whether it was parsed as Markdown): plain paragraphs past any limit above."""
    if (
        text.count("\n") >= LINE_LIMIT
        or text.count("|") > PIPE_LIMIT
        or text.count("[") > BRACKET_LIMIT
    ):
        return plain_paragraphs(text), False
    try:
        return PARSER.render(text, {_WORK: WORK_LIMIT}), True
    except TooMuchWork:
        return plain_paragraphs(text), False


def markdown_tokens(text: str) -> list | None:
    """The parser's tokens for the text (what the page shows, for the DOCX to lay out the same
    way); None past any limit above, where the text is shown as plain paragraphs."""
    if (
        text.count("\n") >= LINE_LIMIT
        or text.count("|") > PIPE_LIMIT
        or text.count("[") > BRACKET_LIMIT
    ):
        return None
    try:
        return PARSER.parse(text, {_WORK: WORK_LIMIT})
    except TooMuchWork:
        return None


def render_markdown(text: str | None) -> Markup:
    """Safe HTML from untrusted Markdown, in bounded time whatever the text holds."""
    html_text, parsed = markdown_html(text or "")
    if not parsed:  # escaped text in paragraphs: nothing for nh3 to clean
        return Markup(html_text)  # noqa: S704
    return Markup(clean_html(html_text))  # noqa: S704 (cleaned by nh3 just above)
