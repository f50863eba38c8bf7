"""The content cache: a worker starts from the rendered course kept by the content's hash, a
changed file is rendered again, and a broken one still stops the start with path:line."""

from __future__ import annotations

import shutil

import pytest

import modules.content
from app import create_app
from tests.conftest import TEST_COURSES


@pytest.fixture
def courses(tmp_path, config):
    copied = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, copied)
    config["COURSES_ROOT"] = str(copied)
    config["CONTENT_CACHE_DIR"] = str(tmp_path / "content-cache")  # this test's own
    return copied / "test-course" / "01-first-module" / "module.en.md"


def _title(app) -> str:
    return app.extensions["catalogue"].course("test-course").module("first-module").text("en").title


def _no_rendering(monkeypatch) -> None:
    def refuse(_root):
        raise AssertionError("the course was checked and rendered again")

    monkeypatch.setattr(modules.content, "load_catalogue", refuse)


def test_a_second_start_reads_the_cache(config, courses, monkeypatch):
    assert _title(create_app(config)) == "First module"
    _no_rendering(monkeypatch)
    assert _title(create_app(config)) == "First module"


def test_a_changed_course_file_is_rendered_again(config, courses):
    create_app(config)
    courses.write_text(courses.read_text().replace("title: First module", "title: Fresh start"))
    assert _title(create_app(config)) == "Fresh start"


def test_a_broken_course_file_still_refuses_to_start(config, courses):
    create_app(config)
    courses.write_text(courses.read_text().replace("minutes: 30\n", ""))
    with pytest.raises(SystemExit) as stopped:
        create_app(config)
    message = str(stopped.value.code)
    assert message.startswith("Herstart cannot start: the course content has errors.")
    assert (
        "courses/test-course/01-first-module/module.en.md:2: front matter: missing key" in message
    )


def test_content_put_back_is_the_old_content(config, courses):
    original = courses.read_text()
    create_app(config)
    courses.write_text(original.replace("title: First module", "title: Fresh start"))
    create_app(config)
    courses.write_text(original)
    assert _title(create_app(config)) == "First module"
