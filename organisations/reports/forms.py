"""The report's choice: a period (first and last day) and optionally one cohort. A GET form, so
a chosen report has an address that can be bookmarked and shared with colleagues."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from fields import DateField, SelectField

from .figures import Period

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
DATE_HINT = _l("Year, month and day, for example 2026-09-30.")
BAD_DATE = _l("Enter a real date from 2000 to 2099, for example 2026-09-30.")


class ReportForm(FlaskForm):
    class Meta:
        csrf = False  # it only chooses what to show

    start = DateField(
        _l("First day"),
        description=DATE_HINT,
        validators=[InputRequired(_l("Enter the first day of the period."))],
    )
    end = DateField(
        _l("Last day"),
        description=DATE_HINT,
        validators=[InputRequired(_l("Enter the last day of the period."))],
    )
    cohort = SelectField(_l("Cohort"), default="")

    def __init__(self, *args, cohorts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort.choices = [("", _l("Everyone")), *((c, c) for c in cohorts)]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in (self.start, self.end):
            typed = bool(field.raw_data and str(field.raw_data[0]).strip())
            if not typed:  # InputRequired says what to do; WTForms' parse error is noise
                field.errors = [e for e in field.errors if e not in field.process_errors]
            elif field.process_errors or not EARLIEST <= field.data <= LATEST:
                # WTForms' "Not a valid date value." is replaced by one that says what to type.
                field.errors = [BAD_DATE]
                valid = False
        if valid and self.start.data > self.end.data:
            self.end.errors = [_l("The last day must be the same as or after the first day.")]
            valid = False
        return valid

    @property
    def period(self) -> Period:
        return Period(self.start.data, self.end.data)

    @property
    def chosen_cohort(self) -> str | None:
        return self.cohort.data or None
