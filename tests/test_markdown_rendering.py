"""Learner Markdown renders in bounded work whatever the text holds (issue 11): a pile of `[`,
`![`, emphasis marks, links or backticks is counted in Python function calls, not in seconds."""

from __future__ import annotations

import re
import sys
from html import unescape

import pytest

from logbook.render import render_markdown

N = 50_000  # the longest entry the logbook keeps
PATHOLOGICAL = {
    "brackets": "[" * N,
    "image brackets": "![" * (N // 2),
    "emphasis stars": "*" * N,
    "emphasis underscores": "_" * N,
    "nested emphasis": "*" * (N // 2) + "a" + "*" * (N // 2),
    "nested mixed emphasis": "*_" * (N // 4) + "a" + "_*" * (N // 4),
    "alternating emphasis": "*a" * (N // 2),
    "underscores in words": "_a" * (N // 2),
    "unclosed links": "[a](" * (N // 4),
    "links inside links": "[a" * (N // 2),
    "emphasis around links": "*[" * (N // 2),
    "backtick runs": "".join("`" * i + "a" for i in range(1, 316)),
    "backticks": "a`" * (N // 2),
    "nested lists": ("- " * 8 + "a\n") * 2700,
    "entities": "&" * N,
}
CALL_LIMIT = 1_500_000  # a plain 50,000 character entry takes about 500,000


class TooManyCalls(Exception):
    pass


def calls_to_render(text: str) -> int:
    """Python and C function calls made while rendering; stops early past CALL_LIMIT."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1
            if count > CALL_LIMIT:
                raise TooManyCalls

    sys.setprofile(profile)
    try:
        render_markdown(text)
    except TooManyCalls:
        return count
    finally:
        sys.setprofile(None)
    return count


def ordinary_entry(length: int) -> str:
    block = (
        "## My idea\n\nI want to open a *small* shop that sells bread to people nearby, "
        "and I know the street well after twenty years. "
        * 3
        + "\n\n- first thing to check, with the **bank**\n- a [guide](https://example.org)\n\n"
        "| Cost | Euro |\n|---|---:|\n| Van | 3000 |\n| Oven | 2000 |\n\n> What a customer said\n\n"
    )
    return (block * (length // len(block) + 1))[:length]


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_renders_in_bounded_work(text):
    assert len(text) <= N + 2_000
    assert calls_to_render(text) <= CALL_LIMIT


def test_work_grows_no_faster_than_the_text():
    small, large = calls_to_render("[a" * 1_000), calls_to_render("[a" * 4_000)
    assert large <= 5 * small


# A line of only `*` or `_` is a thematic break in Markdown (<hr>): correctly not shown as text.
SHOWN_AS_TEXT = {k: v for k, v in PATHOLOGICAL.items() if k not in ("emphasis stars",
                 "emphasis underscores", "nested lists")}  # fmt: skip


@pytest.mark.parametrize("text", SHOWN_AS_TEXT.values(), ids=SHOWN_AS_TEXT.keys())
def test_every_character_of_a_pathological_text_is_still_shown(text):
    shown = unescape(re.sub(r"<[^>]*>", "", str(render_markdown(text))))
    assert sorted(shown.replace("\n", "")) == sorted(text.replace("\n", ""))


def test_a_pathological_text_with_html_stays_inert():
    html = str(render_markdown("[" * N + "<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_longest_ordinary_entry_is_still_rendered_as_markdown():
    html = str(render_markdown(ordinary_entry(N)))
    assert "<strong>bank</strong>" in html
    assert "<table>" in html and "<h2>My idea</h2>" in html
    assert 'href="https://example.org"' in html
    assert calls_to_render(ordinary_entry(N)) <= CALL_LIMIT


def test_a_text_shown_as_plain_keeps_its_paragraphs_and_lines():
    text = "[" * 2_000 + "\nsecond line\n\nnext paragraph"
    html = str(render_markdown(text))
    assert html.endswith("<br>\nsecond line</p>\n<p>next paragraph</p>\n")
