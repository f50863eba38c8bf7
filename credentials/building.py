"""What goes into a credential: the Open Badges 3.0 objects built with openbadgeslib, in the
language of the person who collects it. Pure: no database, no request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import ngettext

from modules.content import Course
from modules.times import duration

if TYPE_CHECKING:
    from openbadgeslib.ob3 import (
        Evidence,
        IdentityObject,
        Issuer,
        OpenBadgeCredential,
    )


def _ob3():
    """openbadgeslib, imported by the first credential built, not when the app starts."""
    import openbadgeslib.ob3

    return openbadgeslib.ob3


EXCERPT_MAX = 1200  # characters of a logbook entry carried as evidence


@dataclass(frozen=True)
class EvidenceItem:
    title: str
    text: str
    read_by_mentor: bool


def issuer_of(issuer_id: str, name: str, url: str) -> Issuer:
    return _ob3().Issuer(id=issuer_id, name=name, url=url)


def recipient(email: str, salt: str, printed_name: str) -> list[IdentityObject]:
    """A salted hash of the email (never the address itself) and the name the person chose."""
    return [
        _ob3().IdentityObject.create(email.strip().lower(), salt=salt),
        _ob3().IdentityObject(identity_hash=printed_name, identity_type="name", hashed=False),
    ]


def excerpt(text: str) -> str:
    text = (text or "").strip()
    return text if len(text) <= EXCERPT_MAX else text[: EXCERPT_MAX - 1].rstrip() + "…"


def _evidence(items: list[EvidenceItem]) -> list[Evidence]:
    return [
        _ob3().Evidence(
            name=item.title,
            narrative=excerpt(item.text),
            genre=_("Logbook entry"),
            description=_("Read by mentor") if item.read_by_mentor else None,
        )
        for item in items
    ]


def workload_minutes(course: Course) -> int:
    return course.minutes + (course.logbook_minutes or 0)


def course_narrative(course: Course, language: str, pass_mark: int, out_of: int) -> str:
    """Criteria, workload, assessment and the learning outcomes per module, as Markdown."""
    lines = [
        _(
            "Read every section of the %(count)s modules and passed the self-assessment of "
            "each module.",
            count=len(course.modules),
        ),
        "",
        _("Workload: %(duration)s.", duration=duration(workload_minutes(course))),
        _(
            "Assessment: a self-assessment per module of multiple-choice questions, passed "
            "with at least %(mark)s of %(total)s answers right.",
            mark=pass_mark,
            total=out_of,
        ),
        "",
        _("Learning outcomes:"),
    ]
    for module in course.modules:
        text = module.text(language)
        lines.append("")
        lines.append(f"{module.number}. {text.title}")
        lines.extend(f"- {outcome}" for outcome in text.outcomes or text.objectives)
    return "\n".join(lines)


def course_credential(
    *,
    credential_url: str,
    issuer: Issuer,
    course: Course,
    language: str,
    identities: list[IdentityObject],
    evidence: list[EvidenceItem],
    pass_mark: int,
    out_of: int,
    issued_at: datetime,
) -> OpenBadgeCredential:
    title = course.title(language)
    assessments = [
        _ob3().ResultDescription(
            id=f"{credential_url}#assessment-{module.slug}",
            name=_("Self-assessment: %(module)s", module=module.text(language).title),
            result_type="Status",
            allowed_values=["Completed"],
            required_value="Completed",
        )
        for module in course.modules
    ]
    achievement = _ob3().Achievement(
        id=f"urn:herstart:course:{course.slug}",
        name=_("Certificate: %(course)s", course=title),
        description=course.summary(language),
        criteria_narrative=course_narrative(course, language, pass_mark, out_of),
        achievement_type="CertificateOfCompletion",
        result_descriptions=assessments,
    )
    return _ob3().OpenBadgeCredential(
        id=credential_url,
        issuer=issuer,
        recipient_id=None,
        achievement=achievement,
        issuance_date=issued_at,
        evidence=_evidence(evidence),
        identifiers=identities,
        results=[_ob3().Result(status="Completed", result_description=a.id) for a in assessments],
    )


def mentor_credential(
    *,
    credential_url: str,
    issuer: Issuer,
    identities: list[IdentityObject],
    hours: int,
    learned: str,
    issued_at: datetime,
) -> OpenBadgeCredential:
    achievement = _ob3().Achievement(
        id="urn:herstart:reverse-mentor",
        name=_("Reverse mentor"),
        description=_(
            "Mentored a starting entrepreneur of 45 or older, and learned from them in return."
        ),
        criteria_narrative="\n".join(
            [
                _(
                    "Mentored a starter through the Herstart programme of %(org)s until the "
                    "end, and completed the closing evaluation together.",
                    org=issuer.name,
                ),
                "",
                ngettext("Time given: %(num)s hour.", "Time given: %(num)s hours.", hours),
            ]
        ),
        achievement_type="Achievement",
    )
    return _ob3().OpenBadgeCredential(
        id=credential_url,
        issuer=issuer,
        recipient_id=None,
        achievement=achievement,
        issuance_date=issued_at,
        evidence=[_ob3().Evidence(name=_("What I learned, in my own words"), narrative=learned)],
        identifiers=identities,
    )
