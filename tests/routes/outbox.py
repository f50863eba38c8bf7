from . import Route, only

ROUTES = [
    Route("outbox.index", "GET", "/outbox/", only("admin")),
    Route("outbox.retry", "POST", "/outbox/1/retry", only("admin")),
]
