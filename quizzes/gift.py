"""Moodle GIFT: write a quiz as GIFT with per-option feedback, and read the multiple-choice
questions of a GIFT file into our quiz YAML, naming every other question type or syntax error
with its line number instead of guessing.

What we write, one question per block:
    // section: first-steps
    ::q1::Question text{
    ~Wrong answer#Feedback on it
    =Right answer#Feedback on it
    ####Explanation shown after answering
    }
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import yaml

from modules.content import Quiz

SPECIAL = "~=#{}:\\"
SECTION_COMMENT = re.compile(r"^//\s*section:\s*(\S+)\s*$")
ID_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")


def escape(text: str) -> str:
    """GIFT's special characters get a backslash; a line break becomes \\n."""
    out = "".join("\\" + c if c in SPECIAL else c for c in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def export_gift(quiz: Quiz) -> str:
    blocks = []
    for question in quiz.questions:
        lines = []
        if question.section:
            lines.append(f"// section: {question.section}")
        lines.append(f"::{escape(question.id)}::{escape(question.text)}{{")
        for option in question.options:
            mark = "=" if option.correct else "~"
            feedback = f"#{escape(option.feedback)}" if option.feedback else ""
            lines.append(f"{mark}{escape(option.text)}{feedback}")
        if question.explanation:
            lines.append(f"####{escape(question.explanation)}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


# Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    error: bool = False  # a syntax error: the import writes nothing; else a question left out

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class Imported:
    questions: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.error for p in self.problems)

    def to_yaml(self) -> str:
        return yaml.safe_dump(
            {"questions": self.questions}, allow_unicode=True, sort_keys=False, width=100
        )


class GiftSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class _Block:
    line: int  # where the question starts
    text: str  # the raw question, comments removed, lines joined with \n
    lines: list[int]  # the file line of each line of `text`
    section: str | None


def _blocks(source: str) -> list[_Block]:
    """Questions are separated by blank lines; `//` lines are comments."""
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    section: str | None = None
    pending_section: str | None = None

    def close():
        nonlocal current, section
        if current:
            blocks.append(
                _Block(
                    current[0][0],
                    "\n".join(t for _, t in current),
                    [n for n, _ in current],
                    section,
                )
            )
        current = []
        section = None

    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("//"):
            found = SECTION_COMMENT.match(stripped)
            if found:
                pending_section = found.group(1)
            continue
        if not current:
            section, pending_section = pending_section, None
        current.append((number, line))
    close()
    return blocks


def _unescape(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _clean(text: str) -> str:
    text = FORMAT.sub("", text.strip())
    return " ".join(_unescape(text).split()) if "\\n" not in text else _unescape(text).strip()


def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped characters in `marks`: [(mark before the piece, piece)], the first
    piece's mark being ''."""
    pieces: list[tuple[str, str]] = []
    mark, start, i = "", 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c in marks:
            pieces.append((mark, text[start:i]))
            mark, start = c, i + 1
        i += 1
    pieces.append((mark, text[start:]))
    return pieces


def _find_unescaped(text: str, char: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def _line_at(block: _Block, offset: int) -> int:
    return block.lines[block.text.count("\n", 0, offset)]


def _parse(block: _Block) -> tuple[str, dict | None]:
    """('multiple-choice', question) or (type name, None) for a type we do not take."""
    raw = block.text
    if raw.lstrip().startswith("$CATEGORY:"):
        return "category", None
    title = None
    body = raw.strip()
    if body.startswith("::"):
        end = _find_unescaped(body, ":", 2)
        if end == -1 or end + 1 >= len(body) or body[end + 1] != ":":
            raise GiftSyntaxError(block.line, "the question title opens with :: but never closes")
        title = _unescape(body[2:end]).strip()
        body = body[end + 2 :]
    offset = raw.find(body[:20]) if body else 0
    opening = _find_unescaped(body, "{")
    if opening == -1:
        raise GiftSyntaxError(block.line, "no answers: a question needs { ... }")
    closing = _find_unescaped(body, "}", opening + 1)
    if closing == -1:
        raise GiftSyntaxError(
            _line_at(block, offset + opening), "the answers open with { but never close"
        )
    if _find_unescaped(body, "{", closing + 1) != -1:
        raise GiftSyntaxError(_line_at(block, offset + closing), "a second { ... } in one question")
    before, answers, after = (
        body[:opening],
        body[opening + 1 : closing].strip(),
        body[closing + 1 :],
    )
    text = _clean(before) + (" _____ " + _clean(after) if after.strip() else "")
    text = text.strip()

    general = ""
    cut = answers.find("####")
    if cut != -1:
        general = _clean(answers[cut + 4 :])
        answers = answers[:cut].strip()

    if not answers:
        return "essay", None
    if answers.split("#", 1)[0].strip().upper() in ("T", "F", "TRUE", "FALSE"):
        return "true-false", None
    if answers.startswith("#"):
        return "numerical", None
    pieces = [(m, p) for m, p in _split_unescaped(answers, "~=") if m]
    if _split_unescaped(answers, "~=")[0][1].strip():
        raise GiftSyntaxError(
            _line_at(block, offset + opening), "each answer must start with ~ or ="
        )
    if any("->" in p for _, p in pieces):
        return "matching", None
    if any(re.match(r"\s*%-?[0-9.]+%", p) for _, p in pieces):
        weights = [p for m, p in pieces if re.match(r"\s*%[0-9.]*[1-9][0-9.]*%", p)]
        return ("multiple-correct" if len(weights) > 1 else "weighted answers"), None
    right = [p for m, p in pieces if m == "="]
    wrong = [p for m, p in pieces if m == "~"]
    if not wrong:
        return "short answer", None
    if len(right) != 1:
        return ("multiple-correct" if right else "multiple choice without a right answer"), None
    if not 3 <= len(pieces) <= 5:
        return f"multiple choice with {len(pieces)} options (we need 3 to 5)", None
    options = []
    for index, (mark, piece) in enumerate(pieces):
        split = _split_unescaped(piece, "#")
        answer = split[0][1]
        feedback = "#".join(p for _, p in split[1:])
        option = {"id": "abcde"[index], "text": _clean(answer), "feedback": _clean(feedback)}
        if mark == "=":
            option["correct"] = True
        options.append(option)
    if title and ID_LIKE.match(title):
        question_id = title
    else:
        question_id = "q-" + hashlib.sha1(text.encode()).hexdigest()[:8]
    question = {
        "id": question_id,
        "section": block.section or "",
        "text": text,
        "options": options,
        "explanation": general,
    }
    return "multiple-choice", question


def import_gift(source: str) -> Imported:
    """The multiple-choice questions of a GIFT file, and a Problem for everything else."""
    result = Imported()
    seen: set[str] = set()
    for block in _blocks(source):
        try:
            kind, question = _parse(block)
        except GiftSyntaxError as error:
            result.problems.append(Problem(error.line, f"syntax error: {error.message}", True))
            continue
        if kind == "category":
            continue
        if question is None:
            result.problems.append(Problem(block.line, f"unsupported question type: {kind}"))
            continue
        if question["id"] in seen:
            question["id"] = f"{question['id']}-{block.line}"
        seen.add(question["id"])
        if not question["section"]:
            result.problems.append(
                Problem(block.line, "no section given: fill in the section that covers it")
            )
        result.questions.append(question)
    return result
