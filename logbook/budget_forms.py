"""Forms of the five budgets: rows of a label and amounts typed in Dutch or English style.

Every amount box is a shared single-line text field checked by `Amount`, which parses it with
the budgets' one parser and keeps what was typed when it is refused."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, SelectChoice
from wtforms.validators import ValidationError

from fields import HiddenIntegerField, SelectField, StringField

from .budgets import MONTHS, VAT_RATES, YEARS, AmountError, parse_amount
from .forms import OUT_OF_DATE

MAX_ROWS = 60
BLANK_ROWS = 3

AMOUNT_REFUSALS = {
    "not_a_number": _l("Enter an amount in euro, like 1250 or 1.250,50."),
    "negative": _l("Enter an amount of zero or more; put costs in their own rows."),
    "too_large": _l("Enter an amount below one billion euro."),
}


class Amount:
    """Parses the typed amount into `field.cents`; a refusal says why in plain words."""

    def __init__(self, allow_negative: bool = False):
        self.allow_negative = allow_negative

    def __call__(self, form, field):
        try:
            field.cents = parse_amount(field.data or "", self.allow_negative)
        except AmountError as error:
            field.cents = 0
            raise ValidationError(AMOUNT_REFUSALS[error.reason]) from None


def _amount(label, allow_negative=False):
    return StringField(label, validators=[Amount(allow_negative)], default="")


class SimpleRowForm(Form):
    label = StringField(_l("Item"), default="")
    amount = _amount(_l("Amount"))


class PersonalRowForm(Form):
    label = StringField(_l("Item"), default="")
    group = SelectField(
        _l("Kind"),
        choices=[SelectChoice("cost", _l("Cost")), SelectChoice("income", _l("Other income"))],
        default="cost",
    )
    amount = _amount(_l("Amount per month"))


class OperatingRowForm(Form):
    label = StringField(_l("Item"), default="")
    group = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("turnover", _l("Turnover")),
            SelectChoice("cost_of_sales", _l("Cost of sales")),
            SelectChoice("fixed", _l("Fixed cost")),
        ],
        default="turnover",
    )
    year_1 = _amount(_l("Year 1"))
    year_2 = _amount(_l("Year 2"))
    year_3 = _amount(_l("Year 3"))


class CashRowForm(Form):
    label = StringField(_l("Item"), default="")
    group = SelectField(
        _l("Kind"),
        choices=[SelectChoice("receipt", _l("Receipt")), SelectChoice("payment", _l("Payment"))],
        default="receipt",
    )
    vat_rate = SelectField(
        _l("VAT"), choices=[SelectChoice(str(rate), f"{rate}%") for rate in VAT_RATES], default="21"
    )


for _month in range(1, MONTHS + 1):
    setattr(CashRowForm, f"month_{_month}", _amount(_l("Month %(n)s", n=_month)))

assert YEARS == 3  # OperatingRowForm has a field per year


class SimpleBudgetForm(FlaskForm):
    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)
    rows = FieldList(FormField(SimpleRowForm), max_entries=MAX_ROWS)


class PersonalBudgetForm(FlaskForm):
    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)
    estimated_tax = _amount(
        _l("Income tax you expect to pay on the first year's profit"),
    )
    rows = FieldList(FormField(PersonalRowForm), max_entries=MAX_ROWS)


class OperatingBudgetForm(FlaskForm):
    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)
    rows = FieldList(FormField(OperatingRowForm), max_entries=MAX_ROWS)


class CashBudgetForm(FlaskForm):
    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)
    opening = _amount(_l("Cash at the start of month 1"), allow_negative=True)
    rows = FieldList(FormField(CashRowForm), max_entries=MAX_ROWS)


FORMS: dict[str, type[FlaskForm]] = {
    "investment": SimpleBudgetForm,
    "financing": SimpleBudgetForm,
    "operating": OperatingBudgetForm,
    "cashflow": CashBudgetForm,
    "personal": PersonalBudgetForm,
}
