"""Logging for every process: plain lines in development, one JSON object a line when
LOG_FORMAT=json. Each record carries the signed-in person's id and the request, never more."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

PLAIN = "%(asctime)s %(levelname)s %(name)s [user=%(user)s %(method)s %(path)s] %(message)s"


class RequestContext(logging.Filter):
    """Adds who and where: the user id (or '-') and the request's method and path."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.user, record.method, record.path = "-", "-", "-"
        try:
            from flask import g, has_request_context, request

            if has_request_context():
                record.method, record.path = request.method, request.path
                # Only a person Flask-Login already loaded: logging never queries the database.
                user = g.get("_login_user")
                if user is not None and getattr(user, "is_authenticated", False):
                    record.user = str(user.id)
        except Exception:  # logging must never fail a request
            pass
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "user": getattr(record, "user", "-"),
            "method": getattr(record, "method", "-"),
            "path": getattr(record, "path", "-"),
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(log_format: str, level: str) -> None:
    """One handler on the root logger, so every module's `getLogger(__name__)` reaches it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestContext())
    handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(PLAIN))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "herstart", False)]:
        root.removeHandler(old)
    handler.herstart = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
