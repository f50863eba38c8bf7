"""Route inventory of the pair's messages: only the two people of the pair may post (404 to
everybody else, staff included, as for every pair page)."""

from . import Route
from .mentoring import PAIR_PEOPLE, _pair, pair_url

ROUTES = [
    Route(
        "mentoring.send_message",
        "POST",
        pair_url("/messages"),
        PAIR_PEOPLE,
        setup=_pair,
        data=lambda w: {"body": "Shall we meet on Tuesday?"},
    ),
]
