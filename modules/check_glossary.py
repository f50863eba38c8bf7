"""The glossary, `glossary.yml` beside course.yml: one voice in each translation (--strict).

```yaml
nl:                                   # applies to every .nl. file of the course
  terms:                              # words we do not use, and the word we use instead
    - use: betaalbaar verlies
      avoid: [aanvaardbaar verlies, aanvaardbare verlies]
    - use: je, jij, jouw
      avoid: [u, uw, uzelf]
      in_speech: true                 # fine in direct speech: a character may say "u"
  regional:                           # words readers in one country may not know
    - words: [schrijnwerker, schrijnwerkers]
      gloss: timmerman
```

Every form is matched as a whole word, in any case. An avoided term is reported wherever it is,
or, with `in_speech: true`, outside direct speech.
A regional word is fine in direct speech (between quotes on its line); in neutral text its
first use in a file carries the gloss in brackets on the same line ("schrijnwerker
(timmerman)"), and later uses in that file are then fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .check_report import Report, is_text
from .yaml_lines import LineDict, LineList

GLOSSARY_FILE = "glossary.yml"
# Direct speech: “...”, „...”, "..." and ‘...’ on one line. A lone ' is an apostrophe.
SPEECH = re.compile(r"“[^”]*”|„[^”“]*[”“]|\"[^\"]*\"|‘[^’]*’")
YAML_QUOTED = re.compile(r'^(\s*(?:-\s+)?[\w-]+:\s*)"(.*)"\s*$')  # a YAML value in quotes


@dataclass(frozen=True)
class Rule:
    forms: tuple[str, ...]
    advice: str  # the term to use instead, or the gloss
    regional: bool
    in_speech: bool = False  # an avoided term that is fine in direct speech

    def pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def glossary(report: Report, folder: Path, languages: list[str]) -> None:
    path = folder / GLOSSARY_FILE
    if not path.is_file():
        return
    data = report.read_yaml(path)
    if data is None:
        return
    for language in data.keys() - set(languages):
        message = f"glossary: '{language}' is not one of the languages"
        report.error(path, data.line_of(language), message)
    for language in sorted(data.keys() & set(languages)):
        rules = _rules(report, path, data[language], language)
        files = sorted(p for p in folder.rglob(f"*.{language}.*") if p.suffix in (".md", ".yml"))
        for file in files:
            _check_file(report, file, rules)


def _rules(report: Report, path: Path, data: object, language: str) -> list[Rule]:
    what = f"glossary: {language}"
    if not report.keys(path, data, set(), {"terms", "regional"}, what):
        return []
    assert isinstance(data, LineDict)
    rules: list[Rule] = []
    for key, words, advice, regional in (
        ("terms", "avoid", "use", False),
        ("regional", "words", "gloss", True),
    ):
        entries = data.get(key, LineList())
        if not isinstance(entries, list):
            report.error(path, data.line_of(key), f"{what}: {key} must be a list")
            continue
        for entry in entries:
            optional = set() if regional else {"in_speech"}
            if not report.keys(path, entry, {words, advice}, optional, f"{what}: {key}"):
                continue
            forms = entry[words] if isinstance(entry[words], list) else [entry[words]]
            if not all(is_text(f) for f in forms) or not is_text(entry[advice]):
                message = f"{what}: {key}: '{words}' and '{advice}' must be text"
                report.error(path, entry.line, message)
                continue
            forms = tuple(f.strip() for f in forms)
            rules.append(
                Rule(forms, entry[advice].strip(), regional, entry.get("in_speech") is True)
            )
    return rules


def _check_file(report: Report, path: Path, rules: list[Rule]) -> None:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return  # reported with the file itself
    glossed: set[Rule] = set()
    for number, raw in enumerate(lines, 1):
        line = YAML_QUOTED.sub(r"\1\2", raw) if path.suffix == ".yml" else raw
        for rule in rules:
            if not rule.regional:
                for match in rule.pattern().finditer(
                    SPEECH.sub("", line) if rule.in_speech else line
                ):
                    message = f"write '{rule.advice}', not '{match.group(0)}'"
                    report.error(path, number, message)
                continue
            if rule in glossed or not rule.pattern().search(SPEECH.sub("", line)):
                continue
            if re.search(rf"\([^)]*{re.escape(rule.advice)}[^)]*\)", line, re.IGNORECASE):
                glossed.add(rule)
                continue
            word = rule.pattern().search(SPEECH.sub("", line))
            assert word is not None
            message = (
                f"'{word.group(0)}' is a regional word: gloss its first use, like "
                f"'{word.group(0)} ({rule.advice})', or keep it in direct speech"
            )
            report.error(path, number, message)
