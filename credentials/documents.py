"""What the person downloads: the badge image with the credential baked in (openbadgeslib's
baking), and a printable A4 certificate (WeasyPrint)."""

from __future__ import annotations

from flask import render_template
from markupsafe import escape
from openbadgeslib import baking

from .models import Credential


def _badge_svg(title: str, organisation: str) -> bytes:
    """A plain round badge: the credential it carries is what counts, not the drawing."""
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="{escape(title)}">
<circle cx="200" cy="200" r="190" fill="#1d4e89"/>
<circle cx="200" cy="200" r="165" fill="none" stroke="#ffffff" stroke-width="6"/>
<text x="200" y="150" text-anchor="middle" font-family="sans-serif" font-size="40" font-weight="bold" fill="#ffffff">Herstart</text>
<text x="200" y="215" text-anchor="middle" font-family="sans-serif" font-size="20" fill="#ffffff">{escape(title[:34])}</text>
<text x="200" y="265" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#ffffff">{escape(organisation[:40])}</text>
</svg>""".encode()


def baked_svg(row: Credential) -> bytes:
    """The badge with the signed credential inside, as Open Badges 3.0 describes for SVG."""
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
