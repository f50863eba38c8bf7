"""The query plans of the pages bench/run.py loads: which statements scan a whole table.

    .venv/bin/python bench/explain.py [--scale 0.01] [--all]
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/explain.py

Each page is requested once in process; each of its statements is explained (SQLite's EXPLAIN
QUERY PLAN, PostgreSQL's EXPLAIN) and the lines that read a table without an index are printed
(with --all: every plan line), with the indexes the plans use.
"""

from __future__ import annotations

import argparse
import re

from run import people_and_pages, scaled
from seed import analyse, bench_app, organisation_with_staff, seed_programme, sign_in

SCAN = re.compile(r"^SCAN (\w+)(?! USING)|Seq Scan on (\w+)")
INDEX = re.compile(r"\b(ix_\w+|uq_\w+|sqlite_autoindex_\w+|\w+_pkey)\b")


def statements_of(app, client, path: str) -> list[tuple[str, object]]:
    from sqlalchemy import event

    from extensions import db

    found: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        found.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    with app.app_context():
        client.get(path)
    event.remove(db.engine, "before_cursor_execute", keep)
    return found


def plan(statement: str, parameters) -> list[str]:
    from extensions import db

    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            return [row[3] for row in rows]
        return [row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--all", action="store_true", help="print every plan line")
    args = parser.parse_args()
    with bench_app() as (app, database):
        organisation, staff = organisation_with_staff()
        seed_programme(organisation, **scaled(args.scale))
        analyse()
        people, pages = people_and_pages(app, organisation, staff)
        clients = {role: app.test_client() for role in people}
        for role, client in clients.items():
            sign_in(client, people[role])
        used: set[str] = set()
        for page, (role, path) in pages.items():
            print(f"== {page} ({database}) {path}")
            for statement, parameters in statements_of(app, clients[role], path):
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                lines = plan(statement, parameters)
                used.update(m for line in lines for m in INDEX.findall(line))
                scans = [line for line in lines if args.all or SCAN.search(line.strip())]
                if scans:
                    print("  " + " ".join(statement.split())[:150])
                    for line in scans:
                        print("     " + line.strip())
        print("== indexes the plans use: " + ", ".join(sorted(used)))


if __name__ == "__main__":
    main()
