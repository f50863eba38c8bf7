"""The "Download my data" archive: an overview page, one JSON file per feature, the plan."""

from __future__ import annotations

import io
import json
import zipfile

from flask import render_template
from flask_babel import force_locale

from accounts.models import Role, User
from extensions import utcnow
from logbook.services import entries_of
from logbook.services.plan import plan_of
from modules.services import offered_courses
from personal_data import Export, Provider

from .labels import COLUMNS

PLAN_FILE = "business-plan.docx"


def collect(user_id: int, providers: tuple[Provider, ...]) -> dict[str, Export]:
    return {provider.name: provider.export(user_id) for provider in providers}


def business_plan(user: User, language: str) -> bytes | None:
    """The learner's business plan as the logbook's take-away builds it (DOCX)."""
    slugs: dict[str, object] = {}
    for membership in user.active_memberships:
        if membership.role == Role.LEARNER.value:
            for course in offered_courses(membership.organisation_id):
                slugs.setdefault(course.slug, course)
    entries = entries_of(user.id)
    if not slugs or not entries:
        return None
    # The one line that knows the logbook's plan documents (python-docx: loaded when needed).
    from logbook import plan_docx

    return plan_docx.as_docx(plan_of(user, list(slugs.values()), language))  # type: ignore[arg-type]


def build_zip(user: User, language: str, providers: tuple[Provider, ...]) -> bytes:
    with force_locale(language):
        data = collect(user.id, providers)
        document = business_plan(user, language)
        overview = render_template(
            "privacy/archive_index.html",
            person=user,
            providers=providers,
            data=data,
            plan_file=PLAN_FILE if document else None,
            labels=COLUMNS,
            made_at=utcnow(),
            language=language,
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", overview)
        for name, export in data.items():
            text = json.dumps(export, ensure_ascii=False, indent=2, sort_keys=True)
            archive.writestr(f"data/{name}.json", text)
        if document:
            archive.writestr(PLAN_FILE, document)
    return buffer.getvalue()
