"""The conversation on the pair page: the two people write to each other while the pair runs and
can read it back once it ended. Staff never reach these pages (404, like every pair page)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from extensions import utcnow
from learner_markdown import render_markdown

from . import bp, services, views
from .forms import MessageForm


@bp.app_template_filter("message_markdown")
def message_markdown(text):
    """Rendered and cleaned exactly like logbook text: the same renderer."""
    return render_markdown(text)


def conversation(user, pair, form: MessageForm | None = None) -> dict:
    """What the pair page shows of the conversation; opening it reads the other's messages."""
    shown = services.has_conversation(pair)
    now = utcnow()
    messages = services.messages_of(user, pair, now) if shown else []
    return {
        "has_conversation": shown,
        "can_send": services.can_send(pair),
        "messages": messages,
        # Read just now, by opening this page: marked as new once.
        "new_messages": {m.id for m in messages if m.sender_id != user.id and m.read_at == now},
        "message_form": form or MessageForm(formdata=None),
    }


@bp.post("/mentoring/pairs/<int:pair_id>/messages")
@login_required
def send_message(pair_id):
    pair = views._pair(pair_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            services.send_message(current_user, pair, form.body.data or "")
        except services.MentoringError as error:
            if error.field is None:  # the pair no longer runs: nothing to correct in the text
                flash(error.message, "error")
                return redirect(url_for("mentoring.pair", pair_id=pair.id, _anchor="messages"))
            views._errors_to(form, error)
        else:
            flash(_("Your message has been sent."), "success")
            return redirect(url_for("mentoring.pair", pair_id=pair.id, _anchor="messages"))
    # The pair page again, with the error beside the box and the text typed still in it.
    return views.pair(pair_id=pair.id, message_form=form)
