"""Static files (CSS, scripts) kept by browsers for a year, under an address that changes with
their content: `url_for("static", ...)` adds `?v=<hash of the file>`, and the file served under
its current hash is marked immutable. A page then loads with one request instead of one per
file (checking whether the style sheet changed used to cost a round trip each time, and signed-in
pages even fetched it whole). An address with an old or no hash is answered as before, to be
checked again next time, so a changed file is never served stale."""

from __future__ import annotations

import hashlib
import os

from flask import Flask, current_app, request

YEAR = 365 * 24 * 3600


def _version(app: Flask, filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256, kept until the file changes."""
    path = os.path.join(app.static_folder or "", filename)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    versions = app.extensions.setdefault("static_versions", {})
    if key not in versions:
        with open(path, "rb") as file:
            versions[key] = hashlib.sha256(file.read()).hexdigest()[:12]
    return versions[key]


def init_app(app: Flask) -> None:
    @app.url_defaults
    def versioned(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = _version(app, values["filename"])
            if version:
                values["v"] = version

    def static(filename: str):
        response = current_app.send_static_file(filename)
        if request.args.get("v") and request.args["v"] == _version(current_app, filename):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response

    app.view_functions["static"] = static
