"""Moodle GIFT: export then import gives the same questions; other types are named by line."""

from __future__ import annotations

from pathlib import Path

import yaml

from modules.content import Option, Question, Quiz
from quizzes.gift import escape, export_gift, import_gift

DATA = Path(__file__).parent / "data" / "gift"


def _as_dicts(quiz: Quiz) -> list[dict]:
    return [
        {
            "id": q.id,
            "section": q.section,
            "text": q.text,
            "options": [
                {"id": o.id, "text": o.text, "feedback": o.feedback}
                | ({"correct": True} if o.correct else {})
                for o in q.options
            ],
            "explanation": q.explanation,
        }
        for q in quiz.questions
    ]


def test_export_then_import_gives_the_same_questions(app):
    module = app.extensions["catalogue"].course("test-course").module("first-module")
    for lang in ("en", "nl"):
        quiz = module.quiz(lang)
        result = import_gift(export_gift(quiz))
        assert result.problems == []
        assert result.questions == _as_dicts(quiz)


def test_special_characters_survive_the_round_trip():
    tricky = "Cost: {fixed} = 100 ~ about #1 \\ done"
    quiz = Quiz(
        "en",
        False,
        (
            Question(
                "q1",
                "first-steps",
                tricky,
                tuple(Option(i, f"{tricky} {i}", f"fb {tricky} {i}", i == "b") for i in "abc"),
                f"why {tricky}",
            ),
        ),
    )
    gift = export_gift(quiz)
    assert "\\{fixed\\} \\= 100 \\~ about \\#1 \\\\ done" in gift
    assert import_gift(gift).questions == _as_dicts(quiz)


def test_escape_marks_every_gift_special_character():
    assert escape("~=#{}:") == "\\~\\=\\#\\{\\}\\:"


def test_a_moodle_file_imports_its_multiple_choice_and_names_the_rest_by_line():
    result = import_gift((DATA / "mixed.gift").read_text())
    assert [q["id"] for q in result.questions][0] == "Starting"
    assert len(result.questions) == 2
    assert [str(p) for p in result.problems] == [
        "line 12: unsupported question type: true-false",
        "line 14: unsupported question type: matching",
        "line 20: unsupported question type: numerical",
        "line 22: unsupported question type: essay",
        "line 24: unsupported question type: short answer",
        "line 26: unsupported question type: multiple-correct",
        "line 39: syntax error: the answers open with { but never close",
    ]


def test_imported_questions_keep_feedback_explanation_and_escaped_text():
    first, second = import_gift((DATA / "mixed.gift").read_text()).questions
    assert first["section"] == "first-steps"
    assert first["options"][1] == {
        "id": "b",
        "text": "A map for the first years",
        "feedback": "Yes: it shows where you are going.",
        "correct": True,
    }
    assert first["explanation"] == "A business plan is a thinking tool first."
    assert second["text"] == 'Which sign means "equals" in maths: = or ~ or #?'
    assert [o["text"] for o in second["options"]] == ["~", "=", "#"]
    assert second["options"][1]["feedback"] == "Yes: equals { indeed }."


def test_generated_ids_are_stable():
    source = "What is it?{~one =two ~three}\n"
    assert import_gift(source).questions[0]["id"] == import_gift(source).questions[0]["id"]
    assert import_gift(source).questions[0]["id"].startswith("q-")


def test_cli_export_and_import(runner, tmp_path):
    gift = tmp_path / "quiz.gift"
    out = runner.invoke(
        args=[
            "quizzes",
            "export-gift",
            "test-course",
            "first-module",
            "--lang",
            "nl",
            "--output",
            str(gift),
        ]
    )
    assert out.exit_code == 0, out.output
    assert "::q1::Vraag 1\\: wat doet" in gift.read_text()
    yml = tmp_path / "quiz.nl.yml"
    out = runner.invoke(args=["quizzes", "import-gift", str(gift), "--output", str(yml)])
    assert out.exit_code == 0, out.output
    assert len(yaml.safe_load(yml.read_text())["questions"]) == 10


def test_cli_import_reports_problems_with_file_and_line_and_writes_nothing(runner, tmp_path):
    yml = tmp_path / "quiz.en.yml"
    out = runner.invoke(
        args=["quizzes", "import-gift", str(DATA / "mixed.gift"), "--output", str(yml)]
    )
    assert out.exit_code == 1  # the file has a syntax error
    assert f"{DATA / 'mixed.gift'}:12: unsupported question type: true-false" in out.output
    assert f"{DATA / 'mixed.gift'}:39: syntax error: the answers open" in out.output
    assert "Nothing was written: fix the problem above" in out.output
    assert not yml.exists()


def test_cli_import_with_an_error_prints_no_yaml(runner):
    out = runner.invoke(args=["quizzes", "import-gift", str(DATA / "mixed.gift")])
    assert out.exit_code == 1
    assert "questions:" not in out.output and "Imported" not in out.output


def test_cli_import_with_an_error_leaves_an_earlier_file_as_it_was(runner, tmp_path):
    yml = tmp_path / "quiz.en.yml"
    yml.write_text("questions: []\n", encoding="utf-8")
    runner.invoke(args=["quizzes", "import-gift", str(DATA / "mixed.gift"), "--output", str(yml)])
    assert yml.read_text(encoding="utf-8") == "questions: []\n"


def test_cli_import_of_a_file_that_is_not_utf8(runner, tmp_path):
    gift = tmp_path / "windows.gift"
    gift.write_bytes("// caf\u00e9\n\nWhat is it?{~one =caf\u00e9 ~three}\n".encode("cp1252"))
    yml = tmp_path / "quiz.en.yml"
    out = runner.invoke(args=["quizzes", "import-gift", str(gift), "--output", str(yml)])
    assert out.exit_code == 1
    assert out.output.splitlines() == [
        f"{gift}:1: the file is not UTF-8 text (byte 0xe9): save it as UTF-8 (Moodle exports "
        "are) and import it again",
        "Nothing was written: fix the problem above and import the file again.",
    ]
    assert not yml.exists()


def test_cli_import_without_errors_writes_and_names_what_it_left_out(runner, tmp_path):
    source = (DATA / "mixed.gift").read_text(encoding="utf-8").splitlines(keepends=True)
    gift = tmp_path / "fixed.gift"
    gift.write_text("".join(source[:37]), encoding="utf-8")  # without the broken question
    yml = tmp_path / "quiz.en.yml"
    out = runner.invoke(args=["quizzes", "import-gift", str(gift), "--output", str(yml)])
    assert out.exit_code == 0, out.output
    assert f"{gift}:12: unsupported question type: true-false" in out.output
    assert len(yaml.safe_load(yml.read_text(encoding="utf-8"))["questions"]) == 2


def test_cli_export_refuses_an_unknown_module(runner):
    out = runner.invoke(args=["quizzes", "export-gift", "test-course", "nope"])
    assert out.exit_code != 0
    assert "no module 'nope'" in out.output
