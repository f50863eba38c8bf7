"""How long a module takes, in plain words: reading and the self-assessment, then the logbook.

The module's `minutes` cover reading and the self-assessment; the logbook time is the sum of
its assignments' estimates (`Module.logbook_minutes`), work spread over one or two weeks.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from .content import Module

SAY_HOURS_FROM = 90  # below this, minutes read more easily than "1½ hours"


def duration(minutes: int) -> str:
    """ "about 45 minutes", "about 3 hours", "about 2½ hours" (to the nearest half hour)."""
    if minutes < SAY_HOURS_FROM:
        return ngettext("about %(num)s minute", "about %(num)s minutes", minutes)
    half_hours = (minutes + 15) // 30  # halves round up, as people round a time
    hours, half = divmod(half_hours, 2)
    if half:
        return _("about %(hours)s½ hours", hours=hours)
    return ngettext("about %(num)s hour", "about %(num)s hours", hours)


def reading_time(module: Module, language: str) -> str:
    minutes = module.text(language).minutes
    return _("%(duration)s to read and do the self-assessment", duration=duration(minutes))


def logbook_time(module: Module) -> str | None:
    """None while an assignment has no estimate."""
    minutes = module.logbook_minutes
    if minutes is None:
        return None
    return _("%(duration)s for the logbook assignments", duration=duration(minutes))


def module_time(module: Module, language: str) -> str:
    """The module page's sentences: "About 50 minutes to read and do the self-assessment. The
    logbook assignments take about 3 hours, spread over one or two weeks." """
    reading = _(
        "About %(minutes)s minutes to read and do the self-assessment.",
        minutes=module.text(language).minutes,
    )
    minutes = module.logbook_minutes
    if minutes is None:
        return reading
    logbook = _(
        "The logbook assignments take %(duration)s, spread over one or two weeks.",
        duration=duration(minutes),
    )
    return f"{reading} {logbook}"
