"""Benchmark: a CSV import of 5,000 new people, from upload through preview to the confirmed
import with 5,000 invitations queued (not a test; prints the times). The target: within
10 seconds on SQLite and on PostgreSQL.

Run: `.venv/bin/python bench/bench_import.py` (SQLite), or with
`BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test` for PostgreSQL.
"""

from __future__ import annotations

import io
import re
import time

from seed import analyse, bench_app, organisation_with_staff, seed_members, sign_in

ROWS = 5000


def csv_file() -> bytes:
    lines = ["e-mailadres;naam;rol;taal;groep"]
    # A tenth are people who are members already: they get a role added instead.
    for n in range(ROWS):
        if n % 10 == 0:
            lines.append(f"learner{n}@bench.example;Learner {n};mentor;nl;Voorjaar")
        else:
            lines.append(f"new{n}@bench.example;Nieuwe Deelnemer {n};deelnemer;nl;Voorjaar")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def main() -> None:
    with bench_app() as (app, database):
        organisation, staff = organisation_with_staff()
        seed_members(organisation, ROWS, entries_per_learner=0)
        analyse()
        client = app.test_client()
        sign_in(client, staff)
        url = f"/organisations/{organisation.slug}/people/import"
        started = time.perf_counter()
        response = client.post(
            url,
            data={"file": (io.BytesIO(csv_file()), "cohort.csv")},
            content_type="multipart/form-data",
        )
        preview = time.perf_counter() - started
        payload = re.search(r'name="payload" type="hidden" value="([^"]*)"', response.text)
        started = time.perf_counter()
        done = client.post(f"{url}/confirm", data={"payload": payload.group(1)})
        confirm = time.perf_counter() - started
        from accounts.models import Invitation
        from extensions import db
        from outbox.models import OutboxMessage

        invitations = db.session.scalar(db.select(db.func.count()).select_from(Invitation))
        queued = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage))
        print(
            f"{database}: {ROWS:,} rows: preview {preview:.2f} s, confirm {confirm:.2f} s "
            f"(status {done.status_code}); total {preview + confirm:.2f} s; "
            f"{invitations:,} invitations, {queued:,} emails queued"
        )
        done.close()  # delivery of the queued mail happens here, after the commit: not timed


if __name__ == "__main__":
    main()
