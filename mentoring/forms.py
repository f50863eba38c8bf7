"""Forms of the mentee's and mentor's pages. Every field is optional unless the issue says not."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from fields import (
    CheckboxesField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    strip,
)

from . import vocabulary as v
from .health import DEFAULT_REPLY_DAYS, REPLY_DAYS


def _choices(labels) -> list[SelectChoice]:
    return [SelectChoice(str(key), label) for key, label in labels.items()]


class IntakeBase(FlaskForm):
    role = RadioField(
        _l("What would you like from the programme?"),
        choices=[
            SelectChoice("mentee", _l("I would like a mentor")),
            SelectChoice("mentor", _l("I would like to mentor someone")),
            SelectChoice("both", _l("Both")),
        ],
        validators=[
            InputRequired(_l("Choose whether you want a mentor, want to mentor, or both."))
        ],
        # The service refuses a role the person's memberships do not allow, with a message that
        # says why; WTForms would only say "Not a valid choice".
        validate_choice=False,
    )
    offers = CheckboxesField(
        _l("Themes you can help others with"),
        description=_l("Choose as many as you like, or none."),
    )
    languages = CheckboxesField(
        _l("Languages you can have a conversation in"), choices=_choices(v.LANGUAGES)
    )
    manner = RadioField(
        _l("How would you like to meet?"),
        choices=_choices(v.MANNERS),
        default="either",
        validators=[Optional()],
    )
    region = StringField(
        _l("Your town or region"),
        description=_l("Only needed to meet in person, for example Utrecht or Gent."),
        validators=[Optional(), Length(max=80, message=_l("Keep it under 80 characters."))],
    )
    availability = CheckboxesField(_l("When are you usually free?"), choices=_choices(v.SLOTS))
    studied_at = StringField(
        _l("Where did you study or train?"),
        validators=[Optional(), Length(max=120, message=_l("Keep it under 120 characters."))],
    )
    hobbies = StringField(
        _l("Hobbies"),
        description=_l("Separate them with commas, for example: tennis, choir, gardening."),
        validators=[Optional(), Length(max=200, message=_l("Keep it under 200 characters."))],
    )
    volunteering = StringField(
        _l("Volunteering"),
        description=_l("For example: the food bank."),
        validators=[Optional(), Length(max=120, message=_l("Keep it under 120 characters."))],
    )
    home_town = StringField(
        _l("Where did you grow up?"),
        validators=[Optional(), Length(max=80, message=_l("Keep it under 80 characters."))],
    )
    sector = SelectField(
        _l("Sector of your (future) business"),
        choices=[SelectChoice("", _l("Not sure yet")), *_choices(v.SECTORS)],
        validators=[Optional()],
    )
    introduction = TextAreaField(
        _l("A short introduction"),
        description=_l("A few lines about yourself. The person you are matched with will read it."),
        filters=[strip],
        validators=[Optional(), Length(max=1000, message=_l("Keep it under 1,000 characters."))],
    )
    capacity = RadioField(
        _l("If you mentor: how many people at the same time?"),
        choices=[SelectChoice(str(n), str(n)) for n in range(1, 6)],
        default="1",
        validators=[Optional()],
    )


def intake_form(themes: dict[str, str], roles: list[str], **kwargs) -> IntakeBase:
    """The survey with one priority question per theme of the organisation's list, offering only
    the `roles` the person's memberships allow (the one there is, chosen already)."""

    class IntakeForm(IntakeBase):
        pass

    for slug, label in themes.items():
        setattr(
            IntakeForm,
            f"want_{slug}",
            SelectField(
                label, choices=_choices(v.PRIORITIES), default="0", validators=[Optional()]
            ),
        )
    form = IntakeForm(**kwargs)
    form.role.choices = [c for c in form.role.choices if c.value in roles]
    if len(roles) == 1 and not form.is_submitted() and form.role.data not in roles:
        form.role.data = roles[0]
    form.offers.choices = [SelectChoice(slug, label) for slug, label in themes.items()]
    form.want_fields = [form[f"want_{slug}"] for slug in themes]
    return form


def intake_answers(form: IntakeBase, themes: dict[str, str]) -> dict:
    answers = {
        name: form[name].data
        for name in (
            "role",
            "offers",
            "languages",
            "manner",
            "region",
            "availability",
            "studied_at",
            "hobbies",
            "volunteering",
            "home_town",
            "sector",
            "introduction",
            "capacity",
        )
    }
    answers["wants"] = {slug: int(form[f"want_{slug}"].data or 0) for slug in themes}
    return answers


def intake_data(survey) -> dict:
    """A saved survey as form data, to fill the form in again."""
    data = {
        name: getattr(survey, name)
        for name in (
            "role",
            "offers",
            "languages",
            "manner",
            "region",
            "availability",
            "studied_at",
            "hobbies",
            "volunteering",
            "home_town",
            "sector",
            "introduction",
        )
    }
    data["capacity"] = str(survey.capacity)
    for slug, priority in (survey.wants or {}).items():
        data[f"want_{slug}"] = str(priority)
    return data


class AnswerForm(FlaskForm):
    decision = RadioField(
        _l("Would you like to start with this person?"),
        choices=[
            SelectChoice("accept", _l("Yes, I accept")),
            SelectChoice("decline", _l("No, I decline")),
        ],
        validators=[InputRequired(_l("Choose yes or no."))],
    )
    reason = TextAreaField(
        _l("If you decline: why? (optional)"),
        description=_l("This helps staff find a better match for you."),
        filters=[strip],
        validators=[Optional(), Length(max=500, message=_l("Keep it under 500 characters."))],
    )


class GoalForm(Form):
    goal = StringField(
        _l("Goal"),
        validators=[Optional(), Length(max=200, message=_l("Keep it under 200 characters."))],
    )
    measure = StringField(
        _l("How will you know it is reached?"),
        validators=[Optional(), Length(max=200, message=_l("Keep it under 200 characters."))],
    )
    by = DateField(_l("By when?"), validators=[Optional()])


class CharterForm(FlaskForm):
    interval_days = RadioField(
        _l("How often will you meet?"),
        choices=_choices(v.INTERVALS),
        default="14",
        validators=[InputRequired(_l("Choose how often you will meet."))],
    )
    manner = RadioField(
        _l("How will you meet?"),
        choices=_choices(v.MANNERS),
        default="either",
        validators=[InputRequired(_l("Choose how you will meet."))],
    )
    # replies
    reply_days = RadioField(
        _l("The mentor answers a logbook entry within"),
        description=_l("Counted from the day the mentee sends the entry."),
        choices=[
            SelectChoice(str(n), lazy_ngettext("%(num)d day", "%(num)d days", n))
            for n in REPLY_DAYS
        ],
        default=str(DEFAULT_REPLY_DAYS),
        validators=[Optional()],  # left out: the default (forms from before this field)
        invalid_choice_message=_l("Choose one of the numbers of days shown."),
    )
    goals = FieldList(FormField(GoalForm), min_entries=3, max_entries=3)
    mentor_learns = TextAreaField(
        _l("What does the mentor want to learn from the mentee?"),
        description=_l("Mentoring works both ways: write what the mentor hopes to learn."),
        filters=[strip],
        validators=[Optional(), Length(max=1000, message=_l("Keep it under 1,000 characters."))],
    )


class MeetingForm(FlaskForm):
    held_on = DateField(
        _l("Date of the meeting"),
        validators=[InputRequired(_l("Enter the date of the meeting."))],
    )
    minutes = IntegerField(
        _l("How long did it take, in minutes? (optional)"),
        validators=[Optional()],
        minimum=1,
        maximum=600,
        message=_l("Enter a number of minutes from 1 to 600."),
    )
    manner = RadioField(
        _l("How did you meet?"),
        choices=_choices(v.MEETING_MANNERS),
        default="online",
        validators=[InputRequired(_l("Choose how you met."))],
    )
    topics = StringField(
        _l("Topics"),
        description=_l("A few words. Staff do not see them."),
        validators=[Optional(), Length(max=300, message=_l("Keep it under 300 characters."))],
    )
    notes = TextAreaField(
        _l("Private notes of the two of you"),
        description=_l("Only you and your mentoring partner can read these notes."),
        filters=[strip],
        validators=[Optional(), Length(max=5000, message=_l("Keep it under 5,000 characters."))],
    )


class EvaluationForm(FlaskForm):
    usefulness = RadioField(
        _l("How useful was the mentoring for you?"),
        choices=[
            SelectChoice("4", _l("Very useful")),
            SelectChoice("3", _l("Useful")),
            SelectChoice("2", _l("A little useful")),
            SelectChoice("1", _l("Not useful")),
        ],
        validators=[InputRequired(_l("Choose how useful the mentoring was."))],
    )
    learned = TextAreaField(
        _l("What did you learn or achieve?"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("Keep it under 2,000 characters."))],
    )
    learned_from_other = TextAreaField(
        _l("What did you learn from the other person?"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("Keep it under 2,000 characters."))],
    )
    recommend = RadioField(
        _l("Would you recommend the programme to others?"),
        choices=[
            SelectChoice("yes", _l("Yes")),
            SelectChoice("no", _l("No")),
            SelectChoice("unsure", _l("Not sure")),
        ],
        validators=[Optional()],
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class MessageForm(FlaskForm):
    """A message to the other person of the pair; its rules (not empty, how long) live in the
    service, so the page and the service say the same."""

    body = TextAreaField(
        _l("Your message"),
        description=_l(
            "Leave an empty line between paragraphs. Paste a link as it is; it becomes clickable."
        ),
    )


# --- meetings ---

MEETING_LENGTH_CHOICES = [
    SelectChoice("30", _l("30 minutes")),
    SelectChoice("45", _l("45 minutes")),
    SelectChoice("60", _l("1 hour")),
    SelectChoice("90", _l("1 and a half hours")),
    SelectChoice("120", _l("2 hours")),
]


def _meeting_day(label):
    return DateField(
        label,
        validators=[InputRequired(_l("Enter the date of the meeting."))],
        invalid_value_message=_l("Enter a real date: day, month and year."),
    )


def _meeting_time(label):
    return TimeField(
        label,
        description=_l("Amsterdam time, in hours and minutes, for example 14:00."),
        validators=[InputRequired(_l("Enter the time the meeting starts."))],
        invalid_value_message=_l("Enter a real time, for example 14:00."),
    )


class _MeetingTime:
    """A date and time on the Amsterdam clock, refused when it has passed (the service refuses it
    too; here it shows beside the other mistakes at once)."""

    def validate_day(self, field) -> None:
        from extensions import utcnow

        from .calendar import local_to_utc

        if field.data and self.time.data and local_to_utc(field.data, self.time.data) <= utcnow():
            raise ValidationError(_l("Choose a date and time in the future."))


class ProposeMeetingForm(_MeetingTime, FlaskForm):
    day = _meeting_day(_l("Date"))
    time = _meeting_time(_l("Start time"))
    minutes = RadioField(
        _l("How long?"),
        choices=MEETING_LENGTH_CHOICES,
        default="60",
        validators=[InputRequired(_l("Choose how long the meeting takes."))],
    )
    place = StringField(
        _l("Where: an address or a video link"),
        description=_l(
            "For example: Café De Zon, Oudegracht 12, Utrecht, or a link to a video call."
        ),
        validators=[
            InputRequired(_l("Enter an address or a video link.")),
            Length(max=300, message=_l("Keep it under 300 characters.")),
        ],
    )
    topic = StringField(
        _l("Topic"),
        description=_l("What would you like to talk about? (optional)"),
        validators=[Optional(), Length(max=200, message=_l("Keep it under 200 characters."))],
    )


class OtherTimeForm(_MeetingTime, FlaskForm):
    day = _meeting_day(_l("New date"))
    time = _meeting_time(_l("New start time"))
    note = StringField(
        _l("A short note (optional)"),
        description=_l("For example: mornings suit me better."),
        validators=[Optional(), Length(max=300, message=_l("Keep it under 300 characters."))],
    )
