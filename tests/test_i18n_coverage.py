"""Every file that marks strings for translation belongs to a catalogue, so no string can miss
extraction (and with it the test that every string has a Dutch translation)."""

import re

import i18n

MARKED = re.compile(
    r"\b(_|_l|gettext|lazy_gettext|ngettext|lazy_ngettext|pgettext)\(|\{%-? *trans\b"
)
SKIPPED = {".venv", ".cache", "tests", "migrations", "bench", "node_modules", "instance"}


def _covered() -> set:
    found = set()
    for source in i18n.CATALOGUES:
        for pattern in source.paths:
            for path in i18n.ROOT.glob(pattern):
                found |= {p for p in path.rglob("*") if p.is_file()} if path.is_dir() else {path}
    return found


def test_every_file_with_marked_strings_is_in_a_catalogue():
    covered = _covered()
    candidates = [
        path
        for pattern in ("**/*.py", "templates/**/*.html", "templates/**/*.txt")
        for path in i18n.ROOT.glob(pattern)
        if not SKIPPED & set(path.relative_to(i18n.ROOT).parts)
    ]
    missing = [
        str(path.relative_to(i18n.ROOT))
        for path in candidates
        if path not in covered and MARKED.search(path.read_text(encoding="utf-8"))
    ]
    assert missing == []
