"""The words of the programme: default themes, sectors, languages, time slots and their labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# The course's own themes first, then what younger mentors often bring.
DEFAULT_THEMES = {
    "mindset": _l("Starting out: an entrepreneur's mindset"),
    "opportunities": _l("Turning experience into a business idea"),
    "business-model": _l("Testing the idea and the business model"),
    "money": _l("Money matters: costs, prices and funding"),
    "customers": _l("Reaching customers and marketing"),
    "launch": _l("Launch and the first 90 days"),
    "digital-tools": _l("Digital tools"),
    "social-media": _l("Social media"),
    "ai-tools": _l("AI tools"),
    "sales": _l("Sales"),
    "finance": _l("Finance and bookkeeping"),
    "legal": _l("Legal matters and permits"),
    "networking": _l("Networking"),
}

PRIORITIES = {
    0: _l("Not now"),
    1: _l("Nice to have"),
    2: _l("Important"),
    3: _l("Very important"),
}

SECTORS = {
    "retail": _l("Shop or retail"),
    "hospitality": _l("Hospitality and food"),
    "crafts": _l("Crafts and making"),
    "care": _l("Care and well-being"),
    "construction": _l("Building and technical work"),
    "creative": _l("Creative work and media"),
    "it": _l("IT and software"),
    "services": _l("Business services and consulting"),
    "education": _l("Teaching and training"),
    "agriculture": _l("Farming and nature"),
    "other": _l("Something else"),
}

LANGUAGES = {
    "nl": _l("Dutch"),
    "en": _l("English"),
    "fr": _l("French"),
    "de": _l("German"),
    "ar": _l("Arabic"),
    "tr": _l("Turkish"),
    "pl": _l("Polish"),
    "es": _l("Spanish"),
}

MANNERS = {
    "online": _l("Online"),
    "in_person": _l("In person"),
    "either": _l("Either is fine"),
}

MEETING_MANNERS = {
    "online": _l("Online"),
    "in_person": _l("In person"),
    "phone": _l("By phone"),
}

SLOTS = {
    "weekday_mornings": _l("Weekday mornings"),
    "weekday_afternoons": _l("Weekday afternoons"),
    "weekday_evenings": _l("Weekday evenings"),
    "weekends": _l("Weekends"),
}

INTERVALS = {
    7: _l("Every week"),
    14: _l("Every two weeks"),
    21: _l("Every three weeks"),
    30: _l("Every month"),
    42: _l("Every six weeks"),
}

COMPONENT_LABELS = {
    "coverage": _l("Needs covered by the mentor's offer"),
    "shared": _l("Shared themes"),
    "logistics": _l("Time, place and way of meeting"),
    "bonds": _l("Something in common"),
    "sector": _l("Same sector"),
}

FILTER_LABELS = {
    "same_person": _l("the same person"),
    "no_capacity": _l("the mentor has no place left"),
    "paired_before": _l("they were paired before"),
    "no_language": _l("no shared language"),
    "manner": _l("one wants to meet online only, the other in person only"),
    "region": _l("they want to meet in person but live in different regions"),
    "no_time": _l("no overlap in available times"),
}

HEALTH_LABELS = {
    "too_early": _l("Too early to tell"),
    "on_track": _l("On track"),
    "needs_checkin": _l("Needs a check-in"),
    "stalled": _l("Stalled"),
}

PAIR_STATE_LABELS = {
    "proposed": _l("Waiting for both to accept"),
    "declined": _l("Declined"),
    "accepted": _l("Accepted: kick-off next"),
    "active": _l("Active"),
    "ended": _l("Ended"),
    "rematched": _l("Ended for a new match"),
}

CHARTER_STATE_LABELS = {
    "draft": _l("Not signed yet"),
    "signed_by_one": _l("Signed by one of you"),
    "signed": _l("Signed by both"),
    "superseded": _l("Replaced by a newer version"),
}

LIGHT_LABELS = {
    "green": _l("Green: going well"),
    "amber": _l("Amber: keep an eye on it"),
    "red": _l("Red: needs action"),
}

LEVEL_LABELS = {
    "very_good": _l("A very good fit"),
    "good": _l("A good fit"),
    "reasonable": _l("A reasonable fit"),
}

BOND_LABELS = {
    "studied_at": _l("studied at"),
    "hobbies": _l("hobby"),
    "volunteering": _l("volunteering"),
    "home_town": _l("home town"),
}


def words() -> dict:
    """Everything a template needs to turn stored keys into words."""
    return {
        "priorities": PRIORITIES,
        "sectors": SECTORS,
        "languages": LANGUAGES,
        "manners": MANNERS,
        "meeting_manners": MEETING_MANNERS,
        "slots": SLOTS,
        "intervals": INTERVALS,
        "components": COMPONENT_LABELS,
        "filters": FILTER_LABELS,
        "health": HEALTH_LABELS,
        "pair_states": PAIR_STATE_LABELS,
        "charter_states": CHARTER_STATE_LABELS,
        "lights": LIGHT_LABELS,
        "levels": LEVEL_LABELS,
        "bond_kinds": BOND_LABELS,
    }
