"""Row labels the report shares between tables, translated when the report is built."""

from __future__ import annotations

from flask_babel import gettext as _

from outcomes.models import Financing, Moment, Situation

NOT_GIVEN = "not-given"


def situation_labels() -> dict[str, str]:
    return {
        Situation.EMPLOYED: _("Employed"),
        Situation.SELF_EMPLOYED: _("Self-employed"),
        Situation.LOOKING: _("Unemployed and looking for work"),
        Situation.NOT_LOOKING: _("Not working and not looking for work"),
        Situation.EDUCATION: _("In education or training"),
        NOT_GIVEN: _("Not given"),
    }


def age_band_labels() -> dict[str, str]:
    return {
        "45-54": _("45 to 54"),
        "55-64": _("55 to 64"),
        "65+": _("65 and over"),
        "under-45": _("Under 45"),
        NOT_GIVEN: _("Not given"),
    }


def moment_labels() -> dict[str, str]:
    return {
        Moment.LEAVING: _("At leaving"),
        Moment.MONTH_6: _("After 6 months"),
        Moment.MONTH_12: _("After 12 months"),
    }


def financing_labels() -> dict[str, str]:
    return {
        Financing.NONE: _("No financing"),
        Financing.SAVINGS: _("Own savings"),
        Financing.BANK: _("Bank loan"),
        Financing.MICROCREDIT: _("Microcredit"),
        Financing.BENEFIT_SCHEME: _("Scheme of the benefits office"),
        Financing.OTHER: _("Other financing"),
    }
