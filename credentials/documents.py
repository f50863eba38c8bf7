"""What the person downloads: the badge image with the credential baked in (openbadgeslib's
baking), and a printable A4 certificate (WeasyPrint)."""

from __future__ import annotations

from flask import render_template

from .models import Credential


def _badge_svg(title: str, organisation: str) -> bytes:
    """A plain round badge: the credential it carries is what counts, not the drawing."""
    return render_template("credentials/badge.svg", title=title, organisation=organisation).encode()


def baked_svg(row: Credential) -> bytes:
    """The badge with the signed credential inside, as Open Badges 3.0 describes for SVG."""
    from openbadgeslib import baking  # imported when used: a leaner start

    return baking.bake_svg(
        _badge_svg(row.title, row.organisation.name),
        row.jwt,
        element=baking.SVG_ELEMENT_OB3,
        namespace=baking.SVG_NS_OB3,
    )


def certificate_pdf(row: Credential, verify_url: str, issued_on: str) -> bytes:
    from weasyprint import HTML

    html = render_template(
        "credentials/certificate_pdf.html", row=row, verify_url=verify_url, issued_on=issued_on
    )
    return HTML(string=html).write_pdf()
