"""Writing without syntax: a plain box where a blank line makes a paragraph, a dash a list, a line
break stays a line break and a pasted address becomes a link; the hints show examples, not
syntax names; and everything written in Markdown before keeps rendering as it did."""

import pytest

from accounts.models import Role
from learner_markdown import render_markdown
from logbook.models import EntryState
from tests.routes.logbook import make_entry


def html(text: str) -> str:
    return str(render_markdown(text))


def test_a_dash_under_a_sentence_starts_a_list():
    assert html("What I need:\n- an oven\n- a stall") == (
        "<p>What I need:</p>\n<ul>\n<li>an oven</li>\n<li>a stall</li>\n</ul>\n"
    )


def test_a_single_line_break_stays_a_line_break():
    assert html("Marianne Jansen\nBakkerstraat 4") == "<p>Marianne Jansen<br>\nBakkerstraat 4</p>\n"


@pytest.mark.parametrize(
    "typed, href, shown",
    [
        ("See https://www.kvk.nl/start.", "https://www.kvk.nl/start", "https://www.kvk.nl/start"),
        ("See www.kvk.nl, then", "https://www.kvk.nl", "www.kvk.nl"),
        ("(https://example.org/a_b_c)", "https://example.org/a_b_c", "https://example.org/a_b_c"),
    ],
)
def test_a_pasted_address_becomes_a_link_with_the_words_as_typed(typed, href, shown):
    assert f'<a href="{href}" rel="nofollow noopener">{shown}</a>' in html(typed)


def test_an_address_already_in_a_link_or_in_code_is_left_alone():
    assert html("[the chamber](https://www.kvk.nl)").count("<a ") == 1
    assert html("`https://example.org`") == "<p><code>https://example.org</code></p>\n"


def test_an_email_address_and_marks_in_words_stay_as_typed():
    out = html("Mail jan_de_vries@example.nl about plan_v2.xlsx: 5*3 and 40 loaves * 3.50 euro")
    for needle in ("jan_de_vries@example.nl", "plan_v2.xlsx", "5*3", "40 loaves * 3.50 euro"):
        assert needle in out
    assert "<a " not in out


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("**bold**", "<strong>bold</strong>"),
        ("_italic_", "<em>italic</em>"),
        ("*italic*", "<em>italic</em>"),
        ("## My idea", "<h2>My idea</h2>"),
        ("[words](https://example.org)", '<a href="https://example.org" rel="nofollow noopener">'),
        ("1. one\n2. two", "<ol>\n<li>one</li>"),
    ],
)
def test_entries_written_in_markdown_keep_rendering(markdown, expected):
    assert expected in html(markdown)


def test_a_script_address_is_never_made_a_link():
    out = html("javascript:alert(1) and www.example.org/<script>")
    assert "javascript:alert(1)" in out and 'href="javascript' not in out
    assert "<script>" not in out


def test_the_writing_box_hint_shows_examples_not_syntax(client, make, auth):
    auth.login(make.user(Role.LEARNER))
    page = client.get("/logbook/test-course/first-plan").get_data(as_text=True)
    hint = page.split('id="text-hint">', 1)[1].split("</p>", 1)[0]
    assert hint == (
        "Leave an empty line between paragraphs. Start a line with a dash (-) for a list."
    )
    help_ = page.split('<details class="logbook-help writing-help">', 1)[1].split("</details>")[0]
    for syntax in ("Markdown", "##", "**", "[words]"):
        assert syntax not in help_ and syntax not in hint
    # The example shows what is typed and how it looks.
    assert "What I need to start:\n- an oven" in help_
    assert "<li>an oven</li>" in help_


def test_a_saved_entry_shows_lists_and_links_from_plain_typing(client, make, auth):
    user = make.user(Role.LEARNER)
    make_entry(user, text="I need:\n- flour\n- an oven\nSee www.kvk.nl")
    auth.login(user)
    page = client.get("/logbook/print").get_data(as_text=True)
    assert "<li>flour</li>" in page
    assert '<a href="https://www.kvk.nl" rel="nofollow noopener">www.kvk.nl</a>' in page


def test_the_pair_messages_hint_has_no_syntax(client, make, auth):
    org = make.organisation()
    mentee = make.user(Role.LEARNER, org)
    pair = make.pair(make.user(Role.MENTOR, org), mentee, org)
    auth.login(mentee)
    page = client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)
    assert "Paste a link as it is; it becomes clickable." in page
    assert "[words]" not in page


def test_the_mentors_reply_box_has_the_plain_help_and_no_syntax_names(client, make, auth):
    org = make.organisation()
    learner = make.user(Role.LEARNER, org)
    mentor = make.user(Role.MENTOR, org)
    make.pair(mentor, learner, org)
    entry = make_entry(learner, EntryState.SUBMITTED, text="My bakery plan")
    auth.login(mentor)
    page = client.get(f"/mentor/entries/{entry.id}").get_data(as_text=True)
    assert (
        "Leave an empty line between paragraphs. Start a line with a dash (-) for a list." in page
    )
    assert "How to write in this box" in page and "<li>an oven</li>" in page
    for syntax in ("Markdown", "##", "**", "[words]", "two stars"):
        assert syntax not in page


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_page_of_the_logbook_names_markdown(client, make, auth, lang):
    auth.login(make.user(Role.LEARNER, language=lang))
    for path in ("/logbook/", "/logbook/test-course/first-plan"):
        assert "Markdown" not in client.get(path).get_data(as_text=True)
