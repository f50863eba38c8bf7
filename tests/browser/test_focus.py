"""Focus that a person with low vision can see, measured on the pixels: each kind of button and
link is photographed unfocused and focused, and the pixels that changed must change by at least
3:1 (WCAG 1.4.11 and 2.4.7: the ring against what was there before it, its adjacent background),
over at least the element's perimeter. In the app's high contrast as well; under forced colours
(Windows contrast themes) the focused element must still look different. And at 320 px with the
largest text, a focused element is never hidden under anything (WCAG 2.4.11)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from accounts.models import Role
from extensions import db
from tests.factories import PASSWORD

PAD = 10  # px around the element: the ring is drawn outside it
# (kind, path, how to find it on the page)
KINDS = [
    ("primary button", "/account/profile", ("button", "Save my settings")),
    ("secondary button", "/account/profile", ("button", "Sign out everywhere")),
    ("warning button", "/account/delete", ("button", "Delete my account")),
    ("header Sign out", "/account/profile", ("button", "Sign out")),
    ("nav link", "/account/profile", ("link", "Dashboard")),
    ("Help link", "/account/profile", ("link", "Help")),
    ("in-text link", "/account/profile", ("link", "Download my data")),
    ("display setting", "/account/profile", ("button", "Nederlands")),
]


def _luminance(pixel) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = pixel[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _shot(page, clip) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")


def focus_change(page, locator) -> tuple[list[float], int]:
    """The contrast of every pixel that changed when `locator` took the keyboard focus, and the
    element's perimeter in px."""
    locator.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    box = locator.bounding_box()
    x, y = max(0, box["x"] - PAD), max(0, box["y"] - PAD)
    clip = {"x": x, "y": y, "width": box["width"] + 2 * PAD, "height": box["height"] + 2 * PAD}
    before = _shot(page, clip)
    locator.focus()
    assert locator.evaluate("el => el.matches(':focus-visible')"), "not focus-visible"
    after = _shot(page, clip)
    pixels = zip(before.get_flattened_data(), after.get_flattened_data(), strict=True)
    changed = [_contrast(a, b) for a, b in pixels if a != b]
    return changed, round(2 * (box["width"] + box["height"]))


@pytest.fixture
def learner_page(playwright_browser, live_app, make):
    """A signed-in learner's browser at desktop width; `page(contrast)` sets the contrast."""
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation)
    context = playwright_browser.new_context(
        base_url=live_app.config["BASE_URL"], viewport={"width": 1280, "height": 900}
    )
    answer = context.request.post(
        "/login", form={"email": learner.email, "password": PASSWORD}, max_redirects=0
    )
    assert answer.status == 302

    def page(contrast="normal", text_size="normal"):
        learner.contrast, learner.text_size = contrast, text_size
        db.session.commit()
        return context.new_page()

    yield page
    context.close()


def _element(page, how):
    role, name = how
    return page.get_by_role(role, name=name, exact=True).first


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_every_kind_of_control_shows_focus_at_3_to_1(learner_page, contrast):
    page = learner_page(contrast)
    weak = []
    for kind, path, how in KINDS:
        if not page.url.endswith(path):
            page.goto(path)
        changed, perimeter = focus_change(page, _element(page, how))
        strong = sum(1 for ratio in changed if ratio >= 3)
        if strong < perimeter:
            best = max(changed, default=1.0)
            weak.append(f"{kind}: {strong} px at 3:1 (needs {perimeter}), best {best:.2f}:1")
    assert not weak, f"focus too faint in {contrast} contrast:\n" + "\n".join(weak)


def test_focus_shows_under_forced_colours(learner_page):
    page = learner_page()
    page.emulate_media(forced_colors="active")
    invisible = []
    for kind, path, how in KINDS:
        if not page.url.endswith(path):
            page.goto(path)
        changed, perimeter = focus_change(page, _element(page, how))
        if len(changed) < perimeter:
            invisible.append(f"{kind}: {len(changed)} px changed (needs {perimeter})")
    assert not invisible, "focus not visible under forced colours:\n" + "\n".join(invisible)


def test_menu_button_shows_focus(learner_page):
    page = learner_page(text_size="larger")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/account/profile")
    changed, perimeter = focus_change(page, page.locator("summary", has_text="Menu"))
    assert sum(1 for ratio in changed if ratio >= 3) >= perimeter


def test_focus_is_never_hidden_at_320_px_with_larger_text(learner_page):
    page = learner_page(text_size="larger")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/account/profile")
    page.locator("summary", has_text="Menu").click()
    hidden = []
    for _ in range(40):
        page.keyboard.press("Tab")
        covered = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const r = el.getBoundingClientRect();
                const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
                const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
                const top = document.elementFromPoint(x, y);
                const seen = top && (el.contains(top) || top.contains(el) || el.labels
                    && [...el.labels].some(l => l.contains(top)));
                return seen ? null : el.outerHTML.slice(0, 80);
            }"""
        )
        if covered:
            hidden.append(covered)
    assert not hidden, "focused but covered:\n" + "\n".join(hidden)
