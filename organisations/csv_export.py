"""CSV files for spreadsheets: UTF-8 with a BOM, the separator Excel expects in the reader's
language, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell that starts like a formula (=HYPERLINK(...), +1, @SUM) gets a leading quote, so a
    spreadsheet shows it as text and never runs it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def separator(locale: str) -> str:
    """Excel in Dutch settings splits on semicolons, in English settings on commas."""
    return ";" if str(locale).startswith("nl") else ","


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]], locale: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator(locale), lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def csv_response(filename: str, text: str) -> Response:
    return Response(
        ("\ufeff" + text).encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )
