from . import Route, everyone

# Help is public: someone who cannot sign in needs it most, and no page holds anybody's data.
ROUTES = [
    Route("helpcentre.index", "GET", "/help/", everyone()),
    Route("helpcentre.page", "GET", "/help/logbook", everyone()),
    Route("helpcentre.search_page", "GET", "/help/search?q=logbook", everyone()),
]
