from . import Route, everyone

# Help is public: someone who cannot sign in needs it most, and no page holds anybody's data.
ROUTES = [
    Route("helpcentre.index", "GET", "/help/", everyone()),
    Route("helpcentre.page", "GET", "/help/logbook", everyone()),
    Route("helpcentre.search_page", "GET", "/help/search?q=logbook", everyone()),
    # The accessibility statement and its form: public, so someone who cannot sign in can report.
    Route("helpcentre.accessibility", "GET", "/help/accessibility", everyone()),
    Route(
        "helpcentre.accessibility",
        "POST",
        "/help/accessibility",
        everyone(),
        data=lambda world: {"what": "The menu is hidden at 400% zoom."},
    ),
]
