"""Benchmark: the programme report for one organisation of 20,000 learners, 1,000 mentors,
10,000 pairs, 200,000 logbook entries and 60,000 quiz attempts (not a test; prints times).
Target: under one second each, on SQLite and on PostgreSQL.

Run: `.venv/bin/python bench/bench_reports.py` (SQLite), or with
`BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test` for PostgreSQL.
`--statements` also prints the time of each statement of the report, slowest first.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

from seed import analyse, bench_app, organisation_with_staff, seed_programme, sign_in

RUNS = 5


def timed(action, runs: int = RUNS) -> tuple[float, float]:
    """(median, worst) in milliseconds after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


class StatementTimes:
    """The time of each statement sent, while listening."""

    def __init__(self, engine):
        self.engine = engine
        self.times: list[tuple[float, str]] = []

    def before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["started"] = time.perf_counter()

    def after(self, conn, cursor, statement, parameters, context, executemany):
        took = (time.perf_counter() - conn.info.pop("started")) * 1000
        self.times.append((took, " ".join(statement.split())[:160]))

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self.before)
        event.listen(self.engine, "after_cursor_execute", self.after)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self.before)
        event.remove(self.engine, "after_cursor_execute", self.after)


def main() -> None:
    from extensions import db
    from organisations.reports.queries import build_report, default_period

    with bench_app() as (app, database):
        organisation, staff = organisation_with_staff()
        started = time.perf_counter()
        counts = seed_programme(organisation)
        analyse()
        took = time.perf_counter() - started
        print(f"{database}: seeded in {took:.1f} s")
        print("  " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
        period = default_period(date.today())

        def report(cohort=None):
            with app.app_context(), app.test_request_context():  # its own g, as a request has
                return build_report(organisation, period, cohort)

        with StatementTimes(db.engine) as statements:
            result = report()
        joined = result.table("reach").rows[1].figures[0].value
        print(f"report: {len(statements.times)} statements, {joined:,} participants in the period")
        median, worst = timed(report)
        print(f"build_report, every participant      {median:7.0f} ms (worst {worst:.0f} ms)")
        median, worst = timed(lambda: report("Cohort 2"))
        print(f"build_report, one cohort             {median:7.0f} ms (worst {worst:.0f} ms)")

        client = app.test_client()
        sign_in(client, staff)
        path = f"/organisations/{organisation.slug}/reports"
        response = client.get(path)
        if response.status_code != 200:
            print(f"GET {path}: {response.status_code} {response.headers.get('Location')}")
        else:
            median, worst = timed(lambda: client.get(path))
            print(f"GET {path}  {response.status_code}  {median:7.0f} ms (worst {worst:.0f} ms)")
        if "--statements" in sys.argv:
            with StatementTimes(db.engine) as statements:
                report()
            for took, statement in sorted(statements.times, reverse=True):
                print(f"{took:7.1f} ms  {statement}")


if __name__ == "__main__":
    main()
