"""Benchmark: the staff member list and learners overview with 20,000 members and 200,000
logbook entries (not a test; prints the time of each page).

Run: `.venv/bin/python bench/bench_members.py` (SQLite), or with
`BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test` for PostgreSQL.
"""

from __future__ import annotations

import time

from seed import analyse, bench_app, organisation_with_staff, seed_members, sign_in

MEMBERS = 20_000

PAGES = [
    ("members, by name", "/people"),
    ("members, search", "/people?q=learner+1234"),
    ("members, by last activity", "/people?sort=activity"),
    ("members, no activity for 30 days", "/people?state=quiet"),
    ("members, page 300", "/people?page=300"),
    ("learners, by name", "/learners"),
    ("learners, by joined", "/learners?sort=joined"),
    ("member list CSV export", "/people.csv"),
]


def main() -> None:
    with bench_app() as (app, database):
        organisation, staff = organisation_with_staff()
        started = time.perf_counter()
        seed_members(organisation, MEMBERS)
        analyse()
        print(f"{database}: seeded {MEMBERS:,} members in {time.perf_counter() - started:.1f} s")
        client = app.test_client()
        sign_in(client, staff)
        for label, path in PAGES:
            client.get(f"/organisations/{organisation.slug}{path}")  # warm up
            started = time.perf_counter()
            response = client.get(f"/organisations/{organisation.slug}{path}")
            took = time.perf_counter() - started
            print(f"{label:36} {response.status_code}  {took * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
