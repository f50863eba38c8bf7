"""The help files' check: every problem as path:line: message; the real help/ is clean."""

from pathlib import Path

import pytest

from app import create_app
from helpcentre.checks import check_help
from helpcentre.pages import HelpLibrary

DATA = Path(__file__).parent / "data" / "help"
REAL = Path(__file__).parent.parent / "content" / "help"
TEMPLATES = Path(__file__).parent.parent / "templates"


def test_broken_pages_are_reported_with_path_and_line():
    problems = [str(p) for p in check_help(DATA / "_broken")]
    assert problems == [
        "_broken/Bad_Name.md:1: name a help page <slug>.<language>.md, like logbook.en.md",
        "_broken/empty.en.md:6: the page has no text",
        "_broken/empty.nl.md:6: the page has no text",
        "_broken/no-title.en.md:2: help page: missing key 'title'",
        "_broken/no-title.en.md:3: help page: unknown role 'boss': use learner, mentor, staff",
        "_broken/script.en.md:8: HTML is not allowed in help pages: write Markdown",
        "_broken/script.nl.md:4: roles differ from script.en.md: learner",
        "_broken/script.nl.md:6: HTML is not allowed in help pages: write Markdown",
        "_broken/script.nl.md:8: the title is the page's only '# ' heading: use '## '",
        "_broken/lonely.en.md:1: no nl page: write lonely.nl.md too",
        "_broken/lonely.en.md:6: link '/help/nowhere': there is no help page 'nowhere'",
        "_broken/lonely.en.md:6: link 'gone': there is no help page 'gone'",
    ]


def test_the_test_pages_are_clean():
    assert check_help(DATA) == []


def test_a_missing_folder_is_one_problem(tmp_path):
    assert [p.message for p in check_help(tmp_path / "nope")] == ["no such folder"]


def test_the_command_prints_problems_and_fails(runner):
    result = runner.invoke(args=["help", "check", "--root", str(DATA / "_broken")])
    assert result.exit_code == 1
    assert "_broken/script.en.md:8: HTML is not allowed" in result.output
    assert "12 errors in" in result.output


def test_the_app_refuses_to_start_on_broken_help(config):
    with pytest.raises(SystemExit, match="help pages have errors"):
        create_app({**config, "HELP_ROOT": str(DATA / "_broken")})


def test_the_real_help_pages_are_clean_and_cover_every_role():
    assert [str(p) for p in check_help(REAL)] == []
    from helpcentre.pages import load_library

    library: HelpLibrary = load_library(REAL)
    for role in ("learner", "mentor", "staff"):
        for language in ("en", "nl"):
            assert len(library.for_role(role, language)) >= 4, (role, language)


def test_every_help_link_in_the_templates_names_a_real_page():
    from helpcentre.pages import load_library

    library = load_library(REAL)
    import re

    used = {
        slug
        for path in TEMPLATES.rglob("*.html")
        for slug in re.findall(r"help_link\(['\"]([^'\"]+)['\"]\)", path.read_text())
    }
    assert used, "no help_link in any template"
    assert sorted(s for s in used if library.page(s, "en") is None) == []
