"""Building waiting archives outside requests: the RQ worker's job and the cron command's loop.
Each archive is its own unit of work: one that fails leaves the others built."""

from __future__ import annotations

import logging

from outbox.unit import unit_of_work

from . import services

logger = logging.getLogger(__name__)

QUEUE = "privacy"


def build_export_job(export_id: int) -> None:
    """What `flask privacy worker` runs: the worker holds the app context."""
    with unit_of_work():
        services.build_claimed(export_id)


def build_waiting(limit: int = 20) -> int:
    built = 0
    for export_id in services.waiting_ids(limit):
        try:
            with unit_of_work():
                built += services.build_claimed(export_id)
        except Exception:
            logger.exception("data export failed export=%s; it waits for the next run", export_id)
    return built


def enqueue_after_commit(app, export_id: int) -> None:
    """With REDIS_URL, hand the waiting archive to the worker; without, cron builds it."""
    if not app.config.get("REDIS_URL"):
        return
    try:
        from redis import Redis
        from rq import Queue

        queue = Queue(QUEUE, connection=Redis.from_url(app.config["REDIS_URL"]))
        queue.enqueue(build_export_job, export_id)
    except Exception:
        logger.exception("enqueueing data export failed export=%s; cron builds it", export_id)
